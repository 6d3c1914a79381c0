/*
 * describe.c -- conditions in words, for the reasons a report gives:
 * "applies when critical-service is true and CPV starts with 8531".
 */
#include <stdio.h>
#include <string.h>

#include "pack.h"

struct phrases {
	const char *is_true, *is_false, *is_unknown;
	const char *cpv, *procedure, *language, *country, *value, *duration;
	const char *clause, *and_, *or_, *not_;
};

static const struct phrases sv = {
	"%s är sant", "%s är falskt", "%s är okänt", "CPV börjar med %s",
	"förfarandet är %s", "språket är %s", "köparens land är %s",
	"värdet %s", "avtalstiden i månader %s", "någon klausul %s", " och ",
	" eller ", "inte (%s)",
};

static const struct phrases en = {
	"%s is true", "%s is false", "%s is unknown", "CPV starts with %s",
	"the procedure is %s", "the language is %s", "the buyer's country is %s",
	"the value %s", "the duration in months %s", "a clause %s", " and ",
	" or ", "not (%s)",
};

static const char *const op_words[] = { "<", "<=", ">", ">=", "=" };

/* A growing string in the arena, kept simple: describe texts are short. */
struct out {
	char buf[512];
	size_t len;
};

static void put(struct out *o, const char *fmt, ...) PS_PRINTF(2, 3);

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len >= sizeof(o->buf) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, sizeof(o->buf) - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
	if (o->len >= sizeof(o->buf))
		o->len = sizeof(o->buf) - 1;
}

/* Puts a phrase with its one "%s" replaced by arg (phrases are data,
 * not formats, so a translation cannot break the arguments). */
static void fill(struct out *o, const char *phrase, const char *arg)
{
	const char *at = strstr(phrase, "%s");

	if (at == NULL) {
		put(o, "%s", phrase);
		return;
	}
	put(o, "%.*s%s%s", (int)(at - phrase), phrase, arg, at + 2);
}

static void list(struct out *o, const char *fmt, const struct ps_string_list *l,
                 const char *or_)
{
	char joined[256] = "";
	size_t i, n = 0;

	for (i = 0; i < l->count && n < sizeof(joined); i++)
		n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%s%s",
		                      i > 0 ? or_ : "", l->items[i]);
	fill(o, fmt, joined);
}

static void compares(struct out *o, const char *fmt, const struct ps_cond *c,
                     const procsec_ruleset *rules, const char *and_)
{
	char joined[256] = "";
	size_t i, n = 0;

	for (i = 0; i < c->compare_count && n < sizeof(joined); i++)
		n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%s%s %g",
		                      i > 0 ? and_ : "",
		                      op_words[c->compares[i].op],
		                      ps_number_value(rules, &c->compares[i].bound));
	fill(o, fmt, joined);
}

static void describe(struct out *o, const struct ps_cond *c,
                     const procsec_ruleset *rules, const struct phrases *p)
{
	size_t i;

	switch (c->kind) {
	case C_FACT:
		fill(o, c->is == PROCSEC_FACT_TRUE    ? p->is_true
		        : c->is == PROCSEC_FACT_FALSE ? p->is_false
		                                      : p->is_unknown,
		     c->fact);
		break;
	case C_CPV:
		list(o, p->cpv, &c->values, p->or_);
		break;
	case C_PROCEDURE:
		list(o, p->procedure, &c->values, p->or_);
		break;
	case C_LANGUAGE:
		list(o, p->language, &c->values, p->or_);
		break;
	case C_COUNTRY:
		list(o, p->country, &c->values, p->or_);
		break;
	case C_VALUE:
		compares(o, p->value, c, rules, p->and_);
		break;
	case C_DURATION:
		compares(o, p->duration, c, rules, p->and_);
		break;
	case C_CLAUSE:
		fill(o, p->clause, p == &sv ? "matchar" : "matches");
		break;
	case C_NOT: {
		struct out inner = { "", 0 };

		describe(&inner, c->parts[0], rules, p);
		fill(o, p->not_, inner.buf);
		break;
	}
	default:
		for (i = 0; i < c->part_count; i++) {
			int group = c->parts[i]->kind == C_ALL ||
			            c->parts[i]->kind == C_ANY;

			put(o, "%s%s", i > 0 ? (c->kind == C_ALL ? p->and_ : p->or_)
			                     : "",
			    group ? "(" : "");
			describe(o, c->parts[i], rules, p);
			put(o, "%s", group ? ")" : "");
		}
	}
}

char *ps_describe_cond(struct ps_arena *arena, const struct ps_cond *cond,
                       const procsec_ruleset *rules, const char *lang)
{
	struct out o = { "", 0 };

	describe(&o, cond, rules, strcmp(lang, "sv") == 0 ? &sv : &en);
	return ps_arena_strdup(arena, o.buf);
}
