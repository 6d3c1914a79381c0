/*
 * test_adapters_ted.c -- the bundled ted-xml and espd format adapters on
 * real notices.
 *
 * Three legacy TED XML notices are copied into tests/data/formats (see
 * the README.md there): an R2.0.9 contract notice F02, an R2.0.8 defence
 * contract notice (form 17) and an R2.0.9.S02 notice, whose default
 * namespace is the relative URI "ted/R2.0.9.S02/publication".  The ESPD
 * examples and the multilingual TED notice are read where the shared
 * corpus is (PROCSEC_CORPUS, else beside the checkout, as test_corpus.c
 * finds it); without it those tests do nothing and the program exits 77
 * (skipped) once the others have passed.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <procsec.h>

#include "harness.h"

static char corpus[1024];
static int have_corpus;

/* Parses a file; NULL (and the error printed) when it does not parse. */
static procsec_doc *parse(const char *path, const char *lang)
{
	procsec_options *opts = NULL;
	procsec_doc *doc = NULL;
	procsec_error err;
	int rc;

	if (lang != NULL) {
		CU_ASSERT_EQUAL_FATAL(procsec_options_new(&opts, NULL), PROCSEC_OK);
		CU_ASSERT_EQUAL(procsec_options_set_lang(opts, lang, NULL),
		                PROCSEC_OK);
	}
	rc = procsec_doc_parse_file(&doc, path, NULL, opts, &err);
	if (rc != PROCSEC_OK)
		fprintf(stderr, "\n%s:%d:%d: %s\n", path, err.line, err.column,
		        err.message);
	CU_ASSERT_EQUAL(rc, PROCSEC_OK);
	procsec_options_free(opts);
	return doc;
}

static procsec_doc *parse_data(const char *name)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/tests/data/formats/%s", PROCSEC_SRCDIR,
	         name);
	return parse(path, NULL);
}

/* The document's model as `procsec parse` prints it. */
static cJSON *model_of(const procsec_doc *doc)
{
	char *json = NULL;
	cJSON *model;

	CU_ASSERT_EQUAL_FATAL(procsec_doc_to_json(&json, NULL, doc, NULL),
	                      PROCSEC_OK);
	model = cJSON_Parse(json);
	procsec_free(json);
	CU_ASSERT_PTR_NOT_NULL_FATAL(model);
	return model;
}

static const char *str_at(const cJSON *object, const char *a, const char *b)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(object, a);

	if (b != NULL)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	return cJSON_IsString(v) ? v->valuestring : "(none)";
}

/* The model's CPV codes, "code*" for the main one, comma-separated. */
static const char *cpv_list(const cJSON *model)
{
	static char out[512];
	const cJSON *c;
	size_t n = 0;

	out[0] = '\0';
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(model, "cpv"))
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s%s",
		                      n > 0 ? "," : "", str_at(c, "code", NULL),
		                      cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
		                              c, "main"))
		                              ? "*"
		                              : "");
	return out;
}

static int starts_with(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A contract notice F02 (R2.0.9): every field, and the clauses' places. */
static void test_ted_contract_notice(void)
{
	procsec_doc *doc = parse_data("ted-21-364236-001-EXP.xml");
	const procsec_clause *c;
	cJSON *model;

	if (doc == NULL)
		return;
	model = model_of(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "ted-xml");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "TED 352907-2021");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc),
	                       "Laboratorieinredning Hus 6 och 7 Ångström");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "SE");
	CU_ASSERT_STRING_EQUAL(str_at(model, "buyer", "name"),
	                       "Uppsala universitet");
	CU_ASSERT_STRING_EQUAL(str_at(model, "buyer", "orgno"), "202100-2932");
	CU_ASSERT_STRING_EQUAL(str_at(model, "procedure", NULL), "open");
	CU_ASSERT_STRING_EQUAL(str_at(model, "published", NULL), "2021-07-13");
	CU_ASSERT_STRING_EQUAL(str_at(model, "deadline", NULL),
	                       "2021-08-18T23:59:00");
	CU_ASSERT_STRING_EQUAL(str_at(model, "notice_type", NULL), "F02_2014");
	CU_ASSERT_STRING_EQUAL(str_at(model, "legal_basis", NULL), "32014L0024");
	CU_ASSERT_STRING_EQUAL(str_at(model, "value", "currency"), "SEK");
	CU_ASSERT_STRING_EQUAL(cpv_list(model), "39180000*");
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "works-contract"),
	                PROCSEC_FACT_FALSE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "defence-procurement"),
	                PROCSEC_FACT_FALSE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "buyer-defence"),
	                PROCSEC_FACT_FALSE);

	CU_ASSERT_EQUAL_FATAL(procsec_doc_clause_count(doc), 2);
	c = procsec_doc_clause_at(doc, 0);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "BT-24");
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "text");
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c), "Laboratorieinredning");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 263);
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "");
	c = procsec_doc_clause_at(doc, 1);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "ITEM-1 BT-24");
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "ITEM-1");
	CU_ASSERT_EQUAL(procsec_clause_line(c), 276);
	cJSON_Delete(model);
	procsec_doc_free(doc);
}

/* A defence contract notice, form 17 (R2.0.8, directive 2009/81/EC). */
static void test_ted_defence_contract_notice(void)
{
	procsec_doc *doc = parse_data("ted-277905-2021.xml");
	const procsec_clause *c;
	cJSON *model;

	if (doc == NULL)
		return;
	model = model_of(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "ted-xml");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "TED 277905-2021");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc),
	                       "Light Multi-Purpose Vehicle (LMPV)");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "en");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "SE");
	CU_ASSERT_STRING_EQUAL(str_at(model, "buyer", "name"), "FMV");
	CU_ASSERT_STRING_EQUAL(str_at(model, "buyer", "orgno"), "202100-0340");
	CU_ASSERT_STRING_EQUAL(str_at(model, "procedure", NULL), "negotiated");
	CU_ASSERT_STRING_EQUAL(str_at(model, "deadline", NULL),
	                       "2021-07-07T23:59:00");
	CU_ASSERT_STRING_EQUAL(str_at(model, "notice_type", NULL),
	                       "CONTRACT_DEFENCE (form 17)");
	/* CODIF_DATA names the directive: its CELEX number, as in eForms */
	CU_ASSERT_STRING_EQUAL(str_at(model, "legal_basis", NULL), "32009L0081");
	CU_ASSERT_STRING_EQUAL(str_at(model, "duration", "unit"), "days");
	CU_ASSERT_STRING_EQUAL(cpv_list(model), "35400000*");
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "defence-procurement"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "buyer-defence"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "works-contract"),
	                PROCSEC_FACT_FALSE);

	/* description, financing, two selection criteria, exclusion */
	CU_ASSERT_EQUAL_FATAL(procsec_doc_clause_count(doc), 5);
	c = procsec_doc_clause_at(doc, 0);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "BT-24");
	CU_ASSERT(starts_with(procsec_clause_text(c),
	                      "Two framework agreements: 1. Up to 3000 units"));
	c = procsec_doc_clause_at(doc, 2);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "BT-750");
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "criterion");
	CU_ASSERT_STRING_EQUAL(procsec_clause_category(c), "selection:ef-stand");
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c),
	                       "See document Invitation To Participate (ITP).");
	/* the notice is one line: the column tells where */
	CU_ASSERT_EQUAL(procsec_clause_line(c), 1);
	CU_ASSERT_EQUAL(procsec_clause_column(c), 9008);
	c = procsec_doc_clause_at(doc, 4);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "BT-67");
	CU_ASSERT_STRING_EQUAL(procsec_clause_category(c), "exclusion");
	cJSON_Delete(model);
	procsec_doc_free(doc);
}

/* R2.0.9.S02 exports name a relative namespace URI: still TED XML. */
static void test_ted_relative_namespace(void)
{
	procsec_doc *doc = parse_data("ted-072706-2018.xml");
	const procsec_clause *c;
	cJSON *model;

	if (doc == NULL)
		return;
	model = model_of(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "ted-xml");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc),
	                       "Ramavtal Automationstjänster Stockholm Exergi AB");
	CU_ASSERT_STRING_EQUAL(str_at(model, "buyer", "name"),
	                       "Stockholm Exergi AB");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "SE");
	CU_ASSERT_STRING_EQUAL(cpv_list(model), "51900000*");
	/* a prior information notice F04 names no procedure type */
	CU_ASSERT_STRING_EQUAL(str_at(model, "procedure", NULL), "(none)");
	CU_ASSERT_EQUAL_FATAL(procsec_doc_clause_count(doc), 4);
	c = procsec_doc_clause_at(doc, 1);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "BT-750");
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "criterion");
	CU_ASSERT_STRING_EQUAL(procsec_clause_category(c), "selection:sui-act");
	CU_ASSERT(starts_with(procsec_clause_text(c),
	                      "Anbudssökande ska vara registrerad i ett "
	                      "aktiebolags-, handels- eller föreningsregister"));
	CU_ASSERT_EQUAL(procsec_clause_line(c), 304);
	cJSON_Delete(model);
	procsec_doc_free(doc);
}

/* A made-up notice for what the corpus copies do not show: a form with
 * no CATEGORY after a NOTICE_UUID, a one-digit hour, inline FT markup. */
static void test_ted_made_up_notice(void)
{
	static const char xml[] =
		"<TED_EXPORT xmlns=\"http://publications.europa.eu/resource/schema/"
		"ted/R2.0.9/publication\" DOC_ID=\"000001-2021\">"
		"<CODED_DATA_SECTION><REF_OJS><DATE_PUB>20210105</DATE_PUB></REF_OJS>"
		"<NOTICE_DATA><LG_ORIG>SV</LG_ORIG><ISO_COUNTRY VALUE=\"UK\"/>"
		"</NOTICE_DATA></CODED_DATA_SECTION>"
		"<FORM_SECTION><NOTICE_UUID>x</NOTICE_UUID>"
		"<F02_2014 FORM=\"F02\" LG=\"SV\">"
		"<CONTRACTING_BODY><ADDRESS_CONTRACTING_BODY>"
		"<OFFICIALNAME>Kommunen</OFFICIALNAME>"
		"</ADDRESS_CONTRACTING_BODY></CONTRACTING_BODY>"
		"<OBJECT_CONTRACT><TITLE><P>Lager</P></TITLE>"
		"<SHORT_DESCR><P>Minst 1 000 m<FT TYPE=\"SUP\">2</FT> yta.</P>"
		"<P>Andra stycket.</P></SHORT_DESCR></OBJECT_CONTRACT>"
		"<PROCEDURE><PT_RESTRICTED/>"
		"<DATE_RECEIPT_TENDERS>2021-02-01</DATE_RECEIPT_TENDERS>"
		"<TIME_RECEIPT_TENDERS>9:00</TIME_RECEIPT_TENDERS></PROCEDURE>"
		"</F02_2014></FORM_SECTION></TED_EXPORT>";
	procsec_doc *doc = NULL;
	procsec_error err;
	cJSON *model;

	CU_ASSERT_EQUAL_FATAL(procsec_doc_parse(&doc, "made-up.xml", xml,
	                                        strlen(xml), NULL, NULL, &err),
	                      PROCSEC_OK);
	model = model_of(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "ted-xml");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "TED 000001-2021");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc), "Lager");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv");
	/* the country from CODED_DATA_SECTION, TED's UK as GB */
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "GB");
	CU_ASSERT_STRING_EQUAL(str_at(model, "procedure", NULL), "restricted");
	CU_ASSERT_STRING_EQUAL(str_at(model, "published", NULL), "2021-01-05");
	CU_ASSERT_STRING_EQUAL(str_at(model, "deadline", NULL),
	                       "2021-02-01T09:00:00");
	CU_ASSERT_EQUAL_FATAL(procsec_doc_clause_count(doc), 1);
	/* the paragraphs apart, the superscript within its word */
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(procsec_doc_clause_at(doc, 0)),
	                       "Minst 1 000 m2 yta. Andra stycket.");
	cJSON_Delete(model);
	procsec_doc_free(doc);
}

/* A notice with its form in 24 languages: --lang sv takes the Swedish. */
static void test_ted_language_asked_for(void)
{
	char path[1200];
	procsec_doc *doc;

	if (!have_corpus)
		return;
	snprintf(path, sizeof(path), "%s/ted-xml-converter/ted-xml/%s", corpus,
	         "20-343258-001-EXP.xml");
	doc = parse(path, "sv");
	if (doc != NULL) {
		CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv");
		CU_ASSERT(starts_with(procsec_doc_title(doc),
		                      "Certifiering av JRC för ISO 9001"));
	}
	procsec_doc_free(doc);
	doc = parse(path, NULL);
	if (doc != NULL) {
		CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "en");
		CU_ASSERT(starts_with(procsec_doc_title(doc),
		                      "JRC Multi-site Organisation Certification"));
	}
	procsec_doc_free(doc);
}

/* The ESPD-EDM 4.1.0 example request: one section per criterion. */
static void test_espd_request(void)
{
	char path[1200];
	const procsec_clause *c;
	procsec_doc *doc;
	cJSON *model;

	if (!have_corpus)
		return;
	snprintf(path, sizeof(path), "%s/espd-edm/ESPD-Request.xml", corpus);
	doc = parse(path, NULL);
	if (doc == NULL)
		return;
	model = model_of(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "espd");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "PP.20170419.1024-9");
	/* no languageID anywhere: English */
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "en");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "BE");
	CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
	                        model, "sections")),
	                62);
	/* 62 criterion descriptions and 88 requirements */
	CU_ASSERT_EQUAL_FATAL(procsec_doc_clause_count(doc), 150);
	c = procsec_doc_clause_at(doc, 0);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "crime-org description");
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "criterion");
	CU_ASSERT_STRING_EQUAL(procsec_clause_category(c), "crime-org");
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "crime-org");
	CU_ASSERT(starts_with(procsec_clause_text(c),
	                      "Has the economic operator itself or any person"));
	CU_ASSERT_EQUAL(procsec_clause_line(c), 58);
	c = procsec_doc_clause_at(doc, 7);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), "tax-pay requirement");
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c),
	                       "Minimum Amount Threshold: 500000");
	/* a joined text is where its first part is */
	CU_ASSERT_EQUAL(procsec_clause_line(c), 706);
	cJSON_Delete(model);
	procsec_doc_free(doc);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "TED contract notice", test_ted_contract_notice },
		{ "TED defence contract notice", test_ted_defence_contract_notice },
		{ "TED relative namespace", test_ted_relative_namespace },
		{ "TED made-up notice", test_ted_made_up_notice },
		{ "TED language asked for (corpus)", test_ted_language_asked_for },
		{ "ESPD request (corpus)", test_espd_request },
		{ NULL, NULL },
	};
	const char *dir = getenv("PROCSEC_CORPUS");
	struct stat st;
	int rc;

	snprintf(corpus, sizeof(corpus), "%s",
	         dir != NULL ? dir : PROCSEC_SRCDIR "/../shared/corpus");
	have_corpus = stat(corpus, &st) == 0;
	rc = run_tests("adapters_ted", tests);
	if (rc == EXIT_SUCCESS && !have_corpus) {
		printf("SKIP: no corpus at %s: the corpus tests did nothing\n",
		       corpus);
		return 77;
	}
	return rc;
}
