/*
 * threads.c -- four threads, one shared compiled rule set, for a while.
 *
 *   threads [SECONDS]       (default 2; PROCSEC_STRESS_SECONDS overrides)
 *
 * Each thread parses its own tender over and over (XML and JSON, so both
 * loaders run at once), checks it against the one rule set and writes
 * the report in every format.  Every round's output must equal the
 * thread's first: a shared object that one thread changed under another
 * shows up as a different report even where no sanitizer runs.  Built
 * with -fsanitize=thread by `scripts/dev test`, which makes any data
 * race a failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <procsec.h>

#define THREADS 4
#define FORMATS (PROCSEC_OUT_NDJSON + 1)

struct worker {
	const procsec_ruleset *rules; /* shared by every worker */
	char path[1024];
	double deadline;
	unsigned rounds;
	int failed;
	char *first[FORMATS]; /* the first round's output, per format */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(struct worker *w, const char *what, const procsec_error *err)
{
	fprintf(stderr, "FAIL: %s: round %u: %s%s%s\n", w->path, w->rounds,
	        what, err != NULL ? ": " : "", err != NULL ? err->message : "");
	w->failed = 1;
	return -1;
}

/* Keeps the first round's output and compares every later round's. */
static int same_as_first(struct worker *w, int format, char *text)
{
	if (w->first[format] == NULL) {
		w->first[format] = text;
		return 0;
	}
	if (strcmp(w->first[format], text) != 0) {
		procsec_free(text);
		return fail(w, "the report differs from the first round's", NULL);
	}
	procsec_free(text);
	return 0;
}

static int write_all(struct worker *w, const procsec_report *report)
{
	procsec_error err;
	int format;

	for (format = 0; format < FORMATS; format++) {
		char *text = NULL;
		size_t len;

		if (procsec_report_to_string(&text, &len, report, format, &err) !=
		    PROCSEC_OK)
			return fail(w, "writing the report", &err);
		if (same_as_first(w, format, text) != 0)
			return -1;
	}
	return 0;
}

static int one_round(struct worker *w)
{
	procsec_doc *doc = NULL;
	procsec_report *report = NULL;
	procsec_error err;
	int rc = -1;

	if (procsec_doc_parse_file(&doc, w->path, NULL, NULL, &err) != PROCSEC_OK)
		fail(w, "parsing", &err);
	else if (procsec_check(&report, w->rules, doc, NULL, &err) != PROCSEC_OK)
		fail(w, "checking", &err);
	else
		rc = write_all(w, report);
	procsec_report_free(report);
	procsec_doc_free(doc);
	return rc;
}

static void *run_worker(void *payload)
{
	struct worker *w = payload;

	do {
		if (one_round(w) != 0)
			break;
		w->rounds++;
	} while (now() < w->deadline);
	return NULL;
}

static procsec_ruleset *compile_starter(const char *srcdir)
{
	char path[1024];
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;
	procsec_error err;

	snprintf(path, sizeof path, "%s/rules/starter.json", srcdir);
	if (procsec_loader_new(&loader, NULL, &err) != PROCSEC_OK ||
	    procsec_loader_add_pack(loader, path, NULL, &err) != PROCSEC_OK ||
	    procsec_loader_compile(&rules, loader, NULL, &err) != PROCSEC_OK)
		fprintf(stderr, "FAIL: %s: %s\n", path, err.message);
	procsec_loader_free(loader);
	return rules;
}

static double seconds_to_run(int argc, char **argv)
{
	const char *env = getenv("PROCSEC_STRESS_SECONDS");

	if (env != NULL && *env != '\0')
		return atof(env);
	return argc > 1 ? atof(argv[1]) : 2.0;
}

int main(int argc, char **argv)
{
	static const char *const tenders[THREADS] = {
		"examples/hemtjanst.xml", "examples/it-drift.json",
		"examples/lokalvard-forskolor.xml", "examples/hemtjanst.json"
	};
	const char *srcdir = getenv("top_srcdir");
	struct worker workers[THREADS];
	pthread_t threads[THREADS];
	double deadline = now() + seconds_to_run(argc, argv);
	procsec_ruleset *rules;
	unsigned total = 0;
	int failed = 0, i, f;

	if (srcdir == NULL)
		srcdir = ".";
	rules = compile_starter(srcdir);
	if (rules == NULL)
		return EXIT_FAILURE;
	memset(workers, 0, sizeof workers);
	for (i = 0; i < THREADS; i++) {
		workers[i].rules = rules;
		workers[i].deadline = deadline;
		snprintf(workers[i].path, sizeof workers[i].path, "%s/%s",
		         srcdir, tenders[i]);
		if (pthread_create(&threads[i], NULL, run_worker, &workers[i]) !=
		    0) {
			fprintf(stderr, "FAIL: cannot start thread %d\n", i);
			return EXIT_FAILURE;
		}
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(threads[i], NULL);
		failed |= workers[i].failed || workers[i].rounds < 2;
		total += workers[i].rounds;
		printf("%s: %u rounds\n", tenders[i], workers[i].rounds);
		for (f = 0; f < FORMATS; f++)
			procsec_free(workers[i].first[f]);
	}
	printf("%u rounds in %d threads, one shared rule set\n", total,
	       THREADS);
	procsec_ruleset_free(rules);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
