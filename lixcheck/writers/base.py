"""What every CLI output format shares: the Writer protocol, the run's counts and its Danish summary line.

A Writer gets each input in order, ``report(name, report)`` or ``error(name, error)`` for one that could not be
read, then ``close()``; each call returns the text to print, newlines included ("" for nothing), so formats can
stream.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..model import SEVERITIES, Finding, Report, join_da

SEVERITY_RANK = {"suggestion": 1, "warning": 2, "error": 3}


@dataclass
class Tally:
    """Counts of a run: files checked and unreadable, findings by severity."""

    checked: int = 0
    unreadable: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {s: 0 for s in SEVERITIES})

    def add(self, report: Report) -> None:
        self.checked += 1
        for f in report.findings:
            self.by_severity[f.severity] = self.by_severity.get(f.severity, 0) + 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def to_dict(self) -> dict:
        return {"files": self.checked + self.unreadable, "checked": self.checked, "unreadable": self.unreadable,
                "findings": self.findings, "by_severity": dict(self.by_severity)}

    def summary_da(self) -> str:
        """The closing line in Danish: "3 fejl og 12 advarsler i 2 filer." (plus unreadable files)."""
        nouns = {"error": ("fejl", "fejl"), "warning": ("advarsel", "advarsler"), "suggestion": ("forslag", "forslag")}
        parts = [f"{n} {nouns[s][0] if n == 1 else nouns[s][1]}" for s, n in self.by_severity.items()
                 if n and s in nouns]
        files = f"{self.checked} {'fil' if self.checked == 1 else 'filer'}"
        if not self.checked:
            line = "Ingen filer blev tjekket"
        else:
            line = f"{join_da(parts)} i {files}" if parts else f"Ingen fund i {files}"
        if self.unreadable:
            line += f"; {self.unreadable} {'fil' if self.unreadable == 1 else 'filer'} kunne ikke læses"
        return line + "."


def error_dict(error: InputError) -> dict:
    return {"code": error.code, "message": str(error), "message_da": error.message_da}


class Writer:
    """Base of the output formats; counts what it is given (``tally``)."""

    def __init__(self, *, color: bool = False, version: str = ""):
        self.color = color
        self.version = version
        self.tally = Tally()

    def report(self, name: str, report: Report) -> str:
        self.tally.add(report)
        return self.render(name, report)

    def error(self, name: str, error: InputError) -> str:
        self.tally.unreadable += 1
        return self.render_error(name, error)

    def close(self) -> str:
        return ""

    # formats implement these
    def render(self, name: str, report: Report) -> str:
        raise NotImplementedError

    def render_error(self, name: str, error: InputError) -> str:
        return ""


def rank(finding: Finding) -> int:
    return SEVERITY_RANK.get(finding.severity, 0)


def end_position(report: Report, finding: Finding) -> tuple[int, int]:
    """Line and column (1-based, in code points) just after a finding's last character."""
    text = report.text[finding.offset:finding.offset + finding.length]
    newlines = text.count("\n")
    if not newlines:
        return finding.line, finding.column + finding.length
    return finding.line + newlines, len(text) - text.rfind("\n")
