/*
 * test_text.c -- UTF-8 checks, positions, normalisation, suggestions.
 */
#include <string.h>

#include "adapter_map.h"
#include "harness.h"
#include "internal.h"

static struct ps_arena *arena;

static const char *norm(const char *s)
{
	return ps_text_normalise(arena, s, strlen(s));
}

static void test_whitespace_runs_collapse(void)
{
	CU_ASSERT_STRING_EQUAL(norm("  Leverantören ska\n\t  ha en\r\nplan.  "),
	                       "Leverantören ska ha en plan.");
	CU_ASSERT_STRING_EQUAL(norm(" \n\t "), "");
	CU_ASSERT_STRING_EQUAL(norm(""), "");
}

static void test_no_break_and_unicode_spaces(void)
{
	/* U+00A0 no-break, U+202F narrow no-break, U+2009 thin space */
	CU_ASSERT_STRING_EQUAL(norm("inom 24\xC2\xA0timmar"), "inom 24 timmar");
	CU_ASSERT_STRING_EQUAL(norm("10\xE2\x80\xAF" "000 kr"), "10 000 kr");
	CU_ASSERT_STRING_EQUAL(norm("a \xE2\x80\x89\xC2\xA0 b"), "a b");
}

static void test_invisible_characters_dropped(void)
{
	/* U+00AD soft hyphen, U+200B zero-width space, U+FEFF */
	CU_ASSERT_STRING_EQUAL(norm("kontinuitets\xC2\xADplan"), "kontinuitetsplan");
	CU_ASSERT_STRING_EQUAL(norm("kris\xE2\x80\x8B" "beredskap"), "krisberedskap");
	CU_ASSERT_STRING_EQUAL(norm("\xEF\xBB\xBFplan"), "plan");
}

static void test_nfc(void)
{
	/* a + U+0308 combining diaeresis, o + U+0308, as PDF tools write */
	CU_ASSERT_STRING_EQUAL(norm("sa\xCC\x88kerhetsskydd"), "säkerhetsskydd");
	CU_ASSERT_STRING_EQUAL(norm("fo\xCC\x88rsko\xCC\x88rsko"), "förskörsko");
	/* already composed text is left as it is */
	CU_ASSERT_STRING_EQUAL(norm("höjd beredskap"), "höjd beredskap");
	/* normalisation and whitespace together */
	CU_ASSERT_STRING_EQUAL(norm(" ho\xCC\x88jd\n  beredskap "),
	                       "höjd beredskap");
}

static void test_utf8_validation(void)
{
	CU_ASSERT_EQUAL(ps_utf8_invalid_at("åäö plain", strlen("åäö plain")), -1);
	CU_ASSERT_EQUAL(ps_utf8_invalid_at("ab\xC3\x28", 4), 2);
	CU_ASSERT_EQUAL(ps_utf8_invalid_at("\xC0\xAF", 2), 0); /* overlong */
	CU_ASSERT_EQUAL(ps_utf8_invalid_at("x\xED\xA0\x80", 4), 1); /* surrogate */
	CU_ASSERT_EQUAL(ps_utf8_invalid_at("\xF4\x90\x80\x80", 4), 0); /* > 10FFFF */
	CU_ASSERT_EQUAL(ps_utf8_invalid_at("ok\xE2\x82", 4), 2); /* truncated */
}

static void test_positions_count_characters(void)
{
	const char *s = "ab\ncå d";
	int line, column;

	ps_text_position(s, (size_t)(strchr(s, 'd') - s), &line, &column);
	CU_ASSERT_EQUAL(line, 2);
	CU_ASSERT_EQUAL(column, 4);
	ps_text_position(s, 0, &line, &column);
	CU_ASSERT_EQUAL(line, 1);
	CU_ASSERT_EQUAL(column, 1);
}

static void test_suggestions(void)
{
	static const char *const keys[] = { "facts", "sections", "title", NULL };

	CU_ASSERT_STRING_EQUAL(ps_suggest("facs", keys), "facts");
	CU_ASSERT_STRING_EQUAL(ps_suggest("sectoins", keys), "sections");
	CU_ASSERT_PTR_NULL(ps_suggest("deadline", keys));
}

static const char *datetime(const char *in)
{
	static char buf[64];

	return ps_convert_datetime(in, buf, sizeof(buf));
}

/* TED writes some times with a one-digit hour: the zone after one must be
 * found where the time ends, not five characters on. */
static void test_datetime_conversion(void)
{
	CU_ASSERT_STRING_EQUAL(datetime("2021-08-18T23:59"), "2021-08-18T23:59:00");
	CU_ASSERT_STRING_EQUAL(datetime("2021-08-18T9:00"), "2021-08-18T09:00:00");
	CU_ASSERT_STRING_EQUAL(datetime("2021-08-18T9:00+02:00"),
	                       "2021-08-18T09:00:00+02:00");
	CU_ASSERT_STRING_EQUAL(datetime("2021-08-18T10:00:30Z"),
	                       "2021-08-18T10:00:30Z");
	CU_ASSERT_STRING_EQUAL(datetime("2021-08-18T"), "2021-08-18T23:59:00");
	CU_ASSERT_PTR_NULL(datetime("18.08.2021"));
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "whitespace runs collapse", test_whitespace_runs_collapse },
		{ "no-break and Unicode spaces", test_no_break_and_unicode_spaces },
		{ "invisible characters dropped", test_invisible_characters_dropped },
		{ "NFC", test_nfc },
		{ "UTF-8 validation", test_utf8_validation },
		{ "positions count characters", test_positions_count_characters },
		{ "suggestions", test_suggestions },
		{ "datetime conversion", test_datetime_conversion },
		{ NULL, NULL },
	};
	int rc;

	arena = ps_arena_new();
	rc = run_tests("text", tests);
	ps_arena_free(arena);
	return rc;
}
