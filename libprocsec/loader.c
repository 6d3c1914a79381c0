/*
 * loader.c -- gathering rule packs and parameters, and compiling them
 * into an immutable rule set.
 *
 * The loader keeps each pack's bytes; compiling reads them all into one
 * rule set, so that rule ids are checked across packs and every pattern
 * is compiled once, however many packs and rules share it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_load.h"
#include "loader.h"

#ifndef PROCSEC_RULES_DIR
#define PROCSEC_RULES_DIR "/usr/local/share/procsec/rules"
#endif


PROCSEC_API int procsec_loader_new(procsec_loader **out,
                                   const procsec_options *opts,
                                   procsec_error *err)
{
	procsec_loader *loader;

	ps_error_clear(err);
	if (out == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out is NULL");
	loader = calloc(1, sizeof(*loader));
	if (loader == NULL)
		return ps_error_nomem(err);
	loader->opts = *ps_options_or_default(opts);
	ps_vec_init(&loader->packs, sizeof(struct pack_source));
	ps_vec_init(&loader->params, sizeof(struct param_value));
	ps_vec_init(&loader->waivers, sizeof(struct pack_source));
	ps_vec_init(&loader->adjustments, sizeof(struct ps_adjustment));
	ps_vec_init(&loader->profile_tags, sizeof(char *));
	*out = loader;
	return PROCSEC_OK;
}

static void free_sources(struct ps_vec *sources)
{
	size_t i;

	for (i = 0; i < sources->count; i++) {
		struct pack_source *p = ps_vec_at(sources, i);

		free(p->name);
		free(p->bytes);
	}
	ps_vec_free(sources);
}

PROCSEC_API void procsec_loader_free(procsec_loader *loader)
{
	size_t i;

	if (loader == NULL)
		return;
	free_sources(&loader->packs);
	free_sources(&loader->waivers);
	for (i = 0; i < loader->adjustments.count; i++) {
		struct ps_adjustment *a = ps_vec_at(&loader->adjustments, i);

		free(a->rule);
		free(a->source);
		free(a->pointer);
	}
	ps_vec_free(&loader->adjustments);
	for (i = 0; i < loader->profile_tags.count; i++)
		free(*(char **)ps_vec_at(&loader->profile_tags, i));
	ps_vec_free(&loader->profile_tags);
	free(loader->profile_id);
	for (i = 0; i < loader->params.count; i++)
		free(((struct param_value *)ps_vec_at(&loader->params, i))->name);
	ps_vec_free(&loader->params);
	free(loader);
}

/* Keeps a pack (or waiver file) after checking it is well-formed JSON. */
static int keep_source(procsec_loader *loader, struct ps_vec *into,
                       const char *name, char *bytes, size_t len,
                       procsec_diags *diags, procsec_error *err)
{
	struct pack_source *p;
	struct ps_json json;
	procsec_error first;
	int rc;

	ps_error_clear(&first);
	rc = ps_json_load(&json, name, bytes, len, &loader->opts, &first);
	ps_json_free(&json);
	if (rc != PROCSEC_OK) {
		struct ps_where where = { first.source, first.line, first.column,
			                  first.offset, first.pointer };

		ps_diag(diags, err, rc, &where, "%s", first.message);
		free(bytes);
		return rc;
	}
	p = ps_vec_push(into);
	if (p == NULL || (p->name = strdup(name)) == NULL) {
		free(bytes);
		if (p != NULL)
			into->count--;
		return ps_error_nomem(err);
	}
	p->bytes = bytes;
	p->len = len;
	return PROCSEC_OK;
}

PROCSEC_API int procsec_loader_add_pack_buffer(procsec_loader *loader,
                                               const char *source_name,
                                               const void *bytes, size_t len,
                                               procsec_diags *diags,
                                               procsec_error *err)
{
	char *copy;

	ps_error_clear(err);
	if (loader == NULL || (bytes == NULL && len > 0))
		return ps_error(err, PROCSEC_EARG, NULL, "loader or bytes is NULL");
	if (len > loader->opts.input_bytes)
		return ps_error(err, PROCSEC_ELIMIT, NULL,
		                "the pack is over the input limit of %zu bytes",
		                loader->opts.input_bytes);
	copy = malloc(len + 1);
	if (copy == NULL)
		return ps_error_nomem(err);
	if (len > 0)
		memcpy(copy, bytes, len);
	copy[len] = '\0';
	return keep_source(loader, &loader->packs,
	                   source_name != NULL ? source_name : "<memory>", copy,
	                   len, diags, err);
}

static int add_file_to(procsec_loader *loader, struct ps_vec *into,
                       const char *path, procsec_diags *diags,
                       procsec_error *err)
{
	char *bytes;
	size_t len;
	int rc;

	rc = ps_read_input(path, loader->opts.input_bytes, &bytes, &len, err);
	if (rc != PROCSEC_OK) {
		if (diags != NULL && err != NULL)
			ps_diag(diags, NULL, rc, NULL, "%s: %s", path, err->message);
		return rc;
	}
	return keep_source(loader, into, path, bytes, len, diags, err);
}

static int add_file(procsec_loader *loader, const char *path,
                    procsec_diags *diags, procsec_error *err)
{
	return add_file_to(loader, &loader->packs, path, diags, err);
}

PROCSEC_API int procsec_loader_add_waivers(procsec_loader *loader,
                                           const char *path,
                                           procsec_diags *diags,
                                           procsec_error *err)
{
	ps_error_clear(err);
	if (loader == NULL || path == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "loader or path is NULL");
	return add_file_to(loader, &loader->waivers, path, diags, err);
}

/*
 * The folders bundled packs are found in: PROCSEC_RULES_PATH's, then the
 * installed one.  Calls fn on each until it returns non-zero.
 */
static int each_rules_dir(int (*fn)(const char *dir, void *payload),
                          void *payload)
{
	const char *path = getenv("PROCSEC_RULES_PATH");
	char dir[4096];

	while (path != NULL && *path != '\0') {
		size_t n = strcspn(path, ":");

		if (n > 0 && n < sizeof(dir)) {
			memcpy(dir, path, n);
			dir[n] = '\0';
			if (fn(dir, payload))
				return 1;
		}
		path += n + (path[n] == ':');
	}
	return fn(PROCSEC_RULES_DIR, payload);
}

struct lookup {
	const char *name;
	const char *subdir;
	char path[4200];
};

static int find_in_dir(const char *dir, void *payload)
{
	struct lookup *l = payload;
	FILE *f;

	snprintf(l->path, sizeof(l->path), "%s/%s%s.json", dir, l->subdir,
	         l->name);
	f = fopen(l->path, "rb");
	if (f == NULL)
		return 0;
	fclose(f);
	return 1;
}

static int is_path(const char *s)
{
	size_t n = strlen(s);

	return strchr(s, '/') != NULL || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

int ps_find_rules_file(const char *name, const char *subdir, char *path,
                       size_t size)
{
	struct lookup l;

	if (is_path(name)) {
		snprintf(path, size, "%s", name);
		return 1;
	}
	l.name = name;
	l.subdir = subdir;
	if (!each_rules_dir(find_in_dir, &l))
		return 0;
	snprintf(path, size, "%s", l.path);
	return 1;
}

PROCSEC_API int procsec_loader_add_pack(procsec_loader *loader,
                                        const char *name_or_path,
                                        procsec_diags *diags,
                                        procsec_error *err)
{
	char path[4200];

	ps_error_clear(err);
	if (loader == NULL || name_or_path == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "loader or name is NULL");
	if (!ps_find_rules_file(name_or_path, "", path, sizeof(path))) {
		struct ps_where where = { name_or_path, 0, 0, -1, NULL };

		ps_diag(diags, err, PROCSEC_EIO, &where,
		        "no bundled pack of that name (looked in "
		        "PROCSEC_RULES_PATH and %s)",
		        PROCSEC_RULES_DIR);
		return PROCSEC_EIO;
	}
	return add_file(loader, path, diags, err);
}

/* ---- every bundled pack ----------------------------------------------- */

struct bundle {
	procsec_loader *loader;
	procsec_diags *diags;
	procsec_error *err;
	struct ps_vec seen; /* char *: file names already added */
	int rc;
};

static int seen_before(struct bundle *b, const char *file)
{
	size_t i;
	char **slot;

	for (i = 0; i < b->seen.count; i++)
		if (strcmp(*(char **)ps_vec_at(&b->seen, i), file) == 0)
			return 1;
	slot = ps_vec_push(&b->seen);
	if (slot != NULL)
		*slot = strdup(file);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_pack_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 5 &&
	       strcmp(e->d_name + n - 5, ".json") == 0;
}

static int add_dir(const char *dir, void *payload)
{
	struct bundle *b = payload;
	struct dirent **entries;
	char path[4200];
	int n, i;

	n = scandir(dir, &entries, is_pack_file, by_name);
	for (i = 0; i < n; i++) {
		if (!seen_before(b, entries[i]->d_name)) {
			snprintf(path, sizeof(path), "%s/%s", dir, entries[i]->d_name);
			if (add_file(b->loader, path, b->diags, b->err) != PROCSEC_OK &&
			    b->rc == PROCSEC_OK)
				b->rc = b->err != NULL ? b->err->code : PROCSEC_EINVALID;
		}
		free(entries[i]);
	}
	if (n >= 0)
		free(entries);
	return 0;
}

PROCSEC_API int procsec_loader_add_bundled(procsec_loader *loader,
                                           procsec_diags *diags,
                                           procsec_error *err)
{
	struct bundle b = { loader, diags, err, { 0 }, PROCSEC_OK };
	size_t i;

	ps_error_clear(err);
	if (loader == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "loader is NULL");
	ps_vec_init(&b.seen, sizeof(char *));
	each_rules_dir(add_dir, &b);
	for (i = 0; i < b.seen.count; i++)
		free(*(char **)ps_vec_at(&b.seen, i));
	ps_vec_free(&b.seen);
	if (b.rc == PROCSEC_OK && loader->packs.count == 0)
		return ps_error(err, PROCSEC_EIO, NULL,
		                "no bundled packs found (looked in "
		                "PROCSEC_RULES_PATH and %s)",
		                PROCSEC_RULES_DIR);
	return b.rc;
}

PROCSEC_API int procsec_loader_set_param(procsec_loader *loader,
                                         const char *name, const char *value,
                                         procsec_error *err)
{
	struct param_value *p;
	double number;

	ps_error_clear(err);
	if (loader == NULL || name == NULL || value == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "a NULL argument");
	if (ps_parse_decimal(value, &number) != 0)
		return ps_error(err, PROCSEC_EARG, NULL,
		                "invalid value '%.40s' for parameter %.60s: expected "
		                "a number such as 24 or 1.5",
		                value, name);
	p = ps_vec_push(&loader->params);
	if (p == NULL || (p->name = strdup(name)) == NULL) {
		if (p != NULL)
			loader->params.count--;
		return ps_error_nomem(err);
	}
	p->value = number;
	return PROCSEC_OK;
}

/* ---- compiling ------------------------------------------------------- */

/* Finds a "param" or "pack.param" among the rule set's parameters. */
static struct ps_param *find_param(procsec_ruleset *rules, const char *name,
                                   int *ambiguous)
{
	const char *dot = strchr(name, '.');
	struct ps_param *found = NULL;
	size_t i;

	*ambiguous = 0;
	for (i = 0; i < rules->params.count; i++) {
		struct ps_param *p = ps_vec_at(&rules->params, i);
		const struct ps_pack *pack = ps_vec_at(&rules->packs, (size_t)p->pack);

		if (dot != NULL
		            ? strlen(pack->id) == (size_t)(dot - name) &&
		                      strncmp(pack->id, name, (size_t)(dot - name)) == 0 &&
		                      strcmp(p->name, dot + 1) == 0
		            : strcmp(p->name, name) == 0) {
			*ambiguous |= found != NULL;
			found = p;
		}
	}
	return found;
}

static int set_params(procsec_ruleset *rules, const procsec_loader *loader,
                      procsec_diags *diags, procsec_error *err)
{
	int rc = PROCSEC_OK, ambiguous;
	size_t i;

	for (i = 0; i < loader->params.count; i++) {
		const struct param_value *v = ps_vec_at(&loader->params, i);
		struct ps_param *p = find_param(rules, v->name, &ambiguous);
		struct ps_where where = { v->name, 0, 0, -1, NULL };

		if (p == NULL || ambiguous) {
			ps_diag(diags, err, PROCSEC_EARG, &where,
			        ambiguous ? "more than one pack has this parameter: "
			                    "name it as pack.parameter"
			                  : "no pack has this parameter");
			rc = PROCSEC_EARG;
			continue;
		}
		p->value = v->value;
	}
	return rc;
}

static int check_pack_ids(procsec_ruleset *rules, procsec_diags *diags,
                          procsec_error *err)
{
	size_t i, j;
	int rc = PROCSEC_OK;

	for (i = 0; i < rules->packs.count; i++)
		for (j = 0; j < i; j++) {
			const struct ps_pack *a = ps_vec_at(&rules->packs, i);
			const struct ps_pack *b = ps_vec_at(&rules->packs, j);
			struct ps_where where = { a->source, 0, 0, -1, NULL };

			if (strcmp(a->id, b->id) != 0)
				continue;
			ps_diag(diags, err, PROCSEC_EINVALID, &where,
			        "pack '%s' is loaded twice (also from %s)", a->id,
			        b->source);
			rc = PROCSEC_EINVALID;
		}
	return rc;
}

static int new_ruleset(procsec_ruleset **out, const procsec_loader *loader)
{
	procsec_ruleset *rules = calloc(1, sizeof(*rules));

	*out = rules;
	if (rules == NULL)
		return PROCSEC_ENOMEM;
	ps_vec_init(&rules->packs, sizeof(struct ps_pack));
	ps_vec_init(&rules->params, sizeof(struct ps_param));
	ps_vec_init(&rules->patterns, sizeof(struct ps_pattern));
	ps_vec_init(&rules->rules, sizeof(struct procsec_rule));
	ps_vec_init(&rules->infers, sizeof(struct ps_infer));
	ps_vec_init(&rules->waivers, sizeof(struct ps_waiver));
	rules->arena = ps_arena_new();
	rules->quantity = ps_quantity_compile();
	rules->match_context = pcre2_match_context_create(NULL);
	if (rules->arena == NULL || rules->quantity == NULL ||
	    rules->match_context == NULL)
		return PROCSEC_ENOMEM;
	pcre2_set_match_limit(rules->match_context, (uint32_t)loader->opts.match);
	pcre2_set_depth_limit(rules->match_context,
	                      (uint32_t)loader->opts.match_depth);
	return PROCSEC_OK;
}

/* The ovector pairs the largest pattern, the quantity one included,
 * needs: a match with too few pairs would lose its unit's group. */
static void size_match_data(procsec_ruleset *rules)
{
	uint32_t captures = 0, pairs = 8;
	size_t i;

	if (rules->quantity != NULL &&
	    pcre2_pattern_info(rules->quantity, PCRE2_INFO_CAPTURECOUNT,
	                       &captures) == 0 &&
	    captures + 1 > pairs)
		pairs = captures + 1;

	for (i = 0; i < rules->patterns.count; i++) {
		const struct ps_pattern *p = ps_vec_at(&rules->patterns, i);

		if (pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &captures) ==
		            0 &&
		    captures + 1 > pairs)
			pairs = captures + 1;
	}
	rules->max_pairs = pairs;
}

PROCSEC_API int procsec_loader_compile(procsec_ruleset **out,
                                       const procsec_loader *loader,
                                       procsec_diags *diags,
                                       procsec_error *err)
{
	procsec_ruleset *rules;
	int rc = PROCSEC_OK;
	size_t i;

	ps_error_clear(err);
	if (out == NULL || loader == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out or loader is NULL");
	*out = NULL;
	if (new_ruleset(&rules, loader) != PROCSEC_OK) {
		procsec_ruleset_free(rules);
		return ps_error_nomem(err);
	}
	for (i = 0; i < loader->packs.count; i++) {
		const struct pack_source *src = ps_vec_at(&loader->packs, i);
		struct ps_json json;

		if (ps_json_load(&json, src->name, src->bytes, src->len,
		                 &loader->opts, err) != PROCSEC_OK ||
		    ps_pack_read(rules, &json, diags, err) != PROCSEC_OK)
			rc = err != NULL && err->code != PROCSEC_OK ? err->code
			                                          : PROCSEC_EINVALID;
		ps_json_free(&json);
	}
	for (i = 0; i < loader->waivers.count; i++) {
		const struct pack_source *src = ps_vec_at(&loader->waivers, i);
		struct ps_json json;

		if (ps_json_load(&json, src->name, src->bytes, src->len,
		                 &loader->opts, err) != PROCSEC_OK ||
		    ps_waivers_read(rules, &json, diags, err) != PROCSEC_OK)
			rc = err != NULL && err->code != PROCSEC_OK ? err->code
			                                          : PROCSEC_EINVALID;
		ps_json_free(&json);
	}
	if (check_pack_ids(rules, diags, err) != PROCSEC_OK && rc == PROCSEC_OK)
		rc = PROCSEC_EINVALID;
	if (set_params(rules, loader, diags, err) != PROCSEC_OK && rc == PROCSEC_OK)
		rc = PROCSEC_EARG;
	if (rc == PROCSEC_OK && ps_profile_apply(rules, loader, diags, err) !=
	                                PROCSEC_OK)
		rc = PROCSEC_EINVALID;
	if (rc == PROCSEC_OK && rules->rules.count == 0)
		rc = ps_error(err, PROCSEC_EINVALID, NULL, "no rules to check with");
	if (rc != PROCSEC_OK) {
		procsec_ruleset_free(rules);
		return rc;
	}
	size_match_data(rules);
	*out = rules;
	return PROCSEC_OK;
}
