/*
 * test_misuse.c -- every public call given NULL where an object belongs.
 *
 * A fallible call returns PROCSEC_EARG and says so in the error; a
 * getter returns NULL, 0 or its "none" value; a _free does nothing.
 * Nothing crashes or aborts: the ASan build runs this too.
 */
#include <string.h>

#include <procsec.h>

#include "harness.h"

static procsec_error err;

#define EXPECT_EARG(call)                                                   \
	do {                                                                \
		memset(&err, 0, sizeof err);                                \
		CU_ASSERT_EQUAL((call), PROCSEC_EARG);                      \
		CU_ASSERT_EQUAL(err.code, PROCSEC_EARG);                    \
		CU_ASSERT_NOT_EQUAL(err.message[0], '\0');                  \
	} while (0)

static void test_fallible_calls_refuse_null(void)
{
	procsec_doc *doc = NULL;
	procsec_docs *docs = NULL;
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;
	procsec_report *report = NULL;
	procsec_diags *diags = NULL;
	char *text = NULL;
	size_t len = 0;

	EXPECT_EARG(procsec_options_new(NULL, &err));
	EXPECT_EARG(procsec_options_set_limit(NULL, PROCSEC_LIMIT_DEPTH, 8,
	                                      &err));
	EXPECT_EARG(procsec_options_set_lang(NULL, "sv", &err));
	EXPECT_EARG(procsec_options_set_as_of(NULL, "2026-01-01", &err));
	EXPECT_EARG(procsec_doc_parse(NULL, "x", "{}", 2, NULL, NULL, &err));
	EXPECT_EARG(procsec_doc_parse(&doc, "x", NULL, 2, NULL, NULL, &err));
	EXPECT_EARG(procsec_doc_parse_file(NULL, "x.xml", NULL, NULL, &err));
	EXPECT_EARG(procsec_doc_parse_file(&doc, NULL, NULL, NULL, &err));
	EXPECT_EARG(procsec_doc_to_json(&text, &len, NULL, &err));
	EXPECT_EARG(procsec_docs_parse(NULL, "x", "{}", 2, NULL, NULL, &err));
	EXPECT_EARG(procsec_docs_parse(&docs, "x", NULL, 2, NULL, NULL, &err));
	EXPECT_EARG(procsec_docs_parse_file(NULL, "x.xml", NULL, NULL, &err));
	EXPECT_EARG(procsec_docs_parse_file(&docs, NULL, NULL, NULL, &err));
	EXPECT_EARG(procsec_options_add_format(NULL, "a.json", &err));
	EXPECT_EARG(procsec_formats_new(NULL, NULL, &err));
	EXPECT_EARG(procsec_diags_new(NULL, &err));
	EXPECT_EARG(procsec_loader_new(NULL, NULL, &err));
	EXPECT_EARG(procsec_loader_add_pack(NULL, "starter", NULL, &err));
	EXPECT_EARG(procsec_loader_add_pack_buffer(NULL, "p", "{}", 2, NULL,
	                                           &err));
	EXPECT_EARG(procsec_loader_add_bundled(NULL, NULL, &err));
	EXPECT_EARG(procsec_loader_add_profile(NULL, "p", NULL, &err));
	EXPECT_EARG(procsec_loader_add_waivers(NULL, "w.json", NULL, &err));
	EXPECT_EARG(procsec_loader_set_param(NULL, "a", "1", &err));
	EXPECT_EARG(procsec_loader_compile(&rules, NULL, diags, &err));
	EXPECT_EARG(procsec_check(&report, NULL, NULL, NULL, &err));
	EXPECT_EARG(procsec_report_to_string(&text, &len, NULL,
	                                     PROCSEC_OUT_JSON, &err));
	EXPECT_EARG(procsec_report_write(NULL, PROCSEC_OUT_JSON, NULL, NULL,
	                                 &err));
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NULL(docs);
	CU_ASSERT_PTR_NULL(loader);
	CU_ASSERT_PTR_NULL(rules);
	CU_ASSERT_PTR_NULL(report);
	CU_ASSERT_PTR_NULL(text);
}

static void test_null_error_pointer_is_allowed(void)
{
	CU_ASSERT_EQUAL(procsec_options_new(NULL, NULL), PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_loader_new(NULL, NULL, NULL), PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_check(NULL, NULL, NULL, NULL, NULL),
	                PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_options_add_format(NULL, NULL, NULL),
	                PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_formats_new(NULL, NULL, NULL), PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_docs_parse(NULL, NULL, NULL, 0, NULL, NULL, NULL),
	                PROCSEC_EARG);
}

static void test_getters_of_null_are_empty(void)
{
	CU_ASSERT_PTR_NULL(procsec_doc_format(NULL));
	CU_ASSERT_PTR_NULL(procsec_doc_id(NULL));
	CU_ASSERT_PTR_NULL(procsec_doc_title(NULL));
	CU_ASSERT_EQUAL(procsec_doc_fact(NULL, "critical-service"),
	                PROCSEC_FACT_UNKNOWN);
	CU_ASSERT_EQUAL(procsec_doc_clause_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_doc_clause_at(NULL, 0));
	CU_ASSERT_PTR_NULL(procsec_clause_text(NULL));
	CU_ASSERT_EQUAL(procsec_docs_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_docs_at(NULL, 0));
	CU_ASSERT_EQUAL(procsec_formats_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_format_name(NULL, 0));
	CU_ASSERT_PTR_NULL(procsec_format_detection(NULL, 0));
	CU_ASSERT_EQUAL(procsec_diags_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_diags_at(NULL, 0));
	CU_ASSERT_EQUAL(procsec_ruleset_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_ruleset_at(NULL, 0));
	CU_ASSERT_PTR_NULL(procsec_ruleset_find(NULL, "START-001"));
	CU_ASSERT_PTR_NULL(procsec_rule_id(NULL));
	CU_ASSERT_PTR_NULL(procsec_rule_title(NULL, "sv"));
	CU_ASSERT_EQUAL(procsec_rule_reference_count(NULL), 0);
	CU_ASSERT_EQUAL(procsec_report_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_report_at(NULL, 0));
	CU_ASSERT_EQUAL(procsec_report_count_status(NULL, PROCSEC_STATUS_FAIL),
	                0);
	CU_ASSERT_PTR_NULL(procsec_result_rule(NULL));
	CU_ASSERT_EQUAL(procsec_result_finding_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_result_finding_at(NULL, 0));
	CU_ASSERT_PTR_NULL(procsec_finding_message(NULL));
	CU_ASSERT_EQUAL(procsec_finding_span_start(NULL), -1);
	CU_ASSERT_PTR_NOT_NULL(procsec_strerror(-9999));
}

static void test_free_of_null_does_nothing(void)
{
	procsec_free(NULL);
	procsec_options_free(NULL);
	procsec_doc_free(NULL);
	procsec_docs_free(NULL);
	procsec_formats_free(NULL);
	procsec_diags_free(NULL);
	procsec_loader_free(NULL);
	procsec_ruleset_free(NULL);
	procsec_report_free(NULL);
	CU_PASS("every _free accepted NULL");
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "fallible calls refuse NULL", test_fallible_calls_refuse_null },
		{ "a NULL error pointer is allowed",
		  test_null_error_pointer_is_allowed },
		{ "getters of NULL are empty", test_getters_of_null_are_empty },
		{ "free of NULL does nothing", test_free_of_null_does_nothing },
		{ NULL, NULL }
	};

	return run_tests("API misuse", tests);
}
