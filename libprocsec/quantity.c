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

/* Group 1 is the number; groups 2 to 6 the unit, smallest first;
 * group 7 working days, which count as days but are noted; group 8
 * years, as twelve months. */
static const char quantity_pattern[] =
	"(?<![\\w.,])"
	"(\\d+(?:[.,]\\d+)?"
	"|(?:tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio)"
	"(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio)?"
	"|tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton"
	"|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio"
	"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
	"(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine)\\b)?"
	"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
	"|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)"
	"(?:\\s|-)*"
	"(?:(minut(?:er|erna|en|ers)?|min|minutes?)"
	"|(timm(?:e|ar|arna|en|ars)|tim|h|hrs?|hours?)"
	"|(dygn(?:et|s)?|(?:kalender)?dag(?:ar|arna|en|ars|s)?"
	"|(?:calendar\\s+)?days?)"
	"|(veck(?:a|or|orna|an|ors)|weeks?)"
	"|(månad(?:er|erna|ers|en|s)?|months?)"
	"|((?:arbets|var)dag(?:ar|arna|en|ars|s)?"
	"|(?:working|business)\\s+days?)"
	"|(år(?:et|s)?|years?))\\b";

/* Number words by value: units[i] is i + 1, tens[i] is 20 + 10 i. */
static const char *const units_sv[] = { "en", "två", "tre", "fyra", "fem",
	                                "sex", "sju", "åtta", "nio", NULL };
static const char *const units_en[] = { "one", "two", "three", "four",
	                                "five", "six", "seven", "eight",
	                                "nine", NULL };
static const char *const teens_sv[] = { "tio", "elva", "tolv", "tretton",
	                                "fjorton", "femton", "sexton",
	                                "sjutton", "arton", "nitton", NULL };
static const char *const teens_en[] = { "ten", "eleven", "twelve",
	                                "thirteen", "fourteen", "fifteen",
	                                "sixteen", "seventeen", "eighteen",
	                                "nineteen", NULL };
static const char *const tens_sv[] = { "tjugo", "trettio", "fyrtio",
	                               "femtio", "sextio", "sjuttio", "åttio",
	                               "nittio", NULL };
static const char *const tens_en[] = { "twenty", "thirty", "forty", "fifty",
	                               "sixty", "seventy", "eighty", "ninety",
	                               NULL };

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

/* The index of word in list, or -1. */
static int word_index(const char *const *list, const char *word)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	return -1;
}

/* A unit word ("fyra", "eight"; "ett" is "en"), 1 to 9, or -1. */
static int unit_value(const char *word)
{
	int i = strcmp(word, "ett") == 0 ? 0 : word_index(units_sv, word);

	if (i < 0)
		i = word_index(units_en, word);
	return i < 0 ? -1 : i + 1;
}

/* "sjuttiotvå" = 72, "forty-eight" = 48, "tolv" = 12; -1 otherwise. */
static double words_value(const char *w)
{
	const char *const *tens[] = { tens_sv, tens_en };
	int i, t;

	if ((i = unit_value(w)) > 0)
		return i;
	if ((i = word_index(teens_sv, w)) >= 0 ||
	    (i = word_index(teens_en, w)) >= 0)
		return 10 + i;
	for (t = 0; t < 2; t++)
		for (i = 0; tens[t][i] != NULL; i++) {
			size_t n = strlen(tens[t][i]);
			const char *rest = w + n;

			if (strncmp(w, tens[t][i], n) != 0)
				continue;
			if (*rest == '-' || *rest == ' ')
				rest++;
			if (*rest == '\0')
				return 20 + 10 * i;
			if (unit_value(rest) > 0)
				return 20 + 10 * i + unit_value(rest);
		}
	return -1;
}

/* Lower case for ASCII and for the Swedish Å, Ä, Ö (C3 85, 84, 96). */
static void lower_case(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
		else if ((unsigned char)s[0] == 0xC3 &&
		         ((unsigned char)s[1] == 0x85 || (unsigned char)s[1] == 0x84 ||
		          (unsigned char)s[1] == 0x96))
			s[1] = (char)((unsigned char)s[1] + 0x20), s++;
}

/* The value of digits with , or . as decimal sign, or of number words. */
static double number_value(const char *s, size_t len)
{
	char buf[32];
	size_t i;

	if (len >= sizeof(buf))
		return -1;
	for (i = 0; i < len; i++)
		buf[i] = s[i] == ',' ? '.' : s[i] == '\t' || s[i] == '\n' ? ' ' : s[i];
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
	lower_case(buf);
	return words_value(buf);
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
		for (g = 2; g <= 8 && (g >= rc || ov[2 * g] == PCRE2_UNSET); g++)
			;
		if (n < 0 || g > 8)
			continue;
		out->working_days = g == 7;
		out->minutes = g == 8   ? n * 12 * ps_unit_minutes(U_MONTHS)
		               : g == 7 ? n * ps_unit_minutes(U_DAYS)
		                        : n * ps_unit_minutes((enum ps_unit)(g - 2));
		out->start = ov[0];
		out->end = ov[1];
		return 1;
	}
}
