/*
 * profile.c -- tailoring: a profile selects packs, disables rules,
 * changes severities and sets parameters, and may extend another
 * profile (docs/profiles.md).  A city adjusts the rules without editing
 * the packs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "json_walk.h"
#include "loader.h"

#define MAX_EXTENDS 16

static const char *const profile_keys[] = {
	"$schema", "procsec_profile", "id", "title", "extends", "valid", "lang",
	"packs", "tags", "disable", "severity", "params", NULL,
};

static const char *const severities[] = { "info", "warning", "error", NULL };

struct profile_reader {
	struct ps_walk walk; /* first: the walk's report finds the reader */
	procsec_loader *loader;
	procsec_diags *diags;
	procsec_error *err;
	const char *source;
	int failed;
};

static int report(struct ps_walk *w, int code, const struct ps_loc *loc,
                  const char *message)
{
	struct profile_reader *r = (struct profile_reader *)w;
	struct ps_where where = { r->source, loc != NULL ? loc->line : 0,
		                  loc != NULL ? loc->column : 0, -1,
		                  loc != NULL ? loc->path : NULL };

	r->failed = 1;
	ps_diag(r->diags, r->err, code, &where, "%s", message);
	return code;
}

static int fail_at(struct profile_reader *r, const cJSON *node,
                   const char *fmt, ...) PS_PRINTF(3, 4);

static int fail_at(struct profile_reader *r, const cJSON *node,
                   const char *fmt, ...)
{
	struct ps_loc loc = ps_walk_loc(&r->walk, node);
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return report(&r->walk, PROCSEC_EINVALID, &loc, message);
}

/* Remembers a rule the profile names, with its place, for compile time. */
static void add_adjustment(struct profile_reader *r, const cJSON *node,
                           const char *rule, int disable, int severity)
{
	struct ps_adjustment *a = ps_vec_push(&r->loader->adjustments);

	if (a == NULL || (a->rule = strdup(rule)) == NULL ||
	    (a->source = strdup(r->source)) == NULL ||
	    (a->pointer = strdup(r->walk.pointer)) == NULL) {
		ps_walk_fail(&r->walk, PROCSEC_ENOMEM, NULL, "out of memory");
		return;
	}
	a->disable = disable;
	a->severity = severity;
	ps_json_position(r->walk.json, node, &a->line, &a->column);
}

/* Calls fn on each string of object[key], an array of strings. */
static void each_string(struct profile_reader *r, const cJSON *object,
                        const char *key,
                        void (*fn)(struct profile_reader *r,
                                   const cJSON *node))
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(object, key);
	const cJSON *node;
	size_t len, i = 0;

	if (list == NULL)
		return;
	len = ps_walk_push(&r->walk, key);
	if (!cJSON_IsArray(list))
		ps_walk_wrong_type(&r->walk, list, "an array of strings");
	for (node = cJSON_IsArray(list) ? list->child : NULL; node != NULL;
	     node = node->next, i++) {
		size_t at = ps_walk_push_index(&r->walk, i);

		if (!cJSON_IsString(node) || node->valuestring[0] == '\0')
			ps_walk_wrong_type(&r->walk, node, "a non-empty string");
		else
			fn(r, node);
		ps_walk_pop(&r->walk, at);
	}
	ps_walk_pop(&r->walk, len);
}

static void disable_rule(struct profile_reader *r, const cJSON *node)
{
	add_adjustment(r, node, node->valuestring, 1, -1);
}

static void add_tag(struct profile_reader *r, const cJSON *node)
{
	char **slot = ps_vec_push(&r->loader->profile_tags);

	if (slot == NULL || (*slot = strdup(node->valuestring)) == NULL)
		ps_walk_fail(&r->walk, PROCSEC_ENOMEM, NULL, "out of memory");
}

/* "lang": the reports' language when the caller does not ask for one. */
static void read_lang(struct profile_reader *r, const cJSON *root)
{
	const cJSON *lang = cJSON_GetObjectItemCaseSensitive(root, "lang");
	size_t len;

	if (lang == NULL)
		return;
	len = ps_walk_push(&r->walk, "lang");
	if (!cJSON_IsString(lang) || (strcmp(lang->valuestring, "sv") != 0 &&
	                              strcmp(lang->valuestring, "en") != 0))
		fail_at(r, lang, "invalid language: expected \"sv\" or \"en\"");
	else
		memcpy(r->loader->profile_lang, lang->valuestring, 3);
	ps_walk_pop(&r->walk, len);
}

static void read_date(struct profile_reader *r, const cJSON *period,
                      const char *key, char *out)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(period, key);
	size_t len;
	char why[160];

	if (node == NULL)
		return;
	len = ps_walk_push(&r->walk, key);
	if (!cJSON_IsString(node))
		ps_walk_wrong_type(&r->walk, node, "an ISO date YYYY-MM-DD");
	else if (ps_check_date(node->valuestring) != NULL)
		fail_at(r, node, "%s",
		        ps_date_problem(node->valuestring, why, sizeof(why)));
	else
		snprintf(out, 11, "%s", node->valuestring);
	ps_walk_pop(&r->walk, len);
}

/* "valid": the period the profile's rules are for; the last profile
 * read, the outermost, decides. */
static void read_valid(struct profile_reader *r, const cJSON *root)
{
	static const char *const period_keys[] = { "from", "until", NULL };
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "valid");
	struct ps_period *valid = &r->loader->profile_valid;
	size_t len;

	if (node == NULL)
		return;
	len = ps_walk_push(&r->walk, "valid");
	memset(valid, 0, sizeof(*valid));
	if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node, "an object with from/until");
	} else if (ps_walk_check_keys(&r->walk, node, period_keys) ==
	           PROCSEC_OK) {
		read_date(r, node, "from", valid->from);
		read_date(r, node, "until", valid->until);
		if (valid->from[0] != '\0' && valid->until[0] != '\0' &&
		    strcmp(valid->from, valid->until) > 0)
			fail_at(r, node, "the period ends (%s) before it begins (%s)",
			        valid->until, valid->from);
	}
	ps_walk_pop(&r->walk, len);
}

static void read_id(struct profile_reader *r, const cJSON *root)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");

	if (!cJSON_IsString(id))
		return;
	free(r->loader->profile_id);
	r->loader->profile_id = strdup(id->valuestring);
}

static void add_pack(struct profile_reader *r, const cJSON *node)
{
	procsec_error pack_err;

	if (procsec_loader_add_pack(r->loader, node->valuestring, r->diags,
	                            &pack_err) != PROCSEC_OK) {
		r->failed = 1;
		if (r->err != NULL && r->err->code == PROCSEC_OK)
			*r->err = pack_err;
	}
}

static void read_severities(struct profile_reader *r, const cJSON *object)
{
	const cJSON *map = cJSON_GetObjectItemCaseSensitive(object, "severity");
	const cJSON *m;
	size_t len;
	int s;

	if (map == NULL)
		return;
	len = ps_walk_push(&r->walk, "severity");
	if (!cJSON_IsObject(map))
		ps_walk_wrong_type(&r->walk, map, "an object of rule: severity");
	for (m = cJSON_IsObject(map) ? map->child : NULL; m != NULL; m = m->next) {
		size_t at = ps_walk_push(&r->walk, m->string);

		for (s = 0; severities[s] != NULL &&
		            !(cJSON_IsString(m) &&
		              strcmp(m->valuestring, severities[s]) == 0);
		     s++)
			;
		if (severities[s] == NULL)
			fail_at(r, m, "invalid severity for %s: expected error, "
			              "warning or info",
			        m->string);
		else
			add_adjustment(r, m, m->string, 0, s);
		ps_walk_pop(&r->walk, at);
	}
	ps_walk_pop(&r->walk, len);
}

static void read_params(struct profile_reader *r, const cJSON *object)
{
	const cJSON *map = cJSON_GetObjectItemCaseSensitive(object, "params");
	const cJSON *m;
	size_t len;

	if (map == NULL)
		return;
	len = ps_walk_push(&r->walk, "params");
	if (!cJSON_IsObject(map))
		ps_walk_wrong_type(&r->walk, map, "an object of parameter: number");
	for (m = cJSON_IsObject(map) ? map->child : NULL; m != NULL; m = m->next) {
		size_t at = ps_walk_push(&r->walk, m->string);
		char value[64];

		if (!cJSON_IsNumber(m) || m->valuedouble < 0) {
			ps_walk_wrong_type(&r->walk, m, "a number of at least 0");
		} else {
			snprintf(value, sizeof(value), "%.15g", m->valuedouble);
			if (procsec_loader_set_param(r->loader, m->string, value,
			                             NULL) != PROCSEC_OK)
				fail_at(r, m, "invalid value for parameter %s", m->string);
		}
		ps_walk_pop(&r->walk, at);
	}
	ps_walk_pop(&r->walk, len);
}

static int read_profile(procsec_loader *loader, const char *name, int depth,
                        procsec_diags *diags, procsec_error *err);

/* Reads the profile this one extends, before this one's own settings. */
static void read_base(struct profile_reader *r, const cJSON *root, int depth)
{
	const cJSON *base = cJSON_GetObjectItemCaseSensitive(root, "extends");
	size_t len;

	if (base == NULL)
		return;
	len = ps_walk_push(&r->walk, "extends");
	if (!cJSON_IsString(base) || base->valuestring[0] == '\0')
		ps_walk_wrong_type(&r->walk, base, "the name or path of a profile");
	else if (depth >= MAX_EXTENDS)
		fail_at(r, base, "profiles extend each other more than 16 deep "
		                 "(a cycle?) at '%s'",
		        base->valuestring);
	else if (read_profile(r->loader, base->valuestring, depth + 1, r->diags,
	                      r->err) != PROCSEC_OK)
		r->failed = 1;
	ps_walk_pop(&r->walk, len);
}

static void read_body(struct profile_reader *r, const cJSON *root, int depth)
{
	const cJSON *marker = cJSON_GetObjectItemCaseSensitive(root,
	                                                       "procsec_profile");

	if (!cJSON_IsObject(root) || !cJSON_IsNumber(marker) ||
	    marker->valuedouble != 1) {
		fail_at(r, root, "not a profile: expected an object with "
		                 "\"procsec_profile\": 1");
		return;
	}
	ps_walk_check_keys(&r->walk, root, profile_keys);
	read_base(r, root, depth);
	if (cJSON_HasObjectItem(root, "packs"))
		r->loader->profile_packs = 1;
	read_id(r, root);
	read_lang(r, root);
	read_valid(r, root);
	each_string(r, root, "packs", add_pack);
	each_string(r, root, "tags", add_tag);
	each_string(r, root, "disable", disable_rule);
	read_severities(r, root);
	read_params(r, root);
}

/* Profiles being read, outermost first: the way to a cycle. */
struct chain {
	const char *paths[MAX_EXTENDS + 1];
	int count;
};

static struct chain *current_chain(procsec_loader *loader)
{
	return (struct chain *)loader->profile_chain;
}

static int in_chain(procsec_loader *loader, const char *path)
{
	const struct chain *c = current_chain(loader);
	int i;

	for (i = 0; c != NULL && i < c->count; i++)
		if (strcmp(c->paths[i], path) == 0)
			return 1;
	return 0;
}

/* A profile by path, or by name in the profiles folder of the rules path. */
static int read_profile(procsec_loader *loader, const char *name, int depth,
                        procsec_diags *diags, procsec_error *err)
{
	struct profile_reader r;
	struct ps_json json;
	struct chain *c = current_chain(loader);
	char path[4200], *bytes = NULL;
	size_t len = 0;
	int rc;

	if (!ps_find_rules_file(name, "profiles/", path, sizeof(path))) {
		struct ps_where where = { name, 0, 0, -1, NULL };

		ps_diag(diags, err, PROCSEC_EIO, &where,
		        "no profile of that name (looked in the profiles folder of "
		        "PROCSEC_RULES_PATH and of the installed rules)");
		return PROCSEC_EIO;
	}
	if (in_chain(loader, path)) {
		struct ps_where where = { c->paths[c->count - 1], 0, 0, -1,
			                  "/extends" };

		ps_diag(diags, err, PROCSEC_EINVALID, &where,
		        "the profile extends %s, which extends it back: profiles "
		        "may not form a cycle",
		        path);
		return PROCSEC_EINVALID;
	}
	c->paths[c->count++] = path;
	memset(&json, 0, sizeof(json));
	rc = ps_read_input(path, loader->opts.input_bytes, &bytes, &len, err);
	if (rc == PROCSEC_OK)
		rc = ps_json_load(&json, path, bytes, len, &loader->opts, err);
	if (rc == PROCSEC_OK) {
		memset(&r, 0, sizeof(r));
		ps_walk_init(&r.walk, &json, report);
		r.loader = loader;
		r.diags = diags;
		r.err = err;
		r.source = path;
		read_body(&r, json.root, depth);
		rc = r.failed ? PROCSEC_EINVALID : PROCSEC_OK;
	} else if (diags != NULL && err != NULL) {
		ps_diag(diags, NULL, rc, NULL, "%s", err->message);
	}
	ps_json_free(&json);
	free(bytes);
	c->count--;
	return rc;
}

PROCSEC_API int procsec_profile_is_bundled(const char *name)
{
	char path[4200];

	return name != NULL && strchr(name, '/') == NULL &&
	       ps_find_rules_file(name, "profiles/", path, sizeof(path));
}

PROCSEC_API int procsec_loader_add_profile(procsec_loader *loader,
                                           const char *name_or_path,
                                           procsec_diags *diags,
                                           procsec_error *err)
{
	int rc;

	struct chain chain = { { NULL }, 0 };

	ps_error_clear(err);
	if (loader == NULL || name_or_path == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "loader or name is NULL");
	loader->profile_chain = &chain;
	rc = read_profile(loader, name_or_path, 0, diags, err);
	loader->profile_chain = NULL;
	if (rc == PROCSEC_OK && !loader->profile_packs)
		rc = procsec_loader_add_bundled(loader, diags, err);
	return rc;
}

/* ---- at compile time ------------------------------------------------- */

static procsec_rule *find_rule(procsec_ruleset *rules, const char *id)
{
	size_t i;

	for (i = 0; i < rules->rules.count; i++) {
		procsec_rule *rule = ps_vec_at(&rules->rules, i);

		if (strcmp(rule->id, id) == 0)
			return rule;
	}
	return NULL;
}

/* Whether the rule carries one of the tags; no tags: every rule does. */
static int tagged(const procsec_rule *rule, const struct ps_vec *tags)
{
	size_t i, j;

	if (tags->count == 0)
		return 1;
	for (i = 0; i < tags->count; i++)
		for (j = 0; j < rule->tags.count; j++)
			if (strcmp(*(char **)ps_vec_at(tags, i), rule->tags.items[j]) ==
			    0)
				return 1;
	return 0;
}

int ps_profile_apply(procsec_ruleset *rules, const procsec_loader *loader,
                     procsec_diags *diags, procsec_error *err)
{
	size_t i, kept = 0;
	int rc = PROCSEC_OK;

	for (i = 0; i < loader->adjustments.count; i++) {
		const struct ps_adjustment *a = ps_vec_at(&loader->adjustments, i);
		procsec_rule *rule = find_rule(rules, a->rule);
		struct ps_where where = { a->source, a->line, a->column, -1,
			                  a->pointer };

		if (rule == NULL) {
			ps_diag(diags, err, PROCSEC_EINVALID, &where,
			        "no rule '%s' in the packs loaded", a->rule);
			rc = PROCSEC_EINVALID;
		} else if (a->disable) {
			rule->disabled = 1;
		} else {
			rule->severity = (procsec_severity)a->severity;
			rule->severity_case_count = 0; /* fixed by the profile */
		}
	}
	for (i = 0; i < rules->rules.count; i++) {
		procsec_rule *rule = ps_vec_at(&rules->rules, i);

		if (!rule->disabled && !tagged(rule, &loader->profile_tags))
			continue;
		if (!rule->disabled)
			*(procsec_rule *)ps_vec_at(&rules->rules, kept++) = *rule;
	}
	rules->rules.count = kept;
	memcpy(rules->lang, loader->profile_lang, sizeof(rules->lang));
	rules->valid = loader->profile_valid;
	if (loader->profile_id != NULL)
		rules->profile = ps_arena_strdup(rules->arena, loader->profile_id);
	return rc;
}
