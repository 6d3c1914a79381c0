/*
 * adapter_json.c -- applying an adapter to JSON.  Its paths are steps
 * separated by "/": a member name, "*" for every element of an array
 * (or member of an object), "[key=value]" to keep the objects whose key
 * is that string or a list holding it, and "[key]" to keep those that
 * have it.  A path starting with "/" starts from the top of the input,
 * "." is the node itself.  Every item keeps its JSON Pointer.
 */
#include <stdio.h>
#include <string.h>

#include "adapter_map.h"

#define MAX_STEP 256

struct json_side {
	const struct ps_json *json;
};

static const char *pointer_to(struct ps_mapper *m, const char *parent,
                              const char *token)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", parent);
	ps_json_pointer_append(buf, sizeof(buf), token);
	return ps_arena_strdup(m->scratch, buf);
}

static int push_child(struct ps_mapper *m, struct ps_items *out,
                      const struct ps_item *parent, const cJSON *child,
                      const char *token)
{
	struct ps_item it = { child, NULL, NULL };

	if (cJSON_IsNull(child))
		return PROCSEC_OK;
	it.pointer = pointer_to(m, parent->pointer, token);
	if (it.pointer == NULL)
		return ps_build_error(&m->b, PROCSEC_ENOMEM, NULL, "out of memory");
	return ps_items_push(m, out, &it);
}

static int every_child(struct ps_mapper *m, const struct ps_item *it,
                       struct ps_items *out)
{
	const cJSON *node = it->node, *c;
	size_t i = 0;

	if (!cJSON_IsArray(node) && !cJSON_IsObject(node))
		return PROCSEC_OK;
	cJSON_ArrayForEach(c, node) {
		char index[32];

		snprintf(index, sizeof(index), "%zu", i++);
		if (push_child(m, out, it, c,
		               cJSON_IsArray(node) ? index : c->string) != PROCSEC_OK)
			return m->b.code;
	}
	return PROCSEC_OK;
}

static int has_value(const cJSON *v, const char *want)
{
	const cJSON *e;

	if (cJSON_IsString(v))
		return strcmp(v->valuestring, want) == 0;
	if (!cJSON_IsArray(v))
		return 0;
	cJSON_ArrayForEach(e, v)
		if (cJSON_IsString(e) && strcmp(e->valuestring, want) == 0)
			return 1;
	return 0;
}

/* "[key=value]" or "[key]": does the item pass? */
static int passes(const struct ps_item *it, const char *filter)
{
	char key[MAX_STEP];
	const char *eq = strchr(filter, '=');
	size_t n = eq != NULL ? (size_t)(eq - filter) : strlen(filter);
	const cJSON *v;

	if (!cJSON_IsObject(it->node) || n >= sizeof(key))
		return 0;
	memcpy(key, filter, n);
	key[n] = '\0';
	v = cJSON_GetObjectItemCaseSensitive(it->node, key);
	if (eq == NULL)
		return v != NULL && !cJSON_IsNull(v);
	return has_value(v, eq + 1);
}

static int step(struct ps_mapper *m, const struct ps_items *in,
                const char *name, struct ps_items *out)
{
	size_t i, n = strlen(name);
	char filter[MAX_STEP];

	if (name[0] == '[' && n >= 3 && name[n - 1] == ']' && n < MAX_STEP) {
		snprintf(filter, sizeof(filter), "%.*s", (int)(n - 2), name + 1);
		for (i = 0; i < in->count; i++)
			if (passes(&in->v[i], filter) &&
			    ps_items_push(m, out, &in->v[i]) != PROCSEC_OK)
				return m->b.code;
		return PROCSEC_OK;
	}
	for (i = 0; i < in->count; i++) {
		const struct ps_item *it = &in->v[i];
		int rc = PROCSEC_OK;

		if (strcmp(name, "*") == 0)
			rc = every_child(m, it, out);
		else if (strcmp(name, ".") == 0)
			rc = ps_items_push(m, out, it);
		else if (cJSON_IsObject(it->node))
			rc = push_child(m, out, it,
			                cJSON_GetObjectItemCaseSensitive(it->node, name),
			                name);
		if (rc != PROCSEC_OK)
			return rc;
	}
	return PROCSEC_OK;
}

static int json_select(struct ps_mapper *m, const struct ps_item *at,
                       const char *path, const cJSON *where,
                       struct ps_items *out)
{
	struct json_side *j = m->impl;
	struct ps_item top = { j->json->root, NULL, "" };
	struct ps_items cur = { 0 }, next = { 0 };
	const char *p = path;
	int rc;

	(void)where;
	if (*p == '/')
		p++;
	rc = ps_items_push(m, &cur, *path == '/' ? &top : at);
	while (rc == PROCSEC_OK && *p != '\0' && cur.count > 0) {
		size_t n = strcspn(p, "/");
		char name[MAX_STEP];

		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		rc = step(m, &cur, name, &next);
		ps_items_free(&cur);
		cur = next;
		memset(&next, 0, sizeof(next));
		p += n + (p[n] == '/');
	}
	for (size_t i = 0; rc == PROCSEC_OK && i < cur.count; i++)
		rc = ps_items_push(m, out, &cur.v[i]);
	ps_items_free(&cur);
	return rc;
}

static const char *json_text(struct ps_mapper *m, const struct ps_item *it)
{
	const cJSON *node = it->node;

	if (cJSON_IsString(node))
		return node->valuestring;
	if (cJSON_IsBool(node))
		return cJSON_IsTrue(node) ? "true" : "false";
	if (cJSON_IsNumber(node))
		return ps_arena_printf(m->scratch, "%.15g", node->valuedouble);
	return NULL;
}

static void json_where(struct ps_mapper *m, const struct ps_item *it,
                       struct ps_loc *loc)
{
	struct json_side *j = m->impl;

	if (it->node == NULL)
		return;
	ps_json_position(j->json, it->node, &loc->line, &loc->column);
	loc->path = it->pointer;
}

static const struct ps_map_ops json_ops = {
	json_select, json_text, NULL, json_where,
};

int ps_adapt_json(struct ps_doc_list *out, const struct ps_adapter *a,
                  const char *source, const struct ps_json *json,
                  const struct procsec_options *opts, procsec_error *err)
{
	struct json_side j = { json };
	struct ps_item top = { json->root, NULL, "" };
	struct ps_mapper m;
	int rc;

	if (ps_mapper_start(&m, a, &json_ops, &j, opts, err) != PROCSEC_OK)
		return err->code;
	rc = ps_map_all(&m, out, source, &top, err);
	ps_mapper_end(&m);
	return rc;
}
