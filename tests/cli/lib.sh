# lib.sh -- what the CLI end-to-end scripts share, sourced by each:
# the binary and examples, a scratch folder removed on exit, the starter
# pack alone as the bundled rules (their expectations are the starter
# pack's), and the pass/fail counters with their helpers.
procsec="${PROCSEC_CLI:-$top_builddir/cli/procsec}"
ex="$top_srcdir/examples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/starter-only"
ln -s "$top_srcdir/rules/starter.json" "$tmp/starter-only/starter.json"
PROCSEC_RULES_PATH="$tmp/starter-only"
export PROCSEC_RULES_PATH
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# status WANT -- COMMAND...: the exit status, under a time guard
status() {
	want=$1
	shift 2
	timeout -k 5 60 "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" = "$want" ] && ok || bad "$* exited $got, expected $want: $(head -c 300 "$tmp/err")"
}

# has TEXT: the last command's stdout contains TEXT
has() {
	grep -qF -- "$1" "$tmp/out" && ok || bad "output lacks: $1"
}
