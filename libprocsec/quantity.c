/*
 * quantity.c -- "inom 24 timmar", "within two weeks": numbers with a
 * time unit, read from clause text and converted to minutes.
 *
 * One pattern finds them all; its groups say which unit was written, so
 * no case folding of Swedish letters is needed in C.
 */
#include <stdlib.h>
#include <string.h>

#include "pack.h"

/* Group 1 is the number; groups 2 to 6 the unit, smallest first. */
static const char quantity_pattern[] =
	"(?<![\\w.,])"
	"(\\d+(?:[.,]\\d+)?|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|"
	"tolv|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
	"(?:\\s|-)*"
	"(?:(minut(?:er|erna|en|ers)?|min|minutes?)"
	"|(timm(?:e|ar|arna|en|ars)|tim|h|hours?)"
	"|(dygn(?:et|s)?|(?:arbets)?dag(?:ar|arna|en|ars|s)?"
	"|(?:working\\s+|business\\s+)?days?)"
	"|(veck(?:a|or|orna|an|ors)|weeks?)"
	"|(månad(?:er|erna|en|s)?|months?))\\b";

static const char *const number_words[] = {
	"en", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio",
	"tio", "elva", "tolv", NULL,
};

static const char *const number_words_en[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", NULL,
};

pcre2_code *ps_quantity_compile(void)
{
	size_t offset;
	int error;

	return ps_pattern_compile(quantity_pattern, &error, &offset);
}

double ps_unit_minutes(enum ps_unit unit)
{
	static const double minutes[U_COUNT] = { 1, 60, 24 * 60, 7 * 24 * 60,
		                                 30 * 24 * 60 };

	return minutes[unit];
}

const char *ps_unit_name(enum ps_unit unit, const char *lang)
{
	static const char *const sv[U_COUNT] = { "minuter", "timmar", "dagar",
		                                 "veckor", "månader" };
	static const char *const en[U_COUNT] = { "minutes", "hours", "days",
		                                 "weeks", "months" };

	return strcmp(lang, "sv") == 0 ? sv[unit] : en[unit];
}

/* The value of a number word (any case) or of digits with , or . */
static double number_value(const char *s, size_t len)
{
	char buf[32];
	size_t i;

	if (len >= sizeof(buf))
		return -1;
	for (i = 0; i < len; i++) {
		char c = s[i];

		buf[i] = c == ',' ? '.' : (c >= 'A' && c <= 'Z') ? c + 32 : c;
	}
	buf[len] = '\0';
	if (buf[0] >= '0' && buf[0] <= '9') {
		double whole = 0, scale = 1, frac = 0;
		char *p = buf;

		for (; *p >= '0' && *p <= '9'; p++)
			whole = whole * 10 + (*p - '0');
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++) {
				scale /= 10;
				frac += (*p - '0') * scale;
			}
		return whole + frac;
	}
	for (i = 0; number_words[i] != NULL; i++)
		if (strcmp(buf, number_words[i]) == 0)
			return i < 2 ? 1 : (double)i; /* en, ett = 1; två = 2 … */
	for (i = 0; number_words_en[i] != NULL; i++)
		if (strcmp(buf, number_words_en[i]) == 0)
			return (double)(i + 1);
	return -1; /* an upper-case Swedish word such as TVÅ */
}

int ps_quantity_next(const procsec_ruleset *rules, const char *text,
                     size_t len, size_t *offset, pcre2_match_data *md,
                     struct ps_quantity_found *out)
{
	for (;;) {
		PCRE2_SIZE *ov;
		int rc, g;
		double n;

		rc = pcre2_match(rules->quantity, (PCRE2_SPTR)text, len, *offset,
		                 0, md, rules->match_context);
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(md);
		*offset = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		n = number_value(text + ov[2], ov[3] - ov[2]);
		for (g = 2; g <= 6 && (g >= rc || ov[2 * g] == PCRE2_UNSET); g++)
			;
		if (n < 0 || g > 6)
			continue;
		out->minutes = n * ps_unit_minutes((enum ps_unit)(g - 2));
		out->start = ov[0];
		out->end = ov[1];
		return 1;
	}
}
