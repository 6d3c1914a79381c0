/*
 * bench.c -- throughput and peak-memory benchmark for libprocsec.
 *
 * Generates tender documents in memory (deterministic, fixed seed) in both
 * native forms, XML and JSON, and measures
 *
 *   parse  procsec_doc_parse + procsec_doc_free
 *   check  procsec_doc_parse + procsec_check + procsec_report_free +
 *          procsec_doc_free, against every bundled pack (the rule set is
 *          compiled once, before any timing)
 *
 * for a small (~30 clauses), a medium (~1,000) and a large (~30,000,
 * about 10 MB) document and for a batch of 2,000 small ones.  Each
 * measurement is repeated (5 to 11 runs, stopping after about 1 s once 5
 * are done, or after 3 when a run is very slow) and the median is
 * reported.  Peak RSS of parse and of parse + check of the large
 * documents is measured in forked children, one per measurement.  See
 * bench/README.md.
 *
 * This is a program, not a test: it prints a table and exits 0 unless
 * something fails (a generated document does not parse, no packs found).
 */
#define _GNU_SOURCE 1

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h>
#endif

#include "procsec.h"

#define SEED UINT64_C(0x70726f6373656331) /* "procsec1" */

/* ---- small helpers ---------------------------------------------------- */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
                                                     noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die_err(const char *what, int rc, const procsec_error *err)
{
	die("%s: %s (%d): %s:%d:%d %s %s", what, procsec_strerror(rc), rc,
	    err->source, err->line, err->column, err->pointer, err->message);
}

/* ---- growable buffer ---------------------------------------------------- */

typedef struct {
	char *p;
	size_t len, cap;
} buf;

static void buf_reserve(buf *b, size_t more)
{
	if (b->len + more + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (b->len + more + 1 > cap)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
}

static void buf_putn(buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_puts(buf *b, const char *s)
{
	buf_putn(b, s, strlen(s));
}

static void buf_putc(buf *b, char c)
{
	buf_putn(b, &c, 1);
}

static void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vsnprintf failed");
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void buf_free(buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* ---- deterministic random numbers (splitmix64) ------------------------- */

typedef struct {
	uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static unsigned rng_range(rng *r, unsigned lo, unsigned hi)
{
	return lo + (unsigned)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability pct percent. */
static int rng_pct(rng *r, unsigned pct)
{
	return rng_next(r) % 100 < pct;
}

#define PICK(r, arr) ((arr)[rng_next(r) % (sizeof(arr) / sizeof((arr)[0]))])

/* ---- Swedish clause text from fragments -------------------------------- */

/*
 * Placeholders in fragments: {T} a time limit, {N} a small number,
 * {K} a larger number, {P} a percentage.  In the generated text, the byte '\001' stands for
 * the space between a number and its unit: the XML form writes it as a
 * U+00A0 NO-BREAK SPACE now and then (as text pasted from word
 * processors has), the JSON form as a plain space.  Both normalise to the
 * same text.
 */
#define NBSP_MARK '\001'

typedef struct {
	const char *category;
	const char *text;
} pred;

static const pred preds[] = {
	{"continuity", "ha en dokumenterad kontinuitetsplan som beskriver hur "
	 "tjänsten upprätthålls vid kris och höjd beredskap"},
	{"continuity", "kunna upprätthålla leveransen vid allvarliga störningar i "
	 "elförsörjning, transporter eller elektroniska kommunikationer"},
	{"continuity", "säkerställa att tjänsten kan återstartas {T} efter ett "
	 "avbrott"},
	{"continuity", "ha reservrutiner för drift utan tillgång till ordinarie "
	 "IT-system under minst {N} dygn"},
	{"continuity", "utse en kontaktperson för beredskapsfrågor som kan nås "
	 "dygnet runt under hela avtalstiden"},
	{"continuity", "delta i beställarens krisövningar minst en gång per år "
	 "och redovisa erfarenheterna skriftligt"},
	{"continuity", "genomföra en gemensam övning med beställaren inom {N} "
	 "månader från avtalsstart"},
	{"continuity", "prioritera beställarens samhällsviktiga verksamhet vid "
	 "kris, skärpt beredskap och höjd beredskap"},
	{"continuity", "ha reservkraft som räcker för drift i minst {K} timmar "
	 "vid avbrott i elförsörjningen"},
	{"incident-reporting", "rapportera allvarliga störningar och incidenter "
	 "till beställaren {T}"},
	{"incident-reporting", "informera beställaren om avbrott som påverkar "
	 "tjänsten {T}"},
	{"incident-reporting", "anmäla tillbud och olyckor till beställarens "
	 "kontaktperson {T}"},
	{"incident-reporting", "lämna en skriftlig händelserapport till "
	 "beställaren {T} efter att störningen har åtgärdats"},
	{"personal-data", "underrätta beställaren om en personuppgiftsincident "
	 "{T} efter att incidenten upptäckts"},
	{"personal-data", "ingå personuppgiftsbiträdesavtal med beställaren före "
	 "avtalsstart enligt bilaga {N}"},
	{"personal-data", "endast behandla personuppgifter enligt beställarens "
	 "dokumenterade instruktioner"},
	{"information-security", "ha ett ledningssystem för informationssäkerhet "
	 "enligt ISO/IEC 27001 eller likvärdigt som omfattar uppdraget"},
	{"information-security", "lagra och behandla beställarens information "
	 "inom EU/EES"},
	{"information-security", "säkerställa att endast behörig personal har "
	 "åtkomst till beställarens system och lokaler"},
	{"information-security", "logga all administrativ åtkomst och spara "
	 "loggarna i minst {N} månader"},
	{"protective-security", "teckna säkerhetsskyddsavtal med beställaren "
	 "innan uppdraget påbörjas"},
	{"protective-security", "se till att personal i säkerhetsklass har "
	 "genomgått säkerhetsprövning innan de ges tillgång till "
	 "säkerhetskänsliga uppgifter"},
	{"contract-end", "vid avtalets upphörande återlämna all information till "
	 "beställaren och radera kopior"},
	{"contract-end", "upprätta en exitplan för överlämning till ny "
	 "leverantör senast {N} månader före avtalstidens slut"},
	{"quality", "rapportera missförhållanden enligt lex Sarah till "
	 "beställaren {T}"},
	{"quality", "ha ett ledningssystem för systematiskt kvalitetsarbete"},
	{"quality", "utföra arbetet enligt bilaga {N} med de servicenivåer som "
	 "anges där"},
	{"quality", "åtgärda fel av prioritet 1 {T} och övriga fel inom {N} "
	 "arbetsdagar"},
	{"quality", "tillhandahålla en kundtjänst som är öppen vardagar mellan "
	 "klockan 07.00 och 18.00"},
	{"staff", "säkerställa att personalen talar och förstår svenska"},
	{"staff", "begära utdrag ur belastningsregistret för all personal som "
	 "arbetar i beställarens lokaler"},
	{"environment", "använda miljömärkta rengöringsmedel i minst {P} procent "
	 "av uppdraget"},
	{"insurance", "ha en ansvarsförsäkring som gäller under hela avtalstiden"},
	/* vague wording */
	{"continuity", "vid behov bistå beställaren med personal under kris"},
	{"information-security", "vidta lämpliga åtgärder för att skydda "
	 "beställarens information"},
	{"incident-reporting", "skyndsamt informera beställaren om förändringar "
	 "som påverkar leveransen"},
	{"environment", "i möjligaste mån använda fordon med förnybara "
	 "drivmedel"},
	{"quality", "åtgärda brister inom rimlig tid"},
};

static const char *const subjects[] = {
	"Leverantören", "Leverantören", "Leverantören", "Anbudsgivaren",
	"Den leverantör som tilldelas kontraktet",
	"Leverantören och dess underleverantörer",
	"Leverantörens driftpersonal",
};

/* Time limits; the space before the unit is NBSP_MARK. */
static const char *const times[] = {
	"inom 24\001timmar", "inom 24\001timmar", "inom två timmar",
	"senast inom ett dygn", "inom 4\001timmar",
	"utan onödigt dröjsmål och senast inom 24\001timmar",
	"inom 48\001timmar", "inom 72\001timmar", "inom 30\001minuter",
	"senast nästa arbetsdag", "inom 3\001arbetsdagar", "inom 1\001timme",
};

static const char *const followups[] = {
	"Kravet styrks genom en beskrivning i anbudet.",
	"Planen ska hållas aktuell och stämmas av med beställaren minst en gång "
	"per år.",
	"Beställaren har rätt att granska dokumentationen under hela "
	"avtalstiden.",
	"Vid brist i uppfyllandet av kravet utgår vite med {N} 000 kronor per "
	"påbörjad vecka.",
	"Upprepade brister ger beställaren rätt att häva avtalet.",
	"Med \"vid behov\" avses i detta underlag de situationer som anges i "
	"bilaga {N}.",
	"Rapporten ska innehålla en beskrivning av händelsen, dess orsak och "
	"vidtagna åtgärder.",
	"Leverantören ansvarar för att underleverantörer uppfyller samma krav.",
	"Kontaktuppgifterna ska lämnas till beställaren senast vid avtalsstart.",
	"Arbetet utförs i beställarens lokaler på {K} adresser i kommunen.",
	"Kravet gäller även timanställd och inhyrd personal.",
	"Beställaren kan på begäran få ta del av underlaget inom {N}\001dagar.",
};

static const char *const texts[] = {
	"Beställaren följer upp kraven under avtalstiden.",
	"Uppdraget omfattar {K} enheter och cirka {K} 000 brukare.",
	"Tjänsten är en samhällsviktig verksamhet som måste fungera även vid "
	"allvarliga störningar och under höjd beredskap.",
	"Kommunen omfattas av säkerhetsskyddslagen (2018:585) för delar av "
	"verksamheten.",
	"Frågor om underlaget ställs skriftligen senast tio dagar före sista "
	"anbudsdag.",
	"Avtalet avser IT-drift & förvaltning av kommunens system för skola, "
	"vård och omsorg.",
	"Tjänsterna och deras servicenivåer beskrivs i bilaga {N}. Bilagan är "
	"en del av avtalet.",
	"Beställaren har under {N} år haft avtal med <flera> leverantörer för "
	"motsvarande tjänster.",
};

static const char *const criteria[] = {
	"hur leverantören samverkar med beställaren vid kris och höjd beredskap",
	"en plan för kompetensförsörjning under avtalstiden",
	"hur incidenter följs upp och förebyggs",
	"hur leverantören minskar verksamhetens klimatpåverkan",
	"en realistisk plan för övertagande av uppdraget",
};

static const char *const verifications[] = {
	"description", "plan", "certificate", "self-declaration", "agreement",
};

static const char *const section_titles[] = {
	"Krav på leverantören", "Kontinuitet och krisberedskap",
	"Informationssäkerhet", "Personuppgifter", "Incidenthantering",
	"Avtalets upphörande", "Kvalitet och uppföljning", "Säkerhetsskydd",
	"Personal", "Miljö", "Leveransvillkor", "Sanktioner och vite",
	"Tilldelning", "Särskilda kontraktsvillkor", "Uppdraget",
};

/* Expands placeholders of frag into b. */
static void expand(buf *b, rng *r, const char *frag)
{
	const char *p;

	for (p = frag; *p; p++) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			switch (p[1]) {
			case 'T':
				expand(b, r, PICK(r, times));
				break;
			case 'N':
				buf_printf(b, "%u", rng_range(r, 2, 12));
				break;
			case 'K':
				buf_printf(b, "%u", rng_range(r, 14, 480));
				break;
			case 'P':
				buf_printf(b, "%u", 5 * rng_range(r, 2, 18));
				break;
			default:
				die("bad placeholder in %s", frag);
			}
			p += 2;
		} else {
			buf_putc(b, *p);
		}
	}
}

typedef struct {
	const char *kind;     /* element name / JSON kind */
	const char *level;    /* NULL for none */
	const char *category; /* NULL for none */
	const char *verification;
	int has_id;
} clause_meta;

/* Makes one clause: its metadata in *m and its text in t. */
static void gen_clause(rng *r, clause_meta *m, buf *t)
{
	unsigned k = rng_range(r, 0, 99);
	const pred *pr;
	unsigned i, n;

	t->len = 0;
	memset(m, 0, sizeof(*m));
	m->has_id = 1;
	if (k < 15) { /* descriptive text */
		m->kind = "text";
		m->has_id = rng_pct(r, 50);
		expand(t, r, PICK(r, texts));
		return;
	}
	if (k < 23) { /* award criterion */
		m->kind = "criterion";
		m->level = rng_pct(r, 50) ? "should" : NULL;
		buf_puts(t, "Anbud som beskriver ");
		expand(t, r, PICK(r, criteria));
		buf_printf(t, " värderas med upp till %u poäng.",
		           rng_range(r, 5, 40));
		return;
	}
	m->kind = k < 33 ? "condition" : "requirement";
	pr = &PICK(r, preds);
	m->category = rng_pct(r, 70) ? pr->category : NULL;
	m->verification = rng_pct(r, 40) ? PICK(r, verifications) : NULL;
	buf_puts(t, m->kind[0] == 'c' ? "Den leverantör som tilldelas "
	                                "kontraktet"
	                              : PICK(r, subjects));
	k = rng_range(r, 0, 99);
	if (k < 80) {
		m->level = "shall";
		buf_puts(t, " ska ");
	} else if (k < 93) {
		m->level = "should";
		buf_puts(t, " bör ");
	} else if (k < 98) {
		m->level = "may";
		buf_puts(t, " får ");
	} else { /* level shall, worded weakly: a finding for the packs */
		m->level = "shall";
		buf_puts(t, " bör ");
	}
	expand(t, r, pr->text);
	buf_putc(t, '.');
	n = rng_range(r, 0, 3);
	for (i = 0; i < n; i++) {
		buf_putc(t, ' ');
		expand(t, r, PICK(r, followups));
	}
}

/* ---- serialising both forms ---------------------------------------------- */

/* Text for XML character data or attribute values; NBSP_MARK as U+00A0 or
 * a space. */
static void xml_text(buf *b, const char *s, size_t n, int nbsp)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case NBSP_MARK: buf_puts(b, nbsp ? "\xc2\xa0" : " "); break;
		default: buf_putc(b, s[i]);
		}
	}
}

static void json_str(buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		switch (*s) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case NBSP_MARK: buf_putc(b, ' '); break;
		default: buf_putc(b, *s);
		}
	}
	buf_putc(b, '"');
}

static void indent(buf *b, unsigned n)
{
	buf_reserve(b, n);
	memset(b->p + b->len, ' ', n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* XML clause text wrapped at about 90 columns, as people write it. */
static void xml_wrapped(buf *b, rng *r, const char *t, unsigned ind)
{
	int nbsp = rng_pct(r, 30);
	const char *p = t, *end = t + strlen(t);

	while (p < end) {
		const char *brk = NULL, *q;
		size_t width = 90 > ind ? 90 - ind : 20;

		if ((size_t)(end - p) <= width) {
			brk = end;
		} else {
			for (q = p + width; q > p; q--)
				if (*q == ' ') {
					brk = q;
					break;
				}
			if (!brk)
				brk = strchr(p + width, ' ');
			if (!brk)
				brk = end;
		}
		indent(b, ind);
		xml_text(b, p, (size_t)(brk - p), nbsp);
		buf_putc(b, '\n');
		p = brk < end ? brk + 1 : end;
	}
}

typedef struct {
	rng r;
	buf xml, json, text;
	size_t clauses, sections;
	unsigned maxdepth;
	unsigned top_lo, top_hi; /* clauses per top-level section */
} gen;

static void emit_clause(gen *g, const char *secid, unsigned no, unsigned depth,
                        int first)
{
	clause_meta m;
	unsigned ind = 4 + 2 * depth, jind = 6 + 4 * depth;
	char id[96];

	gen_clause(&g->r, &m, &g->text);
	snprintf(id, sizeof(id), "%s.%u", secid, no);

	/* XML */
	indent(&g->xml, ind);
	buf_printf(&g->xml, "<%s", m.kind);
	if (m.has_id)
		buf_printf(&g->xml, " id=\"%s\"", id);
	if (m.level)
		buf_printf(&g->xml, " level=\"%s\"", m.level);
	if (m.category)
		buf_printf(&g->xml, " category=\"%s\"", m.category);
	if (m.verification)
		buf_printf(&g->xml, " verification=\"%s\"", m.verification);
	buf_puts(&g->xml, ">\n");
	xml_wrapped(&g->xml, &g->r, g->text.p, ind + 2);
	indent(&g->xml, ind);
	buf_printf(&g->xml, "</%s>\n", m.kind);

	/* JSON */
	if (!first)
		buf_puts(&g->json, ",\n");
	indent(&g->json, jind);
	buf_printf(&g->json, "{\"kind\": \"%s\"", m.kind);
	if (m.has_id)
		buf_printf(&g->json, ", \"id\": \"%s\"", id);
	if (m.level)
		buf_printf(&g->json, ", \"level\": \"%s\"", m.level);
	if (m.category)
		buf_printf(&g->json, ", \"category\": \"%s\"", m.category);
	if (m.verification)
		buf_printf(&g->json, ", \"verification\": \"%s\"",
		           m.verification);
	buf_puts(&g->json, ", \"text\": ");
	json_str(&g->json, g->text.p);
	buf_putc(&g->json, '}');
	g->clauses++;
}

/* A section with `budget` clauses, its own first, then its subsections. */
static void emit_section(gen *g, const char *id, unsigned depth,
                         size_t budget, int first)
{
	const char *title = PICK(&g->r, section_titles);
	unsigned ind = 2 + 2 * depth, jind = 4 + 4 * depth, no = 0, sub = 0;
	size_t own, rest;

	g->sections++;
	if (depth >= g->maxdepth)
		own = budget;
	else
		own = rng_range(&g->r, depth ? 2 : 1, depth ? 8 : 4);
	if (own > budget)
		own = budget;
	rest = budget - own;

	indent(&g->xml, ind);
	buf_printf(&g->xml, "<section id=\"%s\" title=\"%s\">\n", id, title);
	if (!first)
		buf_puts(&g->json, ",\n");
	indent(&g->json, jind);
	buf_printf(&g->json, "{\"id\": \"%s\", \"title\": \"%s\", "
	           "\"clauses\": [\n", id, title);
	for (no = 1; no <= own; no++)
		emit_clause(g, id, no, depth, no == 1);
	buf_puts(&g->json, "],\n");
	indent(&g->json, jind + 2);
	buf_puts(&g->json, "\"sections\": [\n");
	while (rest > 0) {
		char subid[96];
		size_t sb = depth + 1 >= g->maxdepth
		                    ? rng_range(&g->r, 3, 15)
		                    : rng_range(&g->r, 15, 60);
		if (sb > rest)
			sb = rest;
		snprintf(subid, sizeof(subid), "%s.%u", id, ++sub);
		emit_section(g, subid, depth + 1, sb, sub == 1);
		rest -= sb;
	}
	buf_puts(&g->json, "]}");
	indent(&g->xml, ind);
	buf_puts(&g->xml, "</section>\n");
}

typedef struct {
	const char *name; /* "large-xml" */
	char *bytes;
	size_t len;
	size_t clauses;
} input;

typedef struct {
	input xml, json;
	size_t sections;
} tender;

static const struct {
	const char *name, *orgno;
} buyers[] = {
	{"Stockholms stad", "212000-0142"},
	{"Uppsala kommun", "212000-3005"},
	{"Malmö stad", "212000-1124"},
};

static const char *const facts[] = {
	"critical-service", "personal-data", "it-service", "security-sensitive",
	"on-site-work",
};

/*
 * Generates one tender with `nclauses` clauses.  `worst` states every fact
 * true and fields that make (almost) every rule of the starter pack
 * applicable; otherwise the metadata varies with the seed.
 */
static void gen_tender(tender *t, uint64_t seed, size_t nclauses, int worst)
{
	gen g;
	const char *cpv, *cpv2 = NULL, *proc = "open";
	unsigned b, i, top = 0;
	unsigned long value;
	unsigned months;
	char id[64];
	static const char *const cpvs[] = {
		"90919300", "72514000", "85312000-9", "90911200-8", "72253200-5",
		"60130000", "79710000",
	};
	static const char *const procs[] = {
		"open", "restricted", "simplified", "negotiated", "call-off",
	};

	memset(&g, 0, sizeof(g));
	g.r.s = seed;
	if (nclauses <= 60) {
		g.maxdepth = 1;
		g.top_lo = 4, g.top_hi = 10;
	} else if (nclauses <= 3000) {
		g.maxdepth = 2;
		g.top_lo = 40, g.top_hi = 120;
	} else {
		g.maxdepth = 2;
		g.top_lo = 150, g.top_hi = 450;
	}
	b = (unsigned)(rng_next(&g.r) % 3);
	snprintf(id, sizeof(id), "BENCH-2026-%05u",
	         (unsigned)(rng_next(&g.r) % 100000));
	if (worst) {
		cpv = "72514000";
		cpv2 = "85312000-9";
		value = 96000000;
		months = 48;
	} else {
		cpv = PICK(&g.r, cpvs);
		if (rng_pct(&g.r, 30))
			cpv2 = PICK(&g.r, cpvs);
		if (cpv2 && strncmp(cpv, cpv2, 8) == 0)
			cpv2 = NULL;
		proc = PICK(&g.r, procs);
		value = 100000UL * rng_range(&g.r, 1, 2000);
		months = rng_range(&g.r, 6, 60);
	}

	/* header, XML */
	buf_printf(&g.xml,
	           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<!-- Generated by libprocsec's bench/bench.c. Fictional. -->\n"
	           "<tender xmlns=\"urn:procsec:tender:1\" id=\"%s\" "
	           "xml:lang=\"sv\">\n"
	           "  <title>Benchmark: drift, omsorg och beredskap "
	           "(%zu klausuler)</title>\n"
	           "  <buyer orgno=\"%s\" country=\"SE\">%s</buyer>\n"
	           "  <procedure>%s</procedure>\n"
	           "  <published>2026-03-02</published>\n"
	           "  <deadline>2026-04-13T23:59:00+02:00</deadline>\n"
	           "  <cpv main=\"true\">%s</cpv>\n",
	           id, nclauses, buyers[b].orgno, buyers[b].name, proc, cpv);
	if (cpv2)
		buf_printf(&g.xml, "  <cpv>%s</cpv>\n", cpv2);
	buf_printf(&g.xml,
	           "  <value currency=\"SEK\">%lu</value>\n"
	           "  <duration unit=\"months\">%u</duration>\n"
	           "  <facts>\n",
	           value, months);
	/* header, JSON */
	buf_printf(&g.json,
	           "{\n"
	           "  \"procsec_tender\": 1,\n"
	           "  \"id\": \"%s\",\n"
	           "  \"lang\": \"sv\",\n"
	           "  \"title\": \"Benchmark: drift, omsorg och beredskap "
	           "(%zu klausuler)\",\n"
	           "  \"buyer\": {\"name\": \"%s\", \"orgno\": \"%s\", "
	           "\"country\": \"SE\"},\n"
	           "  \"procedure\": \"%s\",\n"
	           "  \"published\": \"2026-03-02\",\n"
	           "  \"deadline\": \"2026-04-13T23:59:00+02:00\",\n"
	           "  \"cpv\": [{\"code\": \"%s\", \"main\": true}",
	           id, nclauses, buyers[b].name, buyers[b].orgno, proc, cpv);
	if (cpv2)
		buf_printf(&g.json, ", {\"code\": \"%s\"}", cpv2);
	buf_printf(&g.json,
	           "],\n"
	           "  \"value\": {\"amount\": %lu, \"currency\": \"SEK\"},\n"
	           "  \"duration\": {\"amount\": %u, \"unit\": \"months\"},\n"
	           "  \"facts\": {",
	           value, months);
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		/* 0 absent, 1 true, 2 false, 3 unknown */
		unsigned v = worst ? 1 : (unsigned)rng_range(&g.r, 0, 3);
		static const char *const xv[] = {"", "true", "false", "unknown"};
		static const char *const jv[] = {"", "true", "false", "null"};

		if (!v)
			continue;
		buf_printf(&g.xml, "    <fact name=\"%s\">%s</fact>\n", facts[i],
		           xv[v]);
		buf_printf(&g.json, "%s\"%s\": %s", g.json.p[g.json.len - 1] == '{'
		                                         ? ""
		                                         : ", ",
		           facts[i], jv[v]);
	}
	buf_puts(&g.xml, "  </facts>\n");
	buf_puts(&g.json, "},\n  \"sections\": [\n");

	while (g.clauses < nclauses) {
		size_t want = rng_range(&g.r, g.top_lo, g.top_hi);
		char secid[16];

		if (want > nclauses - g.clauses)
			want = nclauses - g.clauses;
		snprintf(secid, sizeof(secid), "%u", ++top);
		emit_section(&g, secid, 0, want, top == 1);
	}

	buf_puts(&g.xml, "  <attachment type=\"dpa\" href=\"bilaga-5.pdf\">"
	                 "Personuppgiftsbiträdesavtal</attachment>\n");
	buf_puts(&g.json, "\n  ],\n  \"attachments\": [{\"type\": \"dpa\", "
	                  "\"href\": \"bilaga-5.pdf\", \"title\": "
	                  "\"Personuppgiftsbiträdesavtal\"}");
	if (worst || rng_pct(&g.r, 50)) {
		buf_puts(&g.xml, "  <attachment type=\"security-agreement\" "
		                 "href=\"bilaga-6.pdf\">Säkerhetsskyddsavtal"
		                 "</attachment>\n");
		buf_puts(&g.json, ", {\"type\": \"security-agreement\", "
		                  "\"href\": \"bilaga-6.pdf\", \"title\": "
		                  "\"Säkerhetsskyddsavtal\"}");
	}
	buf_puts(&g.xml, "</tender>\n");
	buf_puts(&g.json, "]\n}\n");

	t->xml.bytes = g.xml.p;
	t->xml.len = g.xml.len;
	t->xml.clauses = g.clauses;
	t->json.bytes = g.json.p;
	t->json.len = g.json.len;
	t->json.clauses = g.clauses;
	t->sections = g.sections;
	buf_free(&g.text);
}

/* ---- the library calls that are measured --------------------------------- */

static procsec_ruleset *rules;

static procsec_doc *parse(const input *in, const char *format)
{
	procsec_doc *doc = NULL;
	procsec_error err;
	int rc = procsec_doc_parse(&doc, in->name, in->bytes, in->len, format,
	                           NULL, &err);

	if (rc != PROCSEC_OK)
		die_err(in->name, rc, &err);
	return doc;
}

static procsec_report *check(const procsec_doc *doc, const char *name)
{
	procsec_report *rep = NULL;
	procsec_error err;
	int rc = procsec_check(&rep, rules, doc, NULL, &err);

	if (rc != PROCSEC_OK)
		die_err(name, rc, &err);
	return rep;
}

typedef enum { OP_PARSE, OP_CHECK } op_kind;

/* One iteration over a set of inputs: every input once. */
static void run_once(const input *ins, size_t n, const char *format,
                     op_kind op)
{
	size_t i;

	for (i = 0; i < n; i++) {
		procsec_doc *doc = parse(&ins[i], format);

		if (op == OP_CHECK)
			procsec_report_free(check(doc, ins[i].name));
		procsec_doc_free(doc);
	}
}

/* ---- measuring ----------------------------------------------------------- */

typedef struct {
	int quick;
	int runs;          /* fixed number of runs, 0: adaptive */
	int min_runs, max_runs;
	double budget;     /* seconds per measurement, once min_runs are done */
	double sample_min; /* seconds: one run at least this long */
	const char *only;  /* patterns, comma-separated, or NULL */
} config;

static config cfg;

typedef struct {
	double median, lo, hi; /* seconds per iteration */
	int runs;
	unsigned inner;        /* iterations per run */
} timing;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One timed run: `inner` iterations, in seconds per iteration. */
static double sample(const input *ins, size_t n, const char *format,
                     op_kind op, unsigned inner)
{
	double t0 = now();
	unsigned k;

	for (k = 0; k < inner; k++)
		run_once(ins, n, format, op);
	return (now() - t0) / inner;
}

/* A warm-up iteration, which also sets how many make one run. */
static unsigned warm_up(const input *ins, size_t n, const char *format,
                        op_kind op)
{
	double t = sample(ins, n, format, op, 1);

	if (t >= cfg.sample_min)
		return 1;
	return 1 + (unsigned)(cfg.sample_min / (t > 1e-7 ? t : 1e-7));
}

/*
 * Measures parse (if do_p) and parse+check (if do_c) on the same inputs,
 * their runs interleaved, so that a change in the machine's load hits
 * both alike; *ratio is the median of the per-run ratios check/parse
 * (0 unless both are measured).  Runs stop after min_runs once each
 * measurement has had its budget, or after 3 runs and 8 budgets (a slow
 * build or a busy machine), or at max_runs.
 */
static void measure_pair(const input *ins, size_t n, const char *format,
                         int do_p, int do_c, timing *tp, timing *tc,
                         double *ratio)
{
	double sp[64], sc[64], sr[64], start, budget;
	int i, maxr, ops = (do_p != 0) + (do_c != 0);

	memset(tp, 0, sizeof(*tp));
	memset(tc, 0, sizeof(*tc));
	*ratio = 0;
	if (do_p)
		tp->inner = warm_up(ins, n, format, OP_PARSE);
	if (do_c)
		tc->inner = warm_up(ins, n, format, OP_CHECK);
	maxr = cfg.runs ? cfg.runs : cfg.max_runs;
	if (maxr > 64)
		maxr = 64;
	budget = cfg.budget * ops;
	start = now();
	for (i = 0; i < maxr;) {
		if (do_p)
			sp[i] = sample(ins, n, format, OP_PARSE, tp->inner);
		if (do_c)
			sc[i] = sample(ins, n, format, OP_CHECK, tc->inner);
		if (do_p && do_c)
			sr[i] = sc[i] / sp[i];
		i++;
		if (!cfg.runs && ((i >= cfg.min_runs && now() - start >= budget) ||
		                  (i >= 3 && now() - start >= 8 * budget)))
			break;
	}
	if (do_p) {
		tp->runs = i;
		tp->median = median_of(sp, i);
		tp->lo = sp[0];
		tp->hi = sp[i - 1];
	}
	if (do_c) {
		tc->runs = i;
		tc->median = median_of(sc, i);
		tc->lo = sc[0];
		tc->hi = sc[i - 1];
	}
	if (do_p && do_c)
		*ratio = median_of(sr, i);
}

/* --only: comma-separated patterns; without a wildcard, a prefix. */
static int selected(const char *id)
{
	const char *p;

	if (!cfg.only)
		return 1;
	for (p = cfg.only; *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char pat[128];

		if (n && n < sizeof(pat) - 1) {
			memcpy(pat, p, n);
			pat[n] = '\0';
			if (strpbrk(pat, "*?[")) {
				if (fnmatch(pat, id, 0) == 0)
					return 1;
			} else if (strncmp(id, pat, n) == 0) {
				return 1;
			}
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* ---- sanity: what the check finds ---------------------------------------- */

typedef struct {
	size_t status[6];
	size_t findings;
	size_t evidence;
} outcome;

static outcome outcome_of_report(const input *in, const procsec_doc *doc,
                                 const procsec_report *rep)
{
	outcome o;
	size_t i;

	memset(&o, 0, sizeof(o));
	if (procsec_doc_clause_count(doc) != in->clauses)
		die("%s: %zu clauses parsed, %zu generated", in->name,
		    procsec_doc_clause_count(doc), in->clauses);
	for (i = 0; i < procsec_report_count(rep); i++) {
		const procsec_result *r = procsec_report_at(rep, i);
		unsigned s = (unsigned)procsec_result_status(r);

		if (s < 6)
			o.status[s]++;
		o.findings += procsec_result_finding_count(r);
		o.evidence += procsec_result_evidence_count(r);
	}
	return o;
}

static outcome outcome_of(const input *in, const char *format)
{
	procsec_doc *doc = parse(in, format);
	procsec_report *rep = check(doc, in->name);
	outcome o = outcome_of_report(in, doc, rep);

	procsec_report_free(rep);
	procsec_doc_free(doc);
	return o;
}

/* ---- peak memory, in a child per measurement ---------------------------- */

static long status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	size_t n = strlen(field);
	long v = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* Bytes malloc has handed out and not got back, or -1. */
static long heap_in_use(void)
{
#if defined(__GLIBC__) && defined(__GLIBC_MINOR__) && \
	(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	struct mallinfo2 mi = mallinfo2();

	return (long)(mi.uordblks + mi.hblkhd);
#else
	return -1;
#endif
}

/* Resets VmHWM to the current RSS (Linux >= 4.0). */
static void reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");

	if (f) {
		fputs("5", f);
		fclose(f);
	}
}

typedef struct {
	long base_kb; /* resident when the child starts, input included */
	long peak_kb; /* the high-water mark of the whole operation */
	long doc_kb;  /* resident after parsing: base + the document kept */
	long check_kb; /* OP_CHECK: high-water mark while checking */
	long live0, live1, live2; /* malloc'd bytes in use before and after
	                             parsing, after checking (glibc
	                             mallinfo2), -1 if unknown */
	int ok;
	outcome out;  /* for OP_CHECK */
} mem_result;

/*
 * Forks; the child gives back the free heap it inherited (malloc_trim),
 * so that reusing it counts, resets its peak RSS (clear_refs 5, Linux >=
 * 4.0), so that the parent's history does not count, parses (and checks)
 * once and reports its peak.  Without clear_refs the peak is VmHWM or
 * ru_maxrss, which then include what the parent had when it forked.
 */
static mem_result measure_peak(const input *in, const char *format,
                               op_kind op)
{
	mem_result res;
	int fd[2], status;
	pid_t pid;

	memset(&res, 0, sizeof(res));
	fflush(stdout);
	if (pipe(fd) != 0)
		die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		procsec_doc *doc;
		procsec_report *rep = NULL;
		struct rusage ru;
		ssize_t w;

		close(fd[0]);
#ifdef __GLIBC__
		malloc_trim(0);
#endif
		reset_peak();
		res.live0 = heap_in_use();
		res.base_kb = status_kb("VmRSS");
		doc = parse(in, format);
		res.live1 = heap_in_use();
		res.peak_kb = status_kb("VmHWM");
		res.doc_kb = status_kb("VmRSS");
		if (op == OP_CHECK) {
			reset_peak();
			rep = check(doc, in->name);
			res.check_kb = status_kb("VmHWM");
			res.live2 = heap_in_use();
			if (res.check_kb > res.peak_kb)
				res.peak_kb = res.check_kb;
		}
		if (res.peak_kb < 0 && getrusage(RUSAGE_SELF, &ru) == 0)
			res.peak_kb = ru.ru_maxrss;
		res.ok = res.base_kb >= 0 && res.peak_kb >= 0 &&
		         res.doc_kb >= 0;
		if (rep)
			res.out = outcome_of_report(in, doc, rep);
		procsec_report_free(rep);
		procsec_doc_free(doc);
		w = write(fd[1], &res, sizeof(res));
		_exit(w == (ssize_t)sizeof(res) ? 0 : 1);
	}
	close(fd[1]);
	if (read(fd[0], &res, sizeof(res)) != (ssize_t)sizeof(res))
		res.ok = 0;
	close(fd[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		die("memory child for %s failed", in->name);
	return res;
}

/* ---- main ------------------------------------------------------------------ */

typedef struct {
	const char *name;     /* "small", "medium", "large", "batch" */
	size_t clauses;       /* per document */
	size_t docs;          /* 1, or the batch size */
	tender *t;            /* docs tenders */
	input *xml, *json;    /* docs inputs of each form */
	size_t bytes[2];      /* total bytes per form */
} workload;

static void usage(FILE *f)
{
	fputs("usage: bench [--quick] [--only PATTERN[,PATTERN...]] [--runs N]\n"
	      "             [--pack FILE]... [--dump DIR]\n"
	      "\n"
	      "  --quick      reduced sizes and runs (a smoke test, a few "
	      "seconds)\n"
	      "  --only P     run only the measurements whose id matches P: a\n"
	      "               prefix, or a glob (fnmatch).  Ids are\n"
	      "               {small,medium,large,batch}-{xml,json}-"
	      "{parse,check}\n"
	      "               and large-{xml,json}-mem.  Example:\n"
	      "               --only large-xml-check\n"
	      "  --runs N     exactly N timed runs per measurement (default: 5 "
	      "to 11,\n"
	      "               stopping after about 1 s)\n"
	      "  --pack FILE  use this pack instead of the bundled packs "
	      "(repeatable)\n"
	      "  --dump DIR   also write the generated single documents to DIR\n"
	      "\n"
	      "Bundled packs are found through PROCSEC_RULES_PATH "
	      "(`make bench` sets it).\n",
	      f);
}

static void dump(const char *dir, const input *in, const char *ext)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.%s", dir, in->name, ext);
	f = fopen(path, "wb");
	if (!f || fwrite(in->bytes, 1, in->len, f) != in->len || fclose(f))
		die("cannot write %s", path);
}

static double mb(size_t bytes)
{
	return (double)bytes / 1e6;
}

static double kb_mb(long kb)
{
	return (double)kb * 1024 / 1e6;
}

static void print_rate(double docs_per_s, double mb_per_s)
{
	if (docs_per_s >= 100)
		printf(" %9.0f", docs_per_s);
	else
		printf(" %9.2f", docs_per_s);
	printf(" %7.1f", mb_per_s);
}

int main(int argc, char **argv)
{
	const char *packs[32];
	size_t npacks = 0, i, w;
	const char *dumpdir = NULL;
	procsec_loader *loader = NULL;
	procsec_diags *diags = NULL;
	procsec_error err;
	int rc, a;
	double t_start = now(), t_compile;
	workload wl[4];
	mem_result mem_p[2], mem_c[2];
	int have_mem[2] = {0, 0};
	static const char *const forms[2] = {"xml", "json"};
	static const char *const formats[2] = {"procsec-xml", "procsec-json"};

	memset(&cfg, 0, sizeof(cfg));
	cfg.min_runs = 5;
	cfg.max_runs = 11;
	cfg.budget = 1.0;
	cfg.sample_min = 0.05;
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--quick") == 0) {
			cfg.quick = 1;
		} else if (strcmp(argv[a], "--only") == 0 && a + 1 < argc) {
			cfg.only = argv[++a];
		} else if (strcmp(argv[a], "--runs") == 0 && a + 1 < argc) {
			cfg.runs = atoi(argv[++a]);
			if (cfg.runs < 1 || cfg.runs > 64)
				die("--runs takes 1 to 64");
		} else if (strcmp(argv[a], "--pack") == 0 && a + 1 < argc) {
			if (npacks == sizeof(packs) / sizeof(packs[0]))
				die("too many packs");
			packs[npacks++] = argv[++a];
		} else if (strcmp(argv[a], "--dump") == 0 && a + 1 < argc) {
			dumpdir = argv[++a];
		} else if (strcmp(argv[a], "-h") == 0 ||
		           strcmp(argv[a], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (cfg.quick) {
		cfg.min_runs = 2;
		cfg.max_runs = 2;
		cfg.budget = 0.1;
		cfg.sample_min = 0.01;
	}

	/* the rule set, compiled once, outside every timing */
	t_compile = now();
	if (procsec_diags_new(&diags, &err) != PROCSEC_OK ||
	    procsec_loader_new(&loader, NULL, &err) != PROCSEC_OK)
		die("cannot create loader: %s", err.message);
	if (npacks == 0) {
		rc = procsec_loader_add_bundled(loader, diags, &err);
		if (rc != PROCSEC_OK)
			die("loading bundled packs: %s\n(set PROCSEC_RULES_PATH to "
			    "the rules folder, or run `make bench`)",
			    err.message);
	}
	for (i = 0; i < npacks; i++) {
		rc = procsec_loader_add_pack(loader, packs[i], diags, &err);
		if (rc != PROCSEC_OK)
			die_err(packs[i], rc, &err);
	}
	rc = procsec_loader_compile(&rules, loader, diags, &err);
	if (rc != PROCSEC_OK)
		die_err("compiling rules", rc, &err);
	procsec_loader_free(loader);
	procsec_diags_free(diags);
	t_compile = now() - t_compile;

	printf("libprocsec %s bench%s: %zu rules from %zu pack(s):",
	       procsec_version_string(), cfg.quick ? " --quick" : "",
	       procsec_ruleset_count(rules), procsec_ruleset_pack_count(rules));
	for (i = 0; i < procsec_ruleset_pack_count(rules); i++)
		printf(" %s %s", procsec_ruleset_pack_id(rules, i),
		       procsec_ruleset_pack_version(rules, i));
	printf(" (compiled in %.1f ms, not timed below)\n", t_compile * 1e3);
	{
		FILE *f = fopen("/proc/loadavg", "r");
		double l1;

		if (f && fscanf(f, "%lf", &l1) == 1)
			printf("load average %.2f on %ld CPUs at start; one "
			       "thread measures\n",
			       l1, sysconf(_SC_NPROCESSORS_ONLN));
		if (f)
			fclose(f);
	}

	/* the workloads */
	memset(wl, 0, sizeof(wl));
	wl[0].name = "small", wl[0].clauses = 30, wl[0].docs = 1;
	wl[1].name = "medium", wl[1].clauses = 1000, wl[1].docs = 1;
	wl[2].name = "large", wl[2].clauses = cfg.quick ? 2000 : 30000;
	wl[2].docs = 1;
	wl[3].name = "batch", wl[3].clauses = 30;
	wl[3].docs = cfg.quick ? 100 : 2000;
	for (w = 0; w < 4; w++) {
		char id[64];
		int need = 0, f;

		for (f = 0; f < 2; f++) {
			snprintf(id, sizeof(id), "%s-%s-parse", wl[w].name,
			         forms[f]);
			need |= selected(id);
			snprintf(id, sizeof(id), "%s-%s-check", wl[w].name,
			         forms[f]);
			need |= selected(id);
			snprintf(id, sizeof(id), "%s-%s-mem", wl[w].name,
			         forms[f]);
			need |= w == 2 && selected(id);
		}
		if (!need && !dumpdir)
			continue;
		wl[w].t = xmalloc(wl[w].docs * sizeof(tender));
		wl[w].xml = xmalloc(wl[w].docs * sizeof(input));
		wl[w].json = xmalloc(wl[w].docs * sizeof(input));
		for (i = 0; i < wl[w].docs; i++) {
			/* the single documents are the worst case for the
			 * packs; the batch varies its metadata */
			gen_tender(&wl[w].t[i], SEED + w * 1000003 + i,
			           wl[w].clauses, w != 3);
			wl[w].xml[i] = wl[w].t[i].xml;
			wl[w].json[i] = wl[w].t[i].json;
			wl[w].bytes[0] += wl[w].xml[i].len;
			wl[w].bytes[1] += wl[w].json[i].len;
		}
		for (i = 0; i < wl[w].docs; i++) {
			char *nx = xmalloc(64), *nj = xmalloc(64);

			if (wl[w].docs == 1) {
				snprintf(nx, 64, "%s-xml", wl[w].name);
				snprintf(nj, 64, "%s-json", wl[w].name);
			} else {
				snprintf(nx, 64, "%s-%zu-xml", wl[w].name, i);
				snprintf(nj, 64, "%s-%zu-json", wl[w].name, i);
			}
			wl[w].xml[i].name = nx;
			wl[w].json[i].name = nj;
		}
		if (dumpdir && wl[w].docs == 1) {
			dump(dumpdir, &wl[w].xml[0], "xml");
			dump(dumpdir, &wl[w].json[0], "json");
		}
	}

	/*
	 * Peak memory of the large documents first, while the heap holds
	 * little besides the inputs; printed after the table.
	 */
	for (a = 0; a < 2 && wl[2].t; a++) {
		char id[64];
		const input *in = a ? &wl[2].json[0] : &wl[2].xml[0];

		snprintf(id, sizeof(id), "large-%s-mem", forms[a]);
		if (!selected(id))
			continue;
		mem_p[a] = measure_peak(in, formats[a], OP_PARSE);
		mem_c[a] = measure_peak(in, formats[a], OP_CHECK);
		have_mem[a] = 1;
	}

	/* the table */
	printf("\nparse = procsec_doc_parse + procsec_doc_free; check = parse + "
	       "procsec_check + procsec_report_free.\nMedians of interleaved "
	       "runs; ratio = median of per-run check/parse; spread = "
	       "(max-min)/median;\nMB = 10^6 bytes; /s = documents per "
	       "second.\n\n");
	printf("%-12s %5s %7s %9s | %9s %7s | %9s %7s | %5s | %s\n", "input",
	       "docs", "clauses", "KB/doc", "parse/s", "MB/s", "check/s",
	       "MB/s", "ratio", "runs spread p/c");
	printf("------------------------------------------------------------"
	       "-----------------------------------------\n");
	for (w = 0; w < 4; w++) {
		int f;

		if (!wl[w].t)
			continue;
		for (f = 0; f < 2; f++) {
			char idp[64], idc[64], label[32];
			int do_p, do_c;
			timing tp, tc;
			input *ins = f ? wl[w].json : wl[w].xml;
			double docs = (double)wl[w].docs, ratio;

			snprintf(idp, sizeof(idp), "%s-%s-parse", wl[w].name,
			         forms[f]);
			snprintf(idc, sizeof(idc), "%s-%s-check", wl[w].name,
			         forms[f]);
			do_p = selected(idp);
			do_c = selected(idc);
			if (!do_p && !do_c)
				continue;
			snprintf(label, sizeof(label), "%s-%s", wl[w].name,
			         forms[f]);
			printf("%-12s %5zu %7zu %9.1f |", label, wl[w].docs,
			       wl[w].clauses,
			       (double)wl[w].bytes[f] / docs / 1e3);
			fflush(stdout);
			measure_pair(ins, wl[w].docs, formats[f], do_p, do_c,
			             &tp, &tc, &ratio);
			if (do_p)
				print_rate(docs / tp.median,
				           mb(wl[w].bytes[f]) / tp.median);
			else
				printf(" %9s %7s", "-", "-");
			printf(" |");
			if (do_c)
				print_rate(docs / tc.median,
				           mb(wl[w].bytes[f]) / tc.median);
			else
				printf(" %9s %7s", "-", "-");
			if (do_p && do_c)
				printf(" | %5.2f |", ratio);
			else
				printf(" | %5s |", "-");
			printf(" %2d  %3.0f%% %3.0f%%", do_p ? tp.runs : tc.runs,
			       do_p ? 100 * (tp.hi - tp.lo) / tp.median : 0.0,
			       do_c ? 100 * (tc.hi - tc.lo) / tc.median : 0.0);
			printf("\n");
		}
	}

	/* peak memory of the large documents, measured above */
	if (wl[2].t) {
		int f, header = 0;

		for (f = 0; f < 2; f++) {
			mem_result mp = mem_p[f], mc = mem_c[f];
			const input *in = f ? &wl[2].json[0] : &wl[2].xml[0];
			double p, c;

			if (!have_mem[f])
				continue;
			if (!header) {
				printf("\npeak RSS of the large document, one "
				       "forked child each for parse and for "
				       "parse+check;\nMB above the child's RSS "
				       "at start (which holds the input), x = per "
				       "MB of input\n\n");
				printf("%-11s %6s | %-13s | %-13s | %-17s | "
				       "%-15s | %s\n",
				       "input", "in MB", "parse peak",
				       "parse+check", "doc kept: RSS/heap",
				       "check: RSS/heap", "ratio");
				printf("------------------------------------------"
				       "-------------------------------------"
				       "-----------------\n");
				header = 1;
			}
			if (!mp.ok || !mc.ok) {
				printf("large-%-5s (no /proc/self/status)\n",
				       forms[f]);
				continue;
			}
			p = kb_mb(mp.peak_kb - mp.base_kb);
			c = kb_mb(mc.peak_kb - mc.base_kb);
			printf("large-%-5s %6.1f | %6.1f %5.1fx | %6.1f %5.1fx | "
			       "%7.1f / %7.1f | %+5.1f / %5.1f | %5.2f\n",
			       forms[f], mb(in->len), p, p / mb(in->len), c,
			       c / mb(in->len), kb_mb(mc.doc_kb - mc.base_kb),
			       mc.live0 >= 0 ? (double)(mc.live1 - mc.live0) / 1e6
			                     : -1.0,
			       kb_mb(mc.check_kb - mc.doc_kb),
			       mc.live0 >= 0 ? (double)(mc.live2 - mc.live1) / 1e6
			                     : -1.0,
			       p > 0 ? c / p : 0.0);
		}
	}

	for (a = 0; a < 2; a++)
		if (have_mem[a]) {
			printf("doc kept: RSS after parsing / heap in use "
			       "(mallinfo2) after parsing; check: peak RSS\n"
			       "while checking above that RSS / heap the report "
			       "keeps; ratio = parse+check peak / parse peak\n");
			break;
		}

	/* what the packs found, so that one sees the check does work */
	printf("\ncheck outcome per document (pass/fail/n-a/unknown/error; "
	       "findings, evidence):\n");
	for (w = 0; w < 3; w++) {
		outcome ox, oj;

		if (!wl[w].t)
			continue;
		/* the large ones were found by the memory children */
		ox = w == 2 && have_mem[0] ? mem_c[0].out
		                           : outcome_of(&wl[w].xml[0], formats[0]);
		oj = w == 2 && have_mem[1] ? mem_c[1].out
		                           : outcome_of(&wl[w].json[0], formats[1]);
		printf("  %-7s %zu/%zu/%zu/%zu/%zu; %zu findings, %zu evidence "
		       "(%zu sections)%s\n",
		       wl[w].name, ox.status[0], ox.status[1], ox.status[2],
		       ox.status[3], ox.status[4], ox.findings, ox.evidence,
		       wl[w].t[0].sections,
		       memcmp(&ox, &oj, sizeof(ox)) == 0
		               ? "; xml and json agree"
		               : "; XML AND JSON DIFFER");
	}
	printf("\ntotal %.1f s\n", now() - t_start);

	for (w = 0; w < 4; w++) {
		if (!wl[w].t)
			continue;
		for (i = 0; i < wl[w].docs; i++) {
			free(wl[w].t[i].xml.bytes);
			free(wl[w].t[i].json.bytes);
			free((char *)wl[w].xml[i].name);
			free((char *)wl[w].json[i].name);
		}
		free(wl[w].t);
		free(wl[w].xml);
		free(wl[w].json);
	}
	procsec_ruleset_free(rules);
	return 0;
}
