#!/bin/sh
# The manual pages render without a warning: groff -man -ww, and
# mandoc -Tlint when it is installed.  Skipped (77) without groff.
set -u
: "${top_srcdir:?}"
command -v groff >/dev/null 2>&1 || { echo "groff not installed"; exit 77; }
failed=0
for page in "$top_srcdir"/man/procsec.1 "$top_srcdir"/man/procsec-rules.5 \
	"$top_srcdir"/man/libprocsec.3; do
	out=$(groff -man -ww -z "$page" 2>&1)
	[ -z "$out" ] || { echo "FAIL: groff $page: $out"; failed=1; }
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -Tlint "$page" 2>&1)
		[ -z "$out" ] || { echo "FAIL: mandoc $page: $out"; failed=1; }
	fi
done
exit $failed
