/*
 * facts.c -- facts the user states for a tender: --fact NAME=VALUE and
 * a sidecar JSON file (--facts FILE, or TENDER.facts.json beside the
 * tender), for formats such as Word that have no place for them.
 *
 * The sidecar is {"facts": {"crisis-role": true, "keys-access": false,
 * "sua-required": null}}; null means unknown.  --fact wins over the
 * file, and both win over what the tender itself states.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "cli.h"

#define SIDECAR_MAX (1024 * 1024)

static int value_named(const char *s, procsec_fact *out)
{
	if (strcmp(s, "true") == 0)
		*out = PROCSEC_FACT_TRUE;
	else if (strcmp(s, "false") == 0)
		*out = PROCSEC_FACT_FALSE;
	else if (strcmp(s, "unknown") == 0)
		*out = PROCSEC_FACT_UNKNOWN;
	else
		return 0;
	return 1;
}

static int add_fact(struct cli_facts *f, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char **grown;

	procsec_fact value;

	if (eq == NULL || eq == arg || !value_named(eq + 1, &value)) {
		cli_usage_error("--fact %s: expected NAME=true, NAME=false or "
		                "NAME=unknown",
		                arg);
		return -1;
	}
	grown = realloc(f->stated, (f->count + 1) * sizeof(*grown));
	if (grown == NULL)
		return -1;
	f->stated = grown;
	f->stated[f->count++] = (char *)arg;
	return 1;
}

int cli_facts_option(struct cli_facts *f, int argc, char **argv, int *i)
{
	const char *opt = argv[*i];

	if (strcmp(opt, "--fact") != 0 && strcmp(opt, "--facts") != 0)
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error("%s needs a value", opt);
		return -1;
	}
	(*i)++;
	if (strcmp(opt, "--facts") == 0) {
		f->file = argv[*i];
		return 1;
	}
	return add_fact(f, argv[*i]);
}

void cli_facts_free(struct cli_facts *f)
{
	free(f->stated);
	memset(f, 0, sizeof(*f));
}

/* Fills err as the library would, for cli_print_error(). */
static int fail(procsec_error *err, int code, const char *source,
                const char *message, const char *detail)
{
	memset(err, 0, sizeof(*err));
	err->code = code;
	err->offset = -1;
	snprintf(err->source, sizeof(err->source), "%s", source);
	snprintf(err->message, sizeof(err->message), "%s%s", message, detail);
	return 0;
}

/* Reads a small file whole; NULL (with err filled) when it cannot. */
static char *slurp(const char *path, procsec_error *err)
{
	FILE *in = fopen(path, "rb");
	char *buf;
	size_t n;

	if (in == NULL) {
		fail(err, PROCSEC_EIO, path, "cannot read: ", strerror(errno));
		return NULL;
	}
	buf = malloc(SIDECAR_MAX + 1);
	n = buf != NULL ? fread(buf, 1, SIDECAR_MAX + 1, in) : 0;
	fclose(in);
	if (buf == NULL || n > SIDECAR_MAX) {
		fail(err, PROCSEC_ELIMIT, path, "over 1 MiB: not a facts file", "");
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static int bad_file(const char *path, const char *what, procsec_error *err)
{
	return fail(err, PROCSEC_EINVALID, path, what,
	            "; expected {\"facts\": {\"NAME\": true|false|null}}");
}

static int set_fact(procsec_options *opts, const char *source,
                    const char *name, procsec_fact value, procsec_error *err)
{
	if (procsec_options_set_fact(opts, name, value, err) == PROCSEC_OK)
		return 1;
	snprintf(err->source, sizeof(err->source), "%s", source);
	return 0;
}

static int apply_object(procsec_options *opts, const char *path,
                        const cJSON *facts, procsec_error *err)
{
	const cJSON *f;

	for (f = facts->child; f != NULL; f = f->next) {
		if (!cJSON_IsBool(f) && !cJSON_IsNull(f))
			return bad_file(path, "a fact's value is not true, false or "
			                      "null", err);
		if (!set_fact(opts, path, f->string,
		              cJSON_IsNull(f)   ? PROCSEC_FACT_UNKNOWN
		              : cJSON_IsTrue(f) ? PROCSEC_FACT_TRUE
		                                : PROCSEC_FACT_FALSE, err))
			return 0;
	}
	return 1;
}

static int apply_file(procsec_options *opts, const char *path,
                      procsec_error *err)
{
	char *text = slurp(path, err);
	cJSON *root, *facts;
	int ok;

	if (text == NULL)
		return 0;
	root = cJSON_Parse(text);
	free(text);
	facts = cJSON_GetObjectItemCaseSensitive(root, "facts");
	if (root == NULL || !cJSON_IsObject(root))
		ok = bad_file(path, "not a JSON object", err);
	else if (root->child == NULL || root->child->next != NULL ||
	         !cJSON_IsObject(facts))
		ok = bad_file(path, "the object must hold one key, \"facts\"",
		              err);
	else
		ok = apply_object(opts, path, facts, err);
	cJSON_Delete(root);
	return ok;
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int cli_facts_apply(procsec_options *opts, const struct cli_facts *f,
                    const char *tender, procsec_error *err)
{
	char sidecar[4096];
	size_t i;

	if (f->file != NULL && !apply_file(opts, f->file, err))
		return 0;
	if (f->file == NULL && tender != NULL && strcmp(tender, "-") != 0 &&
	    (size_t)snprintf(sidecar, sizeof(sidecar), "%s.facts.json", tender) <
	            sizeof(sidecar) &&
	    exists(sidecar) && !apply_file(opts, sidecar, err))
		return 0;
	for (i = 0; i < f->count; i++) {
		const char *eq = strchr(f->stated[i], '=');
		procsec_fact value = PROCSEC_FACT_UNKNOWN;
		char name[256];

		/* a copy: batch threads share the arguments */
		snprintf(name, sizeof(name), "%.*s", (int)(eq - f->stated[i]),
		         f->stated[i]);
		value_named(eq + 1, &value);
		if (!set_fact(opts, "--fact", name, value, err))
			return 0;
	}
	return 1;
}
