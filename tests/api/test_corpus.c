/*
 * test_corpus.c -- the format adapters on real procurement documents.
 *
 * Every document of the shared corpus (eForms, TED XML, ESPD, OCDS,
 * ProZorro) must read into tenders, and every tender must check against
 * every bundled pack without an error, except the documented refusals:
 * the OCDS file saved in ISO-8859-1 (JSON must be UTF-8) and the
 * ProZorro criteria catalogues (templates, not tenders).  A sample per
 * format is compared with what a reader sees in the source.  Skipped
 * (exit 77) where the corpus is absent, as in a tarball.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <string.h>

#include <procsec.h>

#include "harness.h"

static char corpus[1024];
static procsec_ruleset *all_packs;

struct tally {
	const char *format;
	unsigned files, tenders;
};

static struct tally tallies[] = {
	{ "eforms", 0, 0 }, { "ted-xml", 0, 0 }, { "espd", 0, 0 },
	{ "ocds", 0, 0 },   { "prozorro", 0, 0 }, { NULL, 0, 0 },
};
static unsigned refused_latin1, refused_catalogues, unexpected;

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void count(const char *format, size_t tenders)
{
	struct tally *t;

	for (t = tallies; t->format != NULL; t++)
		if (strcmp(t->format, format) == 0) {
			t->files++;
			t->tenders += (unsigned)tenders;
			return;
		}
	unexpected++;
	fprintf(stderr, "\nunexpected format %s\n", format);
}

/* Every tender checks with every pack; no rule ends in an error. */
static void expect_checkable(const char *path, const procsec_doc *doc)
{
	procsec_report *report = NULL;
	procsec_error err;
	int rc = procsec_check(&report, all_packs, doc, NULL, &err);

	if (rc != PROCSEC_OK)
		fprintf(stderr, "\n%s: check: %s\n", path, err.message);
	CU_ASSERT_EQUAL(rc, PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_report_count_status(report, PROCSEC_STATUS_ERROR),
	                0);
	procsec_report_free(report);
}

static void expect_refusal(const char *path, int rc,
                           const procsec_error *err)
{
	if (strstr(path, "iso-8859-1") != NULL) {
		refused_latin1++;
		CU_ASSERT_EQUAL(rc, PROCSEC_ESYNTAX);
		CU_ASSERT_PTR_NOT_NULL(strstr(err->message, "invalid UTF-8"));
	} else if (strstr(path, "prozorro-criteria/") != NULL) {
		refused_catalogues++;
		CU_ASSERT_EQUAL(rc, PROCSEC_EFORMAT);
		CU_ASSERT_STRING_EQUAL(err->message,
		                       "not a tender: a ProZorro criteria catalogue, "
		                       "a list of criterion templates for buyers to "
		                       "copy into their tenders");
	} else {
		fprintf(stderr, "\n%s:%d:%d: %s\n", path, err->line, err->column,
		        err->message);
		CU_FAIL("a corpus document did not read");
	}
}

static void read_one(const char *path)
{
	procsec_docs *docs = NULL;
	procsec_error err;
	size_t i;
	int rc = procsec_docs_parse_file(&docs, path, NULL, NULL, &err);

	if (rc != PROCSEC_OK) {
		expect_refusal(path, rc, &err);
		return;
	}
	count(procsec_doc_format(procsec_docs_at(docs, 0)),
	      procsec_docs_count(docs));
	for (i = 0; i < procsec_docs_count(docs); i++)
		expect_checkable(path, procsec_docs_at(docs, i));
	procsec_docs_free(docs);
}

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F && (ends_with(path, ".xml") || ends_with(path, ".json")))
		read_one(path);
	return 0;
}

static void test_every_corpus_document_reads_and_checks(void)
{
	const struct tally *t;

	CU_ASSERT_EQUAL(nftw(corpus, visit, 16, FTW_PHYS), 0);
	printf("\n");
	for (t = tallies; t->format != NULL; t++)
		printf("  %-9s %3u files, %3u tenders\n", t->format, t->files,
		       t->tenders);
	printf("  refused: %u not UTF-8, %u criteria catalogues\n",
	       refused_latin1, refused_catalogues);
	CU_ASSERT_EQUAL(refused_latin1, 1);
	CU_ASSERT_EQUAL(refused_catalogues, 6);
	CU_ASSERT_EQUAL(unexpected, 0);
	CU_ASSERT_EQUAL(tallies[0].files, 199);
	CU_ASSERT_EQUAL(tallies[1].files, 66);
	CU_ASSERT_EQUAL(tallies[2].files, 2);
	CU_ASSERT_EQUAL(tallies[3].files, 12);
	CU_ASSERT_EQUAL(tallies[4].files, 1);
}

/* ---- samples, against what the source shows ------------------------- */

static procsec_doc *read_doc(const char *relative, const char *lang)
{
	char path[2048];
	procsec_options *opts = NULL;
	procsec_doc *doc = NULL;
	procsec_error err;

	snprintf(path, sizeof(path), "%s/%s", corpus, relative);
	CU_ASSERT_EQUAL_FATAL(procsec_options_new(&opts, &err), PROCSEC_OK);
	if (lang != NULL)
		CU_ASSERT_EQUAL(procsec_options_set_lang(opts, lang, &err),
		                PROCSEC_OK);
	if (procsec_doc_parse_file(&doc, path, NULL, opts, &err) != PROCSEC_OK)
		fprintf(stderr, "\n%s: %s\n", path, err.message);
	procsec_options_free(opts);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	return doc;
}

static const procsec_clause *clause_with_id(const procsec_doc *doc,
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

static size_t clauses_with_term(const procsec_doc *doc, const char *term)
{
	size_t i, n = 0;

	for (i = 0; i < procsec_doc_clause_count(doc); i++) {
		const char *id = procsec_clause_id(procsec_doc_clause_at(doc, i));

		n += id != NULL && strstr(id, term) != NULL;
	}
	return n;
}

/* A Swedish utilities notice (Umeå Energi, SDK 1.8). */
static void test_eforms_swedish_notice(void)
{
	procsec_doc *doc = read_doc(
		"ted-eforms-notices/eforms_sdk_v1.8/eform_subtype_24/701354-2023.xml",
		NULL);

	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "eforms");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "00701354-2023");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc),
	                       "Powertransformers: 1x145/46 kV 40 MVA, "
	                       "2x145/11,5 kV 40 MVA");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "SE");
	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc), 10);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "works-contract"),
	                PROCSEC_FACT_FALSE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "security-sensitive"),
	                PROCSEC_FACT_UNKNOWN);
	procsec_doc_free(doc);
}

/* Finnish Defence Forces, 2009/81/EC, BT-578 true, NDA true. */
static void test_eforms_defence_clearance_true(void)
{
	procsec_doc *doc = read_doc(
		"ted-eforms-notices/eforms_sdk_v1.7/eform_subtype_18/615708-2023.xml",
		NULL);
	const procsec_clause *c = clause_with_id(doc, "LOT-0000 BT-732");

	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "security-sensitive"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "defence-procurement"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "confidential-data"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "buyer-defence"),
	                PROCSEC_FACT_TRUE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c), "Kts. hankinta-asiakirjat");
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), "condition");
	CU_ASSERT_STRING_EQUAL(procsec_clause_category(c), "security-clearance");
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), "LOT-0000");
	CU_ASSERT_PTR_NOT_NULL(strstr(procsec_clause_path(c),
	                              "cac:SecurityClearanceTerm/cbc:Description"));
	CU_ASSERT(procsec_clause_line(c) > 0);
	procsec_doc_free(doc);
}

/* Doffin social-services notice with BT-578 false: no clearance clause. */
static void test_eforms_clearance_false(void)
{
	procsec_doc *doc = read_doc(
		"doffin-eforms-no/xmlfile/"
		"ContractNotice_pin-cfc-social_2024-101732.xml",
		NULL);

	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "security-sensitive"),
	                PROCSEC_FACT_FALSE);
	CU_ASSERT_EQUAL(clauses_with_term(doc, "BT-732"), 0);
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc),
	                       "Tjenestekonsesjon brukerstyrt personlig "
	                       "assistanse ( BPA)");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "no");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "NO");
	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc), 32);
	procsec_doc_free(doc);
}

/* The texts in the language asked for, else the notice's own. */
static void test_eforms_multilingual(void)
{
	const char *file = "eforms-sdk-examples/cn_24_multilingual.xml";
	procsec_doc *sv = read_doc(file, "sv");
	procsec_doc *plain = read_doc(file, NULL);

	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(sv), "sv");
	CU_ASSERT_EQUAL(strncmp(procsec_doc_title(sv),
	                        "Tillhandahållande av IT-tjänster", 34), 0);
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(plain), "en");
	CU_ASSERT_EQUAL(strncmp(procsec_doc_title(plain),
	                        "Provision of IT Services", 24), 0);
	CU_ASSERT_EQUAL(procsec_doc_clause_count(sv),
	                procsec_doc_clause_count(plain));
	procsec_doc_free(sv);
	procsec_doc_free(plain);
}

static void test_eforms_hundred_lots(void)
{
	procsec_doc *doc = read_doc("eforms-sdk-examples/cn_24_maximal_100_lots.xml",
	                            NULL);

	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc), 916);
	CU_ASSERT_PTR_NOT_NULL(clause_with_id(doc, "LOT-0100 BT-732"));
	procsec_doc_free(doc);
}

/* A release package of two releases: two tenders, named by ocid. */
static void test_ocds_release_package(void)
{
	char path[2048];
	procsec_docs *docs = NULL;
	procsec_doc *one = NULL;
	procsec_error err;
	const procsec_doc *d;

	snprintf(path, sizeof(path), "%s/%s", corpus,
	         "ocds-realdata-mx-py/release-package-1.json");
	CU_ASSERT_EQUAL_FATAL(procsec_docs_parse_file(&docs, path, NULL, NULL,
	                                              &err),
	                      PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_docs_count(docs), 2);
	d = procsec_docs_at(docs, 1);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(d), "ocds");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(d), "OCDS-87SD3T-AD-SF-DRM-063-2015");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(d),
	                       "ARRENDAMIENTO DE BIENES INFORMÁTICOS");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(d), "es");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(d), "MX");
	CU_ASSERT_PTR_NULL(procsec_docs_at(docs, 2));
	procsec_docs_free(docs);
	CU_ASSERT_EQUAL(procsec_doc_parse_file(&one, path, NULL, NULL, &err),
	                PROCSEC_EFORMAT);
	CU_ASSERT_PTR_NULL(one);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "the input holds 2 tenders (ocds documents); read "
	                       "them with procsec_docs_parse()");
}

/* ProZorro: criteria -> requirement groups -> requirements as clauses. */
static void test_prozorro_tender(void)
{
	procsec_doc *doc = read_doc("prozorro-tender-api/tender_to_render.json",
	                            NULL);
	const procsec_clause *c = procsec_doc_clause_at(doc, 0);

	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "prozorro");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "UA-2022-07-23-000100-a");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "uk");
	CU_ASSERT_STRING_EQUAL(procsec_doc_buyer_country(doc), "UA");
	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc), 35);
	CU_ASSERT_STRING_EQUAL(procsec_clause_path(c), "/description");
	CU_ASSERT(clauses_with_term(doc, "requirement") > 0);
	procsec_doc_free(doc);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "every corpus document reads and checks",
		  test_every_corpus_document_reads_and_checks },
		{ "eForms: a Swedish notice", test_eforms_swedish_notice },
		{ "eForms: BT-578 true", test_eforms_defence_clearance_true },
		{ "eForms: BT-578 false", test_eforms_clearance_false },
		{ "eForms: languages", test_eforms_multilingual },
		{ "eForms: 100 lots", test_eforms_hundred_lots },
		{ "OCDS: a release package", test_ocds_release_package },
		{ "ProZorro: a tender", test_prozorro_tender },
		{ NULL, NULL },
	};
	const char *dir = getenv("PROCSEC_CORPUS");
	procsec_loader *loader = NULL;
	procsec_error err;
	struct stat st;
	int status;

	snprintf(corpus, sizeof(corpus), "%s",
	         dir != NULL ? dir : PROCSEC_SRCDIR "/../shared/corpus");
	if (stat(corpus, &st) != 0) {
		printf("SKIP: no corpus at %s\n", corpus);
		return 77;
	}
	setenv("PROCSEC_RULES_PATH", PROCSEC_SRCDIR "/rules", 1);
	if (procsec_loader_new(&loader, NULL, &err) != PROCSEC_OK ||
	    procsec_loader_add_bundled(loader, NULL, &err) != PROCSEC_OK ||
	    procsec_loader_compile(&all_packs, loader, NULL, &err) != PROCSEC_OK) {
		fprintf(stderr, "bundled packs: %s\n", err.message);
		return EXIT_FAILURE;
	}
	procsec_loader_free(loader);
	status = run_tests("corpus", tests);
	procsec_ruleset_free(all_packs);
	return status;
}
