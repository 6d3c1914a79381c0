/*
 * tender_xml.c -- the native XML form (urn:procsec:tender:1) -> model.
 *
 * Walks the tree that xml_load.c built and hands every value to the
 * builder with its location.  Unknown elements and unqualified
 * attributes are errors, so that a misspelt <requirment> is reported
 * rather than silently dropped with its demand on the supplier.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "readers.h"
#include "xml_load.h"

enum element {
	E_TITLE, E_BUYER, E_PROCEDURE, E_PUBLISHED, E_DEADLINE, E_CPV, E_VALUE,
	E_DURATION, E_FACTS, E_SECTION, E_ATTACHMENT, E_REQUIREMENT,
	E_CRITERION, E_CONDITION, E_TEXT, E_FACT, E_COUNT
};

static const char *const element_names[E_COUNT + 1] = {
	"title", "buyer", "procedure", "published", "deadline", "cpv", "value",
	"duration", "facts", "section", "attachment", "requirement",
	"criterion", "condition", "text", "fact", NULL,
};

#define BIT(e) (1u << (e))
#define CLAUSES (BIT(E_REQUIREMENT) | BIT(E_CRITERION) | BIT(E_CONDITION) | \
                 BIT(E_TEXT))
#define TENDER_CHILDREN \
	(BIT(E_TITLE) | BIT(E_BUYER) | BIT(E_PROCEDURE) | BIT(E_PUBLISHED) | \
	 BIT(E_DEADLINE) | BIT(E_CPV) | BIT(E_VALUE) | BIT(E_DURATION) |      \
	 BIT(E_FACTS) | BIT(E_SECTION) | BIT(E_ATTACHMENT))

struct reader {
	struct ps_build b;
	char path[8192]; /* where the walk is, XPath-like */
	int has_facts;
};

typedef int (*child_fn)(struct reader *r, xmlNode *node, enum element which,
                        const struct ps_loc *loc, long section);

static const char *name_of(const xmlNode *node)
{
	return (const char *)node->name;
}

static int in_tender_ns(const xmlNode *node)
{
	return node->ns != NULL && node->ns->href != NULL &&
	       strcmp((const char *)node->ns->href, PS_TENDER_NS) == 0;
}

static struct ps_loc loc_of(struct reader *r, const xmlNode *node)
{
	struct ps_loc loc = { 0, 0, r->path };

	ps_xml_position(node, &loc.line, &loc.column);
	return loc;
}

/* The location of one of node's attributes, for errors about it. */
static struct ps_loc attr_loc(struct reader *r, const xmlNode *node,
                              const char *name, char *buf, size_t size)
{
	struct ps_loc loc = loc_of(r, node);

	snprintf(buf, size, "%s/@%s", r->path, name);
	loc.path = buf;
	return loc;
}

/* Where an element that is misplaced belongs, for the error message. */
static const char *home_of(int e)
{
	if (e == E_FACT)
		return "<facts>";
	if (e >= E_REQUIREMENT && e <= E_TEXT)
		return "a <section>";
	return "<tender>";
}

static int unexpected_element(struct reader *r, const xmlNode *node,
                              const xmlNode *parent, int e)
{
	struct ps_loc loc = loc_of(r, node);
	const char *hint;
	char path[8300];

	snprintf(path, sizeof(path), "%s/%s", r->path, name_of(node));
	loc.path = path;
	if (!in_tender_ns(node))
		return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
		                      "unexpected element <%.40s> from namespace "
		                      "'%.80s' inside <%s>: tender elements are in "
		                      "namespace " PS_TENDER_NS,
		                      name_of(node),
		                      node->ns != NULL ? (const char *)node->ns->href
		                                       : "(none)",
		                      name_of(parent));
	if (e >= 0)
		return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
		                      "<%s> is not allowed inside <%s>; it belongs "
		                      "in %s",
		                      name_of(node), name_of(parent), home_of(e));
	hint = ps_suggest(name_of(node), element_names);
	return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
	                      "unknown element <%.40s> inside <%s>%s%s%s",
	                      name_of(node), name_of(parent),
	                      hint != NULL ? " (did you mean <" : "",
	                      hint != NULL ? hint : "", hint != NULL ? ">?)" : "");
}

static int is_blank_char(xmlChar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_blank(const xmlChar *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!is_blank_char(*s))
			return 0;
	return 1;
}

/*
 * libxml2 keeps no position for text, so the message quotes the start
 * of the stray text for the reader to find it within the element.
 */
static int stray_text(struct reader *r, const xmlNode *text,
                      const xmlNode *parent)
{
	struct ps_loc loc = loc_of(r, parent);
	const char *start = (const char *)text->content;
	const char *quote;
	size_t n;

	while (is_blank_char((xmlChar)*start))
		start++;
	n = strnlen(start, 40);
	while (n > 0 && ((unsigned char)start[n] & 0xC0) == 0x80)
		n--; /* not inside a character */
	quote = ps_text_normalise(r->b.doc->arena, start, n);
	return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
	                      "unexpected text '%s%s' inside <%s>: put text in "
	                      "an element such as <text>",
	                      quote != NULL ? quote : "",
	                      strlen(start) > 40 ? "..." : "", name_of(parent));
}

static int element_id(const xmlNode *node)
{
	int e;

	if (!in_tender_ns(node))
		return -1;
	for (e = 0; e < E_COUNT; e++)
		if (strcmp(name_of(node), element_names[e]) == 0)
			return e;
	return -1;
}

/* Visits the element children of parent, each with its own path. */
static int each_child(struct reader *r, xmlNode *parent, unsigned allowed,
                      child_fn fn, long section)
{
	size_t seen[E_COUNT] = { 0 }, len = strlen(r->path);
	xmlNode *child;
	int rc = PROCSEC_OK;

	for (child = parent->children; child != NULL && rc == PROCSEC_OK;
	     child = child->next) {
		struct ps_loc loc;
		int e;

		if (child->type == XML_TEXT_NODE ||
		    child->type == XML_CDATA_SECTION_NODE) {
			if (!is_blank(child->content))
				rc = stray_text(r, child, parent);
			continue;
		}
		if (child->type != XML_ELEMENT_NODE)
			continue; /* comments, processing instructions */
		e = element_id(child);
		if (e < 0 || !(allowed & BIT(e))) {
			rc = unexpected_element(r, child, parent, e);
			continue;
		}
		snprintf(r->path + len, sizeof(r->path) - len, "/%s[%zu]",
		         element_names[e], ++seen[e]);
		loc = loc_of(r, child);
		rc = fn(r, child, (enum element)e, &loc, section);
		r->path[len] = '\0';
	}
	return rc;
}

/* Rejects unqualified attributes not in allowed; namespaced ones pass. */
static int check_attrs(struct reader *r, const xmlNode *node,
                       const char *const *allowed)
{
	const xmlAttr *a;
	char buf[8300];

	for (a = node->properties; a != NULL; a = a->next) {
		const char *const *ok = allowed, *hint;
		struct ps_loc loc;

		if (a->ns != NULL)
			continue;
		while (*ok != NULL && strcmp(*ok, (const char *)a->name) != 0)
			ok++;
		if (*ok != NULL)
			continue;
		loc = attr_loc(r, node, (const char *)a->name, buf, sizeof(buf));
		hint = ps_suggest((const char *)a->name, allowed);
		return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
		                      "unknown attribute '%.40s' on <%s>%s%s%s",
		                      (const char *)a->name, name_of(node),
		                      hint != NULL ? " (did you mean '" : "",
		                      hint != NULL ? hint : "",
		                      hint != NULL ? "'?)" : "");
	}
	return PROCSEC_OK;
}

/* An unqualified attribute's value; free with xmlFree().  NULL if absent. */
static char *attr(const xmlNode *node, const char *name)
{
	return (char *)xmlGetNoNsProp(node, (const xmlChar *)name);
}

/* The element's text, which must not contain elements.  xmlFree() it. */
static int element_text(struct reader *r, xmlNode *node, char **text)
{
	xmlNode *child;

	*text = NULL;
	for (child = node->children; child != NULL; child = child->next) {
		struct ps_loc loc;
		char path[8300];

		if (child->type != XML_ELEMENT_NODE)
			continue;
		loc = loc_of(r, child);
		snprintf(path, sizeof(path), "%s/%s", r->path, name_of(child));
		loc.path = path;
		return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
		                      "unexpected element <%.40s> inside <%s>: it "
		                      "holds plain text only",
		                      name_of(child), name_of(node));
	}
	*text = (char *)xmlNodeGetContent(node);
	if (*text == NULL)
		return ps_build_error(&r->b, PROCSEC_ENOMEM, NULL, "out of memory");
	return PROCSEC_OK;
}

static int missing_attr(struct reader *r, const xmlNode *node,
                        const char *name)
{
	char buf[8300];
	struct ps_loc loc = attr_loc(r, node, name, buf, sizeof(buf));

	return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
	                      "<%s> has no '%s' attribute (required)",
	                      name_of(node), name);
}

static int require_attr(struct reader *r, const xmlNode *node,
                        const char *name)
{
	if (xmlHasNsProp(node, (const xmlChar *)name, NULL) != NULL)
		return PROCSEC_OK;
	return missing_attr(r, node, name);
}

/* Passes an attribute, if present, to the builder as a field. */
static int attr_field(struct reader *r, const xmlNode *node, const char *name,
                      enum ps_field f, int required)
{
	char *value = attr(node, name), buf[8300];
	struct ps_loc loc = attr_loc(r, node, name, buf, sizeof(buf));
	int rc = PROCSEC_OK;

	if (value != NULL)
		rc = ps_build_field(&r->b, f, value, strlen(value), &loc);
	else if (required)
		rc = missing_attr(r, node, name);
	xmlFree(value);
	return rc;
}

static int text_field(struct reader *r, xmlNode *node, enum ps_field f,
                      const struct ps_loc *loc)
{
	char *text;
	int rc = element_text(r, node, &text);

	if (rc == PROCSEC_OK)
		rc = ps_build_field(&r->b, f, text, strlen(text), loc);
	xmlFree(text);
	return rc;
}

/* The element's text as a number, with surrounding whitespace allowed. */
static int number_text(struct reader *r, xmlNode *node,
                       const struct ps_loc *loc, double *out)
{
	char *text, *start, *end;
	int rc = element_text(r, node, &text);

	if (rc != PROCSEC_OK)
		return rc;
	start = text;
	while (*start != '\0' && strchr(" \t\r\n", *start) != NULL)
		start++;
	end = start + strlen(start);
	while (end > start && strchr(" \t\r\n", end[-1]) != NULL)
		*--end = '\0';
	if (ps_parse_decimal(start, out) != 0)
		rc = ps_build_error(&r->b, PROCSEC_EINVALID, loc,
		                    "invalid number '%.40s' in <%s>: expected digits "
		                    "with an optional decimal point, such as "
		                    "4500000 or 1250000.50",
		                    start, name_of(node));
	xmlFree(text);
	return rc;
}

static const char *const no_attrs[] = { NULL };
static const char *const buyer_attrs[] = { "orgno", "country", NULL };
static const char *const cpv_attrs[] = { "main", NULL };
static const char *const fact_attrs[] = { "name", NULL };
static const char *const section_attrs[] = { "id", "title", NULL };
static const char *const clause_attrs[] = { "id", "level", "category",
	                                    "verification", NULL };
static const char *const attachment_attrs[] = { "type", "href", NULL };

static int read_buyer(struct reader *r, xmlNode *node,
                      const struct ps_loc *loc)
{
	if (check_attrs(r, node, buyer_attrs) != PROCSEC_OK ||
	    ps_build_buyer(&r->b, loc) != PROCSEC_OK ||
	    attr_field(r, node, "orgno", PS_F_BUYER_ORGNO, 0) != PROCSEC_OK ||
	    attr_field(r, node, "country", PS_F_BUYER_COUNTRY, 0) != PROCSEC_OK)
		return r->b.code;
	return text_field(r, node, PS_F_BUYER_NAME, loc);
}

/* xs:boolean, as the schema has it. */
static int read_bool_attr(struct reader *r, const xmlNode *node,
                          const char *name, int *out)
{
	char *value = attr(node, name), buf[8300];
	struct ps_loc loc = attr_loc(r, node, name, buf, sizeof(buf));
	int rc = PROCSEC_OK;

	*out = 0;
	if (value == NULL)
		return PROCSEC_OK;
	if (strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
		*out = 1;
	else if (strcmp(value, "false") != 0 && strcmp(value, "0") != 0)
		rc = ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
		                    "invalid %s '%.40s': expected true or false",
		                    name, value);
	xmlFree(value);
	return rc;
}

static int read_cpv(struct reader *r, xmlNode *node, const struct ps_loc *loc)
{
	char *text;
	int main, rc;

	if (check_attrs(r, node, cpv_attrs) != PROCSEC_OK ||
	    read_bool_attr(r, node, "main", &main) != PROCSEC_OK ||
	    element_text(r, node, &text) != PROCSEC_OK)
		return r->b.code;
	rc = ps_build_cpv(&r->b, text, main, loc, loc);
	xmlFree(text);
	return rc;
}

static int read_quantity(struct reader *r, xmlNode *node,
                         const struct ps_loc *loc, const struct ps_quantity *q)
{
	const char *const attrs[] = { q->qualifier, NULL };
	double amount;

	if (check_attrs(r, node, attrs) != PROCSEC_OK ||
	    number_text(r, node, loc, &amount) != PROCSEC_OK ||
	    q->build(&r->b, amount, loc) != PROCSEC_OK)
		return r->b.code;
	return attr_field(r, node, q->qualifier, q->field, 1);
}

static int fact_value(const char *text, procsec_fact *out)
{
	if (strcmp(text, "true") == 0)
		*out = PROCSEC_FACT_TRUE;
	else if (strcmp(text, "false") == 0)
		*out = PROCSEC_FACT_FALSE;
	else if (strcmp(text, "unknown") == 0)
		*out = PROCSEC_FACT_UNKNOWN;
	else
		return -1;
	return 0;
}

static int read_fact(struct reader *r, xmlNode *node, enum element which,
                     const struct ps_loc *loc, long section)
{
	char *name = NULL, *text = NULL;
	const char *value;
	procsec_fact fact;
	int rc;

	(void)which;
	(void)section;
	if (check_attrs(r, node, fact_attrs) != PROCSEC_OK ||
	    element_text(r, node, &text) != PROCSEC_OK)
		return r->b.code;
	name = attr(node, "name");
	value = ps_text_normalise(r->b.doc->arena, text, strlen(text));
	if (value == NULL)
		rc = ps_build_error(&r->b, PROCSEC_ENOMEM, NULL, "out of memory");
	else if (name == NULL)
		rc = missing_attr(r, node, "name");
	else if (fact_value(value, &fact) != 0)
		rc = ps_build_error(&r->b, PROCSEC_EINVALID, loc,
		                    "invalid value '%.40s' of fact '%.60s': expected "
		                    "true, false or unknown",
		                    value, name);
	else
		rc = ps_build_fact(&r->b, name, fact, loc);
	xmlFree(name);
	xmlFree(text);
	return rc;
}

static int read_clause(struct reader *r, xmlNode *node, enum element which,
                       const struct ps_loc *loc, long section)
{
	struct ps_clause_in in = { 0 };
	struct ps_loc level_loc;
	char *text, buf[8300];
	int rc;

	level_loc = attr_loc(r, node, "level", buf, sizeof(buf));
	in.level_loc = &level_loc;
	if (check_attrs(r, node, clause_attrs) != PROCSEC_OK ||
	    element_text(r, node, &text) != PROCSEC_OK)
		return r->b.code;
	in.kind = element_names[which];
	in.id = attr(node, "id");
	in.level = attr(node, "level");
	in.category = attr(node, "category");
	in.verification = attr(node, "verification");
	in.text = text;
	in.text_len = strlen(text);
	rc = ps_build_clause(&r->b, section, &in, loc);
	xmlFree((char *)in.id);
	xmlFree((char *)in.level);
	xmlFree((char *)in.category);
	xmlFree((char *)in.verification);
	xmlFree(text);
	return rc;
}

static int read_section_child(struct reader *r, xmlNode *node,
                              enum element which, const struct ps_loc *loc,
                              long section);

static int read_section(struct reader *r, xmlNode *node,
                        const struct ps_loc *loc, long parent)
{
	char *id, *title;
	long index;

	if (check_attrs(r, node, section_attrs) != PROCSEC_OK)
		return r->b.code;
	id = attr(node, "id");
	title = attr(node, "title");
	index = ps_build_section(&r->b, parent, id, title, loc);
	xmlFree(id);
	xmlFree(title);
	if (index < 0)
		return r->b.code;
	return each_child(r, node, CLAUSES | BIT(E_SECTION), read_section_child,
	                  index);
}

static int read_section_child(struct reader *r, xmlNode *node,
                              enum element which, const struct ps_loc *loc,
                              long section)
{
	if (which == E_SECTION)
		return read_section(r, node, loc, section);
	return read_clause(r, node, which, loc, section);
}

static int read_attachment(struct reader *r, xmlNode *node,
                           const struct ps_loc *loc)
{
	char *type, *href, *title;
	int rc;

	if (check_attrs(r, node, attachment_attrs) != PROCSEC_OK ||
	    require_attr(r, node, "type") != PROCSEC_OK ||
	    element_text(r, node, &title) != PROCSEC_OK)
		return r->b.code;
	type = attr(node, "type");
	href = attr(node, "href");
	rc = ps_build_attachment(&r->b, type, href,
	                         is_blank((xmlChar *)title) ? NULL : title, loc);
	xmlFree(type);
	xmlFree(href);
	xmlFree(title);
	return rc;
}

static int read_tender_child(struct reader *r, xmlNode *node,
                             enum element which, const struct ps_loc *loc,
                             long section)
{
	if (which != E_CPV && which != E_VALUE && which != E_DURATION &&
	    which != E_BUYER && which != E_SECTION && which != E_ATTACHMENT &&
	    check_attrs(r, node, no_attrs) != PROCSEC_OK)
		return r->b.code;
	switch (which) {
	case E_TITLE:
		return text_field(r, node, PS_F_TITLE, loc);
	case E_PROCEDURE:
		return text_field(r, node, PS_F_PROCEDURE, loc);
	case E_PUBLISHED:
		return text_field(r, node, PS_F_PUBLISHED, loc);
	case E_DEADLINE:
		return text_field(r, node, PS_F_DEADLINE, loc);
	case E_BUYER:
		return read_buyer(r, node, loc);
	case E_CPV:
		return read_cpv(r, node, loc);
	case E_VALUE:
		return read_quantity(r, node, loc, &ps_value_quantity);
	case E_DURATION:
		return read_quantity(r, node, loc, &ps_duration_quantity);
	case E_FACTS:
		if (r->has_facts++)
			return ps_build_error(&r->b, PROCSEC_EINVALID, loc,
			                      "<facts> given twice: put every <fact> "
			                      "in one <facts>");
		return each_child(r, node, BIT(E_FACT), read_fact, section);
	case E_SECTION:
		return read_section(r, node, loc, -1);
	case E_ATTACHMENT:
		return read_attachment(r, node, loc);
	default:
		return PROCSEC_OK; /* each_child admits no other element */
	}
}

static const char *const tender_attrs[] = { "id", NULL };

static int read_root(struct reader *r, xmlNode *root)
{
	char *lang, buf[64];
	struct ps_loc loc;
	int rc;

	strcpy(r->path, "/tender");
	loc = loc_of(r, root);
	r->b.doc->root_loc = loc;
	r->b.doc->root_loc.path = "/tender";
	if (check_attrs(r, root, tender_attrs) != PROCSEC_OK ||
	    attr_field(r, root, "id", PS_F_ID, 1) != PROCSEC_OK)
		return r->b.code;
	lang = (char *)xmlNodeGetLang(root);
	loc.path = strcpy(buf, "/tender/@xml:lang");
	if (lang == NULL)
		return ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
		                      "<tender> has no 'xml:lang' attribute "
		                      "(required)");
	rc = ps_build_field(&r->b, PS_F_LANG, lang, strlen(lang), &loc);
	xmlFree(lang);
	if (rc != PROCSEC_OK)
		return rc;
	return each_child(r, root, TENDER_CHILDREN, read_tender_child, -1);
}

static int check_root(struct reader *r, const xmlNode *root)
{
	struct ps_loc loc = loc_of(r, root);

	if (in_tender_ns(root) && strcmp(name_of(root), "tender") == 0)
		return PROCSEC_OK;
	return ps_build_error(&r->b, PROCSEC_EFORMAT, &loc,
	                      "not a procsec tender: the root element is <%.40s> "
	                      "in namespace '%.80s'; expected <tender> in "
	                      "namespace " PS_TENDER_NS,
	                      name_of(root),
	                      root->ns != NULL ? (const char *)root->ns->href
	                                       : "(none)");
}

procsec_doc *ps_read_tender_xml_tree(const char *source, xmlDocPtr xml,
                                     const struct procsec_options *opts,
                                     procsec_error *err)
{
	struct reader r;

	r.path[0] = '\0';
	r.has_facts = 0;
	if (ps_build_start(&r.b, source, "procsec-xml", opts, err) == PROCSEC_OK &&
	    check_root(&r, xmlDocGetRootElement(xml)) == PROCSEC_OK)
		read_root(&r, xmlDocGetRootElement(xml));
	return ps_build_finish(&r.b);
}
