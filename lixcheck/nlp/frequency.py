"""How common a Danish word is: Zipf values (log10 of uses per billion words) from wordfreq's Danish list.

The list (nlp/data/wordfreq-da.txt, CC BY-SA 4.0, built by scripts/build_wordfreq.py) holds the ~29,000 word forms
used at least once per million words (Zipf >= 3.0); a word that is not in it is rarer than that and gets 0.0.
It is read on first use (a few ms) and kept for the process.
"""

from __future__ import annotations

import threading
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "wordfreq-da.txt"
FLOOR = 3.0  # the list's lower limit: absent words are rarer than this

_table: dict[str, float] | None = None
_lock = threading.Lock()


def table() -> dict[str, float]:
    """word (lower case) -> Zipf value."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                found: dict[str, float] = {}
                for line in DATA.read_text(encoding="utf-8").splitlines():
                    if line and not line.startswith("#"):
                        zipf, words = line.split("\t")
                        found.update(dict.fromkeys(words.split(" "), float(zipf)))
                _table = found
    return _table


def zipf(word: str) -> float:
    """The Zipf value of a lower-case word form; 0.0 when it is rarer than the list's floor."""
    return table().get(word, 0.0)
