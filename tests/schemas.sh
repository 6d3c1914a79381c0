#!/bin/sh
# The examples validate against the format's XSD and JSON Schema.
set -eu
cd "$top_srcdir"
fail=0
for f in examples/*.xml; do
	xmllint --noout --nonet --schema schemas/tender-1.xsd "$f" || fail=1
done
if python3 -c 'import jsonschema' 2>/dev/null; then
	for pair in "schemas/tender-1.schema.json examples/*.json examples/custom-pack/*/tests/documents/*.json" \
	            "schemas/pack-1.schema.json rules/*.json examples/custom-pack/vasterby.json tests/data/packs/valid/*/pack.json"; do
	# shellcheck disable=SC2086
	python3 - $pair <<'PY' || fail=1
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(json.load(open(path))))
    for e in errors:
        print("%s: %s (at /%s)" % (path, e.message, "/".join(map(str, e.path))))
    bad += bool(errors)
    if not errors:
        print("%s validates" % path)
sys.exit(1 if bad else 0)
PY
	done
else
	echo "python3-jsonschema is missing: JSON Schema check not run"
	fail=1
fi
exit $fail
