/*
 * text.c -- UTF-8 checks, positions, and the one normalisation of text.
 *
 * Clause text arrives wrapped over lines, with no-break spaces from word
 * processors, soft hyphens and decomposed letters from PDF conversions.
 * Rules must see the clean sentence, so text is normalised once at load.
 * Unicode composition is utf8proc's job; we only classify code points.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

long ps_utf8_invalid_at(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t off = 0;

	while (off < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[off] < 0x80) {
			off++;
			continue;
		}
		n = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off), &cp);
		if (n < 0)
			return (long)off;
		off += (size_t)n;
	}
	return -1;
}

void ps_text_position(const char *s, size_t off, int *line, int *column)
{
	size_t i;
	int l = 1, c = 1;

	for (i = 0; i < off && s[i] != '\0'; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*column = c;
}

/* Unicode White_Space, which Zs alone misses (tabs, line separators). */
static int is_space(utf8proc_int32_t cp)
{
	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0)
		return 1;
	if (cp < 0x1680)
		return 0;
	return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Invisible characters that split words in copied text but mean nothing. */
static int is_dropped(utf8proc_int32_t cp)
{
	return cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

/*
 * Copies s to out with whitespace collapsed and invisible characters
 * dropped; returns the new length, and in *highest the highest code
 * point kept.
 */
static size_t collapse(const char *s, size_t len, char *out,
                       utf8proc_int32_t *highest)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t in = 0, n = 0;
	int pending_space = 0;

	*highest = 0;
	while (in < len) {
		utf8proc_int32_t cp = p[in];
		utf8proc_ssize_t step = 1;

		if (cp >= 0x80) {
			step = utf8proc_iterate(p + in, (utf8proc_ssize_t)(len - in), &cp);
			if (step < 1) {
				step = 1;
				cp = 0xFFFD;
			}
		}
		if (is_space(cp)) {
			pending_space = n > 0;
		} else if (!is_dropped(cp)) {
			if (pending_space)
				out[n++] = ' ';
			pending_space = 0;
			memcpy(out + n, p + in, (size_t)step);
			n += (size_t)step;
			if (cp > *highest)
				*highest = cp;
		}
		in += (size_t)step;
	}
	out[n] = '\0';
	return n;
}

char *ps_text_normalise(struct ps_arena *arena, const char *s, size_t len)
{
	char *flat = ps_arena_alloc(arena, len + 1);
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t nfc_len;
	utf8proc_int32_t highest;
	size_t n;
	char *result;

	if (flat == NULL)
		return NULL;
	n = collapse(s, len, flat, &highest);
	/* NFC changes nothing below U+0300, where combining marks begin:
	 * Swedish and English text, composed, skips the costly pass */
	if (highest < 0x300)
		return flat;
	nfc_len = utf8proc_map((const utf8proc_uint8_t *)flat,
	                       (utf8proc_ssize_t)n, &nfc,
	                       UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (nfc_len < 0)
		return NULL;
	result = ps_arena_strndup(arena, (const char *)nfc, (size_t)nfc_len);
	free(nfc);
	return result;
}
