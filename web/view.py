"""Report dict → what the result templates show: text pieces with <mark> ranges and sentence levels, findings grouped
by category, letter-level findings and the checklist.

Pure presentation over Report.to_dict(): positions come from the findings' offsets, numbers from the report. The
live page (static/app.js) gets the same panel rendered by these templates (POST /tjek/live) and draws the marks and
sentence colours in its editor from the report itself.
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


# Sentence colours: a sentence whose own LIX (its length in words + its share of long words, as lixcheck measures
# it) falls in the "hard" or "very hard" band. The bands are lixcheck's; nothing is scored here.
SENTENCE_LEVELS = {"hard": "hard", "very hard": "very-hard"}


def sentence_levels(report: dict) -> list[tuple[int, int, str]]:
    """(start, end, level) of the report's hard and very hard sentences (static/app.js reads the same bands)."""
    out = []
    for s in report.get("sentences", []):
        level = SENTENCE_LEVELS.get((s.get("lix") or {}).get("band"))
        if level and s.get("counted", True):
            out.append((s["offset"], s["offset"] + s["length"], level))
    return out


def build(report: dict, *, paste_mode: bool, rules: dict | None = None, target: float | None = None) -> dict:
    """``rules``: rule id → the rule's dict from catalog (for Danish names); ``target``: the LIX the letter should
    stay at or under (checking.lix_target)."""
    text = report["text"]
    rules = rules or {}
    paragraphs = report.get("paragraphs", [])
    starts = [p["offset"] for p in paragraphs]
    findings = []
    for i, f in enumerate(report.get("findings", [])):
        document = (f.get("scope") or "text") == "document"  # letter-level: the checklist, not a mark
        findings.append({
            **f,
            "id": i,
            "document": document,
            "shown_text": _mask(f),
            "inline": not document and inline(f, paragraphs, starts),
            "severity_da": SEVERITY_DA.get(f["severity"], f["severity"]),
            "category_da": category_da(f["category"]),
            "rule_name": _name(rules, f["rule"]),
            "also_names": [_name(rules, r) for r in f.get("also") or []],
        })
    marks = sorted((f["offset"], f["offset"] + f["length"], f["id"]) for f in findings if f["inline"])
    levels = sentence_levels(report)
    by_id = {f["id"]: f for f in findings}
    first_piece: set[int] = set()
    paras = []
    active: list[tuple[int, int, int]] = []  # a sweep over the marks: those that may reach the next paragraph
    nxt = 0
    number = 0
    for p in paragraphs:
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
        # The paragraphs that show their LIX are numbered 1, 2, … (letterhead, address, headings and signature are
        # not paragraphs to the reader, and a Word file has many of them before the first one).
        number += 1 if p.get("counted", True) and p["lix"]["value"] is not None else 0
        paras.append({**p, "pieces": ps, "number": number})
    groups: dict[str, list] = {}
    for f in sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), f["offset"])):
        if not f["document"]:
            groups.setdefault(f["category"], []).append(f)
    ordered = sorted(groups.items(), key=lambda kv: min(SEVERITY_ORDER.get(f["severity"], 9) for f in kv[1]))
    lix = report["lix"]
    letter = report.get("letter") or {}
    meta = report.get("meta", {})
    return {
        "text": text,
        "lix": lix,
        "lix_target": target,
        "lix_over": target is not None and lix["value"] is not None and lix["value"] > target,
        "bands": band_rows(),
        "meter_max": METER_MAX,
        "meter_low": METER_LOW,
        "meter_high": METER_HIGH,
        "paragraphs": paras,
        "groups": [{"category": c, "category_da": category_da(c), "findings": fs} for c, fs in ordered],
        "document_findings": [f for f in findings if f["document"]],
        "count": len(findings),
        "text_count": sum(len(fs) for fs in groups.values()),
        "severity_counts": {s: sum(1 for fs in groups.values() for f in fs if f["severity"] == s)
                            for s in SEVERITY_ORDER},
        "summary": report.get("summary", {}),
        "checklist": checklist(report.get("letter"), report.get("sender"), meta.get("kind") or letter.get("kind"),
                               bool(meta.get("kind_detected"))),
        "meta": meta,
        "paste_mode": paste_mode,
    }


def _name(rules: dict, rule_id: str) -> str:
    r = rules.get(rule_id)
    return (r.get("name") or r.get("summary") or rule_id) if r else rule_id


def band_rows() -> list[dict]:
    """The LIX bands from lixcheck.model: name, Danish name, lower and upper limit (upper None = no limit)."""
    rows, lower = [], 0
    for upper, name in BANDS:
        rows.append({"name": name, "da": BAND_DA[name], "lower": lower,
                     "upper": None if upper == float("inf") else int(upper)})
        lower = upper
    return rows


PARTSHOERING = "partshoering"  # lixcheck's kind id (the Danish word without ø), as in Report.meta.kind
OUTCOME_DA = {"approval": "bevilling", "refusal": "afslag (helt eller delvis)"}
PARTS_DA = {"where": "hvor man klager", "deadline": "klagefrist"}


def _item(ok, text: str) -> dict:
    return {"ok": ok, "text": text}


def checklist(letter: dict | None, sender: dict | None, kind: str | None = None, detected: bool = False) -> dict | None:
    """The report's "letter" and "sender" sections as check items (ok True/False, or None for plain facts).

    ``kind``: the letter kind the report was checked as (meta.kind); ``detected``: lixcheck found it itself.
    """
    if not letter and not sender:
        return None
    out: dict = {"kind": kind or (letter or {}).get("kind"), "kind_detected": detected, "letter": [], "sender": [],
                 "reasons": []}
    if letter:
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
            # "; " between references: one reference may hold a comma ("§ 81, stk. 1")
            text = "; ".join(map(str, basis)) if isinstance(basis, list) else ("ja" if basis else "")
            out["letter"].append(_item(bool(basis), "Lovgrundlag: " + (text or "mangler")))
        if out["kind"] == PARTSHOERING and "reply_deadline" in letter:
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
