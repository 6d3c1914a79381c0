/*
 * fuzz_check.c -- libFuzzer target: check a tender against a fixed pack.
 *
 * A small pack that uses every check type, terms, parameters, facts and
 * an inference is compiled once, on the first call.  Each input is then
 * parsed as a tender (format detected), checked, and the report written
 * in every output format.
 */
#include <stddef.h>
#include <stdint.h>

#include <procsec.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lints clean: `procsec rules lint` says "ok, 7 rules". */
static const char fuzz_pack[] =
	"{\n"
	"  \"procsec_pack\": 1,\n"
	"  \"id\": \"fuzz\",\n"
	"  \"version\": \"1.0.0\",\n"
	"  \"title\": {\"sv\": \"Fuzz\", \"en\": \"Fuzz\"},\n"
	"  \"valid\": {\"from\": \"2000-01-01\"},\n"
	"  \"params\": {\"hours\": {\"default\": 24}, \"floor\": {\"default\": 1000}},\n"
	"  \"facts\": {\"framework-agreement\": {\"description\": {\"sv\": \"Ramavtal\", \"en\": \"Framework\"}}},\n"
	"  \"terms\": {\n"
	"    \"cont\": \"\\\\bkontinuitet\\\\w*|\\\\bcontinuity\\\\b\",\n"
	"    \"inc\": {\"pattern\": \"\\\\bincident\\\\w*|\\\\bhändelse\\\\w*\", \"description\": {\"sv\": \"I\", \"en\": \"I\"}},\n"
	"    \"vague\": \"\\\\bvid behov\\\\b|\\\\blämplig\\\\w*|\\\\bas appropriate\\\\b\",\n"
	"    \"sec\": \"\\\\b\\\\w*(?<!pr)säkerhet\\\\w*|\\\\bsecurity\\\\b\"\n"
	"  },\n"
	"  \"infer\": [\n"
	"    {\"fact\": \"critical-service\", \"value\": true, \"when\": {\"cpv\": [\"8531\", \"7251\"]}},\n"
	"    {\"fact\": \"framework-agreement\", \"value\": false, \"when\": {\"procedure\": [\"direct-award\"]},\n"
	"     \"because\": {\"sv\": \"D\", \"en\": \"D\"}}\n"
	"  ],\n"
	"  \"rules\": [\n"
	"    {\"id\": \"FZ-001\", \"severity\": \"error\", \"title\": {\"sv\": \"a\", \"en\": \"a\"},\n"
	"     \"message\": {\"sv\": \"m\", \"en\": \"m\"}, \"remediation\": {\"sv\": \"r\", \"en\": \"r\"},\n"
	"     \"references\": [{\"title\": \"T\", \"statute\": \"SFS\", \"section\": \"1\", \"url\": \"https://e.org/<&>\\\"\", \"note\": \"n\"}],\n"
	"     \"tags\": [\"x\"],\n"
	"     \"check\": {\"require\": {\"kind\": [\"requirement\", \"condition\"], \"level\": [\"shall\", \"should\"], \"text\": \"@cont\"}, \"min\": 2}},\n"
	"    {\"id\": \"FZ-002\", \"severity\": \"warning\", \"title\": {\"sv\": \"b\", \"en\": \"b\"},\n"
	"     \"message\": {\"sv\": \"m\", \"en\": \"m\"}, \"remediation\": {\"sv\": \"r\", \"en\": \"r\"},\n"
	"     \"check\": {\"forbid\": {\"kind\": \"requirement\", \"text\": [\"@vague\", \"\\\\w\"], \"unless\": \"\\\\bundantag\\\\b\"}}},\n"
	"    {\"id\": \"FZ-003\", \"severity\": \"info\", \"title\": {\"sv\": \"c\", \"en\": \"c\"},\n"
	"     \"message\": {\"sv\": \"m\", \"en\": \"m\"}, \"remediation\": {\"sv\": \"r\", \"en\": \"r\"},\n"
	"     \"check\": {\"quantity\": {\"clauses\": {\"text\": \"@inc\"}, \"unit\": \"hours\", \"at_most\": \"$hours\", \"at_least\": 1}}},\n"
	"    {\"id\": \"FZ-004\", \"severity\": \"error\", \"title\": {\"sv\": \"d\", \"en\": \"d\"},\n"
	"     \"message\": {\"sv\": \"m\", \"en\": \"m\"}, \"remediation\": {\"sv\": \"r\", \"en\": \"r\"},\n"
	"     \"check\": {\"all\": [\n"
	"       {\"field\": \"buyer.orgno\", \"exists\": true},\n"
	"       {\"field\": \"value.currency\", \"equals\": \"SEK\"},\n"
	"       {\"field\": \"duration.amount\", \"equals\": 24},\n"
	"       {\"field\": \"buyer.name\", \"matches\": \"\\\\bkommun\\\\b\"},\n"
	"       {\"field\": \"value.amount\", \">=\": \"$floor\"},\n"
	"       {\"field\": \"value.amount\", \"<\": 50000000},\n"
	"       {\"field\": \"duration.amount\", \"<=\": 48},\n"
	"       {\"field\": \"published\", \">=\": \"2020-01-01\"},\n"
	"       {\"field\": \"deadline\", \"<\": \"2099-01-01\"},\n"
	"       {\"field\": \"cpv.main\", \"matches\": \"^7\"},\n"
	"       {\"field\": \"duration.unit\", \"equals\": \"months\"}\n"
	"     ]}},\n"
	"    {\"id\": \"FZ-005\", \"severity\": \"error\", \"title\": {\"sv\": \"e\", \"en\": \"e\"},\n"
	"     \"message\": {\"sv\": \"m\", \"en\": \"m\"}, \"remediation\": {\"sv\": \"r\", \"en\": \"r\"},\n"
	"     \"check\": {\"any\": [\n"
	"       {\"attachment\": {\"type\": \"dpa\"}},\n"
	"       {\"attachment\": {\"type\": [\"dpa\", \"security-agreement\"], \"title\": \"\\\\bbiträdesavtal\\\\w*\"}},\n"
	"       {\"not\": {\"require\": {\"text\": \"\\\\bpersonuppgift\\\\w*\"}}}\n"
	"     ]}},\n"
	"    {\"id\": \"FZ-006\", \"severity\": \"warning\", \"title\": {\"sv\": \"f\", \"en\": \"f\"},\n"
	"     \"message\": {\"sv\": \"m\", \"en\": \"m\"}, \"remediation\": {\"sv\": \"r\", \"en\": \"r\"},\n"
	"     \"when\": {\"any\": [\n"
	"       {\"fact\": \"critical-service\"},\n"
	"       {\"fact\": \"framework-agreement\", \"is\": false},\n"
	"       {\"fact\": \"personal-data\", \"is\": \"unknown\"},\n"
	"       {\"all\": [{\"language\": [\"sv\", \"en\"]}, {\"not\": {\"country\": [\"NO\"]}}]},\n"
	"       {\"value\": {\">=\": \"$floor\", \"<\": 100000000}},\n"
	"       {\"duration\": {\">\": 1, \"<=\": 48}},\n"
	"       {\"clause\": {\"category\": [\"security\", \"information-security\"], \"section\": \"@sec\"}}\n"
	"     ]},\n"
	"     \"check\": {\"require\": {\"section\": \"@sec\", \"text\": \"@sec\"}}},\n"
	"    {\"id\": \"FZ-007\", \"severity\": \"info\", \"title\": {\"sv\": \"g\", \"en\": \"g\"},\n"
	"     \"message\": {\"sv\": \"m\", \"en\": \"m\"}, \"remediation\": {\"sv\": \"r\", \"en\": \"r\"},\n"
	"     \"valid\": {\"until\": \"2099-12-31\"},\n"
	"     \"when\": {\"all\": [{\"fact\": \"security-sensitive\"}, {\"procedure\": [\"open\", \"restricted\", \"negotiated\"]}]},\n"
	"     \"check\": {\"quantity\": {\"clauses\": {\"kind\": \"requirement\"}, \"unit\": \"days\", \"at_least\": 1}}}\n"
	"  ]\n"
	"}\n";

static const procsec_output formats[] = {
	PROCSEC_OUT_JSON, PROCSEC_OUT_TEXT, PROCSEC_OUT_SARIF,
	PROCSEC_OUT_JUNIT, PROCSEC_OUT_HTML, PROCSEC_OUT_NDJSON
};

static const procsec_ruleset *fuzz_rules(void)
{
	static procsec_ruleset *rules;
	static int tried;
	procsec_loader *loader = NULL;

	if (tried)
		return rules;
	tried = 1;
	if (procsec_loader_new(&loader, NULL, NULL) == PROCSEC_OK &&
	    procsec_loader_add_pack_buffer(loader, "fuzz-pack.json", fuzz_pack,
	                                   sizeof(fuzz_pack) - 1, NULL,
	                                   NULL) == PROCSEC_OK)
		(void)procsec_loader_compile(&rules, loader, NULL, NULL);
	procsec_loader_free(loader);
	return rules; /* kept for the life of the process */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const procsec_ruleset *rules = fuzz_rules();
	procsec_doc *doc = NULL;
	procsec_report *report = NULL;
	size_t i;

	if (rules == NULL)
		__builtin_trap(); /* the embedded pack must compile */
	if (procsec_doc_parse(&doc, "fuzz", data, size, NULL, NULL, NULL) !=
	    PROCSEC_OK)
		return 0;
	if (procsec_check(&report, rules, doc, NULL, NULL) == PROCSEC_OK) {
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
			char *out = NULL;
			size_t len = 0;

			(void)procsec_report_to_string(&out, &len, report,
			                               formats[i], NULL);
			procsec_free(out);
		}
	}
	procsec_report_free(report);
	procsec_doc_free(doc);
	return 0;
}
