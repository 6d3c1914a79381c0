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
 * - The library keeps no global mutable state, never prints, never
 *   exits and never aborts.  Distinct objects may be used from distinct
 *   threads at once; one object is used by one thread at a time unless
 *   its documentation says otherwise.  A parsed document is read-only
 *   after procsec_doc_parse returns, so its getters may be called from
 *   many threads at once.
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
typedef struct procsec_clause procsec_clause;   /* one clause (borrowed) */

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
	PROCSEC_LIMIT_CLAUSES = 2      /* clauses in one document;
	                                  default 100000 */
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
 * Sets the language of messages: "sv" or "en" (the default).
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
 * text; NULL gives "<memory>").  format is "procsec-xml", "procsec-json",
 * or NULL to detect it from the content.  The bytes are not kept: the
 * caller may release them when the call returns.
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

/* The value of an applicability fact.  Append only. */
typedef enum {
	PROCSEC_FACT_UNKNOWN = 0, /* not stated, or stated as unknown */
	PROCSEC_FACT_FALSE = 1,
	PROCSEC_FACT_TRUE = 2
} procsec_fact;

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

#ifdef __cplusplus
}
#endif
#endif /* PROCSEC_H */
