/*
 * pack_logic.c -- reading a pack's conditions, clause selectors and
 * checks (docs/rules.md), each into its compiled form.
 */
#include <stdlib.h>
#include <string.h>

#include "pack_read.h"

const char *ps_pr_member(struct pack_reader *r, const cJSON *object,
                         const char *key, const char *what,
                         const char *(*fn)(struct pack_reader *r,
                                           const cJSON *node))
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	const char *value;
	size_t len;

	if (node == NULL) {
		ps_walk_missing(&r->walk, object, key, what);
		return NULL;
	}
	len = ps_walk_push(&r->walk, key);
	value = fn(r, node);
	ps_walk_pop(&r->walk, len);
	return value;
}

struct ps_cond *ps_pr_cond_member(struct pack_reader *r, const cJSON *object,
                                  const char *key)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len = ps_walk_push(&r->walk, key);
	struct ps_cond *cond = ps_pr_cond(r, node);

	ps_walk_pop(&r->walk, len);
	return cond;
}

struct ps_check *ps_pr_check_member(struct pack_reader *r,
                                    const cJSON *object, const char *key)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len = ps_walk_push(&r->walk, key);
	struct ps_check *check = ps_pr_check(r, node);

	ps_walk_pop(&r->walk, len);
	return check;
}

const char *ps_pr_json_text(struct pack_reader *r, const cJSON *node)
{
	char *text = cJSON_PrintUnformatted(node);
	const char *copy;

	if (text == NULL) {
		ps_walk_fail(&r->walk, PROCSEC_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	copy = ps_pr_strdup(r, text);
	free(text);
	return copy;
}

/* One string of a list, checked against choices. */
static const char *list_item(struct pack_reader *r, const cJSON *node,
                             const char *label, const char *const *choices)
{
	const char *s = ps_pr_string(r, node);
	const char *const *c;

	if (s == NULL)
		return NULL;
	if (choices == NULL) /* the tree is freed after reading: keep a copy */
		return ps_pr_strdup(r, s);
	for (c = choices; *c != NULL; c++)
		if (strcmp(*c, s) == 0)
			return *c;
	ps_pr_unknown(r, node, label, s, choices);
	return NULL;
}

int ps_pr_string_list_member(struct pack_reader *r, const cJSON *object,
                             const char *key, const char *label,
                             const char *const *choices,
                             struct ps_string_list *out)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	const cJSON *item;
	struct ps_string_list list = { NULL, 0 };
	size_t len, i = 0;
	int ok = 1;

	if (node == NULL)
		return 1;
	len = ps_walk_push(&r->walk, key);
	if (cJSON_IsString(node)) {
		list.items = ps_pr_alloc(r, sizeof(*list.items));
		ok = list.items != NULL &&
		     (list.items[list.count++] = list_item(r, node, label, choices)) !=
		             NULL;
	} else if (!cJSON_IsArray(node) || cJSON_GetArraySize(node) == 0) {
		ok = !ps_walk_wrong_type(&r->walk, node,
		                         "a string or a non-empty array of strings");
	} else {
		list.items = ps_pr_alloc(r, (size_t)cJSON_GetArraySize(node) *
		                                    sizeof(*list.items));
		ok = list.items != NULL;
		for (item = node->child; ok && item != NULL; item = item->next) {
			size_t at = ps_walk_push_index(&r->walk, i++);

			list.items[list.count] = list_item(r, item, label, choices);
			ok = list.items[list.count++] != NULL;
			ps_walk_pop(&r->walk, at);
		}
	}
	ps_walk_pop(&r->walk, len);
	if (ok && out != NULL)
		*out = list;
	return ok;
}

/* A list of values from a closed set, as a bit per value. */
static int bits_member(struct pack_reader *r, const cJSON *object,
                       const char *key, const char *const *choices,
                       unsigned *out)
{
	struct ps_string_list list = { NULL, 0 };
	size_t i, c;

	*out = 0;
	if (!ps_pr_string_list_member(r, object, key, key, choices, &list))
		return 0;
	for (i = 0; i < list.count; i++)
		for (c = 0; choices[c] != NULL; c++)
			if (list.items[i] == choices[c])
				*out |= 1u << c;
	return 1;
}

/* A pattern or an array of patterns, all compiled. */
static int patterns_member(struct pack_reader *r, const cJSON *object,
                           const char *key, struct ps_pattern_list *out)
{
	struct ps_string_list list = { NULL, 0 };
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	const cJSON *item;
	size_t len, i = 0;
	int ok = 1;

	memset(out, 0, sizeof(*out));
	if (node == NULL)
		return 1;
	if (!ps_pr_string_list_member(r, object, key, NULL, NULL, &list))
		return 0;
	out->items = ps_pr_alloc(r, list.count * sizeof(*out->items));
	if (out->items == NULL)
		return 0;
	len = ps_walk_push(&r->walk, key);
	item = cJSON_IsArray(node) ? node->child : node;
	for (; item != NULL; item = cJSON_IsArray(node) ? item->next : NULL) {
		size_t at = cJSON_IsArray(node) ? ps_walk_push_index(&r->walk, i++)
		                                : strlen(r->walk.pointer);
		long p = ps_pr_pattern(r, item);

		ok &= p >= 0;
		out->items[out->count++] = p;
		ps_walk_pop(&r->walk, at);
	}
	ps_walk_pop(&r->walk, len);
	return ok;
}

static long pattern_member(struct pack_reader *r, const cJSON *object,
                           const char *key)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len;
	long p;

	if (node == NULL)
		return -1;
	len = ps_walk_push(&r->walk, key);
	p = ps_pr_pattern(r, node);
	ps_walk_pop(&r->walk, len);
	return p < 0 ? -2 : p;
}

/* ---- selectors ------------------------------------------------------- */

static const char *const selector_keys[] = { "kind", "level", "category",
	                                     "section", "text", "unless",
	                                     "verified", NULL };

/* "verified": true or false, whether the clause states how it is shown. */
static int verified_member(struct pack_reader *r, const cJSON *node,
                           int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, "verified");
	size_t len;

	*out = -1;
	if (v == NULL)
		return 1;
	if (cJSON_IsBool(v)) {
		*out = cJSON_IsTrue(v);
		return 1;
	}
	len = ps_walk_push(&r->walk, "verified");
	ps_walk_wrong_type(&r->walk, v, "true or false");
	ps_walk_pop(&r->walk, len);
	return 0;
}

static int read_selector(struct pack_reader *r, const cJSON *node,
                         struct ps_selector *sel)
{
	int ok;

	memset(sel, 0, sizeof(*sel));
	sel->section = -1;
	sel->verified = -1;
	if (!cJSON_IsObject(node))
		return !ps_walk_wrong_type(&r->walk, node, "a clause selector "
		                                           "(an object)");
	ok = ps_walk_check_keys(&r->walk, node, selector_keys) == PROCSEC_OK;
	ok &= bits_member(r, node, "kind", ps_clause_kinds, &sel->kinds);
	ok &= bits_member(r, node, "level", ps_levels, &sel->levels);
	ok &= ps_pr_string_list_member(r, node, "category", NULL, NULL,
	                               &sel->categories);
	sel->section = pattern_member(r, node, "section");
	ok &= sel->section != -2;
	ok &= patterns_member(r, node, "text", &sel->text);
	ok &= patterns_member(r, node, "unless", &sel->unless);
	ok &= verified_member(r, node, &sel->verified);
	return ok;
}

static int selector_member(struct pack_reader *r, const cJSON *object,
                           const char *key, struct ps_selector *sel)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len = ps_walk_push(&r->walk, key);
	int ok = read_selector(r, node, sel);

	ps_walk_pop(&r->walk, len);
	return ok;
}

/* ---- comparisons ----------------------------------------------------- */

static const char *const op_names[] = { "<", "<=", ">", ">=", "==", NULL };

static int read_compares(struct pack_reader *r, const cJSON *node,
                         struct ps_compare **out, size_t *count)
{
	const cJSON *m;
	int ok = 1;

	*count = 0;
	if (!cJSON_IsObject(node) || node->child == NULL)
		return !ps_walk_wrong_type(&r->walk, node,
		                           "an object of comparisons such as "
		                           "{\">=\": 24}");
	if (ps_walk_check_keys(&r->walk, node, op_names) != PROCSEC_OK)
		return 0;
	*out = ps_pr_alloc(r, (size_t)cJSON_GetArraySize(node) * sizeof(**out));
	if (*out == NULL)
		return 0;
	for (m = node->child; m != NULL; m = m->next) {
		struct ps_compare *c = &(*out)[*count];
		size_t len = ps_walk_push(&r->walk, m->string);
		int op;

		for (op = 0; strcmp(op_names[op], m->string) != 0; op++)
			;
		c->op = (enum ps_op)op;
		ok &= ps_pr_number(r, m, &c->bound);
		(*count)++;
		ps_walk_pop(&r->walk, len);
	}
	return ok;
}

/* ---- conditions ------------------------------------------------------ */

static const char *const cond_kinds[] = {
	"fact", "cpv", "procedure", "language", "country", "value", "duration",
	"clause", "all", "any", "not", NULL,
};

/* The one kind key an object has; reports none or several. */
/* A misspelt kind key ("requires") is named, with the key meant. */
static int misspelt_kind(struct pack_reader *r, const cJSON *node,
                         const char *const *kinds)
{
	const cJSON *m;

	for (m = node->child; m != NULL; m = m->next)
		if (ps_suggest(m->string, kinds) != NULL)
			return ps_walk_check_keys(&r->walk, node, kinds) != PROCSEC_OK;
	return 0;
}

static int kind_of(struct pack_reader *r, const cJSON *node,
                   const char *const *kinds, const char *what)
{
	const char *noun = strchr(what, ' ') + 1; /* "a check" -> "check" */
	int found = -1, k;

	if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node, what);
		return -1;
	}
	for (k = 0; kinds[k] != NULL; k++) {
		if (!cJSON_HasObjectItem(node, kinds[k]))
			continue;
		if (found >= 0) {
			ps_pr_fail_at(r, node, "\"%s\" and \"%s\" in one %s: combine "
			                       "them with \"all\" or \"any\"",
			              kinds[found], kinds[k], noun);
			return -1;
		}
		found = k;
	}
	if (found < 0 && !misspelt_kind(r, node, kinds))
		ps_pr_fail_at(r, node, "expected %s, with one of the keys %s%s",
		              what, kinds[0],
		              kinds == cond_kinds
		                      ? ", cpv, procedure, language, country, value, "
		                        "duration, clause, all, any, not"
		                      : ", forbid, quantity, field, attachment, all, "
		                        "any, not");
	return found;
}

static int read_fact_cond(struct pack_reader *r, const cJSON *node,
                          struct ps_cond *c)
{
	static const char *const keys[] = { "fact", "is", NULL };
	const cJSON *is = cJSON_GetObjectItemCaseSensitive(node, "is");

	if (ps_walk_check_keys(&r->walk, node, keys) != PROCSEC_OK)
		return 0;
	c->fact = ps_pr_member(r, node, "fact", "the condition", ps_pr_fact);
	c->is = PROCSEC_FACT_TRUE;
	if (is == NULL)
		return c->fact != NULL;
	if (cJSON_IsBool(is)) {
		c->is = cJSON_IsTrue(is) ? PROCSEC_FACT_TRUE : PROCSEC_FACT_FALSE;
	} else if (cJSON_IsString(is) && strcmp(is->valuestring, "unknown") == 0) {
		c->is = PROCSEC_FACT_UNKNOWN;
	} else {
		size_t len = ps_walk_push(&r->walk, "is");

		ps_pr_fail_at(r, is, "expected true, false or \"unknown\"");
		ps_walk_pop(&r->walk, len);
		return 0;
	}
	return c->fact != NULL;
}

/* Reads the parts of all/any (an array) or not (one condition). */
static int read_cond_parts(struct pack_reader *r, const cJSON *node,
                           const char *key, struct ps_cond *c)
{
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(node, key);
	const cJSON *item;
	size_t len = ps_walk_push(&r->walk, key), i = 0;
	int ok = 1;

	if (c->kind == C_NOT) {
		c->parts = ps_pr_alloc(r, sizeof(*c->parts));
		ok = c->parts != NULL && (c->parts[0] = ps_pr_cond(r, parts)) != NULL;
		c->part_count = 1;
	} else if (!cJSON_IsArray(parts) || parts->child == NULL) {
		ok = !ps_walk_wrong_type(&r->walk, parts,
		                         "a non-empty array of conditions");
	} else {
		c->parts = ps_pr_alloc(r, (size_t)cJSON_GetArraySize(parts) *
		                                  sizeof(*c->parts));
		for (item = parts->child; c->parts != NULL && item != NULL;
		     item = item->next) {
			size_t at = ps_walk_push_index(&r->walk, i++);

			c->parts[c->part_count] = ps_pr_cond(r, item);
			ok &= c->parts[c->part_count++] != NULL;
			ps_walk_pop(&r->walk, at);
		}
		ok &= c->parts != NULL;
	}
	ps_walk_pop(&r->walk, len);
	return ok;
}

/* What a CPV prefix, country or language in a condition must look like;
 * NULL when the value is fine. */
static const char *bad_value(enum ps_cond_kind kind, const char *v)
{
	size_t n = strlen(v), i;

	if (kind == C_CPV) {
		for (i = 0; i < n && v[i] >= '0' && v[i] <= '9'; i++)
			;
		if (i == 8 && n == 10 && v[8] == '-' && v[9] >= '0' && v[9] <= '9')
			return NULL; /* a whole code with its check digit */
		return i == n && n >= 1 && n <= 8
		               ? NULL
		               : "expected 1 to 8 digits of a CPV code, such as 8531";
	}
	if (kind == C_COUNTRY)
		return strcmp(v, "EEA") == 0 || ps_check_country(v) == NULL
		               ? NULL
		               : "expected an ISO 3166-1 alpha-2 code such as SE, "
		                 "or EEA";
	if (kind == C_LANGUAGE) {
		for (i = 0; i < n && v[i] >= 'a' && v[i] <= 'z'; i++)
			;
		return i == n && (n == 2 || n == 3)
		               ? NULL
		               : "expected a language code such as sv or en";
	}
	return NULL;
}

/* Values that could never match are errors, not silent non-matches. */
static int condition_values(struct pack_reader *r, const cJSON *node,
                            const char *key, enum ps_cond_kind kind)
{
	static const char *const what[] = { NULL, "CPV prefix", NULL,
		                            "language", "country" };
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(node, key);
	const cJSON *item;
	size_t len = ps_walk_push(&r->walk, key), i = 0;
	int ok = 1;

	item = cJSON_IsArray(list) ? list->child : list;
	for (; item != NULL; item = cJSON_IsArray(list) ? item->next : NULL, i++) {
		const char *why = bad_value(kind, item->valuestring);
		size_t at;

		if (why == NULL)
			continue;
		at = cJSON_IsArray(list) ? ps_walk_push_index(&r->walk, i)
		                         : strlen(r->walk.pointer);
		ps_pr_fail_at(r, item, "invalid %s '%.40s': %s", what[kind],
		              item->valuestring, why);
		ps_walk_pop(&r->walk, at);
		ok = 0;
	}
	ps_walk_pop(&r->walk, len);
	return ok;
}

/* A CPV code's check digit plays no part in matching its prefix. */
static void drop_check_digits(struct ps_string_list *values)
{
	size_t i;

	for (i = 0; i < values->count; i++)
		if (strlen(values->items[i]) == 10)
			((char *)values->items[i])[8] = '\0';
}

struct ps_cond *ps_pr_cond(struct pack_reader *r, const cJSON *node)
{
	int k = kind_of(r, node, cond_kinds, "a condition");
	const char *key = k >= 0 ? cond_kinds[k] : NULL;
	const char *only[2] = { key, NULL };
	struct ps_cond *c;
	int ok;

	if (k < 0 || (c = ps_pr_alloc(r, sizeof(*c))) == NULL)
		return NULL;
	c->kind = (enum ps_cond_kind)k;
	if (c->kind == C_FACT)
		return read_fact_cond(r, node, c) ? c : NULL;
	if (ps_walk_check_keys(&r->walk, node, only) != PROCSEC_OK)
		return NULL;
	switch (c->kind) {
	case C_CPV:
	case C_PROCEDURE:
	case C_LANGUAGE:
	case C_COUNTRY:
		ok = ps_pr_string_list_member(r, node, key, "procedure",
		                              c->kind == C_PROCEDURE ? ps_procedures
		                                                     : NULL,
		                              &c->values) &&
		     condition_values(r, node, key, c->kind);
		if (ok && c->kind == C_CPV)
			drop_check_digits(&c->values);
		break;
	case C_VALUE:
	case C_DURATION: {
		size_t len = ps_walk_push(&r->walk, key);

		ok = read_compares(r, cJSON_GetObjectItemCaseSensitive(node, key),
		                   &c->compares, &c->compare_count);
		ps_walk_pop(&r->walk, len);
		break;
	}
	case C_CLAUSE:
		c->selector = ps_pr_alloc(r, sizeof(*c->selector));
		ok = c->selector != NULL &&
		     selector_member(r, node, key, c->selector);
		break;
	default:
		ok = read_cond_parts(r, node, key, c);
	}
	return ok ? c : NULL;
}

/* ---- checks ---------------------------------------------------------- */

static const char *const check_kinds[] = {
	"require", "forbid", "quantity", "field", "attachment", "all", "any",
	"not", NULL,
};

static const char *const field_names[] = {
	"id", "title", "lang", "buyer.name", "buyer.orgno", "buyer.country",
	"procedure", "published", "deadline", "cpv.main", "value.amount",
	"value.currency", "duration.amount", "duration.unit", NULL,
};

static const char *const unit_names[] = { "minutes", "hours", "days",
	                                  "weeks", "months", NULL };

static int read_require(struct pack_reader *r, const cJSON *node,
                        struct ps_check *c)
{
	static const char *const keys[] = { "require", "min", NULL };
	const cJSON *min = cJSON_GetObjectItemCaseSensitive(node, "min");

	c->min = 1;
	if (ps_walk_check_keys(&r->walk, node, keys) != PROCSEC_OK)
		return 0;
	if (min != NULL) {
		if (!cJSON_IsNumber(min) || min->valuedouble < 1 ||
		    min->valuedouble != (double)(long)min->valuedouble) {
			size_t len = ps_walk_push(&r->walk, "min");

			if (cJSON_IsNumber(min))
				ps_pr_fail_at(r, min, "expected a whole number of at least "
				                      "1, found %g",
				              min->valuedouble);
			else
				ps_pr_fail_at(r, min, "expected a whole number of at least "
				                      "1, found %s",
				              ps_walk_type_name(min));
			ps_walk_pop(&r->walk, len);
			return 0;
		}
		c->min = (long)min->valuedouble;
	}
	return selector_member(r, node, "require", &c->selector);
}

static int read_bound(struct pack_reader *r, const cJSON *q, const char *key,
                      int *has, struct ps_number *out)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(q, key);
	size_t len;
	int ok;

	*has = node != NULL;
	if (node == NULL)
		return 1;
	len = ps_walk_push(&r->walk, key);
	ok = ps_pr_number(r, node, out);
	ps_walk_pop(&r->walk, len);
	return ok;
}

/* Units are named in English in packs; a Swedish name is a likely slip. */
static const char *swedish_unit(const char *unit)
{
	static const char *const pairs[][2] = {
		{ "minut", "minutes" }, { "tim", "hours" }, { "dygn", "days" },
		{ "dag", "days" },      { "veck", "weeks" }, { "månad", "months" },
	};
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strncmp(unit, pairs[i][0], strlen(pairs[i][0])) == 0)
			return pairs[i][1];
	return NULL;
}

static int read_quantity(struct pack_reader *r, const cJSON *node,
                         struct ps_check *c)
{
	static const char *const keys[] = { "clauses", "unit", "at_most",
		                            "at_least", NULL };
	const cJSON *q = cJSON_GetObjectItemCaseSensitive(node, "quantity");
	const char *unit;
	size_t len = ps_walk_push(&r->walk, "quantity");
	int ok = 0, u;

	if (!cJSON_IsObject(q)) {
		ps_walk_wrong_type(&r->walk, q, "an object");
	} else if (ps_walk_check_keys(&r->walk, q, keys) == PROCSEC_OK &&
	           (unit = ps_pr_member(r, q, "unit", "the quantity",
	                                ps_pr_string)) != NULL) {
		for (u = 0; unit_names[u] != NULL && strcmp(unit_names[u], unit);
		     u++)
			;
		c->unit = (enum ps_unit)u;
		ok = unit_names[u] != NULL;
		if (!ok) {
			size_t at = ps_walk_push(&r->walk, "unit");
			const char *meant = swedish_unit(unit);
			const cJSON *at_unit = cJSON_GetObjectItemCaseSensitive(q, "unit");

			if (meant != NULL)
				ps_pr_fail_at(r, at_unit, "unknown unit '%.40s' (did you mean "
				                       "'%s'?)",
				              unit, meant);
			else
				ps_pr_unknown(r, at_unit, "unit", unit, unit_names);
			ps_walk_pop(&r->walk, at);
		}
		ok &= read_bound(r, q, "at_most", &c->has_at_most, &c->at_most);
		ok &= read_bound(r, q, "at_least", &c->has_at_least, &c->at_least);
		if (ok && !c->has_at_most && !c->has_at_least)
			ok = !ps_pr_fail_at(r, q, "a quantity needs \"at_most\" or "
			                          "\"at_least\"");
		if (!cJSON_HasObjectItem(q, "clauses"))
			ok = !ps_walk_missing(&r->walk, q, "clauses", "the quantity");
		else
			ok &= selector_member(r, q, "clauses", &c->selector);
	}
	ps_walk_pop(&r->walk, len);
	return ok;
}

static const char *const field_ops[] = { "exists", "equals", "matches", "<",
	                                 "<=", ">", ">=", NULL };

/* Dates compare as ISO text: {"field": "published", ">=": "2018-05-25"}.
 * Returns 0 when m is no date (a number or "$param" is read instead). */
static int date_bound(struct pack_reader *r, const cJSON *m, struct ps_check *c)
{
	int dated = c->field == FN_PUBLISHED || c->field == FN_DEADLINE;

	if (!cJSON_IsString(m) || m->valuestring[0] == '$')
		return 0;
	if (!dated) {
		ps_pr_fail_at(r, m, "a date bound goes only with the fields "
		                    "published and deadline");
		return 0;
	}
	if (ps_check_date(m->valuestring) != NULL) {
		ps_pr_bad_date(r, m, m->valuestring);
		return 0;
	}
	c->equals_text = ps_pr_strdup(r, m->valuestring);
	return c->equals_text != NULL;
}

static int read_field_op(struct pack_reader *r, const cJSON *node,
                         const cJSON *m, struct ps_check *c)
{
	size_t len = ps_walk_push(&r->walk, m->string);
	int ok = 1, op;

	for (op = 0; strcmp(field_ops[op], m->string) != 0; op++)
		;
	if (op == 0) {
		c->field_op = FO_EXISTS;
		c->exists = cJSON_IsTrue(m);
		ok = cJSON_IsBool(m) || !ps_walk_wrong_type(&r->walk, m,
		                                            "true or false");
	} else if (op == 1) {
		c->field_op = FO_EQUALS;
		c->equals_is_number = cJSON_IsNumber(m);
		c->compare.bound.value = m->valuedouble;
		ok = c->equals_is_number ||
		     (cJSON_IsString(m) &&
		      (c->equals_text = ps_pr_strdup(r, m->valuestring)) != NULL) ||
		     !ps_walk_wrong_type(&r->walk, m, "a string or a number");
	} else if (op == 2) {
		c->field_op = FO_MATCHES;
		c->pattern = ps_pr_pattern(r, m);
		ok = c->pattern >= 0;
	} else {
		c->field_op = FO_COMPARE;
		c->compare.op = (enum ps_op)(op - 3);
		ok = date_bound(r, m, c);
		if (!ok && (!cJSON_IsString(m) || m->valuestring[0] == '$')) {
			ok = ps_pr_number(r, m, &c->compare.bound);
			if (ok && c->field != FN_VALUE_AMOUNT &&
			    c->field != FN_DURATION_AMOUNT)
				ok = !ps_pr_fail_at(r, m, "a number bound goes only with "
				                          "the fields value.amount and "
				                          "duration.amount");
		}
	}
	(void)node;
	ps_walk_pop(&r->walk, len);
	return ok;
}

static int read_field(struct pack_reader *r, const cJSON *node,
                      struct ps_check *c)
{
	static const char *const keys[] = { "field", "exists", "equals",
		                            "matches", "<", "<=", ">", ">=",
		                            NULL };
	const char *name, *first = NULL, *second = NULL;
	const cJSON *m;
	int f, ops = 0, ok = 1;

	if (ps_walk_check_keys(&r->walk, node, keys) != PROCSEC_OK ||
	    (name = ps_pr_member(r, node, "field", "the field check",
	                         ps_pr_string)) == NULL)
		return 0;
	for (f = 0; field_names[f] != NULL && strcmp(field_names[f], name); f++)
		;
	if (field_names[f] == NULL) {
		size_t len = ps_walk_push(&r->walk, "field");

		ps_pr_unknown(r, cJSON_GetObjectItemCaseSensitive(node, "field"),
		              "field", name, field_names);
		ps_walk_pop(&r->walk, len);
		return 0;
	}
	c->field = (enum ps_field_name)f;
	for (m = node->child; m != NULL; m = m->next) {
		if (strcmp(m->string, "field") == 0)
			continue;
		if (ops++ == 0)
			first = m->string;
		else
			second = m->string;
	}
	if (ops == 0)
		return !ps_pr_fail_at(r, node, "a field check needs one of exists, "
		                               "equals, matches, <, <=, >, >=");
	if (ops > 1)
		return !ps_pr_fail_at(r, node, "a field check takes one operator, "
		                               "found \"%s\" and \"%s\"",
		                      first, second);
	for (m = node->child; m != NULL; m = m->next)
		if (strcmp(m->string, "field") != 0)
			ok &= read_field_op(r, node, m, c);
	return ok;
}

static int read_attachment(struct pack_reader *r, const cJSON *node,
                           struct ps_check *c)
{
	static const char *const keys[] = { "type", "title", NULL };
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(node, "attachment");
	size_t len = ps_walk_push(&r->walk, "attachment");
	int ok = 0;

	c->pattern = -1;
	if (!cJSON_IsObject(a))
		ps_walk_wrong_type(&r->walk, a, "an object");
	else if (ps_walk_check_keys(&r->walk, a, keys) == PROCSEC_OK) {
		ok = ps_pr_string_list_member(r, a, "type", NULL, NULL, &c->types);
		c->pattern = pattern_member(r, a, "title");
		ok &= c->pattern != -2;
		if (ok && c->types.count == 0 && c->pattern == -1)
			ok = !ps_pr_fail_at(r, a, "an attachment check needs \"type\" "
			                          "or \"title\"");
	}
	ps_walk_pop(&r->walk, len);
	return ok;
}

static int read_check_parts(struct pack_reader *r, const cJSON *node,
                            const char *key, struct ps_check *c)
{
	const cJSON *parts = cJSON_GetObjectItemCaseSensitive(node, key);
	const char *only[2] = { key, NULL };
	const cJSON *item;
	size_t len, i = 0;
	int ok = 1;

	if (ps_walk_check_keys(&r->walk, node, only) != PROCSEC_OK)
		return 0;
	len = ps_walk_push(&r->walk, key);
	if (c->kind == K_NOT) {
		c->parts = ps_pr_alloc(r, sizeof(*c->parts));
		ok = c->parts != NULL && (c->parts[0] = ps_pr_check(r, parts)) != NULL;
		c->part_count = 1;
	} else if (!cJSON_IsArray(parts) || parts->child == NULL) {
		ok = !ps_walk_wrong_type(&r->walk, parts,
		                         "a non-empty array of checks");
	} else {
		c->parts = ps_pr_alloc(r, (size_t)cJSON_GetArraySize(parts) *
		                                  sizeof(*c->parts));
		for (item = parts->child; c->parts != NULL && item != NULL;
		     item = item->next) {
			size_t at = ps_walk_push_index(&r->walk, i++);

			c->parts[c->part_count] = ps_pr_check(r, item);
			ok &= c->parts[c->part_count++] != NULL;
			ps_walk_pop(&r->walk, at);
		}
		ok &= c->parts != NULL;
	}
	ps_walk_pop(&r->walk, len);
	return ok;
}

struct ps_check *ps_pr_check(struct pack_reader *r, const cJSON *node)
{
	int k = kind_of(r, node, check_kinds, "a check");
	static const char *const forbid_keys[] = { "forbid", NULL };
	static const char *const attachment_only[] = { "attachment", NULL };
	static const char *const quantity_only[] = { "quantity", NULL };
	struct ps_check *c;
	int ok;

	if (k < 0 || (c = ps_pr_alloc(r, sizeof(*c))) == NULL)
		return NULL;
	c->kind = (enum ps_check_kind)k;
	c->pattern = -1;
	switch (c->kind) {
	case K_REQUIRE:
		ok = read_require(r, node, c);
		break;
	case K_FORBID:
		ok = ps_walk_check_keys(&r->walk, node, forbid_keys) == PROCSEC_OK &&
		     selector_member(r, node, "forbid", &c->selector);
		break;
	case K_QUANTITY:
		ok = ps_walk_check_keys(&r->walk, node, quantity_only) ==
		             PROCSEC_OK &&
		     read_quantity(r, node, c);
		break;
	case K_FIELD:
		ok = read_field(r, node, c);
		break;
	case K_ATTACHMENT:
		ok = ps_walk_check_keys(&r->walk, node, attachment_only) ==
		             PROCSEC_OK &&
		     read_attachment(r, node, c);
		break;
	default:
		ok = read_check_parts(r, node, check_kinds[k], c);
	}
	return ok ? c : NULL;
}
