"""Report dict → what the result templates show: text pieces with <mark> ranges, findings grouped by category.

Pure presentation over Report.to_dict(): positions come from the findings' offsets, numbers from the report. The
JavaScript renderer (static/app.js) builds the same structure from the JSON API.
"""

from __future__ import annotations

import bisect

from .. import mask_cpr
from ..model import BAND_DA, BANDS
from .catalog import SEVERITY_DA, SEVERITY_ORDER, category_da

METER_MAX = 70  # the LIX meter's scale; the band limits come from lixcheck.model.BANDS
# The meter turns amber from the "medium" band and red from the "hard" band (HTML <meter> low/high).
METER_LOW = int(next(upper for upper, name in BANDS if name == "easy"))
METER_HIGH = int(next(upper for upper, name in BANDS if name == "medium"))


def _mask(finding: dict) -> str:
    """The matched text as shown to the user. The Report is already CPR-masked; masking again costs nothing."""
    return mask_cpr(finding.get("text", ""))


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


def build(report: dict, *, paste_mode: bool) -> dict:
    text = report["text"]
    paragraphs = report.get("paragraphs", [])
    starts = [p["offset"] for p in paragraphs]
    findings = []
    for i, f in enumerate(report.get("findings", [])):
        findings.append({
            **f,
            "id": i,
            "shown_text": _mask(f),
            "inline": inline(f, paragraphs, starts),
            "severity_da": SEVERITY_DA.get(f["severity"], f["severity"]),
            "category_da": category_da(f["category"]),
        })
    marks = sorted((f["offset"], f["offset"] + f["length"], f["id"]) for f in findings if f["inline"])
    by_id = {f["id"]: f for f in findings}
    first_piece: set[int] = set()
    paras = []
    active: list[tuple[int, int, int]] = []  # a sweep over the marks: those that may reach the next paragraph
    nxt = 0
    for p in paragraphs:
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
    groups: dict[str, list] = {}
    for f in sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), f["offset"])):
        groups.setdefault(f["category"], []).append(f)
    ordered = sorted(groups.items(), key=lambda kv: min(SEVERITY_ORDER.get(f["severity"], 9) for f in kv[1]))
    return {
        "text": text,
        "lix": report["lix"],
        "bands": band_rows(),
        "meter_max": METER_MAX,
        "meter_low": METER_LOW,
        "meter_high": METER_HIGH,
        "paragraphs": paras,
        "groups": [{"category": c, "category_da": category_da(c), "findings": fs} for c, fs in ordered],
        "count": len(findings),
        "summary": report.get("summary", {}),
        "checklist": checklist(report.get("letter"), report.get("sender")),
        "meta": report.get("meta", {}),
        "paste_mode": paste_mode,
    }


def band_rows() -> list[dict]:
    """The LIX bands from lixcheck.model: name, Danish name, lower and upper limit (upper None = no limit)."""
    rows, lower = [], 0
    for upper, name in BANDS:
        rows.append({"name": name, "da": BAND_DA[name], "lower": lower,
                     "upper": None if upper == float("inf") else int(upper)})
        lower = upper
    return rows


OUTCOME_DA = {"approval": "bevilling", "refusal": "afslag (helt eller delvis)"}
PARTS_DA = {"where": "hvor man klager", "deadline": "klagefrist"}


def _item(ok, text: str) -> dict:
    return {"ok": ok, "text": text}


def checklist(letter: dict | None, sender: dict | None) -> dict | None:
    """The report's "letter" and "sender" sections as check items (ok True/False, or None for plain facts)."""
    if not letter and not sender:
        return None
    out: dict = {"kind": None, "letter": [], "sender": [], "reasons": []}
    if letter:
        out["kind"] = letter.get("kind")
        if letter.get("is_decision"):
            if letter.get("outcome") in OUTCOME_DA:
                out["letter"].append(_item(None, "Udfald: " + OUTCOME_DA[letter["outcome"]]))
            k = letter.get("klagevejledning")
            missing = [PARTS_DA.get(p, p) for p, v in (letter.get("klagevejledning_parts") or {}).items() if not v]
            if not k:
                out["letter"].append(_item(False, "Klagevejledning: mangler"))
            elif missing:
                out["letter"].append(_item(False, "Klagevejledning: ja, men uden " + " og ".join(missing)))
            else:
                out["letter"].append(_item(True, "Klagevejledning: ja"))
            out["letter"].append(_item(bool(letter.get("begrundelse")),
                                       "Begrundelse: " + ("ja" if letter.get("begrundelse") else "mangler")))
            basis = letter.get("legal_basis")
            text = ", ".join(map(str, basis)) if isinstance(basis, list) else ("ja" if basis else "")
            out["letter"].append(_item(bool(basis), "Lovgrundlag: " + (text or "mangler")))
        if letter.get("kind") == "partshoering" and "reply_deadline" in letter:
            out["letter"].append(_item(bool(letter["reply_deadline"]),
                                       "Svarfrist: " + ("ja" if letter["reply_deadline"] else "mangler")))
    if sender:
        out["sender"].append(_item(bool(sender.get("clear")), "Afsenderen er tydelig" if sender.get("clear")
                                   else "Afsenderen er ikke tydelig"))
        out["sender"].append(_item(bool(sender.get("organisation")),
                                   "Myndighed: " + (sender.get("organisation") or "mangler")))
        out["sender"].append(_item(bool(sender.get("unit")), "Enhed: " + (sender.get("unit") or "mangler")))
        contact = sender.get("contact") or {}
        ways = [str(contact[k]) for k in ("person", "phone", "email", "web") if contact.get(k)]
        out["sender"].append(_item(bool(ways), "Kontakt: " + (", ".join(ways) or "mangler")))
        out["reasons"] = [str(r) for r in sender.get("reasons") or []]
    return out
