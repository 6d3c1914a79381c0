/*
 * json_load.h -- parsing untrusted JSON with cJSON, strictly, and
 * remembering where every value is.
 */
#ifndef PROCSEC_JSON_LOAD_H
#define PROCSEC_JSON_LOAD_H

#include <cjson/cJSON.h>

#include "internal.h"

struct ps_json {
	cJSON *root;
	const char *text; /* the caller's bytes; must outlive this */
	size_t len;
	const char *source;
	/* value -> byte offset, an open-addressing table keyed by node */
	const cJSON **keys;
	size_t *offsets;
	size_t *key_offsets; /* where a member's key starts */
	size_t slots;
	/* byte offset of every line start, for offset -> line/column */
	size_t *line_starts;
	/* characters (not bytes) before each CHAR_MARK_BYTES-th byte, so
	 * that a column on a long line is found without counting it all */
	size_t *char_marks;
	size_t lines;
};

/*
 * Parses bytes (which must be followed by a NUL byte, not counted in len)
 * into j.  Rejects invalid UTF-8, raw control characters and U+0000 in
 * strings, numbers outside the JSON grammar, nesting beyond the depth
 * limit and duplicate keys, each with its line and column and, where it
 * is known, its JSON Pointer.  Free j with ps_json_free() in any case.
 */
int ps_json_load(struct ps_json *j, const char *source, const char *bytes,
                 size_t len, const struct procsec_options *opts,
                 procsec_error *err);
void ps_json_free(struct ps_json *j);

/* The line and column where a value starts; 0 and 0 if unknown. */
void ps_json_position(const struct ps_json *j, const cJSON *node, int *line,
                      int *column);

/* The line and column of a member's key; for other values, the value's. */
void ps_json_key_position(const struct ps_json *j, const cJSON *node,
                          int *line, int *column);

/* Appends a JSON Pointer reference token (escaping ~ and /) to dst. */
void ps_json_pointer_append(char *dst, size_t size, const char *token);

#endif
