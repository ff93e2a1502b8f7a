"""What the analyser and the rules share: RuleInfo (what a rule is), Hit (what it found), Context (what it may look
at), and the CHECKS registry of Python checks. Rule-type modules import these from here, not from the package, so
that importing the package (which imports the rule set) never runs into itself.
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
    name: str = ""  # a short Danish name for cards and headings ("Kancellisprog"); defaults to the summary
    scope: str = "text"  # "document": about the letter as a whole (model.SCOPES)


@dataclass(slots=True)
class Hit:
    """A rule match at text[start:end]. message/severity default to the rule's own."""

    rule: RuleInfo
    start: int
    end: int
    replacements: tuple[str, ...] = ()
    message: str | None = None
    # For rules reported once per letter (`once: true`): what makes two hits the same thing (default: the matched
    # text in lower case), and how many uses of it this hit stands for.
    key: str | None = None
    occurrences: int = 1


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
