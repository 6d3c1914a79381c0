/*
 * formats.c -- the format adapters in force (the bundled ones, then
 * those the caller adds), which one claims an input, and the list that
 * `procsec formats` shows.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "adapter.h"
#include "xml_load.h"

int ps_doc_list_add(struct ps_doc_list *list, procsec_doc *doc,
                    procsec_error *err)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 4;
		procsec_doc **items = realloc(list->items, cap * sizeof(*items));

		if (items == NULL) {
			procsec_doc_free(doc);
			return ps_error_nomem(err);
		}
		list->items = items;
		list->cap = cap;
	}
	list->items[list->count++] = doc;
	return PROCSEC_OK;
}

void ps_doc_list_free(struct ps_doc_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		procsec_doc_free(list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/*
 * The bundled adapters are read and checked once per process and then
 * shared, read-only, by every parse on every thread.
 */
static struct ps_adapters bundled;
static procsec_error bundled_err;
static pthread_once_t bundled_once = PTHREAD_ONCE_INIT;

static void read_bundled(void)
{
	size_t n = 0, i;

	while (ps_bundled_formats[n].path != NULL)
		n++;
	bundled.items = calloc(n + 1, sizeof(*bundled.items));
	if (bundled.items == NULL) {
		ps_error_nomem(&bundled_err);
		return;
	}
	for (i = 0; i < n; i++) {
		if (ps_adapter_read(&bundled.items[i], ps_bundled_formats[i].path,
		                    ps_bundled_formats[i].text,
		                    ps_bundled_formats[i].len,
		                    &bundled_err) != PROCSEC_OK)
			return;
		bundled.count++;
	}
}

int ps_adapters_load(struct ps_adapters *out,
                     const struct procsec_options *opts, procsec_error *err)
{
	size_t n, i;

	pthread_once(&bundled_once, read_bundled);
	memset(out, 0, sizeof(*out));
	if (bundled_err.code != PROCSEC_OK) {
		*err = bundled_err;
		return err->code;
	}
	n = bundled.count + opts->format_count;
	out->items = calloc(n + 1, sizeof(*out->items));
	if (out->items == NULL)
		return ps_error_nomem(err);
	memcpy(out->items, bundled.items, bundled.count * sizeof(*out->items));
	out->count = out->shared = bundled.count;
	for (i = 0; i < opts->format_count; i++) {
		const struct ps_user_format *u = &opts->formats[i];

		if (ps_adapter_read(&out->items[out->count], u->path, u->text, u->len,
		                    err) != PROCSEC_OK) {
			ps_adapters_free(out);
			return err->code;
		}
		out->count++;
	}
	return PROCSEC_OK;
}

void ps_adapters_free(struct ps_adapters *set)
{
	size_t i;

	for (i = set->shared; i < set->count; i++)
		ps_adapter_free(&set->items[i]);
	free(set->items);
	memset(set, 0, sizeof(*set));
}

/* The last adapter of that name: one the caller adds replaces ours. */
const struct ps_adapter *ps_adapters_find(const struct ps_adapters *set,
                                          const char *name)
{
	size_t i;

	for (i = set->count; i > 0; i--)
		if (strcmp(set->items[i - 1].name, name) == 0)
			return &set->items[i - 1];
	return NULL;
}

/* "{namespace}local" or "local" (no namespace) against an element. */
static int root_is(const xmlNode *root, const char *want)
{
	const char *href = root->ns != NULL ? (const char *)root->ns->href : "";
	const char *close = want[0] == '{' ? strchr(want, '}') : NULL;

	if (close == NULL)
		return root->ns == NULL && strcmp(want, (const char *)root->name) == 0;
	return strlen(href) == (size_t)(close - want - 1) &&
	       strncmp(href, want + 1, (size_t)(close - want - 1)) == 0 &&
	       strcmp(close + 1, (const char *)root->name) == 0;
}

static int test_passes(const struct ps_adapter *a, xmlDocPtr xml,
                       const char *test)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(xml);
	xmlXPathObjectPtr r = NULL;
	struct ps_xml_quiet quiet;
	const cJSON *ns;
	int yes = 0;

	if (ctx == NULL)
		return 0;
	cJSON_ArrayForEach(ns, cJSON_GetObjectItemCaseSensitive(a->spec,
	                                                       "namespaces"))
		xmlXPathRegisterNs(ctx, (const xmlChar *)ns->string,
		                   (const xmlChar *)ns->valuestring);
	ctx->node = xmlDocGetRootElement(xml);
	ps_xml_quiet(&quiet);
	r = xmlXPathEvalExpression((const xmlChar *)test, ctx);
	ps_xml_unquiet(&quiet);
	if (r != NULL)
		yes = xmlXPathCastToBoolean(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return yes;
}

int ps_adapter_claims_xml(const struct ps_adapter *a, struct _xmlDoc *xml)
{
	const cJSON *detect = cJSON_GetObjectItemCaseSensitive(a->spec, "detect");
	const cJSON *test = cJSON_GetObjectItemCaseSensitive(detect, "test");
	const xmlNode *root = xmlDocGetRootElement(xml);
	const cJSON *want;
	int claimed = 0;

	if (a->syntax != PS_SYNTAX_XML || root == NULL)
		return 0;
	cJSON_ArrayForEach(want, cJSON_GetObjectItemCaseSensitive(detect, "root"))
		claimed |= root_is(root, want->valuestring);
	if (claimed && cJSON_IsString(test))
		claimed = test_passes(a, xml, test->valuestring);
	return claimed;
}

static int has_all_keys(const cJSON *object, const cJSON *keys)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, keys)
		if (cJSON_GetObjectItemCaseSensitive(object, k->valuestring) == NULL)
			return 0;
	return 1;
}

int ps_adapter_claims_json(const struct ps_adapter *a, const cJSON *root)
{
	const cJSON *detect = cJSON_GetObjectItemCaseSensitive(a->spec, "detect");
	const cJSON *top = cJSON_GetObjectItemCaseSensitive(detect, "top");
	const cJSON *keys;
	int wants_array = cJSON_IsString(top) &&
	                  strcmp(top->valuestring, "array") == 0;

	if (a->syntax != PS_SYNTAX_JSON)
		return 0;
	if (wants_array != cJSON_IsArray(root))
		return 0;
	/* for a list, the keys are those of its first item */
	if (wants_array)
		root = root->child;
	if (!cJSON_IsObject(root))
		return 0;
	cJSON_ArrayForEach(keys, cJSON_GetObjectItemCaseSensitive(detect, "keys"))
		if (has_all_keys(root, keys))
			return 1;
	return 0;
}

/* ---- the public list -------------------------------------------------- */

struct procsec_formats {
	struct ps_adapters set;
	char **detection; /* how each is recognised, in words */
};

/* "root {ns}A | {ns}B; test …" or "keys a+b | c" */
static char *describe_detection(const struct ps_adapter *a)
{
	const cJSON *detect = cJSON_GetObjectItemCaseSensitive(a->spec, "detect");
	const cJSON *v, *k;
	size_t cap = 4096, n = 0;
	char *out = malloc(cap);
	int first_list = 1;

	if (out == NULL)
		return NULL;
	out[0] = '\0';
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(detect, "root"))
		n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s",
		                      n ? " | " : "root element ", v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(detect, "part");
	if (cJSON_IsString(v) && n < cap)
		n += (size_t)snprintf(out + n, cap - n,
		                      "a ZIP container with the part %s",
		                      v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(detect, "test");
	if (cJSON_IsString(v) && n < cap)
		n += (size_t)snprintf(out + n, cap - n, " where %s", v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(detect, "top");
	if (cJSON_IsString(v) && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "a top-level %s%s",
		                      v->valuestring,
		                      strcmp(v->valuestring, "array") == 0
		                              ? " whose first item has keys "
		                              : "");
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(detect, "keys")) {
		const char *sep = !first_list ? " | "
		                  : n > 0     ? "" /* after "whose first item has keys " */
		                              : "top-level keys ";

		first_list = 0;
		cJSON_ArrayForEach(k, v) {
			if (n < cap)
				n += (size_t)snprintf(out + n, cap - n, "%s%s", sep,
				                      k->valuestring);
			sep = "+";
		}
	}
	return out;
}

PROCSEC_API int procsec_formats_new(procsec_formats **out,
                                    const procsec_options *options,
                                    procsec_error *err)
{
	const struct procsec_options *opts = ps_options_or_default(options);
	procsec_formats *f;
	procsec_error local;
	size_t i;

	if (err == NULL)
		err = &local;
	ps_error_clear(err);
	if (out == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out is NULL");
	*out = NULL;
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return ps_error_nomem(err);
	if (ps_adapters_load(&f->set, opts, err) != PROCSEC_OK) {
		free(f);
		return err->code;
	}
	f->detection = calloc(f->set.count + 1, sizeof(*f->detection));
	for (i = 0; f->detection != NULL && i < f->set.count; i++)
		if ((f->detection[i] = describe_detection(&f->set.items[i])) == NULL)
			break;
	if (f->detection == NULL || i < f->set.count) {
		procsec_formats_free(f);
		return ps_error_nomem(err);
	}
	*out = f;
	return PROCSEC_OK;
}

PROCSEC_API size_t procsec_formats_count(const procsec_formats *f)
{
	return f != NULL ? f->set.count : 0;
}

static const struct ps_adapter *format_at(const procsec_formats *f, size_t i)
{
	return f != NULL && i < f->set.count ? &f->set.items[i] : NULL;
}

PROCSEC_API const char *procsec_format_name(const procsec_formats *f,
                                            size_t i)
{
	return format_at(f, i) != NULL ? format_at(f, i)->name : NULL;
}

PROCSEC_API const char *procsec_format_title(const procsec_formats *f,
                                             size_t i)
{
	return format_at(f, i) != NULL ? format_at(f, i)->title : NULL;
}

PROCSEC_API const char *procsec_format_syntax(const procsec_formats *f,
                                              size_t i)
{
	if (format_at(f, i) == NULL)
		return NULL;
	switch (format_at(f, i)->syntax) {
	case PS_SYNTAX_XML:
		return "xml";
	case PS_SYNTAX_JSON:
		return "json";
	default:
		return "zip";
	}
}

PROCSEC_API const char *procsec_format_detection(const procsec_formats *f,
                                                 size_t i)
{
	return format_at(f, i) != NULL ? f->detection[i] : NULL;
}

PROCSEC_API const char *procsec_format_source(const procsec_formats *f,
                                              size_t i)
{
	return format_at(f, i) != NULL ? format_at(f, i)->source : NULL;
}

PROCSEC_API void procsec_formats_free(procsec_formats *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; f->detection != NULL && i < f->set.count; i++)
		free(f->detection[i]);
	free(f->detection);
	ps_adapters_free(&f->set);
	free(f);
}

PROCSEC_API int procsec_options_add_format(procsec_options *opts,
                                           const char *path,
                                           procsec_error *err)
{
	struct ps_user_format u = { NULL, NULL, 0 }, *grown;
	struct ps_adapter check;
	procsec_error local;
	int rc;

	if (err == NULL)
		err = &local;
	ps_error_clear(err);
	if (opts == NULL || path == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "options or path is NULL");
	rc = ps_read_input(path, 1024 * 1024, &u.text, &u.len, err);
	if (rc == PROCSEC_OK)
		u.path = strdup(path);
	if (rc == PROCSEC_OK && u.path == NULL)
		rc = ps_error_nomem(err);
	if (rc == PROCSEC_OK) {
		rc = ps_adapter_read(&check, u.path, u.text, u.len, err);
		ps_adapter_free(&check);
	}
	grown = rc == PROCSEC_OK
	                ? realloc(opts->formats,
	                          (opts->format_count + 1) * sizeof(*grown))
	                : NULL;
	if (rc == PROCSEC_OK && grown == NULL)
		rc = ps_error_nomem(err);
	if (rc != PROCSEC_OK) {
		free(u.path);
		free(u.text);
		return rc;
	}
	opts->formats = grown;
	opts->formats[opts->format_count++] = u;
	return PROCSEC_OK;
}
