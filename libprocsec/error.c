/*
 * error.c -- filling the caller's procsec_error.
 *
 * Nothing here allocates, so even an out-of-memory failure can be
 * reported.  The first error of a call wins: later, derived failures on
 * the way out must not overwrite the precise cause.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static void copy_field(char *dst, size_t size, const char *src)
{
	if (src == NULL)
		src = "";
	snprintf(dst, size, "%s", src);
}

void ps_error_clear(procsec_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
	err->offset = -1;
}

int ps_verror(procsec_error *err, int code, const struct ps_where *where,
              const char *fmt, va_list ap)
{
	if (err == NULL || err->code != PROCSEC_OK)
		return code;
	err->code = code;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	if (where == NULL)
		return code;
	copy_field(err->source, sizeof(err->source), where->source);
	copy_field(err->pointer, sizeof(err->pointer), where->pointer);
	err->line = where->line;
	err->column = where->column;
	err->offset = where->offset;
	return code;
}

int ps_error(procsec_error *err, int code, const struct ps_where *where,
             const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ps_verror(err, code, where, fmt, ap);
	va_end(ap);
	return code;
}

int ps_error_nomem(procsec_error *err)
{
	return ps_error(err, PROCSEC_ENOMEM, NULL, "out of memory");
}
