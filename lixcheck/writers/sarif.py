"""``--format sarif``: SARIF 2.1.0 (the OASIS static-analysis format that GitHub code scanning, Azure DevOps and IDE
viewers read), one run with every input. tests/test_writers.py validates the output against the published schema.

- ``tool.driver.rules``: each rule that has a finding, with its description (``help.text``), default level,
  category and ``helpUri`` (the rule's page: ``Finding.doc_url``; only when ``doc_base_url`` is an absolute
  http(s) URL, since SARIF wants an absolute URI and the default ``/regler/`` is a path in the review app).
- ``results``: rule, level (error/warning/note), Danish message, the file and a region: ``startLine``,
  ``startColumn``, ``endLine``, ``endColumn`` (exclusive), ``charOffset``, ``charLength``. Columns and offsets are
  counted in Unicode code points (``run.columnKind = "unicodeCodePoints"``), in the text lixcheck read: for a
  .docx, PDF or MeMo file that is the extracted text, and the result's logical location names the place in the
  document ("tabel 1, række 2").
- ``artifacts``: each input with its LIX; inputs that could not be read are ``toolExecutionNotifications`` (and
  ``executionSuccessful`` is false).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..errors import InputError
from ..model import Report
from .base import Writer as Base
from .base import end_position

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def artifact_uri(name: str) -> str:
    """A file name as a SARIF artifact URI: relative paths stay relative (forward slashes, percent-encoded),
    absolute ones become file: URIs; standard input is "stdin"."""
    if name == "-":
        return "stdin"
    path = Path(name)
    if path.is_absolute():
        return path.as_uri()
    return quote(name.replace(os.sep, "/"), safe="/")


def absolute_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Writer(Base):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.rules: list[dict] = []
        self.rule_index: dict[str, int] = {}
        self.artifacts: list[dict] = []
        self.results: list[dict] = []
        self.notifications: list[dict] = []

    def _artifact(self, name: str, **properties) -> int:
        entry = {"location": {"uri": artifact_uri(name)}}
        if properties:
            entry["properties"] = properties
        self.artifacts.append(entry)
        return len(self.artifacts) - 1

    def _rule(self, f) -> int:
        index = self.rule_index.get(f.rule)
        if index is None:
            rule = {"id": f.rule, "shortDescription": {"text": f.description or f.rule},
                    "help": {"text": f.description or f.message},
                    "defaultConfiguration": {"level": LEVEL.get(f.severity, "warning")},
                    "properties": {"category": f.category, "tags": [f.category]}}
            if f.doc_url and absolute_url(f.doc_url):
                rule["helpUri"] = f.doc_url
            self.rules.append(rule)
            index = self.rule_index[f.rule] = len(self.rules) - 1
        return index

    def render(self, name: str, report: Report) -> str:
        lx = report.lix
        index = self._artifact(name, lix=lx.value, band=lx.band, words=lx.words,
                               format=report.meta.get("format", "text"))
        for f in report.findings:
            end_line, end_column = end_position(report, f)
            location = {"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(name), "index": index},
                "region": {"startLine": f.line, "startColumn": f.column, "endLine": end_line,
                           "endColumn": end_column, "charOffset": f.offset, "charLength": f.length},
            }}
            where = report.where(f)
            if where:
                location["logicalLocations"] = [{"name": where, "kind": "element"}]
            result = {"ruleId": f.rule, "ruleIndex": self._rule(f), "level": LEVEL.get(f.severity, "warning"),
                      "message": {"text": f.message}, "locations": [location],
                      "properties": {"category": f.category, "letterLevel": report.letter_level(f)}}
            if f.replacements:
                result["properties"]["replacements"] = list(f.replacements)
            self.results.append(result)
        return ""

    def render_error(self, name: str, error: InputError) -> str:
        self._artifact(name)
        self.notifications.append({
            "level": "error", "message": {"text": error.message_da},
            "descriptor": {"id": error.code},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(name)}}}],
        })
        return ""

    def close(self) -> str:
        driver = {"name": "lixcheck", "version": self.version, "rules": self.rules}
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "invocations": [{"executionSuccessful": not self.notifications,
                                 "toolExecutionNotifications": self.notifications}],
                "columnKind": "unicodeCodePoints",
                "artifacts": self.artifacts,
                "results": self.results,
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
