"""lixcheck's own YAML files (rules/da/, data/, nlp/data/), parsed before run time.

Reading the rule pack and the data with libyaml still built every node and value in Python: about 190 M instructions,
a twentieth of a fresh process's first check (benchmarks/cold_start.py). scripts/build_yamldata.py parses each
shipped file once and writes yamldata.json, which ships with lixcheck: the parse of each file as JSON, keyed by a
hash of the file's text. read(path) returns that (json is read in C) when the file's text is the one stored, and parses
the YAML otherwise -- a file changed since the build, a plugin's or a user's. So a stored parse is never taken for
another text. tests/test_yamldata.py checks that the file is up to date and that every entry equals a fresh parse.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

FILE = Path(__file__).resolve().parent / "yamldata.json"

_table: dict[str, list[str]] | None = None
_lock = threading.Lock()


class YAMLError(ValueError):
    """A YAML text that cannot be parsed (with yaml.YAMLError's message)."""


def key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _load() -> dict[str, list[str]]:
    """Hash of a text → [file name, its parse as JSON text]; empty when the file is missing or unreadable."""
    try:
        data = json.loads(FILE.read_text(encoding="utf-8"))
        return dict(data["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def table() -> dict[str, list[str]]:
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load()
    return _table


def parse(text: str) -> Any:
    """The data of a YAML text (yaml.safe_load's): from the stored parse when the text is a shipped file's."""
    stored = table().get(key(text))
    if stored is not None:
        return json.loads(stored[1])  # (new objects each time: callers may change what they get)
    import yaml  # (here: a process that reads only lixcheck's own files never imports it, ~30 M instructions)

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10× faster
    except yaml.YAMLError as e:
        raise YAMLError(str(e)) from e


def read(path: Path) -> Any:
    """parse() of a file; OSError or UnicodeDecodeError when it cannot be read, YAMLError when not parsed."""
    return parse(path.read_text(encoding="utf-8"))


def read_mapping(path: Path, what: str) -> dict[str, Any]:
    """read() of a data file that must hold a mapping; ConfigError naming the file and ``what`` it is otherwise."""
    from .errors import ConfigError

    try:
        data = read(path)
    except (OSError, UnicodeDecodeError, YAMLError) as e:
        raise ConfigError(f"{path}: cannot read {what}: {e}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {what} must be a mapping at the top level")
    return data
