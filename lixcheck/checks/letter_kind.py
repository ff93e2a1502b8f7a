"""The letter kind: decision, partshoering, reminder, invitation, request or information, from weighted cue phrases.

The cues are data (lixcheck/data/letter.yml, ``cues``): regular expressions with a weight, per kind. A cue that
matches in the title or the first two paragraphs counts ``lead_factor`` times its weight, elsewhere its weight once;
the kind with the highest score wins when it reaches ``min_score``, else the letter is "information". The analyser
calls detect_kind once per document when check() got no kind; adding a kind is adding its cues to the data.
"""

from __future__ import annotations

import re
from functools import cache

from .. import kinds
from ..letter import data
from ..letter.view import Letter
from ..search import Anchored, Guarded, SearchSet, searcher

DECISION = "decision"
PARTSHOERING = "partshoering"


def normalise_kind(kind: str | None) -> str | None:
    """'Afgørelse', 'partshøring' … → the kind ids of lixcheck's table of kinds (lixcheck/kinds.py); an unknown kind
    raises UnknownKind."""
    return kinds.normalise(kind)


@cache
def _cues() -> tuple[list[tuple[str, float, Guarded | Anchored]], SearchSet]:
    """Every cue as (kind, weight, search), in the data's order, and the set of their searches."""
    cues = [(kind, float(c["w"]), searcher(data.compiled(c["re"], re.IGNORECASE | re.MULTILINE)))
            for kind, kind_cues in data.load("letter")["cues"].items() for c in kind_cues]
    return cues, SearchSet(search for _, _, search in cues)


def kind_scores(letter: Letter) -> dict[str, float]:
    """Weighted cue score per kind; cues in the title and the first two paragraphs count lead_factor times."""
    factor = float(data.load("letter").get("lead_factor", 2))
    text, folded = letter.text, letter.folded
    lead_start, lead_end = letter.lead
    t = letter.title
    title = t.text if t else ""
    title_apart = t is not None and t.start < 0  # a title from metadata, not in the text
    cues, searches = _cues()
    scores = dict.fromkeys(data.load("letter")["cues"], 0.0)
    # A cue whose literal strings are not in the letter matches nowhere in it (nor in its title, a part of it).
    for (kind, weight, cue), possible in zip(cues, searches.possible(text, folded), strict=True):
        if not (possible or title_apart):
            continue
        # (a title in the text can match only where the cue's strings lie inside it: the letter's index says)
        in_title = title and (title_apart or cue.possible(text, folded, t.start, t.end)) and cue.pattern.search(title)
        if in_title or (possible and cue.found(text, folded, lead_start, lead_end)):
            scores[kind] += weight * factor
        elif possible and cue.found(text, folded):
            scores[kind] += weight
    return scores


def detect_kind(letter: Letter) -> str:
    """The letter kind, from cue phrases: decision, partshoering, reminder, invitation, request or information."""
    scores = kind_scores(letter)
    best = max(scores, key=lambda k: scores[k]) if scores else None
    if best is None or scores[best] < float(data.load("letter").get("min_score", 2)):
        return "information"
    return best
