/*
 * pack_read.h -- the rule-pack reader's state and helpers, shared by
 * pack_read.c (the pack, its terms, parameters and rules) and
 * pack_logic.c (conditions, selectors and checks).
 */
#ifndef PROCSEC_PACK_READ_H
#define PROCSEC_PACK_READ_H

#include "json_walk.h"
#include "pack.h"

struct term {
	const char *name;
	long pattern;
};

struct pack_reader {
	struct ps_walk walk; /* first: the walk's report finds the reader */
	procsec_ruleset *rules;
	procsec_diags *diags;
	procsec_error *err;
	const char *source;
	long pack;           /* index of the pack being read */
	const char *rule_id; /* the rule being read, for messages */
	int failed;
	struct ps_vec terms; /* struct term, this pack's */
	struct ps_vec facts; /* const char *, facts this pack declares */
	struct ps_vec ids;   /* struct seen_id: rule ids of this pack */
};

struct seen_id {
	const char *id;
	int line, column;
};

/* Starts and ends a reading; ps_pr_done returns its error code. */
void ps_pr_init(struct pack_reader *r, procsec_ruleset *rules,
                const struct ps_json *json, procsec_diags *diags,
                procsec_error *err);
int ps_pr_done(struct pack_reader *r);

void *ps_pr_alloc(struct pack_reader *r, size_t size);
const char *ps_pr_strdup(struct pack_reader *r, const char *s);
int ps_pr_fail_at(struct pack_reader *r, const cJSON *node, const char *fmt,
                  ...) PS_PRINTF(3, 4);
void ps_pr_unknown(struct pack_reader *r, const cJSON *node, const char *what,
                   const char *name, const char *const *known);

/* Typed readers of a value at the current pointer; NULL (or 0, or -1)
 * after reporting a problem. */
const char *ps_pr_string(struct pack_reader *r, const cJSON *node);
const char *ps_pr_fact(struct pack_reader *r, const cJSON *node);
long ps_pr_pattern(struct pack_reader *r, const cJSON *node);
int ps_pr_number(struct pack_reader *r, const cJSON *node,
                 struct ps_number *out);
struct ps_cond *ps_pr_cond(struct pack_reader *r, const cJSON *node);
struct ps_check *ps_pr_check(struct pack_reader *r, const cJSON *node);

/* Reads object[key] with one of the readers above; a missing key is a
 * problem. */
const char *ps_pr_member(struct pack_reader *r, const cJSON *object,
                         const char *key, const char *what,
                         const char *(*fn)(struct pack_reader *r,
                                           const cJSON *node));
struct ps_cond *ps_pr_cond_member(struct pack_reader *r, const cJSON *object,
                                  const char *key);
struct ps_check *ps_pr_check_member(struct pack_reader *r,
                                    const cJSON *object, const char *key);

/* object[key], a string or an array of strings, each one of choices
 * (when given; label names them in messages), into out (when given).
 * Absent: an empty list. */
int ps_pr_string_list_member(struct pack_reader *r, const cJSON *object,
                             const char *key, const char *label,
                             const char *const *choices,
                             struct ps_string_list *out);

/* A text in sv and en; what names the object when the text is required
 * ("the rule"), NULL when it is optional. */
int ps_pr_text(struct pack_reader *r, const cJSON *object, const char *key,
               struct ps_text *out, const char *what);
int ps_pr_period(struct pack_reader *r, const cJSON *object,
                 struct ps_period *out);

/* Reports a malformed date as precisely as it can. */
int ps_pr_bad_date(struct pack_reader *r, const cJSON *node, const char *s);

/* The node as compact JSON text, in the rule set's arena. */
const char *ps_pr_json_text(struct pack_reader *r, const cJSON *node);

#endif
