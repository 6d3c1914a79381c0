/*
 * container.h -- reading office documents (ZIP containers) from memory,
 * safely: every entry is vetted before any is read.
 */
#ifndef PROCSEC_CONTAINER_H
#define PROCSEC_CONTAINER_H

#include <libxml/tree.h>

#include "doc.h"

/*
 * Limits on a container.  The uncompressed total and each entry are
 * also held to the input limit (PROCSEC_LIMIT_INPUT_BYTES), so a
 * container never expands to more than a plain input may be.
 */
#define PS_ZIP_MAX_ENTRIES 10000
/* A ratio above this on an entry bigger than PS_ZIP_RATIO_FLOOR is a
 * bomb: real WordprocessingML compresses some 5 to 30 times. */
#define PS_ZIP_MAX_RATIO 200
#define PS_ZIP_RATIO_FLOOR (1024 * 1024)

struct ps_zip;

/*
 * Opens a ZIP archive held in bytes (borrowed until ps_zip_close) and
 * vets every entry: count, declared sizes, compression ratio, names
 * (no absolute paths, no "..", no backslashes) and encryption.
 * Fails with PROCSEC_EFORMAT (not a ZIP archive), PROCSEC_ELIMIT,
 * PROCSEC_EUNSAFE or PROCSEC_ENOMEM.
 */
int ps_zip_open(struct ps_zip **out, const char *source, const char *bytes,
                size_t len, const struct procsec_options *opts,
                procsec_error *err);
void ps_zip_close(struct ps_zip *zip);

const char *ps_zip_source(const struct ps_zip *zip);
size_t ps_zip_count(const struct ps_zip *zip);
/* The name of entry i, or NULL. */
const char *ps_zip_name(const struct ps_zip *zip, size_t i);
int ps_zip_has(const struct ps_zip *zip, const char *name);

/*
 * Reads entry name whole, NUL-terminated (not counted in *len); free()
 * it.  An entry that holds more than it declared is PROCSEC_ELIMIT.
 */
int ps_zip_read(struct ps_zip *zip, const char *name, char **bytes,
                size_t *len, procsec_error *err);

/*
 * Reads entry name and parses it with ps_xml_load(); errors name the
 * source as "file!entry".  An absent entry gives *out == NULL and
 * PROCSEC_OK when optional, else PROCSEC_EFORMAT.
 */
int ps_zip_xml(struct ps_zip *zip, const char *name, int optional,
               xmlDocPtr *out, procsec_error *err);

/* An error about the container as a whole (no line or column). */
int ps_zip_error(const struct ps_zip *zip, procsec_error *err, int code,
                 const char *fmt, ...) PS_PRINTF(4, 5);

/* ---- docx.c, odt.c: one container format each --------------------- */

procsec_doc *ps_read_docx(struct ps_zip *zip,
                          const struct procsec_options *opts,
                          procsec_error *err);
procsec_doc *ps_read_odt(struct ps_zip *zip, const struct procsec_options *opts,
                         procsec_error *err);

/* Whether bytes start as an OLE compound file (.doc, an encrypted .docx). */
int ps_is_compound_file(const char *bytes, size_t len);

/*
 * Reads a .docx or .odt tender from memory.  format is "docx", "odt",
 * or NULL to tell from the container's content.  An OLE compound file
 * is refused with what it is: password-protected (PROCSEC_EUNSAFE) or
 * a binary .doc (PROCSEC_EFORMAT).
 */
procsec_doc *ps_read_container(const char *source, const char *bytes,
                               size_t len, const char *format,
                               const struct procsec_options *opts,
                               procsec_error *err);

#endif
