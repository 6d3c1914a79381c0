"""procsec: check public-procurement tender documents against rule packs.

A binding to libprocsec through ctypes: no compiler, nothing outside the
standard library.  The library is found through the environment variable
PROCSEC_LIBRARY (a path to libprocsec.so.0), else the system's linker
search (ctypes.util.find_library("procsec"), then "libprocsec.so.0").

    import procsec

    rules = procsec.RuleSet(profile="se")
    doc = procsec.parse("tender.xml")
    report = rules.check(doc)
    print(report.verdict)
    for r in report.results:
        if r.status is procsec.Status.FAIL:
            print(r.rule, r.severity, r.title)

Threads: a RuleSet is immutable once compiled, and ctypes releases the
GIL during every call into the library, so any number of threads may
check documents with one shared RuleSet at once, in parallel.  A
Document may be read, and checked, from many threads.  A Report may be
shared too, but the C API lets one thread at a time use a report, so
the binding takes turns: nothing is gained by reading one from several.

Lifetimes: a Report keeps its RuleSet and Document alive.  close() (or
a with-block) releases an object's C memory early; an object closed while
reports made from it still live is released after the last of them.
"""

import ctypes
import dataclasses
import datetime
import enum
import json
import os
import threading
from typing import Dict, Iterable, Mapping, Optional, Tuple, Union

from . import _native
from ._native import lib as _lib

__all__ = [
    "Clause", "Code", "Document", "Finding", "Format", "Limit", "Pack",
    "ProcsecError", "Report", "Result", "Rule", "RuleSet", "Severity",
    "Status", "Verdict", "library_version", "parse", "parse_file",
    "parse_text",
]

__version__ = "0.1.0"

# ---- enumerations ----------------------------------------------------------


class Code(enum.IntEnum):
    """procsec_code: why a call failed.  Values are the C values."""

    OK = 0
    ENOMEM = -1    # out of memory
    EIO = -2       # the named input cannot be read
    ESYNTAX = -3   # not well-formed XML or JSON
    ELIMIT = -4    # a limit was reached
    EINVALID = -5  # well-formed, but not a valid document
    EREGEX = -6    # a pattern does not compile
    EARG = -7      # a bad argument
    EUNSAFE = -8   # refused for safety: DTD entities, XXE
    EFORMAT = -9   # the input is in no format the library reads


class _Named(str, enum.Enum):
    """An enum that is also its name in the reports, e.g. "fail"."""

    def __str__(self):
        return self.value

    # Hash as the name, so that report.counts["fail"] finds Status.FAIL
    # (older Pythons hash an enum by its member name, "FAIL").
    def __hash__(self):
        return str.__hash__(self)


class Status(_Named):
    """A rule's outcome (docs/report.md, Statuses)."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"
    ERROR = "error"
    WAIVED = "waived"


class Severity(_Named):
    """How serious a failure of a rule is."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Verdict(_Named):
    """The report's verdict (docs/report.md, The verdict)."""

    FAIL = "fail"
    INCOMPLETE = "incomplete"
    PASS_WITH_WARNINGS = "pass_with_warnings"
    PASS = "pass"


class Format(enum.IntEnum):
    """procsec_output: the formats a report is written in."""

    JSON = 0
    TEXT = 1
    SARIF = 2
    JUNIT = 3
    HTML = 4
    NDJSON = 5


class Limit(enum.IntEnum):
    """procsec_limit: the limits on untrusted input (procsec.h)."""

    INPUT_BYTES = 0
    DEPTH = 1
    CLAUSES = 2
    MATCH = 3
    MATCH_DEPTH = 4


# The C enums' order; the tables are the header's, append only.
_STATUSES = (Status.PASS, Status.FAIL, Status.NOT_APPLICABLE, Status.UNKNOWN,
             Status.ERROR, Status.WAIVED)
_SEVERITIES = (Severity.INFO, Severity.WARNING, Severity.ERROR)


def _status(value):
    # A status added to a newer library than this binding knows must not
    # crash a reader: it is kept as its name.
    if 0 <= value < len(_STATUSES):
        return _STATUSES[value]
    return _text(_lib().procsec_status_name(value)) or str(value)


def _severity(value):
    if 0 <= value < len(_SEVERITIES):
        return _SEVERITIES[value]
    return _text(_lib().procsec_severity_name(value)) or str(value)


# ---- errors ----------------------------------------------------------------


class ProcsecError(Exception):
    """Every failure the library reports.

    code is a Code (a plain int for a code newer than this binding);
    line and column are 1-based, 0 when unknown; pointer is the JSON
    Pointer or XPath-like path of the culprit, "" if none applies.
    problems lists every problem the call found, in the order found
    (reading a rule pack can find many); the error itself is among them.
    """

    def __init__(self, code, message, source="", line=0, column=0,
                 pointer="", offset=-1, problems=()):
        try:
            code = Code(code)
        except ValueError:
            pass
        self.code = code
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.pointer = pointer
        self.offset = offset
        self.problems = tuple(problems) or (self,)
        super().__init__(str(self))

    def __str__(self):
        # The CLI's one line: FILE:LINE:COL: message (at POINTER)
        where = self.source or "procsec"
        if self.line > 0:
            where += f":{self.line}:{self.column}"
        text = f"{where}: {self.message}"
        if self.pointer:
            text += f" (at {self.pointer})"
        return text

    def __repr__(self):
        return (f"ProcsecError(code={self.code!r}, message={self.message!r}, "
                f"source={self.source!r}, line={self.line}, "
                f"column={self.column}, pointer={self.pointer!r})")

    def __reduce__(self):
        # Exceptions cross process pools by pickling; keep every field.
        return (ProcsecError, (self.code, self.message, self.source,
                               self.line, self.column, self.pointer,
                               self.offset))


def _fixed(raw):
    # The error's fields are cut at 256 bytes by snprintf, which may split
    # a UTF-8 sequence: drop a broken tail rather than show garbage.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(raw) - 3:
            return raw[:e.start].decode("utf-8", "replace")
        return raw.decode("utf-8", "replace")


def _from_struct(err, problems=()):
    # The source is often a file name, which need not be UTF-8: decoded as
    # os.fsdecode does, it equals the path the caller passed.
    return ProcsecError(err.code, _fixed(err.message),
                        os.fsdecode(err.source), err.line, err.column,
                        _fixed(err.pointer), err.offset, problems)


def _raise(err, diags=None):
    error = _from_struct(err)
    if error.code == Code.OK:
        # Failed (or gave no object) without filling the error: say so
        # rather than raise an error that claims success.
        error.message = error.message or "libprocsec failed without a reason"
    problems = []
    if diags:
        c = _lib()
        for i in range(c.procsec_diags_count(diags)):
            p = c.procsec_diags_at(diags, i)
            if p:
                problems.append(_from_struct(p.contents))
    if problems:
        # The error is usually one of the problems collected: list it
        # once, where the library found it.
        key = _key(error)
        problems = [error if _key(p) == key else p for p in problems]
        if error not in problems:
            problems.insert(0, error)
        error.problems = tuple(problems)
    raise error


def _key(e):
    return (e.code, e.message, e.source, e.line, e.column, e.pointer)


def _misuse(message):
    return ProcsecError(Code.EARG, message)


# ---- strings ---------------------------------------------------------------


def _text(raw):
    """A borrowed C string as str; NULL as None."""
    if raw is None:
        return None
    return raw.decode("utf-8", "replace")


def _path_text(raw):
    # Source names are often file names, which need not be UTF-8.
    if raw is None:
        return None
    return os.fsdecode(raw)


def _owned_text(out, length):
    """A string the library handed over, as str; it is freed here."""
    try:
        return ctypes.string_at(out.value, length.value).decode("utf-8")
    finally:
        _lib().procsec_free(out)


# ---- lifetimes -------------------------------------------------------------


class _Handle:
    """One C object, and the rule for releasing it.

    A handle counts its users: the objects made from it (a report uses its
    rule set and document) and the calls running on it right now.  Closing
    it marks it closed; the C memory goes when the last user is done, so
    neither the order in which Python drops objects (arbitrary inside a
    reference cycle) nor a close() racing a check on another thread can
    free memory that is still in use.
    """

    # One lock for every handle: a child releases its parents under it.
    # Held only to count, never during a call into the library.
    _lock = threading.Lock()

    __slots__ = ("ptr", "what", "_free", "_parents", "_users", "_closed")

    def __init__(self, ptr, free, what, parents=()):
        self.ptr = ptr
        self.what = what
        self._free = free
        self._users = 0
        self._closed = False
        with _Handle._lock:
            for p in parents:
                if p._closed and p._users == 0:
                    raise _misuse(f"the {p.what} is closed")
            for p in parents:
                p._users += 1
        self._parents = tuple(parents)

    def acquire(self):
        with _Handle._lock:
            if self._closed:
                raise _misuse(f"the {self.what} is closed")
            self._users += 1
            return self.ptr

    def release(self):
        frees = []
        with _Handle._lock:
            self._users -= 1
            self._collect(frees)
        _run(frees)

    def close(self):
        frees = []
        with _Handle._lock:
            if self._closed:
                return
            self._closed = True
            self._collect(frees)
        _run(frees)

    @property
    def closed(self):
        return self._closed

    def _collect(self, frees):
        # Under the lock: this handle, then the parents it was the last
        # user of.  Children come first, as the C API requires.
        if not self._closed or self._users > 0 or self.ptr is None:
            return
        frees.append((self._free, self.ptr))
        self.ptr = None
        for p in self._parents:
            p._users -= 1
            p._collect(frees)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def _run(frees):
    for free, ptr in frees:
        free(ptr)


class _Closable:
    """close(), with-blocks and finalisation for an object with a handle."""

    _handle = None

    def close(self):
        """Releases the C memory now (later, if reports still use it)."""
        if self._handle is not None:
            self._handle.close()

    @property
    def closed(self):
        return self._handle is None or self._handle.closed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        # At interpreter exit the module may be half torn down; a leak
        # then is harmless, an exception from __del__ is noise.
        try:
            self.close()
        except Exception:
            pass


class _Options:
    """A procsec_options for one call: options are not shared by threads."""

    def __init__(self, limits=None, lang=None, as_of=None):
        self.ptr = None
        c = _lib()
        err = _native.Error()
        ptr = _native.options_p()
        if c.procsec_options_new(ctypes.byref(ptr), ctypes.byref(err)) != 0:
            _raise(err)
        self.ptr = ptr
        try:
            for which, value in (limits or {}).items():
                which = _limit(which)
                if not isinstance(value, int) or value < 0:
                    raise _misuse(f"limit {which.name}: {value!r} is not a "
                                  "count")
                if c.procsec_options_set_limit(ptr, which, value,
                                               ctypes.byref(err)) != 0:
                    _raise(err)
            if lang is not None and \
                    c.procsec_options_set_lang(ptr, _cstr(lang),
                                               ctypes.byref(err)) != 0:
                _raise(err)
            if as_of is not None:
                if isinstance(as_of, datetime.datetime):
                    as_of = as_of.date()
                if isinstance(as_of, datetime.date):
                    as_of = as_of.isoformat()
                if c.procsec_options_set_as_of(ptr, _cstr(as_of),
                                               ctypes.byref(err)) != 0:
                    _raise(err)
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.ptr is not None:
            _lib().procsec_options_free(self.ptr)
            self.ptr = None

    def __enter__(self):
        return self.ptr

    def __exit__(self, *exc):
        self.close()


def _limit(which):
    if isinstance(which, str):
        try:
            return Limit[which.upper()]
        except KeyError:
            raise ValueError(f"no limit {which!r}; limits are " +
                             ", ".join(m.name.lower() for m in Limit)) \
                from None
    return Limit(which)


def _no_options():
    # A NULL procsec_options * (the defaults), as a context manager.
    return _NullOptions()


class _NullOptions:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        pass


def _options(limits=None, lang=None, as_of=None):
    if limits or lang is not None or as_of is not None:
        return _Options(limits, lang, as_of)
    return _no_options()


# ---- documents -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Clause:
    """One clause of a tender, in document order (docs/model.md)."""

    index: int
    kind: str                   # requirement, criterion, condition or text
    id: Optional[str]
    level: Optional[str]        # shall, should, may or None
    category: Optional[str]
    verification: Optional[str]
    text: str = dataclasses.field(repr=False)  # normalised: NFC, one space
    section: str                # section ids from the outermost, " > "
    line: int                   # 1-based, 0 if unknown
    column: int
    path: str                   # XPath-like (XML) or JSON Pointer (JSON),
    #                             or "5.2 Säkerhetskrav › ¶3" (Word)
    level_inferred: bool = False  # level read from the wording (Word)


def _clause(c, ptr, index):
    return Clause(
        index=index,
        kind=_text(c.procsec_clause_kind(ptr)),
        id=_text(c.procsec_clause_id(ptr)),
        level=_text(c.procsec_clause_level(ptr)),
        category=_text(c.procsec_clause_category(ptr)),
        verification=_text(c.procsec_clause_verification(ptr)),
        text=_text(c.procsec_clause_text(ptr)) or "",
        section=_text(c.procsec_clause_section(ptr)) or "",
        line=c.procsec_clause_line(ptr),
        column=c.procsec_clause_column(ptr),
        path=_text(c.procsec_clause_path(ptr)) or "",
        level_inferred=bool(c.procsec_clause_level_inferred(ptr)),
    )


def _address(ptr):
    return ctypes.cast(ptr, ctypes.c_void_p).value


class Document(_Closable):
    """One parsed tender.  Made by parse(); read-only, shareable."""

    def __init__(self, _ptr):
        # Made by parse() only: the pointer is owned from here on.
        c = _lib()
        self._handle = _Handle(_ptr, c.procsec_doc_free, "document")
        self.source = _path_text(c.procsec_doc_source(_ptr))
        self.format = _text(c.procsec_doc_format(_ptr))
        self.id = _text(c.procsec_doc_id(_ptr))
        self.title = _text(c.procsec_doc_title(_ptr))
        self.lang = _text(c.procsec_doc_lang(_ptr))
        self.buyer_country = _text(c.procsec_doc_buyer_country(_ptr))
        self._clauses = None
        self._by_address = None

    @property
    def clauses(self) -> Tuple[Clause, ...]:
        """Every clause, in document order."""
        if self._clauses is None:
            self._read_clauses()
        return self._clauses

    def _read_clauses(self, held=False):
        if held:
            # A report made from this document is being read: it keeps
            # the C document alive even after close().
            self._read_clauses_from(self._handle.ptr)
        else:
            with self._handle as ptr:
                self._read_clauses_from(ptr)

    def _read_clauses_from(self, ptr):
        c = _lib()
        clauses, by_address = [], {}
        for i in range(c.procsec_doc_clause_count(ptr)):
            cp = c.procsec_doc_clause_at(ptr, i)
            if not cp:
                break
            clauses.append(_clause(c, cp, i))
            by_address[_address(cp)] = clauses[-1]
        # Two threads may both get here; they build the same tuples.
        self._by_address = by_address
        self._clauses = tuple(clauses)

    def _clause_at(self, ptr):
        # The Clause a finding points at, by the C clause's address.  Only
        # called while a report made from this document is held.
        if self._by_address is None:
            self._read_clauses(held=True)
        return self._by_address.get(_address(ptr))

    def fact(self, name: str) -> Optional[bool]:
        """The value the tender states for a fact; None when not stated or
        stated as unknown."""
        with self._handle as ptr:
            value = _lib().procsec_doc_fact(ptr, name.encode())
        return {1: False, 2: True}.get(value)

    def to_json(self) -> str:
        """The tender model as JSON, as `procsec parse` prints it."""
        c = _lib()
        out, length, err = ctypes.c_void_p(), _native.size_t(), \
            _native.Error()
        with self._handle as ptr:
            rc = c.procsec_doc_to_json(ctypes.byref(out), ctypes.byref(length),
                                       ptr, ctypes.byref(err))
        if rc != 0:
            _raise(err)
        return _owned_text(out, length)

    def __repr__(self):
        return (f"Document(source={self.source!r}, id={self.id!r}, "
                f"title={self.title!r}, lang={self.lang!r})")


Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]"]


def parse(source: Source, name: Optional[str] = None,
          format: Optional[str] = None, *,
          limits: Optional[Mapping[Union[Limit, str], int]] = None
          ) -> Document:
    """Parses a tender: a file, or the document itself.

    source is a path (os.PathLike, or a str that does not start with "<"
    or "{"), the document's bytes, or its text (a str starting, after
    white space, with "<" or "{": XML or JSON; it is encoded as UTF-8).
    For a file name that starts with one of those, use parse_file().
    name names bytes or text in messages and in the model ("<memory>"
    when None); a file is named by its path.  format is "procsec-xml",
    "procsec-json", "docx", "odt", or None to detect it.  limits maps a Limit (or its
    name, e.g. "depth") to a value.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _parse_bytes(bytes(source), name, format, limits)
    if isinstance(source, str) and source.lstrip("\ufeff \t\r\n")[:1] in \
            ("<", "{"):
        return parse_text(source, name, format, limits=limits)
    if isinstance(source, (str, os.PathLike)):
        if name is not None:
            raise ValueError("name applies to bytes or text; a file is "
                             "named by its path")
        return parse_file(source, format, limits=limits)
    raise TypeError("parse() takes a path, bytes or str, not "
                    f"{type(source).__name__}")


def parse_text(text: str, name: Optional[str] = None,
               format: Optional[str] = None, *, limits=None) -> Document:
    """Parses a tender held in a str (encoded as UTF-8 for the library)."""
    return _parse_bytes(text.encode("utf-8"), name, format, limits)


def parse_file(path: "Union[str, os.PathLike[str]]",
               format: Optional[str] = None, *, limits=None) -> Document:
    """Parses a tender from a file; "-" reads standard input."""
    c = _lib()
    out, err = _native.doc_p(), _native.Error()
    with _options(limits) as opts:
        rc = c.procsec_doc_parse_file(ctypes.byref(out), os.fsencode(path),
                                      _cstr(format), opts, ctypes.byref(err))
    if rc != 0 or not out:
        _raise(err)
    return Document(out)


def _parse_bytes(data, name, format, limits):
    c = _lib()
    out, err = _native.doc_p(), _native.Error()
    with _options(limits) as opts:
        rc = c.procsec_doc_parse(ctypes.byref(out), _cstr(name), data,
                                 len(data), _cstr(format), opts,
                                 ctypes.byref(err))
    if rc != 0 or not out:
        _raise(err)
    return Document(out)


def _cstr(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


# ---- rule sets -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Pack:
    """A rule pack in a rule set."""

    id: str
    version: str
    title: Dict[str, str]  # by language: "sv" and "en"


@dataclasses.dataclass(frozen=True)
class Rule:
    """A rule of a rule set, its prose in one language."""

    id: str
    pack: str
    severity: Severity  # when none of its conditional severities holds
    title: str
    message: str = dataclasses.field(repr=False)
    remediation: str = dataclasses.field(repr=False)  # a model clause
    references: Tuple[str, ...] = dataclasses.field(repr=False)
    source: str = dataclasses.field(repr=False)  # the rule's JSON


def _rule(c, ptr, lang):
    lang_b = lang.encode()
    return Rule(
        id=_text(c.procsec_rule_id(ptr)),
        pack=_text(c.procsec_rule_pack(ptr)),
        severity=_severity(c.procsec_rule_severity(ptr)),
        title=_text(c.procsec_rule_title(ptr, lang_b)),
        message=_text(c.procsec_rule_message(ptr, lang_b)),
        remediation=_text(c.procsec_rule_remediation(ptr, lang_b)),
        references=tuple(
            _text(c.procsec_rule_reference(ptr, i)) or ""
            for i in range(c.procsec_rule_reference_count(ptr))),
        source=_text(c.procsec_rule_source(ptr)),
    )


PackSource = Union[str, bytes, "os.PathLike[str]"]


class RuleSet(_Closable):
    """Rule packs compiled once, to check any number of documents with.

    packs: names of bundled packs or paths (str or os.PathLike), or a
    pack's JSON as bytes.  profile: a bundled profile's name ("se", "eu",
    ...) or a path.  waivers: a path to a waiver file.  params: parameter
    values by name ("param" or "pack.param").  limits: as for parse().
    With neither packs nor a profile, every bundled pack is loaded.

    Bundled packs and profiles are looked up in the folders of
    PROCSEC_RULES_PATH, then in the installed rules folder.

    Immutable once made: share one among threads (see the module's doc).
    """

    def __init__(self, packs: Optional[Iterable[PackSource]] = None,
                 profile: "Optional[Union[str, os.PathLike[str]]]" = None,
                 waivers: "Optional[Union[str, os.PathLike[str]]]" = None,
                 params: Optional[Mapping[str, Union[int, float, str]]]
                 = None, *,
                 limits: Optional[Mapping[Union[Limit, str], int]] = None):
        if isinstance(packs, (str, bytes, os.PathLike)):
            packs = [packs]  # one pack, not its characters
        packs = list(packs or [])
        c = _lib()
        err = _native.Error()
        loader, diags = _native.loader_p(), _native.diags_p()
        rules = _native.ruleset_p()
        try:
            if c.procsec_diags_new(ctypes.byref(diags), ctypes.byref(err)):
                _raise(err)
            with _options(limits) as opts:
                if c.procsec_loader_new(ctypes.byref(loader), opts,
                                        ctypes.byref(err)):
                    _raise(err)
            self._gather(c, loader, diags, err, packs, profile, waivers,
                         params)
            if c.procsec_loader_compile(ctypes.byref(rules), loader, diags,
                                        ctypes.byref(err)) or not rules:
                _raise(err, diags)
        finally:
            # The rule set keeps nothing of the loader.
            c.procsec_loader_free(loader)
            c.procsec_diags_free(diags)
        self._handle = _Handle(rules, c.procsec_ruleset_free, "rule set")
        self.profile = None if profile is None else os.fsdecode(profile)
        self.packs = tuple(
            Pack(_text(c.procsec_ruleset_pack_id(rules, i)),
                 _text(c.procsec_ruleset_pack_version(rules, i)),
                 {lang: _text(c.procsec_ruleset_pack_title(rules, i,
                                                           lang.encode()))
                  for lang in ("sv", "en")})
            for i in range(c.procsec_ruleset_pack_count(rules)))

    @staticmethod
    def _gather(c, loader, diags, err, packs, profile, waivers, params):
        by = ctypes.byref
        if profile is not None:
            if c.procsec_loader_add_profile(loader, os.fsencode(profile),
                                            diags, by(err)):
                _raise(err, diags)
        elif not packs:
            if c.procsec_loader_add_bundled(loader, diags, by(err)):
                _raise(err, diags)
        for i, pack in enumerate(packs):
            if isinstance(pack, (bytes, bytearray, memoryview)):
                data = bytes(pack)
                rc = c.procsec_loader_add_pack_buffer(
                    loader, f"<pack {i + 1}>".encode(), data, len(data),
                    diags, by(err))
            elif isinstance(pack, (str, os.PathLike)):
                rc = c.procsec_loader_add_pack(loader, os.fsencode(pack),
                                               diags, by(err))
            else:
                raise TypeError("a pack is a name, a path or bytes, not "
                                f"{type(pack).__name__}")
            if rc:
                _raise(err, diags)
        if waivers is not None:
            if c.procsec_loader_add_waivers(loader, os.fsencode(waivers),
                                            diags, by(err)):
                _raise(err, diags)
        for name, value in (params or {}).items():
            if isinstance(value, bool) or \
                    not isinstance(value, (int, float, str)):
                raise TypeError(f"parameter {name}: a number, not "
                                f"{type(value).__name__}")
            if c.procsec_loader_set_param(loader, name.encode(),
                                          str(value).encode(), by(err)):
                _raise(err, diags)

    # -- the bundled profile the CLI would choose --

    @staticmethod
    def profile_for(doc: Document) -> Optional[str]:
        """The bundled profile `procsec check` uses for this document:
        "se" for a Swedish buyer (or, with no country, a tender in
        Swedish), else "eu"; None when those profiles are not installed
        (the CLI then uses every bundled pack)."""
        c = _lib()
        if not (c.procsec_profile_is_bundled(b"se") and
                c.procsec_profile_is_bundled(b"eu")):
            return None
        if doc.buyer_country is not None:
            swedish = doc.buyer_country == "SE"
        else:
            lang = doc.lang or ""
            swedish = lang == "sv" or lang.startswith("sv-")
        return "se" if swedish else "eu"

    @classmethod
    def default_for(cls, doc: Document, **kwargs) -> "RuleSet":
        """The rule set `procsec check` would use for this document with
        neither --rules nor --profile.  Compiling takes time: keep the
        result to check many documents."""
        return cls(profile=cls.profile_for(doc), **kwargs)

    # -- rules --

    def __len__(self):
        with self._handle as ptr:
            return _lib().procsec_ruleset_count(ptr)

    def __contains__(self, rule_id):
        return self.rule(rule_id) is not None

    def rules(self, lang: str = "en") -> Tuple[Rule, ...]:
        """Every rule, in pack and file order, with its prose in lang."""
        c = _lib()
        with self._handle as ptr:
            return tuple(_rule(c, c.procsec_ruleset_at(ptr, i), lang)
                         for i in range(c.procsec_ruleset_count(ptr)))

    def rule(self, rule_id: str, lang: str = "en") -> Optional[Rule]:
        """The rule with this id, or None."""
        c = _lib()
        with self._handle as ptr:
            rp = c.procsec_ruleset_find(ptr, rule_id.encode())
            return _rule(c, rp, lang) if rp else None

    # -- checking --

    def check(self, doc: Document, lang: Optional[str] = None,
              as_of: Optional[Union[str, datetime.date]] = None) -> "Report":
        """Checks a document.  lang: "sv" or "en" for the report's prose
        (None: the document's language if Swedish, else English).  as_of:
        the date taken as today for validity periods (None: the tender's
        publication date).  Thread-safe: the GIL is released while the
        library checks."""
        if not isinstance(doc, Document):
            raise TypeError(f"check() takes a Document, not "
                            f"{type(doc).__name__}")
        c = _lib()
        out, err = _native.report_p(), _native.Error()
        with self._handle as rules, doc._handle as dp, \
                _options(None, lang, as_of) as opts:
            rc = c.procsec_check(ctypes.byref(out), rules, dp, opts,
                                 ctypes.byref(err))
            if rc != 0 or not out:
                _raise(err)
            # Made while both are held: they cannot be freed in between.
            return Report(out, self, doc)

    def __repr__(self):
        state = "closed" if self.closed else f"{len(self)} rules"
        return (f"RuleSet(profile={self.profile!r}, "
                f"packs={[p.id for p in self.packs]!r}, {state})")


# ---- reports ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Finding:
    """What is wrong (a finding) or what satisfied a rule (evidence)."""

    message: str
    clause_id: Optional[str]   # None: no id, or about the whole tender
    line: int                  # the clause's, 0 for the whole tender
    column: int
    path: Optional[str]        # the clause's, None for the whole tender
    span: Optional[Tuple[int, int]]  # byte offsets [start, end) into the
    #                                  clause's UTF-8 text; None if none
    clause: Optional[Clause] = dataclasses.field(repr=False, default=None)

    @property
    def matched(self) -> Optional[str]:
        """The text the span covers, or None."""
        if self.span is None or self.clause is None:
            return None
        start, end = self.span
        return self.clause.text.encode("utf-8")[start:end].decode(
            "utf-8", "replace")


@dataclasses.dataclass(frozen=True)
class Result:
    """One rule's outcome in a report; prose in the report's language."""

    rule: str
    pack: str
    status: Status
    severity: Severity  # this tender's: conditional severities applied
    title: str
    message: str = dataclasses.field(repr=False)
    remediation: str = dataclasses.field(repr=False)
    reason: Optional[str] = None  # for not_applicable, unknown, error
    references: Tuple[str, ...] = dataclasses.field(repr=False, default=())
    findings: Tuple[Finding, ...] = ()
    evidence: Tuple[Finding, ...] = dataclasses.field(repr=False, default=())


def _finding(c, ptr, doc):
    cp = c.procsec_finding_clause(ptr)
    clause = doc._clause_at(cp) if cp else None
    start = c.procsec_finding_span_start(ptr)
    end = c.procsec_finding_span_end(ptr)
    return Finding(
        message=_text(c.procsec_finding_message(ptr)) or "",
        clause_id=clause.id if clause else None,
        line=clause.line if clause else 0,
        column=clause.column if clause else 0,
        path=clause.path if clause else None,
        span=(start, end) if start >= 0 and end >= 0 else None,
        clause=clause,
    )


def _result(c, ptr, lang, doc):
    rule = c.procsec_result_rule(ptr)
    lang_b = lang.encode()
    return Result(
        rule=_text(c.procsec_rule_id(rule)),
        pack=_text(c.procsec_rule_pack(rule)),
        status=_status(c.procsec_result_status(ptr)),
        severity=_severity(c.procsec_result_severity(ptr)),
        title=_text(c.procsec_rule_title(rule, lang_b)),
        message=_text(c.procsec_rule_message(rule, lang_b)),
        remediation=_text(c.procsec_rule_remediation(rule, lang_b)),
        reason=_text(c.procsec_result_reason(ptr)),
        references=tuple(
            _text(c.procsec_rule_reference(rule, i)) or ""
            for i in range(c.procsec_rule_reference_count(rule))),
        findings=tuple(
            _finding(c, c.procsec_result_finding_at(ptr, i), doc)
            for i in range(c.procsec_result_finding_count(ptr))),
        evidence=tuple(
            _finding(c, c.procsec_result_evidence_at(ptr, i), doc)
            for i in range(c.procsec_result_evidence_count(ptr))),
    )


class Report(_Closable):
    """The outcome of RuleSet.check(): one Result per rule."""

    def __init__(self, _ptr, rules, doc):
        c = _lib()
        # The report borrows from both: they stay (in C too) until it goes.
        self._handle = _Handle(_ptr, c.procsec_report_free, "report",
                               (rules._handle, doc._handle))
        self.rules = rules
        self.document = doc
        self.lang = _text(c.procsec_report_lang(_ptr))
        self.as_of = _text(c.procsec_report_as_of(_ptr))
        self.counts = {s: c.procsec_report_count_status(_ptr, i)
                       for i, s in enumerate(_STATUSES)}
        self.failed = {s: c.procsec_report_count_failed(_ptr, i)
                       for i, s in enumerate(_SEVERITIES)}
        self._results = None
        # procsec.h: one thread at a time per report.
        self._turn = threading.Lock()

    @property
    def results(self) -> Tuple[Result, ...]:
        """One result per rule, in pack order."""
        if self._results is None:
            c = _lib()
            with self._turn, self._handle as ptr:
                self._results = tuple(
                    _result(c, c.procsec_report_at(ptr, i), self.lang,
                            self.document)
                    for i in range(c.procsec_report_count(ptr)))
        return self._results

    def result(self, rule_id: str) -> Optional[Result]:
        """The result for one rule, or None."""
        for r in self.results:
            if r.rule == rule_id:
                return r
        return None

    @property
    def verdict(self) -> Verdict:
        """Decided as summary.verdict is in docs/report.md."""
        if self.failed[Severity.ERROR] > 0:
            return Verdict.FAIL
        if self.counts[Status.UNKNOWN] > 0 or self.counts[Status.ERROR] > 0:
            return Verdict.INCOMPLETE
        if self.counts[Status.FAIL] > 0:
            return Verdict.PASS_WITH_WARNINGS
        return Verdict.PASS

    def to_string(self, format: Format) -> str:
        """The report written in one of the library's formats."""
        c = _lib()
        out, length, err = ctypes.c_void_p(), _native.size_t(), \
            _native.Error()
        with self._turn, self._handle as ptr:
            rc = c.procsec_report_to_string(ctypes.byref(out),
                                            ctypes.byref(length), ptr,
                                            Format(format), ctypes.byref(err))
        if rc != 0 or not out:
            _raise(err)
        return _owned_text(out, length)

    def to_json(self) -> str:
        """docs/report.md; schemas/report-1.schema.json."""
        return self.to_string(Format.JSON)

    def to_dict(self) -> dict:
        """The JSON report, parsed."""
        return json.loads(self.to_json())

    def to_sarif(self) -> str:
        """SARIF 2.1.0, for code-review and CI tools."""
        return self.to_string(Format.SARIF)

    def to_junit(self) -> str:
        """JUnit XML: a testsuite, a testcase per rule."""
        return self.to_string(Format.JUNIT)

    def to_html(self) -> str:
        """One standalone page for people."""
        return self.to_string(Format.HTML)

    def to_text(self) -> str:
        """For a terminal; its layout may change, do not parse it."""
        return self.to_string(Format.TEXT)

    def __repr__(self):
        n = sum(self.counts.values())
        return (f"Report(document={self.document.source!r}, "
                f"verdict={self.verdict.value!r}, rules={n}, "
                f"fail={self.counts[Status.FAIL]}, "
                f"unknown={self.counts[Status.UNKNOWN]})")


def library_version() -> str:
    """The version of the loaded libprocsec, e.g. "0.1.0"."""
    return _text(_lib().procsec_version_string())
