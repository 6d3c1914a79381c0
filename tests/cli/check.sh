#!/bin/sh
# End to end: `procsec check` and `procsec rules` on the examples with
# the bundled packs: statuses, exit codes, and reports that validate
# against the shipped report schema.
set -u
. "$top_srcdir/tests/cli/lib.sh"

# result FILE RULE STATUS: a JSON report gives RULE that status
result() {
	python3 - "$1" "$2" "$3" <<'PY' && ok || bad "$1: $2 is not $3"
import json, sys
report = json.load(open(sys.argv[1]))
status = {r["rule"]: r["status"] for r in report["results"]}
if status.get(sys.argv[2]) != sys.argv[3]:
    print("%s: %s is %s" % (sys.argv[1], sys.argv[2], status.get(sys.argv[2])))
    sys.exit(1)
PY
}

validate() {
	python3 - "$top_srcdir/schemas/report-1.schema.json" "$@" <<'PY' && ok || bad "schema: $*"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    data = json.load(open(path))
    for report in data if isinstance(data, list) else [data]:
        for e in validator.iter_errors(report):
            print("%s: %s at /%s" % (path, e.message, "/".join(map(str, e.path))))
            sys.exit(1)
PY
}

# Text reports: a mixed result, and a clean one.
status 0 -- "$procsec" check "$ex/lokalvard-forskolor.xml"
has "START-008 Vaga ord i ska-krav"
has "lokalvard-forskolor.xml:78:7: START-008"
has "”vid behov”"
has "utfall: ofullständigt"
status 0 -- "$procsec" check --lang en "$ex/it-drift.json"
has "verdict: pass"
status 1 -- "$procsec" check --fail-on warning "$ex/hemtjanst.xml"
has "START-002"

# JSON reports, each form, validated against the schema.
for name in lokalvard-forskolor it-drift hemtjanst; do
	for form in xml json; do
		status 0 -- "$procsec" check --format json --output "$tmp/$name.$form.json" \
			"$ex/$name.$form"
		validate "$tmp/$name.$form.json"
	done
done
# every starter rule on every example, in both forms
python3 - "$tmp" "$top_srcdir/tests/data/starter-expectations.tsv" <<'PY' && ok || bad "starter expectations"
import json, sys
bad = 0
for line in open(sys.argv[2]):
    if line.startswith("#") or not line.strip():
        continue
    doc, rule, want = line.split()
    got = {r["rule"]: r["status"]
           for r in json.load(open("%s/%s.json" % (sys.argv[1], doc)))["results"]}
    if got.get(rule) != want:
        print("%s: %s is %s, expected %s" % (doc, rule, got.get(rule), want))
        bad += 1
sys.exit(1 if bad else 0)
PY
result "$tmp/lokalvard-forskolor.xml.json" START-008 fail
result "$tmp/lokalvard-forskolor.json.json" START-008 fail
result "$tmp/lokalvard-forskolor.xml.json" START-007 unknown
result "$tmp/hemtjanst.xml.json" START-002 fail
result "$tmp/it-drift.xml.json" START-001 pass

# A folder gives one JSON array, in file order. (A copy of the six
# tenders: examples/ also holds examples/custom-pack/, a pack and its
# fixtures, which are not tenders.)
mkdir -p "$tmp/examples"
cp "$ex"/*.xml "$ex"/*.json "$tmp/examples/"
status 0 -- "$procsec" check --format json "$tmp/examples"
cp "$tmp/out" "$tmp/all.json"
validate "$tmp/all.json"
python3 -c 'import json,sys; sys.exit(0 if len(json.load(open(sys.argv[1]))) == 6 else 1)' \
	"$tmp/all.json" && ok || bad "a folder of 6 tenders gives 6 reports"

# Batches: input order kept with -j 2; a bad file among good ones is
# reported and the others still checked; the exit status is the worst.
mkdir -p "$tmp/batch"
for i in 1 2 3 4 5 6 7 8; do cp "$ex/it-drift.json" "$tmp/batch/t$i.json"; done
cp "$ex/lokalvard-forskolor.xml" "$tmp/batch/t5.xml"
printf '{"procsec_tender": 1,' >"$tmp/batch/t3b.json"
status 2 -- "$procsec" check -j 2 --format ndjson "$tmp/batch"
python3 - "$tmp/out" <<'PY' && ok || bad "batch order and count"
import json, os, sys
names = [os.path.basename(json.loads(l)["document"]["source"]) for l in open(sys.argv[1])]
want = ["t1.json", "t2.json", "t3.json", "t4.json", "t5.json", "t5.xml",
        "t6.json", "t7.json", "t8.json"]
sys.exit(0 if names == want else 1)
PY
grep -q "t3b.json:1:22: unexpected end of input" "$tmp/err" && ok || bad "bad file in batch: $(cat "$tmp/err")"
grep -q "checked 10 tenders: 9 clean, 0 with failures at or above --fail-on, 1 could not be checked" "$tmp/err" &&
	grep -q "START-008    failed in 1" "$tmp/err" && ok || bad "batch summary: $(cat "$tmp/err")"
rm "$tmp/batch/t3b.json"
status 1 -- "$procsec" check -j 2 --fail-on warning "$tmp/batch"
for f in "$ex"/*.json; do
	python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$f"
done >"$tmp/lines.ndjson"
timeout 60 "$procsec" check --stdin-ndjson --format ndjson <"$tmp/lines.ndjson" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 3 ] && grep -q '"source":"stdin:2"' "$tmp/out" &&
	ok || bad "--stdin-ndjson: $(cat "$tmp/err")"

# Parameters, dates, and bad input.
status 0 -- "$procsec" check --param incident_report_hours=48 "$ex/it-drift.xml"
status 2 -- "$procsec" check --param no_such_param=1 "$ex/it-drift.xml"
status 0 -- "$procsec" check --as-of 2012-01-01 "$ex/it-drift.xml"
status 2 -- "$procsec" check --as-of 2012-02-30 "$ex/it-drift.xml"
status 2 -- "$procsec" check "$tmp/missing.xml"
status 2 -- "$procsec" check --rules no-such-pack "$ex/it-drift.xml"

# Waivers: applied, expired, unused; and a bad waiver file.
cat >"$tmp/waivers.json" <<'W'
{"procsec_waivers": 1, "waivers": [
  {"rule": "START-008", "document": "DNR 1187-*", "clause": "3.1.5",
   "reason": "Övningar regleras i bilaga 6.", "approver": "A. Andersson",
   "expires": "2099-12-31"},
  {"rule": "START-002", "document": "HVN-*", "reason": "Separat avtal.",
   "approver": "B. Berg", "expires": "2020-01-01"},
  {"rule": "START-001", "document": "*", "reason": "x", "approver": "y",
   "expires": "2099-01-01"}
]}
W
status 0 -- "$procsec" check --format json --waivers "$tmp/waivers.json" \
	--output "$tmp/waived.json" "$ex/lokalvard-forskolor.xml"
validate "$tmp/waived.json"
result "$tmp/waived.json" START-008 waived
python3 - "$tmp/waived.json" <<'PY' && ok || bad "waiver states in lokalvard"
import json, sys
r = json.load(open(sys.argv[1]))
states = {w["rule"]: w["state"] for w in r["waivers"]}
waived = [x for x in r["results"] if x["rule"] == "START-008"][0]
ok = (states == {"START-008": "applied", "START-001": "unused"} and
      len(waived["findings"]) == 2 and "A. Andersson" in waived["reason"])
sys.exit(0 if ok else 1)
PY
status 0 -- "$procsec" check --format json --waivers "$tmp/waivers.json" \
	--output "$tmp/expired.json" "$ex/hemtjanst.xml"
result "$tmp/expired.json" START-002 fail
grep -q '"state":	"expired"' "$tmp/expired.json" && ok || bad "expired waiver"
status 0 -- "$procsec" check --waivers "$tmp/waivers.json" "$ex/hemtjanst.xml"
has "waivers.json:5:3: utgånget undantag: START-002, HVN-*, 2020-01-01"
printf '{"procsec_waivers": 1, "waivers": [\n {"rule": "X-1", "document": "*",\n  "reason": "r", "expires": "2027-02-30"}]}\n' >"$tmp/bad-waivers.json"
status 2 -- "$procsec" check --waivers "$tmp/bad-waivers.json" "$ex/hemtjanst.xml"
grep -q "bad-waivers.json:2:2: the waiver has no \"approver\" (required) (at /waivers/0)" "$tmp/err" &&
	grep -q "bad-waivers.json:3:29: invalid date '2027-02-30': February 2027 has no day 30 (at /waivers/0/expires)" "$tmp/err" &&
	ok || bad "bad waiver file: $(cat "$tmp/err")"

# Profiles: extend, disable, severity change, parameter; a cycle; errors.
profiles="$top_srcdir/tests/data/profiles"
# exit 1: the profile made START-008 an error, and it fails
(cd "$profiles" && timeout 60 "$procsec" check --format json --profile city.json \
	"$ex/lokalvard-forskolor.xml") >"$tmp/city.json" 2>"$tmp/err"
[ $? -eq 1 ] && ok || bad "check --profile city.json: $(cat "$tmp/err")"
python3 - "$tmp/city.json" <<'PY' && ok || bad "profile city applied"
import json, sys
r = json.load(open(sys.argv[1]))
by = {x["rule"]: x for x in r["results"]}
ok = ("START-014" not in by and len(by) == 15 and
      by["START-008"]["severity"] == "error" and
      by["START-008"]["status"] == "fail" and
      r["summary"]["failed"]["error"] == 2)
sys.exit(0 if ok else 1)
PY
(cd "$profiles" && timeout 60 "$procsec" check --profile cycle-a.json \
	"$ex/it-drift.xml") >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "cycle-b.json: the profile extends cycle-a.json, which extends it back" "$tmp/err" &&
	ok || bad "profile cycle: $(cat "$tmp/err")"
(cd "$profiles" && timeout 60 "$procsec" check --profile bad.json \
	"$ex/it-drift.xml") >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'bad.json:7:3: unknown key "parms" (did you mean "params"?) (at /parms)' "$tmp/err" &&
	grep -q "bad.json:6:29: invalid severity for START-008" "$tmp/err" &&
	ok || bad "bad profile: $(cat "$tmp/err")"
printf '{"procsec_profile": 1, "packs": ["starter"],\n "disable": ["START-999"]}\n' >"$tmp/unknown-rule.json"
status 2 -- "$procsec" check --profile "$tmp/unknown-rule.json" "$ex/it-drift.xml"
grep -q "unknown-rule.json:2:14: no rule 'START-999' in the packs loaded (at /disable/0)" "$tmp/err" &&
	ok || bad "profile naming an unknown rule: $(cat "$tmp/err")"

# A profile found by name, in the profiles folder of a rules folder.
mkdir -p "$tmp/rulesdir/profiles"
printf '{"procsec_profile": 1, "packs": ["starter"], "disable": ["START-008"]}\n' \
	>"$tmp/rulesdir/profiles/quiet.json"
PROCSEC_RULES_PATH="$tmp/rulesdir:$PROCSEC_RULES_PATH" timeout 60 "$procsec" check \
	--format json --profile quiet "$ex/lokalvard-forskolor.xml" >"$tmp/quiet.json" 2>"$tmp/err"
[ $? -eq 0 ] && ! grep -q START-008 "$tmp/quiet.json" && grep -q START-001 "$tmp/quiet.json" &&
	ok || bad "profile by name: $(cat "$tmp/err")"

# A profile's tags keep only the rules tagged so; its lang sets the
# report's language; outside its period no rule is in force.
printf '{"procsec_profile": 1, "id": "old", "packs": ["starter"], "lang": "en",\n "valid": {"from": "2013-01-01", "until": "2016-12-31"}}\n' \
	>"$tmp/old.json"
status 0 -- "$procsec" check --format json --profile "$tmp/old.json" "$ex/it-drift.xml"
python3 - "$tmp/out" <<'PY' && ok || bad "profile period and lang: $(head -c 300 "$tmp/out")"
import json, sys
r = json.load(open(sys.argv[1]))
ok = (r["lang"] == "en" and
      all(x["status"] == "not_applicable" and
          x["reason"].startswith("old is in force 2013-01-01 to 2016-12-31")
          for x in r["results"]))
sys.exit(0 if ok else 1)
PY
status 0 -- "$procsec" check --format json --profile "$tmp/old.json" --lang sv "$ex/it-drift.xml"
grep -q '"lang":	"sv"' "$tmp/out" && ok || bad "--lang wins over the profile's lang"
printf '{"procsec_profile": 1, "lang": "de", "valid": {"from": "2016-02-30"}, "tags": "eu-law"}\n' \
	>"$tmp/bad-profile.json"
status 2 -- "$procsec" check --profile "$tmp/bad-profile.json" "$ex/it-drift.xml"
grep -q 'bad-profile.json:1:32: invalid language: expected "sv" or "en" (at /lang)' "$tmp/err" &&
	grep -q "bad-profile.json:1:56: invalid date '2016-02-30': February 2016 has no day 30 (at /valid/from)" "$tmp/err" &&
	grep -q 'bad-profile.json:1:79: expected an array of strings, found a string (at /tags)' "$tmp/err" &&
	ok || bad "bad profile lang, period, tags: $(cat "$tmp/err")"

# rules list, explain, lint
status 0 -- "$procsec" rules list
has "START-001"
status 0 -- "$procsec" rules explain START-008 --lang sv
has "Modelltext att föra in i underlaget:"
status 2 -- "$procsec" rules explain NO-SUCH-RULE
status 0 -- "$procsec" rules lint "$top_srcdir/rules/starter.json"
has "ok, "

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
