"""A per-worker cache for template paragraphs: repeated paragraphs are tokenised and lemmatised once.

What is cached, and why it cannot change a result:

* The unit is a *piece*: one block of the document plus the whitespace after it, cut only where the text before the
  cut is whitespace. spaCy's tokenizer never joins text across whitespace, so tokenising the pieces one by one and
  joining their token arrays (ORTH, SPACY) gives exactly the tokens, whitespace and offsets of the whole text.
* Lemmas (``lixcheck_lemmas``) are a function of a token's text alone, so they travel with the cached piece.
* Everything that depends on the rest of the letter is recomputed for every document: sentence boundaries and LIX
  (on the whole document), the sentence marks on the joined Doc, and the *whole* rule set (phrase and pattern rules,
  requirements such as klagevejledning, sender and decision checks, document LIX), through ``check_document``.
  Findings therefore carry the exact offsets of this document.
* The cache goes through the Checker's documented hook (``Checker.token_stage()``, see lixcheck.analysis.TokenStage):
  it exists only for the embedded Danish stack. A trained pipeline (tagger, parser) looks across paragraph borders,
  so with one the cache steps aside and every document is checked as a whole.

Keys are BLAKE2 digests of the piece text plus the pipeline identity and rule-set version. A piece is admitted on
its *second* sighting: paragraphs that occur once (names, addresses, CPR numbers in merge fields) are never held
beyond their own document. Both the cache and the seen-set are bounded LRUs.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from ..checker import Checker
from ..model import Report


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class LRU:
    def __init__(self, capacity: int):
        self.capacity = max(0, capacity)
        self.data: OrderedDict = OrderedDict()

    def get(self, key):
        value = self.data.get(key)
        if value is not None:
            self.data.move_to_end(key)
        return value

    def pop(self, key):
        return self.data.pop(key, None)

    def put(self, key, value) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        while len(self.data) > self.capacity:
            self.data.popitem(last=False)

    def __len__(self) -> int:
        return len(self.data)


class BlockCache:
    """Check documents with cached per-paragraph token analysis; results equal ``checker.check_document`` exactly."""

    def __init__(self, checker: Checker, capacity: int = 20_000):
        self.checker = checker
        self.stage = checker.token_stage() if capacity > 0 else None
        self.enabled = self.stage is not None
        self.reason = None if self.enabled else (
            "cache off" if capacity <= 0 else "the pipeline has components that look across paragraphs")
        self.docs = LRU(capacity)
        self.seen = LRU(capacity * 8)
        self.lookups = 0
        self.hits = 0

    @property
    def hit_rate(self) -> float | None:
        return self.hits / self.lookups if self.lookups else None

    def stats(self) -> dict:
        return {"lookups": self.lookups, "hits": self.hits, "entries": len(self.docs), "enabled": self.enabled}

    def check(self, document, kind: str | None = None) -> Report:
        if not self.enabled or not document.text.strip() or not document.blocks:
            return self.checker.check_document(document, kind=kind)  # (also gives the error for empty input)
        doc = self.stage.join([self._piece(p) for p in _pieces(document)])
        return self.checker.check_document(document, kind=kind, doc=doc)

    def _piece(self, text: str):
        """ORTH, SPACY, LEMMA per token of one piece (cached from the second sighting on)."""
        self.lookups += 1
        key = digest(self.stage.identity + text)
        arr = self.docs.get(key)
        if arr is not None:
            self.hits += 1
            return arr
        arr = self.stage.arrays(text)
        if self.seen.get(key) is not None:
            self.docs.put(key, arr)
        else:
            self.seen.put(key, True)
        return arr


def _pieces(document) -> list[str]:
    """The text cut at block starts that follow whitespace; the pieces concatenate to the whole text."""
    text = document.text
    cuts = [0]
    for b in document.blocks:
        if b.start > cuts[-1] and text[b.start - 1].isspace() and not text[b.start].isspace():
            cuts.append(b.start)
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
