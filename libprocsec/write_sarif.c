/*
 * write_sarif.c -- the report as a SARIF 2.1.0 log (OASIS), for code
 * review and CI tools.  One run: the rule set as the driver's rules, and
 * a result per finding of each failed rule, at the clause it is about.
 *
 * Only what needs a look becomes a result.  SARIF readers list every
 * result as a problem, so passes, rules that do not apply and rules that
 * cannot be decided stay out (the JSON report has them); a rule that
 * could not be evaluated is one error result, and a waived rule keeps its
 * findings, marked as suppressed, so that the waiver stays visible.
 * Checked against the OASIS schema by tests/cli/formats.sh.
 */
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "write.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/*
 * Adds item under key; fails, freeing item, when either is NULL.  key
 * must be a literal: the CS call keeps the pointer rather than copying
 * the key, so it cannot run out of memory and drop item on the floor.
 */
static int put(cJSON *object, const char *key, cJSON *item)
{
	if (object == NULL || item == NULL) {
		cJSON_Delete(item);
		return 0;
	}
	cJSON_AddItemToObjectCS(object, key, item);
	return 1;
}

/* Appends item to array; fails, freeing item, when either is NULL. */
static int push(cJSON *array, cJSON *item)
{
	if (array == NULL || item == NULL) {
		cJSON_Delete(item);
		return 0;
	}
	cJSON_AddItemToArray(array, item);
	return 1;
}

/* {key: item}, or NULL when out of memory. */
static cJSON *object_with(const char *key, cJSON *item)
{
	cJSON *o = cJSON_CreateObject();

	if (put(o, key, item))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* A message: the schema requires its text, so a missing one is "". */
static cJSON *text_object(const char *text)
{
	return object_with("text",
	                   cJSON_CreateString(text != NULL ? text : ""));
}

static int add_number(cJSON *object, const char *key, double n)
{
	return cJSON_AddNumberToObject(object, key, n) != NULL;
}

/* SARIF has no "info" level; "note" is its name for the same thing. */
static const char *level(procsec_severity severity)
{
	switch (severity) {
	case PROCSEC_SEVERITY_ERROR:
		return "error";
	case PROCSEC_SEVERITY_WARNING:
		return "warning";
	default:
		return "note";
	}
}

static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

/*
 * The rule's name: its English title in PascalCase, e.g.
 * "VagueWordingInAMandatoryClause".  SARIF wants a readable identifier
 * that stays the same whatever the report's language, so never the
 * Swedish title; the id when the title yields nothing.  malloc'd.
 */
static char *pascal_case(const procsec_rule *rule)
{
	const char *title = rule->title.en != NULL ? rule->title.en : "";
	char *name = malloc(strlen(title) + strlen(rule->id) + 1), *p = name;
	int word_start = 1;

	if (name == NULL)
		return NULL;
	for (; *title != '\0'; title++) {
		unsigned char c = (unsigned char)*title;

		if (c < 0x80 && !ascii_alnum(c)) {
			word_start = 1;
			continue;
		}
		/* other letters' bytes (the ö of "Bör") are kept as is */
		if (word_start && c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		*p++ = (char)c;
		word_start = 0;
	}
	*p = '\0';
	if (p == name)
		strcpy(name, rule->id);
	return name;
}

/* The first reference with a URL, or NULL. */
static const char *help_uri(const procsec_rule *rule)
{
	size_t i;

	for (i = 0; i < rule->reference_count; i++)
		if (rule->references[i].url != NULL &&
		    rule->references[i].url[0] != '\0')
			return rule->references[i].url;
	return NULL;
}

/* The rule's pack, as a tag: SARIF readers filter on tags. */
static cJSON *rule_properties(const procsec_rule *rule)
{
	cJSON *tags = cJSON_CreateArray();

	if (!push(tags, cJSON_CreateString(rule->pack_id))) {
		cJSON_Delete(tags);
		return NULL;
	}
	return object_with("tags", tags);
}

static cJSON *descriptor(const procsec_rule *rule, const char *lang)
{
	const char *remediation = ps_text_in(&rule->remediation, lang);
	cJSON *o = cJSON_CreateObject();
	char *name = pascal_case(rule);
	int ok = o != NULL && name != NULL &&
	         ps_json_add_string(o, "id", rule->id) &&
	         ps_json_add_string(o, "name", name) &&
	         put(o, "shortDescription",
	             text_object(ps_text_in(&rule->title, lang))) &&
	         put(o, "fullDescription",
	             text_object(ps_text_in(&rule->message, lang))) &&
	         put(o, "defaultConfiguration",
	             object_with("level",
	                         cJSON_CreateString(level(rule->severity)))) &&
	         (remediation == NULL ||
	          put(o, "help", text_object(remediation))) &&
	         ps_json_add_string(o, "helpUri", help_uri(rule)) &&
	         put(o, "properties", rule_properties(rule));

	free(name);
	if (ok)
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* Every rule of the set, in its order, which ruleIndex counts in. */
static cJSON *descriptors(const procsec_report *report)
{
	const struct ps_vec *rules = &report->rules->rules;
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < rules->count; i++)
		if (!push(a, descriptor(ps_vec_at(rules, i), report->lang))) {
			cJSON_Delete(a);
			return NULL;
		}
	return a;
}

static long rule_index(const procsec_report *report, const procsec_rule *rule)
{
	const struct ps_vec *rules = &report->rules->rules;
	size_t i;

	for (i = 0; i < rules->count; i++)
		if (ps_vec_at(rules, i) == (const void *)rule)
			return (long)i;
	return -1;
}

static int uri_unreserved(unsigned char c)
{
	return ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/*
 * The document's source as a URI reference: a relative path stays
 * relative (readers resolve it against the checkout), an absolute one
 * becomes a file: URI.  Every byte but unreserved characters and '/' is
 * percent-encoded, so that spaces, '#', '?', ':' and non-ASCII letters
 * in file names cannot make an invalid or a different URI.  malloc'd.
 */
static char *source_uri(const char *source)
{
	static const char hex[] = "0123456789ABCDEF";
	char *uri = malloc(strlen(source) * 3 + sizeof("file://"));
	char *p = uri;

	if (uri == NULL)
		return NULL;
	if (source[0] == '/') {
		memcpy(p, "file://", 7);
		p += 7;
	}
	for (; *source != '\0'; source++) {
		unsigned char c = (unsigned char)*source;

		if (uri_unreserved(c) || c == '/') {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return uri;
}

static const char *mime_type(const char *format)
{
	size_t len = strlen(format);

	if (len >= 3 && strcmp(format + len - 3, "xml") == 0)
		return "application/xml";
	if (len >= 4 && strcmp(format + len - 4, "json") == 0)
		return "application/json";
	return NULL;
}

/* The one artifact: the tender.  Results point at it by index too. */
static cJSON *artifacts(const procsec_doc *doc, const char *uri)
{
	cJSON *a = cJSON_CreateArray(), *o = cJSON_CreateObject();

	if (push(a, o) && put(o, "location",
	                      object_with("uri", cJSON_CreateString(uri))) &&
	    ps_json_add_string(o, "mimeType", mime_type(doc->format)))
		return a;
	cJSON_Delete(a);
	return NULL;
}

static cJSON *artifact_location(const char *uri)
{
	cJSON *o = object_with("uri", cJSON_CreateString(uri));

	if (o != NULL && add_number(o, "index", 0))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static cJSON *region(const struct ps_loc *loc)
{
	cJSON *o = cJSON_CreateObject();

	if (o != NULL && add_number(o, "startLine", loc->line) &&
	    (loc->column <= 0 || add_number(o, "startColumn", loc->column)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* A finding about the whole tender (clause NULL) points at the file. */
static cJSON *physical(const char *uri, const procsec_clause *clause)
{
	cJSON *o = object_with("artifactLocation", artifact_location(uri));

	if (o != NULL && (clause == NULL || clause->loc.line <= 0 ||
	                  put(o, "region", region(&clause->loc))))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* The clause by id and by path, for readers that do not open the file. */
static cJSON *logical(const procsec_clause *clause)
{
	const char *path = clause->loc.path;
	const char *name = clause->id != NULL ? clause->id : path;
	cJSON *a = cJSON_CreateArray(), *o = cJSON_CreateObject();

	if (push(a, o) && ps_json_add_string(o, "name", name) &&
	    ps_json_add_string(o, "fullyQualifiedName", path) &&
	    ps_json_add_string(o, "kind", "element"))
		return a;
	cJSON_Delete(a);
	return NULL;
}

static cJSON *locations(const char *uri, const procsec_clause *clause)
{
	cJSON *a = cJSON_CreateArray(), *o = cJSON_CreateObject();

	if (push(a, o) && put(o, "physicalLocation", physical(uri, clause)) &&
	    (clause == NULL || put(o, "logicalLocations", logical(clause))))
		return a;
	cJSON_Delete(a);
	return NULL;
}

/* A waiver is kept outside the tender, and was approved. */
static cJSON *suppressions(const char *reason)
{
	cJSON *a = cJSON_CreateArray(), *o = cJSON_CreateObject();

	if (push(a, o) && ps_json_add_string(o, "kind", "external") &&
	    ps_json_add_string(o, "status", "accepted") &&
	    ps_json_add_string(o, "justification", reason))
		return a;
	cJSON_Delete(a);
	return NULL;
}

static cJSON *result(const procsec_report *report, const char *uri,
                     const procsec_result *r, const char *message,
                     const procsec_clause *clause)
{
	long index = rule_index(report, r->rule);
	cJSON *o = cJSON_CreateObject();

	if (o != NULL && ps_json_add_string(o, "ruleId", r->rule->id) &&
	    (index < 0 || add_number(o, "ruleIndex", (double)index)) &&
	    ps_json_add_string(o, "kind", "fail") &&
	    ps_json_add_string(o, "level",
	                       r->status == PROCSEC_STATUS_ERROR
	                               ? "error"
	                               : level(r->severity)) &&
	    put(o, "message", text_object(message)) &&
	    put(o, "locations", locations(uri, clause)) &&
	    (r->status != PROCSEC_STATUS_WAIVED ||
	     put(o, "suppressions", suppressions(r->reason))))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* The message of a rule that could not be evaluated; NULL: no memory. */
static const char *unevaluated(const procsec_report *report,
                               const procsec_result *r)
{
	int sv = strcmp(report->lang, "sv") == 0;

	if (r->reason == NULL)
		return sv ? "Regeln kunde inte utvärderas."
		          : "The rule could not be evaluated.";
	return ps_arena_printf(report->arena,
	                       sv ? "Regeln kunde inte utvärderas: %s."
	                          : "The rule could not be evaluated: %s.",
	                       r->reason);
}

/* Adds the results one rule's outcome gives to a. */
static int add_results(cJSON *a, const procsec_report *report,
                       const char *uri, const procsec_result *r)
{
	const char *general = ps_text_in(&r->rule->message, report->lang);
	int waived = r->status == PROCSEC_STATUS_WAIVED;
	size_t i;

	if (r->status == PROCSEC_STATUS_ERROR) {
		const char *message = unevaluated(report, r);

		return message != NULL &&
		       push(a, result(report, uri, r, message, NULL));
	}
	if (r->status != PROCSEC_STATUS_FAIL && !waived)
		return 1;
	for (i = 0; i < r->findings.count; i++) {
		const procsec_finding *f = ps_vec_at(&r->findings, i);
		const char *message = f->message != NULL ? f->message : general;

		if (!push(a, result(report, uri, r, message, f->clause)))
			return 0;
	}
	/* a waived error has no findings, but its waiver should still show */
	if (r->findings.count == 0 && waived)
		return push(a, result(report, uri, r, general, NULL));
	return 1;
}

static cJSON *results(const procsec_report *report, const char *uri)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < report->results.count; i++)
		if (!add_results(a, report, uri,
		                 ps_vec_at(&report->results, i))) {
			cJSON_Delete(a);
			return NULL;
		}
	return a;
}

/* The counts of the JSON report's summary, under the same names. */
static cJSON *summary(const procsec_report *report)
{
	static const procsec_status statuses[] = {
		PROCSEC_STATUS_PASS, PROCSEC_STATUS_FAIL,
		PROCSEC_STATUS_NOT_APPLICABLE, PROCSEC_STATUS_UNKNOWN,
		PROCSEC_STATUS_ERROR, PROCSEC_STATUS_WAIVED,
	};
	static const procsec_severity severities[] = {
		PROCSEC_SEVERITY_ERROR, PROCSEC_SEVERITY_WARNING,
		PROCSEC_SEVERITY_INFO,
	};
	cJSON *o = cJSON_CreateObject(), *failed = cJSON_CreateObject();
	size_t i;
	int ok = o != NULL && failed != NULL &&
	         add_number(o, "rules", (double)report->results.count);

	for (i = 0; ok && i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		size_t n = procsec_report_count_status(report, statuses[i]);

		ok = add_number(o, procsec_status_name(statuses[i]), (double)n);
	}
	for (i = 0; ok && i < sizeof(severities) / sizeof(severities[0]); i++) {
		size_t n = procsec_report_count_failed(report, severities[i]);

		ok = add_number(failed, procsec_severity_name(severities[i]),
		                (double)n);
	}
	if (ok && put(o, "failed", failed))
		return o;
	if (!ok)
		cJSON_Delete(failed);
	cJSON_Delete(o);
	return NULL;
}

static cJSON *run_properties(const procsec_report *report)
{
	const procsec_doc *doc = report->doc;
	const char *as_of = report->as_of[0] != '\0' ? report->as_of : NULL;
	cJSON *o = cJSON_CreateObject(), *d = cJSON_CreateObject();

	if (put(o, "document", d) &&
	    ps_json_add_string(d, "id", doc->field[PS_F_ID]) &&
	    ps_json_add_string(d, "title", doc->field[PS_F_TITLE]) &&
	    ps_json_add_string(d, "format", doc->format) &&
	    ps_json_add_string(o, "as_of", as_of) &&
	    ps_json_add_string(o, "verdict", ps_report_verdict(report)) &&
	    put(o, "summary", summary(report)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static cJSON *tool(const procsec_report *report)
{
	cJSON *driver = cJSON_CreateObject();

	if (driver != NULL && ps_json_add_string(driver, "name", "procsec") &&
	    ps_json_add_string(driver, "version", PROCSEC_VERSION_STRING) &&
	    put(driver, "rules", descriptors(report)))
		return object_with("driver", driver);
	cJSON_Delete(driver);
	return NULL;
}

/* Columns count characters (docs/model.md), not SARIF's UTF-16 units. */
static cJSON *run(const procsec_report *report, const char *uri)
{
	cJSON *o = cJSON_CreateObject();

	if (put(o, "tool", tool(report)) &&
	    put(o, "artifacts", artifacts(report->doc, uri)) &&
	    put(o, "results", results(report, uri)) &&
	    ps_json_add_string(o, "language", report->lang) &&
	    ps_json_add_string(o, "columnKind", "unicodeCodePoints") &&
	    put(o, "properties", run_properties(report)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static cJSON *sarif_log(const procsec_report *report)
{
	char *uri = source_uri(report->doc->source);
	cJSON *root = cJSON_CreateObject();
	int ok = uri != NULL && root != NULL &&
	         ps_json_add_string(root, "$schema", SARIF_SCHEMA) &&
	         ps_json_add_string(root, "version", "2.1.0") &&
	         put(root, "runs", cJSON_CreateArray()) &&
	         push(cJSON_GetObjectItem(root, "runs"), run(report, uri));

	free(uri);
	if (ok)
		return root;
	cJSON_Delete(root);
	return NULL;
}

int ps_write_sarif(const procsec_report *report, struct ps_out *out)
{
	cJSON *root = sarif_log(report);
	char *text = root != NULL ? cJSON_Print(root) : NULL;

	cJSON_Delete(root);
	if (text == NULL)
		return PROCSEC_ENOMEM;
	ps_out_puts(out, text);
	ps_out_puts(out, "\n");
	free(text);
	return PROCSEC_OK;
}
