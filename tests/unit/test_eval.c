/*
 * test_eval.c -- the rule engine: every check and condition, quantities
 * and units, inference, validity periods, the per-clause memo, budgets,
 * Swedish case folding and compounds, and one rule set shared by threads.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "report.h"

/* A pack around some terms, params and rules, written compactly. */
#define PACK(extra, rules)                                                  \
	"{\"procsec_pack\": 1, \"id\": \"t\", \"version\": \"1\", "            \
	"\"title\": {\"sv\": \"T\", \"en\": \"T\"}, " extra                     \
	"\"rules\": [" rules "]}"

#define RULE(id, when, check)                                               \
	"{\"id\": \"" id "\", \"severity\": \"error\", "                        \
	"\"title\": {\"sv\": \"Titel\", \"en\": \"Title\"}, "                   \
	"\"message\": {\"sv\": \"Saknas.\", \"en\": \"Missing.\"}, "            \
	"\"remediation\": {\"sv\": \"Skriv.\", \"en\": \"Write.\"}, " when      \
	"\"check\": " check "}"

static procsec_ruleset *compile(const char *pack, const char *param,
                                const char *value)
{
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;
	procsec_error err;

	procsec_loader_new(&loader, NULL, NULL);
	if (procsec_loader_add_pack_buffer(loader, "t.json", pack, strlen(pack),
	                                   NULL, &err) != PROCSEC_OK ||
	    (param != NULL &&
	     procsec_loader_set_param(loader, param, value, &err) != PROCSEC_OK) ||
	    procsec_loader_compile(&rules, loader, NULL, &err) != PROCSEC_OK)
		fprintf(stderr, "%s:%d:%d: %s (at %s)\n", err.source, err.line,
		        err.column, err.message, err.pointer);
	procsec_loader_free(loader);
	return rules;
}

/* A tender with the given facts and one section of clauses. */
static procsec_doc *tender(const char *head, const char *clauses)
{
	char buf[8192];
	procsec_doc *doc = NULL;
	procsec_error err;

	snprintf(buf, sizeof(buf),
	         "{\"procsec_tender\": 1, \"id\": \"1\", \"lang\": \"sv\", "
	         "\"title\": \"T\", \"buyer\": {\"name\": \"B\", \"country\": "
	         "\"SE\"}, %s \"sections\": [{\"id\": \"4\", \"title\": "
	         "\"Krav på leverantören\", \"clauses\": [%s]}]}",
	         head, clauses);
	if (procsec_doc_parse(&doc, "t", buf, strlen(buf), NULL, NULL, &err) !=
	    PROCSEC_OK)
		fprintf(stderr, "%d:%d: %s\n", err.line, err.column, err.message);
	return doc;
}

static procsec_report *run(const procsec_ruleset *rules, const procsec_doc *doc,
                           const char *lang, const char *as_of)
{
	procsec_options *opts = NULL;
	procsec_report *report = NULL;

	procsec_options_new(&opts, NULL);
	if (lang != NULL)
		procsec_options_set_lang(opts, lang, NULL);
	if (as_of != NULL)
		procsec_options_set_as_of(opts, as_of, NULL);
	CU_ASSERT_EQUAL(procsec_check(&report, rules, doc, opts, NULL),
	                PROCSEC_OK);
	procsec_options_free(opts);
	return report;
}

static const procsec_result *result(const procsec_report *report,
                                    const char *id)
{
	size_t i;

	for (i = 0; i < procsec_report_count(report); i++) {
		const procsec_result *r = procsec_report_at(report, i);

		if (strcmp(procsec_rule_id(procsec_result_rule(r)), id) == 0)
			return r;
	}
	return NULL;
}

static procsec_status status(const procsec_report *report, const char *id)
{
	const procsec_result *r = result(report, id);

	CU_ASSERT_PTR_NOT_NULL(r);
	return procsec_result_status(r);
}

struct fixture {
	procsec_ruleset *rules;
	procsec_doc *doc;
	procsec_report *report;
};

static void fixture(struct fixture *f, const char *pack, const char *head,
                    const char *clauses, const char *lang, const char *as_of)
{
	f->rules = compile(pack, NULL, NULL);
	f->doc = tender(head, clauses);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->rules);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->doc);
	f->report = run(f->rules, f->doc, lang, as_of);
}

static void done(struct fixture *f)
{
	procsec_report_free(f->report);
	procsec_doc_free(f->doc);
	procsec_ruleset_free(f->rules);
}

#define REQ(id, text) \
	"{\"kind\": \"requirement\", \"level\": \"shall\", \"id\": \"" id \
	"\", \"text\": \"" text "\"}"

/* ---- checks ----------------------------------------------------------- */

static void test_require(void)
{
	struct fixture f;
	const procsec_result *r;
	const procsec_finding *e;

	fixture(&f,
	        PACK("\"terms\": {\"plan\": \"\\\\bkontinuitetsplan\\\\w*\"},",
	             RULE("A-1", "", "{\"require\": {\"text\": \"@plan\"}}") ","
	             RULE("A-2", "", "{\"require\": {\"text\": \"@plan\"}, "
	                             "\"min\": 3}") ","
	             RULE("A-3", "", "{\"require\": {\"kind\": \"criterion\", "
	                             "\"text\": \"@plan\"}}")),
	        "", REQ("4.1", "Leverantören ska ha en kontinuitetsplan.") ","
	            REQ("4.2", "Kontinuitetsplanen ska övas årligen."),
	        NULL, NULL);
	CU_ASSERT_EQUAL(status(f.report, "A-1"), PROCSEC_STATUS_PASS);
	r = result(f.report, "A-1");
	CU_ASSERT_EQUAL(procsec_result_evidence_count(r), 2);
	e = procsec_result_evidence_at(r, 0);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(procsec_finding_clause(e)),
	                       "4.1");
	CU_ASSERT_EQUAL(procsec_finding_span_start(e), 24); /* after "ö" */
	CU_ASSERT_EQUAL(procsec_finding_span_end(e), 40);
	CU_ASSERT_EQUAL(status(f.report, "A-2"), PROCSEC_STATUS_FAIL);
	r = result(f.report, "A-2");
	CU_ASSERT_EQUAL(procsec_result_finding_count(r), 1);
	CU_ASSERT_STRING_EQUAL(procsec_finding_message(
		                       procsec_result_finding_at(r, 0)),
	                       "Saknas. (2 av 3 klausuler hittades)");
	CU_ASSERT_EQUAL(status(f.report, "A-3"), PROCSEC_STATUS_FAIL);
	CU_ASSERT_PTR_NULL(procsec_finding_clause(
		procsec_result_finding_at(result(f.report, "A-3"), 0)));
	done(&f);
}

static void test_selector_verified(void)
{
	struct fixture f;

	fixture(&f,
	        PACK("",
	             RULE("V-1", "", "{\"forbid\": {\"text\": \"ska\", \"verified\": false}}") ","
	             RULE("V-2", "", "{\"require\": {\"text\": \"ska\", \"verified\": true}, \"min\": 2}")),
	        "",
	        REQ("4.1", "Leverantören ska ha en plan.") ","
	        "{\"kind\": \"requirement\", \"level\": \"shall\", \"id\": \"4.2\", "
	        "\"verification\": \"Planen bifogas.\", \"text\": \"Leverantören ska öva.\"}",
	        "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "V-1"), PROCSEC_STATUS_FAIL);
	CU_ASSERT_EQUAL(procsec_result_finding_count(result(f.report, "V-1")), 1);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(procsec_finding_clause(
	                               procsec_result_finding_at(
	                                       result(f.report, "V-1"), 0))),
	                       "4.1");
	CU_ASSERT_EQUAL(status(f.report, "V-2"), PROCSEC_STATUS_FAIL);
	done(&f);
}

static void test_forbid_one_finding_per_clause(void)
{
	struct fixture f;
	const procsec_result *r;
	const procsec_finding *x;

	fixture(&f,
	        PACK("\"terms\": {\"vague\": \"\\\\bvid behov\\\\b|\\\\blämplig\\\\w*\"},",
	             RULE("B-1", "", "{\"forbid\": {\"kind\": \"requirement\", "
	                             "\"text\": \"@vague\"}}")),
	        "", REQ("4.1", "Leverantören ska vid behov ha lämplig utrustning.") ","
	            REQ("4.2", "Leverantören ska ha en plan.") ","
	            "{\"kind\": \"text\", \"text\": \"Vid behov kontaktas "
	            "beställaren.\"}" ","
	            REQ("4.3", "Personalen ska ha LÄMPLIGA kläder."),
	        "en", NULL);
	r = result(f.report, "B-1");
	CU_ASSERT_EQUAL(procsec_result_status(r), PROCSEC_STATUS_FAIL);
	CU_ASSERT_EQUAL_FATAL(procsec_result_finding_count(r), 2);
	x = procsec_result_finding_at(r, 0);
	CU_ASSERT_STRING_EQUAL(procsec_finding_message(x),
	                       "“vid behov”: Missing.");
	CU_ASSERT_EQUAL(procsec_finding_span_start(x), 18);
	CU_ASSERT_EQUAL(procsec_finding_span_end(x), 27);
	x = procsec_result_finding_at(r, 1);
	CU_ASSERT_STRING_EQUAL(procsec_clause_id(procsec_finding_clause(x)),
	                       "4.3");
	CU_ASSERT_STRING_EQUAL(procsec_finding_message(x), "“LÄMPLIGA”: Missing.");
	done(&f);
}

#define QUANTITY_PACK                                                        \
	PACK("\"params\": {\"hours\": {\"default\": 24}}, \"terms\": "         \
	     "{\"report\": \"\\\\brapport\\\\w*|\\\\bunderrätta\\\\w*|\\\\breport\\\\w*\"},", \
	     RULE("Q-1", "", "{\"quantity\": {\"clauses\": {\"text\": "         \
	                     "\"@report\"}, \"unit\": \"hours\", "                \
	                     "\"at_most\": \"$hours\"}}"))

static procsec_status quantity_status(const char *text, const char *param,
                                      const char *value, char *message,
                                      size_t size)
{
	char clause[512];
	procsec_ruleset *rules = compile(QUANTITY_PACK, param, value);
	procsec_doc *doc;
	procsec_report *report;
	const procsec_result *r;
	procsec_status s;

	snprintf(clause, sizeof(clause), REQ("4.1", "%s"), text);
	doc = tender("", clause);
	report = run(rules, doc, "sv", NULL);
	r = result(report, "Q-1");
	s = procsec_result_status(r);
	message[0] = '\0';
	if (procsec_result_finding_count(r) > 0)
		snprintf(message, size, "%s",
		         procsec_finding_message(procsec_result_finding_at(r, 0)));
	else if (procsec_result_evidence_count(r) > 0)
		snprintf(message, size, "%s",
		         procsec_finding_message(procsec_result_evidence_at(r, 0)));
	procsec_report_free(report);
	procsec_doc_free(doc);
	procsec_ruleset_free(rules);
	return s;
}

static void test_quantity_and_units(void)
{
	static const struct {
		const char *text;
		procsec_status want;
		const char *message;
	} cases[] = {
		{ "Leverantören ska rapportera inom 24 timmar.",
		  PROCSEC_STATUS_PASS, "anger 24 timmar" },
		{ "Leverantören ska rapportera inom 48 timmar.",
		  PROCSEC_STATUS_FAIL, "anger 48 timmar, men högst 24 timmar krävs" },
		{ "Leverantören ska rapportera inom två dygn.",
		  PROCSEC_STATUS_FAIL, "anger 48 timmar, men högst 24 timmar krävs" },
		{ "The supplier shall report within 2 days.",
		  PROCSEC_STATUS_FAIL, "anger 48 timmar, men högst 24 timmar krävs" },
		{ "Leverantören ska underrätta inom 30 minuter.",
		  PROCSEC_STATUS_PASS, "anger 0.5 timmar" },
		{ "Leverantören ska rapportera inom 1,5 timme.",
		  PROCSEC_STATUS_PASS, "anger 1.5 timmar" },
		{ "Leverantören ska rapportera inom en vecka.",
		  PROCSEC_STATUS_FAIL, "anger 168 timmar, men högst 24 timmar krävs" },
		{ "Leverantören ska rapportera INOM 12 TIMMAR.",
		  PROCSEC_STATUS_PASS, "anger 12 timmar" },
		{ "Leverantören ska rapportera skyndsamt.", PROCSEC_STATUS_FAIL,
		  "Saknas. (ingen tidsgräns anges)" },
		{ "Leverantören ska rapportera inom 72 timmar, dock senast inom 24 "
		  "timmar vid allvarlig händelse.",
		  PROCSEC_STATUS_PASS, "anger 24 timmar" },
		/* number words up to 99, in both languages and any case */
		{ "Leverantören ska rapportera inom tjugofyra timmar.",
		  PROCSEC_STATUS_PASS, "anger 24 timmar" },
		{ "Leverantören ska rapportera inom SJUTTIOTVÅ timmar.",
		  PROCSEC_STATUS_FAIL, "anger 72 timmar, men högst 24 timmar krävs" },
		{ "Leverantören ska rapportera inom Fyrtioåtta timmar.",
		  PROCSEC_STATUS_FAIL, "anger 48 timmar, men högst 24 timmar krävs" },
		{ "The supplier shall report within forty-eight hours.",
		  PROCSEC_STATUS_FAIL, "anger 48 timmar, men högst 24 timmar krävs" },
		{ "The supplier shall report within twenty four hours.",
		  PROCSEC_STATUS_PASS, "anger 24 timmar" },
		{ "The supplier shall report within fifteen minutes.",
		  PROCSEC_STATUS_PASS, "anger 0.25 timmar" },
		{ "Leverantören ska rapportera inom tjugo timmar.",
		  PROCSEC_STATUS_PASS, "anger 20 timmar" },
		{ "The supplier shall report within 4 hrs.",
		  PROCSEC_STATUS_PASS, "anger 4 timmar" },
		/* working days count as days, and the report says so */
		{ "Leverantören ska rapportera inom en arbetsdag.",
		  PROCSEC_STATUS_PASS,
		  "anger 24 timmar (i arbetsdagar, räknade som dagar: helger kan "
		  "förlänga tiden)" },
		{ "The supplier shall report within 2 business days.",
		  PROCSEC_STATUS_FAIL,
		  "anger 48 timmar (i arbetsdagar, räknade som dagar: helger kan "
		  "förlänga tiden), men högst 24 timmar krävs" },
		{ "Leverantören ska rapportera inom tre vardagar.",
		  PROCSEC_STATUS_FAIL,
		  "anger 72 timmar (i arbetsdagar, räknade som dagar: helger kan "
		  "förlänga tiden), men högst 24 timmar krävs" },
		{ "Leverantören ska rapportera inom 2 kalenderdagar.",
		  PROCSEC_STATUS_FAIL, "anger 48 timmar, men högst 24 timmar krävs" },
		{ "Leverantören ska rapportera inom två månaders tid.",
		  PROCSEC_STATUS_FAIL, "anger 1440 timmar, men högst 24 timmar krävs" },
		{ "The supplier shall report within one year.",
		  PROCSEC_STATUS_FAIL, "anger 8640 timmar, men högst 24 timmar krävs" },
		/* a word that only starts like a number is not one */
		{ "Leverantören ska rapportera tjugotal timmar.",
		  PROCSEC_STATUS_FAIL, "Saknas. (ingen tidsgräns anges)" },
	};
	char message[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		procsec_status s = quantity_status(cases[i].text, NULL, NULL,
		                                   message, sizeof(message));

		if (s != cases[i].want || strcmp(message, cases[i].message) != 0)
			fprintf(stderr, "\n%s -> %d '%s'\n", cases[i].text, s, message);
		CU_ASSERT_EQUAL(s, cases[i].want);
		CU_ASSERT_STRING_EQUAL(message, cases[i].message);
	}
	/* a buyer's profile may allow 48 hours */
	CU_ASSERT_EQUAL(quantity_status("Leverantören ska rapportera inom 48 "
	                                "timmar.",
	                                "hours", "48", message, sizeof(message)),
	                PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(quantity_status("Leverantören ska rapportera inom 48 "
	                                "timmar.",
	                                "t.hours", "12", message, sizeof(message)),
	                PROCSEC_STATUS_FAIL);
}

static void test_field_and_attachment(void)
{
	struct fixture f;

	fixture(&f,
	        PACK("",
	             RULE("F-1", "", "{\"field\": \"procedure\", \"exists\": true}") ","
	             RULE("F-2", "", "{\"field\": \"buyer.country\", \"equals\": \"SE\"}") ","
	             RULE("F-3", "", "{\"field\": \"value.amount\", \">=\": 1000000}") ","
	             RULE("F-4", "", "{\"field\": \"title\", \"matches\": \"^t$\"}") ","
	             RULE("F-5", "", "{\"field\": \"deadline\", \"exists\": true}") ","
	             RULE("F-6", "", "{\"attachment\": {\"type\": \"dpa\"}}") ","
	             RULE("F-7", "", "{\"attachment\": {\"type\": [\"sua\", "
	                             "\"security-agreement\"], \"title\": "
	                             "\"säkerhetsskydd\"}}")),
	        "\"procedure\": \"open\", \"value\": {\"amount\": 4500000, "
	        "\"currency\": \"SEK\"}, \"attachments\": [{\"type\": \"dpa\"}, "
	        "{\"type\": \"security-agreement\", \"title\": \"Bilaga 4 "
	        "Säkerhetsskyddsavtal\"}],",
	        REQ("4.1", "x"), "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "F-1"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "F-2"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "F-3"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "F-4"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "F-5"), PROCSEC_STATUS_FAIL);
	CU_ASSERT_STRING_EQUAL(
		procsec_finding_message(
			procsec_result_finding_at(result(f.report, "F-5"), 0)),
		"Missing. (the field deadline is missing)");
	CU_ASSERT_EQUAL(status(f.report, "F-6"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "F-7"), PROCSEC_STATUS_PASS);
	done(&f);
}

static void test_all_any_not(void)
{
	struct fixture f;

	fixture(&f,
	        PACK("",
	             RULE("L-1", "", "{\"all\": [{\"require\": {\"text\": \"plan\"}}, "
	                             "{\"require\": {\"text\": \"övning\"}}]}") ","
	             RULE("L-2", "", "{\"any\": [{\"require\": {\"text\": \"plan\"}}, "
	                             "{\"require\": {\"text\": \"övning\"}}]}") ","
	             RULE("L-3", "", "{\"not\": {\"require\": {\"text\": \"plan\"}}}") ","
	             RULE("L-4", "", "{\"not\": {\"require\": {\"text\": \"övning\"}}}") ","
	             RULE("L-5", "", "{\"any\": [{\"require\": {\"text\": \"övning\"}}, "
	                             "{\"require\": {\"text\": \"krav\"}}]}")),
	        "", REQ("4.1", "Leverantören ska ha en plan."), "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "L-1"), PROCSEC_STATUS_FAIL);
	CU_ASSERT_EQUAL(procsec_result_finding_count(result(f.report, "L-1")), 1);
	CU_ASSERT_EQUAL(status(f.report, "L-2"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(procsec_result_finding_count(result(f.report, "L-2")), 0);
	CU_ASSERT_EQUAL(procsec_result_evidence_count(result(f.report, "L-2")), 1);
	CU_ASSERT_EQUAL(status(f.report, "L-3"), PROCSEC_STATUS_FAIL);
	CU_ASSERT_EQUAL(status(f.report, "L-4"), PROCSEC_STATUS_PASS);
	/* two ways to pass, both missing: the tender is told once */
	CU_ASSERT_EQUAL(status(f.report, "L-5"), PROCSEC_STATUS_FAIL);
	CU_ASSERT_EQUAL(procsec_result_finding_count(result(f.report, "L-5")), 1);
	done(&f);
}

/* ---- conditions ------------------------------------------------------- */

#define ALWAYS "{\"require\": {\"text\": \"ska\"}}"
#define NEVER "{\"require\": {\"text\": \"\\\\bzzz\\\\b\"}}"

static void test_conditions(void)
{
	struct fixture f;
	const procsec_result *r;

	fixture(&f,
	        PACK("\"facts\": {\"nis2\": {}},",
	             RULE("C-1", "\"when\": {\"fact\": \"critical-service\"},", ALWAYS) ","
	             RULE("C-2", "\"when\": {\"fact\": \"personal-data\"},", ALWAYS) ","
	             RULE("C-3", "\"when\": {\"fact\": \"security-sensitive\"},", ALWAYS) ","
	             RULE("C-4", "\"when\": {\"fact\": \"nis2\", \"is\": \"unknown\"},", ALWAYS) ","
	             RULE("C-5", "\"when\": {\"cpv\": [\"9091\"]},", ALWAYS) ","
	             RULE("C-6", "\"when\": {\"cpv\": [\"72\"]},", ALWAYS) ","
	             RULE("C-7", "\"when\": {\"procedure\": [\"restricted\"]},", ALWAYS) ","
	             RULE("C-8", "\"when\": {\"language\": [\"sv\"]},", ALWAYS) ","
	             RULE("C-9", "\"when\": {\"country\": [\"SE\"]},", ALWAYS) ","
	             RULE("C-10", "\"when\": {\"value\": {\">=\": 1000000, \"<\": 5000000}},", ALWAYS) ","
	             RULE("C-11", "\"when\": {\"duration\": {\">=\": 24}},", ALWAYS) ","
	             RULE("C-12", "\"when\": {\"clause\": {\"text\": \"\\\\bnyck\\\\w*\"}},", ALWAYS) ","
	             RULE("C-13", "\"when\": {\"all\": [{\"fact\": \"critical-service\"}, {\"fact\": \"security-sensitive\"}]},", ALWAYS) ","
	             RULE("C-14", "\"when\": {\"all\": [{\"fact\": \"personal-data\"}, {\"fact\": \"security-sensitive\"}]},", ALWAYS) ","
	             RULE("C-15", "\"when\": {\"any\": [{\"fact\": \"critical-service\"}, {\"fact\": \"security-sensitive\"}]},", ALWAYS) ","
	             RULE("C-16", "\"when\": {\"not\": {\"fact\": \"personal-data\"}},", ALWAYS)),
	        "\"facts\": {\"critical-service\": true, \"personal-data\": false}, "
	        "\"cpv\": [{\"code\": \"90919300\", \"main\": true}], \"procedure\": "
	        "\"open\", \"value\": {\"amount\": 4500000, \"currency\": \"SEK\"}, "
	        "\"duration\": {\"amount\": 730, \"unit\": \"days\"},",
	        REQ("4.1", "Leverantören ska hantera nycklar."), "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "C-1"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-2"), PROCSEC_STATUS_NOT_APPLICABLE);
	CU_ASSERT_STRING_EQUAL(procsec_result_reason(result(f.report, "C-2")),
	                       "applies when personal-data is true");
	CU_ASSERT_EQUAL(status(f.report, "C-3"), PROCSEC_STATUS_UNKNOWN);
	r = result(f.report, "C-3");
	CU_ASSERT_STRING_EQUAL(procsec_result_reason(r),
	                       "depends on what the tender does not state: "
	                       "security-sensitive");
	CU_ASSERT_EQUAL(r->unknown_facts.count, 1);
	CU_ASSERT_EQUAL(status(f.report, "C-4"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-5"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-6"), PROCSEC_STATUS_NOT_APPLICABLE);
	CU_ASSERT_EQUAL(status(f.report, "C-7"), PROCSEC_STATUS_NOT_APPLICABLE);
	CU_ASSERT_EQUAL(status(f.report, "C-8"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-9"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-10"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-11"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-12"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-13"), PROCSEC_STATUS_UNKNOWN);
	CU_ASSERT_EQUAL(status(f.report, "C-14"), PROCSEC_STATUS_NOT_APPLICABLE);
	CU_ASSERT_EQUAL(status(f.report, "C-15"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "C-16"), PROCSEC_STATUS_PASS);
	done(&f);
}

/* A RULE with other severity: "sev" replaces the "error" of RULE. */
#define SEV_RULE(id, sev, when, check)                                      \
	"{\"id\": \"" id "\", " sev ", "                                       \
	"\"title\": {\"sv\": \"Titel\", \"en\": \"Title\"}, "                   \
	"\"message\": {\"sv\": \"Saknas.\", \"en\": \"Missing.\"}, "            \
	"\"remediation\": {\"sv\": \"Skriv.\", \"en\": \"Write.\"}, " when      \
	"\"check\": " check "}"

static void test_conditional_severity(void)
{
	struct fixture f;

	fixture(&f,
	        PACK("",
	             SEV_RULE("S-1", "\"severity\": \"warning\", \"severity_when\": "
	                      "[{\"when\": {\"fact\": \"critical-service\"}, "
	                      "\"severity\": \"error\"}]", "", NEVER) ","
	             SEV_RULE("S-2", "\"severity\": \"info\", \"severity_when\": "
	                      "[{\"when\": {\"fact\": \"personal-data\"}, "
	                      "\"severity\": \"error\"}, {\"when\": {\"clause\": "
	                      "{\"text\": \"\\\\bnyck\\\\w*\"}}, \"severity\": "
	                      "\"warning\"}]", "", NEVER) ","
	             SEV_RULE("S-3", "\"severity\": \"info\", \"severity_when\": "
	                      "[{\"when\": {\"fact\": \"security-sensitive\"}, "
	                      "\"severity\": \"error\"}]", "", NEVER)),
	        "\"facts\": {\"critical-service\": true, \"personal-data\": "
	        "false},",
	        REQ("4.1", "Leverantören ska hantera nycklar."), "en", NULL);
	/* the first case that holds; a false or unknown case is passed over */
	CU_ASSERT_EQUAL(procsec_result_severity(result(f.report, "S-1")),
	                PROCSEC_SEVERITY_ERROR);
	CU_ASSERT_EQUAL(procsec_result_severity(result(f.report, "S-2")),
	                PROCSEC_SEVERITY_WARNING);
	CU_ASSERT_EQUAL(procsec_result_severity(result(f.report, "S-3")),
	                PROCSEC_SEVERITY_INFO);
	CU_ASSERT_EQUAL(procsec_rule_severity(procsec_result_rule(
	                        result(f.report, "S-1"))),
	                PROCSEC_SEVERITY_WARNING);
	/* failures are counted at the severity each result took */
	CU_ASSERT_EQUAL(procsec_report_count_failed(f.report,
	                                            PROCSEC_SEVERITY_ERROR), 1);
	CU_ASSERT_EQUAL(procsec_report_count_failed(f.report,
	                                            PROCSEC_SEVERITY_WARNING), 1);
	done(&f);
}

static void test_pack_condition_and_eea(void)
{
	struct fixture f;

	fixture(&f,
	        PACK("\"when\": {\"country\": [\"EEA\"]},",
	             RULE("P-1", "", ALWAYS) ","
	             RULE("P-2", "\"when\": {\"fact\": \"critical-service\"},",
	                  ALWAYS) ","
	             RULE("P-3", "\"when\": {\"country\": [\"NO\", \"DK\"]},",
	                  ALWAYS)),
	        "\"facts\": {\"critical-service\": false},",
	        REQ("4.1", "Leverantören ska drifta."), "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "P-1"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "P-2"), PROCSEC_STATUS_NOT_APPLICABLE);
	CU_ASSERT_EQUAL(status(f.report, "P-3"), PROCSEC_STATUS_NOT_APPLICABLE);
	done(&f);
	/* a buyer outside the EEA: no rule of the pack applies */
	f.rules = compile(PACK("\"when\": {\"country\": [\"EEA\"]},",
	                       RULE("P-1", "", ALWAYS)), NULL, NULL);
	f.doc = NULL;
	{
		const char *mx = "{\"procsec_tender\": 1, \"id\": \"1\", "
		                 "\"lang\": \"es\", \"title\": \"T\", \"buyer\": "
		                 "{\"name\": \"B\", \"country\": \"MX\"}}";

		CU_ASSERT_EQUAL(procsec_doc_parse(&f.doc, "t", mx, strlen(mx), NULL,
		                                  NULL, NULL), PROCSEC_OK);
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(f.doc);
	f.report = run(f.rules, f.doc, "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "P-1"), PROCSEC_STATUS_NOT_APPLICABLE);
	CU_ASSERT_STRING_EQUAL(procsec_result_reason(result(f.report, "P-1")),
	                       "applies when the buyer's country is EEA");
	done(&f);
}

static void test_inference(void)
{
	struct fixture f;
	size_t i;
	const struct ps_fact_used *it = NULL;

	fixture(&f,
	        PACK("\"infer\": [{\"fact\": \"it-service\", \"value\": true, "
	             "\"when\": {\"cpv\": [\"72\", \"48\"]}}, {\"fact\": "
	             "\"critical-service\", \"value\": true, \"when\": {\"cpv\": "
	             "[\"72\"]}}],",
	             RULE("I-1", "\"when\": {\"fact\": \"it-service\"},", ALWAYS)),
	        "\"facts\": {\"critical-service\": false}, \"cpv\": [{\"code\": "
	        "\"72514000\"}],",
	        REQ("4.1", "Leverantören ska drifta."), "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "I-1"), PROCSEC_STATUS_PASS);
	for (i = 0; i < f.report->facts.count; i++) {
		const struct ps_fact_used *u = ps_vec_at(&f.report->facts, i);

		if (strcmp(u->name, "it-service") == 0)
			it = u;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(it);
	CU_ASSERT(it->inferred);
	CU_ASSERT_STRING_EQUAL(it->reason, "inferred from CPV 72514000 (pack t)");
	/* an inference never overrides what the tender states */
	CU_ASSERT_EQUAL(ps_report_fact(f.report, "critical-service"),
	                PROCSEC_FACT_FALSE);
	done(&f);
}

static void test_validity_periods(void)
{
	const char *pack = PACK("\"valid\": {\"from\": \"2013-01-01\", \"until\": "
	                        "\"2016-12-31\"},",
	                        RULE("V-1", "", ALWAYS));
	struct fixture f;

	fixture(&f, pack, "\"published\": \"2014-05-01\",", REQ("4.1", "ska"),
	        "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "V-1"), PROCSEC_STATUS_PASS);
	CU_ASSERT_STRING_EQUAL(procsec_report_as_of(f.report), "2014-05-01");
	procsec_report_free(f.report);
	f.report = run(f.rules, f.doc, "en", "2020-01-01");
	CU_ASSERT_EQUAL(status(f.report, "V-1"), PROCSEC_STATUS_NOT_APPLICABLE);
	CU_ASSERT_STRING_EQUAL(procsec_result_reason(result(f.report, "V-1")),
	                       "t is in force 2013-01-01 to 2016-12-31; the "
	                       "tender is checked as of 2020-01-01");
	done(&f);
}

/* ---- matching --------------------------------------------------------- */

static void test_term_matched_once_per_clause(void)
{
	struct fixture f;

	fixture(&f,
	        PACK("\"terms\": {\"plan\": \"kontinuitet\\\\w*\", \"alias\": "
	             "\"kontinuitet\\\\w*\"},",
	             RULE("M-1", "", "{\"require\": {\"text\": \"@plan\"}}") ","
	             RULE("M-2", "", "{\"forbid\": {\"text\": \"@plan\"}}") ","
	             RULE("M-3", "", "{\"require\": {\"text\": \"@alias\"}}") ","
	             RULE("M-4", "\"when\": {\"clause\": {\"text\": \"@plan\"}},",
	                  "{\"require\": {\"text\": \"kontinuitet\\\\w*\"}}") ","
	             RULE("M-5", "", "{\"any\": [{\"require\": {\"text\": "
	                             "\"@plan\"}}, {\"forbid\": {\"text\": "
	                             "\"@plan\"}}]}")),
	        "", REQ("4.1", "Leverantören ska ha kontinuitetsplan.") ","
	            REQ("4.2", "Leverantören ska ha en nyckel.") ","
	            REQ("4.3", "Leverantören ska öva kontinuiteten."),
	        "en", NULL);
	/* one distinct pattern, three clauses: at most one match per clause
	 * (spans for findings aside), and none for 4.2, which the prefilter
	 * rules out: it lacks the literal "kontinuitet" */
	CU_ASSERT_EQUAL(f.report->rules->patterns.count, 1);
	CU_ASSERT_EQUAL(f.report->matches, 2);
	done(&f);
}

static void test_swedish_case_and_compounds(void)
{
	struct fixture f;

	fixture(&f,
	        PACK("",
	             RULE("S-1", "", "{\"require\": {\"text\": \"säkerhetsskyddsavtal\"}}") ","
	             RULE("S-2", "", "{\"require\": {\"text\": \"\\\\w*övning\\\\w*\"}}") ","
	             RULE("S-3", "", "{\"require\": {\"text\": \"\\\\bkontinuitetsplan\\\\w*\"}}") ","
	             RULE("S-4", "", "{\"require\": {\"text\": \"\\\\bavtal(?:et|en)?\\\\b\"}}") ","
	             RULE("S-5", "", "{\"require\": {\"text\": \"\\\\bÖVNING\\\\b\"}}")),
	        "", REQ("4.1", "Leverantören ska teckna SÄKERHETSSKYDDSAVTAL.") ","
	            REQ("4.2", "Leverantören ska delta i krisövningar.") ","
	            REQ("4.3", "Kontinuitetsplanen ska uppdateras.") ","
	            REQ("4.4", "Avtalstiden ska vara fyra år."),
	        "en", NULL);
	CU_ASSERT_EQUAL(status(f.report, "S-1"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "S-2"), PROCSEC_STATUS_PASS);
	CU_ASSERT_EQUAL(status(f.report, "S-3"), PROCSEC_STATUS_PASS);
	/* \b keeps "avtal" from matching the compound "Avtalstiden" */
	CU_ASSERT_EQUAL(status(f.report, "S-4"), PROCSEC_STATUS_FAIL);
	/* "krisövningar": no word boundary before "övning" inside it */
	CU_ASSERT_EQUAL(status(f.report, "S-5"), PROCSEC_STATUS_FAIL);
	done(&f);
}

static void test_pathological_pattern_is_an_error(void)
{
	struct fixture f;
	clock_t started = clock();
	const procsec_result *r;

	fixture(&f,
	        PACK("\"terms\": {\"bad\": \"(\\\\w+\\\\s?)+$\"},",
	             RULE("R-1", "", "{\"require\": {\"text\": \"@bad\"}}") ","
	             RULE("R-2", "", ALWAYS)),
	        "", REQ("4.1", "Leverantören ska ha en plan för att hantera "
	                       "allvarliga händelser och kriser inom uppdraget "
	                       "varje dag hela året utan undantag alls!"),
	        "en", NULL);
	r = result(f.report, "R-1");
	CU_ASSERT_EQUAL(procsec_result_status(r), PROCSEC_STATUS_ERROR);
	CU_ASSERT_STRING_EQUAL(procsec_result_reason(r),
	                       "pattern @bad exceeded its match budget on clause "
	                       "4.1 (line 1)");
	CU_ASSERT_EQUAL(status(f.report, "R-2"), PROCSEC_STATUS_PASS);
	/* a count, not a clock, stops it; this only guards against a hang */
	CU_ASSERT(clock() - started < 20 * CLOCKS_PER_SEC);
	done(&f);
}

static size_t literals_of(const char *pattern, const char **out, size_t max)
{
	struct ps_arena *arena = ps_arena_new();
	struct ps_pattern p;
	size_t i;
	static char kept[16][64];

	if (!ps_prefilter(arena, pattern, &p))
		p.literal_count = 0;
	for (i = 0; i < p.literal_count && i < max; i++) {
		snprintf(kept[i], sizeof(kept[i]), "%s", p.literals[i]);
		out[i] = kept[i];
	}
	ps_arena_free(arena);
	return p.literal_count;
}

static void test_prefilter_literals(void)
{
	const char *l[16];

	/* each branch contributes its longest required literal */
	CU_ASSERT_EQUAL_FATAL(literals_of("\\bkrisplan\\w*|\\bISO\\s*22301", l, 16),
	                      2);
	CU_ASSERT_STRING_EQUAL(l[0], "krisplan");
	CU_ASSERT_STRING_EQUAL(l[1], "22301");
	CU_ASSERT_EQUAL_FATAL(literals_of("\\bi\\s+möjligaste\\s+mån\\b", l, 16), 1);
	CU_ASSERT_STRING_EQUAL(l[0], "möjligaste");
	/* lookarounds match no text; a leading group of words stands in for
	 * a branch without a long literal of its own */
	CU_ASSERT_EQUAL_FATAL(literals_of("(?<!ut|pr)övning\\w*|\\b(?:crisis|"
	                                  "joint)\\s+drills?", l, 16), 2);
	CU_ASSERT_STRING_EQUAL(l[0], "övning");
	CU_ASSERT_STRING_EQUAL(l[1], "drill");
	CU_ASSERT_EQUAL_FATAL(literals_of("\\b(?:crisis|joint)\\s+go", l, 16), 2);
	CU_ASSERT_STRING_EQUAL(l[0], "crisis");
	CU_ASSERT_STRING_EQUAL(l[1], "joint");
	/* an optional character or group ends a run without joining it */
	CU_ASSERT_EQUAL_FATAL(literals_of("\\bPUB-?avtal", l, 16), 1);
	CU_ASSERT_STRING_EQUAL(l[0], "avtal");
	CU_ASSERT_EQUAL_FATAL(literals_of("(?:abc|def)?ghi", l, 16), 1);
	CU_ASSERT_STRING_EQUAL(l[0], "ghi");
	CU_ASSERT_EQUAL_FATAL(literals_of("\\w*plan|SÄKERHETSSKYDD\\w*", l, 16), 2);
	CU_ASSERT_STRING_EQUAL(l[0], "plan");
	CU_ASSERT_STRING_EQUAL(l[1], "säkerhetsskydd");
	/* a branch with no literal of three characters: no prefilter */
	CU_ASSERT_EQUAL(literals_of("\\b(?:med|by)\\s+x", l, 16), 0);
	CU_ASSERT_EQUAL(literals_of("krisplan|[a-z]+\\d", l, 16), 0);
	CU_ASSERT_EQUAL(literals_of("(?x) a b c", l, 16), 0);
}

/* The prefilter may only rule out clauses the pattern cannot match: every
 * bundled pattern on every clause of every example agrees with PCRE2. */
static void test_prefilter_never_hides_a_match(void)
{
	static const char *const files[] = {
		"lokalvard-forskolor.xml", "it-drift.xml", "hemtjanst.xml", NULL,
	};
	const char *const *file;
	procsec_loader *loader = NULL;
	procsec_ruleset *rules = NULL;
	pcre2_match_data *md;
	size_t checked = 0, ruled_out = 0;

	procsec_loader_new(&loader, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(procsec_loader_add_pack(loader, PROCSEC_SRCDIR
	                                              "/rules/starter.json",
	                                              NULL, NULL),
	                      PROCSEC_OK);
	CU_ASSERT_EQUAL_FATAL(procsec_loader_compile(&rules, loader, NULL, NULL),
	                      PROCSEC_OK);
	md = pcre2_match_data_create(rules->max_pairs, NULL);
	for (file = files; *file != NULL; file++) {
		char path[512];
		procsec_doc *doc = NULL;
		struct ps_arena *arena = ps_arena_new();
		size_t i, p, k;

		snprintf(path, sizeof(path), "%s/examples/%s", PROCSEC_SRCDIR, *file);
		CU_ASSERT_EQUAL_FATAL(procsec_doc_parse_file(&doc, path, NULL, NULL,
		                                             NULL),
		                      PROCSEC_OK);
		for (i = 0; i < procsec_doc_clause_count(doc); i++) {
			const char *text = procsec_doc_clause_at(doc, i)->text;
			const char *folded = ps_fold(arena, text, strlen(text));

			for (p = 0; p < rules->patterns.count; p++) {
				const struct ps_pattern *pat = ps_vec_at(&rules->patterns, p);
				int possible = pat->literal_count == 0, hit;

				for (k = 0; k < pat->literal_count; k++)
					possible |= strstr(folded, pat->literals[k]) != NULL;
				hit = pcre2_match(pat->code, (PCRE2_SPTR)text, strlen(text),
				                  0, 0, md, NULL) >= 0;
				if (hit && !possible)
					fprintf(stderr, "\n%s hidden in: %s\n", pat->name, text);
				CU_ASSERT(!hit || possible);
				checked++;
				ruled_out += !possible;
			}
		}
		procsec_doc_free(doc);
		ps_arena_free(arena);
	}
	CU_ASSERT(checked > 1000);
	CU_ASSERT(ruled_out > checked / 2); /* and it does rule out most */
	pcre2_match_data_free(md);
	procsec_ruleset_free(rules);
	procsec_loader_free(loader);
}

/* ---- sharing ---------------------------------------------------------- */

struct job {
	const procsec_ruleset *rules;
	const procsec_doc *doc;
	char *out;
};

static void *check_job(void *payload)
{
	struct job *job = payload;
	int i;

	for (i = 0; i < 50; i++) {
		procsec_report *report = NULL;

		procsec_free(job->out);
		job->out = NULL;
		procsec_check(&report, job->rules, job->doc, NULL, NULL);
		procsec_report_to_string(&job->out, NULL, report, PROCSEC_OUT_JSON,
		                         NULL);
		procsec_report_free(report);
	}
	return NULL;
}

static void test_threads_share_one_rule_set(void)
{
	procsec_ruleset *rules = compile(QUANTITY_PACK, NULL, NULL);
	procsec_doc *a = tender("", REQ("4.1", "Rapportera inom 48 timmar."));
	procsec_doc *b = tender("", REQ("4.1", "Rapportera inom 2 timmar."));
	struct job jobs[2] = { { rules, a, NULL }, { rules, b, NULL } };
	struct job alone = { rules, a, NULL };
	pthread_t threads[2];
	int i;

	for (i = 0; i < 2; i++)
		pthread_create(&threads[i], NULL, check_job, &jobs[i]);
	for (i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);
	check_job(&alone);
	CU_ASSERT_PTR_NOT_NULL_FATAL(jobs[0].out);
	CU_ASSERT_STRING_EQUAL(jobs[0].out, alone.out);
	CU_ASSERT_PTR_NOT_NULL(strstr(jobs[0].out, "\"fail\""));
	CU_ASSERT_PTR_NULL(strstr(jobs[1].out, "\"status\":\t\"fail\""));
	for (i = 0; i < 2; i++)
		procsec_free(jobs[i].out);
	procsec_free(alone.out);
	procsec_doc_free(a);
	procsec_doc_free(b);
	procsec_ruleset_free(rules);
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "require", test_require },
		{ "forbid: one finding per clause", test_forbid_one_finding_per_clause },
		{ "selector: verified", test_selector_verified },
		{ "quantity and units", test_quantity_and_units },
		{ "field and attachment", test_field_and_attachment },
		{ "all, any, not", test_all_any_not },
		{ "conditions", test_conditions },
		{ "conditional severity", test_conditional_severity },
		{ "pack condition and EEA", test_pack_condition_and_eea },
		{ "inference", test_inference },
		{ "validity periods", test_validity_periods },
		{ "a term is matched once per clause",
		  test_term_matched_once_per_clause },
		{ "Swedish case and compounds", test_swedish_case_and_compounds },
		{ "prefilter literals", test_prefilter_literals },
		{ "the prefilter never hides a match",
		  test_prefilter_never_hides_a_match },
		{ "a pathological pattern is an error",
		  test_pathological_pattern_is_an_error },
		{ "threads share one rule set", test_threads_share_one_rule_set },
		{ NULL, NULL },
	};

	return run_tests("eval", tests);
}
