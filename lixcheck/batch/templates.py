"""Template discovery: which letters of a batch come from the same template, found without any template id.

Two letters from one template share their text except the merge values (names, dates, amounts …) and the optional
paragraphs. So:

1. **Sign** (in the workers, beside the check): the letter's merge values are masked (lixcheck.merge_values), the
   masked text is cut into 3-grams of its whitespace-separated words ("shingles"), and a MinHash signature
   (datasketch, 64 permutations) sums the set of shingles up in 256 bytes: the share of equal positions in two
   signatures estimates the Jaccard similarity of the two letters' shingle sets.
2. **Group** (in the parent, the store's only writer, letter by letter in input order): a locality-sensitive hash
   index (BandIndex: the bands of datasketch's MinHashLSH) over the *prototypes* of the templates found so far
   proposes candidates; the letter joins the template of its most similar prototype when the estimated similarity is
   at least JOIN, and otherwise starts a new template with itself as prototype. A letter that joins with a
   similarity under NOVEL (another choice of optional paragraphs, say) becomes one more prototype of its template (at
   most MAX_PROTOTYPES), so that the next letter with the same choice finds a close match.

Grouping in input order makes it deterministic: the local and the Dask engine give the same templates, and the store
holds the prototypes' signatures (``template_prototypes``), so a resumed run rebuilds the index and groups the rest as
an uninterrupted run would have done. Memory stays flat: templates with two letters or more keep their prototypes
(a few thousand templates × MAX_PROTOTYPES), and a letter that nobody has joined is dropped from the index after
WINDOW further letters (a free-written letter stays alone; a template that sends fewer than one letter in WINDOW
may be split).

**The representative letter.** A template's second letter is its candidate representative; the next CONFIRM letters of
the template are aligned with it word by word, and only the words that at least one of them has at the same place
are kept: everything else becomes «…». So the stored representative holds the masked template text that two letters
share, never a name or sentence that only one letter has. It is stored once per template (table ``templates``),
which is what ``lixcheck report`` shows; nothing else of the letters is stored. A template of two letters has no
representative (nothing confirms it). Pending candidates live in memory only: after an interruption, a template
whose representative was not yet confirmed takes it from its next letters.
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from ..merge_values import mask
from .cache import LRU, digest

NUM_PERM = 64  # MinHash permutations: 256 bytes per signature; similarity estimated ±0.06 around 0.5
SEED = 1
SHINGLE = 3  # words per shingle
LSH_THRESHOLD = 0.5  # the index proposes prototypes from about this similarity on
JOIN = 0.65  # estimated Jaccard similarity with a template's nearest prototype to join it
NOVEL = 0.85  # a letter that joins with less becomes another prototype of its template
MAX_PROTOTYPES = 8
WINDOW = 20_000  # letters after which a template that nobody joined leaves the index
CONFIRM = 4  # letters that confirm a representative, word by word
# Everything the grouping depends on: stored in the store's meta; a store grouped with other settings is not
# continued (its letters keep their templates; new letters get none, and the report says so).
SETTINGS = {"version": 1, "num_perm": NUM_PERM, "seed": SEED, "shingle": SHINGLE, "lsh": LSH_THRESHOLD,
            "join": JOIN, "novel": NOVEL, "max_prototypes": MAX_PROTOTYPES, "window": WINDOW}

_TOKENS = re.compile(r"«[^»]*»|\w+|[^\w\s]")  # words, placeholders and punctuation, for aligning letters
_M1, _M2 = np.uint32(0x9E3779B1), np.uint32(0x85EBCA77)  # odd multipliers that mix three word hashes into one


# MurmurHash3's 32-bit finalizer, as datasketch's "affine32" scheme applies it to each input hash before permuting.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of datasketch's MinHash(num_perm, seed, scheme="affine32"): odd a, any b, drawn in its order from
    numpy's RandomState(seed). (tests/test_templates.py holds this equal to datasketch's own.)"""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


class Signer:
    """Worker side: a letter's text → (MinHash signature as bytes, masked text). Deterministic across processes and
    machines (word hashes are CRC-32, not Python's salted hash). The signature is the hash values of datasketch's
    ``MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")`` after ``update_batch(shingles)``,
    computed here with numpy alone: a worker needs neither a MinHash object per letter nor datasketch's import
    (SciPy; 0.4 s per worker)."""

    def __init__(self, capacity: int = 20_000):
        a, b = permutations()
        self._a, self._b = a.reshape(1, -1), b.reshape(1, -1)
        self._empty = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32).tobytes()
        self._signed = LRU(capacity)  # signature per masked text: a template's letters mask alike

    def sign(self, text: str, masked: str | None = None) -> tuple[bytes, str]:
        """``masked``: mask(text).text when the caller has it already."""
        if masked is None:
            masked = mask(text).text
        key = digest(masked)
        signature = self._signed.get(key)
        if signature is None:
            signature = self._sign(masked)
            self._signed.put(key, signature)
        return signature, masked

    def _sign(self, masked: str) -> bytes:
        words = masked.lower().split()  # (punctuation stays on its word: the same in every letter of a template)
        h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint32, count=len(words))
        if len(h) >= SHINGLE:
            shingles = h[:-2] * _M1 + h[1:-1] * _M2 + h[2:]
        else:
            shingles = h
        if not len(shingles):
            return self._empty
        s1, m1, s2, m2, s3 = _FMIX32
        hv = shingles ^ (shingles >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = (hv ^ (hv >> s3)).reshape(-1, 1)
        return (hv * self._a + self._b).min(axis=0).tobytes()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal positions."""
    return float(np.count_nonzero(a == b)) / len(a)


# The bands of datasketch's MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM): BANDS bands of ROWS hash values
# each, its optimal (b, r) for equal false-positive and false-negative weights (tests/test_templates.py holds them
# equal). Two signatures are candidates when one band is equal in both.
BANDS, ROWS = 14, 4


class BandIndex:
    """The locality-sensitive hash index over signatures (bytes): per band, a dict from the band's bytes to the keys
    that have it. It proposes the same candidates as datasketch's MinHashLSH with the same bands, without numpy work
    per query: a band's key is a slice of the signature's bytes."""

    def __init__(self):
        self._bands: list[dict[bytes, list[int]]] = [{} for _ in range(BANDS)]
        self._slices = [slice(4 * ROWS * i, 4 * ROWS * (i + 1)) for i in range(BANDS)]
        self._keys: dict[int, bytes] = {}
        self._whole: dict[bytes, list[int]] = {}  # signature → the keys that have all of it

    def insert(self, key: int, signature: bytes) -> None:
        self._keys[key] = signature
        self._whole.setdefault(signature, []).append(key)
        for band, cut in zip(self._bands, self._slices, strict=True):
            band.setdefault(signature[cut], []).append(key)

    def equal(self, signature: bytes) -> list[int] | None:
        """The keys whose signature is this one (similarity 1), if any."""
        return self._whole.get(signature)

    def remove(self, key: int) -> None:
        signature = self._keys.pop(key)
        same = self._whole[signature]
        same.remove(key)
        if not same:
            del self._whole[signature]
        for band, cut in zip(self._bands, self._slices, strict=True):
            part = signature[cut]
            keys = band[part]
            keys.remove(key)
            if not keys:
                del band[part]

    def query(self, signature: bytes) -> set[int]:
        found: set[int] = set()
        for band, cut in zip(self._bands, self._slices, strict=True):
            keys = band.get(signature[cut])
            if keys:
                found.update(keys)
        return found

    def __len__(self) -> int:
        return len(self._keys)


@dataclass
class _Candidate:
    """A template's candidate representative, being confirmed word by word (in memory only)."""

    text: str
    spans: list[tuple[int, int]]  # the words of ``text``
    words: list[str]
    confirmed: list[bool]
    doc_id: str
    ordinal: int
    letters: int = 0  # letters that have confirmed it so far


def _words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    spans, words = [], []
    for m in _TOKENS.finditer(text):
        spans.append(m.span())
        words.append(m.group())
    return spans, words


def confirm(candidate: _Candidate, other: str) -> None:
    """Mark the candidate's words that ``other`` has at the same place (difflib's longest matching blocks)."""
    words = _TOKENS.findall(other)  # (the words of _words(), without their spans)
    matcher = SequenceMatcher(None, candidate.words, words, autojunk=False)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            candidate.confirmed[i] = True
    candidate.letters += 1


def representative(candidate: _Candidate) -> str:
    """The candidate's text with every run of unconfirmed words (within a line) replaced by «…»."""
    text = candidate.text
    out = []
    pos = 0
    i = 0
    n = len(candidate.spans)
    while i < n:
        if candidate.confirmed[i]:
            i += 1
            continue
        start = candidate.spans[i][0]
        j = i
        # extend the run over unconfirmed words separated only by spaces or tabs
        while j + 1 < n and not candidate.confirmed[j + 1] \
                and "\n" not in text[candidate.spans[j][1]:candidate.spans[j + 1][0]]:
            j += 1
        out.append(text[pos:start])
        out.append("«…»")
        pos = candidate.spans[j][1]
        i = j + 1
    out.append(text[pos:])
    return "".join(out)


@dataclass
class Events:
    """What grouping one shard produced for the store (written in the shard's transaction)."""

    prototypes: list[tuple[int, int, int, bytes]] = field(default_factory=list)  # key, cluster, ordinal, signature
    templates: list[tuple[int, str, int, str]] = field(default_factory=list)  # cluster, text, letters, doc id


class Grouper:
    """Parent side: assigns each letter a template cluster id, in input order (see the module docstring).
    ``clean``: applied to a masked letter before it becomes or confirms a representative (the batch runner masks CPR
    numbers here, as a safety net, only for the few letters per template that are used)."""

    def __init__(self, clean: Callable[[str], str] | None = None):
        self._clean = clean
        self._lsh = BandIndex()
        self.ordinal = 0  # letters grouped so far (in this store)
        self.next_cluster = 1
        self.next_key = 1
        self._proto: dict[int, tuple[int, np.ndarray]] = {}  # key → (cluster, signature)
        self._by_cluster: dict[int, list[int]] = {}  # cluster → prototype keys (clusters in the index only)
        self._multi: set[int] = set()  # clusters with two letters or more
        self._alone: deque[tuple[int, int]] = deque()  # (ordinal, cluster) of one-letter clusters, oldest first
        self._has_representative: set[int] = set()
        self._candidates: dict[int, _Candidate] = {}
        self._candidate_order: deque[tuple[int, int]] = deque()  # (ordinal, cluster)

    # -- state ----------------------------------------------------------------------------------------------------
    def restore(self, ordinal: int, next_cluster: int, prototypes: Iterable[tuple[int, int, int, bytes]],
                multi: set[int], with_representative: Iterable[int]) -> None:
        """Continue from a store: ``prototypes`` (key, cluster, ordinal, signature) of the clusters in ``multi`` and
        of one-letter clusters from the last WINDOW letters, in key order."""
        self.ordinal = ordinal
        self.next_cluster = next_cluster
        self._multi = set(multi)
        self._has_representative = set(with_representative)
        for key, cluster, proto_ordinal, signature in prototypes:
            self._insert(key, cluster, bytes(signature), np.frombuffer(signature, dtype=np.uint32))
            self.next_key = max(self.next_key, key + 1)
            if cluster not in self._multi:
                self._alone.append((proto_ordinal, cluster))

    def _insert(self, key: int, cluster: int, signature: bytes, sig: np.ndarray) -> None:
        self._proto[key] = (cluster, sig)
        self._by_cluster.setdefault(cluster, []).append(key)
        self._lsh.insert(key, signature)

    def _evict(self) -> None:
        """Drop one-letter clusters older than WINDOW letters, and candidates nobody confirmed for as long."""
        cut = self.ordinal - WINDOW
        while self._alone and self._alone[0][0] < cut:
            _o, cluster = self._alone.popleft()
            if cluster in self._multi:
                continue
            for key in self._by_cluster.pop(cluster, ()):
                self._proto.pop(key, None)
                self._lsh.remove(key)
        while self._candidate_order and self._candidate_order[0][0] < cut:
            _o, cluster = self._candidate_order.popleft()
            candidate = self._candidates.get(cluster)
            if candidate is not None and candidate.ordinal < cut:
                del self._candidates[cluster]

    # -- grouping -------------------------------------------------------------------------------------------------
    def assign(self, signature: bytes, masked: str, doc_id: str, events: Events) -> int:
        """The template cluster of the next letter (in input order)."""
        self._evict()
        sig = np.frombuffer(signature, dtype=np.uint32)
        best, best_sim = None, -1.0
        same = self._lsh.equal(signature)
        if same:  # (most letters: their template's text masks alike; no other prototype can be more similar)
            best, best_sim = min(self._proto[key][0] for key in same), 1.0
        elif keys := self._lsh.query(signature):
            protos = [self._proto[key] for key in keys]
            # the similarity with every candidate in one comparison (as similarity() computes it, one by one)
            equal = (np.stack([other for _c, other in protos]) == sig).sum(axis=1)
            for (cluster, _other), n in zip(protos, equal.tolist(), strict=True):
                s = n / NUM_PERM
                if s > best_sim or (s == best_sim and cluster < best):
                    best, best_sim = cluster, s
        ordinal = self.ordinal
        self.ordinal += 1
        if best is None or best_sim < JOIN:
            cluster = self.next_cluster
            self.next_cluster += 1
            self._new_prototype(cluster, ordinal, signature, sig, events)
            self._alone.append((ordinal, cluster))
            return cluster
        cluster = best
        self._multi.add(cluster)
        if best_sim < NOVEL and len(self._by_cluster.get(cluster, ())) < MAX_PROTOTYPES:
            self._new_prototype(cluster, ordinal, signature, sig, events)
        self._represent(cluster, masked, doc_id, ordinal, events)
        return cluster

    def _new_prototype(self, cluster: int, ordinal: int, signature: bytes, sig: np.ndarray, events: Events) -> None:
        key = self.next_key
        self.next_key += 1
        self._insert(key, cluster, signature, sig)
        events.prototypes.append((key, cluster, ordinal, signature))

    def _represent(self, cluster: int, masked: str, doc_id: str, ordinal: int, events: Events) -> None:
        if cluster in self._has_representative:
            return
        if self._clean is not None:
            masked = self._clean(masked)
        candidate = self._candidates.get(cluster)
        if candidate is None:
            spans, words = _words(masked)
            self._candidates[cluster] = _Candidate(masked, spans, words, [False] * len(words), doc_id, ordinal)
            self._candidate_order.append((ordinal, cluster))
            return
        confirm(candidate, masked)
        if candidate.letters >= CONFIRM:
            self._finish(cluster, events)

    def _finish(self, cluster: int, events: Events) -> None:
        candidate = self._candidates.pop(cluster)
        self._has_representative.add(cluster)
        events.templates.append((cluster, representative(candidate), candidate.letters + 1, candidate.doc_id))

    def finish(self, events: Events) -> None:
        """At the end of a run: store the representatives that at least one other letter has confirmed."""
        for cluster in sorted(self._candidates):
            if self._candidates[cluster].letters >= 1:
                self._finish(cluster, events)

    @property
    def in_memory(self) -> int:
        """Prototypes in the index (for measuring that memory stays flat)."""
        return len(self._proto)


def group(texts: Iterable[str]) -> Iterator[int]:
    """Template cluster ids for texts in order, in one process (for tests and benchmarks: the batch runner signs
    in its workers and groups in its parent)."""
    signer, grouper = Signer(), Grouper()
    events = Events()
    for i, text in enumerate(texts):
        signature, masked = signer.sign(text)
        yield grouper.assign(signature, masked, str(i), events)


def agreement(truth: list, found: list) -> dict[str, float]:
    """How well a grouping ``found`` agrees with the true one (labels per letter; a None truth label is a letter
    of its own): the adjusted Rand index (Hubert & Arabie 1985) and purity (the share of letters whose found group's
    most common true label is their own)."""
    from collections import Counter
    from math import comb

    truth = [t if t is not None else ("free", i) for i, t in enumerate(truth)]
    n = len(truth)
    pairs = Counter(zip(truth, found, strict=True))
    a = Counter(truth)
    b = Counter(found)
    index = sum(comb(v, 2) for v in pairs.values())
    sum_a = sum(comb(v, 2) for v in a.values())
    sum_b = sum(comb(v, 2) for v in b.values())
    total = comb(n, 2)
    expected = sum_a * sum_b / total if total else 0.0
    maximum = (sum_a + sum_b) / 2
    ari = 1.0 if maximum == expected else (index - expected) / (maximum - expected)
    majority: dict = {}
    for (_t, f), v in pairs.items():
        majority[f] = max(majority.get(f, 0), v)
    purity = sum(majority.values()) / n if n else 1.0
    return {"ari": ari, "purity": purity, "groups": len(b), "true_groups": len(a)}
