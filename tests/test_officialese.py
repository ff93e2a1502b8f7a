"""The officialese word lists (rules/da/officialese-*.yml): generated where they say so, no entry twice, and every
replacement exercised by an example whose `after` is the sentence with the first replacement applied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import lixcheck
from lixcheck.engine import list_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "da"
OFFICIALESE = sorted(RULES.glob("officialese-*.yml"))


def _entries(paths) -> list[dict]:
    out = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            if item.get("id", item.get("extend")) == "jargon":
                out += item.get("swap", [])
    return out


def _phrases(entry: dict) -> list[str]:
    return entry["phrase"] if isinstance(entry["phrase"], list) else [entry["phrase"]]


def test_the_pronominal_adverbs_file_is_what_its_script_writes():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "officialese_adverbs.py"), "--check"])
    assert result.returncode == 0, "rules/da/officialese-adverbs.yml is stale: run scripts/officialese_adverbs.py"


def test_no_phrase_is_listed_twice():
    seen: dict[str, int] = {}
    for entry in _entries(sorted(RULES.glob("jargon*.yml")) + OFFICIALESE):
        for phrase in _phrases(entry):
            seen[phrase.lower()] = seen.get(phrase.lower(), 0) + 1
    assert [p for p, n in seen.items() if n > 1] == []


def _examples() -> list[dict]:
    (rule,) = [r for r in list_rules({"rules": {"plugins": False}}) if r.id == "jargon"]
    return [ex for ex in rule.examples["bad"] if isinstance(ex, dict) and "after" in ex]


def _jargon(text: str) -> list:
    report = lixcheck.check(text, config={"rules": {"plugins": False, "enable": ["jargon"]}})
    return [f for f in report.findings if f.rule == "jargon"]


@pytest.mark.parametrize("example", _examples(), ids=lambda ex: ex["text"][:40])
def test_after_is_the_sentence_with_the_first_replacement(example):
    text = example["text"]
    findings = [f for f in _jargon(text) if f.replacements]
    assert findings, f"no replacement offered for {text!r}"
    for f in sorted(findings, key=lambda f: f.offset, reverse=True):
        text = text[:f.offset] + f.replacements[0] + text[f.offset + f.length:]
    assert text == example["after"]


def _same(phrase: str, found: str) -> bool:
    a, b = phrase.lower().split(), found.lower().split()
    return len(a) == len(b) and all(x[:4] == y[:4] for x, y in zip(a, b, strict=True))


def test_every_new_entry_is_exercised_by_an_example():
    (rule,) = [r for r in list_rules({"rules": {"plugins": False}}) if r.id == "jargon"]
    found = [f.text for ex in rule.examples["bad"] for f in _jargon(ex if isinstance(ex, str) else ex["text"])]
    missing = [_phrases(e)[0] for e in _entries(OFFICIALESE)
               if not any(_same(p, t) for p in _phrases(e) for t in found)]
    assert missing == []
