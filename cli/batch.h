/*
 * batch.h -- checking many tenders, on several threads, reported in
 * input order.
 */
#ifndef PROCSEC_CLI_BATCH_H
#define PROCSEC_CLI_BATCH_H

#include "cli.h"

struct batch_settings {
	/* the rules for every tender; or, when NULL, the default profiles:
	 * Swedish rules for Swedish tenders, EU rules for the others */
	const procsec_ruleset *rules;
	const procsec_ruleset *swedish, *other;
	const procsec_options *opts;
	procsec_output format;
	int fail_on; /* a procsec_severity, or 3 for never */
	int jobs;    /* worker threads */
	int array;   /* JSON reports as one array */
	/* when set, makes the options one tender is parsed with (the facts
	 * stated for it); fills err and returns its code on failure */
	int (*parse_options)(procsec_options **out, const char *tender,
	                     const void *ctx, procsec_error *err);
	const void *ctx;
};

struct batch_list;

struct batch_list *batch_new(void);
void batch_free(struct batch_list *list);

/* Adds a tender: a file name, or a name and its bytes (taken over). */
int batch_add(struct batch_list *list, const char *name, char *bytes,
              size_t len);
size_t batch_count(const struct batch_list *list);

/* Checks them all; returns the worst exit status. */
int batch_run(struct batch_list *list, const struct batch_settings *s,
              FILE *out);

/* Tenders checked, their outcomes, and how often each rule failed. */
void batch_summary(const struct batch_list *list, FILE *to);

#endif
