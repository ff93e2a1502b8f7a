"""The letter kind: decision, partshoering, reminder, invitation, request or information, from weighted cue phrases.

The cues are data (lixcheck/data/letter.yml, ``cues``): regular expressions with a weight, per kind. A cue that
matches in the title or the first two paragraphs counts ``lead_factor`` times its weight, elsewhere its weight once;
the kind with the highest score wins when it reaches ``min_score``, else the letter is "information".

Outcome wording ("bevilget", "afslag", "imødekommet", "giver dig ret til", "meddeler tilladelse", "påbud", "vi har
besluttet"; cues marked ``outcome: true``) says that an authority has decided, so it outweighs the cues of an
information letter: with an outcome in the title or the first paragraphs, or anywhere in a letter that also names
its legal basis (a fragment of a decision: the reasons and the outcome without a salutation), a letter is a decision
unless another kind (a partshøring: "vi overvejer at give dig afslag") scores higher.

kind_evidence() lists the cues that matched (kind, the matched phrase, the weight counted, where), which the Report's
``letter`` section shows as ``kind_evidence``. The analyser calls detect_kind once per document when check() got no
kind; adding a kind is adding its cues to the data.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .. import kinds
from ..letter import data
from ..letter.view import Letter
from ..search import Alternatives, Anchored, Guarded, SearchSet, searcher

DECISION = "decision"
PARTSHOERING = "partshoering"
INFORMATION = "information"
_PHRASE = 40  # the longest phrase the evidence shows (a cue's match, never a whole sentence)
_SPACES = re.compile(r"\s+")


def normalise_kind(kind: str | None) -> str | None:
    """'Afgørelse', 'partshøring' … → the kind ids of lixcheck's table of kinds (lixcheck/kinds.py); an unknown kind
    raises UnknownKind."""
    return kinds.normalise(kind)


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    weight: float
    outcome: bool  # outcome wording: the authority has decided
    search: Guarded | Anchored | Alternatives


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue that matched: its kind, the phrase it matched (shortened), the weight it counted, and where."""

    kind: str
    phrase: str
    weight: float
    where: str  # "title" | "lead" (the first two paragraphs) | "body"
    outcome: bool
    start: int  # offset of the match in the text (-1 in a title from metadata)

    def section(self) -> dict:
        return {"kind": self.kind, "cue": self.phrase, "weight": self.weight, "where": self.where}


@cache
def _cues() -> tuple[list[Cue], SearchSet]:
    """Every cue, in the data's order, and the set of their searches."""
    cues = [Cue(kind, float(c["w"]), bool(c.get("outcome")),
                searcher(data.compiled(c["re"], re.IGNORECASE | re.MULTILINE)))
            for kind, kind_cues in data.load("letter")["cues"].items() for c in kind_cues]
    return cues, SearchSet(cue.search for cue in cues)


def _phrase(matched: str) -> str:
    phrase = _SPACES.sub(" ", matched).strip()
    if len(phrase) > _PHRASE:
        phrase = phrase[:_PHRASE].rsplit(" ", 1)[0] + " …"
    return phrase


def _own_line(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def kind_evidence(letter: Letter) -> list[CueHit]:
    """Every cue that matches the letter, in the data's order: in the title or the first two paragraphs it counts
    lead_factor times its weight, elsewhere once."""
    factor = _lead_factor()
    text, folded = letter.text, letter.folded
    lead_start, lead_end = letter.lead
    t = letter.title
    title = t.text if t else ""
    # A title searched on its own: one from metadata, or one found inside a line of the text ("afslagIndkaldelse"),
    # where a whole-word cue can match the title alone and not the text around it.
    title_apart = t is not None and (t.start < 0 or not _own_line(text, t.start, t.end))
    cues, searches = _cues()
    # A cue whose literal strings are not in the letter matches nowhere in it (nor in its title, a part of it).
    which = searches.which(text, folded)
    held = None
    if title_apart:  # (each cue is tried on a title apart; the whole letter only where its strings are)
        held, which = set(which), range(len(cues))
    hits = []
    for i in which:
        cue = cues[i]
        search = cue.search
        if held is None:
            # The whole letter first: a cue with no match in it has none in its title or lead either (parts of it),
            # and most cues that may occur do not (one search for them, not two).
            anywhere = search.search_possible(text, folded)
            if anywhere is None:
                continue
            # (a title in the text can match only where the cue's strings lie inside it)
            m = search.pattern.search(title) if title and _in(search, text, folded, t.start, t.end) else None
        else:
            anywhere = search.search_possible(text, folded) if i in held else None
            m = search.pattern.search(title) if title else None
        if m is not None:
            hits.append(CueHit(cue.kind, _phrase(m.group(0)), cue.weight * factor, "title", cue.outcome,
                               t.start + m.start() if t.start >= 0 else -1))
            continue
        if anywhere is None:
            continue
        m = search.search_possible(text, folded, lead_start, lead_end)
        if m is not None:
            hits.append(CueHit(cue.kind, _phrase(m.group(0)), cue.weight * factor, "lead", cue.outcome, m.start()))
            continue
        hits.append(CueHit(cue.kind, _phrase(anywhere.group(0)), cue.weight, "body", cue.outcome, anywhere.start()))
    return hits


def _in(search: Guarded | Anchored | Alternatives, text: str, folded: str | None, start: int, end: int) -> bool:
    """False only when no match of ``search`` lies inside text[start:end]: for an Anchored whose search of the text
    has just listed the places of its needles (or prefixes), one of which each match holds, one look-up of them."""
    offsets = search.offsets(text, folded) if isinstance(search, Anchored) else None
    if offsets is None:
        return search.possible(text, folded, start, end)
    k = bisect_left(offsets, start)
    return k < len(offsets) and offsets[k] < end


@cache
def _lead_factor() -> float:
    return float(data.load("letter").get("lead_factor", 2))


def kind_scores(letter: Letter) -> dict[str, float]:
    """Weighted cue score per kind; cues in the title and the first two paragraphs count lead_factor times."""
    scores = dict.fromkeys(data.load("letter")["cues"], 0.0)
    for hit in letter.once(kind_evidence):
        scores[hit.kind] += hit.weight
    return scores


def choose_kind(scores: dict[str, float], outcome: bool) -> str:
    """The kind with the highest score, "information" below min_score. ``outcome``: outcome wording decides the
    letter is a decision unless another kind than information scores higher."""
    min_score = float(data.load("letter").get("min_score", 2))
    if outcome:
        scores = {**scores, INFORMATION: 0.0, DECISION: max(scores.get(DECISION, 0.0), min_score)}
    best = max(scores, key=lambda k: scores[k]) if scores else None
    if best is None or scores[best] < min_score:
        return INFORMATION
    return best


def outcome_decides(letter: Letter) -> bool:
    """Outcome wording in the title or the first two paragraphs, or anywhere in a letter that also names a legal
    rule (a fragment of a decision)."""
    hits = [h for h in letter.once(kind_evidence) if h.outcome]
    if any(h.where != "body" for h in hits):
        return True
    return bool(hits) and legal_search().found(letter.text, letter.folded)


@cache
def legal_search() -> Guarded | Anchored | Alternatives:
    """A named legal rule (a §-reference, a law by name, a bekendtgørelse: data/letter.yml, ``legal``); decision.py
    lists the references with it."""
    legal = data.load("letter")["legal"]
    return searcher(data.any_of(tuple(legal if isinstance(legal, list) else [legal])))


def detect_kind(letter: Letter) -> str:
    """The letter kind, from cue phrases: decision, partshoering, reminder, invitation, request or information."""
    return choose_kind(kind_scores(letter), outcome_decides(letter))
