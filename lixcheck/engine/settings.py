"""The `rules` part of the configuration (Config.rules): shape checked when the config is read, rule ids checked
when the rules are loaded. Unknown keys, rule ids and categories are errors, never ignored.

    [rules]
    disable = ["vague-actor", "acronym"]        # rule ids or categories
    enable = ["some.rule-off-by-default"]
    severity = { passive = "warning" }
    thresholds = { long-sentence = { default = 30, decision = 35 } }
    allow = { jargon = ["i henhold til lov om social service"], "*" = ["Deres ref."] }
    paths = ["regler/"]                         # extra folders of rule YAML
    plugins = true                              # or false, or a list of plugin names
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..model import CATEGORIES, SEVERITIES

KEYS = ("enable", "disable", "severity", "thresholds", "allow", "paths", "plugins")
ALL = "*"


@dataclass(frozen=True)
class RuleSettings:
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    allow: dict[str, tuple[str, ...]] = field(default_factory=dict)
    paths: tuple[str, ...] = ()
    plugins: bool | tuple[str, ...] = True


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where} must be a list of non-empty strings")
    return tuple(value)


def parse(rules: dict[str, Any] | None, where: str = "config") -> RuleSettings:
    """Check the shape of Config.rules (rule ids are checked later, against the loaded rules)."""
    rules = rules or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{where}: rules must be a table/dict")
    unknown = sorted(set(rules) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) in rules: {', '.join(unknown)}; known keys: {', '.join(KEYS)}")
    w = f"{where}: rules."
    severity = rules.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{w}severity must be a table of rule id = severity")
    for rid, sev in severity.items():
        if sev not in SEVERITIES:
            raise ConfigError(f"{w}severity.{rid} must be one of {', '.join(SEVERITIES)}, got {sev!r}")
    thresholds = rules.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise ConfigError(f"{w}thresholds must be a table of rule id = {{ default = …, <kind> = … }}")
    for rid, per_kind in thresholds.items():
        if not isinstance(per_kind, dict) or not per_kind:
            raise ConfigError(f"{w}thresholds.{rid} must be a table such as {{ default = 25, decision = 30 }}")
        for kind, value in per_kind.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ConfigError(f"{w}thresholds.{rid}.{kind} must be a positive number, got {value!r}")
    allow = rules.get("allow", {})
    if not isinstance(allow, dict):
        raise ConfigError(f"{w}allow must be a table of rule id = [phrases]")
    plugins = rules.get("plugins", True)
    if not isinstance(plugins, bool):
        plugins = _str_list(plugins, f"{w}plugins (true, false or a list of plugin names)")
    return RuleSettings(
        enable=_str_list(rules.get("enable", []), f"{w}enable"),
        disable=_str_list(rules.get("disable", []), f"{w}disable"),
        severity=dict(severity),
        thresholds={k: dict(v) for k, v in thresholds.items()},
        allow={k: _str_list(v, f"{w}allow.{k}") for k, v in allow.items()},
        paths=_str_list(rules.get("paths", []), f"{w}paths"),
        plugins=plugins,
    )


def check_ids(settings: RuleSettings, ids: set[str]) -> None:
    """Every rule id (or category, where allowed) named in the settings must exist."""

    def known(name: str, categories: bool) -> bool:
        return name in ids or (categories and name in CATEGORIES)

    for key, names, categories in (("enable", settings.enable, True), ("disable", settings.disable, True),
                                   ("severity", settings.severity, False), ("thresholds", settings.thresholds, False),
                                   ("allow", settings.allow, False)):
        for name in names:
            if key == "allow" and name == ALL:
                continue
            if not known(name, categories):
                what = "rule id or category" if categories else "rule id"
                raise ConfigError(f"rules.{key}: unknown {what} {name!r} (see `lixcheck rules list`)")


def is_enabled(rule_id: str, category: str, default: bool, settings: RuleSettings) -> bool:
    """Most specific wins: a rule id beats its category; enable beats disable at the same level."""
    if rule_id in settings.enable:
        return True
    if rule_id in settings.disable:
        return False
    if category in settings.enable:
        return True
    if category in settings.disable:
        return False
    return default
