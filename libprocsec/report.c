/*
 * report.c -- the report's accessors, its verdict and excerpts.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

PROCSEC_API void procsec_report_free(procsec_report *report)
{
	size_t i;

	if (report == NULL)
		return;
	for (i = 0; i < report->results.count; i++) {
		struct procsec_result *r = ps_vec_at(&report->results, i);

		ps_vec_free(&r->findings);
		ps_vec_free(&r->evidence);
	}
	ps_vec_free(&report->results);
	ps_vec_free(&report->facts);
	ps_vec_free(&report->waivers);
	ps_arena_free(report->arena);
	free(report);
}

procsec_fact ps_report_fact(const procsec_report *report, const char *name)
{
	size_t i;

	for (i = 0; i < report->facts.count; i++) {
		const struct ps_fact_used *f = ps_vec_at(&report->facts, i);

		if (strcmp(f->name, name) == 0)
			return f->value;
	}
	return PROCSEC_FACT_UNKNOWN;
}

PROCSEC_API const char *procsec_report_lang(const procsec_report *report)
{
	return report != NULL ? report->lang : NULL;
}

PROCSEC_API const char *procsec_report_as_of(const procsec_report *report)
{
	return report != NULL && report->as_of[0] != '\0' ? report->as_of : NULL;
}

PROCSEC_API size_t procsec_report_count(const procsec_report *report)
{
	return report != NULL ? report->results.count : 0;
}

PROCSEC_API const procsec_result *
procsec_report_at(const procsec_report *report, size_t i)
{
	return report != NULL ? ps_vec_at(&report->results, i) : NULL;
}

PROCSEC_API size_t procsec_report_count_status(const procsec_report *report,
                                               procsec_status status)
{
	size_t i, n = 0;

	for (i = 0; report != NULL && i < report->results.count; i++)
		n += ((const procsec_result *)ps_vec_at(&report->results, i))
		             ->status == status;
	return n;
}

PROCSEC_API size_t procsec_report_count_failed(const procsec_report *report,
                                               procsec_severity severity)
{
	size_t i, n = 0;

	for (i = 0; report != NULL && i < report->results.count; i++) {
		const procsec_result *r = ps_vec_at(&report->results, i);

		n += r->status == PROCSEC_STATUS_FAIL &&
		     r->severity == severity;
	}
	return n;
}

const char *ps_report_verdict(const procsec_report *report)
{
	if (procsec_report_count_failed(report, PROCSEC_SEVERITY_ERROR) > 0)
		return "fail";
	if (procsec_report_count_status(report, PROCSEC_STATUS_UNKNOWN) > 0 ||
	    procsec_report_count_status(report, PROCSEC_STATUS_ERROR) > 0)
		return "incomplete";
	if (procsec_report_count_status(report, PROCSEC_STATUS_FAIL) > 0)
		return "pass_with_warnings";
	return "pass";
}

PROCSEC_API const procsec_rule *procsec_result_rule(const procsec_result *r)
{
	return r != NULL ? r->rule : NULL;
}

PROCSEC_API procsec_status procsec_result_status(const procsec_result *r)
{
	return r != NULL ? r->status : PROCSEC_STATUS_ERROR;
}

PROCSEC_API procsec_severity procsec_result_severity(const procsec_result *r)
{
	return r != NULL ? r->severity : PROCSEC_SEVERITY_INFO;
}

PROCSEC_API const char *procsec_result_reason(const procsec_result *r)
{
	return r != NULL ? r->reason : NULL;
}

PROCSEC_API size_t procsec_result_finding_count(const procsec_result *r)
{
	return r != NULL ? r->findings.count : 0;
}

PROCSEC_API const procsec_finding *
procsec_result_finding_at(const procsec_result *r, size_t i)
{
	return r != NULL ? ps_vec_at(&r->findings, i) : NULL;
}

PROCSEC_API size_t procsec_result_evidence_count(const procsec_result *r)
{
	return r != NULL ? r->evidence.count : 0;
}

PROCSEC_API const procsec_finding *
procsec_result_evidence_at(const procsec_result *r, size_t i)
{
	return r != NULL ? ps_vec_at(&r->evidence, i) : NULL;
}

PROCSEC_API const char *procsec_finding_message(const procsec_finding *f)
{
	return f != NULL ? f->message : NULL;
}

PROCSEC_API const procsec_clause *
procsec_finding_clause(const procsec_finding *f)
{
	return f != NULL ? f->clause : NULL;
}

PROCSEC_API long procsec_finding_span_start(const procsec_finding *f)
{
	return f != NULL ? f->span_start : -1;
}

PROCSEC_API long procsec_finding_span_end(const procsec_finding *f)
{
	return f != NULL ? f->span_end : -1;
}

/* Moves p back to the start of a UTF-8 character. */
static size_t char_start(const char *s, size_t p)
{
	while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
		p--;
	return p;
}

#define EXCERPT 200

char *ps_finding_excerpt(struct ps_arena *arena, const procsec_finding *f)
{
	const char *text = f->clause->text;
	size_t len = strlen(text), from = 0, to = len;

	if (len > EXCERPT) {
		size_t middle = f->span_start >= 0 ? (size_t)f->span_start : 0;

		from = middle > EXCERPT / 3 ? char_start(text, middle - EXCERPT / 3)
		                            : 0;
		to = from + EXCERPT < len ? char_start(text, from + EXCERPT) : len;
		if (f->span_end > 0 && (size_t)f->span_end > to)
			to = char_start(text, (size_t)f->span_end < len
			                              ? (size_t)f->span_end
			                              : len);
	}
	return ps_arena_printf(arena, "%s%.*s%s", from > 0 ? "…" : "",
	                       (int)(to - from), text + from, to < len ? "…" : "");
}
