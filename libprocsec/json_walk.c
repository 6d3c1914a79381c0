/*
 * json_walk.c -- walking a cJSON tree with a JSON Pointer and positions
 * at hand.  Tender and pack readers share these so that both speak of
 * a bad value in the same words and at the same place.
 */
#include <stdio.h>
#include <string.h>

#include "json_walk.h"

void ps_walk_init(struct ps_walk *w, const struct ps_json *json,
                  ps_walk_report_fn report)
{
	w->json = json;
	w->report = report;
	w->pointer[0] = '\0';
}

size_t ps_walk_push(struct ps_walk *w, const char *key)
{
	size_t len = strlen(w->pointer);

	ps_json_pointer_append(w->pointer, sizeof(w->pointer), key);
	return len;
}

size_t ps_walk_push_index(struct ps_walk *w, size_t i)
{
	size_t len = strlen(w->pointer);

	snprintf(w->pointer + len, sizeof(w->pointer) - len, "/%zu", i);
	return len;
}

void ps_walk_pop(struct ps_walk *w, size_t len)
{
	w->pointer[len] = '\0';
}

struct ps_loc ps_walk_loc(const struct ps_walk *w, const cJSON *node)
{
	struct ps_loc loc = { 0, 0, w->pointer };

	ps_json_position(w->json, node, &loc.line, &loc.column);
	return loc;
}

struct ps_loc ps_walk_key_loc(const struct ps_walk *w, const cJSON *node)
{
	struct ps_loc loc = { 0, 0, w->pointer };

	ps_json_key_position(w->json, node, &loc.line, &loc.column);
	return loc;
}

int ps_walk_fail(struct ps_walk *w, int code, const struct ps_loc *loc,
                 const char *fmt, ...)
{
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return w->report(w, code, loc, message);
}

const char *ps_walk_type_name(const cJSON *node)
{
	if (cJSON_IsString(node))
		return "a string";
	if (cJSON_IsNumber(node))
		return "a number";
	if (cJSON_IsBool(node))
		return "a boolean";
	if (cJSON_IsNull(node))
		return "null";
	if (cJSON_IsArray(node))
		return node->child != NULL ? "an array" : "an empty array";
	return "an object";
}

int ps_walk_wrong_type(struct ps_walk *w, const cJSON *node,
                       const char *wanted)
{
	struct ps_loc loc = ps_walk_loc(w, node);

	return ps_walk_fail(w, PROCSEC_EINVALID, &loc, "expected %s, found %s",
	                    wanted, ps_walk_type_name(node));
}

static void remember_suggestion(struct ps_walk *w, const cJSON *object,
                                const char *key)
{
	if (w->suggested_in != object) {
		w->suggested_in = object;
		w->suggested_count = 0;
	}
	if (w->suggested_count < sizeof(w->suggested) / sizeof(w->suggested[0]))
		w->suggested[w->suggested_count++] = key;
}

int ps_walk_check_keys(struct ps_walk *w, const cJSON *object,
                       const char *const *allowed)
{
	const cJSON *m;
	int rc = PROCSEC_OK;

	for (m = object->child; m != NULL; m = m->next) {
		const char *const *ok = allowed, *hint;
		struct ps_loc loc;
		size_t len;
		int code;

		while (*ok != NULL && strcmp(*ok, m->string) != 0)
			ok++;
		if (*ok != NULL)
			continue;
		len = ps_walk_push(w, m->string);
		loc = ps_walk_key_loc(w, m);
		hint = ps_suggest(m->string, allowed);
		if (hint != NULL)
			remember_suggestion(w, object, hint);
		code = ps_walk_fail(w, PROCSEC_EINVALID, &loc,
		                    "unknown key \"%.40s\"%s%s%s", m->string,
		                    hint != NULL ? " (did you mean \"" : "",
		                    hint != NULL ? hint : "",
		                    hint != NULL ? "\"?)" : "");
		ps_walk_pop(w, len);
		if (rc == PROCSEC_OK)
			rc = code;
	}
	return rc;
}

int ps_walk_missing(struct ps_walk *w, const cJSON *object, const char *key,
                    const char *what)
{
	struct ps_loc loc = ps_walk_loc(w, object);
	size_t i;

	for (i = 0; w->suggested_in == object && i < w->suggested_count; i++)
		if (strcmp(w->suggested[i], key) == 0)
			return PROCSEC_EINVALID; /* said already: "did you mean" */
	return ps_walk_fail(w, PROCSEC_EINVALID, &loc,
	                    "%s has no \"%s\" (required)", what, key);
}
