/*
 * corpus.c -- how long reading a folder of real notices takes: every
 * .xml and .json file under DIR, read into memory first (so that the
 * disk is not timed), then parsed with procsec_docs_parse() -- detection,
 * the hardened loader and the format adapter -- in several runs, and
 * checked against every bundled pack once.  Prints the median per
 * format.  Not a test: exits 0, or 2 when DIR cannot be read.
 *
 *   bench/corpus [--runs N] DIR
 *
 * Compare with `xmllint --noout` over the same XML files (bench/README.md).
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <procsec.h>

#define MAX_FILES 4096
#define MAX_RUNS 31

struct input {
	char *path;
	char *bytes;
	size_t len;
	char format[32]; /* the adapter that read it, or "refused" */
};

static struct input inputs[MAX_FILES];
static size_t count;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int wanted(const char *path)
{
	size_t n = strlen(path);

	return (n > 4 && strcmp(path + n - 4, ".xml") == 0) ||
	       (n > 5 && strcmp(path + n - 5, ".json") == 0);
}

static int collect(const char *path, const struct stat *st, int type,
                   struct FTW *ftw)
{
	FILE *f;
	struct input *in;

	(void)ftw;
	if (type != FTW_F || !wanted(path) || count == MAX_FILES)
		return 0;
	f = fopen(path, "rb");
	if (f == NULL)
		return 0;
	in = &inputs[count];
	in->len = (size_t)st->st_size;
	in->bytes = malloc(in->len + 1);
	in->path = strdup(path);
	if (in->bytes != NULL && in->path != NULL &&
	    fread(in->bytes, 1, in->len, f) == in->len)
		count++;
	fclose(f);
	return 0;
}

/* Parses every input once; returns the seconds taken. */
static double parse_all(const procsec_ruleset *rules)
{
	double start = now();
	size_t i, k;

	for (i = 0; i < count; i++) {
		procsec_docs *docs = NULL;

		if (procsec_docs_parse(&docs, inputs[i].path, inputs[i].bytes,
		                       inputs[i].len, NULL, NULL, NULL) != PROCSEC_OK) {
			snprintf(inputs[i].format, sizeof(inputs[i].format), "refused");
			continue;
		}
		snprintf(inputs[i].format, sizeof(inputs[i].format), "%s",
		         procsec_doc_format(procsec_docs_at(docs, 0)));
		for (k = 0; rules != NULL && k < procsec_docs_count(docs); k++) {
			procsec_report *report = NULL;

			procsec_check(&report, rules, procsec_docs_at(docs, k), NULL,
			              NULL);
			procsec_report_free(report);
		}
		procsec_docs_free(docs);
	}
	return now() - start;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void per_format(void)
{
	static const char *const formats[] = { "eforms", "ted-xml", "espd",
		                               "ocds", "prozorro", "refused",
		                               NULL };
	size_t i, f;

	for (f = 0; formats[f] != NULL; f++) {
		size_t n = 0, bytes = 0;

		for (i = 0; i < count; i++)
			if (strcmp(inputs[i].format, formats[f]) == 0) {
				n++;
				bytes += inputs[i].len;
			}
		printf("  %-9s %4zu files %7.2f MB\n", formats[f], n, bytes / 1e6);
	}
}

static procsec_ruleset *bundled_packs(void)
{
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;

	if (procsec_loader_new(&loader, NULL, NULL) != PROCSEC_OK ||
	    procsec_loader_add_bundled(loader, NULL, NULL) != PROCSEC_OK ||
	    procsec_loader_compile(&rules, loader, NULL, NULL) != PROCSEC_OK)
		rules = NULL;
	procsec_loader_free(loader);
	return rules;
}

int main(int argc, char **argv)
{
	double times[MAX_RUNS];
	int runs = 7, r;
	size_t i, total = 0;
	procsec_ruleset *rules;

	if (argc == 4 && strcmp(argv[1], "--runs") == 0) {
		runs = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc != 2 || runs < 1 || runs > MAX_RUNS) {
		fputs("usage: bench/corpus [--runs N] DIR\n", stderr);
		return 2;
	}
	if (nftw(argv[1], collect, 16, FTW_PHYS) != 0 || count == 0) {
		fprintf(stderr, "bench/corpus: no .xml or .json files in %s\n",
		        argv[1]);
		return 2;
	}
	for (i = 0; i < count; i++)
		total += inputs[i].len;
	parse_all(NULL); /* warm-up: caches, the adapters read once */
	for (r = 0; r < runs; r++)
		times[r] = parse_all(NULL);
	qsort(times, (size_t)runs, sizeof(times[0]), by_value);
	printf("%zu files, %.2f MB: parse median %.3f s (min %.3f, max %.3f) "
	       "over %d runs, %.1f MB/s\n",
	       count, total / 1e6, times[runs / 2], times[0], times[runs - 1],
	       runs, total / 1e6 / times[runs / 2]);
	per_format();
	rules = bundled_packs();
	if (rules != NULL)
		printf("parse + check with every bundled pack (%zu rules), once: "
		       "%.3f s\n",
		       procsec_ruleset_count(rules), parse_all(rules));
	procsec_ruleset_free(rules);
	for (i = 0; i < count; i++) {
		free(inputs[i].path);
		free(inputs[i].bytes);
	}
	return 0;
}
