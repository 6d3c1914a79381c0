/*
 * docx.c -- WordprocessingML (.docx) -> the blocks of wordtext.c.
 *
 * Reads the main document part, styles (which paragraphs are headings,
 * by name "heading N", the outline level, or a style based on one),
 * footnotes and the core properties.  Tracked insertions count as text,
 * tracked deletions and moved-from text do not; comments and field
 * codes are not text, field results are; text boxes and footnotes are
 * read after the paragraph that holds them.  Macro-enabled documents
 * (.docm) are refused before anything else is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "container.h"
#include "officexml.h"

#define MAX_STYLES 4000  /* a real document has a few hundred */
#define MAX_HOPS 16      /* basedOn chains longer than this are cut */

static const char main_type[] =
	"application/vnd.openxmlformats-officedocument.wordprocessingml."
	"document.main+xml";
static const char macro_type[] =
	"application/vnd.ms-word.document.macroEnabled.main+xml";

struct style {
	const char *id;
	const char *based_on;
	int level; /* heading level 1..9 from name or outline level; 0: none */
	int title;
	const xmlNode *num_pr; /* w:numPr of the style, or NULL */
};

/* A w:num (or w:abstractNum): its id and the levels showing a number. */
struct numbering {
	const char *id;
	unsigned mask;
};

struct docx {
	struct ps_wt wt;
	struct ps_zip *zip;
	xmlDocPtr footnotes;
	xmlDocPtr numbering;
	struct numbering *nums; /* sorted by id */
	size_t nnums;
	struct style *styles;
	size_t nstyles;
	unsigned footnote_no;
};

static const char *child_val(const xmlNode *node, const char *name)
{
	const xmlNode *c = ps_ox_child(node, name);

	return c != NULL ? ps_ox_attr(c, "val") : NULL;
}

/* ---- the package ----------------------------------------------------- */

static int macro_part(struct docx *d, const char *content_type,
                      procsec_error *err)
{
	if (content_type != NULL && strcmp(content_type, macro_type) == 0)
		return ps_zip_error(d->zip, err, PROCSEC_EUNSAFE,
		                    "a macro-enabled Word document (.docm, content "
		                    "type %s): refused, since macros can run code; "
		                    "save it as .docx",
		                    macro_type);
	return PROCSEC_OK;
}

static int vba_entry(struct docx *d, procsec_error *err)
{
	size_t i, n = ps_zip_count(d->zip);

	for (i = 0; i < n; i++) {
		const char *name = ps_zip_name(d->zip, i);
		size_t len = name != NULL ? strlen(name) : 0;

		if (len >= 14 && strcasecmp(name + len - 14, "vbaProject.bin") == 0)
			return ps_zip_error(d->zip, err, PROCSEC_EUNSAFE,
			                    "the document holds macros ('%.100s'): "
			                    "refused, since macros can run code; save "
			                    "it as .docx without macros",
			                    name);
	}
	return PROCSEC_OK;
}

/* Finds the main part's name in [Content_Types].xml; refuses macros. */
static int main_part(struct docx *d, char *name, size_t size,
                     procsec_error *err)
{
	xmlDocPtr types;
	const xmlNode *o;
	int rc;

	name[0] = '\0';
	rc = ps_zip_xml(d->zip, "[Content_Types].xml", 0, &types, err);
	if (rc != PROCSEC_OK)
		return rc;
	for (o = xmlDocGetRootElement(types)->children; o != NULL && rc == 0;
	     o = o->next) {
		const char *type = ps_ox_is(o, "Override")
		                           ? ps_ox_attr(o, "ContentType")
		                           : NULL;
		const char *part = ps_ox_attr(o, "PartName");

		rc = macro_part(d, type, err);
		if (rc == PROCSEC_OK && type != NULL && part != NULL &&
		    strcmp(type, main_type) == 0)
			snprintf(name, size, "%s", part + (*part == '/'));
	}
	xmlFreeDoc(types);
	if (rc == PROCSEC_OK)
		rc = vba_entry(d, err);
	if (rc == PROCSEC_OK && name[0] == '\0')
		rc = ps_zip_error(d->zip, err, PROCSEC_EFORMAT,
		                  "not a Word document: [Content_Types].xml names "
		                  "no main document part of type %s",
		                  main_type);
	return rc;
}

/* docProps/core.xml: the title and language, when stated. */
static int read_core(struct docx *d, procsec_error *err)
{
	xmlDocPtr core;
	const xmlNode *c;
	int rc = ps_zip_xml(d->zip, "docProps/core.xml", 1, &core, err);

	if (rc != PROCSEC_OK || core == NULL)
		return rc;
	for (c = xmlDocGetRootElement(core)->children; c != NULL && rc == 0;
	     c = c->next)
		if (ps_ox_is(c, "title"))
			rc = ps_ox_meta(&d->wt, c, PS_F_TITLE);
		else if (ps_ox_is(c, "language"))
			rc = ps_ox_meta(&d->wt, c, PS_F_LANG);
	xmlFreeDoc(core);
	return rc;
}

/* ---- styles ---------------------------------------------------------- */

/* "heading 3", "Heading 3", "Rubrik 3" -> 3; "Title", "Rubrik" -> title. */
static int level_of_name(const char *name, int *title)
{
	size_t n = strlen(name);

	if (strcasecmp(name, "title") == 0 || strcasecmp(name, "rubrik") == 0) {
		*title = 1;
		return 0;
	}
	if ((strncasecmp(name, "heading ", 8) == 0 && n == 9) ||
	    (strncasecmp(name, "rubrik ", 7) == 0 && n == 8))
		return name[n - 1] >= '1' && name[n - 1] <= '9' ? name[n - 1] - '0'
		                                                : 0;
	return 0;
}

static int outline_level(const xmlNode *ppr)
{
	const char *v = child_val(ppr, "outlineLvl");

	/* 0..8 are heading levels 1..9; 9 is body text */
	return v != NULL && v[0] >= '0' && v[0] <= '8' && v[1] == '\0'
	               ? v[0] - '0' + 1
	               : 0;
}

static void read_style(struct style *s, const xmlNode *node)
{
	const xmlNode *ppr = ps_ox_child(node, "pPr");
	const char *name = child_val(node, "name");

	memset(s, 0, sizeof(*s));
	s->id = ps_ox_attr(node, "styleId");
	s->based_on = child_val(node, "basedOn");
	if (name != NULL)
		s->level = level_of_name(name, &s->title);
	if (s->level == 0)
		s->level = outline_level(ppr);
	s->num_pr = ps_ox_child(ppr, "numPr");
}

static int compare_ids(const void *a, const void *b)
{
	const struct style *x = a, *y = b;

	return strcmp(x->id != NULL ? x->id : "", y->id != NULL ? y->id : "");
}

/* By binary search: a hostile file may hold a million paragraphs. */
static const struct style *find_style(const struct docx *d, const char *id)
{
	struct style key;

	if (id == NULL || d->nstyles == 0)
		return NULL;
	key.id = id;
	return bsearch(&key, d->styles, d->nstyles, sizeof(key), compare_ids);
}

/* A style's level, title and numbering, following basedOn. */
static void resolve_style(const struct docx *d, const char *id, int *level,
                          int *title, const xmlNode **num_pr)
{
	const struct style *s = find_style(d, id);
	int hops;

	for (hops = 0; s != NULL && hops < MAX_HOPS; hops++) {
		if (*num_pr == NULL)
			*num_pr = s->num_pr;
		*title |= s->title;
		if (s->level > 0 || s->title) {
			*level = s->level;
			return;
		}
		s = find_style(d, s->based_on);
	}
}

static int default_lang(struct docx *d, const xmlNode *root)
{
	const xmlNode *defaults = ps_ox_child(root, "docDefaults");
	const xmlNode *rpr = ps_ox_child(ps_ox_child(defaults, "rPrDefault"),
	                                 "rPr");
	const xmlNode *lang = ps_ox_child(rpr, "lang");
	const char *v = lang != NULL ? ps_ox_attr(lang, "val") : NULL;

	return v != NULL ? ps_wt_meta(&d->wt, PS_F_LANG, v) : PROCSEC_OK;
}

static int read_styles(struct docx *d, xmlDocPtr styles)
{
	const xmlNode *root = xmlDocGetRootElement(styles), *s;
	size_t n = 0;

	for (s = root->children; s != NULL; s = s->next)
		n += ps_ox_is(s, "style");
	d->styles = calloc(n < MAX_STYLES ? n + 1 : MAX_STYLES, sizeof(*d->styles));
	if (d->styles == NULL)
		return ps_ox_nomem(&d->wt);
	for (s = root->children; s != NULL && d->nstyles < MAX_STYLES;
	     s = s->next)
		if (ps_ox_is(s, "style"))
			read_style(&d->styles[d->nstyles++], s);
	qsort(d->styles, d->nstyles, sizeof(*d->styles), compare_ids);
	return default_lang(d, root);
}

/* ---- paragraphs ------------------------------------------------------ */

/* Elements whose content is not the document's text. */
static const char *const skipped_names[] = {
	"del", "moveFrom", "delText", "instrText", "pPr", "rPr", "Fallback",
	"commentReference", "annotationRef", "tblPr", NULL,
};

/* Containers of blocks: content controls, tracked insertions. */
static const char *const block_containers[] = {
	"sdt", "sdtContent", "customXml", "ins", "body", NULL,
};

static int skipped(const xmlNode *n)
{
	return ps_ox_is_one(n, skipped_names);
}

static void collect(struct ps_ox_para *p, const xmlNode *node)
{
	const xmlNode *n;

	for (n = node->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (ps_ox_is(n, "t") && n->children != NULL &&
		    n->children->type == XML_TEXT_NODE)
			ps_wt_buf_add(&p->text, (const char *)n->children->content,
			              strlen((const char *)n->children->content));
		else if (ps_ox_is(n, "tab") || ps_ox_is(n, "br") || ps_ox_is(n, "cr"))
			ps_wt_buf_add(&p->text, " ", 1);
		else if (ps_ox_is(n, "noBreakHyphen"))
			ps_wt_buf_add(&p->text, "-", 1);
		else if (ps_ox_is(n, "footnoteReference") || ps_ox_is(n, "txbxContent"))
			ps_ox_add_aside(p, n);
		else
			collect(p, n);
	}
}

static const xmlNode *find_footnote(const struct docx *d, const char *id)
{
	const xmlNode *f;

	if (d->footnotes == NULL || id == NULL)
		return NULL;
	for (f = xmlDocGetRootElement(d->footnotes)->children; f != NULL;
	     f = f->next)
		if (ps_ox_is(f, "footnote") && ps_ox_attr(f, "id") != NULL &&
		    strcmp(ps_ox_attr(f, "id"), id) == 0)
			return f;
	return NULL;
}

/* The text of the paragraphs in a note or text box, one space between. */
static void collect_block(struct ps_ox_para *p, const xmlNode *node)
{
	const xmlNode *n;

	for (n = node->children; n != NULL; n = n->next) {
		if (ps_ox_is(n, "p")) {
			if (p->text.len > 0)
				ps_wt_buf_add(&p->text, " ", 1);
			collect(p, n);
		} else if (n->type == XML_ELEMENT_NODE && !skipped(n)) {
			collect_block(p, n);
		}
	}
}

static int read_aside(struct docx *d, const xmlNode *node)
{
	int note = ps_ox_is(node, "footnoteReference");
	const xmlNode *body =
		note ? find_footnote(d, ps_ox_attr(node, "id")) : node;

	if (body == NULL)
		return PROCSEC_OK;
	return ps_ox_aside(&d->wt, body, note ? ++d->footnote_no : 0,
	                   collect_block);
}

static int compare_numbers(const void *a, const void *b)
{
	return strcmp(((const struct numbering *)a)->id,
	              ((const struct numbering *)b)->id);
}

static const struct numbering *find_numbering(const struct numbering *list,
                                              size_t n, const char *id)
{
	struct numbering key = { id, 0 };

	if (id == NULL || n == 0)
		return NULL;
	return bsearch(&key, list, n, sizeof(key), compare_numbers);
}

/* The levels (bit 0: level 1) of an abstractNum that show a number:
 * a numFmt other than "none" or "bullet" (LibreOffice ties headings to
 * an outline list whose levels show nothing). */
static unsigned shown_levels(const xmlNode *abstract)
{
	const xmlNode *lvl;
	unsigned mask = 0;

	for (lvl = abstract->children; lvl != NULL; lvl = lvl->next) {
		const char *ilvl = ps_ox_attr(lvl, "ilvl");
		const char *fmt = child_val(lvl, "numFmt");

		if (ps_ox_is(lvl, "lvl") && ilvl != NULL && ilvl[0] >= '0' &&
		    ilvl[0] <= '8' && ilvl[1] == '\0' && fmt != NULL &&
		    strcmp(fmt, "none") != 0 && strcmp(fmt, "bullet") != 0)
			mask |= 1u << (ilvl[0] - '0');
	}
	return mask;
}

/* Fills list (room for every child of root) with the named entries. */
static size_t collect_numbering(const xmlNode *root, const char *name,
                                struct numbering *list,
                                const struct numbering *abstracts,
                                size_t nabstracts)
{
	const xmlNode *n;
	size_t count = 0;

	for (n = root->children; n != NULL; n = n->next) {
		const struct numbering *a;

		if (!ps_ox_is(n, name))
			continue;
		list[count].id = ps_ox_attr(n, abstracts == NULL ? "abstractNumId"
		                                                 : "numId");
		if (list[count].id == NULL)
			continue;
		a = find_numbering(abstracts, nabstracts,
		                   child_val(n, "abstractNumId"));
		list[count++].mask = abstracts == NULL ? shown_levels(n)
		                     : a != NULL       ? a->mask
		                                       : 0;
	}
	qsort(list, count, sizeof(*list), compare_numbers);
	return count;
}

/* numbering.xml as numId -> the levels that show a number, by index. */
static int read_numbering(struct docx *d)
{
	const xmlNode *root = xmlDocGetRootElement(d->numbering), *n;
	struct numbering *abstracts;
	size_t count = 1, nabstracts;

	for (n = root->children; n != NULL; n = n->next)
		count++;
	abstracts = calloc(count, sizeof(*abstracts));
	d->nums = calloc(count, sizeof(*d->nums));
	if (abstracts == NULL || d->nums == NULL) {
		free(abstracts);
		return ps_ox_nomem(&d->wt);
	}
	nabstracts = collect_numbering(root, "abstractNum", abstracts, NULL, 0);
	d->nnums = collect_numbering(root, "num", d->nums, abstracts, nabstracts);
	free(abstracts);
	return PROCSEC_OK;
}

/* Whether numbering num_pr shows a number at heading level `level`. */
static int shows_number(const struct docx *d, const xmlNode *num_pr,
                        int level)
{
	const char *ilvl = child_val(num_pr, "ilvl");
	const struct numbering *num;
	int at = level - 1;

	if (num_pr == NULL)
		return 0;
	num = find_numbering(d->nums, d->nnums, child_val(num_pr, "numId"));
	if (ilvl != NULL && ilvl[0] >= '0' && ilvl[0] <= '8' && ilvl[1] == '\0')
		at = ilvl[0] - '0';
	return num != NULL && (num->mask >> at) & 1u;
}

static int emit_paragraph(struct docx *d, const xmlNode *node,
                          struct ps_ox_para *p)
{
	const xmlNode *ppr = ps_ox_child(node, "pPr");
	const xmlNode *num_pr = ps_ox_child(ppr, "numPr");
	int level = 0, title = 0;
	const char *text = p->text.s != NULL ? p->text.s : "";

	resolve_style(d, child_val(ppr, "pStyle"), &level, &title, &num_pr);
	if (outline_level(ppr) > 0)
		level = outline_level(ppr);
	if (title && level == 0)
		return ps_wt_title(&d->wt, text, p->text.len);
	if (level > 0)
		return ps_wt_heading(&d->wt, level, shows_number(d, num_pr, level),
		                     text, p->text.len);
	return ps_wt_paragraph(&d->wt, text, p->text.len);
}

static int read_paragraph(struct docx *d, const xmlNode *node)
{
	struct ps_ox_para p;
	size_t i;
	int rc;

	memset(&p, 0, sizeof(p));
	collect(&p, node);
	rc = p.text.failed ? ps_ox_nomem(&d->wt) : emit_paragraph(d, node, &p);
	for (i = 0; i < p.nasides && rc == PROCSEC_OK; i++)
		rc = read_aside(d, p.aside[i]);
	ps_wt_buf_free(&p.text);
	return rc;
}

/* ---- tables ------------------------------------------------------------ */

static int read_table(struct docx *d, const xmlNode *tbl)
{
	const xmlNode *tr;
	int rc = PROCSEC_OK;

	ps_wt_table_start(&d->wt);
	for (tr = tbl->children; tr != NULL && rc == PROCSEC_OK; tr = tr->next)
		if (ps_ox_is(tr, "tr"))
			rc = ps_ox_row(&d->wt, tr, "tc", collect_block);
	return rc;
}

/* The body and block containers in it (content controls, insertions). */
static int read_blocks(struct docx *d, const xmlNode *parent)
{
	const xmlNode *n;
	int rc = PROCSEC_OK;

	for (n = parent->children; n != NULL && rc == PROCSEC_OK; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (ps_ox_is(n, "p"))
			rc = read_paragraph(d, n);
		else if (ps_ox_is(n, "tbl"))
			rc = read_table(d, n);
		else if (ps_ox_is_one(n, block_containers))
			rc = read_blocks(d, n);
	}
	return rc;
}

/* ---- the whole ---------------------------------------------------------- */

static int read_parts(struct docx *d, procsec_error *err)
{
	xmlDocPtr document = NULL, styles = NULL;
	char name[256];
	int rc;

	rc = main_part(d, name, sizeof(name), err);
	if (rc == PROCSEC_OK)
		rc = read_core(d, err);
	if (rc == PROCSEC_OK)
		rc = ps_zip_xml(d->zip, "word/styles.xml", 1, &styles, err);
	if (rc == PROCSEC_OK && styles != NULL)
		rc = read_styles(d, styles);
	if (rc == PROCSEC_OK)
		rc = ps_zip_xml(d->zip, "word/footnotes.xml", 1, &d->footnotes, err);
	if (rc == PROCSEC_OK)
		rc = ps_zip_xml(d->zip, "word/numbering.xml", 1, &d->numbering, err);
	if (rc == PROCSEC_OK && d->numbering != NULL)
		rc = read_numbering(d);
	if (rc == PROCSEC_OK)
		rc = ps_zip_xml(d->zip, name, 0, &document, err);
	if (rc == PROCSEC_OK)
		rc = read_blocks(d, xmlDocGetRootElement(document));
	xmlFreeDoc(document);
	xmlFreeDoc(styles);
	return rc;
}

procsec_doc *ps_read_docx(struct ps_zip *zip,
                          const struct procsec_options *opts,
                          procsec_error *err)
{
	struct docx d;
	procsec_doc *doc;

	memset(&d, 0, sizeof(d));
	d.zip = zip;
	if (ps_wt_start(&d.wt, ps_zip_source(zip), "docx", opts, err) ==
	    PROCSEC_OK &&
	    read_parts(&d, err) != PROCSEC_OK && d.wt.b.code == PROCSEC_OK)
		d.wt.b.code = err->code; /* an error of the container or XML */
	doc = d.wt.b.code == PROCSEC_OK ? ps_wt_finish(&d.wt)
	                                : ps_build_finish(&d.wt.b);
	free(d.styles);
	xmlFreeDoc(d.footnotes);
	xmlFreeDoc(d.numbering);
	free(d.nums);
	return doc;
}
