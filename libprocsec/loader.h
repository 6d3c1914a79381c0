/*
 * loader.h -- the loader's state, shared by loader.c (packs, waivers,
 * parameters, compiling) and profile.c (tailoring).
 */
#ifndef PROCSEC_LOADER_H
#define PROCSEC_LOADER_H

#include "pack.h"

struct pack_source {
	char *name;  /* for messages: the path or the caller's name */
	char *bytes; /* NUL-terminated */
	size_t len;
};

struct param_value {
	char *name;
	double value;
};

/* A profile's change to one rule, kept with its place for messages. */
struct ps_adjustment {
	char *rule;
	int disable;
	int severity; /* a procsec_severity, or -1 */
	char *source;
	char *pointer;
	int line, column;
};

struct procsec_loader {
	struct procsec_options opts;
	struct ps_vec packs;       /* struct pack_source */
	struct ps_vec params;      /* struct param_value */
	struct ps_vec waivers;     /* struct pack_source: waiver files */
	struct ps_vec adjustments; /* struct ps_adjustment, from profiles */
	int profile_packs;         /* a profile chose the packs */
	struct ps_vec profile_tags; /* char *: keep only rules with one */
	char profile_lang[3];      /* the reports' language unless asked */
	struct ps_period profile_valid; /* when the profile is in force */
	char *profile_id;          /* the outermost profile's id */
	void *profile_chain;       /* while reading profiles: the way there */
};

/*
 * Finds name (a path, or a bundled name looked up as SUBDIR/NAME.json in
 * the rules folders) and writes its path; 0 when there is none.
 */
int ps_find_rules_file(const char *name, const char *subdir, char *path,
                       size_t size);

/* Applies the profiles' adjustments to a compiled rule set. */
int ps_profile_apply(procsec_ruleset *rules, const procsec_loader *loader,
                     procsec_diags *diags, procsec_error *err);

#endif
