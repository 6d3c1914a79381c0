/*
 * batch.c -- many tenders, one compiled rule set shared by N threads.
 *
 *   cc batch.c $(pkg-config --cflags --libs libprocsec) -lpthread -o batch
 *   ./batch [-j N] TENDER...
 *
 * A compiled rule set is immutable: any number of threads may call
 * procsec_check() with it at once.  Each thread parses its own documents
 * and frees its own reports.  One line per tender is printed, in the
 * order given on the command line, whatever order the threads finish in:
 *
 *   examples/hemtjanst.xml: 11 pass, 2 fail
 *
 * Exit status: 0 when every tender was checked, 2 when one could not be
 * read (its line says why, on standard error).
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <procsec.h>

#define MAX_THREADS 64

struct job {
	const char *path;
	int rc;            /* PROCSEC_OK, or why it could not be checked */
	procsec_error err; /* filled when rc is not PROCSEC_OK */
	size_t pass, fail;
};

struct work {
	const procsec_ruleset *rules; /* shared, read-only */
	struct job *jobs;
	size_t count;
	size_t next; /* the next job a thread takes, under lock */
	pthread_mutex_t lock;
};

static void check_one(const procsec_ruleset *rules, struct job *job)
{
	procsec_doc *doc = NULL;
	procsec_report *report = NULL;

	job->rc = procsec_doc_parse_file(&doc, job->path, NULL, NULL, &job->err);
	if (job->rc == PROCSEC_OK)
		job->rc = procsec_check(&report, rules, doc, NULL, &job->err);
	if (job->rc == PROCSEC_OK) {
		job->pass = procsec_report_count_status(report, PROCSEC_STATUS_PASS);
		job->fail = procsec_report_count_status(report, PROCSEC_STATUS_FAIL);
	}
	procsec_report_free(report); /* before the document */
	procsec_doc_free(doc);
}

static void *worker(void *payload)
{
	struct work *w = payload;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&w->lock);
		i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->count)
			return NULL;
		check_one(w->rules, &w->jobs[i]);
	}
}

static void print_error(const procsec_error *err)
{
	if (err->line > 0)
		fprintf(stderr, "%s:%d:%d: %s", err->source, err->line,
		        err->column, err->message);
	else
		fprintf(stderr, "%s: %s", err->source, err->message);
	if (err->pointer[0] != '\0')
		fprintf(stderr, " (at %s)", err->pointer);
	fputc('\n', stderr);
}

static procsec_ruleset *load_rules(void)
{
	procsec_error err;
	procsec_diags *diags = NULL;
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;
	size_t i;

	if (procsec_diags_new(&diags, &err) != PROCSEC_OK ||
	    procsec_loader_new(&loader, NULL, &err) != PROCSEC_OK ||
	    procsec_loader_add_bundled(loader, diags, &err) != PROCSEC_OK ||
	    procsec_loader_compile(&rules, loader, diags, &err) != PROCSEC_OK) {
		if (procsec_diags_count(diags) == 0)
			print_error(&err);
		for (i = 0; i < procsec_diags_count(diags); i++)
			print_error(procsec_diags_at(diags, i));
	}
	procsec_loader_free(loader); /* the rule set does not need it */
	procsec_diags_free(diags);
	return rules;
}

int main(int argc, char **argv)
{
	pthread_t threads[MAX_THREADS];
	struct work w;
	procsec_ruleset *rules;
	int first = 1, nthreads = 4, started = 0, status = 0;
	size_t i;

	if (argc > 2 && strcmp(argv[1], "-j") == 0) {
		nthreads = atoi(argv[2]);
		first = 3;
	}
	if (first >= argc || nthreads < 1 || nthreads > MAX_THREADS) {
		fprintf(stderr, "usage: %s [-j 1..%d] TENDER...\n", argv[0],
		        MAX_THREADS);
		return 2;
	}

	memset(&w, 0, sizeof(w));
	w.count = (size_t)(argc - first);
	w.jobs = calloc(w.count, sizeof(*w.jobs));
	rules = load_rules();
	if (w.jobs == NULL || rules == NULL) {
		free(w.jobs);
		procsec_ruleset_free(rules);
		return 2;
	}
	w.rules = rules;
	for (i = 0; i < w.count; i++)
		w.jobs[i].path = argv[first + (int)i];
	pthread_mutex_init(&w.lock, NULL);

	for (; started < nthreads && (size_t)started < w.count; started++)
		if (pthread_create(&threads[started], NULL, worker, &w) != 0)
			break;
	if (started == 0)
		worker(&w); /* no thread could start: do the work here */
	while (started > 0)
		pthread_join(threads[--started], NULL);

	for (i = 0; i < w.count; i++) {
		const struct job *job = &w.jobs[i];

		if (job->rc != PROCSEC_OK) {
			printf("%s: not checked (%s)\n", job->path,
			       procsec_strerror(job->rc));
			print_error(&job->err);
			status = 2;
		} else {
			printf("%s: %zu pass, %zu fail\n", job->path, job->pass,
			       job->fail);
		}
	}

	pthread_mutex_destroy(&w.lock);
	/* Every report made from the rule set is freed: now the set. */
	procsec_ruleset_free(rules);
	free(w.jobs);
	return status;
}
