"""Configuration: a dict in the API, `lixcheck.toml` or `[tool.lixcheck]` in pyproject.toml for the CLI.

Unknown keys are errors, never silently ignored: a typo in a municipality's config must not switch a check off.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_origin, get_type_hints

from .errors import ConfigError

LIX_MODES = ("lixcheck", "textstat")


@dataclass(frozen=True)
class Config:
    # spaCy pipeline: "auto" uses an installed da_core_news_{md,sm,lg} and otherwise the embedded blank Danish stack;
    # "blank" forces the embedded stack; any other value is a package name or a directory of a saved pipeline.
    model: str = "auto"
    min_words: int = 10  # below this many words a document's or paragraph's LIX is "not computed"
    colon_ends_sentence: bool = False
    lix_mode: str = "lixcheck"  # or "textstat": reproduce textstat 0.7.13's lix()
    max_bytes: int = 20_000_000  # largest input accepted (files and text)
    max_zip_members: int = 2_000  # .docx: most parts an archive may have (zip-bomb guard)
    max_unzipped_bytes: int = 200_000_000  # .docx: most bytes all parts may unpack to (checked while unpacking)
    doc_base_url: str = "/regler/"  # findings' doc_url = doc_base_url + rule id
    # Rule selection and tuning (rule engine): see docs/configuration.md.
    rules: dict[str, Any] = field(default_factory=dict)

    def key(self) -> tuple:
        """Hashable identity, for caching pipelines and compiled rule sets."""
        return tuple(_freeze(getattr(self, f.name)) for f in fields(self))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


_FIELDS = {f.name: f for f in fields(Config)}
_TYPES = {name: get_origin(t) or t for name, t in get_type_hints(Config).items()}


_DEFAULT = Config()  # frozen: one shared instance, so that check() without a config finds its Analyzer at once


def from_dict(data: dict[str, Any] | None, *, where: str = "config") -> Config:
    if data is None:
        return _DEFAULT
    if isinstance(data, Config):
        return data
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table/dict, got {type(data).__name__}")
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(_FIELDS))}")
    kwargs = {}
    for name, value in data.items():
        expected = _TYPES[name]
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            raise ConfigError(f"{where}: key {name!r} must be {expected.__name__}, got {type(value).__name__}")
        kwargs[name] = value
    cfg = Config(**kwargs)
    if cfg.lix_mode not in LIX_MODES:
        raise ConfigError(f"{where}: lix_mode must be one of {', '.join(LIX_MODES)}")
    if cfg.min_words < 1:
        raise ConfigError(f"{where}: min_words must be at least 1")
    from .engine.settings import parse as parse_rule_settings

    parse_rule_settings(cfg.rules, where)  # shape of `rules`; rule ids are checked when the rules load
    return cfg


def find_file(start: Path | None = None) -> Path | None:
    """The nearest lixcheck.toml, or pyproject.toml with a [tool.lixcheck] table, from start upwards."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "lixcheck.toml").is_file():
            return d / "lixcheck.toml"
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                if "lixcheck" in tomllib.loads(pp.read_text(encoding="utf-8")).get("tool", {}):
                    return pp
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
    return None


def load_file(path: Path) -> Config:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read configuration: {e}") from None
    if Path(path).name == "pyproject.toml":
        data = data.get("tool", {}).get("lixcheck", {})
    return from_dict(data, where=str(path))


def load(path: Path | None = None) -> Config:
    """The configuration in ``path``, else in the nearest lixcheck.toml or pyproject.toml [tool.lixcheck] from the
    current folder upwards, else the defaults. Raises ConfigError for a file that cannot be read or is wrong."""
    if path is None:
        path = find_file()
        if path is None:
            return _DEFAULT
    return load_file(path)
