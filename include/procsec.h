/*
 * procsec.h -- the public interface of libprocsec.
 *
 * libprocsec reads public-procurement tender documents and checks them
 * for crisis-preparedness and supplier-security requirements.  This is
 * its only public header; it includes nothing but <stddef.h>.
 *
 * Conventions, once for the whole API:
 *
 * - Calls that can fail return an int: PROCSEC_OK (0) on success, a
 *   negative procsec_code on failure.  Their last parameter is a
 *   procsec_error *, which may be NULL.  It is cleared when the call
 *   starts and filled only on failure; filling it never allocates.
 * - An object written to an `out` parameter belongs to the caller, who
 *   releases it with its one _free function.  Every _free accepts NULL.
 * - Getters return borrowed values that live as long as the object they
 *   were read from.  Strings the library hands over (an `out` char *)
 *   are released with procsec_free().
 * - NULL where an object or an `out` pointer belongs makes a fallible
 *   call fail with PROCSEC_EARG; a getter given NULL returns NULL, 0,
 *   -1 or PROCSEC_FACT_UNKNOWN, as the type allows.
 * - The library keeps no global mutable state (the bundled format
 *   adapters are read once, on first use, and then only read), never
 *   prints, never exits and never aborts.  Distinct objects may be used
 *   from distinct threads at once; one object is used by one thread at a
 *   time unless its documentation says otherwise.  A parsed document
 *   (also each tender of a procsec_docs list) is read-only after the
 *   parse returns, so its getters may be called from many threads at
 *   once.
 */
#ifndef PROCSEC_H
#define PROCSEC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROCSEC_VERSION_MAJOR 0
#define PROCSEC_VERSION_MINOR 1
#define PROCSEC_VERSION_PATCH 0
#define PROCSEC_VERSION_STRING "0.1.0"
#define PROCSEC_VERSION_NUMBER \
	((PROCSEC_VERSION_MAJOR << 16) | (PROCSEC_VERSION_MINOR << 8) | \
	 PROCSEC_VERSION_PATCH)
#define PROCSEC_VERSION_AT_LEAST(maj, min, pat) \
	(PROCSEC_VERSION_NUMBER >= (((maj) << 16) | ((min) << 8) | (pat)))

#if defined(PROCSEC_BUILDING) && defined(__GNUC__)
#define PROCSEC_API __attribute__((visibility("default")))
#else
#define PROCSEC_API
#endif

/* Result codes.  Append only: a value is never renumbered or reused. */
typedef enum {
	PROCSEC_OK = 0,
	PROCSEC_ENOMEM = -1,   /* out of memory */
	PROCSEC_EIO = -2,      /* the named input cannot be read */
	PROCSEC_ESYNTAX = -3,  /* not well-formed XML or JSON */
	PROCSEC_ELIMIT = -4,   /* a limit in procsec_options was reached */
	PROCSEC_EINVALID = -5, /* well-formed, but not a valid document */
	PROCSEC_EREGEX = -6,   /* a pattern does not compile */
	PROCSEC_EARG = -7,     /* the caller passed a bad argument */
	PROCSEC_EUNSAFE = -8,  /* refused for safety: DTD entities, XXE */
	PROCSEC_EFORMAT = -9   /* the input is in no format the library reads */
} procsec_code;

/*
 * What went wrong and where.  Owned by the caller, usually on the stack.
 * Lines and columns are 1-based; a column counts characters, not bytes.
 * Zero means "unknown".
 */
typedef struct procsec_error {
	int code;          /* a procsec_code */
	int line;          /* 1-based line in the input, 0 if unknown */
	int column;        /* 1-based column in the input, 0 if unknown */
	long offset;       /* byte offset in the input, -1 if unknown */
	char source[256];  /* file name, "-" for standard input, or the
	                      caller's name for a memory buffer */
	char pointer[256]; /* JSON Pointer or XPath-like path of the culprit,
	                      "" if none applies */
	char message[256]; /* one line, without the location */
} procsec_error;

/* The opaque objects.  See the conventions above for ownership. */
typedef struct procsec_options procsec_options; /* limits and language */
typedef struct procsec_doc procsec_doc;         /* one tender, parsed */
typedef struct procsec_docs procsec_docs;       /* the tenders of one input */
typedef struct procsec_formats procsec_formats; /* the format adapters */
typedef struct procsec_clause procsec_clause;   /* one clause (borrowed) */
typedef struct procsec_diags procsec_diags;     /* every problem found */
typedef struct procsec_loader procsec_loader;   /* packs being gathered */
typedef struct procsec_ruleset procsec_ruleset; /* compiled, immutable */
typedef struct procsec_rule procsec_rule;       /* one rule (borrowed) */
typedef struct procsec_report procsec_report;   /* one check's outcome */
typedef struct procsec_result procsec_result;   /* one rule's (borrowed) */
typedef struct procsec_finding procsec_finding; /* finding or evidence */

/* ---- Library ---------------------------------------------------------- */

/** The version of the library at run time, as PROCSEC_VERSION_NUMBER. */
PROCSEC_API int procsec_version(void);

/** The version of the library at run time, e.g. "0.1.0".  Static text. */
PROCSEC_API const char *procsec_version_string(void);

/** A short description of a procsec_code.  Static text, never NULL. */
PROCSEC_API const char *procsec_strerror(int code);

/** Releases a string the library handed over.  NULL is fine. */
PROCSEC_API void procsec_free(void *ptr);

/* ---- Options ---------------------------------------------------------- */

/*
 * Every limit on untrusted input.  A call that takes options uses the
 * defaults when passed NULL.  Append only.
 */
typedef enum {
	PROCSEC_LIMIT_INPUT_BYTES = 0, /* size of one input; default 64 MiB */
	PROCSEC_LIMIT_DEPTH = 1,       /* element or array/object nesting;
	                                  default 64, at most 256 */
	PROCSEC_LIMIT_CLAUSES = 2,     /* clauses in one document;
	                                  default 100000 */
	PROCSEC_LIMIT_MATCH = 3,       /* PCRE2 match limit per match;
	                                  default 10000000 */
	PROCSEC_LIMIT_MATCH_DEPTH = 4  /* PCRE2 depth limit per match;
	                                  default 10000 */
} procsec_limit;

/**
 * Creates an options object holding the safe defaults.
 * On success *out owns the object; release it with procsec_options_free().
 * Fails only with PROCSEC_ENOMEM or PROCSEC_EARG (out is NULL).
 */
PROCSEC_API int procsec_options_new(procsec_options **out, procsec_error *err);

/**
 * Sets one limit.  Fails with PROCSEC_EARG, leaving the options as they
 * were, for an unknown limit, a zero value, or a value above the
 * limit's maximum.
 */
PROCSEC_API int procsec_options_set_limit(procsec_options *opts,
                                          procsec_limit which, size_t value,
                                          procsec_error *err);

/** The value of one limit; 0 for an unknown limit.  NULL opts: defaults. */
PROCSEC_API size_t procsec_options_get_limit(const procsec_options *opts,
                                             procsec_limit which);

/**
 * Sets the language of messages: "sv" or "en".  Unset, reports speak
 * the checked document's language when it is Swedish, else English.
 * Fails with PROCSEC_EARG for any other value.
 */
PROCSEC_API int procsec_options_set_lang(procsec_options *opts,
                                         const char *lang, procsec_error *err);

/** Releases an options object.  NULL is fine. */
PROCSEC_API void procsec_options_free(procsec_options *opts);

/* ---- Documents -------------------------------------------------------- */

/**
 * Parses a tender document held in memory.
 *
 * source_name names the input in error messages and in the model (any
 * text; NULL gives "<memory>").  format names a format adapter
 * ("procsec-xml", "procsec-json", "eforms", "ted-xml", "ocds", ...; see
 * procsec_formats_new()), or is NULL to detect it from the content: the
 * first adapter that recognises the root element or top-level keys is
 * used.  An input that holds several tenders (an OCDS package with
 * several releases) fails with PROCSEC_EFORMAT: read it with
 * procsec_docs_parse().  The bytes are not kept: the caller may release
 * them when the call returns.
 *
 * XML is read with no network access, no external DTD or entity loading,
 * and a document that declares entities is refused (PROCSEC_EUNSAFE).
 * JSON must be valid UTF-8 without U+0000; duplicate object keys are an
 * error.  Text is normalised once: whitespace runs become one space,
 * soft hyphens and zero-width characters are dropped, and the result is
 * in Unicode NFC.
 *
 * On success *out owns the document; release it with procsec_doc_free().
 * On failure *out is NULL and err says what is wrong and where:
 * PROCSEC_ESYNTAX, PROCSEC_EINVALID, PROCSEC_ELIMIT, PROCSEC_EUNSAFE,
 * PROCSEC_EFORMAT, PROCSEC_ENOMEM or PROCSEC_EARG.
 */
PROCSEC_API int procsec_doc_parse(procsec_doc **out, const char *source_name,
                                  const void *bytes, size_t len,
                                  const char *format,
                                  const procsec_options *opts,
                                  procsec_error *err);

/**
 * Parses a tender document from a file; path "-" reads standard input.
 * A file larger than PROCSEC_LIMIT_INPUT_BYTES is refused before it is
 * read.  Otherwise as procsec_doc_parse(), plus PROCSEC_EIO when the
 * file cannot be read.
 */
PROCSEC_API int procsec_doc_parse_file(procsec_doc **out, const char *path,
                                       const char *format,
                                       const procsec_options *opts,
                                       procsec_error *err);

/**
 * Parses every tender an input holds.  Most inputs hold one; an OCDS
 * release or record package holds one per release.  Otherwise as
 * procsec_doc_parse(): on failure *out is NULL and no tender is kept.
 * Release with procsec_docs_free().
 */
PROCSEC_API int procsec_docs_parse(procsec_docs **out, const char *source_name,
                                   const void *bytes, size_t len,
                                   const char *format,
                                   const procsec_options *opts,
                                   procsec_error *err);

/** As procsec_docs_parse(), from a file ("-": standard input). */
PROCSEC_API int procsec_docs_parse_file(procsec_docs **out, const char *path,
                                        const char *format,
                                        const procsec_options *opts,
                                        procsec_error *err);

/** The number of tenders read. */
PROCSEC_API size_t procsec_docs_count(const procsec_docs *docs);

/** Tender i (0-based), or NULL when out of range.  Borrowed. */
PROCSEC_API const procsec_doc *procsec_docs_at(const procsec_docs *docs,
                                               size_t i);

/** Releases the tenders and the list.  NULL is fine. */
PROCSEC_API void procsec_docs_free(procsec_docs *docs);

/** Releases a document and every clause borrowed from it.  NULL is fine. */
PROCSEC_API void procsec_doc_free(procsec_doc *doc);

/** The format the document was read as, e.g. "procsec-xml". */
PROCSEC_API const char *procsec_doc_format(const procsec_doc *doc);

/** The source name given when parsing, e.g. the file's path. */
PROCSEC_API const char *procsec_doc_source(const procsec_doc *doc);

/** The buyer's reference of the tender (its id). */
PROCSEC_API const char *procsec_doc_id(const procsec_doc *doc);

/** The title of the tender. */
PROCSEC_API const char *procsec_doc_title(const procsec_doc *doc);

/** The language of the tender, a BCP 47 tag such as "sv". */
PROCSEC_API const char *procsec_doc_lang(const procsec_doc *doc);

/** The buyer's country, ISO 3166-1 alpha-2 such as "SE", or NULL. */
PROCSEC_API const char *procsec_doc_buyer_country(const procsec_doc *doc);

/* The value of an applicability fact.  Append only. */
typedef enum {
	PROCSEC_FACT_UNKNOWN = 0, /* not stated, or stated as unknown */
	PROCSEC_FACT_FALSE = 1,
	PROCSEC_FACT_TRUE = 2
} procsec_fact;

/**
 * States a fact for the documents parsed with these options, as a buyer
 * does for a Word tender, which has no place for facts: name is a fact
 * name such as "crisis-role", value PROCSEC_FACT_TRUE, _FALSE or
 * _UNKNOWN.  A fact stated here overrides the value the document states
 * for the same fact (the caller speaks for this tender); stating the
 * same name again replaces the value.  Applied by procsec_doc_parse()
 * and procsec_doc_parse_file().  Fails with PROCSEC_EARG, leaving the
 * options as they were, for a NULL argument, an invalid name, a value
 * outside the three, or more than 64 facts.
 */
PROCSEC_API int procsec_options_set_fact(procsec_options *opts,
                                         const char *name, procsec_fact value,
                                         procsec_error *err);

/** The value the document states for a fact such as "critical-service". */
PROCSEC_API procsec_fact procsec_doc_fact(const procsec_doc *doc,
                                          const char *name);

/** The number of clauses in the document, in document order. */
PROCSEC_API size_t procsec_doc_clause_count(const procsec_doc *doc);

/** Clause i (0-based), or NULL when i is out of range.  Borrowed. */
PROCSEC_API const procsec_clause *procsec_doc_clause_at(const procsec_doc *doc,
                                                        size_t i);

/** "requirement", "criterion", "condition" or "text". */
PROCSEC_API const char *procsec_clause_kind(const procsec_clause *clause);

/** The clause's id, or NULL when it has none. */
PROCSEC_API const char *procsec_clause_id(const procsec_clause *clause);

/** "shall", "should", "may", or NULL when the clause states no level. */
PROCSEC_API const char *procsec_clause_level(const procsec_clause *clause);

/**
 * 1 when the clause's level was inferred from its wording ("ska",
 * "shall", "bör", "should" ...) because the document states none, as in
 * a Word or OpenDocument tender; 0 when the level is stated or absent,
 * and for NULL.
 */
PROCSEC_API int procsec_clause_level_inferred(const procsec_clause *clause);

/** The clause's category, or NULL. */
PROCSEC_API const char *procsec_clause_category(const procsec_clause *clause);

/** How fulfilment is shown, or NULL. */
PROCSEC_API const char *procsec_clause_verification(const procsec_clause *c);

/** The normalised text of the clause (UTF-8, NFC, single spaces). */
PROCSEC_API const char *procsec_clause_text(const procsec_clause *clause);

/**
 * The section the clause stands in, as the ids (or, for a section with
 * no id, the titles) of its sections from the outermost, joined by " > ".
 * "" for a clause outside every section.
 */
PROCSEC_API const char *procsec_clause_section(const procsec_clause *clause);

/** The 1-based line where the clause starts in its source, 0 if unknown. */
PROCSEC_API int procsec_clause_line(const procsec_clause *clause);

/** The 1-based column where the clause starts, 0 if unknown. */
PROCSEC_API int procsec_clause_column(const procsec_clause *clause);

/**
 * Where the clause is in its source: an XPath-like path for XML, e.g.
 * "/tender/section[1]/requirement[2]", or a JSON Pointer for JSON, e.g.
 * "/sections/0/clauses/1".
 */
PROCSEC_API const char *procsec_clause_path(const procsec_clause *clause);

/**
 * Writes the whole tender model as JSON (the format of `procsec parse`,
 * described in docs/model.md).  On success *out owns a NUL-terminated
 * string to release with procsec_free(), and *len, if len is not NULL,
 * its length.  Fails only with PROCSEC_ENOMEM or PROCSEC_EARG.
 */
PROCSEC_API int procsec_doc_to_json(char **out, size_t *len,
                                    const procsec_doc *doc,
                                    procsec_error *err);

/* ---- Formats ---------------------------------------------------------- */

/**
 * Adds a format adapter file (docs/formats.md): a JSON file that says
 * how to recognise a format and how to fill the tender model from it.
 * The file is read and checked now; an adapter with the name of a
 * bundled one replaces it.  Fails with PROCSEC_EIO, PROCSEC_ESYNTAX or
 * PROCSEC_EINVALID (naming the line, column and JSON Pointer).
 */
PROCSEC_API int procsec_options_add_format(procsec_options *opts,
                                           const char *path,
                                           procsec_error *err);

/**
 * The format adapters in force with opts (NULL: the bundled ones), in
 * the order they are tried.  Release with procsec_formats_free().
 */
PROCSEC_API int procsec_formats_new(procsec_formats **out,
                                    const procsec_options *opts,
                                    procsec_error *err);
PROCSEC_API size_t procsec_formats_count(const procsec_formats *formats);
/** Adapter i's name ("eforms"), or NULL when i is out of range. */
PROCSEC_API const char *procsec_format_name(const procsec_formats *formats,
                                            size_t i);
/** What the format is, in words. */
PROCSEC_API const char *procsec_format_title(const procsec_formats *formats,
                                             size_t i);
/** "xml" or "json". */
PROCSEC_API const char *procsec_format_syntax(const procsec_formats *formats,
                                              size_t i);
/** How an input is recognised as this format, in words. */
PROCSEC_API const char *
procsec_format_detection(const procsec_formats *formats, size_t i);
/** The adapter file, e.g. "rules/formats/eforms.json". */
PROCSEC_API const char *procsec_format_source(const procsec_formats *formats,
                                              size_t i);
PROCSEC_API void procsec_formats_free(procsec_formats *formats);

/* ---- Diagnostics ------------------------------------------------------ */

/**
 * Creates an empty collector of problems.  Calls that take a
 * procsec_diags add every problem they find to it (and still fill their
 * procsec_error with the first).  Release with procsec_diags_free().
 */
PROCSEC_API int procsec_diags_new(procsec_diags **out, procsec_error *err);

/** The number of problems collected. */
PROCSEC_API size_t procsec_diags_count(const procsec_diags *diags);

/** Problem i, or NULL when i is out of range.  Borrowed. */
PROCSEC_API const procsec_error *procsec_diags_at(const procsec_diags *diags,
                                                  size_t i);

/** Releases a collector.  NULL is fine. */
PROCSEC_API void procsec_diags_free(procsec_diags *diags);

/* ---- Rule packs -------------------------------------------------------- */

/**
 * Creates a loader, which gathers rule packs (docs/rules.md) and
 * parameter values and compiles them into a rule set.  opts (may be
 * NULL) gives the limits used while reading packs and the pattern
 * budgets the rule set keeps; it is copied.  Release with
 * procsec_loader_free().
 */
PROCSEC_API int procsec_loader_new(procsec_loader **out,
                                   const procsec_options *opts,
                                   procsec_error *err);

/**
 * Adds a pack from a file.  name_or_path is a path (it contains a '/'
 * or ends in ".json"), or the name of a bundled pack, looked up in the
 * folders of the environment variable PROCSEC_RULES_PATH (':'-separated)
 * and then in the installed rules folder.  The pack is read here and
 * must be well-formed JSON; its content is checked by
 * procsec_loader_compile().  Problems go to diags and err.
 */
PROCSEC_API int procsec_loader_add_pack(procsec_loader *loader,
                                        const char *name_or_path,
                                        procsec_diags *diags,
                                        procsec_error *err);

/** Adds a pack held in memory; source_name names it in messages. */
PROCSEC_API int procsec_loader_add_pack_buffer(procsec_loader *loader,
                                               const char *source_name,
                                               const void *bytes, size_t len,
                                               procsec_diags *diags,
                                               procsec_error *err);

/** Adds every bundled pack (the installed rules folder). */
PROCSEC_API int procsec_loader_add_bundled(procsec_loader *loader,
                                           procsec_diags *diags,
                                           procsec_error *err);

/**
 * Whether a bundled profile of this name (not a path) is on
 * PROCSEC_RULES_PATH or installed: 1 or 0.  The CLI checks Swedish
 * tenders with "se" and others with "eu" when they are there.
 */
PROCSEC_API int procsec_profile_is_bundled(const char *name);

/**
 * Adds a profile (docs/profiles.md): a path, or the name of a bundled
 * profile (PROFILE.json in the profiles folder of the rules folders).  It
 * adds the packs it names (every bundled pack when it names none) and
 * its parameters here, with those of the profiles it extends; its rule
 * changes are checked and applied by procsec_loader_compile().
 */
PROCSEC_API int procsec_loader_add_profile(procsec_loader *loader,
                                           const char *name_or_path,
                                           procsec_diags *diags,
                                           procsec_error *err);

/**
 * Adds a waiver file (docs/waivers.md): rules set aside for named
 * documents, with reason, approver and expiry.  Read here; its content is
 * checked, with every problem listed, by procsec_loader_compile().
 */
PROCSEC_API int procsec_loader_add_waivers(procsec_loader *loader,
                                           const char *path,
                                           procsec_diags *diags,
                                           procsec_error *err);

/**
 * Sets a parameter: name is "param" or "pack.param", value a number in
 * text.  Checked when the rule set is compiled.
 */
PROCSEC_API int procsec_loader_set_param(procsec_loader *loader,
                                         const char *name, const char *value,
                                         procsec_error *err);

/**
 * Compiles the packs gathered into an immutable rule set: resolves terms
 * and parameters and compiles every pattern once, with JIT.  On success
 * *out owns the rule set; release it with procsec_ruleset_free().  The
 * loader may be freed or reused afterwards.  A rule set may be used by
 * any number of threads at once.
 */
PROCSEC_API int procsec_loader_compile(procsec_ruleset **out,
                                       const procsec_loader *loader,
                                       procsec_diags *diags,
                                       procsec_error *err);

/** Releases a loader.  NULL is fine. */
PROCSEC_API void procsec_loader_free(procsec_loader *loader);

/** Releases a rule set.  Every report made from it must be freed first. */
PROCSEC_API void procsec_ruleset_free(procsec_ruleset *rules);

/** The number of rules in the set, in pack and file order. */
PROCSEC_API size_t procsec_ruleset_count(const procsec_ruleset *rules);

/** Rule i, or NULL when i is out of range.  Borrowed. */
PROCSEC_API const procsec_rule *procsec_ruleset_at(const procsec_ruleset *rules,
                                                   size_t i);

/** The rule with this id, or NULL.  Borrowed. */
PROCSEC_API const procsec_rule *
procsec_ruleset_find(const procsec_ruleset *rules, const char *id);

/** The number of packs in the set. */
PROCSEC_API size_t procsec_ruleset_pack_count(const procsec_ruleset *rules);

/** Pack i's id and version, or NULL when i is out of range. */
PROCSEC_API const char *procsec_ruleset_pack_id(const procsec_ruleset *rules,
                                                size_t i);
PROCSEC_API const char *
procsec_ruleset_pack_version(const procsec_ruleset *rules, size_t i);
/** Pack i's title in "sv" or "en". */
PROCSEC_API const char *
procsec_ruleset_pack_title(const procsec_ruleset *rules, size_t i,
                           const char *lang);

/* Severities and statuses.  Append only. */
typedef enum {
	PROCSEC_SEVERITY_INFO = 0,
	PROCSEC_SEVERITY_WARNING = 1,
	PROCSEC_SEVERITY_ERROR = 2
} procsec_severity;

typedef enum {
	PROCSEC_STATUS_PASS = 0,
	PROCSEC_STATUS_FAIL = 1,
	PROCSEC_STATUS_NOT_APPLICABLE = 2,
	PROCSEC_STATUS_UNKNOWN = 3,
	PROCSEC_STATUS_ERROR = 4,
	PROCSEC_STATUS_WAIVED = 5
} procsec_status;

/** "info", "warning" or "error". */
PROCSEC_API const char *procsec_severity_name(procsec_severity severity);

/** "pass", "fail", "not_applicable", "unknown", "error" or "waived". */
PROCSEC_API const char *procsec_status_name(procsec_status status);

/** The rule's id, e.g. "PREP-001". */
PROCSEC_API const char *procsec_rule_id(const procsec_rule *rule);
/** The id of the pack the rule comes from. */
PROCSEC_API const char *procsec_rule_pack(const procsec_rule *rule);
/** The rule's severity when none of its conditional severities holds. */
PROCSEC_API procsec_severity procsec_rule_severity(const procsec_rule *rule);
/**
 * The rule's conditional severities ("severity_when"): how many, case
 * i's severity, and its condition in words in "sv" or "en" (NULL out of
 * range).  The first case whose condition holds on a tender gives the
 * result's severity.
 */
PROCSEC_API size_t procsec_rule_severity_case_count(const procsec_rule *rule);
PROCSEC_API procsec_severity
procsec_rule_severity_case(const procsec_rule *rule, size_t i);
PROCSEC_API const char *
procsec_rule_severity_case_when(const procsec_rule *rule, size_t i,
                                const char *lang);
/** The rule's title, message and remediation in "sv" or "en".  The
 * remediation is a model clause: wording to paste into the tender. */
PROCSEC_API const char *procsec_rule_title(const procsec_rule *rule,
                                           const char *lang);
PROCSEC_API const char *procsec_rule_message(const procsec_rule *rule,
                                             const char *lang);
PROCSEC_API const char *procsec_rule_remediation(const procsec_rule *rule,
                                                 const char *lang);
/** The number of references, and reference i as one line of text
 * ("title, statute section: url"), or NULL out of range. */
PROCSEC_API size_t procsec_rule_reference_count(const procsec_rule *rule);
PROCSEC_API const char *procsec_rule_reference(const procsec_rule *rule,
                                               size_t i);
/** The rule as its pack states it, as JSON text.  Borrowed. */
PROCSEC_API const char *procsec_rule_source(const procsec_rule *rule);

/* ---- Checking ---------------------------------------------------------- */

/**
 * Checks a document against a rule set.  opts (may be NULL) gives the
 * message language and the as-of date (procsec_options_set_as_of).
 * A rule's trouble (a pattern over its budget) is the rule's status
 * `error` in the report, not a failed call: this fails only with
 * PROCSEC_ENOMEM or PROCSEC_EARG.  The report borrows from rules and
 * doc: free it before either.  Thread-safe for a shared rule set.
 */
PROCSEC_API int procsec_check(procsec_report **out,
                              const procsec_ruleset *rules,
                              const procsec_doc *doc,
                              const procsec_options *opts,
                              procsec_error *err);

/** Releases a report.  NULL is fine. */
PROCSEC_API void procsec_report_free(procsec_report *report);

/**
 * Sets the date a check takes as "today" for validity periods, ISO
 * YYYY-MM-DD; NULL or "" unsets it (the tender's publication date is
 * used, or no date).  Fails with PROCSEC_EARG for a bad date.
 */
PROCSEC_API int procsec_options_set_as_of(procsec_options *opts,
                                          const char *date,
                                          procsec_error *err);

/** The report's language, "sv" or "en", and its as-of date or NULL. */
PROCSEC_API const char *procsec_report_lang(const procsec_report *report);
PROCSEC_API const char *procsec_report_as_of(const procsec_report *report);

/** The number of results (one per rule), and result i.  Borrowed. */
PROCSEC_API size_t procsec_report_count(const procsec_report *report);
PROCSEC_API const procsec_result *
procsec_report_at(const procsec_report *report, size_t i);

/** How many results have this status, and this status and severity. */
PROCSEC_API size_t procsec_report_count_status(const procsec_report *report,
                                               procsec_status status);
PROCSEC_API size_t
procsec_report_count_failed(const procsec_report *report,
                            procsec_severity severity);

/** The rule a result is for. */
PROCSEC_API const procsec_rule *procsec_result_rule(const procsec_result *r);
PROCSEC_API procsec_status procsec_result_status(const procsec_result *r);
/**
 * The result's severity: the rule's, or the first of its conditional
 * severities ("severity_when" in the pack) whose condition held on this
 * tender.  Reports sort and count failures by it.
 */
PROCSEC_API procsec_severity procsec_result_severity(const procsec_result *r);
/**
 * Why the status is what it is, in the report's language: for
 * not_applicable and unknown the condition or fact, for error the
 * budget exceeded; NULL for pass and fail.
 */
PROCSEC_API const char *procsec_result_reason(const procsec_result *r);

/** Findings (for fail) and evidence (for pass), in document order. */
PROCSEC_API size_t procsec_result_finding_count(const procsec_result *r);
PROCSEC_API const procsec_finding *
procsec_result_finding_at(const procsec_result *r, size_t i);
PROCSEC_API size_t procsec_result_evidence_count(const procsec_result *r);
PROCSEC_API const procsec_finding *
procsec_result_evidence_at(const procsec_result *r, size_t i);

/** What the finding says, in the report's language. */
PROCSEC_API const char *procsec_finding_message(const procsec_finding *f);
/** The clause it is about, or NULL when it is about the whole tender. */
PROCSEC_API const procsec_clause *
procsec_finding_clause(const procsec_finding *f);
/** The matched span in the clause's text, as byte offsets [start, end);
 * both -1 when there is none. */
PROCSEC_API long procsec_finding_span_start(const procsec_finding *f);
PROCSEC_API long procsec_finding_span_end(const procsec_finding *f);

/* ---- Writing reports -------------------------------------------------- */

/* Output formats.  Append only. */
typedef enum {
	PROCSEC_OUT_JSON = 0,  /* docs/report.md, schemas/report-1.schema.json */
	PROCSEC_OUT_TEXT = 1,  /* for a terminal: file:line: RULE message */
	PROCSEC_OUT_SARIF = 2, /* SARIF 2.1.0, for code-review and CI tools */
	PROCSEC_OUT_JUNIT = 3, /* JUnit XML: a testsuite, a testcase per rule */
	PROCSEC_OUT_HTML = 4,  /* one standalone page for people */
	PROCSEC_OUT_NDJSON = 5 /* the JSON report on one line, then a newline */
} procsec_output;

/* Receives output piece by piece; return non-zero to stop the writer. */
typedef int (*procsec_sink)(const char *bytes, size_t len, void *payload);

/**
 * Writes a report through a sink.  Fails with PROCSEC_EARG for an
 * unknown format, PROCSEC_EIO when the sink stops, or PROCSEC_ENOMEM.
 */
PROCSEC_API int procsec_report_write(const procsec_report *report,
                                     procsec_output format, procsec_sink sink,
                                     void *payload, procsec_error *err);

/** The same, into a string to release with procsec_free(). */
PROCSEC_API int procsec_report_to_string(char **out, size_t *len,
                                         const procsec_report *report,
                                         procsec_output format,
                                         procsec_error *err);

#ifdef __cplusplus
}
#endif
#endif /* PROCSEC_H */
