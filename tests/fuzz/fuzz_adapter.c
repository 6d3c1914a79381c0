/*
 * fuzz_adapter.c -- libFuzzer target: a format adapter file, read and
 * checked, then used on a small XML notice and a small JSON package, so
 * that whatever an adapter may say -- paths, conversions, maps, joins,
 * nested sections -- runs against real trees.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <procsec.h>

#include "tempfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char notice[] =
	"<notice xmlns='urn:example:notice' number='N1'><language>SWE</language>"
	"<title lang='SWE'>Skolskjuts</title><title lang='ENG'>Transport</title>"
	"<buyer><name>Kommunen</name><country>SWE</country></buyer>"
	"<lot id='L1'><condition><p lang='SWE'>Leverantören ska rapportera.</p>"
	"</condition></lot><value currency='SEK'>1 000,50</value></notice>";

static const char package[] =
	"{\"packageOf\": \"x\", \"releases\": [{\"ocid\": \"o-1\", \"tag\": "
	"[\"tender\"], \"tender\": {\"title\": \"T\", \"items\": [{"
	"\"classification\": {\"scheme\": \"CPV\", \"id\": \"90919200\"}}]},"
	" \"buyer\": {\"name\": \"B\"}, \"language\": \"sv\"}, {\"ocid\": "
	"\"o-2\"}]}";

static void use(const procsec_options *opts, const char *input)
{
	procsec_docs *docs = NULL;

	if (procsec_docs_parse(&docs, "input", input, strlen(input), NULL, opts,
	                       NULL) == PROCSEC_OK && procsec_docs_count(docs) > 0) {
		char *json = NULL;

		(void)procsec_doc_to_json(&json, NULL, procsec_docs_at(docs, 0),
		                          NULL);
		procsec_free(json);
	}
	procsec_docs_free(docs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	procsec_options *opts = NULL;
	char path[4096];

	if (!fuzz_write_temp(data, size, path, sizeof(path)))
		return 0;
	if (procsec_options_new(&opts, NULL) == PROCSEC_OK &&
	    procsec_options_add_format(opts, path, NULL) == PROCSEC_OK) {
		use(opts, notice);
		use(opts, package);
	}
	procsec_options_free(opts);
	unlink(path);
	return 0;
}
