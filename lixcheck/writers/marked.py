"""A Report as a marked-up letter: the text cut into pieces at the findings' and the hard sentences' boundaries, each
piece listing the findings that cover it. This is the review app's result view (web/view.py and
web/templates/_letter.html) without Flask or a template engine, so that the batch report's template pages
(lixcheck/batch/report_templates.py) show a letter the same way; ``letter_html`` writes the same markup as
_letter.html. web/view.py takes ``inline`` and ``paragraphs`` from here.

Pure presentation over Report.to_dict() (plus its ``text``): positions come from the findings' offsets.
"""

from __future__ import annotations

import bisect
from html import escape

from ..model import BAND_DA, SEVERITIES

SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
# Sentence colours: a sentence whose own LIX falls in the "hard" or "very hard" band (lixcheck's bands).
SENTENCE_LEVELS = {"hard": "hard", "very hard": "very-hard"}


def inline(finding: dict, paragraphs: list[dict], starts: list[int] | None = None) -> bool:
    """Whether a finding is marked in the text: not empty, not letter-level (``scope`` "document") and covering no
    whole paragraph. ``starts`` (the paragraphs' offsets, in order) makes this a binary search instead of a scan."""
    start, length = finding["offset"], finding["length"]
    if length <= 0 or (finding.get("scope") or "text") == "document":
        return False
    end = start + length
    if starts is None:
        starts = [p["offset"] for p in paragraphs]
    # Paragraphs are in text order and do not overlap: the first one starting at or after `start` ends first.
    for i in range(bisect.bisect_left(starts, start), len(starts)):
        p = paragraphs[i]
        if p["length"] > 0:
            return not p["offset"] + p["length"] <= end
    return True


def pieces(text: str, start: int, end: int, marks: list[tuple[int, int, int]],
           levels: list[tuple[int, int, str]] = ()) -> list[dict]:
    """text[start:end] cut at every mark and sentence boundary; each piece lists the marks (finding ids) that cover
    it and the level ("hard", "very-hard" or "") of the sentence it is in (``levels``: (start, end, level))."""
    inside = [(max(s, start), min(e, end), i) for s, e, i in marks if s < end and e > start]
    sents = [(max(s, start), min(e, end), lv) for s, e, lv in levels if s < end and e > start]
    cuts = sorted({start, end, *(s for s, _, _ in inside), *(e for _, e, _ in inside),
                   *(s for s, _, _ in sents), *(e for _, e, _ in sents)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ids = [i for s, e, i in inside if s <= a and e >= b]
        level = next((lv for s, e, lv in sents if s <= a and e >= b), "")
        out.append({"text": text[a:b], "ids": ids, "level": level})
    return out


def sentence_levels(report: dict) -> list[tuple[int, int, str]]:
    """(start, end, level) of the report's hard and very hard sentences."""
    out = []
    for s in report.get("sentences", []):
        level = SENTENCE_LEVELS.get((s.get("lix") or {}).get("band"))
        if level and s.get("counted", True):
            out.append((s["offset"], s["offset"] + s["length"], level))
    return out


def paragraphs(report: dict, findings: list[dict]) -> list[dict]:
    """The report's paragraphs, each with its ``pieces`` (text, ids, level, and for a marked piece the worst
    ``severity``, the ``anchors`` of the findings that start there and a ``label`` of their messages) and its
    ``number`` (the paragraphs that show their LIX are numbered 1, 2, …).

    ``findings``: the report's findings as dicts with an ``id`` each and ``inline`` (see inline())."""
    text = report["text"]
    marks = sorted((f["offset"], f["offset"] + f["length"], f["id"]) for f in findings if f["inline"])
    levels = sentence_levels(report)
    by_id = {f["id"]: f for f in findings}
    first_piece: set[int] = set()
    paras = []
    active: list[tuple[int, int, int]] = []  # a sweep over the marks: those that may reach the next paragraph
    nxt = 0
    number = 0
    for p in report.get("paragraphs", []):
        p_start, p_end = p["offset"], p["offset"] + p["length"]
        while nxt < len(marks) and marks[nxt][0] < p_end:
            active.append(marks[nxt])
            nxt += 1
        active = [m for m in active if m[1] > p_start]
        ps = pieces(text, p_start, p_end, active, [lv for lv in levels if lv[0] < p_end and lv[1] > p_start])
        for piece in ps:
            if piece["ids"]:
                worst = min(piece["ids"], key=lambda i: (SEVERITY_ORDER.get(by_id[i]["severity"], 9),
                                                         by_id[i]["length"]))
                piece["severity"] = by_id[worst]["severity"]
                piece["anchors"] = [i for i in piece["ids"] if i not in first_piece]
                first_piece.update(piece["ids"])
                piece["label"] = "; ".join(by_id[i]["message"] for i in piece["ids"])
        # Letterhead, address, headings and signature are not paragraphs to the reader.
        number += 1 if p.get("counted", True) and (p.get("lix") or {}).get("value") is not None else 0
        paras.append({**p, "pieces": ps, "number": number})
    return paras


def _lixnum(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def letter_html(paras: list[dict], *, anchor_prefix: str = "m-") -> str:
    """The marked letter as HTML, as web/templates/_letter.html writes it: ``<div class="letter">``, a paragraph's
    LIX label, ``<span class="sent sent-hard">`` around hard sentences and ``<mark class="sev-…">`` per marked piece
    (its ``title`` lists the findings' messages). Every text is escaped."""
    out = ['<div class="letter">']
    for p in paras:
        out.append(f'<div class="para para-{escape(str(p.get("kind", "body")))}">')
        lix = p.get("lix") or {}
        if p.get("counted", True) and lix.get("value") is not None:
            band = BAND_DA.get(lix.get("band"), lix.get("band") or "")
            out.append(f'<span class="para-lix">Afsnit {p["number"]}: LIX {_lixnum(lix["value"])} '
                       f"({escape(band)})</span>")
        for piece in p["pieces"]:
            if piece.get("level"):
                out.append(f'<span class="sent sent-{escape(piece["level"])}">')
            if piece["ids"]:
                multi = " multi" if len(piece["ids"]) > 1 else ""
                anchors = "".join(f'<span class="anchor" id="{anchor_prefix}{a}"></span>' for a in piece["anchors"])
                out.append(f'<mark class="sev-{escape(piece["severity"])}{multi}" title="{escape(piece["label"])}">'
                           f'{anchors}{escape(piece["text"])}</mark>')
            else:
                out.append(escape(piece["text"]))
            if piece.get("level"):
                out.append("</span>")
        out.append("</div>")
    out.append("</div>")
    return "".join(out)
