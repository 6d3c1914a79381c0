/*
 * options.c -- limits on untrusted input and the message language.
 *
 * The defaults are chosen so that no tender a buyer writes comes near
 * them, while a hostile input stops early: 64 MiB is a hundred times the
 * largest real notice we have seen, and libxml2 itself caps element
 * nesting at 256 without XML_PARSE_HUGE, which we never set.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

#define MAX_DEPTH 256

/*
 * The pattern budgets let a well-written pattern run on any clause a
 * tender holds (a clause of 10 MB takes some 10^7 steps) while a
 * backtracking one stops within a second.
 */
static const struct procsec_options defaults = {
	64 * 1024 * 1024, /* input_bytes */
	64,               /* depth */
	100000,           /* clauses */
	10000000,         /* match */
	10000,            /* match_depth */
	"",               /* lang: the document's */
	"",               /* as_of: the document's */
	NULL,             /* formats: the bundled ones only */
	0,
	{ { "", PROCSEC_FACT_UNKNOWN } }, /* facts: none stated */
	0,                /* nfacts */
};

const struct procsec_options *ps_options_or_default(const procsec_options *opts)
{
	return opts != NULL ? opts : &defaults;
}

PROCSEC_API int procsec_options_new(procsec_options **out, procsec_error *err)
{
	procsec_options *opts;

	ps_error_clear(err);
	if (out == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out is NULL");
	*out = NULL;
	opts = malloc(sizeof(*opts));
	if (opts == NULL)
		return ps_error_nomem(err);
	*opts = defaults;
	*out = opts;
	return PROCSEC_OK;
}

static size_t limit_max(procsec_limit which)
{
	switch (which) {
	case PROCSEC_LIMIT_INPUT_BYTES:
	case PROCSEC_LIMIT_CLAUSES:
		return (size_t)-1 / 2;
	case PROCSEC_LIMIT_MATCH:
	case PROCSEC_LIMIT_MATCH_DEPTH:
		return UINT32_MAX; /* PCRE2 takes 32 bits */
	case PROCSEC_LIMIT_DEPTH:
		return MAX_DEPTH;
	}
	return 0;
}

/* Where a limit lives in the options, or -1 for an unknown limit. */
static long limit_offset(procsec_limit which)
{
	switch (which) {
	case PROCSEC_LIMIT_INPUT_BYTES:
		return (long)offsetof(struct procsec_options, input_bytes);
	case PROCSEC_LIMIT_DEPTH:
		return (long)offsetof(struct procsec_options, depth);
	case PROCSEC_LIMIT_CLAUSES:
		return (long)offsetof(struct procsec_options, clauses);
	case PROCSEC_LIMIT_MATCH:
		return (long)offsetof(struct procsec_options, match);
	case PROCSEC_LIMIT_MATCH_DEPTH:
		return (long)offsetof(struct procsec_options, match_depth);
	}
	return -1;
}

PROCSEC_API int procsec_options_set_limit(procsec_options *opts,
                                          procsec_limit which, size_t value,
                                          procsec_error *err)
{
	long off;

	ps_error_clear(err);
	if (opts == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "options are NULL");
	off = limit_offset(which);
	if (off < 0)
		return ps_error(err, PROCSEC_EARG, NULL, "unknown limit %d",
		                (int)which);
	if (value == 0 || value > limit_max(which))
		return ps_error(err, PROCSEC_EARG, NULL,
		                "limit %d must be between 1 and %zu", (int)which,
		                limit_max(which));
	*(size_t *)((char *)opts + off) = value;
	return PROCSEC_OK;
}

PROCSEC_API size_t procsec_options_get_limit(const procsec_options *opts,
                                             procsec_limit which)
{
	long off = limit_offset(which);

	if (off < 0)
		return 0;
	return *(const size_t *)((const char *)ps_options_or_default(opts) + off);
}

PROCSEC_API int procsec_options_set_lang(procsec_options *opts,
                                         const char *lang, procsec_error *err)
{
	ps_error_clear(err);
	if (opts == NULL || lang == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "options or lang is NULL");
	if (strcmp(lang, "sv") != 0 && strcmp(lang, "en") != 0)
		return ps_error(err, PROCSEC_EARG, NULL,
		                "unsupported language '%.32s' (expected sv or en)",
		                lang);
	memcpy(opts->lang, lang, 3);
	return PROCSEC_OK;
}

PROCSEC_API int procsec_options_set_as_of(procsec_options *opts,
                                          const char *date, procsec_error *err)
{
	ps_error_clear(err);
	if (opts == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "options are NULL");
	if (date == NULL || *date == '\0') {
		opts->as_of[0] = '\0';
		return PROCSEC_OK;
	}
	if (ps_check_date(date) != NULL)
		return ps_error(err, PROCSEC_EARG, NULL,
		                "invalid date '%.40s': expected YYYY-MM-DD", date);
	memcpy(opts->as_of, date, 11);
	return PROCSEC_OK;
}

static int fact_value_ok(procsec_fact value)
{
	return value == PROCSEC_FACT_TRUE || value == PROCSEC_FACT_FALSE ||
	       value == PROCSEC_FACT_UNKNOWN;
}

PROCSEC_API int procsec_options_set_fact(procsec_options *opts,
                                         const char *name, procsec_fact value,
                                         procsec_error *err)
{
	const char *problem;
	size_t i;

	ps_error_clear(err);
	if (opts == NULL || name == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "options or name is NULL");
	problem = ps_check_fact_name(name);
	if (problem != NULL || strlen(name) >= PS_FACT_NAME_MAX)
		return ps_error(err, PROCSEC_EARG, NULL,
		                "invalid fact name '%.64s': expected %s", name,
		                problem != NULL ? problem : "at most 63 characters");
	if (!fact_value_ok(value))
		return ps_error(err, PROCSEC_EARG, NULL,
		                "invalid value %d of fact '%s'", (int)value, name);
	for (i = 0; i < opts->nfacts; i++)
		if (strcmp(opts->facts[i].name, name) == 0)
			break;
	if (i == PS_OPTION_FACTS)
		return ps_error(err, PROCSEC_EARG, NULL,
		                "more than %d facts stated", PS_OPTION_FACTS);
	memcpy(opts->facts[i].name, name, strlen(name) + 1);
	opts->facts[i].value = value;
	if (i == opts->nfacts)
		opts->nfacts++;
	return PROCSEC_OK;
}

PROCSEC_API void procsec_options_free(procsec_options *opts)
{
	size_t i;

	if (opts == NULL)
		return;
	for (i = 0; i < opts->format_count; i++) {
		free(opts->formats[i].path);
		free(opts->formats[i].text);
	}
	free(opts->formats);
	free(opts);
}
