/*
 * test_odt.c -- odt.c on hand-written OpenDocument: headings, tracked
 * changes, annotations, notes, text boxes, tables and lists.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "zipfix.h"

#include <procsec.h>

#define NS                                                                  \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""  \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""      \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""    \
	" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""   \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""    \
	" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""                     \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""

static const char content[] =
	"<office:document-content" NS "><office:automatic-styles>"
	"<style:style style:name=\"P1\" style:family=\"paragraph\" "
	"style:parent-style-name=\"Title\"/></office:automatic-styles>"
	"<office:body><office:text>"
	"<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
	"<text:p>bör</text:p></text:deletion></text:changed-region>"
	"</text:tracked-changes>"
	"<text:table-of-content><text:index-body><text:p>1 Scope 3</text:p>"
	"</text:index-body></text:table-of-content>"
	"<text:p text:style-name=\"P1\">Request for quotation</text:p>"
	"<text:h text:outline-level=\"1\"><text:number>1.</text:number>Scope</text:h>"
	"<text:p>The supplier <text:change-start text:change-id=\"c2\"/>shall"
	"<text:change-end text:change-id=\"c2\"/><text:change text:change-id=\"c1\"/>"
	" keep<text:s text:c=\"3\"/>spare parts.<office:annotation><dc:creator>A"
	"</dc:creator><text:p>NOTE must go</text:p></office:annotation>"
	"<text:note text:note-class=\"footnote\"><text:note-citation>1"
	"</text:note-citation><text:note-body><text:p>Spare parts must be "
	"original.</text:p></text:note-body></text:note></text:p>"
	"<text:p><draw:frame><draw:text-box><text:p>Tenders should be early."
	"</text:p></draw:text-box></draw:frame>See the box.</text:p>"
	"<text:list><text:list-item><text:p>Delivery within 5 days.</text:p>"
	"</text:list-item></text:list>"
	"<text:h text:outline-level=\"2\">1.1 Table</text:h>"
	"<table:table><table:table-header-rows><table:table-row>"
	"<table:table-cell><text:p>No</text:p></table:table-cell>"
	"<table:table-cell><text:p>Requirement</text:p></table:table-cell>"
	"<table:table-cell><text:p>Mandatory</text:p></table:table-cell>"
	"</table:table-row></table:table-header-rows><table:table-row>"
	"<table:table-cell><text:p>A1</text:p></table:table-cell>"
	"<table:table-cell><text:p>Spare parts are stocked.</text:p>"
	"</table:table-cell><table:table-cell><text:p>Yes</text:p>"
	"</table:table-cell></table:table-row></table:table>"
	"</office:text></office:body></office:document-content>";

static const char styles[] =
	"<office:document-styles" NS "><office:styles><style:default-style "
	"style:family=\"paragraph\"><style:text-properties fo:language=\"en\" "
	"fo:country=\"GB\"/></style:default-style></office:styles>"
	"</office:document-styles>";

static const char meta_sv[] =
	"<office:document-meta" NS "><office:meta><dc:language>sv-SE"
	"</dc:language></office:meta></office:document-meta>";

static procsec_doc *parse_odt(const char *meta)
{
	const struct zip_part parts[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 0, 0 },
		{ "content.xml", content, 0, 0 },
		{ "styles.xml", styles, 0, 0 },
		{ meta != NULL ? "meta.xml" : NULL, meta, 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_doc *doc = NULL;
	procsec_error err;

	if (zipfix_parse(&doc, parts, "rfq.odt", NULL, NULL, &err) != PROCSEC_OK)
		fprintf(stderr, "%s: %s\n", err.source, err.message);
	return doc;
}

static void test_clauses(void)
{
	static const char *const want[][5] = {
		/* kind, level, path, text, id */
		{ "requirement", "shall", "1 Scope \xE2\x80\xBA \xC2\xB6" "1",
		  "The supplier shall keep spare parts.", NULL },
		{ "requirement", "shall",
		  "1 Scope \xE2\x80\xBA \xC2\xB6" "1 \xE2\x80\xBA footnote 1",
		  "Spare parts must be original.", NULL },
		{ "text", NULL, "1 Scope \xE2\x80\xBA \xC2\xB6" "2", "See the box.",
		  NULL },
		{ "requirement", "should",
		  "1 Scope \xE2\x80\xBA \xC2\xB6" "2 \xE2\x80\xBA text box",
		  "Tenders should be early.", NULL },
		{ "text", NULL, "1 Scope \xE2\x80\xBA \xC2\xB6" "3",
		  "Delivery within 5 days.", NULL },
		{ "requirement", "shall", "1.1 Table \xE2\x80\xBA Table 1 row 2",
		  "Spare parts are stocked.", "A1" },
	};
	procsec_doc *doc = parse_odt(NULL);
	size_t i, n = sizeof(want) / sizeof(want[0]);

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "odt");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "en-GB");
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc), "Request for quotation");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "rfq.odt");
	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc), n);
	for (i = 0; i < n && i < procsec_doc_clause_count(doc); i++) {
		const procsec_clause *c = procsec_doc_clause_at(doc, i);

		CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), want[i][0]);
		if (want[i][1] == NULL) {
			CU_ASSERT_PTR_NULL(procsec_clause_level(c));
		} else {
			CU_ASSERT_STRING_EQUAL(procsec_clause_level(c), want[i][1]);
		}
		CU_ASSERT_EQUAL(procsec_clause_level_inferred(c),
		                want[i][1] != NULL && i != 5);
		CU_ASSERT_STRING_EQUAL(procsec_clause_path(c), want[i][2]);
		CU_ASSERT_STRING_EQUAL(procsec_clause_text(c), want[i][3]);
		if (want[i][4] != NULL) {
			CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), want[i][4]);
		}
	}
	procsec_doc_free(doc);
}

/* meta.xml's language wins over the styles', and names the locations */
static void test_language_precedence(void)
{
	procsec_doc *doc = parse_odt(meta_sv);
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv-SE");
	n = procsec_doc_clause_count(doc);
	CU_ASSERT_STRING_EQUAL(
		procsec_clause_path(procsec_doc_clause_at(doc, n - 1)),
		"1.1 Table \xE2\x80\xBA Tabell 1 rad 2");
	CU_ASSERT_STRING_EQUAL(
		procsec_clause_path(procsec_doc_clause_at(doc, 1)),
		"1 Scope \xE2\x80\xBA \xC2\xB6" "1 \xE2\x80\xBA fotnot 1");
	procsec_doc_free(doc);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "clauses", test_clauses },
		{ "language precedence", test_language_precedence },
		{ NULL, NULL },
	};

	return run_tests("odt", tests);
}
