#!/bin/sh
# End to end: the format adapters through the CLI -- procsec formats,
# parse --format / --adapter / --lang, and check on an input that holds
# several tenders.
set -u
. "$top_srcdir/tests/cli/lib.sh"
data="$top_srcdir/tests/data/formats"

# err_is TEXT: the last command's stderr is exactly TEXT
err_is() {
	[ "$(cat "$tmp/err")" = "$1" ] && ok || bad "stderr was '$(cat "$tmp/err")', expected '$1'"
}

status 0 -- "$procsec" formats
has "eforms             xml  EU eForms notice"
has "ocds               json Open Contracting Data Standard"
has "recognised by top-level keys releases | records | ocid+tag"
has "adapter rules/formats/ted-xml.json"
[ "$(grep -c ' recognised by ' "$tmp/out")" = 10 ] && ok || bad "10 bundled formats"
has "docx               zip  Word document"

status 0 -- "$procsec" formats --adapter "$data/mini-notice.json"
has "mini-notice        xml  A small notice format"
has "adapter $data/mini-notice.json"

# a mistake in an adapter: its file, line, column and JSON Pointer
status 2 -- "$procsec" formats --adapter "$data/invalid/bad-kind.json"
err_is "$data/invalid/bad-kind.json:7:71: expected a clause kind: requirement, criterion, condition or text (at /sections/0/clauses/0/kind)"

# parse: detection, a forced format, the language asked for
status 0 -- "$procsec" parse --adapter "$data/mini-notice.json" "$data/mini-notice.xml"
has '"format":	"mini-notice"'
has '"title":	"School transport"'
status 0 -- "$procsec" parse --adapter "$data/mini-notice.json" --lang sv "$data/mini-notice.xml"
has '"title":	"Skolskjuts"'
has '"lang":	"sv"'
status 2 -- "$procsec" parse --format ocds "$ex/hemtjanst.xml"
err_is "$ex/hemtjanst.xml:1:1: unexpected '<': expected a value (string, number, object, array, true, false or null)"
status 2 -- "$procsec" parse --format eform "$ex/hemtjanst.xml"
err_is "procsec: unknown format 'eform' (did you mean 'eforms'?) (known: procsec-xml, procsec-json, eforms, ted-xml, espd, ocds, prozorro, prozorro-criteria, docx, odt)"
status 0 -- "$procsec" parse --format procsec-xml "$ex/hemtjanst.xml"
has '"format":	"procsec-xml"'

# a package: a list of models, and a report per tender
status 0 -- "$procsec" parse --adapter "$data/mini-package.json" "$data/package.json"
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if [d["id"] for d in m] == ["T-1", "T-2"] else 1)' "$tmp/out" \
	&& ok || bad "a list of two models"
status 0 -- "$procsec" check --adapter "$data/mini-package.json" --format json --fail-on never "$data/package.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if [x["document"]["id"] for x in r] == ["T-1", "T-2"] else 1)' "$tmp/out" \
	&& ok || bad "a list of two reports"
status 0 -- "$procsec" check --adapter "$data/mini-package.json" --fail-on never "$data/package.json"
has "package.json: Cleaning (T-1)"
has "package.json: Security guards (T-2)"
status 2 -- "$procsec" check --adapter "$data/mini-package.json" --format sarif "$data/package.json"
err_is "procsec: $data/package.json: the file holds 2 tenders; a SARIF, JUnit or HTML report describes one: use --format json, ndjson or text"
status 2 -- "$procsec" check --adapter "$data/invalid/no-name.json" "$ex/hemtjanst.xml"
err_is "$data/invalid/no-name.json:1:1: a format adapter needs \"name\""

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
