"""One finding per place (Finding.also) and findings about the whole letter (Finding.scope), through the library, the
JSON API and the rule files."""

from __future__ import annotations

from pathlib import Path

import pytest
from lixcheck.web import create_app

import lixcheck
from lixcheck.engine import list_rules
from lixcheck.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
CONFIG = {"rules": {"plugins": False}}
LETTER = ("Afgørelse om hjælp til briller\n\nKære Anna\n\nDokumentationen bedes fremsendt senest den 1. maj. "
          "De bedes sende lønsedlerne.\n\nMed venlig hilsen\nMSB\nAarhus Kommune\nTlf. 89 40 20 00\n")


def test_the_most_specific_rule_keeps_the_place_and_names_the_others():
    report = lixcheck.check(LETTER, config=CONFIG)
    at = {f.text: f for f in report.findings if f.scope == "text"}
    # "bedes": the jargon entry (advice for this word) over passive; "De bedes" is the same place
    bedes = [f for f in report.findings if f.text in ("bedes", "De bedes")]
    assert [(f.rule, f.text) for f in bedes] == [("jargon", "bedes"), ("jargon", "bedes")]
    assert bedes[0].also == ("passive",) and set(bedes[1].also) == {"formal-address", "passive"}
    assert at["fremsendt"].rule == "jargon" and at["fremsendt"].replacements == ("sendt",)
    # the sender's own acronym check (with the local name) over the general acronym list
    assert at["MSB"].rule == "sender.acronym" and at["MSB"].also == ("acronym",)


def test_word_findings_never_overlap_but_sentence_findings_keep_their_own_place():
    text = ("Vi har i henhold til reglerne og i overensstemmelse med praksis foretaget en vurdering af din ansøgning "
            "om hjælp til tandbehandling, og vi har endvidere set på, om du har mulighed for at få hjælp fra andre "
            "steder, før vi træffer afgørelse.")
    findings = lixcheck.check(text, config=CONFIG).findings
    assert any(f.rule == "long-sentence" for f in findings)  # around the jargon words, not absorbed by them
    short = [f for f in findings if f.scope == "text" and len(f.text.split()) <= 4]
    assert len(short) >= 4
    for i, a in enumerate(short):
        for b in short[i + 1:]:
            assert a.offset + a.length <= b.offset or b.offset + b.length <= a.offset, (a, b)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "corpus" / "jargon").glob("*.txt"))[:12])
def test_no_two_findings_on_the_same_words_in_the_corpus(name):
    text = (ROOT / "corpus" / "jargon" / name).read_text(encoding="utf-8")
    spans = [(f.offset, f.length) for f in lixcheck.check(text, config=CONFIG).findings if f.scope == "text"]
    assert len(spans) == len(set(spans))


def test_letter_level_findings_are_document_findings():
    report = lixcheck.check(LETTER, kind="decision", config=CONFIG)
    scopes = {f.rule: f.scope for f in report.findings}
    assert scopes["decision.klagevejledning"] == "document" and scopes["next-step"] == "document"
    assert scopes["jargon"] == "text"
    document = {r.id for r in list_rules(CONFIG) if r.scope == "document"}
    assert {"lix", "next-step", "decision.klagevejledning", "decision.begrundelse", "decision.legal-basis",
            "sender.organisation", "sender.unit", "sender.contact", "template.title"} <= document
    assert "jargon" not in document and "sender.acronym" not in document


def test_json_api_carries_also_and_scope():
    client = create_app().test_client()
    body = client.post("/api/v1/check", json={"text": LETTER, "kind": "decision"}).get_json()
    assert all(set(f) >= {"also", "scope"} for f in body["findings"])
    assert any(f["also"] for f in body["findings"]) and {f["scope"] for f in body["findings"]} == {"text", "document"}
    rules = client.get("/api/v1/rules").get_json()["rules"]
    assert {r["id"]: r["scope"] for r in rules}["lix"] == "document"


def test_scope_is_validated_in_rule_files(tmp_path):
    (tmp_path / "x.yml").write_text("""rules:
  - id: x.hele-brevet
    type: existence
    category: structure
    severity: suggestion
    scope: page
    message: "Mangler."
    description: Test.
    why: Test.
    source: own
    examples: {bad: [a], good: [b]}
    phrases: [a]
""", encoding="utf-8")
    with pytest.raises(ConfigError, match="scope"):
        lixcheck.check("a", config={"rules": {"paths": [str(tmp_path)], "plugins": False}})
