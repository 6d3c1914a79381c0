/*
 * tempfile.h -- fuzz inputs for readers that take a path: profiles and
 * waiver files are read from disk only, so the bytes go to a file of
 * their own first.
 */
#ifndef FUZZ_TEMPFILE_H
#define FUZZ_TEMPFILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes data to a new file and puts its path in path; 0 on failure. */
static int fuzz_write_temp(const uint8_t *data, size_t size, char *path,
                           size_t path_size)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, path_size, "%s/procsec-fuzz-XXXXXX.json",
	         dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	fd = mkstemps(path, 5);
	if (fd < 0)
		return 0;
	if (size > 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	return 1;
}

#endif
