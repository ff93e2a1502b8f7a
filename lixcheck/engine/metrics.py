"""Rule types `metric` (LIX, sentence and paragraph length over a threshold per letter kind) and `require`
(content a letter kind must have). Both use what the analyser has already measured (ctx.lix, ctx.sentences,
ctx.paragraphs); nothing is counted twice.
"""

from __future__ import annotations

import re

from ..readability import count_words
from ..search import prefilter
from ..search.anchored import Anchored, anchored
from ..search.prefilter import Guarded
from .base import Context, Hit, RuleInfo
from .messages import render


def threshold(limits: dict[str, float], kind: str | None) -> float:
    return limits.get(kind or "default", limits["default"])


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() or value >= 10 else f"{value:.1f}"


class MetricRule:
    def __init__(self, info: RuleInfo, measure: str, limits: dict[str, float]):
        self.info = info
        self.measure = measure
        self.limits = limits

    def _hit(self, start: int, end: int, value: float, limit: float) -> Hit:
        return Hit(self.info, start, end, (), render(self.info.message, value=_number(value), max=_number(limit)))

    def run(self, ctx: Context) -> list[Hit]:
        limit = threshold(self.limits, ctx.kind)
        text = ctx.document.text
        hits = []
        if self.measure == "lix":
            value = ctx.lix.value if ctx.lix is not None else None
            counted = [p for p in ctx.paragraphs if p.counted]
            if value is not None and value > limit and counted:
                hits.append(self._hit(counted[0].offset, counted[-1].offset + counted[-1].length, value, limit))
        elif self.measure == "sentence_words":
            for s in ctx.sentences:
                # A sentence has no more words than whitespace-separated tokens, and no more tokens than half its
                # characters (rounded up): most sentences are ruled out before their words are counted.
                if s.counted and (s.end - s.start + 1) // 2 > limit and len(text[s.start:s.end].split()) > limit:
                    words = count_words(text, s.start, s.end)[0]
                    if words > limit:
                        hits.append(self._hit(s.start, _rstrip(text, s.start, s.end), words, limit))
        elif self.measure == "paragraph_words":
            for p in ctx.paragraphs:
                if p.counted and p.lix.words > limit:
                    hits.append(self._hit(p.offset, _rstrip(text, p.offset, p.offset + p.length), p.lix.words, limit))
        return hits


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class RequireRule:
    """Fires once when a letter of one of `kinds` contains none of the `any` expressions (case-insensitive)."""

    def __init__(self, info: RuleInfo, kinds: list[str], expressions: list[str]):
        self.info = info
        self.kinds = set(kinds)
        self.any = [Guarded(re.compile(rx, re.IGNORECASE)) for rx in expressions]
        # One of them matches exactly when their alternation does: searched as one pattern near its strings, when it
        # can be (no back-reference, whose group numbers would change; a shape with known first strings or needles).
        joined = prefilter.joined(expressions) if len(expressions) > 1 else None
        joined = anchored(joined) if joined is not None else None
        self.joined = joined if isinstance(joined, Anchored) else None

    def run(self, ctx: Context) -> list[Hit]:
        if ctx.kind not in self.kinds:
            return []
        text, folded = ctx.document.text, ctx.letter.folded
        if self.joined.found(text, folded) if self.joined is not None else any(
                rx.search(text, folded) for rx in self.any):
            return []
        counted = [p for p in ctx.paragraphs if p.counted] or ctx.paragraphs
        if not counted:
            return []
        first = counted[0]
        return [Hit(self.info, first.offset, _rstrip(text, first.offset, first.offset + first.length), (),
                    render(self.info.message, kind=ctx.kind))]
