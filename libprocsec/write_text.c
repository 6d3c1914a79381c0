/*
 * write_text.c -- the report for a terminal: failures grouped by
 * severity as `file:line:col: RULE title`, each with what is wrong, the
 * clause it is about, and the wording that fixes it; then what could not
 * be decided, and a summary line.
 */
#include <string.h>

#include "write.h"

struct words {
	const char *as_of, *no_date, *published, *option;
	const char *severity[3];
	const char *fix, *unknown, *errors, *waived, *unused, *expired;
	const char *verdicts[4];
	/* rules, passed, failed (errors, warnings, info), not applicable,
	 * unknown, not evaluated, verdict */
	const char *counts[9];
};

static const struct words sv = {
	"bedömt per", "bedömt utan datum mot", "publiceringsdatum",
	"angivet datum",
	{ "info", "varningar", "fel" },
	"åtgärd", "kan inte avgöras", "kunde inte utvärderas", "undantagna",
	"oanvänt undantag", "utgånget undantag",
	{ "godkänt", "godkänt med varningar", "ofullständigt", "underkänt" },
	{ "regler", "uppfyllda", "underkända", "fel", "varningar", "info",
	  "ej tillämpliga", "okända", "fel vid utvärdering — utfall" },
};

static const struct words en = {
	"checked as of", "checked without a date against", "publication date",
	"given date",
	{ "info", "warnings", "errors" },
	"fix", "cannot be decided", "could not be evaluated", "waived",
	"unused waiver", "expired waiver",
	{ "pass", "pass with warnings", "incomplete", "fail" },
	{ "rules", "passed", "failed", "errors", "warnings", "info",
	  "not applicable", "unknown", "could not be evaluated — verdict" },
};

static const struct words *words_for(const procsec_report *report)
{
	return strcmp(report->lang, "sv") == 0 ? &sv : &en;
}

static void header(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	const procsec_doc *doc = report->doc;
	size_t i;

	ps_out_printf(out, "%s: %s (%s)\n  ", doc->source, doc->field[PS_F_TITLE],
	              doc->field[PS_F_ID]);
	if (report->as_of[0] != '\0')
		ps_out_printf(out, "%s %s (%s):", w->as_of, report->as_of,
		              strcmp(report->as_of_source, "option") == 0
		                      ? w->option
		                      : w->published);
	else
		ps_out_printf(out, "%s:", w->no_date);
	for (i = 0; i < report->rules->packs.count; i++) {
		const struct ps_pack *p = ps_vec_at(&report->rules->packs, i);

		ps_out_printf(out, "%s %s %s", i > 0 ? "," : "", p->id, p->version);
	}
	ps_out_puts(out, "\n");
}

static void finding(const procsec_report *report, const procsec_result *r,
                    const procsec_finding *f, struct ps_out *out)
{
	const procsec_clause *c = f->clause;

	if (c != NULL && c->loc.line <= 0) /* Word: no lines, a place */
		ps_out_printf(out, "  %s: %s: ", report->doc->source, c->loc.path);
	else if (c != NULL)
		ps_out_printf(out, "  %s:%d:%d: ", report->doc->source, c->loc.line,
		              c->loc.column);
	else
		ps_out_printf(out, "  %s: ", report->doc->source);
	ps_out_printf(out, "%s %s\n      %s\n", r->rule->id,
	              ps_text_in(&r->rule->title, report->lang), f->message);
	if (c != NULL)
		ps_out_printf(out, "      > %s\n",
		              ps_finding_excerpt(report->arena, f));
}

static void failures(const procsec_report *report, procsec_severity severity,
                     struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i, k;
	int titled = 0;

	for (i = 0; i < report->results.count; i++) {
		const procsec_result *r = ps_vec_at(&report->results, i);

		if (r->status != PROCSEC_STATUS_FAIL || r->severity != severity)
			continue;
		if (!titled++)
			ps_out_printf(out, "\n%s\n", w->severity[severity]);
		for (k = 0; k < r->findings.count; k++)
			finding(report, r, ps_vec_at(&r->findings, k), out);
		ps_out_printf(out, "      %s: %s\n", w->fix,
		              ps_text_in(&r->rule->remediation, report->lang));
	}
}

/* Rules with a status other than pass, fail or not applicable. */
static void undecided(const procsec_report *report, procsec_status status,
                      const char *title, struct ps_out *out)
{
	size_t i;
	int titled = 0;

	for (i = 0; i < report->results.count; i++) {
		const procsec_result *r = ps_vec_at(&report->results, i);

		if (r->status != status)
			continue;
		if (!titled++)
			ps_out_printf(out, "\n%s\n", title);
		ps_out_printf(out, "  %s %s: %s\n", r->rule->id,
		              ps_text_in(&r->rule->title, report->lang),
		              r->reason != NULL ? r->reason : "");
	}
}

/* A waiver for this document that set nothing aside is worth a look:
 * the rule may have been fixed, or the waiver names the wrong rule. */
static void unused_waivers(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i;

	for (i = 0; i < report->waivers.count; i++) {
		const struct ps_waiver_use *use = ps_vec_at(&report->waivers, i);

		if (strcmp(use->state, "applied") != 0)
			ps_out_printf(out, "\n%s:%d:%d: %s: %s, %s, %s\n",
			              use->waiver->source, use->waiver->line,
			              use->waiver->column,
			              strcmp(use->state, "expired") == 0 ? w->expired
			                                                 : w->unused,
			              use->waiver->rule, use->waiver->document,
			              use->waiver->expires);
	}
}

static void summary(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	const char *verdict = ps_report_verdict(report);
	int v = strcmp(verdict, "pass") == 0                 ? 0
	        : strcmp(verdict, "pass_with_warnings") == 0 ? 1
	        : strcmp(verdict, "incomplete") == 0         ? 2
	                                                     : 3;

	ps_out_printf(out, "\n%zu %s: %zu %s, %zu %s (%zu %s, %zu %s, %zu %s), ",
	              report->results.count, w->counts[0],
	              procsec_report_count_status(report, PROCSEC_STATUS_PASS),
	              w->counts[1],
	              procsec_report_count_status(report, PROCSEC_STATUS_FAIL),
	              w->counts[2],
	              procsec_report_count_failed(report, PROCSEC_SEVERITY_ERROR),
	              w->counts[3],
	              procsec_report_count_failed(report, PROCSEC_SEVERITY_WARNING),
	              w->counts[4],
	              procsec_report_count_failed(report, PROCSEC_SEVERITY_INFO),
	              w->counts[5]);
	ps_out_printf(out, "%zu %s, %zu %s, %zu %s: %s\n",
	              procsec_report_count_status(report,
	                                          PROCSEC_STATUS_NOT_APPLICABLE),
	              w->counts[6],
	              procsec_report_count_status(report, PROCSEC_STATUS_UNKNOWN),
	              w->counts[7],
	              procsec_report_count_status(report, PROCSEC_STATUS_ERROR),
	              w->counts[8], w->verdicts[v]);
}

int ps_write_text(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);

	header(report, out);
	failures(report, PROCSEC_SEVERITY_ERROR, out);
	failures(report, PROCSEC_SEVERITY_WARNING, out);
	failures(report, PROCSEC_SEVERITY_INFO, out);
	undecided(report, PROCSEC_STATUS_UNKNOWN, w->unknown, out);
	undecided(report, PROCSEC_STATUS_ERROR, w->errors, out);
	undecided(report, PROCSEC_STATUS_WAIVED, w->waived, out);
	unused_waivers(report, out);
	summary(report, out);
	return out->nomem ? PROCSEC_ENOMEM : PROCSEC_OK;
}
