"""``--format jsonl``: one JSON object per line and checked input: ``{"input": NAME, ...Report.to_dict()}``.
Streams. Every line is a report (as before --format json got its ``files`` list): an input that could not be read
gets no line here, only its Danish message on stderr and exit code 2."""

from __future__ import annotations

import json

from ..model import Report
from .base import Writer as Base


class Writer(Base):
    def render(self, name: str, report: Report) -> str:
        return json.dumps({"input": name, **report.to_dict()}, ensure_ascii=False) + "\n"
