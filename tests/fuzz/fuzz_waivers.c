/*
 * fuzz_waivers.c -- libFuzzer target: one waiver file, read, compiled
 * with a small pack and applied to a small tender.
 *
 * The waiver reader (dates, globs, rule ids) and the code that sets
 * failed results aside as of a fixed date both see the input.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <procsec.h>

#include "tempfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char pack[] =
	"{\"procsec_pack\": 1, \"id\": \"w\", \"version\": \"1\", "
	"\"title\": {\"sv\": \"W\", \"en\": \"W\"}, \"rules\": ["
	"{\"id\": \"W-001\", \"severity\": \"error\", "
	"\"title\": {\"sv\": \"Plan\", \"en\": \"Plan\"}, "
	"\"message\": {\"sv\": \"Saknas.\", \"en\": \"Missing.\"}, "
	"\"remediation\": {\"sv\": \"Skriv.\", \"en\": \"Write.\"}, "
	"\"check\": {\"require\": {\"text\": \"\\\\bkontinuitetsplan\\\\w*\"}}}, "
	"{\"id\": \"W-002\", \"severity\": \"warning\", "
	"\"title\": {\"sv\": \"Vagt\", \"en\": \"Vague\"}, "
	"\"message\": {\"sv\": \"Vagt.\", \"en\": \"Vague.\"}, "
	"\"remediation\": {\"sv\": \"Skriv.\", \"en\": \"Write.\"}, "
	"\"check\": {\"forbid\": {\"text\": \"\\\\bvid behov\\\\b\"}}}]}";

static const char tender[] =
	"{\"procsec_tender\": 1, \"id\": \"HVN-2026-1\", \"lang\": \"sv\", "
	"\"title\": \"T\", \"buyer\": {\"name\": \"B\", \"country\": \"SE\"}, "
	"\"sections\": [{\"id\": \"4\", \"title\": \"Krav\", \"clauses\": ["
	"{\"kind\": \"requirement\", \"level\": \"shall\", \"id\": \"4.1\", "
	"\"text\": \"Leverantören ska vid behov öva.\"}]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	procsec_loader *loader = NULL;
	procsec_diags *diags = NULL;
	procsec_ruleset *rules = NULL;
	procsec_options *opts = NULL;
	procsec_doc *doc = NULL;
	procsec_report *report = NULL;
	char path[4096], *json = NULL;

	if (!fuzz_write_temp(data, size, path, sizeof(path)))
		return 0;
	if (procsec_diags_new(&diags, NULL) == PROCSEC_OK &&
	    procsec_options_new(&opts, NULL) == PROCSEC_OK &&
	    procsec_options_set_as_of(opts, "2026-06-01", NULL) == PROCSEC_OK &&
	    procsec_loader_new(&loader, opts, NULL) == PROCSEC_OK &&
	    procsec_loader_add_pack_buffer(loader, "w.json", pack, strlen(pack),
	                                   diags, NULL) == PROCSEC_OK &&
	    procsec_loader_add_waivers(loader, path, diags, NULL) == PROCSEC_OK &&
	    procsec_loader_compile(&rules, loader, diags, NULL) == PROCSEC_OK &&
	    procsec_doc_parse(&doc, "hvn.json", tender, strlen(tender), NULL,
	                      opts, NULL) == PROCSEC_OK &&
	    procsec_check(&report, rules, doc, opts, NULL) == PROCSEC_OK)
		(void)procsec_report_to_string(&json, NULL, report,
		                               PROCSEC_OUT_JSON, NULL);
	procsec_free(json);
	procsec_report_free(report);
	procsec_doc_free(doc);
	procsec_ruleset_free(rules);
	procsec_loader_free(loader);
	procsec_options_free(opts);
	procsec_diags_free(diags);
	unlink(path);
	return 0;
}
