/*
 * harness.h -- the small amount of CUnit boilerplate every test shares.
 */
#ifndef PROCSEC_TEST_HARNESS_H
#define PROCSEC_TEST_HARNESS_H

#include <CUnit/Basic.h>
#include <stdlib.h>

struct test_case {
	const char *name;
	void (*run)(void);
};

/* Runs the tests as one suite; the exit status fails on any failure. */
static inline int run_tests(const char *suite_name,
                            const struct test_case *tests)
{
	CU_pSuite suite;
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return EXIT_FAILURE;
	suite = CU_add_suite(suite_name, NULL, NULL);
	for (; suite != NULL && tests->name != NULL; tests++)
		if (CU_add_test(suite, tests->name, tests->run) == NULL)
			suite = NULL;
	if (suite == NULL) {
		CU_cleanup_registry();
		return EXIT_FAILURE;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() +
	           CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
