/*
 * officexml.h -- what docx.c and odt.c share in walking their XML:
 * elements and attributes by local name (prefixes vary), a paragraph's
 * text with the notes and text boxes it holds, and table rows.
 */
#ifndef PROCSEC_OFFICEXML_H
#define PROCSEC_OFFICEXML_H

#include <libxml/tree.h>

#include "wordtext.h"

#define PS_OX_MAX_ASIDES 64 /* notes and text boxes kept per paragraph */

/* One paragraph's (or cell's) text and what it points to. */
struct ps_ox_para {
	struct ps_wt_buf text;
	const xmlNode *aside[PS_OX_MAX_ASIDES];
	size_t nasides;
};

/* Adds the paragraphs inside node to p, one space between. */
typedef void (*ps_ox_collect_fn)(struct ps_ox_para *p, const xmlNode *node);

/* An element with this local name. */
int ps_ox_is(const xmlNode *node, const char *name);
/* An attribute by local name, whatever its prefix ("w:val" -> "val"). */
const char *ps_ox_attr(const xmlNode *node, const char *name);
/* An element whose local name is one of names (NULL-terminated). */
int ps_ox_is_one(const xmlNode *node, const char *const *names);
const xmlNode *ps_ox_child(const xmlNode *node, const char *name);
void ps_ox_add_aside(struct ps_ox_para *p, const xmlNode *node);

int ps_ox_nomem(struct ps_wt *wt);
/* The text of node as metadata field f. */
int ps_ox_meta(struct ps_wt *wt, const xmlNode *node, enum ps_field f);
/* A table row of cells named cell, each cell's text by collect. */
int ps_ox_row(struct ps_wt *wt, const xmlNode *tr, const char *cell,
              ps_ox_collect_fn collect);
/* A footnote (n > 0) or text box (n == 0) whose paragraphs are in body. */
int ps_ox_aside(struct ps_wt *wt, const xmlNode *body, unsigned n,
                ps_ox_collect_fn collect);

#endif
