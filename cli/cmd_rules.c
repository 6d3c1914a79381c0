/*
 * cmd_rules.c -- `procsec rules list | explain RULE | lint PACK...`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char rules_usage[] =
	"usage: procsec rules list [--rules PACK]... [--lang sv|en]\n"
	"       procsec rules explain RULE [--rules PACK]... [--lang sv|en]\n"
	"       procsec rules lint PACK...\n"
	"       procsec rules test PACK|DIR...   run a pack's fixtures "
	"(PACK/tests/*.json)\n";

struct rules_args {
	struct cli_rules rules;
	const char *lang;
	char **words; /* the operands after the subcommand */
	int word_count;
};

static int parse_args(struct rules_args *a, int argc, char **argv)
{
	int i, rc;

	memset(a, 0, sizeof(*a));
	a->lang = "en";
	a->words = argv + 2;
	for (i = 2; i < argc; i++) {
		rc = cli_rules_option(&a->rules, argc, argv, &i);
		if (rc < 0)
			return 0;
		if (rc > 0)
			continue;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			a->lang = argv[++i];
			if (strcmp(a->lang, "sv") != 0 && strcmp(a->lang, "en") != 0) {
				cli_usage_error("rules: --lang must be sv or en");
				return 0;
			}
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_usage_error("rules: unknown option '%s'", argv[i]);
			return 0;
		} else {
			a->words[a->word_count++] = argv[i];
		}
	}
	return 1;
}

/* "warning" or, with conditional severities, "warning/error". */
static void severities(const procsec_rule *r, char *buf, size_t size)
{
	size_t i, n = procsec_rule_severity_case_count(r), len;

	len = (size_t)snprintf(buf, size, "%s",
	                       procsec_severity_name(procsec_rule_severity(r)));
	for (i = 0; i < n && len < size; i++)
		if (strstr(buf, procsec_severity_name(
		                        procsec_rule_severity_case(r, i))) == NULL)
			len += (size_t)snprintf(buf + len, size - len, "/%s",
			                        procsec_severity_name(
			                                procsec_rule_severity_case(r, i)));
}

static int list(const struct rules_args *a)
{
	procsec_ruleset *rules;
	size_t i, p;

	if (!cli_load_rules(&rules, &a->rules, NULL))
		return EXIT_TROUBLE;
	for (p = 0; p < procsec_ruleset_pack_count(rules); p++) {
		const char *id = procsec_ruleset_pack_id(rules, p);

		printf("%s %s: %s\n", id, procsec_ruleset_pack_version(rules, p),
		       procsec_ruleset_pack_title(rules, p, a->lang));
		for (i = 0; i < procsec_ruleset_count(rules); i++) {
			const procsec_rule *r = procsec_ruleset_at(rules, i);

			char sev[32];

			if (strcmp(procsec_rule_pack(r), id) != 0)
				continue;
			severities(r, sev, sizeof(sev));
			/* both languages: a rule is known by either title */
			printf("  %-10s %-13s %s | %s\n", procsec_rule_id(r), sev,
			       procsec_rule_title(r, a->lang),
			       procsec_rule_title(r, strcmp(a->lang, "sv") == 0 ? "en"
			                                                       : "sv"));
		}
	}
	procsec_ruleset_free(rules);
	return EXIT_CLEAN;
}

static int explain(const struct rules_args *a)
{
	procsec_ruleset *rules;
	const procsec_rule *r;
	size_t i;

	if (a->word_count != 1) {
		cli_usage_error("rules explain: name one rule, e.g. START-001");
		return EXIT_TROUBLE;
	}
	if (!cli_load_rules(&rules, &a->rules, NULL))
		return EXIT_TROUBLE;
	r = procsec_ruleset_find(rules, a->words[0]);
	if (r == NULL) {
		cli_usage_error("rules explain: no rule '%s' in the packs loaded",
		                a->words[0]);
		procsec_ruleset_free(rules);
		return EXIT_TROUBLE;
	}
	printf("%s (%s, %s)\n%s\n\n%s\n\n", procsec_rule_id(r),
	       procsec_rule_pack(r),
	       procsec_severity_name(procsec_rule_severity(r)),
	       procsec_rule_title(r, a->lang), procsec_rule_message(r, a->lang));
	for (i = 0; i < procsec_rule_severity_case_count(r); i++)
		printf("%s %s %s\n",
		       procsec_severity_name(procsec_rule_severity_case(r, i)),
		       strcmp(a->lang, "sv") == 0 ? "när" : "when",
		       procsec_rule_severity_case_when(r, i, a->lang));
	if (procsec_rule_severity_case_count(r) > 0)
		putchar('\n');
	printf("%s:\n  %s\n",
	       strcmp(a->lang, "sv") == 0 ? "Modelltext att föra in i underlaget"
	                                  : "Model clause to put in the tender",
	       procsec_rule_remediation(r, a->lang));
	if (procsec_rule_reference_count(r) > 0)
		printf("\n%s:\n",
		       strcmp(a->lang, "sv") == 0 ? "Referenser" : "References");
	for (i = 0; i < procsec_rule_reference_count(r); i++)
		printf("  - %s\n", procsec_rule_reference(r, i));
	printf("\n%s:\n  %s\n", strcmp(a->lang, "sv") == 0 ? "Regeln" : "Rule",
	       procsec_rule_source(r));
	procsec_ruleset_free(rules);
	return EXIT_CLEAN;
}

/* Lints each pack alone, so one pack's problems do not hide another's. */
static int lint(const struct rules_args *a)
{
	int status = EXIT_CLEAN, i;

	if (a->word_count == 0) {
		cli_usage_error("rules lint: name one or more packs");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < a->word_count; i++) {
		struct cli_rules one = { &a->words[i], 1, NULL, 0, NULL, NULL };
		procsec_ruleset *rules;

		if (!cli_load_rules(&rules, &one, NULL)) {
			status = EXIT_TROUBLE;
			continue;
		}
		printf("%s: ok, %zu rule%s\n", a->words[i],
		       procsec_ruleset_count(rules),
		       procsec_ruleset_count(rules) == 1 ? "" : "s");
		procsec_ruleset_free(rules);
	}
	return status;
}

int cmd_rules(int argc, char **argv)
{
	struct rules_args args;
	int status;

	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(rules_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_TROUBLE : EXIT_CLEAN;
	}
	if (!parse_args(&args, argc, argv))
		return EXIT_TROUBLE;
	if (strcmp(argv[1], "list") == 0)
		status = list(&args);
	else if (strcmp(argv[1], "explain") == 0)
		status = explain(&args);
	else if (strcmp(argv[1], "lint") == 0)
		status = lint(&args);
	else if (strcmp(argv[1], "test") == 0)
		status = cmd_rules_test(args.word_count, args.words);
	else
		status = cli_usage_error("rules: unknown subcommand '%s'", argv[1]);
	cli_rules_free(&args.rules);
	return status;
}
