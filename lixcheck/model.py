"""The Report/Finding contract: frozen shapes with a stable JSON form that every front renders.

Field names here are what letter systems integrate against: extend, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

BANDS = (  # (upper bound exclusive, band name); the Danish standard scale, see docs/lix.md
    (25, "very easy"),
    (35, "easy"),
    (45, "medium"),
    (55, "hard"),
    (float("inf"), "very hard"),
)
BAND_DA = {
    "very easy": "meget let",
    "easy": "let",
    "medium": "middel",
    "hard": "svær",
    "very hard": "meget svær",
}
SEVERITIES = ("error", "warning", "suggestion")
CATEGORIES = ("readability", "jargon", "passive", "acronym", "template", "sender", "decision", "structure")
# The Danish names users see, in one place for every front (CLI, rule pages, web, Word comments, reports).
SEVERITY_DA = {"error": "Fejl", "warning": "Advarsel", "suggestion": "Forslag"}
CATEGORY_DA = {
    "readability": "Læsbarhed",
    "jargon": "Kancellisprog",
    "passive": "Passiv og uklar handling",
    "acronym": "Forkortelser",
    "template": "Skabelon og fletfelter",
    "sender": "Afsender",
    "decision": "Afgørelse",
    "structure": "Opbygning",
}


REASON_TOO_FEW_WORDS = "too few words"  # Lix.reason when a text has too few words for LIX


def band_for(value: float | None) -> str | None:
    if value is None:
        return None
    for upper, name in BANDS:
        if value < upper:
            return name
    return BANDS[-1][1]


@dataclass(frozen=True, slots=True)
class Lix:
    """LIX = words/sentences + 100 × long_words/words, with the counts behind it.

    ``value`` is None when LIX is not computed (too few words, no sentences); ``reason`` then says why.
    """

    value: float | None
    words: int
    sentences: int
    long_words: int
    band: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "band": self.band,
            "band_da": BAND_DA.get(self.band) if self.band else None,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    category: str
    message: str
    offset: int
    length: int
    line: int
    column: int
    block: int | None
    text: str
    replacements: tuple[str, ...] = ()
    doc_url: str = ""
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "category": self.category,
            "message": self.message,
            "offset": self.offset,
            "length": self.length,
            "line": self.line,
            "column": self.column,
            "block": self.block,
            "text": self.text,
            "replacements": list(self.replacements),
            "doc_url": self.doc_url,
            "description": self.description,
        }


@dataclass(frozen=True, slots=True)
class Span:
    """A paragraph (block) or sentence with its own LIX counts."""

    index: int
    offset: int
    length: int
    kind: str
    lix: Lix
    block: int | None = None
    source: str = ""
    counted: bool = True  # False for headings, address/signature lines: excluded from LIX

    def to_dict(self) -> dict[str, Any]:
        d = {
            "index": self.index,
            "offset": self.offset,
            "length": self.length,
            "kind": self.kind,
            "counted": self.counted,
            "lix": self.lix.to_dict(),
        }
        if self.block is not None:
            d["block"] = self.block
        if self.source:
            d["source"] = self.source
        return d


def fast_constructor(cls):
    """cls(*values) for a frozen slots dataclass, every field given in order, that sets the slots directly: the
    generated __init__ goes through object.__setattr__ per field, a third slower. A Report holds dozens of Spans
    and Findings, so this is a measurable part of check() on short letters (tests/test_model.py checks equality).
    Like dataclasses' own __init__, the function is generated: one call per slot, no loop."""
    names = [f.name for f in fields(cls)]
    namespace = {"_new": object.__new__, "_cls": cls}
    namespace.update({f"_set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)})
    params = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    _set{i}(obj, v{i})\n" for i in range(len(names)))
    exec(f"def make({params}):\n    obj = _new(_cls)\n{body}    return obj\n", namespace)  # noqa: S102
    make = namespace["make"]
    make.__qualname__ = f"make_{cls.__name__.lower()}"
    return make


make_span = fast_constructor(Span)
make_finding = fast_constructor(Finding)


@dataclass(slots=True)
class Report:
    text: str
    lix: Lix
    paragraphs: list[Span]
    sentences: list[Span]
    findings: list[Finding]
    meta: dict[str, Any] = field(default_factory=dict)
    # Further top-level sections added by checks (e.g. "sender", "letter"); JSON-ready dicts.
    sections: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, Any]:
        by_severity = {s: 0 for s in SEVERITIES}
        by_category: dict[str, int] = {}
        by_rule: dict[str, int] = {}
        for f in self.findings:
            by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
            by_category[f.category] = by_category.get(f.category, 0) + 1
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        words = self.lix.words
        return {
            "findings": len(self.findings),
            "by_severity": by_severity,
            "by_category": dict(sorted(by_category.items())),
            "by_rule": dict(sorted(by_rule.items())),
            "findings_per_100_words": round(100 * len(self.findings) / words, 2) if words else None,
            "lix": self.lix.value,
            "band": self.lix.band,
        }

    def to_dict(self) -> dict[str, Any]:
        d = {
            "lix": self.lix.to_dict(),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "sentences": [s.to_dict() for s in self.sentences],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
            "meta": self.meta,
        }
        for key, value in self.sections.items():
            d.setdefault(key, value)
        return d
