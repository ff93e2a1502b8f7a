"""Reuse of results across the letters of one template: a year of letters is mostly a few thousand texts with other
names, dates and amounts filled in.

* **The key.** Every merge value of a letter (``lixcheck.merge_values.find``: names, dates, amounts, phone, CPR and
  case numbers, e-mail addresses, times, addresses) is replaced by a canonical value of the same kind and shape: the
  same words and punctuation, each name word "Aaaa", digits "1", a month "januar" ("Anne-Marie Holm" → "Aaaa-Aaaa
  Aaaa", "14. september 2025" → "1. januar 1111", "mette.holm@aarhus.dk" → "aaaa@aarhus.dk": the domain names
  the sender and stays, as does a street name's ending and a postal code's town). The key is a digest of that
  *normalised* letter (text, blocks, format, metadata), its given kind, the rule-set version and the configuration.
* **What is kept** is an :class:`Outline` of the normalised letter's Report: what the store keeps (letter flags,
  sender, findings with their places), never text. A letter that takes it gets (:meth:`Outline.row_values`) its
  findings mapped back to its own offsets, lines, columns and text, and its LIX words and long words counted again
  in its own sentences (a name can be a long word), on which the LIX rule decides again.
* **Trust is tested per template, on its own letters** (:class:`Reuse`): the first letter with a key is checked as
  it is. When the second comes, the normalised text is checked, and its outline is kept only where it gives the
  first letter the same row as that letter's own check and every place maps back; the second letter and all after
  it take the kept outline. A key that fails is marked and its letters are checked as they are.
  ``tests/test_batch_reuse.py`` holds the rows of 20,000 generated letters equal to those of checking every letter.
* The cache holds digests and outlines; the letter of a key's first sighting is held in memory (a bounded number
  of them) until the test, never written anywhere. It steps aside for textstat's LIX counting and for a rule set
  whose LIX rule depends on other hits.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass

from .. import merge_values
from ..document import LIST_ITEM, RUNNING_TEXT, Block, Document, line_columns
from ..model import tally
from ..privacy import mask_cpr
from ..readability import count_words, make_lix
from .cache import LRU, digest

_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_WHOLE_KRONER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")


def _word(m: re.Match) -> str:
    """A letter run as "Aaaa"/"aaaa" by its first letter's case; a single letter (an initial) stays one letter."""
    w = m.group()
    if len(w) == 1:
        return "A" if w.isupper() else "a"
    return "Aaaa" if w[0].isupper() else "aaaa"


def _street_word(m: re.Match) -> str:
    """In an address, keep what makes it an address: short words ("Vej", "th", "sal") and a street name's ending."""
    w = m.group()
    if len(w) <= 3:
        return w
    end = merge_values.street_ending(w)
    return _word(m) if end is None else ("A" if w[0].isupper() else "a") + w[len(w) - len(end):]


_FULL_MONTHS = frozenset(("januar februar marts april maj juni juli august september oktober november "
                          "december").split())
_SHORT_RUN = re.compile(r"(?<!\d)\d{1,2}(?!\d)")


def _date(value: str) -> str:
    """"14. september 2025" → "1. januar 1111", "3.5.25" → "1.1.11", "2025-05-03" → "1111-11-11": a day or month
    of one or two digits becomes "1", a full month name "januar", an abbreviated one "jan"."""
    month = _LETTERS.search(value)
    if month:
        value = (value[:month.start()] + ("januar" if month.group().lower() in _FULL_MONTHS else "jan")
                 + value[month.end():])
    if not value[:4].isdigit():  # (an ISO date keeps its two-digit month and day; a year its length)
        value = _SHORT_RUN.sub("1", value, count=1 if month else 2)
    return _DIGIT.sub("1", value)


def canonical(kind: str, value: str) -> str:
    """The canonical value of a merge value of ``kind``: the same shape, nothing of the person or the case."""
    if kind == "name":
        return _LETTERS.sub(_word, value)
    if kind == "email":
        at = value.index("@")
        return "aaaa" + value[at:]
    if kind == "date":
        return _date(value)
    if kind == "address":
        return _DIGITS.sub("1", _LETTERS.sub(_street_word, value))
    if kind == "time":  # "9.30", "13.30" → "1.11"
        return _DIGIT.sub("1", _SHORT_RUN.sub("1", value, count=1))
    if kind == "phone" and sum(c.isdigit() for c in value) > 8:  # the country code (+45) stays
        at = value.index("45") + 2
        return value[:at] + _DIGIT.sub("1", value[at:])
    if kind == "amount":  # "12.500", "950", "1.250,50" → "1", "1", "1,11": whatever its length
        return _DIGIT.sub("1", _WHOLE_KRONER.sub("1", value, count=1))
    return _DIGIT.sub("1", value)  # digit by digit (a number of eight digits can be a phone number); a town stays


@dataclass(frozen=True, slots=True)
class Normalised:
    """A letter with its merge values replaced by canonical values; ``values`` are (start, end) in the letter,
    ``spans`` the canonical values' (start, end) in ``text``, in the same order."""

    text: str
    values: tuple[tuple[int, int], ...]
    spans: tuple[tuple[int, int], ...]
    bounds: tuple[int, ...]  # start and end of each block of the letter, in ``text``

    def document(self, letter: Document) -> Document:
        """The letter's Document with this text."""
        b = self.bounds
        blocks = [Block(x.kind, b[2 * i], b[2 * i + 1], x.source, x.meta) for i, x in enumerate(letter.blocks)]
        return Document(self.text, blocks, letter.format, letter.meta)

    def to_original(self, offset: int, end: bool = False) -> int:
        """The letter's offset for an offset in the normalised text; inside a canonical value, its value's start
        (or its end, for the end of a span)."""
        i = bisect.bisect_right(self.spans, (offset, float("inf"))) - 1
        if i < 0:
            return offset
        (vs, ve), (s, e) = self.values[i], self.spans[i]
        if offset >= e:
            return ve + offset - e
        if offset == s:
            return vs
        return ve if end else vs


def normalise(document: Document, found: list[merge_values.MergeValue] | None = None) -> Normalised | None:
    """The document's text with canonical merge values (``found``: merge_values.find(document.text) when the
    caller has it), or None when it has none to replace."""
    text = document.text
    blocks = document.blocks
    cuts = sorted({b.start for b in blocks} | {b.end for b in blocks})
    parts, values, spans = [], [], []
    pos = length = 0
    for v in merge_values.find(text) if found is None else found:
        if "\n" in text[v.start:v.end] or "\r" in text[v.start:v.end]:
            continue
        k = bisect.bisect_right(cuts, v.start)
        if k < len(cuts) and cuts[k] < v.end:
            continue  # a block starts or ends inside it
        value = text[v.start:v.end]
        new = canonical(v.kind, value)
        if new == value:
            continue
        parts.append(text[pos:v.start])
        length += v.start - pos
        parts.append(new)
        values.append((v.start, v.end))
        spans.append((length, length + len(new)))
        length += len(new)
        pos = v.end
    if not values:
        return None
    parts.append(text[pos:])
    # Block borders in the new text: shifted by what the values that end before them changed (none spans a border)
    bounds = []
    i = shift = 0
    for offset in [o for b in blocks for o in (b.start, b.end)]:
        while i < len(values) and values[i][1] <= offset:
            shift += (spans[i][1] - spans[i][0]) - (values[i][1] - values[i][0])
            i += 1
        bounds.append(offset + shift)
    return Normalised("".join(parts), tuple(values), tuple(spans), tuple(bounds))


def _key(letter: Document, normalised: Normalised | None, kind: str | None, identity: str) -> bytes:
    """Everything the checks read of the checked text: text, blocks, format, metadata (the file name aside), and
    the given kind."""
    meta = {k: v for k, v in letter.meta.items() if k != "filename"}
    head = json.dumps(meta, ensure_ascii=False, sort_keys=True, default=repr) if meta else ""
    if normalised is None:
        text, bounds, spans = letter.text, [o for b in letter.blocks for o in (b.start, b.end)], ""
    else:  # (where the canonical values are: a letter that has "1 kr." written shares no key with one made so)
        text, bounds = normalised.text, normalised.bounds
        spans = ";".join(f"{s},{e}" for s, e in normalised.spans)
    blocks = "|".join(f"{b.kind},{bounds[2 * i]},{bounds[2 * i + 1]},{b.source}" for i, b in enumerate(letter.blocks))
    return digest(f"{identity}\n{kind}\n{letter.format}\n{head}\n{blocks}\n{spans}\n{text}")


@dataclass(frozen=True, slots=True)
class Outline:
    """What the store keeps of a Report, in the offsets of the text that was checked."""

    format: str | None
    kind: str | None
    date: str | None
    sender: str | None  # from the report (the item's own sender wins in the row)
    lix: tuple  # (value, band, words, sentences, long_words)
    counted: tuple[tuple[int, int, bool], ...]  # counted sentences with merge values (start, end, list item)
    fixed: tuple[int, int]  # words and long words of the other counted sentences
    min_words: int
    is_decision: int | None
    klagevejledning: int | None
    sender_clear: int | None
    findings: tuple[tuple, ...]  # (rule, severity, category, start, end, block, whole)
    lix_rules: tuple[tuple, ...]  # (rule, severity, category, limit for this kind) of the rules on the letter's LIX
    lix_place: tuple | None  # (start, end, block, whole) where such a rule reports: the counted paragraphs

    def row_values(self, text: str, normalised: Normalised | None, max_text: int, mask) -> dict:
        """The row's fields for the letter ``text`` (``normalised``: how the checked text was made from it)."""
        findings = self.findings
        if normalised is None:
            to_start = to_end = None
            lix = self.lix
        else:
            to_start = normalised.to_original

            def to_end(o):
                return normalised.to_original(o, end=True)

            words, long_words = self.fixed
            for s, e, list_item in self.counted:
                w, lw = count_words(text, to_start(s), to_end(e), list_item=list_item)
                words += w
                long_words += lw
            new = make_lix(words, self.lix[3], long_words, min_words=self.min_words)
            lix = (new.value, new.band, new.words, new.sentences, new.long_words)
            if self.lix_rules and lix != self.lix:  # the LIX rules decide on the letter's own LIX
                ids = {r[0] for r in self.lix_rules}
                findings = [f for f in findings if f[0] not in ids]
                if new.value is not None and self.lix_place is not None:
                    findings += [(rule, severity, category, *self.lix_place)
                                 for rule, severity, category, limit in self.lix_rules if new.value > limit]
                findings.sort(key=lambda f: (f[3], f[4], f[0]))
        masked = None
        rows = []
        places = [f[3:5] for f in findings] if to_start is None else [(to_start(f[3]), to_end(f[4])) for f in findings]
        for (rule, severity, category, _s, _e, block, whole), (start, end), (line, column) in zip(
                findings, places, line_columns(text, [s for s, _ in places]), strict=True):
            shown = None
            if end - start <= max_text and not whole:
                shown = text[start:end]
                if _DIGIT.search(shown):  # (the CPR mask changes digits only: a text without any is as it is)
                    if masked is None:
                        masked = mask_cpr(text)  # as the Report carries it
                    shown = masked[start:end]
                shown = mask(shown)
            rows.append((rule, severity, category, start, end - start, line, column, block, shown))
        return {"lix": lix, "findings": len(rows), "summary": tally(f[:3] for f in findings), "finding_rows": rows}


def _flag(value) -> int | None:
    if isinstance(value, dict):
        value = value.get("present", value.get("value"))
    if value is None:
        return None
    return int(bool(value))


def report_sender(report) -> str | None:
    for value in ((report.sections.get("sender") or {}).get("organisation"), report.meta.get("sender")):
        if isinstance(value, dict):
            value = value.get("label") or value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()[:200]
    return None


def outline(report, spans: tuple = (), min_words: int = 0, lix_rules=None) -> Outline:
    """The Outline of a Report. For the report of a normalised letter, ``spans`` (where its canonical values are),
    ``min_words`` and ``lix_rules`` (kind → (rule, severity, category, limit) of the rules on the letter's LIX) give
    what a letter needs to count its own LIX and let those rules decide again; a letter's own report needs none of
    it (its row takes the report's LIX as it is)."""
    letter = report.sections.get("letter") or {}
    date = report.meta.get("date") or report.meta.get("created")
    kind = report.meta.get("kind")
    counted = []
    words = long_words = 0
    place = None
    if spans:
        first_in_list = set()
        starts = [a for a, _ in spans]
        for s in report.sentences:
            if s.counted and s.kind in RUNNING_TEXT:
                list_item = s.kind == LIST_ITEM and s.block not in first_in_list
                if list_item:
                    first_in_list.add(s.block)
                end = s.offset + s.length
                i = bisect.bisect_left(starts, end) - 1  # the last value that starts before the sentence ends
                if i >= 0 and spans[i][1] > s.offset:
                    counted.append((s.offset, end, list_item))
                else:
                    words += s.lix.words
                    long_words += s.lix.long_words
        paragraphs = [p for p in report.paragraphs if p.counted]
        if paragraphs:  # as the metric rule reports it: from the first counted paragraph to the end of the last
            start, end = paragraphs[0].offset, paragraphs[-1].offset + paragraphs[-1].length
            place = (start, end, paragraphs[0].block, _whole(start, end, report))
    lix = report.lix
    return Outline(
        format=report.meta.get("format"), kind=kind, date=str(date)[:10] if date else None,
        sender=report_sender(report), lix=(lix.value, lix.band, lix.words, lix.sentences, lix.long_words),
        counted=tuple(counted), fixed=(words, long_words), min_words=min_words,
        is_decision=_flag(letter.get("is_decision")), klagevejledning=_flag(letter.get("klagevejledning")),
        sender_clear=_flag((report.sections.get("sender") or {}).get("clear")),
        findings=tuple((f.rule, f.severity, f.category, f.offset, f.offset + f.length, f.block,
                        _whole(f.offset, f.offset + f.length, report)) for f in report.findings),
        lix_rules=lix_rules(kind) if spans and lix_rules is not None else (),
        lix_place=place)


def _whole(start: int, end: int, report) -> bool:
    """Does the span cover a whole sentence or paragraph of the letter?"""
    for spans in (report.sentences, report.paragraphs):
        i = bisect.bisect_left(spans, start, key=lambda s: s.offset)
        if i < len(spans) and spans[i].offset + spans[i].length <= end and spans[i].length > 0:
            return True
    return False


_EXACT = "exact"  # the mark of a key whose letters are checked as they are (see Reuse)


def mappable(o: Outline, normalised: Normalised) -> bool:
    """Can the outline's places be mapped back to the letter? Not when a finding, a counted sentence or the LIX
    rules' place starts or ends inside a canonical value (a rule that matched part of a date, say)."""
    inside = set()
    for s, e in normalised.spans:
        inside.update(range(s + 1, e))
    if not inside:
        return True
    places = [f[3:5] for f in o.findings] + [c[:2] for c in o.counted] + ([o.lix_place[:2]] if o.lix_place else [])
    return not any(s in inside or e in inside for s, e in places)


class Reuse:
    """Outlines of letters, checked through a paragraph cache (lixcheck.batch.cache.BlockCache), reused across
    letters whose normalised text is the same.

    A key is trusted only after a test on a letter of its own: the first letter with a key is checked as it is and
    held; at the second, the normalised text is checked, and its outline is kept only where it gives the first letter
    the same row as the first letter's own check (and the places map back); the second letter and those after it
    take the kept outline. So a key costs two checks, not three. Where the first letter was let go (more new keys
    than ``first`` holds), the second is checked as it is and as its normalised text, and the third reuses. A key
    that fails is marked, and its letters are checked as they are. So a letter seen once (a letter written by hand)
    always gets its own check, and a template whose merge values the rules read differently (a unit's name taken
    for a person's) is never reused. ``capacity`` 0: every letter is checked as it is."""

    def __init__(self, blocks, capacity: int):
        self.blocks = blocks
        checker = blocks.checker
        self.checker = checker
        self.min_words = checker.config.min_words
        self._rules = checker.lix_rules()
        self._limits: dict[str | None, tuple] = {}  # letter kind → lix_rules with that kind's limits
        # Off where a letter's own LIX would not decide the LIX rules alone, and for textstat's counting
        self.enabled = capacity > 0 and checker.config.lix_mode != "textstat" and self._rules is not None
        self.identity = f"{checker.rules_version}|{checker.config.key()}"
        self.outlines = LRU(capacity)
        self.seen = LRU(capacity * 8)
        # The first letter of each recent key (its Document, how it normalises, its own Outline), held in memory
        # only, until the key's second letter comes: the test runs on it. Fewer than the keys seen, for memory
        self.first = LRU(max(1, capacity // 16))
        self.lookups = 0
        self.reused = 0
        self.refused = 0  # keys whose test failed

    def _exact(self, document: Document, kind: str | None) -> Outline:
        return outline(self.blocks.check(document, kind))

    def _lix_rules(self, kind: str | None) -> tuple:
        found = self._limits.get(kind)
        if found is None:
            found = self._limits[kind] = tuple((rid, severity, category, self.checker.threshold(rid, kind))
                                               for rid, severity, category in self._rules)
        return found

    def _learn(self, key: bytes, document: Document, normalised: Normalised | None, kind: str | None,
               exact: Outline) -> Outline | str:
        """Test the key on one letter checked as it is (``exact``): keep the normalised text's outline if it gives
        that letter the same row and its places map back, else mark the key _EXACT. Returns what is kept."""
        if normalised is None:
            kept = exact  # the same text again
        else:
            candidate = outline(self.blocks.check(normalised.document(document), kind), normalised.spans,
                                self.min_words, self._lix_rules)
            same = (mappable(candidate, normalised)
                    and candidate.row_values(document.text, normalised, len(document.text), str)
                    == exact.row_values(document.text, None, len(document.text), str))
            kept = candidate if same else _EXACT
            self.refused += not same
        self.outlines.put(key, kept)
        return kept

    def check(self, document: Document, kind: str | None) -> tuple[Outline, Normalised | None, list | None]:
        """The letter's Outline, how the text it is for was made from the letter (None: the letter itself), and the
        letter's merge values (merge_values.find; None when reuse is off), which template discovery needs too."""
        if not self.enabled:
            return self._exact(document, kind), None, None
        found = merge_values.find(document.text)
        normalised = normalise(document, found)
        key = _key(document, normalised, kind, self.identity)
        self.lookups += 1
        kept = self.outlines.get(key)
        if kept is None:
            first = self.first.pop(key)
            if first is None:
                exact = self._exact(document, kind)
                if self.seen.get(key) is None:  # the first letter: checked as it is, kept for the test
                    self.seen.put(key, True)
                    self.first.put(key, (document, normalised, exact))
                else:  # (the first letter was let go: the test runs on this one)
                    self._learn(key, document, normalised, kind, exact)
                return exact, None, found
            letter, how, exact = first  # the second letter: the test runs on the first, this one takes the result
            kept = self._learn(key, letter, how, kind, exact)
        if kept is _EXACT:
            return self._exact(document, kind), None, found
        self.reused += 1
        return kept, normalised, found
