/*
 * cli.h -- the procsec validator: a thin client of <procsec.h>.
 */
#ifndef PROCSEC_CLI_H
#define PROCSEC_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <procsec.h>

/* Exit statuses, as documented in procsec(1). */
enum {
	EXIT_CLEAN = 0,   /* nothing at or above --fail-on failed */
	EXIT_FINDINGS = 1, /* a rule at or above --fail-on failed */
	EXIT_TROUBLE = 2   /* usage error, unreadable or invalid input */
};

/* Prints an error from the library as FILE:LINE:COL: message. */
void cli_print_error(const procsec_error *err);

/* Prints "procsec: <message>" to stderr; returns EXIT_TROUBLE. */
int cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* What --rules and --param name. */
struct cli_rules {
	char **packs;
	size_t pack_count;
	char **params;
	size_t param_count;
	const char *waivers; /* a waiver file, or NULL */
	const char *profile; /* a profile name or path, or NULL */
};

/*
 * Handles argv[*i] if it is --rules or --param: returns 1 (and moves *i
 * past the value), 0 for another option, -1 after a usage error.
 */
int cli_rules_option(struct cli_rules *spec, int argc, char **argv, int *i);
void cli_rules_free(struct cli_rules *spec);

/* Loads and compiles the rule set; 0 after printing every problem. */
int cli_load_rules(procsec_ruleset **out, const struct cli_rules *spec,
                   const procsec_options *opts);

/* What --fact and --facts state (facts.c). */
struct cli_facts {
	char **stated;     /* "NAME=VALUE", borrowed from argv */
	size_t count;
	const char *file;  /* --facts FILE, or NULL: TENDER.facts.json */
};

/* As cli_rules_option, for --fact NAME=VALUE and --facts FILE. */
int cli_facts_option(struct cli_facts *f, int argc, char **argv, int *i);
void cli_facts_free(struct cli_facts *f);
/*
 * States the facts for one tender in opts: the --facts file, or else
 * TENDER.facts.json when it exists, then every --fact.  Returns 0 with
 * err filled (for cli_print_error) when a fact or file is wrong.
 */
int cli_facts_apply(procsec_options *opts, const struct cli_facts *f,
                    const char *tender, procsec_error *err);

int cmd_parse(int argc, char **argv);
int cmd_formats(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_rules(int argc, char **argv);
/* `procsec rules test` on the operands after "test". */
int cmd_rules_test(int argc, char **argv);

#endif
