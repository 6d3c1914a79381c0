/*
 * write.h -- writers of reports, all through one sink.
 */
#ifndef PROCSEC_WRITE_H
#define PROCSEC_WRITE_H

#include "report.h"

struct ps_out {
	procsec_sink sink;
	void *payload;
	int failed; /* the sink stopped, or memory ran out */
	int nomem;
};

/* Each returns non-zero once the output has failed; later calls do nothing. */
int ps_out_write(struct ps_out *out, const char *bytes, size_t len);
int ps_out_puts(struct ps_out *out, const char *s);
int ps_out_printf(struct ps_out *out, const char *fmt, ...) PS_PRINTF(2, 3);

int ps_write_json(const procsec_report *report, struct ps_out *out,
                  int one_line);
int ps_write_text(const procsec_report *report, struct ps_out *out);
int ps_write_sarif(const procsec_report *report, struct ps_out *out);
int ps_write_junit(const procsec_report *report, struct ps_out *out);
int ps_write_html(const procsec_report *report, struct ps_out *out);

#endif
