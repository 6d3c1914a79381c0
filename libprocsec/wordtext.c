/*
 * wordtext.c -- headings, paragraphs and table rows of a word
 * processor's document -> sections and clauses of the tender model.
 *
 * A Word or OpenDocument tender states no levels, ids or metadata in
 * markup, so this file reads them from the text: numbered headings keep
 * their number as the section id, a requirement table's header row says
 * which column holds what, "Diarienummer: …" states the tender's id,
 * and a clause's level is inferred from its wording ("ska", "shall",
 * "bör", "should") when no column states it.  Locations name the
 * heading and the paragraph or table row: "5.2 Säkerhetskrav › ¶3".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wordtext.h"

#define HEADING_MAX 120 /* bytes of a heading kept for locations */
#define LABEL_MAX 60    /* bytes before ':' that can be a label */

int ps_wt_start(struct ps_wt *wt, const char *source, const char *format,
                const struct procsec_options *opts, procsec_error *err)
{
	int i;

	memset(wt, 0, sizeof(*wt));
	wt->sv = 1;
	for (i = 0; i <= PS_WT_MAX_LEVEL; i++)
		wt->stack[i] = -1;
	return ps_build_start(&wt->b, source, format, opts, err);
}

static int nomem(struct ps_wt *wt)
{
	return ps_build_error(&wt->b, PROCSEC_ENOMEM, NULL, "out of memory");
}

static const char *normalise(struct ps_wt *wt, const char *s, size_t len)
{
	return ps_text_normalise(wt->b.doc->arena, s, len);
}

void ps_wt_buf_add(struct ps_wt_buf *buf, const char *s, size_t len)
{
	if (buf->failed)
		return;
	if (buf->cap - buf->len < len + 1) {
		size_t want = buf->len + len + 1 + buf->cap;
		char *grown = realloc(buf->s, want);

		if (grown == NULL) {
			buf->failed = 1;
			return;
		}
		buf->s = grown;
		buf->cap = want;
	}
	memcpy(buf->s + buf->len, s, len);
	buf->len += len;
	buf->s[buf->len] = '\0';
}

void ps_wt_buf_free(struct ps_wt_buf *buf)
{
	free(buf->s);
	memset(buf, 0, sizeof(*buf));
}

/* ---- words ------------------------------------------------------------- */

/* Letters: ASCII ones and Latin-1 ones (UTF-8 lead byte 0xC3). */
static size_t letter_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	if (c == 0xC3 && ((unsigned char)s[1] & 0xC0) == 0x80)
		return 2;
	return 0;
}

/*
 * Copies the next word at or after *at into word (lower case), moving
 * *at past it.  Returns 0 at the end of s.
 */
static int next_word(const char **at, char *word, size_t size)
{
	const char *p = *at;
	size_t n = 0, k;

	while (*p != '\0' && letter_len(p) == 0)
		p++;
	if (*p == '\0')
		return 0;
	while ((k = letter_len(p)) > 0) {
		if (n + k < size) {
			word[n] = k == 1 ? (char)(*p | 0x20) : *p;
			if (k == 2)
				word[n + 1] = (char)((unsigned char)p[1] < 0xA0 &&
				                             (unsigned char)p[1] != 0x97
				                     ? p[1] + 0x20
				                     : p[1]);
			n += k;
		}
		p += k;
	}
	word[n] = '\0';
	*at = p;
	return 1;
}

static int in_words(const char *word, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(word, *list) == 0)
			return 1;
	return 0;
}

static const char *const shall_words[] = { "ska", "skall", "måste", "åligger",
	                                   "shall", "must", NULL };
static const char *const should_words[] = { "bör", "önskas", "should", NULL };

/* Two-word phrases: "förbinder sig", "is/are required (to)". */
static int shall_pair(const char *prev, const char *word)
{
	return (strcmp(prev, "förbinder") == 0 && strcmp(word, "sig") == 0) ||
	       ((strcmp(prev, "is") == 0 || strcmp(prev, "are") == 0) &&
	        strcmp(word, "required") == 0);
}

const char *ps_wt_infer_level(const char *text)
{
	char word[64], prev[64] = "";
	int should = 0;

	while (next_word(&text, word, sizeof(word))) {
		if (in_words(word, shall_words) || shall_pair(prev, word))
			return "shall";
		should |= in_words(word, should_words);
		memcpy(prev, word, sizeof(prev));
	}
	return should ? "should" : NULL;
}

static const char *const sv_words[] = { "och", "att", "ska", "för", "som",
	                                "med", "till", "är", "av", NULL };
static const char *const en_words[] = { "the", "and", "shall", "of", "to",
	                                "for", "with", "is", "be", NULL };

/* Counts telling words while the guess is still open. */
static void count_language(struct ps_wt *wt, const char *text)
{
	char word[64];

	while (wt->sv_words + wt->en_words < 2000 &&
	       next_word(&text, word, sizeof(word))) {
		wt->sv_words += in_words(word, sv_words);
		wt->en_words += in_words(word, en_words);
	}
}

/* ---- metadata stated in the text ------------------------------------ */

struct label {
	const char *text;
	enum ps_field field;
};

static const struct label labels[] = {
	{ "diarienummer", PS_F_ID },
	{ "dnr", PS_F_ID },
	{ "reference number", PS_F_ID },
	{ "upphandlande myndighet", PS_F_BUYER_NAME },
	{ "upphandlande organisation", PS_F_BUYER_NAME },
	{ "contracting authority", PS_F_BUYER_NAME },
	{ "sista anbudsdag", PS_F_DEADLINE },
	{ "sista dag för anbud", PS_F_DEADLINE },
	{ "tender deadline", PS_F_DEADLINE },
	{ "deadline for tenders", PS_F_DEADLINE },
	{ NULL, PS_F_COUNT },
};

/* The field a label such as "Dnr" or "Sista anbudsdag" names. */
static enum ps_field label_field(const char *s, size_t n)
{
	char lower[LABEL_MAX + 1], word[64];
	const char *p = s;
	size_t used = 0;
	const struct label *l;
	char *copy;

	copy = strndup(s, n);
	if (copy == NULL)
		return PS_F_COUNT;
	p = copy;
	while (next_word(&p, word, sizeof(word)) &&
	       used + strlen(word) + 1 < sizeof(lower))
		used += (size_t)snprintf(lower + used, sizeof(lower) - used,
		                         used > 0 ? " %s" : "%s", word);
	lower[used] = '\0';
	free(copy);
	for (l = labels; l->text != NULL; l++)
		if (strcmp(lower, l->text) == 0)
			return l->field;
	return PS_F_COUNT;
}

static void state_meta(struct ps_wt *wt, enum ps_field f, const char *value)
{
	while (*value == ' ' || *value == ':')
		value++;
	if (f != PS_F_COUNT && wt->meta[f] == NULL && *value != '\0')
		wt->meta[f] = value;
}

/* "Diarienummer: KS 2026/0412", "Dnr KS 2026/0412". */
static void find_meta(struct ps_wt *wt, const char *text)
{
	const char *colon = strchr(text, ':');

	if (colon != NULL && colon - text <= LABEL_MAX)
		state_meta(wt, label_field(text, (size_t)(colon - text)), colon);
	else if (strncmp(text, "Dnr ", 4) == 0 || strncmp(text, "Dnr. ", 5) == 0)
		state_meta(wt, PS_F_ID, text + 3 + (text[3] == '.'));
}

int ps_wt_meta(struct ps_wt *wt, enum ps_field f, const char *value)
{
	const char *v = normalise(wt, value, strlen(value));

	if (v == NULL)
		return nomem(wt);
	if (f == PS_F_LANG && ps_check_lang(v) != NULL)
		return PROCSEC_OK; /* "x-none" and the like say nothing */
	if (*v == '\0' || wt->meta[f] != NULL)
		return PROCSEC_OK; /* the first statement wins */
	wt->meta[f] = v;
	if (f == PS_F_LANG)
		wt->sv = strncmp(v, "sv", 2) == 0;
	return PROCSEC_OK;
}

/* ---- locations -------------------------------------------------------- */

/* "<heading> › <tail>", or tail alone before the first heading. */
static const char *where(struct ps_wt *wt, const char *tail)
{
	if (wt->heading == NULL)
		return ps_arena_strdup(wt->b.doc->arena, tail);
	return ps_arena_printf(wt->b.doc->arena, "%s \xE2\x80\xBA %s",
	                       wt->heading, tail);
}

static int add_clause(struct ps_wt *wt, struct ps_clause_in *in,
                      const char *path)
{
	struct ps_loc loc = { 0, 0, path };
	long section = -1;
	int l;

	if (path == NULL)
		return nomem(wt);
	for (l = 1; l <= PS_WT_MAX_LEVEL; l++)
		if (wt->stack[l] >= 0)
			section = wt->stack[l];
	if (in->kind == NULL)
		in->kind = in->level != NULL ? "requirement" : "text";
	in->text_len = strlen(in->text);
	return ps_build_clause(&wt->b, section, in, &loc);
}

/* A clause whose level, if any, comes from its wording. */
static int worded_clause(struct ps_wt *wt, const char *text, const char *path)
{
	struct ps_clause_in in = { 0 };

	in.text = text;
	in.level = ps_wt_infer_level(text);
	in.level_inferred = 1;
	return add_clause(wt, &in, path);
}

/* ---- headings ------------------------------------------------------- */

/* The length of a leading "5.2" or "5.2." followed by a space, or 0. */
static size_t number_prefix(const char *s, size_t *digits)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9') {
		while (s[n] >= '0' && s[n] <= '9')
			n++;
		if (s[n] != '.')
			break;
		n++;
	}
	*digits = n > 0 && s[n - 1] == '.' ? n - 1 : n;
	return n > 0 && s[n] == ' ' && *digits > 0 ? n + 1 : 0;
}

static const char *auto_number(struct ps_wt *wt, int level)
{
	char buf[64] = "";
	size_t used = 0;
	int l;

	wt->numbers[level]++;
	for (l = level + 1; l <= PS_WT_MAX_LEVEL; l++)
		wt->numbers[l] = 0;
	for (l = 1; l <= level && used < sizeof(buf) - 12; l++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used,
		                         l > 1 ? ".%d" : "%d", wt->numbers[l]);
	return ps_arena_strdup(wt->b.doc->arena, buf);
}

/* The heading as locations name it, cut short at a character boundary. */
static const char *heading_label(struct ps_wt *wt, const char *id,
                                 const char *title)
{
	char *label = ps_arena_printf(wt->b.doc->arena, "%s%s%s",
	                              id != NULL ? id : "",
	                              id != NULL && title != NULL ? " " : "",
	                              title != NULL ? title : "");
	size_t n;

	if (label == NULL || strlen(label) <= HEADING_MAX)
		return label;
	n = HEADING_MAX;
	while (n > 0 && ((unsigned char)label[n] & 0xC0) == 0x80)
		n--;
	label[n] = '\0';
	return label;
}

static long parent_of(const struct ps_wt *wt, int level)
{
	long parent = -1;
	int l;

	for (l = 1; l < level; l++)
		if (wt->stack[l] >= 0)
			parent = wt->stack[l];
	return parent;
}

int ps_wt_heading(struct ps_wt *wt, int level, int numbered, const char *text,
                  size_t len)
{
	const char *norm = normalise(wt, text, len), *id = NULL, *title;
	size_t digits, skip;
	struct ps_loc loc = { 0, 0, NULL };
	long index;
	int l;

	if (norm == NULL)
		return nomem(wt);
	if (*norm == '\0')
		return PROCSEC_OK;
	level = level < 1 ? 1 : level > PS_WT_MAX_LEVEL ? PS_WT_MAX_LEVEL : level;
	skip = number_prefix(norm, &digits);
	title = norm + skip;
	if (skip > 0)
		id = ps_arena_strndup(wt->b.doc->arena, norm, digits);
	else if (numbered)
		id = auto_number(wt, level);
	loc.path = heading_label(wt, id, title);
	if ((skip > 0 || numbered) && id == NULL)
		return nomem(wt);
	if (loc.path == NULL)
		return nomem(wt);
	index = ps_build_section(&wt->b, parent_of(wt, level), id, title, &loc);
	if (index < 0)
		return wt->b.code;
	wt->stack[level] = index;
	for (l = level + 1; l <= PS_WT_MAX_LEVEL; l++)
		wt->stack[l] = -1;
	wt->heading = loc.path;
	if (wt->first_heading == NULL)
		wt->first_heading = title;
	wt->paragraph = 0;
	return PROCSEC_OK;
}

/* ---- paragraphs ----------------------------------------------------- */

static const char *paragraph_tail(const struct ps_wt *wt, char tail[32])
{
	snprintf(tail, 32, "\xC2\xB6%u", wt->paragraph);
	return tail;
}

int ps_wt_paragraph(struct ps_wt *wt, const char *text, size_t len)
{
	const char *norm = normalise(wt, text, len);
	char tail[32];

	if (norm == NULL)
		return nomem(wt);
	if (*norm == '\0')
		return PROCSEC_OK;
	count_language(wt, norm);
	find_meta(wt, norm);
	wt->paragraph++;
	return worded_clause(wt, norm, where(wt, paragraph_tail(wt, tail)));
}

int ps_wt_aside(struct ps_wt *wt, const char *what_sv, const char *what_en,
                unsigned n, const char *text, size_t len)
{
	const char *norm = normalise(wt, text, len), *what, *path;
	char tail[32];

	if (norm == NULL)
		return nomem(wt);
	if (*norm == '\0')
		return PROCSEC_OK;
	what = wt->sv ? what_sv : what_en;
	path = where(wt, paragraph_tail(wt, tail));
	if (path != NULL)
		path = n > 0 ? ps_arena_printf(wt->b.doc->arena,
		                               "%s \xE2\x80\xBA %s %u", path, what, n)
		             : ps_arena_printf(wt->b.doc->arena,
		                               "%s \xE2\x80\xBA %s", path, what);
	return worded_clause(wt, norm, path);
}

int ps_wt_title(struct ps_wt *wt, const char *text, size_t len)
{
	const char *norm = normalise(wt, text, len);

	if (norm == NULL)
		return nomem(wt);
	if (*norm != '\0' && wt->title_style == NULL)
		wt->title_style = norm;
	return PROCSEC_OK;
}

/* ---- tables --------------------------------------------------------- */

void ps_wt_table_start(struct ps_wt *wt)
{
	wt->table++;
	wt->row = 0;
	wt->requirement_table = 0;
	memset(wt->role, 0, sizeof(wt->role));
}

struct heading_role {
	const char *text;
	enum ps_wt_role role;
};

static const struct heading_role roles[] = {
	{ "krav", PS_WT_TEXT }, { "kravtext", PS_WT_TEXT },
	{ "kravbeskrivning", PS_WT_TEXT }, { "beskrivning", PS_WT_TEXT },
	{ "requirement", PS_WT_TEXT }, { "requirements", PS_WT_TEXT },
	{ "description", PS_WT_TEXT },
	{ "nr", PS_WT_ID }, { "id", PS_WT_ID }, { "kravnr", PS_WT_ID },
	{ "krav id", PS_WT_ID }, { "ref", PS_WT_ID }, { "no", PS_WT_ID },
	{ "ska krav", PS_WT_SHALL }, { "skall krav", PS_WT_SHALL },
	{ "obligatoriskt", PS_WT_SHALL }, { "mandatory", PS_WT_SHALL },
	{ "bör krav", PS_WT_SHOULD }, { "önskemål", PS_WT_SHOULD },
	{ "desirable", PS_WT_SHOULD },
	{ "kravnivå", PS_WT_LEVEL }, { "nivå", PS_WT_LEVEL },
	{ "kravtyp", PS_WT_LEVEL }, { "level", PS_WT_LEVEL },
	{ "verifiering", PS_WT_VERIFY }, { "verification", PS_WT_VERIFY },
	{ "kategori", PS_WT_CATEGORY }, { "category", PS_WT_CATEGORY },
	{ "svar", PS_WT_ANSWER }, { "leverantörens svar", PS_WT_ANSWER },
	{ "answer", PS_WT_ANSWER }, { "response", PS_WT_ANSWER },
	{ "kommentar", PS_WT_ANSWER }, { "comment", PS_WT_ANSWER },
	{ NULL, PS_WT_NONE },
};

/* Words of s, lower case, joined by single spaces ("Ska-krav" -> "ska krav"). */
static void words_of(const char *s, char *out, size_t size)
{
	char word[64];
	size_t used = 0;

	out[0] = '\0';
	while (next_word(&s, word, sizeof(word)) &&
	       used + strlen(word) + 2 < size)
		used += (size_t)snprintf(out + used, size - used,
		                         used > 0 ? " %s" : "%s", word);
}

static enum ps_wt_role role_of(const char *cell)
{
	const struct heading_role *r;
	char words[LABEL_MAX + 4];

	if (strlen(cell) > LABEL_MAX)
		return PS_WT_NONE;
	words_of(cell, words, sizeof(words));
	for (r = roles; r->text != NULL; r++)
		if (strcmp(words, r->text) == 0)
			return r->role;
	return PS_WT_NONE;
}

/* A header row names a text column and at least one other role. */
static int read_header(struct ps_wt *wt, const char *const *cells, size_t n)
{
	int text = 0, other = 0;
	size_t i;

	for (i = 0; i < n && i < PS_WT_MAX_CELLS; i++) {
		wt->role[i] = role_of(cells[i]);
		text += wt->role[i] == PS_WT_TEXT;
		other += wt->role[i] != PS_WT_TEXT && wt->role[i] != PS_WT_NONE;
	}
	wt->requirement_table = text == 1 && other > 0;
	wt->columns = n;
	return wt->requirement_table;
}

/* A cell that marks its column: "X", "Ja", "✓" ... anything but "Nej" or "-". */
static int marked(const char *cell)
{
	char words[16];

	words_of(cell, words, sizeof(words));
	return *cell != '\0' && strcmp(cell, "-") != 0 &&
	       strcmp(cell, "\xE2\x80\x93") != 0 && strcmp(words, "nej") != 0 &&
	       strcmp(words, "no") != 0;
}

static const char *level_word(const char *cell)
{
	char words[32];

	words_of(cell, words, sizeof(words));
	if (strcmp(words, "ska") == 0 || strcmp(words, "skall") == 0 ||
	    strcmp(words, "ska krav") == 0 || strcmp(words, "shall") == 0 ||
	    strcmp(words, "must") == 0 || strcmp(words, "obligatoriskt") == 0 ||
	    strcmp(words, "mandatory") == 0)
		return "shall";
	if (strcmp(words, "bör") == 0 || strcmp(words, "bör krav") == 0 ||
	    strcmp(words, "should") == 0 || strcmp(words, "önskemål") == 0 ||
	    strcmp(words, "desirable") == 0)
		return "should";
	if (strcmp(words, "kan") == 0 || strcmp(words, "may") == 0 ||
	    strcmp(words, "optional") == 0)
		return "may";
	return NULL;
}

static const char *row_path(struct ps_wt *wt)
{
	char tail[64];

	if (wt->sv)
		snprintf(tail, sizeof(tail), "Tabell %u rad %u", wt->table, wt->row);
	else
		snprintf(tail, sizeof(tail), "Table %u row %u", wt->table, wt->row);
	return where(wt, tail);
}

static int plain_row(struct ps_wt *wt, const char *const *cells, size_t n);

/* What one cell of a requirement table's row says, by its column. */
static void read_cell(struct ps_clause_in *in, enum ps_wt_role role,
                      const char *c)
{
	if (c == NULL)
		return;
	if (role == PS_WT_TEXT)
		in->text = c;
	else if (role == PS_WT_ID)
		in->id = c;
	else if (role == PS_WT_VERIFY)
		in->verification = c;
	else if (role == PS_WT_CATEGORY)
		in->category = c;
	else if (role == PS_WT_SHALL && marked(c))
		in->level = "shall"; /* wins over a should column or a level */
	else if (role == PS_WT_SHOULD && marked(c) && in->level == NULL)
		in->level = "should";
	else if (role == PS_WT_LEVEL && in->level == NULL)
		in->level = level_word(c);
}

/* One clause per row of a requirement table, its fields from the columns. */
static int requirement_row(struct ps_wt *wt, const char *const *cells,
                           size_t n)
{
	struct ps_clause_in in = { 0 };
	size_t i;

	in.kind = "requirement";
	for (i = 0; i < n; i++)
		read_cell(&in, wt->role[i], *cells[i] != '\0' ? cells[i] : NULL);
	if (in.text == NULL)
		return plain_row(wt, cells, n); /* a sub-heading row */
	if (in.level == NULL) {
		in.level = ps_wt_infer_level(in.text);
		in.level_inferred = 1;
	}
	return add_clause(wt, &in, row_path(wt));
}

/* A row of any other table: one clause of its cells, " | " between. */
static int plain_row(struct ps_wt *wt, const char *const *cells, size_t n)
{
	char *text = NULL;
	size_t i;

	if (n == 2 && *cells[1] != '\0')
		state_meta(wt, label_field(cells[0], strlen(cells[0])), cells[1]);
	for (i = 0; i < n; i++) {
		if (*cells[i] == '\0')
			continue;
		count_language(wt, cells[i]);
		text = text == NULL ? (char *)cells[i]
		                    : ps_arena_printf(wt->b.doc->arena, "%s | %s",
		                                      text, cells[i]);
		if (text == NULL)
			return nomem(wt);
	}
	if (text == NULL)
		return PROCSEC_OK;
	return worded_clause(wt, text, row_path(wt));
}

int ps_wt_row(struct ps_wt *wt, const struct ps_wt_text *cells, size_t n)
{
	const char *norm[PS_WT_MAX_CELLS];
	size_t i, count = n < PS_WT_MAX_CELLS ? n : PS_WT_MAX_CELLS;

	for (i = 0; i < count; i++) {
		norm[i] = normalise(wt, cells[i].s, cells[i].len);
		if (norm[i] == NULL)
			return nomem(wt);
	}
	wt->row++;
	if (wt->row == 1 && read_header(wt, norm, count))
		return PROCSEC_OK;
	if (wt->requirement_table && n == wt->columns)
		return requirement_row(wt, norm, count);
	return plain_row(wt, norm, count);
}

/* ---- the end ---------------------------------------------------------- */

static int compare_ids(const void *a, const void *b)
{
	const struct procsec_clause *x = *(const struct procsec_clause *const *)a;
	const struct procsec_clause *y = *(const struct procsec_clause *const *)b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : (x > y) - (x < y);
}

/*
 * A number given twice in a Word table is a slip of the writer, not a
 * reason to refuse the tender: the later clause keeps no id (its
 * location still names its row).
 */
static int drop_repeated_ids(struct ps_wt *wt)
{
	struct ps_vec *clauses = &wt->b.doc->clauses;
	struct procsec_clause **with_id;
	size_t i, n = 0;

	with_id = malloc((clauses->count + 1) * sizeof(*with_id));
	if (with_id == NULL)
		return nomem(wt);
	for (i = 0; i < clauses->count; i++) {
		struct procsec_clause *c = ps_vec_at(clauses, i);

		if (c->id != NULL)
			with_id[n++] = c;
	}
	qsort(with_id, n, sizeof(*with_id), compare_ids);
	for (i = n; i > 1; i--)
		if (strcmp(with_id[i - 2]->id, with_id[i - 1]->id) == 0)
			with_id[i - 1]->id = NULL;
	free(with_id);
	return PROCSEC_OK;
}

/* The file's name without folders, for an id or title nothing states. */
static const char *base_name(const char *source)
{
	const char *slash = strrchr(source, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : source;
}

/* "2026-03-15 kl. 12.00" -> "2026-03-15T12:00:00"; a date alone is the
 * end of that day.  NULL when the text starts with no ISO date. */
static const char *deadline_of(struct ps_wt *wt, const char *text)
{
	const char *p = text + 10;
	char date[11];
	int hh = 23, mm = 59, ss = 59;

	if (strlen(text) < 10)
		return NULL;
	memcpy(date, text, 10);
	date[10] = '\0';
	if (ps_check_date(date) != NULL)
		return NULL;
	while (*p == ' ' || *p == ',')
		p++;
	if (strncmp(p, "kl.", 3) == 0 || strncmp(p, "at", 2) == 0)
		p += *p == 'k' ? 3 : 2;
	while (*p == ' ')
		p++;
	if (p[0] >= '0' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' &&
	    (p[2] == ':' || p[2] == '.') && p[3] >= '0' && p[3] <= '5' &&
	    p[4] >= '0' && p[4] <= '9' && (p[0] - '0') * 10 + p[1] - '0' < 24) {
		hh = (p[0] - '0') * 10 + p[1] - '0';
		mm = (p[3] - '0') * 10 + p[4] - '0';
		ss = 0;
	}
	return ps_arena_printf(wt->b.doc->arena, "%sT%02d:%02d:%02d", date, hh,
	                       mm, ss);
}

static int field(struct ps_wt *wt, enum ps_field f, const char *value)
{
	struct ps_loc loc = { 0, 0, NULL };

	if (value == NULL)
		return wt->b.code != PROCSEC_OK ? wt->b.code : nomem(wt);
	return ps_build_field(&wt->b, f, value, strlen(value), &loc);
}

static int fill_fields(struct ps_wt *wt)
{
	const char *source = base_name(wt->b.doc->source), *title, *lang;
	const char *buyer = wt->meta[PS_F_BUYER_NAME];
	const char *deadline = NULL;
	struct ps_loc loc = { 0, 0, NULL };

	title = wt->meta[PS_F_TITLE] != NULL ? wt->meta[PS_F_TITLE]
	        : wt->title_style != NULL    ? wt->title_style
	        : wt->first_heading != NULL  ? wt->first_heading
	                                     : source;
	lang = wt->meta[PS_F_LANG] != NULL        ? wt->meta[PS_F_LANG]
	       : wt->en_words > wt->sv_words ? "en"
	                                     : "sv";
	if (buyer == NULL)
		buyer = strncmp(lang, "sv", 2) == 0 ? "(ej angiven)" : "(not stated)";
	if (wt->meta[PS_F_DEADLINE] != NULL)
		deadline = deadline_of(wt, wt->meta[PS_F_DEADLINE]);
	if (field(wt, PS_F_ID, wt->meta[PS_F_ID] != NULL ? wt->meta[PS_F_ID]
	                                                 : source) != PROCSEC_OK ||
	    field(wt, PS_F_LANG, lang) != PROCSEC_OK ||
	    field(wt, PS_F_TITLE, title) != PROCSEC_OK ||
	    ps_build_buyer(&wt->b, &loc) != PROCSEC_OK ||
	    field(wt, PS_F_BUYER_NAME, buyer) != PROCSEC_OK)
		return wt->b.code;
	return deadline != NULL ? field(wt, PS_F_DEADLINE, deadline) : PROCSEC_OK;
}

procsec_doc *ps_wt_finish(struct ps_wt *wt)
{
	if (wt->b.doc != NULL && wt->b.code == PROCSEC_OK &&
	    fill_fields(wt) == PROCSEC_OK)
		drop_repeated_ids(wt);
	return ps_build_finish(&wt->b);
}
