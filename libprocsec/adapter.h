/*
 * adapter.h -- format adapters: data files in rules/formats that
 * say how to recognise a format and how to fill the tender model from
 * it, with XPath 1.0 for XML formats and a small path dialect for JSON
 * formats (docs/formats.md).  The native formats are adapters whose
 * mapping is the built-in reader.
 */
#ifndef PROCSEC_ADAPTER_H
#define PROCSEC_ADAPTER_H

#include <cjson/cJSON.h>

#include "doc.h"
#include "json_load.h"

/* An adapter file compiled into the library. */
struct ps_bundled_format {
	const char *path; /* rules/formats/NAME.json, for messages */
	const char *text;
	size_t len;
};

extern const struct ps_bundled_format ps_bundled_formats[];

/* ZIP: the Word and OpenDocument containers, read by container.c. */
enum ps_syntax { PS_SYNTAX_XML, PS_SYNTAX_JSON, PS_SYNTAX_ZIP };

/* One adapter, read and checked. */
struct ps_adapter {
	struct ps_json json; /* the adapter file with positions */
	const char *source;  /* its path, for messages */
	const cJSON *spec;   /* the root object */
	const char *name;
	const char *title;
	enum ps_syntax syntax;
	int native;          /* mapped by the built-in reader */
	const char *refuse;  /* recognised, but not a tender: why */
};

/* The adapters in force: the bundled ones, then those the options add. */
struct ps_adapters {
	struct ps_adapter *items;
	size_t count;
	size_t shared; /* the first ones are the bundled set, read once */
};

int ps_adapters_load(struct ps_adapters *out,
                     const struct procsec_options *opts, procsec_error *err);
void ps_adapters_free(struct ps_adapters *set);
const struct ps_adapter *ps_adapters_find(const struct ps_adapters *set,
                                          const char *name);

/* Reads and checks one adapter file held in memory (adapter_spec.c). */
int ps_adapter_read(struct ps_adapter *a, const char *source,
                    const char *text, size_t len, procsec_error *err);
void ps_adapter_free(struct ps_adapter *a);

/* Documents read from one input: most inputs hold one, packages many. */
struct ps_doc_list {
	procsec_doc **items;
	size_t count;
	size_t cap;
};

int ps_doc_list_add(struct ps_doc_list *list, procsec_doc *doc,
                    procsec_error *err);
void ps_doc_list_free(struct ps_doc_list *list);

/*
 * Maps an XML or JSON input with adapter a (adapter_xml.c,
 * adapter_json.c).  The tree belongs to the caller.
 */
struct _xmlDoc;
int ps_adapt_xml(struct ps_doc_list *out, const struct ps_adapter *a,
                 const char *source, struct _xmlDoc *xml,
                 const struct procsec_options *opts, procsec_error *err);
int ps_adapt_json(struct ps_doc_list *out, const struct ps_adapter *a,
                  const char *source, const struct ps_json *json,
                  const struct procsec_options *opts, procsec_error *err);

/* Whether adapter a claims the input (formats.c). */
int ps_adapter_claims_xml(const struct ps_adapter *a, struct _xmlDoc *xml);
int ps_adapter_claims_json(const struct ps_adapter *a, const cJSON *root);

#endif /* PROCSEC_ADAPTER_H */
