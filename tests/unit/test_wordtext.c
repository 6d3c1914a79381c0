/*
 * test_wordtext.c -- wordtext.c: levels from wording.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "wordtext.h"

static void expect(const char *text, const char *level)
{
	const char *got = ps_wt_infer_level(text);

	if (level == NULL) {
		CU_ASSERT_PTR_NULL(got);
	} else {
		CU_ASSERT(got != NULL && strcmp(got, level) == 0);
	}
	if ((got == NULL) != (level == NULL) ||
	    (got != NULL && strcmp(got, level) != 0))
		fprintf(stderr, "'%s': %s, expected %s\n", text,
		        got != NULL ? got : "none", level != NULL ? level : "none");
}

static void test_swedish(void)
{
	expect("Leverantören ska ha reservkraft.", "shall");
	expect("Leverantören SKALL ha reservkraft.", "shall");
	expect("Anbudet måste vara på svenska.", "shall");
	expect("Det åligger leverantören att rapportera.", "shall");
	expect("Leverantören förbinder sig att följa avtalet.", "shall");
	expect("Leverantören bör ha ISO 14001.", "should");
	expect("Digital rapportering önskas.", "should");
	expect("Leverantören bör, och ska därefter, rapportera.", "shall");
	/* whole words only */
	expect("Skador ersätts enligt avtalet.", NULL);
	expect("Skalle och skallra är inga krav.", NULL);
	expect("Måsten finns inte här.", NULL);
	expect("Bördan delas.", NULL);
	expect("Nycklar får inte märkas.", NULL);
	expect("", NULL);
}

static void test_english(void)
{
	expect("The supplier shall keep logs.", "shall");
	expect("Guards MUST carry identification.", "shall");
	expect("The supplier is required to report.", "shall");
	expect("Suppliers are required to register.", "shall");
	expect("The supplier should hold ISO 27001.", "should");
	expect("Invoices are paid in 30 days.", NULL);
	expect("Mustard and shallots.", NULL);
	expect("The required documents are listed.", NULL);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "Swedish", test_swedish },
		{ "English", test_english },
		{ NULL, NULL },
	};

	return run_tests("wordtext", tests);
}
