/*
 * load.c -- the rule set a command works with: the packs named with
 * --rules (paths or bundled names), or every bundled pack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_all(const procsec_diags *diags, const procsec_error *err)
{
	size_t i, n = procsec_diags_count(diags);

	for (i = 0; i < n; i++)
		cli_print_error(procsec_diags_at(diags, i));
	if (n == 0 && err->code != PROCSEC_OK)
		cli_print_error(err);
}

/* Adds the packs and parameters; returns 0 after printing problems. */
static int gather(procsec_loader *loader, const struct cli_rules *spec,
                  procsec_diags *diags, procsec_error *err)
{
	size_t i;
	int ok = 1;

	if (spec->profile != NULL)
		ok = procsec_loader_add_profile(loader, spec->profile, diags, err) ==
		     PROCSEC_OK;
	else if (spec->pack_count == 0)
		ok = procsec_loader_add_bundled(loader, diags, err) == PROCSEC_OK;
	for (i = 0; i < spec->pack_count; i++)
		ok &= procsec_loader_add_pack(loader, spec->packs[i], diags, err) ==
		      PROCSEC_OK;
	if (spec->waivers != NULL)
		ok &= procsec_loader_add_waivers(loader, spec->waivers, diags, err) ==
		      PROCSEC_OK;
	for (i = 0; ok && i < spec->param_count; i++) {
		char *eq = strchr(spec->params[i], '=');

		if (eq == NULL) {
			cli_usage_error("--param %s: expected NAME=VALUE",
			                spec->params[i]);
			return 0;
		}
		*eq = '\0';
		ok = procsec_loader_set_param(loader, spec->params[i], eq + 1, err) ==
		     PROCSEC_OK;
		*eq = '=';
		if (!ok)
			cli_print_error(err);
	}
	return ok;
}

int cli_load_rules(procsec_ruleset **out, const struct cli_rules *spec,
                   const procsec_options *opts)
{
	procsec_loader *loader = NULL;
	procsec_diags *diags = NULL;
	procsec_error err;
	int ok;

	*out = NULL;
	ok = procsec_diags_new(&diags, &err) == PROCSEC_OK &&
	     procsec_loader_new(&loader, opts, &err) == PROCSEC_OK;
	if (ok)
		ok = gather(loader, spec, diags, &err) &&
		     procsec_loader_compile(out, loader, diags, &err) == PROCSEC_OK;
	if (!ok)
		print_all(diags, &err);
	procsec_loader_free(loader);
	procsec_diags_free(diags);
	return ok;
}

int cli_rules_option(struct cli_rules *spec, int argc, char **argv, int *i)
{
	const char *opt = argv[*i];
	char ***list = NULL;
	size_t *count = NULL;

	if (strcmp(opt, "--rules") == 0) {
		list = &spec->packs;
		count = &spec->pack_count;
	} else if (strcmp(opt, "--param") == 0) {
		list = &spec->params;
		count = &spec->param_count;
	} else {
		return 0;
	}
	if (*i + 1 >= argc) {
		cli_usage_error("%s needs a value", opt);
		return -1;
	}
	*list = realloc(*list, (*count + 1) * sizeof(**list));
	if (*list == NULL) {
		cli_usage_error("out of memory");
		return -1;
	}
	(*list)[(*count)++] = argv[++*i];
	return 1;
}

void cli_rules_free(struct cli_rules *spec)
{
	free(spec->packs);
	free(spec->params);
}
