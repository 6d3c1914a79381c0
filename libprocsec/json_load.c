/*
 * json_load.c -- parsing untrusted JSON with cJSON, strictly.
 *
 * cJSON builds the values, but it is lenient where we must be strict
 * (raw control characters, leading zeros, invalid UTF-8, U+0000 cut
 * strings short), its nesting bound is fixed at build time, and it
 * keeps no positions.  So one grammar-following pass over the bytes
 * comes first: it rejects what cJSON would let through, bounds nesting,
 * and records where each value starts, in document order.  Values in a
 * cJSON tree are in the same order, which pairs each node with its
 * offset.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_load.h"

/* Where a value starts, and where its key does when it is a member. */
struct start {
	size_t value;
	size_t key; /* NO_KEY for array elements and the top value */
};

#define NO_KEY ((size_t)-1)

struct scan {
	const unsigned char *s;
	size_t len;
	size_t pos;
	size_t depth;
	size_t max_depth;
	size_t key; /* the key of the member being scanned, or NO_KEY */
	struct ps_vec starts; /* struct start of every value, in order */
	const char *source;
	procsec_error *err;
};

static int scan_value(struct scan *sc);

static int scan_fail(struct scan *sc, int code, size_t at, const char *fmt,
                     ...) PS_PRINTF(4, 5);

static int scan_fail(struct scan *sc, int code, size_t at, const char *fmt,
                     ...)
{
	struct ps_where where = { sc->source, 0, 0, (long)at, NULL };
	va_list ap;

	ps_text_position((const char *)sc->s, at, &where.line, &where.column);
	va_start(ap, fmt);
	ps_verror(sc->err, code, &where, fmt, ap);
	va_end(ap);
	return code;
}

static void skip_space(struct scan *sc)
{
	while (sc->pos < sc->len) {
		unsigned char c = sc->s[sc->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->pos++;
	}
}

static int peek(const struct scan *sc)
{
	return sc->pos < sc->len ? sc->s[sc->pos] : -1;
}

static int unexpected(struct scan *sc, const char *wanted)
{
	int c = peek(sc);

	if (c < 0)
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "unexpected end of input: expected %s", wanted);
	if (c == '\'')
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "unexpected \"'\": expected %s (JSON has no "
		                 "single-quoted strings)",
		                 wanted);
	if (c == '/')
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "unexpected '/': expected %s (JSON has no "
		                 "comments)",
		                 wanted);
	if (c >= 0x20 && c < 0x7F)
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "unexpected '%c': expected %s", c, wanted);
	return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
	                 "unexpected byte 0x%02X: expected %s", (unsigned)c,
	                 wanted);
}

static int is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* The code unit of the \uXXXX escape at sc->pos, or -1 if malformed. */
static long read_u_escape(const struct scan *sc, size_t at)
{
	long v = 0;
	size_t i;

	if (at + 6 > sc->len || sc->s[at] != '\\' || sc->s[at + 1] != 'u')
		return -1;
	for (i = 2; i < 6; i++) {
		int c = sc->s[at + i];

		if (!is_hex(c))
			return -1;
		v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

static int scan_escape(struct scan *sc)
{
	long unit;

	/* \b and \f are JSON, but in a tender they are a Windows path's
	 * backslash gone wrong ("C:\bilaga.pdf") more often than text */
	if (sc->pos + 1 < sc->len && strchr("bf", sc->s[sc->pos + 1]) != NULL &&
	    sc->s[sc->pos + 1] != '\0')
		return scan_fail(sc, PROCSEC_EINVALID, sc->pos,
		                 "'\\%c' is a control character (U+%04X), not "
		                 "text: to write a backslash, write \\\\",
		                 sc->s[sc->pos + 1],
		                 sc->s[sc->pos + 1] == 'b' ? 0x08u : 0x0Cu);
	if (sc->pos + 1 < sc->len &&
	    strchr("\"\\/nrt", sc->s[sc->pos + 1]) != NULL &&
	    sc->s[sc->pos + 1] != '\0') {
		sc->pos += 2;
		return PROCSEC_OK;
	}
	if (sc->pos + 1 >= sc->len || sc->s[sc->pos + 1] != 'u')
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "invalid escape in a string: expected one of "
		                 "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
	unit = read_u_escape(sc, sc->pos);
	if (unit < 0)
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "invalid \\u escape: expected four hex digits");
	if (unit == 0)
		return scan_fail(sc, PROCSEC_EINVALID, sc->pos,
		                 "U+0000 (\\u0000) is not allowed in text");
	if (unit < 0x20 && unit != '\t' && unit != '\n' && unit != '\r')
		return scan_fail(sc, PROCSEC_EINVALID, sc->pos,
		                 "control character U+%04lX (\\u%04lX) is not "
		                 "allowed in text",
		                 unit, unit);
	if (unit >= 0xDC00 && unit <= 0xDFFF)
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "unpaired low surrogate \\u%04lX", unit);
	if (unit >= 0xD800 && unit <= 0xDBFF) {
		long low = read_u_escape(sc, sc->pos + 6);

		if (low < 0xDC00 || low > 0xDFFF)
			return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
			                 "unpaired high surrogate \\u%04lX: expected a "
			                 "low surrogate \\uDC00-\\uDFFF after it",
			                 unit);
		sc->pos += 6;
	}
	sc->pos += 6;
	return PROCSEC_OK;
}

static int raw_control(struct scan *sc, unsigned char c)
{
	if (c == '\n' || c == '\t' || c == '\r')
		return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
		                 "control character U+%04X (%s) in a string: "
		                 "write it as %s",
		                 (unsigned)c,
		                 c == '\n' ? "line break" : c == '\t' ? "tab"
		                                                   : "carriage return",
		                 c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r");
	return scan_fail(sc, PROCSEC_ESYNTAX, sc->pos,
	                 "control character U+%04X in a string: it has no "
	                 "place in a tender's text",
	                 (unsigned)c);
}

static int scan_string(struct scan *sc)
{
	size_t start = sc->pos++;

	while (sc->pos < sc->len) {
		unsigned char c = sc->s[sc->pos];

		if (c == '"') {
			sc->pos++;
			return PROCSEC_OK;
		}
		if (c == '\\') {
			if (scan_escape(sc) != PROCSEC_OK)
				return PROCSEC_ESYNTAX;
			continue;
		}
		if (c < 0x20)
			return raw_control(sc, c);
		sc->pos++;
	}
	return scan_fail(sc, PROCSEC_ESYNTAX, start,
	                 "string not closed: expected '\"' before the end of "
	                 "input");
}

static size_t skip_digits(struct scan *sc)
{
	size_t n = 0;

	while (peek(sc) >= '0' && peek(sc) <= '9') {
		sc->pos++;
		n++;
	}
	return n;
}

/* RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int scan_number(struct scan *sc)
{
	size_t start = sc->pos;

	if (peek(sc) == '-')
		sc->pos++;
	if (peek(sc) == '0') {
		sc->pos++;
		if (peek(sc) >= '0' && peek(sc) <= '9')
			return scan_fail(sc, PROCSEC_ESYNTAX, start,
			                 "invalid number: leading zeros are not "
			                 "allowed");
	} else if (skip_digits(sc) == 0) {
		return unexpected(sc, "a digit");
	}
	if (peek(sc) == '.') {
		sc->pos++;
		if (skip_digits(sc) == 0)
			return unexpected(sc, "a digit after the decimal point");
	}
	if (peek(sc) == 'e' || peek(sc) == 'E') {
		sc->pos++;
		if (peek(sc) == '+' || peek(sc) == '-')
			sc->pos++;
		if (skip_digits(sc) == 0)
			return unexpected(sc, "a digit in the exponent");
	}
	return PROCSEC_OK;
}

static int scan_literal(struct scan *sc, const char *word)
{
	size_t n = strlen(word);

	if (sc->len - sc->pos < n || memcmp(sc->s + sc->pos, word, n) != 0)
		return unexpected(sc, "a value (string, number, object, array, "
		                      "true, false or null)");
	sc->pos += n;
	return PROCSEC_OK;
}

static int enter(struct scan *sc)
{
	if (++sc->depth <= sc->max_depth)
		return PROCSEC_OK;
	return scan_fail(sc, PROCSEC_ELIMIT, sc->pos,
	                 "objects and arrays nested deeper than %zu levels (the "
	                 "depth limit)",
	                 sc->max_depth);
}

static int scan_member(struct scan *sc)
{
	size_t key;

	skip_space(sc);
	if (peek(sc) != '"')
		return unexpected(sc, "a key in double quotes");
	key = sc->pos;
	if (scan_string(sc) != PROCSEC_OK)
		return PROCSEC_ESYNTAX;
	skip_space(sc);
	if (peek(sc) != ':')
		return unexpected(sc, "':' after the key");
	sc->pos++;
	sc->key = key;
	return scan_value(sc);
}

/* Scans an object or an array, whose opening bracket is at sc->pos. */
static int scan_container(struct scan *sc, int close)
{
	const char *wanted = close == '}' ? "',' or '}' after an object member"
	                                  : "',' or ']' after an array element";
	size_t comma;
	int rc;

	rc = enter(sc);
	if (rc != PROCSEC_OK)
		return rc;
	sc->pos++;
	skip_space(sc);
	if (peek(sc) == close) {
		sc->pos++;
		sc->depth--;
		return PROCSEC_OK;
	}
	for (;;) {
		rc = close == '}' ? scan_member(sc) : scan_value(sc);
		if (rc != PROCSEC_OK)
			return rc;
		skip_space(sc);
		if (peek(sc) == close)
			break;
		if (peek(sc) != ',')
			return unexpected(sc, wanted);
		comma = sc->pos++;
		skip_space(sc);
		if (peek(sc) == close)
			return scan_fail(sc, PROCSEC_ESYNTAX, comma,
			                 "trailing comma before '%c': JSON allows no "
			                 "comma after the last %s",
			                 close, close == '}' ? "member" : "element");
	}
	sc->pos++;
	sc->depth--;
	return PROCSEC_OK;
}

static int scan_value(struct scan *sc)
{
	struct start *start;
	int c;

	skip_space(sc);
	start = ps_vec_push(&sc->starts);
	if (start == NULL)
		return ps_error_nomem(sc->err);
	start->value = sc->pos;
	start->key = sc->key;
	sc->key = NO_KEY;
	c = peek(sc);
	if (c == '{')
		return scan_container(sc, '}');
	if (c == '[')
		return scan_container(sc, ']');
	if (c == '"')
		return scan_string(sc);
	if (c == '-' || (c >= '0' && c <= '9'))
		return scan_number(sc);
	if (c == 't')
		return scan_literal(sc, "true");
	if (c == 'f')
		return scan_literal(sc, "false");
	return scan_literal(sc, "null");
}

static int scan_document(struct scan *sc)
{
	long bad = ps_utf8_invalid_at((const char *)sc->s, sc->len);
	int rc;

	if (bad >= 0)
		return scan_fail(sc, PROCSEC_ESYNTAX, (size_t)bad,
		                 "invalid UTF-8 (byte 0x%02X): save the file as UTF-8, "
		                 "which JSON requires",
		                 (unsigned)sc->s[bad]);
	rc = scan_value(sc);
	if (rc != PROCSEC_OK)
		return rc;
	skip_space(sc);
	if (sc->pos < sc->len)
		return unexpected(sc, "the end of input after the JSON value");
	return PROCSEC_OK;
}

/* ---- node -> offset table ------------------------------------------- */

static size_t slot_of(const struct ps_json *j, const cJSON *node)
{
	uintptr_t h = (uintptr_t)node;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15u;
	return (size_t)(h >> 7) & (j->slots - 1);
}

static void remember(struct ps_json *j, const cJSON *node,
                     const struct start *start)
{
	size_t i = slot_of(j, node);

	while (j->keys[i] != NULL)
		i = (i + 1) & (j->slots - 1);
	j->keys[i] = node;
	j->offsets[i] = start->value;
	j->key_offsets[i] = start->key;
}

/* Pairs nodes with value starts in document (pre-)order. */
static void pair_nodes(struct ps_json *j, const cJSON *node,
                       const struct ps_vec *starts, size_t *next)
{
	const cJSON *child;

	for (; node != NULL; node = node->next) {
		if (*next < starts->count)
			remember(j, node, ps_vec_at(starts, (*next)++));
		child = node->child;
		if (child != NULL)
			pair_nodes(j, child, starts, next);
	}
}

static int index_nodes(struct ps_json *j, const struct ps_vec *starts)
{
	size_t next = 0;

	j->slots = 16;
	while (j->slots < starts->count * 2)
		j->slots *= 2;
	j->keys = calloc(j->slots, sizeof(*j->keys));
	j->offsets = calloc(j->slots, sizeof(*j->offsets));
	j->key_offsets = calloc(j->slots, sizeof(*j->key_offsets));
	if (j->keys == NULL || j->offsets == NULL || j->key_offsets == NULL)
		return PROCSEC_ENOMEM;
	pair_nodes(j, j->root, starts, &next);
	return PROCSEC_OK;
}

#define CHAR_MARK_BYTES 256

static int is_char_start(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

static int index_lines(struct ps_json *j)
{
	size_t i, n = 1, chars = 0;

	for (i = 0; i < j->len; i++)
		n += j->text[i] == '\n';
	j->line_starts = malloc(n * sizeof(*j->line_starts));
	j->char_marks = malloc((j->len / CHAR_MARK_BYTES + 1) *
	                       sizeof(*j->char_marks));
	if (j->line_starts == NULL || j->char_marks == NULL)
		return PROCSEC_ENOMEM;
	for (i = 0; i < j->len; i++) {
		if (i % CHAR_MARK_BYTES == 0)
			j->char_marks[i / CHAR_MARK_BYTES] = chars;
		chars += is_char_start((unsigned char)j->text[i]);
	}
	if (j->len % CHAR_MARK_BYTES == 0)
		j->char_marks[j->len / CHAR_MARK_BYTES] = chars;
	j->line_starts[0] = 0;
	for (i = 0, n = 1; i < j->len; i++)
		if (j->text[i] == '\n')
			j->line_starts[n++] = i + 1;
	j->lines = n;
	return PROCSEC_OK;
}

/* The slot of node in the table, or -1 when it is not there. */
static long find_slot(const struct ps_json *j, const cJSON *node)
{
	size_t i;

	if (j->keys == NULL || node == NULL)
		return -1;
	for (i = slot_of(j, node); j->keys[i] != node;
	     i = (i + 1) & (j->slots - 1))
		if (j->keys[i] == NULL)
			return -1;
	return (long)i;
}

/* The number of characters in the text before byte off. */
static size_t chars_before(const struct ps_json *j, size_t off)
{
	size_t p = off - off % CHAR_MARK_BYTES, n = j->char_marks[p /
	                                                          CHAR_MARK_BYTES];

	for (; p < off; p++)
		n += is_char_start((unsigned char)j->text[p]);
	return n;
}

static void offset_position(const struct ps_json *j, size_t off, int *line,
                            int *column)
{
	size_t lo = 0, hi = j->lines;

	while (hi - lo > 1) { /* the last line start at or before off */
		size_t mid = lo + (hi - lo) / 2;

		if (j->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*column = 1 + (int)(chars_before(j, off) -
	                    chars_before(j, j->line_starts[lo]));
}

void ps_json_position(const struct ps_json *j, const cJSON *node, int *line,
                      int *column)
{
	long i = find_slot(j, node);

	*line = *column = 0;
	if (i >= 0)
		offset_position(j, j->offsets[i], line, column);
}

void ps_json_key_position(const struct ps_json *j, const cJSON *node,
                          int *line, int *column)
{
	long i = find_slot(j, node);

	*line = *column = 0;
	if (i < 0)
		return;
	offset_position(j, j->key_offsets[i] != NO_KEY ? j->key_offsets[i]
	                                               : j->offsets[i],
	                line, column);
}

void ps_json_pointer_append(char *dst, size_t size, const char *token)
{
	size_t n = strlen(dst);

	if (n + 1 < size)
		dst[n++] = '/';
	for (; *token != '\0' && n + 2 < size; token++) {
		if (*token == '~' || *token == '/') {
			dst[n++] = '~';
			dst[n++] = *token == '~' ? '0' : '1';
		} else {
			dst[n++] = *token;
		}
	}
	dst[n] = '\0';
}

/* ---- duplicate keys -------------------------------------------------- */

struct member {
	const cJSON *node;
	size_t index; /* position in the object, to report the later twin */
};

static int compare_members(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->node->string, y->node->string);

	if (c != 0)
		return c;
	return (x->index > y->index) - (x->index < y->index);
}

static int duplicate_error(const struct ps_json *j, const cJSON *dup,
                           const char *pointer, procsec_error *err)
{
	struct ps_where where = { j->source, 0, 0, -1, NULL };
	char at[256];

	snprintf(at, sizeof(at), "%s", pointer);
	ps_json_pointer_append(at, sizeof(at), dup->string);
	where.pointer = at;
	ps_json_key_position(j, dup, &where.line, &where.column);
	return ps_error(err, PROCSEC_EINVALID, &where,
	                "duplicate key \"%.60s\": each key may appear once in an "
	                "object",
	                dup->string);
}

/*
 * Finds the first member, in document order, whose key an earlier member
 * already has.  Sorting keeps this n log n for a hostile object.
 */
static const cJSON *find_duplicate(const cJSON *object, int *nomem)
{
	struct member *members, *dup = NULL;
	const cJSON *child, *found;
	size_t n = 0, i;

	for (child = object->child; child != NULL; child = child->next)
		n++;
	if (n < 2)
		return NULL;
	members = malloc(n * sizeof(*members));
	if (members == NULL) {
		*nomem = 1;
		return NULL;
	}
	for (child = object->child, i = 0; child != NULL; child = child->next) {
		members[i].node = child;
		members[i].index = i;
		i++;
	}
	qsort(members, n, sizeof(*members), compare_members);
	for (i = 1; i < n; i++)
		if (strcmp(members[i - 1].node->string, members[i].node->string) ==
		            0 &&
		    (dup == NULL || members[i].index < dup->index))
			dup = &members[i];
	found = dup != NULL ? dup->node : NULL;
	free(members);
	return found;
}

static int check_keys(const struct ps_json *j, const cJSON *node,
                      char *pointer, size_t size, procsec_error *err)
{
	size_t len = strlen(pointer), i = 0;
	const cJSON *child;
	int rc = PROCSEC_OK, nomem = 0;

	if (cJSON_IsObject(node)) {
		const cJSON *dup = find_duplicate(node, &nomem);

		if (nomem)
			return ps_error_nomem(err);
		if (dup != NULL)
			return duplicate_error(j, dup, pointer, err);
	}
	for (child = node->child; child != NULL && rc == PROCSEC_OK;
	     child = child->next, i++) {
		char index[24];

		snprintf(index, sizeof(index), "%zu", i);
		ps_json_pointer_append(pointer, size,
		                       cJSON_IsObject(node) ? child->string : index);
		rc = check_keys(j, child, pointer, size, err);
		pointer[len] = '\0';
	}
	return rc;
}

/* ---- entry points ---------------------------------------------------- */

/*
 * cJSON's parse functions write a global "last error" on every call, so
 * two threads parsing at once would race on it.  The lock is held only
 * while cJSON builds the tree; everything else runs in parallel.
 */
static pthread_mutex_t cjson_lock = PTHREAD_MUTEX_INITIALIZER;

static cJSON *parse_locked(const char *bytes, size_t len)
{
	cJSON *root;

	pthread_mutex_lock(&cjson_lock);
	/* len + 1 takes in the NUL, which cJSON wants to see at the end */
	root = cJSON_ParseWithLengthOpts(bytes, len + 1, NULL, 1);
	pthread_mutex_unlock(&cjson_lock);
	return root;
}

int ps_json_load(struct ps_json *j, const char *source, const char *bytes,
                 size_t len, const struct procsec_options *opts,
                 procsec_error *err)
{
	struct scan sc = { (const unsigned char *)bytes, len, 0, 0, opts->depth,
		           NO_KEY, { 0 }, source, err };
	char pointer[256] = "";
	int rc;

	memset(j, 0, sizeof(*j));
	j->text = bytes;
	j->len = len;
	j->source = source;
	ps_vec_init(&sc.starts, sizeof(struct start));
	rc = scan_document(&sc);
	if (rc == PROCSEC_OK) {
		j->root = parse_locked(bytes, len);
		if (j->root == NULL || index_nodes(j, &sc.starts) != PROCSEC_OK ||
		    index_lines(j) != PROCSEC_OK)
			rc = ps_error_nomem(err);
	}
	ps_vec_free(&sc.starts);
	if (rc == PROCSEC_OK)
		rc = check_keys(j, j->root, pointer, sizeof(pointer), err);
	return rc;
}

void ps_json_free(struct ps_json *j)
{
	cJSON_Delete(j->root);
	free(j->keys);
	free(j->offsets);
	free(j->key_offsets);
	free(j->line_starts);
	free(j->char_marks);
	memset(j, 0, sizeof(*j));
}
