/*
 * test_container.c -- container.c: hostile ZIP archives are refused
 * with the exact code and message, before anything is inflated.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "zipfix.h"

#include <procsec.h>

static const char doc_xml[] =
	"<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>Leverantören "
	"ska ha reservkraft.</w:t></w:r></w:p></w:body></w:document>";

/* Parses an archive of parts; err says why it failed. */
static int parse_parts(const struct zip_part *parts, const char *format,
                       const procsec_options *opts, procsec_error *err)
{
	procsec_doc *doc = NULL;
	int rc = zipfix_parse(&doc, parts, "t.docx", format, opts, err);

	procsec_doc_free(doc);
	return rc;
}

static void test_plain_docx_parses(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_error err;

	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_OK);
	CU_ASSERT_EQUAL(parse_parts(parts, "docx", NULL, &err), PROCSEC_OK);
}

static void test_zip_bomb(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", NULL, 4 * 1024 * 1024, 0 },
		{ NULL, NULL, 0, 0 },
	};
	const char *want = "entry 'word/document.xml' is compressed more than "
	                   "200 to 1 (4194304 bytes from ";
	const char *tail = "): refused as a zip bomb";
	procsec_error err;
	size_t n;

	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_ELIMIT);
	CU_ASSERT_EQUAL(strncmp(err.message, want, strlen(want)), 0);
	n = strlen(err.message);
	CU_ASSERT(n > strlen(tail) &&
	          strcmp(err.message + n - strlen(tail), tail) == 0);
	CU_ASSERT_STRING_EQUAL(err.source, "t.docx");
	CU_ASSERT_EQUAL(err.line, 0);
}

static void test_total_over_input_limit(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "a.bin", NULL, 3000, 0 },
		{ "b.bin", NULL, 3000, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_options *opts = NULL;
	procsec_error err;

	procsec_options_new(&opts, NULL);
	procsec_options_set_limit(opts, PROCSEC_LIMIT_INPUT_BYTES, 5000, NULL);
	CU_ASSERT_EQUAL(parse_parts(parts, NULL, opts, &err), PROCSEC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(err.message, "the archive unpacks to more than "
	                                    "5000 bytes (the input limit)");
	procsec_options_set_limit(opts, PROCSEC_LIMIT_INPUT_BYTES, 2000, NULL);
	CU_ASSERT_EQUAL(parse_parts(parts, NULL, opts, &err), PROCSEC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(err.message, "entry 'a.bin' unpacks to 3000 bytes, "
	                                    "over the input limit of 2000 bytes");
	procsec_options_free(opts);
}

static void test_too_many_entries(void)
{
	static struct zip_part parts[10003];
	static char names[10002][16];
	procsec_error err;
	size_t i;

	parts[0] = (struct zip_part){ "[Content_Types].xml", DOCX_TYPES, 0, 0 };
	for (i = 1; i <= 10001; i++) {
		snprintf(names[i], sizeof(names[i]), "e%zu", i);
		parts[i] = (struct zip_part){ names[i], "", 0, 0 };
	}
	parts[10002].name = NULL;
	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_ELIMIT);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "the archive has more than 10000 entries");
}

static void test_path_traversal(void)
{
	const char *const names[] = { "../evil.xml", "word/../../evil.xml",
		                      "/etc/passwd", "word\\..\\evil.xml",
		                      "C:/evil.xml", NULL };
	const char *const *name;

	for (name = names; *name != NULL; name++) {
		const struct zip_part parts[] = {
			{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
			{ "word/document.xml", doc_xml, 0, 0 },
			{ *name, "x", 0, 0 },
			{ NULL, NULL, 0, 0 },
		};
		procsec_error err;
		char want[256];

		snprintf(want, sizeof(want),
		         "entry '%s' points outside the archive (absolute path or "
		         "'..'): refused",
		         *name);
		CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err),
		                PROCSEC_EUNSAFE);
		CU_ASSERT_STRING_EQUAL(err.message, want);
	}
}

static void test_encrypted_entry(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 1 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_error err;

	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_EUNSAFE);
	CU_ASSERT_STRING_EQUAL(err.message, "entry 'word/document.xml' is "
	                                    "encrypted: save the document "
	                                    "without a password");
}

static void test_docm_refused(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml",
		  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		  "content-types\"><Override PartName=\"/word/document.xml\" "
		  "ContentType=\"application/vnd.ms-word.document.macroEnabled."
		  "main+xml\"/></Types>",
		  0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_error err;

	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_EUNSAFE);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "a macro-enabled Word document (.docm, content type "
	                       "application/vnd.ms-word.document.macroEnabled."
	                       "main+xml): refused, since macros can run code; "
	                       "save it as .docx");
}

static void test_vba_project_refused(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ "word/vbaProject.bin", "\xD0\xCF\x11\xE0", 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_error err;

	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_EUNSAFE);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "the document holds macros ('word/vbaProject.bin'):"
	                       " refused, since macros can run code; save it as "
	                       ".docx without macros");
}

static void test_inner_xml_is_hardened(void)
{
	const struct zip_part parts[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "
		  "\"file:///etc/passwd\">]>\n<w:document xmlns:w=\"" W_NS "\"/>",
		  0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	const struct zip_part broken[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", "<w:document xmlns:w=\"" W_NS "\">\n<w:body>",
		  0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_error err;

	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_EUNSAFE);
	CU_ASSERT_STRING_EQUAL(err.source, "t.docx!word/document.xml");
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "the document declares the entity 'xxe'; entity "
	                       "declarations are refused (they can read files or "
	                       "expand without bound)");
	CU_ASSERT_EQUAL(parse_parts(broken, NULL, NULL, &err), PROCSEC_ESYNTAX);
	CU_ASSERT_STRING_EQUAL(err.source, "t.docx!word/document.xml");
	CU_ASSERT_EQUAL(err.line, 2);
}

static void test_not_a_document(void)
{
	const struct zip_part parts[] = {
		{ "hello.txt", "hello", 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	const struct zip_part docx[] = {
		{ "[Content_Types].xml", DOCX_TYPES, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_doc *doc = NULL;
	procsec_error err;

	CU_ASSERT_EQUAL(parse_parts(parts, NULL, NULL, &err), PROCSEC_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "a ZIP archive that is neither a Word document "
	                       "(.docx) nor an OpenDocument text (.odt)");
	CU_ASSERT_EQUAL(parse_parts(docx, "odt", NULL, &err), PROCSEC_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "not an OpenDocument text document: the archive "
	                       "holds no 'mimetype' of an OpenDocument text");
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "t.docx", "PK\3\4 torn", 10, NULL,
	                                  NULL, &err),
	                PROCSEC_ESYNTAX);
	CU_ASSERT_EQUAL(strncmp(err.message, "not a readable ZIP archive: ", 28),
	                0);
	CU_ASSERT_PTR_NULL(doc);
}

static const char odt_content[] =
	"<office:document-content xmlns:office=\"urn:oasis:names:tc:"
	"opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:"
	"opendocument:xmlns:text:1.0\"><office:body><office:text><text:p>"
	"Leverantören ska ha reservkraft.</text:p></office:text></office:body>"
	"</office:document-content>";

static void test_odt_refusals(void)
{
	const struct zip_part macros[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 0, 0 },
		{ "content.xml", odt_content, 0, 0 },
		{ "Basic/Standard/Module1.xml", "<x/>", 0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	const struct zip_part encrypted[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 0, 0 },
		{ "content.xml", odt_content, 0, 0 },
		{ "META-INF/manifest.xml",
		  "<m:manifest xmlns:m=\"urn:oasis:names:tc:opendocument:xmlns:"
		  "manifest:1.0\"><m:file-entry m:full-path=\"content.xml\">"
		  "<m:encryption-data/></m:file-entry></m:manifest>",
		  0, 0 },
		{ NULL, NULL, 0, 0 },
	};
	procsec_error err;

	CU_ASSERT_EQUAL(parse_parts(macros, NULL, NULL, &err), PROCSEC_EUNSAFE);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "the document holds macros "
	                       "('Basic/Standard/Module1.xml'): refused, since "
	                       "macros can run code; save it without macros");
	CU_ASSERT_EQUAL(parse_parts(encrypted, NULL, NULL, &err),
	                PROCSEC_EUNSAFE);
	CU_ASSERT_STRING_EQUAL(err.message, "the document is encrypted: save it "
	                                    "without a password");
	CU_ASSERT_EQUAL(parse_parts(encrypted, "docx", NULL, &err),
	                PROCSEC_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.message, "not a Word document: the archive "
	                                    "holds no '[Content_Types].xml'");
}

/* What a Word file saved with a password, or a .doc, really is. */
static void test_compound_files(void)
{
	static const char stream[] =
		"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	char bytes[2048];
	procsec_doc *doc = NULL;
	procsec_error err;

	memset(bytes, 0, sizeof(bytes));
	memcpy(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "old.doc", bytes, sizeof(bytes),
	                                  NULL, NULL, &err),
	                PROCSEC_EFORMAT);
	CU_ASSERT_STRING_EQUAL(err.message,
	                       "a binary Office document (OLE compound file, such "
	                       "as a .doc): save it as .docx or .odt");
	memcpy(bytes + 1100, stream, sizeof(stream) - 1);
	CU_ASSERT_EQUAL(procsec_doc_parse(&doc, "locked.docx", bytes,
	                                  sizeof(bytes), NULL, NULL, &err),
	                PROCSEC_EUNSAFE);
	CU_ASSERT_STRING_EQUAL(err.message, "a password-protected Office "
	                                    "document: save it without a "
	                                    "password");
	CU_ASSERT_STRING_EQUAL(err.source, "locked.docx");
	CU_ASSERT_PTR_NULL(doc);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "plain docx parses", test_plain_docx_parses },
		{ "zip bomb", test_zip_bomb },
		{ "total over the input limit", test_total_over_input_limit },
		{ "too many entries", test_too_many_entries },
		{ "path traversal", test_path_traversal },
		{ "encrypted entry", test_encrypted_entry },
		{ "docm refused", test_docm_refused },
		{ "vbaProject.bin refused", test_vba_project_refused },
		{ "inner XML is hardened", test_inner_xml_is_hardened },
		{ "not a document", test_not_a_document },
		{ "odt refusals", test_odt_refusals },
		{ "compound files", test_compound_files },
		{ NULL, NULL },
	};

	return run_tests("container", tests);
}
