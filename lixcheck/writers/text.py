"""Terminal output, like ruff and Vale: one line per finding, ``path:line:col: severity [rule] message``, a LIX line
per file and a closing summary in Danish. Labels are Danish (the CLI's users are caseworkers and writers).

    brev.docx: LIX 41 (middel); ord 312, sætninger 19, lange ord 88
    brev.docx:7:12: advarsel [jargon] Skriv „om“ i stedet for „vedrørende“. »vedrørende« (tabel 1, række 2)
    brev.docx:1:1: fejl [decision.klagevejledning] Afgørelsen mangler en klagevejledning.

    1 fejl og 1 advarsel i 1 fil.

A letter-level finding (Report.letter_level) is one short line without a quote; other findings quote their text,
cut to 40 characters. ".docx", PDF and MeMo findings also say where in the document (the block's source).
"""

from __future__ import annotations

from ..model import SEVERITY_DA, Report, short_text
from .base import Writer as Base

BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
SEVERITY_COLOR = {"error": "\x1b[31m", "warning": "\x1b[33m", "suggestion": "\x1b[36m"}


class Writer(Base):
    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color else text

    def render(self, name: str, report: Report) -> str:
        lines = [f"{self._c(BOLD, name)}: {report.lix.describe_da()}"]
        for f in report.findings:
            severity = SEVERITY_DA.get(f.severity, f.severity).lower()
            quote = "" if report.letter_level(f) else f" »{short_text(f.text)}«"
            where = report.where(f)
            lines.append(f"{self._c(BOLD, name)}:{f.line}:{f.column}: "
                         f"{self._c(SEVERITY_COLOR.get(f.severity, ''), severity)} {self._c(DIM, f'[{f.rule}]')} "
                         f"{f.message}{quote}{f' ({where})' if where else ''}")
        return "\n".join(lines) + "\n"

    def close(self) -> str:
        return "\n" + self._c(BOLD, self.tally.summary_da()) + "\n"


def render(report: Report, name: str = "-") -> str:
    """One report as the CLI shows it, without the closing newline."""
    return Writer().render(name, report).rstrip("\n")
