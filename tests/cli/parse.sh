#!/bin/sh
# End to end: `procsec parse` on the examples, on standard input, and on
# hostile and malformed input, with exact exit statuses and messages.
set -u
procsec="${PROCSEC_CLI:-$top_builddir/cli/procsec}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect STATUS STDERR-LINE -- COMMAND...: runs under a time guard (a hang
# fails instead of blocking the suite) and compares status and stderr.
expect() {
	want_status=$1 want_err=$2
	shift 3
	timeout 20 "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	got_err=$(cat "$tmp/err")
	if [ "$status" != "$want_status" ]; then
		bad "$* exited $status, expected $want_status ($got_err)"
	elif [ "$got_err" != "$want_err" ]; then
		bad "$*: stderr was '$got_err', expected '$want_err'"
	else
		ok
	fi
}

# A document that the library parses prints its model and nothing else.
for f in "$top_srcdir"/examples/*.xml "$top_srcdir"/examples/*.json; do
	expect 0 "" -- "$procsec" parse "$f"
	python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["procsec_model"] == 1 and len(m["clauses"]) >= 20 else 1)' "$tmp/out" \
		&& ok || bad "model of $f"
done

expect 0 "" -- sh -c "\"$procsec\" parse - <\"$top_srcdir/examples/hemtjanst.json\""
grep -q '"source":	"-"' "$tmp/out" && ok || bad "stdin is named -"

cd "$tmp"
cat >xxe.xml <<'X'
<?xml version="1.0"?>
<!DOCTYPE tender [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tender xmlns="urn:procsec:tender:1" id="1" xml:lang="sv"><title>&xxe;</title></tender>
X
expect 2 "xxe.xml:2:19: the document declares the entity 'xxe'; entity declarations are refused (they can read files or expand without bound)" -- "$procsec" parse xxe.xml

{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE lolz ['
	echo ' <!ENTITY lol "lol">'
	i=1
	while [ $i -le 9 ]; do
		prev=lol; [ $i -gt 1 ] && prev="lol$((i - 1))"
		printf ' <!ENTITY lol%d "' $i
		for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' $prev; done
		echo '">'
		i=$((i + 1))
	done
	echo ']>'
	echo '<tender xmlns="urn:procsec:tender:1" id="1" xml:lang="sv"><title>&lol9;</title></tender>'
} >laughs.xml
expect 2 "laughs.xml:3:2: the document declares the entity 'lol'; entity declarations are refused (they can read files or expand without bound)" -- "$procsec" parse laughs.xml

python3 -c 'print("<a>" * 100000 + "</a>" * 100000)' >deep.xml
expect 2 "deep.xml:1:193: elements nested deeper than 64 levels (the depth limit)" -- "$procsec" parse deep.xml
python3 -c 'print("[" * 100000 + "]" * 100000)' >deep.json
expect 2 "deep.json:1:65: objects and arrays nested deeper than 64 levels (the depth limit)" -- "$procsec" parse deep.json

# 1 GiB declared by the file system, never allocated: refused from its size
truncate -s 1G huge.xml
expect 2 "huge.xml: the input is 1073741824 bytes or more, over the limit of 67108864 bytes" -- "$procsec" parse huge.xml

printf '{"procsec_tender": 1,\n "id": "a\303(b"}' >utf8.json
expect 2 "utf8.json:2:10: invalid UTF-8 (byte 0xC3): save the file as UTF-8, which JSON requires" -- "$procsec" parse utf8.json
printf '<tender xmlns="urn:procsec:tender:1" id="1" xml:lang="sv">\n<title>a\303(b</title></tender>' >utf8.xml
expect 2 "utf8.xml:2:9: invalid UTF-8 (byte 0xC3): save the file as UTF-8, or declare its encoding in <?xml ... encoding=\"...\"?>" -- "$procsec" parse utf8.xml

printf '<tender xmlns="urn:procsec:tender:1" id="1" xml:lang="sv">\n  <title>T</title>\n</tendr>\n' >broken.xml
expect 2 "broken.xml:3:9: end tag </tendr> does not match the start tag <tender> on line 1" -- "$procsec" parse broken.xml

# Found by fuzzing: libxml2 reports encoding failures through its
# generic handler, which printed to stderr; the one line must be ours.
regress="$top_srcdir/tests/data/regress"
expect 2 "$regress/xml-encoding-error-iso2022jp.xml:1:48: the document ends before <t> (opened on line 1) is closed: expected </t>" -- "$procsec" parse "$regress/xml-encoding-error-iso2022jp.xml"
expect 2 "$regress/xml-utf16-lone-surrogate.xml:1:3: Couldn't find end of Start Tag t line 1" -- "$procsec" parse "$regress/xml-utf16-lone-surrogate.xml"

# usage
expect 2 "procsec: unknown command 'pasre'
Try 'procsec --help'." -- "$procsec" pasre x
expect 2 "/nonexistent.xml: cannot read: No such file or directory" -- "$procsec" parse /nonexistent.xml
expect 2 "procsec: parse: unknown option '--strict'
Try 'procsec --help'." -- "$procsec" parse --strict x.xml
expect 0 "" -- "$procsec" --version

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
