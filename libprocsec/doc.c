/*
 * doc.c -- the tender model: the builder the readers fill it through,
 * and the read-only accessors of the public API.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

/* A document states a handful of facts; this bound keeps checks linear. */
#define MAX_FACTS 1000

struct field_rule {
	const char *label;
	const char *(*check)(const char *value);
};

static const struct field_rule field_rules[PS_F_COUNT] = {
	[PS_F_ID] = { "id", NULL },
	[PS_F_LANG] = { "language", ps_check_lang },
	[PS_F_TITLE] = { "title", NULL },
	[PS_F_BUYER_NAME] = { "buyer name", NULL },
	[PS_F_BUYER_ORGNO] = { "organisation number", NULL },
	[PS_F_BUYER_COUNTRY] = { "country", ps_check_country },
	[PS_F_PROCEDURE] = { "procedure", ps_check_procedure },
	[PS_F_PUBLISHED] = { "publication date", ps_check_date },
	[PS_F_DEADLINE] = { "deadline", ps_check_datetime },
	[PS_F_VALUE_CURRENCY] = { "currency", ps_check_currency },
	[PS_F_DURATION_UNIT] = { "duration unit", ps_check_duration_unit },
	[PS_F_NOTICE_TYPE] = { "notice type", NULL },
	[PS_F_LEGAL_BASIS] = { "legal basis", NULL },
};

const char *ps_field_problem(enum ps_field f, const char *value)
{
	return field_rules[f].check != NULL ? field_rules[f].check(value) : NULL;
}

int ps_build_start(struct ps_build *b, const char *source, const char *format,
                   const struct procsec_options *opts, procsec_error *err)
{
	procsec_doc *doc;

	memset(b, 0, sizeof(*b));
	b->opts = opts;
	b->err = err;
	doc = calloc(1, sizeof(*doc));
	if (doc == NULL)
		return ps_build_error(b, PROCSEC_ENOMEM, NULL, "out of memory");
	b->doc = doc;
	ps_vec_init(&doc->cpv, sizeof(struct ps_cpv));
	ps_vec_init(&doc->facts, sizeof(struct ps_fact));
	ps_vec_init(&doc->sections, sizeof(struct ps_section));
	ps_vec_init(&doc->clauses, sizeof(struct procsec_clause));
	ps_vec_init(&doc->attachments, sizeof(struct ps_attachment));
	doc->arena = ps_arena_new();
	if (doc->arena == NULL)
		return ps_build_error(b, PROCSEC_ENOMEM, NULL, "out of memory");
	doc->source = ps_arena_strdup(doc->arena, source);
	doc->format = ps_arena_strdup(doc->arena, format);
	if (doc->source == NULL || doc->format == NULL)
		return ps_build_error(b, PROCSEC_ENOMEM, NULL, "out of memory");
	return PROCSEC_OK;
}

int ps_build_error(struct ps_build *b, int code, const struct ps_loc *loc,
                   const char *fmt, ...)
{
	struct ps_where where = { NULL, 0, 0, -1, NULL };
	va_list ap;

	if (b->code == PROCSEC_OK)
		b->code = code;
	if (b->doc != NULL)
		where.source = b->doc->source;
	if (loc != NULL) {
		where.line = loc->line;
		where.column = loc->column;
		where.pointer = loc->path;
	}
	va_start(ap, fmt);
	ps_verror(b->err, code, &where, fmt, ap);
	va_end(ap);
	return code;
}

static int nomem(struct ps_build *b)
{
	return ps_build_error(b, PROCSEC_ENOMEM, NULL, "out of memory");
}

int ps_build_loc(struct ps_build *b, struct ps_loc *dst,
                 const struct ps_loc *src)
{
	*dst = *src;
	if (src->path == NULL)
		return PROCSEC_OK;
	dst->path = ps_arena_strdup(b->doc->arena, src->path);
	return dst->path != NULL ? PROCSEC_OK : nomem(b);
}

/*
 * Normalises an optional string; *out is NULL when s is.  An empty
 * result is an error, since an empty attribute or key says nothing.
 */
static int normalised(struct ps_build *b, const char **out, const char *s,
                      const char *label, const struct ps_loc *loc)
{
	*out = NULL;
	if (s == NULL)
		return PROCSEC_OK;
	*out = ps_text_normalise(b->doc->arena, s, strlen(s));
	if (*out == NULL)
		return nomem(b);
	if (**out == '\0')
		return ps_build_error(b, PROCSEC_EINVALID, loc, "%s is empty",
		                      label);
	return PROCSEC_OK;
}

/* The closed list of values a check accepts, for "did you mean". */
static const char *const *choices_of(const char *(*check)(const char *))
{
	if (check == ps_check_procedure)
		return ps_procedures;
	if (check == ps_check_kind)
		return ps_clause_kinds;
	if (check == ps_check_level)
		return ps_levels;
	return NULL;
}

static int checked(struct ps_build *b, const char *value, const char *label,
                   const char *(*check)(const char *), const struct ps_loc *loc)
{
	const char *expected = check(value), *const *choices, *hint = NULL;

	if (expected == NULL)
		return PROCSEC_OK;
	choices = choices_of(check);
	if (choices != NULL)
		hint = ps_suggest(value, choices);
	return ps_build_error(b, PROCSEC_EINVALID, loc,
	                      "invalid %s '%.60s'%s%s%s: expected %s", label, value,
	                      hint != NULL ? " (did you mean '" : "",
	                      hint != NULL ? hint : "", hint != NULL ? "'?)" : "",
	                      expected);
}

int ps_build_field(struct ps_build *b, enum ps_field f, const char *value,
                   size_t len, const struct ps_loc *loc)
{
	const struct field_rule *rule = &field_rules[f];
	procsec_doc *doc = b->doc;
	char *text;

	if (doc->field[f] != NULL)
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "%s given twice (first on line %d)",
		                      rule->label, doc->field_loc[f].line);
	text = ps_text_normalise(doc->arena, value, len);
	if (text == NULL)
		return nomem(b);
	if (*text == '\0')
		return ps_build_error(b, PROCSEC_EINVALID, loc, "%s is empty",
		                      rule->label);
	if (rule->check != NULL &&
	    checked(b, text, rule->label, rule->check, loc) != PROCSEC_OK)
		return b->code;
	doc->field[f] = text;
	return ps_build_loc(b, &doc->field_loc[f], loc);
}

int ps_build_buyer(struct ps_build *b, const struct ps_loc *loc)
{
	if (b->doc->has_buyer)
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "buyer given twice (first on line %d)",
		                      b->doc->buyer_loc.line);
	b->doc->has_buyer = 1;
	return ps_build_loc(b, &b->doc->buyer_loc, loc);
}

static const struct ps_cpv *main_cpv(const procsec_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->cpv.count; i++) {
		const struct ps_cpv *cpv = ps_vec_at(&doc->cpv, i);

		if (cpv->main)
			return cpv;
	}
	return NULL;
}

int ps_build_cpv(struct ps_build *b, const char *code, int main,
                 const struct ps_loc *loc, const struct ps_loc *code_loc)
{
	struct ps_cpv *cpv;
	const char *text;
	int rc;

	rc = normalised(b, &text, code, "CPV code", code_loc);
	if (rc != PROCSEC_OK)
		return rc;
	rc = checked(b, text, "CPV code", ps_check_cpv, code_loc);
	if (rc != PROCSEC_OK)
		return rc;
	if (main && main_cpv(b->doc) != NULL)
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "a second main CPV code (the first is on line "
		                      "%d); only one CPV code may be the main one",
		                      main_cpv(b->doc)->loc.line);
	cpv = ps_vec_push(&b->doc->cpv);
	if (cpv == NULL)
		return nomem(b);
	cpv->code = text;
	cpv->main = main;
	return ps_build_loc(b, &cpv->loc, loc);
}

int ps_build_value(struct ps_build *b, double amount, const struct ps_loc *loc)
{
	if (b->doc->has_value)
		return ps_build_error(b, PROCSEC_EINVALID, loc, "value given twice");
	if (!isfinite(amount) || amount < 0)
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "invalid value amount %.15g: expected a number "
		                      "of at least 0",
		                      amount);
	b->doc->has_value = 1;
	b->doc->value_amount = amount;
	return ps_build_loc(b, &b->doc->value_loc, loc);
}

int ps_build_duration(struct ps_build *b, double amount,
                      const struct ps_loc *loc)
{
	if (b->doc->has_duration)
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "duration given twice");
	if (!(amount >= 1 && amount <= 1e6) || amount != floor(amount))
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "invalid duration %.15g: expected a whole number "
		                      "from 1 to 1000000",
		                      amount);
	b->doc->has_duration = 1;
	b->doc->duration_amount = (long)amount;
	return ps_build_loc(b, &b->doc->duration_loc, loc);
}

const struct ps_quantity ps_value_quantity = {
	"value", "currency", PS_F_VALUE_CURRENCY, ps_build_value,
};

const struct ps_quantity ps_duration_quantity = {
	"duration", "unit", PS_F_DURATION_UNIT, ps_build_duration,
};

static const struct ps_fact *find_fact(const procsec_doc *doc,
                                       const char *name)
{
	size_t i;

	for (i = 0; i < doc->facts.count; i++) {
		const struct ps_fact *fact = ps_vec_at(&doc->facts, i);

		if (strcmp(fact->name, name) == 0)
			return fact;
	}
	return NULL;
}

int ps_build_fact(struct ps_build *b, const char *name, procsec_fact value,
                  const struct ps_loc *loc)
{
	const struct ps_fact *earlier;
	struct ps_fact *fact;
	int rc;

	rc = checked(b, name, "fact name", ps_check_fact_name, loc);
	if (rc != PROCSEC_OK)
		return rc;
	earlier = find_fact(b->doc, name);
	if (earlier != NULL)
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "fact '%s' given twice (first on line %d)",
		                      name, earlier->loc.line);
	if (b->doc->facts.count >= MAX_FACTS)
		return ps_build_error(b, PROCSEC_ELIMIT, loc,
		                      "more than %d facts", MAX_FACTS);
	fact = ps_vec_push(&b->doc->facts);
	if (fact == NULL)
		return nomem(b);
	fact->name = ps_arena_strdup(b->doc->arena, name);
	fact->value = value;
	if (fact->name == NULL)
		return nomem(b);
	return ps_build_loc(b, &fact->loc, loc);
}

/* The parts of a document that count against the clause limit. */
static int over_clause_limit(struct ps_build *b, const struct ps_loc *loc)
{
	size_t n = b->doc->clauses.count + b->doc->sections.count;

	if (n < b->opts->clauses)
		return PROCSEC_OK;
	return ps_build_error(b, PROCSEC_ELIMIT, loc,
	                      "more than %zu clauses and sections (the "
	                      "clause limit)",
	                      b->opts->clauses);
}

static const char *section_label(struct ps_build *b, long parent,
                                 const struct ps_section *s)
{
	struct ps_arena *arena = b->doc->arena;
	const struct ps_section *up = ps_vec_at(&b->doc->sections, (size_t)parent);
	const char *own = s->id != NULL ? s->id : s->title;
	char *label;

	if (own == NULL)
		own = ps_arena_printf(arena, "#%zu", b->doc->sections.count);
	if (own == NULL)
		return NULL;
	if (up == NULL)
		return own;
	label = ps_arena_printf(arena, "%s > %s", up->label, own);
	return label;
}

long ps_build_section(struct ps_build *b, long parent, const char *id,
                      const char *title, const struct ps_loc *loc)
{
	struct ps_section *s;

	if (over_clause_limit(b, loc) != PROCSEC_OK)
		return -1;
	s = ps_vec_push(&b->doc->sections);
	if (s == NULL) {
		nomem(b);
		return -1;
	}
	s->parent = parent;
	if (parent >= 0)
		((struct ps_section *)ps_vec_at(&b->doc->sections, (size_t)parent))
			->has_sections = 1;
	if (normalised(b, &s->id, id, "section id", loc) != PROCSEC_OK ||
	    normalised(b, &s->title, title, "section title", loc) != PROCSEC_OK ||
	    ps_build_loc(b, &s->loc, loc) != PROCSEC_OK)
		return -1;
	s->label = section_label(b, parent, s);
	if (s->label == NULL) {
		nomem(b);
		return -1;
	}
	return (long)b->doc->sections.count - 1;
}

static int clause_strings(struct ps_build *b, struct procsec_clause *c,
                          const struct ps_clause_in *in,
                          const struct ps_loc *loc)
{
	if (normalised(b, &c->id, in->id, "clause id", loc) != PROCSEC_OK ||
	    normalised(b, &c->level, in->level, "level", loc) != PROCSEC_OK ||
	    normalised(b, &c->category, in->category, "category", loc) !=
	            PROCSEC_OK ||
	    normalised(b, &c->verification, in->verification, "verification",
	               loc) != PROCSEC_OK)
		return b->code;
	c->text = ps_text_normalise(b->doc->arena, in->text, in->text_len);
	if (c->text == NULL)
		return nomem(b);
	if (*c->text == '\0')
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "%s has no text", in->kind);
	return PROCSEC_OK;
}

/* The static copy of a valid kind, which outlives the reader's tree. */
static const char *static_kind(const char *kind)
{
	const char *const *k;

	for (k = ps_clause_kinds; strcmp(*k, kind) != 0; k++)
		;
	return *k;
}

int ps_build_clause(struct ps_build *b, long section,
                    const struct ps_clause_in *in, const struct ps_loc *loc)
{
	struct procsec_clause *c;
	int rc;

	rc = checked(b, in->kind, "clause kind", ps_check_kind,
	             in->kind_loc != NULL ? in->kind_loc : loc);
	if (rc != PROCSEC_OK || over_clause_limit(b, loc) != PROCSEC_OK)
		return b->code;
	c = ps_vec_push(&b->doc->clauses);
	if (c == NULL)
		return nomem(b);
	c->kind = static_kind(in->kind);
	c->level_inferred = in->level != NULL && in->level_inferred;
	c->section = section;
	c->section_label = "";
	if (section >= 0) {
		const struct ps_section *s = ps_vec_at(&b->doc->sections,
		                                       (size_t)section);

		/* JSON keeps a section's clauses and subsections in two lists;
		 * this order is what lets both forms say the same thing */
		if (s->has_sections)
			return ps_build_error(b, PROCSEC_EINVALID, loc,
			                      "a %s after a nested section: in a "
			                      "section, clauses come before nested "
			                      "sections",
			                      c->kind);
		c->section_label = s->label;
	}
	rc = clause_strings(b, c, in, loc);
	if (rc != PROCSEC_OK)
		return rc;
	if (c->level != NULL) {
		const struct ps_loc *at = in->level_loc != NULL ? in->level_loc : loc;

		if (strcmp(c->kind, "text") == 0)
			return ps_build_error(b, PROCSEC_EINVALID, at,
			                      "level '%.40s' on a text clause: only "
			                      "requirements, criteria and conditions "
			                      "have a level",
			                      c->level);
		rc = checked(b, c->level, "level", ps_check_level, at);
		if (rc != PROCSEC_OK)
			return rc;
	}
	return ps_build_loc(b, &c->loc, loc);
}

int ps_build_attachment(struct ps_build *b, const char *type,
                        const char *href, const char *title,
                        const struct ps_loc *loc)
{
	struct ps_attachment *a = ps_vec_push(&b->doc->attachments);

	if (a == NULL)
		return nomem(b);
	if (type == NULL)
		return ps_build_error(b, PROCSEC_EINVALID, loc,
		                      "attachment has no type");
	if (normalised(b, &a->type, type, "attachment type", loc) != PROCSEC_OK ||
	    normalised(b, &a->href, href, "attachment href", loc) != PROCSEC_OK ||
	    normalised(b, &a->title, title, "attachment title", loc) !=
	            PROCSEC_OK)
		return b->code;
	return ps_build_loc(b, &a->loc, loc);
}

static int require_field(struct ps_build *b, enum ps_field f,
                         const struct ps_loc *loc)
{
	if (b->doc->field[f] != NULL)
		return PROCSEC_OK;
	return ps_build_error(b, PROCSEC_EINVALID, loc,
	                      "the tender has no %s (required)",
	                      field_rules[f].label);
}

static int check_required(struct ps_build *b)
{
	procsec_doc *doc = b->doc;

	if (require_field(b, PS_F_ID, &doc->root_loc) != PROCSEC_OK ||
	    require_field(b, PS_F_LANG, &doc->root_loc) != PROCSEC_OK ||
	    require_field(b, PS_F_TITLE, &doc->root_loc) != PROCSEC_OK)
		return b->code;
	if (!doc->has_buyer)
		return ps_build_error(b, PROCSEC_EINVALID, &doc->root_loc,
		                      "the tender has no buyer (required)");
	return require_field(b, PS_F_BUYER_NAME, &doc->buyer_loc);
}

/* A Swedish number is checked only where the buyer is Swedish. */
static int check_orgno(struct ps_build *b)
{
	procsec_doc *doc = b->doc;
	const char *country = doc->field[PS_F_BUYER_COUNTRY];

	if (doc->field[PS_F_BUYER_ORGNO] == NULL ||
	    (country != NULL && strcmp(country, "SE") != 0))
		return PROCSEC_OK;
	return checked(b, doc->field[PS_F_BUYER_ORGNO], "organisation number",
	               ps_check_orgno, &doc->field_loc[PS_F_BUYER_ORGNO]);
}

static int compare_clause_ids(const void *a, const void *b)
{
	const struct procsec_clause *x = *(const struct procsec_clause *const *)a;
	const struct procsec_clause *y = *(const struct procsec_clause *const *)b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return (x > y) - (x < y); /* keep document order among equals */
}

/* Sorting finds duplicates in n log n, even for a hostile 100,000 ids. */
static int check_unique_clause_ids(struct ps_build *b)
{
	const struct ps_vec *clauses = &b->doc->clauses;
	const struct procsec_clause **with_id;
	size_t i, n = 0;
	int rc = PROCSEC_OK;

	with_id = malloc((clauses->count + 1) * sizeof(*with_id));
	if (with_id == NULL)
		return nomem(b);
	for (i = 0; i < clauses->count; i++) {
		const struct procsec_clause *c = ps_vec_at(clauses, i);

		if (c->id != NULL)
			with_id[n++] = c;
	}
	qsort(with_id, n, sizeof(*with_id), compare_clause_ids);
	for (i = 1; i < n && rc == PROCSEC_OK; i++)
		if (strcmp(with_id[i - 1]->id, with_id[i]->id) == 0)
			rc = ps_build_error(b, PROCSEC_EINVALID, &with_id[i]->loc,
			                    "clause id '%.60s' given twice (first on "
			                    "line %d)",
			                    with_id[i]->id, with_id[i - 1]->loc.line);
	free(with_id);
	return rc;
}

/*
 * Facts the caller states (procsec_options_set_fact) override what the
 * document states: the caller speaks for this tender, and a Word file
 * states no facts at all.
 */
static int apply_option_facts(struct ps_build *b)
{
	struct ps_loc loc = { 0, 0, "(options)" };
	size_t i;

	for (i = 0; i < b->opts->nfacts; i++) {
		const struct ps_option_fact *o = &b->opts->facts[i];
		struct ps_fact *f = (struct ps_fact *)find_fact(b->doc, o->name);

		if (f == NULL && ps_build_fact(b, o->name, o->value, &loc) !=
		                         PROCSEC_OK)
			return b->code;
		if (f == NULL)
			f = ps_vec_at(&b->doc->facts, b->doc->facts.count - 1);
		f->value = o->value;
		f->loc = loc;
		f->from_options = 1;
	}
	return PROCSEC_OK;
}

procsec_doc *ps_build_finish(struct ps_build *b)
{
	procsec_doc *doc = b->doc;

	if (doc != NULL && b->code == PROCSEC_OK &&
	    apply_option_facts(b) == PROCSEC_OK &&
	    check_required(b) == PROCSEC_OK &&
	    check_orgno(b) == PROCSEC_OK)
		check_unique_clause_ids(b);
	b->doc = NULL;
	if (b->code == PROCSEC_OK)
		return doc;
	procsec_doc_free(doc);
	return NULL;
}

/* ---- Public accessors ------------------------------------------------ */

PROCSEC_API void procsec_doc_free(procsec_doc *doc)
{
	if (doc == NULL)
		return;
	ps_vec_free(&doc->cpv);
	ps_vec_free(&doc->facts);
	ps_vec_free(&doc->sections);
	ps_vec_free(&doc->clauses);
	ps_vec_free(&doc->attachments);
	ps_arena_free(doc->arena);
	free(doc);
}

PROCSEC_API const char *procsec_doc_format(const procsec_doc *doc)
{
	return doc != NULL ? doc->format : NULL;
}

PROCSEC_API const char *procsec_doc_source(const procsec_doc *doc)
{
	return doc != NULL ? doc->source : NULL;
}

static const char *field(const procsec_doc *doc, enum ps_field f)
{
	return doc != NULL ? doc->field[f] : NULL;
}

PROCSEC_API const char *procsec_doc_id(const procsec_doc *doc)
{
	return field(doc, PS_F_ID);
}

PROCSEC_API const char *procsec_doc_title(const procsec_doc *doc)
{
	return field(doc, PS_F_TITLE);
}

PROCSEC_API const char *procsec_doc_lang(const procsec_doc *doc)
{
	return field(doc, PS_F_LANG);
}

PROCSEC_API const char *procsec_doc_buyer_country(const procsec_doc *doc)
{
	return field(doc, PS_F_BUYER_COUNTRY);
}

PROCSEC_API procsec_fact procsec_doc_fact(const procsec_doc *doc,
                                          const char *name)
{
	const struct ps_fact *fact;

	if (doc == NULL || name == NULL)
		return PROCSEC_FACT_UNKNOWN;
	fact = find_fact(doc, name);
	return fact != NULL ? fact->value : PROCSEC_FACT_UNKNOWN;
}

PROCSEC_API size_t procsec_doc_clause_count(const procsec_doc *doc)
{
	return doc != NULL ? doc->clauses.count : 0;
}

PROCSEC_API const procsec_clause *procsec_doc_clause_at(const procsec_doc *doc,
                                                        size_t i)
{
	return doc != NULL ? ps_vec_at(&doc->clauses, i) : NULL;
}

PROCSEC_API const char *procsec_clause_kind(const procsec_clause *clause)
{
	return clause != NULL ? clause->kind : NULL;
}

PROCSEC_API const char *procsec_clause_id(const procsec_clause *clause)
{
	return clause != NULL ? clause->id : NULL;
}

PROCSEC_API const char *procsec_clause_level(const procsec_clause *clause)
{
	return clause != NULL ? clause->level : NULL;
}

PROCSEC_API int procsec_clause_level_inferred(const procsec_clause *clause)
{
	return clause != NULL && clause->level_inferred;
}

PROCSEC_API const char *procsec_clause_category(const procsec_clause *clause)
{
	return clause != NULL ? clause->category : NULL;
}

PROCSEC_API const char *procsec_clause_verification(const procsec_clause *c)
{
	return c != NULL ? c->verification : NULL;
}

PROCSEC_API const char *procsec_clause_text(const procsec_clause *clause)
{
	return clause != NULL ? clause->text : NULL;
}

PROCSEC_API const char *procsec_clause_section(const procsec_clause *clause)
{
	return clause != NULL ? clause->section_label : NULL;
}

PROCSEC_API int procsec_clause_line(const procsec_clause *clause)
{
	return clause != NULL ? clause->loc.line : 0;
}

PROCSEC_API int procsec_clause_column(const procsec_clause *clause)
{
	return clause != NULL ? clause->loc.column : 0;
}

PROCSEC_API const char *procsec_clause_path(const procsec_clause *clause)
{
	return clause != NULL ? clause->loc.path : NULL;
}
