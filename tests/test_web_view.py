"""The result view: marks built from finding offsets (pure, over hand-made Report dicts)."""

from __future__ import annotations

import pytest
from lixcheck.web import view

from lixcheck.model import BANDS
from lixcheck.writers import marked


def _finding(rule, offset, length, text, severity="warning", category="jargon", replacements=()):
    return {"rule": rule, "severity": severity, "category": category, "message": f"besked {rule}",
            "offset": offset, "length": length, "line": 1, "column": offset + 1, "block": 0,
            "text": text[offset:offset + length], "replacements": list(replacements), "doc_url": "/regler/" + rule,
            "description": ""}


def _report(text, paragraphs, findings):
    lix = {"value": None, "words": 0, "sentences": 0, "long_words": 0, "band": None, "band_da": None, "reason": "x"}
    return {"text": text, "lix": lix, "findings": findings, "summary": {}, "meta": {},
            "paragraphs": [{"index": i, "offset": o, "length": n, "kind": "paragraph", "counted": True, "lix": lix}
                           for i, (o, n) in enumerate(paragraphs)]}


def test_pieces_cut_at_every_boundary_and_keep_all_text():
    text = "Såfremt De ønsker det, bedes De ringe."
    marks = [(0, 7, 0), (23, 28, 1), (0, 38, 2)]  # two words inside one long (sentence) mark
    ps = marked.pieces(text, 0, len(text), marks)
    assert "".join(p["text"] for p in ps) == text
    assert ps[0] == {"text": "Såfremt", "ids": [0, 2], "level": ""}
    assert {"text": "bedes", "ids": [1, 2], "level": ""} in ps
    assert all(2 in p["ids"] for p in ps)


def test_overlapping_findings_and_paragraph_wide_findings():
    text = "Første afsnit her.\n\nAndet afsnit med såfremt."
    f_word = _finding("jargon", text.index("såfremt"), 7, text, replacements=["hvis"])
    f_para = _finding("long-paragraph", 20, len(text) - 20, text, severity="suggestion", category="readability")
    f_empty = _finding("decision.klagevejledning", 0, 0, text, severity="error", category="decision")
    v = view.build(_report(text, [(0, 18), (20, len(text) - 20)], [f_word, f_para, f_empty]), paste_mode=True)
    inline = {f["rule"]: f["inline"] for g in v["groups"] for f in g["findings"]}
    assert inline == {"jargon": True, "long-paragraph": False, "decision.klagevejledning": False}
    second = v["paragraphs"][1]["pieces"]
    assert "".join(p["text"] for p in second) == text[20:]
    marked = [p for p in second if p["ids"]]
    assert [p["text"] for p in marked] == ["såfremt"] and marked[0]["severity"] == "warning"
    assert marked[0]["anchors"] == [0]
    # groups: the error's category first
    assert [g["category"] for g in v["groups"]][0] == "decision"


def test_cpr_findings_are_masked_in_the_side_list():
    text = "Dit CPR-nummer er 010203-1234 og det er godt."
    f = _finding("template.cpr", text.index("010203"), 11, text, severity="error", category="template")
    v = view.build(_report(text, [(0, len(text))], [f]), paste_mode=False)
    shown = v["groups"][0]["findings"][0]["shown_text"]
    assert "1234" not in shown and shown.startswith("010203")


def test_band_rows_follow_the_model():
    rows = view.band_rows()
    assert [r["name"] for r in rows] == [name for _, name in BANDS]
    assert rows[0]["lower"] == 0 and rows[-1]["upper"] is None
    assert all(a["upper"] == b["lower"] for a, b in zip(rows, rows[1:], strict=False))


def _lix(value=None, band=None):
    return {"value": value, "words": 10, "sentences": 1, "long_words": 2, "band": band, "band_da": None, "reason": None}


def test_document_findings_go_to_the_checklist_and_a_finding_without_scope_is_a_text_finding():
    text = "Første afsnit med såfremt.\n\nAndet afsnit."
    f_word = _finding("jargon", text.index("såfremt"), 7, text, replacements=["hvis"])  # no scope: before issue 16
    f_doc = {**_finding("next-step", 0, 5, text, severity="suggestion", category="structure"), "scope": "document"}
    f_text = {**_finding("passive", 0, 6, text, severity="suggestion", category="passive"), "scope": "text"}
    v = view.build(_report(text, [(0, 26), (28, 13)], [f_word, f_doc, f_text]), paste_mode=True)
    assert [f["rule"] for f in v["document_findings"]] == ["next-step"]
    listed = {f["rule"]: f["inline"] for g in v["groups"] for f in g["findings"]}
    assert listed == {"jargon": True, "passive": True}
    marked = {i for p in v["paragraphs"] for piece in p["pieces"] for i in piece["ids"]}
    assert marked == {0, 2} and v["text_count"] == 2 and v["count"] == 3


def test_cards_get_danish_rule_names_and_the_other_rules_at_the_same_place():
    text = "Dokumentationen bedes sendt."
    f = {**_finding("jargon", text.index("bedes"), 5, text), "also": ["passive", "unknown.rule"]}
    rules = {"jargon": {"name": "Kancellisprog"}, "passive": {"name": "Passiv (-s)"}}
    card = view.build(_report(text, [(0, len(text))], [f]), paste_mode=True, rules=rules)["groups"][0]["findings"][0]
    assert card["rule_name"] == "Kancellisprog" and card["also_names"] == ["Passiv (-s)", "unknown.rule"]


def test_hard_and_very_hard_sentences_from_the_report_bands():
    text = "Kort sætning. Lang og svær sætning her. Meget svær sætning."
    spans = [(0, 13, "easy"), (14, 25, "hard"), (40, 19, "very hard")]
    report = _report(text, [(0, len(text))], [])
    report["sentences"] = [{"index": i, "offset": o, "length": n, "kind": "paragraph", "counted": True,
                            "lix": _lix(50.0, band)} for i, (o, n, band) in enumerate(spans)]
    assert marked.sentence_levels(report) == [(14, 39, "hard"), (40, 59, "very-hard")]
    pieces = view.build(report, paste_mode=True)["paragraphs"][0]["pieces"]
    assert [(p["text"], p["level"]) for p in pieces] == [
        ("Kort sætning. ", ""), ("Lang og svær sætning her.", "hard"), (" ", ""),
        ("Meget svær sætning.", "very-hard")]


def test_only_paragraphs_with_their_own_lix_are_numbered():
    text = "Kommunen\n\nOverskrift\n\nFørste afsnit.\n\nAndet afsnit."
    report = _report(text, [(0, 8), (10, 10), (22, 14), (38, 13)], [])
    report["paragraphs"][0]["counted"] = False
    report["paragraphs"][1]["counted"] = False
    for p in report["paragraphs"][2:]:
        p["lix"] = _lix(20.0, "very easy")
    numbers = [p["number"] for p in view.build(report, paste_mode=True)["paragraphs"]]
    assert numbers[2:] == [1, 2]


def test_checklist_partshoering_deadline_and_legal_basis_with_commas():
    letter = {"kind": "partshoering", "is_decision": False, "reply_deadline": True}
    items = view.checklist(letter, None, "partshoering")["letter"]
    assert {"ok": True, "text": "Svarfrist: ja"} in items
    decision = {"kind": "decision", "is_decision": True, "klagevejledning": True, "begrundelse": True,
                "legal_basis": ["§ 81, stk. 1", "lov om aktiv socialpolitik"]}
    texts = [i["text"] for i in view.checklist(decision, None, "decision")["letter"]]
    assert "Lovgrundlag: § 81, stk. 1; lov om aktiv socialpolitik" in texts


@pytest.mark.parametrize(("present", "parts", "text"), [
    (True, {"where": True, "deadline": True, "how": True, "mentioned": True}, "Klagevejledning: ja"),
    (False, {"where": True, "deadline": False, "how": True, "mentioned": True},
     "Klagevejledning: ja, men uden klagefrist"),
    (False, {"where": True, "deadline": True, "how": False, "mentioned": True},
     "Klagevejledning: ja, men uden hvordan man klager"),
    (False, {"where": False, "deadline": False, "how": False, "mentioned": True},
     "Klagevejledning: ja, men uden hvor man klager, hvordan man klager og klagefrist"),
    (False, {"where": False, "deadline": False, "how": False, "mentioned": False}, "Klagevejledning: mangler"),
])
def test_checklist_klagevejledning_in_danish_from_its_parts(present, parts, text):
    letter = {"kind": "decision", "is_decision": True, "klagevejledning": present, "klagevejledning_parts": parts}
    assert text in [i["text"] for i in view.checklist(letter, None, "decision")["letter"]]


def test_checklist_shows_a_postal_address_as_a_way_to_get_in_touch():
    sender = {"clear": True, "organisation": "Miljøstyrelsen", "unit": None,
              "contact": {"phone": None, "email": None, "person": None, "web": None, "address": "Lyseng Allé 1"}}
    assert "Kontakt: Lyseng Allé 1" in [i["text"] for i in view.checklist(None, sender)["sender"]]
