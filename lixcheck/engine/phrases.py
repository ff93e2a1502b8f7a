"""Rule types `substitution` and `existence`: listed phrases, found with spaCy's PhraseMatcher in one shared pass.

Phrases match on lower-cased text, and also on lemmas when the phrase is written in its base form (its lookup lemma
is the word itself, or a prefix of it): "fremsende" then also finds "fremsendes" and "fremsendte". A one-word phrase
whose lemma is another word ("dog" → "dø") matches on its written form only, so "døde" never hits "dog"; phrases of
several words always match on lemmas too ("have mulighed for at" finds "har mulighed for at"). An entry may
force `match: lower` (exact forms) or `match: lemma`. Where several entries of one rule match the same words, the one
written as them wins, then one written as their lemmas, then the first in the rule files (_rank).

An entry with `gap: true` is a verb and the rest of its phrase ("finde anvendelse", "være berettiget til"), which
Danish word order splits: the finite verb comes second in a main clause and the subject or an adverb follows it
("finder reglerne ikke anvendelse", "er du berettiget til"), and an object stands inside "tage … under overvejelse".
Such an entry also matches with up to _MAX_GAP words between its verb (any form) and the rest (as written), inside one
clause (_gapped). The rest is looked for by the LOWER matcher in the same pass, and the verb before it, so a letter
pays only where the rest occurs. The finding covers the verb, the gap and the rest; its replacement is the new verb
with the gap after it and then the rest of the new phrase ("har du ret til"), offered only where that order is
Danish (_gap_fits).

Replacements are offered in the matched words' form and only where they fit the sentence (suggest.py); where none
fits, the finding names them in their base form and offers no one-click replacement.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from spacy.matcher import PhraseMatcher

from ..nlp import pipeline
from ..nlp.inflection import data as inflection_data
from ..nlp.inflection import verb_forms
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
    verb: frozenset[str] = frozenset()  # gap entries: the verb's written form and lemmas, which a token's LEMMA or
    # LOWER must be

    @cached_property
    def verb_forms(self) -> frozenset[str]:
        """A gap entry's verb as a token's LOWER or LEMMA may give it: its lemmas and the forms the inflection makes of
        its base form ("gør", which the lookup table reads as "gø"); not the adjectival participle ("fundne")."""
        forms = verb_forms(self.words[0].lower()) or {}
        return self.verb | {f for name, f in forms.items() if f and name != "part_def"}

    @cached_property
    def shape(self) -> Shape:
        """Made at the entry's first hit, not when the rules are compiled: most entries never hit in a letter, and
        the compile is part of a cold start."""
        return shape(self.phrase, self.first, list(self.words))


_MAX_GAP = 4  # words between a gap entry's verb and its rest: "finder § 3 ikke anvendelse", "gjorde klageren derfor
# gældende"


@cache
def _gap_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words no gap holds: the data's gap stops, clause openers and forms of "have", "være", "blive"; words no gap
    before a noun or adjective holds: determiners and possessives)."""
    data = inflection_data()
    return (data.gap_stops | data.clause_openers | data.have_forms | data.passive_auxiliaries,
            data.determiners | data.possessives)


def _inner_first(found: dict[str, dict[tuple[int, int], int]], gaps: dict[tuple[int, int], int]) -> None:
    """A gapped match gives way to any other match in its gap ("tager endvidere sagen under overvejelse":
    "endvidere"; "tager Deres skrivelse under overvejelse": "skrivelse"), which one finding per place would otherwise
    fold into it, its own advice lost."""
    inner = {i for spans in found.values() for (start, end) in spans if (start, end) not in gaps
             for i in range(start, end)}
    for spans in found.values():
        for span in [span for span in spans if span in gaps and inner.intersection(range(span[0] + 1, gaps[span]))]:
            del spans[span]


@dataclass(frozen=True)
class _Rest:
    """The rest of one or more gap entries, as the LOWER matcher finds it."""

    keys: tuple[int, ...]  # the entries
    verbs: frozenset[str]  # their verbs' forms (LOWER)
    lemmas: frozenset[str]  # the lemmas of those whose forms the inflection does not make (LEMMA)
    noun: bool  # it starts with a noun or an adjective ("anvendelse", "gældende"): see _gapped


_REFERENCE = frozenset(("§", "§§", "stk.", "nr."))


def _plain_end(tok, data) -> bool:
    low = tok.lower_
    if low in data.gap_ends or tok.is_digit or low in _REFERENCE:
        return True
    if tok.text[:1].isupper():  # a name ("gør Ankestyrelsen gældende"), not the sentence's first word (not in a gap)
        return True
    return low != tok.lemma_.lower() and low.endswith(("en", "et", "ne"))  # "reglerne", "klageren", "mødet"


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
        self.tails: dict[int, tuple[int, ...]] = {}  # a gap entries' rest (a LOWER matcher key) → the entries
        self._rests: dict[int, _Rest] = {}  # … made at its first occurrence
        self._pending: list[tuple[RuleInfo, str, tuple[str, ...], str | None, str, str, dict | None, bool]] = []

    def add(self, rule: RuleInfo, phrase: str, replacements=(), message: str | None = None, match: str = "auto",
            first: str | None = None, object_: dict | None = None, gap: bool = False):
        """`first`: the entry's first phrase, when it lists several ("erholde, erholdt"): the base form. `object_`:
        {words, replace}, other replacements where the verb's object is one of the words (rules/schema.json). `gap`:
        the phrase's verb may stand apart from its rest ("finder reglerne ikke anvendelse")."""
        self._pending.append((rule, phrase, tuple(replacements), message, match, first or phrase, object_, gap))

    def compile(self) -> None:
        own: dict[str, set[str]] = {}
        for rule, phrase, *_ in self._pending:
            if " " not in phrase.strip():
                own.setdefault(rule.id, set()).add(phrase.strip().lower())
        own_words = {rid: frozenset(words) for rid, words in own.items()}
        parsed = self._parsed([p[1] for p in self._pending])
        strings = self.nlp.vocab.strings
        tails: dict[tuple[str, ...], list[int]] = {}
        for rule, phrase, repl, message, match, first, object_, gap in self._pending:
            tokens, token_lemmas = parsed[phrase]
            label = f"{rule.id}#{len(self.entries)}"
            key = strings.add(label)
            words = [t.lower() for t in tokens]  # (a token's LOWER)
            lemma = " ".join(lem.lower() or w for lem, w in zip(token_lemmas, words, strict=True))
            lemmas = lemma.split(" ")
            # A single word whose lemma is another word stays exact; in a phrase the neighbours disambiguate.
            use_lemma = match == "lemma" or (match == "auto" and len(words) == len(lemmas)
                                             and (len(words) > 1 or _compatible(words[0], lemmas[0])))
            verb = frozenset((words[0], lemmas[0]) if use_lemma else (words[0],)) if gap and len(words) > 1 \
                else frozenset()
            self.entries[key] = Entry(rule, phrase, lemma, repl, message, first, tuple(tokens),
                                      own_words.get(rule.id, frozenset()),
                                      tuple(w.lower() for w in object_["words"]) if object_ else (),
                                      tuple(object_["replace"]) if object_ else (), len(self.entries), verb)
            if verb:
                tails.setdefault(tuple(words[1:]), []).append(key)
            # The matchers take a phrase as its tokens' values of their attribute (the hashes of LOWER, LEMMA), as
            # spaCy's own unpickling adds them: what a Doc of the phrase would give, without making one.
            written = tuple(map(strings.add, words))
            self.lower.add(label, [written])
            # The written base form is a lemma too: "have" (lookup lemma "hav") must find "har" (lemma "have").
            if match != "lower":  # (exact forms only: "som følge af" must not find "som følger af")
                self.lemma.add(label, [written, tuple(map(strings.add, token_lemmas))] if use_lemma else [written])
        for tail, keys in tails.items():
            label = "gap#" + " ".join(tail)
            self.tails[strings.add(label)] = tuple(keys)
            self.lower.add(label, [tuple(map(strings.add, tail))])
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
        rests: list[tuple[int, int, int]] = []
        for matcher in (self.lower, self.lemma):
            for key, start, end in matcher(doc):
                if key in self.tails:
                    rests.append((key, start, end))
                    continue
                entry = self.entries[key]
                if entry.rule.id in enabled:
                    spans = found.setdefault(entry.rule.id, {})
                    held = spans.setdefault((start, end), key)
                    # (the same entry comes from both matchers; another one for the same span is rare)
                    if held != key and _rank(doc, start, entry) < _rank(doc, start, self.entries[held]):
                        spans[start, end] = key
        gaps: dict[tuple[int, int], int] = {}  # a gapped match's span → where its rest starts
        for tail, start, end in rests:
            self._gapped(doc, tail, start, end, enabled, found, gaps)
        if gaps:
            _inner_first(found, gaps)
        hits = []
        for spans in found.values():
            taken: set[int] = set()
            # longest match first, so "vedlagt fremsendes" wins over "fremsendes"
            for (start, end), key in sorted(spans.items(), key=lambda s: (s[0][0] - s[0][1], s[0][0])):
                if taken.intersection(range(start, end)):
                    continue
                taken.update(range(start, end))
                hits.append(self._hit(doc, start, end, self.entries[key], gaps.get((start, end))))
        return hits

    def _rest(self, tail: int, first: str) -> _Rest:
        entries = [self.entries[k] for k in self.tails[tail]]
        data = inflection_data()
        lemmas = frozenset(w for e in entries if not verb_forms(e.words[0].lower()) for w in e.verb)
        rest = _Rest(self.tails[tail], frozenset().union(*(e.verb_forms for e in entries)), lemmas,
                     not (first in data.prepositions or first in data.gap_ends or first == "sig"))
        self._rests[tail] = rest
        return rest

    def _gapped(self, doc, tail: int, start: int, end: int, enabled: set[str], found: dict, gaps: dict) -> None:
        """The gap entry whose rest is doc[start:end] and whose verb is the nearest before it, a gap apart or next to
        it (a form the lemma matcher misses: "gør gældende"). The gap: at most _MAX_GAP words of one clause, no
        punctuation but a §-reference, none of the gap stops. Before a rest that starts with a noun or an adjective
        (_Rest.noun: "anvendelse", "gældende") it holds no determiner, and its last word is a pronoun, an adverb of
        the data's list, a name, a number or a definite noun, not a word of the noun ("finde et andet sted", "har
        god mulighed for at"). One walk back from the rest, which ends at the first word that cannot be in a gap."""
        if start == 0 or doc[start].is_sent_start:
            return
        rest = self._rests.get(tail) or self._rest(tail, doc[start].lower_)
        stops, before_noun = _gap_words()
        i = start - 1
        while True:
            tok = doc[i]
            low = tok.lower_
            if low in rest.verbs or rest.lemmas and tok.lemma_.lower() in rest.lemmas:
                break
            if start - i > _MAX_GAP or i == 0 or tok.is_sent_start or low in stops \
                    or not (tok.is_alpha or tok.is_digit or low in _REFERENCE) or rest.noun and low in before_noun:
                return
            i -= 1
        if rest.noun and i < start - 1 and not _plain_end(doc[start - 1], inflection_data()):
            return
        lemma = tok.lemma_.lower()
        for key in rest.keys:
            entry = self.entries[key]
            if entry.rule.id in enabled and (low in entry.verb_forms or lemma in entry.verb):
                spans = found.setdefault(entry.rule.id, {})
                if (i, end) not in spans:
                    spans[i, end] = key
                    if start > i + 1:
                        gaps[i, end] = start
                return

    @staticmethod
    def _hit(doc, start: int, end: int, entry: Entry, rest: int | None = None) -> Hit:
        """`rest`: where a gapped match's rest starts (the gap is doc[start + 1:rest])."""
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
        fitted = fit(span, entry.shape, replacements, entry.own_words, rest and (start + 1, rest))
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
