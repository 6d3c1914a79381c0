/*
 * batch.c -- many tenders at once: workers share one compiled rule set
 * and check documents in parallel, while the reports come out in input
 * order; a progress line on a terminal, and a summary at the end.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"

struct job {
	char *name;     /* the file, or "stdin:LINE" */
	char *bytes;    /* a document read ahead (--stdin-ndjson), or NULL */
	size_t len;
	char **reports; /* what the worker wrote, one per tender in the file */
	size_t *report_lens;
	size_t report_count;
	procsec_error err;
	int rc;
	int findings;   /* a rule at or above --fail-on failed */
	const char **failed;   /* ids of the rules that failed here, NULL-ended */
	int done;
};

struct batch {
	const struct batch_settings *settings;
	struct job *jobs;
	size_t count, cap;
	size_t next; /* the next job a worker takes */
	pthread_mutex_t lock;
	pthread_cond_t finished;
};

static void forget_reports(struct job *job)
{
	size_t i;

	for (i = 0; i < job->report_count; i++)
		procsec_free(job->reports[i]);
	free(job->reports);
	free(job->report_lens);
	job->reports = NULL;
	job->report_lens = NULL;
	job->report_count = 0;
}

static struct batch *batch_of(struct batch_list *list)
{
	return (struct batch *)list;
}

struct batch_list *batch_new(void)
{
	struct batch *b = calloc(1, sizeof(*b));

	if (b != NULL) {
		pthread_mutex_init(&b->lock, NULL);
		pthread_cond_init(&b->finished, NULL);
	}
	return (struct batch_list *)b;
}

void batch_free(struct batch_list *list)
{
	struct batch *b = batch_of(list);
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->count; i++) {
		free(b->jobs[i].name);
		free(b->jobs[i].bytes);
		forget_reports(&b->jobs[i]);
		free(b->jobs[i].failed);
	}
	free(b->jobs);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->finished);
	free(b);
}

int batch_add(struct batch_list *list, const char *name, char *bytes,
              size_t len)
{
	struct batch *b = batch_of(list);
	struct job *job;

	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct job *grown = realloc(b->jobs, cap * sizeof(*grown));

		if (grown == NULL)
			return 0;
		b->jobs = grown;
		b->cap = cap;
	}
	job = &b->jobs[b->count];
	memset(job, 0, sizeof(*job));
	job->name = strdup(name);
	job->bytes = bytes;
	job->len = len;
	if (job->name == NULL)
		return 0;
	b->count++;
	return 1;
}

size_t batch_count(const struct batch_list *list)
{
	return ((const struct batch *)list)->count;
}

static int failed_enough(const struct batch_settings *s,
                         const procsec_report *report)
{
	int severity;

	for (severity = PROCSEC_SEVERITY_ERROR; severity >= s->fail_on;
	     severity--)
		if (procsec_report_count_failed(report, (procsec_severity)severity) >
		    0)
			return 1;
	return 0;
}

/* Notes which rules failed, by id, for the summary over the batch. */
static void note_failures(struct job *job, const procsec_report *report)
{
	size_t i, n = procsec_report_count(report), k = 0;
	const char **grown;

	while (job->failed != NULL && job->failed[k] != NULL)
		k++;
	grown = realloc(job->failed, (k + n + 1) * sizeof(*grown));
	if (grown == NULL)
		return;
	job->failed = grown;
	for (i = 0; i < n; i++) {
		const procsec_result *r = procsec_report_at(report, i);

		if (procsec_result_status(r) == PROCSEC_STATUS_FAIL)
			job->failed[k++] = procsec_rule_id(procsec_result_rule(r));
	}
	job->failed[k] = NULL;
}

/* A tender from a Swedish buyer, or in Swedish when no country is said. */
static int swedish(const procsec_doc *doc)
{
	const char *country = procsec_doc_buyer_country(doc);
	const char *lang = procsec_doc_lang(doc);

	if (country != NULL)
		return strcmp(country, "SE") == 0;
	return lang != NULL && strncmp(lang, "sv", 2) == 0 &&
	       (lang[2] == '\0' || lang[2] == '-');
}

static const procsec_ruleset *rules_for(const struct batch_settings *s,
                                        const procsec_doc *doc)
{
	if (s->rules != NULL)
		return s->rules;
	return swedish(doc) ? s->swedish : s->other;
}

static int keep_report(struct job *job, char *text, size_t len)
{
	char **reports = realloc(job->reports, (job->report_count + 1) *
	                                               sizeof(*reports));
	size_t *lens = reports != NULL
	                       ? realloc(job->report_lens, (job->report_count + 1) *
	                                                           sizeof(*lens))
	                       : NULL;

	if (reports != NULL)
		job->reports = reports;
	if (lens == NULL) {
		procsec_free(text);
		return PROCSEC_ENOMEM;
	}
	job->report_lens = lens;
	job->reports[job->report_count] = text;
	job->report_lens[job->report_count++] = len;
	return PROCSEC_OK;
}

/* Checks one tender of the job's file and keeps its report. */
static int check_one(const struct batch_settings *s, struct job *job,
                     const procsec_doc *doc)
{
	procsec_report *report = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc = procsec_check(&report, rules_for(s, doc), doc, s->opts,
	                       &job->err);

	if (rc == PROCSEC_OK)
		rc = procsec_report_to_string(&text, &len, report, s->format,
		                              &job->err);
	if (rc == PROCSEC_OK)
		rc = keep_report(job, text, len);
	if (rc == PROCSEC_OK) {
		job->findings |= failed_enough(s, report);
		note_failures(job, report);
	}
	procsec_report_free(report);
	return rc;
}

/* Reads the job's file, with its own options when the caller has some
 * for it (the facts stated for that tender). */
static void parse_job(const struct batch_settings *s, struct job *job,
                      procsec_docs **docs)
{
	procsec_options *own = NULL;
	const procsec_options *opts = s->opts;

	if (s->parse_options != NULL) {
		job->rc = s->parse_options(&own, job->name, s->ctx, &job->err);
		opts = own;
		if (job->rc != PROCSEC_OK) {
			procsec_options_free(own);
			return;
		}
	}
	if (job->bytes != NULL)
		job->rc = procsec_docs_parse(docs, job->name, job->bytes, job->len,
		                             NULL, opts, &job->err);
	else
		job->rc = procsec_docs_parse_file(docs, job->name, NULL, opts,
		                                  &job->err);
	procsec_options_free(own);
}

static void run_job(const struct batch_settings *s, struct job *job)
{
	procsec_docs *docs = NULL;
	size_t i;

	parse_job(s, job, &docs);
	for (i = 0; job->rc == PROCSEC_OK && i < procsec_docs_count(docs); i++)
		job->rc = check_one(s, job, procsec_docs_at(docs, i));
	procsec_docs_free(docs);
	free(job->bytes); /* read ahead, and no longer needed */
	job->bytes = NULL;
}

static void *worker(void *payload)
{
	struct batch *b = payload;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&b->lock);
		i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->count)
			return NULL;
		run_job(b->settings, &b->jobs[i]);
		pthread_mutex_lock(&b->lock);
		b->jobs[i].done = 1;
		pthread_cond_broadcast(&b->finished);
		pthread_mutex_unlock(&b->lock);
	}
}

static void wait_for(struct batch *b, size_t i)
{
	pthread_mutex_lock(&b->lock);
	while (!b->jobs[i].done)
		pthread_cond_wait(&b->finished, &b->lock);
	pthread_mutex_unlock(&b->lock);
}

static void progress(const struct batch *b, size_t i)
{
	if (b->count > 1 && isatty(STDERR_FILENO))
		fprintf(stderr, "\r%zu/%zu %s\033[K", i + 1, b->count,
		        b->jobs[i].name);
}

/* A file of several tenders in a format that describes one. */
static int one_tender_format(const struct batch_settings *s,
                             const struct job *job)
{
	return job->report_count > 1 && s->format != PROCSEC_OUT_TEXT &&
	       s->format != PROCSEC_OUT_NDJSON && s->format != PROCSEC_OUT_JSON;
}

/* Writes job i's reports (or error) and forgets them. */
static int emit(struct batch *b, size_t i, FILE *out, size_t *written)
{
	const struct batch_settings *s = b->settings;
	struct job *job = &b->jobs[i];
	int wrap = !s->array && s->format == PROCSEC_OUT_JSON &&
	           job->report_count > 1;
	size_t k;

	if (isatty(STDERR_FILENO) && b->count > 1)
		fputs("\r\033[K", stderr); /* the progress line gives way */
	if (job->rc != PROCSEC_OK) {
		cli_print_error(&job->err);
		return EXIT_TROUBLE;
	}
	if (one_tender_format(s, job)) {
		fprintf(stderr, "procsec: %s: the file holds %zu tenders; a SARIF, "
		                "JUnit or HTML report describes one: use --format "
		                "json, ndjson or text\n",
		        job->name, job->report_count);
		forget_reports(job);
		return EXIT_TROUBLE;
	}
	for (k = 0; k < job->report_count; k++) {
		if (s->array || wrap)
			fputs(*written || k ? ",\n" : "[\n", out);
		else if (*written && s->format == PROCSEC_OUT_TEXT)
			fputs("\n", out);
		fwrite(job->reports[k], 1, job->report_lens[k], out);
		(*written)++;
	}
	if (wrap)
		fputs("]\n", out);
	forget_reports(job);
	return job->findings ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int worse(int a, int b)
{
	return a > b ? a : b;
}

int batch_run(struct batch_list *list, const struct batch_settings *s,
              FILE *out)
{
	struct batch *b = batch_of(list);
	pthread_t threads[64];
	int n = s->jobs < 1 ? 1 : s->jobs > 64 ? 64 : s->jobs, started = 0;
	int status = EXIT_CLEAN;
	size_t i, written = 0;

	b->settings = s;
	for (; started < n && (size_t)started < b->count; started++)
		if (pthread_create(&threads[started], NULL, worker, b) != 0)
			break;
	if (started == 0 && b->count > 0)
		worker(b); /* no thread could start: do the work here */
	for (i = 0; i < b->count; i++) {
		wait_for(b, i);
		progress(b, i);
		status = worse(status, emit(b, i, out, &written));
	}
	while (started > 0)
		pthread_join(threads[--started], NULL);
	if (b->count > 1 && isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	if (s->array)
		fputs(written > 0 ? "]\n" : "[]\n", out);
	return status;
}

/* How many tenders failed rule id. */
static size_t failures_of(const struct batch *b, const char *id)
{
	size_t i, k, n = 0;

	for (i = 0; i < b->count; i++)
		for (k = 0; b->jobs[i].failed != NULL && b->jobs[i].failed[k] != NULL;
		     k++)
			n += strcmp(b->jobs[i].failed[k], id) == 0;
	return n;
}

/* The summary over a batch: documents, outcomes and failures per rule. */
void batch_summary(const struct batch_list *list, FILE *to)
{
	const struct batch *b = (const struct batch *)list;
	const struct batch_settings *s = b->settings;
	const procsec_ruleset *sets[2] = { s->rules != NULL ? s->rules
	                                                    : s->swedish,
		                           s->rules != NULL ? NULL : s->other };
	size_t i, r, unreadable = 0, failing = 0;
	int k;

	for (i = 0; i < b->count; i++) {
		unreadable += b->jobs[i].rc != PROCSEC_OK;
		failing += b->jobs[i].findings;
	}
	fprintf(to, "checked %zu tenders: %zu clean, %zu with failures at or "
	            "above --fail-on, %zu could not be checked\n",
	        b->count, b->count - unreadable - failing, failing, unreadable);
	for (k = 0; k < 2 && sets[k] != NULL; k++)
		for (r = 0; r < procsec_ruleset_count(sets[k]); r++) {
			const char *id = procsec_rule_id(procsec_ruleset_at(sets[k], r));
			size_t n = failures_of(b, id);

			/* a rule in both sets is counted once, with the first */
			if (n > 0 && (k == 0 || sets[0] == NULL ||
			              procsec_ruleset_find(sets[0], id) == NULL))
				fprintf(to, "  %-12s failed in %zu\n", id, n);
		}
}
