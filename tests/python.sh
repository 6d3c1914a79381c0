#!/bin/sh
# The Python binding's tests (bindings/python/tests), with the source
# tree's package and the build tree's libprocsec.so.0: never an installed
# copy of either.  Skipped (77) without python3 or without a shared
# library (configure --disable-shared).  PYTHON chooses the interpreter.
#
# Needs top_srcdir, top_builddir and PROCSEC_RULES_PATH (set by
# AM_TESTS_ENVIRONMENT); by hand, from the source tree after a build in
# _build/:
#   top_srcdir=. top_builddir=_build PROCSEC_RULES_PATH=rules sh tests/python.sh
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
python=${PYTHON:-python3}

if ! command -v "$python" >/dev/null 2>&1 ||
   ! "$python" -c 'import ctypes, dataclasses' 2>/dev/null; then
	echo "skipped: needs $python (3.8 or later, with ctypes)"
	exit 77
fi
lib="$(cd "$top_builddir" && pwd)/.libs/libprocsec.so.0"
if [ ! -f "$lib" ]; then
	echo "skipped: no $lib (a shared library is needed)"
	exit 77
fi

# A library built with --enable-sanitizers needs the ASan runtime loaded
# before anything else, and python3 is not linked with it: preload it.
# Leak detection stays off, since the interpreter keeps memory at exit
# by design; the binding's freeing is still checked for use after free
# and double free.
asan=$(ldd "$lib" 2>/dev/null | sed -n 's/^[[:space:]]*libasan[^ ]* => \([^ ]*\) .*/\1/p')
if [ -n "$asan" ]; then
	LD_PRELOAD="$asan${LD_PRELOAD:+ $LD_PRELOAD}"
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
	export LD_PRELOAD ASAN_OPTIONS
fi

PROCSEC_LIBRARY=$lib
PYTHONPATH="$(cd "$top_srcdir/bindings/python" && pwd)"
# make distcheck's source tree is read-only: no __pycache__ there.
PYTHONDONTWRITEBYTECODE=1
export PROCSEC_LIBRARY PYTHONPATH PYTHONDONTWRITEBYTECODE
exec timeout 600 "$python" "$top_srcdir/bindings/python/tests/test_procsec.py" -v
