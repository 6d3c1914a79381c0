/*
 * suggest.c -- "did you mean ...?" for misspelt keys and values.
 *
 * Users type element names, keys and enumeration values by hand; naming
 * the likely intended word turns a puzzling error into a one-second fix.
 */
#include <string.h>

#include "internal.h"

#define MAX_WORD 64

/* Optimal string alignment distance (Levenshtein plus transpositions). */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[MAX_WORD + 1][MAX_WORD + 1];

	if (la > MAX_WORD || lb > MAX_WORD)
		return (size_t)-1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *ps_suggest(const char *word, const char *const *candidates)
{
	size_t best = (size_t)-1, allowed = strlen(word) <= 4 ? 1 : 2;
	const char *choice = NULL;

	for (; *candidates != NULL; candidates++) {
		size_t dist = edit_distance(word, *candidates);

		if (dist < best) {
			best = dist;
			choice = *candidates;
		}
	}
	return best <= allowed ? choice : NULL;
}
