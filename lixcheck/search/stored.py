"""Pattern analyses made before run time, for the patterns of lixcheck's own rules and checks.

The pre-filter's needles and prefixes (prefilter.py) and the anchored searches' windows and spans (anchored.py) are
read from each pattern's parse tree: some 270 patterns, about 70 ms of a fresh process's first check
(benchmarks/cold_start.py). They depend only on the pattern, its flags and the code that reads them, so
scripts/build_analyses.py works them out once and writes them to analyses.json, which ships with lixcheck; a
pattern found there is not analysed again.

The file carries a stamp: a hash of the modules that make the analyses (prefilter.py, anchored.py, retree.py) and the
Python version (re's parser). A file with another stamp is not read at all, so an analysis is never taken from older
code; a pattern that is not in the file (a plugin's, a user's allow-list) is analysed as before.
tests/test_search_stored.py checks that the file is up to date and that every entry equals a fresh analysis.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILE = HERE / "analyses.json"
SOURCES = ("prefilter.py", "anchored.py", "retree.py")  # the code the analyses come from
KINDS = ("needles", "bounds", "span")  # prefilter's (needles, second needles, prefixes); anchored's (reach, free,
# line) or None, and its span() (an int or None)
MISSING = object()

_tables: dict[str, dict[str, object]] | None = None
_lock = threading.Lock()
recorded: dict[str, dict[str, object]] | None = None  # set by the build script: every analysis made at run time


def python() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def stamp() -> str:
    """What the analyses depend on besides the patterns: the analysing code and the Python version."""
    digest = hashlib.sha1(f"Python {python()}".encode())
    for name in SOURCES:
        digest.update((HERE / name).read_bytes().replace(b"\r\n", b"\n"))  # (a checkout with CRLF line ends too)
    return digest.hexdigest()


def key(source: str, flags: int) -> str:
    return f"{flags}:{source}"


def _load() -> dict[str, dict[str, object]]:
    """The stored tables, or empty ones when the file is missing, unreadable or made by other code."""
    try:
        data = json.loads(FILE.read_text(encoding="utf-8"))
        if data.get("stamp") != stamp():
            return {kind: {} for kind in KINDS}
        return {kind: data[kind] for kind in KINDS}
    except (OSError, ValueError, KeyError, AttributeError):
        return {kind: {} for kind in KINDS}


def tables() -> dict[str, dict[str, object]]:
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = _load()
    return _tables


def lookup(kind: str, source: str, flags: int):
    """The stored analysis of a pattern (JSON: lists for tuples), or MISSING."""
    return tables()[kind].get(key(source, flags), MISSING)


def record(kind: str, source: str, flags: int, value) -> None:
    """Keep an analysis made at run time, while the build script records them."""
    if recorded is not None:
        recorded[kind][key(source, flags)] = value


def analysis(kind: str, source: str, flags: int, make, from_json=None):
    """The analysis of a pattern: the stored one (``from_json`` turns its JSON lists back into tuples), else
    ``make()``, recorded while the build script records."""
    found = lookup(kind, source, flags)
    if found is not MISSING:
        return found if from_json is None else from_json(found)
    result = make()
    record(kind, source, flags, result)
    return result
