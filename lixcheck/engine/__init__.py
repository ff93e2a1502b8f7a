"""The rule engine: rule types over the spaCy Doc and the Document produce Hits; the analyser turns them into Findings.

The interface between the analyser and the rules (defined in base.py, re-exported here):
- RuleInfo / Hit / Context: what a rule is, what it found, what it may look at;
- CHECKS + register_check: Python checks for rules of type "check";
- load_ruleset(config) -> RuleSet (compiled once per configuration) and list_rules(config) for docs and the web app.

Rule data lives in rules/da/*.yml (validated by rules/schema.json); the mechanisms live beside this module:
loader.py (files, schema, plugins), settings.py (the `rules` configuration), ruleset.py (compilation, one shared
pass), and one module per rule type family (phrases, patterns, metrics, acronyms, placeholders, passive, nominal).
"""

from __future__ import annotations

from .base import CHECKS, CheckFn, Context, Hit, RuleInfo, register_check
from .ruleset import RuleSet, list_rules, load_ruleset

__all__ = ["RuleInfo", "Hit", "Context", "CHECKS", "CheckFn", "register_check", "RuleSet", "load_ruleset",
           "list_rules"]
