/*
 * fuzz_adapt.c -- libFuzzer target: an input read with whichever format
 * adapter claims it (eForms, TED XML, ESPD, OCDS, ProZorro, the native
 * formats), in its own language and in Swedish, every tender of it
 * written out as a model.
 *
 * Built with -fsanitize=fuzzer (configure --enable-fuzzing) or linked
 * with standalone.c to replay corpus/adapt/ in `make check`.
 */
#include <stddef.h>
#include <stdint.h>

#include <procsec.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all(const uint8_t *data, size_t size,
                     const procsec_options *opts)
{
	procsec_docs *docs = NULL;
	size_t i;

	if (procsec_docs_parse(&docs, "fuzz", data, size, NULL, opts,
	                       NULL) != PROCSEC_OK)
		return;
	for (i = 0; i < procsec_docs_count(docs); i++) {
		char *json = NULL;

		(void)procsec_doc_to_json(&json, NULL, procsec_docs_at(docs, i),
		                          NULL);
		procsec_free(json);
	}
	procsec_docs_free(docs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	procsec_options *swedish = NULL;

	read_all(data, size, NULL);
	if (procsec_options_new(&swedish, NULL) == PROCSEC_OK &&
	    procsec_options_set_lang(swedish, "sv", NULL) == PROCSEC_OK)
		read_all(data, size, swedish);
	procsec_options_free(swedish);
	return 0;
}
