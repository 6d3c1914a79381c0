/*
 * wordtext.h -- a word processor's document as a stream of blocks
 * (headings, paragraphs, table rows) mapped onto the tender model.
 *
 * docx.c and odt.c walk their own XML and hand each block here; this
 * file decides sections, clauses, levels, metadata and locations, so
 * that a .docx and an .odt of the same text give the same tender.
 */
#ifndef PROCSEC_WORDTEXT_H
#define PROCSEC_WORDTEXT_H

#include "doc.h"

#define PS_WT_MAX_LEVEL 9
#define PS_WT_MAX_CELLS 16

/* What a requirement table's columns hold. */
enum ps_wt_role {
	PS_WT_NONE, PS_WT_TEXT, PS_WT_ID, PS_WT_SHALL, PS_WT_SHOULD, PS_WT_LEVEL,
	PS_WT_VERIFY, PS_WT_CATEGORY, PS_WT_ANSWER
};

struct ps_wt {
	struct ps_build b;
	int sv;                              /* locations in Swedish */
	long stack[PS_WT_MAX_LEVEL + 1];     /* open section per level */
	int numbers[PS_WT_MAX_LEVEL + 1];    /* automatic heading numbers */
	const char *heading;                 /* "5.2 Säkerhetskrav", or NULL */
	const char *first_heading;
	unsigned paragraph;                  /* in the current section */
	unsigned table;                      /* tables so far */
	unsigned row;                        /* in the current table */
	int requirement_table;               /* the header row named roles */
	size_t columns;                      /* cells in the header row */
	enum ps_wt_role role[PS_WT_MAX_CELLS];
	const char *meta[PS_F_COUNT];        /* stated in the text */
	const char *title_style;             /* the first Title paragraph */
	long sv_words, en_words;             /* for the language guess */
};

/* One table cell's or paragraph's text, not yet normalised. */
struct ps_wt_text {
	const char *s;
	size_t len;
};

int ps_wt_start(struct ps_wt *wt, const char *source, const char *format,
                const struct procsec_options *opts, procsec_error *err);
/* A heading of level 1..9; numbered: the style or paragraph numbers it. */
int ps_wt_heading(struct ps_wt *wt, int level, int numbered, const char *text,
                  size_t len);
/* A paragraph or list item. */
int ps_wt_paragraph(struct ps_wt *wt, const char *text, size_t len);
/* A note or text box that belongs to the paragraph just given. */
int ps_wt_aside(struct ps_wt *wt, const char *what_sv, const char *what_en,
                unsigned n, const char *text, size_t len);
/* A paragraph in the document's Title style. */
int ps_wt_title(struct ps_wt *wt, const char *text, size_t len);
void ps_wt_table_start(struct ps_wt *wt);
int ps_wt_row(struct ps_wt *wt, const struct ps_wt_text *cells, size_t n);
/* Metadata the package states (core properties, default language). */
int ps_wt_meta(struct ps_wt *wt, enum ps_field f, const char *value);
/* Fills what the text did not state, and returns the document or NULL. */
procsec_doc *ps_wt_finish(struct ps_wt *wt);

/* ---- a growable text buffer for the readers --------------------- */

struct ps_wt_buf {
	char *s;
	size_t len;
	size_t cap;
	int failed; /* out of memory: later additions are dropped */
};

void ps_wt_buf_add(struct ps_wt_buf *buf, const char *s, size_t len);
void ps_wt_buf_free(struct ps_wt_buf *buf);

/* ---- wording ---------------------------------------------------------- */

/* "shall", "should" or NULL, from the clause's wording (normalised). */
const char *ps_wt_infer_level(const char *text);

#endif
