/*
 * doc_parse.c -- reading a tender: from a file or memory, within the
 * size limit, in the format named or detected.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "adapter.h"
#include "container.h"
#include "readers.h"
#include "xml_load.h"

#define READ_CHUNK (64 * 1024)

enum format { FORMAT_UNKNOWN, FORMAT_XML, FORMAT_JSON, FORMAT_ZIP };

static int starts_with(const unsigned char *s, size_t len, const char *prefix,
                       size_t n)
{
	return len >= n && memcmp(s, prefix, n) == 0;
}

static enum format undetected(procsec_error *err, const struct ps_where *where,
                              const char *message)
{
	ps_error(err, PROCSEC_EFORMAT, where, "%s", message);
	return FORMAT_UNKNOWN;
}

/* Looks at the first meaningful bytes; sets err when it cannot tell. */
static enum format detect(const char *source, const unsigned char *s,
                          size_t len, procsec_error *err)
{
	struct ps_where where = { source, 1, 1, 0, NULL };
	size_t i = 0;

	if (starts_with(s, len, "PK\3\4", 4) ||
	    ps_is_compound_file((const char *)s, len))
		return FORMAT_ZIP; /* .docx, .odt: container.c tells which */
	if (starts_with(s, len, "\xEF\xBB\xBF", 3))
		i = 3;
	else if (starts_with(s, len, "\xFF\xFE\0\0", 4) ||
	         starts_with(s, len, "\0\0\xFE\xFF", 4))
		return undetected(err, &where,
		                "UTF-32 input is not supported: save the file as "
		                "UTF-8");
	else if (starts_with(s, len, "\xFF\xFE<", 3) ||
	         starts_with(s, len, "\xFE\xFF\0<", 4))
		return FORMAT_XML; /* UTF-16 is legal XML; libxml2 converts it */
	else if (starts_with(s, len, "\xFF\xFE", 2) ||
	         starts_with(s, len, "\xFE\xFF", 2))
		return undetected(err, &where,
		                "UTF-16 input is supported for XML only: save the "
		                "file as UTF-8");
	while (i < len && strchr(" \t\r\n", s[i]) != NULL && s[i] != '\0')
		i++;
	if (i == len)
		return undetected(err, &where,
		                len == 0 ? "the input is empty"
		                         : "the input holds only whitespace");
	if (s[i] == '<')
		return FORMAT_XML;
	if (s[i] == '{' || s[i] == '[')
		return FORMAT_JSON;
	ps_text_position((const char *)s, i, &where.line, &where.column);
	where.offset = (long)i;
	return undetected(err, &where,
	                  "cannot tell the format: expected XML (starting with "
	                  "'<') or JSON (starting with '{')");
}

static int unknown_format(const struct ps_adapters *set, const char *name,
                          procsec_error *err)
{
	const char *names[64], *hint;
	char known[1024] = "";
	size_t i, n = 0;

	for (i = 0; i < set->count && i + 1 < 64; i++) {
		names[i] = set->items[i].name;
		n += (size_t)snprintf(known + n, n < sizeof(known) ? sizeof(known) - n
		                                                   : 0,
		                      "%s%s", i ? ", " : "", names[i]);
	}
	names[i] = NULL;
	hint = ps_suggest(name, names);
	return ps_error(err, PROCSEC_EARG, NULL,
	                "unknown format '%.40s'%s%s%s (known: %s)", name,
	                hint != NULL ? " (did you mean '" : "",
	                hint != NULL ? hint : "", hint != NULL ? "'?)" : "", known);
}

static const struct ps_adapter *claiming(const struct ps_adapters *set,
                                         xmlDocPtr xml, const cJSON *json)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (xml != NULL ? ps_adapter_claims_xml(&set->items[i], xml)
		                : ps_adapter_claims_json(&set->items[i], json))
			return &set->items[i];
	return NULL;
}

static int refused(const char *source, const struct ps_adapter *a,
                   procsec_error *err)
{
	struct ps_where where = { source, 1, 1, 0, NULL };

	return ps_error(err, PROCSEC_EFORMAT, &where, "not a tender: a %s, %s",
	                a->title, a->refuse);
}

static int add_one(struct ps_doc_list *out, procsec_doc *doc,
                   procsec_error *err)
{
	return doc != NULL ? ps_doc_list_add(out, doc, err) : err->code;
}

/* XML: the adapter named, or the first that claims the root element;
 * with none, the native reader says what a procsec tender looks like. */
static int read_xml(struct ps_doc_list *out, const struct ps_adapters *set,
                    const struct ps_adapter *forced, const char *source,
                    const char *bytes, size_t len,
                    const struct procsec_options *opts, procsec_error *err)
{
	const struct ps_adapter *a = forced;
	xmlDocPtr xml;
	int rc;

	if (ps_xml_load(&xml, source, bytes, len, opts, err) != PROCSEC_OK)
		return err->code;
	if (a == NULL)
		a = claiming(set, xml, NULL);
	if (a != NULL && a->refuse != NULL)
		rc = refused(source, a, err);
	else if (a == NULL || a->native)
		rc = add_one(out, ps_read_tender_xml_tree(source, xml, opts, err),
		             err);
	else
		rc = ps_adapt_xml(out, a, source, xml, opts, err);
	xmlFreeDoc(xml);
	return rc;
}

static int read_json(struct ps_doc_list *out, const struct ps_adapters *set,
                     const struct ps_adapter *forced, const char *source,
                     const char *bytes, size_t len,
                     const struct procsec_options *opts, procsec_error *err)
{
	const struct ps_adapter *a = forced;
	struct ps_json json;
	int rc;

	if (starts_with((const unsigned char *)bytes, len, "\xEF\xBB\xBF", 3)) {
		bytes += 3;
		len -= 3;
	}
	rc = ps_json_load(&json, source, bytes, len, opts, err);
	if (rc == PROCSEC_OK && a == NULL)
		a = claiming(set, NULL, json.root);
	if (rc != PROCSEC_OK)
		;
	else if (a != NULL && a->refuse != NULL)
		rc = refused(source, a, err);
	else if (a == NULL || a->native)
		rc = add_one(out, ps_read_tender_json_tree(source, &json, opts, err),
		             err);
	else
		rc = ps_adapt_json(out, a, source, &json, opts, err);
	ps_json_free(&json);
	return rc;
}

/*
 * Parses bytes that are followed by a NUL byte not counted in len into
 * every tender they hold.  err is never NULL here.
 */
static int parse_terminated(struct ps_doc_list *out, const char *source,
                            const char *bytes, size_t len, const char *format,
                            const struct procsec_options *opts,
                            procsec_error *err)
{
	const struct ps_adapter *forced = NULL;
	struct ps_adapters set;
	enum format f;
	int rc;

	if (ps_adapters_load(&set, opts, err) != PROCSEC_OK)
		return err->code;
	if (format != NULL && (forced = ps_adapters_find(&set, format)) == NULL) {
		rc = unknown_format(&set, format, err);
		f = FORMAT_UNKNOWN;
	} else if (forced != NULL) {
		/* a format named is read as its syntax, so that its errors show */
		f = forced->syntax == PS_SYNTAX_XML    ? FORMAT_XML
		    : forced->syntax == PS_SYNTAX_JSON ? FORMAT_JSON
		                                       : FORMAT_ZIP;
	} else {
		f = detect(source, (const unsigned char *)bytes, len, err);
	}
	if (f == FORMAT_UNKNOWN)
		rc = err->code;
	else if (f == FORMAT_ZIP)
		rc = add_one(out, ps_read_container(source, bytes, len, format, opts,
		                                    err),
		             err);
	else if (f == FORMAT_XML)
		rc = read_xml(out, &set, forced, source, bytes, len, opts, err);
	else
		rc = read_json(out, &set, forced, source, bytes, len, opts, err);
	ps_adapters_free(&set);
	if (rc != PROCSEC_OK)
		ps_doc_list_free(out);
	return rc;
}

/* One tender from an input that may hold several. */
static int only_one(procsec_doc **out, struct ps_doc_list *list,
                    const char *source, procsec_error *err)
{
	struct ps_where where = { source, 0, 0, -1, NULL };

	if (list->count == 1) {
		*out = list->items[0];
		list->count = 0;
		ps_doc_list_free(list);
		return PROCSEC_OK;
	}
	ps_error(err, PROCSEC_EFORMAT, &where,
	         "the input holds %zu tenders (%s documents); read them with "
	         "procsec_docs_parse()",
	         list->count, procsec_doc_format(list->items[0]));
	ps_doc_list_free(list);
	return err->code;
}

static int too_big(const char *source, size_t size, size_t limit,
                   procsec_error *err)
{
	struct ps_where where = { source, 0, 0, -1, NULL };

	return ps_error(err, PROCSEC_ELIMIT, &where,
	                "the input is %zu bytes or more, over the limit of %zu "
	                "bytes",
	                size, limit);
}

/* Every tender in bytes held by the caller. */
static int parse_memory(struct ps_doc_list *list, const char *source,
                        const void *bytes, size_t len, const char *format,
                        const struct procsec_options *opts, procsec_error *err)
{
	char *copy;
	int rc;

	if (len > opts->input_bytes)
		return too_big(source, len, opts->input_bytes, err);
	copy = malloc(len + 1);
	if (copy == NULL)
		return ps_error_nomem(err);
	if (len > 0)
		memcpy(copy, bytes, len);
	copy[len] = '\0';
	rc = parse_terminated(list, source, copy, len, format, opts, err);
	free(copy);
	return rc;
}

PROCSEC_API int procsec_doc_parse(procsec_doc **out, const char *source_name,
                                  const void *bytes, size_t len,
                                  const char *format,
                                  const procsec_options *options,
                                  procsec_error *err)
{
	const char *source = source_name != NULL ? source_name : "<memory>";
	struct ps_doc_list list = { NULL, 0, 0 };
	procsec_error local;

	if (err == NULL)
		err = &local;
	ps_error_clear(err);
	if (out == NULL || (bytes == NULL && len > 0))
		return ps_error(err, PROCSEC_EARG, NULL, "out or bytes is NULL");
	*out = NULL;
	if (parse_memory(&list, source, bytes, len, format,
	                 ps_options_or_default(options), err) != PROCSEC_OK)
		return err->code;
	return only_one(out, &list, source, err);
}

static int io_error(const char *path, int errnum, procsec_error *err)
{
	struct ps_where where = { path, 0, 0, -1, NULL };
	char reason[128] = "unknown error";

	strerror_r(errnum, reason, sizeof(reason));
	return ps_error(err, PROCSEC_EIO, &where, "cannot read: %s", reason);
}

/* Reads all of f, refusing at the limit without allocating past it. */
static int read_all(FILE *f, const char *path, size_t limit, char **out,
                    size_t *len, procsec_error *err)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;

	for (;;) {
		size_t got;

		if (cap - n < READ_CHUNK + 1) {
			size_t want = cap + READ_CHUNK + 1 + cap / 2;
			char *grown = realloc(buf, want);

			if (grown == NULL) {
				free(buf);
				return ps_error_nomem(err);
			}
			buf = grown;
			cap = want;
		}
		got = fread(buf + n, 1, READ_CHUNK, f);
		n += got;
		if (n > limit) {
			free(buf);
			return too_big(path, n, limit, err);
		}
		if (got < READ_CHUNK)
			break;
	}
	if (ferror(f)) {
		int e = errno;

		free(buf);
		return io_error(path, e, err);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return PROCSEC_OK;
}

static int open_input(const char *path, size_t limit, FILE **out,
                      procsec_error *err)
{
	struct stat st;
	FILE *f;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		*out = stdin;
		return PROCSEC_OK;
	}
	f = fopen(path, "rb");
	if (f == NULL)
		return io_error(path, errno, err);
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return io_error(path, EISDIR, err);
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > limit) {
		fclose(f);
		return too_big(path, (size_t)st.st_size, limit, err);
	}
	*out = f;
	return PROCSEC_OK;
}

int ps_read_input(const char *path, size_t limit, char **bytes, size_t *len,
                  procsec_error *err)
{
	FILE *f;
	int rc;

	*bytes = NULL;
	*len = 0;
	rc = open_input(path, limit, &f, err);
	if (rc != PROCSEC_OK)
		return rc;
	rc = read_all(f, path, limit, bytes, len, err);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* Every tender in the file at path. */
static int parse_file(struct ps_doc_list *list, const char *path,
                      const char *format, const struct procsec_options *opts,
                      procsec_error *err)
{
	char *bytes = NULL;
	size_t len = 0;
	int rc = ps_read_input(path, opts->input_bytes, &bytes, &len, err);

	if (rc == PROCSEC_OK)
		rc = parse_terminated(list, path, bytes, len, format, opts, err);
	free(bytes);
	return rc;
}

PROCSEC_API int procsec_doc_parse_file(procsec_doc **out, const char *path,
                                       const char *format,
                                       const procsec_options *options,
                                       procsec_error *err)
{
	struct ps_doc_list list = { NULL, 0, 0 };
	procsec_error local;

	if (err == NULL)
		err = &local;
	ps_error_clear(err);
	if (out == NULL || path == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out or path is NULL");
	*out = NULL;
	if (parse_file(&list, path, format, ps_options_or_default(options),
	               err) != PROCSEC_OK)
		return err->code;
	return only_one(out, &list, path, err);
}

/* ---- inputs that hold several tenders (OCDS packages) ---------------- */

struct procsec_docs {
	struct ps_doc_list list;
};

static int docs_start(procsec_docs **out, procsec_error *err)
{
	ps_error_clear(err);
	if (out == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out is NULL");
	*out = calloc(1, sizeof(**out));
	return *out != NULL ? PROCSEC_OK : ps_error_nomem(err);
}

static int docs_done(procsec_docs **out, int rc)
{
	if (rc != PROCSEC_OK) {
		procsec_docs_free(*out);
		*out = NULL;
	}
	return rc;
}

PROCSEC_API int procsec_docs_parse(procsec_docs **out, const char *source_name,
                                   const void *bytes, size_t len,
                                   const char *format,
                                   const procsec_options *options,
                                   procsec_error *err)
{
	procsec_error local;

	if (err == NULL)
		err = &local;
	if (docs_start(out, err) != PROCSEC_OK)
		return err->code;
	if (bytes == NULL && len > 0)
		return docs_done(out, ps_error(err, PROCSEC_EARG, NULL,
		                               "bytes is NULL"));
	return docs_done(out, parse_memory(&(*out)->list,
	                                   source_name != NULL ? source_name
	                                                       : "<memory>",
	                                   bytes, len, format,
	                                   ps_options_or_default(options), err));
}

PROCSEC_API int procsec_docs_parse_file(procsec_docs **out, const char *path,
                                        const char *format,
                                        const procsec_options *options,
                                        procsec_error *err)
{
	procsec_error local;

	if (err == NULL)
		err = &local;
	if (docs_start(out, err) != PROCSEC_OK)
		return err->code;
	if (path == NULL)
		return docs_done(out, ps_error(err, PROCSEC_EARG, NULL,
		                               "path is NULL"));
	return docs_done(out, parse_file(&(*out)->list, path, format,
	                                 ps_options_or_default(options), err));
}

PROCSEC_API size_t procsec_docs_count(const procsec_docs *docs)
{
	return docs != NULL ? docs->list.count : 0;
}

PROCSEC_API const procsec_doc *procsec_docs_at(const procsec_docs *docs,
                                               size_t i)
{
	return docs != NULL && i < docs->list.count ? docs->list.items[i] : NULL;
}

PROCSEC_API void procsec_docs_free(procsec_docs *docs)
{
	if (docs == NULL)
		return;
	ps_doc_list_free(&docs->list);
	free(docs);
}
