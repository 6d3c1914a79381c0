/*
 * main.c -- the procsec command: verbs, global flags, exit statuses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: procsec <command> [options]\n"
	"\n"
	"commands:\n"
	"  check [options] FILE|DIR|- ... check tenders against rule packs\n"
	"  parse [--format NAME] FILE|-   print the tender model as JSON\n"
	"  formats                        the formats read, and how each is "
	"recognised\n"
	"  rules list|explain|lint        the rule packs and their rules\n"
	"\n"
	"options:\n"
	"  -h, --help      show this help\n"
	"  --version       show the version\n"
	"\n"
	"Exit status: 0 success, 1 findings, 2 usage error or invalid input.\n";

struct verb {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct verb verbs[] = {
	{ "check", cmd_check },
	{ "parse", cmd_parse },
	{ "formats", cmd_formats },
	{ "rules", cmd_rules },
};

void cli_print_error(const procsec_error *err)
{
	const char *source = err->source[0] != '\0' ? err->source : "procsec";

	if (err->line > 0)
		fprintf(stderr, "%s:%d:%d: %s", source, err->line,
		        err->column > 0 ? err->column : 1, err->message);
	else
		fprintf(stderr, "%s: %s", source, err->message);
	if (err->pointer[0] != '\0')
		fprintf(stderr, " (at %s)", err->pointer);
	fputc('\n', stderr);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("procsec: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'procsec --help'.\n", stderr);
	return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("procsec %s\n", procsec_version_string());
		return EXIT_CLEAN;
	}
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(argv[1], verbs[i].name) == 0)
			return verbs[i].run(argc - 1, argv + 1);
	return cli_usage_error("unknown command '%s'", argv[1]);
}
