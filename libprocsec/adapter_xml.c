/*
 * adapter_xml.c -- applying an adapter to XML: its paths are XPath 1.0,
 * evaluated by libxml2 with the adapter's namespace prefixes (so the
 * input's own prefixes never matter) and the variables $lang ("sv"),
 * $LANG ("SV") and $lang3 ("SWE") for the language asked for.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "adapter_map.h"
#include "xml_load.h"

/*
 * XPath operations one input may cost, over every expression of the
 * adapter: the largest real notice (100 lots, 1.7 MB) needs under a
 * million, so a runaway expression (every element counting every element)
 * over a large input, in a hostile or mistaken adapter, stops within a
 * second or two.
 */
#define XPATH_BUDGET 100000000UL

struct xml_side {
	xmlXPathContextPtr xpath;
	const char *lang_attribute; /* the attribute naming a text's language */
};

/* libxml2 would print XPath errors; the library never prints. */
static void swallow(void *data, xmlErrorPtr error)
{
	(void)data;
	(void)error;
}

/* libxml2 numbers XPath errors from XML_XPATH_EXPRESSION_OK up. */
static int over_budget(const xmlXPathContext *ctx)
{
	int code = ctx->lastError.code - XML_XPATH_EXPRESSION_OK;

	return code == XPATH_OP_LIMIT_EXCEEDED ||
	       code == XPATH_RECURSION_LIMIT_EXCEEDED;
}

static int xml_select(struct ps_mapper *m, const struct ps_item *at,
                      const char *path, const cJSON *where,
                      struct ps_items *out)
{
	struct xml_side *x = m->impl;
	xmlXPathObjectPtr r;
	struct ps_item it = { NULL, NULL, NULL };
	int i, rc = PROCSEC_OK;

	x->xpath->node = (xmlNodePtr)at->node;
	r = xmlXPathEvalExpression((const xmlChar *)path, x->xpath);
	if (r == NULL && over_budget(x->xpath))
		return ps_map_limit_error(m, where,
		                          "the XPath expressions took more than %lu "
		                          "operations on this input (at '%.200s')",
		                          XPATH_BUDGET, path);
	if (r == NULL)
		return ps_map_adapter_error(m, where,
		                            "the XPath expression '%.200s' cannot be "
		                            "evaluated",
		                            path);
	if (r->type == XPATH_NODESET && r->nodesetval != NULL) {
		for (i = 0; i < r->nodesetval->nodeNr && rc == PROCSEC_OK; i++) {
			it.node = r->nodesetval->nodeTab[i];
			rc = ps_items_push(m, out, &it);
		}
	} else if (r->type != XPATH_NODESET) {
		xmlChar *s = xmlXPathCastToString(r);

		it.text = s != NULL ? ps_arena_strdup(m->scratch, (const char *)s)
		                    : NULL;
		xmlFree(s);
		if (it.text != NULL && it.text[0] != '\0' &&
		    strcmp(it.text, "NaN") != 0)
			rc = ps_items_push(m, out, &it);
	}
	xmlXPathFreeObject(r);
	return rc;
}

/* Whether text ends in a character that is not blank. */
static int ends_in_word(const xmlChar *text)
{
	size_t n = text != NULL ? strlen((const char *)text) : 0;

	return n > 0 && strchr(" \t\r\n", text[n - 1]) == NULL;
}

/* Text of an element, its descendants' text with a line break between
 * elements, so that paragraphs <P>a</P><P>b</P> stay apart.  An element
 * right after a word of its parent's text is inline, as TED's
 * "m<FT TYPE="SUP">2</FT>": no break before it. */
static void gather_text(const xmlNode *node, xmlBufferPtr buf, size_t depth)
{
	const xmlNode *c;
	int inline_next = 0;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			xmlBufferCat(buf, c->content);
			inline_next = ends_in_word(c->content);
		} else if (c->type == XML_ELEMENT_NODE && depth < 64) {
			if (!inline_next)
				xmlBufferCat(buf, (const xmlChar *)"\n");
			gather_text(c, buf, depth + 1);
			inline_next = 0;
		}
	}
}

static const char *xml_text(struct ps_mapper *m, const struct ps_item *it)
{
	const xmlNode *node = it->node;
	const char *text = NULL;
	xmlBufferPtr buf;

	if (node->type == XML_ATTRIBUTE_NODE || node->type == XML_TEXT_NODE) {
		xmlChar *s = xmlNodeGetContent(node);

		text = s != NULL ? ps_arena_strdup(m->scratch, (const char *)s) : NULL;
		xmlFree(s);
		return text;
	}
	if (node->type != XML_ELEMENT_NODE)
		return NULL;
	buf = xmlBufferCreate();
	if (buf == NULL)
		return NULL;
	gather_text(node, buf, 0);
	text = ps_arena_strdup(m->scratch, (const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return text;
}

static const char *xml_lang(struct ps_mapper *m, const struct ps_item *it)
{
	struct xml_side *x = m->impl;
	const xmlNode *node = it->node;
	xmlChar *v;
	const char *lang;

	if (x->lang_attribute == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	v = xmlGetProp(node, (const xmlChar *)x->lang_attribute);
	if (v == NULL)
		return NULL;
	lang = ps_arena_strdup(m->scratch, (const char *)v);
	xmlFree(v);
	return lang;
}

static void xml_where(struct ps_mapper *m, const struct ps_item *it,
                      struct ps_loc *loc)
{
	const xmlNode *node = it->node;
	xmlChar *path;

	if (node == NULL)
		return;
	if (node->type == XML_ATTRIBUTE_NODE && node->parent != NULL)
		ps_xml_position(node->parent, &loc->line, &loc->column);
	else
		ps_xml_position(node, &loc->line, &loc->column);
	path = xmlGetNodePath(node);
	if (path != NULL)
		loc->path = ps_arena_strdup(m->scratch, (const char *)path);
	xmlFree(path);
}

static const struct ps_map_ops xml_ops = {
	xml_select, xml_text, xml_lang, xml_where,
};

static int register_namespaces(struct ps_mapper *m, xmlXPathContextPtr ctx)
{
	const cJSON *ns;

	cJSON_ArrayForEach(ns, cJSON_GetObjectItemCaseSensitive(m->adapter->spec,
	                                                        "namespaces"))
		if (xmlXPathRegisterNs(ctx, (const xmlChar *)ns->string,
		                       (const xmlChar *)ns->valuestring) != 0)
			return ps_build_error(&m->b, PROCSEC_ENOMEM, NULL,
			                      "out of memory");
	return PROCSEC_OK;
}

static int set_variable(xmlXPathContextPtr ctx, const char *name,
                        const char *value)
{
	xmlXPathObjectPtr v = xmlXPathNewCString(value);

	return v != NULL &&
	       xmlXPathRegisterVariable(ctx, (const xmlChar *)name, v) == 0;
}

/* $lang, $LANG and $lang3: the language asked for, in three spellings. */
static int register_language(struct ps_mapper *m, xmlXPathContextPtr ctx)
{
	static const char *const three[][2] = {
		{ "sv", "SWE" }, { "en", "ENG" },
	};
	const char *lang = m->b.opts->lang, *lang3 = "";
	char up[3] = "";
	size_t i;

	for (i = 0; i < sizeof(three) / sizeof(three[0]); i++)
		if (strcmp(three[i][0], lang) == 0)
			lang3 = three[i][1];
	if (lang[0] != '\0')
		snprintf(up, sizeof(up), "%c%c", lang[0] - 'a' + 'A',
		         lang[1] - 'a' + 'A');
	if (set_variable(ctx, "lang", lang) && set_variable(ctx, "LANG", up) &&
	    set_variable(ctx, "lang3", lang3))
		return PROCSEC_OK;
	return ps_build_error(&m->b, PROCSEC_ENOMEM, NULL, "out of memory");
}

static int map_root(struct ps_mapper *m, struct ps_doc_list *out,
                    const char *source, xmlDocPtr xml, procsec_error *err)
{
	struct ps_item top = { xmlDocGetRootElement(xml), NULL, NULL };

	return ps_map_all(m, out, source, &top, err);
}

/* The XPath context: namespaces, language variables, silence, budget. */
static int xpath_context(struct ps_mapper *m, struct xml_side *x, xmlDocPtr xml)
{
	x->xpath = xmlXPathNewContext(xml);
	if (x->xpath == NULL)
		return ps_error_nomem(m->b.err);
	x->xpath->error = swallow;
	x->xpath->opLimit = XPATH_BUDGET;
	if (register_namespaces(m, x->xpath) != PROCSEC_OK)
		return m->b.code;
	return register_language(m, x->xpath);
}

int ps_adapt_xml(struct ps_doc_list *out, const struct ps_adapter *a,
                 const char *source, struct _xmlDoc *xml,
                 const struct procsec_options *opts, procsec_error *err)
{
	const cJSON *attr = cJSON_GetObjectItemCaseSensitive(a->spec,
	                                                     "lang_attribute");
	struct xml_side x = { NULL, cJSON_IsString(attr) ? attr->valuestring
	                                                 : NULL };
	struct ps_xml_quiet quiet;
	struct ps_mapper m;
	int rc;

	if (ps_mapper_start(&m, a, &xml_ops, &x, opts, err) != PROCSEC_OK)
		return err->code;
	rc = xpath_context(&m, &x, xml);
	if (rc == PROCSEC_OK) {
		ps_xml_quiet(&quiet);
		rc = map_root(&m, out, source, xml, err);
		ps_xml_unquiet(&quiet);
	}
	xmlXPathFreeContext(x.xpath);
	ps_mapper_end(&m);
	return rc;
}
