/*
 * cmd_parse.c -- `procsec parse`: print what the library understood,
 * and `procsec formats`: the format adapters it reads with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char parse_usage[] =
	"usage: procsec parse [options] FILE|-\n"
	"  --format NAME   read with this format adapter (default: detect;\n"
	"                  procsec formats lists them)\n"
	"  --adapter FILE  also use this format adapter file (repeatable)\n"
	"  --lang sv|en    take a multilingual notice's texts in this language\n"
	"  --fact NAME=true|false|unknown\n"
	"                  state a fact the document does not (repeatable)\n"
	"  --facts FILE    facts from a JSON file (default: FILE.facts.json\n"
	"                  beside the tender, when there is one)\n";

static const char formats_usage[] =
	"usage: procsec formats [--adapter FILE]...\n";

struct parse_args {
	const char *file;
	const char *format;
	procsec_options *opts;
	struct cli_facts facts;
};

/* --adapter FILE and --lang, which parse and formats share. */
static int option_with_value(struct parse_args *a, const char *opt,
                             const char *value)
{
	procsec_error err;

	if (strcmp(opt, "--format") == 0) {
		a->format = value;
		return 1;
	}
	if (strcmp(opt, "--adapter") == 0) {
		if (procsec_options_add_format(a->opts, value, &err) == PROCSEC_OK)
			return 1;
		cli_print_error(&err);
		return -1;
	}
	if (strcmp(opt, "--lang") == 0) {
		if (procsec_options_set_lang(a->opts, value, &err) == PROCSEC_OK)
			return 1;
		cli_usage_error("%s", err.message);
		return -1;
	}
	return 0;
}

/* Reads the options; returns 0 after a usage error (printed). */
static int read_args(struct parse_args *a, int argc, char **argv,
                     int files_allowed)
{
	procsec_error err;
	int i, rc;

	memset(a, 0, sizeof(*a));
	if (procsec_options_new(&a->opts, &err) != PROCSEC_OK)
		return cli_usage_error("%s", err.message) == 0;
	for (i = 1; i < argc; i++) {
		rc = files_allowed ? cli_facts_option(&a->facts, argc, argv, &i) : 0;
		if (rc < 0)
			return 0;
		if (rc > 0)
			continue;
		rc = i + 1 < argc ? option_with_value(a, argv[i], argv[i + 1]) : 0;
		if (rc < 0)
			return 0;
		if (rc > 0) {
			i++;
		} else if (strncmp(argv[i], "--format=", 9) == 0) {
			a->format = argv[i] + 9;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_usage_error("%s: unknown option '%s'", argv[0], argv[i]);
			return 0;
		} else if (a->file != NULL || !files_allowed) {
			cli_usage_error(files_allowed ? "parse: one file at a time"
			                              : "formats takes no file");
			return 0;
		} else {
			a->file = argv[i];
		}
	}
	return 1;
}

/* One model as JSON, or a list of them for an input of several. */
static int print_models(const procsec_docs *docs)
{
	size_t i, n = procsec_docs_count(docs);
	procsec_error err;

	if (n > 1)
		puts("[");
	for (i = 0; i < n; i++) {
		char *json;

		if (procsec_doc_to_json(&json, NULL, procsec_docs_at(docs, i),
		                        &err) != PROCSEC_OK) {
			cli_print_error(&err);
			return EXIT_TROUBLE;
		}
		fputs(json, stdout);
		puts(i + 1 < n ? "," : "");
		procsec_free(json);
	}
	if (n > 1)
		puts("]");
	return EXIT_CLEAN;
}

int cmd_parse(int argc, char **argv)
{
	struct parse_args a;
	procsec_error err;
	procsec_docs *docs = NULL;
	int status = EXIT_TROUBLE;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(parse_usage, stdout);
		return EXIT_CLEAN;
	}
	if (read_args(&a, argc, argv, 1) && a.file == NULL)
		fputs(parse_usage, stderr);
	else if (a.file != NULL &&
	         (!cli_facts_apply(a.opts, &a.facts, a.file, &err) ||
	          procsec_docs_parse_file(&docs, a.file, a.format, a.opts,
	                                  &err) != PROCSEC_OK))
		cli_print_error(&err);
	else if (a.file != NULL) {
		/* which adapter read it, where a person is watching */
		if (isatty(STDERR_FILENO))
			fprintf(stderr, "procsec: %s: %zu tender%s, format %s\n",
			        a.file, procsec_docs_count(docs),
			        procsec_docs_count(docs) == 1 ? "" : "s",
			        procsec_doc_format(procsec_docs_at(docs, 0)));
		status = print_models(docs);
	}
	procsec_docs_free(docs);
	procsec_options_free(a.opts);
	cli_facts_free(&a.facts);
	return status;
}

int cmd_formats(int argc, char **argv)
{
	struct parse_args a;
	procsec_formats *formats = NULL;
	procsec_error err;
	size_t i;
	int status = EXIT_TROUBLE;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(formats_usage, stdout);
		return EXIT_CLEAN;
	}
	if (!read_args(&a, argc, argv, 0)) {
		/* printed */
	} else if (procsec_formats_new(&formats, a.opts, &err) != PROCSEC_OK) {
		cli_print_error(&err);
	} else {
		for (i = 0; i < procsec_formats_count(formats); i++)
			printf("%-18s %-4s %s\n%18s      recognised by %s\n%18s      "
			       "adapter %s\n",
			       procsec_format_name(formats, i),
			       procsec_format_syntax(formats, i),
			       procsec_format_title(formats, i), "",
			       procsec_format_detection(formats, i), "",
			       procsec_format_source(formats, i));
		status = EXIT_CLEAN;
	}
	procsec_formats_free(formats);
	procsec_options_free(a.opts);
	return status;
}
