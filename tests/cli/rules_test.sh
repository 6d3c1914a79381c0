#!/bin/sh
# `procsec rules test`: the bundled packs' fixtures pass; a pack whose
# fixtures expect wrongly fails with every mismatch explained.
set -u
procsec="${PROCSEC_CLI:-$top_builddir/cli/procsec}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

timeout 120 "$procsec" rules test "$top_srcdir/rules" >"$tmp/out" 2>&1
status=$?
cat "$tmp/out"
[ $status -eq 0 ] && tail -n 1 "$tmp/out" | grep -q '^[0-9]* passed, 0 failed$' &&
	ok || bad "bundled pack fixtures"

timeout 60 "$procsec" rules test "$top_srcdir/tests/data/rule-tests/failing.json" >"$tmp/out" 2>&1
status=$?
[ $status -eq 1 ] && ok || bad "a failing pack exits 1, not $status"
cat >"$tmp/want" <<'W'
  - status: fail
  + status: pass
  - clauses: 3.1.5, 9.9
  + clauses: 3.1.5
  - findings: 2
  + findings: 1
W
for line in "FAIL-001" "FAIL-002" "FAIL-009: no such rule in the pack" \
	"not exercised by any fixture: FAIL-003" "0 passed, 3 failed"; do
	grep -qF -- "$line" "$tmp/out" && ok || bad "rules test output lacks: $line"
done
while IFS= read -r line; do
	grep -qxF -- "$line" "$tmp/out" && ok || bad "rules test output lacks: $line"
done <"$tmp/want"
# a fixture that is not JSON is located
mkdir -p "$tmp/broken/tests"
cp "$top_srcdir/tests/data/rule-tests/failing.json" "$tmp/broken.json"
printf '{"procsec_fixture": 1,\n "document": "x.xml",\n "expect": {"FAIL-001": "pass",}\n}\n' \
	>"$tmp/broken/tests/t.json"
timeout 60 "$procsec" rules test "$tmp/broken.json" >"$tmp/out" 2>&1
[ $? -eq 1 ] && grep -q "broken/tests/t.json:3:33: not valid JSON" "$tmp/out" &&
	ok || bad "a broken fixture: $(cat "$tmp/out")"

# the custom rule-pack example: its fixtures pass, and its profile (the
# bundled se profile plus the pack, by a path from the top of the source
# tree) checks an example tender
timeout 60 "$procsec" rules test "$top_srcdir/examples/custom-pack/vasterby.json" \
	>"$tmp/out" 2>&1
status=$?
cat "$tmp/out"
[ $status -eq 0 ] && tail -n 1 "$tmp/out" | grep -q '^[0-9]* passed, 0 failed$' &&
	ok || bad "examples/custom-pack fixtures"
(cd "$top_srcdir" && timeout 60 "$procsec" check --format json \
	--profile examples/custom-pack/profile.json examples/hemtjanst.xml) \
	>"$tmp/out" 2>&1
status=$?
{ [ $status -eq 0 ] || [ $status -eq 1 ]; } && grep -q '"VAST-001"' "$tmp/out" &&
	grep -q '"PREP-001"' "$tmp/out" && ! grep -q '"SEC-010"' "$tmp/out" &&
	ok || bad "examples/custom-pack/profile.json exits $status: $(cat "$tmp/out")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
