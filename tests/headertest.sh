#!/bin/sh
# <procsec.h> compiles alone, as strict C99 and as C++.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <procsec.h>\nint main(void) { return procsec_version() > 0 ? 0 : 1; }\n' >"$tmp/t.c"
${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only \
	-I"$top_srcdir/include" "$tmp/t.c"
echo "PASS: C99"
if command -v c++ >/dev/null 2>&1; then
	c++ -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only \
		-I"$top_srcdir/include" "$tmp/t.c"
	echo "PASS: C++11"
fi
