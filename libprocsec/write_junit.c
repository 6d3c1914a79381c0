/*
 * write_junit.c -- the report as JUnit XML, for CI servers that show
 * test results: a testsuite for the tender, a testcase per rule.
 *
 * The target is the strict Apache Ant schema (windyroad's JUnit.xsd,
 * tests/schemas/junit-windyroad.xsd), which the lenient readers
 * (Jenkins, GitLab, Azure) accept too.  Its root is <testsuites>, since
 * only there may a testsuite carry the package and id it asks for.  A
 * failed rule is a <failure> typed by severity, a rule that could not be
 * evaluated an <error>, and not applicable, unknown and waived rules are
 * <skipped> with their reason.  The output depends on the report alone:
 * the host is "localhost" and the time is the as-of date, so the same
 * check gives the same bytes on every machine.
 */
#include <string.h>

#include "write.h"

struct words {
	const char *fix, *evaluation;
};

static const struct words sv = { "åtgärd", "kunde inte utvärderas" };
static const struct words en = { "fix", "could not be evaluated" };

static const struct words *words_for(const procsec_report *report)
{
	return strcmp(report->lang, "sv") == 0 ? &sv : &en;
}

/* ---- escaping ------------------------------------------------------- */

/*
 * The length of the well-formed UTF-8 sequence at s and its code point,
 * or 0 for a bad sequence.  A NUL ends every sequence, as it is no
 * continuation byte.
 */
static size_t utf8_decode(const unsigned char *s, unsigned long *cp)
{
	static const unsigned long least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n, i;
	unsigned long c;

	if (s[0] < 0x80)
		n = 1, c = s[0];
	else if ((s[0] & 0xE0) == 0xC0)
		n = 2, c = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, c = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* The Char production of XML 1.0: no C0 controls but tab and newlines,
 * no U+FFFE or U+FFFF, not even as character references. */
static int xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
}

/* What stands for the character c in XML, or NULL when it stands as is. */
static const char *xml_entity(unsigned long c, int in_attribute)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>': /* for "]]>", which may not appear in text */
		return "&gt;";
	case '"': /* needed in attributes only: text stays readable */
		return in_attribute ? "&quot;" : NULL;
	case '\r': /* a parser would turn a bare CR into a newline */
		return "&#13;";
	/* and in an attribute, tabs and newlines into spaces */
	case '\t':
		return in_attribute ? "&#9;" : NULL;
	case '\n':
		return in_attribute ? "&#10;" : NULL;
	default:
		return NULL;
	}
}

/*
 * Writes s as XML text or as an attribute value within double quotes.
 * Clause texts come from the tender and rule texts from packs, so
 * anything may be in them: markup characters are escaped, and what XML
 * 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF, bytes that
 * are not UTF-8) becomes U+FFFD REPLACEMENT CHARACTER.  NULL writes
 * nothing.
 */
static void xml_escaped(struct ps_out *out, const char *s, int in_attribute)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	unsigned long c = 0;

	if (s == NULL)
		return;
	while (*p != '\0') {
		size_t n = utf8_decode(p, &c);
		const char *entity = n == 0 || !xml_char(c)
		                             ? "\xEF\xBF\xBD"
		                             : xml_entity(c, in_attribute);

		if (entity == NULL) {
			p += n;
			continue;
		}
		ps_out_write(out, (const char *)run, (size_t)(p - run));
		ps_out_puts(out, entity);
		p += n > 0 ? n : 1;
		run = p;
	}
	ps_out_write(out, (const char *)run, (size_t)(p - run));
}

/* ` name="value"`, the value escaped. */
static void attribute(struct ps_out *out, const char *name, const char *value)
{
	ps_out_printf(out, " %s=\"", name);
	xml_escaped(out, value != NULL ? value : "", 1);
	ps_out_puts(out, "\"");
}

/* ---- the suite ---------------------------------------------------- */

static void property(struct ps_out *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	ps_out_puts(out, "      <property");
	attribute(out, "name", name);
	attribute(out, "value", value);
	ps_out_puts(out, "/>\n");
}

/* What the check went by: the tender, the date, the packs, the verdict. */
static void properties(const procsec_report *report, struct ps_out *out)
{
	const procsec_doc *doc = report->doc;
	size_t i;

	ps_out_puts(out, "    <properties>\n");
	property(out, "procsec.version", PROCSEC_VERSION_STRING);
	property(out, "document.source", doc->source);
	property(out, "document.format", doc->format);
	property(out, "document.id", doc->field[PS_F_ID]);
	property(out, "document.title", doc->field[PS_F_TITLE]);
	property(out, "lang", report->lang);
	if (report->as_of[0] != '\0')
		property(out, "as_of", report->as_of);
	property(out, "as_of_source", report->as_of_source);
	for (i = 0; i < report->rules->packs.count; i++) {
		const struct ps_pack *p = ps_vec_at(&report->rules->packs, i);

		ps_out_puts(out, "      <property name=\"pack\"");
		ps_out_puts(out, " value=\"");
		xml_escaped(out, p->id, 1);
		ps_out_puts(out, " ");
		xml_escaped(out, p->version, 1);
		ps_out_puts(out, "\"/>\n");
	}
	property(out, "verdict", ps_report_verdict(report));
	ps_out_puts(out, "    </properties>\n");
}

/* The schema's name must not be empty: the id, else the file's name. */
static const char *suite_name(const procsec_doc *doc)
{
	const char *id = doc->field[PS_F_ID];

	if (id != NULL && id[0] != '\0')
		return id;
	return doc->source[0] != '\0' ? doc->source : "procsec";
}

static size_t count(const procsec_report *report, procsec_status status)
{
	return procsec_report_count_status(report, status);
}

static void suite_start(const procsec_report *report, struct ps_out *out)
{
	size_t tests = report->results.count,
	       failures = count(report, PROCSEC_STATUS_FAIL),
	       errors = count(report, PROCSEC_STATUS_ERROR),
	       passes = count(report, PROCSEC_STATUS_PASS);

	ps_out_puts(out, "  <testsuite");
	attribute(out, "name", suite_name(report->doc));
	ps_out_puts(out,
	            " package=\"procsec\" id=\"0\" hostname=\"localhost\"");
	/* no time zone: the schema's pattern has none */
	ps_out_printf(out, " timestamp=\"%sT00:00:00\"",
	              report->as_of[0] != '\0' ? report->as_of : "1970-01-01");
	/* skipped: every testcase that is <skipped/> below */
	ps_out_printf(out,
	              " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\""
	              " skipped=\"%zu\" time=\"0\">\n",
	              tests, failures, errors,
	              tests - failures - errors - passes);
}

/* ---- a testcase per rule ----------------------------------------- */

/* `FILE:LINE:COLUMN: [CLAUSE] message`, then the excerpt, as
 * write_text.c prints it, so that CI logs link to the line. */
static void finding(const procsec_report *report, const procsec_finding *f,
                    struct ps_out *out)
{
	const procsec_clause *c = f->clause;

	xml_escaped(out, report->doc->source, 0);
	if (c == NULL) {
		ps_out_puts(out, ": ");
	} else {
		if (c->loc.line > 0)
			ps_out_printf(out, ":%d:%d: [", c->loc.line, c->loc.column);
		else /* Word: no lines; the path names the place */
			ps_out_puts(out, ": [");
		xml_escaped(out, c->id != NULL ? c->id : c->loc.path, 0);
		ps_out_puts(out, "] ");
	}
	xml_escaped(out, f->message, 0);
	if (c != NULL) {
		const char *excerpt = ps_finding_excerpt(report->arena, f);

		if (excerpt == NULL)
			out->failed = out->nomem = 1;
		ps_out_puts(out, "\n  > ");
		xml_escaped(out, excerpt, 0);
	}
	ps_out_puts(out, "\n");
}

static void failure(const procsec_report *report, const procsec_result *r,
                    struct ps_out *out)
{
	const procsec_rule *rule = r->rule;
	size_t i;

	ps_out_puts(out, "      <failure");
	attribute(out, "message", ps_text_in(&rule->message, report->lang));
	attribute(out, "type", procsec_severity_name(r->severity));
	ps_out_puts(out, ">");
	for (i = 0; i < r->findings.count; i++)
		finding(report, ps_vec_at(&r->findings, i), out);
	ps_out_printf(out, "%s: ", words_for(report)->fix);
	xml_escaped(out, ps_text_in(&rule->remediation, report->lang), 0);
	ps_out_puts(out, "</failure>\n");
}

/* The rule's trouble, not the tender's: see docs/report.md, Statuses. */
static void error(const procsec_report *report, const procsec_result *r,
                  struct ps_out *out)
{
	ps_out_puts(out, "      <error");
	attribute(out, "message", r->reason);
	attribute(out, "type", "evaluation");
	ps_out_puts(out, ">");
	xml_escaped(out, r->rule->id, 0);
	ps_out_printf(out, " %s", words_for(report)->evaluation);
	if (r->reason != NULL) {
		ps_out_puts(out, ": ");
		xml_escaped(out, r->reason, 0);
	}
	ps_out_puts(out, "</error>\n");
}

static void skipped(const procsec_result *r, struct ps_out *out)
{
	ps_out_puts(out, "      <skipped");
	if (r->reason != NULL)
		attribute(out, "message", r->reason);
	ps_out_puts(out, "/>\n");
}

static void testcase(const procsec_report *report, const procsec_result *r,
                     struct ps_out *out)
{
	ps_out_puts(out, "    <testcase");
	attribute(out, "classname", r->rule->pack_id);
	ps_out_puts(out, " name=\"");
	xml_escaped(out, r->rule->id, 1);
	ps_out_puts(out, " ");
	xml_escaped(out, ps_text_in(&r->rule->title, report->lang), 1);
	ps_out_puts(out, "\" time=\"0\"");
	switch (r->status) {
	case PROCSEC_STATUS_PASS:
		ps_out_puts(out, "/>\n");
		return;
	case PROCSEC_STATUS_FAIL:
		ps_out_puts(out, ">\n");
		failure(report, r, out);
		break;
	case PROCSEC_STATUS_ERROR:
		ps_out_puts(out, ">\n");
		error(report, r, out);
		break;
	default: /* not applicable, unknown, waived, and any added later */
		ps_out_puts(out, ">\n");
		skipped(r, out);
		break;
	}
	ps_out_puts(out, "    </testcase>\n");
}

int ps_write_junit(const procsec_report *report, struct ps_out *out)
{
	size_t i;

	ps_out_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                 "<testsuites>\n");
	suite_start(report, out);
	properties(report, out);
	for (i = 0; i < report->results.count; i++)
		testcase(report, ps_vec_at(&report->results, i), out);
	/* the schema requires both, in this place */
	ps_out_puts(out, "    <system-out/>\n    <system-err/>\n"
	                 "  </testsuite>\n</testsuites>\n");
	return PROCSEC_OK;
}
