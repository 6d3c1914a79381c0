#!/usr/bin/env python3
"""Checks for the HTML report, used by tests/cli/html.sh.

    html_render.py page PAGE REPORT.json MODEL.json LANG [TEXT...]
        The page as written: nothing loaded from anywhere, no scripts or
        event handlers, links only to web addresses or the page itself,
        the language, every failed rule, every TEXT as text, and each
        span of the report marked with exactly the bytes it names.
    html_render.py dom DUMP PAGE [TEXT...]
        The DOM chromium --dump-dom gives of PAGE: no script or image
        element appeared, the title is still PAGE's (an injected script
        would change it), and every TEXT is there as text.
    html_render.py requests NETLOG
        Prints the URLs the page itself asked for (chromium's own traffic
        for updates and accounts is not the page's and is left out).

Each prints what is wrong and exits 1, or exits 0.
"""
import json
import re
import sys
from html.parser import HTMLParser

# Elements that load something when their src or href is set.
LOADERS = {"link", "img", "script", "iframe", "style", "embed", "object",
           "source", "video", "audio", "track", "frame", "image", "use",
           "input", "base", "form"}

# Elements that have no end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []        # (tag, attrs dict)
        self.text = []        # every piece of text
        self.marks = []       # the text inside each <mark>
        self.style = []       # the text inside <style>
        self.title = ""
        self._in = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self.marks.append("")
        if tag not in VOID:
            self._in.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        if "mark" in self._in:
            self.marks[-1] += data
        if "style" in self._in:
            self.style.append(data)
        if self._in[-2:] == ["head", "title"]:
            self.title += data


def parse(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    return page


def external(value):
    return re.match(r"\s*(https?:)?//", value or "", re.I) is not None


def loads_nothing(page):
    problems = []
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append("<%s %s=...>: an event handler" % (tag, name))
            if name in ("src", "srcset", "data", "action", "poster"):
                problems.append("<%s %s=%r>: loads something" % (tag, name, value))
            if name in ("href", "xlink:href") and tag in LOADERS and external(value):
                problems.append("<%s %s=%r>: an external asset" % (tag, name, value))
            if name == "href" and not re.match(r"(https?:|#)", value or "", re.I):
                problems.append("<%s href=%r>: not a web link" % (tag, value))
        if tag in ("script", "iframe", "img", "link", "object", "embed", "base"):
            problems.append("<%s> in the page" % tag)
    css = "".join(page.style)
    if re.search(r"url\(|@import", css, re.I):
        problems.append("the style loads something (url() or @import)")
    return problems


def spans(report, model):
    """The bytes each finding's and evidence's span names, from the model."""
    texts = {c["location"]["path"]: c["text"] for c in model["clauses"]}
    want = []
    for r in report["results"]:
        for f in r["findings"] + r["evidence"]:
            if f.get("span") and f.get("location"):
                raw = texts[f["location"]["path"]].encode("utf-8")
                start, end = f["span"]
                want.append(raw[start:end].decode("utf-8"))
    return want


def check_page(path, report_path, model_path, lang, texts):
    page = parse(path)
    report = json.load(open(report_path, encoding="utf-8"))
    model = json.load(open(model_path, encoding="utf-8"))
    problems = loads_nothing(page)
    html = [a for t, a in page.tags if t == "html"]
    if not html or html[0].get("lang") != lang:
        problems.append("<html lang> is not %r" % lang)
    if not any(t == "meta" and a.get("charset", "").lower() == "utf-8"
               for t, a in page.tags):
        problems.append('no <meta charset="utf-8">')
    for tag in ("main", "svg", "table", "h1", "h2"):
        if not any(t == tag for t, _ in page.tags):
            problems.append("no <%s>" % tag)
    ids = {a.get("id") for t, a in page.tags if t == "article"}
    for r in report["results"]:
        if r["status"] == "fail" and "rule-" + r["rule"] not in ids:
            problems.append("failed rule %s has no <article>" % r["rule"])
    body = "".join(page.text)
    for text in [report["document"]["title"]] + texts:
        if text not in body:
            problems.append("the text lacks %r" % text)
    want = spans(report, model)
    if sorted(want) != sorted(page.marks):
        problems.append("marked %r, the spans name %r" % (page.marks, want))
    return problems


def check_dom(path, original, texts):
    page = parse(path)
    title = parse(original).title
    problems = []
    for tag, _ in page.tags:
        if tag in ("script", "img", "iframe", "object", "embed"):
            problems.append("a <%s> element appeared in the DOM" % tag)
    if page.title != title:
        problems.append("the title became %r" % page.title)
    body = "".join(page.text)
    for text in texts:
        if text not in body:
            problems.append("the DOM's text lacks %r" % text)
    return problems


def page_requests(path):
    """URL requests whose site is the file:// page, not the browser."""
    log = json.load(open(path, encoding="utf-8"))
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for e in log["events"]:
        p = e.get("params", {})
        if types.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in p \
                and "file://" in p.get("site_for_cookies", "") + \
                p.get("network_isolation_key", "") \
                and not p["url"].startswith("file:"):
            urls.append(p["url"])
    return urls


def main(argv):
    if len(argv) >= 5 and argv[0] == "page":
        problems = check_page(argv[1], argv[2], argv[3], argv[4], argv[5:])
    elif len(argv) >= 3 and argv[0] == "dom":
        problems = check_dom(argv[1], argv[2], argv[3:])
    elif len(argv) == 2 and argv[0] == "requests":
        for url in page_requests(argv[1]):
            print(url)
        return 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print("%s: %s" % (argv[1], p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
