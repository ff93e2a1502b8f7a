"""``--format github``: GitHub Actions workflow commands, one annotation line per finding::

    ::warning file=breve/brev.txt,line=3,col=5,endLine=3,endColumn=15,title=lixcheck [jargon]::Skriv „om“ …

error → ``::error``, warning → ``::warning``, suggestion → ``::notice``; an input that could not be read is an
``::error`` on that file. Values are escaped as the runner expects: ``%``, CR and LF in the message; also ``:`` and
``,`` in properties.
"""

from __future__ import annotations

from ..errors import InputError
from ..model import Report, short_text
from .base import Writer as Base
from .base import end_position

LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {fields}::{escape_data(message)}\n" if fields else f"::{level}::{escape_data(message)}\n"


class Writer(Base):
    def render(self, name: str, report: Report) -> str:
        out = []
        for f in report.findings:
            end_line, end_col = end_position(report, f)
            where = report.where(f)
            quote = "" if report.letter_level(f) else f" »{short_text(f.text)}«"
            out.append(command(LEVEL.get(f.severity, "warning"), f"{f.message}{quote}"
                               + (f" ({where})" if where else ""),
                               file=name, line=f.line, col=f.column, endLine=end_line, endColumn=end_col,
                               title=f"lixcheck [{f.rule}]"))
        return "".join(out)

    def render_error(self, name: str, error: InputError) -> str:
        return command("error", error.message_da, file=name, title="lixcheck")
