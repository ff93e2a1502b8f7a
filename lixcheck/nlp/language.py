"""Danish language data (abbreviations, months, list markers), loaded once from nlp/data/da.yml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import yamldata

DATA = Path(__file__).parent / "data" / "da.yml"


@dataclass(frozen=True)
class LanguageData:
    never_end: frozenset[str]
    may_end: frozenset[str]
    tokenizer_special_cases: tuple[str, ...]
    months: frozenset[str]
    list_markers: frozenset[str]


@cache
def danish() -> LanguageData:
    raw = yamldata.read(DATA)
    return LanguageData(
        never_end=frozenset(a.lower() for a in raw["never_end"]),
        may_end=frozenset(a.lower() for a in raw["may_end"]),
        tokenizer_special_cases=tuple(raw["tokenizer_special_cases"]),
        months=frozenset(raw["months"]),
        list_markers=frozenset(raw["list_markers"]),
    )
