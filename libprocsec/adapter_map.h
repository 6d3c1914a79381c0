/*
 * adapter_map.h -- the part of applying an adapter that does not depend
 * on the syntax: fields, facts, CPV codes, sections, clauses and
 * attachments, each taken with an expression from a node.  The XML and
 * JSON sides supply how an expression selects items at a node.
 */
#ifndef PROCSEC_ADAPTER_MAP_H
#define PROCSEC_ADAPTER_MAP_H

#include "adapter.h"

/* What an expression gives: a node, or a plain string (XPath string(),
 * number or boolean results). */
struct ps_item {
	const void *node;
	const char *text;    /* set when the item is a plain string */
	const char *pointer; /* JSON Pointer of a JSON node */
};

struct ps_items {
	struct ps_item *v;
	size_t count;
	size_t cap;
};

struct ps_mapper;

struct ps_map_ops {
	/* Selects the items path gives at node (at: the path in the adapter,
	 * for errors).  Returns PROCSEC_OK or an error set in the builder. */
	int (*select)(struct ps_mapper *m, const struct ps_item *at,
	              const char *path, const cJSON *where,
	              struct ps_items *out);
	/* The text of an item (scratch memory), or NULL when it has none. */
	const char *(*text)(struct ps_mapper *m, const struct ps_item *it);
	/* The language an item's text is in, as written, or NULL. */
	const char *(*lang)(struct ps_mapper *m, const struct ps_item *it);
	/* Where an item is in the input. */
	void (*where)(struct ps_mapper *m, const struct ps_item *it,
	              struct ps_loc *loc);
};

struct ps_mapper {
	struct ps_build b;
	const struct ps_adapter *adapter;
	const struct ps_map_ops *ops;
	void *impl;
	struct ps_arena *scratch;
	char want_lang[16];   /* BCP 47: the language asked for, or "" */
	char notice_lang[16]; /* the language the input says it is in */
	int took_wanted;      /* some text was found in want_lang */
	struct ps_item taken; /* the node the last value came from, if any */
};

/* Sets a mapper up for adapter a on one input; ps_mapper_end() after. */
int ps_mapper_start(struct ps_mapper *m, const struct ps_adapter *a,
                    const struct ps_map_ops *ops, void *impl,
                    const struct procsec_options *opts, procsec_error *err);
void ps_mapper_end(struct ps_mapper *m);

/* Builds one document from the node the adapter's "documents" gave. */
procsec_doc *ps_map_document(struct ps_mapper *m, const struct ps_item *root,
                             const char *source, procsec_error *err);

int ps_items_push(struct ps_mapper *m, struct ps_items *items,
                  const struct ps_item *it);
void ps_items_free(struct ps_items *items);

/* An error about the adapter itself, at the JSON value where in it. */
int ps_map_adapter_error(struct ps_mapper *m, const cJSON *where,
                         const char *fmt, ...) PS_PRINTF(3, 4);
/* The input costs the adapter more than a limit allows (PROCSEC_ELIMIT). */
int ps_map_limit_error(struct ps_mapper *m, const cJSON *where,
                       const char *fmt, ...) PS_PRINTF(3, 4);

/* Builds a document for every node the adapter's "documents" gives at
 * top (a path, or a list tried in order until one gives nodes). */
int ps_map_all(struct ps_mapper *m, struct ps_doc_list *out,
               const char *source, const struct ps_item *top,
               procsec_error *err);

/* ---- adapter_value.c: codes of other standards -> the model's ------- */

/* Each returns the converted value in buf, or NULL when it has none. */
const char *ps_convert_lang(const char *in, char *buf, size_t size);
const char *ps_convert_country(const char *in, char *buf, size_t size);
const char *ps_convert_date(const char *in, char *buf, size_t size);
const char *ps_convert_datetime(const char *in, char *buf, size_t size);
const char *ps_convert_cpv(const char *in, char *buf, size_t size);
const char *ps_convert_number(const char *in, char *buf, size_t size);

/* The conversion named, or NULL when there is none by that name. */
typedef const char *(*ps_convert_fn)(const char *in, char *buf, size_t size);
ps_convert_fn ps_convert_named(const char *name);
extern const char *const ps_convert_names[];

#endif /* PROCSEC_ADAPTER_MAP_H */
