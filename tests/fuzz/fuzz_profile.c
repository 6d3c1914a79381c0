/*
 * fuzz_profile.c -- libFuzzer target: one profile, read and applied.
 *
 * The input is a profile file; the profile reader, its extends chain
 * (names that lead nowhere, or back to the input itself), and the
 * adjustments applied when compiling all see it.  The packs a profile
 * names are looked up as usual, so whatever PROCSEC_RULES_PATH offers is
 * in play too.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>

#include <procsec.h>

#include "tempfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	procsec_loader *loader = NULL;
	procsec_diags *diags = NULL;
	procsec_ruleset *rules = NULL;
	char path[4096];
	size_t i, n;

	if (!fuzz_write_temp(data, size, path, sizeof(path)))
		return 0;
	if (procsec_diags_new(&diags, NULL) == PROCSEC_OK &&
	    procsec_loader_new(&loader, NULL, NULL) == PROCSEC_OK &&
	    procsec_loader_add_profile(loader, path, diags, NULL) == PROCSEC_OK &&
	    procsec_loader_compile(&rules, loader, diags, NULL) == PROCSEC_OK) {
		n = procsec_ruleset_count(rules);
		for (i = 0; i < n; i++)
			(void)procsec_rule_severity(procsec_ruleset_at(rules, i));
	}
	n = procsec_diags_count(diags);
	for (i = 0; i < n; i++)
		(void)procsec_diags_at(diags, i);
	procsec_ruleset_free(rules);
	procsec_loader_free(loader);
	procsec_diags_free(diags);
	unlink(path);
	return 0;
}
