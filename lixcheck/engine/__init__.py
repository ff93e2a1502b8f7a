"""The rule engine: rule types over the spaCy Doc and the Document produce Hits; the analyser turns them into Findings.

This module holds the interface between the analyser and the rules. Rule types, the loader and schema live beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RuleInfo:
    """What a finding needs to know about its rule."""

    id: str
    category: str
    severity: str
    message: str
    description: str = ""


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


# Python checks for rules of type "check": name → fn(ctx, rule, params) -> list[Hit].
# Built-in checks live in lixcheck/checks/ and register with @register_check("sender.clarity"); plugins register
# through the entry-point group "lixcheck.checks".
CheckFn = Callable[[Context, RuleInfo, dict], list[Hit]]
CHECKS: dict[str, CheckFn] = {}


def register_check(name: str) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        CHECKS[name] = fn
        return fn

    return deco


class RuleSet:
    """The compiled rules for one configuration. Built once, then run on many documents (thread-safe)."""

    version = "0"

    def __init__(self, config):
        self.config = config
        self.rules: dict[str, RuleInfo] = {}

    def run(self, ctx: Context) -> list[Hit]:
        return []


def load_ruleset(config) -> RuleSet:
    return RuleSet(config)
