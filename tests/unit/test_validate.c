/*
 * test_validate.c -- the value rules of the tender format.
 */
#include "doc.h"
#include "harness.h"

#define VALID(check, value) CU_ASSERT_PTR_NULL(check(value))
#define INVALID(check, value) CU_ASSERT_PTR_NOT_NULL(check(value))

static void test_dates(void)
{
	VALID(ps_check_date, "2013-03-01");
	VALID(ps_check_date, "2024-02-29");
	VALID(ps_check_date, "2000-02-29");
	INVALID(ps_check_date, "1900-02-29");
	INVALID(ps_check_date, "2013-02-30");
	INVALID(ps_check_date, "2013-13-01");
	INVALID(ps_check_date, "2013-3-1");
	INVALID(ps_check_date, "2013-03-01T10:00:00");
	INVALID(ps_check_date, "");
}

static void test_date_times(void)
{
	VALID(ps_check_datetime, "2013-04-02T23:59:00+02:00");
	VALID(ps_check_datetime, "2013-04-02T23:59:00Z");
	VALID(ps_check_datetime, "2013-04-02T23:59:00");
	VALID(ps_check_datetime, "2013-04-02T23:59:00.250-05:00");
	INVALID(ps_check_datetime, "2013-04-02T23:59+02:00");
	INVALID(ps_check_datetime, "2013-04-02T24:00:00");
	INVALID(ps_check_datetime, "2013-04-02T23:60:00");
	INVALID(ps_check_datetime, "2013-04-02 23:59:00");
	INVALID(ps_check_datetime, "2013-04-02T23:59:00+2");
	INVALID(ps_check_datetime, "2013-02-30T10:00:00");
	INVALID(ps_check_datetime, "2013-04-02T23:59:00.");
}

static void test_orgno_luhn(void)
{
	VALID(ps_check_orgno, "212000-0142"); /* Stockholms stad */
	VALID(ps_check_orgno, "2120000142");
	VALID(ps_check_orgno, "556016-0680");
	INVALID(ps_check_orgno, "212000-0143");
	INVALID(ps_check_orgno, "212000 0142");
	INVALID(ps_check_orgno, "21200-00142");
	INVALID(ps_check_orgno, "212000-014");
}

static void test_cpv(void)
{
	VALID(ps_check_cpv, "90919300");
	VALID(ps_check_cpv, "90919300-5");
	INVALID(ps_check_cpv, "9091930");
	INVALID(ps_check_cpv, "9091930A");
	INVALID(ps_check_cpv, "90919300-");
	INVALID(ps_check_cpv, "90919300-55");
}

static void test_currency_country_lang(void)
{
	VALID(ps_check_currency, "SEK");
	VALID(ps_check_currency, "EUR");
	VALID(ps_check_currency, "NOK");
	VALID(ps_check_currency, "LTL"); /* replaced by the euro in 2015 */
	INVALID(ps_check_currency, "ABC");
	INVALID(ps_check_currency, "sek");
	INVALID(ps_check_currency, "EK ");
	INVALID(ps_check_currency, "SEKK");
	VALID(ps_check_country, "SE");
	INVALID(ps_check_country, "se");
	INVALID(ps_check_country, "SWE");
	VALID(ps_check_lang, "sv");
	VALID(ps_check_lang, "sv-SE");
	VALID(ps_check_lang, "en-GB-oxendict");
	VALID(ps_check_lang, "sma"); /* South Sami */
	INVALID(ps_check_lang, "s");
	INVALID(ps_check_lang, "svenska");
	INVALID(ps_check_lang, "svenska-");
	INVALID(ps_check_lang, "sv_SE");
}

static void test_enumerations(void)
{
	VALID(ps_check_procedure, "competitive-dialogue");
	INVALID(ps_check_procedure, "Open");
	VALID(ps_check_kind, "criterion");
	INVALID(ps_check_kind, "demand");
	VALID(ps_check_level, "shall");
	VALID(ps_check_level, "may");
	INVALID(ps_check_level, "must");
	INVALID(ps_check_level, "Shall");
	VALID(ps_check_fact_name, "critical-service");
	VALID(ps_check_fact_name, "nis2");
	INVALID(ps_check_fact_name, "Critical-Service");
	INVALID(ps_check_fact_name, "critical--service");
	INVALID(ps_check_fact_name, "-critical");
	INVALID(ps_check_fact_name, "critical_service");
	VALID(ps_check_duration_unit, "months");
	INVALID(ps_check_duration_unit, "years");
}

static void test_decimals(void)
{
	double v = -1;

	CU_ASSERT_EQUAL(ps_parse_decimal("4500000", &v), 0);
	CU_ASSERT_DOUBLE_EQUAL(v, 4500000.0, 1e-9);
	CU_ASSERT_EQUAL(ps_parse_decimal("1250000.50", &v), 0);
	CU_ASSERT_DOUBLE_EQUAL(v, 1250000.5, 1e-9);
	CU_ASSERT_EQUAL(ps_parse_decimal("0.05", &v), 0);
	CU_ASSERT_DOUBLE_EQUAL(v, 0.05, 1e-12);
	CU_ASSERT_NOT_EQUAL(ps_parse_decimal("-5", &v), 0);
	CU_ASSERT_NOT_EQUAL(ps_parse_decimal("1,5", &v), 0);
	CU_ASSERT_NOT_EQUAL(ps_parse_decimal("1.", &v), 0);
	CU_ASSERT_NOT_EQUAL(ps_parse_decimal(".5", &v), 0);
	CU_ASSERT_NOT_EQUAL(ps_parse_decimal("1e5", &v), 0);
	CU_ASSERT_NOT_EQUAL(ps_parse_decimal("1234567890123456", &v), 0);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "dates", test_dates },
		{ "date-times", test_date_times },
		{ "organisation numbers (Luhn)", test_orgno_luhn },
		{ "CPV codes", test_cpv },
		{ "currency, country, language", test_currency_country_lang },
		{ "enumerations", test_enumerations },
		{ "decimals", test_decimals },
		{ NULL, NULL },
	};

	return run_tests("validate", tests);
}
