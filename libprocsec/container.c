/*
 * container.c -- ZIP containers (.docx, .odt) read from memory with
 * libzip, under limits, and the choice of the reader for the content.
 *
 * Every entry is vetted when the archive is opened, before anything is
 * inflated: a zip bomb, a "../" name or an encrypted entry stops the
 * read with a message that says which entry and why.  Nothing outside
 * the archive is ever opened; relationships to external targets are
 * never followed (the readers do not look at relationships at all).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "container.h"
#include "xml_load.h"

struct ps_zip {
	zip_t *za;
	const char *source;
	const struct procsec_options *opts;
	size_t count;
};

int ps_zip_error(const struct ps_zip *zip, procsec_error *err, int code,
                 const char *fmt, ...)
{
	struct ps_where where = { zip->source, 0, 0, -1, NULL };
	va_list ap;

	va_start(ap, fmt);
	ps_verror(err, code, &where, fmt, ap);
	va_end(ap);
	return code;
}

const char *ps_zip_source(const struct ps_zip *zip)
{
	return zip->source;
}

size_t ps_zip_count(const struct ps_zip *zip)
{
	return zip->count;
}

const char *ps_zip_name(const struct ps_zip *zip, size_t i)
{
	return zip_get_name(zip->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
}

int ps_zip_has(const struct ps_zip *zip, const char *name)
{
	return zip_name_locate(zip->za, name, ZIP_FL_ENC_RAW) >= 0;
}

/* A name that could land outside a folder it is unpacked into. */
static int unsafe_name(const char *name)
{
	const char *p = name;

	if (*name == '/' || strchr(name, '\\') != NULL ||
	    (name[0] != '\0' && name[1] == ':'))
		return 1;
	while (p != NULL) {
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return 1;
		p = strchr(p, '/');
		if (p != NULL)
			p++;
	}
	return 0;
}

static int vet_sizes(const struct ps_zip *zip, const zip_stat_t *st,
                     zip_uint64_t *total, procsec_error *err)
{
	size_t limit = zip->opts->input_bytes;

	if (st->size > limit)
		return ps_zip_error(zip, err, PROCSEC_ELIMIT,
		                    "entry '%.100s' unpacks to %llu bytes, over the "
		                    "input limit of %zu bytes",
		                    st->name, (unsigned long long)st->size, limit);
	*total += st->size;
	if (*total > limit)
		return ps_zip_error(zip, err, PROCSEC_ELIMIT,
		                    "the archive unpacks to more than %zu bytes (the "
		                    "input limit)",
		                    limit);
	if (st->size > PS_ZIP_RATIO_FLOOR &&
	    st->size / (st->comp_size > 0 ? st->comp_size : 1) > PS_ZIP_MAX_RATIO)
		return ps_zip_error(zip, err, PROCSEC_ELIMIT,
		                    "entry '%.100s' is compressed more than %d to 1 "
		                    "(%llu bytes from %llu): refused as a zip bomb",
		                    st->name, PS_ZIP_MAX_RATIO,
		                    (unsigned long long)st->size,
		                    (unsigned long long)st->comp_size);
	return PROCSEC_OK;
}

static int vet_entry(const struct ps_zip *zip, zip_uint64_t i,
                     zip_uint64_t *total, procsec_error *err)
{
	zip_stat_t st;

	zip_stat_init(&st);
	if (zip_stat_index(zip->za, i, ZIP_FL_ENC_RAW, &st) != 0 ||
	    !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE) ||
	    !(st.valid & ZIP_STAT_COMP_SIZE))
		return ps_zip_error(zip, err, PROCSEC_ESYNTAX,
		                    "entry %llu of the archive cannot be read",
		                    (unsigned long long)i + 1);
	if (unsafe_name(st.name))
		return ps_zip_error(zip, err, PROCSEC_EUNSAFE,
		                    "entry '%.100s' points outside the archive "
		                    "(absolute path or '..'): refused",
		                    st.name);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		return ps_zip_error(zip, err, PROCSEC_EUNSAFE,
		                    "entry '%.100s' is encrypted: save the document "
		                    "without a password",
		                    st.name);
	return vet_sizes(zip, &st, total, err);
}

static int vet_all(struct ps_zip *zip, procsec_error *err)
{
	zip_int64_t n = zip_get_num_entries(zip->za, 0);
	zip_uint64_t i, total = 0;
	int rc = PROCSEC_OK;

	if (n < 0 || n > PS_ZIP_MAX_ENTRIES)
		return ps_zip_error(zip, err, PROCSEC_ELIMIT,
		                    "the archive has more than %d entries",
		                    PS_ZIP_MAX_ENTRIES);
	zip->count = (size_t)n;
	for (i = 0; i < (zip_uint64_t)n && rc == PROCSEC_OK; i++)
		rc = vet_entry(zip, i, &total, err);
	return rc;
}

static int open_error(const char *source, int zerr, procsec_error *err)
{
	struct ps_where where = { source, 0, 0, -1, NULL };
	zip_error_t ze;
	int rc;

	if (zerr == ZIP_ER_MEMORY)
		return ps_error_nomem(err);
	zip_error_init_with_code(&ze, zerr);
	rc = ps_error(err, PROCSEC_ESYNTAX, &where,
	              "not a readable ZIP archive: %s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return rc;
}

int ps_zip_open(struct ps_zip **out, const char *source, const char *bytes,
                size_t len, const struct procsec_options *opts,
                procsec_error *err)
{
	struct ps_zip *zip;
	zip_error_t ze;
	zip_source_t *src;
	int rc;

	*out = NULL;
	zip = calloc(1, sizeof(*zip));
	if (zip == NULL)
		return ps_error_nomem(err);
	zip->source = source;
	zip->opts = opts;
	zip_error_init(&ze);
	src = zip_source_buffer_create(bytes, len, 0, &ze);
	if (src != NULL)
		zip->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (zip->za == NULL) {
		zip_source_free(src);
		rc = open_error(source, zip_error_code_zip(&ze), err);
		zip_error_fini(&ze);
		free(zip);
		return rc;
	}
	zip_error_fini(&ze);
	rc = vet_all(zip, err);
	if (rc != PROCSEC_OK) {
		ps_zip_close(zip);
		return rc;
	}
	*out = zip;
	return PROCSEC_OK;
}

void ps_zip_close(struct ps_zip *zip)
{
	if (zip == NULL)
		return;
	if (zip->za != NULL)
		zip_discard(zip->za);
	free(zip);
}

/* Reads one open entry of declared size into buf (size + 1 bytes). */
static int read_entry(struct ps_zip *zip, zip_file_t *f, const char *name,
                      char *buf, zip_uint64_t size, procsec_error *err)
{
	zip_uint64_t n = 0;
	zip_int64_t got = 1;

	while (n <= size && got > 0) {
		got = zip_fread(f, buf + n, size + 1 - n);
		if (got > 0)
			n += (zip_uint64_t)got;
	}
	if (got < 0)
		return ps_zip_error(zip, err, PROCSEC_ESYNTAX,
		                    "entry '%.100s' cannot be unpacked: %s", name,
		                    zip_file_strerror(f));
	if (n != size)
		return ps_zip_error(zip, err, PROCSEC_ELIMIT,
		                    "entry '%.100s' unpacks to %s bytes than it "
		                    "declares: refused",
		                    name, n > size ? "more" : "fewer");
	return PROCSEC_OK;
}

int ps_zip_read(struct ps_zip *zip, const char *name, char **bytes,
                size_t *len, procsec_error *err)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;
	int rc;

	*bytes = NULL;
	*len = 0;
	zip_stat_init(&st);
	if (zip_stat(zip->za, name, ZIP_FL_ENC_RAW, &st) != 0)
		return ps_zip_error(zip, err, PROCSEC_EFORMAT,
		                    "the archive has no entry '%.100s'", name);
	buf = malloc((size_t)st.size + 2);
	if (buf == NULL)
		return ps_error_nomem(err);
	f = zip_fopen_index(zip->za, st.index, 0);
	if (f == NULL) {
		free(buf);
		return ps_zip_error(zip, err, PROCSEC_ESYNTAX,
		                    "entry '%.100s' cannot be unpacked: %s", name,
		                    zip_strerror(zip->za));
	}
	rc = read_entry(zip, f, name, buf, st.size, err);
	zip_fclose(f);
	if (rc != PROCSEC_OK) {
		free(buf);
		return rc;
	}
	buf[st.size] = '\0';
	*bytes = buf;
	*len = (size_t)st.size;
	return PROCSEC_OK;
}

int ps_zip_xml(struct ps_zip *zip, const char *name, int optional,
               xmlDocPtr *out, procsec_error *err)
{
	char source[512], *bytes;
	size_t len;
	int rc;

	*out = NULL;
	if (optional && !ps_zip_has(zip, name))
		return PROCSEC_OK;
	rc = ps_zip_read(zip, name, &bytes, &len, err);
	if (rc != PROCSEC_OK)
		return rc;
	snprintf(source, sizeof(source), "%s!%s", zip->source, name);
	rc = ps_xml_load(out, source, bytes, len, zip->opts, err);
	free(bytes);
	return rc;
}

/* ---- which reader --------------------------------------------------- */

static const char odt_mime[] = "application/vnd.oasis.opendocument.text";

static int is_odt(struct ps_zip *zip)
{
	char *mime = NULL;
	size_t len = 0;
	procsec_error ignored;
	int yes;

	if (!ps_zip_has(zip, "mimetype") ||
	    ps_zip_read(zip, "mimetype", &mime, &len, &ignored) != PROCSEC_OK)
		return 0;
	yes = len == strlen(odt_mime) && memcmp(mime, odt_mime, len) == 0;
	free(mime);
	return yes;
}

static int wrong_kind(struct ps_zip *zip, const char *format,
                      procsec_error *err)
{
	if (format == NULL)
		return ps_zip_error(zip, err, PROCSEC_EFORMAT,
		                    "a ZIP archive that is neither a Word document "
		                    "(.docx) nor an OpenDocument text (.odt)");
	return ps_zip_error(zip, err, PROCSEC_EFORMAT,
	                    "not a%s %s document: the archive holds no %s",
	                    strcmp(format, "odt") == 0 ? "n" : "",
	                    strcmp(format, "odt") == 0 ? "OpenDocument text"
	                                               : "Word",
	                    strcmp(format, "odt") == 0
	                            ? "'mimetype' of an OpenDocument text"
	                            : "'[Content_Types].xml'");
}

static const char cfb_magic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/* The stream an encrypted Office document keeps its package in, as the
 * compound file's directory names it (UTF-16LE). */
static const char encrypted_stream[] =
	"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

int ps_is_compound_file(const char *bytes, size_t len)
{
	return len >= 8 && memcmp(bytes, cfb_magic, 8) == 0;
}

static int holds(const char *bytes, size_t len, const char *what, size_t n)
{
	size_t i;

	for (i = 0; i + n <= len; i++)
		if (bytes[i] == what[0] && memcmp(bytes + i, what, n) == 0)
			return 1;
	return 0;
}

/*
 * An OLE compound file is no ZIP archive, but a tender sent as one is
 * either password-protected (Office encrypts the whole .docx into one)
 * or a legacy binary .doc: say which, and what to do.
 */
static void compound_file(const char *source, const char *bytes, size_t len,
                          procsec_error *err)
{
	struct ps_where where = { source, 0, 0, -1, NULL };

	if (holds(bytes, len, encrypted_stream, sizeof(encrypted_stream) - 1))
		ps_error(err, PROCSEC_EUNSAFE, &where,
		         "a password-protected Office document: save it without a "
		         "password");
	else
		ps_error(err, PROCSEC_EFORMAT, &where,
		         "a binary Office document (OLE compound file, such as a "
		         ".doc): save it as .docx or .odt");
}

procsec_doc *ps_read_container(const char *source, const char *bytes,
                               size_t len, const char *format,
                               const struct procsec_options *opts,
                               procsec_error *err)
{
	struct ps_zip *zip;
	procsec_doc *doc = NULL;
	int odt, docx;

	if (ps_is_compound_file(bytes, len)) {
		compound_file(source, bytes, len, err);
		return NULL;
	}
	if (ps_zip_open(&zip, source, bytes, len, opts, err) != PROCSEC_OK)
		return NULL;
	odt = is_odt(zip);
	docx = !odt && ps_zip_has(zip, "[Content_Types].xml");
	if (odt && (format == NULL || strcmp(format, "odt") == 0))
		doc = ps_read_odt(zip, opts, err);
	else if (docx && (format == NULL || strcmp(format, "docx") == 0))
		doc = ps_read_docx(zip, opts, err);
	else
		wrong_kind(zip, format, err);
	ps_zip_close(zip);
	return doc;
}
