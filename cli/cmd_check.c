/*
 * cmd_check.c -- `procsec check`: tenders against rule packs.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"

static const char check_usage[] =
	"usage: procsec check [options] FILE|DIR|- ...\n"
	"  --rules PACK       a pack name or path (repeatable; default: the\n"
	"                     profile se for Swedish tenders, eu for others)\n"
	"  --param NAME=VALUE set a pack parameter (repeatable)\n"
	"  --waivers FILE     rules set aside for named tenders "
	"(docs/waivers.md)\n"
	"  --profile PROFILE  a tailoring: packs, rules off, severities, "
	"parameters\n"
	"  --format FORMAT    text (default), json, ndjson (one JSON report a\n"
	"                     line), sarif, junit or html\n"
	"  --output FILE      write the report there instead of to stdout\n"
	"  --lang sv|en       the report's language (default: the tender's);\n"
	"                     a multilingual notice's texts are taken in it\n"
	"  --adapter FILE     also read the formats of this adapter file\n"
	"                     (repeatable; docs/formats.md)\n"
	"  --as-of DATE       check against the rules in force on DATE\n"
	"  --fact NAME=VALUE  state a fact: true, false or unknown (repeatable;\n"
	"                     overrides the tender and any facts file)\n"
	"  --facts FILE       facts for every tender, as {\"facts\": {...}}\n"
	"                     (default: TENDER.facts.json beside each tender)\n"
	"  -j N               check N tenders at a time (default 1)\n"
	"  --stdin-ndjson     read one JSON tender per line of standard input\n"
	"  --fail-on error|warning|info|never\n"
	"                     exit 1 when a rule this severe fails (default "
	"error)\n";

struct check_args {
	struct cli_rules rules;
	struct cli_facts facts;
	int jobs;        /* -j N */
	int stdin_lines; /* --stdin-ndjson */
	procsec_output format;
	const char *output;
	const char *lang;
	const char *as_of;
	const char *adapters[16]; /* --adapter */
	int adapter_count;
	int fail_on; /* a procsec_severity, or 3 for never */
	char **inputs;
	int input_count;
};

static int severity_named(const char *s)
{
	static const char *const names[] = { "info", "warning", "error",
		                             "never" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static int format_named(const char *s)
{
	static const struct {
		const char *name;
		procsec_output format;
	} formats[] = {
		{ "text", PROCSEC_OUT_TEXT },   { "json", PROCSEC_OUT_JSON },
		{ "ndjson", PROCSEC_OUT_NDJSON }, { "sarif", PROCSEC_OUT_SARIF },
		{ "junit", PROCSEC_OUT_JUNIT }, { "html", PROCSEC_OUT_HTML },
	};
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(s, formats[i].name) == 0)
			return (int)formats[i].format;
	return -1;
}

/* Reads one option with a value; returns 0 if it is not one. */
static int value_option(struct check_args *a, const char *opt,
                        const char *value)
{
	if (strcmp(opt, "--format") == 0) {
		int f = format_named(value);

		if (f < 0)
			return cli_usage_error("check: --format must be text, json, "
			                       "ndjson, sarif, junit or html");
		a->format = (procsec_output)f;
	} else if (strcmp(opt, "--output") == 0) {
		a->output = value;
	} else if (strcmp(opt, "--waivers") == 0) {
		a->rules.waivers = value;
	} else if (strcmp(opt, "--profile") == 0) {
		a->rules.profile = value;
	} else if (strcmp(opt, "--lang") == 0) {
		a->lang = value;
	} else if (strcmp(opt, "--adapter") == 0) {
		if (a->adapter_count == 16)
			return cli_usage_error("check: at most 16 --adapter files");
		a->adapters[a->adapter_count++] = value;
	} else if (strcmp(opt, "--as-of") == 0) {
		a->as_of = value;
	} else if (strcmp(opt, "--fail-on") == 0) {
		a->fail_on = severity_named(value);
		if (a->fail_on < 0)
			return cli_usage_error("check: --fail-on must be error, "
			                       "warning, info or never");
	} else {
		return 0;
	}
	return 1;
}

static int parse_args(struct check_args *a, int argc, char **argv)
{
	int i, rc;

	memset(a, 0, sizeof(*a));
	a->fail_on = PROCSEC_SEVERITY_ERROR;
	a->format = PROCSEC_OUT_TEXT;
	a->jobs = 1;
	a->inputs = argv + 1;
	for (i = 1; i < argc; i++) {
		rc = cli_rules_option(&a->rules, argc, argv, &i);
		if (rc == 0)
			rc = cli_facts_option(&a->facts, argc, argv, &i);
		if (rc < 0)
			return 0;
		if (rc > 0)
			continue;
		if (argv[i][0] == '-' && argv[i][1] == '-' && i + 1 < argc) {
			rc = value_option(a, argv[i], argv[i + 1]);
			if (rc == EXIT_TROUBLE)
				return 0;
			if (rc == 1) {
				i++;
				continue;
			}
		}
		if (strcmp(argv[i], "--stdin-ndjson") == 0) {
			a->stdin_lines = 1;
			continue;
		}
		if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
			a->jobs = atoi(argv[++i]);
			if (a->jobs < 1 || a->jobs > 64) {
				cli_usage_error("check: -j takes 1 to 64 threads");
				return 0;
			}
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cli_usage_error("check: unknown option '%s'", argv[i]);
			return 0;
		}
		a->inputs[a->input_count++] = argv[i];
	}
	if (a->input_count == 0 && !a->stdin_lines) {
		fputs(check_usage, stderr);
		return 0;
	}
	return 1;
}

static int ends_with(const char *name, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n > k && strcmp(name + n - k, suffix) == 0;
}

/* Tenders in a folder; a TENDER.facts.json beside one is not a tender. */
static int tender_file(const struct dirent *e)
{
	const char *name = e->d_name;
	size_t n = strlen(name);

	return name[0] != '.' &&
	       (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN ||
	        ends_with(name, n, ".xml") || ends_with(name, n, ".docx") ||
	        ends_with(name, n, ".odt") ||
	        (ends_with(name, n, ".json") &&
	         !ends_with(name, n, ".facts.json")));
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Adds a file, or every tender in a folder and its subfolders. */
static int collect(struct batch_list *list, const char *path)
{
	struct dirent **entries;
	struct stat st;
	char child[4096];
	int n, i, ok = 1;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISDIR(st.st_mode))
		return batch_add(list, path, NULL, 0);
	n = scandir(path, &entries, tender_file, by_name);
	for (i = 0; i < n; i++) {
		snprintf(child, sizeof(child), "%s/%s", path, entries[i]->d_name);
		if (ok && stat(child, &st) == 0 &&
		    (S_ISDIR(st.st_mode) || strchr(entries[i]->d_name, '.') != NULL))
			ok = collect(list, child);
		free(entries[i]);
	}
	if (n >= 0)
		free(entries);
	return ok;
}

/* --stdin-ndjson: each line of standard input is one JSON tender. */
static int collect_lines(struct batch_list *list)
{
	char *line = NULL, name[64];
	size_t cap = 0, number = 0;
	ssize_t n;
	int ok = 1;

	while (ok && (n = getline(&line, &cap, stdin)) >= 0) {
		number++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		snprintf(name, sizeof(name), "stdin:%zu", number);
		ok = batch_add(list, name, strdup(line), (size_t)n);
	}
	free(line);
	return ok;
}

/* Formats whose reports can follow one another in one output. */
static int stream_format(procsec_output format)
{
	return format == PROCSEC_OUT_TEXT || format == PROCSEC_OUT_NDJSON;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int make_options(procsec_options **opts, const struct check_args *a)
{
	procsec_error err;
	int i;

	if (procsec_options_new(opts, &err) != PROCSEC_OK)
		return cli_usage_error("check: %s", err.message) == 0;
	for (i = 0; i < a->adapter_count; i++)
		if (procsec_options_add_format(*opts, a->adapters[i], &err) !=
		    PROCSEC_OK) {
			cli_print_error(&err);
			return 0;
		}
	if ((a->lang != NULL &&
	     procsec_options_set_lang(*opts, a->lang, &err) != PROCSEC_OK) ||
	    (a->as_of != NULL &&
	     procsec_options_set_as_of(*opts, a->as_of, &err) != PROCSEC_OK)) {
		cli_usage_error("check: %s", err.message);
		return 0;
	}
	return 1;
}

/* The options one tender is parsed with: the shared ones and its facts. */
static int parse_options(procsec_options **opts, const char *tender,
                         const void *ctx, procsec_error *err)
{
	const struct check_args *a = ctx;
	int rc = procsec_options_new(opts, err), i;

	for (i = 0; rc == PROCSEC_OK && i < a->adapter_count; i++)
		rc = procsec_options_add_format(*opts, a->adapters[i], err);
	if (rc == PROCSEC_OK && a->lang != NULL)
		rc = procsec_options_set_lang(*opts, a->lang, err);
	if (rc == PROCSEC_OK && a->as_of != NULL)
		rc = procsec_options_set_as_of(*opts, a->as_of, err);
	if (rc == PROCSEC_OK && !cli_facts_apply(*opts, &a->facts, tender, err))
		rc = err->code;
	return rc;
}

static int many(const struct check_args *a)
{
	return a->stdin_lines || a->input_count > 1 || is_dir(a->inputs[0]);
}

/*
 * The rules: those asked for, or, with neither --rules nor --profile, the
 * bundled profiles "se" (for Swedish tenders) and "eu" (for the others)
 * when they are installed, else every bundled pack.
 */
struct chosen_rules {
	procsec_ruleset *rules, *swedish, *other;
};

static int load_rules(struct chosen_rules *c, const struct check_args *a,
                      const procsec_options *opts)
{
	struct cli_rules spec = a->rules;

	memset(c, 0, sizeof(*c));
	if (spec.profile != NULL || spec.pack_count > 0 ||
	    !procsec_profile_is_bundled("se") || !procsec_profile_is_bundled("eu"))
		return cli_load_rules(&c->rules, &spec, opts);
	spec.profile = "se";
	if (!cli_load_rules(&c->swedish, &spec, opts))
		return 0;
	spec.profile = "eu";
	return cli_load_rules(&c->other, &spec, opts);
}

static void free_rules(struct chosen_rules *c)
{
	procsec_ruleset_free(c->rules);
	procsec_ruleset_free(c->swedish);
	procsec_ruleset_free(c->other);
}

static int run_batch(const struct check_args *a, const struct chosen_rules *c,
                     procsec_options *opts)
{
	struct batch_settings s = { c->rules, c->swedish, c->other, opts,
		                    a->format, a->fail_on, a->jobs,
		                    a->format == PROCSEC_OUT_JSON && many(a),
		                    parse_options, a };
	struct batch_list *list = batch_new();
	FILE *out = stdout;
	int status = EXIT_TROUBLE, ok = list != NULL, i;

	if (ok && a->stdin_lines)
		ok = collect_lines(list);
	for (i = 0; ok && i < a->input_count; i++)
		ok = collect(list, a->inputs[i]);
	if (!ok)
		cli_usage_error("check: out of memory");
	else if (a->output != NULL && (out = fopen(a->output, "w")) == NULL)
		perror(a->output);
	else
		status = batch_run(list, &s, out);
	if (out != NULL && out != stdout && fclose(out) != 0)
		status = EXIT_TROUBLE;
	if (list != NULL && batch_count(list) > 1)
		batch_summary(list, stderr);
	batch_free(list);
	return status;
}

int cmd_check(int argc, char **argv)
{
	struct check_args args;
	procsec_options *opts = NULL;
	struct chosen_rules rules = { NULL, NULL, NULL };
	int status = EXIT_TROUBLE;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(check_usage, stdout);
		return EXIT_CLEAN;
	}
	if (!parse_args(&args, argc, argv) || !make_options(&opts, &args) ||
	    !load_rules(&rules, &args, opts)) {
		/* the problem is printed */
	} else if (!stream_format(args.format) &&
	           args.format != PROCSEC_OUT_JSON && many(&args)) {
		cli_usage_error("check: --format sarif, junit and html describe one "
		                "tender; check one file at a time, or use json or "
		                "ndjson for many");
	} else {
		status = run_batch(&args, &rules, opts);
	}
	free_rules(&rules);
	procsec_options_free(opts);
	cli_rules_free(&args.rules);
	cli_facts_free(&args.facts);
	return status;
}
