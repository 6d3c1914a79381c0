/*
 * standalone.c -- replays fuzz inputs without libFuzzer.
 *
 * Linked with one fuzz_<target>.c in place of -fsanitize=fuzzer, it reads
 * each file named on the command line, or each file in a named folder
 * (not recursively), and passes its bytes to LLVMFuzzerTestOneInput, so
 * `make check` runs every corpus under whatever sanitizers the build has.
 * With no arguments it replays the folder FUZZ_CORPUS names, when the
 * build defines it (-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/x"'),
 * so the program can stand in TESTS as it is.  Exits 0 when every input
 * was read (a crash ends it before that), 1 when a file or folder cannot
 * be read, 77 ("skipped" to automake) when given nothing to replay.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return 1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *bigger;

			cap = cap ? cap * 2 : 65536;
			bigger = realloc(data, cap);
			if (bigger == NULL) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(data);
				fclose(f);
				return 1;
			}
			data = bigger;
		}
		n = fread(data + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		free(data);
		fclose(f);
		return 1;
	}
	fclose(f);
	/* An exact-size copy, so ASan sees a read past the end. */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (exact == NULL) {
			free(data);
			return 1;
		}
		if (len)
			memcpy(exact, data, len);
		free(data);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

static int replay_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int failed = 0;

	if (d == NULL) {
		fprintf(stderr, "%s: cannot open folder\n", dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		                     e->d_name) >= sizeof(path))
			continue;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		failed |= replay_file(path);
		(*count)++;
	}
	closedir(d);
	return failed;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i, failed = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc < 2) {
#ifdef FUZZ_CORPUS
		failed = replay_dir(FUZZ_CORPUS, &count);
		printf("%s: replayed %zu input(s) from %s\n", argv[0], count,
		       FUZZ_CORPUS);
		return failed;
#else
		fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
		return 77;
#endif
	}
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			failed |= replay_dir(argv[i], &count);
		} else {
			failed |= replay_file(argv[i]);
			count++;
		}
	}
	printf("%s: replayed %zu input(s)\n", argv[0], count);
	return failed;
}
