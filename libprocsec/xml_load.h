/*
 * xml_load.h -- parsing untrusted XML with libxml2, safely.
 */
#ifndef PROCSEC_XML_LOAD_H
#define PROCSEC_XML_LOAD_H

#include <libxml/tree.h>

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

/* The 1-based line and column of an element's start tag, 0 if unknown. */
void ps_xml_position(const xmlNode *node, int *line, int *column);

#endif
