/*
 * eval.c -- procsec_check: facts, conditions and checks over one
 * tender, with every pattern matched at most once per clause.
 *
 * The rule set is shared and read-only; everything that changes during
 * a check (the match data, the per-clause memo, the report) belongs to
 * this call, so any number of threads may check at once.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "report.h"

/* A 1024-bit set of the byte pairs in a folded clause: a literal with
 * a pair the clause lacks cannot be in it, which spares most searches. */
#define BLOOM_WORDS 16

static unsigned bigram(const char *s)
{
	return ((unsigned char)s[0] * 31u + (unsigned char)s[1]) & 1023u;
}

static void fill_bigrams(uint64_t *bloom, const char *s, size_t n)
{
	size_t i;

	memset(bloom, 0, BLOOM_WORDS * sizeof(*bloom));
	for (i = 0; i + 1 < n; i++) {
		unsigned b = bigram(s + i);

		bloom[b >> 6] |= (uint64_t)1 << (b & 63);
	}
}

static int has_bigrams(const uint64_t *bloom, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		unsigned b = bigram(s + i);

		if (!(bloom[b >> 6] & ((uint64_t)1 << (b & 63))))
			return 0;
	}
	return 1;
}

/* The memo's states of a (clause, pattern) pair. */
enum { UNSEEN = 0, HIT = 1, MISS = 2, FAILED = 3 };

struct eval {
	const procsec_ruleset *rules;
	const procsec_doc *doc;
	procsec_report *report;
	pcre2_match_data *md;
	unsigned char *memo;    /* clauses x patterns */
	size_t *lengths;        /* of each clause's text */
	const char **folded;    /* each clause's text case-folded, lazily */
	size_t *folded_lengths;
	uint64_t (*bigrams)[BLOOM_WORDS]; /* byte pairs in each folded text */
	const char **sections;  /* each section's label and titles, lazily */
	const char *lang;
	struct ps_vec unknown;  /* const char *: facts a condition lacked */
	char error[256];        /* the first budget exceeded in this rule */
};

static void budget_exceeded(struct eval *e, const char *pattern,
                            const procsec_clause *c)
{
	if (e->error[0] != '\0')
		return;
	snprintf(e->error, sizeof(e->error),
	         strcmp(e->lang, "sv") == 0
	                 ? "mönstret %s överskred sin matchningsbudget på "
	                   "klausul %s (rad %d)"
	                 : "pattern %s exceeded its match budget on clause %s "
	                   "(line %d)",
	         pattern, c->id != NULL ? c->id : "-", c->loc.line);
}

/* Could pattern p match clause i at all?  A substring search for its
 * literals in the folded clause is far cheaper than the pattern. */
static int may_match(struct eval *e, size_t i, const struct ps_pattern *pat)
{
	const procsec_clause *c;
	size_t k;

	if (pat->literal_count == 0)
		return 1;
	if (e->folded[i] == NULL) {
		c = ps_vec_at(&e->doc->clauses, i);
		e->folded[i] = ps_fold(e->report->arena, c->text, e->lengths[i]);
		if (e->folded[i] == NULL)
			return 1; /* out of memory: let the pattern decide */
		e->folded_lengths[i] = strlen(e->folded[i]);
		fill_bigrams(e->bigrams[i], e->folded[i], e->folded_lengths[i]);
	}
	for (k = 0; k < pat->literal_count; k++) {
		size_t len = strlen(pat->literals[k]);

		if (has_bigrams(e->bigrams[i], pat->literals[k], len) &&
		    memmem(e->folded[i], e->folded_lengths[i], pat->literals[k],
		           len) != NULL)
			return 1;
	}
	return 0;
}

/* Does pattern p match clause i?  Each pair is matched once per check. */
static int clause_matches(struct eval *e, size_t i, long p)
{
	const struct ps_pattern *pat = ps_vec_at(&e->rules->patterns, (size_t)p);
	unsigned char *state = &e->memo[i * e->rules->patterns.count + (size_t)p];
	const procsec_clause *c = ps_vec_at(&e->doc->clauses, i);
	size_t start, end;

	if (*state == UNSEEN && !may_match(e, i, pat))
		*state = MISS;
	if (*state == UNSEEN) {
		enum ps_match m = ps_pattern_match(e->rules, pat->code, c->text,
		                                   e->lengths[i], 0, e->md, &start,
		                                   &end);

		e->report->matches++;
		*state = m == MATCH_YES ? HIT : m == MATCH_NO ? MISS : FAILED;
	}
	if (*state == FAILED)
		budget_exceeded(e, pat->name, c);
	return *state == HIT;
}

/* Where pattern p matches clause i, for a finding: [start, end). */
static void span_of(struct eval *e, size_t i, long p, long *start, long *end)
{
	const struct ps_pattern *pat = ps_vec_at(&e->rules->patterns, (size_t)p);
	const procsec_clause *c = ps_vec_at(&e->doc->clauses, i);
	size_t s, t;

	*start = *end = -1;
	if (ps_pattern_match(e->rules, pat->code, c->text, e->lengths[i], 0,
	                     e->md, &s, &t) == MATCH_YES) {
		*start = (long)s;
		*end = (long)t;
	}
}

/* A section's label and every title on its path, for `section`. */
static const char *section_text(struct eval *e, long s)
{
	const struct ps_section *sec;
	char buf[2048];
	size_t n;
	long up;

	if (e->sections[s] != NULL)
		return e->sections[s];
	sec = ps_vec_at(&e->doc->sections, (size_t)s);
	n = (size_t)snprintf(buf, sizeof(buf), "%s", sec->label);
	for (up = s; up >= 0 && n < sizeof(buf);
	     up = ((const struct ps_section *)ps_vec_at(&e->doc->sections,
	                                                (size_t)up))
	                  ->parent) {
		const struct ps_section *a = ps_vec_at(&e->doc->sections, (size_t)up);

		if (a->title != NULL)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, " | %s",
			                      a->title);
	}
	e->sections[s] = ps_arena_strdup(e->report->arena, buf);
	return e->sections[s] != NULL ? e->sections[s] : "";
}

static int section_matches(struct eval *e, const procsec_clause *c, long p)
{
	const struct ps_pattern *pat = ps_vec_at(&e->rules->patterns, (size_t)p);
	const char *text;
	size_t start, end;
	enum ps_match m;

	if (c->section < 0)
		return 0;
	text = section_text(e, c->section);
	m = ps_pattern_match(e->rules, pat->code, text, strlen(text), 0, e->md,
	                     &start, &end);
	e->report->matches++;
	if (m == MATCH_ERROR)
		budget_exceeded(e, pat->name, c);
	return m == MATCH_YES;
}

static int in_list(const char *value, const struct ps_string_list *list)
{
	size_t i;

	for (i = 0; value != NULL && i < list->count; i++)
		if (strcmp(value, list->items[i]) == 0)
			return 1;
	return 0;
}

static unsigned bit_of(const char *value, const char *const *names)
{
	unsigned i;

	for (i = 0; value != NULL && names[i] != NULL; i++)
		if (strcmp(value, names[i]) == 0)
			return 1u << i;
	return 0;
}

/* Does clause i satisfy the selector?  Cheap tests come first. */
static int selects(struct eval *e, const struct ps_selector *sel, size_t i)
{
	const procsec_clause *c = ps_vec_at(&e->doc->clauses, i);
	size_t k;

	if (sel->kinds != 0 && !(sel->kinds & bit_of(c->kind, ps_clause_kinds)))
		return 0;
	if (sel->levels != 0 && !(sel->levels & bit_of(c->level, ps_levels)))
		return 0;
	if (sel->categories.count > 0 && !in_list(c->category, &sel->categories))
		return 0;
	if (sel->verified >= 0 &&
	    sel->verified != (c->verification != NULL && c->verification[0] != '\0'))
		return 0;
	for (k = 0; k < sel->text.count; k++)
		if (!clause_matches(e, i, sel->text.items[k]))
			return 0;
	for (k = 0; k < sel->unless.count; k++)
		if (clause_matches(e, i, sel->unless.items[k]))
			return 0;
	return sel->section < 0 || section_matches(e, c, sel->section);
}

/* ---- conditions ------------------------------------------------------ */

static procsec_fact unknown_because(struct eval *e, const char *what)
{
	const char **slot;
	size_t i;

	for (i = 0; i < e->unknown.count; i++)
		if (strcmp(*(const char **)ps_vec_at(&e->unknown, i), what) == 0)
			return PROCSEC_FACT_UNKNOWN;
	slot = ps_vec_push(&e->unknown);
	if (slot != NULL)
		*slot = what;
	return PROCSEC_FACT_UNKNOWN;
}

static procsec_fact truth(int yes)
{
	return yes ? PROCSEC_FACT_TRUE : PROCSEC_FACT_FALSE;
}

static int compare(double a, enum ps_op op, double b)
{
	switch (op) {
	case OP_LT:
		return a < b;
	case OP_LE:
		return a <= b;
	case OP_GT:
		return a > b;
	case OP_GE:
		return a >= b;
	default:
		return a == b;
	}
}

static procsec_fact compares_hold(struct eval *e, const struct ps_cond *c,
                                  double value)
{
	size_t i;

	for (i = 0; i < c->compare_count; i++)
		if (!compare(value, c->compares[i].op,
		             ps_number_value(e->rules, &c->compares[i].bound)))
			return PROCSEC_FACT_FALSE;
	return PROCSEC_FACT_TRUE;
}

static int cpv_starts_with(const procsec_doc *doc,
                           const struct ps_string_list *prefixes,
                           const char **code)
{
	size_t i, k;

	for (i = 0; i < doc->cpv.count; i++) {
		const struct ps_cpv *cpv = ps_vec_at(&doc->cpv, i);

		for (k = 0; k < prefixes->count; k++)
			if (strncmp(cpv->code, prefixes->items[k],
			            strlen(prefixes->items[k])) == 0) {
				*code = cpv->code;
				return 1;
			}
	}
	return 0;
}

/* Compares the primary subtag of a BCP 47 tag, case aside. */
/* The EU member states and the other EEA states: "EEA" in a condition. */
static int in_eea(const char *country)
{
	static const char eea[] = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU "
	                          "IE IT LT LU LV MT NL PL PT RO SE SI SK "
	                          "IS LI NO ";
	const char *p;

	for (p = eea; *p != '\0'; p += 3)
		if (strncmp(p, country, 2) == 0 && country[2] == '\0')
			return 1;
	return 0;
}

static int country_in(const char *country, const struct ps_string_list *list)
{
	return in_list(country, list) ||
	       (in_eea(country) && in_list("EEA", list));
}

static int language_in(const char *tag, const struct ps_string_list *list)
{
	size_t n = strcspn(tag, "-"), i;

	for (i = 0; i < list->count; i++)
		if (strlen(list->items[i]) == n &&
		    strncasecmp(tag, list->items[i], n) == 0)
			return 1;
	return 0;
}

static procsec_fact eval_cond(struct eval *e, const struct ps_cond *c);

static procsec_fact eval_parts(struct eval *e, const struct ps_cond *c)
{
	procsec_fact result = truth(c->kind == C_ALL);
	size_t i;

	for (i = 0; i < c->part_count; i++) {
		procsec_fact v = eval_cond(e, c->parts[i]);

		if (c->kind == C_ALL && v == PROCSEC_FACT_FALSE)
			return v;
		if (c->kind == C_ANY && v == PROCSEC_FACT_TRUE)
			return v;
		if (v == PROCSEC_FACT_UNKNOWN)
			result = v;
	}
	return result;
}

static procsec_fact eval_fact(struct eval *e, const struct ps_cond *c)
{
	procsec_fact v = ps_report_fact(e->report, c->fact);

	if (c->is == PROCSEC_FACT_UNKNOWN)
		return truth(v == PROCSEC_FACT_UNKNOWN);
	if (v == PROCSEC_FACT_UNKNOWN)
		return unknown_because(e, c->fact);
	return truth(v == c->is);
}

static procsec_fact eval_clause_cond(struct eval *e, const struct ps_cond *c)
{
	size_t i;

	for (i = 0; i < e->doc->clauses.count; i++)
		if (selects(e, c->selector, i))
			return PROCSEC_FACT_TRUE;
	return PROCSEC_FACT_FALSE;
}

static double duration_months(const procsec_doc *doc)
{
	double amount = (double)doc->duration_amount;

	return strcmp(doc->field[PS_F_DURATION_UNIT], "days") == 0 ? amount / 30
	                                                         : amount;
}

static procsec_fact eval_cond(struct eval *e, const struct ps_cond *c)
{
	const procsec_doc *doc = e->doc;
	const char *code;

	switch (c->kind) {
	case C_FACT:
		return eval_fact(e, c);
	case C_CPV:
		if (doc->cpv.count == 0)
			return unknown_because(e, "cpv");
		return truth(cpv_starts_with(doc, &c->values, &code));
	case C_PROCEDURE:
		if (doc->field[PS_F_PROCEDURE] == NULL)
			return unknown_because(e, "procedure");
		return truth(in_list(doc->field[PS_F_PROCEDURE], &c->values));
	case C_LANGUAGE:
		return truth(language_in(doc->field[PS_F_LANG], &c->values));
	case C_COUNTRY:
		if (doc->field[PS_F_BUYER_COUNTRY] == NULL)
			return unknown_because(e, "buyer.country");
		return truth(country_in(doc->field[PS_F_BUYER_COUNTRY], &c->values));
	case C_VALUE:
		if (!doc->has_value)
			return unknown_because(e, "value");
		return compares_hold(e, c, doc->value_amount);
	case C_DURATION:
		if (!doc->has_duration)
			return unknown_because(e, "duration");
		return compares_hold(e, c, duration_months(doc));
	case C_CLAUSE:
		return eval_clause_cond(e, c);
	case C_NOT: {
		procsec_fact v = eval_cond(e, c->parts[0]);

		return v == PROCSEC_FACT_UNKNOWN ? v : truth(v == PROCSEC_FACT_FALSE);
	}
	default:
		return eval_parts(e, c);
	}
}

/* ---- checks ---------------------------------------------------------- */

/* What a check found: pass or fail, and the findings behind it. */
struct outcome {
	int pass;
	struct ps_vec findings; /* struct procsec_finding */
	struct ps_vec evidence;
};

static void outcome_init(struct outcome *o)
{
	o->pass = 0;
	ps_vec_init(&o->findings, sizeof(struct procsec_finding));
	ps_vec_init(&o->evidence, sizeof(struct procsec_finding));
}

static void outcome_free(struct outcome *o)
{
	ps_vec_free(&o->findings);
	ps_vec_free(&o->evidence);
}

static void add(struct ps_vec *to, const char *message, const procsec_clause *c,
                long start, long end)
{
	struct procsec_finding *f = ps_vec_push(to);

	if (f == NULL)
		return; /* out of memory: the report is short of one line */
	f->message = message;
	f->clause = c;
	f->span_start = start;
	f->span_end = end;
}

static void append(struct ps_vec *to, const struct ps_vec *from)
{
	size_t i;

	for (i = 0; i < from->count; i++) {
		const struct procsec_finding *f = ps_vec_at(from, i);

		add(to, f->message, f->clause, f->span_start, f->span_end);
	}
}

/* Whether `to` already says the same about the whole tender. */
static int said_of_tender(const struct ps_vec *to, const char *message)
{
	size_t i;

	for (i = 0; i < to->count; i++) {
		const struct procsec_finding *f = ps_vec_at(to, i);

		if (f->clause == NULL && strcmp(f->message, message) == 0)
			return 1;
	}
	return 0;
}

static int sv(const struct eval *e)
{
	return strcmp(e->lang, "sv") == 0;
}

static const char *satisfied(const struct eval *e)
{
	return sv(e) ? "uppfyller regeln" : "satisfies the rule";
}

/* The first text pattern's span, to point at what made a clause count. */
static void selector_span(struct eval *e, const struct ps_selector *sel,
                          size_t i, long *start, long *end)
{
	*start = *end = -1;
	if (sel->text.count > 0)
		span_of(e, i, sel->text.items[0], start, end);
}

/*
 * Evidence shows which clauses satisfy a rule; a handful is proof enough,
 * and stopping there spares matching every other clause of a long tender.
 */
#define MAX_EVIDENCE 10

static void check_require(struct eval *e, const struct ps_check *k,
                          const procsec_rule *rule, struct outcome *o)
{
	long found = 0, start, end;
	size_t i;

	for (i = 0; i < e->doc->clauses.count; i++) {
		if (found >= k->min && found >= MAX_EVIDENCE)
			break;
		if (!selects(e, &k->selector, i))
			continue;
		found++;
		selector_span(e, &k->selector, i, &start, &end);
		add(&o->evidence, satisfied(e), ps_vec_at(&e->doc->clauses, i), start,
		    end);
	}
	o->pass = found >= k->min;
	if (o->pass)
		return;
	if (found == 0 || k->min == 1)
		add(&o->findings, ps_text_in(&rule->message, e->lang), NULL, -1, -1);
	else
		add(&o->findings,
		    ps_arena_printf(e->report->arena,
		                    sv(e) ? "%s (%ld av %ld klausuler hittades)"
		                          : "%s (%ld of %ld clauses found)",
		                    ps_text_in(&rule->message, e->lang), found,
		                    k->min),
		    NULL, -1, -1);
}

static void check_forbid(struct eval *e, const struct ps_check *k,
                         const procsec_rule *rule, struct outcome *o)
{
	size_t i;

	for (i = 0; i < e->doc->clauses.count; i++) {
		const procsec_clause *c = ps_vec_at(&e->doc->clauses, i);
		long start, end;

		if (!selects(e, &k->selector, i))
			continue;
		selector_span(e, &k->selector, i, &start, &end);
		add(&o->findings,
		    start >= 0 ? ps_arena_printf(e->report->arena,
		                                 sv(e) ? "”%.*s”: %s" : "“%.*s”: %s",
		                                 (int)(end - start), c->text + start,
		                                 ps_text_in(&rule->message, e->lang))
		               : ps_text_in(&rule->message, e->lang),
		    c, start, end);
	}
	o->pass = o->findings.count == 0;
}

static int within(struct eval *e, const struct ps_check *k, double value)
{
	if (k->has_at_most && value > ps_number_value(e->rules, &k->at_most))
		return 0;
	if (k->has_at_least && value < ps_number_value(e->rules, &k->at_least))
		return 0;
	return 1;
}

static const char *bound_words(struct eval *e, const struct ps_check *k)
{
	const char *unit = ps_unit_name(k->unit, e->lang);

	if (k->has_at_most && k->has_at_least)
		return ps_arena_printf(e->report->arena,
		                       sv(e) ? "mellan %g och %g %s" : "between %g and %g %s",
		                       ps_number_value(e->rules, &k->at_least),
		                       ps_number_value(e->rules, &k->at_most), unit);
	if (k->has_at_most)
		return ps_arena_printf(e->report->arena,
		                       sv(e) ? "högst %g %s" : "at most %g %s",
		                       ps_number_value(e->rules, &k->at_most), unit);
	return ps_arena_printf(e->report->arena,
	                       sv(e) ? "minst %g %s" : "at least %g %s",
	                       ps_number_value(e->rules, &k->at_least), unit);
}

/* Reads the quantities of one picked clause; returns how many it states. */
static int clause_quantities(struct eval *e, const struct ps_check *k,
                             size_t i, struct outcome *o, struct outcome *off)
{
	const procsec_clause *c = ps_vec_at(&e->doc->clauses, i);
	struct ps_quantity_found q;
	size_t offset = 0;
	int stated = 0, rc;
	double per = ps_unit_minutes(k->unit);
	const char *unit = ps_unit_name(k->unit, e->lang);

	while ((rc = ps_quantity_next(e->rules, c->text, e->lengths[i], &offset,
	                              e->md, &q)) == 1) {
		double value = q.minutes / per;
		/* a deadline in working days can run over a weekend or a
		 * holiday, which matters to a service that runs all week */
		const char *note = !q.working_days ? ""
		                   : sv(e) ? " (i arbetsdagar, räknade som dagar: "
		                             "helger kan förlänga tiden)"
		                           : " (in working days, counted as days: "
		                             "weekends can stretch it)";

		stated++;
		if (within(e, k, value))
			add(&o->evidence,
			    ps_arena_printf(e->report->arena,
			                    sv(e) ? "anger %g %s%s" : "states %g %s%s",
			                    value, unit, note),
			    c, (long)q.start, (long)q.end);
		else
			add(&off->findings,
			    ps_arena_printf(e->report->arena,
			                    sv(e) ? "anger %g %s%s, men %s krävs"
			                          : "states %g %s%s, but %s is required",
			                    value, unit, note, bound_words(e, k)),
			    c, (long)q.start, (long)q.end);
	}
	if (rc < 0)
		budget_exceeded(e, "(quantity)", c);
	return stated;
}

static void check_quantity(struct eval *e, const struct ps_check *k,
                           const procsec_rule *rule, struct outcome *o)
{
	struct outcome off;
	size_t i, picked = 0;
	int stated = 0;

	outcome_init(&off);
	/* the first clause that states a quantity within bounds settles it */
	for (i = 0; i < e->doc->clauses.count && o->evidence.count == 0; i++)
		if (selects(e, &k->selector, i)) {
			picked++;
			stated += clause_quantities(e, k, i, o, &off);
		}
	o->pass = o->evidence.count > 0;
	if (!o->pass && stated > 0)
		append(&o->findings, &off.findings);
	else if (!o->pass)
		add(&o->findings,
		    picked == 0 ? ps_text_in(&rule->message, e->lang)
		                : ps_arena_printf(e->report->arena,
		                                  sv(e) ? "%s (ingen tidsgräns anges)"
		                                        : "%s (no time limit is "
		                                          "stated)",
		                                  ps_text_in(&rule->message, e->lang)),
		    NULL, -1, -1);
	outcome_free(&off);
}

/* ---- field and attachment checks ------------------------------------ */

static const char *const field_labels[FN_COUNT] = {
	"id", "title", "lang", "buyer.name", "buyer.orgno", "buyer.country",
	"procedure", "published", "deadline", "cpv.main", "value.amount",
	"value.currency", "duration.amount", "duration.unit",
};

static const char *main_cpv(const procsec_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->cpv.count; i++)
		if (((struct ps_cpv *)ps_vec_at(&doc->cpv, i))->main)
			return ((struct ps_cpv *)ps_vec_at(&doc->cpv, i))->code;
	return doc->cpv.count > 0 ? ((struct ps_cpv *)ps_vec_at(&doc->cpv, 0))->code
	                          : NULL;
}

/* A field as text (NULL when absent) and, for amounts, as a number. */
static const char *field_value(const procsec_doc *doc, enum ps_field_name f,
                               double *number, char *buf, size_t size)
{
	static const enum ps_field text_fields[FN_COUNT] = {
		PS_F_ID, PS_F_TITLE, PS_F_LANG, PS_F_BUYER_NAME, PS_F_BUYER_ORGNO,
		PS_F_BUYER_COUNTRY, PS_F_PROCEDURE, PS_F_PUBLISHED, PS_F_DEADLINE,
		PS_F_COUNT, PS_F_COUNT, PS_F_VALUE_CURRENCY, PS_F_COUNT,
		PS_F_DURATION_UNIT,
	};

	*number = 0;
	if (f == FN_CPV_MAIN)
		return main_cpv(doc);
	if (f == FN_VALUE_AMOUNT || f == FN_DURATION_AMOUNT) {
		int has = f == FN_VALUE_AMOUNT ? doc->has_value : doc->has_duration;

		if (!has)
			return NULL;
		*number = f == FN_VALUE_AMOUNT ? doc->value_amount
		                               : (double)doc->duration_amount;
		snprintf(buf, size, "%.15g", *number);
		return buf;
	}
	return doc->field[text_fields[f]];
}

static int field_holds(struct eval *e, const struct ps_check *k,
                       const char *value, double number)
{
	const struct ps_pattern *p;
	size_t s, t;

	switch (k->field_op) {
	case FO_EXISTS:
		return (value != NULL) == k->exists;
	case FO_EQUALS:
		if (value == NULL)
			return 0;
		return k->equals_is_number ? number == k->compare.bound.value
		                           : strcmp(value, k->equals_text) == 0;
	case FO_MATCHES:
		if (value == NULL)
			return 0;
		p = ps_vec_at(&e->rules->patterns, (size_t)k->pattern);
		e->report->matches++;
		return ps_pattern_match(e->rules, p->code, value, strlen(value), 0,
		                        e->md, &s, &t) == MATCH_YES;
	default:
		if (value == NULL)
			return 0;
		if (k->equals_text != NULL) /* a date: ISO text sorts as dates do */
			return compare(strncmp(value, k->equals_text, 10), k->compare.op,
			               0);
		if (k->field == FN_VALUE_AMOUNT || k->field == FN_DURATION_AMOUNT)
			return compare(number, k->compare.op,
			               ps_number_value(e->rules, &k->compare.bound));
		return 0;
	}
}

static void check_field(struct eval *e, const struct ps_check *k,
                        const procsec_rule *rule, struct outcome *o)
{
	char buf[64];
	double number;
	const char *value = field_value(e->doc, k->field, &number, buf,
	                                sizeof(buf));

	o->pass = field_holds(e, k, value, number);
	if (o->pass)
		return;
	add(&o->findings,
	    ps_arena_printf(e->report->arena,
	                    value == NULL ? (sv(e) ? "%s (fältet %s saknas)"
	                                           : "%s (the field %s is missing)")
	                                  : (sv(e) ? "%s (%s är ”%s”)"
	                                           : "%s (%s is “%s”)"),
	                    ps_text_in(&rule->message, e->lang),
	                    field_labels[k->field], value != NULL ? value : ""),
	    NULL, -1, -1);
}

static void check_attachment(struct eval *e, const struct ps_check *k,
                             const procsec_rule *rule, struct outcome *o)
{
	size_t i, s, t;

	for (i = 0; i < e->doc->attachments.count && !o->pass; i++) {
		const struct ps_attachment *a = ps_vec_at(&e->doc->attachments, i);
		const struct ps_pattern *p;

		if (k->types.count > 0 && !in_list(a->type, &k->types))
			continue;
		if (k->pattern >= 0) {
			p = ps_vec_at(&e->rules->patterns, (size_t)k->pattern);
			e->report->matches++;
			if (a->title == NULL ||
			    ps_pattern_match(e->rules, p->code, a->title,
			                     strlen(a->title), 0, e->md, &s,
			                     &t) != MATCH_YES)
				continue;
		}
		o->pass = 1;
	}
	if (!o->pass)
		add(&o->findings, ps_text_in(&rule->message, e->lang), NULL, -1, -1);
}

static void eval_check(struct eval *e, const struct ps_check *k,
                       const procsec_rule *rule, struct outcome *o);

static void check_parts(struct eval *e, const struct ps_check *k,
                        const procsec_rule *rule, struct outcome *o)
{
	size_t i, passed = 0;

	for (i = 0; i < k->part_count; i++) {
		struct outcome part;

		outcome_init(&part);
		eval_check(e, k->parts[i], rule, &part);
		passed += part.pass;
		if (part.pass) {
			append(&o->evidence, &part.evidence);
		} else {
			size_t j;

			/* alternatives that each miss the same thing say it once */
			for (j = 0; j < part.findings.count; j++) {
				const struct procsec_finding *f =
					ps_vec_at(&part.findings, j);

				if (f->clause != NULL ||
				    !said_of_tender(&o->findings, f->message))
					add(&o->findings, f->message, f->clause,
					    f->span_start, f->span_end);
			}
		}
		outcome_free(&part);
	}
	o->pass = k->kind == K_ALL ? passed == k->part_count : passed > 0;
	if (o->pass && k->kind == K_ANY)
		o->findings.count = 0; /* one way is enough */
}

static void eval_check(struct eval *e, const struct ps_check *k,
                       const procsec_rule *rule, struct outcome *o)
{
	struct outcome inner;

	switch (k->kind) {
	case K_REQUIRE:
		check_require(e, k, rule, o);
		break;
	case K_FORBID:
		check_forbid(e, k, rule, o);
		break;
	case K_QUANTITY:
		check_quantity(e, k, rule, o);
		break;
	case K_FIELD:
		check_field(e, k, rule, o);
		break;
	case K_ATTACHMENT:
		check_attachment(e, k, rule, o);
		break;
	case K_NOT:
		outcome_init(&inner);
		eval_check(e, k->parts[0], rule, &inner);
		o->pass = !inner.pass;
		if (!o->pass)
			add(&o->findings, ps_text_in(&rule->message, e->lang), NULL, -1,
			    -1);
		outcome_free(&inner);
		break;
	default:
		check_parts(e, k, rule, o);
	}
}

/* ---- rules ------------------------------------------------------------ */

static int in_force(const struct ps_period *p, const char *date)
{
	if (date[0] == '\0')
		return 1;
	if (p->from[0] != '\0' && strcmp(date, p->from) < 0)
		return 0;
	return p->until[0] == '\0' || strcmp(date, p->until) <= 0;
}

static const char *period_reason(struct eval *e, const struct ps_period *p,
                                 const char *whose)
{
	return ps_arena_printf(e->report->arena,
	                       sv(e) ? "%s gäller %s–%s; underlaget bedöms per %s"
	                             : "%s is in force %s to %s; the tender is "
	                               "checked as of %s",
	                       whose, p->from[0] ? p->from : "…",
	                       p->until[0] ? p->until : "…", e->report->as_of);
}

static const char *unknown_reason(struct eval *e, struct procsec_result *r)
{
	char joined[256] = "";
	size_t i, n = 0;

	r->unknown_facts.items = ps_arena_alloc(e->report->arena,
	                                        (e->unknown.count + 1) *
	                                                sizeof(char *));
	for (i = 0; i < e->unknown.count && r->unknown_facts.items != NULL; i++) {
		const char *f = *(const char **)ps_vec_at(&e->unknown, i);

		r->unknown_facts.items[r->unknown_facts.count++] = f;
		n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%s%s",
		                      i > 0 ? ", " : "",
		                      f);
		if (n >= sizeof(joined))
			n = sizeof(joined) - 1;
	}
	return ps_arena_printf(e->report->arena,
	                       sv(e) ? "beror på uppgifter som underlaget inte "
	                               "anger: %s"
	                             : "depends on what the tender does not "
	                               "state: %s",
	                       joined);
}

/* Applicability: not_applicable, unknown or error; pass for "applies". */
static procsec_status applies(struct eval *e, const procsec_rule *rule,
                              struct procsec_result *r)
{
	const struct ps_pack *pack = ps_vec_at(&e->rules->packs,
	                                       (size_t)rule->pack);
	procsec_fact when;

	if (!in_force(&e->rules->valid, e->report->as_of)) {
		r->reason = period_reason(e, &e->rules->valid,
		                          e->rules->profile != NULL
		                                  ? e->rules->profile
		                                  : "profile");
		return PROCSEC_STATUS_NOT_APPLICABLE;
	}
	if (!in_force(&pack->valid, e->report->as_of)) {
		r->reason = period_reason(e, &pack->valid, pack->id);
		return PROCSEC_STATUS_NOT_APPLICABLE;
	}
	if (!in_force(&rule->valid, e->report->as_of)) {
		r->reason = period_reason(e, &rule->valid, rule->id);
		return PROCSEC_STATUS_NOT_APPLICABLE;
	}
	if (rule->when == NULL)
		return PROCSEC_STATUS_PASS;
	e->unknown.count = 0;
	when = eval_cond(e, rule->when);
	if (e->error[0] != '\0')
		return PROCSEC_STATUS_ERROR;
	if (when == PROCSEC_FACT_UNKNOWN) {
		r->reason = unknown_reason(e, r);
		return PROCSEC_STATUS_UNKNOWN;
	}
	if (when == PROCSEC_FACT_FALSE) {
		r->reason = ps_arena_printf(
			e->report->arena, sv(e) ? "gäller när %s" : "applies when %s",
			ps_describe_cond(e->report->arena, rule->when, e->rules,
			                 e->lang));
		return PROCSEC_STATUS_NOT_APPLICABLE;
	}
	return PROCSEC_STATUS_PASS;
}

/* The first severity case whose condition is true, else the rule's own
 * severity.  A case that cannot be decided does not apply; its trouble
 * (a pattern over budget) is not the rule's. */
static procsec_severity severity_of(struct eval *e, const procsec_rule *rule)
{
	char error[sizeof(e->error)];
	procsec_severity severity = rule->severity;
	size_t i;

	memcpy(error, e->error, sizeof(error));
	for (i = 0; i < rule->severity_case_count; i++) {
		e->error[0] = '\0';
		if (eval_cond(e, rule->severity_cases[i].when) ==
		            PROCSEC_FACT_TRUE &&
		    e->error[0] == '\0') {
			severity = rule->severity_cases[i].severity;
			break;
		}
	}
	memcpy(e->error, error, sizeof(error));
	return severity;
}

static void run_rule(struct eval *e, const procsec_rule *rule,
                     struct procsec_result *r)
{
	struct outcome o;

	r->rule = rule;
	ps_vec_init(&r->findings, sizeof(struct procsec_finding));
	ps_vec_init(&r->evidence, sizeof(struct procsec_finding));
	e->error[0] = '\0';
	r->status = applies(e, rule, r);
	if (r->status == PROCSEC_STATUS_PASS) {
		outcome_init(&o);
		eval_check(e, rule->check, rule, &o);
		r->status = o.pass ? PROCSEC_STATUS_PASS : PROCSEC_STATUS_FAIL;
		r->findings = o.findings;
		r->evidence = o.evidence;
		if (o.pass)
			r->findings.count = 0;
	}
	if (e->error[0] != '\0') {
		r->status = PROCSEC_STATUS_ERROR;
		r->reason = ps_arena_strdup(e->report->arena, e->error);
	}
	r->severity = severity_of(e, rule);
}

/* ---- facts ------------------------------------------------------------ */

static void state_facts(struct eval *e)
{
	size_t i;

	for (i = 0; i < e->doc->facts.count; i++) {
		const struct ps_fact *f = ps_vec_at(&e->doc->facts, i);
		struct ps_fact_used *u = ps_vec_push(&e->report->facts);

		if (u == NULL)
			return;
		u->name = f->name;
		u->value = f->value;
		u->from_options = f->from_options;
	}
}

static int fact_known(const procsec_report *report, const char *name)
{
	size_t i;

	for (i = 0; i < report->facts.count; i++)
		if (strcmp(((const struct ps_fact_used *)ps_vec_at(&report->facts, i))
		                   ->name,
		           name) == 0)
			return 1;
	return 0;
}

static const char *inference_reason(struct eval *e, const struct ps_infer *in)
{
	const struct ps_pack *pack = ps_vec_at(&e->rules->packs, (size_t)in->pack);
	const char *code;

	if (in->because.en != NULL)
		return ps_text_in(&in->because, e->lang);
	if (in->when->kind == C_CPV &&
	    cpv_starts_with(e->doc, &in->when->values, &code))
		return ps_arena_printf(e->report->arena,
		                       sv(e) ? "härlett från CPV %s (regelpaket %s)"
		                             : "inferred from CPV %s (pack %s)",
		                       code, pack->id);
	return ps_arena_printf(e->report->arena,
	                       sv(e) ? "härlett: %s (regelpaket %s)"
	                             : "inferred: %s (pack %s)",
	                       ps_describe_cond(e->report->arena, in->when,
	                                        e->rules, e->lang),
	                       pack->id);
}

static void infer_facts(struct eval *e)
{
	size_t i;

	for (i = 0; i < e->rules->infers.count; i++) {
		const struct ps_infer *in = ps_vec_at(&e->rules->infers, i);
		struct ps_fact_used *u;

		if (fact_known(e->report, in->fact))
			continue; /* stated, even as unknown, or inferred before */
		e->unknown.count = 0;
		if (eval_cond(e, in->when) != PROCSEC_FACT_TRUE)
			continue;
		u = ps_vec_push(&e->report->facts);
		if (u == NULL)
			return;
		u->name = in->fact;
		u->value = in->value;
		u->inferred = 1;
		u->reason = inference_reason(e, in);
	}
}

/* ---- the check -------------------------------------------------------- */

static void choose_date_and_lang(procsec_report *report,
                                 const struct procsec_options *opts)
{
	const char *published = report->doc->field[PS_F_PUBLISHED];
	const char *doc_lang = report->doc->field[PS_F_LANG];

	if (opts->as_of[0] != '\0') {
		memcpy(report->as_of, opts->as_of, sizeof(report->as_of));
		report->as_of_source = "option";
	} else if (published != NULL) {
		snprintf(report->as_of, sizeof(report->as_of), "%s", published);
		report->as_of_source = "published";
	}
	if (opts->lang[0] != '\0')
		memcpy(report->lang, opts->lang, sizeof(report->lang));
	else if (report->rules->lang[0] != '\0') /* a profile's choice */
		memcpy(report->lang, report->rules->lang, sizeof(report->lang));
	else
		memcpy(report->lang,
		       strncasecmp(doc_lang, "sv", 2) == 0 &&
		                       (doc_lang[2] == '\0' || doc_lang[2] == '-')
		               ? "sv"
		               : "en",
		       3);
}

/* The date waivers expire against: --as-of when given, else today. */
static const char *today(const struct procsec_options *opts, char *buf,
                         size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (opts->as_of[0] != '\0')
		return opts->as_of;
	if (gmtime_r(&now, &tm) == NULL)
		return "";
	strftime(buf, size, "%Y-%m-%d", &tm);
	return buf;
}

static int start(struct eval *e, procsec_report **out,
                 const procsec_ruleset *rules, const procsec_doc *doc,
                 const struct procsec_options *opts)
{
	procsec_report *report = calloc(1, sizeof(*report));
	size_t n = doc->clauses.count, i;

	memset(e, 0, sizeof(*e));
	*out = report;
	if (report == NULL)
		return PROCSEC_ENOMEM;
	report->rules = rules;
	report->doc = doc;
	ps_vec_init(&report->results, sizeof(struct procsec_result));
	ps_vec_init(&report->facts, sizeof(struct ps_fact_used));
	ps_vec_init(&report->waivers, sizeof(struct ps_waiver_use));
	ps_vec_init(&e->unknown, sizeof(const char *));
	choose_date_and_lang(report, opts);
	e->rules = rules;
	e->doc = doc;
	e->report = report;
	e->lang = report->lang;
	report->arena = ps_arena_new();
	e->md = pcre2_match_data_create(rules->max_pairs, NULL);
	e->memo = calloc(n * rules->patterns.count + 1, 1);
	e->lengths = malloc((n + 1) * sizeof(*e->lengths));
	e->sections = calloc(doc->sections.count + 1, sizeof(*e->sections));
	e->folded = calloc(n + 1, sizeof(*e->folded));
	e->folded_lengths = calloc(n + 1, sizeof(*e->folded_lengths));
	e->bigrams = malloc((n + 1) * sizeof(*e->bigrams));
	if (report->arena == NULL || e->md == NULL || e->memo == NULL ||
	    e->lengths == NULL || e->sections == NULL || e->folded == NULL ||
	    e->folded_lengths == NULL || e->bigrams == NULL)
		return PROCSEC_ENOMEM;
	for (i = 0; i < n; i++)
		e->lengths[i] = strlen(((procsec_clause *)ps_vec_at(&doc->clauses, i))
		                               ->text);
	return PROCSEC_OK;
}

static void finish(struct eval *e)
{
	pcre2_match_data_free(e->md);
	free(e->memo);
	free(e->lengths);
	free(e->sections);
	free(e->folded);
	free(e->folded_lengths);
	free(e->bigrams);
	ps_vec_free(&e->unknown);
}

PROCSEC_API int procsec_check(procsec_report **out,
                              const procsec_ruleset *rules,
                              const procsec_doc *doc,
                              const procsec_options *opts,
                              procsec_error *err)
{
	procsec_report *report;
	struct eval e;
	char date[16];
	size_t i;
	int rc;

	ps_error_clear(err);
	if (out == NULL || rules == NULL || doc == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out, rules or doc is NULL");
	rc = start(&e, &report, rules, doc, ps_options_or_default(opts));
	if (rc == PROCSEC_OK) {
		state_facts(&e);
		infer_facts(&e);
		for (i = 0; i < rules->rules.count; i++) {
			struct procsec_result *r = ps_vec_push(&report->results);

			if (r == NULL) {
				rc = PROCSEC_ENOMEM;
				break;
			}
			run_rule(&e, ps_vec_at(&rules->rules, i), r);
		}
		ps_waivers_apply(report, today(ps_options_or_default(opts), date,
		                               sizeof(date)));
	}
	finish(&e);
	if (rc != PROCSEC_OK) {
		procsec_report_free(report);
		*out = NULL;
		return ps_error_nomem(err);
	}
	*out = report;
	return PROCSEC_OK;
}
