/*
 * json_walk.h -- walking a cJSON tree with a JSON Pointer and positions
 * at hand, for the readers of tenders and of rule packs.
 */
#ifndef PROCSEC_JSON_WALK_H
#define PROCSEC_JSON_WALK_H

#include "doc.h"
#include "json_load.h"

struct ps_walk;

/* Records a problem at loc; returns code. */
typedef int (*ps_walk_report_fn)(struct ps_walk *w, int code,
                                 const struct ps_loc *loc,
                                 const char *message);

struct ps_walk {
	const struct ps_json *json;
	ps_walk_report_fn report;
	char pointer[8192]; /* where the walk is */
	/* keys suggested for misspelt ones in the last object checked, so
	 * that "did you mean" is not followed by "missing" for the same key */
	const cJSON *suggested_in;
	const char *suggested[8];
	size_t suggested_count;
};

void ps_walk_init(struct ps_walk *w, const struct ps_json *json,
                  ps_walk_report_fn report);

/* Extends the pointer by a key or an index; returns the length to pop to. */
size_t ps_walk_push(struct ps_walk *w, const char *key);
size_t ps_walk_push_index(struct ps_walk *w, size_t i);
void ps_walk_pop(struct ps_walk *w, size_t len);

/* Where a value starts, or (for a member) where its key does. */
struct ps_loc ps_walk_loc(const struct ps_walk *w, const cJSON *node);
struct ps_loc ps_walk_key_loc(const struct ps_walk *w, const cJSON *node);

int ps_walk_fail(struct ps_walk *w, int code, const struct ps_loc *loc,
                 const char *fmt, ...) PS_PRINTF(4, 5);

/* "a string", "an array", ... */
const char *ps_walk_type_name(const cJSON *node);

/* Reports node (at the current pointer) as not of the wanted type. */
int ps_walk_wrong_type(struct ps_walk *w, const cJSON *node,
                       const char *wanted);

/* Reports every member whose key is not allowed, each with a suggestion;
 * returns the first error's code, or PROCSEC_OK. */
int ps_walk_check_keys(struct ps_walk *w, const cJSON *object,
                       const char *const *allowed);

/* Reports object[key] as missing ("the rule has no ..."), unless a
 * misspelt key in the object was just said to mean it. */
int ps_walk_missing(struct ps_walk *w, const cJSON *object, const char *key,
                    const char *what);

#endif
