"""Heavy nominal style, as the built-in check `nominal.chain` (word lists and limits come from the rule's params).

A nominalisation is a word whose lookup lemma ends in one of `suffixes` (-else, -ing, -tion …), is at least
`min_letters` long and is not an everyday word in `common` (ansøgning, afgørelse …). The check fires when a sentence
has `min_count` or more of them, or when a light verb ("foretage", "iværksætte") stands within `window` words before
one ("foretage en vurdering" → "vurdere").
"""

from __future__ import annotations

from . import Context, Hit, RuleInfo, register_check
from .messages import render


class Nominal:
    def __init__(self, params: dict):
        self.suffixes = tuple(s.lower() for s in params.get("suffixes", []))
        self.common = {w.lower() for w in params.get("common", [])}
        self.light_verbs = {w.lower() for w in params.get("light_verbs", [])}
        self.min_count = int(params.get("min_count", 3))
        self.min_letters = int(params.get("min_letters", 7))
        self.window = int(params.get("window", 3))
        self.light_message = params.get("light_message")

    def is_nominal(self, tok) -> bool:
        if not tok.is_alpha:
            return False
        lemma = (tok.lemma_ or tok.lower_).lower()
        if len(lemma) < self.min_letters or lemma in self.common:
            return False
        if any(lemma.endswith(c) and len(c) >= 6 for c in self.common if lemma != c):
            return False  # compounds of an everyday word: "boligansøgning"
        return lemma.endswith(self.suffixes)


_cache: dict[int, Nominal] = {}


@register_check("nominal.chain")
def nominal_chain(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    det = _cache.get(id(params))
    if det is None:
        det = _cache[id(params)] = Nominal(params)
    doc = ctx.doc
    hits = []
    for sent in doc.sents:
        nominals = [t for t in sent if det.is_nominal(t)]
        if len(nominals) >= det.min_count:
            first, last = nominals[0], nominals[-1]
            hits.append(Hit(rule, first.idx, last.idx + len(last.text), (),
                            render(rule.message, value=len(nominals), match=doc.text[first.idx:last.idx + len(last)])))
        for tok in sent:
            if (tok.lemma_ or tok.lower_).lower() in det.light_verbs:
                for nxt in doc[tok.i + 1:min(tok.i + 1 + det.window, sent.end)]:
                    if det.is_nominal(nxt) or (nxt.lemma_.lower() in det.common and nxt.lemma_.lower().endswith(
                            det.suffixes)):
                        text = doc.text[tok.idx:nxt.idx + len(nxt.text)]
                        hits.append(Hit(rule, tok.idx, nxt.idx + len(nxt.text), (),
                                        render(det.light_message or rule.message, match=text, value=1)))
                        break
    return hits
