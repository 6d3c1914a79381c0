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
#include "officexml.h"

#define MAX_TITLE_STYLES 16

struct odt {
	struct ps_wt wt;
	struct ps_zip *zip;
	/* automatic styles of content.xml that are the Title style */
	const char *titles[MAX_TITLE_STYLES];
	size_t ntitles;
	unsigned note_no;
};

static int nomem(struct odt *o)
{
	return ps_ox_nomem(&o->wt);
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
		if (ps_ox_is(c, name))
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

static int read_meta(struct odt *o, procsec_error *err)
{
	xmlDocPtr meta;
	const xmlNode *m;
	int rc = ps_zip_xml(o->zip, "meta.xml", 1, &meta, err);

	if (rc != PROCSEC_OK || meta == NULL)
		return rc;
	m = ps_ox_child(xmlDocGetRootElement(meta), "meta");
	if (m != NULL && ps_ox_child(m, "title") != NULL)
		rc = ps_ox_meta(&o->wt, ps_ox_child(m, "title"), PS_F_TITLE);
	if (rc == PROCSEC_OK && m != NULL && ps_ox_child(m, "language") != NULL)
		rc = ps_ox_meta(&o->wt, ps_ox_child(m, "language"), PS_F_LANG);
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
	s = ps_ox_child(xmlDocGetRootElement(styles), "styles");
	for (s = s != NULL ? s->children : NULL; s != NULL; s = s->next)
		if (ps_ox_is(s, "default-style") && ps_ox_attr(s, "family") != NULL &&
		    strcmp(ps_ox_attr(s, "family"), "paragraph") == 0)
			props = ps_ox_child(s, "text-properties");
	if (props != NULL && ps_ox_attr(props, "language") != NULL) {
		snprintf(lang, sizeof(lang), "%s%s%s", ps_ox_attr(props, "language"),
		         ps_ox_attr(props, "country") != NULL ? "-" : "",
		         ps_ox_attr(props, "country") != NULL ? ps_ox_attr(props, "country")
		                                        : "");
		rc = ps_wt_meta(&o->wt, PS_F_LANG, lang);
	}
	xmlFreeDoc(styles);
	return rc;
}

/* ---- paragraphs --------------------------------------------------- */

/* Elements whose content is not the document's text. */
static const char *const skipped_names[] = {
	"tracked-changes", "annotation", "note-citation", "table-of-content",
	"illustration-index", "table-index", "alphabetical-index",
	"bibliography", "title", "desc", NULL,
};

static const char *const spaces[] = { "s", "tab", "line-break", NULL };
static const char *const paragraphs[] = { "p", "h", NULL };

static const char *const row_groups[] = {
	"table-header-rows", "table-rows", "table-row-group", NULL,
};

static int skipped(const xmlNode *n)
{
	return ps_ox_is_one(n, skipped_names);
}

static void collect(struct ps_ox_para *p, const xmlNode *node)
{
	const xmlNode *n;

	for (n = node->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE)
			ps_wt_buf_add(&p->text, (const char *)n->content,
			              strlen((const char *)n->content));
		else if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		else if (ps_ox_is_one(n, spaces))
			ps_wt_buf_add(&p->text, " ", 1);
		else if (ps_ox_is(n, "number")) {
			collect(p, n);
			ps_wt_buf_add(&p->text, " ", 1);
		} else if (ps_ox_is(n, "note") || ps_ox_is(n, "text-box"))
			ps_ox_add_aside(p, n);
		else
			collect(p, n);
	}
}

/* The paragraphs inside a note, text box or table cell, joined. */
static void collect_block(struct ps_ox_para *p, const xmlNode *node)
{
	const xmlNode *n;

	for (n = node->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (ps_ox_is_one(n, paragraphs)) {
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
	int note = ps_ox_is(node, "note");
	const xmlNode *body = note ? ps_ox_child(node, "note-body") : node;

	if (body == NULL)
		return PROCSEC_OK;
	return ps_ox_aside(&o->wt, body, note ? ++o->note_no : 0,
	                   collect_block);
}

/* Notes the automatic styles that are the Title style under a new name. */
static void find_title_styles(struct odt *o, const xmlNode *automatic)
{
	const xmlNode *s;

	for (s = automatic != NULL ? automatic->children : NULL;
	     s != NULL && o->ntitles < MAX_TITLE_STYLES; s = s->next) {
		const char *parent = ps_ox_attr(s, "parent-style-name");

		if (ps_ox_is(s, "style") && ps_ox_attr(s, "name") != NULL &&
		    parent != NULL && strcmp(parent, "Title") == 0)
			o->titles[o->ntitles++] = ps_ox_attr(s, "name");
	}
}

/* Whether a paragraph's style is Title, or an automatic style of it. */
static int title_style(const struct odt *o, const char *name)
{
	size_t i;

	if (name == NULL)
		return 0;
	if (strcmp(name, "Title") == 0)
		return 1;
	for (i = 0; i < o->ntitles; i++)
		if (strcmp(o->titles[i], name) == 0)
			return 1;
	return 0;
}

static int emit(struct odt *o, const xmlNode *node,
                const struct ps_ox_para *p)
{
	const char *text = p->text.s != NULL ? p->text.s : "";
	const char *level = ps_ox_attr(node, "outline-level");

	if (ps_ox_is(node, "h"))
		return ps_wt_heading(&o->wt, level != NULL ? atoi(level) : 1, 0,
		                     text, p->text.len);
	if (title_style(o, ps_ox_attr(node, "style-name")))
		return ps_wt_title(&o->wt, text, p->text.len);
	return ps_wt_paragraph(&o->wt, text, p->text.len);
}

static int read_paragraph(struct odt *o, const xmlNode *node)
{
	struct ps_ox_para p;
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

/* Rows, also inside header-rows, rows and row-group wrappers. */
static int read_rows(struct odt *o, const xmlNode *parent)
{
	const xmlNode *n;
	int rc = PROCSEC_OK;

	for (n = parent->children; n != NULL && rc == PROCSEC_OK; n = n->next)
		if (ps_ox_is(n, "table-row"))
			rc = ps_ox_row(&o->wt, n, "table-cell", collect_block);
		else if (ps_ox_is_one(n, row_groups))
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
		if (ps_ox_is_one(n, paragraphs)) {
			rc = read_paragraph(o, n);
		} else if (ps_ox_is(n, "table")) {
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
		const xmlNode *root = xmlDocGetRootElement(content);

		find_title_styles(o, ps_ox_child(root, "automatic-styles"));
		body = ps_ox_child(ps_ox_child(root, "body"), "text");
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
