/*
 * zipfix.h -- builds ZIP archives in memory with libzip for the tests
 * of the container readers: Word and OpenDocument parts written by
 * hand, and hostile archives (bombs, "../" names, encrypted entries).
 */
#ifndef PROCSEC_TEST_ZIPFIX_H
#define PROCSEC_TEST_ZIPFIX_H

#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include <procsec.h>

struct zip_part {
	const char *name;
	const char *text;   /* NULL: `size` zero bytes */
	size_t size;
	int encrypt;        /* AES-256 with a password */
};

/* The archive of parts (up to a part with a NULL name); free() it. */
static inline char *zipfix_build(const struct zip_part *parts, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *za;
	char *out = NULL;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	for (; parts->name != NULL; parts++) {
		size_t n = parts->text != NULL ? strlen(parts->text) : parts->size;
		/* libzip frees a buffer it is given, but not an empty one */
		void *copy = n > 0 ? calloc(1, n) : NULL;
		zip_int64_t i;

		if (parts->text != NULL && n > 0)
			memcpy(copy, parts->text, n);
		i = zip_file_add(za, parts->name,
		                 zip_source_buffer(za, n > 0 ? copy : "", n, n > 0),
		                 ZIP_FL_ENC_UTF_8);
		if (parts->encrypt)
			zip_file_set_encryption(za, (zip_uint64_t)i, ZIP_EM_AES_256,
			                        "secret");
	}
	zip_close(za);
	zip_source_open(src);
	zip_source_stat(src, &st);
	out = malloc(st.size + 1);
	*len = (size_t)zip_source_read(src, out, st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

/* Parses the archive of parts as procsec_doc_parse() does with bytes. */
static inline int zipfix_parse(procsec_doc **doc, const struct zip_part *parts,
                               const char *name, const char *format,
                               const procsec_options *opts, procsec_error *err)
{
	size_t len;
	char *bytes = zipfix_build(parts, &len);
	int rc = procsec_doc_parse(doc, name, bytes, len, format, opts, err);

	free(bytes);
	return rc;
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#define DOCX_TYPES                                                          \
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"      \
	"content-types\"><Override PartName=\"/word/document.xml\" "          \
	"ContentType=\"application/vnd.openxmlformats-officedocument."        \
	"wordprocessingml.document.main+xml\"/></Types>"

#endif
