"""The tokens and lemmas of lixcheck's own phrase entries, made before run time.

PhraseRules.compile needs the tokens and lookup lemmas of each substitution/existence phrase. Running the pipeline
over the ~530 phrases of the built-in rules, and making a Doc of each for the matchers, was about a twentieth of a
fresh process's first check (benchmarks/cold_start.py). scripts/build_phrases.py parses them once and writes
phrases.json, which ships with lixcheck; a phrase found there is not parsed again.

The file carries a stamp: a hash of what the tokens and lemmas depend on besides the phrase -- the embedded
pipeline's code and data (nlp/pipeline.py, language.py, lemmas.py, data/da.yml), the lemma table's header and
spaCy's version. A file with another stamp is not read at all; a phrase that is not in it (a plugin's, a user's
rule) is parsed as before, and so is every phrase under a trained pipeline (its own tokenizer and lemmatizer).
tests/test_phrase_words.py checks that the file is up to date and that every entry equals a fresh parse.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import spacy

from ..nlp import lemmas

HERE = Path(__file__).resolve().parent
FILE = HERE / "phrases.json"
NLP = HERE.parent / "nlp"
SOURCES = (NLP / "pipeline.py", NLP / "language.py", NLP / "lemmas.py", NLP / "data" / "da.yml")

_table: dict[str, list[list[str]]] | None = None
_lock = threading.Lock()
recorded: dict[str, list[list[str]]] | None = None  # set by the build script: every phrase parsed at run time


def stamp() -> str:
    """What a phrase's tokens and lemmas depend on besides the phrase."""
    digest = hashlib.sha1(f"spaCy {spacy.__version__}".encode())
    for path in SOURCES:
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))  # (a checkout with CRLF line ends too)
    try:
        with open(lemmas.PATH, "rb") as f:
            digest.update(f.read(lemmas._HEADER.size))  # (the table's counts and offsets: the data it was built from)
    except OSError:
        pass
    return digest.hexdigest()


def _load() -> dict[str, list[list[str]]]:
    """The stored phrases, or none when the file is missing, unreadable or made for other code."""
    try:
        data = json.loads(FILE.read_text(encoding="utf-8"))
        if data.get("stamp") != stamp():
            return {}
        return dict(data["phrases"])
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return {}


def table() -> dict[str, list[list[str]]]:
    """Phrase → [its tokens, their lemmas], as the embedded pipeline parses it."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load()
    return _table


def record(phrase: str, words: list[str], lemmas_: list[str]) -> None:
    """Keep a phrase parsed at run time, while the build script records them."""
    if recorded is not None:
        recorded[phrase] = [words, lemmas_]
