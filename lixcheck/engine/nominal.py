"""Heavy nominal style, as the built-in check `nominal.chain` (word lists and limits come from the rule's params).

A nominalisation is a word whose lookup lemma ends in one of `suffixes` (-else, -ing, -tion …), is at least
`min_letters` long and is not an everyday word in `common` (ansøgning, afgørelse …). The check fires when a sentence
has `min_count` or more of them, or when a light verb ("foretage", "iværksætte") stands within `window` words before
one ("foretage en vurdering" → "vurdere").
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress

from spacy.attrs import LEMMA

from ..nlp.pipeline import column, sentence_tokens
from .base import Context, Hit, RuleInfo, register_check
from .messages import render


class Nominal:
    def __init__(self, params: dict):
        self.suffixes = tuple(s.lower() for s in params.get("suffixes", []))
        self.common = {w.lower() for w in params.get("common", [])}
        self.common_long = tuple(c for c in self.common if len(c) >= 6)
        self.light_verbs = {w.lower() for w in params.get("light_verbs", [])}
        self.min_count = int(params.get("min_count", 3))
        self.min_letters = int(params.get("min_letters", 7))
        self.window = int(params.get("window", 3))
        self.light_message = params.get("light_message")
        self.kinds: dict[int, int] = {}  # lemma hash → kind (see nominal_chain), filled as words are seen

    def kind_of(self, lemma: str) -> int:
        lemma = lemma.lower()
        if lemma in self.light_verbs:
            return 1
        if self.is_nominal(lemma):
            return 2
        return 3 if lemma in self.common and lemma.endswith(self.suffixes) else 0

    def is_nominal(self, lemma: str) -> bool:
        if len(lemma) < self.min_letters or not lemma.endswith(self.suffixes) or lemma in self.common:
            return False
        # compounds of an everyday word ("boligansøgning") are everyday words too
        return not any(lemma.endswith(c) for c in self.common_long)


_cache: dict[int, tuple[dict, Nominal]] = {}  # id(params) → (params, detector); the dict is kept alive


@register_check("nominal.chain")
def nominal_chain(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    entry = _cache.get(id(params))
    if entry is None or entry[0] is not params:
        entry = _cache[id(params)] = (params, Nominal(params))
    det = entry[1]
    doc = ctx.doc
    if not len(doc):
        return []
    strings = doc.vocab.strings
    # plain ints (numpy scalars are slow to look up), read once per Doc (free when the lemma component kept them)
    lemmas = column(doc, LEMMA)
    kinds = det.kinds
    # per token: 2 = nominalisation, 1 = light verb, 3 = everyday word with a nominal suffix, 0 = other.
    # map() and compress() loop in C: most tokens are kind 0, and only the few others are looked at in Python.
    marks = list(map(kinds.get, lemmas))
    if None in marks:  # lemmas not seen before in this process
        for i, k in enumerate(marks):
            if k is None:
                h = lemmas[i]
                k = kinds.get(h)
                if k is None:
                    k = kinds[h] = det.kind_of(strings[h]) if h else 0
                marks[i] = k
    n = len(lemmas)
    marked = list(compress(range(n), marks))
    for i in marked:
        if not doc[i].is_alpha:
            marks[i] = 0
    nominal_at = [i for i in marked if marks[i] == 2]
    light_at = [i for i in marked if marks[i] == 1]
    if len(nominal_at) < det.min_count and not light_at:
        return []  # no sentence can have a chain, and there is no light verb
    starts = list(sentence_tokens(doc))
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    starts.append(n)
    text = ctx.document.text  # the Doc's text (Doc.text would join every token again)
    hits = []
    for a, b in zip(starts, starts[1:], strict=False):
        nominals = nominal_at[bisect_left(nominal_at, a):bisect_left(nominal_at, b)]
        if len(nominals) >= det.min_count:
            s, e = doc[nominals[0]].idx, doc[nominals[-1]].idx + len(doc[nominals[-1]].text)
            hits.append(Hit(rule, s, e, (), render(rule.message, value=len(nominals), match=text[s:e])))
        for i in light_at[bisect_left(light_at, a):bisect_left(light_at, b)]:
            for j in range(i + 1, min(i + 1 + det.window, b)):
                if marks[j] in (2, 3):
                    s, e = doc[i].idx, doc[j].idx + len(doc[j].text)
                    hits.append(Hit(rule, s, e, (), render(det.light_message or rule.message, match=text[s:e],
                                                           value=1)))
                    break
    return hits
