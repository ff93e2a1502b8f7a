"""The rule engine: rule types over the spaCy Doc and the Document produce Hits; the analyser turns them into Findings.

This module holds the interface between the analyser and the rules:
- RuleInfo / Hit / Context: what a rule is, what it found, what it may look at;
- CHECKS + register_check: Python checks for rules of type "check";
- load_ruleset(config) -> RuleSet (compiled once per configuration) and list_rules(config) for docs and the web app.

Rule data lives in rules/da/*.yml (validated by rules/schema.json); the mechanisms live beside this module:
loader.py (files, schema, plugins), settings.py (the `rules` configuration), ruleset.py (compilation, one shared
pass), and one module per rule type family (phrases, patterns, metrics, acronyms, placeholders, passive, nominal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..letter.view import Letter


@dataclass(frozen=True)
class RuleInfo:
    """What a finding needs to know about its rule, plus what its documentation page shows."""

    id: str
    category: str
    severity: str
    message: str
    description: str = ""
    type: str = ""
    source: str = ""
    why: str = ""
    examples: dict = field(default_factory=dict, compare=False, hash=False)  # {"bad": [...], "good": [...]}
    origin: str = ""  # the rule file (and plugin) it comes from
    enabled: bool = True
    summary: str = ""  # one line for tables (rules list); defaults to the description's first sentence


@dataclass(slots=True)
class Hit:
    """A rule match at text[start:end]. message/severity default to the rule's own."""

    rule: RuleInfo
    start: int
    end: int
    replacements: tuple[str, ...] = ()
    message: str | None = None


@dataclass(slots=True)
class Context:
    """Everything a rule may look at. Rules must not change it."""

    document: Any  # lixcheck.document.Document
    doc: Any  # spacy.tokens.Doc over document.text
    sentences: list  # lixcheck.nlp.sentences.Sentence
    kind: str | None
    config: Any  # lixcheck.config.Config
    lix: Any = None  # lixcheck.model.Lix of the document
    paragraphs: list = field(default_factory=list)  # lixcheck.model.Span per block
    sections: dict = field(default_factory=dict)  # checks may add Report sections ("sender", "letter")
    _letter: Letter | None = None

    @property
    def letter(self) -> Letter:
        """The document as the letter checks read it (lixcheck.letter.view), built on first use, once per check."""
        if self._letter is None:
            self._letter = Letter(self.document, self.sentences or None)
        return self._letter


# Python checks for rules of type "check": name → fn(ctx, rule, params) -> list[Hit].
# Built-in checks live in lixcheck/checks/ (and the engine's own passive/nominal modules) and register with
# @register_check("sender.clarity"); plugins register through the entry-point group "lixcheck.checks".
CheckFn = Callable[[Context, RuleInfo, dict], list[Hit]]
CHECKS: dict[str, CheckFn] = {}


def register_check(name: str) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        CHECKS[name] = fn
        return fn

    return deco


from .ruleset import RuleSet, list_rules, load_ruleset  # noqa: E402  (needs the names above)

__all__ = ["RuleInfo", "Hit", "Context", "CHECKS", "CheckFn", "register_check", "RuleSet", "load_ruleset",
           "list_rules"]
