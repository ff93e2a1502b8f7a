"""A Report as a marked-up letter: the text cut into pieces at the findings' boundaries, each piece listing the
findings that cover it. The review app's result view (web/view.py) and the batch report's template pages
(lixcheck/batch/report_html.py) both show a letter this way; ``letter_html`` writes the same markup as the review
app's template (web/templates/_results.html) for a page without a template engine.

Pure presentation over Report.to_dict(): positions come from the findings' offsets.
"""

from __future__ import annotations

import bisect
from html import escape

from ..model import SEVERITIES

SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def inline(finding: dict, paragraphs: list[dict], starts: list[int] | None = None) -> bool:
    """Whether a finding is marked in the text: not empty and covering no whole paragraph.

    ``starts`` (the paragraphs' offsets, in order) makes this a binary search instead of a scan.
    """
    start, length = finding["offset"], finding["length"]
    if length <= 0:
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


def pieces(text: str, start: int, end: int, marks: list[tuple[int, int, int]]) -> list[dict]:
    """text[start:end] cut at every mark boundary; each piece lists the marks (finding ids) that cover it."""
    inside = [(max(s, start), min(e, end), i) for s, e, i in marks if s < end and e > start]
    cuts = sorted({start, end, *(s for s, _, _ in inside), *(e for _, e, _ in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ids = [i for s, e, i in inside if s <= a and e >= b]
        out.append({"text": text[a:b], "ids": ids})
    return out


def paragraphs(report: dict, findings: list[dict]) -> list[dict]:
    """The report's paragraphs, each with ``pieces`` (text, ids, and for a marked piece the worst ``severity``,
    the ``anchors`` of the findings that start there and a ``label`` of their messages) and its ``number``.

    ``findings``: the report's findings as dicts with an ``id`` each and ``inline`` (see inline())."""
    text = report["text"]
    marks = sorted((f["offset"], f["offset"] + f["length"], f["id"]) for f in findings if f["inline"])
    by_id = {f["id"]: f for f in findings}
    first_piece: set[int] = set()
    paras = []
    active: list[tuple[int, int, int]] = []  # a sweep over the marks: those that may reach the next paragraph
    nxt = 0
    for p in report.get("paragraphs", []):
        p_start, p_end = p["offset"], p["offset"] + p["length"]
        while nxt < len(marks) and marks[nxt][0] < p_end:
            active.append(marks[nxt])
            nxt += 1
        active = [m for m in active if m[1] > p_start]
        ps = pieces(text, p_start, p_end, active)
        for piece in ps:
            if piece["ids"]:
                worst = min(piece["ids"], key=lambda i: (SEVERITY_ORDER.get(by_id[i]["severity"], 9),
                                                         by_id[i]["length"]))
                piece["severity"] = by_id[worst]["severity"]
                piece["anchors"] = [i for i in piece["ids"] if i not in first_piece]
                first_piece.update(piece["ids"])
                piece["label"] = "; ".join(by_id[i]["message"] for i in piece["ids"])
        paras.append({**p, "pieces": ps, "number": p["index"] + 1})
    return paras


def letter_html(paras: list[dict], *, anchor_prefix: str = "m-") -> str:
    """The marked letter as HTML: the review app's ``<div class="letter">`` with a ``<mark class="sev-…">`` per
    marked piece (its ``title`` lists the findings' messages). Every text is escaped."""
    out = ['<div class="letter">']
    for p in paras:
        out.append(f'<div class="para para-{escape(str(p.get("kind", "body")))}">')
        for piece in p["pieces"]:
            if piece["ids"]:
                multi = " multi" if len(piece["ids"]) > 1 else ""
                anchors = "".join(f'<span class="anchor" id="{anchor_prefix}{a}"></span>' for a in piece["anchors"])
                out.append(f'<mark class="sev-{escape(piece["severity"])}{multi}" title="{escape(piece["label"])}">'
                           f'{anchors}{escape(piece["text"])}</mark>')
            else:
                out.append(escape(piece["text"]))
        out.append("</div>")
    out.append("</div>")
    return "".join(out)
