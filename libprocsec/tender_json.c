/*
 * tender_json.c -- the native JSON form ("procsec_tender": 1) -> model.
 *
 * The same walk as tender_xml.c over a cJSON tree: every value goes to
 * the builder with its line, column and JSON Pointer, and unknown keys
 * are errors, with the likely intended key named.
 */
#include <stdio.h>
#include <string.h>

#include "json_walk.h"
#include "readers.h"

struct reader {
	struct ps_walk walk; /* first: the walk's report finds the reader */
	struct ps_build b;
	struct ps_json json;
};

static int report(struct ps_walk *w, int code, const struct ps_loc *loc,
                  const char *message)
{
	struct reader *r = (struct reader *)w;

	return ps_build_error(&r->b, code, loc, "%s", message);
}

static struct ps_loc loc_of(struct reader *r, const cJSON *node)
{
	return ps_walk_loc(&r->walk, node);
}

static int wrong_type(struct reader *r, const cJSON *node, const char *wanted)
{
	return ps_walk_wrong_type(&r->walk, node, wanted);
}

static int missing(struct reader *r, const cJSON *object, const char *key,
                   const char *what)
{
	return ps_walk_missing(&r->walk, object, key, what);
}

/* Rejects unknown keys; "clauses" at the top level gets a pointer home. */
static int check_keys(struct reader *r, const cJSON *object,
                      const char *const *allowed)
{
	const cJSON *clauses = cJSON_GetObjectItemCaseSensitive(object, "clauses");
	struct ps_loc loc;
	size_t len;

	if (object == r->json.root && clauses != NULL) {
		len = ps_walk_push(&r->walk, "clauses");
		loc = ps_walk_key_loc(&r->walk, clauses);
		ps_build_error(&r->b, PROCSEC_EINVALID, &loc,
		               "\"clauses\" is not allowed at the top level; "
		               "clauses belong in a section, in \"sections\"");
		ps_walk_pop(&r->walk, len);
		return r->b.code;
	}
	return ps_walk_check_keys(&r->walk, object, allowed);
}

typedef int (*member_fn)(struct reader *r, const cJSON *node,
                         const struct ps_loc *loc, long section);

/*
 * The location of object[key] with its pointer written to buf; the
 * object's own location when the member is absent.
 */
static struct ps_loc member_loc(struct reader *r, const cJSON *object,
                                const char *key, char *buf, size_t size)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	struct ps_loc loc = loc_of(r, node != NULL ? node : object);

	snprintf(buf, size, "%s", r->walk.pointer);
	if (node != NULL)
		ps_json_pointer_append(buf, size, key);
	loc.path = buf;
	return loc;
}

/* Calls fn on object[key], if present, with the pointer extended. */
static int member(struct reader *r, const cJSON *object, const char *key,
                  member_fn fn, long section)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len = strlen(r->walk.pointer);
	struct ps_loc loc;
	int rc;

	if (node == NULL)
		return PROCSEC_OK;
	ps_walk_push(&r->walk, key);
	loc = loc_of(r, node);
	rc = fn(r, node, &loc, section);
	ps_walk_pop(&r->walk, len);
	return rc;
}

/* Calls fn on each element of an array, with the pointer extended. */
static int each_element(struct reader *r, const cJSON *array, member_fn fn,
                        long section)
{
	size_t len = strlen(r->walk.pointer), i = 0;
	const cJSON *node;
	int rc = PROCSEC_OK;

	if (!cJSON_IsArray(array))
		return wrong_type(r, array, "an array");
	for (node = array->child; node != NULL && rc == PROCSEC_OK;
	     node = node->next, i++) {
		struct ps_loc loc;

		ps_walk_push_index(&r->walk, i);
		loc = loc_of(r, node);
		rc = fn(r, node, &loc, section);
		ps_walk_pop(&r->walk, len);
	}
	ps_walk_pop(&r->walk, len);
	return rc;
}

/* object[key] as a string, or NULL when absent; wrong types are errors. */
static int string_member(struct reader *r, const cJSON *object,
                         const char *key, const char **out)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len = strlen(r->walk.pointer);
	int rc = PROCSEC_OK;

	*out = NULL;
	if (node == NULL)
		return PROCSEC_OK;
	if (cJSON_IsString(node)) {
		*out = node->valuestring;
		return PROCSEC_OK;
	}
	ps_walk_push(&r->walk, key);
	rc = wrong_type(r, node, "a string");
	ps_walk_pop(&r->walk, len);
	return rc;
}

static int want_object(struct reader *r, const cJSON *node,
                       const char *const *keys)
{
	if (!cJSON_IsObject(node))
		return wrong_type(r, node, "an object");
	return check_keys(r, node, keys);
}

/* Passes object[key], if present, to the builder as a field. */
static int field_member(struct reader *r, const cJSON *object,
                        const char *key, enum ps_field f)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len = strlen(r->walk.pointer);
	struct ps_loc loc;
	int rc;

	if (node == NULL)
		return PROCSEC_OK;
	ps_walk_push(&r->walk, key);
	loc = loc_of(r, node);
	if (cJSON_IsString(node))
		rc = ps_build_field(&r->b, f, node->valuestring,
		                    strlen(node->valuestring), &loc);
	else
		rc = wrong_type(r, node, "a string");
	ps_walk_pop(&r->walk, len);
	return rc;
}

static int number_member(struct reader *r, const cJSON *object,
                         const char *key, const char *what, double *out)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	size_t len = strlen(r->walk.pointer);
	int rc = PROCSEC_OK;

	if (node == NULL)
		return missing(r, object, key, what);
	if (!cJSON_IsNumber(node)) {
		ps_walk_push(&r->walk, key);
		rc = wrong_type(r, node, "a number");
		ps_walk_pop(&r->walk, len);
	}
	*out = node->valuedouble;
	return rc;
}

static const char *const buyer_keys[] = { "name", "orgno", "country", NULL };
static const char *const cpv_keys[] = { "code", "main", NULL };
static const char *const section_keys[] = { "id", "title", "clauses",
	                                    "sections", NULL };
static const char *const clause_keys[] = { "kind", "id", "level", "category",
	                                   "verification", "text", NULL };
static const char *const attachment_keys[] = { "type", "href", "title",
	                                       NULL };

static int read_buyer(struct reader *r, const cJSON *node,
                      const struct ps_loc *loc, long section)
{
	(void)section;
	if (want_object(r, node, buyer_keys) != PROCSEC_OK ||
	    ps_build_buyer(&r->b, loc) != PROCSEC_OK)
		return r->b.code;
	if (!cJSON_HasObjectItem(node, "name"))
		return missing(r, node, "name", "the buyer");
	if (field_member(r, node, "name", PS_F_BUYER_NAME) != PROCSEC_OK ||
	    field_member(r, node, "orgno", PS_F_BUYER_ORGNO) != PROCSEC_OK)
		return r->b.code;
	return field_member(r, node, "country", PS_F_BUYER_COUNTRY);
}

static int read_cpv(struct reader *r, const cJSON *node,
                    const struct ps_loc *loc, long section)
{
	const cJSON *main;
	const char *code;
	struct ps_loc code_loc;
	char buf[8300];

	(void)section;
	if (want_object(r, node, cpv_keys) != PROCSEC_OK ||
	    string_member(r, node, "code", &code) != PROCSEC_OK)
		return r->b.code;
	if (code == NULL)
		return missing(r, node, "code", "the CPV entry");
	main = cJSON_GetObjectItemCaseSensitive(node, "main");
	if (main != NULL && !cJSON_IsBool(main)) {
		size_t len = strlen(r->walk.pointer);

		strcat(r->walk.pointer, "/main");
		wrong_type(r, main, "true or false");
		ps_walk_pop(&r->walk, len);
		return r->b.code;
	}
	code_loc = member_loc(r, node, "code", buf, sizeof(buf));
	return ps_build_cpv(&r->b, code, cJSON_IsTrue(main), loc, &code_loc);
}

static int read_quantity(struct reader *r, const cJSON *node,
                         const struct ps_quantity *q)
{
	const char *const keys[] = { "amount", q->qualifier, NULL };
	char what[32], buf[8300];
	struct ps_loc at;
	double amount = 0;

	snprintf(what, sizeof(what), "the %s", q->what);
	at = member_loc(r, node, "amount", buf, sizeof(buf));
	if (want_object(r, node, keys) != PROCSEC_OK ||
	    number_member(r, node, "amount", what, &amount) != PROCSEC_OK ||
	    q->build(&r->b, amount, &at) != PROCSEC_OK)
		return r->b.code;
	if (!cJSON_HasObjectItem(node, q->qualifier))
		return missing(r, node, q->qualifier, what);
	return field_member(r, node, q->qualifier, q->field);
}

static int read_value(struct reader *r, const cJSON *node,
                      const struct ps_loc *loc, long section)
{
	(void)loc;
	(void)section;
	return read_quantity(r, node, &ps_value_quantity);
}

static int read_duration(struct reader *r, const cJSON *node,
                         const struct ps_loc *loc, long section)
{
	(void)loc;
	(void)section;
	return read_quantity(r, node, &ps_duration_quantity);
}

static int read_facts(struct reader *r, const cJSON *node,
                      const struct ps_loc *loc, long section)
{
	size_t len = strlen(r->walk.pointer);
	const cJSON *fact;
	int rc = PROCSEC_OK;

	(void)loc;
	(void)section;
	if (!cJSON_IsObject(node))
		return wrong_type(r, node, "an object of facts");
	for (fact = node->child; fact != NULL && rc == PROCSEC_OK;
	     fact = fact->next) {
		struct ps_loc at;

		ps_walk_push(&r->walk, fact->string);
		at = ps_walk_key_loc(&r->walk, fact);
		if (cJSON_IsBool(fact) || cJSON_IsNull(fact))
			rc = ps_build_fact(&r->b, fact->string,
			                   cJSON_IsNull(fact) ? PROCSEC_FACT_UNKNOWN
			                   : cJSON_IsTrue(fact) ? PROCSEC_FACT_TRUE
			                                        : PROCSEC_FACT_FALSE,
			                   &at);
		else
			rc = wrong_type(r, fact, "true, false or null (unknown)");
		ps_walk_pop(&r->walk, len);
	}
	return rc;
}

static int read_clause(struct reader *r, const cJSON *node,
                       const struct ps_loc *loc, long section)
{
	struct ps_clause_in in = { 0 };
	char kind_buf[8300], level_buf[8300];
	struct ps_loc kind_loc, level_loc;

	kind_loc = member_loc(r, node, "kind", kind_buf, sizeof(kind_buf));
	level_loc = member_loc(r, node, "level", level_buf, sizeof(level_buf));
	in.kind_loc = &kind_loc;
	in.level_loc = &level_loc;

	if (want_object(r, node, clause_keys) != PROCSEC_OK ||
	    string_member(r, node, "kind", &in.kind) != PROCSEC_OK ||
	    string_member(r, node, "id", &in.id) != PROCSEC_OK ||
	    string_member(r, node, "level", &in.level) != PROCSEC_OK ||
	    string_member(r, node, "category", &in.category) != PROCSEC_OK ||
	    string_member(r, node, "verification", &in.verification) !=
	            PROCSEC_OK ||
	    string_member(r, node, "text", &in.text) != PROCSEC_OK)
		return r->b.code;
	if (in.kind == NULL)
		return missing(r, node, "kind", "the clause");
	if (in.text == NULL)
		return missing(r, node, "text", "the clause");
	in.text_len = strlen(in.text);
	return ps_build_clause(&r->b, section, &in, loc);
}

static int each_clause(struct reader *r, const cJSON *node,
                       const struct ps_loc *loc, long section)
{
	(void)loc;
	return each_element(r, node, read_clause, section);
}

static int each_section(struct reader *r, const cJSON *node,
                        const struct ps_loc *loc, long parent);

static int read_section(struct reader *r, const cJSON *node,
                        const struct ps_loc *loc, long parent)
{
	const char *id, *title;
	long index;

	if (want_object(r, node, section_keys) != PROCSEC_OK ||
	    string_member(r, node, "id", &id) != PROCSEC_OK ||
	    string_member(r, node, "title", &title) != PROCSEC_OK)
		return r->b.code;
	index = ps_build_section(&r->b, parent, id, title, loc);
	if (index < 0)
		return r->b.code;
	if (member(r, node, "clauses", each_clause, index) !=
	    PROCSEC_OK)
		return r->b.code;
	return member(r, node, "sections", each_section, index);
}

static int each_section(struct reader *r, const cJSON *node,
                        const struct ps_loc *loc, long parent)
{
	(void)loc;
	return each_element(r, node, read_section, parent);
}

static int read_attachment(struct reader *r, const cJSON *node,
                           const struct ps_loc *loc, long section)
{
	const char *type, *href, *title;

	(void)section;
	if (want_object(r, node, attachment_keys) != PROCSEC_OK ||
	    string_member(r, node, "type", &type) != PROCSEC_OK ||
	    string_member(r, node, "href", &href) != PROCSEC_OK ||
	    string_member(r, node, "title", &title) != PROCSEC_OK)
		return r->b.code;
	if (type == NULL)
		return missing(r, node, "type", "the attachment");
	return ps_build_attachment(&r->b, type, href, title, loc);
}

static int each_cpv(struct reader *r, const cJSON *node,
                    const struct ps_loc *loc, long section)
{
	(void)loc;
	return each_element(r, node, read_cpv, section);
}

static int each_attachment(struct reader *r, const cJSON *node,
                           const struct ps_loc *loc, long section)
{
	(void)loc;
	return each_element(r, node, read_attachment, section);
}

static const char *const tender_keys[] = {
	"$schema", "procsec_tender", "id", "lang", "title", "buyer",
	"procedure", "published", "deadline", "cpv", "value", "duration",
	"facts", "sections", "attachments", NULL,
};

static const char *const required_keys[] = { "id", "lang", "title",
	                                     "buyer" };

/* The string fields of the top level, in model order. */
static const struct {
	const char *key;
	enum ps_field field;
} tender_fields[] = {
	{ "id", PS_F_ID },
	{ "lang", PS_F_LANG },
	{ "title", PS_F_TITLE },
	{ "procedure", PS_F_PROCEDURE },
	{ "published", PS_F_PUBLISHED },
	{ "deadline", PS_F_DEADLINE },
};

static const struct {
	const char *key;
	member_fn fn;
} tender_members[] = {
	{ "buyer", read_buyer },
	{ "cpv", each_cpv },
	{ "value", read_value },
	{ "duration", read_duration },
	{ "facts", read_facts },
	{ "sections", each_section },
	{ "attachments", each_attachment },
};

static int read_root(struct reader *r, const cJSON *root)
{
	size_t i;

	r->b.doc->root_loc = loc_of(r, root);
	r->b.doc->root_loc.path = "";
	if (check_keys(r, root, tender_keys) != PROCSEC_OK)
		return r->b.code;
	for (i = 0; i < sizeof(required_keys) / sizeof(required_keys[0]); i++)
		if (!cJSON_HasObjectItem(root, required_keys[i]))
			return missing(r, root, required_keys[i], "the tender");
	for (i = 0; i < sizeof(tender_fields) / sizeof(tender_fields[0]); i++)
		if (field_member(r, root, tender_fields[i].key,
		                 tender_fields[i].field) != PROCSEC_OK)
			return r->b.code;
	for (i = 0; i < sizeof(tender_members) / sizeof(tender_members[0]); i++)
		if (member(r, root, tender_members[i].key, tender_members[i].fn,
		           -1) != PROCSEC_OK)
			return r->b.code;
	return PROCSEC_OK;
}

/* The marker that tells our JSON from every other JSON. */
static int check_marker(struct reader *r, const cJSON *root)
{
	const cJSON *marker;
	struct ps_loc loc = loc_of(r, root);

	if (!cJSON_IsObject(root))
		return ps_build_error(&r->b, PROCSEC_EFORMAT, &loc,
		                      "not a procsec tender: the top-level value "
		                      "is %s; expected an object with "
		                      "\"procsec_tender\": 1",
		                      ps_walk_type_name(root));
	marker = cJSON_GetObjectItemCaseSensitive(root, "procsec_tender");
	if (marker == NULL)
		return ps_build_error(&r->b, PROCSEC_EFORMAT, &loc,
		                      "not a procsec tender: the top-level object "
		                      "has no \"procsec_tender\": 1");
	strcpy(r->walk.pointer, "/procsec_tender");
	loc = loc_of(r, marker);
	if (!cJSON_IsNumber(marker))
		return ps_build_error(&r->b, PROCSEC_EFORMAT, &loc,
		                      "\"procsec_tender\" must be the number 1, not "
		                      "%s",
		                      ps_walk_type_name(marker));
	if (marker->valuedouble != 1)
		return ps_build_error(&r->b, PROCSEC_EFORMAT, &loc,
		                      "unsupported tender format version %g: "
		                      "expected \"procsec_tender\": 1",
		                      marker->valuedouble);
	r->walk.pointer[0] = '\0';
	return PROCSEC_OK;
}

procsec_doc *ps_read_tender_json_tree(const char *source,
                                      const struct ps_json *json,
                                      const struct procsec_options *opts,
                                      procsec_error *err)
{
	struct reader r;

	memset(&r, 0, sizeof(r));
	r.json = *json; /* borrowed: the caller frees it */
	ps_walk_init(&r.walk, &r.json, report);
	if (ps_build_start(&r.b, source, "procsec-json", opts, err) == PROCSEC_OK &&
	    check_marker(&r, r.json.root) == PROCSEC_OK)
		read_root(&r, r.json.root);
	return ps_build_finish(&r.b);
}
