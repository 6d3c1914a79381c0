/*
 * fuzz_doc_detect.c -- libFuzzer target: procsec_doc_parse with format detection (NULL).
 *
 * Parses the input as a tender document and writes the model as JSON.
 * Built with -fsanitize=fuzzer (configure --enable-fuzzing) or linked
 * with standalone.c to replay corpus/doc_detect/ in `make check`.
 */
#include <stddef.h>
#include <stdint.h>

#include <procsec.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	procsec_doc *doc = NULL;
	char *json = NULL;
	size_t len = 0;

	if (procsec_doc_parse(&doc, "fuzz", data, size, NULL, NULL, NULL) !=
	    PROCSEC_OK)
		return 0;
	(void)procsec_doc_to_json(&json, &len, doc, NULL);
	procsec_free(json);
	procsec_doc_free(doc);
	return 0;
}
