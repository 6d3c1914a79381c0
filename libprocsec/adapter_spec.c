/*
 * adapter_spec.c -- reading a format adapter file and checking all of
 * it before any input is mapped with it: every key known, every value of
 * the right shape, every XPath expression compilable, every conversion
 * and clause kind one the library has.  The first problem is reported
 * with the JSON Pointer, line and column where it is.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/xpath.h>

#include "adapter_map.h"
#include "xml_load.h"

struct spec_check {
	const struct ps_adapter *a;
	procsec_error *err;
	char pointer[1024];
};

static int problem(struct spec_check *c, const cJSON *at, const char *fmt,
                   ...) PS_PRINTF(3, 4);

static int problem(struct spec_check *c, const cJSON *at, const char *fmt,
                   ...)
{
	struct ps_where where = { c->a->source, 0, 0, -1, c->pointer };
	char message[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	ps_json_position(&c->a->json, at, &where.line, &where.column);
	return ps_error(c->err, PROCSEC_EINVALID, &where, "%s", message);
}

/* Runs fn on the member key of object, with the pointer extended. */
typedef int (*check_fn)(struct spec_check *c, const cJSON *v);

static int at_member(struct spec_check *c, const cJSON *v, const char *token,
                     check_fn fn)
{
	size_t len = strlen(c->pointer);
	int rc;

	ps_json_pointer_append(c->pointer, sizeof(c->pointer), token);
	rc = fn(c, v);
	c->pointer[len] = '\0';
	return rc;
}

static int known_keys(struct spec_check *c, const cJSON *object,
                      const char *const *keys)
{
	const cJSON *m;

	if (!cJSON_IsObject(object))
		return problem(c, object, "expected an object");
	cJSON_ArrayForEach(m, object) {
		const char *const *k;
		const char *hint;

		for (k = keys; *k != NULL && strcmp(*k, m->string) != 0; k++)
			;
		if (*k != NULL)
			continue;
		hint = ps_suggest(m->string, keys);
		return problem(c, m, "unknown key \"%.60s\"%s%s%s", m->string,
		               hint != NULL ? " (did you mean \"" : "",
		               hint != NULL ? hint : "", hint != NULL ? "\"?)" : "");
	}
	return PROCSEC_OK;
}

static int check_string(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsString(v) && v->valuestring[0] != '\0')
		return PROCSEC_OK;
	return problem(c, v, "expected a non-empty string");
}

static int check_path(struct spec_check *c, const cJSON *v)
{
	struct ps_xml_quiet quiet;
	xmlXPathCompExprPtr expr;

	if (check_string(c, v) != PROCSEC_OK)
		return c->err->code;
	if (c->a->syntax == PS_SYNTAX_JSON) {
		if (strstr(v->valuestring, "//") == NULL)
			return PROCSEC_OK;
		return problem(c, v, "empty step in the path '%.100s'",
		               v->valuestring);
	}
	ps_xml_quiet(&quiet);
	expr = xmlXPathCompile((const xmlChar *)v->valuestring);
	ps_xml_unquiet(&quiet);
	if (expr == NULL)
		return problem(c, v, "invalid XPath 1.0 expression '%.200s'",
		               v->valuestring);
	xmlXPathFreeCompExpr(expr);
	return PROCSEC_OK;
}

/* A path, or a list of paths tried in order. */
static int check_paths(struct spec_check *c, const cJSON *v)
{
	const cJSON *e;
	int i = 0;

	if (!cJSON_IsArray(v))
		return check_path(c, v);
	cJSON_ArrayForEach(e, v) {
		char index[16];

		snprintf(index, sizeof(index), "%d", i++);
		if (at_member(c, e, index, check_path) != PROCSEC_OK)
			return c->err->code;
	}
	return i > 0 ? PROCSEC_OK : problem(c, v, "expected at least one path");
}

static int check_expression(struct spec_check *c, const cJSON *v);

static int check_list(struct spec_check *c, const cJSON *v, check_fn fn)
{
	const cJSON *e;
	int i = 0;

	if (!cJSON_IsArray(v))
		return problem(c, v, "expected a list");
	cJSON_ArrayForEach(e, v) {
		char index[16];

		snprintf(index, sizeof(index), "%d", i++);
		if (at_member(c, e, index, fn) != PROCSEC_OK)
			return c->err->code;
	}
	return PROCSEC_OK;
}

static int check_convert(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsString(v) && ps_convert_named(v->valuestring) != NULL)
		return PROCSEC_OK;
	return problem(c, v,
	               "unknown conversion: expected one of lang, country, date, "
	               "datetime, cpv, number, upper, lower");
}

static int check_map(struct spec_check *c, const cJSON *v)
{
	const cJSON *e;

	if (!cJSON_IsObject(v))
		return problem(c, v, "expected an object of values");
	cJSON_ArrayForEach(e, v)
		if (!cJSON_IsString(e) && !cJSON_IsNull(e))
			return problem(c, e, "\"%.60s\" must map to a string or null",
			               e->string);
	return PROCSEC_OK;
}

static int check_expression_list(struct spec_check *c, const cJSON *v)
{
	return check_list(c, v, check_expression);
}

static int check_expression_object(struct spec_check *c, const cJSON *v)
{
	static const char *const keys[] = { "path", "value", "join", "separator",
		                            "convert", "map", NULL };
	static const struct {
		const char *key;
		check_fn fn;
	} parts[] = {
		{ "path", check_expression }, { "value", check_string },
		{ "join", check_expression_list }, { "separator", check_string },
		{ "convert", check_convert }, { "map", check_map },
	};
	size_t i;
	int sources = 0;

	if (known_keys(c, v, keys) != PROCSEC_OK)
		return c->err->code;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, parts[i].key);

		sources += m != NULL && i < 3;
		if (m != NULL &&
		    at_member(c, m, parts[i].key, parts[i].fn) != PROCSEC_OK)
			return c->err->code;
	}
	if (sources == 1)
		return PROCSEC_OK;
	return problem(c, v, "expected exactly one of \"path\", \"value\" and "
	                     "\"join\"");
}

/* A path, a list of expressions tried in order, or an object. */
static int check_expression(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsArray(v))
		return check_expression_list(c, v);
	if (cJSON_IsObject(v))
		return check_expression_object(c, v);
	return check_path(c, v);
}

/* Checks the members of object that are present, each with its fn. */
struct member_check {
	const char *key;
	check_fn fn;
};

static int check_members(struct spec_check *c, const cJSON *object,
                         const struct member_check *checks, size_t n)
{
	const char *keys[24];
	size_t i;

	for (i = 0; i < n && i + 1 < sizeof(keys) / sizeof(keys[0]); i++)
		keys[i] = checks[i].key;
	keys[i] = NULL;
	if (known_keys(c, object, keys) != PROCSEC_OK)
		return c->err->code;
	for (i = 0; i < n; i++) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(object,
		                                                  checks[i].key);

		if (m != NULL && checks[i].fn != NULL &&
		    at_member(c, m, checks[i].key, checks[i].fn) != PROCSEC_OK)
			return c->err->code;
	}
	return PROCSEC_OK;
}

static int check_kind(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsString(v) && ps_check_kind(v->valuestring) == NULL)
		return PROCSEC_OK;
	return problem(c, v, "expected a clause kind: requirement, criterion, "
	                     "condition or text");
}

static int check_level(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsString(v) && ps_check_level(v->valuestring) == NULL)
		return PROCSEC_OK;
	return problem(c, v, "expected a level: shall, should or may");
}

static int check_clause(struct spec_check *c, const cJSON *v)
{
	static const struct member_check checks[] = {
		{ "each", check_paths }, { "text", check_expression },
		{ "kind", check_kind }, { "level", check_level },
		{ "category", check_expression },
		{ "verification", check_expression }, { "id", check_expression },
		{ "term", check_string },
	};

	return check_members(c, v, checks, sizeof(checks) / sizeof(checks[0]));
}

static int check_clauses(struct spec_check *c, const cJSON *v)
{
	return check_list(c, v, check_clause);
}

static int check_sections(struct spec_check *c, const cJSON *v);

static int check_section(struct spec_check *c, const cJSON *v)
{
	static const struct member_check checks[] = {
		{ "each", check_paths }, { "id", check_expression },
		{ "title", check_expression }, { "clauses", check_clauses },
		{ "sections", check_sections },
	};

	return check_members(c, v, checks, sizeof(checks) / sizeof(checks[0]));
}

static int check_sections(struct spec_check *c, const cJSON *v)
{
	return check_list(c, v, check_section);
}

static int check_attachment(struct spec_check *c, const cJSON *v)
{
	static const struct member_check checks[] = {
		{ "each", check_paths }, { "type", check_expression },
		{ "href", check_expression }, { "title", check_expression },
	};

	return check_members(c, v, checks, sizeof(checks) / sizeof(checks[0]));
}

static int check_main(struct spec_check *c, const cJSON *v)
{
	return cJSON_IsBool(v) ? PROCSEC_OK : problem(c, v, "expected a boolean");
}

static int check_cpv(struct spec_check *c, const cJSON *v)
{
	static const struct member_check checks[] = {
		{ "path", check_path }, { "main", check_main },
	};

	if (cJSON_GetObjectItemCaseSensitive(v, "path") == NULL &&
	    cJSON_IsObject(v))
		return problem(c, v, "a CPV rule needs a \"path\"");
	return check_members(c, v, checks, sizeof(checks) / sizeof(checks[0]));
}

static int check_fields(struct spec_check *c, const cJSON *v)
{
	static const struct member_check checks[] = {
		{ "id", check_expression }, { "title", check_expression },
		{ "lang", check_expression }, { "buyer-name", check_expression },
		{ "buyer-orgno", check_expression },
		{ "buyer-country", check_expression },
		{ "procedure", check_expression }, { "published", check_expression },
		{ "deadline", check_expression }, { "notice-type", check_expression },
		{ "legal-basis", check_expression }, { "value", check_expression },
		{ "value-currency", check_expression },
		{ "duration", check_expression },
		{ "duration-unit", check_expression },
	};

	return check_members(c, v, checks, sizeof(checks) / sizeof(checks[0]));
}

static int check_facts(struct spec_check *c, const cJSON *v)
{
	const cJSON *f;

	if (!cJSON_IsObject(v))
		return problem(c, v, "expected an object of fact names");
	cJSON_ArrayForEach(f, v) {
		if (ps_check_fact_name(f->string) != NULL)
			return problem(c, f, "invalid fact name \"%.60s\": %s",
			               f->string, ps_check_fact_name(f->string));
		if (at_member(c, f, f->string, check_expression) != PROCSEC_OK)
			return c->err->code;
	}
	return PROCSEC_OK;
}

static int check_strings(struct spec_check *c, const cJSON *v)
{
	return check_list(c, v, check_string);
}

static int check_namespaces(struct spec_check *c, const cJSON *v)
{
	const cJSON *ns;

	if (!cJSON_IsObject(v))
		return problem(c, v, "expected an object of prefix: URI");
	cJSON_ArrayForEach(ns, v)
		if (!cJSON_IsString(ns))
			return problem(c, ns, "the namespace URI of \"%.40s\" must be a "
			                      "string", ns->string);
	return PROCSEC_OK;
}

/* JSON detection: lists of keys, any list whose keys are all present. */
static int check_key_lists(struct spec_check *c, const cJSON *v)
{
	return check_list(c, v, check_strings);
}

static int check_top(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsString(v) && (strcmp(v->valuestring, "object") == 0 ||
	                          strcmp(v->valuestring, "array") == 0))
		return PROCSEC_OK;
	return problem(c, v, "expected \"object\" or \"array\"");
}

static int check_detect(struct spec_check *c, const cJSON *v)
{
	static const struct member_check xml_checks[] = {
		{ "root", check_strings }, { "test", check_path },
	};
	static const struct member_check json_checks[] = {
		{ "keys", check_key_lists }, { "top", check_top },
	};

	static const struct member_check zip_checks[] = {
		{ "part", check_string },
	};

	if (c->a->syntax == PS_SYNTAX_XML)
		return check_members(c, v, xml_checks, 2);
	if (c->a->syntax == PS_SYNTAX_ZIP)
		return check_members(c, v, zip_checks, 1);
	return check_members(c, v, json_checks, 2);
}

static int check_format_version(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsNumber(v) && v->valuedouble == 1)
		return PROCSEC_OK;
	return problem(c, v, "expected \"procsec_format\": 1");
}

static int check_name(struct spec_check *c, const cJSON *v)
{
	size_t n;

	if (!cJSON_IsString(v))
		return problem(c, v, "expected a string");
	n = strspn(v->valuestring, "abcdefghijklmnopqrstuvwxyz0123456789-");
	if (n > 0 && n <= 40 && v->valuestring[n] == '\0')
		return PROCSEC_OK;
	return problem(c, v, "invalid format name '%.60s': expected 1 to 40 "
	                     "lower-case letters, digits and hyphens",
	               v->valuestring);
}

static int check_syntax(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsString(v) && (strcmp(v->valuestring, "xml") == 0 ||
	                          strcmp(v->valuestring, "json") == 0))
		return PROCSEC_OK;
	/* the containers have only the built-in reader */
	if (cJSON_IsString(v) && strcmp(v->valuestring, "zip") == 0 &&
	    c->a->native)
		return PROCSEC_OK;
	return problem(c, v, "expected \"xml\" or \"json\"");
}

static int check_reader(struct spec_check *c, const cJSON *v)
{
	if (cJSON_IsString(v) && strcmp(v->valuestring, "native") == 0)
		return PROCSEC_OK;
	return problem(c, v, "expected \"native\" (the built-in reader of the "
	                     "procsec formats)");
}

static int check_cpv_list(struct spec_check *c, const cJSON *v)
{
	return check_list(c, v, check_cpv);
}

static int check_attachments(struct spec_check *c, const cJSON *v)
{
	return check_list(c, v, check_attachment);
}

static int check_root(struct spec_check *c, const cJSON *root)
{
	static const struct member_check checks[] = {
		{ "procsec_format", check_format_version }, { "name", check_name },
		{ "title", check_string }, { "syntax", check_syntax },
		{ "reader", check_reader }, { "refuse", check_string },
		{ "detect", check_detect }, { "namespaces", check_namespaces },
		{ "lang_attribute", check_string },
		{ "placeholders", check_strings }, { "documents", check_paths },
		{ "fields", check_fields }, { "facts", check_facts },
		{ "cpv", check_cpv_list }, { "clauses", check_clauses },
		{ "sections", check_sections }, { "attachments", check_attachments },
	};
	static const char *const required[] = { "procsec_format", "name",
		                                "title", "syntax", "detect",
		                                NULL };
	size_t i;

	if (!cJSON_IsObject(root))
		return problem(c, root, "a format adapter is a JSON object");
	for (i = 0; required[i] != NULL; i++)
		if (cJSON_GetObjectItemCaseSensitive(root, required[i]) == NULL)
			return problem(c, root, "a format adapter needs \"%s\"",
			               required[i]);
	return check_members(c, root, checks, sizeof(checks) / sizeof(checks[0]));
}

static const char *string_member(const cJSON *object, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(object, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int ps_adapter_read(struct ps_adapter *a, const char *source,
                    const char *text, size_t len, procsec_error *err)
{
	const struct procsec_options *opts = ps_options_or_default(NULL);
	struct spec_check c;
	const char *syntax;

	memset(a, 0, sizeof(*a));
	a->source = source;
	if (ps_json_load(&a->json, source, text, len, opts, err) != PROCSEC_OK)
		return err->code;
	a->spec = a->json.root;
	syntax = string_member(a->spec, "syntax");
	a->syntax = syntax == NULL                 ? PS_SYNTAX_XML
	            : strcmp(syntax, "json") == 0 ? PS_SYNTAX_JSON
	            : strcmp(syntax, "zip") == 0  ? PS_SYNTAX_ZIP
	                                          : PS_SYNTAX_XML;
	a->native = string_member(a->spec, "reader") != NULL;
	c.a = a;
	c.err = err;
	c.pointer[0] = '\0';
	if (check_root(&c, a->spec) != PROCSEC_OK)
		return err->code;
	a->name = string_member(a->spec, "name");
	a->title = string_member(a->spec, "title");
	a->refuse = string_member(a->spec, "refuse");
	return PROCSEC_OK;
}

void ps_adapter_free(struct ps_adapter *a)
{
	ps_json_free(&a->json);
	memset(a, 0, sizeof(*a));
}
