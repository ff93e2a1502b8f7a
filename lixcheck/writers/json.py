"""``--format json``: ONE JSON object whatever the number of inputs (streamed: no report is held back)::

    {
      "lixcheck_version": "0.x",
      "files": [
        {"input": "a.txt", "lix": {...}, "paragraphs": [...], "sentences": [...], "findings": [...],
         "summary": {...}, "meta": {...}, ...},                 <- Report.to_dict() with the input's name
        {"input": "b.txt", "error": {"code": "unreadable", "message": "...", "message_da": "..."}}
      ],
      "summary": {"files": 2, "checked": 1, "unreadable": 1, "findings": 12,
                  "by_severity": {"error": 3, "warning": 9, "suggestion": 0}}
    }

An item of ``files`` is exactly a line of ``--format jsonl``, or the error of an input that could not be read.
"""

from __future__ import annotations

import json

from ..errors import InputError
from ..model import Report
from .base import Writer as Base
from .base import error_dict


def _item(obj: dict) -> str:
    return "    " + json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n    ")


class Writer(Base):
    started = False

    def _next(self, obj: dict) -> str:
        head = "" if self.started else "{\n  " + f'"lixcheck_version": {json.dumps(self.version)},\n  "files": [\n'
        sep = ",\n" if self.started else ""
        self.started = True
        return head + sep + _item(obj)

    def render(self, name: str, report: Report) -> str:
        return self._next({"input": name, **report.to_dict()})

    def render_error(self, name: str, error: InputError) -> str:
        return self._next({"input": name, "error": error_dict(error)})

    def close(self) -> str:
        head = "\n  ]" if self.started else "{\n  " + f'"lixcheck_version": {json.dumps(self.version)},\n  "files": []'
        summary = json.dumps(self.tally.to_dict(), ensure_ascii=False)
        return f'{head},\n  "summary": {summary}\n}}\n'
