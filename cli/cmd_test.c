/*
 * cmd_test.c -- `procsec rules test PACK|DIR`: a pack's fixture
 * documents against their expected outcomes (docs/rule-tests.md), like a
 * unit-test runner for rules.  It never stops at the first mismatch,
 * explains each one, lists the rules no fixture exercises, and ends with
 * `N passed, N failed`.
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

struct tally {
	int passed, failed, todo;
	unsigned char *exercised; /* per rule of the pack */
};

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

static const procsec_result *result_of(const procsec_report *report,
                                       const char *rule, size_t *index)
{
	size_t i;

	for (i = 0; i < procsec_report_count(report); i++) {
		const procsec_result *r = procsec_report_at(report, i);

		if (strcmp(procsec_rule_id(procsec_result_rule(r)), rule) == 0) {
			*index = i;
			return r;
		}
	}
	return NULL;
}

/* Sorts ids (few: insertion sort) and joins them by ", " into buf. */
static void join_sorted(const char **ids, size_t n, char *buf, size_t size)
{
	size_t i, j, len = 0;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
			const char *t = ids[j];

			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		                        i > 0 ? ", " : "", ids[i]);
}

/* The clause ids of a result's findings. */
static void clause_list(const procsec_result *r, char *buf, size_t size)
{
	const char *ids[256];
	size_t i, n = 0;

	for (i = 0; i < procsec_result_finding_count(r) && n < 256; i++) {
		const procsec_clause *c =
			procsec_finding_clause(procsec_result_finding_at(r, i));

		if (c != NULL && procsec_clause_id(c) != NULL)
			ids[n++] = procsec_clause_id(c);
	}
	join_sorted(ids, n, buf, size);
}

/* The clause ids a fixture expects. */
static void expected_clauses(const cJSON *list, char *buf, size_t size)
{
	const char *ids[256];
	const cJSON *c;
	size_t n = 0;

	for (c = list != NULL ? list->child : NULL; c != NULL && n < 256;
	     c = c->next)
		if (cJSON_IsString(c))
			ids[n++] = c->valuestring;
	join_sorted(ids, n, buf, size);
}

/* Compares one rule's outcome with what the fixture expects. */
static void expect_rule(const char *fixture, const procsec_report *report,
                        const cJSON *want, struct tally *t)
{
	const cJSON *status = cJSON_IsString(want)
	                              ? want
	                              : cJSON_GetObjectItem(want, "status");
	const cJSON *count = cJSON_GetObjectItem(want, "findings");
	const cJSON *clauses = cJSON_GetObjectItem(want, "clauses");
	const cJSON *severity = cJSON_GetObjectItem(want, "severity");
	const char *got_status, *got_severity;
	char got[1024], wanted[1024];
	const procsec_result *r;
	size_t index;
	int ok = 1;

	r = result_of(report, want->string, &index);
	if (r == NULL) {
		printf("%s: %s: no such rule in the pack\n", fixture, want->string);
		t->failed++;
		return;
	}
	t->exercised[index] = 1;
	if (!cJSON_IsString(status)) {
		printf("%s: %s: expected a \"status\"\n", fixture, want->string);
		t->failed++;
		return;
	}
	if (strcmp(status->valuestring, "todo") == 0) {
		t->todo++;
		return;
	}
	got_status = procsec_status_name(procsec_result_status(r));
	if (strcmp(got_status, status->valuestring) != 0) {
		printf("%s: %s\n  - status: %s\n  + status: %s\n", fixture,
		       want->string, status->valuestring, got_status);
		ok = 0;
	}
	got_severity = procsec_severity_name(procsec_result_severity(r));
	if (cJSON_IsString(severity) &&
	    strcmp(got_severity, severity->valuestring) != 0) {
		printf("%s: %s\n  - severity: %s\n  + severity: %s\n", fixture,
		       want->string, severity->valuestring, got_severity);
		ok = 0;
	}
	if (cJSON_IsNumber(count) &&
	    (size_t)count->valuedouble != procsec_result_finding_count(r)) {
		printf("%s: %s\n  - findings: %d\n  + findings: %zu\n", fixture,
		       want->string, (int)count->valuedouble,
		       procsec_result_finding_count(r));
		ok = 0;
	}
	if (cJSON_IsArray(clauses)) {
		clause_list(r, got, sizeof(got));
		expected_clauses(clauses, wanted, sizeof(wanted));
		if (strcmp(got, wanted) != 0) {
			printf("%s: %s\n  - clauses: %s\n  + clauses: %s\n", fixture,
			       want->string, wanted, got);
			ok = 0;
		}
	}
	if (ok)
		t->passed++;
	else
		t->failed++;
}

/* The fixture's document path, relative to the fixture file. */
static void document_path(const char *fixture, const char *doc, char *buf,
                          size_t size)
{
	const char *slash = strrchr(fixture, '/');

	if (doc[0] == '/' || slash == NULL)
		snprintf(buf, size, "%s", doc);
	else
		snprintf(buf, size, "%.*s/%s", (int)(slash - fixture), fixture, doc);
}

static int check_fixture(const char *pack, const char *fixture,
                         const cJSON *root, procsec_report **report,
                         procsec_ruleset **rules, procsec_doc **doc)
{
	const cJSON *document = cJSON_GetObjectItem(root, "document");
	const cJSON *params = cJSON_GetObjectItem(root, "params");
	const cJSON *as_of = cJSON_GetObjectItem(root, "as_of");
	struct cli_rules spec = { NULL, 0, NULL, 0, NULL, NULL };
	char path[4096], *pairs[64], *packs[1] = { (char *)pack };
	procsec_options *opts = NULL;
	procsec_error err;
	const cJSON *p;
	int ok = 0;

	if (!cJSON_IsString(document)) {
		printf("%s: expected \"document\": the path of a tender\n", fixture);
		return 0;
	}
	spec.packs = packs;
	spec.pack_count = 1;
	spec.params = pairs;
	for (p = params != NULL ? params->child : NULL;
	     p != NULL && spec.param_count < 64; p = p->next) {
		char *pair = malloc(strlen(p->string) + 32);

		if (pair != NULL) {
			sprintf(pair, "%s=%.15g", p->string, p->valuedouble);
			pairs[spec.param_count++] = pair;
		}
	}
	document_path(fixture, document->valuestring, path, sizeof(path));
	if (procsec_options_new(&opts, &err) == PROCSEC_OK &&
	    (!cJSON_IsString(as_of) ||
	     procsec_options_set_as_of(opts, as_of->valuestring, &err) ==
	             PROCSEC_OK) &&
	    cli_load_rules(rules, &spec, opts) &&
	    procsec_doc_parse_file(doc, path, NULL, opts, &err) == PROCSEC_OK &&
	    procsec_check(report, *rules, *doc, opts, &err) == PROCSEC_OK)
		ok = 1;
	else if (err.code != PROCSEC_OK)
		cli_print_error(&err);
	while (spec.param_count > 0)
		free(pairs[--spec.param_count]);
	procsec_options_free(opts);
	return ok;
}

/* Where cJSON gave up, as FILE:LINE:COL (the CLI runs one thread, so
 * cJSON's global error pointer is safe to read here). */
static void syntax_error(const char *fixture, const char *text)
{
	const char *at = cJSON_GetErrorPtr(), *p;
	int line = 1, column = 1;

	for (p = text; at != NULL && p < at && *p != '\0'; p++) {
		if (*p == '\n') {
			line++;
			column = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			column++;
		}
	}
	printf("%s:%d:%d: not valid JSON\n", fixture, line, column);
}

static void run_fixture(const char *pack, const char *fixture, struct tally *t)
{
	char *text = read_text(fixture);
	cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
	const cJSON *expect = cJSON_GetObjectItem(root, "expect"), *want;
	procsec_ruleset *rules = NULL;
	procsec_doc *doc = NULL;
	procsec_report *report = NULL;

	if (text != NULL && root == NULL) {
		syntax_error(fixture, text);
		t->failed++;
	} else if (root == NULL || !cJSON_IsObject(expect)) {
		printf("%s: not a fixture: expected JSON with \"document\" and "
		       "\"expect\" (docs/rule-tests.md)\n",
		       fixture);
		t->failed++;
	} else if (!check_fixture(pack, fixture, root, &report, &rules, &doc)) {
		printf("%s: the fixture could not be checked\n", fixture);
		t->failed++;
	} else {
		if (t->exercised == NULL)
			t->exercised = calloc(procsec_report_count(report) + 1, 1);
		for (want = expect->child; want != NULL && t->exercised != NULL;
		     want = want->next)
			expect_rule(fixture, report, want, t);
	}
	procsec_report_free(report);
	procsec_doc_free(doc);
	procsec_ruleset_free(rules);
	cJSON_Delete(root);
	free(text);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int json_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

/* Lists the rules that no fixture looked at. */
static void unexercised(const char *pack, const struct tally *t)
{
	struct cli_rules spec = { NULL, 1, NULL, 0, NULL, NULL };
	char *packs[1] = { (char *)pack };
	procsec_ruleset *rules = NULL;
	size_t i;
	int first = 1;

	spec.packs = packs;
	if (!cli_load_rules(&rules, &spec, NULL))
		return;
	for (i = 0; i < procsec_ruleset_count(rules); i++) {
		if (t->exercised != NULL && t->exercised[i])
			continue;
		printf("%s %s", first ? "not exercised by any fixture:" : ",",
		       procsec_rule_id(procsec_ruleset_at(rules, i)));
		first = 0;
	}
	if (!first)
		printf("\n");
	procsec_ruleset_free(rules);
}

/* Runs the fixtures of one pack file: the .json files in STEM/tests. */
static void test_pack(const char *pack, struct tally *t)
{
	char dir[4096], fixture[4400];
	struct dirent **entries;
	size_t n = strlen(pack);
	int count, i;

	snprintf(dir, sizeof(dir), "%.*s/tests",
	         (int)(n > 5 && strcmp(pack + n - 5, ".json") == 0 ? n - 5 : n),
	         pack);
	count = scandir(dir, &entries, json_file, by_name);
	if (count <= 0) {
		printf("%s: no fixtures in %s\n", pack, dir);
		t->failed++;
	}
	for (i = 0; i < count; i++) {
		snprintf(fixture, sizeof(fixture), "%s/%s", dir, entries[i]->d_name);
		run_fixture(pack, fixture, t);
		free(entries[i]);
	}
	if (count >= 0)
		free(entries);
	unexercised(pack, t);
	free(t->exercised);
	t->exercised = NULL;
}

int cmd_rules_test(int argc, char **argv)
{
	struct tally t = { 0, 0, 0, NULL };
	struct stat st;
	int i, j;

	if (argc < 1) {
		cli_usage_error("rules test: name a pack, or a folder of packs");
		return EXIT_TROUBLE;
	}
	for (i = 0; i < argc; i++) {
		struct dirent **entries;
		int n;

		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			test_pack(argv[i], &t);
			continue;
		}
		n = scandir(argv[i], &entries, json_file, by_name);
		for (j = 0; j < n; j++) {
			char pack[4400];

			snprintf(pack, sizeof(pack), "%s/%s", argv[i],
			         entries[j]->d_name);
			test_pack(pack, &t);
			free(entries[j]);
		}
		if (n >= 0)
			free(entries);
	}
	if (t.todo > 0)
		printf("%d expectations marked todo (known gaps)\n", t.todo);
	printf("%d passed, %d failed%s\n", t.passed, t.failed,
	       t.todo > 0 ? ", todo ones skipped" : "");
	return t.failed > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
