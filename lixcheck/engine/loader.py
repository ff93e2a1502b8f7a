"""Finds and reads rule files: the built-in pack, plugin packs (entry points) and extra folders from the config.

Plugin and config files are validated against rules/schema.json when they are read; a broken file raises
ConfigError naming the file, the rule and the field. The built-in pack ships with lixcheck and is validated by the
tests (tests/test_rules.py), not at every start: jsonschema's import and the validation were a tenth of a fresh
process's time before its first check. Extensions (`extend: jargon`) add entries to a rule defined in another file
or pack.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from .. import yamldata
from ..errors import ConfigError

RULES_GROUP = "lixcheck.rules"
CHECKS_GROUP = "lixcheck.checks"
LIST_KEYS = ("swap", "phrases", "common", "patterns")  # extensions append to these
DICT_KEYS = ("known", "params")  # extensions update these


def rules_dir() -> Path:
    """The built-in rules folder: installed (site-packages/lixcheck/rules) or in a source checkout (repo/rules)."""
    here = Path(__file__).resolve().parent.parent  # the lixcheck package folder
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "schema.json").is_file():
            return candidate
    raise ConfigError(f"the rule pack is missing: no rules/schema.json next to {here}")


@cache
def _validator():
    import jsonschema

    schema = json.loads((rules_dir() / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@dataclass
class RuleSpec:
    """One rule as data, after its file was validated and extensions merged."""

    data: dict[str, Any]
    origin: str
    extensions: list[str] = field(default_factory=list)  # files that added entries

    @property
    def id(self) -> str:
        return self.data["id"]


def _where(path: Path) -> str:
    try:
        return str(path.relative_to(rules_dir().parent))
    except ValueError:
        return str(path)


def _describe_error(path: Path, doc: Any, error) -> str:
    loc = list(error.absolute_path)
    rule = ""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        item = doc["rules"][loc[1]] if isinstance(doc, dict) else None
        name = item.get("id") or item.get("extend") if isinstance(item, dict) else None
        rule = f", rule {name!r}" if name else f", rule #{loc[1] + 1}"
        loc = loc[2:]
    field_name = ".".join(str(p) for p in loc) or "(the rule itself)"
    return f"{_where(path)}{rule}, field {field_name}: {error.message}"


def read_file(path: Path, validate: bool = True) -> list[dict]:
    """The rule items of one YAML file, validated unless ``validate`` is False (the built-in pack), cached while the
    file is unchanged; callers copy what they keep."""
    try:
        st = path.stat()
    except OSError as e:
        raise ConfigError(f"{_where(path)}: cannot read rule file: {e}") from None
    return _read_file(str(path), st.st_mtime_ns, st.st_size, validate)


def validate(path: Path, doc: Any) -> None:
    """Raise ConfigError naming the file, the rule and the field unless ``doc`` fits rules/schema.json."""
    import jsonschema

    errors = list(_validator().iter_errors(doc))
    if errors:
        raise ConfigError(_describe_error(path, doc, jsonschema.exceptions.best_match(errors)))


@cache
def _read_file(name: str, _mtime: int, _size: int, check: bool) -> list[dict]:
    path = Path(name)
    try:
        doc = yamldata.read(path)
    except (OSError, UnicodeDecodeError, yamldata.YAMLError) as e:
        raise ConfigError(f"{_where(path)}: cannot read rule file: {e}") from None
    if check:
        validate(path, doc)
    for i, item in enumerate(doc["rules"]):
        _check_regexes(path, item, i)
    return doc["rules"]


def _check_regexes(path: Path, item: dict, index: int) -> None:
    fields = ["any"] + (["patterns"] if item.get("type") == "placeholder" else [])
    for key in fields:
        for rx in item.get(key, []):
            if not isinstance(rx, str):
                continue
            try:
                re.compile(rx)
            except re.error as e:
                name = item.get("id") or item.get("extend") or f"#{index + 1}"
                raise ConfigError(f"{_where(path)}, rule {name!r}, field {key}: bad regular expression {rx!r}: "
                                  f"{e}") from None


def files_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ConfigError(f"rule folder not found: {folder}")
    return sorted(p for p in folder.rglob("*.yml") if p.is_file())


@dataclass
class Pack:
    name: str  # "da" for the built-in pack, the entry-point name for a plugin, the path for a config folder
    folder: Path
    prefix: str | None = None  # plugins must name their own new rules "<prefix>.<…>"
    built_in: bool = False  # lixcheck's own pack: validated by the tests, not when it is read


def plugin_packs(wanted: bool | list[str]) -> list[Pack]:
    if wanted is False:
        return []
    packs = []
    for ep in sorted(entry_points(group=RULES_GROUP), key=lambda e: e.name):
        if isinstance(wanted, list) and ep.name not in wanted:
            continue
        try:
            target = ep.load()
            folder = Path(target() if callable(target) else target)
        except Exception as e:  # a broken plugin must say which one
            raise ConfigError(f"plugin {ep.name!r} ({RULES_GROUP}): cannot load {ep.value}: {e}") from None
        packs.append(Pack(ep.name, folder, prefix=ep.name))
    if isinstance(wanted, list):
        missing = sorted(set(wanted) - {p.name for p in packs})
        if missing:
            raise ConfigError(f"rules.plugins: not installed: {', '.join(missing)} (entry-point group {RULES_GROUP})")
    return packs


def load_checks(wanted: bool | list[str]) -> None:
    """Import the engine's own checks (passive, nominal) and plugin checks. The letter checks of lixcheck/checks/
    sit above the engine and are registered by the analysis layer, which imports them."""
    importlib.import_module(".passive", __package__)
    importlib.import_module(".nominal", __package__)
    if wanted is False:
        return
    for ep in sorted(entry_points(group=CHECKS_GROUP), key=lambda e: e.name):
        if isinstance(wanted, list) and ep.name not in wanted:
            continue
        try:
            target = ep.load()
            if callable(target):
                target()
        except Exception as e:
            raise ConfigError(f"plugin {ep.name!r} ({CHECKS_GROUP}): cannot load {ep.value}: {e}") from None


def load_specs(extra_paths: list[str] = (), plugins: bool | list[str] = True) -> tuple[dict[str, RuleSpec], str]:
    """All rules by id (built-in, then plugins, then config folders) and a version hash of the files read."""
    packs = [Pack("da", rules_dir() / "da", built_in=True)] + plugin_packs(plugins)
    packs += [Pack(str(p), Path(p)) for p in extra_paths]
    specs: dict[str, RuleSpec] = {}
    pending: list[tuple[dict, Path]] = []
    digest = hashlib.sha1()
    for pack in packs:
        for path in files_in(pack.folder):
            digest.update(path.read_bytes())
            for item in read_file(path, validate=not pack.built_in):
                if "extend" in item:
                    pending.append((item, path))
                    continue
                rid = item["id"]
                if pack.prefix and not rid.startswith(pack.prefix + "."):
                    raise ConfigError(f"{_where(path)}, rule {rid!r}, field id: rules of plugin {pack.name!r} must be "
                                      f"named '{pack.prefix}.<name>'; use 'extend: {rid}' to add to a built-in rule")
                if rid in specs:
                    raise ConfigError(f"{_where(path)}, rule {rid!r}, field id: defined twice (also in "
                                      f"{specs[rid].origin})")
                origin = _where(path) if pack.name == "da" else f"{pack.name}: {_where(path)}"
                specs[rid] = RuleSpec(copy.deepcopy(item), origin)
    for item, path in pending:
        target = specs.get(item["extend"])
        if target is None:
            raise ConfigError(f"{_where(path)}, rule {item['extend']!r}, field extend: no such rule")
        for key, value in item.items():
            if key in LIST_KEYS:
                target.data.setdefault(key, []).extend(copy.deepcopy(value))
            elif key in DICT_KEYS:
                target.data.setdefault(key, {}).update(copy.deepcopy(value))
            elif key == "examples":  # more bad/good examples, tested like the rule's own
                for which, examples in value.items():
                    target.data["examples"].setdefault(which, []).extend(copy.deepcopy(examples))
        target.extensions.append(_where(path))
    return specs, digest.hexdigest()[:10]
