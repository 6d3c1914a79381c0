#!/bin/sh
# Data-driven: `procsec rules lint` on every pack in tests/data/packs.
# A valid pack lints clean; an invalid one exits 2 and prints exactly its
# `expected` lines (every problem, with file, line, column and pointer).
set -u
procsec="${PROCSEC_CLI:-$top_builddir/cli/procsec}"
data="$top_srcdir/tests/data/packs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

for dir in "$data"/valid/*/; do
	(cd "$dir" && timeout 20 "$procsec" rules lint pack.json) >"$tmp/out" 2>"$tmp/err"
	if [ $? -eq 0 ] && [ ! -s "$tmp/err" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: valid/$(basename "$dir") does not lint clean:"
		cat "$tmp/err"
	fi
done
for dir in "$data"/invalid/*/; do
	(cd "$dir" && timeout 20 "$procsec" rules lint pack.json) >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ $status -eq 2 ] && diff -u "$dir/expected" "$tmp/err" >"$tmp/diff"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: invalid/$(basename "$dir") (exit $status):"
		cat "$tmp/diff"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
