/*
 * test_adapters.c -- the format adapter language, on two small formats
 * made for it (tests/data/formats): detection, expressions, conversions,
 * maps, placeholders, language choice, sections and clause ids,
 * locations, packages of several tenders, the JSON path dialect, and the
 * errors an adapter with a mistake gets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <procsec.h>

#include "harness.h"

#define DATA PROCSEC_SRCDIR "/tests/data/formats/"

static procsec_options *with_adapter(const char *adapter, const char *lang)
{
	procsec_options *opts = NULL;
	procsec_error err;

	CU_ASSERT_EQUAL_FATAL(procsec_options_new(&opts, &err), PROCSEC_OK);
	if (adapter != NULL &&
	    procsec_options_add_format(opts, adapter, &err) != PROCSEC_OK)
		fprintf(stderr, "\n%s: %s\n", adapter, err.message);
	if (lang != NULL)
		procsec_options_set_lang(opts, lang, &err);
	return opts;
}

static procsec_doc *mini_notice(const char *lang)
{
	procsec_options *opts = with_adapter(DATA "mini-notice.json", lang);
	procsec_doc *doc = NULL;
	procsec_error err;

	if (procsec_doc_parse_file(&doc, DATA "mini-notice.xml", NULL, opts,
	                           &err) != PROCSEC_OK)
		fprintf(stderr, "\n%s\n", err.message);
	procsec_options_free(opts);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	return doc;
}

static void test_fields(void)
{
	procsec_doc *doc = mini_notice(NULL);
	char *json = NULL;
	procsec_error err;

	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "mini-notice");
	/* <ref>n.a.</ref> is a placeholder: the id is the next alternative */
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "MN-2026-7");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "en");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc), "School transport");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "SE");
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "security-sensitive"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "works-contract"),
	                PROCSEC_FACT_FALSE);
	CU_ASSERT_EQUAL_FATAL(procsec_doc_to_json(&json, NULL, doc, &err),
	                      PROCSEC_OK);
	/* a mapped code, converted date, datetime with the date's zone,
	 * a formatted number, years as months, CPV codes once each */
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"procedure\":\t\"open\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"published\":\t\"2026-03-01\""));
	CU_ASSERT_PTR_NOT_NULL(
		strstr(json, "\"deadline\":\t\"2026-04-15T12:00:00+01:00\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"amount\":\t4500000,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"amount\":\t36,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"unit\":\t\"months\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"code\":\t\"60112000\",\n"
	                                    "\t\t\t\"main\":\tfalse"));
	CU_ASSERT_PTR_NULL(strstr(strstr(json, "60130000") + 1, "60130000"));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"path\":\t\"/x:notice/x:clearance\""));
	procsec_free(json);
	procsec_doc_free(doc);
}

static void test_clauses(void)
{
	procsec_doc *doc = mini_notice(NULL);
	const procsec_clause *c;

	/* the whitespace-only condition gives no clause */
	CU_ASSERT_EQUAL_FATAL(procsec_doc_clause_count(doc), 4);
	c = procsec_doc_clause_at(doc, 0);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "SUMMARY");
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c),
	                       "Transport of pupils to and from school.");
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "");
	c = procsec_doc_clause_at(doc, 1);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "LOT-1 BT-70");
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "condition");
	CU_ASSERT_STRING_EQUAL(procsec_clause_level(c), "shall");
	CU_ASSERT_STRING_EQUAL(procsec_clause_category(c), "performance");
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "LOT-1");
	/* both English paragraphs, not the Swedish one */
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c),
	                       "The supplier shall report incidents within 24 "
	                       "hours. The supplier shall keep a continuity "
	                       "plan.");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 28);
	CU_ASSERT_EQUAL(procsec_clause_column(c), 7);
	CU_ASSERT_STRING_EQUAL(procsec_clause_path(c),
	                       "/x:notice/x:lot/x:condition[1]/x:p[1]");
	c = procsec_doc_clause_at(doc, 3);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "LOT-1 BT-750 #2");
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c), "Safety: Driver training");
	procsec_doc_free(doc);
}

static void test_language_asked_for(void)
{
	procsec_doc *doc = mini_notice("sv");
	const procsec_clause *c = procsec_doc_clause_at(doc, 1);

	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc), "Skolskjuts");
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c),
	                       "Leverantören ska rapportera incidenter inom 24 "
	                       "timmar.");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 30);
	procsec_doc_free(doc);
}

/* A language the notice lacks: its own language is taken. */
static void test_language_missing(void)
{
	procsec_options *opts = with_adapter(DATA "mini-notice.json", "en");
	procsec_doc *doc = NULL;
	procsec_error err;
	const char *swedish_only =
		"<notice xmlns='urn:example:notice' number='N1'>"
		"<language>SWE</language><title lang='SWE'>Skolskjuts</title>"
		"<buyer><name>Kommunen</name></buyer></notice>";

	CU_ASSERT_EQUAL_FATAL(procsec_doc_parse(&doc, "n.xml", swedish_only,
	                                        strlen(swedish_only), NULL, opts,
	                                        &err),
	                      PROCSEC_OK);
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc), "Skolskjuts");
	procsec_doc_free(doc);
	procsec_options_free(opts);
}

static void test_required_field_missing(void)
{
	procsec_options *opts = with_adapter(DATA "mini-notice.json", NULL);
	procsec_doc *doc = NULL;
	procsec_error err;
	const char *untitled = "<notice xmlns='urn:example:notice' number='N1'>"
	                       "<language>SWE</language>"
	                       "<buyer><name>Kommunen</name></buyer></notice>";

	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "n.xml", untitled,
	                                  strlen(untitled), NULL, opts, &err),
	                PROCSEC_EINVALID);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_STRING_EQUAL(err.message, "the tender has no title (required)");
	CU_ASSERT_STRING_EQUAL(err.source, "n.xml");
	procsec_options_free(opts);
}

/* The JSON path dialect, and a package of several tenders. */
static void test_json_package(void)
{
	procsec_options *opts = with_adapter(DATA "mini-package.json", NULL);
	procsec_docs *docs = NULL;
	procsec_error err;
	const procsec_doc *d;
	const procsec_clause *c;

	CU_ASSERT_EQUAL_FATAL(procsec_docs_parse_file(&docs, DATA "package.json",
	                                              NULL, opts, &err),
	                      PROCSEC_OK);
	/* the planning record has no tender: [tender] leaves it out */
	CU_ASSERT_EQUAL_FATAL(procsec_docs_count(docs), 2);
	d = procsec_docs_at(docs, 0);
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(d), "T-1");
	CU_ASSERT_EQUAL(procsec_doc_fact(d, "personal-data"), PROCSEC_FACT_FALSE);
	c = procsec_doc_clause_at(d, 1);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "R1");
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "requirement");
	CU_ASSERT_STRING_EQUAL(procsec_clause_path(c),
	                       "/items/0/tender/requirements/0/text");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 9);
	CU_ASSERT_EQUAL(procsec_clause_column(c), 48);
	d = procsec_docs_at(docs, 1);
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(d), "T-2");
	/* no party with the role buyer: the absolute path to the publisher */
	CU_ASSERT_EQUAL(procsec_doc_fact(d, "personal-data"), PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_clause_count(d), 1);
	procsec_docs_free(docs);
	procsec_options_free(opts);
}

static void expect_adapter_error(const char *file, int line, int column,
                                 const char *pointer, const char *message)
{
	char path[512];
	procsec_options *opts = with_adapter(NULL, NULL);
	procsec_error err;

	snprintf(path, sizeof(path), DATA "invalid/%s", file);
	CU_ASSERT_EQUAL(procsec_options_add_format(opts, path, &err),
	                PROCSEC_EINVALID);
	CU_ASSERT_EQUAL(err.line, line);
	CU_ASSERT_EQUAL(err.column, column);
	CU_ASSERT_STRING_EQUAL(err.pointer, pointer);
	CU_ASSERT_STRING_EQUAL(err.message, message);
	CU_ASSERT_STRING_EQUAL(err.source, path);
	procsec_options_free(opts);
}

static void test_adapter_errors(void)
{
	expect_adapter_error("unknown-key.json", 7, 13, "",
	                     "unknown key \"feilds\" (did you mean \"fields\"?)");
	expect_adapter_error("bad-xpath.json", 7, 24, "/fields/title",
	                     "invalid XPath 1.0 expression 'n:title['");
	expect_adapter_error("bad-convert.json", 7, 49, "/fields/lang/convert",
	                     "unknown conversion: expected one of lang, country, "
	                     "date, datetime, cpv, number, upper, lower");
	expect_adapter_error("no-name.json", 1, 1, "",
	                     "a format adapter needs \"name\"");
	expect_adapter_error("bad-kind.json", 7, 71,
	                     "/sections/0/clauses/0/kind",
	                     "expected a clause kind: requirement, criterion, "
	                     "condition or text");
	expect_adapter_error("bad-path.json", 7, 25, "/clauses/0/each",
	                     "empty step in the path 'tender//items'");
	expect_adapter_error("bad-name.json", 3, 11, "/name",
	                     "invalid format name 'Bad Name': expected 1 to 40 "
	                     "lower-case letters, digits and hyphens");
	expect_adapter_error("two-sources.json", 7, 24, "/fields/title",
	                     "expected exactly one of \"path\", \"value\" and "
	                     "\"join\"");
}

/* A runaway expression stops at the XPath budget, not after minutes. */
static void test_xpath_budget(void)
{
	static const char adapter[] =
		"{\"procsec_format\": 1, \"name\": \"runaway\", \"title\": \"t\","
		" \"syntax\": \"xml\", \"detect\": {\"root\": [\"big\"]},"
		" \"fields\": {\"id\": {\"value\": \"x\"}, \"title\":"
		" {\"value\": \"x\"}, \"lang\": {\"value\": \"en\"},"
		" \"buyer-name\": {\"value\": \"x\"}},"
		" \"clauses\": [{\"each\": \"//*\", \"text\": \"count(//*)\"}]}";
	char path[] = "/tmp/procsec-adapter-XXXXXX";
	procsec_options *opts = NULL;
	procsec_doc *doc = NULL;
	procsec_error err;
	char *big = malloc(20000 * 4 + 16);
	size_t i, n = 0;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0 && big != NULL);
	CU_ASSERT_FATAL(write(fd, adapter, sizeof(adapter) - 1) ==
	                (ssize_t)(sizeof(adapter) - 1));
	close(fd);
	opts = with_adapter(path, NULL);
	n += (size_t)sprintf(big, "<big>");
	for (i = 0; i < 20000; i++)
		n += (size_t)sprintf(big + n, "<e/>");
	n += (size_t)sprintf(big + n, "</big>");
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "big.xml", big, n, NULL, opts,
	                                  &err),
	                PROCSEC_ELIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message,
	                              "format adapter 'runaway': the XPath "
	                              "expressions took more than 100000000 "
	                              "operations on this input"));
	CU_ASSERT_PTR_NULL(doc);
	procsec_options_free(opts);
	unlink(path);
	free(big);
}

static void test_formats_list(void)
{
	procsec_options *opts = with_adapter(DATA "mini-package.json", NULL);
	procsec_formats *f = NULL;
	procsec_error err;
	static const char *const bundled[] = {
		"procsec-xml", "procsec-json", "eforms", "ted-xml",
		"espd", "ocds", "prozorro", "prozorro-criteria", "docx", "odt",
	};
	size_t i;

	CU_ASSERT_EQUAL_FATAL(procsec_formats_new(&f, opts, &err), PROCSEC_OK);
	CU_ASSERT_EQUAL_FATAL(procsec_formats_count(f), 11);
	for (i = 0; i < 10; i++)
		CU_ASSERT_STRING_EQUAL(procsec_format_name(f, i), bundled[i]);
	CU_ASSERT_STRING_EQUAL(procsec_format_name(f, 10), "mini-package");
	CU_ASSERT_STRING_EQUAL(procsec_format_syntax(f, 8), "zip");
	CU_ASSERT_STRING_EQUAL(procsec_format_detection(f, 8),
	                       "a ZIP container with the part word/document.xml");
	CU_ASSERT_STRING_EQUAL(procsec_format_syntax(f, 5), "json");
	CU_ASSERT_STRING_EQUAL(procsec_format_detection(f, 5),
	                       "top-level keys releases | records | ocid+tag");
	CU_ASSERT_STRING_EQUAL(procsec_format_detection(f, 0),
	                       "root element {urn:procsec:tender:1}tender");
	CU_ASSERT_STRING_EQUAL(procsec_format_source(f, 2),
	                       "rules/formats/eforms.json");
	CU_ASSERT_PTR_NULL(procsec_format_name(f, 11));
	CU_ASSERT_PTR_NULL(procsec_format_name(NULL, 0));
	CU_ASSERT_EQUAL(procsec_formats_count(NULL), 0);
	procsec_formats_free(f);
	procsec_formats_free(NULL);
	procsec_options_free(opts);
}

static void test_unknown_and_refused(void)
{
	procsec_doc *doc = NULL;
	procsec_error err;
	const char *catalogue = "[{\"classification\": {\"id\": \"C\"}, "
	                        "\"requirementGroups\": []}]";
	const char *list = "[1, 2]";
	const char *empty_package = "{\"releases\": [{\"ocid\": \"o-1\"}]}";

	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "c.json", catalogue,
	                                  strlen(catalogue), NULL, NULL, &err),
	                PROCSEC_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "not a tender: a ProZorro criteria catalogue, a "
	                       "list of criterion templates for buyers to copy "
	                       "into their tenders");
	/* any other list is no known format: the native reader says why */
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "l.json", list, strlen(list),
	                                  NULL, NULL, &err),
	                PROCSEC_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "not a procsec tender: the top-level value is an "
	                       "array; expected an object with "
	                       "\"procsec_tender\": 1");
	/* a package whose releases hold no tender: said, with the source */
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "p.json", empty_package,
	                                  strlen(empty_package), NULL, NULL,
	                                  &err),
	                PROCSEC_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "the ocds adapter found no tender in the input");
	CU_ASSERT_STRING_EQUAL(err.source, "p.json");
	CU_ASSERT_EQUAL(err.line, 1);
	CU_ASSERT_EQUAL(err.column, 1);
	CU_ASSERT_EQUAL(procsec_docs_parse(NULL, "x", "{}", 2, NULL, NULL, &err),
	                PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_docs_count(NULL), 0);
	CU_ASSERT_PTR_NULL(procsec_docs_at(NULL, 0));
	procsec_docs_free(NULL);
	CU_ASSERT_EQUAL(procsec_options_add_format(NULL, "x", &err), PROCSEC_EARG);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "fields, facts, conversions", test_fields },
		{ "clauses and sections", test_clauses },
		{ "the language asked for", test_language_asked_for },
		{ "a language the notice lacks", test_language_missing },
		{ "a required field missing", test_required_field_missing },
		{ "JSON paths and packages", test_json_package },
		{ "mistakes in an adapter", test_adapter_errors },
		{ "the XPath budget", test_xpath_budget },
		{ "the list of formats", test_formats_list },
		{ "refused and unknown inputs", test_unknown_and_refused },
		{ NULL, NULL },
	};

	return run_tests("adapters", tests);
}
