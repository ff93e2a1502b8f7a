"""Every rule's examples are tests: each bad example fires the rule through lixcheck.check(), each good one does not;
a bad example with `after:` gives that text when the first replacement of each of the rule's findings is accepted.

Built-in rules and installed plugin rules alike (plugins load by default). Rules that are off by default are switched
on for their own examples. A rule "fires" also when its finding was kept by a more specific rule at the same place
(Finding.also).
"""

from __future__ import annotations

import pytest

import lixcheck
from lixcheck.engine import list_rules

RULES = list_rules()


def _cases(which: str):
    for rule in RULES:
        for i, ex in enumerate(rule.examples[which]):
            text, kind = (ex, None) if isinstance(ex, str) else (ex["text"], ex.get("kind"))
            yield pytest.param(rule.id, text, kind, id=f"{rule.id}-{which}{i + 1}")


def _report(rule_id: str, text: str, kind: str | None):
    return lixcheck.check(text, kind=kind, config={"rules": {"enable": [rule_id]}})


def _fired(rule_id: str, text: str, kind: str | None) -> list[str]:
    return [f.text for f in _report(rule_id, text, kind).findings if f.rule == rule_id or rule_id in f.also]


@pytest.mark.parametrize(("rule_id", "text", "kind"), list(_cases("bad")))
def test_bad_example_fires(rule_id, text, kind):
    assert _fired(rule_id, text, kind), f"{rule_id} did not fire on its bad example: {text!r}"


def _after_cases():
    for rule in RULES:
        for i, ex in enumerate(rule.examples["bad"]):
            if isinstance(ex, dict) and "after" in ex:
                yield pytest.param(rule.id, ex["text"], ex.get("kind"), ex["after"], id=f"{rule.id}-after{i + 1}")


@pytest.mark.parametrize(("rule_id", "text", "kind", "after"), list(_after_cases()))
def test_bad_example_after_accepting_the_replacement(rule_id, text, kind, after):
    findings = [f for f in _report(rule_id, text, kind).findings if f.rule == rule_id and f.replacements]
    assert findings, f"{rule_id} offers no replacement on {text!r}"
    for f in sorted(findings, key=lambda f: f.offset, reverse=True):
        text = text[:f.offset] + f.replacements[0] + text[f.offset + f.length:]
    assert text == after


@pytest.mark.parametrize(("rule_id", "text", "kind"), list(_cases("good")))
def test_good_example_is_clean(rule_id, text, kind):
    assert not _fired(rule_id, text, kind), f"{rule_id} fired on its good example: {text!r}"


def test_every_rule_has_examples_and_docs():
    for rule in RULES:
        assert rule.examples["bad"] and rule.examples["good"], rule.id
        assert rule.description and rule.why and rule.source and rule.summary, rule.id
