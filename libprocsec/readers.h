/*
 * readers.h -- the native format's readers: syntax tree -> model.
 */
#ifndef PROCSEC_READERS_H
#define PROCSEC_READERS_H

#include "doc.h"

#define PS_TENDER_NS "urn:procsec:tender:1"

struct _xmlDoc;

/* Each returns the document, or NULL with err filled. */
procsec_doc *ps_read_tender_xml_tree(const char *source, struct _xmlDoc *xml,
                                     const struct procsec_options *opts,
                                     procsec_error *err);
struct ps_json;
procsec_doc *ps_read_tender_json_tree(const char *source,
                                      const struct ps_json *json,
                                      const struct procsec_options *opts,
                                      procsec_error *err);

#endif
