/*
 * waiver.c -- waivers: a rule set aside for named documents, with a
 * reason, an approver and an expiry date (docs/waivers.md).
 *
 * A waiver file is read with the same care as a pack: every problem is
 * listed with its line, column and JSON Pointer.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "pack_read.h"
#include "report.h"

static const char *const file_keys[] = { "$schema", "procsec_waivers",
	                                 "waivers", NULL };
static const char *const waiver_keys[] = { "rule", "document", "clause",
	                                   "reason", "approver", "expires",
	                                   NULL };

/* One required (or, with what NULL, optional) string member, copied. */
static const char *member_string(struct pack_reader *r, const cJSON *object,
                                 const char *key, const char *what)
{
	const char *s;

	if (what == NULL && !cJSON_HasObjectItem(object, key))
		return NULL;
	s = ps_pr_member(r, object, key, what, ps_pr_string);
	return s != NULL ? ps_pr_strdup(r, s) : NULL;
}

static void read_waiver(struct pack_reader *r, const cJSON *node)
{
	struct ps_waiver w = { 0 }, *slot;

	if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node, "a waiver object");
		return;
	}
	ps_walk_check_keys(&r->walk, node, waiver_keys);
	w.rule = member_string(r, node, "rule", "the waiver");
	w.document = member_string(r, node, "document", "the waiver");
	w.clause = member_string(r, node, "clause", NULL);
	w.reason = member_string(r, node, "reason", "the waiver");
	w.approver = member_string(r, node, "approver", "the waiver");
	w.expires = member_string(r, node, "expires", "the waiver");
	ps_json_position(r->walk.json, node, &w.line, &w.column);
	w.source = ps_pr_strdup(r, r->source);
	if (w.expires != NULL && ps_check_date(w.expires) != NULL) {
		size_t len = ps_walk_push(&r->walk, "expires");

		ps_pr_bad_date(r, cJSON_GetObjectItemCaseSensitive(node, "expires"),
		               w.expires);
		ps_walk_pop(&r->walk, len);
		return;
	}
	if (w.rule != NULL && w.document != NULL && w.reason != NULL &&
	    w.approver != NULL && w.expires != NULL &&
	    (slot = ps_vec_push(&r->rules->waivers)) != NULL)
		*slot = w;
}

int ps_waivers_read(procsec_ruleset *rules, const struct ps_json *json,
                    procsec_diags *diags, procsec_error *err)
{
	struct pack_reader r;
	const cJSON *root = json->root, *list, *node;
	size_t i = 0;

	ps_pr_init(&r, rules, json, diags, err);
	if (!cJSON_IsObject(root) ||
	    !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(root,
	                                                     "procsec_waivers")))
		ps_pr_fail_at(&r, root, "not a waiver file: expected an object with "
		                        "\"procsec_waivers\": 1");
	else if (ps_walk_check_keys(&r.walk, root, file_keys) == PROCSEC_OK) {
		list = cJSON_GetObjectItemCaseSensitive(root, "waivers");
		ps_walk_push(&r.walk, "waivers");
		if (!cJSON_IsArray(list))
			ps_walk_wrong_type(&r.walk, list, "an array of waivers");
		for (node = cJSON_IsArray(list) ? list->child : NULL; node != NULL;
		     node = node->next, i++) {
			size_t at = ps_walk_push_index(&r.walk, i);

			read_waiver(&r, node);
			ps_walk_pop(&r.walk, at);
		}
	}
	return ps_pr_done(&r);
}

/* ---- applying them ---------------------------------------------------- */

static int document_matches(const struct ps_waiver *w, const procsec_doc *doc)
{
	const char *id = doc->field[PS_F_ID];

	return (id != NULL && fnmatch(w->document, id, 0) == 0) ||
	       fnmatch(w->document, doc->source, 0) == 0;
}

/* Does a waiver narrowed to a clause meet one of the result's findings? */
static int clause_matches(const struct ps_waiver *w, const procsec_result *r)
{
	size_t i;

	if (w->clause == NULL)
		return 1;
	for (i = 0; i < r->findings.count; i++) {
		const procsec_finding *f = ps_vec_at(&r->findings, i);

		if (f->clause != NULL && f->clause->id != NULL &&
		    strcmp(f->clause->id, w->clause) == 0)
			return 1;
	}
	return 0;
}

static const char *justification(struct ps_arena *arena,
                                 const struct ps_waiver *w, int sv)
{
	return ps_arena_printf(arena,
	                       sv ? "undantag: %s (godkänt av %s, gäller till %s)"
	                          : "waived: %s (approved by %s, until %s)",
	                       w->reason, w->approver, w->expires);
}

void ps_waivers_apply(procsec_report *report, const char *today)
{
	const procsec_ruleset *rules = report->rules;
	int sv = strcmp(report->lang, "sv") == 0;
	size_t i, k;

	for (i = 0; i < rules->waivers.count; i++) {
		const struct ps_waiver *w = ps_vec_at(&rules->waivers, i);
		struct ps_waiver_use *use;

		if (!document_matches(w, report->doc))
			continue;
		use = ps_vec_push(&report->waivers);
		if (use == NULL)
			return;
		use->waiver = w;
		use->state = strcmp(today, w->expires) > 0 ? "expired" : "unused";
		for (k = 0; k < report->results.count; k++) {
			procsec_result *r = ps_vec_at(&report->results, k);

			if (strcmp(r->rule->id, w->rule) != 0 ||
			    (r->status != PROCSEC_STATUS_FAIL &&
			     r->status != PROCSEC_STATUS_ERROR) ||
			    !clause_matches(w, r))
				continue;
			if (strcmp(use->state, "expired") == 0)
				continue; /* the failure stands; the list says why */
			use->state = "applied";
			r->status = PROCSEC_STATUS_WAIVED;
			r->reason = justification(report->arena, w, sv);
		}
	}
}
