#!/bin/sh
# End to end: `procsec check --format sarif` and `--format junit` on every
# example and on a hostile tender.  Each output must validate against the
# official schemas kept in tests/schemas (SOURCES.md there says whence),
# agree with the JSON report, and carry every hostile string intact.
set -u
. "$top_srcdir/tests/cli/lib.sh"
schemas="$top_srcdir/tests/schemas"

if ! command -v xmllint >/dev/null ||
   ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "skipped: needs xmllint (libxml2-utils) and python3-jsonschema"
	exit 77
fi

# sarif_valid FILE...: valid SARIF 2.1.0.  The OASIS schema is draft-04.
# jsonschema checks its "uri" and "uri-reference" formats only with an
# optional URI library, so they are checked here, by RFC 3986's grammar
# reduced to its character set: no spaces, controls, <, >, ", \, or
# non-ASCII, and every % starts an escape.
sarif_check() {
	python3 - "$schemas/sarif-schema-2.1.0.json" "$@" <<'PY'

import json, re, sys, jsonschema
chars = r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*"
formats = jsonschema.FormatChecker()
@formats.checks("uri")
def uri(s):
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:" + chars, s) is not None
@formats.checks("uri-reference")
def uri_reference(s):
    # a relative reference may not look as if it had a scheme
    return uri(s) or (re.fullmatch(chars, s) is not None and
                      re.match(r"[^/?#]*:", s) is None)
schema = json.load(open(sys.argv[1]))
jsonschema.Draft4Validator.check_schema(schema)
validator = jsonschema.Draft4Validator(schema, format_checker=formats)
bad = 0
for path in sys.argv[2:]:
    for e in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
        print("%s: %s at /%s" % (path, e.message, "/".join(map(str, e.path))))
        bad = 1
sys.exit(bad)
PY
}
sarif_valid() {
	sarif_check "$@" && ok || bad "SARIF schema: $*"
}

# junit_check FILE: valid against the strict Ant JUnit schema
junit_check() {
	xmllint --noout --nonet --schema "$schemas/junit-windyroad.xsd" "$1" \
		>"$tmp/xmllint" 2>&1
}
junit_valid() {
	junit_check "$1" && ok || bad "JUnit schema: $1: $(head -c 600 "$tmp/xmllint")"
}

# agree JSON SARIF JUNIT: the three reports of one check say the same
agree() {
	python3 - "$@" <<'PY' && ok || bad "SARIF and JUnit disagree with the JSON report: $1"
import json, sys
import xml.etree.ElementTree as ET
report = json.load(open(sys.argv[1], encoding="utf-8"))
run = json.load(open(sys.argv[2], encoding="utf-8"))["runs"][0]
suite = ET.parse(sys.argv[3]).getroot().find("testsuite")
results = report["results"]
problems = []
def expect(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))

rules = run["tool"]["driver"]["rules"]
expect("SARIF rules", [r["id"] for r in rules], [r["rule"] for r in results])
# a result per finding of a failed or waived rule (one at the file when a
# waived rule has none), and one at the file for a rule in error
want = []
for r in results:
    if r["status"] in ("fail", "waived"):
        want += [(r["rule"], (f["location"] or {}).get("line"))
                 for f in r["findings"]]
    if r["status"] == "error" or (r["status"] == "waived" and
                                  not r["findings"]):
        want.append((r["rule"], None))
got = [(s["ruleId"], s["locations"][0]["physicalLocation"]
        .get("region", {}).get("startLine")) for s in run["results"]]
expect("SARIF results", got, want)
for s in run["results"]:
    expect("ruleIndex of " + s["ruleId"], rules[s["ruleIndex"]]["id"],
           s["ruleId"])
expect("SARIF verdict", run["properties"]["verdict"],
       report["summary"]["verdict"])

cases = suite.findall("testcase")
expect("testcases", [c.get("name").split(" ")[0] for c in cases],
       [r["rule"] for r in results])
outcome = {"pass": None, "fail": "failure", "error": "error"}
for c, r in zip(cases, results):
    child = [e.tag for e in c]
    expect(r["rule"] + " outcome", child[0] if child else None,
           outcome.get(r["status"], "skipped"))
summary = report["summary"]
expect("counts", [suite.get(k) for k in ("tests", "failures", "errors",
                                         "skipped")],
       [str(n) for n in (summary["rules"], summary["fail"], summary["error"],
                         summary["not_applicable"] + summary["unknown"] +
                         summary["waived"])])
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}

# Every example, in both forms: valid, and in agreement with the JSON.
for f in "$ex"/*.xml "$ex"/*.json; do
	name=$(basename "$f")
	for format in json sarif junit; do
		status 0 -- "$procsec" check --fail-on never --format "$format" "$f"
		cp "$tmp/out" "$tmp/$name.$format"
	done
	sarif_valid "$tmp/$name.sarif"
	junit_valid "$tmp/$name.junit"
	agree "$tmp/$name.json" "$tmp/$name.sarif" "$tmp/$name.junit"
done

# A few exact facts about lokalvard-forskolor.xml.
lv="$tmp/lokalvard-forskolor.xml"
python3 - "$lv.sarif" "$ex/lokalvard-forskolor.xml" <<'PY' && ok || bad "SARIF facts"
import json, pathlib, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
assert log["version"] == "2.1.0", log["version"]
assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
run, = log["runs"]
driver = run["tool"]["driver"]
assert driver["name"] == "procsec" and driver["version"], driver
assert "informationUri" not in driver
assert len(driver["rules"]) == 16, len(driver["rules"])
r8 = next(r for r in driver["rules"] if r["id"] == "START-008")
assert r8["name"] == "VagueWordingInAMandatoryClause", r8["name"]
assert r8["shortDescription"]["text"] == "Vaga ord i ska-krav"
assert r8["defaultConfiguration"]["level"] == "warning"
assert r8["properties"]["tags"] == ["starter"]
uri = pathlib.Path(sys.argv[2]).as_uri()
assert run["artifacts"] == [{"location": {"uri": uri},
                             "mimeType": "application/xml"}], run["artifacts"]
found = [r for r in run["results"] if r["ruleId"] == "START-008"]
spots = [(r["locations"][0]["physicalLocation"]["region"],
          r["locations"][0]["logicalLocations"][0]["name"]) for r in found]
assert spots == [({"startLine": 78, "startColumn": 7}, "3.1.5"),
                 ({"startLine": 123, "startColumn": 7}, "3.3.4")], spots
for r in found:
    assert r["level"] == "warning" and r["kind"] == "fail"
    assert r["locations"][0]["physicalLocation"]["artifactLocation"] == \
        {"uri": uri, "index": 0}
    assert r["message"]["text"].startswith("”"), r["message"]
# START-003 wants a clause the tender lacks: the whole file, no region
whole, = [r for r in run["results"] if r["ruleId"] == "START-003"]
assert whole["locations"] == [{"physicalLocation": {"artifactLocation":
                                                    {"uri": uri, "index": 0}}}]
assert run["properties"]["verdict"] == "incomplete"
assert run["properties"]["summary"]["fail"] == 2
assert run["language"] == "sv" and run["columnKind"] == "unicodeCodePoints"
PY
python3 - "$lv.junit" <<'PY' && ok || bad "JUnit facts"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suite, = root
assert suite.get("name") == "DNR 1187-2026-2.6.1", suite.get("name")
assert suite.get("package") == "procsec" and suite.get("id") == "0"
assert suite.get("hostname") == "localhost"
assert suite.get("timestamp") == "2026-09-14T00:00:00", suite.get("timestamp")
cases = suite.findall("testcase")
assert len(cases) == 16, len(cases)
assert suite.get("tests") == "16" and suite.get("failures") == "2", suite.attrib
assert len(suite.findall("testcase/failure")) == 2
case, = [c for c in cases if c.get("name") == "START-008 Vaga ord i ska-krav"]
assert case.get("classname") == "starter"
failure = case.find("failure")
assert failure.get("type") == "warning"
assert "lokalvard-forskolor.xml:78:7: [3.1.5] ”vid behov”" in failure.text
assert "lokalvard-forskolor.xml:123:7: [3.3.4] ”skyndsamt”" in failure.text
assert failure.text.rstrip().splitlines()[-1].startswith("åtgärd: ")
unknown, = [c for c in cases if c.get("name").startswith("START-007 ")]
assert "security-sensitive" in unknown.find("skipped").get("message")
props = {p.get("name"): p.get("value") for p in suite.iter("property")}
assert props["verdict"] == "incomplete" and props["pack"] == "starter 1.0.0"
PY

# A relative path stays a relative URI; the same check gives the same bytes.
(cd "$ex" && "$procsec" check --format sarif lokalvard-forskolor.xml) \
	>"$tmp/rel.sarif" 2>"$tmp/err"
grep -q '"uri":[[:space:]]*"lokalvard-forskolor.xml"' "$tmp/rel.sarif" && ok ||
	bad "a relative path gives a relative URI"
status 0 -- "$procsec" check --format junit "$ex/lokalvard-forskolor.xml"
cmp -s "$tmp/out" "$lv.junit" && ok || bad "JUnit output is not reproducible"

# The hostile case: markup, quotes, "]]>" and noncharacters in the tender,
# the pack and the waiver, and a file name with control characters (the
# one place the library lets them in).  Every rule outcome is there: a
# failure at a clause, a waived failure, and a rule over its budget.  No
# "published" date, so the JUnit timestamp falls back to 1970.
cat >"$tmp/pack.json" <<'EOF'
{
  "procsec_pack": 1, "id": "hostile", "version": "1.0.0",
  "title": {"sv": "Fientlig", "en": "Hostile <pack> & \"co\""},
  "rules": [
    {"id": "HOST-001", "severity": "error",
     "title": {"sv": "<b>Titel</b> & \"x\" ]]>", "en": "<b>Title</b> & \"x\" ]]>"},
     "message": {"sv": "Skript & <taggar> ]]>", "en": "Script & <tags> ]]>"},
     "remediation": {"sv": "Ta bort <script>", "en": "Remove <script> & \"it\""},
     "references": [{"title": "<ref>", "url": "https://example.org/a?b=1&c=2"}],
     "check": {"forbid": {"text": "<script>.*?\\]\\]>"}}},
    {"id": "HOST-002", "severity": "info",
     "title": {"sv": "Ord", "en": "Word"},
     "message": {"sv": "Ordet saknas", "en": "The word is missing <here> & there"},
     "remediation": {"sv": "Skriv ordet", "en": "Write the word"},
     "check": {"require": {"text": "\\bneverpresentword\\b"}}},
    {"id": "HOST-003", "severity": "warning",
     "title": {"sv": "Bakåtspårning", "en": "Backtracking"},
     "message": {"sv": "Bakåt", "en": "Backtracking"},
     "remediation": {"sv": "Inget", "en": "Nothing"},
     "check": {"forbid": {"text": "(?:a|aa)+$"}}}
  ]
}
EOF
cat >"$tmp/waivers.json" <<'EOF'
{"procsec_waivers": 1, "waivers": [
  {"rule": "HOST-002", "document": "X-*",
   "reason": "Waived <because> & \"so\" ]]>", "approver": "A & B <c>",
   "expires": "2099-12-31"}
]}
EOF
hostile=$(printf 'h <&>"\047\001\033\t\r\n]]> \303\266 #1?.json')
cat >"$tmp/$hostile" <<'EOF'
{
  "procsec_tender": 1,
  "id": "X-<1>&\"2\"]]>",
  "lang": "en",
  "title": "Hostile <script>alert(1)</script> & \"quotes\" ]]>",
  "buyer": {"name": "Evil & Co <ab>"},
  "sections": [{"id": "1", "title": "<s>", "clauses": [
    {"kind": "requirement", "id": "1.<1>&", "level": "shall",
     "text": "The supplier shall run <script>alert(1)</script> & \"quote\" ]]> then \u007f\ufffe\uffff end."},
    {"kind": "requirement", "id": "1.2", "level": "shall",
     "text": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"}
  ]}]
}
EOF
for format in sarif junit; do
	(cd "$tmp" && timeout 60 "$procsec" check --fail-on never --format "$format" \
		--rules ./pack.json --waivers ./waivers.json "$hostile") \
		>"$tmp/hostile.$format" 2>"$tmp/err" && ok ||
		bad "hostile $format: $(head -c 300 "$tmp/err")"
done
status 0 -- "$procsec" check --fail-on never --format sarif \
	--rules "$tmp/pack.json" --waivers "$tmp/waivers.json" "$tmp/$hostile"
cp "$tmp/out" "$tmp/hostile-abs.sarif"
sarif_valid "$tmp/hostile.sarif" "$tmp/hostile-abs.sarif"
junit_valid "$tmp/hostile.junit"
python3 - "$tmp/hostile.sarif" "$tmp/hostile-abs.sarif" "$tmp" "$hostile" <<'PY' && ok || bad "hostile SARIF"
import json, os, sys, urllib.parse
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
name = sys.argv[4]
quoted = urllib.parse.quote(os.fsencode(name), safe="/")
assert run["artifacts"][0]["location"]["uri"] == quoted, run["artifacts"]
absolute = json.load(open(sys.argv[2], encoding="utf-8"))["runs"][0]
assert absolute["artifacts"][0]["location"]["uri"] == "file://" + \
    urllib.parse.quote(os.fsencode(os.path.join(sys.argv[3], name)), safe="/")
rule = run["tool"]["driver"]["rules"][0]
assert rule["shortDescription"]["text"] == '<b>Title</b> & "x" ]]>', rule
assert rule["help"]["text"] == 'Remove <script> & "it"'
assert rule["helpUri"] == "https://example.org/a?b=1&c=2"
by_rule = {r["ruleId"]: r for r in run["results"]}
assert sorted(by_rule) == ["HOST-001", "HOST-002", "HOST-003"], by_rule
r1 = by_rule["HOST-001"]
assert r1["message"]["text"] == \
    '“<script>alert(1)</script> & "quote" ]]>”: Script & <tags> ]]>', r1
assert r1["locations"][0]["logicalLocations"][0]["name"] == "1.<1>&"
r2 = by_rule["HOST-002"]
s, = r2["suppressions"]
assert s["kind"] == "external"
assert 'Waived <because> & "so" ]]>' in s["justification"], s
r3 = by_rule["HOST-003"]
assert r3["level"] == "error" and r3["kind"] == "fail", r3
assert "could not be evaluated" in r3["message"]["text"], r3
assert "suppressions" not in r1 and "suppressions" not in r3
assert run["properties"]["summary"]["error"] == 1
PY
python3 - "$tmp/hostile.junit" "$hostile" <<'PY' && ok || bad "hostile JUnit"
import sys
import xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
assert suite.get("name") == 'X-<1>&"2"]]>', suite.get("name")
assert suite.get("timestamp") == "1970-01-01T00:00:00", suite.get("timestamp")
assert [suite.get(k) for k in ("tests", "failures", "errors", "skipped")] == \
    ["3", "1", "1", "1"], suite.attrib
props = {p.get("name"): p.get("value") for p in suite.iter("property")}
# controls XML cannot carry are replaced; tab, CR and LF come back intact
want = sys.argv[2].replace("\x01", "\ufffd").replace("\x1b", "\ufffd")
assert props["document.source"] == want, ascii(props["document.source"])
assert props["document.title"] == \
    'Hostile <script>alert(1)</script> & "quotes" ]]>'
c1, c2, c3 = suite.findall("testcase")
assert c1.get("name") == 'HOST-001 <b>Title</b> & "x" ]]>', c1.get("name")
failure = c1.find("failure")
assert failure.get("message") == "Script & <tags> ]]>"
assert failure.get("type") == "error"
assert '[1.<1>&] “<script>alert(1)</script> & "quote" ]]>”' in failure.text
# U+FFFE and U+FFFF are no XML characters: replaced, DEL kept
assert "then \x7f\ufffd\ufffd end." in failure.text, ascii(failure.text)
assert 'Waived <because> & "so" ]]>' in c2.find("skipped").get("message")
error = c3.find("error")
assert error is not None and "match budget" in error.get("message")
PY
# The validators are not vacuous: they reject a broken report.
sed 's/"level":[[:space:]]*"error"/"level": "info"/' "$tmp/hostile.sarif" \
	>"$tmp/broken.sarif"
if sarif_check "$tmp/broken.sarif" >/dev/null; then
	bad "the SARIF schema accepts level \"info\""
else
	ok
fi
sed 's/ failures="[0-9]*"//' "$tmp/hostile.junit" >"$tmp/broken.junit"
if junit_check "$tmp/broken.junit"; then
	bad "the JUnit schema accepts a testsuite without failures"
else
	ok
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
