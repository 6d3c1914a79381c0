/*
 * test_corpus.c -- the loaders on real procurement documents.
 *
 * The shared corpus (eForms, TED XML, ESPD, OCDS) is not in the native
 * format, so every document must come back as "not a procsec tender"
 * (PROCSEC_EFORMAT): proof that the safe loaders read every real file's
 * syntax, within the default limits, without a false syntax error.  The
 * one file the corpus saves in ISO-8859-1 must be refused as not UTF-8.
 * Skipped (exit 77) where the corpus is absent, as in a tarball.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <string.h>

#include <procsec.h>

#include "harness.h"

static char corpus[1024];
static unsigned xml_files, json_files;

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void expect_refused_as_foreign(const char *path)
{
	procsec_doc *doc = NULL;
	procsec_error err;
	int rc = procsec_doc_parse_file(&doc, path, NULL, NULL, &err);

	procsec_doc_free(doc);
	if (strstr(path, "iso-8859-1") != NULL) {
		CU_ASSERT_EQUAL(rc, PROCSEC_ESYNTAX);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "invalid UTF-8"));
		return;
	}
	if (rc != PROCSEC_EFORMAT)
		fprintf(stderr, "\n%s:%d:%d: %s\n", path, err.line, err.column,
		        err.message);
	CU_ASSERT_EQUAL(rc, PROCSEC_EFORMAT);
	CU_ASSERT_EQUAL(strncmp(err.message, "not a procsec tender", 20), 0);
}

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	if (ends_with(path, ".xml")) {
		xml_files++;
		expect_refused_as_foreign(path);
	} else if (ends_with(path, ".json")) {
		json_files++;
		expect_refused_as_foreign(path);
	}
	return 0;
}

static void test_every_corpus_document_loads(void)
{
	CU_ASSERT_EQUAL(nftw(corpus, visit, 16, FTW_PHYS), 0);
	printf("\n  %u XML and %u JSON documents\n", xml_files, json_files);
	CU_ASSERT(xml_files >= 200);
	CU_ASSERT(json_files >= 20);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "every corpus document loads", test_every_corpus_document_loads },
		{ NULL, NULL },
	};
	const char *dir = getenv("PROCSEC_CORPUS");
	struct stat st;

	snprintf(corpus, sizeof(corpus), "%s",
	         dir != NULL ? dir : PROCSEC_SRCDIR "/../shared/corpus");
	if (stat(corpus, &st) != 0) {
		printf("SKIP: no corpus at %s\n", corpus);
		return 77;
	}
	return run_tests("corpus", tests);
}
