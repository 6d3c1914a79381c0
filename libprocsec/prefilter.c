/*
 * prefilter.c -- the literals a pattern cannot match without.
 *
 * Rule patterns are mostly alternations of words: `\bkrisplan\w*|
 * \bcontinuity plan\b|...`.  PCRE2 tries such a pattern at every
 * position of every clause; most clauses contain none of the words, and
 * a substring search for each word in the case-folded clause finds that
 * out at a fraction of the cost.  The literals are read from the pattern
 * conservatively: when any top-level branch does not begin with a plain
 * literal of at least three characters, the pattern gets no prefilter
 * and always runs.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "pack.h"

#define MIN_LITERAL 3
#define MAX_LITERAL 128

/* Skips a group opened at p (balanced, escapes and classes respected);
 * returns the position after it, or NULL. */
static const char *skip_group(const char *p)
{
	int depth = 0, in_class = 0;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (in_class)
			in_class = *p != ']';
		else if (*p == '[')
			in_class = 1;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return NULL;
}

/* Skips what matches no text before a branch's first literal. */
static const char *skip_zero_width(const char *p)
{
	for (;;) {
		if (strncmp(p, "\\b", 2) == 0)
			p += 2;
		else if (*p == '^')
			p++;
		else if (strncmp(p, "(?<!", 4) == 0 || strncmp(p, "(?<=", 4) == 0)
			p = skip_group(p);
		else
			return p;
		if (p == NULL)
			return NULL;
	}
}

static int is_quantifier(char c)
{
	return c == '?' || c == '*' || c == '{';
}

/* Escapes that stand for the character itself. */
static int literal_escape(char c)
{
	return c != '\0' && strchr(".-/()[]{}*+?|^$\\ #&:,'\"", c) != NULL;
}

/* Letters (any script), digits and a few marks stand for themselves. */
static int literal_char(const char *p)
{
	unsigned char c = (unsigned char)*p;

	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '/' ||
	       c == ':' || c == ',' || c == '\'' || c == '"' || c == '&';
}

/*
 * Reads the literal a branch begins with into buf; returns the end of
 * the branch's literal part, or NULL when there is none to rely on.
 */
static const char *branch_literal(const char *p, char *buf, size_t *len)
{
	size_t n = 0, last = 0;

	p = skip_zero_width(p);
	if (p == NULL)
		return NULL;
	while (*p != '\0' && n + 4 < MAX_LITERAL) {
		if (*p == '\\' && literal_escape(p[1])) {
			last = n;
			buf[n++] = p[1];
			p += 2;
		} else if (literal_char(p)) {
			size_t bytes = 1;

			while ((((unsigned char)p[bytes]) & 0xC0) == 0x80)
				bytes++;
			last = n;
			memcpy(buf + n, p, bytes);
			n += bytes;
			p += bytes;
		} else {
			break;
		}
	}
	if (is_quantifier(*p))
		n = last; /* the last character may be absent */
	*len = n;
	return p;
}

/* Splits at top-level '|'; calls fn on each branch until it fails. */
static int each_branch(const char *p,
                       int (*fn)(const char *branch, void *payload),
                       void *payload)
{
	const char *start = p;
	int depth = 0, in_class = 0;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (in_class)
			in_class = *p != ']';
		else if (*p == '[')
			in_class = 1;
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0) {
			if (!fn(start, payload))
				return 0;
			start = p + 1;
		}
	}
	return fn(start, payload);
}

struct gather {
	struct ps_arena *arena;
	struct ps_vec literals; /* const char *, case-folded */
};

/*
 * Folds text made of ASCII and the Latin-1 letters (Swedish, and most
 * Western European languages) by hand, exactly as utf8proc would: the
 * capitals U+00C0-U+00DE map 0x20 up.  Returns NULL for anything else,
 * including ß and µ, whose folds leave the range.
 */
static char *fold_latin1(struct ps_arena *arena, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = ps_arena_alloc(arena, len + 1);
	size_t i;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = p[i];

		if (c < 0x80) {
			out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else if (c == 0xC3 && i + 1 < len && p[i + 1] >= 0x80 &&
		           p[i + 1] <= 0xBF && p[i + 1] != 0x9F) {
			unsigned char next = p[i + 1];

			out[i++] = (char)c;
			out[i] = (char)(next <= 0x9E && next != 0x97 ? next + 0x20 : next);
		} else {
			return NULL; /* the arena keeps the block; it is small */
		}
	}
	out[len] = '\0';
	return out;
}

/* Case-folds and composes text, as the clause side does. */
char *ps_fold(struct ps_arena *arena, const char *s, size_t len)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	char *copy = fold_latin1(arena, s, len);

	if (copy != NULL)
		return copy;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	                 &folded,
	                 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	copy = ps_arena_strndup(arena, (const char *)folded, (size_t)n);
	free(folded);
	return copy;
}

static int gather_branch(const char *branch, void *payload);

/* A branch that begins with a group of alternatives, (?:a|b)..., needs
 * one of the group's literals. */
static int gather_group(const char *p, struct gather *g)
{
	const char *end = skip_group(p);
	char inner[1024];
	size_t n;

	if (end == NULL || is_quantifier(*end) || *end == '+')
		return 0;
	n = (size_t)(end - 1 - (p + 3));
	if (n >= sizeof(inner))
		return 0;
	memcpy(inner, p + 3, n);
	inner[n] = '\0';
	return each_branch(inner, gather_branch, g);
}

static int gather_branch(const char *branch, void *payload)
{
	struct gather *g = payload;
	char buf[MAX_LITERAL];
	size_t len = 0, chars = 0, i;
	const char **slot, *start = skip_zero_width(branch);

	if (start != NULL && strncmp(start, "(?:", 3) == 0)
		return gather_group(start, g);
	if (branch_literal(branch, buf, &len) == NULL)
		return 0;
	for (i = 0; i < len; i++)
		chars += ((unsigned char)buf[i] & 0xC0) != 0x80;
	if (chars < MIN_LITERAL)
		return 0;
	slot = ps_vec_push(&g->literals);
	if (slot == NULL || (*slot = ps_fold(g->arena, buf, len)) == NULL)
		return 0;
	return 1;
}

int ps_prefilter(struct ps_arena *arena, const char *source,
                 struct ps_pattern *out)
{
	struct gather g = { arena, { 0 } };
	int ok;

	out->literals = NULL;
	out->literal_count = 0;
	/* modes that change what a character means: no prefilter */
	if (strstr(source, "(?x") != NULL || strstr(source, "\\Q") != NULL ||
	    strstr(source, "(?-i") != NULL)
		return 0;
	ps_vec_init(&g.literals, sizeof(const char *));
	ok = each_branch(source, gather_branch, &g);
	if (ok) {
		out->literals = ps_arena_alloc(arena, g.literals.count *
		                                              sizeof(char *) + 1);
		ok = out->literals != NULL;
	}
	if (ok) {
		memcpy(out->literals, g.literals.items,
		       g.literals.count * sizeof(char *));
		out->literal_count = g.literals.count;
	}
	ps_vec_free(&g.literals);
	return ok;
}
