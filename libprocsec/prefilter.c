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

/* Skips an atom's quantifier at p; *optional when it allows zero. */
static const char *quantifier(const char *p, int *optional)
{
	*optional = 0;
	if (*p == '?' || *p == '*') {
		*optional = 1;
		p++;
	} else if (*p == '+') {
		p++;
	} else if (*p == '{' && (p[1] >= '0' && p[1] <= '9')) {
		*optional = p[1] == '0';
		p = strchr(p, '}');
		if (p == NULL)
			return NULL;
		p++;
	} else {
		return p;
	}
	if (*p == '?' || *p == '+')
		p++; /* lazy or possessive */
	return p;
}

/* Skips one atom that is no literal: a class, an escape such as \s, or
 * the dot. */
static const char *skip_atom(const char *p)
{
	if (*p == '[') {
		p += p[1] == '^' ? 2 : 1;
		if (*p == ']')
			p++;
		for (; *p != '\0' && *p != ']'; p++)
			if (*p == '\\' && p[1] != '\0')
				p++;
		return *p == ']' ? p + 1 : NULL;
	}
	if (*p == '\\' && (p[1] == 'p' || p[1] == 'P') && p[2] == '{') {
		p = strchr(p, '}');
		return p != NULL ? p + 1 : NULL;
	}
	if (*p == '\\')
		return p[1] != '\0' ? p + 2 : NULL;
	return p + 1;
}

static size_t chars_in(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* What a branch needs: the longest literal run it cannot match without,
 * and the first group it cannot skip, for when no run is long enough. */
struct needs {
	char best[MAX_LITERAL];
	size_t best_len;
	char run[MAX_LITERAL];
	size_t run_len;
	const char *group;
};

static void end_run(struct needs *n)
{
	if (chars_in(n->run, n->run_len) > chars_in(n->best, n->best_len)) {
		memcpy(n->best, n->run, n->run_len);
		n->best_len = n->run_len;
	}
	n->run_len = 0;
}

/* Appends one literal character (bytes at src) to the run. */
static void add_char(struct needs *n, const char *src, size_t bytes)
{
	if (n->run_len + bytes >= MAX_LITERAL)
		end_run(n);
	memcpy(n->run + n->run_len, src, bytes);
	n->run_len += bytes;
}

static int is_lookaround(const char *p)
{
	return strncmp(p, "(?=", 3) == 0 || strncmp(p, "(?!", 3) == 0 ||
	       strncmp(p, "(?<=", 4) == 0 || strncmp(p, "(?<!", 4) == 0;
}

/* A group of plain alternatives, (...) or (?:...), not a mode or name. */
static int plain_group(const char *p)
{
	return p[1] != '?' || p[2] == ':';
}

/* Steps over one group at p, noting it when it must match. */
static const char *over_group(struct needs *n, const char *p)
{
	const char *group = p;
	int optional;

	end_run(n);
	p = skip_group(p);
	if (p == NULL || is_lookaround(group))
		return p;
	p = quantifier(p, &optional);
	if (p != NULL && !optional && n->group == NULL && plain_group(group))
		n->group = group;
	return p;
}

/* Reads a branch up to its end; returns 0 when it cannot be read. */
static int scan_branch(const char *p, struct needs *n)
{
	int optional;

	memset(n, 0, sizeof(*n));
	while (p != NULL && *p != '\0' && *p != '|' && *p != ')') {
		const char *src = p;
		size_t bytes = 1;

		if (strncmp(p, "\\b", 2) == 0 || strncmp(p, "\\B", 2) == 0) {
			p += 2;
			continue;
		}
		if (*p == '^' || *p == '$') {
			p++;
			continue;
		}
		if (*p == '(') {
			p = over_group(n, p);
			continue;
		}
		if (*p == '\\' && literal_escape(p[1])) {
			src = p + 1;
			p += 2;
		} else if (literal_char(p)) {
			while ((((unsigned char)p[bytes]) & 0xC0) == 0x80)
				bytes++;
			p += bytes;
		} else {
			end_run(n);
			p = skip_atom(p);
			if (p != NULL)
				p = quantifier(p, &optional);
			continue;
		}
		if (is_quantifier(*p) || *p == '+') {
			p = quantifier(p, &optional);
			if (!optional)
				add_char(n, src, bytes);
			end_run(n);
		} else {
			add_char(n, src, bytes);
		}
	}
	end_run(n);
	return p != NULL;
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

/* A group of alternatives the branch must match: one of its branches'
 * literals must then be there. */
static int gather_group(const char *p, struct gather *g)
{
	const char *end = skip_group(p), *start = p + (p[1] == '?' ? 3 : 1);
	char inner[1024];
	size_t n;

	if (end == NULL)
		return 0;
	n = (size_t)(end - 1 - start);
	if (n >= sizeof(inner))
		return 0;
	memcpy(inner, start, n);
	inner[n] = '\0';
	return each_branch(inner, gather_branch, g);
}

static int gather_branch(const char *branch, void *payload)
{
	struct gather *g = payload;
	struct needs n;
	const char **slot;

	if (!scan_branch(branch, &n))
		return 0;
	if (chars_in(n.best, n.best_len) < MIN_LITERAL)
		return n.group != NULL && gather_group(n.group, g);
	slot = ps_vec_push(&g->literals);
	return slot != NULL &&
	       (*slot = ps_fold(g->arena, n.best, n.best_len)) != NULL;
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
