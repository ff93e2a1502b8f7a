"""Rule type `hard-word`: words that most readers will not know, judged by word frequency and compound structure.

A word is a candidate when it is written in letters (a hyphenated word is judged piece by piece), at least
`min_letters` long, and neither it nor its lemma is in the frequency list (nlp/frequency.py: Zipf >= 3.0, i.e. used
at least once per million words). A candidate is hard when
- it is built on a word of the rules in `parts_from` (the curated terms and the officialese: "partshøringsindlæg"
  holds "partshøring", "bevillingsskrivelse" ends in "skrivelse"), or
- it cannot be read as a compound of common words (nlp/compounds.py) and is either unknown to the dictionary (the
  lemma table: "meroffentlighed") or abstract (its lemma ends in one of `abstract_suffixes`: "inddrivelse",
  "befordring"); a rare concrete word that the dictionary knows is mostly known from daily life ("gelænder"), or
- it is a long compound: at least `long_parts` parts and `long_letters` letters ("ejendomsskatteberegningsgrundlag").
A compound of common parts is not hard ("skolebus", "boligstøtte"), nor a common word after a prefix in `prefixes`
("genberegne").

Never hard: words capitalised mid-sentence (names), a word no dictionary knows capitalised at a sentence start
("Ryesgade 10"), words in capitals, merge fields ([[…]], {…}, «…»), and words the letter explains itself: a
parenthesis after the word or around it, "det vil sige", "dvs.", "som betyder", a sentence that starts "X er …" /
"X betyder …". Signature and label lines are read too: names there are skipped as anywhere. Each hard word is
reported once, at its first use, with the number of uses (its key is the word's lemma).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import ORTH

from ..nlp import frequency
from ..nlp.compounds import Splitter
from ..nlp.pipeline import column, lemma_table
from .base import Context, Hit, RuleInfo
from .messages import render

_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FIELD_BEFORE = set("[{«<$%#|_")
_FIELD_AFTER = set("]}»>%|_")
# what follows a word that the letter explains there and then ("bisidder (en person, der …)", "…, det vil sige …")
_EXPLAINED_AFTER = re.compile(
    r"\s*(?:\(|[,:–-]?\s*(?:det vil sige|dvs\.?|altså|som betyder|der betyder|hvilket betyder|som vil sige|"
    r"hvilket vil sige|betyder|er et ord for)\b)", re.IGNORECASE)
_DEFINES = re.compile(r"\s+(?:er|betyder)\b", re.IGNORECASE)  # "Partshøring betyder …", at a sentence start
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:\n]\s*)(?:(?:en|et|ordet|begrebet|udtrykket)\s+)?$", re.IGNORECASE)
_CACHE_LIMIT = 200_000
MAX_LETTERS = 60  # longer "words" (a run of letters with no space) are no words a reader meets: not judged


@dataclass(frozen=True)
class Verdict:
    """Why a word is hard, for the message: reason is "term", "part" (holds a term), "rare" or "long"."""

    offset: int  # where the hard piece starts in the token (a hyphenated word is judged piece by piece)
    word: str  # the hard piece as written
    key: str  # its lemma in lower case: uses with the same key are one word
    reason: str
    detail: str = ""  # the term it holds, or the parts of a long compound
    known: bool = True  # the dictionary (lemma table) knows the word: not a name


class HardWordRule:
    def __init__(self, info: RuleInfo, params: dict, terms: set[str]):
        self.info = info
        self.min_letters = int(params.get("min_letters", 7))
        self.common_zipf = float(params.get("common_zipf", frequency.FLOOR))
        self.long_parts = int(params.get("long_parts", 4))
        self.long_letters = int(params.get("long_letters", 20))
        self.messages = {"rare": info.message, **params.get("messages", {})}
        self.prefixes = tuple(p.lower() for p in params.get("prefixes", []))
        # (with the endings of number and definiteness: "pålæggelsen", "afvejningerne")
        suffixes = "|".join(re.escape(x.lower()) for x in params.get("abstract_suffixes", [])) or "(?!)"
        self.abstract = re.compile(rf"(?:{suffixes})(?:n|r|ne|rne|en|er|erne|ens|ernes|s|ns|rs|nes|rnes)?$")
        self.terms = tuple(sorted({t for t in terms if len(t) >= int(params.get("min_part_letters", 6))},
                                  key=len, reverse=True))
        self._lemmas = lemma_table()
        lemmas = self._lemmas
        # Reads a word as dictionary words of any frequency: for a rare compound the dictionary does not know.
        # Parts of 3 letters are left out: any 3 letters are a word somewhere in a dictionary ("pålæg|gel|sen").
        self.dictionary_splitter = Splitter(lambda w: 1.0 if w in lemmas else 0.0, lemmas.get, min_zipf=1.0,
                                            short_zipf=2.0)
        self.splitter = Splitter(frequency.zipf, self._lemmas.get, min_zipf=float(params.get("part_zipf", 3.0)),
                                 short_letters=int(params.get("short_part_letters", 3)),
                                 short_zipf=float(params.get("short_part_zipf", 4.5)))
        # Filled as words are seen (set operations per letter: a scan of the tokens in Python cost ~40 µs a letter)
        self._seen: set[int] = set()  # ORTH hashes judged
        self._hard: dict[int, Verdict] = {}  # those that are hard …
        self._hard_set: set[int] = set()  # … also as a set: set & set walks the smaller one (dict keys & set does not)

    # -- one word, independent of where it stands --------------------------------------------------------------

    def judge(self, text: str) -> Verdict | bool:
        """The Verdict for a token's text, or False when it is not hard (the same wherever it stands)."""
        if len(text) < self.min_letters or not _LETTERS.fullmatch(text) or text.isupper():
            return False
        if "-" in text and self._common(text.replace("-", "").lower()):
            return False  # a word split at a line end or for emphasis ("ud-formningen")
        offset = 0
        for piece in text.split("-"):
            if self.min_letters <= len(piece) <= MAX_LETTERS and not piece[1:].isupper() \
                    and not (offset and piece[0].isupper()):
                found = self._judge_word(piece.lower())
                if found:
                    return Verdict(offset, piece, *found)
            offset += len(piece) + 1
        return False

    def _common(self, word: str) -> bool:
        return self.splitter.head_zipf(word) >= self.common_zipf

    def _lemma(self, word: str) -> str:
        """The word's lemma; for a compound the dictionary does not know, its head's ("…ydelsen" → "…ydelse")."""
        lemma = self._lemmas.get(word)
        if lemma is None:
            for i in range(1, len(word) - 2):
                head = self._lemmas.get(word[i:])
                if head is not None:
                    return word[:i] + head
        return lemma or word

    def _judge_word(self, word: str) -> tuple[str, str, str, bool] | None:
        """(key, reason, detail, known) for a hard lower-case word, else None. known: the dictionary has it."""
        if self._common(word):
            return None
        known = word in self._lemmas
        lemma = self._lemma(word)
        for term in self.terms:  # (the word itself is the term rule's, but its lookup lemma may miss a form)
            if term != word and (word.startswith(term) or lemma.endswith(term) or term in word and len(term) >= 9):
                return lemma, "term" if term == lemma else "part", term, known
        for prefix in self.prefixes:  # "uberettiget", "genberegne": a known word after a prefix
            if word.startswith(prefix) and self._common(word[len(prefix):]):
                return None
        split = self.splitter.split(word)
        if split is None:
            # A rare word that the dictionary knows is hard when it is abstract ("inddrivelse", "befordring");
            # a concrete one is mostly known from daily life ("gelænder"). The same for a compound of dictionary
            # words that the dictionary does not list ("vuggestuetakst"). Nothing known: rare ("meroffentlighed").
            if not known:
                parts = self.dictionary_splitter.split(word)
                known = parts is not None and len(parts.parts) > 1
            if known and not self.abstract.search(lemma):
                return None
            return lemma, "rare", "", known
        if len(split.parts) >= self.long_parts and len(word) >= self.long_letters:
            return lemma, "long", " + ".join(split.words), known
        return None

    # -- the letter ---------------------------------------------------------------------------------------------

    def run(self, ctx: Context) -> list[Hit]:
        doc = ctx.doc
        orths = column(doc, ORTH)
        words = set(orths)
        new = words - self._seen
        if new:
            if len(self._seen) > _CACHE_LIMIT:
                self._seen, self._hard, self._hard_set = set(), {}, set()
                new = words
            strings = doc.vocab.strings
            for orth in new:
                verdict = self.judge(strings[orth])
                if verdict:
                    self._hard[orth] = verdict
                    self._hard_set.add(orth)
            self._seen |= new
        hard, hard_set = self._hard, self._hard_set
        candidates = words & hard_set
        if not candidates:
            return []
        text = ctx.document.text
        uses: dict[str, list[tuple[int, Verdict]]] = {}
        explained: set[str] = set()
        for i, orth in enumerate(orths):
            v = hard.get(orth) if orth in candidates else None
            if v is None:
                continue
            token = doc[i]
            start = token.idx + v.offset
            if v.key not in explained and is_explained(text, start, start + len(v.word), v.word.lower() == v.key):
                explained.add(v.key)  # (also where the word is not reported: "Meroffentlighed betyder …")
            if v.word[0].isupper() and not (v.offset == 0 and token.is_sent_start and (v.known or v.reason != "rare")):
                continue  # a name (mid-sentence, or a word no dictionary knows at a sentence start: "Ryesgade 10")
            before = text[token.idx - 1] if token.idx else ""
            after = text[token.idx + len(token.text):token.idx + len(token.text) + 1]
            if before in _FIELD_BEFORE or after in _FIELD_AFTER:
                continue  # a merge field
            uses.setdefault(v.key, []).append((start, v))
        hits = []
        for key, places in uses.items():
            if key in explained:
                continue
            start, v = places[0]
            template = self.messages.get(v.reason, self.info.message)
            message = render(template, match=v.word, term=v.detail, parts=v.detail)
            hits.append(Hit(self.info, start, start + len(v.word), (), message, key, len(places)))
        return hits


def is_explained(text: str, start: int, end: int, base_form: bool = True) -> bool:
    """Whether the letter explains the word at text[start:end] there and then: a parenthesis after it or around it,
    "det vil sige", "dvs.", "som betyder" after it, or a defining sentence that starts with it in its base form
    ("Partshøring er …", "En landzone er …"; not "Påbuddet er sendt til dig")."""
    if _EXPLAINED_AFTER.match(text, end):
        return True
    if text[start - 1:start] == "(" and text[end:end + 1] == ")":  # "penge til ekstra udgifter (merudgiftsydelse)"
        return True
    return bool(base_form and _DEFINES.match(text, end)
                and _SENTENCE_OPENING.search(text, max(0, start - 30), start))


def unexplained(text: str, hits: list[Hit], rules: frozenset[str]) -> list[Hit]:
    """Hits without those of the rules in `rules` (`unless_explained: true`) whose word the letter explains at one of
    its uses: a term explained once is explained everywhere (uses are the same when their keys are)."""
    explained = {(h.rule.id, h.key or text[h.start:h.end].lower()) for h in hits if h.rule.id in rules
                 and is_explained(text, h.start, h.end, not h.key or text[h.start:h.end].lower() == h.key)}
    if not explained:
        return hits
    return [h for h in hits if (h.rule.id, h.key or text[h.start:h.end].lower()) not in explained]
