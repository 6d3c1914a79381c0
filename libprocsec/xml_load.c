/*
 * xml_load.c -- parsing untrusted XML with libxml2, safely.
 *
 * libxml2 does the parsing; this file only closes its doors to the
 * outside (network, external DTDs and entities), refuses entity
 * declarations outright (XXE and "billion laughs" both need one), bounds
 * nesting, keeps libxml2 from printing, and records where each element
 * starts, which libxml2's tree does not keep by column.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "xml_load.h"

/* What the SAX hooks learned; the parse is stopped on the first refusal. */
struct load_state {
	startElementNsSAX2Func start;
	endElementNsSAX2Func end;
	internalSubsetSAXFunc subset;
	size_t depth;
	size_t max_depth;
	int code; /* PROCSEC_EUNSAFE or PROCSEC_ELIMIT once refused */
	int line;
	int column;
	char message[200];
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* libxml2 must be initialised once, before two threads parse at once. */
static void init_libxml2(void)
{
	xmlInitParser();
}

#if UINTPTR_MAX > 0xFFFFFFFFu
#define COLUMN_BITS 32
#else
#define COLUMN_BITS 12
#endif
#define COLUMN_MASK ((((uintptr_t)1) << COLUMN_BITS) - 1)

/* An element's position lives in its psvi slot, which nothing else uses
 * here: we never validate against a schema while loading. */
static void set_position(xmlNode *node, int line, int column)
{
	uintptr_t col = (uintptr_t)column > COLUMN_MASK ? 0 : (uintptr_t)column;

	node->psvi = (void *)(((uintptr_t)line << COLUMN_BITS) | col);
}

void ps_xml_position(const xmlNode *node, int *line, int *column)
{
	uintptr_t packed = (uintptr_t)node->psvi;

	*line = (int)(packed >> COLUMN_BITS);
	*column = (int)(packed & COLUMN_MASK);
}

static int utf8_chars(const xmlChar *from, const xmlChar *to)
{
	int n = 0;

	for (; from < to; from++)
		n += (*from & 0xC0) != 0x80;
	return n;
}

/*
 * The line and column of `at`, a point in the parser's buffer before its
 * cursor, counted back from the cursor's own line and column.
 */
static void position_at(xmlParserCtxtPtr ctxt, const xmlChar *at, int *line,
                        int *column)
{
	const xmlChar *base = ctxt->input->base, *cur = ctxt->input->cur, *p;
	int newlines = 0;

	for (p = at; p < cur; p++)
		newlines += *p == '\n';
	*line = ctxt->input->line - newlines;
	if (newlines == 0) {
		*column = ctxt->input->col - utf8_chars(at, cur);
		return;
	}
	for (p = at; p > base && p[-1] != '\n'; p--)
		;
	/* at base without a newline is the document's first line only if
	 * libxml2 has not yet discarded consumed input */
	*column = p > base || ctxt->input->consumed == 0 ? utf8_chars(p, at) + 1
	                                                 : 0;
}

/*
 * Finds where the construct being reported starts: the last `marker`
 * before the cursor.  Hooks run with the cursor at the construct's end,
 * and a start tag's '<' cannot occur inside its attribute values.
 */
static void construct_start(xmlParserCtxtPtr ctxt, const char *marker,
                            int *line, int *column)
{
	const xmlChar *base = ctxt->input->base, *p = ctxt->input->cur;
	size_t n = strlen(marker);

	while (p > base && ((size_t)(ctxt->input->cur - p) < n ||
	                    memcmp(p, marker, n) != 0))
		p--;
	if ((size_t)(ctxt->input->cur - p) >= n && memcmp(p, marker, n) == 0) {
		position_at(ctxt, p, line, column);
		return;
	}
	*line = ctxt->input->line;
	*column = ctxt->input->col;
}

static void refuse(xmlParserCtxtPtr ctxt, int code, const char *marker,
                   const char *message)
{
	struct load_state *st = ctxt->_private;

	if (st->code == PROCSEC_OK) {
		st->code = code;
		construct_start(ctxt, marker, &st->line, &st->column);
		snprintf(st->message, sizeof(st->message), "%s", message);
	}
	xmlStopParser(ctxt);
}

static void on_start(void *ctx, const xmlChar *localname,
                     const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	int line, column;

	if (++st->depth > st->max_depth) {
		char msg[120];

		snprintf(msg, sizeof(msg),
		         "elements nested deeper than %zu levels (the depth limit)",
		         st->max_depth);
		refuse(ctxt, PROCSEC_ELIMIT, "<", msg);
		return;
	}
	construct_start(ctxt, "<", &line, &column);
	st->start(ctx, localname, prefix, uri, nb_namespaces, namespaces,
	          nb_attributes, nb_defaulted, attributes);
	if (ctxt->node != NULL)
		set_position(ctxt->node, line, column);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;

	st->depth--;
	st->end(ctx, localname, prefix, uri);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type,
                           const xmlChar *public_id, const xmlChar *system_id,
                           xmlChar *content)
{
	char msg[200];

	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	snprintf(msg, sizeof(msg),
	         "the document declares the entity '%.40s'; entity declarations "
	         "are refused (they can read files or expand without bound)",
	         (const char *)name);
	refuse(ctx, PROCSEC_EUNSAFE, "<!ENTITY", msg);
}

/* An external DTD is never loaded; refusing it says so, instead of
 * reading the document without the declarations it relies on. */
static void on_doctype(void *ctx, const xmlChar *name,
                       const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	char msg[200];

	if (external_id == NULL && system_id == NULL) {
		st->subset(ctx, name, external_id, system_id);
		return;
	}
	snprintf(msg, sizeof(msg),
	         "the document refers to the external DTD '%.80s'; external "
	         "DTDs and entities are never loaded",
	         (const char *)(system_id != NULL ? system_id : external_id));
	refuse(ctxt, PROCSEC_EUNSAFE, "<!DOCTYPE", msg);
}

/*
 * Some libxml2 errors bypass the context (encoding conversion failures
 * go to the thread's generic error handler, which prints to stderr);
 * the library never prints, so that handler is silenced during a parse
 * and the caller's restored after it.
 */
static void ignore_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void ps_xml_quiet(struct ps_xml_quiet *q)
{
	pthread_once(&init_once, init_libxml2);
	q->generic = xmlGenericError;
	q->generic_ctx = xmlGenericErrorContext;
	q->structured = xmlStructuredError;
	q->structured_ctx = xmlStructuredErrorContext;
	xmlSetGenericErrorFunc(NULL, ignore_generic);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

void ps_xml_unquiet(const struct ps_xml_quiet *q)
{
	xmlSetGenericErrorFunc(q->generic_ctx, q->generic);
	xmlSetStructuredErrorFunc(q->structured_ctx, q->structured);
}

/* Errors are read from the context after the parse; never printed. */
static void ignore_error(void *data, xmlErrorPtr error)
{
	(void)data;
	(void)error;
}

static void install_hooks(xmlParserCtxtPtr ctxt, struct load_state *st)
{
	st->start = ctxt->sax->startElementNs;
	st->end = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	st->subset = ctxt->sax->internalSubset;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->serror = ignore_error;
	ctxt->_private = st;
}

/* libxml2's message, on one line and without its trailing newline. */
static void flatten(char *dst, size_t size, const char *msg)
{
	size_t i, n = 0;

	for (i = 0; msg != NULL && msg[i] != '\0' && n + 1 < size; i++) {
		char c = msg[i] == '\n' || msg[i] == '\t' ? ' ' : msg[i];

		if (c == ' ' && (n == 0 || dst[n - 1] == ' '))
			continue;
		dst[n++] = c;
	}
	while (n > 0 && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

/*
 * libxml2's own words for the mistakes people make by hand are terse
 * ("xmlParseEntityRef: no name"); these say what to write instead.
 */
static int kind_message(const xmlError *e, char *msg, size_t size)
{
	const char *s1 = e->str1 != NULL ? e->str1 : "?";
	const char *s2 = e->str2 != NULL ? e->str2 : "?";

	switch (e->code) {
	case XML_ERR_NAME_REQUIRED:
		if (e->message == NULL || strstr(e->message, "EntityRef") == NULL)
			return 0;
		snprintf(msg, size, "unescaped '&': write it as &amp;");
		return 1;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		snprintf(msg, size,
		         "undefined entity &%.40s;: write the character itself, or "
		         "a character reference such as &#160;",
		         s1);
		return 1;
	case XML_ERR_TAG_NAME_MISMATCH:
		snprintf(msg, size,
		         "end tag </%.40s> does not match the start tag <%.40s> on "
		         "line %d",
		         s2, s1, e->int1);
		return 1;
	case XML_ERR_TAG_NOT_FINISHED:
		snprintf(msg, size,
		         "the document ends before <%.40s> (opened on line %d) is "
		         "closed: expected </%.40s>",
		         s1, e->int1, s1);
		return 1;
	case XML_ERR_ATTRIBUTE_REDEFINED:
		snprintf(msg, size, "attribute '%.40s' given twice", s1);
		return 1;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_CHARREF:
	case XML_ERR_INVALID_DEC_CHARREF:
		if (e->message == NULL || strstr(e->message, "CharRef") == NULL)
			return 0;
		snprintf(msg, size, "the character reference names a character "
		                    "that XML does not allow, such as U+0000");
		return 1;
	default:
		return 0;
	}
}

static int syntax_error(xmlParserCtxtPtr ctxt, const char *source,
                        procsec_error *err)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);
	struct ps_where where = { source, 0, 0, -1, NULL };
	char msg[200];
	int code = PROCSEC_ESYNTAX;

	if (e == NULL || e->code == XML_ERR_OK)
		return ps_error(err, PROCSEC_ESYNTAX, &where,
		                "not well-formed XML");
	where.line = e->line;
	where.column = e->int2;
	if (!kind_message(e, msg, sizeof(msg)))
		flatten(msg, sizeof(msg), e->message);
	if (strstr(msg, "huge") != NULL || strstr(msg, "Excessive depth") != NULL)
		code = PROCSEC_ELIMIT;
	return ps_error(err, code, &where, "%s", msg);
}

/* The encoding an XML declaration names, or "" (UTF-8 then). */
static void declared_encoding(const char *bytes, size_t len, char *enc,
                              size_t size)
{
	size_t head = len < 200 ? len : 200, i;
	const char *p, *end;
	char quote;

	enc[0] = '\0';
	if (head < 5 || memcmp(bytes, "<?xml", 5) != 0)
		return;
	end = memchr(bytes, '>', head);
	for (p = bytes; end != NULL && p + 8 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		for (p += 8; p < end && (*p == ' ' || *p == '='); p++)
			;
		quote = *p++;
		for (i = 0; p < end && *p != quote && i + 1 < size; p++)
			enc[i++] = *p;
		enc[i] = '\0';
		return;
	}
}

/*
 * UTF-8 input is checked before libxml2 sees it, for a message that
 * names the byte and the fix (a Latin-1 file saved without declaring it
 * is the usual cause).
 */
static int check_utf8(const char *source, const char *bytes, size_t len,
                      procsec_error *err)
{
	struct ps_where where = { source, 0, 0, -1, NULL };
	char enc[32];
	long bad;

	declared_encoding(bytes, len, enc, sizeof(enc));
	if (enc[0] != '\0' && strcasecmp(enc, "UTF-8") != 0)
		return PROCSEC_OK;
	bad = ps_utf8_invalid_at(bytes, len);
	if (bad < 0)
		return PROCSEC_OK;
	where.offset = bad;
	ps_text_position(bytes, (size_t)bad, &where.line, &where.column);
	return ps_error(err, PROCSEC_ESYNTAX, &where,
	                "invalid UTF-8 (byte 0x%02X): save the file as UTF-8, or "
	                "declare its encoding in <?xml ... encoding=\"...\"?>",
	                (unsigned)(unsigned char)bytes[bad]);
}

/* UTF-16 input, which libxml2 converts, legitimately holds zero bytes. */
static int looks_utf16(const char *bytes, size_t len)
{
	const unsigned char *s = (const unsigned char *)bytes;

	return len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
	                    (s[0] == 0xFE && s[1] == 0xFF) ||
	                    (s[0] == '<' && s[1] == 0) || (s[0] == 0 && s[1] == '<'));
}

/*
 * libxml2 takes a NUL byte for the end of the data and reports a
 * truncated document; saying what the byte is and where helps more.
 */
static int nul_byte(const char *source, const char *bytes, size_t len,
                    procsec_error *err)
{
	const char *nul = memchr(bytes, 0, len);
	struct ps_where where = { source, 0, 0, -1, NULL };

	if (nul == NULL)
		return PROCSEC_OK;
	where.offset = (long)(nul - bytes);
	ps_text_position(bytes, (size_t)(nul - bytes), &where.line,
	                 &where.column);
	return ps_error(err, PROCSEC_ESYNTAX, &where,
	                "a NUL byte (U+0000), which XML does not allow");
}

int ps_xml_load(xmlDocPtr *out, const char *source, const char *bytes,
                size_t len, const struct procsec_options *opts,
                procsec_error *err)
{
	struct load_state st = { 0 };
	struct ps_xml_quiet quiet;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	int rc = PROCSEC_OK;

	*out = NULL;
	if (len > INT32_MAX)
		return ps_error(err, PROCSEC_ELIMIT, NULL,
		                "XML input over 2 GiB");
	if (!looks_utf16(bytes, len) &&
	    (nul_byte(source, bytes, len, err) != PROCSEC_OK ||
	     check_utf8(source, bytes, len, err) != PROCSEC_OK))
		return PROCSEC_ESYNTAX;
	pthread_once(&init_once, init_libxml2);
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return ps_error_nomem(err);
	st.max_depth = opts->depth;
	install_hooks(ctxt, &st);
	ps_xml_quiet(&quiet);
	doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, NULL, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	ps_xml_unquiet(&quiet);
	if (st.code != PROCSEC_OK) {
		struct ps_where where = { source, st.line, st.column, -1, NULL };

		rc = ps_error(err, st.code, &where, "%s", st.message);
	} else if (doc == NULL || !ctxt->wellFormed) {
		rc = syntax_error(ctxt, source, err);
	}
	if (rc != PROCSEC_OK) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	*out = doc;
	return rc;
}
