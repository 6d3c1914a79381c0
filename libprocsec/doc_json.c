/*
 * doc_json.c -- the tender model as JSON: what `procsec parse` prints,
 * the user's window into what the library understood.  The field names
 * are a contract, documented in docs/model.md; add, never rename.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "json_out.h"

int ps_json_add_string(cJSON *object, const char *key, const char *value)
{
	if (value == NULL)
		return 1;
	return cJSON_AddStringToObject(object, key, value) != NULL;
}

cJSON *ps_json_location(const struct ps_loc *loc)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || cJSON_AddNumberToObject(o, "line", loc->line) == NULL ||
	    cJSON_AddNumberToObject(o, "column", loc->column) == NULL ||
	    !ps_json_add_string(o, "path", loc->path)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Adds a location member, or fails. */
static int add_location(cJSON *object, const struct ps_loc *loc)
{
	cJSON *o = ps_json_location(loc);

	if (o == NULL)
		return 0;
	cJSON_AddItemToObject(object, "location", o);
	return 1;
}

static cJSON *buyer(const procsec_doc *doc)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || !ps_json_add_string(o, "name", doc->field[PS_F_BUYER_NAME]) ||
	    !ps_json_add_string(o, "orgno", doc->field[PS_F_BUYER_ORGNO]) ||
	    !ps_json_add_string(o, "country", doc->field[PS_F_BUYER_COUNTRY])) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *amount(double value, const char *unit_key, const char *unit)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || cJSON_AddNumberToObject(o, "amount", value) == NULL ||
	    !ps_json_add_string(o, unit_key, unit)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *cpv_list(const procsec_doc *doc)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < doc->cpv.count; i++) {
		const struct ps_cpv *c = ps_vec_at(&doc->cpv, i);
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToArray(a, o);
		if (o == NULL || !ps_json_add_string(o, "code", c->code) ||
		    cJSON_AddBoolToObject(o, "main", c->main) == NULL) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

static cJSON *fact_value(procsec_fact value)
{
	if (value == PROCSEC_FACT_UNKNOWN)
		return cJSON_CreateNull();
	return cJSON_CreateBool(value == PROCSEC_FACT_TRUE);
}

static cJSON *fact_map(const procsec_doc *doc)
{
	cJSON *facts = cJSON_CreateObject();
	size_t i;

	for (i = 0; facts != NULL && i < doc->facts.count; i++) {
		const struct ps_fact *f = ps_vec_at(&doc->facts, i);
		cJSON *o = cJSON_CreateObject(), *v = fact_value(f->value);

		cJSON_AddItemToObject(facts, f->name, o);
		if (o != NULL && v != NULL)
			cJSON_AddItemToObject(o, "value", v);
		else
			cJSON_Delete(v);
		if (o == NULL || v == NULL || !ps_json_add_string(o, "source", f->from_options ? "options" : "document") ||
		    !add_location(o, &f->loc)) {
			cJSON_Delete(facts);
			return NULL;
		}
	}
	return facts;
}

static int section_fields(cJSON *o, const struct ps_section *s)
{
	cJSON *parent = s->parent >= 0 ? cJSON_CreateNumber((double)s->parent)
	                               : cJSON_CreateNull();

	if (parent == NULL)
		return 0;
	cJSON_AddItemToObject(o, "parent", parent);
	return ps_json_add_string(o, "id", s->id) && ps_json_add_string(o, "title", s->title) &&
	       ps_json_add_string(o, "label", s->label) && add_location(o, &s->loc);
}

static int clause_fields(cJSON *o, const struct procsec_clause *c, size_t i)
{
	return cJSON_AddNumberToObject(o, "index", (double)i) != NULL &&
	       ps_json_add_string(o, "kind", c->kind) && ps_json_add_string(o, "id", c->id) &&
	       ps_json_add_string(o, "level", c->level) &&
	       (!c->level_inferred ||
	        cJSON_AddBoolToObject(o, "level_inferred", 1) != NULL) &&
	       ps_json_add_string(o, "category", c->category) &&
	       ps_json_add_string(o, "verification", c->verification) &&
	       ps_json_add_string(o, "section", c->section >= 0 ? c->section_label : NULL) &&
	       ps_json_add_string(o, "text", c->text) && add_location(o, &c->loc);
}

static int attachment_fields(cJSON *o, const struct ps_attachment *a)
{
	return ps_json_add_string(o, "type", a->type) && ps_json_add_string(o, "href", a->href) &&
	       ps_json_add_string(o, "title", a->title) && add_location(o, &a->loc);
}

enum list_kind { L_SECTIONS, L_CLAUSES, L_ATTACHMENTS };

static int item_fields(cJSON *o, enum list_kind kind, const void *item,
                       size_t i)
{
	switch (kind) {
	case L_SECTIONS:
		return section_fields(o, item);
	case L_CLAUSES:
		return clause_fields(o, item, i);
	default:
		return attachment_fields(o, item);
	}
}

static cJSON *object_list(const struct ps_vec *vec, enum list_kind kind)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < vec->count; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToArray(a, o);
		if (o == NULL || !item_fields(o, kind, ps_vec_at(vec, i), i)) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* Adds item under key; a NULL item (out of memory) fails. */
static int add_item(cJSON *object, const char *key, cJSON *item)
{
	if (item == NULL)
		return 0;
	cJSON_AddItemToObject(object, key, item);
	return 1;
}

static int header(cJSON *root, const procsec_doc *doc)
{
	return cJSON_AddNumberToObject(root, "procsec_model", 1) != NULL &&
	       ps_json_add_string(root, "source", doc->source) &&
	       ps_json_add_string(root, "format", doc->format) &&
	       ps_json_add_string(root, "id", doc->field[PS_F_ID]) &&
	       ps_json_add_string(root, "lang", doc->field[PS_F_LANG]) &&
	       ps_json_add_string(root, "title", doc->field[PS_F_TITLE]) &&
	       add_item(root, "buyer", buyer(doc)) &&
	       ps_json_add_string(root, "procedure", doc->field[PS_F_PROCEDURE]) &&
	       ps_json_add_string(root, "published", doc->field[PS_F_PUBLISHED]) &&
	       ps_json_add_string(root, "deadline", doc->field[PS_F_DEADLINE]) &&
	       ps_json_add_string(root, "notice_type",
	                          doc->field[PS_F_NOTICE_TYPE]) &&
	       ps_json_add_string(root, "legal_basis",
	                          doc->field[PS_F_LEGAL_BASIS]);
}

static int body(cJSON *root, const procsec_doc *doc)
{
	if (!add_item(root, "cpv", cpv_list(doc)))
		return 0;
	if (doc->has_value &&
	    !add_item(root, "value",
	              amount(doc->value_amount, "currency",
	                     doc->field[PS_F_VALUE_CURRENCY])))
		return 0;
	if (doc->has_duration &&
	    !add_item(root, "duration",
	              amount((double)doc->duration_amount, "unit",
	                     doc->field[PS_F_DURATION_UNIT])))
		return 0;
	return add_item(root, "facts", fact_map(doc)) &&
	       add_item(root, "sections", object_list(&doc->sections, L_SECTIONS)) &&
	       add_item(root, "clauses", object_list(&doc->clauses, L_CLAUSES)) &&
	       add_item(root, "attachments",
	                object_list(&doc->attachments, L_ATTACHMENTS));
}

PROCSEC_API int procsec_doc_to_json(char **out, size_t *len,
                                    const procsec_doc *doc, procsec_error *err)
{
	cJSON *root;
	char *text = NULL;

	ps_error_clear(err);
	if (out == NULL || doc == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out or doc is NULL");
	*out = NULL;
	root = cJSON_CreateObject();
	if (root != NULL && header(root, doc) && body(root, doc))
		text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return ps_error_nomem(err);
	*out = text;
	if (len != NULL)
		*len = strlen(text);
	return PROCSEC_OK;
}
