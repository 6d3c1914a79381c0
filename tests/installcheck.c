/*
 * installcheck.c -- built against the installed library through
 * pkg-config by `make installcheck`: the public API is enough to parse
 * a tender and read its clauses.
 */
#include <stdio.h>
#include <string.h>

#include <procsec.h>

static const char tender[] =
	"{\"procsec_tender\": 1, \"id\": \"1\", \"lang\": \"sv\", \"title\": \"T\","
	" \"buyer\": {\"name\": \"B\"}, \"sections\": [{\"clauses\": ["
	"{\"kind\": \"requirement\", \"level\": \"shall\", \"text\": \"Leverantören"
	" ska ha en kontinuitetsplan.\"}]}]}";

int main(void)
{
	procsec_error err;
	procsec_doc *doc;

	if (procsec_doc_parse(&doc, "installcheck", tender, strlen(tender), NULL,
	                      NULL, &err) != PROCSEC_OK) {
		fprintf(stderr, "%s:%d:%d: %s\n", err.source, err.line, err.column,
		        err.message);
		return 1;
	}
	printf("libprocsec %s: %zu clause(s): %s\n", procsec_version_string(),
	       procsec_doc_clause_count(doc),
	       procsec_clause_text(procsec_doc_clause_at(doc, 0)));
	procsec_doc_free(doc);
	return 0;
}
