"""Passive voice, as built-in checks `passive.s` and `passive.blive` (word lists come from the rule's params).

s-passive (nlp.md): a lower-case word ending in -s with word = lemma+s, lemma+des or lemma+es, or lemma[:-1]+es for
an -e lemma ("behandles", "behandledes", "indfris"), where the lookup table knows verb forms of the lemma (so
genitives such as "en uges", "klasses" drop out); or a listed irregular form ("fås"). Not a deponent ("skyldes",
"synes"), not capitalised inside a sentence (a name).
blive-passive: a form of "blive" followed, within `gap` words (no punctuation or `stop` word between), by a
participle ("blev bevilget", "er blevet sendt", "blev den rolige stilhed brudt"): a word ending in -t whose lookup
lemma is a verb ("vinduet" is a noun: the table has no verb forms of "vindue").
The detectors take plain token lists so the benchmark (benchmarks/acc_passive.py) runs the same code on UD gold tokens.
"""

from __future__ import annotations

from ..nlp.pipeline import lemma_table
from . import Context, Hit, RuleInfo, register_check
from .messages import render


def _lemma(table: dict, word: str) -> str:
    lemma = table.get(word)
    if lemma is None:
        low = word.lower()
        lemma = table.get(low, low)
    return lemma.lower()


def is_verb(table: dict, lemma: str) -> bool:
    """The lookup table knows verb forms of this lemma (present participle or past tense): "vindue" is no verb."""
    return any(table.get(lemma + suffix) == lemma for suffix in ("nde", "ede", "de", "te"))


class SPassive:
    def __init__(self, params: dict):
        self.deponents = {w.lower() for w in params.get("deponents", [])}
        self.forms = {w.lower() for w in params.get("forms", [])}
        self.determiners = {w.lower() for w in params.get("determiners", [])}
        self.table = lemma_table()

    def is_passive(self, words: list[str], i: int, sent_start: bool) -> bool:
        word = words[i]
        low = word.lower()
        if len(low) < 3 or not low.endswith("s") or not low.isalpha():
            return False
        if word[0].isupper() and not sent_start:
            return False
        if low in self.deponents:
            return False
        if low in self.forms:
            return True
        lemma = _lemma(self.table, word)
        if lemma in self.deponents or len(lemma) < 2:
            return False
        after_determiner = i > 0 and words[i - 1].lower() in self.determiners
        if lemma.endswith("e") and not after_determiner and is_verb(self.table, lemma):
            return low in (lemma + "s", lemma + "des", lemma[:-1] + "es")
        # other stems, or after "en/det/hver …" (a genitive "en uges" or a pronoun "det behandles"): only verbs
        return len(lemma) >= 3 and low in (lemma + "s", lemma + "es", lemma + "des") and is_verb(self.table, lemma)


class BlivePassive:
    def __init__(self, params: dict):
        self.blive = {w.lower() for w in params.get("blive", ["blive", "bliver", "blev", "blevet", "blevne"])}
        self.short_verbs = {w.lower() for w in params.get("short_verbs", [])}
        self.not_participles = {w.lower() for w in params.get("not_participles", [])}
        self.gap = int(params.get("gap", 2))
        self.stop = {w.lower() for w in params.get("stop", [])}  # words that end the search (conjunctions …)
        self.table = lemma_table()

    def is_participle(self, word: str) -> bool:
        low = word.lower()
        if not low.endswith("t") or not low.isalpha() or low in self.not_participles or len(low) < 3:
            return False
        lemma = _lemma(self.table, low)
        return lemma != low and (lemma in self.short_verbs or is_verb(self.table, lemma))

    def find(self, words: list[str]) -> list[tuple[int, int]]:
        """(index of the blive form, index of the participle) pairs."""
        out = []
        n = len(words)
        for i, w in enumerate(words):
            if w.lower() not in self.blive:
                continue
            for j in range(i + 1, min(n, i + 2 + self.gap)):
                cand = words[j]
                if self.is_participle(cand):
                    out.append((i, j))
                    break
                if not cand.isalpha() or cand.lower() in self.blive or cand.lower() in self.stop:
                    break
        return out


_cache: dict[int, object] = {}


def _detector(cls, rule: RuleInfo, params: dict):
    key = id(params)
    det = _cache.get(key)
    if det is None or not isinstance(det, cls):
        det = _cache[key] = cls(params)
    return det


@register_check("passive.s")
def s_passive(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    det: SPassive = _detector(SPassive, rule, params)
    doc = ctx.doc
    words = [t.text for t in doc]
    hits = []
    for i, word in enumerate(words):
        if word[-1] not in "sS":
            continue
        tok = doc[i]
        if det.is_passive(words, i, tok.is_sent_start or (i > 0 and words[i - 1] in ("\"", "'", "«", "»", "“", "("))):
            hits.append(Hit(rule, tok.idx, tok.idx + len(tok.text), (), render(rule.message, match=tok.text)))
    return hits


@register_check("passive.blive")
def blive_passive(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    det: BlivePassive = _detector(BlivePassive, rule, params)
    doc = ctx.doc
    hits = []
    for i, j in det.find([t.text for t in doc]):
        start, end = doc[i].idx, doc[j].idx + len(doc[j].text)
        hits.append(Hit(rule, start, end, (), render(rule.message, match=ctx.document.text[start:end])))
    return hits
