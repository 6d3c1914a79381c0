/*
 * write_html.c -- the report as one standalone HTML5 page for people:
 * the tender, the facts, a summary with a chart and the verdict, then
 * per pack the failures (worst first, each finding with its place, the
 * clause with the match marked, the wording that fixes it and its
 * sources), what could not be decided, what was waived, and, collapsed,
 * what passed and what did not apply.
 *
 * The page must open from a mail attachment or an archive years later,
 * so it loads nothing: no scripts, no fonts, no images but inline SVG,
 * and a Content-Security-Policy that forbids loading anything even if a
 * bug let markup through.  Every string from a tender, a pack or a
 * waiver goes through esc(); markup is only ever written as literals.
 * The markup is also well-formed XML (void elements closed, attributes
 * quoted, no named entities), so a plain XML parser can check it.
 */
#include <string.h>

#include "write.h"

#define ELLIPSIS "\xE2\x80\xA6" /* what ps_finding_excerpt() cuts with */

/* Index into words.verdicts, in the order of docs/report.md. */
enum { V_PASS, V_WARNINGS, V_INCOMPLETE, V_FAIL };

struct words {
	const char *kicker, *nav[4], *doc_labels[6];
	const char *as_of_from[2]; /* published, option */
	const char *no_date, *not_in_force;
	const char *fact_cols[4], *fact_values[3], *fact_sources[2];
	const char *no_facts;
	const char *verdict_label, *verdicts[4], *verdict_why[4];
	const char *by_status, *by_severity, *count, *total, *chart;
	const char *status[6];   /* by procsec_status */
	const char *severity[3]; /* by procsec_severity */
	const char *severity_title;
	const char *results, *clause, *whole_tender, *fix, *references;
	const char *state_facts, *findings_waived, *clauses[2], *no_evidence;
	const char *found;
	const char *passed_note, *error_note, *waived_note;
	const char *waivers, *waivers_note, *waiver_states[2], *until;
	const char *made_by;
};

static const struct words sv = {
	"Granskning av upphandlingsunderlag",
	{ "Underlaget", "Fakta", "Sammanfattning", "Resultat" },
	{ "Titel", "Referens", "Upphandlande organisation", "Fil",
	  "Bedömt per", "Regelpaket" },
	{ "publiceringsdatum", "angivet datum" },
	"inget datum: alla paket och regler räknades som gällande",
	"gäller inte detta datum",
	{ "Faktum", "Värde", "Källa", "Grund" },
	{ "okänt", "nej", "ja" },
	{ "anges i underlaget", "härlett" },
	"Inga fakta angavs i underlaget eller härleddes.",
	"Utfall",
	{ "godkänt", "godkänt med varningar", "ofullständigt", "underkänt" },
	{ "Alla regler som gäller är uppfyllda eller undantagna.",
	  "Alla regler kunde avgöras och inget väsentligt saknas, men det "
	  "finns varningar att läsa.",
	  "Inget väsentligt är känt att saknas, men alla regler kunde inte "
	  "avgöras.",
	  "Underlaget saknar något det måste ange: en regel med "
	  "allvarlighetsgraden fel är underkänd." },
	"Regler per status", "Underkända per allvarlighetsgrad", "Antal",
	"Totalt", "Regler per status och underkända per allvarlighetsgrad",
	{ "Uppfyllda", "Underkända", "Ej tillämpliga", "Kan inte avgöras",
	  "Kunde inte utvärderas", "Undantagna" },
	{ "info", "varning", "fel" },
	"allvarlighetsgrad",
	"Resultat", "klausul", "hela underlaget",
	"Åtgärd: formulering att klistra in", "Källor",
	"Ange i underlaget", "Fynd som undantaget gäller",
	{ "klausul", "klausuler" },
	"inga klausuler att visa",
	"Klausuler som regeln ändå hittade",
	"Klausulerna som uppfyllde regeln. Ett mönster hittade orden; en "
	"människa bedömer om de räcker.",
	"Regeln kunde inte utvärderas. Det säger inget om underlaget: granska "
	"klausulen för hand och rapportera regeln till den som förvaltar "
	"paketet.",
	"Undantagna regler påverkar inte utfallet. Kontrollera att undantaget "
	"är avsett och dokumenterat i upphandlingsakten.",
	"Undantag som inte tillämpades",
	"Undantaget nämner underlaget men lade inte något åt sidan: regeln kan "
	"ha åtgärdats, undantaget kan ha gått ut eller nämna fel regel eller "
	"klausul.",
	{ "utgånget", "oanvänt" }, "gäller till",
	"Skapad av procsec",
};

static const struct words en = {
	"Tender document review",
	{ "The tender", "Facts", "Summary", "Results" },
	{ "Title", "Reference", "Buyer", "File", "Checked as of",
	  "Rule packs" },
	{ "publication date", "given date" },
	"no date: every pack and rule counted as in force",
	"not in force on this date",
	{ "Fact", "Value", "Source", "Reason" },
	{ "unknown", "no", "yes" },
	{ "stated in the tender", "inferred" },
	"The tender states no facts and none were inferred.",
	"Verdict",
	{ "pass", "pass with warnings", "incomplete", "fail" },
	{ "Every rule that applies passed or was waived.",
	  "Every rule was decided and nothing essential is missing, but there "
	  "are warnings to read.",
	  "Nothing essential is known to be missing, but not every rule could "
	  "be decided.",
	  "The tender lacks something it must state: a rule of severity error "
	  "failed." },
	"Rules by status", "Failures by severity", "Count", "Total",
	"Rules by status and failures by severity",
	{ "Passed", "Failed", "Not applicable", "Cannot be decided",
	  "Could not be evaluated", "Waived" },
	{ "info", "warning", "error" },
	"severity",
	"Results", "clause", "the whole tender",
	"Fix: wording to paste in", "References",
	"State in the tender", "Findings set aside", { "clause", "clauses" },
	"no clauses to show",
	"Clauses the rule did find",
	"The clauses that satisfied each rule. A pattern found the words; a "
	"person judges whether they are enough.",
	"The rule could not be evaluated. This says nothing about the tender: "
	"check the clause by hand and report the rule to whoever maintains "
	"the pack.",
	"Waived rules do not affect the verdict. Make sure each waiver is "
	"intended and recorded in the procurement file.",
	"Waivers not applied",
	"The waiver names this tender but set nothing aside: the rule may have "
	"been fixed, the waiver may have expired, or it names the wrong rule "
	"or clause.",
	{ "expired", "unused" }, "until",
	"Made by procsec",
};

static const struct words *words_for(const procsec_report *report)
{
	return strcmp(report->lang, "sv") == 0 ? &sv : &en;
}

/* ---- escaping ------------------------------------------------------- */

/*
 * The one escaper.  It serves text and quoted attribute values alike.
 * Control characters other than tab and newline are not allowed in
 * HTML; they show as U+FFFD rather than vanish.
 */
static void esc_n(struct ps_out *out, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = c == '&'    ? "&amp;"
		                  : c == '<'  ? "&lt;"
		                  : c == '>'  ? "&gt;"
		                  : c == '"'  ? "&quot;"
		                  : c == '\'' ? "&#39;"
		                  : (c < 0x20 && c != '\t' && c != '\n') ||
		                                  c == 0x7F
		                          ? "\xEF\xBF\xBD"
		                          : NULL;

		if (rep == NULL)
			continue;
		ps_out_write(out, s + run, i - run);
		ps_out_puts(out, rep);
		run = i + 1;
	}
	ps_out_write(out, s + run, len - run);
}

static void esc(struct ps_out *out, const char *s)
{
	if (s != NULL)
		esc_n(out, s, strlen(s));
}

/* open, s escaped, close: the usual way a string enters the page. */
static void text_in(struct ps_out *out, const char *open, const char *s,
                    const char *close)
{
	ps_out_puts(out, open);
	esc(out, s);
	ps_out_puts(out, close);
}

/* Only web addresses become links; "javascript:" and the rest stay text. */
static int is_web_url(const char *url)
{
	return url != NULL && (strncmp(url, "https://", 8) == 0 ||
	                       strncmp(url, "http://", 7) == 0);
}

/* ---- the head and its style ------------------------------------------ */

static const char style[] =
	"<style>\n"
	":root{color-scheme:light;--ink:#1b1b1b;--muted:#4a4f55;--line:#c9ced4;"
	"--pass:#1a6e32;--fail:#b3261e;--na:#5f6368;--unknown:#7a5200;"
	"--error:#6a3fa0;--waived:#1f5f8b;--warning:#8a5a00;--info:#1f5f8b}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;color:var(--ink);background:#fff;font:1rem/1.5 "
	"system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif}\n"
	"header.top,main,footer{max-width:62rem;margin:0 auto;padding:0 1.25rem}"
	"\n"
	"header.top{padding-top:1.5rem;border-bottom:1px solid var(--line)}\n"
	".kicker{margin:0;color:var(--muted);font-size:.9rem;"
	"text-transform:uppercase;letter-spacing:.05em}\n"
	"h1{margin:.2rem 0 .5rem;font-size:1.75rem;line-height:1.25}\n"
	"h2{margin:2.2rem 0 .8rem;font-size:1.35rem;border-bottom:2px solid "
	"var(--ink);padding-bottom:.2rem}\n"
	"h3{margin:1.6rem 0 .6rem;font-size:1.15rem}\n"
	"h4{margin:0 0 .4rem;font-size:1.05rem}\n"
	"h5{margin:.8rem 0 .3rem;font-size:.9rem;color:var(--muted)}\n"
	"nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;"
	"padding:0;margin:.6rem 0 1rem}\n"
	"a{color:#0b57a4}\n"
	"code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,"
	"monospace;font-size:.9em;overflow-wrap:anywhere}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.3rem 1.2rem;margin:0}\n"
	"dl.meta dt{font-weight:600}dl.meta dd{margin:0}"
	"dl.meta ul{margin:0;padding-left:1.1rem}\n"
	"table{border-collapse:collapse;margin:.4rem 0 1rem}\n"
	"caption{text-align:left;font-weight:600;padding-bottom:.3rem}\n"
	"th,td{border:1px solid var(--line);padding:.3rem .6rem;"
	"text-align:left;vertical-align:top}\n"
	"th{background:#f1f3f5}td.n{text-align:right;"
	"font-variant-numeric:tabular-nums}\n"
	".counts{display:flex;flex-wrap:wrap;align-items:flex-start;"
	"gap:0 2rem}\n"
	".verdict{border:1px solid var(--line);border-left:.5rem solid;"
	"padding:.6rem 1rem;margin:.8rem 0 1rem;background:#f8f9fa}\n"
	".verdict p{margin:.2rem 0}.verdict strong{font-size:1.2rem}\n"
	".v-pass{border-left-color:var(--pass)}"
	".v-pass_with_warnings{border-left-color:var(--warning)}"
	".v-incomplete{border-left-color:var(--unknown)}"
	".v-fail{border-left-color:var(--fail)}\n"
	"figure{margin:.5rem 0 1rem}figcaption{font-size:.9rem;"
	"color:var(--muted)}\n"
	"svg.chart{max-width:100%;height:auto}svg text{font:13px system-ui,"
	"sans-serif;fill:var(--ink)}svg text.h{font-weight:700}\n"
	".b-pass{fill:var(--pass)}.b-fail{fill:var(--fail)}"
	".b-not_applicable{fill:var(--na)}.b-unknown{fill:var(--unknown)}"
	".b-error{fill:var(--error)}.b-waived{fill:var(--waived)}"
	".b-sev-error{fill:var(--fail)}.b-sev-warning{fill:var(--warning)}"
	".b-sev-info{fill:var(--info)}\n"
	"article.rule{border:1px solid var(--line);border-left:.35rem solid "
	"var(--line);border-radius:.25rem;padding:.8rem 1rem;margin:0 0 1rem}\n"
	"article.sev-error{border-left-color:var(--fail)}"
	"article.sev-warning{border-left-color:var(--warning)}"
	"article.sev-info{border-left-color:var(--info)}"
	"article.unknown{border-left-color:var(--unknown)}"
	"article.error{border-left-color:var(--error)}"
	"article.waived{border-left-color:var(--waived)}\n"
	".badge{display:inline-block;font-size:.75rem;font-weight:700;"
	"text-transform:uppercase;letter-spacing:.04em;color:#fff;"
	"background:var(--na);border-radius:.2rem;padding:.05rem .4rem;"
	"vertical-align:.1rem}\n"
	".badge.sev-error{background:var(--fail)}"
	".badge.sev-warning{background:var(--warning)}"
	".badge.sev-info{background:var(--info)}\n"
	".badge.outline{background:#fff;border:1px solid;padding:0 .35rem}"
	".badge.outline.sev-error{color:var(--fail)}"
	".badge.outline.sev-warning{color:var(--warning)}"
	".badge.outline.sev-info{color:var(--info)}\n"
	".rid{font-weight:700}\n"
	".msg{margin:.2rem 0 .6rem}\n"
	"ol.findings{margin:0;padding-left:1.4rem}"
	"ol.findings>li{margin:0 0 .7rem}\n"
	".where{margin:0;color:var(--muted);font-size:.9rem}\n"
	".note{margin:.1rem 0;font-weight:600}\n"
	"blockquote{margin:.3rem 0;padding:.4rem .8rem;border-left:3px solid "
	"var(--line);background:#f8f9fa}blockquote p{margin:0}\n"
	"mark{background:#ffd54a;color:#000;padding:0 .1em;"
	"border-bottom:2px solid #000}\n"
	"blockquote.paste{border-left-color:var(--pass);background:#eef6f0}\n"
	"ul.refs{margin:0;padding-left:1.2rem}.refnote{color:var(--muted)}\n"
	"details{margin:0 0 .5rem}summary{cursor:pointer}\n"
	"details>:not(summary){margin-left:1.2rem}\n"
	".intro{color:var(--muted)}\n"
	"footer{margin-top:2.5rem;padding-bottom:2rem;border-top:1px solid "
	"var(--line);color:var(--muted);font-size:.85rem}\n"
	"@media print{\n"
	"@page{size:A4;margin:16mm 14mm}\n"
	"body{font-size:10pt}nav{display:none}\n"
	"header.top,main,footer{max-width:none;padding:0}\n"
	"*{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
	"h2,h3,h4,h5{break-after:avoid}\n"
	"ol.findings>li,blockquote,table,figure,.verdict{break-inside:avoid}\n"
	"#summary{break-inside:avoid}\n"
	"a[href^='http']::after{content:' (' attr(href) ')';font-size:.85em;"
	"overflow-wrap:anywhere}\n"
	"}\n"
	"</style>\n";

static void head(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);

	ps_out_puts(out, "<!DOCTYPE html>\n");
	text_in(out, "<html lang=\"", report->lang, "\">\n<head>\n");
	ps_out_puts(out,
	            "<meta charset=\"utf-8\" />\n"
	            "<meta name=\"viewport\" content=\"width=device-width, "
	            "initial-scale=1\" />\n"
	            "<meta http-equiv=\"Content-Security-Policy\" "
	            "content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n"
	            "<meta name=\"generator\" content=\"procsec "
	            PROCSEC_VERSION_STRING "\" />\n");
	text_in(out, "<title>", report->doc->field[PS_F_TITLE], " — ");
	text_in(out, "", w->kicker, "</title>\n");
	ps_out_puts(out, style);
	ps_out_puts(out, "</head>\n");
}

/* ---- the masthead: the title and the verdict, first thing ------------ */

static int verdict_index(const procsec_report *report)
{
	const char *v = ps_report_verdict(report);

	return strcmp(v, "pass") == 0                 ? V_PASS
	       : strcmp(v, "pass_with_warnings") == 0 ? V_WARNINGS
	       : strcmp(v, "incomplete") == 0         ? V_INCOMPLETE
	                                              : V_FAIL;
}

static void verdict(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	int v = verdict_index(report);

	text_in(out, "<div class=\"verdict v-", ps_report_verdict(report), "\">");
	text_in(out, "<p><strong>", w->verdict_label, ": ");
	text_in(out, "", w->verdicts[v], "</strong></p>");
	text_in(out, "<p>", w->verdict_why[v], "</p></div>\n");
}

static void masthead(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	int i;

	text_in(out, "<body>\n<header class=\"top\">\n<p class=\"kicker\">",
	        w->kicker, "</p>\n");
	text_in(out, "<h1>", report->doc->field[PS_F_TITLE], "</h1>\n");
	verdict(report, out);
	ps_out_puts(out, "<nav><ul>");
	for (i = 0; i < 4; i++) {
		static const char *const anchors[] = { "tender", "facts", "summary",
			                               "results" };

		text_in(out, "<li><a href=\"#", anchors[i], "\">");
		text_in(out, "", w->nav[i], "</a></li>");
	}
	ps_out_puts(out, "</ul></nav>\n</header>\n<main>\n");
}

/* ---- the tender ------------------------------------------------------ */

static void meta_row(struct ps_out *out, const char *label, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	text_in(out, "<dt>", label, "</dt>");
	text_in(out, "<dd>", value, "</dd>\n");
}

static void buyer_row(const procsec_doc *doc, const struct words *w,
                      struct ps_out *out)
{
	const char *orgno = doc->field[PS_F_BUYER_ORGNO];

	if (doc->field[PS_F_BUYER_NAME] == NULL)
		return;
	text_in(out, "<dt>", w->doc_labels[2], "</dt>");
	text_in(out, "<dd>", doc->field[PS_F_BUYER_NAME], "");
	if (orgno != NULL)
		text_in(out, " (", orgno, ")");
	ps_out_puts(out, "</dd>\n");
}

static void as_of_row(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	int option = report->as_of_source != NULL &&
	             strcmp(report->as_of_source, "option") == 0;

	text_in(out, "<dt>", w->doc_labels[4], "</dt><dd>");
	if (report->as_of[0] == '\0') {
		text_in(out, "", w->no_date, "</dd>\n");
		return;
	}
	text_in(out, "<time>", report->as_of, "</time> (");
	text_in(out, "", w->as_of_from[option], ")</dd>\n");
}

/* The same test as the JSON report's "in_force": both bounds inclusive. */
static int in_force(const struct ps_period *p, const char *date)
{
	return date[0] == '\0' ||
	       ((p->from[0] == '\0' || strcmp(date, p->from) >= 0) &&
	        (p->until[0] == '\0' || strcmp(date, p->until) <= 0));
}

static void packs_row(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i;

	text_in(out, "<dt>", w->doc_labels[5], "</dt><dd><ul>");
	for (i = 0; i < report->rules->packs.count; i++) {
		const struct ps_pack *p = ps_vec_at(&report->rules->packs, i);

		text_in(out, "<li><code>", p->id, "</code> ");
		text_in(out, "", p->version, ": ");
		esc(out, ps_text_in(&p->title, report->lang));
		if (!in_force(&p->valid, report->as_of))
			text_in(out, " (", w->not_in_force, ")");
		ps_out_puts(out, "</li>");
	}
	ps_out_puts(out, "</ul></dd>\n");
}

static void tender(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	const procsec_doc *doc = report->doc;

	text_in(out, "<section id=\"tender\">\n<h2>", w->nav[0], "</h2>\n");
	ps_out_puts(out, "<dl class=\"meta\">\n");
	meta_row(out, w->doc_labels[0], doc->field[PS_F_TITLE]);
	meta_row(out, w->doc_labels[1], doc->field[PS_F_ID]);
	buyer_row(doc, w, out);
	text_in(out, "<dt>", w->doc_labels[3], "</dt>");
	text_in(out, "<dd><code>", doc->source, "</code> (");
	text_in(out, "", doc->format, ")</dd>\n");
	as_of_row(report, out);
	packs_row(report, out);
	ps_out_puts(out, "</dl>\n</section>\n");
}

/* ---- facts ----------------------------------------------------------- */

static void fact_row(const struct ps_fact_used *f, const struct words *w,
                     struct ps_out *out)
{
	text_in(out, "<tr><th scope=\"row\"><code>", f->name, "</code></th>");
	text_in(out, "<td>", w->fact_values[f->value], "</td>");
	text_in(out, "<td>", w->fact_sources[f->inferred ? 1 : 0], "</td>");
	text_in(out, "<td>", f->inferred ? f->reason : NULL, "</td></tr>\n");
}

static void facts(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i;
	int c;

	text_in(out, "<section id=\"facts\">\n<h2>", w->nav[1], "</h2>\n");
	if (report->facts.count == 0) {
		text_in(out, "<p>", w->no_facts, "</p>\n</section>\n");
		return;
	}
	ps_out_puts(out, "<table>\n<thead><tr>");
	for (c = 0; c < 4; c++)
		text_in(out, "<th scope=\"col\">", w->fact_cols[c], "</th>");
	ps_out_puts(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < report->facts.count; i++)
		fact_row(ps_vec_at(&report->facts, i), w, out);
	ps_out_puts(out, "</tbody>\n</table>\n</section>\n");
}

/* ---- summary --------------------------------------------------------- */

/* The order statuses are counted and grouped in: failures first. */
static const procsec_status status_order[] = {
	PROCSEC_STATUS_FAIL,    PROCSEC_STATUS_UNKNOWN,
	PROCSEC_STATUS_ERROR,   PROCSEC_STATUS_WAIVED,
	PROCSEC_STATUS_PASS,    PROCSEC_STATUS_NOT_APPLICABLE,
};
#define STATUSES (sizeof(status_order) / sizeof(status_order[0]))

static void count_row(struct ps_out *out, const char *label, size_t n)
{
	text_in(out, "<tr><th scope=\"row\">", label, "</th>");
	ps_out_printf(out, "<td class=\"n\">%zu</td></tr>\n", n);
}

static void count_tables(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i;
	int s;

	ps_out_puts(out, "<div class=\"counts\">\n");
	text_in(out, "<table>\n<caption>", w->by_status, "</caption>\n<tbody>\n");
	for (i = 0; i < STATUSES; i++)
		count_row(out, w->status[status_order[i]],
		          procsec_report_count_status(report, status_order[i]));
	count_row(out, w->total, report->results.count);
	text_in(out, "</tbody>\n</table>\n<table>\n<caption>", w->by_severity,
	        "</caption>\n<tbody>\n");
	for (s = PROCSEC_SEVERITY_ERROR; s >= PROCSEC_SEVERITY_INFO; s--)
		count_row(out, w->severity[s],
		          procsec_report_count_failed(report, (procsec_severity)s));
	ps_out_puts(out, "</tbody>\n</table>\n</div>\n");
}

/* Chart geometry, in SVG user units. */
#define ROW 24
#define LABEL_W 200
#define BAR_W 360

/*
 * One bar: its label, the bar and the count, so the chart reads without
 * colour.  The bar's class is "b-" prefix name: b-fail, b-sev-error.
 */
static void bar(struct ps_out *out, int y, const char *label,
                const char *prefix, const char *name, size_t n, size_t max)
{
	int width = max > 0 ? (int)((double)n * BAR_W / (double)max) : 0;

	ps_out_printf(out, "<text x=\"0\" y=\"%d\">", y + 14);
	text_in(out, "", label, "</text>");
	if (width > 0) {
		text_in(out, "<rect class=\"b-", prefix, "");
		text_in(out, "", name, "\"");
		ps_out_printf(out,
		              " x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" />",
		              LABEL_W, y + 2, width);
	}
	ps_out_printf(out, "<text x=\"%d\" y=\"%d\">%zu</text>\n",
	              LABEL_W + width + 6, y + 14, n);
}

static size_t largest_count(const procsec_report *report)
{
	size_t i, max = 0;

	for (i = 0; i < STATUSES; i++) {
		size_t n = procsec_report_count_status(report, status_order[i]);

		max = n > max ? n : max;
	}
	return max;
}

/* Statuses and failed severities share one scale, so bars compare. */
static void chart(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i, max = largest_count(report);
	int s, y = ROW, width = LABEL_W + BAR_W + 48, height = ROW * 12;

	ps_out_printf(out,
	              "<figure>\n<svg class=\"chart\" role=\"img\" "
	              "aria-labelledby=\"chart-title\" width=\"%d\" "
	              "height=\"%d\" viewBox=\"0 0 %d %d\" "
	              "xmlns=\"http://www.w3.org/2000/svg\">\n",
	              width, height, width, height);
	text_in(out, "<title id=\"chart-title\">", w->chart, "</title>\n");
	text_in(out, "<text class=\"h\" x=\"0\" y=\"14\">", w->by_status,
	        "</text>\n");
	for (i = 0; i < STATUSES; i++, y += ROW)
		bar(out, y, w->status[status_order[i]], "",
		    procsec_status_name(status_order[i]),
		    procsec_report_count_status(report, status_order[i]), max);
	y += ROW / 2;
	ps_out_printf(out, "<text class=\"h\" x=\"0\" y=\"%d\">", y + 14);
	text_in(out, "", w->by_severity, "</text>\n");
	for (s = PROCSEC_SEVERITY_ERROR, y += ROW; s >= PROCSEC_SEVERITY_INFO;
	     s--, y += ROW)
		bar(out, y, w->severity[s], "sev-",
		    procsec_severity_name((procsec_severity)s),
		    procsec_report_count_failed(report, (procsec_severity)s), max);
	ps_out_puts(out, "</svg>\n</figure>\n");
}

static void summary(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	int v = verdict_index(report);

	text_in(out, "<section id=\"summary\">\n<h2>", w->nav[2], "</h2>\n");
	count_tables(report, out);
	chart(report, out);
	text_in(out, "<p><strong>", w->verdict_label, ": ");
	text_in(out, "", w->verdicts[v], ".</strong> ");
	text_in(out, "", w->verdict_why[v], "</p>\n</section>\n");
}

/* ---- one finding: where, what, and the clause with the match marked -- */

static void where(const procsec_report *report, const procsec_clause *c,
                  struct ps_out *out)
{
	const struct words *w = words_for(report);

	text_in(out, "<p class=\"where\"><code>", report->doc->source, "");
	if (c == NULL) {
		text_in(out, "</code> · ", w->whole_tender, "</p>\n");
		return;
	}
	if (c->loc.line > 0)
		ps_out_printf(out, ":%d", c->loc.line);
	if (c->loc.line > 0 && c->loc.column > 0)
		ps_out_printf(out, ":%d", c->loc.column);
	ps_out_puts(out, "</code>");
	if (c->id != NULL) {
		text_in(out, " · ", w->clause, " ");
		text_in(out, "<strong>", c->id, "</strong>");
	}
	if (c->loc.path != NULL)
		text_in(out, " · <code>", c->loc.path, "</code>");
	ps_out_puts(out, "</p>\n");
}

/*
 * What a finding adds to its rule's message.  Findings repeat the
 * message, with the matched words before it or a detail after it
 * ("”vid behov”: …", "… (2 av 3 klausuler hittades)"); the page shows
 * the message once per rule, so a finding shows only what it adds, or
 * all of its message when it says something else.
 */
static void finding_note(const char *msg, const char *rule_msg,
                         const char **note, size_t *len)
{
	size_t ml = strlen(msg), rl = rule_msg != NULL ? strlen(rule_msg) : 0;

	*note = msg;
	*len = ml;
	if (rl == 0 || ml < rl)
		return;
	if (strncmp(msg, rule_msg, rl) == 0) {
		*note = msg + rl;
		while (**note == ' ')
			(*note)++;
		*len = strlen(*note);
	} else if (ml >= rl + 2 && strcmp(msg + ml - rl, rule_msg) == 0 &&
	           strncmp(msg + ml - rl - 2, ": ", 2) == 0) {
		*len = ml - rl - 2;
	}
}

static int char_boundary(const char *text, size_t off)
{
	return ((unsigned char)text[off] & 0xC0) != 0x80;
}

/* A span worth marking: non-empty, inside the text, on whole characters. */
static int has_span(const procsec_finding *f, const char *text, size_t len)
{
	return f->span_start >= 0 && f->span_end > f->span_start &&
	       (size_t)f->span_end <= len &&
	       char_boundary(text, (size_t)f->span_start) &&
	       char_boundary(text, (size_t)f->span_end);
}

/* The excerpt's own text is ex[skip, skip + len), clause bytes from at. */
struct placed {
	size_t skip, len, at;
};

/* Finds body in the clause text at a place that holds the whole span. */
static int covers(const char *text, size_t tlen, const char *body,
                  size_t len, const procsec_finding *f, size_t *at)
{
	size_t start = (size_t)f->span_start, end = (size_t)f->span_end;
	size_t p = end > len ? end - len : 0;

	for (; p <= start && p + len <= tlen; p++)
		if (memcmp(text + p, body, len) == 0) {
			*at = p;
			return 1;
		}
	return 0;
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/*
 * Where the excerpt stands in the clause, so that the span (offsets into
 * the clause text) can be marked in it.  The excerpt is the clause cut
 * to a window, with "…" where it was cut; a clause may itself begin or
 * end with "…", so each reading is tried.  Any place where the text
 * matches and holds the span marks the same bytes.
 */
static int place(const procsec_finding *f, const char *ex, struct placed *pl)
{
	const char *text = f->clause->text;
	size_t tlen = strlen(text), n = strlen(ex), e = strlen(ELLIPSIS);
	int lead, tail;

	if (!has_span(f, text, tlen))
		return 0;
	for (lead = strncmp(ex, ELLIPSIS, e) == 0; lead >= 0; lead--)
		for (tail = ends_with(ex, n, ELLIPSIS); tail >= 0; tail--) {
			size_t cut = (size_t)(lead + tail) * e;

			if (cut > n)
				continue;
			pl->skip = (size_t)lead * e;
			pl->len = n - cut;
			if (covers(text, tlen, ex + pl->skip, pl->len, f, &pl->at))
				return 1;
		}
	return 0;
}

static void marked(struct ps_out *out, const char *ex,
                   const procsec_finding *f, const struct placed *pl)
{
	const char *body = ex + pl->skip;
	size_t s = (size_t)f->span_start - pl->at;
	size_t e = (size_t)f->span_end - pl->at;

	esc_n(out, ex, pl->skip);
	esc_n(out, body, s);
	ps_out_puts(out, "<mark>");
	esc_n(out, body + s, e - s);
	ps_out_puts(out, "</mark>");
	esc(out, body + e);
}

static void excerpt(const procsec_report *report, const procsec_finding *f,
                    struct ps_out *out)
{
	const char *ex = ps_finding_excerpt(report->arena, f);
	struct placed pl;

	if (ex == NULL) {
		out->failed = out->nomem = 1;
		return;
	}
	/* the clause is in the tender's language, which may not be the page's */
	text_in(out, "<blockquote class=\"excerpt\" lang=\"",
	        report->doc->field[PS_F_LANG], "\"><p>");
	if (place(f, ex, &pl))
		marked(out, ex, f, &pl);
	else
		esc(out, ex);
	ps_out_puts(out, "</p></blockquote>\n");
}

static void finding(const procsec_report *report, const procsec_finding *f,
                    const char *rule_msg, struct ps_out *out)
{
	const char *note;
	size_t len;

	ps_out_puts(out, "<li>");
	where(report, f->clause, out);
	finding_note(f->message, rule_msg, &note, &len);
	if (len > 0) {
		ps_out_puts(out, "<p class=\"note\">");
		esc_n(out, note, len);
		ps_out_puts(out, "</p>\n");
	}
	if (f->clause != NULL)
		excerpt(report, f, out);
	ps_out_puts(out, "</li>\n");
}

static void finding_list(const procsec_report *report, const struct ps_vec *v,
                         const char *rule_msg, struct ps_out *out)
{
	size_t i;

	if (v->count == 0)
		return;
	ps_out_puts(out, "<ol class=\"findings\">\n");
	for (i = 0; i < v->count; i++)
		finding(report, ps_vec_at(v, i), rule_msg, out);
	ps_out_puts(out, "</ol>\n");
}

/* ---- one rule ---------------------------------------------------------- */

static void remediation(const procsec_report *report,
                        const procsec_rule *rule, struct ps_out *out)
{
	const char *fix = ps_text_in(&rule->remediation, report->lang);

	if (fix == NULL || fix[0] == '\0')
		return;
	text_in(out, "<h5>", words_for(report)->fix, "</h5>\n");
	text_in(out, "<blockquote class=\"paste\"><p>", fix,
	        "</p></blockquote>\n");
}

static void reference(const struct ps_reference *ref, struct ps_out *out)
{
	ps_out_puts(out, "<li>");
	if (is_web_url(ref->url)) {
		text_in(out, "<a href=\"", ref->url, "\" rel=\"noreferrer\">");
		text_in(out, "<cite>", ref->title, "</cite></a>");
	} else {
		text_in(out, "<cite>", ref->title, "</cite>");
	}
	if (ref->statute != NULL &&
	    (ref->title == NULL || strstr(ref->title, ref->statute) == NULL))
		text_in(out, " (", ref->statute, ")");
	if (ref->section != NULL)
		text_in(out, ", ", ref->section, "");
	if (ref->url != NULL && !is_web_url(ref->url))
		text_in(out, " <code>", ref->url, "</code>");
	if (ref->note != NULL)
		text_in(out, "<br /><span class=\"refnote\">", ref->note, "</span>");
	ps_out_puts(out, "</li>\n");
}

static void references(const procsec_report *report,
                       const procsec_rule *rule, struct ps_out *out)
{
	size_t i;

	if (rule->reference_count == 0)
		return;
	text_in(out, "<h5>", words_for(report)->references,
	        "</h5>\n<ul class=\"refs\">\n");
	for (i = 0; i < rule->reference_count; i++)
		reference(&rule->references[i], out);
	ps_out_puts(out, "</ul>\n");
}

/* <article class="rule KIND"> for the rules a reader has to act on. */
static void article_open(const procsec_result *r, const char *kind,
                         struct ps_out *out)
{
	text_in(out, "<article class=\"rule ", kind, "\" id=\"rule-");
	text_in(out, "", r->rule->id, "\">\n");
}

static void rule_title(const procsec_report *report, const procsec_rule *rule,
                       struct ps_out *out)
{
	text_in(out, "<code class=\"rid\">", rule->id, "</code> ");
	esc(out, ps_text_in(&rule->title, report->lang));
}

/*
 * The rule's severity as a badge: filled when the rule failed, outlined
 * otherwise, so that "error" on a rule that merely could not be decided
 * does not read as a failure.
 */
static void rule_heading(const procsec_report *report,
                         const procsec_result *r, struct ps_out *out)
{
	const procsec_rule *rule = r->rule;
	const struct words *w = words_for(report);

	text_in(out, "<h4><span class=\"badge sev-",
	        procsec_severity_name(r->severity), "");
	if (r->status != PROCSEC_STATUS_FAIL)
		ps_out_puts(out, " outline");
	text_in(out, "\" title=\"", w->severity_title, "\">");
	esc(out, w->severity[r->severity]);
	ps_out_puts(out, "</span> ");
	rule_title(report, rule, out);
	ps_out_puts(out, "</h4>\n");
}

/* A rule that wants more than it found lists what it found as evidence. */
static void found(const procsec_report *report, const procsec_result *r,
                  struct ps_out *out)
{
	if (r->evidence.count == 0)
		return;
	text_in(out, "<details><summary>", words_for(report)->found, "");
	ps_out_printf(out, " (%zu)</summary>\n", r->evidence.count);
	finding_list(report, &r->evidence, NULL, out);
	ps_out_puts(out, "</details>\n");
}

static void failed_rule(const procsec_report *report, const procsec_result *r,
                        struct ps_out *out)
{
	const char *msg = ps_text_in(&r->rule->message, report->lang);

	text_in(out, "<article class=\"rule sev-",
	        procsec_severity_name(r->severity), "\" id=\"rule-");
	text_in(out, "", r->rule->id, "\">\n");
	rule_heading(report, r, out);
	text_in(out, "<p class=\"msg\">", msg, "</p>\n");
	finding_list(report, &r->findings, msg, out);
	found(report, r, out);
	remediation(report, r->rule, out);
	references(report, r->rule, out);
	ps_out_puts(out, "</article>\n");
}

static void unknown_facts(const procsec_report *report,
                          const procsec_result *r, struct ps_out *out)
{
	size_t i;

	if (r->unknown_facts.count == 0)
		return;
	text_in(out, "<p>", words_for(report)->state_facts, ": ");
	for (i = 0; i < r->unknown_facts.count; i++)
		text_in(out, i > 0 ? ", <code>" : "<code>", r->unknown_facts.items[i],
		        "</code>");
	ps_out_puts(out, "</p>\n");
}

/* Unknown and error: the reason says what is missing or what failed. */
static void undecided_rule(const procsec_report *report,
                           const procsec_result *r, struct ps_out *out)
{
	article_open(r, procsec_status_name(r->status), out);
	rule_heading(report, r, out);
	text_in(out, "<p class=\"msg\">", r->reason, "</p>\n");
	if (r->status == PROCSEC_STATUS_UNKNOWN)
		unknown_facts(report, r, out);
	ps_out_puts(out, "</article>\n");
}

/* The justification first; the findings it sets aside, collapsed. */
static void waived_rule(const procsec_report *report, const procsec_result *r,
                        struct ps_out *out)
{
	const char *msg = ps_text_in(&r->rule->message, report->lang);

	article_open(r, "waived", out);
	rule_heading(report, r, out);
	text_in(out, "<p class=\"msg\"><strong>", r->reason, "</strong></p>\n");
	if (r->findings.count > 0) {
		text_in(out, "<details><summary>",
		        words_for(report)->findings_waived, "");
		ps_out_printf(out, " (%zu)</summary>\n", r->findings.count);
		text_in(out, "<p class=\"msg\">", msg, "</p>\n");
		finding_list(report, &r->findings, msg, out);
		ps_out_puts(out, "</details>\n");
	}
	found(report, r, out);
	ps_out_puts(out, "</article>\n");
}

static void passed_rule(const procsec_report *report, const procsec_result *r,
                        struct ps_out *out)
{
	const struct words *w = words_for(report);

	text_in(out, "<details class=\"rule pass\" id=\"rule-", r->rule->id,
	        "\"><summary>");
	rule_title(report, r->rule, out);
	if (r->evidence.count > 0) {
		ps_out_printf(out, " — %zu ", r->evidence.count);
		esc(out, w->clauses[r->evidence.count > 1]);
	}
	ps_out_puts(out, "</summary>\n");
	if (r->evidence.count == 0)
		text_in(out, "<p>", w->no_evidence, "</p>\n");
	finding_list(report, &r->evidence, NULL, out);
	ps_out_puts(out, "</details>\n");
}

static void na_rule(const procsec_report *report, const procsec_result *r,
                    struct ps_out *out)
{
	text_in(out, "<details class=\"rule na\" id=\"rule-", r->rule->id,
	        "\"><summary>");
	rule_title(report, r->rule, out);
	text_in(out, "</summary>\n<p>", r->reason, "</p>\n</details>\n");
}

/* ---- results, by pack, status and severity ---------------------------- */

/* The results a group holds: one pack, one status, and for failures one
 * severity (-1: any). */
struct group {
	long pack;
	procsec_status status;
	int severity;
};

typedef void (*rule_writer)(const procsec_report *report,
                            const procsec_result *r, struct ps_out *out);

static int in_group(const procsec_result *r, const struct group *g)
{
	return r->rule->pack == g->pack && r->status == g->status &&
	       (g->severity < 0 || (int)r->severity == g->severity);
}

static size_t group_size(const procsec_report *report, const struct group *g)
{
	size_t i, n = 0;

	for (i = 0; i < report->results.count; i++)
		n += in_group(ps_vec_at(&report->results, i), g);
	return n;
}

static void group(const procsec_report *report, const struct group *g,
                  rule_writer write, const char *intro, struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i, n = group_size(report, g);

	if (n == 0)
		return;
	text_in(out, "<section class=\"group\">\n<h3>", w->status[g->status], "");
	if (g->severity >= 0)
		text_in(out, ": ", w->severity[g->severity], "");
	ps_out_printf(out, " (%zu)</h3>\n", n);
	if (intro != NULL)
		text_in(out, "<p class=\"intro\">", intro, "</p>\n");
	for (i = 0; i < report->results.count; i++) {
		const procsec_result *r = ps_vec_at(&report->results, i);

		if (in_group(r, g))
			write(report, r, out);
	}
	ps_out_puts(out, "</section>\n");
}

static void pack_heading(const procsec_report *report,
                         const struct ps_pack *p, struct ps_out *out)
{
	text_in(out, "<section class=\"pack\" id=\"pack-", p->id, "\">\n<h2>");
	text_in(out, "", words_for(report)->results, ": ");
	esc(out, ps_text_in(&p->title, report->lang));
	text_in(out, " (<code>", p->id, "</code> ");
	text_in(out, "", p->version, ")</h2>\n");
}

/* Failures by severity, worst first, then what remains to be looked at,
 * then, collapsed, what needs nothing. */
static void pack_results(const procsec_report *report, size_t pack,
                         struct ps_out *out)
{
	const struct words *w = words_for(report);
	struct group g = { (long)pack, PROCSEC_STATUS_FAIL, 0 };

	pack_heading(report, ps_vec_at(&report->rules->packs, pack), out);
	for (g.severity = PROCSEC_SEVERITY_ERROR;
	     g.severity >= PROCSEC_SEVERITY_INFO; g.severity--)
		group(report, &g, failed_rule, NULL, out);
	g.severity = -1;
	g.status = PROCSEC_STATUS_UNKNOWN;
	group(report, &g, undecided_rule, NULL, out);
	g.status = PROCSEC_STATUS_ERROR;
	group(report, &g, undecided_rule, w->error_note, out);
	g.status = PROCSEC_STATUS_WAIVED;
	group(report, &g, waived_rule, w->waived_note, out);
	g.status = PROCSEC_STATUS_PASS;
	group(report, &g, passed_rule, w->passed_note, out);
	g.status = PROCSEC_STATUS_NOT_APPLICABLE;
	group(report, &g, na_rule, NULL, out);
	ps_out_puts(out, "</section>\n");
}

static void results(const procsec_report *report, struct ps_out *out)
{
	size_t i;

	ps_out_puts(out, "<div id=\"results\">\n");
	for (i = 0; i < report->rules->packs.count; i++)
		pack_results(report, i, out);
	ps_out_puts(out, "</div>\n");
}

/* ---- waivers that set nothing aside, and the end of the page --------- */

static void waiver_item(const struct ps_waiver_use *use, const struct words *w,
                        struct ps_out *out)
{
	const struct ps_waiver *wv = use->waiver;

	text_in(out, "<li><code>", wv->rule, "</code> ");
	text_in(out, "<code>", wv->document, "</code>");
	if (wv->clause != NULL) {
		text_in(out, " ", w->clause, " ");
		text_in(out, "<strong>", wv->clause, "</strong>");
	}
	text_in(out, ": <strong>",
	        w->waiver_states[strcmp(use->state, "expired") == 0 ? 0 : 1],
	        "</strong> (");
	text_in(out, "", w->until, " ");
	text_in(out, "<time>", wv->expires, "</time>). ");
	esc(out, wv->reason);
	text_in(out, " <code>", wv->source, "");
	ps_out_printf(out, ":%d:%d</code></li>\n", wv->line, wv->column);
}

static void waivers(const procsec_report *report, struct ps_out *out)
{
	const struct words *w = words_for(report);
	size_t i;
	int titled = 0;

	for (i = 0; i < report->waivers.count; i++) {
		const struct ps_waiver_use *use = ps_vec_at(&report->waivers, i);

		if (strcmp(use->state, "applied") == 0)
			continue;
		if (!titled++) {
			text_in(out, "<section id=\"waivers\">\n<h2>", w->waivers,
			        "</h2>\n");
			text_in(out, "<p class=\"intro\">", w->waivers_note,
			        "</p>\n<ul>\n");
		}
		waiver_item(use, w, out);
	}
	if (titled)
		ps_out_puts(out, "</ul>\n</section>\n");
}

static void footer(const procsec_report *report, struct ps_out *out)
{
	text_in(out, "</main>\n<footer>\n<p>", words_for(report)->made_by,
	        " " PROCSEC_VERSION_STRING ".</p>\n</footer>\n</body>\n</html>\n");
}

int ps_write_html(const procsec_report *report, struct ps_out *out)
{
	head(report, out);
	masthead(report, out);
	tender(report, out);
	facts(report, out);
	summary(report, out);
	results(report, out);
	waivers(report, out);
	footer(report, out);
	return out->nomem ? PROCSEC_ENOMEM : PROCSEC_OK;
}
