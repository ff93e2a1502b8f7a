"""The pattern analyses made before run time (lixcheck/search/analyses.json, lixcheck/search/stored.py): up to date
with the code and the patterns, each equal to a fresh analysis, and never read when made by other code."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lixcheck.search import Guarded, anchored, prefilter, stored

anchored_module = importlib.import_module("lixcheck.search.anchored")  # (the package's name "anchored" is a function)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = json.loads(stored.FILE.read_text(encoding="utf-8"))


def _split(key: str) -> tuple[str, int]:
    flags, _, source = key.partition(":")
    return source, int(flags)


def test_the_shipped_file_is_up_to_date():
    if SHIPPED["python"] != stored.python():
        pytest.skip(f"the shipped analyses are made with Python {SHIPPED['python']} (not read on this Python)")
    r = subprocess.run([sys.executable, "scripts/build_analyses.py", "--check"], capture_output=True, text=True,
                       cwd=ROOT)
    assert r.returncode == 0 and "up to date" in r.stdout, r.stdout + r.stderr


def test_it_is_read_on_this_python():
    assert SHIPPED["stamp"] == stored.stamp() and stored.tables()["needles"], (
        "lixcheck/search/analyses.json was made by other code or another Python: run python scripts/build_analyses.py")


def test_every_stored_analysis_equals_a_fresh_one():
    for key, value in SHIPPED["needles"].items():
        assert prefilter.analyse(*_split(key)) == tuple(None if x is None else tuple(x) for x in value), key
    for key, value in SHIPPED["bounds"].items():
        pattern = re.compile(*_split(key))
        needles = prefilter.analyse(*_split(key))[0]
        assert anchored_module.analyse(pattern, needles) == (None if value is None else tuple(value)), key
    for key, value in SHIPPED["span"].items():
        assert anchored_module.span(re.compile(*_split(key))) == value, key


def test_a_stored_analysis_is_what_a_search_uses():
    key = next(k for k, v in SHIPPED["needles"].items() if v[0])
    source, flags = _split(key)
    prefilter._analysis.cache_clear()
    try:
        g = Guarded(re.compile(source, flags))
        assert g.needles == tuple(SHIPPED["needles"][key][0])
    finally:
        prefilter._analysis.cache_clear()


def test_a_file_made_by_other_code_is_not_read(monkeypatch, tmp_path):
    source = r"\bklagevejledning\b"
    other = tmp_path / "analyses.json"
    # a stored analysis that no fresh one would give: it must not be used
    other.write_text(json.dumps({"python": stored.python(), "stamp": "other code",
                                 "needles": {stored.key(source, re.IGNORECASE): [["zzz"], None, ["zzz"]]},
                                 "bounds": {}}), encoding="utf-8")
    monkeypatch.setattr(stored, "FILE", other)
    monkeypatch.setattr(stored, "_tables", None)
    prefilter._analysis.cache_clear()
    try:
        assert stored.lookup("needles", source, re.IGNORECASE) is stored.MISSING
        g = anchored(Guarded(re.compile(source, re.IGNORECASE)))
        assert g.needles == ("klagevejledning",) and g.search("Se klagevejledningen og klagevejledning.").start() == 24
    finally:
        prefilter._analysis.cache_clear()
        stored._tables = None


def test_a_missing_or_broken_file_means_fresh_analyses(monkeypatch, tmp_path):
    for text in (None, "{not json", "[]", '{"stamp": 1}'):
        path = tmp_path / "analyses.json"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(stored, "FILE", path)
        assert stored._load() == {"needles": {}, "bounds": {}, "span": {}}


def test_an_alternation_is_the_same_whatever_the_order_of_its_words():
    """Patterns built from sets must not depend on the process's string hashing, or they are never found stored."""
    from lixcheck.search import alternation

    words = ("team", "teamet", "ydelse", "klage", "aktindsigt", "svar", "brev", "sag")
    assert len({alternation(tuple(sorted(words, key=lambda w: w[i % len(w)]))) for i in range(5)}) == 1
    assert alternation(words).startswith("aktindsigt|teamet|ydelse|klage")
