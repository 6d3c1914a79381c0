/*
 * pack_read.c -- one rule pack's JSON -> the rule set's pieces.
 *
 * Like a compiler, the reader goes on after a problem and reports every
 * one it finds, each with its line, column, JSON Pointer and rule id, so
 * that `procsec rules lint` lists them all at once.  Conditions and
 * checks are read in pack_logic.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_read.h"

/* The facts every pack may name without declaring them. */
static const char *const known_facts[] = {
	"security-sensitive", "critical-service", "personal-data",
	"on-site-work", "vulnerable-persons", "it-service",
	"subcontracting-allowed", "crisis-role", "critical-goods",
	"cross-border-supply", "operates-facility", "keys-access",
	"school-preschool", "hvb-children", "lss-children", "children-contact",
	"private-performer", "sua-required", "special-categories",
	"confidential-data", "nis2-in-scope", "classified-attachment",
	"works-contract", NULL,
};

static int report(struct ps_walk *w, int code, const struct ps_loc *loc,
                  const char *message)
{
	struct pack_reader *r = (struct pack_reader *)w;
	struct ps_where where = { r->source, loc->line, loc->column, -1,
		                  loc->path };

	r->failed = 1;
	if (r->rule_id != NULL)
		ps_diag(r->diags, r->err, code, &where, "rule %s: %s", r->rule_id,
		        message);
	else
		ps_diag(r->diags, r->err, code, &where, "%s", message);
	return code;
}

void *ps_pr_alloc(struct pack_reader *r, size_t size)
{
	void *p = ps_arena_alloc(r->rules->arena, size);

	if (p == NULL)
		ps_walk_fail(&r->walk, PROCSEC_ENOMEM, NULL, "out of memory");
	return p;
}

const char *ps_pr_strdup(struct pack_reader *r, const char *s)
{
	const char *copy = ps_arena_strdup(r->rules->arena, s);

	if (copy == NULL)
		ps_walk_fail(&r->walk, PROCSEC_ENOMEM, NULL, "out of memory");
	return copy;
}

int ps_pr_fail_at(struct pack_reader *r, const cJSON *node, const char *fmt,
                  ...)
{
	struct ps_loc loc = ps_walk_loc(&r->walk, node);
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return report(&r->walk, PROCSEC_EINVALID, &loc, message);
}

/* Every string in a pack says something; an empty one is a slip. */
const char *ps_pr_string(struct pack_reader *r, const cJSON *node)
{
	if (cJSON_IsString(node) && node->valuestring[0] != '\0')
		return node->valuestring;
	if (cJSON_IsString(node))
		ps_pr_fail_at(r, node, "expected a non-empty string");
	else
		ps_walk_wrong_type(&r->walk, node, "a string");
	return NULL;
}

/* ---- texts, periods -------------------------------------------------- */

static const char *const text_keys[] = { "sv", "en", NULL };

int ps_pr_text(struct pack_reader *r, const cJSON *object, const char *key,
               struct ps_text *out, const char *what)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	const char *const *lang;
	size_t len;
	int ok = 1;

	memset(out, 0, sizeof(*out));
	if (node == NULL) {
		if (what != NULL)
			ps_walk_missing(&r->walk, object, key, what);
		return what == NULL;
	}
	len = ps_walk_push(&r->walk, key);
	if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node,
		                   "an object with \"sv\" and \"en\" texts");
		ps_walk_pop(&r->walk, len);
		return 0;
	}
	if (ps_walk_check_keys(&r->walk, node, text_keys) != PROCSEC_OK)
		ok = 0;
	for (lang = text_keys; *lang != NULL; lang++) {
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(node, *lang);
		size_t at;
		const char *s;

		if (t == NULL) {
			ps_pr_fail_at(r, node, "\"%s\" has no \"%s\" text (both sv "
			                       "and en are required)",
			              key, *lang);
			ok = 0;
			continue;
		}
		at = ps_walk_push(&r->walk, *lang);
		s = ps_pr_string(r, t);
		ps_walk_pop(&r->walk, at);
		if (s == NULL) {
			ok = 0;
			continue;
		}
		s = ps_pr_strdup(r, s);
		if (strcmp(*lang, "sv") == 0)
			out->sv = s;
		else
			out->en = s;
	}
	ps_walk_pop(&r->walk, len);
	return ok;
}

static const char *const period_keys[] = { "from", "until", NULL };

int ps_pr_bad_date(struct pack_reader *r, const cJSON *node, const char *s)
{
	char message[160];

	return ps_pr_fail_at(r, node, "%s",
	                     ps_date_problem(s, message, sizeof(message)));
}

static int read_date(struct pack_reader *r, const cJSON *period,
                     const char *key, char *out)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(period, key);
	const char *s;
	size_t len;
	int ok = 1;

	out[0] = '\0';
	if (node == NULL)
		return 1;
	len = ps_walk_push(&r->walk, key);
	s = ps_pr_string(r, node);
	if (s == NULL)
		ok = 0;
	else if (ps_check_date(s) != NULL)
		ok = !ps_pr_bad_date(r, node, s);
	else
		memcpy(out, s, 11);
	ps_walk_pop(&r->walk, len);
	return ok;
}

int ps_pr_period(struct pack_reader *r, const cJSON *object,
                 struct ps_period *out)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, "valid");
	size_t len;
	int ok;

	memset(out, 0, sizeof(*out));
	if (node == NULL)
		return 1;
	len = ps_walk_push(&r->walk, "valid");
	ok = cJSON_IsObject(node) ||
	     !ps_walk_wrong_type(&r->walk, node, "an object with from/until");
	ok = ok && ps_walk_check_keys(&r->walk, node, period_keys) == PROCSEC_OK;
	ok = ok && read_date(r, node, "from", out->from) &&
	     read_date(r, node, "until", out->until);
	if (ok && out->from[0] != '\0' && out->until[0] != '\0' &&
	    strcmp(out->from, out->until) > 0)
		ok = !ps_pr_fail_at(r, node, "the period ends (%s) before it "
		                             "begins (%s)",
		                    out->until, out->from);
	ps_walk_pop(&r->walk, len);
	return ok;
}

/* ---- names ------------------------------------------------------------ */

static int is_name(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	for (s++; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int is_rule_id(const char *s)
{
	int after_dash = 1;

	if (!(*s >= 'A' && *s <= 'Z'))
		return 0;
	for (; *s != '\0'; s++) {
		int alnum = (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9');

		if (!alnum && !(*s == '-' && !after_dash))
			return 0;
		after_dash = *s == '-';
	}
	return !after_dash;
}

/* ---- parameters ------------------------------------------------------ */

static const char *const param_keys[] = { "default", "description", NULL };

static void read_param(struct pack_reader *r, const cJSON *node)
{
	const cJSON *def;
	struct ps_param *p;
	struct ps_text description;
	size_t len = ps_walk_push(&r->walk, node->string);

	if (!is_name(node->string)) {
		struct ps_loc loc = ps_walk_key_loc(&r->walk, node);

		ps_walk_fail(&r->walk, PROCSEC_EINVALID, &loc,
		             "invalid parameter name '%.40s': expected lower-case "
		             "letters, digits, _ and -",
		             node->string);
	} else if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node,
		                   "an object with a \"default\" number");
	} else if (ps_walk_check_keys(&r->walk, node, param_keys) == PROCSEC_OK &&
	           ps_pr_text(r, node, "description", &description, NULL)) {
		def = cJSON_GetObjectItemCaseSensitive(node, "default");
		if (def == NULL)
			ps_walk_missing(&r->walk, node, "default", "the parameter");
		else if (!cJSON_IsNumber(def)) {
			size_t at = ps_walk_push(&r->walk, "default");

			ps_pr_fail_at(r, def, "expected a number, found %s",
			              ps_walk_type_name(def));
			ps_walk_pop(&r->walk, at);
		}
		else if ((p = ps_vec_push(&r->rules->params)) != NULL) {
			p->name = ps_pr_strdup(r, node->string);
			p->pack = r->pack;
			p->value = def->valuedouble;
		}
	}
	ps_walk_pop(&r->walk, len);
}

static void read_params(struct pack_reader *r, const cJSON *params)
{
	const cJSON *node;

	if (!cJSON_IsObject(params)) {
		ps_walk_wrong_type(&r->walk, params, "an object of parameters");
		return;
	}
	for (node = params->child; node != NULL; node = node->next)
		read_param(r, node);
}

int ps_pr_number(struct pack_reader *r, const cJSON *node,
                 struct ps_number *out)
{
	const struct ps_param *p;
	const char *names[64];
	size_t i, n = 0;

	out->param = -1;
	out->value = 0;
	if (cJSON_IsNumber(node)) {
		out->value = node->valuedouble;
		return 1;
	}
	if (!cJSON_IsString(node) || node->valuestring[0] != '$')
		return !ps_walk_wrong_type(&r->walk, node,
		                           "a number or \"$parameter\"");
	for (i = 0; i < r->rules->params.count; i++) {
		p = ps_vec_at(&r->rules->params, i);
		if (p->pack != r->pack)
			continue;
		if (strcmp(p->name, node->valuestring + 1) == 0) {
			out->param = (long)i;
			return 1;
		}
		if (n + 1 < sizeof(names) / sizeof(names[0]))
			names[n++] = p->name;
	}
	names[n] = NULL;
	ps_pr_unknown(r, node, "parameter", node->valuestring + 1, names);
	return 0;
}

/* Where a pack author defines a name that is not there yet. */
static const char *define_hint(const char *what)
{
	if (strcmp(what, "term") == 0)
		return " (define it in \"terms\", or write the pattern in place)";
	if (strcmp(what, "parameter") == 0)
		return " (define it in \"params\")";
	if (strcmp(what, "fact") == 0)
		return " (declare a fact of your own in \"facts\")";
	return "";
}

void ps_pr_unknown(struct pack_reader *r, const cJSON *node, const char *what,
                   const char *name, const char *const *known)
{
	const char *hint = ps_suggest(name, known), *const *k;
	char names[200] = "";
	size_t n = 0, count = 0;

	if (hint != NULL) {
		ps_pr_fail_at(r, node, "unknown %s '%.60s' (did you mean '%s'?)",
		              what, name, hint);
		return;
	}
	for (k = known; *k != NULL; k++)
		count++;
	for (k = known; count <= 16 && *k != NULL && n < sizeof(names); k++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
		                      k == known ? "" : ", ", *k);
	if (count > 0 && count <= 16 && strcmp(what, "fact") != 0)
		ps_pr_fail_at(r, node, "unknown %s '%.60s': expected one of %s",
		              what, name, names);
	else
		ps_pr_fail_at(r, node, "unknown %s '%.60s'%s", what, name,
		              define_hint(what));
}

/* ---- terms and patterns ---------------------------------------------- */

/* The pattern's index; an identical pattern is compiled only once. */
static long add_pattern(struct pack_reader *r, const cJSON *node,
                        const char *source, const char *name)
{
	struct ps_pattern *p;
	char pcre[120], message[320];
	struct ps_loc loc;
	size_t i, offset, chars;
	int code;

	if (source[0] == '\0') {
		ps_pr_fail_at(r, node, "empty pattern: it would match every clause");
		return -1;
	}
	for (i = 0; i < r->rules->patterns.count; i++) {
		p = ps_vec_at(&r->rules->patterns, i);
		if (strcmp(p->source, source) == 0)
			return (long)i;
	}
	p = ps_vec_push(&r->rules->patterns);
	if (p == NULL) {
		ps_walk_fail(&r->walk, PROCSEC_ENOMEM, NULL, "out of memory");
		return -1;
	}
	p->source = ps_pr_strdup(r, source);
	p->name = ps_pr_strdup(r, name);
	p->code = ps_pattern_compile(source, &code, &offset);
	if (p->code != NULL) {
		ps_prefilter(r->rules->arena, source, p);
		return (long)i;
	}
	r->rules->patterns.count--; /* the slot holds nothing to free */
	ps_pattern_error(code, pcre, sizeof(pcre));
	for (i = 0, chars = 0; i < offset && source[i] != '\0'; i++)
		chars += ((unsigned char)source[i] & 0xC0) != 0x80;
	if (name[0] == '@')
		snprintf(message, sizeof(message),
		         "invalid pattern of term %.60s at offset %zu: %s", name,
		         chars, pcre);
	else
		snprintf(message, sizeof(message),
		         "invalid pattern '%.80s' at offset %zu: %s", source, chars,
		         pcre);
	loc = ps_walk_loc(&r->walk, node);
	report(&r->walk, PROCSEC_EREGEX, &loc, message);
	return -1;
}

static const char *const term_keys[] = { "pattern", "description", NULL };

static void read_term(struct pack_reader *r, const cJSON *node)
{
	const cJSON *pattern = node;
	struct ps_text description;
	struct term *t;
	char name[80];
	size_t len = ps_walk_push(&r->walk, node->string);

	if (!is_name(node->string)) {
		struct ps_loc loc = ps_walk_key_loc(&r->walk, node);

		ps_walk_fail(&r->walk, PROCSEC_EINVALID, &loc,
		             "invalid term name '%.40s': expected lower-case "
		             "letters, digits, _ and -",
		             node->string);
		ps_walk_pop(&r->walk, len);
		return;
	}
	if (cJSON_IsObject(node)) {
		pattern = cJSON_GetObjectItemCaseSensitive(node, "pattern");
		if (ps_walk_check_keys(&r->walk, node, term_keys) != PROCSEC_OK ||
		    !ps_pr_text(r, node, "description", &description, NULL))
			pattern = NULL;
		else if (pattern == NULL)
			ps_walk_missing(&r->walk, node, "pattern", "the term");
		else
			ps_walk_push(&r->walk, "pattern");
	}
	if (cJSON_IsString(pattern) && pattern->valuestring[0] == '\0')
		ps_pr_fail_at(r, pattern, "empty pattern in term @%s: it would "
		                          "match every clause",
		              node->string);
	else if (pattern != NULL && ps_pr_string(r, pattern) != NULL &&
	         (t = ps_vec_push(&r->terms)) != NULL) {
		snprintf(name, sizeof(name), "@%s", node->string);
		t->name = node->string;
		t->pattern = add_pattern(r, pattern, pattern->valuestring, name);
	}
	ps_walk_pop(&r->walk, len);
}

static void read_terms(struct pack_reader *r, const cJSON *terms)
{
	const cJSON *node;

	if (!cJSON_IsObject(terms)) {
		ps_walk_wrong_type(&r->walk, terms, "an object of terms");
		return;
	}
	for (node = terms->child; node != NULL; node = node->next)
		read_term(r, node);
}

long ps_pr_pattern(struct pack_reader *r, const cJSON *node)
{
	const char *s, *names[128];
	size_t i, n = 0;

	if (cJSON_IsString(node) && node->valuestring[0] == '\0') {
		ps_pr_fail_at(r, node, "empty pattern: it would match every clause");
		return -1;
	}
	s = ps_pr_string(r, node);
	if (s == NULL)
		return -1;
	if (s[0] != '@')
		return add_pattern(r, node, s, s);
	for (i = 0; i < r->terms.count; i++) {
		const struct term *t = ps_vec_at(&r->terms, i);

		if (strcmp(t->name, s + 1) == 0)
			return t->pattern;
		if (n + 1 < sizeof(names) / sizeof(names[0]))
			names[n++] = t->name;
	}
	names[n] = NULL;
	ps_pr_unknown(r, node, "term", s + 1, names);
	return -1;
}

/* ---- facts ---------------------------------------------------------- */

static const char *const fact_keys[] = { "description", NULL };

static void read_fact_decls(struct pack_reader *r, const cJSON *facts)
{
	const cJSON *node;

	if (!cJSON_IsObject(facts)) {
		ps_walk_wrong_type(&r->walk, facts, "an object of facts");
		return;
	}
	for (node = facts->child; node != NULL; node = node->next) {
		size_t len = ps_walk_push(&r->walk, node->string);
		struct ps_text description;
		const char **slot;

		if (ps_check_fact_name(node->string) != NULL) {
			struct ps_loc loc = ps_walk_key_loc(&r->walk, node);

			ps_walk_fail(&r->walk, PROCSEC_EINVALID, &loc,
			             "invalid fact name '%.40s': expected lower-case "
			             "letters, digits and single hyphens",
			             node->string);
		} else if (!cJSON_IsObject(node)) {
			ps_walk_wrong_type(&r->walk, node, "an object");
		} else if (ps_walk_check_keys(&r->walk, node, fact_keys) ==
		                   PROCSEC_OK &&
		           ps_pr_text(r, node, "description", &description, NULL) &&
		           (slot = ps_vec_push(&r->facts)) != NULL) {
			*slot = node->string;
		}
		ps_walk_pop(&r->walk, len);
	}
}

const char *ps_pr_fact(struct pack_reader *r, const cJSON *node)
{
	const char *s = ps_pr_string(r, node), *names[128];
	size_t i, n = 0;

	if (s == NULL)
		return NULL;
	for (i = 0; known_facts[i] != NULL; i++)
		if (strcmp(s, known_facts[i]) == 0)
			return known_facts[i];
	for (i = 0; i < r->facts.count; i++)
		if (strcmp(s, *(const char **)ps_vec_at(&r->facts, i)) == 0)
			return ps_pr_strdup(r, s);
	for (i = 0; known_facts[i] != NULL; i++)
		names[n++] = known_facts[i];
	for (i = 0; i < r->facts.count && n + 1 < 128; i++)
		names[n++] = *(const char **)ps_vec_at(&r->facts, i);
	names[n] = NULL;
	ps_pr_unknown(r, node, "fact", s, names);
	return NULL;
}

/* ---- inferences ------------------------------------------------------ */

static const char *const infer_keys[] = { "fact", "value", "when", "because",
	                                  NULL };

static void read_infer(struct pack_reader *r, const cJSON *node)
{
	const cJSON *value, *when;
	struct ps_infer in = { 0 }, *slot;

	if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node, "an object");
		return;
	}
	ps_walk_check_keys(&r->walk, node, infer_keys);
	value = cJSON_GetObjectItemCaseSensitive(node, "value");
	when = cJSON_GetObjectItemCaseSensitive(node, "when");
	in.pack = r->pack;
	in.fact = ps_pr_member(r, node, "fact", "the inference", ps_pr_fact);
	if (value == NULL) {
		ps_walk_missing(&r->walk, node, "value", "the inference");
	} else if (!cJSON_IsBool(value)) {
		size_t len = ps_walk_push(&r->walk, "value");

		ps_pr_fail_at(r, value, "expected true or false, found %s",
		              ps_walk_type_name(value));
		ps_walk_pop(&r->walk, len);
	}
	in.value = cJSON_IsTrue(value) ? PROCSEC_FACT_TRUE : PROCSEC_FACT_FALSE;
	if (when == NULL)
		ps_walk_missing(&r->walk, node, "when", "the inference");
	else
		in.when = ps_pr_cond_member(r, node, "when");
	ps_pr_text(r, node, "because", &in.because, NULL);
	if (in.fact != NULL && in.when != NULL && cJSON_IsBool(value) &&
	    (slot = ps_vec_push(&r->rules->infers)) != NULL)
		*slot = in;
}

/* ---- rules ------------------------------------------------------------- */

static const char *const reference_keys[] = { "title", "statute", "section",
	                                      "url", "note", NULL };

static const char *reference_line(struct pack_reader *r,
                                  const struct ps_reference *ref)
{
	return ps_arena_printf(r->rules->arena, "%s%s%s%s%s%s%s", ref->title,
	                       ref->statute != NULL ? ", " : "",
	                       ref->statute != NULL ? ref->statute : "",
	                       ref->section != NULL ? " " : "",
	                       ref->section != NULL ? ref->section : "",
	                       ref->url != NULL ? ": " : "",
	                       ref->url != NULL ? ref->url : "");
}

static int read_reference(struct pack_reader *r, const cJSON *node,
                          struct ps_reference *ref)
{
	const char *const *key;
	const char **fields[] = { &ref->title, &ref->statute, &ref->section,
		                  &ref->url, &ref->note };

	if (!cJSON_IsObject(node))
		return !ps_walk_wrong_type(&r->walk, node, "an object");
	if (ps_walk_check_keys(&r->walk, node, reference_keys) != PROCSEC_OK)
		return 0;
	for (key = reference_keys; *key != NULL; key++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(node, *key);
		size_t len;

		if (v == NULL)
			continue;
		len = ps_walk_push(&r->walk, *key);
		if (ps_pr_string(r, v) != NULL)
			*fields[key - reference_keys] = ps_pr_strdup(r, v->valuestring);
		ps_walk_pop(&r->walk, len);
	}
	if (ref->title == NULL)
		return !ps_walk_missing(&r->walk, node, "title", "the reference");
	ref->line = reference_line(r, ref);
	return ref->line != NULL;
}

static void read_references(struct pack_reader *r, const cJSON *rule,
                            struct procsec_rule *out)
{
	const cJSON *refs = cJSON_GetObjectItemCaseSensitive(rule, "references");
	const cJSON *node;
	size_t len, i = 0;

	if (refs == NULL)
		return;
	len = ps_walk_push(&r->walk, "references");
	if (!cJSON_IsArray(refs)) {
		ps_walk_wrong_type(&r->walk, refs, "an array of references");
	} else {
		out->references = ps_pr_alloc(r, (size_t)cJSON_GetArraySize(refs) *
		                                         sizeof(*out->references));
		for (node = refs->child; node != NULL && out->references != NULL;
		     node = node->next, i++) {
			size_t at = ps_walk_push_index(&r->walk, i);

			if (read_reference(r, node,
			                   &out->references[out->reference_count]))
				out->reference_count++;
			ps_walk_pop(&r->walk, at);
		}
	}
	ps_walk_pop(&r->walk, len);
}

static const char *const rule_keys[] = {
	"id", "severity", "severity_when", "title", "message", "remediation",
	"references", "valid", "tags", "when", "check", NULL,
};

static const char *const severities[] = { "info", "warning", "error", NULL };

static int read_severity(struct pack_reader *r, const cJSON *rule,
                         procsec_severity *out)
{
	const char *s = ps_pr_member(r, rule, "severity", "the rule",
	                             ps_pr_string);
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; severities[i] != NULL; i++)
		if (strcmp(s, severities[i]) == 0) {
			*out = (procsec_severity)i;
			return 1;
		}
	ps_walk_push(&r->walk, "severity");
	ps_pr_fail_at(r, cJSON_GetObjectItemCaseSensitive(rule, "severity"),
	              "invalid severity '%.40s': expected error, warning or info",
	              s);
	return 0;
}

static const char *const severity_case_keys[] = { "when", "severity",
	                                          NULL };

/* One {"when": CONDITION, "severity": S} of "severity_when". */
static int read_severity_case(struct pack_reader *r, const cJSON *node,
                              struct ps_severity_case *out)
{
	int ok;
	size_t base;

	if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node,
		                   "an object {\"when\": …, \"severity\": …}");
		return 0;
	}
	base = strlen(r->walk.pointer);
	ok = ps_walk_check_keys(&r->walk, node, severity_case_keys) ==
	     PROCSEC_OK;
	if (!cJSON_HasObjectItem(node, "when"))
		ok = !ps_walk_missing(&r->walk, node, "when", "the severity case");
	else
		ok &= (out->when = ps_pr_cond_member(r, node, "when")) != NULL;
	ok &= read_severity(r, node, &out->severity);
	ps_walk_pop(&r->walk, base);
	if (ok) {
		out->described.sv = ps_describe_cond(r->rules->arena, out->when,
		                                     r->rules, "sv");
		out->described.en = ps_describe_cond(r->rules->arena, out->when,
		                                     r->rules, "en");
	}
	return ok;
}

static int read_severity_cases(struct pack_reader *r, const cJSON *rule,
                               struct procsec_rule *out)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(rule,
	                                                     "severity_when");
	const cJSON *node;
	size_t len, i = 0;
	int ok = 1;

	if (list == NULL)
		return 1;
	len = ps_walk_push(&r->walk, "severity_when");
	if (!cJSON_IsArray(list) || list->child == NULL) {
		ps_walk_wrong_type(&r->walk, list,
		                   "a non-empty array of severity cases");
		ps_walk_pop(&r->walk, len);
		return 0;
	}
	out->severity_cases = ps_pr_alloc(r, (size_t)cJSON_GetArraySize(list) *
	                                             sizeof(*out->severity_cases));
	for (node = list->child; node != NULL && out->severity_cases != NULL;
	     node = node->next, i++) {
		size_t at = ps_walk_push_index(&r->walk, i);

		if (read_severity_case(r, node,
		                       &out->severity_cases[out->severity_case_count]))
			out->severity_case_count++;
		else
			ok = 0;
		ps_walk_pop(&r->walk, at);
	}
	ps_walk_pop(&r->walk, len);
	return ok && out->severity_cases != NULL;
}

/* The rule's own condition and its pack's, both of which must hold. */
static struct ps_cond *with_pack_condition(struct pack_reader *r,
                                           struct ps_cond *own)
{
	const struct ps_pack *pack = ps_vec_at(&r->rules->packs,
	                                       (size_t)r->pack);
	struct ps_cond *both;

	if (pack->when == NULL)
		return own;
	if (own == NULL)
		return pack->when;
	both = ps_pr_alloc(r, sizeof(*both));
	if (both == NULL || (both->parts = ps_pr_alloc(r, 2 * sizeof(own))) ==
	                            NULL)
		return NULL;
	both->kind = C_ALL;
	both->parts[0] = pack->when;
	both->parts[1] = own;
	both->part_count = 2;
	return both;
}

/* A rule id seen before, in this pack (with its place) or another. */
static int duplicate_id(struct pack_reader *r, const cJSON *node,
                        const char *id)
{
	size_t i;

	for (i = 0; i < r->ids.count; i++) {
		const struct seen_id *seen = ps_vec_at(&r->ids, i);

		if (strcmp(seen->id, id) == 0)
			return ps_pr_fail_at(r, node, "rule id '%s' is already used in "
			                              "this pack (%s:%d:%d)",
			                     id, r->source, seen->line, seen->column);
	}
	for (i = 0; i < r->rules->rules.count; i++) {
		const struct procsec_rule *other = ps_vec_at(&r->rules->rules, i);

		if (other->pack != r->pack && strcmp(other->id, id) == 0)
			return ps_pr_fail_at(r, node, "rule id '%s' is already used in "
			                              "pack %s",
			                     id, other->pack_id);
	}
	return PROCSEC_OK;
}

/*
 * The rule's id, kept for messages even when it is malformed; *valid
 * says whether the rule may be stored under it.
 */
static const char *read_rule_id(struct pack_reader *r, const cJSON *rule,
                                int *valid)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(rule, "id");
	struct seen_id *seen;
	const char *id;
	size_t len;

	*valid = 0;
	if (node == NULL) {
		ps_walk_missing(&r->walk, rule, "id", "the rule");
		return NULL;
	}
	len = ps_walk_push(&r->walk, "id");
	id = ps_pr_string(r, node);
	if (id != NULL && !is_rule_id(id))
		ps_pr_fail_at(r, node, "invalid rule id '%.40s': expected upper-case "
		                       "letters and digits in dash-separated "
		                       "parts, such as PREP-001",
		              id);
	else if (id != NULL)
		*valid = duplicate_id(r, node, id) == PROCSEC_OK;
	ps_walk_pop(&r->walk, len);
	if (id == NULL)
		return NULL;
	id = ps_pr_strdup(r, id);
	if (*valid && (seen = ps_vec_push(&r->ids)) != NULL) {
		seen->id = id;
		ps_json_position(r->walk.json, node, &seen->line, &seen->column);
	}
	return id;
}

static void read_rule(struct pack_reader *r, const cJSON *node)
{
	struct procsec_rule rule = { 0 }, *slot;
	size_t base = strlen(r->walk.pointer);
	int ok;

	if (!cJSON_IsObject(node)) {
		ps_walk_wrong_type(&r->walk, node, "a rule object");
		return;
	}
	rule.id = read_rule_id(r, node, &ok);
	r->rule_id = rule.id;
	rule.pack = r->pack;
	rule.pack_id = ((struct ps_pack *)ps_vec_at(&r->rules->packs,
	                                            (size_t)r->pack))->id;
	ok &= ps_walk_check_keys(&r->walk, node, rule_keys) == PROCSEC_OK;
	ok &= read_severity(r, node, &rule.severity);
	ps_walk_pop(&r->walk, base);
	ok &= read_severity_cases(r, node, &rule);
	ok &= ps_pr_text(r, node, "title", &rule.title, "the rule");
	ok &= ps_pr_text(r, node, "message", &rule.message, "the rule");
	ok &= ps_pr_text(r, node, "remediation", &rule.remediation, "the rule");
	read_references(r, node, &rule);
	ok &= ps_pr_period(r, node, &rule.valid);
	ok &= ps_pr_string_list_member(r, node, "tags", NULL, NULL, &rule.tags);
	if (cJSON_HasObjectItem(node, "when")) {
		rule.when = ps_pr_cond_member(r, node, "when");
		ok &= rule.when != NULL;
	}
	rule.when = with_pack_condition(r, rule.when);
	if (!cJSON_HasObjectItem(node, "check"))
		ok &= !ps_walk_missing(&r->walk, node, "check", "the rule");
	else
		ok &= (rule.check = ps_pr_check_member(r, node, "check")) != NULL;
	rule.source = ps_pr_json_text(r, node);
	r->rule_id = NULL;
	if (ok && !r->failed && (slot = ps_vec_push(&r->rules->rules)) != NULL)
		*slot = rule;
}

/* ---- the pack ------------------------------------------------------- */

static void each_of(struct pack_reader *r, const cJSON *object,
                    const char *key,
                    void (*fn)(struct pack_reader *r, const cJSON *node),
                    const char *noun);

static void read_rules(struct pack_reader *r, const cJSON *root)
{
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");

	if (rules == NULL) {
		ps_walk_missing(&r->walk, root, "rules", "the pack");
	} else if (cJSON_IsArray(rules) && rules->child == NULL) {
		size_t len = ps_walk_push(&r->walk, "rules");

		ps_pr_fail_at(r, rules, "the pack has no rules: \"rules\" needs at "
		                        "least one rule");
		ps_walk_pop(&r->walk, len);
	}
	each_of(r, root, "rules", read_rule, "rules");
}

static const char *const pack_keys[] = {
	"$schema", "procsec_pack", "id", "version", "title", "description",
	"valid", "when", "params", "terms", "facts", "infer", "rules", NULL,
};

/* Calls fn on each element of object[key], an array. */
static void each_of(struct pack_reader *r, const cJSON *object,
                    const char *key,
                    void (*fn)(struct pack_reader *r, const cJSON *node),
                    const char *noun)
{
	const cJSON *array = cJSON_GetObjectItemCaseSensitive(object, key);
	const cJSON *node;
	size_t len, i = 0;

	if (array == NULL)
		return;
	len = ps_walk_push(&r->walk, key);
	if (!cJSON_IsArray(array)) {
		char wanted[64];

		snprintf(wanted, sizeof(wanted), "an array of %s", noun);
		ps_walk_wrong_type(&r->walk, array, wanted);
	} else
		for (node = array->child; node != NULL; node = node->next, i++) {
			size_t at = ps_walk_push_index(&r->walk, i);

			fn(r, node);
			ps_walk_pop(&r->walk, at);
		}
	ps_walk_pop(&r->walk, len);
}

/* Calls fn on object[key], if present, with the pointer extended. */
static void with_member(struct pack_reader *r, const cJSON *object,
                        const char *key,
                        void (*fn)(struct pack_reader *r, const cJSON *node))
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len;

	if (node == NULL)
		return;
	len = ps_walk_push(&r->walk, key);
	fn(r, node);
	ps_walk_pop(&r->walk, len);
}

static int check_marker(struct pack_reader *r, const cJSON *root)
{
	const cJSON *marker;

	if (!cJSON_IsObject(root))
		return ps_pr_fail_at(r, root, "not a rule pack: expected an object "
		                              "with \"procsec_pack\": 1");
	marker = cJSON_GetObjectItemCaseSensitive(root, "procsec_pack");
	if (marker == NULL)
		return ps_pr_fail_at(r, root, "not a rule pack: the top-level "
		                              "object has no \"procsec_pack\": 1");
	if (!cJSON_IsNumber(marker) || marker->valuedouble != 1) {
		size_t len = ps_walk_push(&r->walk, "procsec_pack");
		int rc = cJSON_IsNumber(marker)
		                 ? ps_pr_fail_at(r, marker,
		                                 "unsupported rule pack format %g: "
		                                 "expected \"procsec_pack\": 1",
		                                 marker->valuedouble)
		                 : ps_pr_fail_at(r, marker,
		                                 "\"procsec_pack\" must be the "
		                                 "number 1, not %s",
		                                 ps_walk_type_name(marker));

		ps_walk_pop(&r->walk, len);
		return rc;
	}
	return PROCSEC_OK;
}

/* The pack's id, version, title and period. */
static int read_header(struct pack_reader *r, const cJSON *root)
{
	struct ps_pack *pack = ps_vec_push(&r->rules->packs);
	const char *id;

	if (pack == NULL)
		return ps_walk_fail(&r->walk, PROCSEC_ENOMEM, NULL, "out of memory");
	r->pack = (long)r->rules->packs.count - 1;
	pack->source = ps_pr_strdup(r, r->source);
	id = ps_pr_member(r, root, "id", "the pack", ps_pr_string);
	if (id != NULL && ps_check_fact_name(id) != NULL) {
		size_t len = ps_walk_push(&r->walk, "id");

		ps_pr_fail_at(r, cJSON_GetObjectItemCaseSensitive(root, "id"),
		              "invalid pack id '%.40s': expected lower-case "
		              "letters, digits and single hyphens",
		              id);
		ps_walk_pop(&r->walk, len);
		id = NULL;
	}
	pack->id = id != NULL ? ps_pr_strdup(r, id) : "?";
	pack->version = ps_pr_member(r, root, "version", "the pack",
	                             ps_pr_string);
	pack->version = pack->version != NULL ? ps_pr_strdup(r, pack->version)
	                                      : "?";
	ps_pr_text(r, root, "title", &pack->title, "the pack");
	ps_pr_period(r, root, &pack->valid);
	return PROCSEC_OK;
}

static void read_pack_body(struct pack_reader *r, const cJSON *root)
{
	struct ps_text description;

	ps_pr_text(r, root, "description", &description, NULL);
	with_member(r, root, "params", read_params);
	with_member(r, root, "terms", read_terms);
	with_member(r, root, "facts", read_fact_decls);
	if (cJSON_HasObjectItem(root, "when") && !r->failed)
		((struct ps_pack *)ps_vec_at(&r->rules->packs, (size_t)r->pack))
			->when = ps_pr_cond_member(r, root, "when");
	each_of(r, root, "infer", read_infer, "inferences");
	read_rules(r, root);
}

void ps_pr_init(struct pack_reader *r, procsec_ruleset *rules,
                const struct ps_json *json, procsec_diags *diags,
                procsec_error *err)
{
	memset(r, 0, sizeof(*r));
	ps_walk_init(&r->walk, json, report);
	r->rules = rules;
	r->diags = diags;
	r->err = err;
	r->source = json->source;
	ps_vec_init(&r->terms, sizeof(struct term));
	ps_vec_init(&r->facts, sizeof(const char *));
	ps_vec_init(&r->ids, sizeof(struct seen_id));
}

int ps_pr_done(struct pack_reader *r)
{
	ps_vec_free(&r->terms);
	ps_vec_free(&r->facts);
	ps_vec_free(&r->ids);
	if (!r->failed)
		return PROCSEC_OK;
	return r->err != NULL && r->err->code != PROCSEC_OK ? r->err->code
	                                                    : PROCSEC_EINVALID;
}

int ps_pack_read(procsec_ruleset *rules, const struct ps_json *json,
                 procsec_diags *diags, procsec_error *err)
{
	struct pack_reader r;

	ps_pr_init(&r, rules, json, diags, err);
	/* after the marker, every part is read whatever went wrong before,
	 * so that one mistake does not hide the next */
	if (check_marker(&r, json->root) == PROCSEC_OK) {
		ps_walk_check_keys(&r.walk, json->root, pack_keys);
		if (read_header(&r, json->root) == PROCSEC_OK)
			read_pack_body(&r, json->root);
	}
	return ps_pr_done(&r);
}
