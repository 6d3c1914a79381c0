/*
 * test_doc.c -- parsing tenders through the public API: the examples,
 * the model's fields and locations, XML/JSON equivalence, limits and
 * errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <procsec.h>

#include "harness.h"

static const char *const examples[] = { "lokalvard-forskolor", "it-drift",
	                                 "hemtjanst", NULL };

static procsec_doc *parse_example(const char *name, const char *ext)
{
	char path[512];
	procsec_error err;
	procsec_doc *doc = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/examples/%s.%s", PROCSEC_SRCDIR, name,
	         ext);
	rc = procsec_doc_parse_file(&doc, path, NULL, NULL, &err);
	if (rc != PROCSEC_OK)
		fprintf(stderr, "%s:%d:%d: %s\n", err.source, err.line, err.column,
		        err.message);
	CU_ASSERT_EQUAL(rc, PROCSEC_OK);
	CU_ASSERT_EQUAL(err.code, PROCSEC_OK);
	return doc;
}

static void test_example_metadata(void)
{
	procsec_doc *doc = parse_example("lokalvard-forskolor", "xml");
	const procsec_clause *c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "procsec-xml");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "DNR 1187-2026-2.6.1");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc),
	                       "Lokalvård i förskolor inom Hägersten-Älvsjö "
	                       "stadsdelsområde");
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "critical-service"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "personal-data"),
	                PROCSEC_FACT_FALSE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "it-service"),
	                PROCSEC_FACT_UNKNOWN);
	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc), 24);
	c = procsec_doc_clause_at(doc, 0);
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "text");
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "1.1");
	CU_ASSERT_PTR_NULL(procsec_clause_level(c));
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "1");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 22);
	CU_ASSERT_EQUAL(procsec_clause_column(c), 5);
	CU_ASSERT_STRING_EQUAL(procsec_clause_path(c), "/tender/section[1]/text[1]");
	/* wrapped over three lines in the file; one sentence in the model */
	CU_ASSERT_PTR_NOT_NULL(strstr(procsec_clause_text(c),
	                              "Uppdraget omfattar daglig lokalvård, "));
	CU_ASSERT_PTR_NULL(strchr(procsec_clause_text(c), '\n'));
	CU_ASSERT_PTR_NULL(procsec_doc_clause_at(doc, 24));
	procsec_doc_free(doc);
}

static const procsec_clause *clause_by_id(const procsec_doc *doc,
                                          const char *id)
{
	size_t i;

	for (i = 0; i < procsec_doc_clause_count(doc); i++) {
		const procsec_clause *c = procsec_doc_clause_at(doc, i);

		if (procsec_clause_id(c) != NULL &&
		    strcmp(procsec_clause_id(c), id) == 0)
			return c;
	}
	return NULL;
}

static void test_nested_sections_and_no_break_space(void)
{
	procsec_doc *doc = parse_example("it-drift", "xml");
	const procsec_clause *c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	c = clause_by_id(doc, "3.1.3");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "3 > 3.1");
	CU_ASSERT_STRING_EQUAL(procsec_clause_level(c), "shall");
	CU_ASSERT_STRING_EQUAL(procsec_clause_category(c), "personal-data");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 79);
	CU_ASSERT_EQUAL(procsec_clause_column(c), 7);
	CU_ASSERT_STRING_EQUAL(procsec_clause_path(c),
	                       "/tender/section[3]/section[1]/requirement[3]");
	/* the file has U+00A0 between 24 and timmar */
	CU_ASSERT_PTR_NOT_NULL(strstr(procsec_clause_text(c), "inom 24 timmar"));
	procsec_doc_free(doc);
}

static void test_json_locations_and_unknown_fact(void)
{
	procsec_doc *doc = parse_example("hemtjanst", "json");
	const procsec_clause *c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "procsec-json");
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "security-sensitive"),
	                PROCSEC_FACT_UNKNOWN);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "subcontracting-allowed"),
	                PROCSEC_FACT_FALSE);
	c = procsec_doc_clause_at(doc, 0);
	CU_ASSERT_STRING_EQUAL(procsec_clause_path(c), "/sections/0/clauses/0");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 26);
	CU_ASSERT_EQUAL(procsec_clause_column(c), 9);
	procsec_doc_free(doc);
}

/* Removes what legitimately differs between the two forms. */
static void strip_origin(cJSON *node)
{
	cJSON *child;

	cJSON_DeleteItemFromObjectCaseSensitive(node, "location");
	cJSON_DeleteItemFromObjectCaseSensitive(node, "source");
	cJSON_DeleteItemFromObjectCaseSensitive(node, "format");
	for (child = node->child; child != NULL; child = child->next)
		strip_origin(child);
}

static cJSON *model_of(const char *name, const char *ext)
{
	procsec_doc *doc = parse_example(name, ext);
	char *json = NULL;
	cJSON *model;

	CU_ASSERT_EQUAL(procsec_doc_to_json(&json, NULL, doc, NULL), PROCSEC_OK);
	model = cJSON_Parse(json);
	procsec_free(json);
	procsec_doc_free(doc);
	strip_origin(model);
	return model;
}

static void test_xml_and_json_give_the_same_model(void)
{
	const char *const *name;

	for (name = examples; *name != NULL; name++) {
		cJSON *from_xml = model_of(*name, "xml");
		cJSON *from_json = model_of(*name, "json");

		CU_ASSERT_PTR_NOT_NULL(from_xml);
		CU_ASSERT(cJSON_GetArraySize(cJSON_GetObjectItem(from_xml,
		                                                 "clauses")) >= 20);
		CU_ASSERT(cJSON_Compare(from_xml, from_json, 1));
		cJSON_Delete(from_xml);
		cJSON_Delete(from_json);
	}
}

static const char small[] =
	"<tender xmlns='urn:procsec:tender:1' id='1' xml:lang='sv'>\n"
	" <title>T</title><buyer>B</buyer>\n"
	" <section><requirement>a</requirement><text>b</text>"
	"<text>c</text></section>\n"
	"</tender>\n";

static void test_memory_parse_and_forced_format(void)
{
	procsec_doc *doc = NULL;
	procsec_error err;

	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "mem.xml", small, strlen(small),
	                                  "procsec-xml", NULL, &err),
	                PROCSEC_OK);
	CU_ASSERT_STRING_EQUAL(procsec_doc_source(doc), "mem.xml");
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(procsec_doc_clause_at(doc, 0)),
	                       "#1");
	procsec_doc_free(doc);
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, NULL, small, strlen(small),
	                                  "procsec-json", NULL, &err),
	                PROCSEC_ESYNTAX);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_STRING_EQUAL(err.source, "<memory>");
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "m", small, strlen(small),
	                                  "procsec-xlm", NULL, &err),
	                PROCSEC_EARG);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "unknown format 'procsec-xlm' (did you mean "
	                       "'procsec-xml'?) (known: procsec-xml, procsec-json, "
	                       "eforms, ted-xml, espd, ocds, prozorro, "
	                       "prozorro-criteria, docx, odt)");
	/* a NULL error pointer is allowed, and the code still comes back */
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "m", "{", 1, NULL, NULL, NULL),
	                PROCSEC_ESYNTAX);
	CU_ASSERT_EQUAL(procsec_doc_parse(NULL, "m", "{", 1, NULL, NULL, &err),
	                PROCSEC_EARG);
}

static void test_limits_from_options(void)
{
	procsec_options *opts = NULL;
	procsec_doc *doc = NULL;
	procsec_error err;

	procsec_options_new(&opts, NULL);
	procsec_options_set_limit(opts, PROCSEC_LIMIT_CLAUSES, 3, NULL);
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "m", small, strlen(small), NULL,
	                                  opts, &err),
	                PROCSEC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(err.message, "more than 3 clauses and sections "
	                                    "(the clause limit)");
	CU_ASSERT_EQUAL(err.line, 3);
	CU_ASSERT_STRING_EQUAL(err.pointer, "/tender/section[1]/text[2]");
	procsec_options_set_limit(opts, PROCSEC_LIMIT_CLAUSES, 4, NULL);
	procsec_options_set_limit(opts, PROCSEC_LIMIT_DEPTH, 2, NULL);
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "m", small, strlen(small), NULL,
	                                  opts, &err),
	                PROCSEC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(err.message, "elements nested deeper than 2 "
	                                    "levels (the depth limit)");
	procsec_options_set_limit(opts, PROCSEC_LIMIT_DEPTH, 3, NULL);
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "m", small, strlen(small), NULL,
	                                  opts, &err),
	                PROCSEC_OK);
	procsec_doc_free(doc);
	procsec_options_set_limit(opts, PROCSEC_LIMIT_INPUT_BYTES, 100, NULL);
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "m", small, strlen(small), NULL,
	                                  opts, &err),
	                PROCSEC_ELIMIT);
	CU_ASSERT_PTR_NULL(doc);
	procsec_options_free(opts);
}

static void test_file_errors(void)
{
	char path[512];
	procsec_options *opts = NULL;
	procsec_doc *doc = NULL;
	procsec_error err;

	CU_ASSERT_EQUAL(procsec_doc_parse_file(&doc, "/nonexistent/t.xml", NULL,
	                                       NULL, &err),
	                PROCSEC_EIO);
	CU_ASSERT_STRING_EQUAL(err.source, "/nonexistent/t.xml");
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "cannot read: No such file or directory");
	CU_ASSERT_EQUAL(procsec_doc_parse_file(&doc, PROCSEC_SRCDIR, NULL, NULL,
	                                       &err),
	                PROCSEC_EIO);
	CU_ASSERT_STRING_EQUAL(err.message, "cannot read: Is a directory");
	/* a file over the limit is refused from its size, before reading */
	procsec_options_new(&opts, NULL);
	procsec_options_set_limit(opts, PROCSEC_LIMIT_INPUT_BYTES, 1000, NULL);
	snprintf(path, sizeof(path), "%s/examples/it-drift.xml", PROCSEC_SRCDIR);
	CU_ASSERT_EQUAL(procsec_doc_parse_file(&doc, path, NULL, opts, &err),
	                PROCSEC_ELIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "over the limit of 1000 bytes"));
	procsec_options_free(opts);
}

/* The same messy clause in both forms reads as one clean sentence. */
static void test_text_normalised_in_both_forms(void)
{
	static const char xml[] =
		"<tender xmlns='urn:procsec:tender:1' id='1' xml:lang='sv'>"
		"<title>T</title><buyer>B</buyer><section><requirement>\n"
		"   Leverant\xC3\xB6" "ren ska ha en kontinuitets\xC2\xAD" "plan f\xC3\xB6" "r\n"
		"   ho\xCC\x88jd\xC2\xA0" "beredskap.\t</requirement></section></tender>";
	static const char json[] =
		"{\"procsec_tender\": 1, \"id\": \"1\", \"lang\": \"sv\", "
		"\"title\": \"T\", \"buyer\": {\"name\": \"B\"}, \"sections\": "
		"[{\"clauses\": [{\"kind\": \"requirement\", \"text\": "
		"\"\\n   Leverant\\u00f6ren ska ha en kontinuitets\\u00adplan "
		"f\\u00f6r\\n   ho\\u0308jd\\u00a0beredskap.\\t\"}]}]}";
	const char *want = "Leverantören ska ha en kontinuitetsplan för höjd "
	                   "beredskap.";
	procsec_doc *doc = NULL;

	CU_ASSERT_EQUAL_FATAL(procsec_doc_parse(&doc, "x", xml, strlen(xml), NULL,
	                                        NULL, NULL),
	                      PROCSEC_OK);
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(procsec_doc_clause_at(doc, 0)),
	                       want);
	procsec_doc_free(doc);
	CU_ASSERT_EQUAL_FATAL(procsec_doc_parse(&doc, "j", json, strlen(json),
	                                        NULL, NULL, NULL),
	                      PROCSEC_OK);
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(procsec_doc_clause_at(doc, 0)),
	                       want);
	procsec_doc_free(doc);
}

static void test_error_cleared_on_success(void)
{
	procsec_doc *doc = NULL;
	procsec_error err;

	memset(&err, 'x', sizeof(err));
	err.code = PROCSEC_EIO;
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "m", small, strlen(small), NULL,
	                                  NULL, &err),
	                PROCSEC_OK);
	CU_ASSERT_EQUAL(err.code, PROCSEC_OK);
	CU_ASSERT_STRING_EQUAL(err.message, "");
	procsec_doc_free(doc);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "example metadata", test_example_metadata },
		{ "nested sections and no-break space",
		  test_nested_sections_and_no_break_space },
		{ "JSON locations and unknown fact",
		  test_json_locations_and_unknown_fact },
		{ "XML and JSON give the same model",
		  test_xml_and_json_give_the_same_model },
		{ "memory parse and forced format",
		  test_memory_parse_and_forced_format },
		{ "limits from options", test_limits_from_options },
		{ "file errors", test_file_errors },
		{ "text normalised in both forms",
		  test_text_normalised_in_both_forms },
		{ "error cleared on success", test_error_cleared_on_success },
		{ NULL, NULL },
	};

	return run_tests("doc", tests);
}
