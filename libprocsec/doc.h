/*
 * doc.h -- the tender model inside the library, and the builder that
 * every format's reader fills it through.
 *
 * Readers (tender_xml.c, tender_json.c) only walk their syntax tree and
 * hand strings and locations to the builder; the builder normalises,
 * validates and stores, so every format is held to the same rules.
 */
#ifndef PROCSEC_DOC_H
#define PROCSEC_DOC_H

#include "internal.h"

/* Where a model element came from in its source. */
struct ps_loc {
	int line;
	int column;
	const char *path; /* XPath-like path or JSON Pointer */
};

struct ps_section {
	const char *id;
	const char *title;
	const char *label; /* path of ids or titles, joined by " > " */
	long parent;       /* index in doc->sections, -1 at the top */
	int has_sections;  /* a nested section has been opened in it */
	struct ps_loc loc;
};

struct procsec_clause {
	const char *kind;
	const char *id;
	const char *level;
	const char *category;
	const char *verification;
	const char *text;
	int level_inferred; /* the level comes from the wording, not stated */
	long section; /* index in doc->sections, -1 outside every section */
	const char *section_label; /* that section's label, or "" */
	struct ps_loc loc;
};

struct ps_fact {
	const char *name;
	procsec_fact value;
	int from_options; /* stated by the caller (procsec_options_set_fact) */
	struct ps_loc loc;
};

struct ps_cpv {
	const char *code;
	int main;
	struct ps_loc loc;
};

struct ps_attachment {
	const char *type;
	const char *href;
	const char *title;
	struct ps_loc loc;
};

/* Metadata fields given as plain strings, in model order. */
enum ps_field {
	PS_F_ID,
	PS_F_LANG,
	PS_F_TITLE,
	PS_F_BUYER_NAME,
	PS_F_BUYER_ORGNO,
	PS_F_BUYER_COUNTRY,
	PS_F_PROCEDURE,
	PS_F_PUBLISHED,
	PS_F_DEADLINE,
	PS_F_VALUE_CURRENCY,
	PS_F_DURATION_UNIT,
	PS_F_NOTICE_TYPE, /* as the source format codes it, e.g. cn-standard */
	PS_F_LEGAL_BASIS, /* e.g. 32014L0024, 32009L0081 */
	PS_F_COUNT
};

struct procsec_doc {
	struct ps_arena *arena;
	const char *source;
	const char *format;
	const char *field[PS_F_COUNT];
	struct ps_loc field_loc[PS_F_COUNT];
	struct ps_loc root_loc;
	struct ps_loc buyer_loc;
	int has_buyer;
	int has_value;
	double value_amount;
	struct ps_loc value_loc;
	int has_duration;
	long duration_amount;
	struct ps_loc duration_loc;
	struct ps_vec cpv;         /* struct ps_cpv */
	struct ps_vec facts;       /* struct ps_fact */
	struct ps_vec sections;    /* struct ps_section */
	struct ps_vec clauses;     /* struct procsec_clause */
	struct ps_vec attachments; /* struct ps_attachment */
};

/* The builder: a document under construction and the reader's context. */
struct ps_build {
	procsec_doc *doc;
	const struct procsec_options *opts;
	procsec_error *err;
	int code; /* the first error, PROCSEC_OK while there is none */
};

/* The strings of one clause as the reader found them (not normalised). */
struct ps_clause_in {
	const char *kind;
	const char *id;
	const char *level;
	const char *category;
	const char *verification;
	const char *text;
	size_t text_len;
	int level_inferred; /* level was inferred from the wording */
	/* where kind and level are, for errors about them; NULL: the clause */
	const struct ps_loc *kind_loc;
	const struct ps_loc *level_loc;
};

int ps_build_start(struct ps_build *b, const char *source, const char *format,
                   const struct procsec_options *opts, procsec_error *err);
/* Returns the finished document, or NULL (and frees it) after any error. */
procsec_doc *ps_build_finish(struct ps_build *b);

/* NULL when value is valid for field f, else what was expected. */
const char *ps_field_problem(enum ps_field f, const char *value);

/* Each returns PROCSEC_OK or the error code it has set in b->err. */
int ps_build_error(struct ps_build *b, int code, const struct ps_loc *loc,
                   const char *fmt, ...) PS_PRINTF(4, 5);
int ps_build_field(struct ps_build *b, enum ps_field f, const char *value,
                   size_t len, const struct ps_loc *loc);
int ps_build_buyer(struct ps_build *b, const struct ps_loc *loc);
/* code_loc says where the code itself is, for errors about it. */
int ps_build_cpv(struct ps_build *b, const char *code, int main,
                 const struct ps_loc *loc, const struct ps_loc *code_loc);
int ps_build_value(struct ps_build *b, double amount,
                   const struct ps_loc *loc);
int ps_build_duration(struct ps_build *b, double amount,
                      const struct ps_loc *loc);
int ps_build_fact(struct ps_build *b, const char *name, procsec_fact value,
                  const struct ps_loc *loc);
/* Opens a section inside `parent` (-1 for the top); returns its index. */
long ps_build_section(struct ps_build *b, long parent, const char *id,
                      const char *title, const struct ps_loc *loc);
int ps_build_clause(struct ps_build *b, long section,
                    const struct ps_clause_in *in, const struct ps_loc *loc);
int ps_build_attachment(struct ps_build *b, const char *type,
                        const char *href, const char *title,
                        const struct ps_loc *loc);

/*
 * A number with its qualifier, which both forms write alike: a value and
 * its currency, a duration and its unit.
 */
struct ps_quantity {
	const char *what;          /* "value", for messages */
	const char *qualifier;     /* its attribute or key: "currency" */
	enum ps_field field;       /* where the qualifier goes */
	int (*build)(struct ps_build *b, double amount,
	             const struct ps_loc *loc);
};

extern const struct ps_quantity ps_value_quantity;
extern const struct ps_quantity ps_duration_quantity;

/* A copy of a location whose path lives in the document's arena. */
int ps_build_loc(struct ps_build *b, struct ps_loc *dst,
                 const struct ps_loc *src);

/* ---- doc_validate.c: the value rules of the format ------------------ */

/* Each returns NULL when value is valid, else what was expected. */
const char *ps_check_lang(const char *value);
const char *ps_check_orgno(const char *value);
const char *ps_check_country(const char *value);
const char *ps_check_procedure(const char *value);
const char *ps_check_date(const char *value);
/* Why s is not a date, as a message "invalid date '…': …" in buf. */
const char *ps_date_problem(const char *s, char *buf, size_t size);
const char *ps_check_datetime(const char *value);
const char *ps_check_cpv(const char *value);
const char *ps_check_currency(const char *value);
const char *ps_check_duration_unit(const char *value);
const char *ps_check_fact_name(const char *value);
const char *ps_check_kind(const char *value);
const char *ps_check_level(const char *value);
/* Parses a plain decimal ("4500000", "1250000.50"); 0 on success. */
int ps_parse_decimal(const char *text, double *out);

extern const char *const ps_procedures[];
extern const char *const ps_clause_kinds[];
extern const char *const ps_levels[];

#endif /* PROCSEC_DOC_H */
