"""The loaded rule set as plain dicts, for the rule reference pages (/regler) and GET /api/v1/rules.

Reads the rules through the front door (Checker.rules()).
Fields a rule does not have yet are left empty; nothing here decides what a rule does.
"""

from __future__ import annotations

import threading

from .. import Checker, Config
from ..model import CATEGORY_DA, SEVERITY_DA


def category_da(category: str) -> str:
    return CATEGORY_DA.get(category, category.capitalize())


def _rules(config: Config) -> list:
    return Checker(config).rules()


def _example(e) -> dict:
    """An example as {"text", "kind"}: rule files give a string, or a mapping with the letter kind it needs."""
    if isinstance(e, dict):
        return {"text": str(e.get("text", "")), "kind": e.get("kind")}
    return {"text": str(e), "kind": None}


def rule_dict(rule) -> dict:
    examples = getattr(rule, "examples", None) or {}
    description = getattr(rule, "description", "") or ""
    summary = getattr(rule, "summary", "") or description.split(". ")[0]
    return {
        "id": rule.id,
        "name": getattr(rule, "name", "") or summary.rstrip("."),
        "category": rule.category,
        "category_da": category_da(rule.category),
        "severity": rule.severity,
        "severity_da": SEVERITY_DA.get(rule.severity, rule.severity),
        "type": getattr(rule, "type", "") or "",
        "message": getattr(rule, "message", "") or "",
        "description": description,
        "summary": summary,
        "why": getattr(rule, "why", "") or "",
        "source": getattr(rule, "source", "") or "",
        "examples": {k: [_example(e) for e in examples.get(k, []) or []] for k in ("bad", "good")},
        "enabled": bool(getattr(rule, "enabled", True)),
        "origin": getattr(rule, "origin", "") or "",
    }


_cache: dict[tuple, list[dict]] = {}
_lock = threading.Lock()


def all_rules(config: Config) -> list[dict]:
    """The rules of a configuration, listed once per process (rule files do not change while serving)."""
    key = config.key()
    with _lock:
        if key not in _cache:
            _cache[key] = sorted((rule_dict(r) for r in _rules(config)), key=lambda r: (r["category"], r["id"]))
        return _cache[key]


def find_rule(config: Config, rule_id: str) -> dict | None:
    return next((r for r in all_rules(config) if r["id"] == rule_id), None)


def rule_index(config: Config) -> dict[str, dict]:
    """Rule id → the rule's dict (for the Danish names on the result cards)."""
    return {r["id"]: r for r in all_rules(config)}


_messages: dict[tuple, str] = {}


def example_message(config: Config, rule: dict) -> str:
    """The message a reader gets from this rule, as lixcheck writes it for the rule's first bad example (a rule's
    message is a template: "Skriv {replacements} i stedet for „{match}“"). Empty when no example shows it."""
    key = (config.key(), rule["id"])
    with _lock:
        if key in _messages:
            return _messages[key]
    checker = Checker(config)
    message = ""
    for example in rule["examples"]["bad"]:
        report = checker.check_document(checker.read(example["text"], format="text"), kind=example["kind"])
        message = next((f.message for f in report.findings if f.rule == rule["id"]), "")
        if message:
            break
    with _lock:
        _messages[key] = message
    return message
