/*
 * custom.c -- a rule pack of one's own, held in memory, checked against a
 * tender also held in memory; then every result, finding and piece of
 * evidence, with its rule, status, clause and line.
 *
 *   cc custom.c $(pkg-config --cflags --libs libprocsec) -o custom
 *   ./custom
 *
 * Neither bundled packs nor files are needed.  The pack format is
 * described in docs/rules.md and procsec-rules(5); the tender format in
 * docs/tender-format.md.
 *
 * Exit status: 0 when no rule of severity error failed, 1 when one did,
 * 2 when the pack or the tender is invalid.
 */
#include <stdio.h>
#include <string.h>

#include <procsec.h>

/*
 * The pack.  Regular expressions are PCRE2: a "\b" in the pattern is
 * "\\b" in the JSON and "\\\\b" in this C string.
 */
static const char pack[] =
	"{\n"
	"  \"procsec_pack\": 1,\n"
	"  \"id\": \"example\",\n"
	"  \"version\": \"1.0.0\",\n"
	"  \"title\": {\"sv\": \"Exempelpaket\", \"en\": \"Example pack\"},\n"
	"  \"params\": {\"incident_hours\": {\"default\": 24}},\n"
	"  \"terms\": {\n"
	"    \"continuity\": \"\\\\bkontinuitetsplan\\\\w*|\\\\bcontinuity "
	"plans?\\\\b\",\n"
	"    \"vague\": \"\\\\bvid behov\\\\b|\\\\bas appropriate\\\\b|"
	"\\\\bif needed\\\\b\",\n"
	"    \"incident\": \"\\\\bincidents?\\\\b|\\\\bincident\\\\w*\"\n"
	"  },\n"
	"  \"rules\": [\n"
	"    {\"id\": \"EX-001\", \"severity\": \"error\",\n"
	"     \"title\": {\"sv\": \"Kontinuitetsplan\", \"en\": \"Continuity "
	"plan\"},\n"
	"     \"message\": {\"sv\": \"Ett ska-krav på kontinuitetsplan "
	"saknas.\",\n"
	"                 \"en\": \"No mandatory clause requires a continuity "
	"plan.\"},\n"
	"     \"remediation\": {\"sv\": \"Leverantören ska ha en "
	"kontinuitetsplan.\",\n"
	"                     \"en\": \"The supplier shall have a continuity "
	"plan.\"},\n"
	"     \"check\": {\"require\": {\"kind\": \"requirement\", \"level\": "
	"\"shall\",\n"
	"                             \"text\": \"@continuity\"}}},\n"
	"    {\"id\": \"EX-002\", \"severity\": \"warning\",\n"
	"     \"title\": {\"sv\": \"Vaga ord\", \"en\": \"Vague words\"},\n"
	"     \"message\": {\"sv\": \"Ett ska-krav är vagt.\", \"en\": \"A "
	"mandatory clause is vague.\"},\n"
	"     \"remediation\": {\"sv\": \"Ange ett mätbart åtagande.\", \"en\": "
	"\"State a measurable commitment.\"},\n"
	"     \"check\": {\"forbid\": {\"level\": \"shall\", \"text\": "
	"\"@vague\"}}},\n"
	"    {\"id\": \"EX-003\", \"severity\": \"warning\",\n"
	"     \"title\": {\"sv\": \"Incidentrapport\", \"en\": \"Incident "
	"report\"},\n"
	"     \"message\": {\"sv\": \"Incidenter ska rapporteras snabbt.\", "
	"\"en\": \"Incidents must be reported quickly.\"},\n"
	"     \"remediation\": {\"sv\": \"Rapportera inom 24 timmar.\", \"en\": "
	"\"Report within 24 hours.\"},\n"
	"     \"check\": {\"quantity\": {\"clauses\": {\"text\": "
	"\"@incident\"},\n"
	"                              \"unit\": \"hours\", \"at_most\": "
	"\"$incident_hours\"}}},\n"
	"    {\"id\": \"EX-004\", \"severity\": \"info\",\n"
	"     \"title\": {\"sv\": \"Höjd beredskap\", \"en\": \"Heightened "
	"alert\"},\n"
	"     \"message\": {\"sv\": \"En samhällsviktig tjänst ska planeras för "
	"höjd beredskap.\",\n"
	"                 \"en\": \"A critical service must plan for heightened "
	"alert.\"},\n"
	"     \"remediation\": {\"sv\": \"Planen ska omfatta höjd "
	"beredskap.\",\n"
	"                     \"en\": \"The plan shall cover heightened "
	"alert.\"},\n"
	"     \"when\": {\"fact\": \"critical-service\"},\n"
	"     \"check\": {\"require\": {\"text\": \"\\\\bheightened "
	"alert\\\\b\"}}}\n"
	"  ]\n"
	"}\n";

/* The tender, in the JSON form of the procsec tender format. */
static const char tender[] =
	"{\n"
	"  \"procsec_tender\": 1,\n"
	"  \"id\": \"EX-2026-1\",\n"
	"  \"lang\": \"en\",\n"
	"  \"title\": \"Facility services\",\n"
	"  \"buyer\": {\"name\": \"Example municipality\"},\n"
	"  \"sections\": [\n"
	"    {\"id\": \"1\", \"title\": \"Requirements\", \"clauses\": [\n"
	"      {\"kind\": \"requirement\", \"id\": \"1.1\", \"level\": "
	"\"shall\",\n"
	"       \"text\": \"The supplier shall have a written continuity plan "
	"for the contract.\"},\n"
	"      {\"kind\": \"requirement\", \"id\": \"1.2\", \"level\": "
	"\"shall\",\n"
	"       \"text\": \"The supplier shall take part in crisis exercises "
	"as appropriate.\"},\n"
	"      {\"kind\": \"requirement\", \"id\": \"1.3\", \"level\": "
	"\"shall\",\n"
	"       \"text\": \"The supplier shall report every security incident "
	"to the buyer within 48 hours.\"}\n"
	"    ]}\n"
	"  ]\n"
	"}\n";

static void print_error(const procsec_error *err)
{
	if (err->line > 0)
		fprintf(stderr, "%s:%d:%d: %s", err->source, err->line,
		        err->column, err->message);
	else
		fprintf(stderr, "%s: %s", err->source, err->message);
	if (err->pointer[0] != '\0')
		fprintf(stderr, " (at %s)", err->pointer);
	fputc('\n', stderr);
}

/* One finding or piece of evidence: its clause id and line, and message. */
static void print_finding(const char *what, const procsec_finding *f)
{
	const procsec_clause *c = procsec_finding_clause(f);
	const char *id = c != NULL ? procsec_clause_id(c) : NULL;

	if (c == NULL)
		printf("    %s (whole tender): %s\n", what,
		       procsec_finding_message(f));
	else
		printf("    %s clause %s line %d: %s\n", what,
		       id != NULL ? id : "(no id)", procsec_clause_line(c),
		       procsec_finding_message(f));
}

int main(void)
{
	procsec_error err;
	procsec_diags *diags = NULL;
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;
	procsec_doc *doc = NULL;
	procsec_report *report = NULL;
	int status = 2;
	size_t i, j;

	/* The pack is read by _add_pack_buffer (it must be well-formed JSON)
	 * and checked by _compile, which lists every problem in diags. */
	if (procsec_diags_new(&diags, &err) != PROCSEC_OK ||
	    procsec_loader_new(&loader, NULL, &err) != PROCSEC_OK ||
	    procsec_loader_add_pack_buffer(loader, "example-pack.json", pack,
	                                   strlen(pack), diags,
	                                   &err) != PROCSEC_OK ||
	    procsec_loader_compile(&rules, loader, diags, &err) != PROCSEC_OK) {
		if (procsec_diags_count(diags) == 0)
			print_error(&err);
		for (i = 0; i < procsec_diags_count(diags); i++)
			print_error(procsec_diags_at(diags, i));
		goto out;
	}

	if (procsec_doc_parse(&doc, "example-tender.json", tender,
	                      strlen(tender), "procsec-json", NULL,
	                      &err) != PROCSEC_OK ||
	    procsec_check(&report, rules, doc, NULL, &err) != PROCSEC_OK) {
		print_error(&err);
		goto out;
	}

	printf("%s (%s), report in %s\n", procsec_doc_title(doc),
	       procsec_doc_id(doc), procsec_report_lang(report));
	for (i = 0; i < procsec_report_count(report); i++) {
		const procsec_result *r = procsec_report_at(report, i);
		const procsec_rule *rule = procsec_result_rule(r);
		procsec_status st = procsec_result_status(r);
		const char *reason = procsec_result_reason(r);

		printf("%s %s (%s)%s%s\n", procsec_rule_id(rule),
		       procsec_status_name(st),
		       procsec_severity_name(procsec_rule_severity(rule)),
		       reason != NULL ? ": " : "", reason != NULL ? reason : "");
		for (j = 0; j < procsec_result_finding_count(r); j++)
			print_finding("finding", procsec_result_finding_at(r, j));
		for (j = 0; j < procsec_result_evidence_count(r); j++)
			print_finding("evidence", procsec_result_evidence_at(r, j));
	}

	status = procsec_report_count_failed(report, PROCSEC_SEVERITY_ERROR) > 0
	                 ? 1
	                 : 0;
out:
	procsec_report_free(report); /* before the rule set and the document */
	procsec_doc_free(doc);
	procsec_ruleset_free(rules);
	procsec_loader_free(loader);
	procsec_diags_free(diags);
	return status;
}
