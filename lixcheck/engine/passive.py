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

import re

from ..checks.prefilter import Guarded
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
        return self.is_passive_word(words[i], words[i - 1] if i > 0 else "", sent_start)

    def is_passive_word(self, word: str, prev: str, sent_start: bool) -> bool:
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
        after_determiner = prev.lower() in self.determiners
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
        forms = "|".join(sorted((re.escape(w) for w in self.blive), key=len, reverse=True))
        self.regex = Guarded(re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", re.IGNORECASE))
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


_cache: dict[tuple[int, type], tuple[dict, object]] = {}  # (id(params), class) → (params, detector)


def _detector(cls, rule: RuleInfo, params: dict):
    """One detector per params dict (built on first use); the dict is kept so its id cannot be reused."""
    key = (id(params), cls)
    entry = _cache.get(key)
    if entry is None or entry[0] is not params:
        entry = _cache[key] = (params, cls(params))
    return entry[1]


_S_WORD = re.compile(r"(?<!\w)\w+[sS]\b")  # from word starts only: inside a long word it backtracked (quadratic)
_PREV_WORD = re.compile(r"(\S+)\s+$")
_OPENERS = frozenset("\"'«»“(")


@register_check("passive.s")
def s_passive(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    """Runs over the text (words ending in -s only), not over spaCy tokens: several times faster."""
    det: SPassive = _detector(SPassive, rule, params)
    text = ctx.document.text
    starts = {s.start for s in ctx.sentences}
    hits = []
    for m in _S_WORD.finditer(text):
        start = m.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
            continue
        before = text[max(0, start - 40):start]
        pm = _PREV_WORD.search(before)
        prev = pm.group(1) if pm else ""
        sent_start = start in starts or (start > 0 and text[start - 1] in _OPENERS)
        if det.is_passive_word(m.group(), prev, sent_start):
            hits.append(Hit(rule, start, m.end(), (), render(rule.message, match=m.group())))
    return hits


_TOKEN = re.compile(r"[^\W\d_]+|\S")


@register_check("passive.blive")
def blive_passive(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    """Runs over the text from each form of "blive" (a handful per letter), not over spaCy tokens."""
    det: BlivePassive = _detector(BlivePassive, rule, params)
    text = ctx.document.text
    hits = []
    for m in det.regex.finditer(text):
        tokens = [m]
        for t in _TOKEN.finditer(text, m.end(), min(len(text), m.end() + 200)):
            tokens.append(t)
            if len(tokens) > det.gap + 1:
                break
        for i, j in det.find([t.group() for t in tokens]):
            if i == 0:
                start, end = m.start(), tokens[j].end()
                hits.append(Hit(rule, start, end, (), render(rule.message, match=text[start:end])))
    return hits
