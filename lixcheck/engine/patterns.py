"""Rule type `pattern`: spaCy Matcher token patterns from the rule file, all rules in one Matcher (one pass)."""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher

from ..errors import ConfigError
from ..nlp.pipeline import column
from .base import Hit, RuleInfo
from .messages import render

_EXPAND_MAX = 16  # alternatives of one pattern: beyond this the set predicate stays


def _plain_first(pattern) -> list:
    """``pattern``, with a first token {"ORTH": {"IN": [...]}} (or TEXT, LOWER, NORM, LEMMA) written as one pattern
    per value: the same matches. spaCy's Matcher tries every pattern's first token at every token of a letter, and a
    set predicate there is a Python call each time (most of the Matcher's cost), a plain value a comparison in C.
    A first token with an operator ("?", "*" …) or anything unusual is left as it is."""
    first = pattern[0] if isinstance(pattern, list) and pattern else None
    if not isinstance(first, dict) or "OP" in first:
        return [pattern]
    alternatives = [{}]
    for attr, spec in first.items():
        values = spec.get("IN") if isinstance(spec, dict) and len(spec) == 1 else None
        if (attr.upper() not in ("ORTH", "TEXT", "LOWER", "NORM", "LEMMA") or not isinstance(values, list)
                or not values or not all(isinstance(v, str) for v in values)):
            values = [spec]
        alternatives = [{**a, attr: v} for a in alternatives for v in dict.fromkeys(values)]
        if len(alternatives) > _EXPAND_MAX:
            return [pattern]
    return [[a, *pattern[1:]] for a in alternatives]


class PatternRules:
    def __init__(self, nlp):
        self.matcher = Matcher(nlp.vocab)
        self.vocab = nlp.vocab
        self.rules: dict[int, RuleInfo] = {}
        # Words that can start a match: when a document has none of them, the Matcher is skipped (count_by is C-fast).
        self.orth_triggers: set[int] | None = set()
        self.lower_triggers: set[int] = set()
        # The most tokens a match can have, None when a pattern has an operator ("?", "*", "+" …): with fixed
        # lengths the Matcher runs on a few tokens from each start word instead of the whole letter.
        self.max_length: int | None = 0

    def add(self, rule: RuleInfo, patterns: list, origin: str) -> None:
        key = self.vocab.strings.add(rule.id)
        try:
            self.matcher.add(rule.id, [alt for pattern in patterns for alt in _plain_first(pattern)])
        except (ValueError, KeyError, TypeError) as e:
            raise ConfigError(f"{origin}, rule {rule.id!r}, field patterns: not a valid spaCy Matcher pattern: "
                              f"{str(e).strip()[:300]}") from None
        self.rules[key] = rule
        for pattern in patterns:
            self._add_trigger(pattern[0] if pattern else {})
            if self.max_length is not None:
                fixed = all(isinstance(token, dict) and "OP" not in token for token in pattern)
                self.max_length = max(self.max_length, len(pattern)) if fixed else None

    def _add_trigger(self, first: dict) -> None:
        if self.orth_triggers is None:
            return
        targets = (("ORTH", self.orth_triggers), ("TEXT", self.orth_triggers), ("LOWER", self.lower_triggers))
        for attr, target in targets:
            spec = first.get(attr)
            values = [spec] if isinstance(spec, str) else spec.get("IN") if isinstance(spec, dict) else None
            if values and all(isinstance(v, str) for v in values) and first.get("OP") not in ("?", "*"):
                target.update(self.vocab.strings.add(v) for v in values)
                return
        self.orth_triggers = None  # a pattern without a fixed first word: always run

    def _may_match(self, doc) -> bool:
        if self.orth_triggers is None:
            return True
        # one array of the Doc's words (count_by builds a dict of counts first), read once per Doc
        if self.orth_triggers and not self.orth_triggers.isdisjoint(column(doc, ORTH)):
            return True
        return bool(self.lower_triggers) and not self.lower_triggers.isdisjoint(column(doc, LOWER))

    def _starts(self, doc) -> list[int]:
        """The tokens where a match can start (a start word's), ascending."""
        starts = []
        for triggers, attr in ((self.orth_triggers, ORTH), (self.lower_triggers, LOWER)):
            if triggers:
                values = column(doc, attr)
                if not triggers.isdisjoint(values):
                    starts += [i for i, v in enumerate(values) if v in triggers]
        return sorted(set(starts))

    def matches(self, doc) -> list[tuple[int, int, int]]:
        """(rule key, start, end) of every match in the Doc, as self.matcher(doc) finds them (in another order).
        Every match starts at a start word and has at most max_length tokens, so where both are known the Matcher
        runs on those few tokens from each start word: on a whole letter it cost some 6,000 instructions a token
        (a Token object per token, and more), also where a start word occurs once."""
        if not self.rules or not self._may_match(doc):
            return []
        if self.orth_triggers is None or self.max_length is None:
            return self.matcher(doc)
        out = []
        n = self.max_length
        for i in self._starts(doc):
            out += [(key, i, i + end) for key, start, end in self.matcher(doc[i:i + n]) if start == 0]
        return out

    def run(self, doc, enabled: set[str]) -> list[Hit]:
        by_rule: dict[int, list[tuple[int, int]]] = {}
        for key, start, end in self.matches(doc):
            if self.rules[key].id in enabled:
                by_rule.setdefault(key, []).append((start, end))
        hits = []
        for key, spans in by_rule.items():
            rule = self.rules[key]
            taken: set[int] = set()
            for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
                if taken.intersection(range(start, end)):
                    continue
                taken.update(range(start, end))
                span = doc[start:end]
                hits.append(Hit(rule, span.start_char, span.end_char, (), render(rule.message, match=span.text)))
        return hits
