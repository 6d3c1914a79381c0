/*
 * test_cases.c -- data-driven tests of bad input.
 *
 * Each folder tests/data/{xml,json}/invalid/<case>/ holds one input
 * (input.xml or input.json) and a file `expected` of two lines: the
 * procsec_code's name, and the error as `procsec parse` prints it, with
 * the input named "input".  Run with --print to see what the library
 * says for every case, when writing a new one.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <procsec.h>

#include "harness.h"

static int print_mode;
static unsigned cases_run;

static const char *code_name(int code)
{
	static const char *const names[] = {
		"PROCSEC_OK", "PROCSEC_ENOMEM", "PROCSEC_EIO",
		"PROCSEC_ESYNTAX", "PROCSEC_ELIMIT", "PROCSEC_EINVALID",
		"PROCSEC_EREGEX", "PROCSEC_EARG", "PROCSEC_EUNSAFE",
		"PROCSEC_EFORMAT",
	};

	if (code > 0 || -code >= (int)(sizeof(names) / sizeof(names[0])))
		return "?";
	return names[-code];
}

static void format_error(char *dst, size_t size, const procsec_error *err)
{
	int n = snprintf(dst, size, "%s:%d:%d: %s", err->source, err->line,
	                 err->column, err->message);

	if (err->pointer[0] != '\0' && n > 0 && (size_t)n < size)
		snprintf(dst + n, size - (size_t)n, " (at %s)", err->pointer);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static void run_case(const char *dir, const char *name, const char *ext)
{
	char path[2048], got[1024], want_code[64] = "", want_line[1024] = "";
	procsec_error err;
	procsec_doc *doc = NULL;
	size_t len = 0;
	char *input, *expected, *nl;
	int rc;

	snprintf(path, sizeof(path), "%s/%s/input.%s", dir, name, ext);
	input = read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL(input);
	if (input == NULL)
		return;
	rc = procsec_doc_parse(&doc, "input", input, len, NULL, NULL, &err);
	free(input);
	procsec_doc_free(doc);
	format_error(got, sizeof(got), &err);
	if (print_mode) {
		printf("%s/%s\n  %s\n  %s\n", dir, name, code_name(rc), got);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s/expected", dir, name);
	expected = read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL(expected);
	if (expected == NULL) {
		fprintf(stderr, "\n%s/%s: no file 'expected'\n", dir, name);
		return;
	}
	nl = strchr(expected, '\n');
	if (nl != NULL) {
		*nl = '\0';
		snprintf(want_line, sizeof(want_line), "%s", nl + 1);
		chomp(want_line);
	}
	snprintf(want_code, sizeof(want_code), "%s", expected);
	free(expected);
	cases_run++;
	if (strcmp(code_name(rc), want_code) != 0 ||
	    strcmp(got, want_line) != 0)
		fprintf(stderr, "\n%s/%s:\n  want %s %s\n  got  %s %s\n", dir,
		        name, want_code, want_line, code_name(rc), got);
	CU_ASSERT_STRING_EQUAL(code_name(rc), want_code);
	CU_ASSERT_STRING_EQUAL(got, want_line);
	CU_ASSERT_EQUAL(rc, err.code);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void run_folder(const char *kind, const char *ext)
{
	char dir[1024];
	struct dirent **entries;
	int n, i;

	snprintf(dir, sizeof(dir), "%s/tests/data/%s/invalid", PROCSEC_SRCDIR,
	         kind);
	n = scandir(dir, &entries, NULL, by_name);
	CU_ASSERT(n > 2);
	for (i = 0; i < n; i++) {
		if (entries[i]->d_name[0] != '.')
			run_case(dir, entries[i]->d_name, ext);
		free(entries[i]);
	}
	free(entries);
}

static void test_xml_cases(void)
{
	run_folder("xml", "xml");
}

static void test_json_cases(void)
{
	run_folder("json", "json");
}

int main(int argc, char **argv)
{
	static const struct test_case tests[] = {
		{ "invalid XML documents", test_xml_cases },
		{ "invalid JSON documents", test_json_cases },
		{ NULL, NULL },
	};
	int rc;

	print_mode = argc > 1 && strcmp(argv[1], "--print") == 0;
	rc = run_tests("cases", tests);
	if (!print_mode)
		printf("data cases checked: %u\n", cases_run);
	return rc;
}
