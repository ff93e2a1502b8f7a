"""``--format csv``: one row per finding (and one per input that could not be read, with ``error_code``), with a
header row. The quoted text is cut to 40 characters and left out for letter-level findings; cells that a
spreadsheet would run as a formula get a leading apostrophe."""

from __future__ import annotations

import csv
import io

from ..errors import InputError
from ..model import Report, short_text
from .base import Writer as Base

COLUMNS = ("file", "line", "column", "severity", "rule", "category", "message", "text", "where", "replacements",
           "doc_url", "error_code")


def spreadsheet_safe(value):
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class Writer(Base):
    header_done = False

    def _rows(self, rows: list[dict]) -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        if not self.header_done:
            w.writerow(COLUMNS)
            self.header_done = True
        for row in rows:
            w.writerow([spreadsheet_safe(row.get(c)) for c in COLUMNS])
        return out.getvalue()

    def render(self, name: str, report: Report) -> str:
        return self._rows([{
            "file": name, "line": f.line, "column": f.column, "severity": f.severity, "rule": f.rule,
            "category": f.category, "message": f.message,
            "text": "" if report.letter_level(f) else short_text(f.text), "where": report.where(f),
            "replacements": "; ".join(f.replacements), "doc_url": f.doc_url,
        } for f in report.findings])

    def render_error(self, name: str, error: InputError) -> str:
        return self._rows([{"file": name, "severity": "error", "message": error.message_da, "error_code": error.code}])

    def close(self) -> str:
        return "" if self.header_done else self._rows([])
