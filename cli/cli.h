/*
 * cli.h -- the procsec validator: a thin client of <procsec.h>.
 */
#ifndef PROCSEC_CLI_H
#define PROCSEC_CLI_H

#include <stdio.h>

#include <procsec.h>

/* Exit statuses, as documented in procsec(1). */
enum {
	EXIT_CLEAN = 0,   /* nothing at or above --fail-on failed */
	EXIT_FINDINGS = 1, /* a rule at or above --fail-on failed */
	EXIT_TROUBLE = 2   /* usage error, unreadable or invalid input */
};

/* Prints an error from the library as FILE:LINE:COL: message. */
void cli_print_error(const procsec_error *err);

/* Prints "procsec: <message>" to stderr; returns EXIT_TROUBLE. */
int cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

int cmd_parse(int argc, char **argv);

#endif
