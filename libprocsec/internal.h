/*
 * internal.h -- private types and helpers shared by the library's files.
 * Never installed.  Cross-file helpers carry the ps_ prefix.
 */
#ifndef PROCSEC_INTERNAL_H
#define PROCSEC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "procsec.h"

#if defined(__GNUC__)
#define PS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PS_PRINTF(fmt, args)
#endif

/* ---- error.c: where a problem is, and filling procsec_error ---------- */

/* A place in an input.  Any field may be unknown (0, -1 or NULL). */
struct ps_where {
	const char *source;
	int line;
	int column;
	long offset;
	const char *pointer;
};

void ps_error_clear(procsec_error *err);

/*
 * Fills err unless it already holds an error (the first error of a call
 * wins), and returns code so that callers can `return ps_error(...)`.
 */
int ps_error(procsec_error *err, int code, const struct ps_where *where,
             const char *fmt, ...) PS_PRINTF(4, 5);
int ps_verror(procsec_error *err, int code, const struct ps_where *where,
              const char *fmt, va_list ap) PS_PRINTF(4, 0);
int ps_error_nomem(procsec_error *err);

/* ---- options.c --------------------------------------------------------- */

#define PS_OPTION_FACTS 64
#define PS_FACT_NAME_MAX 64

/* A fact the caller states with procsec_options_set_fact(). */
struct ps_option_fact {
	char name[PS_FACT_NAME_MAX];
	procsec_fact value;
};

struct procsec_options {
	size_t input_bytes;
	size_t depth;
	size_t clauses;
	size_t match;       /* PCRE2 match limit */
	size_t match_depth; /* PCRE2 depth limit */
	char lang[3];       /* "sv", "en", or "" for the document's */
	char as_of[11];     /* YYYY-MM-DD, or "" for the document's */
	struct ps_user_format *formats; /* adapters added, in order */
	size_t format_count;
	struct ps_option_fact facts[PS_OPTION_FACTS]; /* override the doc's */
	size_t nfacts;
};

/* A format adapter file the caller added, kept as read. */
struct ps_user_format {
	char *path;
	char *text;
	size_t len;
};

/* The options in force: opts itself, or the defaults when it is NULL. */
const struct procsec_options *ps_options_or_default(const procsec_options *opts);

/* ---- doc_parse.c ------------------------------------------------------ */

/*
 * Reads a whole file ("-": standard input) into *bytes, NUL-terminated
 * (not counted in *len), refusing more than limit bytes.  free() it.
 */
int ps_read_input(const char *path, size_t limit, char **bytes, size_t *len,
                  procsec_error *err);

/* ---- arena.c: one allocation pool per document ----------------------- */

struct ps_arena;

struct ps_arena *ps_arena_new(void);
void ps_arena_free(struct ps_arena *arena);
void *ps_arena_alloc(struct ps_arena *arena, size_t size);
char *ps_arena_strndup(struct ps_arena *arena, const char *s, size_t len);
char *ps_arena_strdup(struct ps_arena *arena, const char *s);
char *ps_arena_printf(struct ps_arena *arena, const char *fmt, ...)
	PS_PRINTF(2, 3);

/* ---- vec.c: a growable array of fixed-size items --------------------- */

struct ps_vec {
	void *items;
	size_t count;
	size_t cap;
	size_t item_size;
};

void ps_vec_init(struct ps_vec *vec, size_t item_size);
/* A new zeroed item at the end, or NULL when out of memory. */
void *ps_vec_push(struct ps_vec *vec);
void *ps_vec_at(const struct ps_vec *vec, size_t i);
void ps_vec_free(struct ps_vec *vec);

/* ---- text.c: UTF-8 and normalisation ------------------------------- */

/*
 * Checks that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF).  Returns -1 when it is, or the byte offset
 * of the first bad sequence.
 */
long ps_utf8_invalid_at(const char *s, size_t len);

/* The 1-based line and column (in characters) of byte offset off. */
void ps_text_position(const char *s, size_t off, int *line, int *column);

/*
 * Normalises text for matching and display: whitespace runs (including
 * no-break and other Unicode spaces) become one space, leading and
 * trailing whitespace goes, soft hyphens and zero-width characters are
 * dropped, and the result is put in NFC.  The input must be valid UTF-8.
 * Returns a string allocated in arena, or NULL when out of memory.
 */
char *ps_text_normalise(struct ps_arena *arena, const char *s, size_t len);

/* ---- suggest.c ------------------------------------------------------- */

/* The candidate closest to word, if close enough to be a likely typo. */
const char *ps_suggest(const char *word, const char *const *candidates);

#endif /* PROCSEC_INTERNAL_H */
