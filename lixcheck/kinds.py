"""The letter kinds: one table (lixcheck/data/kinds.yml) for configuration checks, the CLI, the web form, both HTTP
APIs and kind detection. An unknown kind is an error that lists the known ones, never a silent "no such kind".

    >>> from lixcheck import kinds
    >>> kinds.normalise("Afgørelse")
    'decision'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import yamldata
from .errors import ConfigError, UnknownKind
from .privacy import mask_cpr

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Kind:
    id: str
    label: str  # Danish, for users
    aliases: tuple[str, ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict, hash=False, compare=False)


@cache
def all_kinds() -> tuple[Kind, ...]:
    """Every kind, in the table's order (the order of the web form and of kind detection's tie-break).

    The table ships with lixcheck and is validated against kinds.schema.json by the tests (validate()), not at every
    start (jsonschema's import alone costs a fresh process more than reading the table)."""
    path = DATA / "kinds.yml"
    try:
        data = yamldata.read(path)
    except (OSError, yamldata.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read the letter kinds: {e}") from None
    out = tuple(Kind(k["id"], k["label"], tuple(k.get("aliases", ())), dict(k.get("thresholds", {})))
                for k in data["kinds"])
    _names(out)  # (an alias that means two kinds is an error in the table)
    return out


def validate(data, path: Path = DATA / "kinds.yml") -> None:
    """Raise ConfigError unless ``data`` (a parsed kinds.yml) fits kinds.schema.json."""
    import jsonschema

    schema = json.loads((DATA / "kinds.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ConfigError(f"{path}, field {where}: {error.message}")


def _names(kinds: tuple[Kind, ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for k in kinds:
        for name in (k.id, *k.aliases):
            key = name.strip().lower()
            if names.setdefault(key, k.id) != k.id:
                raise ConfigError(f"letter kinds: {name!r} names both {names[key]!r} and {k.id!r}")
    return names


@cache
def _lookup() -> dict[str, str]:
    return _names(all_kinds())


def ids() -> tuple[str, ...]:
    return tuple(k.id for k in all_kinds())


def get(kind_id: str) -> Kind:
    for k in all_kinds():
        if k.id == kind_id:
            return k
    raise unknown(kind_id)


def label(kind_id: str | None) -> str | None:
    """The Danish name of a kind id (None stays None; an id not in the table is shown as it is)."""
    if kind_id is None:
        return None
    return next((k.label for k in all_kinds() if k.id == kind_id), kind_id)


def normalise(name: str | None) -> str | None:
    """The kind id for a kind's id or alias in any case ("Afgørelse" → "decision"); None stays None.
    Anything else raises UnknownKind (a ConfigError), which lists the known kinds."""
    if name is None:
        return None
    found = _lookup().get(name.strip().lower()) if isinstance(name, str) else None
    if found is None:
        raise unknown(name)
    return found


def known_list() -> str:
    """"decision (Afgørelse), partshoering (Partshøring), …" for error messages and help texts."""
    return ", ".join(f"{k.id} ({k.label})" for k in all_kinds())


def unknown(name) -> UnknownKind:
    shown = repr(mask_cpr(name[:40])) if isinstance(name, str) else type(name).__name__  # (no CPR in messages)
    return UnknownKind(f"unknown letter kind {shown}; known kinds: {known_list()}",
                       message_da=f"Brevtypen {shown} findes ikke. Brug en af disse: {known_list()}.")
