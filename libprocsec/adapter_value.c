/*
 * adapter_value.c -- codes of other standards in the model's terms:
 * ISO 639-2 languages as BCP 47, ISO 3166 alpha-3 countries as alpha-2,
 * dates with zones or without dashes, CPV codes, formatted numbers.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "adapter_map.h"

/* ISO 639-2 (bibliographic and terminology) -> ISO 639-1: the EU's
 * official languages, the EEA's and the corpus's others. */
static const char *const languages[][2] = {
	{ "BUL", "bg" }, { "CES", "cs" }, { "CZE", "cs" }, { "DAN", "da" },
	{ "DEU", "de" }, { "GER", "de" }, { "ELL", "el" }, { "GRE", "el" },
	{ "ENG", "en" }, { "EST", "et" }, { "FIN", "fi" }, { "FRA", "fr" },
	{ "FRE", "fr" }, { "GLE", "ga" }, { "HRV", "hr" }, { "HUN", "hu" },
	{ "ITA", "it" }, { "LAV", "lv" }, { "LIT", "lt" }, { "MLT", "mt" },
	{ "NLD", "nl" }, { "DUT", "nl" }, { "POL", "pl" }, { "POR", "pt" },
	{ "RON", "ro" }, { "RUM", "ro" }, { "SLK", "sk" }, { "SLO", "sk" },
	{ "SLV", "sl" }, { "SPA", "es" }, { "SWE", "sv" }, { "NOR", "no" },
	{ "NOB", "nb" }, { "NNO", "nn" }, { "ISL", "is" }, { "ICE", "is" },
	{ "UKR", "uk" }, { "RUS", "ru" }, { "CAT", "ca" }, { "EUS", "eu" },
	{ "BAQ", "eu" }, { "GLG", "gl" }, { "LTZ", "lb" }, { "SQI", "sq" },
	{ "ALB", "sq" }, { "SRP", "sr" }, { "MKD", "mk" }, { "MAC", "mk" },
	{ "TUR", "tr" },
};

/* ISO 3166-1 alpha-3 -> alpha-2, for the countries notices come from. */
static const char *const countries[][2] = {
	{ "AUT", "AT" }, { "BEL", "BE" }, { "BGR", "BG" }, { "HRV", "HR" },
	{ "CYP", "CY" }, { "CZE", "CZ" }, { "DNK", "DK" }, { "EST", "EE" },
	{ "FIN", "FI" }, { "FRA", "FR" }, { "DEU", "DE" }, { "GRC", "GR" },
	{ "HUN", "HU" }, { "IRL", "IE" }, { "ITA", "IT" }, { "LVA", "LV" },
	{ "LTU", "LT" }, { "LUX", "LU" }, { "MLT", "MT" }, { "NLD", "NL" },
	{ "POL", "PL" }, { "PRT", "PT" }, { "ROU", "RO" }, { "SVK", "SK" },
	{ "SVN", "SI" }, { "ESP", "ES" }, { "SWE", "SE" }, { "NOR", "NO" },
	{ "ISL", "IS" }, { "LIE", "LI" }, { "CHE", "CH" }, { "GBR", "GB" },
	{ "UKR", "UA" }, { "MEX", "MX" }, { "PRY", "PY" }, { "USA", "US" },
	{ "ALB", "AL" }, { "MKD", "MK" }, { "MNE", "ME" }, { "SRB", "RS" },
	{ "TUR", "TR" }, { "BIH", "BA" }, { "MDA", "MD" }, { "GEO", "GE" },
};

static const char *lookup(const char *const (*table)[2], size_t n,
                          const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(table[i][0], key) == 0)
			return table[i][1];
	return NULL;
}

static void upper(char *dst, const char *src, size_t size)
{
	size_t i;

	for (i = 0; i + 1 < size && src[i] != '\0'; i++)
		dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

const char *ps_convert_lang(const char *in, char *buf, size_t size)
{
	char key[8];
	size_t n = strlen(in);
	const char *hit;

	if (n == 2 && isalpha((unsigned char)in[0]) &&
	    isalpha((unsigned char)in[1])) {
		snprintf(buf, size, "%c%c", tolower((unsigned char)in[0]),
		         tolower((unsigned char)in[1]));
		return buf;
	}
	if (n >= 3 && n < sizeof(key) && (in[2] == '-' || in[2] == '_')) {
		/* a full tag such as sv-SE or en_GB: its language */
		snprintf(key, sizeof(key), "%.2s", in);
		return ps_convert_lang(key, buf, size);
	}
	if (n != 3)
		return NULL;
	upper(key, in, sizeof(key));
	hit = lookup(languages, sizeof(languages) / sizeof(languages[0]), key);
	if (hit == NULL)
		return NULL;
	snprintf(buf, size, "%s", hit);
	return buf;
}

const char *ps_convert_country(const char *in, char *buf, size_t size)
{
	char key[8];
	size_t n = strlen(in);
	const char *hit;

	if (n != 2 && n != 3)
		return NULL;
	upper(key, in, sizeof(key));
	if (!isalpha((unsigned char)key[0]) || !isalpha((unsigned char)key[1]))
		return NULL;
	if (n == 2) {
		/* TED writes the United Kingdom as UK */
		snprintf(buf, size, "%s", strcmp(key, "UK") == 0 ? "GB" : key);
		return buf;
	}
	hit = lookup(countries, sizeof(countries) / sizeof(countries[0]), key);
	if (hit == NULL)
		return NULL;
	snprintf(buf, size, "%s", hit);
	return buf;
}

static int digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 2023-05-25, 2023-05-25+02:00, 2023-05-25T10:00:00Z, 20230525. */
const char *ps_convert_date(const char *in, char *buf, size_t size)
{
	if (strlen(in) >= 10 && digits(in, 4) && in[4] == '-' &&
	    digits(in + 5, 2) && in[7] == '-' && digits(in + 8, 2) &&
	    (in[10] == '\0' || strchr("+-TZ ", in[10]) != NULL))
		snprintf(buf, size, "%.10s", in);
	else if (strlen(in) == 8 && digits(in, 8))
		snprintf(buf, size, "%.4s-%.2s-%.2s", in, in + 4, in + 6);
	else
		return NULL;
	return ps_check_date(buf) == NULL ? buf : NULL;
}

/*
 * A date and time as the model writes it.  A time without seconds gets
 * them; a date alone is taken as the end of that day, as a deadline
 * given as a date means.  A zone is kept when there is one.
 */
const char *ps_convert_datetime(const char *in, char *buf, size_t size)
{
	char date[16], own_zone[16];
	const char *t = strpbrk(in, "T ");
	const char *zone;
	int hour, minute, second = 0, used = 0;

	if (ps_convert_date(in, date, sizeof(date)) == NULL)
		return NULL;
	if (t == NULL || sscanf(t + 1, "%2d:%2d%n", &hour, &minute, &used) != 2) {
		snprintf(buf, size, "%sT23:59:00", date);
		return buf;
	}
	/* the zone starts after the time as written: "9:00" is one short */
	zone = t + 1 + used;
	if (*zone == ':' && sscanf(zone + 1, "%2d", &second) == 1)
		zone += 3;
	while (*zone == '.' || isdigit((unsigned char)*zone))
		zone++;
	/* eForms may put the zone on the date only: 2026-04-15+01:00 */
	if (*zone == '\0' && t > in + 10 && strchr("+-Z", in[10]) != NULL)
		snprintf(own_zone, sizeof(own_zone), "%.*s", (int)(t - in - 10),
		         in + 10);
	else
		snprintf(own_zone, sizeof(own_zone), "%s", zone);
	snprintf(buf, size, "%sT%02d:%02d:%02d%s", date, hour, minute, second,
	         own_zone);
	return ps_check_datetime(buf) == NULL ? buf : NULL;
}

/* 90919300, 90919300-5, "90919300 Cleaning services". */
const char *ps_convert_cpv(const char *in, char *buf, size_t size)
{
	while (*in == ' ')
		in++;
	if (!digits(in, 8))
		return NULL;
	if (in[8] == '-' && isdigit((unsigned char)in[9]) &&
	    !isdigit((unsigned char)in[10]))
		snprintf(buf, size, "%.10s", in);
	else if (!isdigit((unsigned char)in[8]))
		snprintf(buf, size, "%.8s", in);
	else
		return NULL;
	return buf;
}

/* 150 000 000,00 or 150000000.00 -> 150000000.00 */
const char *ps_convert_number(const char *in, char *buf, size_t size)
{
	size_t n = 0;

	for (; *in != '\0' && n + 1 < size; in++) {
		if (isdigit((unsigned char)*in))
			buf[n++] = *in;
		else if (*in == ',' || *in == '.')
			buf[n++] = '.';
		else if (*in != ' ')
			return NULL;
	}
	buf[n] = '\0';
	return n > 0 ? buf : NULL;
}

static const char *convert_upper(const char *in, char *buf, size_t size)
{
	upper(buf, in, size);
	return buf;
}

static const char *convert_lower(const char *in, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i + 1 < size && in[i] != '\0'; i++)
		buf[i] = (char)tolower((unsigned char)in[i]);
	buf[i] = '\0';
	return buf;
}

const char *const ps_convert_names[] = {
	"lang", "country", "date", "datetime", "cpv", "number", "upper",
	"lower", NULL,
};

ps_convert_fn ps_convert_named(const char *name)
{
	static const ps_convert_fn fns[] = {
		ps_convert_lang, ps_convert_country, ps_convert_date,
		ps_convert_datetime, ps_convert_cpv, ps_convert_number,
		convert_upper, convert_lower,
	};
	size_t i;

	for (i = 0; ps_convert_names[i] != NULL; i++)
		if (strcmp(ps_convert_names[i], name) == 0)
			return fns[i];
	return NULL;
}
