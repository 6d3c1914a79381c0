/*
 * match.c -- the PCRE2 wrapper: how every rule pattern is compiled and
 * matched.
 *
 * UTF and UCP make \b, \w and caseless matching know å, ä and ö; JIT
 * makes the thousands of matches of a large tender cheap.  Matches run
 * under the rule set's match and depth limits, which are counts, so a
 * pathological pattern ends in the same error on every machine.
 */
#include <stdio.h>

#include "pack.h"

#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | \
                         PCRE2_MATCH_INVALID_UTF)

pcre2_code *ps_pattern_compile(const char *source, int *error_code,
                               size_t *offset)
{
	PCRE2_SIZE where = 0;
	pcre2_code *code;

	code = pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED,
	                     COMPILE_OPTIONS, error_code, &where, NULL);
	*offset = where;
	if (code != NULL)
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* else interpreted */
	return code;
}

void ps_pattern_error(int code, char *buf, size_t size)
{
	if (pcre2_get_error_message(code, (PCRE2_UCHAR *)buf, size) < 0)
		snprintf(buf, size, "PCRE2 error %d", code);
}

enum ps_match ps_pattern_match(const procsec_ruleset *rules,
                               const pcre2_code *code, const char *subject,
                               size_t len, size_t offset,
                               pcre2_match_data *md, size_t *start,
                               size_t *end)
{
	PCRE2_SIZE *ovector;
	int rc;

	rc = pcre2_match(code, (PCRE2_SPTR)subject, len, offset, 0, md,
	                 rules->match_context);
	if (rc == PCRE2_ERROR_NOMATCH)
		return MATCH_NO;
	if (rc < 0)
		return MATCH_ERROR;
	ovector = pcre2_get_ovector_pointer(md);
	*start = ovector[0];
	*end = ovector[1];
	return MATCH_YES;
}
