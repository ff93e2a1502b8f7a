"""Plugins: the example package plugins/lixcheck-eksempelby (scripts/test.sh installs it) adds YAML rules through the
entry point `lixcheck.rules` and a Python check through `lixcheck.checks`. Installed plugins load by default."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

import lixcheck
from lixcheck.engine import list_rules

pytestmark = pytest.mark.skipif(
    not any(ep.name == "eksempelby" for ep in entry_points(group="lixcheck.rules")),
    reason="example plugin not installed: pip install --no-deps -e plugins/lixcheck-eksempelby (scripts/test.sh does)",
)

TEXT = "Du kan ringe til Socialcentret. Skriv til CFH. Visitationsudvalget mødes hver uge."


def rules_of(report):
    return {(f.rule, f.text) for f in report.findings}


def test_plugin_rules_and_check_load_by_default():
    found = rules_of(lixcheck.check(TEXT))
    assert ("eksempelby.unit-name", "Socialcentret") in found  # the plugin's Python check
    assert ("jargon", "Visitationsudvalget") in found  # the plugin's words join the built-in jargon rule
    assert ("acronym", "CFH") in found  # and its acronyms the acronym rule
    f = next(f for f in lixcheck.check(TEXT).findings if f.rule == "eksempelby.unit-name")
    assert f.replacements == ("Center for Familie og Handicap",) and f.category == "sender"


def test_plugins_can_be_switched_off_or_chosen_by_name():
    off = rules_of(lixcheck.check(TEXT, config={"rules": {"plugins": False}}))
    assert not any(rule.startswith("eksempelby.") for rule, _ in off)
    assert ("jargon", "Visitationsudvalget") not in off
    on = rules_of(lixcheck.check(TEXT, config={"rules": {"plugins": ["eksempelby"]}}))
    assert ("eksempelby.unit-name", "Socialcentret") in on


def test_plugin_rule_can_be_configured_like_a_built_in_one():
    report = lixcheck.check(TEXT, config={"rules": {"disable": ["eksempelby.unit-name"]}})
    assert not any(f.rule == "eksempelby.unit-name" for f in report.findings)
    report = lixcheck.check(TEXT, config={"rules": {"severity": {"eksempelby.unit-name": "error"}}})
    assert {f.severity for f in report.findings if f.rule == "eksempelby.unit-name"} == {"error"}


def test_list_rules_names_the_plugin_as_origin():
    rule = next(r for r in list_rules() if r.id == "eksempelby.unit-name")
    assert rule.origin.startswith("eksempelby: ") and rule.examples["bad"]
    assert "eksempelby.unit-name" not in {r.id for r in list_rules({"rules": {"plugins": False}})}
