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

#include "container.h"
#include "readers.h"

#define READ_CHUNK (64 * 1024)

enum format { FORMAT_UNKNOWN, FORMAT_XML, FORMAT_JSON, FORMAT_ZIP };

static const char *const format_names[] = { "procsec-xml", "procsec-json",
	                                    "docx", "odt", NULL };

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

static int named_format(const char *name, enum format *out, procsec_error *err)
{
	const char *hint;

	if (strcmp(name, "procsec-xml") == 0) {
		*out = FORMAT_XML;
		return PROCSEC_OK;
	}
	if (strcmp(name, "procsec-json") == 0) {
		*out = FORMAT_JSON;
		return PROCSEC_OK;
	}
	if (strcmp(name, "docx") == 0 || strcmp(name, "odt") == 0) {
		*out = FORMAT_ZIP;
		return PROCSEC_OK;
	}
	hint = ps_suggest(name, format_names);
	return ps_error(err, PROCSEC_EARG, NULL,
	                "unknown format '%.40s'%s%s%s (known: procsec-xml, "
	                "procsec-json, docx, odt)",
	                name, hint != NULL ? " (did you mean '" : "",
	                hint != NULL ? hint : "", hint != NULL ? "'?)" : "");
}

/*
 * Parses bytes that are followed by a NUL byte not counted in len.
 * err is never NULL here: the entry points give a local one.
 */
static int parse_terminated(procsec_doc **out, const char *source,
                            const char *bytes, size_t len, const char *format,
                            const struct procsec_options *opts,
                            procsec_error *err)
{
	enum format f = FORMAT_UNKNOWN;

	if (format != NULL && named_format(format, &f, err) != PROCSEC_OK)
		return err->code;
	if (format == NULL)
		f = detect(source, (const unsigned char *)bytes, len, err);
	if (f == FORMAT_ZIP)
		*out = ps_read_container(source, bytes, len, format, opts, err);
	else if (f == FORMAT_XML)
		*out = ps_read_tender_xml(source, bytes, len, opts, err);
	else if (f == FORMAT_JSON && starts_with((const unsigned char *)bytes,
	                                         len, "\xEF\xBB\xBF", 3))
		*out = ps_read_tender_json(source, bytes + 3, len - 3, opts, err);
	else if (f == FORMAT_JSON)
		*out = ps_read_tender_json(source, bytes, len, opts, err);
	if (*out != NULL)
		return PROCSEC_OK;
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

PROCSEC_API int procsec_doc_parse(procsec_doc **out, const char *source_name,
                                  const void *bytes, size_t len,
                                  const char *format,
                                  const procsec_options *options,
                                  procsec_error *err)
{
	const struct procsec_options *opts = ps_options_or_default(options);
	const char *source = source_name != NULL ? source_name : "<memory>";
	char *copy;
	procsec_error local;
	int rc;

	if (err == NULL)
		err = &local;
	ps_error_clear(err);
	if (out == NULL || (bytes == NULL && len > 0))
		return ps_error(err, PROCSEC_EARG, NULL, "out or bytes is NULL");
	*out = NULL;
	if (len > opts->input_bytes)
		return too_big(source, len, opts->input_bytes, err);
	copy = malloc(len + 1);
	if (copy == NULL)
		return ps_error_nomem(err);
	if (len > 0)
		memcpy(copy, bytes, len);
	copy[len] = '\0';
	rc = parse_terminated(out, source, copy, len, format, opts, err);
	free(copy);
	return rc;
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

PROCSEC_API int procsec_doc_parse_file(procsec_doc **out, const char *path,
                                       const char *format,
                                       const procsec_options *options,
                                       procsec_error *err)
{
	const struct procsec_options *opts = ps_options_or_default(options);
	char *bytes = NULL;
	size_t len = 0;
	procsec_error local;
	int rc;

	if (err == NULL)
		err = &local;
	ps_error_clear(err);
	if (out == NULL || path == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out or path is NULL");
	*out = NULL;
	rc = ps_read_input(path, opts->input_bytes, &bytes, &len, err);
	if (rc == PROCSEC_OK)
		rc = parse_terminated(out, path, bytes, len, format, opts, err);
	free(bytes);
	return rc;
}
