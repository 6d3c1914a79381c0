/*
 * diags.c -- the collector of every problem, for lint and for packs.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pack.h"

struct procsec_diags {
	struct ps_vec items; /* procsec_error */
};

PROCSEC_API int procsec_diags_new(procsec_diags **out, procsec_error *err)
{
	procsec_diags *diags;

	ps_error_clear(err);
	if (out == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out is NULL");
	diags = calloc(1, sizeof(*diags));
	if (diags == NULL)
		return ps_error_nomem(err);
	ps_vec_init(&diags->items, sizeof(procsec_error));
	*out = diags;
	return PROCSEC_OK;
}

PROCSEC_API size_t procsec_diags_count(const procsec_diags *diags)
{
	return diags != NULL ? diags->items.count : 0;
}

PROCSEC_API const procsec_error *procsec_diags_at(const procsec_diags *diags,
                                                  size_t i)
{
	return diags != NULL ? ps_vec_at(&diags->items, i) : NULL;
}

PROCSEC_API void procsec_diags_free(procsec_diags *diags)
{
	if (diags == NULL)
		return;
	ps_vec_free(&diags->items);
	free(diags);
}

void ps_diag(procsec_diags *diags, procsec_error *err, int code,
             const struct ps_where *where, const char *fmt, ...)
{
	procsec_error one;
	va_list ap;

	ps_error_clear(&one);
	va_start(ap, fmt);
	ps_verror(&one, code, where, fmt, ap);
	va_end(ap);
	if (err != NULL && err->code == PROCSEC_OK)
		*err = one;
	if (diags != NULL) {
		procsec_error *slot = ps_vec_push(&diags->items);

		if (slot != NULL) /* out of memory: the first error still stands */
			*slot = one;
	}
}
