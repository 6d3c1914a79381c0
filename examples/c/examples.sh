#!/bin/sh
# The C examples (examples/c/*.c), built against the build tree by
# `make check`, run on the example tenders: their output must agree with
# what `procsec check` reports for the same tenders and packs.
#
# Needs top_srcdir, top_builddir and PROCSEC_RULES_PATH (set by
# AM_TESTS_ENVIRONMENT); by hand, from the source tree after a build in
# _build/:
#   top_srcdir=. top_builddir=_build sh examples/c/examples.sh
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
bin="$top_builddir/examples/c"
procsec="${PROCSEC_CLI:-$top_builddir/cli/procsec}"
ex="$top_srcdir/examples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same packs for the examples and for procsec: only the starter pack.
mkdir "$tmp/rules"
ln -s "$(cd "$top_srcdir/rules" && pwd)/starter.json" "$tmp/rules/starter.json"
PROCSEC_RULES_PATH="$tmp/rules"
export PROCSEC_RULES_PATH
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# run WANT COMMAND...: runs it (stdout in $tmp/out, stderr in $tmp/err)
# and checks its exit status.
run() {
	want=$1
	shift
	timeout 60 "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" = "$want" ] && ok ||
		bad "$* exited $got, expected $want: $(head -c 300 "$tmp/err")"
}

# has TEXT: the last command's stdout has a line that is exactly TEXT
has() {
	grep -qxF -- "$1" "$tmp/out" && ok ||
		bad "no line '$1' in: $(head -c 500 "$tmp/out")"
}

# summary FILE KEY: a count or the verdict from procsec's JSON summary
summary() {
	"$procsec" check --fail-on never --format ndjson "$1" |
		sed -n 's/.*"summary":{\([^}]*}[^}]*\)}.*/\1/p' |
		sed -n "s/.*\"$2\":\"*\([a-z_0-9]*\).*/\1/p"
}

# failed_ids FILE: the ids of the rules with status fail, one a line
failed_ids() {
	"$procsec" check --fail-on never --format ndjson "$1" |
		grep -o '"rule":"[A-Z0-9-]*","pack":"[a-z0-9-]*","status":"fail"' |
		sed 's/"rule":"\([^"]*\)".*/\1/'
}

# ---- minimal: the verdict and the failed rules ------------------------

for f in "$ex"/*.xml "$ex"/*.json; do
	verdict=$(summary "$f" verdict)
	run 0 "$bin/minimal" "$f"
	head -n 1 "$tmp/out" | grep -q "^$f: $verdict (" && ok ||
		bad "minimal $f: expected verdict $verdict: $(head -n 1 "$tmp/out")"
	sed -n 's/^failed: \([^ ]*\) .*/\1/p' "$tmp/out" >"$tmp/got"
	failed_ids "$f" >"$tmp/want"
	cmp -s "$tmp/got" "$tmp/want" && ok ||
		bad "minimal $f: failed rules $(tr '\n' ' ' <"$tmp/got"), procsec says $(tr '\n' ' ' <"$tmp/want")"
done

# A critical service with no continuity plan: a rule of severity error
# fails, and the exit status says so.
cat >"$tmp/no-plan.json" <<'EOF'
{"procsec_tender": 1, "id": "T-1", "lang": "sv", "title": "Städning",
 "buyer": {"name": "Kommunen"}, "facts": {"critical-service": true},
 "sections": [{"id": "1", "clauses": [{"kind": "requirement", "id": "1.1",
   "level": "shall", "text": "Leverantören ska städa lokalerna varje dag."}]}]}
EOF
run 1 "$bin/minimal" "$tmp/no-plan.json"
head -n 1 "$tmp/out" | grep -q ": fail (" && ok ||
	bad "minimal no-plan.json: expected verdict fail: $(head -n 1 "$tmp/out")"
has "failed: START-001 (error)"

# Input it cannot check: status 2, and the reason on stderr.
run 2 "$bin/minimal" "$tmp/missing.xml"
grep -q "missing.xml" "$tmp/err" && ok || bad "minimal: no error for a missing file"
printf '<tender xmlns="urn:procsec:tender:1" id="x" xml:lang="sv"><title>t</title><buyer>b</buyer><section><requirment/></section></tender>\n' >"$tmp/broken.xml"
run 2 "$bin/minimal" "$tmp/broken.xml"
grep -q "broken.xml:1:[0-9]*: .*requirment" "$tmp/err" && ok ||
	bad "minimal broken.xml: expected FILE:LINE:COL: message: $(cat "$tmp/err")"
run 2 "$bin/minimal"

# ---- batch: one rule set, several threads, input order ----------------

set -- "$ex"/*.xml "$ex"/*.json "$ex"/*.xml
: >"$tmp/want"
for f in "$@"; do
	echo "$f: $(summary "$f" pass) pass, $(summary "$f" fail) fail" >>"$tmp/want"
done
for j in 1 3 8; do
	run 0 "$bin/batch" -j "$j" "$@"
	cmp -s "$tmp/out" "$tmp/want" && ok ||
		bad "batch -j $j: got $(cat "$tmp/out"), expected $(cat "$tmp/want")"
done
run 2 "$bin/batch" -j 2 "$ex/hemtjanst.xml" "$tmp/broken.xml" "$ex/it-drift.xml"
has "$ex/hemtjanst.xml: $(summary "$ex/hemtjanst.xml" pass) pass, $(summary "$ex/hemtjanst.xml" fail) fail"
has "$tmp/broken.xml: not checked (not a valid document)"
has "$ex/it-drift.xml: $(summary "$ex/it-drift.xml" pass) pass, $(summary "$ex/it-drift.xml" fail) fail"
run 2 "$bin/batch" -j 0 "$ex/hemtjanst.xml"

# ---- custom: a pack and a tender held in memory -----------------------

run 0 "$bin/custom"
has "Facility services (EX-2026-1), report in en"
has "EX-001 pass (error)"
has "    evidence clause 1.1 line 9: satisfies the rule"
has "EX-002 fail (warning)"
grep -q '^    finding clause 1\.2 line 11: .*as appropriate' "$tmp/out" && ok ||
	bad "custom: no finding at clause 1.2: $(cat "$tmp/out")"
has "EX-003 fail (warning)"
grep -q '^    finding clause 1\.3 line 13: .*48 hours' "$tmp/out" && ok ||
	bad "custom: no finding at clause 1.3: $(cat "$tmp/out")"
grep -q '^EX-004 unknown (info): .*critical-service' "$tmp/out" && ok ||
	bad "custom: EX-004 is not unknown: $(cat "$tmp/out")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
