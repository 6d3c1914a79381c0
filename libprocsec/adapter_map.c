/*
 * adapter_map.c -- filling the tender model from an adapter's mapping,
 * whatever the syntax: the XML and JSON sides only select items.
 *
 * Real notices are not always complete or tidy, so a value the model
 * cannot hold (a procedure code the adapter does not map, a malformed
 * date) is left out rather than failing the notice; a missing required
 * field (id, title, language, buyer name) still fails it, saying which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter_map.h"

/* Document-level fields an adapter may fill, by their model names. */
static const struct {
	const char *name;
	enum ps_field field;
} field_names[] = {
	{ "id", PS_F_ID },
	{ "title", PS_F_TITLE },
	{ "buyer-name", PS_F_BUYER_NAME },
	{ "buyer-orgno", PS_F_BUYER_ORGNO },
	{ "buyer-country", PS_F_BUYER_COUNTRY },
	{ "procedure", PS_F_PROCEDURE },
	{ "published", PS_F_PUBLISHED },
	{ "deadline", PS_F_DEADLINE },
	{ "notice-type", PS_F_NOTICE_TYPE },
	{ "legal-basis", PS_F_LEGAL_BASIS },
};

#define FIELD_COUNT (sizeof(field_names) / sizeof(field_names[0]))

int ps_mapper_start(struct ps_mapper *m, const struct ps_adapter *a,
                    const struct ps_map_ops *ops, void *impl,
                    const struct procsec_options *opts, procsec_error *err)
{
	memset(m, 0, sizeof(*m));
	m->adapter = a;
	m->ops = ops;
	m->impl = impl;
	m->b.opts = opts;
	m->b.err = err;
	m->scratch = ps_arena_new();
	return m->scratch != NULL ? PROCSEC_OK : ps_error_nomem(err);
}

void ps_mapper_end(struct ps_mapper *m)
{
	ps_arena_free(m->scratch);
	m->scratch = NULL;
}

int ps_items_push(struct ps_mapper *m, struct ps_items *items,
                  const struct ps_item *it)
{
	if (items->count == items->cap) {
		size_t cap = items->cap ? items->cap * 2 : 8;
		struct ps_item *v = realloc(items->v, cap * sizeof(*v));

		if (v == NULL)
			return ps_build_error(&m->b, PROCSEC_ENOMEM, NULL,
			                      "out of memory");
		items->v = v;
		items->cap = cap;
	}
	items->v[items->count++] = *it;
	return PROCSEC_OK;
}

void ps_items_free(struct ps_items *items)
{
	free(items->v);
	memset(items, 0, sizeof(*items));
}

static int adapter_problem(struct ps_mapper *m, int code, const cJSON *where,
                           const char *fmt, va_list ap) PS_PRINTF(4, 0);

static int adapter_problem(struct ps_mapper *m, int code, const cJSON *where,
                           const char *fmt, va_list ap)
{
	struct ps_where at = { m->adapter->source, 0, 0, -1, NULL };
	char message[512];

	vsnprintf(message, sizeof(message), fmt, ap);
	ps_json_position(&m->adapter->json, where, &at.line, &at.column);
	if (m->b.code == PROCSEC_OK)
		m->b.code = code;
	return ps_error(m->b.err, code, &at, "format adapter '%s': %s",
	                m->adapter->name, message);
}

int ps_map_adapter_error(struct ps_mapper *m, const cJSON *where,
                         const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = adapter_problem(m, PROCSEC_EINVALID, where, fmt, ap);
	va_end(ap);
	return rc;
}

int ps_map_limit_error(struct ps_mapper *m, const cJSON *where,
                       const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = adapter_problem(m, PROCSEC_ELIMIT, where, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- values ---------------------------------------------------------- */

static int is_placeholder(const struct ps_mapper *m, const char *s)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                     "placeholders");
	const cJSON *p;

	cJSON_ArrayForEach(p, list)
		if (cJSON_IsString(p) && strcmp(p->valuestring, s) == 0)
			return 1;
	return 0;
}

/* The text of an item, normalised; NULL when empty or a placeholder. */
static const char *item_text(struct ps_mapper *m, const struct ps_item *it)
{
	const char *raw = it->text != NULL ? it->text : m->ops->text(m, it);
	const char *text;

	if (raw == NULL)
		return NULL;
	text = ps_text_normalise(m->scratch, raw, strlen(raw));
	if (text == NULL || *text == '\0' || is_placeholder(m, text))
		return NULL;
	return text;
}

static const char *lang_of(struct ps_mapper *m, const struct ps_item *it,
                           char *buf, size_t size)
{
	const char *raw;

	if (it->node == NULL || m->ops->lang == NULL)
		return NULL;
	raw = m->ops->lang(m, it);
	return raw != NULL ? ps_convert_lang(raw, buf, size) : NULL;
}

static int has_lang(struct ps_mapper *m, const struct ps_items *items,
                    const char *lang)
{
	char buf[16];
	size_t i;

	for (i = 0; lang[0] != '\0' && i < items->count; i++) {
		const char *l = lang_of(m, &items->v[i], buf, sizeof(buf));

		if (l != NULL && strcmp(l, lang) == 0)
			return 1;
	}
	return 0;
}

/*
 * Keeps the items in one language when they are in several: the one
 * asked for, else the notice's own, else the first item's.
 */
static void pick_language(struct ps_mapper *m, struct ps_items *items)
{
	char buf[16], first[16] = "";
	const char *target = NULL;
	size_t i, kept = 0;

	for (i = 0; i < items->count && first[0] == '\0'; i++)
		if (lang_of(m, &items->v[i], buf, sizeof(buf)) != NULL)
			snprintf(first, sizeof(first), "%s", buf);
	if (first[0] == '\0')
		return;
	if (has_lang(m, items, m->want_lang)) {
		target = m->want_lang;
		m->took_wanted = 1;
	} else if (has_lang(m, items, m->notice_lang)) {
		target = m->notice_lang;
	} else {
		target = first;
	}
	for (i = 0; i < items->count; i++) {
		const char *l = lang_of(m, &items->v[i], buf, sizeof(buf));

		if (l == NULL || strcmp(l, target) == 0)
			items->v[kept++] = items->v[i];
	}
	items->count = kept;
}

static int select_items(struct ps_mapper *m, const struct ps_item *at,
                        const cJSON *path, struct ps_items *out)
{
	int rc = m->ops->select(m, at, path->valuestring, path, out);

	if (rc == PROCSEC_OK)
		pick_language(m, out);
	return rc;
}

/* The text of the first item, or of all joined, at path. */
static const char *path_text(struct ps_mapper *m, const struct ps_item *at,
                             const cJSON *path, int all)
{
	struct ps_items items = { 0 };
	const char *joined = NULL;
	size_t i;

	if (select_items(m, at, path, &items) != PROCSEC_OK)
		return NULL;
	for (i = 0; i < items.count; i++) {
		const char *t = item_text(m, &items.v[i]);

		if (t == NULL)
			continue;
		if (joined == NULL && items.v[i].node != NULL)
			m->taken = items.v[i];
		if (joined == NULL)
			joined = t;
		else
			joined = ps_arena_printf(m->scratch, "%s\n%s", joined, t);
		if (!all || joined == NULL)
			break;
	}
	ps_items_free(&items);
	return joined;
}

static const char *eval(struct ps_mapper *m, const struct ps_item *at,
                        const cJSON *e, int all);

/* The first of several expressions that gives a value. */
static const char *first_of(struct ps_mapper *m, const struct ps_item *at,
                            const cJSON *list, int all)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, list) {
		const char *v = eval(m, at, e, all);

		if (v != NULL || m->b.code != PROCSEC_OK)
			return v;
	}
	return NULL;
}

static const char *joined_of(struct ps_mapper *m, const struct ps_item *at,
                             const cJSON *list, const char *separator)
{
	const char *joined = NULL;
	struct ps_item first = m->taken;
	const cJSON *e;

	cJSON_ArrayForEach(e, list) {
		const char *v = eval(m, at, e, 1);

		if (v == NULL)
			continue;
		/* the value is where its first part is, not its last */
		if (joined == NULL)
			first = m->taken;
		joined = joined == NULL ? v
		                        : ps_arena_printf(m->scratch, "%s%s%s", joined,
		                                          separator, v);
	}
	m->taken = first;
	return joined;
}

static const char *mapped(const cJSON *map, const char *v)
{
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(map, v);

	if (to == NULL)
		to = cJSON_GetObjectItemCaseSensitive(map, "*");
	if (cJSON_IsNull(to))
		return NULL;
	return cJSON_IsString(to) ? to->valuestring : v;
}

static const char *converted(struct ps_mapper *m, const cJSON *name,
                             const char *v)
{
	ps_convert_fn fn = ps_convert_named(name->valuestring);
	char buf[64];
	const char *out = fn(v, buf, sizeof(buf));

	return out != NULL ? ps_arena_strdup(m->scratch, out) : NULL;
}

/* {"path"|"value"|"join", "convert", "map", "separator"} */
static const char *eval_object(struct ps_mapper *m, const struct ps_item *at,
                               const cJSON *e, int all)
{
	const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
	const cJSON *value = cJSON_GetObjectItemCaseSensitive(e, "value");
	const cJSON *join = cJSON_GetObjectItemCaseSensitive(e, "join");
	const cJSON *sep = cJSON_GetObjectItemCaseSensitive(e, "separator");
	const cJSON *convert = cJSON_GetObjectItemCaseSensitive(e, "convert");
	const cJSON *map = cJSON_GetObjectItemCaseSensitive(e, "map");
	const char *v = NULL;

	if (cJSON_IsString(value))
		v = value->valuestring;
	else if (join != NULL)
		v = joined_of(m, at, join,
		              cJSON_IsString(sep) ? sep->valuestring : "\n");
	else if (path != NULL)
		v = eval(m, at, path, all);
	if (v != NULL && convert != NULL)
		v = converted(m, convert, v);
	if (v != NULL && map != NULL)
		v = mapped(map, v);
	return v;
}

/*
 * An expression: a path, a list of expressions tried in order, or an
 * object with a path (or a literal value, or a join) to convert and map.
 */
static const char *eval(struct ps_mapper *m, const struct ps_item *at,
                        const cJSON *e, int all)
{
	if (e == NULL || m->b.code != PROCSEC_OK)
		return NULL;
	if (cJSON_IsString(e))
		return path_text(m, at, e, all);
	if (cJSON_IsArray(e))
		return first_of(m, at, e, all);
	return eval_object(m, at, e, all);
}

static const char *eval_key(struct ps_mapper *m, const struct ps_item *at,
                            const cJSON *rule, const char *key, int all)
{
	return eval(m, at, cJSON_GetObjectItemCaseSensitive(rule, key), all);
}

/* The nodes an "each" gives; a string or a list of alternatives. */
static int each_of(struct ps_mapper *m, const struct ps_item *at,
                   const cJSON *each, struct ps_items *out)
{
	const cJSON *alt;

	if (each == NULL)
		return ps_items_push(m, out, at);
	if (cJSON_IsString(each))
		return m->ops->select(m, at, each->valuestring, each, out);
	cJSON_ArrayForEach(alt, each) {
		if (m->ops->select(m, at, alt->valuestring, alt, out) != PROCSEC_OK)
			return m->b.code;
		if (out->count > 0)
			break;
	}
	return PROCSEC_OK;
}

static int ps_map_documents(struct ps_mapper *m, const struct ps_item *root,
                            struct ps_items *out)
{
	return each_of(m, root,
	               cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                "documents"),
	               out);
}

static struct ps_loc loc_of(struct ps_mapper *m, const struct ps_item *it)
{
	struct ps_loc loc = { 0, 0, NULL };

	m->ops->where(m, it, &loc);
	return loc;
}

/* ---- document-level parts -------------------------------------------- */

/* Evaluates e at root; *loc is where the value came from (or root). */
static const char *value_at(struct ps_mapper *m, const struct ps_item *root,
                            const cJSON *e, struct ps_loc *loc)
{
	const char *v;

	memset(&m->taken, 0, sizeof(m->taken));
	v = eval(m, root, e, 0);
	*loc = loc_of(m, m->taken.node != NULL ? &m->taken : root);
	return v;
}

static int valid_field(const struct ps_mapper *m, enum ps_field f,
                       const char *v)
{
	const char *country = m->b.doc->field[PS_F_BUYER_COUNTRY];

	if (ps_field_problem(f, v) != NULL)
		return 0;
	/* a foreign or VAT-style number is not a Swedish organisationsnummer */
	if (f == PS_F_BUYER_ORGNO && (country == NULL || strcmp(country, "SE") == 0))
		return ps_check_orgno(v) == NULL;
	return 1;
}

static int put_field(struct ps_mapper *m, const struct ps_item *root,
                     enum ps_field f, const char *name)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                       "fields");
	struct ps_loc loc;
	const char *v = value_at(m, root,
	                         cJSON_GetObjectItemCaseSensitive(fields, name),
	                         &loc);

	if (v == NULL || !valid_field(m, f, v))
		return m->b.code;
	return ps_build_field(&m->b, f, v, strlen(v), &loc);
}

static int put_buyer(struct ps_mapper *m, const struct ps_item *root)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                       "fields");
	struct ps_loc loc = loc_of(m, root);

	if (eval_key(m, root, fields, "buyer-name", 0) == NULL)
		return m->b.code;
	return ps_build_buyer(&m->b, &loc);
}

/* A number and its qualifier: the value and its currency, a duration. */
static int put_amount(struct ps_mapper *m, const struct ps_item *root)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                       "fields");
	const char *value = eval_key(m, root, fields, "value", 0);
	const char *currency = eval_key(m, root, fields, "value-currency", 0);
	struct ps_loc loc = loc_of(m, root);
	char buf[64];
	double amount;

	value = value != NULL ? ps_convert_number(value, buf, sizeof(buf)) : NULL;
	if (value == NULL || ps_parse_decimal(value, &amount) != 0 ||
	    currency == NULL || ps_check_currency(currency) != NULL)
		return m->b.code;
	if (ps_build_value(&m->b, amount, &loc) != PROCSEC_OK)
		return m->b.code;
	return ps_build_field(&m->b, PS_F_VALUE_CURRENCY, currency,
	                      strlen(currency), &loc);
}

static int put_duration(struct ps_mapper *m, const struct ps_item *root)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                       "fields");
	const char *value = eval_key(m, root, fields, "duration", 0);
	const char *unit = eval_key(m, root, fields, "duration-unit", 0);
	struct ps_loc loc = loc_of(m, root);
	char buf[64];
	double amount;

	value = value != NULL ? ps_convert_number(value, buf, sizeof(buf)) : NULL;
	if (value == NULL || unit == NULL || ps_parse_decimal(value, &amount) != 0)
		return m->b.code;
	if (strcmp(unit, "years") == 0) {
		amount *= 12;
		unit = "months";
	}
	if (ps_check_duration_unit(unit) != NULL || amount < 1 || amount > 1e6 ||
	    amount != (double)(long)amount)
		return m->b.code;
	if (ps_build_duration(&m->b, amount, &loc) != PROCSEC_OK)
		return m->b.code;
	return ps_build_field(&m->b, PS_F_DURATION_UNIT, unit, strlen(unit), &loc);
}

static int put_facts(struct ps_mapper *m, const struct ps_item *root)
{
	const cJSON *facts = cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                      "facts");
	const cJSON *f;

	cJSON_ArrayForEach(f, facts) {
		struct ps_loc loc;
		const char *v = value_at(m, root, f, &loc);
		procsec_fact value;

		if (v == NULL || (strcmp(v, "true") != 0 && strcmp(v, "false") != 0))
			continue;
		value = strcmp(v, "true") == 0 ? PROCSEC_FACT_TRUE
		                               : PROCSEC_FACT_FALSE;
		if (ps_build_fact(&m->b, f->string, value, &loc) != PROCSEC_OK)
			return m->b.code;
	}
	return m->b.code;
}

static int known_cpv(const procsec_doc *doc, const char *code)
{
	size_t i;

	for (i = 0; i < doc->cpv.count; i++)
		if (strcmp(((const struct ps_cpv *)ps_vec_at(&doc->cpv, i))->code,
		           code) == 0)
			return 1;
	return 0;
}

static int has_main_cpv(const procsec_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->cpv.count; i++)
		if (((const struct ps_cpv *)ps_vec_at(&doc->cpv, i))->main)
			return 1;
	return 0;
}

/* One CPV code per distinct code; a lot repeating it adds nothing. */
static int put_cpv_rule(struct ps_mapper *m, const struct ps_item *root,
                        const cJSON *rule)
{
	const cJSON *path = cJSON_GetObjectItemCaseSensitive(rule, "path");
	int main = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rule, "main"));
	struct ps_items items = { 0 };
	size_t i;

	if (select_items(m, root, path, &items) != PROCSEC_OK)
		return m->b.code;
	for (i = 0; i < items.count && m->b.code == PROCSEC_OK; i++) {
		char buf[16];
		const char *raw = item_text(m, &items.v[i]);
		const char *code = raw != NULL ? ps_convert_cpv(raw, buf, sizeof(buf))
		                               : NULL;
		struct ps_loc loc;

		if (code == NULL || known_cpv(m->b.doc, code))
			continue;
		loc = loc_of(m, &items.v[i]);
		ps_build_cpv(&m->b, code, main && !has_main_cpv(m->b.doc), &loc,
		             &loc);
	}
	ps_items_free(&items);
	return m->b.code;
}

static int put_cpv(struct ps_mapper *m, const struct ps_item *root)
{
	const cJSON *rule;

	cJSON_ArrayForEach(rule, cJSON_GetObjectItemCaseSensitive(
	                                 m->adapter->spec, "cpv"))
		if (put_cpv_rule(m, root, rule) != PROCSEC_OK)
			return m->b.code;
	return PROCSEC_OK;
}

static int put_attachment(struct ps_mapper *m, long section,
                          const struct ps_item *at, const cJSON *rule,
                          size_t n)
{
	const char *href = eval_key(m, at, rule, "href", 0);
	const char *title = eval_key(m, at, rule, "title", 0);
	const char *type = eval_key(m, at, rule, "type", 0);
	struct ps_loc loc;

	(void)section;
	(void)n;
	if (href == NULL && title == NULL)
		return m->b.code;
	loc = loc_of(m, at);
	return ps_build_attachment(&m->b, type != NULL ? type : "document", href,
	                           title, &loc);
}

/* ---- sections and clauses -------------------------------------------- */

/* A clause id unique in the document: section, term, and a count. */
static const char *clause_id(struct ps_mapper *m, long section,
                             const char *base, size_t n)
{
	const struct ps_section *s =
		section >= 0 ? ps_vec_at(&m->b.doc->sections, (size_t)section)
		             : NULL;
	const char *id = base;

	if (n > 1)
		id = ps_arena_printf(m->scratch, "%s #%zu", base, n);
	if (s == NULL || id == NULL)
		return id;
	if (s->id != NULL)
		return ps_arena_printf(m->scratch, "%s %s", s->id, id);
	return ps_arena_printf(m->scratch, "#%ld %s", section + 1, id);
}

static const char *literal(const cJSON *rule, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rule, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int put_clause(struct ps_mapper *m, long section,
                      const struct ps_item *at, const cJSON *rule, size_t n)
{
	const cJSON *text_e = cJSON_GetObjectItemCaseSensitive(rule, "text");
	const char *text, *term = literal(rule, "term"), *id;
	struct ps_clause_in in = { 0 };
	struct ps_loc loc;

	memset(&m->taken, 0, sizeof(m->taken));
	text = text_e != NULL ? eval(m, at, text_e, 1) : item_text(m, at);
	if (text == NULL)
		return m->b.code;
	/* the clause is where its text is, when that is one node */
	loc = loc_of(m, m->taken.node != NULL ? &m->taken : at);
	id = eval_key(m, at, rule, "id", 0);
	in.kind = literal(rule, "kind") != NULL ? literal(rule, "kind") : "text";
	in.level = literal(rule, "level");
	in.category = eval_key(m, at, rule, "category", 0);
	in.verification = eval_key(m, at, rule, "verification", 0);
	in.id = clause_id(m, section, id != NULL ? id : term != NULL ? term
	                                                             : "clause",
	                  n);
	in.text = text;
	in.text_len = strlen(text);
	if (in.id == NULL)
		return ps_build_error(&m->b, PROCSEC_ENOMEM, NULL, "out of memory");
	return ps_build_clause(&m->b, section, &in, &loc);
}

/* What a rule does at one node its "each" gives. */
typedef int (*rule_fn)(struct ps_mapper *m, long section,
                       const struct ps_item *at, const cJSON *rule, size_t n);

/* Runs fn at every node each rule's "each" gives at `at`; n counts them
 * from 1 when a rule gives several, and is 1 when it gives one. */
static int each_rule(struct ps_mapper *m, long section,
                     const struct ps_item *at, const cJSON *rules, rule_fn fn)
{
	const cJSON *rule;

	cJSON_ArrayForEach(rule, rules) {
		struct ps_items items = { 0 };
		size_t i;

		if (each_of(m, at, cJSON_GetObjectItemCaseSensitive(rule, "each"),
		            &items) == PROCSEC_OK)
			for (i = 0; i < items.count && m->b.code == PROCSEC_OK; i++)
				fn(m, section, &items.v[i], rule,
				   items.count > 1 ? i + 1 : 1);
		ps_items_free(&items);
		if (m->b.code != PROCSEC_OK)
			return m->b.code;
	}
	return PROCSEC_OK;
}

/* A section for the node, its clauses, then its nested sections. */
static int put_section(struct ps_mapper *m, long parent,
                       const struct ps_item *at, const cJSON *rule, size_t n)
{
	const char *id = eval_key(m, at, rule, "id", 0);
	const char *title = eval_key(m, at, rule, "title", 0);
	struct ps_loc loc = loc_of(m, at);
	long s;

	(void)n;
	if (m->b.code != PROCSEC_OK)
		return m->b.code;
	s = ps_build_section(&m->b, parent, id, title, &loc);
	if (s < 0)
		return m->b.code;
	if (each_rule(m, s, at, cJSON_GetObjectItemCaseSensitive(rule, "clauses"),
	              put_clause) != PROCSEC_OK)
		return m->b.code;
	return each_rule(m, s, at,
	                 cJSON_GetObjectItemCaseSensitive(rule, "sections"),
	                 put_section);
}

/* ---- the document ---------------------------------------------------- */

/* The notice's own language, and the one to take texts in. */
static void choose_languages(struct ps_mapper *m, const struct ps_item *root)
{
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                       "fields");
	const char *v = eval_key(m, root, fields, "lang", 0);
	char buf[16];

	m->notice_lang[0] = '\0';
	if (v != NULL && ps_convert_lang(v, buf, sizeof(buf)) != NULL)
		snprintf(m->notice_lang, sizeof(m->notice_lang), "%s", buf);
	snprintf(m->want_lang, sizeof(m->want_lang), "%s", m->b.opts->lang);
	m->took_wanted = 0;
}

/* The language the clauses were taken in, once they all are. */
static int put_language(struct ps_mapper *m, const struct ps_item *root)
{
	const char *lang = m->took_wanted ? m->want_lang : m->notice_lang;
	struct ps_loc loc = loc_of(m, root);

	if (lang[0] == '\0')
		return m->b.code;
	return ps_build_field(&m->b, PS_F_LANG, lang, strlen(lang), &loc);
}

static int put_fields(struct ps_mapper *m, const struct ps_item *root)
{
	size_t i;

	if (put_buyer(m, root) != PROCSEC_OK)
		return m->b.code;
	/* the country first: it decides how the organisation number reads */
	if (put_field(m, root, PS_F_BUYER_COUNTRY, "buyer-country") != PROCSEC_OK)
		return m->b.code;
	for (i = 0; i < FIELD_COUNT; i++)
		if (field_names[i].field != PS_F_BUYER_COUNTRY &&
		    put_field(m, root, field_names[i].field, field_names[i].name) !=
		            PROCSEC_OK)
			return m->b.code;
	if (put_amount(m, root) != PROCSEC_OK)
		return m->b.code;
	return put_duration(m, root);
}

procsec_doc *ps_map_document(struct ps_mapper *m, const struct ps_item *root,
                             const char *source, procsec_error *err)
{
	const cJSON *spec = m->adapter->spec;

	if (ps_build_start(&m->b, source, m->adapter->name, m->b.opts, err) ==
	    PROCSEC_OK) {
		struct ps_loc loc = loc_of(m, root);

		m->b.doc->root_loc = loc;
		if (ps_build_loc(&m->b, &m->b.doc->root_loc, &loc) == PROCSEC_OK) {
			choose_languages(m, root);
			if (put_fields(m, root) == PROCSEC_OK &&
			    put_cpv(m, root) == PROCSEC_OK &&
			    put_facts(m, root) == PROCSEC_OK &&
			    each_rule(m, -1, root,
			              cJSON_GetObjectItemCaseSensitive(spec, "clauses"),
			              put_clause) == PROCSEC_OK &&
			    each_rule(m, -1, root,
			              cJSON_GetObjectItemCaseSensitive(spec, "sections"),
			              put_section) == PROCSEC_OK &&
			    each_rule(m, -1, root,
			              cJSON_GetObjectItemCaseSensitive(spec,
			                                               "attachments"),
			              put_attachment) == PROCSEC_OK)
				put_language(m, root);
		}
	}
	return ps_build_finish(&m->b);
}

int ps_map_all(struct ps_mapper *m, struct ps_doc_list *out,
               const char *source, const struct ps_item *top,
               procsec_error *err)
{
	struct ps_items docs = { 0 };
	size_t i;
	int rc = ps_map_documents(m, top, &docs);

	for (i = 0; rc == PROCSEC_OK && i < docs.count; i++) {
		procsec_doc *doc = ps_map_document(m, &docs.v[i], source, err);

		rc = doc != NULL ? ps_doc_list_add(out, doc, err) : err->code;
	}
	if (rc == PROCSEC_OK && docs.count == 0) {
		struct ps_where where = { source, 1, 1, 0, NULL };

		rc = ps_error(err, PROCSEC_EFORMAT, &where,
		              "the %s adapter found no tender in the input",
		              m->adapter->name);
	}
	ps_items_free(&docs);
	return rc;
}
