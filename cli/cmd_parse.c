/*
 * cmd_parse.c -- `procsec parse`: print what the library understood.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char parse_usage[] =
	"usage: procsec parse [--format procsec-xml|procsec-json|docx|odt]\n"
	"                     [--fact NAME=true|false|unknown ...] "
	"[--facts FILE] FILE|-\n";

/* Reads the options; returns the file operand or NULL after an error. */
static const char *parse_args(int argc, char **argv, const char **format,
                              struct cli_facts *facts)
{
	const char *file = NULL;
	int i, rc;

	*format = NULL;
	for (i = 1; i < argc; i++) {
		rc = cli_facts_option(facts, argc, argv, &i);
		if (rc < 0)
			return NULL;
		if (rc > 0)
			continue;
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			*format = argv[++i];
		} else if (strncmp(argv[i], "--format=", 9) == 0) {
			*format = argv[i] + 9;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_usage_error("parse: unknown option '%s'", argv[i]);
			return NULL;
		} else if (file != NULL) {
			cli_usage_error("parse: one file at a time");
			return NULL;
		} else {
			file = argv[i];
		}
	}
	if (file == NULL)
		fputs(parse_usage, stderr);
	return file;
}

/* The options: defaults and the facts stated for file. */
static int make_options(procsec_options **opts, const struct cli_facts *facts,
                        const char *file, procsec_error *err)
{
	int rc = procsec_options_new(opts, err);

	if (rc == PROCSEC_OK && !cli_facts_apply(*opts, facts, file, err))
		rc = err->code;
	return rc;
}

int cmd_parse(int argc, char **argv)
{
	struct cli_facts facts = { NULL, 0, NULL };
	procsec_options *opts = NULL;
	procsec_error err;
	procsec_doc *doc = NULL;
	const char *file, *format;
	char *json;
	int rc;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(parse_usage, stdout);
		return EXIT_CLEAN;
	}
	file = parse_args(argc, argv, &format, &facts);
	if (file == NULL) {
		cli_facts_free(&facts);
		return EXIT_TROUBLE;
	}
	rc = make_options(&opts, &facts, file, &err);
	if (rc == PROCSEC_OK)
		rc = procsec_doc_parse_file(&doc, file, format, opts, &err);
	if (rc == PROCSEC_OK)
		rc = procsec_doc_to_json(&json, NULL, doc, &err);
	procsec_doc_free(doc);
	procsec_options_free(opts);
	cli_facts_free(&facts);
	if (rc != PROCSEC_OK) {
		cli_print_error(&err);
		return EXIT_TROUBLE;
	}
	puts(json);
	procsec_free(json);
	return EXIT_CLEAN;
}
