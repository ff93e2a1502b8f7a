"""Rule types `substitution` and `existence`: listed phrases, found with spaCy's PhraseMatcher in one shared pass.

Phrases match on lower-cased text, and also on lemmas when the phrase is written in its base form (its lookup lemma
is the word itself, or a prefix of it): "fremsende" then also finds "fremsendes" and "fremsendte". A one-word phrase
whose lemma is another word ("dog" → "dø") matches on its written form only, so "døde" never hits "dog"; phrases of
several words always match on lemmas too ("have mulighed for at" finds "har mulighed for at"). An entry may
force `match: lower` (exact forms) or `match: lemma`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .base import Hit, RuleInfo
from .messages import inflect, match_case, render


@dataclass(frozen=True)
class Entry:
    rule: RuleInfo
    phrase: str
    lemma: str  # the phrase's lemmas joined by spaces
    replacements: tuple[str, ...]
    message: str | None


def _compatible(word: str, lemma: str) -> bool:
    return lemma == word or word.startswith(lemma) or lemma.startswith(word)


class PhraseRules:
    """All substitution/existence entries of a rule set in two PhraseMatchers (LOWER and LEMMA)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.entries: dict[int, Entry] = {}
        self._pending: list[tuple[RuleInfo, str, tuple[str, ...], str | None, str]] = []

    def add(self, rule: RuleInfo, phrase: str, replacements=(), message: str | None = None, match: str = "auto"):
        self._pending.append((rule, phrase, tuple(replacements), message, match))

    def compile(self) -> None:
        texts = [p[1] for p in self._pending]
        for (rule, phrase, repl, message, match), doc in zip(self._pending, self.nlp.pipe(texts), strict=True):
            label = f"{rule.id}#{len(self.entries)}"
            key = self.nlp.vocab.strings.add(label)
            lemma = " ".join(t.lemma_.lower() or t.lower_ for t in doc)
            self.entries[key] = Entry(rule, phrase, lemma, repl, message)
            self.lower.add(label, [self.nlp.make_doc(phrase)])
            words = [t.lower_ for t in doc]
            lemmas = lemma.split(" ")
            # A single word whose lemma is another word stays exact; in a phrase the neighbours disambiguate.
            use_lemma = match == "lemma" or (match == "auto" and len(words) == len(lemmas)
                                             and (len(words) > 1 or _compatible(words[0], lemmas[0])))
            # The written base form is a lemma too: "have" (lookup lemma "hav") must find "har" (lemma "have").
            as_written = Doc(self.nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                             lemmas=words)
            self.lemma.add(label, [as_written, doc] if use_lemma else [as_written])
        self._pending.clear()

    def run(self, doc, enabled: set[str]) -> list[Hit]:
        if not self.entries:
            return []
        found: dict[str, dict[tuple[int, int], int]] = {}
        for matcher in (self.lower, self.lemma):
            for key, start, end in matcher(doc):
                entry = self.entries[key]
                if entry.rule.id in enabled:
                    found.setdefault(entry.rule.id, {}).setdefault((start, end), key)
        hits = []
        for spans in found.values():
            taken: set[int] = set()
            # longest match first, so "vedlagt fremsendes" wins over "fremsendes"
            for (start, end), key in sorted(spans.items(), key=lambda s: (s[0][0] - s[0][1], s[0][0])):
                if taken.intersection(range(start, end)):
                    continue
                taken.update(range(start, end))
                hits.append(self._hit(doc[start:end], self.entries[key]))
        return hits

    @staticmethod
    def _hit(span, entry: Entry) -> Hit:
        matched = span.text
        repl = tuple(match_case(inflect(r, matched, entry.lemma), matched) for r in entry.replacements)
        template = entry.message or entry.rule.message
        message = render(template, match=matched, replacement=repl[0] if repl else "",
                         replacements=" eller ".join(f"„{r}“" for r in repl))
        return Hit(entry.rule, span.start_char, span.end_char, repl, message)
