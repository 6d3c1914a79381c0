/*
 * xml_load.h -- parsing untrusted XML with libxml2, safely.
 */
#ifndef PROCSEC_XML_LOAD_H
#define PROCSEC_XML_LOAD_H

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "internal.h"

/*
 * Parses bytes into *out.  No network, no DTD loading, and a document
 * that declares any entity is refused before anything is expanded.
 * Element nodes carry the line and column of their start tag, read with
 * ps_xml_position().  Free *out with xmlFreeDoc().
 */
int ps_xml_load(xmlDocPtr *out, const char *source, const char *bytes,
                size_t len, const struct procsec_options *opts,
                procsec_error *err);

/*
 * libxml2 reports some errors (XPath ones among them) through the
 * thread's error handlers, which print; the library never prints, so
 * every call into libxml2 is made between ps_xml_quiet(), which silences
 * them, and ps_xml_unquiet(), which gives the caller's back.
 */
struct ps_xml_quiet {
	xmlGenericErrorFunc generic;
	void *generic_ctx;
	xmlStructuredErrorFunc structured;
	void *structured_ctx;
};

void ps_xml_quiet(struct ps_xml_quiet *q);
void ps_xml_unquiet(const struct ps_xml_quiet *q);

/* The 1-based line and column of an element's start tag, 0 if unknown. */
void ps_xml_position(const xmlNode *node, int *line, int *column);

#endif
