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
if [ "$exported" != "$declared" ]; then
	echo "FAIL: exported and declared functions differ (< exported, > declared):"
	printf '%s\n' "$exported" >exported.tmp
	printf '%s\n' "$declared" >declared.tmp
	diff exported.tmp declared.tmp || true
	rm -f exported.tmp declared.tmp
	exit 1
fi
committed=$(sort "$top_srcdir/tests/exports.txt")
if [ "$exported" != "$committed" ]; then
	echo "FAIL: the exports differ from tests/exports.txt (< exported, > listed):"
	printf '%s\n' "$exported" >exported.tmp
	printf '%s\n' "$committed" >committed.tmp
	diff exported.tmp committed.tmp || true
	rm -f exported.tmp committed.tmp
	exit 1
fi
echo "PASS: $(printf '%s\n' "$exported" | wc -l) exported functions, all declared and listed"
