"""The Report/Finding contract: frozen shapes with a stable JSON form that every front renders.

Field names here are what letter systems integrate against: extend, never rename.
"""

from __future__ import annotations

from collections.abc import Iterable
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
# "text": the finding is about the words at offset/length; "document": about the letter as a whole (LIX, a missing
# complaint guide or sender); its offset/length point to the part of the letter it was found from.
SCOPES = ("text", "document")
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
REASON_DA = {REASON_TOO_FEW_WORDS: "for få ord", "no sentences": "ingen sætninger"}
SHOWN_FINDINGS = 5  # findings print(report) shows
SHORT_TEXT = 40  # characters of a finding's text that short forms quote


def short_text(text: str, limit: int = SHORT_TEXT) -> str:
    """A finding's text on one line, cut to ``limit`` characters with "…" (for short forms; never the letter)."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def join_da(parts: list[str]) -> str:
    """Parts as a Danish list: "a", "a og b", "a, b og c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]


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

    def describe_da(self) -> str:
        """One line in Danish, as the CLI and print(report) show it: "LIX 38 (middel); ord 120, …"."""
        reason = REASON_DA.get(self.reason, self.reason)
        head = f"LIX ikke beregnet ({reason})" if self.value is None else \
            f"LIX {self.value:.0f} ({BAND_DA.get(self.band, self.band)})"
        return f"{head}; ord {self.words}, sætninger {self.sentences}, lange ord {self.long_words}"

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
    """One finding: which rule, how serious, the Danish message and where (``offset``/``length`` into
    Report.text, 1-based ``line``/``column`` in code points, ``block`` the index of the paragraph block, None
    outside one). ``text == report.text[offset:offset + length]`` always holds; ``replacements`` are plain words
    to write instead, best first; ``doc_url`` the rule's page. The JSON form is ``to_dict()``.

        >>> from lixcheck import check
        >>> f = check("Der fremsendes hermed afgørelse vedrørende din ansøgning om tilskud.").findings[0]
        >>> f
        Finding(rule='jargon', severity='warning', line=1, column=5, text='fremsendes', replacements=('sendes',))
        >>> f.message
        'Skriv „sendes“ i stedet for „fremsendes“.'
    """

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
    also: tuple[str, ...] = ()  # ids of other rules that found the same words (analysis.make_findings)
    scope: str = "text"  # see SCOPES
    occurrences: int = 1  # uses in the letter, for rules reported once per letter at the first use (term, acronym …)

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
            "also": list(self.also),
            "scope": self.scope,
            "occurrences": self.occurrences,
        }

    def __repr__(self) -> str:  # short: never a whole paragraph of letter text
        repl = f", replacements={self.replacements!r}" if self.replacements else ""
        return (f"Finding(rule={self.rule!r}, severity={self.severity!r}, line={self.line}, column={self.column}, "
                f"text={short_text(self.text)!r}{repl})")


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
    """cls(*values) for a frozen slots dataclass, every field given in order, made fast: the generated __init__ goes
    through object.__setattr__ per field. A Report holds dozens of Spans and Findings, and the sentence splitter
    and the letter view make Sentences, Lix and Sections, so this is a measurable part of check()
    (tests/test_model.py checks equality). The object is made as a plain twin class with the same slots, its fields
    set by ordinary attribute stores, and then given its class: Python allows that between classes of the same
    layout, and it costs less than half of setting each frozen field through its slot descriptor. Like
    dataclasses' own __init__, the function is generated: one line per field, no loop."""
    names = [f.name for f in fields(cls)]
    twin = type(f"_{cls.__name__}Fields", (), {"__slots__": cls.__slots__})  # the layout of cls, not frozen
    params = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    obj.{name} = v{i}\n" for i, name in enumerate(names))
    namespace = {"_new": object.__new__, "_twin": twin, "_cls": cls}
    exec(f"def make({params}):\n    obj = _new(_twin)\n{body}    obj.__class__ = _cls\n    return obj\n",  # noqa: S102
         namespace)
    make = namespace["make"]
    make.__qualname__ = f"make_{cls.__name__.lower()}"
    return make


make_span = fast_constructor(Span)
make_finding = fast_constructor(Finding)


def tally(findings: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, int]]:
    """Findings counted per severity, category and rule, from (rule, severity, category) triples: the summary's
    counts (Report.summary, and the batch's rows)."""
    by_severity = {s: 0 for s in SEVERITIES}
    by_category: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for rule, severity, category in findings:
        by_severity[severity] = by_severity.get(severity, 0) + 1
        by_category[category] = by_category.get(category, 0) + 1
        by_rule[rule] = by_rule.get(rule, 0) + 1
    return {"by_severity": by_severity, "by_category": dict(sorted(by_category.items())),
            "by_rule": dict(sorted(by_rule.items()))}


@dataclass(slots=True)
class Report:
    """The result of checking one letter: ``lix`` (the document's LIX and counts), ``findings``, ``paragraphs``
    and ``sentences`` (spans with their own LIX), ``meta`` (format, kind, pipeline, versions, file metadata),
    ``sections`` (e.g. "sender", "letter"), ``summary`` (counts) and ``text`` (the checked text, CPR numbers
    masked). ``to_dict()`` is the stable JSON form; ``print(report)`` a short summary, never the whole letter.

        >>> from lixcheck import check
        >>> report = check("Vi har modtaget din ansøgning. Du får svar inden 14 dage.")
        >>> report
        Report(lix=23.7 (very easy), words=11, findings=0)
        >>> report.summary["by_severity"]
        {'error': 0, 'warning': 0, 'suggestion': 0}
    """

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
        words = self.lix.words
        return {
            "findings": len(self.findings),
            **tally((f.rule, f.severity, f.category) for f in self.findings),
            "findings_per_100_words": round(100 * len(self.findings) / words, 2) if words else None,
            "lix": self.lix.value,
            "band": self.lix.band,
        }

    def letter_level(self, finding: Finding) -> bool:
        """True for a finding about the whole letter (missing klagevejledning, the letter's LIX, no title …),
        which fronts show on one short line without quoting its text: its rule's ``scope`` is "document"."""
        return finding.scope == "document"

    def where(self, finding: Finding) -> str:
        """Where a finding is in the document, in Danish, from its block's source ("tabel 1, række 2", "side 2",
        "sidehoved"); "" for plain text, whose line and column say it already."""
        if self.meta.get("format", "text") == "text" or finding.block is None:
            return ""
        for p in self.paragraphs:
            if p.block == finding.block and p.source:
                return p.source
        return ""

    def __repr__(self) -> str:  # short: never the letter
        lx = self.lix
        value = f"{lx.value:.1f} ({lx.band})" if lx.value is not None else f"None ({lx.reason})"
        counts = ", ".join(f"{k}={v}" for k, v in self.summary["by_severity"].items() if v)
        return f"Report(lix={value}, words={lx.words}, findings={len(self.findings)}{': ' + counts if counts else ''})"

    def __str__(self) -> str:
        """A short summary: LIX, counts and the first findings (print(report))."""
        lines = [self.lix.describe_da()]
        for f in self.findings[:SHOWN_FINDINGS]:
            quote = "" if self.letter_level(f) else f" »{short_text(f.text)}«"
            lines.append(f"  {f.line}:{f.column}: {SEVERITY_DA.get(f.severity, f.severity).lower()} [{f.rule}] "
                         f"{f.message}{quote}")
        if len(self.findings) > SHOWN_FINDINGS:
            lines.append(f"  … og {len(self.findings) - SHOWN_FINDINGS} fund mere")
        if not self.findings:
            lines.append("  Ingen fund.")
        return "\n".join(lines)

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
