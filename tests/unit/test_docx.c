/*
 * test_docx.c -- docx.c on hand-written WordprocessingML: headings from
 * styles (by name, by outline level, basedOn), numbering, tracked
 * changes, comments, fields, footnotes, text boxes, requirement tables
 * and the metadata a Word file states.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "wordtext.h"
#include "zipfix.h"

#include <procsec.h>

#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define H(style, text) \
	"<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text \
	"</w:t></w:r></w:p>"
#define CELL(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

static const char styles[] =
	"<w:styles xmlns:w=\"" W_NS "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"sv-SE\"/></w:rPr>"
	"</w:rPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Rubrik\"><w:name w:val=\"Title\"/>"
	"</w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Rubrik1\"><w:name "
	"w:val=\"heading 1\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr>"
	"</w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Rubrik2\"><w:name "
	"w:val=\"Rubrik 2\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Kravrubrik\"><w:name "
	"w:val=\"Kravrubrik\"/><w:basedOn w:val=\"Rubrik2\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Avsnitt\"><w:name "
	"w:val=\"Avsnitt\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
	"</w:styles>";

static const char numbering[] =
	"<w:numbering xmlns:w=\"" W_NS "\"><w:abstractNum w:abstractNumId=\"7\">"
	"<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl>"
	"</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/>"
	"</w:num></w:numbering>";

static const char footnotes[] =
	"<w:footnotes xmlns:w=\"" W_NS "\">"
	"<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/>"
	"</w:r></w:p></w:footnote>"
	"<w:footnote w:id=\"1\"><w:p><w:r><w:t>Leverantören ska följa bilaga 3."
	"</w:t></w:r></w:p></w:footnote></w:footnotes>";

static const char comments[] =
	"<w:comments xmlns:w=\"" W_NS "\"><w:comment w:id=\"0\"><w:p><w:r>"
	"<w:t>KOMMENTAR ska strykas</w:t></w:r></w:p></w:comment></w:comments>";

static const char core[] =
	"<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
	"2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/"
	"1.1/\"><dc:title>Avrop av reservkraft</dc:title></cp:coreProperties>";

static const char body[] =
	"<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"http://schemas."
	"openxmlformats.org/markup-compatibility/2006\"><w:body>"
	H("Rubrik", "Avropsförfrågan reservkraft")
	P("Dnr KS 2026/77")
	P("Sista anbudsdag: 2026-05-04")
	/* numbered by its style: 1 */
	H("Rubrik1", "Allmänt")
	/* tracked changes, a comment and a field */
	"<w:p><w:r><w:t xml:space=\"preserve\">Leverantören </w:t></w:r>"
	"<w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>ska</w:t></w:r></w:ins>"
	"<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>bör</w:delText></w:r>"
	"</w:del><w:r><w:t xml:space=\"preserve\"> hålla reservkraft i </w:t>"
	"</w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:fldChar "
	"w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DOCPROPERTY Timmar "
	"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	"<w:r><w:t>72</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
	"<w:r><w:t xml:space=\"preserve\"> timmar.</w:t></w:r>"
	"<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/>"
	"</w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
	/* a text box, once as drawing and once as its VML fallback */
	"<w:p><w:r><w:t>Se rutan.</w:t></w:r><w:r><mc:AlternateContent>"
	"<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>"
	"Anbud bör lämnas tidigt.</w:t></w:r></w:p></w:txbxContent></w:drawing>"
	"</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>"
	"Anbud bör lämnas tidigt.</w:t></w:r></w:p></w:txbxContent></w:pict>"
	"</mc:Fallback></mc:AlternateContent></w:r></w:p>"
	/* a literal number wins; a style based on a heading style */
	H("Kravrubrik", "2.4 Krav på reservkraft")
	"<w:tbl><w:tblPr/>"
	"<w:tr>" CELL("Nr") CELL("Krav") CELL("Kravnivå") CELL("Verifiering")
	"</w:tr>"
	"<w:tr>" CELL("R1") CELL("Reservkraften startar inom 10 sekunder.")
	CELL("Ska") CELL("Provkörning") "</w:tr>"
	"<w:tr>" CELL("R2") CELL("Leverantören bör ha bränsle för en vecka.")
	"<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
	"<w:tr>" CELL("R1") CELL("Dokumentation lämnas.") CELL("Bör")
	"<w:tc><w:p/></w:tc></w:tr>"
	/* merged cells: a plain row */
	"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4\"/></w:tcPr><w:p><w:r>"
	"<w:t>Övrigt</w:t></w:r></w:p></w:tc></w:tr>"
	/* no text in the text column: a plain row */
	"<w:tr>" CELL("R9") "<w:tc><w:p/></w:tc>" CELL("Ska")
	"<w:tc><w:p/></w:tc></w:tr>"
	"</w:tbl>"
	/* an outline level on the style */
	H("Avsnitt", "Bilagor")
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/>"
	"</w:numPr></w:pPr><w:r><w:t>Bilaga 1 Ritningar</w:t></w:r></w:p>"
	"<w:p/>"
	"<w:sectPr/></w:body></w:document>";

static procsec_doc *parse_docx(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", body, 0, 0 },
		{ "word/styles.xml", styles, 0, 0 },
		{ "word/numbering.xml", numbering, 0, 0 },
		{ "word/footnotes.xml", footnotes, 0, 0 },
		{ "word/comments.xml", comments, 0, 0 },
		{ "docProps/core.xml", core, 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_doc *doc = NULL;
	procsec_error err;

	if (zipfix_parse(&doc, parts, "dir/reservkraft.docx", NULL, NULL, &err) !=
	    PROCSEC_OK)
		fprintf(stderr, "%s: %s (at %s)\n", err.source, err.message,
		        err.pointer);
	return doc;
}

struct want {
	const char *kind, *id, *level;
	int inferred;
	const char *verification, *section, *path, *text;
};

static void check_clause(const procsec_doc *doc, size_t i,
                         const struct want *w)
{
	const procsec_clause *c = procsec_doc_clause_at(doc, i);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(procsec_clause_kind(c), w->kind);
	if (w->id == NULL) {
		CU_ASSERT_PTR_NULL(procsec_clause_id(c));
	} else {
		CU_ASSERT_STRING_EQUAL(procsec_clause_id(c), w->id);
	}
	if (w->level == NULL) {
		CU_ASSERT_PTR_NULL(procsec_clause_level(c));
	} else {
		CU_ASSERT_STRING_EQUAL(procsec_clause_level(c), w->level);
	}
	CU_ASSERT_EQUAL(procsec_clause_level_inferred(c), w->inferred);
	if (w->verification == NULL) {
		CU_ASSERT_PTR_NULL(procsec_clause_verification(c));
	} else {
		CU_ASSERT_STRING_EQUAL(procsec_clause_verification(c),
		                       w->verification);
	}
	CU_ASSERT_STRING_EQUAL(procsec_clause_section(c), w->section);
	CU_ASSERT_STRING_EQUAL(procsec_clause_path(c), w->path);
	CU_ASSERT_STRING_EQUAL(procsec_clause_text(c), w->text);
	CU_ASSERT_EQUAL(procsec_clause_line(c), 0);
}

static void test_clauses(void)
{
	static const struct want wants[] = {
		{ "text", NULL, NULL, 0, NULL, "", "\xC2\xB6" "1",
		  "Dnr KS 2026/77" },
		{ "text", NULL, NULL, 0, NULL, "", "\xC2\xB6" "2",
		  "Sista anbudsdag: 2026-05-04" },
		{ "requirement", NULL, "shall", 1, NULL, "1",
		  "1 Allmänt \xE2\x80\xBA \xC2\xB6" "1",
		  "Leverantören ska hålla reservkraft i 72 timmar." },
		{ "requirement", NULL, "shall", 1, NULL, "1",
		  "1 Allmänt \xE2\x80\xBA \xC2\xB6" "1 \xE2\x80\xBA fotnot 1",
		  "Leverantören ska följa bilaga 3." },
		{ "text", NULL, NULL, 0, NULL, "1",
		  "1 Allmänt \xE2\x80\xBA \xC2\xB6" "2", "Se rutan." },
		{ "requirement", NULL, "should", 1, NULL, "1",
		  "1 Allmänt \xE2\x80\xBA \xC2\xB6" "2 \xE2\x80\xBA textruta",
		  "Anbud bör lämnas tidigt." },
		{ "requirement", "R1", "shall", 0, "Provkörning", "1 > 2.4",
		  "2.4 Krav på reservkraft \xE2\x80\xBA Tabell 1 rad 2",
		  "Reservkraften startar inom 10 sekunder." },
		{ "requirement", "R2", "should", 1, NULL, "1 > 2.4",
		  "2.4 Krav på reservkraft \xE2\x80\xBA Tabell 1 rad 3",
		  "Leverantören bör ha bränsle för en vecka." },
		/* R1 again: the later row keeps no id */
		{ "requirement", NULL, "should", 0, NULL, "1 > 2.4",
		  "2.4 Krav på reservkraft \xE2\x80\xBA Tabell 1 rad 4",
		  "Dokumentation lämnas." },
		{ "text", NULL, NULL, 0, NULL, "1 > 2.4",
		  "2.4 Krav på reservkraft \xE2\x80\xBA Tabell 1 rad 5", "Övrigt" },
		{ "requirement", NULL, "shall", 1, NULL, "1 > 2.4",
		  "2.4 Krav på reservkraft \xE2\x80\xBA Tabell 1 rad 6", "R9 | Ska" },
		{ "text", NULL, NULL, 0, NULL, "Bilagor",
		  "Bilagor \xE2\x80\xBA \xC2\xB6" "1", "Bilaga 1 Ritningar" },
	};
	procsec_doc *doc = parse_docx();
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc),
	                sizeof(wants) / sizeof(wants[0]));
	for (i = 0; i < sizeof(wants) / sizeof(wants[0]) &&
	            i < procsec_doc_clause_count(doc);
	     i++)
		check_clause(doc, i, &wants[i]);
	procsec_doc_free(doc);
}

static void test_metadata(void)
{
	procsec_doc *doc = parse_docx();
	char *json = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(procsec_doc_format(doc), "docx");
	CU_ASSERT_STRING_EQUAL(procsec_doc_id(doc), "KS 2026/77");
	/* core.xml's title wins over the Title paragraph */
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc), "Avrop av reservkraft");
	CU_ASSERT_STRING_EQUAL(procsec_doc_lang(doc), "sv-SE");
	CU_ASSERT_PTR_NULL(procsec_doc_buyer_country(doc));
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "critical-service"),
	                PROCSEC_FACT_UNKNOWN);
	CU_ASSERT_EQUAL(procsec_doc_to_json(&json, NULL, doc, NULL), PROCSEC_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"deadline\":\t\"2026-05-04T23:59:59\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"name\":\t\"(ej angiven)\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"level_inferred\":\ttrue"));
	/* neither deleted text, comments nor field codes are text */
	CU_ASSERT_PTR_NULL(strstr(json, "bör hålla"));
	CU_ASSERT_PTR_NULL(strstr(json, "KOMMENTAR"));
	CU_ASSERT_PTR_NULL(strstr(json, "DOCPROPERTY"));
	procsec_free(json);
	procsec_doc_free(doc);
}

static void test_option_facts_override(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", body, 0, 0 },
		{ "word/styles.xml", styles, 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_options *opts = NULL;
	procsec_doc *doc = NULL;
	procsec_error err;

	procsec_options_new(&opts, NULL);
	CU_ASSERT_EQUAL(procsec_options_set_fact(opts, "crisis-role",
	                                         PROCSEC_FACT_FALSE, &err),
	                PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_options_set_fact(opts, "crisis-role",
	                                         PROCSEC_FACT_TRUE, &err),
	                PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_options_set_fact(opts, "Crisis_Role",
	                                         PROCSEC_FACT_TRUE, &err),
	                PROCSEC_EARG);
	CU_ASSERT_EQUAL(procsec_options_set_fact(opts, "x", (procsec_fact)7,
	                                         &err),
	                PROCSEC_EARG);
	CU_ASSERT_STRING_EQUAL(err.message, "invalid value 7 of fact 'x'");
	CU_ASSERT_EQUAL(zipfix_parse(&doc, parts, "t.docx", NULL, opts, &err),
	                PROCSEC_OK);
	CU_ASSERT_EQUAL(procsec_doc_fact(doc, "crisis-role"), PROCSEC_FACT_TRUE);
	/* no title in core.xml: the Title paragraph; no buyer stated */
	CU_ASSERT_STRING_EQUAL(procsec_doc_title(doc),
	                       "Avropsförfrågan reservkraft");
	procsec_doc_free(doc);
	procsec_options_free(opts);
}

static void add(struct ps_wt_buf *buf, const char *s)
{
	ps_wt_buf_add(buf, s, strlen(s));
}

/* Styles, numbering and paragraphs by the ten thousand stay linear. */
static void test_many_styles_and_paragraphs(void)
{
	struct ps_wt_buf styles_xml = { 0 }, num_xml = { 0 }, doc_xml = { 0 };
	char piece[512];
	procsec_doc *doc = NULL;
	procsec_error err;
	clock_t start;
	int i;

	add(&styles_xml, "<w:styles xmlns:w=\"" W_NS "\">");
	add(&num_xml, "<w:numbering xmlns:w=\"" W_NS "\">");
	for (i = 0; i < 3000; i++) {
		snprintf(piece, sizeof(piece),
		         "<w:style w:styleId=\"s%d\"><w:name w:val=\"heading %d\"/>"
		         "<w:pPr><w:numPr><w:numId w:val=\"%d\"/></w:numPr></w:pPr>"
		         "</w:style>",
		         i, 1 + i % 9, i);
		add(&styles_xml, piece);
		snprintf(piece, sizeof(piece),
		         "<w:abstractNum w:abstractNumId=\"%d\"><w:lvl w:ilvl=\"0\">"
		         "<w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum>"
		         "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"%d\"/>"
		         "</w:num>",
		         i, i, i);
		add(&num_xml, piece);
	}
	add(&styles_xml, "</w:styles>");
	add(&num_xml, "</w:numbering>");
	add(&doc_xml, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
	for (i = 0; i < 60000; i++) {
		snprintf(piece, sizeof(piece),
		         "<w:p><w:pPr><w:pStyle w:val=\"s%d\"/></w:pPr>%s</w:p>",
		         (i * 7) % 3000, i % 2 == 0 ? "<w:r><w:t>x</w:t></w:r>" : "");
		add(&doc_xml, piece);
	}
	add(&doc_xml, "</w:body></w:document>");
	{
		const struct zip_part parts[] = {
			{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
			{ "word/document.xml", doc_xml.s, 0, 0 },
			{ "word/styles.xml", styles_xml.s, 0, 0 },
			{ "word/numbering.xml", num_xml.s, 0, 0 },
			{ NULL, NULL, 0, 0 },
		};

		start = clock();
		CU_ASSERT_EQUAL(zipfix_parse(&doc, parts, "big.docx", NULL, NULL,
		                             &err),
		                PROCSEC_OK);
		/* well under a second; the bound leaves room for sanitizers */
		CU_ASSERT((double)(clock() - start) / CLOCKS_PER_SEC < 20.0);
	}
	CU_ASSERT_EQUAL(procsec_doc_clause_count(doc), 0);
	procsec_doc_free(doc);
	ps_wt_buf_free(&styles_xml);
	ps_wt_buf_free(&num_xml);
	ps_wt_buf_free(&doc_xml);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "clauses", test_clauses },
		{ "metadata", test_metadata },
		{ "option facts override", test_option_facts_override },
		{ "many styles and paragraphs", test_many_styles_and_paragraphs },
		{ NULL, NULL },
	};

	return run_tests("docx", tests);
}
