/*
 * officexml.c -- walking the XML of Word and OpenDocument files: the
 * helpers docx.c and odt.c share.
 */
#include <string.h>

#include "officexml.h"

int ps_ox_is(const xmlNode *node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

int ps_ox_is_one(const xmlNode *node, const char *const *names)
{
	for (; *names != NULL; names++)
		if (ps_ox_is(node, *names))
			return 1;
	return 0;
}

const char *ps_ox_attr(const xmlNode *node, const char *name)
{
	const xmlAttr *a;

	for (a = node != NULL ? node->properties : NULL; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children != NULL &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

const xmlNode *ps_ox_child(const xmlNode *node, const char *name)
{
	const xmlNode *c;

	for (c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
		if (ps_ox_is(c, name))
			return c;
	return NULL;
}

void ps_ox_add_aside(struct ps_ox_para *p, const xmlNode *node)
{
	if (p->nasides < PS_OX_MAX_ASIDES)
		p->aside[p->nasides++] = node;
}

int ps_ox_nomem(struct ps_wt *wt)
{
	return ps_build_error(&wt->b, PROCSEC_ENOMEM, NULL, "out of memory");
}

int ps_ox_meta(struct ps_wt *wt, const xmlNode *node, enum ps_field f)
{
	xmlChar *text = xmlNodeGetContent(node);
	int rc;

	if (text == NULL)
		return ps_ox_nomem(wt);
	rc = ps_wt_meta(wt, f, (const char *)text);
	xmlFree(text);
	return rc;
}

int ps_ox_row(struct ps_wt *wt, const xmlNode *tr, const char *cell,
              ps_ox_collect_fn collect)
{
	struct ps_ox_para cells[PS_WT_MAX_CELLS];
	struct ps_wt_text text[PS_WT_MAX_CELLS] = { { NULL, 0 } };
	const xmlNode *tc;
	size_t n = 0, i;
	int failed = 0, rc;

	/* covered cells of an OpenDocument merge have another name */
	for (tc = tr->children; tc != NULL && n < PS_WT_MAX_CELLS; tc = tc->next) {
		if (!ps_ox_is(tc, cell))
			continue;
		memset(&cells[n], 0, sizeof(cells[n]));
		collect(&cells[n], tc);
		n++;
	}
	for (i = 0; i < n; i++) {
		failed |= cells[i].text.failed;
		text[i].s = cells[i].text.s != NULL ? cells[i].text.s : "";
		text[i].len = cells[i].text.len;
	}
	rc = failed ? ps_ox_nomem(wt) : ps_wt_row(wt, text, n);
	for (i = 0; i < n; i++)
		ps_wt_buf_free(&cells[i].text);
	return rc;
}

int ps_ox_aside(struct ps_wt *wt, const xmlNode *body, unsigned n,
                ps_ox_collect_fn collect)
{
	struct ps_ox_para inner;
	int rc;

	memset(&inner, 0, sizeof(inner));
	collect(&inner, body);
	rc = inner.text.failed
	             ? ps_ox_nomem(wt)
	             : ps_wt_aside(wt, n > 0 ? "fotnot" : "textruta",
	                           n > 0 ? "footnote" : "text box", n,
	                           inner.text.s != NULL ? inner.text.s : "",
	                           inner.text.len);
	ps_wt_buf_free(&inner.text);
	return rc;
}
