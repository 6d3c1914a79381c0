"""The C side: finding libprocsec, and the prototype of every call used.

Nothing here is public.  Every function the binding calls has its argtypes
and restype declared, so that ctypes converts and checks arguments instead
of guessing (an undeclared restype is a C int, which truncates pointers on
64-bit machines).

Strings the library owns and hands over (an ``out`` char *) are declared
as c_void_p, never c_char_p: ctypes would copy a c_char_p and drop the
pointer, leaving nothing to give back to procsec_free().  Borrowed strings
(getters) are c_char_p: ctypes copies them and turns NULL into None.
"""

import ctypes
import ctypes.util
import os
import threading

# The oldest library whose API this binding knows (0.1.0).
MIN_VERSION = 0x000100

# ---- types ---------------------------------------------------------------


class Error(ctypes.Structure):
    """struct procsec_error, filled by the library on failure."""

    _fields_ = [
        ("code", ctypes.c_int),
        ("line", ctypes.c_int),
        ("column", ctypes.c_int),
        ("offset", ctypes.c_long),
        ("source", ctypes.c_char * 256),
        ("pointer", ctypes.c_char * 256),
        ("message", ctypes.c_char * 256),
    ]


# Opaque objects: distinct pointer types, so that passing a document where
# a rule set belongs fails in ctypes rather than in C.
class _Opaque(ctypes.Structure):
    _fields_ = []


def _opaque(name):
    return ctypes.POINTER(type(name, (_Opaque,), {}))


options_p = _opaque("procsec_options")
doc_p = _opaque("procsec_doc")
clause_p = _opaque("procsec_clause")
diags_p = _opaque("procsec_diags")
loader_p = _opaque("procsec_loader")
ruleset_p = _opaque("procsec_ruleset")
rule_p = _opaque("procsec_rule")
report_p = _opaque("procsec_report")
result_p = _opaque("procsec_result")
finding_p = _opaque("procsec_finding")

err_p = ctypes.POINTER(Error)
size_t = ctypes.c_size_t
c_int = ctypes.c_int
c_long = ctypes.c_long
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p

# name: (restype, argtypes).  Enum parameters and results are C ints.
_PROTOTYPES = {
    # library
    "procsec_version": (c_int, []),
    "procsec_version_string": (c_char_p, []),
    "procsec_strerror": (c_char_p, [c_int]),
    "procsec_free": (None, [c_void_p]),
    # options
    "procsec_options_new": (c_int, [ctypes.POINTER(options_p), err_p]),
    "procsec_options_set_limit": (c_int, [options_p, c_int, size_t, err_p]),
    "procsec_options_get_limit": (size_t, [options_p, c_int]),
    "procsec_options_set_lang": (c_int, [options_p, c_char_p, err_p]),
    "procsec_options_set_as_of": (c_int, [options_p, c_char_p, err_p]),
    "procsec_options_free": (None, [options_p]),
    # documents
    "procsec_doc_parse": (c_int, [ctypes.POINTER(doc_p), c_char_p, c_char_p,
                                  size_t, c_char_p, options_p, err_p]),
    "procsec_doc_parse_file": (c_int, [ctypes.POINTER(doc_p), c_char_p,
                                       c_char_p, options_p, err_p]),
    "procsec_doc_free": (None, [doc_p]),
    "procsec_doc_format": (c_char_p, [doc_p]),
    "procsec_doc_source": (c_char_p, [doc_p]),
    "procsec_doc_id": (c_char_p, [doc_p]),
    "procsec_doc_title": (c_char_p, [doc_p]),
    "procsec_doc_lang": (c_char_p, [doc_p]),
    "procsec_doc_buyer_country": (c_char_p, [doc_p]),
    "procsec_doc_fact": (c_int, [doc_p, c_char_p]),
    "procsec_doc_clause_count": (size_t, [doc_p]),
    "procsec_doc_clause_at": (clause_p, [doc_p, size_t]),
    "procsec_clause_kind": (c_char_p, [clause_p]),
    "procsec_clause_id": (c_char_p, [clause_p]),
    "procsec_clause_level": (c_char_p, [clause_p]),
    "procsec_clause_level_inferred": (c_int, [clause_p]),
    "procsec_clause_category": (c_char_p, [clause_p]),
    "procsec_clause_verification": (c_char_p, [clause_p]),
    "procsec_clause_text": (c_char_p, [clause_p]),
    "procsec_clause_section": (c_char_p, [clause_p]),
    "procsec_clause_line": (c_int, [clause_p]),
    "procsec_clause_column": (c_int, [clause_p]),
    "procsec_clause_path": (c_char_p, [clause_p]),
    "procsec_doc_to_json": (c_int, [ctypes.POINTER(c_void_p),
                                    ctypes.POINTER(size_t), doc_p, err_p]),
    # diagnostics
    "procsec_diags_new": (c_int, [ctypes.POINTER(diags_p), err_p]),
    "procsec_diags_count": (size_t, [diags_p]),
    "procsec_diags_at": (err_p, [diags_p, size_t]),
    "procsec_diags_free": (None, [diags_p]),
    # rule packs
    "procsec_loader_new": (c_int, [ctypes.POINTER(loader_p), options_p,
                                   err_p]),
    "procsec_loader_add_pack": (c_int, [loader_p, c_char_p, diags_p, err_p]),
    "procsec_loader_add_pack_buffer": (c_int, [loader_p, c_char_p, c_char_p,
                                               size_t, diags_p, err_p]),
    "procsec_loader_add_bundled": (c_int, [loader_p, diags_p, err_p]),
    "procsec_profile_is_bundled": (c_int, [c_char_p]),
    "procsec_loader_add_profile": (c_int, [loader_p, c_char_p, diags_p,
                                           err_p]),
    "procsec_loader_add_waivers": (c_int, [loader_p, c_char_p, diags_p,
                                           err_p]),
    "procsec_loader_set_param": (c_int, [loader_p, c_char_p, c_char_p,
                                         err_p]),
    "procsec_loader_compile": (c_int, [ctypes.POINTER(ruleset_p), loader_p,
                                       diags_p, err_p]),
    "procsec_loader_free": (None, [loader_p]),
    "procsec_ruleset_free": (None, [ruleset_p]),
    "procsec_ruleset_count": (size_t, [ruleset_p]),
    "procsec_ruleset_at": (rule_p, [ruleset_p, size_t]),
    "procsec_ruleset_find": (rule_p, [ruleset_p, c_char_p]),
    "procsec_ruleset_pack_count": (size_t, [ruleset_p]),
    "procsec_ruleset_pack_id": (c_char_p, [ruleset_p, size_t]),
    "procsec_ruleset_pack_version": (c_char_p, [ruleset_p, size_t]),
    "procsec_ruleset_pack_title": (c_char_p, [ruleset_p, size_t, c_char_p]),
    "procsec_severity_name": (c_char_p, [c_int]),
    "procsec_status_name": (c_char_p, [c_int]),
    "procsec_rule_id": (c_char_p, [rule_p]),
    "procsec_rule_pack": (c_char_p, [rule_p]),
    "procsec_rule_severity": (c_int, [rule_p]),
    "procsec_rule_title": (c_char_p, [rule_p, c_char_p]),
    "procsec_rule_message": (c_char_p, [rule_p, c_char_p]),
    "procsec_rule_remediation": (c_char_p, [rule_p, c_char_p]),
    "procsec_rule_reference_count": (size_t, [rule_p]),
    "procsec_rule_reference": (c_char_p, [rule_p, size_t]),
    "procsec_rule_source": (c_char_p, [rule_p]),
    # checking
    "procsec_check": (c_int, [ctypes.POINTER(report_p), ruleset_p, doc_p,
                              options_p, err_p]),
    "procsec_report_free": (None, [report_p]),
    "procsec_report_lang": (c_char_p, [report_p]),
    "procsec_report_as_of": (c_char_p, [report_p]),
    "procsec_report_count": (size_t, [report_p]),
    "procsec_report_at": (result_p, [report_p, size_t]),
    "procsec_report_count_status": (size_t, [report_p, c_int]),
    "procsec_report_count_failed": (size_t, [report_p, c_int]),
    "procsec_result_rule": (rule_p, [result_p]),
    "procsec_result_status": (c_int, [result_p]),
    "procsec_result_severity": (c_int, [result_p]),
    "procsec_result_reason": (c_char_p, [result_p]),
    "procsec_result_finding_count": (size_t, [result_p]),
    "procsec_result_finding_at": (finding_p, [result_p, size_t]),
    "procsec_result_evidence_count": (size_t, [result_p]),
    "procsec_result_evidence_at": (finding_p, [result_p, size_t]),
    "procsec_finding_message": (c_char_p, [finding_p]),
    "procsec_finding_clause": (clause_p, [finding_p]),
    "procsec_finding_span_start": (c_long, [finding_p]),
    "procsec_finding_span_end": (c_long, [finding_p]),
    # writing
    "procsec_report_to_string": (c_int, [ctypes.POINTER(c_void_p),
                                         ctypes.POINTER(size_t), report_p,
                                         c_int, err_p]),
}


# ---- loading -------------------------------------------------------------

_lock = threading.Lock()
_lib = None


def _candidates():
    """Where to look, in order: PROCSEC_LIBRARY, then the linker's search."""
    explicit = os.environ.get("PROCSEC_LIBRARY")
    if explicit:
        # An explicit choice is never silently replaced by another copy.
        return [explicit]
    found = ctypes.util.find_library("procsec")
    names = [found] if found else []
    return names + ["libprocsec.so.0"]


def _load():
    errors = []
    for name in _candidates():
        try:
            # CDLL, not PyDLL: ctypes releases the GIL around every call,
            # which lets threads check documents in parallel.
            lib = ctypes.CDLL(name)
        except OSError as e:
            errors.append(f"{name}: {e}")
            continue
        break
    else:
        raise OSError("cannot load libprocsec (" + "; ".join(errors) +
                      "); install it, or set PROCSEC_LIBRARY to the path "
                      "of libprocsec.so.0")
    for fname, (restype, argtypes) in _PROTOTYPES.items():
        try:
            f = getattr(lib, fname)
        except AttributeError:
            raise OSError(f"{lib._name}: no {fname}: the library is too old "
                          "for this binding") from None
        f.restype = restype
        f.argtypes = argtypes
    if lib.procsec_version() < MIN_VERSION:
        raise OSError(f"{lib._name} is version "
                      f"{lib.procsec_version_string().decode()}; this "
                      "binding needs 0.1.0 or later")
    return lib


def lib():
    """The loaded library; loaded, and its prototypes declared, once."""
    global _lib
    if _lib is None:
        with _lock:
            if _lib is None:
                _lib = _load()
    return _lib
