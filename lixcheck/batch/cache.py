"""A per-worker cache for template paragraphs: repeated paragraphs are tokenised and lemmatised once.

What is cached, and why it cannot change a result:

* The unit is a *piece*: one block of the document plus the whitespace after it, cut only where the text before the
  cut is whitespace. spaCy's tokenizer never joins text across whitespace, so tokenising the pieces one by one and
  joining their token arrays (ORTH, SPACY) gives exactly the tokens, whitespace and offsets of the whole text.
* Lemmas (``lixcheck_lemmas``) are a function of a token's text alone, so they travel with the cached piece.
* Everything that depends on the rest of the letter is recomputed for every document: sentence boundaries and LIX
  (``analysis.measure`` on the whole document), the sentence marks on the joined Doc, and the *whole* rule set
  (phrase and pattern rules, requirements such as klagevejledning, sender and decision checks, document LIX), through
  the analyser's own ``finish()``. Findings therefore carry the exact offsets of this document.
* The cache is used only when every pipeline component is one of ``TOKEN_LOCAL`` (the embedded Danish stack). A
  trained pipeline (tagger, parser) looks across paragraph borders, so with one the cache steps aside and every
  document goes through ``Analyzer.check`` unchanged.

Keys are BLAKE2 digests of the piece text plus the pipeline identity and rule-set version. A piece is admitted on
its *second* sighting: paragraphs that occur once (names, addresses, CPR numbers in merge fields) are never held
beyond their own document. Both the cache and the seen-set are bounded LRUs.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import numpy
from spacy.attrs import LEMMA, ORTH, SPACY
from spacy.tokens import Doc

from ..analysis import Analyzer, measure
from ..document import Document
from ..model import Report
from ..nlp import pipeline

TOKEN_LOCAL = frozenset({"lixcheck_sentences", "lixcheck_lemmas"})
SENTENCE_COMPONENT = "lixcheck_sentences"


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

    def put(self, key, value) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        while len(self.data) > self.capacity:
            self.data.popitem(last=False)

    def __len__(self) -> int:
        return len(self.data)


class BlockCache:
    """Analyse documents with cached per-paragraph token analysis; results equal ``analyzer.check`` exactly."""

    def __init__(self, analyzer: Analyzer, capacity: int = 20_000):
        self.analyzer = analyzer
        self.nlp = analyzer.nlp
        names = tuple(self.nlp.pipe_names)
        self.enabled = capacity > 0 and set(names) <= TOKEN_LOCAL
        self.reason = None if self.enabled else (
            "cache off" if capacity <= 0 else f"pipeline has context-dependent components: {', '.join(names)}")
        self._token_procs = [(n, p) for n, p in self.nlp.pipeline if n != SENTENCE_COMPONENT]
        self._sentences = dict(self.nlp.pipeline).get(SENTENCE_COMPONENT)
        self._salt = f"{analyzer.pipeline_info.name}|{analyzer.pipeline_info.version}|{analyzer.ruleset.version}|"
        self.docs = LRU(capacity)
        self.seen = LRU(capacity * 8)
        self.lookups = 0
        self.hits = 0

    @property
    def hit_rate(self) -> float | None:
        return self.hits / self.lookups if self.lookups else None

    def stats(self) -> dict:
        return {"lookups": self.lookups, "hits": self.hits, "entries": len(self.docs), "enabled": self.enabled}

    def check(self, document: Document, kind: str | None = None) -> Report:
        if not self.enabled or not document.text.strip() or not document.blocks:
            return self.analyzer.check(document, kind)  # also raises the analyser's own error for empty input
        measured = measure(document, self.analyzer.config)
        doc = self.assemble(document)
        doc.user_data[pipeline.SENTS_KEY] = [s.start for s in measured[0]]
        if self._sentences is not None:
            doc = self._sentences(doc)
        return self.analyzer.finish(document, doc, measured, kind)

    def assemble(self, document: Document) -> Doc:
        """The tokenised, lemmatised Doc of the whole text, built from per-piece token arrays."""
        arrays = [self._piece(p) for p in _pieces(document)]
        arr = numpy.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        strings = self.nlp.vocab.strings
        doc = Doc(self.nlp.vocab, words=[strings[int(o)] for o in arr[:, 0]], spaces=arr[:, 1].astype(bool).tolist())
        doc.from_array([LEMMA], arr[:, 2:3])
        return doc

    def _piece(self, text: str) -> numpy.ndarray:
        """ORTH, SPACY, LEMMA per token of one piece (cached from the second sighting on)."""
        self.lookups += 1
        key = digest(self._salt + text)
        arr = self.docs.get(key)
        if arr is not None:
            self.hits += 1
            return arr
        doc = self.nlp.make_doc(text)
        for _name, proc in self._token_procs:
            doc = proc(doc)
        arr = doc.to_array([ORTH, SPACY, LEMMA])
        if self.seen.get(key) is not None:
            self.docs.put(key, arr)
        else:
            self.seen.put(key, True)
        return arr


def _pieces(document: Document) -> list[str]:
    """The text cut at block starts that follow whitespace; the pieces concatenate to the whole text."""
    text = document.text
    cuts = [0]
    for b in document.blocks:
        if b.start > cuts[-1] and text[b.start - 1].isspace() and not text[b.start].isspace():
            cuts.append(b.start)
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
