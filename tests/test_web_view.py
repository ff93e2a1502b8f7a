"""The result view: marks built from finding offsets (pure, over hand-made Report dicts)."""

from __future__ import annotations

from lixcheck.web import view

from lixcheck.model import BANDS


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
    ps = view.pieces(text, 0, len(text), marks)
    assert "".join(p["text"] for p in ps) == text
    assert ps[0] == {"text": "Såfremt", "ids": [0, 2]}
    assert {"text": "bedes", "ids": [1, 2]} in ps
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
