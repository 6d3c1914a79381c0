/*
 * fuzz_container.c -- libFuzzer target: the ZIP container reader, as a
 * Word document and as an OpenDocument text (procsec_doc_parse with the
 * format "docx", then "odt"), writing the model as JSON when it parses.
 *
 * Built with -fsanitize=fuzzer (configure --enable-fuzzing) or linked
 * with standalone.c to replay corpus/container/ in `make check`.
 */
#include <stddef.h>
#include <stdint.h>

#include <procsec.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_as(const uint8_t *data, size_t size, const char *format)
{
	procsec_doc *doc = NULL;
	char *json = NULL;
	size_t len = 0;

	if (procsec_doc_parse(&doc, "fuzz", data, size, format, NULL, NULL) !=
	    PROCSEC_OK)
		return;
	(void)procsec_doc_to_json(&json, &len, doc, NULL);
	procsec_free(json);
	procsec_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_as(data, size, "docx");
	parse_as(data, size, "odt");
	return 0;
}
