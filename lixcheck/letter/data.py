"""The data behind the letter checks: senders, letter-kind cues, template hygiene and letter parts, from YAML.

Built-in files live in lixcheck/data/. Plugins add to them through the entry point group
``lixcheck.letter_data``: the entry point loads to a folder path (str or Path) or to a callable returning one; files
named senders.yml, letter.yml, template.yml or anatomy.yml in that folder are merged into the built-in data (lists
are extended, mappings updated). A plugin's file is validated against lixcheck/data/letter-data.schema.json when it
is read (regular expressions must compile); a broken file is a ConfigError naming the file and the field. The
built-in files ship with lixcheck and are validated by the tests (tests/test_letter_data.py), not at every start:
jsonschema's import and the validation were a tenth of a fresh process's time before its first check. Everything is
read once per process.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import yamldata
from ..errors import ConfigError
from ..search.names import alternation  # noqa: F401  (the data's word lists become alternations)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FILES = ("senders", "letter", "template", "anatomy")
SCHEMA = DATA_DIR / "letter-data.schema.json"
ENTRY_POINT_GROUP = "lixcheck.letter_data"


def _read(path: Path) -> dict[str, Any]:
    return yamldata.read_mapping(path, "letter-check data")


def read_valid(path: Path, name: str, complete: bool) -> dict[str, Any]:
    """A data file, validated as the ``name`` file; ``complete``: it must have every required key (the built-in
    file; a plugin's file adds to it)."""
    data = _read(path)
    errors = list(_validator(name, complete).iter_errors(data))
    if errors:
        import jsonschema

        error = jsonschema.exceptions.best_match(errors)
        field = ".".join(str(p) for p in error.absolute_path) or "(the file itself)"
        raise ConfigError(f"{path}, field {field}: {error.message}")
    return data


@cache
def _validator(name: str, complete: bool):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    own = dict(schema["$defs"][name])
    if not complete:
        own.pop("required", None)
    return jsonschema.Draft202012Validator({**own, "$defs": schema["$defs"]},
                                           format_checker=jsonschema.FormatChecker(["regex"]))


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Extend lists and update mappings of ``base`` with ``extra`` (recursively); scalars are replaced."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        else:
            out[key] = value
    return out


@cache
def plugin_folders() -> tuple[Path, ...]:
    """The folders of the letter-data plugins, found once per process (each look-up of the installed entry points
    reads every installed package's metadata: ~5 ms, once per data file before)."""
    folders = []
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = ep.load()
            if callable(target):
                target = target()
        except Exception as e:  # a broken plugin must say which one it is
            raise ConfigError(f"letter-data plugin {ep.name!r} ({ep.value}) cannot be loaded: {e}") from None
        folders.append(Path(target))
    return tuple(folders)


@cache
def load(name: str) -> dict[str, Any]:
    """The merged data of one file (``senders``, ``letter``, ``template`` or ``anatomy``); cached."""
    if name not in FILES:
        raise KeyError(name)
    data = _read(DATA_DIR / f"{name}.yml")  # (built in: validated by the tests)
    for folder in plugin_folders():
        extra = folder / f"{name}.yml"
        if extra.is_file():
            data = merge(data, read_valid(extra, name, False))
    return data


@lru_cache(maxsize=512)
def compiled(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise ConfigError(f"letter-check data: bad regular expression {pattern!r}: {e}") from None


def any_of(patterns: list[str] | tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern:
    """One compiled regex matching any of ``patterns``."""
    return compiled("|".join(f"(?:{p})" for p in patterns), flags)
