#!/bin/sh
# Rebuilds the Word and OpenDocument fixtures of this folder from their
# .txt sources (see make-fixtures.py).  Needs python3 and LibreOffice
# (Debian: libreoffice-writer-nogui); the results are committed, so
# neither CI nor `make check` needs LibreOffice.
set -eu
cd "$(dirname "$0")"
python3 make-fixtures.py
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for f in avrop-sv avrop-en; do
	for ext in docx odt; do
		soffice -env:UserInstallation=file://"$profile" --headless \
			--convert-to "$ext" --outdir . "$f.fodt" >/dev/null
	done
	rm -f "$f.fodt"
done
