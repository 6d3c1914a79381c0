/*
 * pack.h -- rule packs once read: the compiled, immutable rule set and
 * the pieces it is made of.  Everything here lives in the rule set's
 * arena, except the compiled patterns, which the rule set frees.
 */
#ifndef PROCSEC_PACK_H
#define PROCSEC_PACK_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "doc.h"

/* A text in both languages. */
struct ps_text {
	const char *sv;
	const char *en;
};

/* Inclusive ISO dates; "" for an open end. */
struct ps_period {
	char from[11];
	char until[11];
};

struct ps_reference {
	const char *title;
	const char *statute;
	const char *section;
	const char *url;
	const char *note;
	const char *line; /* all of it on one line, for the API */
};

/* A compiled pattern, shared by every rule that names it. */
struct ps_pattern {
	pcre2_code *code;
	const char *source;
	const char *name; /* "@term" or the pattern itself, for messages */
	/* case-folded literals one of which any match contains; none: the
	 * pattern cannot be prefiltered and always runs */
	const char **literals;
	size_t literal_count;
};

/* A number in a rule: a literal, or a parameter's current value. */
struct ps_number {
	double value;
	long param; /* index in ruleset->params, or -1 */
};

enum ps_op { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ };

struct ps_compare {
	enum ps_op op;
	struct ps_number bound;
};

/* Indexes into ruleset->patterns. */
struct ps_pattern_list {
	long *items;
	size_t count;
};

struct ps_string_list {
	const char **items;
	size_t count;
};

struct ps_selector {
	unsigned kinds;  /* bit per ps_clause_kinds entry; 0 = any */
	unsigned levels; /* bit per ps_levels entry; 0 = any */
	struct ps_string_list categories;
	long section;    /* pattern index, or -1 */
	struct ps_pattern_list text;
	struct ps_pattern_list unless;
	int verified;    /* -1 any; 0 no verification stated; 1 one stated */
};

enum ps_cond_kind {
	C_FACT, C_CPV, C_PROCEDURE, C_LANGUAGE, C_COUNTRY, C_VALUE,
	C_DURATION, C_CLAUSE, C_ALL, C_ANY, C_NOT
};

struct ps_cond {
	enum ps_cond_kind kind;
	const char *fact;
	procsec_fact is;                 /* C_FACT */
	struct ps_string_list values;    /* C_CPV .. C_COUNTRY */
	struct ps_compare *compares;     /* C_VALUE, C_DURATION */
	size_t compare_count;
	struct ps_selector *selector;    /* C_CLAUSE */
	struct ps_cond **parts;          /* C_ALL, C_ANY, C_NOT */
	size_t part_count;
};

enum ps_check_kind {
	K_REQUIRE, K_FORBID, K_QUANTITY, K_FIELD, K_ATTACHMENT, K_ALL, K_ANY,
	K_NOT
};

enum ps_field_name {
	FN_ID, FN_TITLE, FN_LANG, FN_BUYER_NAME, FN_BUYER_ORGNO,
	FN_BUYER_COUNTRY, FN_PROCEDURE, FN_PUBLISHED, FN_DEADLINE, FN_CPV_MAIN,
	FN_VALUE_AMOUNT, FN_VALUE_CURRENCY, FN_DURATION_AMOUNT,
	FN_DURATION_UNIT, FN_COUNT
};

enum ps_field_op { FO_EXISTS, FO_EQUALS, FO_MATCHES, FO_COMPARE };

/* Time units, in the order of their size; values are in minutes. */
enum ps_unit { U_MINUTES, U_HOURS, U_DAYS, U_WEEKS, U_MONTHS, U_COUNT };

struct ps_check {
	enum ps_check_kind kind;
	struct ps_selector selector;  /* require, forbid, quantity */
	long min;                     /* require */
	enum ps_unit unit;            /* quantity */
	int has_at_most, has_at_least;
	struct ps_number at_most, at_least;
	enum ps_field_name field;     /* field */
	enum ps_field_op field_op;
	int exists;
	const char *equals_text;      /* equals, or a date bound */
	int equals_is_number;
	long pattern;                 /* field matches, attachment title */
	struct ps_compare compare;
	struct ps_string_list types;  /* attachment */
	struct ps_check **parts;      /* all, any, not */
	size_t part_count;
};

struct ps_pack {
	const char *id;
	const char *version;
	const char *source;
	struct ps_text title;
	struct ps_period valid;
	struct ps_cond *when; /* every rule of the pack also needs it */
};

struct ps_param {
	const char *name;
	long pack;
	double value;
};

/* A severity that a rule takes when a condition holds. */
struct ps_severity_case {
	procsec_severity severity;
	struct ps_cond *when;
	struct ps_text described; /* the condition in words */
};

struct procsec_rule {
	const char *id;
	long pack;
	const char *pack_id;
	procsec_severity severity;
	/* the first case whose condition is true gives the severity; none
	 * when a profile fixed it */
	struct ps_severity_case *severity_cases;
	size_t severity_case_count;
	struct ps_string_list tags;
	struct ps_text title, message, remediation;
	struct ps_reference *references;
	size_t reference_count;
	struct ps_period valid;
	struct ps_cond *when; /* NULL: always */
	struct ps_check *check;
	const char *source;   /* the rule's JSON */
	int disabled;         /* a profile turned it off */
};

struct ps_infer {
	const char *fact;
	procsec_fact value;
	struct ps_cond *when;
	struct ps_text because; /* sv and en NULL: described from `when` */
	long pack;
};

/* A rule set aside for named documents (docs/waivers.md). */
struct ps_waiver {
	const char *rule;
	const char *document; /* a glob on the document's id or source */
	const char *clause;   /* NULL: any clause */
	const char *reason;
	const char *approver;
	const char *expires;  /* YYYY-MM-DD, inclusive */
	const char *source;   /* the waiver file, for messages */
	int line, column;
};

struct procsec_ruleset {
	struct ps_arena *arena;
	struct ps_vec packs;    /* struct ps_pack */
	struct ps_vec params;   /* struct ps_param */
	struct ps_vec patterns; /* struct ps_pattern */
	struct ps_vec rules;    /* struct procsec_rule */
	struct ps_vec infers;   /* struct ps_infer */
	struct ps_vec waivers;  /* struct ps_waiver */
	char lang[3];           /* a profile's report language, or "" */
	struct ps_period valid; /* a profile's period of force */
	const char *profile;    /* the profile's id, or NULL */
	pcre2_code *quantity;   /* numbers followed by a time unit */
	pcre2_match_context *match_context; /* the budgets; read-only */
	uint32_t max_pairs;     /* ovector pairs any pattern needs */
};

/* The value of a number in a rule, under the rule set's parameters. */
double ps_number_value(const procsec_ruleset *rules,
                       const struct ps_number *n);

/* ---- match.c --------------------------------------------------------- */

/* Compiles a rule pattern; on failure sets *error_code and *offset. */
pcre2_code *ps_pattern_compile(const char *source, int *error_code,
                               size_t *offset);

/* The PCRE2 message for an error code, in buf. */
void ps_pattern_error(int code, char *buf, size_t size);

enum ps_match { MATCH_NO = 0, MATCH_YES = 1, MATCH_ERROR = 2 };

/* Matches subject against pattern under the rule set's budgets;
 * on MATCH_YES, *start and *end give the first match's span. */
enum ps_match ps_pattern_match(const procsec_ruleset *rules,
                               const pcre2_code *code, const char *subject,
                               size_t len, size_t offset,
                               pcre2_match_data *md, size_t *start,
                               size_t *end);

/* ---- prefilter.c ----------------------------------------------------- */

/* Fills out's literals from the pattern's source; 0 when it has none
 * that every match must contain. */
int ps_prefilter(struct ps_arena *arena, const char *source,
                 struct ps_pattern *out);

/* Case-folded, composed text in the arena, as the prefilter compares. */
char *ps_fold(struct ps_arena *arena, const char *s, size_t len);

/* ---- quantity.c ------------------------------------------------------ */

/* The pattern that finds "24 timmar", "two weeks" and their kin. */
pcre2_code *ps_quantity_compile(void);

struct ps_quantity_found {
	double minutes;
	int working_days; /* counted as days, which they are not quite */
	size_t start, end;
};

/*
 * Finds the next quantity in text from *offset; returns 1 and advances
 * *offset, 0 when there is none, -1 when the match budget ran out.
 */
int ps_quantity_next(const procsec_ruleset *rules, const char *text,
                     size_t len, size_t *offset, pcre2_match_data *md,
                     struct ps_quantity_found *out);

/* Minutes in one of a unit. */
double ps_unit_minutes(enum ps_unit unit);
/* "hours", or the Swedish "timmar", for messages. */
const char *ps_unit_name(enum ps_unit unit, const char *lang);

/* ---- pack_read.c: pack JSON -> rule set pieces ---------------------- */

struct ps_json;
struct ps_pack_reader;

/* Reads a waiver file into the rule set being built. */
int ps_waivers_read(procsec_ruleset *rules, const struct ps_json *json,
                    procsec_diags *diags, procsec_error *err);

/* Reads one pack into the rule set being built; problems go to diags. */
int ps_pack_read(procsec_ruleset *rules, const struct ps_json *json,
                 procsec_diags *diags, procsec_error *err);

/* ---- diags.c ---------------------------------------------------------- */

/* Adds a problem to diags (if any) and to err (if it holds none yet). */
void ps_diag(procsec_diags *diags, procsec_error *err, int code,
             const struct ps_where *where, const char *fmt, ...)
	PS_PRINTF(5, 6);

/* ---- describe.c ------------------------------------------------------ */

/* Describes a condition in words, e.g. "critical-service is true". */
char *ps_describe_cond(struct ps_arena *arena, const struct ps_cond *cond,
                       const procsec_ruleset *rules, const char *lang);

/* A text in a language, falling back to English. */
const char *ps_text_in(const struct ps_text *text, const char *lang);

#endif /* PROCSEC_PACK_H */
