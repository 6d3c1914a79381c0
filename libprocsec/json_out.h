/*
 * json_out.h -- helpers for writing JSON with cJSON, shared by the
 * model's writer and the report's.
 */
#ifndef PROCSEC_JSON_OUT_H
#define PROCSEC_JSON_OUT_H

#include <cjson/cJSON.h>

#include "doc.h"

/* Adds key: value unless value is NULL; returns 0 when out of memory. */
int ps_json_add_string(cJSON *object, const char *key, const char *value);

/* {"line", "column", "path"}, or NULL when out of memory. */
cJSON *ps_json_location(const struct ps_loc *loc);

#endif
