/*
 * fuzz_pack.c -- libFuzzer target: one rule pack from memory, compiled.
 *
 * Adds the input as a pack with procsec_loader_add_pack_buffer and
 * compiles it with a diagnostics collector, so the pack reader, the
 * checks of pack_logic.c and pattern compilation all see the input.
 */
#include <stddef.h>
#include <stdint.h>

#include <procsec.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	procsec_loader *loader = NULL;
	procsec_diags *diags = NULL;
	procsec_ruleset *rules = NULL;
	size_t i, n;

	if (procsec_diags_new(&diags, NULL) != PROCSEC_OK)
		return 0;
	if (procsec_loader_new(&loader, NULL, NULL) != PROCSEC_OK)
		goto out;
	if (procsec_loader_add_pack_buffer(loader, "fuzz.json", data, size,
	                                   diags, NULL) != PROCSEC_OK)
		goto out;
	if (procsec_loader_compile(&rules, loader, diags, NULL) != PROCSEC_OK)
		goto out;
	/* Touch what a rule set hands out, as `procsec rules list` does. */
	n = procsec_ruleset_count(rules);
	for (i = 0; i < n; i++)
		(void)procsec_rule_source(procsec_ruleset_at(rules, i));
out:
	n = procsec_diags_count(diags);
	for (i = 0; i < n; i++)
		(void)procsec_diags_at(diags, i);
	procsec_ruleset_free(rules);
	procsec_loader_free(loader);
	procsec_diags_free(diags);
	return 0;
}
