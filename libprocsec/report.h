/*
 * report.h -- a check's outcome inside the library: results, findings,
 * and the facts the check used.  The report's strings live in its arena;
 * clauses and rules are borrowed from the document and the rule set.
 */
#ifndef PROCSEC_REPORT_H
#define PROCSEC_REPORT_H

#include "pack.h"

struct procsec_finding {
	const char *message;
	const procsec_clause *clause; /* NULL: about the whole tender */
	long span_start, span_end;    /* -1: none */
};

struct procsec_result {
	const procsec_rule *rule;
	procsec_status status;
	procsec_severity severity; /* the rule's, or a case's of it */
	const char *reason;
	struct ps_string_list unknown_facts;
	struct ps_vec findings; /* struct procsec_finding */
	struct ps_vec evidence; /* struct procsec_finding */
};

/* A fact as the check saw it: stated by the tender or inferred. */
struct ps_fact_used {
	const char *name;
	procsec_fact value;
	int inferred;
	int from_options; /* stated by the caller, not the document */
	const char *reason; /* for inferred facts */
};

/* What became of a waiver whose document pattern names this document. */
struct ps_waiver_use {
	const struct ps_waiver *waiver;
	const char *state; /* "applied", "expired" or "unused" */
};

struct procsec_report {
	struct ps_arena *arena;
	const procsec_ruleset *rules;
	const procsec_doc *doc;
	char lang[3];
	char as_of[11];         /* "" when the check had no date */
	const char *as_of_source; /* "option", "published" or NULL */
	struct ps_vec results;  /* struct procsec_result */
	struct ps_vec facts;    /* struct ps_fact_used */
	struct ps_vec waivers;  /* struct ps_waiver_use */
	unsigned long matches;  /* pattern matches run: for tests of the memo */
};

/* The value of a fact as the check sees it. */
procsec_fact ps_report_fact(const procsec_report *report, const char *name);

/* "pass", "pass_with_warnings", "incomplete" or "fail". */
const char *ps_report_verdict(const procsec_report *report);

/* Sets aside failed results that a waiver covers, as of today. */
void ps_waivers_apply(procsec_report *report, const char *today);

/* Up to about 200 characters of a finding's clause around its span. */
char *ps_finding_excerpt(struct ps_arena *arena, const procsec_finding *f);

#endif
