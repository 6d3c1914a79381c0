"""Tests of the Python binding, run by `make check` (tests/python.sh).

They need the library: PROCSEC_LIBRARY names the build tree's
libprocsec.so.0 (tests/python.sh sets it), else the system's is used.
Bundled packs come from PROCSEC_RULES_PATH, which defaults here to the
source tree's rules/ folder.  By hand, from the source tree after a
build in _build/:

    PROCSEC_LIBRARY=$PWD/_build/.libs/libprocsec.so.0 \
    PYTHONPATH=bindings/python python3 bindings/python/tests/test_procsec.py

The expected statuses below were read from
`procsec check --profile se --format json examples/hemtjanst.xml`.
"""

import concurrent.futures
import contextlib
import gc
import importlib.util
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import xml.etree.ElementTree as ET

import procsec
from procsec import Code, ProcsecError, Severity, Status, Verdict

TOP = pathlib.Path(os.environ.get("top_srcdir") or
                   pathlib.Path(__file__).resolve().parents[3]).resolve()
EXAMPLES = TOP / "examples"
EXAMPLE_NAMES = ("hemtjanst", "it-drift", "lokalvard-forskolor")
os.environ.setdefault("PROCSEC_RULES_PATH", str(TOP / "rules"))

# The CLI, when the tests run from the build (for the agreement test).
BUILDDIR = os.environ.get("top_builddir")
CLI = pathlib.Path(BUILDDIR, "cli", "procsec") if BUILDDIR else None

BAD_XML = (b'<?xml version="1.0"?>\n'
           b'<tender xmlns="urn:procsec:tender:1">\n'
           b'  <title>x</titel>\n'
           b'</tender>\n')

INVALID_XML = """<?xml version="1.0" encoding="UTF-8"?>
<tender xmlns="urn:procsec:tender:1" id="X-1" xml:lang="en">
  <title>Test</title>
  <buyer country="SE">Someone</buyer>
  <section id="1" title="Requirements">
    <requirment level="shall">The supplier shall.</requirment>
  </section>
</tender>
"""

ENGLISH_JSON = """{
  "procsec_tender": 1, "id": "EX-2026-1", "lang": "en",
  "title": "Facility services",
  "buyer": {"name": "Example municipality"},
  "sections": [
    {"id": "1", "title": "Requirements", "clauses": [
      {"kind": "requirement", "id": "1.1", "level": "shall",
       "text": "The supplier shall report every security incident within 48 hours."},
      {"kind": "text", "text": "No id on this one."}
    ]}
  ]
}
"""

# A pack of one rule, held in memory, with a parameter.
PACK = json.dumps({
    "procsec_pack": 1, "id": "mem", "version": "1.0.0",
    "title": {"sv": "Minne", "en": "Memory"},
    "params": {"incident_hours": {"default": 24}},
    "rules": [{
        "id": "MEM-001", "severity": "warning",
        "title": {"sv": "Incidentrapport", "en": "Incident report"},
        "message": {"sv": "Rapportera snabbt.", "en": "Report quickly."},
        "remediation": {"sv": "Inom 24 timmar.", "en": "Within 24 hours."},
        "check": {"quantity": {"clauses": {"text": "\\bincident\\b"},
                               "unit": "hours",
                               "at_most": "$incident_hours"}}}],
}).encode()


def example(name, ext="xml"):
    return EXAMPLES / f"{name}.{ext}"


class Shared:
    """One compiled "se" rule set for the whole module: compiling is the
    slow part, and sharing it is what the binding promises."""

    _rules = None
    _lock = threading.Lock()

    @classmethod
    def rules(cls):
        with cls._lock:
            if cls._rules is None:
                cls._rules = procsec.RuleSet(profile="se")
            return cls._rules


class TestLibrary(unittest.TestCase):
    def test_version(self):
        self.assertRegex(procsec.library_version(), r"^\d+\.\d+\.\d+$")

    def test_library_from_environment(self):
        from procsec import _native
        saved = os.environ.get("PROCSEC_LIBRARY")
        try:
            os.environ["PROCSEC_LIBRARY"] = "/nowhere/libprocsec.so.0"
            self.assertEqual(_native._candidates(),
                             ["/nowhere/libprocsec.so.0"])
            del os.environ["PROCSEC_LIBRARY"]
            self.assertEqual(_native._candidates()[-1], "libprocsec.so.0")
        finally:
            if saved is not None:
                os.environ["PROCSEC_LIBRARY"] = saved

    def test_calls_release_the_gil(self):
        # CDLL, not PyDLL: ctypes drops the GIL around each foreign call.
        import ctypes
        from procsec import _native
        lib = _native.lib()
        self.assertIsInstance(lib, ctypes.CDLL)
        self.assertNotIsInstance(lib, ctypes.PyDLL)

    def test_every_prototype_declared(self):
        from procsec import _native
        lib = _native.lib()
        for name, (restype, argtypes) in _native._PROTOTYPES.items():
            f = getattr(lib, name)
            self.assertEqual(f.argtypes, argtypes, name)
            self.assertEqual(f.restype, restype, name)


class TestParse(unittest.TestCase):
    def check_hemtjanst(self, doc):
        self.assertEqual(doc.id, "HVN-2026-01958")
        self.assertEqual(doc.title,
                         "Hemtjänst för äldre i Limhamn och Bunkeflostrand")
        self.assertEqual(doc.lang, "sv")
        self.assertEqual(doc.buyer_country, "SE")
        self.assertGreater(len(doc.clauses), 10)
        first = doc.clauses[0]
        self.assertEqual(first.index, 0)
        self.assertEqual(first.line, 22)
        self.assertEqual(first.column, 5)
        self.assertEqual(first.path, "/tender/section[1]/text[1]")

    def test_path_str(self):
        doc = procsec.parse(str(example("hemtjanst")))
        self.check_hemtjanst(doc)
        self.assertEqual(doc.source, str(example("hemtjanst")))
        self.assertEqual(doc.format, "procsec-xml")

    def test_pathlike(self):
        doc = procsec.parse(example("hemtjanst"))
        self.check_hemtjanst(doc)
        self.assertEqual(procsec.parse_file(example("hemtjanst")).id,
                         doc.id)

    def test_bytes(self):
        data = example("hemtjanst").read_bytes()
        doc = procsec.parse(data, name="upload.xml")
        self.check_hemtjanst(doc)
        self.assertEqual(doc.source, "upload.xml")
        self.assertEqual(procsec.parse(bytearray(data)).source, "<memory>")
        self.assertEqual(procsec.parse(memoryview(data)).id, doc.id)

    def test_str(self):
        text = example("hemtjanst").read_text(encoding="utf-8")
        doc = procsec.parse(text, name="pasted")
        self.check_hemtjanst(doc)
        self.assertEqual(doc.source, "pasted")
        self.assertEqual(procsec.parse_text(text).id, doc.id)

    def test_json_and_xml_agree(self):
        for name in EXAMPLE_NAMES:
            x = procsec.parse(example(name, "xml"))
            j = procsec.parse(example(name, "json"), format="procsec-json")
            self.assertEqual(j.format, "procsec-json")
            self.assertEqual((x.id, x.title, x.lang),
                             (j.id, j.title, j.lang))
            self.assertEqual([c.text for c in x.clauses],
                             [c.text for c in j.clauses])

    def test_word_document(self):
        path = TOP / "tests" / "data" / "docx" / "avrop-sv.docx"
        doc = procsec.parse(path)
        self.assertEqual(doc.id, "KS 2026/0412")
        self.assertEqual(len(doc.clauses), 196)
        clause = next(c for c in doc.clauses
                      if c.path == "5.2 Säkerhetskrav › ¶3")
        self.assertEqual((clause.kind, clause.level, clause.level_inferred,
                          clause.line), ("requirement", "shall", True, 0))
        self.assertEqual(procsec.parse(path.read_bytes()).clauses, doc.clauses)
        xml = procsec.parse(path.with_suffix(".xml"))
        self.assertFalse(any(c.level_inferred for c in xml.clauses))

    def test_clause_without_id_and_facts(self):
        doc = procsec.parse(ENGLISH_JSON)
        self.assertEqual(doc.buyer_country, None)
        self.assertEqual([c.id for c in doc.clauses], ["1.1", None])
        self.assertEqual(doc.clauses[0].level, "shall")
        self.assertEqual(doc.clauses[1].level, None)
        self.assertEqual(doc.clauses[1].path, "/sections/0/clauses/1")
        self.assertIsNone(doc.fact("critical-service"))
        hem = procsec.parse(example("hemtjanst"))
        self.assertIs(hem.fact("critical-service"), True)
        self.assertIs(hem.fact("subcontracting-allowed"), False)
        self.assertIsNone(hem.fact("security-sensitive"))  # "unknown"
        self.assertIsNone(hem.fact("no-such-fact"))

    def test_model_json(self):
        doc = procsec.parse(example("it-drift"))
        model = json.loads(doc.to_json())
        self.assertEqual(model["id"], doc.id)

    def test_syntax_error(self):
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse(BAD_XML, name="bad.xml")
        e = cm.exception
        self.assertIs(e.code, Code.ESYNTAX)
        self.assertEqual(e.source, "bad.xml")
        self.assertEqual((e.line, e.column), (3, 19))
        self.assertEqual(e.message, "end tag </titel> does not match the "
                         "start tag <title> on line 3")
        self.assertEqual(e.pointer, "")
        self.assertEqual(str(e), "bad.xml:3:19: " + e.message)
        self.assertEqual(e.problems, (e,))

    def test_invalid_document(self):
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse(INVALID_XML, name="inv.xml")
        e = cm.exception
        self.assertIs(e.code, Code.EINVALID)
        self.assertEqual((e.line, e.column), (6, 5))
        self.assertEqual(e.message, "unknown element <requirment> inside "
                         "<section> (did you mean <requirement>?)")
        self.assertEqual(e.pointer, "/tender/section[1]/requirment")
        self.assertEqual(str(e), "inv.xml:6:5: " + e.message +
                         " (at /tender/section[1]/requirment)")

    def test_unsafe_document(self):
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse(b'<?xml version="1.0"?>\n'
                          b'<!DOCTYPE t [<!ENTITY a "x">]>\n<tender/>\n')
        self.assertIs(cm.exception.code, Code.EUNSAFE)
        self.assertEqual(cm.exception.source, "<memory>")
        self.assertEqual(cm.exception.line, 2)

    def test_duplicate_key(self):
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse('{"procsec_tender": 1, "id": "a", "id": "b"}')
        self.assertEqual((cm.exception.line, cm.exception.column), (1, 34))
        self.assertEqual(cm.exception.pointer, "/id")

    def test_missing_file(self):
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse("/nonexistent/tender.xml")
        self.assertIs(cm.exception.code, Code.EIO)
        self.assertEqual(cm.exception.source, "/nonexistent/tender.xml")

    def test_limits(self):
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse(example("hemtjanst"), limits={"input_bytes": 100})
        self.assertIs(cm.exception.code, Code.ELIMIT)
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse(ENGLISH_JSON, limits={procsec.Limit.CLAUSES: 1})
        self.assertIs(cm.exception.code, Code.ELIMIT)
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse(ENGLISH_JSON, limits={"depth": 0})
        self.assertIs(cm.exception.code, Code.EARG)
        with self.assertRaises(ValueError):
            procsec.parse(ENGLISH_JSON, limits={"width": 3})

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            procsec.parse(42)
        with self.assertRaises(ValueError):
            procsec.parse(example("hemtjanst"), name="x")
        with self.assertRaises(ProcsecError) as cm:
            procsec.parse(ENGLISH_JSON, format="pdf")
        self.assertIs(cm.exception.code, Code.EARG)

    def test_repr(self):
        doc = procsec.parse(example("hemtjanst"))
        self.assertIn("HVN-2026-01958", repr(doc))
        self.assertIn("kind='text'", repr(doc.clauses[0]))


class TestRuleSet(unittest.TestCase):
    def test_profile(self):
        rules = Shared.rules()
        self.assertEqual([p.id for p in rules.packs],
                         ["crisis-preparedness", "supplier-security",
                          "protective-security", "information-security",
                          "incident-and-accident", "requirement-clarity"])
        self.assertGreater(len(rules), 50)
        self.assertIn("PREP-001", rules)
        self.assertNotIn("NOPE-001", rules)
        self.assertIsNone(rules.rule("NOPE-001"))
        rule = rules.rule("PREP-001")
        self.assertEqual(rule.pack, "crisis-preparedness")
        self.assertIsInstance(rule.severity, Severity)
        self.assertEqual(json.loads(rule.source)["id"], "PREP-001")
        self.assertNotEqual(rules.rule("PREP-001", "sv").title, rule.title)
        self.assertEqual(len(rules.rules()), len(rules))
        self.assertIn("'se'", repr(rules))

    def test_packs_by_name_path_and_bytes(self):
        rules = procsec.RuleSet(packs=["starter",
                                       TOP / "rules" / "supplier-security.json",
                                       PACK])
        self.assertEqual([p.id for p in rules.packs],
                         ["starter", "supplier-security", "mem"])
        self.assertEqual(rules.packs[2].title, {"sv": "Minne", "en": "Memory"})
        one = procsec.RuleSet(packs="starter")  # one name, not letters
        self.assertEqual([p.id for p in one.packs], ["starter"])

    def test_bundled(self):
        # Neither packs nor a profile: every bundled pack, as the library
        # (not the CLI's per-document choice of "se" or "eu").
        rules = procsec.RuleSet()
        self.assertIn("starter", [p.id for p in rules.packs])
        self.assertIsNone(rules.profile)

    def test_params(self):
        doc = procsec.parse(ENGLISH_JSON)
        strict = procsec.RuleSet(packs=[PACK])
        loose = procsec.RuleSet(packs=[PACK], params={"incident_hours": 48})
        self.assertEqual(strict.check(doc).result("MEM-001").status,
                         Status.FAIL)
        self.assertEqual(loose.check(doc).result("MEM-001").status,
                         Status.PASS)
        with self.assertRaises(ProcsecError):
            procsec.RuleSet(packs=[PACK], params={"no_such_param": 1})
        with self.assertRaises(TypeError):
            procsec.RuleSet(packs=[PACK], params={"incident_hours": [1]})

    def test_waivers(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp, "waivers.json")
            path.write_text(json.dumps({
                "procsec_waivers": 1,
                "waivers": [{"rule": "PREP-002", "document": "HVN-2026-*",
                             "reason": "Regleras i bilaga 6.",
                             "approver": "A. Andersson",
                             "expires": "2099-12-31"}]}))
            rules = procsec.RuleSet(profile="se", waivers=path)
        report = rules.check(procsec.parse(example("hemtjanst")))
        result = report.result("PREP-002")
        self.assertIs(result.status, Status.WAIVED)
        self.assertIn("Regleras i bilaga 6.", result.reason)
        self.assertEqual(report.counts[Status.WAIVED], 1)

    def test_unknown_pack(self):
        with self.assertRaises(ProcsecError) as cm:
            procsec.RuleSet(packs=["no-such-pack"])
        self.assertIs(cm.exception.code, Code.EIO)
        self.assertEqual(cm.exception.source, "no-such-pack")

    def test_bad_pack_lists_every_problem(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp, "bad.json")
            path.write_bytes(b'{"procsec_pack": 1, "id": 5}\n')
            with self.assertRaises(ProcsecError) as cm:
                procsec.RuleSet(packs=[path])
        e = cm.exception
        self.assertEqual(len(e.problems), 4, e.problems)
        self.assertIn(e, e.problems)
        first = e.problems[0]
        self.assertEqual((first.line, first.column, first.pointer),
                         (1, 27, "/id"))
        self.assertEqual(first.message, "expected a string, found a number")
        self.assertTrue(all(p.source == str(path) for p in e.problems))

    def test_profile_for(self):
        hem = procsec.parse(example("hemtjanst"))
        eng = procsec.parse(ENGLISH_JSON)
        self.assertEqual(procsec.RuleSet.profile_for(hem), "se")
        self.assertEqual(procsec.RuleSet.profile_for(eng), "eu")
        rules = procsec.RuleSet.default_for(eng)
        self.assertEqual(rules.profile, "eu")
        self.assertEqual(rules.check(eng).lang, "en")


class TestCheck(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = procsec.parse(str(example("hemtjanst")))
        cls.report = Shared.rules().check(cls.doc)

    def test_statuses(self):
        # From `procsec check --profile se --format json`.
        want = {
            "PREP-001": (Status.PASS, Severity.ERROR),
            "PREP-002": (Status.FAIL, Severity.WARNING),
            "PREP-007": (Status.UNKNOWN, Severity.WARNING),
            "SEC-001": (Status.NOT_APPLICABLE, Severity.WARNING),
            "PSEC-002": (Status.UNKNOWN, Severity.ERROR),
            "INFO-001": (Status.PASS, Severity.ERROR),
            "INC-002": (Status.FAIL, Severity.WARNING),
        }
        got = {r.rule: (r.status, r.severity) for r in self.report.results
               if r.rule in want}
        self.assertEqual(got, want)

    def test_result_fields(self):
        r = self.report.result("PREP-002")
        self.assertEqual(r.pack, "crisis-preparedness")
        self.assertEqual(r.title, "Acceptabel avbrottstid och "
                         "återställningstid")
        self.assertIsNone(r.reason)
        self.assertEqual(len(r.findings), 1)
        self.assertIsNone(r.findings[0].clause)  # about the whole tender
        self.assertIsNone(r.findings[0].span)
        self.assertIsNotNone(self.report.result("SEC-001").reason)
        passed = self.report.result("PREP-001")
        self.assertEqual(len(passed.evidence), 1)
        ev = passed.evidence[0]
        self.assertIsNotNone(ev.clause)
        self.assertEqual(ev.line, ev.clause.line)
        self.assertIn(ev.clause, self.doc.clauses)
        if ev.span is not None:
            self.assertTrue(ev.matched)
        self.assertIn("rule='PREP-002'", repr(r))
        self.assertIn("status=<Status.FAIL: 'fail'>", repr(r))

    def test_report(self):
        report = self.report
        self.assertEqual(report.lang, "sv")
        self.assertEqual(report.as_of, "2026-11-02")  # published
        self.assertIs(report.document, self.doc)
        self.assertIs(report.rules, Shared.rules())
        self.assertEqual(sum(report.counts.values()), len(report.results))
        self.assertEqual(sum(report.failed.values()),
                         report.counts[Status.FAIL])
        self.assertIs(report.verdict, Verdict.INCOMPLETE)
        self.assertEqual(report.verdict, "incomplete")
        self.assertEqual(report.counts["fail"], report.counts[Status.FAIL])
        self.assertIn("verdict='incomplete'", repr(report))

    def test_lang_and_as_of(self):
        import datetime
        rules = Shared.rules()
        report = rules.check(self.doc, lang="en",
                             as_of=datetime.date(2027, 1, 15))
        self.assertEqual(report.lang, "en")
        self.assertEqual(report.as_of, "2027-01-15")
        self.assertEqual(report.result("PREP-001").title,
                         rules.rule("PREP-001", "en").title)
        with self.assertRaises(ProcsecError) as cm:
            rules.check(self.doc, lang="de")
        self.assertIs(cm.exception.code, Code.EARG)
        with self.assertRaises(ProcsecError):
            rules.check(self.doc, as_of="2027-13-45")
        with self.assertRaises(TypeError):
            rules.check("examples/hemtjanst.xml")

    def test_agrees_with_json(self):
        # Every field read through the C getters says what the library's
        # own JSON writer says.
        for name in EXAMPLE_NAMES:
            for lang in (None, "en"):
                report = Shared.rules().check(procsec.parse(example(name)),
                                              lang=lang)
                j = report.to_dict()
                self.assertEqual(j["lang"], report.lang)
                self.assertEqual(j["as_of"], report.as_of)
                self.assertEqual(j["summary"]["verdict"], report.verdict)
                for s in Status:
                    self.assertEqual(j["summary"][s.value],
                                     report.counts[s])
                for s in Severity:
                    self.assertEqual(j["summary"]["failed"][s.value],
                                     report.failed[s])
                self.assertEqual(len(j["results"]), len(report.results))
                for jr, r in zip(j["results"], report.results):
                    self.check_result(jr, r)

    def check_result(self, jr, r):
        self.assertEqual(
            (jr["rule"], jr["pack"], jr["status"], jr["severity"],
             jr["title"], jr["message"], jr["remediation"],
             jr.get("reason"), len(jr["references"])),
            (r.rule, r.pack, r.status, r.severity, r.title, r.message,
             r.remediation, r.reason, len(r.references)))
        for key, findings in (("findings", r.findings),
                              ("evidence", r.evidence)):
            self.assertEqual(len(jr[key]), len(findings), r.rule)
            for jf, f in zip(jr[key], findings):
                self.assertEqual(jf["message"], f.message)
                self.assertEqual(jf["clause"], f.clause_id)
                self.assertEqual(jf["span"],
                                 list(f.span) if f.span else None)
                if f.clause is not None:
                    loc = jf["location"]
                    self.assertEqual((loc["line"], loc["column"],
                                      loc["path"]),
                                     (f.line, f.column, f.path))

    @unittest.skipUnless(CLI and CLI.exists(), "no procsec CLI built")
    def test_agrees_with_cli(self):
        path = str(example("hemtjanst"))
        out = subprocess.run([str(CLI), "check", "--profile", "se",
                              "--fail-on", "never", "--format", "json",
                              path], check=True, capture_output=True)
        report = Shared.rules().check(procsec.parse(path))
        self.assertEqual(json.loads(out.stdout), report.to_dict())

    def test_serialisations(self):
        report = self.report
        self.assertEqual(json.loads(report.to_json())["procsec_report"], 1)
        sarif = json.loads(report.to_sarif())
        self.assertEqual(sarif["version"], "2.1.0")
        junit = ET.fromstring(report.to_junit())
        self.assertIn(junit.tag, ("testsuite", "testsuites"))
        self.assertEqual(len(junit.findall(".//testcase")),
                         len(report.results))
        self.assertTrue(report.to_html().startswith("<!DOCTYPE html>"))
        self.assertIn("PREP-002", report.to_text())
        ndjson = report.to_string(procsec.Format.NDJSON)
        self.assertTrue(ndjson.endswith("\n"))
        self.assertEqual(ndjson.count("\n"), 1)
        with self.assertRaises(ValueError):
            report.to_string(99)


class TestThreads(unittest.TestCase):
    def test_shared_ruleset_in_a_pool(self):
        rules = Shared.rules()
        reference = {name: rules.check(procsec.parse(example(name)))
                     .to_json() for name in EXAMPLE_NAMES}

        def job(name):
            doc = procsec.parse(example(name))  # each job its own document
            with rules.check(doc) as report:
                return name, report.to_json(), report.verdict

        jobs = [name for _ in range(20) for name in EXAMPLE_NAMES]
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            done = list(pool.map(job, jobs))
        self.assertEqual(len(done), 60)
        for name, text, verdict in done:
            self.assertEqual(text, reference[name], name)
            self.assertEqual(json.loads(text)["summary"]["verdict"], verdict)

    def test_shared_document_in_a_pool(self):
        rules = Shared.rules()
        doc = procsec.parse(example("it-drift"))
        want = rules.check(doc).to_json()
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda _: rules.check(doc).to_json(),
                                range(12)))
        self.assertEqual(got, [want] * 12)


    def test_shared_report_in_a_pool(self):
        report = Shared.rules().check(procsec.parse(example("hemtjanst")))
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda _: (report.to_json(),
                                           len(report.results)), range(12)))
        self.assertEqual(len(set(got)), 1)


class TestLifetimes(unittest.TestCase):
    def test_report_outlives_what_it_was_made_from(self):
        rules = procsec.RuleSet(packs=["starter"])
        doc = procsec.parse(example("hemtjanst"))
        report = rules.check(doc)
        want = report.to_json()
        rules.close()   # deferred: the report still uses both
        doc.close()
        self.assertTrue(rules.closed and doc.closed)
        del rules, doc
        gc.collect()
        self.assertEqual(report.to_json(), want)
        self.assertTrue(report.results[0].rule)
        report.close()
        report.close()  # twice is fine
        with self.assertRaises(ProcsecError) as cm:
            report.to_json()
        self.assertIs(cm.exception.code, Code.EARG)
        self.assertTrue(report.results)  # read before closing: kept

    def test_any_order_of_dropping(self):
        for order in ((0, 1, 2), (2, 1, 0), (1, 0, 2), (1, 2, 0)):
            objs = [procsec.RuleSet(packs=["starter"]),
                    procsec.parse(example("it-drift"))]
            objs.append(objs[0].check(objs[1]))
            for i in order:
                objs[i] = None
                gc.collect()

    def test_reference_cycle(self):
        # Inside a cycle Python finalises objects in no set order.
        rules = procsec.RuleSet(packs=["starter"])
        doc = procsec.parse(example("it-drift"))
        report = rules.check(doc)
        cycle = [rules, doc, report]
        cycle.append(cycle)
        rules.cycle = doc.cycle = report.cycle = cycle
        del rules, doc, report, cycle
        gc.collect()

    def test_closed_objects_refuse_use(self):
        rules = procsec.RuleSet(packs=["starter"])
        doc = procsec.parse(example("it-drift"))
        with doc:
            pass
        with self.assertRaises(ProcsecError) as cm:
            rules.check(doc)
        self.assertEqual(cm.exception.message, "the document is closed")
        with self.assertRaises(ProcsecError):
            doc.to_json()
        self.assertTrue(doc.id)  # read when parsed: still there
        rules.close()
        with self.assertRaises(ProcsecError):
            len(rules)
        self.assertIn("closed", repr(rules))

    def test_close_during_checks(self):
        # close() while other threads check: the rule set goes when the
        # last check is done, and no check sees freed memory.
        rules = procsec.RuleSet(packs=["starter"])
        doc = procsec.parse(example("hemtjanst"))
        start = threading.Barrier(5)

        def job(_):
            start.wait()
            try:
                return rules.check(doc).to_json()
            except ProcsecError as e:
                self.assertEqual(e.message, "the rule set is closed")
                return None

        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(job, i) for i in range(4)]
            start.wait()
            rules.close()
            texts = {f.result() for f in futures} - {None}
        self.assertLessEqual(len(texts), 1)


class TestReadme(unittest.TestCase):
    def test_from_python_example(self):
        # The example in README.md's "From Python" section, run unchanged
        # from the top of the source tree, so it cannot rot.
        readme = (TOP / "README.md").read_text(encoding="utf-8")
        section = readme.split("\n## From Python\n", 1)[1]
        section = section.split("\n## ", 1)[0]
        code = re.findall(r"```python\n(.*?)```", section, re.S)
        self.assertEqual(len(code), 1)
        out = io.StringIO()
        cwd = os.getcwd()
        try:
            os.chdir(TOP)
            with contextlib.redirect_stdout(out):
                exec(compile(code[0], "README.md", "exec"), {})
        finally:
            os.chdir(cwd)
        lines = out.getvalue().splitlines()
        self.assertEqual(lines[0], "incomplete")
        failed = [l for l in lines[1:-1]
                  if re.match(r"[A-Z]+-\d{3} (error|warning|info) ", l)]
        self.assertEqual(len(failed), len(lines) - 2, lines)
        self.assertIn("PREP-002 warning ", "\n".join(failed))
        self.assertTrue(lines[-1].startswith("ESYNTAX 1 9 the document "
                                             "ends before <tender>"),
                        lines[-1])


@unittest.skipUnless(importlib.util.find_spec("pip"), "no pip")
class TestInstall(unittest.TestCase):
    def test_pip_install_offline(self):
        # What bindings/python/README.md promises: offline, with the
        # system's setuptools.  Built from a copy: pip builds in the tree.
        # Asked of a child: importing setuptools here would patch
        # distutils in this process.
        if subprocess.run([sys.executable, "-c", "import setuptools, wheel"],
                          capture_output=True).returncode != 0:
            self.skipTest("needs setuptools and wheel")
        src = pathlib.Path(__file__).resolve().parents[1]
        with tempfile.TemporaryDirectory() as tmp:
            copy = pathlib.Path(tmp, "python")
            shutil.copytree(src, copy, ignore=shutil.ignore_patterns(
                "__pycache__", "build", "*.egg-info", "tests"))
            target = pathlib.Path(tmp, "target")
            env = dict(os.environ, PIP_NO_INDEX="1",
                       PIP_DISABLE_PIP_VERSION_CHECK="1")
            env.pop("PYTHONPATH", None)
            run = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet",
                 "--no-build-isolation", "--target", str(target),
                 str(copy)], env=env, capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            env["PYTHONPATH"] = str(target)
            run = subprocess.run(
                [sys.executable, "-c", "import procsec; "
                 "print(procsec.__file__); "
                 "print(procsec.parse(b'{\"procsec_tender\": 1, \"id\": "
                 "\"a\", \"title\": \"t\", \"lang\": \"en\", \"buyer\": "
                 "{\"name\": \"b\"}, \"sections\": []}').id)"],
                env=env, capture_output=True, text=True, cwd=tmp)
            self.assertEqual(run.returncode, 0, run.stderr)
            where, ident = run.stdout.splitlines()
            self.assertTrue(where.startswith(str(target)), where)
            self.assertEqual(ident, "a")
            self.assertTrue((target / "procsec" / "py.typed").exists())


if __name__ == "__main__":
    unittest.main()
