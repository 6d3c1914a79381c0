/*
 * test_json_load.c -- the strict JSON pass: positions, duplicates, depth.
 */
#include <string.h>

#include "harness.h"
#include "json_load.h"

static struct procsec_options opts = { 1 << 20, 8, 1000, 1000000, 1000, "en", "",
	                                      NULL, 0, { { "", PROCSEC_FACT_UNKNOWN } }, 0 };

static int load(struct ps_json *j, const char *text, procsec_error *err)
{
	ps_error_clear(err);
	return ps_json_load(j, "t.json", text, strlen(text), &opts, err);
}

static void test_positions_of_values(void)
{
	const char *text = "{\n  \"a\": [1,\n    \"två\", {\"b\": true}],\n"
	                   "  \"ö\": \"x\"}";
	struct ps_json j;
	procsec_error err;
	const cJSON *a, *obj;
	int line, col;

	CU_ASSERT_EQUAL_FATAL(load(&j, text, &err), PROCSEC_OK);
	a = cJSON_GetObjectItem(j.root, "a");
	ps_json_position(&j, a, &line, &col);
	CU_ASSERT_EQUAL(line, 2);
	CU_ASSERT_EQUAL(col, 8);
	ps_json_position(&j, cJSON_GetArrayItem(a, 1), &line, &col);
	CU_ASSERT_EQUAL(line, 3);
	CU_ASSERT_EQUAL(col, 5);
	obj = cJSON_GetArrayItem(a, 2);
	ps_json_position(&j, cJSON_GetObjectItem(obj, "b"), &line, &col);
	CU_ASSERT_EQUAL(line, 3);
	CU_ASSERT_EQUAL(col, 18); /* "två" counts as three characters */
	ps_json_position(&j, cJSON_GetObjectItem(j.root, "ö"), &line, &col);
	CU_ASSERT_EQUAL(line, 4);
	CU_ASSERT_EQUAL(col, 8);
	ps_json_free(&j);
}

static void test_duplicate_key_pointer(void)
{
	struct ps_json j;
	procsec_error err;

	CU_ASSERT_EQUAL(load(&j, "{\"s\": [{\"id\": 1},\n {\"a/b\": 1, \"a/b\": 2}]}",
	                     &err),
	                PROCSEC_EINVALID);
	CU_ASSERT_STRING_EQUAL(err.pointer, "/s/1/a~1b");
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_EQUAL(err.column, 13); /* the key */
	ps_json_free(&j);
}

static void test_depth_limit(void)
{
	struct ps_json j;
	procsec_error err;

	CU_ASSERT_EQUAL(load(&j, "[[[[[[[[1]]]]]]]]", &err), PROCSEC_OK);
	ps_json_free(&j);
	CU_ASSERT_EQUAL(load(&j, "[[[[[[[[[1]]]]]]]]]", &err), PROCSEC_ELIMIT);
	CU_ASSERT_EQUAL(err.column, 9);
	ps_json_free(&j);
}

static void test_strictness(void)
{
	static const char *const bad[] = {
		"{\"a\": 01}", "{\"a\": +1}", "{\"a\": .5}", "{\"a\": 1.}",
		"{\"a\": \"x\ty\"}", "{\"a\": \"\\x\"}", "{\"a\": \"\\ud800\"}",
		"{\"a\": \"\\udc00\"}", "{\"a\": 1,}", "[1] [2]", "{'a': 1}",
		"{\"a\": NaN}", "{\"a\": tru}", "", NULL,
	};
	const char *const *s;
	struct ps_json j;
	procsec_error err;

	for (s = bad; *s != NULL; s++) {
		CU_ASSERT_EQUAL(load(&j, *s, &err), PROCSEC_ESYNTAX);
		CU_ASSERT(err.line == 1 && err.column >= 1);
		ps_json_free(&j);
	}
	CU_ASSERT_EQUAL(load(&j, "{\"a\": \"\\ud83d\\ude00 -0.5e+3\", \"b\": -0.5e+3}",
	                     &err),
	                PROCSEC_OK);
	ps_json_free(&j);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "positions of values", test_positions_of_values },
		{ "duplicate key pointer", test_duplicate_key_pointer },
		{ "depth limit", test_depth_limit },
		{ "strictness", test_strictness },
		{ NULL, NULL },
	};

	return run_tests("json_load", tests);
}
