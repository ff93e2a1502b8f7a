"""Compiles rule data into one RuleSet per configuration: phrase and pattern rules share one Matcher pass each;
metric, require, acronym, placeholder and check rules run once per document. Settings (enable/disable, severity,
thresholds, allow-list) are applied here, so a RuleSet is immutable and thread-safe after construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import kinds
from ..errors import ConfigError
from . import settings as settings_mod
from .acronyms import AcronymRule
from .base import CHECKS, Context, Hit, RuleInfo
from .hard_words import HardWordRule, unexplained
from .loader import RuleSpec, load_checks, load_specs
from .metrics import MetricRule, RequireRule
from .patterns import PatternRules
from .phrases import PhraseRules
from .placeholders import PlaceholderRule

PACK = "da"


def _summary(description: str) -> str:
    first = re.split(r"(?<=[.!?])\s", description.strip(), maxsplit=1)[0]
    return first


def _info(spec: RuleSpec, settings: settings_mod.RuleSettings) -> RuleInfo:
    d = spec.data
    enabled = settings_mod.is_enabled(d["id"], d["category"], d.get("enabled", True), settings)
    summary = d.get("summary") or _summary(" ".join(d["description"].split()))
    return RuleInfo(
        id=d["id"], category=d["category"], severity=settings.severity.get(d["id"], d["severity"]),
        message=d["message"].strip(), description=" ".join(d["description"].split()), type=d["type"],
        source=" ".join(d["source"].split()), why=" ".join(d["why"].split()), examples=d["examples"],
        origin=spec.origin, enabled=enabled, summary=summary, name=" ".join(d.get("name", "").split()) or summary,
        scope=d.get("scope", "text"),
    )


@dataclass
class _CheckRule:
    info: RuleInfo
    fn: object
    params: dict

    def run(self, ctx: Context) -> list[Hit]:
        hits = self.fn(ctx, self.info, self.params)
        return hits if type(hits) is list else list(hits)  # (a check may return any iterable)


class RuleSet:
    """The compiled rules for one configuration. Built once, then run on many documents (thread-safe)."""

    def __init__(self, config, nlp=None):
        self.config = config
        self.settings = settings_mod.parse(config.rules if config is not None else {})
        s = self.settings
        load_checks(s.plugins if isinstance(s.plugins, bool) else list(s.plugins))
        specs, digest = load_specs(list(s.paths), s.plugins if isinstance(s.plugins, bool) else list(s.plugins))
        self.version = f"{PACK}-{digest}"
        settings_mod.check_ids(s, set(specs))
        self.specs = specs
        self.rules: dict[str, RuleInfo] = {rid: _info(spec, s) for rid, spec in specs.items()}
        self.enabled: set[str] = {rid for rid, info in self.rules.items() if info.enabled}
        if nlp is None:
            from ..nlp import pipeline

            nlp = pipeline.load(config.model if config is not None else "auto")[0]
        self.phrases = PhraseRules(nlp)
        self.patterns = PatternRules(nlp)
        self.others: list = []
        for rid, spec in specs.items():
            self._compile(self.rules[rid], spec)
        self.phrases.compile()
        self.allow = {rid: [p.lower() for p in phrases] for rid, phrases in s.allow.items()}
        self._active = [rule for rule in self.others if rule.info.id in self.enabled]  # (enabled never changes)
        self.once = frozenset(rid for rid, spec in specs.items() if spec.data.get("once")) & self.enabled
        self.explainable = frozenset(rid for rid, spec in specs.items() if spec.data.get("unless_explained")) \
            & self.enabled
        self.defer = {rid: frozenset(spec.data["defer_to"]) for rid, spec in specs.items()
                      if spec.data.get("defer_to") and rid in self.enabled}

    def _compile(self, info: RuleInfo, spec: RuleSpec) -> None:
        d = spec.data
        t = d["type"]
        if t in ("substitution", "existence"):
            if t == "existence":
                for phrase in d["phrases"]:
                    self.phrases.add(info, phrase, (), None, d.get("match", "lower"))
            for entry in d.get("swap", []):
                phrases = entry["phrase"] if isinstance(entry["phrase"], list) else [entry["phrase"]]
                for phrase in phrases:
                    self.phrases.add(info, phrase, entry.get("replace", []), entry.get("message"),
                                     entry.get("match", d.get("match", "auto")), first=phrases[0],
                                     object_=entry.get("object"), gap=entry.get("gap", False))
        elif t == "pattern":
            self.patterns.add(info, d["patterns"], spec.origin)
        elif t == "metric":
            # the rule file's limits, then the table of kinds' (lixcheck/data/kinds.yml), then the user's
            per_kind = {k.id: k.thresholds[info.id] for k in kinds.all_kinds() if info.id in k.thresholds}
            _known_kinds(d["max"], f"{spec.origin}, rule {info.id!r}, field max")
            _known_kinds(self.settings.thresholds.get(info.id, {}), f"rules.thresholds.{info.id}")
            limits = {**d["max"], **per_kind, **self.settings.thresholds.get(info.id, {})}
            if "default" not in limits:
                raise ConfigError(f"rules.thresholds.{info.id}: needs a 'default'")
            self.others.append(MetricRule(info, d["measure"], limits))
        elif t == "require":
            _known_kinds(d["kinds"], f"{spec.origin}, rule {info.id!r}, field kinds")
            self.others.append(RequireRule(info, d["kinds"], d["any"]))
        elif t == "acronym":
            self.others.append(AcronymRule(info, d["known"], d.get("common", [])))
        elif t == "hard-word":
            params = d.get("params", {})
            terms = {phrase.lower() for rid in params.get("parts_from", []) if rid in self.specs
                     for entry in self.specs[rid].data.get("swap", [])
                     for phrase in (entry["phrase"] if isinstance(entry["phrase"], list) else [entry["phrase"]])
                     if " " not in phrase}
            self.others.append(HardWordRule(info, params, terms))
        elif t == "placeholder":
            self.others.append(PlaceholderRule(info, d["patterns"]))
        elif t == "check":
            fn = CHECKS.get(d["check"])
            if fn is None:
                raise ConfigError(f"{spec.origin}, rule {info.id!r}, field check: no Python check named "
                                  f"{d['check']!r} (registered: {', '.join(sorted(CHECKS)) or 'none'})")
            self.others.append(_CheckRule(info, fn, d.get("params", {})))

    def lix_rules(self) -> list[MetricRule]:
        """The enabled rules on the letter's LIX (the batch's reuse decides them again on each letter's counts)."""
        return [r for r in self._active if isinstance(r, MetricRule) and r.measure == "lix"]

    def filtered(self) -> frozenset[str]:
        """Ids of the rules whose hits depend on other hits or on the text around them (allow lists, explained
        terms, deferring, once per letter), and of the rules they defer to."""
        deferred_to = {rid for targets in self.defer.values() for rid in targets}
        return frozenset(self.allow) | self.explainable | frozenset(self.defer) | self.once | deferred_to

    def threshold(self, rule_id: str, kind: str | None = None) -> float | None:
        for rule in self.others:
            if isinstance(rule, MetricRule) and rule.info.id == rule_id:
                return rule.limits.get(kind or "default", rule.limits["default"])
        return None

    def run(self, ctx: Context) -> list[Hit]:
        enabled = self.enabled
        hits = self.phrases.run(ctx.doc, enabled) + self.patterns.run(ctx.doc, enabled)
        for rule in self._active:
            hits.extend(rule.run(ctx))
        if self.allow:
            hits = self._allowed(ctx.document.text, hits)
        if self.explainable:
            hits = unexplained(ctx.document.text, hits, self.explainable)
        if self.defer:
            hits = deferred(hits, self.defer)
        if self.once:
            hits = once_per_letter(ctx.document.text, hits, self.once)
        return hits

    def _allowed(self, text: str, hits: list[Hit]) -> list[Hit]:
        low = text.lower()
        spans: dict[str, list[tuple[int, int]]] = {}
        for rid, phrases in self.allow.items():
            for p in phrases:
                start = low.find(p)
                while start != -1:
                    spans.setdefault(rid, []).append((start, start + len(p)))
                    start = low.find(p, start + 1)

        def allowed(h: Hit) -> bool:
            for rid in (h.rule.id, settings_mod.ALL):
                if any(s <= h.start and h.end <= e for s, e in spans.get(rid, ())):
                    return True
            return False

        return [h for h in hits if not allowed(h)]


def deferred(hits: list[Hit], defer: dict[str, frozenset[str]]) -> list[Hit]:
    """Hits without those of a rule that defers to other rules (`defer_to`) where one of those reports the same
    words: a word the `term` rule explains is not also a `hard-word`."""
    if not any(h.rule.id in defer for h in hits):
        return hits
    out = []
    for h in hits:
        others = defer.get(h.rule.id)
        if others and any(o.rule.id in others and o.start < h.end and h.start < o.end for o in hits):
            continue
        out.append(h)
    return out


def once_per_letter(text: str, hits: list[Hit], once: frozenset[str]) -> list[Hit]:
    """Hits of the rules in `once` at their first use only, with the number of uses: a letter about aktindsigt gets
    one finding for the word, not ten. Uses are the same when their keys are (a phrase entry's lemmas, an acronym,
    a hard word's lemma; by default the matched text in lower case)."""
    out: list[Hit] = []
    first: dict[tuple[str, str], Hit] = {}
    for h in hits:
        rid = h.rule.id
        if rid not in once:
            out.append(h)
            continue
        key = (rid, h.key or text[h.start:h.end].lower())
        kept = first.get(key)
        if kept is None:
            first[key] = h
        elif h.start < kept.start:
            h.occurrences += kept.occurrences
            first[key] = h
        else:
            kept.occurrences += h.occurrences
    for h in first.values():
        if h.occurrences > 1:
            h.message = f"{h.message or h.rule.message} Ordet står {h.occurrences} gange i brevet."
        out.append(h)
    return out


def _known_kinds(names, where: str) -> None:
    """Every letter kind named in rule data or settings is one of lixcheck's kinds ("default": all others)."""
    for name in names:
        if name != "default" and name not in kinds.ids():
            raise ConfigError(f"{where}: unknown letter kind {name!r}; known kinds: {kinds.known_list()}")


def load_ruleset(config) -> RuleSet:
    return RuleSet(config)


def list_rules(config=None) -> list[RuleInfo]:
    """Every loaded rule (enabled or not, see RuleInfo.enabled), sorted by category and id: for docs and /regler/."""
    from ..config import from_dict

    cfg = from_dict(config) if not hasattr(config, "rules") else config
    specs, _ = load_specs(list(settings_mod.parse(cfg.rules).paths), _plugins(cfg))
    s = settings_mod.parse(cfg.rules)
    settings_mod.check_ids(s, set(specs))
    return sorted((_info(spec, s) for spec in specs.values()), key=lambda r: (r.category, r.id))


def _plugins(cfg):
    p = settings_mod.parse(cfg.rules).plugins
    return p if isinstance(p, bool) else list(p)
