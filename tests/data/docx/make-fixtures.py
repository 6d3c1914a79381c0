#!/usr/bin/env python3
"""Builds the Word/OpenDocument fixtures of tests/data/docx from plain text.

    python3 make-fixtures.py            # in tests/data/docx
    sh make-fixtures.sh                 # also runs LibreOffice

Each NAME.txt is a tender in a small markup:

    = Title                     the Title paragraph
    # 1 Heading / ## 1.1 ...     headings of level 1, 2 ...
    | a | b |                   a table row (consecutive rows: one table)
    - item                      a list item
    ^ text                      a footnote on the paragraph before
    anything else               a paragraph

It writes NAME.fodt (flat OpenDocument, for LibreOffice to convert into
NAME.docx and NAME.odt) and NAME.xml, the native tender that says the
same thing: the mapping rules of docs/word.md applied by hand, so that a
test can check that the Word file and the native tender give the same
findings.  Only the .docx, .odt and .xml files are committed; CI does
not need LibreOffice.
"""
import re
import sys
from xml.sax.saxutils import escape, quoteattr

SHALL = {"ska", "skall", "måste", "åligger", "shall", "must"}
SHOULD = {"bör", "önskas", "should"}
ROLES = {"krav": "text", "requirement": "text", "nr": "id", "no": "id",
         "ska krav": "shall", "bör krav": "should", "level": "level",
         "verifiering": "verify", "verification": "verify",
         "svar": "answer", "response": "answer"}
LEVEL_WORDS = {"ska": "shall", "shall": "shall", "bör": "should",
               "should": "should"}


def words(text):
    return re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿ]+", text.lower())


def infer(text):
    w = words(text)
    for i, word in enumerate(w):
        prev = w[i - 1] if i > 0 else ""
        if word in SHALL or (prev, word) == ("förbinder", "sig") or \
           (prev in ("is", "are") and word == "required"):
            return "shall"
    return "should" if any(x in SHOULD for x in w) else None


def parse(path):
    """The blocks of a markup file: (kind, payload)."""
    blocks = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("="):
            blocks.append(("title", line[1:].strip()))
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append(("heading", (level, line[level:].strip())))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        elif line.startswith("- "):
            blocks.append(("item", line[2:].strip()))
        elif line.startswith("^ "):
            blocks.append(("note", line[2:].strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


# ---- flat OpenDocument ---------------------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>{title}</dc:title><dc:language>{lang}</dc:language></office:meta>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties fo:language="{language}" fo:country="{country}"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"/>
{headings}
 </office:styles>
 <office:body><office:text>
"""


def heading_styles():
    return "\n".join(
        '  <style:style style:name="Heading_20_%d" style:display-name='
        '"Heading %d" style:family="paragraph" style:parent-style-name='
        '"Heading" style:default-outline-level="%d"/>' % (n, n, n)
        for n in range(1, 5))


def fodt(blocks, lang):
    title = next(p for k, p in blocks if k == "title")
    language, country = lang.split("-")
    out = [FODT_HEAD.format(title=escape(title), lang=lang, language=language,
                            country=country, headings=heading_styles())]
    i = 0
    while i < len(blocks):
        kind, payload = blocks[i]
        note = blocks[i + 1][1] if i + 1 < len(blocks) and \
            blocks[i + 1][0] == "note" else None
        if kind == "title":
            out.append('<text:p text:style-name="Title">%s</text:p>' % escape(payload))
        elif kind == "heading":
            level, text = payload
            out.append('<text:h text:style-name="Heading_20_%d" '
                       'text:outline-level="%d">%s</text:h>' % (level, level, escape(text)))
        elif kind in ("para", "item"):
            body = escape(payload)
            if note:
                body += ('<text:note text:id="n%d" text:note-class="footnote">'
                         '<text:note-citation>*</text:note-citation><text:note-body>'
                         '<text:p>%s</text:p></text:note-body></text:note>' % (i, escape(note)))
            p = '<text:p text:style-name="Standard">%s</text:p>' % body
            if kind == "item":
                p = '<text:list><text:list-item>%s</text:list-item></text:list>' % p
            out.append(p)
        elif kind == "table":
            ncols = max(len(r) for r in payload)
            out.append('<table:table table:name="T%d"><table:table-column '
                       'table:number-columns-repeated="%d"/>' % (i, ncols))
            for row in payload:
                out.append("<table:table-row>" + "".join(
                    '<table:table-cell office:value-type="string"><text:p>%s</text:p>'
                    '</table:table-cell>' % escape(c) for c in row) + "</table:table-row>")
            out.append("</table:table>")
        i += 1
    out.append("</office:text></office:body></office:document>\n")
    return "\n".join(out)


# ---- the native tender ----------------------------------------------------

def split_heading(text):
    m = re.match(r"(\d+(?:\.\d+)*)\.? (.*)", text)
    return (m.group(1), m.group(2)) if m else (None, text)


class Native:
    def __init__(self):
        self.out = []
        self.open = []  # levels of the open sections
        self.meta = {}

    def indent(self):
        return "  " * (len(self.open) + 1)

    def clause(self, text, level=None, inferred=True, cid=None, verify=None,
               kind=None):
        kind = kind or ("requirement" if level else "text")
        attrs = ""
        if cid:
            attrs += " id=%s" % quoteattr(cid)
        if level:
            attrs += ' level="%s"' % level
        if verify:
            attrs += " verification=%s" % quoteattr(verify)
        self.out.append("%s<%s%s>%s</%s>" % (self.indent(), kind, attrs,
                                              escape(text), kind))

    def heading(self, level, text):
        while self.open and self.open[-1] >= level:
            self.open.pop()
            self.out.append(self.indent() + "</section>")
        sid, title = split_heading(text)
        attrs = (" id=%s" % quoteattr(sid) if sid else "") + \
            " title=%s" % quoteattr(title)
        self.out.append(self.indent() + "<section%s>" % attrs)
        self.open.append(level)

    def close(self):
        while self.open:
            self.open.pop()
            self.out.append(self.indent() + "</section>")


META = {"diarienummer": "id", "reference number": "id",
        "upphandlande myndighet": "buyer", "contracting authority": "buyer",
        "sista anbudsdag": "deadline", "tender deadline": "deadline"}


def note_meta(n, text):
    if ":" in text:
        label, value = text.split(":", 1)
        key = META.get(" ".join(words(label)))
        if key and key not in n.meta:
            n.meta[key] = value.strip()


def table(n, rows):
    roles = [ROLES.get(" ".join(words(c))) for c in rows[0]]
    if roles.count("text") == 1 and any(r and r != "text" for r in roles):
        for row in rows[1:]:
            cell = dict(zip(roles, row))
            level = "shall" if cell.get("shall") else \
                "should" if cell.get("should") else \
                LEVEL_WORDS.get(cell.get("level", "").lower())
            inferred = level is None
            level = level or infer(cell["text"])
            n.clause(cell["text"], level, inferred, cell.get("id") or None,
                     cell.get("verify") or None, kind="requirement")
        return
    for row in rows:
        text = " | ".join(c for c in row if c)
        n.clause(text, infer(text))


def native(blocks, lang):
    n = Native()
    for kind, payload in blocks:
        if kind == "heading":
            n.heading(*payload)
        elif kind in ("para", "item", "note"):
            note_meta(n, payload)
            n.clause(payload, infer(payload))
        elif kind == "table":
            table(n, payload)
    n.close()
    m = n.meta
    title = next(p for k, p in blocks if k == "title")
    date, _, clock = m["deadline"].replace(" at ", " kl. ").partition(" kl. ")
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            "<!-- Made by make-fixtures.py from the .txt of the same name: "
            "the native twin of the .docx and .odt. -->",
            '<tender xmlns="urn:procsec:tender:1" id=%s xml:lang="%s">'
            % (quoteattr(m["id"]), lang),
            "  <title>%s</title>" % escape(title),
            "  <buyer>%s</buyer>" % escape(m["buyer"]),
            "  <deadline>%sT%s:00</deadline>" % (date, clock.replace(".", ":"))]
    return "\n".join(head + n.out + ["</tender>", ""])


def main():
    for name, lang in (("avrop-sv", "sv-SE"), ("avrop-en", "en-GB")):
        blocks = parse(name + ".txt")
        open(name + ".fodt", "w", encoding="utf-8").write(fodt(blocks, lang))
        open(name + ".xml", "w", encoding="utf-8").write(native(blocks, lang))
        paras = sum(1 for k, _ in blocks if k in ("para", "item", "note"))
        rows = sum(len(p) for k, p in blocks if k == "table")
        print("%s: %d paragraphs, %d table rows" % (name, paras, rows),
              file=sys.stderr)


if __name__ == "__main__":
    main()
