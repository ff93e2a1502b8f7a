"""Passive voice, as built-in checks `passive.s` and `passive.blive` (word lists come from the rule's params).

s-passive (nlp.md): a lower-case word ending in -s that is the passive of a verb the lookup table knows (it has
verb forms of the infinitive, so "vindue" or "uge" is no verb). The infinitive comes from the lookup lemma
("behandles" → behandle, "behandledes", "indfris") or, when the table reads the word as a noun ("skabes" → skab),
from the word itself: present "-es" → "-e" ("skabes" → skabe) and past "-tes/-des" → "-e" ("mentes" → mene,
"indledtes" → indlede). Also a listed irregular form ("fås"). Not:
- a deponent ("skyldes", "synes", "findes"), or a reciprocal with a plural pronoun before it ("vi ses", "skal vi
  tales ved"); without one, "ses" is passive ("det kan ses");
- a genitive of a nominalised adjective or participle after a determiner ("de helliges", "den forsikredes",
  "de ansattes"); "det mentes" stays passive (neuter "det" is a subject there);
- capitalised inside a sentence (a name).
blive-passive: a form of "blive" followed, within `gap` words (no punctuation or `stop` word between), by a
participle ("blev bevilget", "er blevet sendt", "blev den rolige stilhed brudt"): a word ending in -t whose lookup
lemma is a verb, or whose infinitive by Danish participle endings is a verb ("-et" → "-e": stillet → stille;
"-t" → "-e": holdt → holde, læst → læse, bestemt → bestemme). A word the table reads as a definite noun ("løbet" →
løb, "mødet") is a participle only right after the blive form and when no other participle follows within the gap
("blev overfaldet"; "blev huset solgt": "solgt"; not "blev glad for svaret"); adjectives in neuter -t ("dyrt",
"sikkert") are not participles.
The detectors take plain token lists so the benchmark (benchmarks/acc_passive.py) runs the same code on UD gold tokens.
"""

from __future__ import annotations

import re

from ..nlp.pipeline import lemma_table
from ..search.prefilter import Guarded
from .base import Context, Hit, RuleInfo, register_check
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


def is_adjective_base(table: dict, base: str) -> bool:
    """`base` has a neuter -t form that the table leads back to it ("hellig": helligt; "dyr": dyrt)."""
    return table.get(base + "t") == base


_VOWELS = frozenset("aeiouyæøå")
_PLURAL_PRONOUNS = frozenset(("vi", "de", "I", "Vi", "De"))  # "I" (you, plural) only capitalised: "i" is "in"
# Determiners that can also be the subject of a passive verb ("den sendes", "det vurderes"); after the others the
# -s word is a genitive ("din kommunes"). After neuter "det/dette" it is no nominalised adjective ("det mentes").
_SUBJECTS = frozenset(("den", "det", "de", "denne", "dette", "disse", "nogen", "noget", "ingen", "intet"))
_NEUTER = frozenset(("det", "dette"))


class SPassive:
    def __init__(self, params: dict):
        self.deponents = {w.lower() for w in params.get("deponents", [])}
        self.reciprocals = {w.lower() for w in params.get("reciprocals", [])}
        self.forms = {w.lower() for w in params.get("forms", [])}
        self.determiners = {w.lower() for w in params.get("determiners", [])}
        self.table = lemma_table()

    def is_passive(self, words: list[str], i: int, sent_start: bool) -> bool:
        return self.is_passive_word(words[i], words[i - 1] if i > 0 else "", sent_start,
                                    words[i - 2] if i > 1 else "")

    def is_passive_word(self, word: str, prev: str, sent_start: bool, prev2: str = "") -> bool:
        """`prev`, `prev2`: the one and two words before (only reciprocals look at `prev2`)."""
        low = word.lower()
        if len(low) < 3 or not low.endswith("s") or not low.isalpha():
            return False
        if word[0].isupper() and not sent_start:
            return False
        if low in self.deponents:
            return False
        if low in self.reciprocals and (prev in _PLURAL_PRONOUNS or prev2 in _PLURAL_PRONOUNS):
            return False  # "vi ses", "skal vi ses", "I tales ved"
        if low in self.forms:
            return True
        lemma = _lemma(self.table, word)
        if lemma in self.deponents or len(lemma) < 2:
            return False
        verb, past = self._verb(low, lemma)
        if verb is None:
            return False
        p = prev.lower()
        if p in self.determiners:
            if p not in _SUBJECTS:
                return False  # a genitive: "en uges", "hver klasses", "din kommunes"
            if p not in _NEUTER and (past or is_adjective_base(self.table, low[:-2])):
                return False  # genitive of a nominalised adjective or participle: "de helliges", "den forsikredes"
        return True

    def _verb(self, low: str, lemma: str) -> tuple[str | None, bool]:
        """(the infinitive `low` is the s-passive of, whether it is a past form), or (None, False)."""
        table = self.table
        if low in (lemma + "s", lemma + "es") and (len(lemma) > 2 or lemma[-1] == "e") and is_verb(table, lemma):
            return lemma, False  # "behandles", "indfris"; not "vis" → vi
        if low == lemma + "des" and is_verb(table, lemma):
            return lemma, True  # "behandledes"
        stem = low[:-1]
        if len(stem) < 4:
            return None, False
        if stem[-1] == "e" and is_verb(table, stem):
            return stem, False  # present, the table reads the word as a noun: "skabes" → skabe
        if stem.endswith(("te", "de")) and not stem.endswith("ende"):  # not a present participle: "de studerendes"
            # past: "afgjordes" (the table knows "afgjorde"), "mentes" → mene, "indledtes" → indlede, "troedes" → tro
            known = table.get(stem, stem)
            for inf in (known, stem[:-2] + "e", stem[:-2], stem[:-3] if stem.endswith("ede") else ""):
                if inf == stem:
                    continue
                # infinitives end in -e or, short ones, in a vowel ("tro"); not "katte" → kat
                if len(inf) >= 2 and inf[-1] in _VOWELS and is_verb(table, inf):
                    return inf, True
        return None, False


class BlivePassive:
    def __init__(self, params: dict):
        self.blive = {w.lower() for w in params.get("blive", ["blive", "bliver", "blev", "blevet", "blevne"])}
        self.short_verbs = {w.lower() for w in params.get("short_verbs", [])}
        self.not_participles = {w.lower() for w in params.get("not_participles", [])}
        self.gap = int(params.get("gap", 2))
        self.stop = {w.lower() for w in params.get("stop", [])}  # words that end the search (conjunctions …)
        forms = "|".join(re.escape(w) for w in sorted(self.blive, key=lambda w: (-len(w), w)))  # (the same each run)
        self.regex = Guarded(re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", re.IGNORECASE))
        self.table = lemma_table()

    def _is_verb(self, inf: str) -> bool:
        return inf in self.short_verbs or is_verb(self.table, inf)

    def participle(self, word: str) -> int:
        """2: a participle; 1: a participle or a definite noun ("løbet", "mødet"); 0: no participle."""
        low = word.lower()
        if not low.endswith("t") or not low.isalpha() or low in self.not_participles or len(low) < 3:
            return 0
        table = self.table
        lemma = _lemma(table, low)
        if lemma != low and self._is_verb(lemma):
            # "mødet" → møde, but the verb's participle is "mødt": "mødet" is the noun, or a strong verb's
            # participle beside its past tense ("faldet", "faldt")
            return 1 if low == lemma + "t" and table.get(low[:-2] + "t") == lemma else 2
        if len(low) < 4 or (lemma != low and low == lemma + "t"):
            return 0  # "det"; an adjective's neuter form: "dyrt", "sikkert"
        if low.endswith("et"):  # "-et" participle of an -e verb: stillet → stille, overfaldet → overfalde
            if not self._is_verb(low[:-1]):
                return 0
        elif not (self._is_verb(low[:-1] + "e")  # "-t" after the stem: holdt → holde, læst → læse
                  or (low[-2] not in _VOWELS and self._is_verb(low[:-1] + low[-2] + "e"))):  # bestemt → bestemme
            return 0
        return 1 if lemma != low else 2  # the table reads it as another word's form: a noun ("løbet" → løb)

    def find(self, words: list[str]) -> list[tuple[int, int]]:
        """(index of the blive form, index of the participle) pairs; a sure participle wins over a possible noun."""
        out = []
        n = len(words)
        for i, w in enumerate(words):
            if w.lower() not in self.blive:
                continue
            maybe = None
            for j in range(i + 1, min(n, i + 2 + self.gap)):
                cand = words[j]
                kind = self.participle(cand)
                if kind == 2:
                    maybe = j
                    break
                if kind == 1 and j == i + 1:  # a possible noun only right after "blive": not "glad for svaret"
                    maybe = j
                elif not cand.isalpha() or cand.lower() in self.blive or cand.lower() in self.stop:
                    break
            if maybe is not None:
                out.append((i, maybe))
        return out


_cache: dict[tuple[int, type], tuple[dict, object]] = {}  # (id(params), class) → (params, detector)


def _detector(cls, rule: RuleInfo, params: dict):
    """One detector per params dict (built on first use); the dict is kept so its id cannot be reused."""
    key = (id(params), cls)
    entry = _cache.get(key)
    if entry is None or entry[0] is not params:
        entry = _cache[key] = (params, cls(params))
    return entry[1]


_FINAL_S = re.compile(r"[sS](?!\w)")  # the end of a word in -s; its start is found by stepping back (words are short)
_PREV_TWO = re.compile(r"(\S+)\s+\S+\s+$")  # the word two before (only for the few reciprocals)
_OPENERS = frozenset("\"'«»“(")


def _previous_word(text: str, start: int) -> str:
    """The word before text[start] (what (\\S+)\\s+$ finds in the 40 characters before it), or "" when no space
    stands right before ``start``. String methods: the $-anchored regex tried every position of the window."""
    before = text[max(0, start - 40):start]
    stripped = before.rstrip()
    if not stripped or len(stripped) == len(before):
        return ""
    return stripped.rsplit(None, 1)[-1]


@register_check("passive.s")
def s_passive(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    """Runs over the text (words ending in -s only), not over spaCy tokens: several times faster."""
    det: SPassive = _detector(SPassive, rule, params)
    text = ctx.document.text
    starts = {s.start for s in ctx.sentences}
    hits = []
    for m in _FINAL_S.finditer(text):  # (a regex for whole -s words backtracked through every word: 3x slower)
        end = m.end()
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):  # back over \w characters
            start -= 1
        if start == m.start() or (start > 0 and text[start - 1] == "-"):
            continue
        word = text[start:end]
        prev = _previous_word(text, start)
        sent_start = start in starts or (start > 0 and text[start - 1] in _OPENERS)
        prev2 = ""
        if word.lower() in det.reciprocals:  # "skal vi ses": the word two before, for these few only
            pm2 = _PREV_TWO.search(text[max(0, start - 80):start])
            prev2 = pm2.group(1) if pm2 else ""
        if det.is_passive_word(word, prev, sent_start, prev2):
            hits.append(Hit(rule, start, end, (), render(rule.message, match=word)))
    return hits


_TOKEN = re.compile(r"[^\W\d_]+|\S")


@register_check("passive.blive")
def blive_passive(ctx: Context, rule: RuleInfo, params: dict) -> list[Hit]:
    """Runs over the text from each form of "blive" (a handful per letter), not over spaCy tokens."""
    det: BlivePassive = _detector(BlivePassive, rule, params)
    text = ctx.document.text
    hits = []
    for m in det.regex.finditer(text, ctx.letter.folded):
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
