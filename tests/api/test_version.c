/*
 * test_version.c -- version, error texts, options.
 */
#include <string.h>

#include <procsec.h>

#include "harness.h"

static void test_version_matches_header(void)
{
	CU_ASSERT_EQUAL(procsec_version(), PROCSEC_VERSION_NUMBER);
	CU_ASSERT_STRING_EQUAL(procsec_version_string(), PROCSEC_VERSION_STRING);
	CU_ASSERT(PROCSEC_VERSION_AT_LEAST(0, 1, 0));
	CU_ASSERT(!PROCSEC_VERSION_AT_LEAST(99, 0, 0));
}

static void test_strerror_never_null(void)
{
	int code;

	for (code = -20; code <= 1; code++)
		CU_ASSERT_PTR_NOT_NULL(procsec_strerror(code));
	CU_ASSERT_STRING_EQUAL(procsec_strerror(PROCSEC_EUNSAFE),
	                       "refused as unsafe");
}

static void test_options_defaults_and_setters(void)
{
	procsec_options *opts = NULL;
	procsec_error err;

	CU_ASSERT_EQUAL(procsec_options_get_limit(NULL, PROCSEC_LIMIT_DEPTH), 64);
	CU_ASSERT_EQUAL(procsec_options_get_limit(NULL, PROCSEC_LIMIT_INPUT_BYTES),
	                64u * 1024 * 1024);
	CU_ASSERT_EQUAL_FATAL(procsec_options_new(&opts, &err), PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_options_set_limit(opts, PROCSEC_LIMIT_DEPTH, 10,
	                                          &err),
	                PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_options_get_limit(opts, PROCSEC_LIMIT_DEPTH), 10);
	CU_ASSERT_EQUAL(procsec_options_set_limit(opts, PROCSEC_LIMIT_DEPTH, 257,
	                                          &err),
	                PROCSEC_EARG);
	CU_ASSERT_STRING_EQUAL(err.message, "limit 1 must be between 1 and 256");
	CU_ASSERT_EQUAL(procsec_options_get_limit(opts, PROCSEC_LIMIT_DEPTH), 10);
	CU_ASSERT_EQUAL(procsec_options_set_limit(opts, PROCSEC_LIMIT_CLAUSES, 0,
	                                          &err),
	                PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_options_set_limit(opts, (procsec_limit)99, 1,
	                                          &err),
	                PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_options_get_limit(opts, (procsec_limit)99), 0);
	CU_ASSERT_EQUAL(procsec_options_set_lang(opts, "sv", &err), PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_options_set_lang(opts, "de", &err), PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_options_new(NULL, NULL), PROCSEC_EARG);
	procsec_options_free(opts);
	procsec_options_free(NULL);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "version matches header", test_version_matches_header },
		{ "strerror never NULL", test_strerror_never_null },
		{ "options defaults and setters", test_options_defaults_and_setters },
		{ NULL, NULL },
	};

	return run_tests("version", tests);
}
