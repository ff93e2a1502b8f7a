"""Report dict → what the result templates show: the marked letter (lixcheck.writers.marked: text pieces with <mark>
ranges and sentence levels, shared with the batch report's template pages), findings grouped by category,
letter-level findings and the checklist.

Pure presentation over Report.to_dict(): positions come from the findings' offsets, numbers from the report. The
live page (static/app.js) gets the same panel rendered by these templates (POST /tjek/live) and draws the marks and
sentence colours in its editor from the report itself.
"""

from __future__ import annotations

from .. import mask_cpr
from ..model import BAND_DA, BANDS, join_da
from ..writers import marked
from ..writers.marked import SEVERITY_ORDER
from .catalog import SEVERITY_DA, category_da

METER_MAX = 70  # the LIX meter's scale; the band limits come from lixcheck.model.BANDS
# The meter turns amber from the "medium" band and red from the "hard" band (HTML <meter> low/high).
METER_LOW = int(next(upper for upper, name in BANDS if name == "easy"))
METER_HIGH = int(next(upper for upper, name in BANDS if name == "medium"))


def _mask(finding: dict) -> str:
    """The matched text as shown to the user. The Report is already CPR-masked; masking again costs nothing."""
    return mask_cpr(finding.get("text", ""))


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
            "inline": marked.inline(f, paragraphs, starts),
            "severity_da": SEVERITY_DA.get(f["severity"], f["severity"]),
            "category_da": category_da(f["category"]),
            "rule_name": _name(rules, f["rule"]),
            "also_names": [_name(rules, r) for r in f.get("also") or []],
        })
    paras = marked.paragraphs(report, findings)
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
PARTS_DA = {"where": "hvor man klager", "how": "hvordan man klager", "deadline": "klagefrist"}


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
            parts = letter.get("klagevejledning_parts") or {}
            # (the parts the decision.klagevejledning rule asks for, in its order; "mentioned" is a fact beside them)
            missing = [text for p, text in PARTS_DA.items() if p in parts and not parts[p]]
            if not (k or parts.get("mentioned")):
                out["letter"].append(_item(False, "Klagevejledning: mangler"))
            elif missing:
                out["letter"].append(_item(False, "Klagevejledning: ja, men uden " + join_da(missing)))
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
        ways = [str(contact[k]) for k in ("person", "phone", "email", "web", "address") if contact.get(k)]
        out["sender"].append(_item(bool(ways), "Kontakt: " + (", ".join(ways) or "mangler")))
        out["reasons"] = [str(r) for r in sender.get("reasons") or []]
    return out
