"""The LanguageTool-compatible API (/v2): LanguageTool's JSON, UTF-16 offsets, AnnotatedText, rule filters, and a
real LanguageTool client (language-tool-python) talking to a real `lixcheck serve`.

language-tool-python with remote_server=URL starts no Java server and downloads nothing: it only asks URL/v2/languages
(to normalise the language tag) and POSTs URL/v2/check. The test points its download folder (LTP_PATH) at an empty
temporary folder and checks that it stays empty.
"""

from __future__ import annotations

import json
import re

import pytest
from lixcheck.web import create_app
from web_server import lixcheck_server

from lixcheck.cli import SAMPLE

LETTER = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def lt_check(client, **fields):
    r = client.post("/v2/check", data={"language": "da-DK", **fields})
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()


def api_findings(client, text):
    return client.post("/api/v1/check", json={"text": text}).get_json()["findings"]


def utf16(s: str) -> bytes:
    return s.encode("utf-16-le")


def u16_slice(s: str, offset: int, length: int) -> str:
    return utf16(s)[2 * offset:2 * (offset + length)].decode("utf-16-le")


def assert_placed(m: dict, f: dict, text: str, shift: int = 0) -> None:
    """A match sits where its finding is: on the finding's words, or, for a finding about the whole letter, on a
    short piece of one line at the start of the part it was found from (never on whole paragraphs)."""
    got = u16_slice(text, m["offset"], m["length"])
    if f["scope"] == "text":
        assert m["offset"] == f["offset"] + shift and got == f["text"]
        return
    assert 0 < len(got) <= 80 and "\n" not in got, got
    assert f["text"].lstrip().startswith(got), (got, f["text"][:100])


def test_answer_has_languagetools_shape(client):
    body = lt_check(client, text=LETTER)
    assert body["software"]["name"] == "lixcheck" and body["software"]["apiVersion"] == 1
    assert body["language"]["code"] == "da-DK"
    findings = api_findings(client, LETTER)
    assert len(body["matches"]) == len(findings) > 0
    for m, f in zip(body["matches"], findings, strict=True):
        assert set(m) >= {"message", "shortMessage", "offset", "length", "replacements", "context", "sentence",
                          "rule", "type"}
        assert m["rule"]["id"] == f["rule"] and m["message"] == f["message"]
        assert set(m["rule"]) >= {"id", "description", "issueType", "category", "urls"}
        assert m["rule"]["category"] == {"id": f["category"].upper(), "name": m["shortMessage"]}
        assert m["replacements"] == [{"value": r} for r in f["replacements"]]
        ctx = m["context"]
        assert_placed(m, f, LETTER)
        assert u16_slice(ctx["text"], ctx["offset"], ctx["length"]) == u16_slice(LETTER, m["offset"], m["length"])
        assert m["rule"]["urls"][0]["value"].endswith("/regler/" + f["rule"])
        if f["length"] < 200 and f["scope"] == "text":
            assert f["text"] in m["sentence"] or m["sentence"] in f["text"]
        assert m["type"]["typeName"] == ("Hint" if m["rule"]["issueType"] in ("register", "style", "terminology")
                                         else "Other")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000", body["software"]["buildDate"])
    scopes = {f["scope"] for f in findings}
    assert scopes == {"text", "document"}, "the sample letter has findings of both scopes"


def test_offsets_are_utf16_code_units(client):
    text = "😀🇩🇰 " + LETTER  # three characters outside the BMP: 6 UTF-16 units, 3 Python code points
    body = lt_check(client, text=text)
    findings = api_findings(client, text)
    assert body["matches"]
    for m, f in zip(body["matches"], findings, strict=True):
        assert_placed(m, f, text, shift=3)
    ranges = body["sentenceRanges"]
    assert ranges and all(0 <= a < b <= len(utf16(text)) // 2 for a, b in ranges)


def test_annotated_text_offsets_point_into_the_original_markup(client):
    paragraphs = LETTER.split("\n\n")
    annotation = [{"markup": "<html><body>"}]
    for p in paragraphs:
        annotation += [{"markup": "<p class=\"x\">"}, {"text": p}, {"markup": "</p>", "interpretAs": "\n\n"}]
    annotation.append({"markup": "</body></html>"})
    original = "".join(a.get("text", a.get("markup", "")) for a in annotation)
    plain = "\n\n".join(paragraphs) + "\n\n"
    body = lt_check(client, data=json.dumps({"annotation": annotation}))
    findings = api_findings(client, plain)
    assert body["matches"] and len(body["matches"]) == len(findings)
    for m, f in zip(body["matches"], findings, strict=True):
        if "\n\n" not in f["text"] and f["scope"] == "text":  # inside one paragraph: exactly its text in the markup
            assert u16_slice(original, m["offset"], m["length"]) == f["text"]


def test_rule_and_category_filters(client):
    all_matches = lt_check(client, text=LETTER)["matches"]
    rules = {m["rule"]["id"] for m in all_matches}
    cats = {m["rule"]["category"]["id"] for m in all_matches}
    some_rule, some_cat = sorted(rules)[0], sorted(cats)[0]
    got = lt_check(client, text=LETTER, disabledRules=some_rule.upper())["matches"]
    assert got and some_rule not in {m["rule"]["id"] for m in got}
    got = lt_check(client, text=LETTER, disabledCategories=some_cat)["matches"]
    assert some_cat not in {m["rule"]["category"]["id"] for m in got}
    got = lt_check(client, text=LETTER, enabledRules=some_rule, enabledOnly="true")["matches"]
    assert got and {m["rule"]["id"] for m in got} == {some_rule}
    got = lt_check(client, text=LETTER, enabledCategories=some_cat, enabledOnly="true")["matches"]
    assert {m["rule"]["category"]["id"] for m in got} == {some_cat}


def test_languages_and_bad_requests(client):
    assert client.get("/v2/languages").get_json() == [{"name": "Danish", "code": "da", "longCode": "da-DK"}]
    for lang in ("da", "auto", "DA-dk"):
        assert client.post("/v2/check", data={"text": LETTER, "language": lang}).status_code == 200
    # errors are plain text, as LanguageTool's server sends them
    r = client.post("/v2/check", data={"text": LETTER, "language": "en-US"})
    assert r.status_code == 400 and r.mimetype == "text/plain" and "dansk" in r.get_data(as_text=True)
    assert client.post("/v2/check", data={"text": LETTER}).status_code == 400
    assert client.post("/v2/check", data={"language": "da"}).status_code == 400
    r = client.post("/v2/check", data={"language": "da", "data": "{ikke json"})
    assert r.status_code == 400 and r.mimetype == "text/plain" and "AnnotatedText" in r.get_data(as_text=True)
    r = client.post("/v2/check", data={"language": "da", "text": LETTER, "enabledOnly": "true"})
    assert r.status_code == 400 and "enabledRules" in r.get_data(as_text=True)
    r = client.get("/v2/findes-ikke")
    assert r.status_code == 404 and r.mimetype == "text/plain"
    assert lt_check(client, text="")["matches"] == [] and lt_check(client, text="  \n ")["matches"] == []


def test_language_tool_python_client_against_lixcheck_serve(tmp_path, monkeypatch):
    language_tool_python = pytest.importorskip("language_tool_python")
    from language_tool_python.exceptions import LanguageToolError
    downloads = tmp_path / "ltp"
    downloads.mkdir()
    monkeypatch.setenv("LTP_PATH", str(downloads))
    with lixcheck_server(tmp_path) as base:
        tool = language_tool_python.LanguageTool("da-DK", remote_server=base)
        try:
            matches = tool.check(LETTER)
            corrected = tool.correct(LETTER)
            tool.disabled_categories.add("JARGON")
            without_jargon = tool.check(LETTER)
            tool.disabled_categories.clear()
            tool.enabled_rules_only = True  # and no rule enabled: the server's plain-text error reaches the caller
            with pytest.raises(LanguageToolError, match="enabledRules"):
                tool.check(LETTER)
        finally:
            tool.close()
    c = create_app().test_client()
    findings = api_findings(c, LETTER)
    assert [m.rule_id for m in matches] == [f["rule"] for f in findings]
    for m, f in zip(matches, findings, strict=True):
        assert m.category == f["category"].upper()
        assert_placed({"offset": m.offset, "length": m.error_length}, f, LETTER)
    first = next(f for f in findings if f["replacements"])
    assert first["replacements"][0] in corrected and corrected != LETTER
    assert "JARGON" not in {m.category for m in without_jargon}
    assert list(downloads.iterdir()) == [], "language-tool-python must not download LanguageTool"


def test_cpr_numbers_are_masked_in_context_and_sentence(client):
    text = LETTER + "\nDit CPR-nummer er 010203-1234, og det skal du ikke skrive her.\n"
    body = lt_check(client, text=text)
    dumped = json.dumps(body, ensure_ascii=False)
    assert "010203-1234" not in dumped and "010203-XXXX" in dumped
