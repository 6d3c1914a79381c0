/*
 * write_json.c -- the report as JSON (docs/report.md,
 * schemas/report-1.schema.json).  Field names are a contract: add,
 * never rename.
 */
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "write.h"

/*
 * Adds item under key, or fails when it is NULL (out of memory).  Keys
 * are literals, so the CS variant need not copy them, and so cannot fail
 * after taking the item.
 */
static int put(cJSON *object, const char *key, cJSON *item)
{
	if (item == NULL)
		return 0;
	cJSON_AddItemToObjectCS(object, key, item);
	return 1;
}

static cJSON *string_or_null(const char *s)
{
	return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *finding(const procsec_report *report, const procsec_finding *f)
{
	cJSON *o = cJSON_CreateObject(), *span;
	const procsec_clause *c = f->clause;

	if (o == NULL || !ps_json_add_string(o, "message", f->message) ||
	    !put(o, "clause", string_or_null(c != NULL ? c->id : NULL)) ||
	    !put(o, "location",
	         c != NULL ? ps_json_location(&c->loc) : cJSON_CreateNull()))
		goto fail;
	if (c != NULL && c->level_inferred &&
	    cJSON_AddBoolToObject(o, "level_inferred", 1) == NULL)
		goto fail;
	if (c != NULL &&
	    !ps_json_add_string(o, "excerpt",
	                        ps_finding_excerpt(report->arena, f)))
		goto fail;
	if (f->span_start >= 0) {
		int pair[2] = { (int)f->span_start, (int)f->span_end };

		span = cJSON_CreateIntArray(pair, 2);
	} else {
		span = cJSON_CreateNull();
	}
	if (put(o, "span", span))
		return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

static cJSON *findings(const procsec_report *report, const struct ps_vec *v)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < v->count; i++) {
		cJSON *f = finding(report, ps_vec_at(v, i));

		if (f == NULL) {
			cJSON_Delete(a);
			return NULL;
		}
		cJSON_AddItemToArray(a, f);
	}
	return a;
}

static cJSON *references(const procsec_rule *rule)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < rule->reference_count; i++) {
		const struct ps_reference *ref = &rule->references[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToArray(a, o);
		if (o == NULL || !ps_json_add_string(o, "title", ref->title) ||
		    !ps_json_add_string(o, "statute", ref->statute) ||
		    !ps_json_add_string(o, "section", ref->section) ||
		    !ps_json_add_string(o, "url", ref->url) ||
		    !ps_json_add_string(o, "note", ref->note)) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

static int result_texts(cJSON *o, const procsec_result *r, const char *lang)
{
	const procsec_rule *rule = r->rule;

	return ps_json_add_string(o, "rule", rule->id) &&
	       ps_json_add_string(o, "pack", rule->pack_id) &&
	       ps_json_add_string(o, "status", procsec_status_name(r->status)) &&
	       ps_json_add_string(o, "severity",
	                          procsec_severity_name(r->severity)) &&
	       ps_json_add_string(o, "title", ps_text_in(&rule->title, lang)) &&
	       ps_json_add_string(o, "message", ps_text_in(&rule->message, lang)) &&
	       ps_json_add_string(o, "remediation",
	                          ps_text_in(&rule->remediation, lang)) &&
	       put(o, "references", references(rule)) &&
	       ps_json_add_string(o, "reason", r->reason);
}

static cJSON *result(const procsec_report *report, const procsec_result *r)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || !result_texts(o, r, report->lang))
		goto fail;
	if (r->status == PROCSEC_STATUS_UNKNOWN &&
	    !put(o, "unknown_facts",
	         cJSON_CreateStringArray(r->unknown_facts.items,
	                                 (int)r->unknown_facts.count)))
		goto fail;
	if (put(o, "findings", findings(report, &r->findings)) &&
	    put(o, "evidence", findings(report, &r->evidence)))
		return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

static cJSON *results(const procsec_report *report)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < report->results.count; i++) {
		cJSON *r = result(report, ps_vec_at(&report->results, i));

		if (r == NULL) {
			cJSON_Delete(a);
			return NULL;
		}
		cJSON_AddItemToArray(a, r);
	}
	return a;
}

static cJSON *fact_value(procsec_fact value)
{
	if (value == PROCSEC_FACT_UNKNOWN)
		return cJSON_CreateNull();
	return cJSON_CreateBool(value == PROCSEC_FACT_TRUE);
}

static cJSON *facts(const procsec_report *report)
{
	cJSON *o = cJSON_CreateObject();
	size_t i;

	for (i = 0; o != NULL && i < report->facts.count; i++) {
		const struct ps_fact_used *f = ps_vec_at(&report->facts, i);
		cJSON *fact = cJSON_CreateObject();

		cJSON_AddItemToObject(o, f->name, fact);
		if (fact == NULL || !put(fact, "value", fact_value(f->value)) ||
		    !ps_json_add_string(fact, "source",
		                        f->inferred       ? "inferred"
		                        : f->from_options ? "options"
		                                          : "document") ||
		    !ps_json_add_string(fact, "reason", f->reason)) {
			cJSON_Delete(o);
			return NULL;
		}
	}
	return o;
}

static cJSON *waivers(const procsec_report *report)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < report->waivers.count; i++) {
		const struct ps_waiver_use *use = ps_vec_at(&report->waivers, i);
		const struct ps_waiver *w = use->waiver;
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToArray(a, o);
		if (o == NULL || !ps_json_add_string(o, "rule", w->rule) ||
		    !ps_json_add_string(o, "document", w->document) ||
		    !ps_json_add_string(o, "clause", w->clause) ||
		    !ps_json_add_string(o, "reason", w->reason) ||
		    !ps_json_add_string(o, "approver", w->approver) ||
		    !ps_json_add_string(o, "expires", w->expires) ||
		    !ps_json_add_string(o, "state", use->state)) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

static cJSON *period(const struct ps_period *p)
{
	cJSON *o;

	if (p->from[0] == '\0' && p->until[0] == '\0')
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	if (o != NULL &&
	    (!put(o, "from", string_or_null(p->from[0] ? p->from : NULL)) ||
	     !put(o, "until", string_or_null(p->until[0] ? p->until : NULL)))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int in_force(const struct ps_period *p, const char *date)
{
	return date[0] == '\0' ||
	       ((p->from[0] == '\0' || strcmp(date, p->from) >= 0) &&
	        (p->until[0] == '\0' || strcmp(date, p->until) <= 0));
}

static cJSON *packs(const procsec_report *report)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < report->rules->packs.count; i++) {
		const struct ps_pack *p = ps_vec_at(&report->rules->packs, i);
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToArray(a, o);
		if (o == NULL || !ps_json_add_string(o, "id", p->id) ||
		    !ps_json_add_string(o, "version", p->version) ||
		    !ps_json_add_string(o, "title", ps_text_in(&p->title,
		                                               report->lang)) ||
		    !put(o, "valid", period(&p->valid)) ||
		    !put(o, "in_force",
		         cJSON_CreateBool(in_force(&p->valid, report->as_of)))) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

static cJSON *summary(const procsec_report *report)
{
	static const procsec_status statuses[] = {
		PROCSEC_STATUS_PASS, PROCSEC_STATUS_FAIL,
		PROCSEC_STATUS_NOT_APPLICABLE, PROCSEC_STATUS_UNKNOWN,
		PROCSEC_STATUS_ERROR, PROCSEC_STATUS_WAIVED,
	};
	cJSON *o = cJSON_CreateObject(), *failed = cJSON_CreateObject();
	size_t i;
	int ok = o != NULL && failed != NULL &&
	         cJSON_AddNumberToObject(o, "rules",
	                                 (double)report->results.count) != NULL;

	for (i = 0; ok && i < sizeof(statuses) / sizeof(statuses[0]); i++)
		ok = cJSON_AddNumberToObject(
			     o, procsec_status_name(statuses[i]),
			     (double)procsec_report_count_status(report,
			                                         statuses[i])) != NULL;
	for (i = 0; ok && i < 3; i++)
		ok = cJSON_AddNumberToObject(
			     failed, procsec_severity_name((procsec_severity)(2 - i)),
			     (double)procsec_report_count_failed(
				     report, (procsec_severity)(2 - i))) != NULL;
	if (ok && put(o, "failed", failed) &&
	    ps_json_add_string(o, "verdict", ps_report_verdict(report)))
		return o;
	if (!ok)
		cJSON_Delete(failed);
	cJSON_Delete(o);
	return NULL;
}

static cJSON *document(const procsec_doc *doc)
{
	cJSON *o = cJSON_CreateObject();

	if (o != NULL && ps_json_add_string(o, "source", doc->source) &&
	    ps_json_add_string(o, "format", doc->format) &&
	    ps_json_add_string(o, "id", doc->field[PS_F_ID]) &&
	    ps_json_add_string(o, "title", doc->field[PS_F_TITLE]) &&
	    ps_json_add_string(o, "lang", doc->field[PS_F_LANG]))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static cJSON *tool(void)
{
	cJSON *o = cJSON_CreateObject();

	if (o != NULL && ps_json_add_string(o, "name", "procsec") &&
	    ps_json_add_string(o, "version", PROCSEC_VERSION_STRING))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static cJSON *report_json(const procsec_report *report)
{
	cJSON *root = cJSON_CreateObject();

	if (root != NULL &&
	    cJSON_AddNumberToObject(root, "procsec_report", 1) != NULL &&
	    put(root, "tool", tool()) && put(root, "document", document(report->doc)) &&
	    ps_json_add_string(root, "lang", report->lang) &&
	    put(root, "as_of", string_or_null(report->as_of[0] ? report->as_of
	                                                       : NULL)) &&
	    put(root, "as_of_source", string_or_null(report->as_of_source)) &&
	    put(root, "packs", packs(report)) && put(root, "facts", facts(report)) &&
	    put(root, "summary", summary(report)) &&
	    put(root, "waivers", waivers(report)) &&
	    put(root, "results", results(report)))
		return root;
	cJSON_Delete(root);
	return NULL;
}

int ps_write_json(const procsec_report *report, struct ps_out *out,
                  int one_line)
{
	cJSON *root = report_json(report);
	char *text = root == NULL ? NULL
	             : one_line   ? cJSON_PrintUnformatted(root)
	                          : cJSON_Print(root);

	cJSON_Delete(root);
	if (text == NULL)
		return PROCSEC_ENOMEM;
	ps_out_puts(out, text);
	ps_out_puts(out, "\n");
	free(text);
	return PROCSEC_OK;
}
