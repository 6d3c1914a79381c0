/*
 * odt.c -- OpenDocument text (.odt) -> the blocks of wordtext.c.
 *
 * Reads content.xml (headings are <text:h> with their outline level),
 * meta.xml (title, language) and the default language in styles.xml.
 * Tracked deletions live in <text:tracked-changes> and are not text;
 * insertions stand in the text itself.  Annotations (comments) are not
 * text; notes and text boxes are read after the paragraph that holds
 * them; tables of contents repeat headings and are skipped.  Encrypted
 * documents and documents with macros are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "wordtext.h"

#define MAX_ASIDES 64

struct odt {
	struct ps_wt wt;
	struct ps_zip *zip;
	const xmlNode *automatic; /* office:automatic-styles of content.xml */
	unsigned note_no;
};

struct para {
	struct ps_wt_buf text;
	const xmlNode *aside[MAX_ASIDES];
	size_t nasides;
};

static int is(const xmlNode *node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

static const char *attr(const xmlNode *node, const char *name)
{
	const xmlAttr *a;

	for (a = node->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children != NULL &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static const xmlNode *child(const xmlNode *node, const char *name)
{
	const xmlNode *c;

	for (c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

static int nomem(struct odt *o)
{
	return ps_build_error(&o->wt.b, PROCSEC_ENOMEM, NULL, "out of memory");
}

/* ---- the package ---------------------------------------------------- */

static int refuse_macros(struct odt *o, procsec_error *err)
{
	size_t i, n = ps_zip_count(o->zip);

	for (i = 0; i < n; i++) {
		const char *name = ps_zip_name(o->zip, i);

		if (name != NULL && (strncmp(name, "Basic/", 6) == 0 ||
		                     strncmp(name, "Scripts/", 8) == 0))
			return ps_zip_error(o->zip, err, PROCSEC_EUNSAFE,
			                    "the document holds macros ('%.100s'): "
			                    "refused, since macros can run code; save "
			                    "it without macros",
			                    name);
	}
	return PROCSEC_OK;
}

static const xmlNode *find(const xmlNode *node, const char *name)
{
	const xmlNode *c, *hit;

	for (c = node->children; c != NULL; c = c->next) {
		if (is(c, name))
			return c;
		if (c->type == XML_ELEMENT_NODE && (hit = find(c, name)) != NULL)
			return hit;
	}
	return NULL;
}

static int refuse_encrypted(struct odt *o, procsec_error *err)
{
	xmlDocPtr manifest;
	int rc = ps_zip_xml(o->zip, "META-INF/manifest.xml", 1, &manifest, err);

	if (rc != PROCSEC_OK || manifest == NULL)
		return rc;
	if (find(xmlDocGetRootElement(manifest), "encryption-data") != NULL)
		rc = ps_zip_error(o->zip, err, PROCSEC_EUNSAFE,
		                  "the document is encrypted: save it without a "
		                  "password");
	xmlFreeDoc(manifest);
	return rc;
}

static int meta_text(struct odt *o, const xmlNode *node, enum ps_field f)
{
	xmlChar *text = xmlNodeGetContent(node);
	int rc;

	if (text == NULL)
		return nomem(o);
	rc = ps_wt_meta(&o->wt, f, (const char *)text);
	xmlFree(text);
	return rc;
}

static int read_meta(struct odt *o, procsec_error *err)
{
	xmlDocPtr meta;
	const xmlNode *m;
	int rc = ps_zip_xml(o->zip, "meta.xml", 1, &meta, err);

	if (rc != PROCSEC_OK || meta == NULL)
		return rc;
	m = child(xmlDocGetRootElement(meta), "meta");
	if (m != NULL && child(m, "title") != NULL)
		rc = meta_text(o, child(m, "title"), PS_F_TITLE);
	if (rc == PROCSEC_OK && m != NULL && child(m, "language") != NULL)
		rc = meta_text(o, child(m, "language"), PS_F_LANG);
	xmlFreeDoc(meta);
	return rc;
}

/* The paragraph default language in styles.xml: fo:language, fo:country. */
static int read_default_lang(struct odt *o, procsec_error *err)
{
	xmlDocPtr styles;
	const xmlNode *s, *props = NULL;
	char lang[32];
	int rc = ps_zip_xml(o->zip, "styles.xml", 1, &styles, err);

	if (rc != PROCSEC_OK || styles == NULL)
		return rc;
	s = child(xmlDocGetRootElement(styles), "styles");
	for (s = s != NULL ? s->children : NULL; s != NULL; s = s->next)
		if (is(s, "default-style") && attr(s, "family") != NULL &&
		    strcmp(attr(s, "family"), "paragraph") == 0)
			props = child(s, "text-properties");
	if (props != NULL && attr(props, "language") != NULL) {
		snprintf(lang, sizeof(lang), "%s%s%s", attr(props, "language"),
		         attr(props, "country") != NULL ? "-" : "",
		         attr(props, "country") != NULL ? attr(props, "country")
		                                        : "");
		rc = ps_wt_meta(&o->wt, PS_F_LANG, lang);
	}
	xmlFreeDoc(styles);
	return rc;
}

/* ---- paragraphs --------------------------------------------------- */

static int skipped(const xmlNode *n)
{
	return is(n, "tracked-changes") || is(n, "annotation") ||
	       is(n, "note-citation") || is(n, "table-of-content") ||
	       is(n, "illustration-index") || is(n, "table-index") ||
	       is(n, "alphabetical-index") || is(n, "bibliography") ||
	       is(n, "title") || is(n, "desc");
}

static void collect(struct para *p, const xmlNode *node)
{
	const xmlNode *n;

	for (n = node->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE)
			ps_wt_buf_add(&p->text, (const char *)n->content,
			              strlen((const char *)n->content));
		else if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		else if (is(n, "s") || is(n, "tab") || is(n, "line-break"))
			ps_wt_buf_add(&p->text, " ", 1);
		else if (is(n, "number")) {
			collect(p, n);
			ps_wt_buf_add(&p->text, " ", 1);
		} else if ((is(n, "note") || is(n, "text-box")) &&
		           p->nasides < MAX_ASIDES)
			p->aside[p->nasides++] = n;
		else
			collect(p, n);
	}
}

/* The paragraphs inside a note, text box or table cell, joined. */
static void collect_block(struct para *p, const xmlNode *node)
{
	const xmlNode *n;

	for (n = node->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (is(n, "p") || is(n, "h")) {
			if (p->text.len > 0)
				ps_wt_buf_add(&p->text, " ", 1);
			collect(p, n);
		} else {
			collect_block(p, n);
		}
	}
}

static int read_aside(struct odt *o, const xmlNode *node)
{
	struct para inner;
	int note = is(node, "note"), rc;
	const xmlNode *body = note ? child(node, "note-body") : node;

	if (body == NULL)
		return PROCSEC_OK;
	memset(&inner, 0, sizeof(inner));
	collect_block(&inner, body);
	if (note)
		o->note_no++;
	rc = inner.text.failed
	             ? nomem(o)
	             : ps_wt_aside(&o->wt, note ? "fotnot" : "textruta",
	                           note ? "footnote" : "text box",
	                           note ? o->note_no : 0,
	                           inner.text.s != NULL ? inner.text.s : "",
	                           inner.text.len);
	ps_wt_buf_free(&inner.text);
	return rc;
}

/* Whether a paragraph's style is Title, or an automatic style of it. */
static int title_style(const struct odt *o, const char *name)
{
	const xmlNode *s;

	if (name == NULL)
		return 0;
	if (strcmp(name, "Title") == 0)
		return 1;
	for (s = o->automatic != NULL ? o->automatic->children : NULL; s != NULL;
	     s = s->next)
		if (is(s, "style") && attr(s, "name") != NULL &&
		    strcmp(attr(s, "name"), name) == 0)
			return attr(s, "parent-style-name") != NULL &&
			       strcmp(attr(s, "parent-style-name"), "Title") == 0;
	return 0;
}

static int emit(struct odt *o, const xmlNode *node, const struct para *p)
{
	const char *text = p->text.s != NULL ? p->text.s : "";
	const char *level = attr(node, "outline-level");

	if (is(node, "h"))
		return ps_wt_heading(&o->wt, level != NULL ? atoi(level) : 1, 0,
		                     text, p->text.len);
	if (title_style(o, attr(node, "style-name")))
		return ps_wt_title(&o->wt, text, p->text.len);
	return ps_wt_paragraph(&o->wt, text, p->text.len);
}

static int read_paragraph(struct odt *o, const xmlNode *node)
{
	struct para p;
	size_t i;
	int rc;

	memset(&p, 0, sizeof(p));
	collect(&p, node);
	rc = p.text.failed ? nomem(o) : emit(o, node, &p);
	for (i = 0; i < p.nasides && rc == PROCSEC_OK; i++)
		rc = read_aside(o, p.aside[i]);
	ps_wt_buf_free(&p.text);
	return rc;
}

/* ---- tables ---------------------------------------------------------- */

static int emit_row(struct odt *o, const xmlNode *tr)
{
	struct para cells[PS_WT_MAX_CELLS];
	struct ps_wt_text text[PS_WT_MAX_CELLS] = { { NULL, 0 } };
	const xmlNode *tc;
	size_t n = 0, i;
	int failed = 0, rc;

	for (tc = tr->children; tc != NULL && n < PS_WT_MAX_CELLS; tc = tc->next) {
		if (!is(tc, "table-cell"))
			continue; /* covered cells of a merge hold nothing */
		memset(&cells[n], 0, sizeof(cells[n]));
		collect_block(&cells[n], tc);
		n++;
	}
	for (i = 0; i < n; i++) {
		failed |= cells[i].text.failed;
		text[i].s = cells[i].text.s != NULL ? cells[i].text.s : "";
		text[i].len = cells[i].text.len;
	}
	rc = failed ? nomem(o) : ps_wt_row(&o->wt, text, n);
	for (i = 0; i < n; i++)
		ps_wt_buf_free(&cells[i].text);
	return rc;
}

/* Rows, also inside header-rows, rows and row-group wrappers. */
static int read_rows(struct odt *o, const xmlNode *parent)
{
	const xmlNode *n;
	int rc = PROCSEC_OK;

	for (n = parent->children; n != NULL && rc == PROCSEC_OK; n = n->next)
		if (is(n, "table-row"))
			rc = emit_row(o, n);
		else if (is(n, "table-header-rows") || is(n, "table-rows") ||
		         is(n, "table-row-group"))
			rc = read_rows(o, n);
	return rc;
}

static int read_blocks(struct odt *o, const xmlNode *parent)
{
	const xmlNode *n;
	int rc = PROCSEC_OK;

	for (n = parent->children; n != NULL && rc == PROCSEC_OK; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (is(n, "p") || is(n, "h")) {
			rc = read_paragraph(o, n);
		} else if (is(n, "table")) {
			ps_wt_table_start(&o->wt);
			rc = read_rows(o, n);
		} else {
			rc = read_blocks(o, n); /* lists, sections, body */
		}
	}
	return rc;
}

/* ---- the whole ------------------------------------------------------- */

static int read_parts(struct odt *o, procsec_error *err)
{
	xmlDocPtr content = NULL;
	const xmlNode *body;
	int rc;

	rc = refuse_macros(o, err);
	if (rc == PROCSEC_OK)
		rc = refuse_encrypted(o, err);
	if (rc == PROCSEC_OK)
		rc = read_meta(o, err);
	if (rc == PROCSEC_OK)
		rc = read_default_lang(o, err);
	if (rc == PROCSEC_OK)
		rc = ps_zip_xml(o->zip, "content.xml", 0, &content, err);
	if (rc == PROCSEC_OK) {
		o->automatic = child(xmlDocGetRootElement(content),
		                     "automatic-styles");
		body = child(child(xmlDocGetRootElement(content), "body"), "text");
		if (body == NULL)
			rc = ps_zip_error(o->zip, err, PROCSEC_EFORMAT,
			                  "not an OpenDocument text: content.xml has "
			                  "no <office:body><office:text>");
		else
			rc = read_blocks(o, body);
	}
	xmlFreeDoc(content);
	return rc;
}

procsec_doc *ps_read_odt(struct ps_zip *zip, const struct procsec_options *opts,
                         procsec_error *err)
{
	struct odt o;

	memset(&o, 0, sizeof(o));
	o.zip = zip;
	if (ps_wt_start(&o.wt, ps_zip_source(zip), "odt", opts, err) ==
	    PROCSEC_OK &&
	    read_parts(&o, err) != PROCSEC_OK && o.wt.b.code == PROCSEC_OK)
		o.wt.b.code = err->code;
	return o.wt.b.code == PROCSEC_OK ? ps_wt_finish(&o.wt)
	                                 : ps_build_finish(&o.wt.b);
}
