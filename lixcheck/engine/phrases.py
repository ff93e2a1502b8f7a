"""Rule types `substitution` and `existence`: listed phrases, found with spaCy's PhraseMatcher in one shared pass.

Phrases match on lower-cased text, and also on lemmas when the phrase is written in its base form (its lookup lemma
is the word itself, or a prefix of it): "fremsende" then also finds "fremsendes" and "fremsendte". A one-word phrase
whose lemma is another word ("dog" → "dø") matches on its written form only, so "døde" never hits "dog"; phrases of
several words always match on lemmas too ("have mulighed for at" finds "har mulighed for at"). An entry may
force `match: lower` (exact forms) or `match: lemma`. Where several entries of one rule match the same words, the one
written as them wins, then one written as their lemmas, then the first in the rule files (_rank).

Replacements are offered in the matched words' form and only where they fit the sentence (suggest.py); where none
fits, the finding names them in their base form and offers no one-click replacement.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.matcher import PhraseMatcher

from ..nlp import pipeline
from ..nlp.inflection import data as inflection_data
from . import phrase_words
from .base import Hit, RuleInfo
from .messages import render
from .suggest import Shape, fit, light_verb_example, object_follows, shape


@dataclass(frozen=True)
class Entry:
    rule: RuleInfo
    phrase: str
    lemma: str  # the phrase's lemmas joined by spaces
    replacements: tuple[str, ...]
    message: str | None
    first: str  # the entry's first phrase (the base form of a list: "erholde, erholdt")
    words: tuple[str, ...]  # the phrase's tokens
    own_words: frozenset[str]  # the rule's one-word phrases: a replacement must not be one of them
    object_words: tuple[str, ...] = ()  # a verb's object nouns that call for other replacements …
    object_replacements: tuple[str, ...] = ()  # … these ("meddele" a permit: "give")
    order: int = 0  # the entry's place in the rule files: the last tie-break between entries that match one span

    @cached_property
    def shape(self) -> Shape:
        """Made at the entry's first hit, not when the rules are compiled: most entries never hit in a letter, and
        the compile is part of a cold start."""
        return shape(self.phrase, self.first, list(self.words))


def _compatible(word: str, lemma: str) -> bool:
    return lemma == word or word.startswith(lemma) or lemma.startswith(word)


def _rank(doc, start: int, entry: Entry) -> tuple[int, int]:
    """Which of one rule's entries that match the same span gives the finding (the lower rank): one written as the
    matched words; then one whose words are their written forms or lemmas, its base form ("vedrøre" on "vedrører");
    then one that matches only through its own lemma ("vedrørende", lemma "vedrøre"); among equals the first in the
    rule files. Never the matchers' order: it follows the hashes of the entries' labels, which change when an entry
    is added before them."""
    tokens = [doc[i] for i in range(start, start + len(entry.words))]
    words = [w.lower() for w in entry.words]
    if all(w == t.lower_ for w, t in zip(words, tokens, strict=True)):
        return 0, entry.order
    if all(w == t.lower_ or w == t.lemma_.lower() for w, t in zip(words, tokens, strict=True)):
        return 1, entry.order
    return 2, entry.order


class PhraseRules:
    """All substitution/existence entries of a rule set in two PhraseMatchers (LOWER and LEMMA)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.entries: dict[int, Entry] = {}
        self._pending: list[tuple[RuleInfo, str, tuple[str, ...], str | None, str, str, dict | None]] = []

    def add(self, rule: RuleInfo, phrase: str, replacements=(), message: str | None = None, match: str = "auto",
            first: str | None = None, object_: dict | None = None):
        """`first`: the entry's first phrase, when it lists several ("erholde, erholdt"): the base form. `object_`:
        {words, replace}, other replacements where the verb's object is one of the words (rules/schema.json)."""
        self._pending.append((rule, phrase, tuple(replacements), message, match, first or phrase, object_))

    def compile(self) -> None:
        own: dict[str, set[str]] = {}
        for rule, phrase, *_ in self._pending:
            if " " not in phrase.strip():
                own.setdefault(rule.id, set()).add(phrase.strip().lower())
        own_words = {rid: frozenset(words) for rid, words in own.items()}
        parsed = self._parsed([p[1] for p in self._pending])
        strings = self.nlp.vocab.strings
        for rule, phrase, repl, message, match, first, object_ in self._pending:
            tokens, token_lemmas = parsed[phrase]
            label = f"{rule.id}#{len(self.entries)}"
            key = strings.add(label)
            words = [t.lower() for t in tokens]  # (a token's LOWER)
            lemma = " ".join(lem.lower() or w for lem, w in zip(token_lemmas, words, strict=True))
            self.entries[key] = Entry(rule, phrase, lemma, repl, message, first, tuple(tokens),
                                      own_words.get(rule.id, frozenset()),
                                      tuple(w.lower() for w in object_["words"]) if object_ else (),
                                      tuple(object_["replace"]) if object_ else (), len(self.entries))
            # The matchers take a phrase as its tokens' values of their attribute (the hashes of LOWER, LEMMA), as
            # spaCy's own unpickling adds them: what a Doc of the phrase would give, without making one.
            written = tuple(map(strings.add, words))
            self.lower.add(label, [written])
            lemmas = lemma.split(" ")
            # A single word whose lemma is another word stays exact; in a phrase the neighbours disambiguate.
            use_lemma = match == "lemma" or (match == "auto" and len(words) == len(lemmas)
                                             and (len(words) > 1 or _compatible(words[0], lemmas[0])))
            # The written base form is a lemma too: "have" (lookup lemma "hav") must find "har" (lemma "have").
            if match != "lower":  # (exact forms only: "som følge af" must not find "som følger af")
                self.lemma.add(label, [written, tuple(map(strings.add, token_lemmas))] if use_lemma else [written])
        self._pending.clear()

    def _parsed(self, texts: list[str]) -> dict[str, tuple[list[str], list[str]]]:
        """Each phrase's tokens and their lemmas: made before run time for the built-in rules under the embedded
        pipeline (phrase_words.py), else parsed here."""
        known = phrase_words.table() if pipeline.embedded(self.nlp) else {}
        out = {text: known[text] for text in texts if text in known}
        missing = [text for text in dict.fromkeys(texts) if text not in out]
        # (a phrase has no sentences to mark: the splitter cost a fresh process ~10 ms here)
        for text, doc in zip(missing, self.nlp.pipe(missing, disable=[pipeline.SENTENCE_COMPONENT]), strict=True):
            out[text] = ([t.text for t in doc], [t.lemma_ for t in doc])
            if pipeline.embedded(self.nlp):
                phrase_words.record(text, *out[text])
        return out

    def run(self, doc, enabled: set[str]) -> list[Hit]:
        if not self.entries:
            return []
        found: dict[str, dict[tuple[int, int], int]] = {}
        for matcher in (self.lower, self.lemma):
            for key, start, end in matcher(doc):
                entry = self.entries[key]
                if entry.rule.id in enabled:
                    spans = found.setdefault(entry.rule.id, {})
                    held = spans.setdefault((start, end), key)
                    # (the same entry comes from both matchers; another one for the same span is rare)
                    if held != key and _rank(doc, start, entry) < _rank(doc, start, self.entries[held]):
                        spans[start, end] = key
        hits = []
        for spans in found.values():
            taken: set[int] = set()
            # longest match first, so "vedlagt fremsendes" wins over "fremsendes"
            for (start, end), key in sorted(spans.items(), key=lambda s: (s[0][0] - s[0][1], s[0][0])):
                if taken.intersection(range(start, end)):
                    continue
                taken.update(range(start, end))
                hits.append(self._hit(doc, start, end, self.entries[key]))
        return hits

    @staticmethod
    def _hit(doc, start: int, end: int, entry: Entry) -> Hit:
        # The matched text and its offsets read from the tokens, as Span.text/start_char/end_char would give them: a
        # Span is made only where the replacements are fitted (a third of the hits have none to fit)
        last = doc[end - 1]
        if end - start == 1:
            first, matched = last, last.text
        else:
            first = doc[start]
            matched = "".join([doc[i].text_with_ws for i in range(start, end - 1)]) + last.text
        start_char, end_char = first.idx, last.idx + len(last)
        template = entry.message or entry.rule.message
        if not entry.replacements:
            return Hit(entry.rule, start_char, end_char, (), render(template, match=matched), entry.lemma)
        span = doc[start:end]
        replacements = entry.replacements
        if entry.object_words and object_follows(span, entry.object_words):
            replacements = entry.object_replacements
        fitted = fit(span, entry.shape, replacements, entry.own_words)
        repl = fitted.replacements
        named = repl or replacements  # none fits: name them in their base form, offer no one-click fix
        fields = {"match": matched, "replacement": named[0], "replacements": " eller ".join(f"„{r}“" for r in named)}
        if not repl and not entry.message:
            messages = inflection_data().messages
            example = fitted.light_verb and light_verb_example(fitted.light_verb)
            template = messages["light_verb"] if example else messages["no_form"]
            if example:
                fields.update(present=example[0], participle=example[1])
        return Hit(entry.rule, start_char, end_char, repl, render(template, **fields), entry.lemma)
