/*
 * doc_validate.c -- the value rules of the tender format.
 *
 * Each check returns NULL for a valid value, or a phrase saying what was
 * expected, which the builder puts after "expected" in its message.
 * These are fixed-width syntaxes (dates, codes, checksums), checked by
 * hand in a few lines each; rule patterns are PCRE2's job, not these.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

const char *const ps_procedures[] = {
	"open", "restricted", "negotiated", "competitive-dialogue",
	"innovation-partnership", "direct-award", "call-off", "simplified",
	"other", NULL,
};

const char *const ps_clause_kinds[] = {
	"requirement", "criterion", "condition", "text", NULL,
};

const char *const ps_levels[] = { "shall", "should", "may", NULL };

static const char *const duration_units[] = { "months", "days", NULL };

/*
 * ISO 4217 alphabetic codes in use, plus the national currencies that
 * the euro replaced since 2007, which older tenders still carry.
 */
static const char currencies[] =
	"AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD "
	"BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY "
	"COP COU CRC CUC CUP CVE CYP CZK DJF DKK DOP DZD EEK EGP ERN ETB EUR "
	"FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS "
	"INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK "
	"LBP LKR LRD LSL LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRU MTL MUR "
	"MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP "
	"PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SIT SKK "
	"SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD "
	"TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU "
	"XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG "
	"ZWL";

static int in_list(const char *value, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(value, *list) == 0)
			return 1;
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Reads exactly n digits at s as a number; -1 if they are not digits. */
static int read_number(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int alnum_run(const char *s)
{
	int n = 0;

	while (isalnum((unsigned char)s[n]))
		n++;
	return n;
}

const char *ps_check_lang(const char *value)
{
	const char *expected = "a BCP 47 language tag such as sv or sv-SE";
	const char *p = value;
	int n = 0;

	/* ISO 639 codes; BCP 47's longer primary subtags are reserved and
	 * unused, so a language name such as "svenska" is caught here */
	while (isalpha((unsigned char)p[n]))
		n++;
	if (n < 2 || n > 3)
		return expected;
	for (p += n; *p == '-'; p += n) {
		p++;
		n = alnum_run(p);
		if (n < 1 || n > 8)
			return expected;
	}
	return *p == '\0' ? NULL : expected;
}

const char *ps_check_orgno(const char *value)
{
	char digits[11];
	size_t len = strlen(value);
	int sum = 0, i;

	if (len == 11 && value[6] == '-' && all_digits(value, 6) &&
	    all_digits(value + 7, 4)) {
		memcpy(digits, value, 6);
		memcpy(digits + 6, value + 7, 5);
	} else if (len == 10 && all_digits(value, 10)) {
		memcpy(digits, value, 11);
	} else {
		return "a Swedish organisationsnummer NNNNNN-NNNN";
	}
	for (i = 0; i < 10; i++) {
		int d = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);

		sum += d > 9 ? d - 9 : d;
	}
	if (sum % 10 != 0)
		return "an organisationsnummer whose last digit is its Luhn "
		       "check digit";
	return NULL;
}

const char *ps_check_country(const char *value)
{
	if (strlen(value) == 2 && isupper((unsigned char)value[0]) &&
	    isupper((unsigned char)value[1]))
		return NULL;
	return "an ISO 3166-1 alpha-2 country code such as SE";
}

const char *ps_check_procedure(const char *value)
{
	if (in_list(value, ps_procedures))
		return NULL;
	return "one of open, restricted, negotiated, competitive-dialogue, "
	       "innovation-partnership, direct-award, call-off, simplified, "
	       "other";
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* Checks "YYYY-MM-DD" at the start of s. */
static int is_date_prefix(const char *s)
{
	int year = read_number(s, 4), month, day;

	if (year < 1 || s[4] != '-' || s[7] != '-')
		return 0;
	month = read_number(s + 5, 2);
	day = read_number(s + 8, 2);
	if (month < 1 || month > 12 || day < 1)
		return 0;
	return day <= days_in_month(year, month);
}

const char *ps_check_date(const char *value)
{
	if (strlen(value) == 10 && is_date_prefix(value))
		return NULL;
	return "a calendar date YYYY-MM-DD such as 2013-03-01";
}

const char *ps_date_problem(const char *s, char *buf, size_t size)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	int y, m, d, used = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
	    s[used] == '\0' && m >= 1 && m <= 12 && d >= 1) {
		char fixed[40];

		snprintf(fixed, sizeof(fixed), "%04d-%02d-%02d", y, m, d);
		if (strcmp(fixed, s) != 0 && ps_check_date(fixed) == NULL) {
			snprintf(buf, size, "invalid date '%.40s': expected YYYY-MM-DD "
			                    "(did you mean '%s'?)",
			         s, fixed);
			return buf;
		}
		if (strcmp(fixed, s) == 0) {
			snprintf(buf, size, "invalid date '%.40s': %s %d has no day %d",
			         s, months[m - 1], y, d);
			return buf;
		}
	}
	snprintf(buf, size, "invalid date '%.40s': expected YYYY-MM-DD", s);
	return buf;
}

/* Checks "hh:mm" at s with the given bounds; returns 0 when bad. */
static int is_clock(const char *s, int max_hour)
{
	int h = read_number(s, 2), m;

	if (h < 0 || h > max_hour || s[2] != ':')
		return 0;
	m = read_number(s + 3, 2);
	return m >= 0 && m <= 59;
}

static int is_zone(const char *s)
{
	if (s[0] == '\0' || (s[0] == 'Z' && s[1] == '\0'))
		return 1;
	if (s[0] != '+' && s[0] != '-')
		return 0;
	return strlen(s) == 6 && is_clock(s + 1, 14);
}

const char *ps_check_datetime(const char *value)
{
	const char *expected = "a date and time YYYY-MM-DDThh:mm:ss with an "
	                       "optional zone, such as 2013-04-02T23:59:00+02:00";
	const char *p = value + 19;
	int sec;

	if (strlen(value) < 19 || !is_date_prefix(value) || value[10] != 'T')
		return expected;
	sec = read_number(value + 17, 2);
	if (!is_clock(value + 11, 23) || value[16] != ':' || sec < 0 || sec > 59)
		return expected;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return expected;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return is_zone(p) ? NULL : expected;
}

/*
 * The CPV check digit is accepted but not verified: the Publications
 * Office does not publish how it is computed.
 */
const char *ps_check_cpv(const char *value)
{
	size_t len = strlen(value);

	if (len == 8 && all_digits(value, 8))
		return NULL;
	if (len == 10 && all_digits(value, 8) && value[8] == '-' &&
	    isdigit((unsigned char)value[9]))
		return NULL;
	return "a CPV code of 8 digits, optionally with a check digit, such as "
	       "90919300 or 90919300-5";
}

const char *ps_check_currency(const char *value)
{
	const char *hit;

	if (strlen(value) == 3 && isupper((unsigned char)value[0]) &&
	    isupper((unsigned char)value[1]) &&
	    isupper((unsigned char)value[2])) {
		for (hit = strstr(currencies, value); hit != NULL;
		     hit = strstr(hit + 1, value))
			if ((hit - currencies) % 4 == 0)
				return NULL;
	}
	return "an ISO 4217 currency code such as SEK or EUR";
}

const char *ps_check_duration_unit(const char *value)
{
	return in_list(value, duration_units) ? NULL : "months or days";
}

const char *ps_check_fact_name(const char *value)
{
	const char *p = value;

	for (;;) {
		int n = 0;

		while ((p[n] >= 'a' && p[n] <= 'z') || isdigit((unsigned char)p[n]))
			n++;
		if (n == 0)
			break;
		p += n;
		if (*p == '\0')
			return NULL;
		if (*p++ != '-')
			break;
	}
	return "a fact name of lower-case letters, digits and single hyphens, "
	       "such as critical-service";
}

const char *ps_check_kind(const char *value)
{
	if (in_list(value, ps_clause_kinds))
		return NULL;
	return "requirement, criterion, condition or text";
}

const char *ps_check_level(const char *value)
{
	return in_list(value, ps_levels) ? NULL : "shall, should or may";
}

/*
 * Parsed by hand rather than with strtod(), whose decimal separator
 * follows the caller's locale: a host program in sv_SE would read
 * "1250000.50" as 1250000.  Fails for more than 15 significant digits,
 * beyond which a double would silently round the amount.
 */
int ps_parse_decimal(const char *text, double *out)
{
	const char *p = text;
	double value = 0, scale = 1;
	int significant = 0;

	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		value = value * 10 + (*p - '0');
		significant += value > 0;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		for (; isdigit((unsigned char)*p); p++) {
			value = value * 10 + (*p - '0');
			scale *= 10;
			significant += value > 0;
		}
	}
	if (*p != '\0' || significant > 15)
		return -1;
	*out = value / scale;
	return 0;
}
