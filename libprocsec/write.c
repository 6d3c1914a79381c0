/*
 * write.c -- the one door to every writer: a sink, or a string.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write.h"

int ps_out_write(struct ps_out *out, const char *bytes, size_t len)
{
	if (out->failed || len == 0)
		return out->failed;
	if (out->sink(bytes, len, out->payload) != 0)
		out->failed = 1;
	return out->failed;
}

int ps_out_puts(struct ps_out *out, const char *s)
{
	return ps_out_write(out, s, strlen(s));
}

int ps_out_printf(struct ps_out *out, const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return out->failed = 1;
	if ((size_t)n < sizeof(small))
		return ps_out_write(out, small, (size_t)n);
	big = malloc((size_t)n + 1);
	if (big == NULL)
		return out->failed = out->nomem = 1;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ps_out_write(out, big, (size_t)n);
	free(big);
	return out->failed;
}

PROCSEC_API int procsec_report_write(const procsec_report *report,
                                     procsec_output format, procsec_sink sink,
                                     void *payload, procsec_error *err)
{
	struct ps_out out = { sink, payload, 0, 0 };
	int rc;

	ps_error_clear(err);
	if (report == NULL || sink == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "report or sink is NULL");
	switch (format) {
	case PROCSEC_OUT_JSON:
	case PROCSEC_OUT_NDJSON:
		rc = ps_write_json(report, &out, format == PROCSEC_OUT_NDJSON);
		break;
	case PROCSEC_OUT_TEXT:
		rc = ps_write_text(report, &out);
		break;
	case PROCSEC_OUT_SARIF:
		rc = ps_write_sarif(report, &out);
		break;
	case PROCSEC_OUT_JUNIT:
		rc = ps_write_junit(report, &out);
		break;
	case PROCSEC_OUT_HTML:
		rc = ps_write_html(report, &out);
		break;
	default:
		return ps_error(err, PROCSEC_EARG, NULL, "unknown output format %d",
		                (int)format);
	}
	if (rc == PROCSEC_ENOMEM || out.nomem)
		return ps_error_nomem(err);
	if (rc != PROCSEC_OK)
		return ps_error(err, rc, NULL, "the writer of format %d failed",
		                (int)format);
	if (out.failed)
		return ps_error(err, PROCSEC_EIO, NULL, "the output sink stopped");
	return PROCSEC_OK;
}

struct buffer {
	char *data;
	size_t len, cap;
};

static int to_buffer(const char *bytes, size_t len, void *payload)
{
	struct buffer *b = payload;

	if (b->cap - b->len < len + 1) {
		size_t cap = (b->cap + len + 1) * 2;
		char *grown = realloc(b->data, cap);

		if (grown == NULL)
			return 1;
		b->data = grown;
		b->cap = cap;
	}
	memcpy(b->data + b->len, bytes, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

PROCSEC_API int procsec_report_to_string(char **out, size_t *len,
                                         const procsec_report *report,
                                         procsec_output format,
                                         procsec_error *err)
{
	struct buffer b = { NULL, 0, 0 };
	int rc;

	ps_error_clear(err);
	if (out == NULL)
		return ps_error(err, PROCSEC_EARG, NULL, "out is NULL");
	*out = NULL;
	rc = procsec_report_write(report, format, to_buffer, &b, err);
	if (rc == PROCSEC_EIO) { /* our sink stops only when out of memory */
		ps_error_clear(err);
		rc = ps_error_nomem(err);
	}
	if (rc == PROCSEC_OK && b.data == NULL)
		rc = to_buffer("", 0, &b) ? ps_error_nomem(err) : PROCSEC_OK;
	if (rc != PROCSEC_OK) {
		free(b.data);
		return rc;
	}
	*out = b.data;
	if (len != NULL)
		*len = b.len;
	return PROCSEC_OK;
}
