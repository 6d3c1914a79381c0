#!/bin/sh
# End to end: `procsec check --format html`.  The page is well-formed,
# loads nothing, shows the tender, every failed rule and the matches
# marked byte for byte, and shows markup from a tender, a pack or a
# waiver as text.  When chromium is installed, the page is also rendered
# headless: a screenshot, and a DOM in which no injected script ran, with
# no console message and no request made by the page.
set -u
. "$top_srcdir/tests/cli/lib.sh"
helper="$top_srcdir/tests/cli/html_render.py"

# well_formed PAGE: libxml2's HTML parser finds no error other than not
# knowing HTML5's element names (before 2.14 it parses HTML 4), and the
# page is well-formed XML as well
well_formed() {
	if ! command -v xmllint >/dev/null 2>&1; then
		echo "SKIP: xmllint not installed"
		return
	fi
	xmllint --html --noout "$1" 2>"$tmp/lint"
	errors=$(grep -i "error" "$tmp/lint" | grep ": HTML parser error :" |
		grep -v "HTML parser error : Tag [a-z0-9]* invalid")
	[ -z "$errors" ] && ok || bad "$1: xmllint --html: $errors"
	xmllint --noout "$1" 2>"$tmp/lint" && ok ||
		bad "$1 is not well-formed XML: $(head -c 300 "$tmp/lint")"
}

# page NAME TENDER LANG [TEXT...] -- [CHECK OPTIONS...]: writes
# $tmp/NAME.html and its JSON twin, and checks the page against them
page() {
	name=$1 tender=$2 lang=$3
	shift 3
	texts=
	while [ "$1" != "--" ]; do
		texts="$texts$1
"
		shift
	done
	shift
	status 0 -- "$procsec" check --fail-on never --lang "$lang" "$@" \
		--format html --output "$tmp/$name.html" "$tender"
	status 0 -- "$procsec" check --fail-on never --lang "$lang" "$@" \
		--format json --output "$tmp/$name.json" "$tender"
	"$procsec" parse "$tender" >"$tmp/$name.model.json" 2>"$tmp/err" ||
		bad "procsec parse $tender: $(head -c 300 "$tmp/err")"
	well_formed "$tmp/$name.html"
	printf '%s' "$texts" | {
		set --
		while IFS= read -r t; do set -- "$@" "$t"; done
		python3 "$helper" page "$tmp/$name.html" "$tmp/$name.json" \
			"$tmp/$name.model.json" "$lang" "$@"
	} && ok || bad "$name.html: page checks"
}

# ---- fixtures: markup in a tender, a pack and a waiver ----------------

inject="<script>document.title='PWNED'</script>"
img="<img src=x onerror=\"document.title='PWNED'\">"
python3 - "$ex/lokalvard-forskolor.json" "$top_srcdir/rules/starter.json" \
	"$tmp" "$inject" "$img" <<'PY' || bad "fixtures"
import json, sys
src, pack, tmp, inject, img = sys.argv[1:]
t = json.load(open(src, encoding="utf-8"))
t["title"] += " " + inject + " & \"quoted\" 'too'"
t["buyer"]["name"] += " </dd>" + inject
def clauses(sections):
    for s in sections:
        yield from s.get("clauses", [])
        yield from clauses(s.get("sections", []))
for c in clauses(t["sections"]):
    if "vid behov" in c["text"]:
        c["text"] = c["text"].replace("vid behov", "vid behov " + inject + " " + img, 1)
        break
# A long clause: its excerpt is cut with "…", and the match lies past
# many two-byte characters.
t["sections"][-1]["clauses"].append({
    "kind": "requirement", "id": "9.9", "level": "shall",
    "text": "Åtgärder ska dokumenteras. " * 12 +
            "Leverantören ska vid behov öka bemanningen. " +
            "Övriga åtaganden gäller oförändrat. " * 8})
# A clause that itself begins with "…", one whose match ends it, and
# four-byte characters near a match.
for cid, text in (("9.10", "… och leverantören ska vid behov delta."),
                  ("9.11", "Övrigt gäller. " * 20 + "Leverantören ska agera vid behov"),
                  ("9.12", "Leverantören ska vid behov 😀 rapportera 𝔘 och ringa.")):
    t["sections"][-1]["clauses"].append(
        {"kind": "requirement", "id": cid, "level": "shall", "text": text})
json.dump(t, open(tmp + "/evil-tender.json", "w", encoding="utf-8"), ensure_ascii=False)
p = json.load(open(pack, encoding="utf-8"))
p.pop("$schema", None)
for r in p["rules"]:
    if r["id"] == "START-008":
        r["references"] += [
            {"title": "<i>Ond</i> & källa", "url": "javascript:document.title='PWNED'"},
            {"title": "Citat", "url": "https://example.org/a\"onmouseover=\"document.title='PWNED'"}]
json.dump(p, open(tmp + "/evil-pack.json", "w", encoding="utf-8"), ensure_ascii=False)
w = {"procsec_waivers": 1, "waivers": [
    {"rule": "START-003", "document": "DNR 1187-*", "reason": inject,
     "approver": "A. Andersson", "expires": "2099-12-31"},
    {"rule": "START-001", "document": "*", "reason": "Gäller inte.",
     "approver": "A. Andersson", "expires": "2099-12-31"}]}
json.dump(w, open(tmp + "/waivers.json", "w", encoding="utf-8"), ensure_ascii=False)
PY

# ---- the pages --------------------------------------------------------

page lokalvard "$ex/lokalvard-forskolor.xml" sv "Utfall" "START-008" --
page hemtjanst "$ex/hemtjanst.json" en "Verdict" "security-sensitive" --
page itdrift "$ex/it-drift.xml" sv "godkänt" --
page evil "$tmp/evil-tender.json" sv "$inject" "$img" "<i>Ond</i> & källa" \
	"javascript:document.title='PWNED'" "Undantag som inte tillämpades" -- \
	--rules "$tmp/evil-pack.json" --waivers "$tmp/waivers.json"
grep -q "<script" "$tmp/evil.html" && bad "evil.html holds <script" || ok
grep -q "href=\"javascript:" "$tmp/evil.html" && bad "evil.html links to javascript:" || ok

# ---- in a browser -----------------------------------------------------

# browse NAME ARGS... URL: chromium headless, logging to $tmp/NAME.log
browse() {
	name=$1
	shift
	mkdir -p "$tmp/profile-$name"
	timeout -k 5 60 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE localhost' \
		--user-data-dir="$tmp/profile-$name" --enable-logging=stderr --v=0 \
		--log-net-log="$tmp/$name.net.json" "$@" 2>"$tmp/$name.log"
}

# quiet NAME: no console message, and no request from the page
quiet() {
	grep "CONSOLE" "$tmp/$1.log" && bad "$1: the page logged to the console" || ok
	python3 "$helper" requests "$tmp/$1.net.json" >"$tmp/$1.requests" ||
		bad "$1: cannot read the net log"
	[ -s "$tmp/$1.requests" ] && bad "$1: the page requested $(cat "$tmp/$1.requests")" || ok
}

if command -v chromium >/dev/null 2>&1; then
	browse shot --screenshot="$tmp/shot.png" --window-size=1200,2000 \
		"file://$tmp/evil.html" >/dev/null
	got=$?
	[ "$got" = 0 ] && ok || bad "chromium --screenshot exited $got: $(grep -v dbus "$tmp/shot.log" | tail -3)"
	[ -s "$tmp/shot.png" ] && [ "$(head -c 4 "$tmp/shot.png" | tail -c 3)" = PNG ] &&
		ok || bad "no PNG screenshot"
	quiet shot

	browse dom --dump-dom "file://$tmp/evil.html" >"$tmp/evil.dom.html"
	got=$?
	[ "$got" = 0 ] && ok || bad "chromium --dump-dom exited $got"
	python3 "$helper" dom "$tmp/evil.dom.html" "$tmp/evil.html" \
		"$inject" "$img" && ok || bad "the injected markup came alive"
	quiet dom

	# The control: a page that does run a script, log and load an image
	# must trip each check, or the checks above prove nothing.
	cat >"$tmp/control.html" <<-EOF
	<!DOCTYPE html><html><head><meta charset="utf-8"><title>control</title>
	</head><body><p>control</p>$inject
	<script>console.error("control");</script>
	<img src="https://example.org/control.png" alt=""></body></html>
	EOF
	browse control --dump-dom "file://$tmp/control.html" >"$tmp/control.dom.html"
	python3 "$helper" dom "$tmp/control.dom.html" "$tmp/control.html" |
		grep -q "the title became" && ok || bad "control: a script ran unnoticed"
	grep -q "CONSOLE" "$tmp/control.log" && ok || bad "control: console not logged"
	python3 "$helper" requests "$tmp/control.net.json" | grep -q example.org &&
		ok || bad "control: the page's request not seen"
else
	echo "SKIP: chromium not installed; the page was not rendered"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
