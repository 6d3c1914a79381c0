#!/bin/sh
# The shared library exports exactly the functions the header declares,
# all named procsec_*, and exactly those of the committed list
# tests/exports.txt: adding or removing a function of the ABI is a
# decision, made by editing that list in the same commit.
set -eu
lib=$(ls "$top_builddir"/.libs/libprocsec.so.* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
	echo "SKIP: no shared library was built"
	exit 77
fi
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ { print $3 }' | sort)
# declarations may span lines: join them, one per ';'
declared=$(tr '\n' ' ' <"$top_srcdir/include/procsec.h" | tr ';' '\n' |
	sed -n 's/.*PROCSEC_API[^(]*[ *]\(procsec_[a-z0-9_]*\)(.*/\1/p' | sort)
stray=$(printf '%s\n' "$exported" | grep -v '^procsec_' || true)
if [ -n "$stray" ]; then
	echo "FAIL: symbols outside the procsec_ prefix are exported:"
	printf '%s\n' "$stray"
	exit 1
fi
# same_as LIST WHAT: fails, showing the difference, unless the exported
# functions are exactly LIST
same_as() {
	[ "$exported" = "$1" ] && return 0
	echo "FAIL: the exported functions differ from $2 (< exported, > $2):"
	printf '%s\n' "$exported" >exported.tmp
	printf '%s\n' "$1" >other.tmp
	diff exported.tmp other.tmp || true
	rm -f exported.tmp other.tmp
	exit 1
}
same_as "$declared" "those the header declares"
same_as "$(sort "$top_srcdir/tests/exports.txt")" "tests/exports.txt"
echo "PASS: $(printf '%s\n' "$exported" | wc -l) exported functions, all declared and listed"
