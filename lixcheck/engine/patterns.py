"""Rule type `pattern`: spaCy Matcher token patterns from the rule file, all rules in one Matcher (one pass)."""

from __future__ import annotations

from spacy.matcher import Matcher

from ..errors import ConfigError
from . import Hit, RuleInfo
from .messages import render


class PatternRules:
    def __init__(self, nlp):
        self.matcher = Matcher(nlp.vocab)
        self.vocab = nlp.vocab
        self.rules: dict[int, RuleInfo] = {}

    def add(self, rule: RuleInfo, patterns: list, origin: str) -> None:
        key = self.vocab.strings.add(rule.id)
        try:
            self.matcher.add(rule.id, patterns)
        except (ValueError, KeyError, TypeError) as e:
            raise ConfigError(f"{origin}, rule {rule.id!r}, field patterns: not a valid spaCy Matcher pattern: "
                              f"{str(e).strip()[:300]}") from None
        self.rules[key] = rule

    def run(self, doc, enabled: set[str]) -> list[Hit]:
        if not self.rules:
            return []
        by_rule: dict[int, list[tuple[int, int]]] = {}
        for key, start, end in self.matcher(doc):
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
