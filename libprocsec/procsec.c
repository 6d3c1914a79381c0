/*
 * procsec.c -- version, error texts, and releasing handed-over strings.
 */
#include <stdlib.h>

#include "internal.h"

PROCSEC_API int procsec_version(void)
{
	return PROCSEC_VERSION_NUMBER;
}

PROCSEC_API const char *procsec_version_string(void)
{
	return PROCSEC_VERSION_STRING;
}

PROCSEC_API const char *procsec_strerror(int code)
{
	switch (code) {
	case PROCSEC_OK:
		return "success";
	case PROCSEC_ENOMEM:
		return "out of memory";
	case PROCSEC_EIO:
		return "cannot read the input";
	case PROCSEC_ESYNTAX:
		return "not well-formed";
	case PROCSEC_ELIMIT:
		return "a limit was reached";
	case PROCSEC_EINVALID:
		return "not a valid document";
	case PROCSEC_EREGEX:
		return "invalid pattern";
	case PROCSEC_EARG:
		return "invalid argument";
	case PROCSEC_EUNSAFE:
		return "refused as unsafe";
	case PROCSEC_EFORMAT:
		return "unknown input format";
	default:
		return "unknown error code";
	}
}

PROCSEC_API void procsec_free(void *ptr)
{
	free(ptr);
}
