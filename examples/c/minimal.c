/*
 * minimal.c -- parse one tender, check it against the bundled rule packs,
 * print the verdict and the rules that failed.
 *
 *   cc minimal.c $(pkg-config --cflags --libs libprocsec) -o minimal
 *   ./minimal tender.xml
 *
 * Exit status: 0 when no rule of severity error failed, 1 when one did,
 * 2 when the tender or the packs could not be read.
 */
#include <stdio.h>

#include <procsec.h>

/* Prints an error as FILE:LINE:COL: message (at POINTER). */
static void print_error(const procsec_error *err)
{
	const char *source = err->source[0] != '\0' ? err->source : "minimal";

	if (err->line > 0)
		fprintf(stderr, "%s:%d:%d: %s", source, err->line, err->column,
		        err->message);
	else
		fprintf(stderr, "%s: %s", source, err->message);
	if (err->pointer[0] != '\0')
		fprintf(stderr, " (at %s)", err->pointer);
	fputc('\n', stderr);
}

/* The verdict, decided as summary.verdict is in docs/report.md. */
static const char *verdict(const procsec_report *report)
{
	if (procsec_report_count_failed(report, PROCSEC_SEVERITY_ERROR) > 0)
		return "fail";
	if (procsec_report_count_status(report, PROCSEC_STATUS_UNKNOWN) > 0 ||
	    procsec_report_count_status(report, PROCSEC_STATUS_ERROR) > 0)
		return "incomplete";
	if (procsec_report_count_status(report, PROCSEC_STATUS_FAIL) > 0)
		return "pass_with_warnings";
	return "pass";
}

int main(int argc, char **argv)
{
	procsec_error err;
	procsec_diags *diags = NULL;
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;
	procsec_doc *doc = NULL;
	procsec_report *report = NULL;
	int status = 2;
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s TENDER\n", argv[0]);
		return 2;
	}

	/* The rule set: every bundled pack (PROCSEC_RULES_PATH, then the
	 * installed rules folder).  diags collects every problem found. */
	if (procsec_diags_new(&diags, &err) != PROCSEC_OK ||
	    procsec_loader_new(&loader, NULL, &err) != PROCSEC_OK ||
	    procsec_loader_add_bundled(loader, diags, &err) != PROCSEC_OK ||
	    procsec_loader_compile(&rules, loader, diags, &err) != PROCSEC_OK) {
		if (procsec_diags_count(diags) == 0)
			print_error(&err);
		for (i = 0; i < procsec_diags_count(diags); i++)
			print_error(procsec_diags_at(diags, i));
		goto out;
	}

	if (procsec_doc_parse_file(&doc, argv[1], NULL, NULL, &err) !=
	        PROCSEC_OK ||
	    procsec_check(&report, rules, doc, NULL, &err) != PROCSEC_OK) {
		print_error(&err);
		goto out;
	}

	printf("%s: %s (%zu rules: %zu pass, %zu fail, %zu not_applicable, "
	       "%zu unknown, %zu error, %zu waived)\n",
	       argv[1], verdict(report), procsec_report_count(report),
	       procsec_report_count_status(report, PROCSEC_STATUS_PASS),
	       procsec_report_count_status(report, PROCSEC_STATUS_FAIL),
	       procsec_report_count_status(report,
	                                   PROCSEC_STATUS_NOT_APPLICABLE),
	       procsec_report_count_status(report, PROCSEC_STATUS_UNKNOWN),
	       procsec_report_count_status(report, PROCSEC_STATUS_ERROR),
	       procsec_report_count_status(report, PROCSEC_STATUS_WAIVED));

	for (i = 0; i < procsec_report_count(report); i++) {
		const procsec_result *r = procsec_report_at(report, i);
		const procsec_rule *rule = procsec_result_rule(r);

		if (procsec_result_status(r) == PROCSEC_STATUS_FAIL)
			printf("failed: %s (%s)\n", procsec_rule_id(rule),
			       procsec_severity_name(procsec_rule_severity(rule)));
	}

	status = procsec_report_count_failed(report, PROCSEC_SEVERITY_ERROR) > 0
	                 ? 1
	                 : 0;
out:
	/* A report borrows from its rule set and document: free it first. */
	procsec_report_free(report);
	procsec_doc_free(doc);
	procsec_ruleset_free(rules);
	procsec_loader_free(loader);
	procsec_diags_free(diags);
	return status;
}
