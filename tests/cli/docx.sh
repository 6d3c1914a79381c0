#!/bin/sh
# End to end: Word (.docx) and OpenDocument (.odt) tenders.  The
# fixtures of tests/data/docx parse into the same model as their native
# twins and give the same findings; --fact, --facts and the sidecar
# TENDER.facts.json state facts; hostile archives exit 2 with their
# exact message.
set -u
. "$top_srcdir/tests/cli/lib.sh"
data="$top_srcdir/tests/data/docx"
all_rules="$top_srcdir/rules"

# expect STATUS STDERR -- COMMAND...: exit status and the whole stderr
expect() {
	want_status=$1 want_err=$2
	shift 3
	status "$want_status" -- "$@"
	[ "$(cat "$tmp/err")" = "$want_err" ] && ok ||
		bad "$*: stderr was '$(cat "$tmp/err")', expected '$want_err'"
}

# fact NAME VALUE SOURCE: the last model states the fact so (VALUE is
# true, false or null; no SOURCE: the fact is absent)
fact() {
	python3 - "$tmp/out" "$@" <<'PY' && ok || bad "fact $1 is not $2 ${3:-}"
import json, sys
facts = json.load(open(sys.argv[1]))["facts"]
want = json.loads(sys.argv[3])
f = facts.get(sys.argv[2])
if len(sys.argv) < 5:
    sys.exit(0 if f is None else 1)
sys.exit(0 if f and f["value"] == want and f["source"] == sys.argv[4] else 1)
PY
}

# json_eq A B PYTHON-EXPR: the expression of each JSON file's data is equal
json_eq() {
	python3 - "$1" "$2" "$3" <<'PY' && ok || bad "$1 and $2 differ in $3"
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items()
                if k not in ("location", "source", "path", "line", "column",
                             "level_inferred", "format", "document")}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
a, b = (strip(json.load(open(f))) for f in sys.argv[1:3])
sys.exit(0 if eval(sys.argv[3], {"m": a}) == eval(sys.argv[3], {"m": b}) else 1)
PY
}

# ---- the fixtures: the same model as the native twin -----------------
for lang in sv en; do
	"$procsec" parse "$data/avrop-$lang.xml" >"$tmp/$lang-xml.json" 2>"$tmp/err" &&
		ok || bad "parse avrop-$lang.xml: $(cat "$tmp/err")"
	for ext in docx odt; do
		status 0 -- "$procsec" parse "$data/avrop-$lang.$ext"
		cp "$tmp/out" "$tmp/$lang-$ext.json"
		has "\"format\":	\"$ext\""
		json_eq "$tmp/$lang-$ext.json" "$tmp/$lang-xml.json" \
			"[m[k] for k in ('clauses', 'sections', 'id', 'title', 'lang', 'buyer', 'deadline')]"
	done
done
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if (len(m["clauses"]), len(m["sections"])) == (196, 49) else 1)' \
	"$tmp/sv-docx.json" && ok || bad "avrop-sv.docx: not 196 clauses in 49 sections"
grep -qF '"path":	"5.2 Säkerhetskrav › ¶3"' "$tmp/sv-docx.json" && ok ||
	bad "avrop-sv.docx: no location 5.2 Säkerhetskrav › ¶3"
grep -qF '"path":	"4.2 Kravtabell › Tabell 1 rad 4"' "$tmp/sv-odt.json" && ok ||
	bad "avrop-sv.odt: no location 4.2 Kravtabell › Tabell 1 rad 4"
grep -qF '"path":	"4 Requirements on the supplier › Table 1 row 6"' "$tmp/en-docx.json" && ok ||
	bad "avrop-en.docx: no location Table 1 row 6"

# ---- the same findings as the native twin ----------------------------
facts="--fact personal-data=true --fact it-service=false
	--fact critical-service=true --fact sua-required=false
	--fact security-sensitive=false --fact on-site-work=true
	--fact works-contract=false --fact private-performer=true
	--fact confidential-data=true --fact keys-access=true"
for lang in sv en; do
	for ext in xml docx odt; do
		# shellcheck disable=SC2086
		PROCSEC_RULES_PATH="$all_rules" "$procsec" check --format json \
			$facts "$data/avrop-$lang.$ext" >"$tmp/check-$lang-$ext.json"
		[ $? -le 1 ] && ok || bad "check avrop-$lang.$ext"
	done
	for ext in docx odt; do
		json_eq "$tmp/check-$lang-$ext.json" "$tmp/check-$lang-xml.json" \
			"(m['summary'], m['results'])"
	done
done
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["summary"]["fail"] == 12 else 1)' \
	"$tmp/check-sv-docx.json" && ok || bad "avrop-sv.docx: not 12 rules failed"

# ---- facts -------------------------------------------------------------
cp "$data/avrop-sv.docx" "$tmp/t.docx"
status 0 -- "$procsec" parse --fact crisis-role=true --fact keys-access=false "$tmp/t.docx"
fact crisis-role true options
fact keys-access false options
printf '{"facts": {"keys-access": true, "sua-required": null}}\n' >"$tmp/t.docx.facts.json"
status 0 -- "$procsec" parse "$tmp/t.docx"
fact keys-access true options
fact sua-required null options
# --fact wins over the sidecar
status 0 -- "$procsec" parse --fact keys-access=false "$tmp/t.docx"
fact keys-access false options
printf '{"facts": {"crisis-role": false}}\n' >"$tmp/other.json"
status 0 -- "$procsec" parse --facts "$tmp/other.json" "$tmp/t.docx"
fact crisis-role false options
fact keys-access null
printf '{"facts": {"keys-access": "yes"}}\n' >"$tmp/t.docx.facts.json"
expect 2 "$tmp/t.docx.facts.json: a fact's value is not true, false or null; expected {\"facts\": {\"NAME\": true|false|null}}" \
	-- "$procsec" parse "$tmp/t.docx"
expect 2 "$tmp/t.docx.facts.json: a fact's value is not true, false or null; expected {\"facts\": {\"NAME\": true|false|null}}" \
	-- "$procsec" check "$tmp/t.docx"
rm "$tmp/t.docx.facts.json"
expect 2 "procsec: --fact keys-access=yes: expected NAME=true, NAME=false or NAME=unknown
Try 'procsec --help'." -- "$procsec" check --fact keys-access=yes "$tmp/t.docx"
expect 2 "--fact: invalid fact name 'Keys': expected a fact name of lower-case letters, digits and single hyphens, such as critical-service" \
	-- "$procsec" parse --fact Keys=true "$tmp/t.docx"
expect 2 "$tmp/none.json: cannot read: No such file or directory" \
	-- "$procsec" check --facts "$tmp/none.json" "$tmp/t.docx"

# a folder: its Word files are tenders, a facts file beside one is not
mkdir "$tmp/dir"
cp "$data/avrop-en.docx" "$tmp/dir/rfq.docx"
printf '{"facts": {"keys-access": true}}\n' >"$tmp/dir/rfq.docx.facts.json"
status 0 -- "$procsec" check --fail-on never --format json "$tmp/dir"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); r=a[0]; sys.exit(0 if len(a) == 1 and r["document"]["source"].endswith("rfq.docx") and r["facts"]["keys-access"] == {"value": True, "source": "options"} else 1)' \
	"$tmp/out" && ok || bad "check of a folder: $(head -c 300 "$tmp/out")"

# ---- hostile archives: exit 2 and the reason --------------------------
cd "$tmp" || exit 1
python3 - <<'PY'
import zipfile
types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.'
         'wordprocessingml.document.main+xml"/></Types>')
doc = ('<w:document xmlns:w="http://schemas.openxmlformats.org/'
       'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Leverantören ska '
       'ha reservkraft.</w:t></w:r></w:p></w:body></w:document>')
def make(name, parts):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts:
            z.writestr(n, data)
make("bomb.docx", [("[Content_Types].xml", types),
                   ("word/document.xml", b"\0" * (8 << 20))])
make("traversal.docx", [("[Content_Types].xml", types),
                        ("word/document.xml", doc), ("../../evil.sh", "x")])
make("macro.docm", [("[Content_Types].xml", types.replace(
    "openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "ms-word.document.macroEnabled.main+xml")), ("word/document.xml", doc)])
make("plain.docx", [("[Content_Types].xml", types),
                    ("word/document.xml", doc)])
make("vague.docx", [("[Content_Types].xml", types), ("word/document.xml",
    doc.replace("<w:body>", '<w:body><w:p><w:pPr><w:outlineLvl w:val="0"/>'
                '</w:pPr><w:r><w:t>3 Rapportering</w:t></w:r></w:p>')
       .replace("ha reservkraft.", "vid behov rapportera avvikelser."))])
# the traditional PKWARE encryption flag on word/document.xml
data = bytearray(open("plain.docx", "rb").read())
for sig, off in ((b"PK\3\4", 6), (b"PK\1\2", 8)):
    at = data.find(sig)
    while at >= 0:
        name_at = at + (30 if sig == b"PK\3\4" else 46)
        if data[name_at:name_at + 17] == b"word/document.xml":
            data[at + off] |= 1
        at = data.find(sig, at + 4)
open("encrypted.docx", "wb").write(bytes(data))
# Word's "encrypt with password": an OLE compound file, not a ZIP
open("locked.docx", "wb").write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" +
                                bytes(1024) + "EncryptedPackage".encode("utf-16-le") +
                                bytes(512))
PY
status 2 -- "$procsec" check bomb.docx
head -c 200 err | grep -q "^bomb.docx: entry 'word/document.xml' is compressed more than 200 to 1 (8388608 bytes from [0-9]*): refused as a zip bomb$" &&
	ok || bad "bomb.docx: $(cat err)"
expect 2 "traversal.docx: entry '../../evil.sh' points outside the archive (absolute path or '..'): refused" \
	-- "$procsec" check traversal.docx
[ -e "$tmp/../evil.sh" ] && bad "traversal.docx wrote a file" || ok
expect 2 "macro.docm: a macro-enabled Word document (.docm, content type application/vnd.ms-word.document.macroEnabled.main+xml): refused, since macros can run code; save it as .docx" \
	-- "$procsec" check macro.docm
expect 2 "encrypted.docx: entry 'word/document.xml' is encrypted: save the document without a password" \
	-- "$procsec" parse encrypted.docx
expect 2 "locked.docx: a password-protected Office document: save it without a password" \
	-- "$procsec" check locked.docx
expect 2 "plain.docx: not an OpenDocument text document: the archive holds no 'mimetype' of an OpenDocument text" \
	-- "$procsec" parse --format odt plain.docx
expect 0 "" -- "$procsec" parse --format docx plain.docx

# ---- reports name the heading and paragraph, not a line ---------------
status 1 -- "$procsec" check --fail-on warning vague.docx
has "  vague.docx: 3 Rapportering › ¶1: START-008 "
status 1 -- "$procsec" check --fail-on warning --format junit vague.docx
has 'type="warning">vague.docx: [3 Rapportering › ¶1] ”vid behov”: '
status 1 -- "$procsec" check --fail-on warning --format json vague.docx
python3 - "$top_srcdir/schemas/report-1.schema.json" "$tmp/out" <<'PY' && ok || bad "vague.docx: JSON report"
import json, sys, jsonschema
report = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(report)
f = next(r for r in report["results"] if r["rule"] == "START-008")["findings"][0]
sys.exit(0 if f["location"] == {"line": 0, "column": 0, "path": "3 Rapportering › ¶1"}
         and f["level_inferred"] is True else 1)
PY

echo "docx: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
