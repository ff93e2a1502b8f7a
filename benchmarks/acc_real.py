"""lixcheck against the real-letter set in corpus/real/ (real Danish public-sector letters, annotated by reading).

    python benchmarks/accuracy.py real
    python benchmarks/acc_real.py [-v]

Each letter is checked with ``lixcheck.check(text)`` (no kind given, built-in rules only), and the findings are
compared with the annotations in NAME.json (see corpus/real/GUIDELINES.md). Dev and test are scored separately;
test is report-only.

Matching rules
- Gold spans are the n-th occurrence of the annotated text; findings are spans (offset, length) of one check:
  jargon = findings of category "jargon" (rules jargon, formal-address, term, hard-word) plus rule "nominal-style";
  passive = rules "passive" and "passive.blive"; placeholders = rule "placeholder". A finding counts for the checks
  of its rule and of the rules in its `also` (one finding per place keeps one finding where several rules hit).
- Precision: a finding is correct when it overlaps a gold span of the same check.
- Recall (every occurrence): a gold span is found when a finding of that check overlaps it.
- Recall (distinct terms): each distinct annotated text (case-insensitive) counts once per letter and is found when
  any of its occurrences is found. This is the number for checks that report a term once per letter.
- Jargon recall is also given per gold category (old-fashioned, legal, internal, nominal, other); the acronym rule
  (category "acronym") is not part of jargon, but its recall of the "internal" items is shown beside it.
- Letter level: sender clarity agreement (report "sender.clear" vs gold), decision detection ("letter.is_decision"
  vs gold, with precision/recall for decisions), klagevejledning and begrundelse agreement on gold decisions.

main() prints a table per split and returns {"dev": …, "test": …}. Nothing of a letter's text is printed except,
with -v and for dev only, the annotated phrases that were missed and the text of findings that matched nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus" / "real"
SPLITS = ("dev", "test")
CATEGORIES = ("old-fashioned", "legal", "internal", "nominal", "other")
CONFIG = {"rules": {"plugins": False}}


def letters() -> list[tuple[str, str, dict]]:
    """(name, text, annotation) for every NAME.json with its NAME.txt, sorted by name."""
    out = []
    for ann in sorted(CORPUS.glob("*.json")):
        out.append((ann.stem, ann.with_suffix(".txt").read_text(encoding="utf-8"),
                    json.loads(ann.read_text(encoding="utf-8"))))
    return out


def locate(text: str, needle: str, occurrence: int) -> int:
    """Start of the occurrence-th (1-based) occurrence of needle in text, or -1."""
    i = -1
    for _ in range(occurrence):
        i = text.find(needle, i + 1)
        if i == -1:
            return -1
    return i


def gold_spans(text: str, items: list[dict]) -> list[tuple[int, int, dict]]:
    spans = []
    for it in items:
        start = locate(text, it["text"], it["occurrence"])
        if start < 0:
            raise ValueError(f"annotated text not found at occurrence {it['occurrence']}: {it['text']!r}")
        spans.append((start, start + len(it["text"]), it))
    return spans


def _check_of(rule: str, category: str) -> str | None:
    if category == "jargon" or rule == "nominal-style":
        return "jargon"
    if rule in ("passive", "passive.blive"):
        return "passive"
    if rule == "placeholder":
        return "placeholders"
    if rule == "acronym":
        return "acronym"
    return None


def _checks_of(f: dict, categories: dict[str, str]) -> set[str]:
    """The checks a finding counts for: its rule's, and those of the rules in its `also` (one finding per place:
    "bedes" is a jargon finding with `passive` in `also`, and it is a passive all the same)."""
    rules = [(f["rule"], f["category"])] + [(r, categories.get(r, "")) for r in f.get("also") or ()]
    return {c for c in (_check_of(r, cat) for r, cat in rules) if c is not None}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


class _Tally:
    """Counts for one span check over many letters."""

    def __init__(self) -> None:
        self.findings = self.correct = self.gold = self.found = self.terms = self.terms_found = 0
        self.by_cat = {c: [0, 0, 0, 0] for c in CATEGORIES}  # gold, found, terms, terms found

    def add(self, found_spans: list[tuple[int, int]], gold: list[tuple[int, int, dict]],
            misses: list[str], noise: list[str], finding_texts: list[str]) -> None:
        self.findings += len(found_spans)
        for span, ftext in zip(found_spans, finding_texts, strict=True):
            if any(_overlaps(span, (s, e)) for s, e, _ in gold):
                self.correct += 1
            else:
                noise.append(ftext)
        terms: dict[str, bool] = {}
        term_cat: dict[str, str | None] = {}
        for s, e, it in gold:
            hit = any(_overlaps((s, e), span) for span in found_spans)
            self.gold += 1
            self.found += hit
            key = it["text"].casefold()
            terms[key] = terms.get(key, False) or hit
            term_cat[key] = it.get("category")
            cat = it.get("category")
            if cat in self.by_cat:
                self.by_cat[cat][0] += 1
                self.by_cat[cat][1] += hit
            if not hit:
                misses.append(it["text"] + (f" [{cat}]" if cat else ""))
        for key, hit in terms.items():
            self.terms += 1
            self.terms_found += hit
            cat = term_cat[key]
            if cat in self.by_cat:
                self.by_cat[cat][2] += 1
                self.by_cat[cat][3] += hit

    def result(self) -> dict:
        out = {"findings": self.findings, "correct": self.correct, "gold": self.gold, "found": self.found,
               "precision": _ratio(self.correct, self.findings), "recall": _ratio(self.found, self.gold),
               "terms": self.terms, "terms_found": self.terms_found,
               "recall_terms": _ratio(self.terms_found, self.terms)}
        if any(v[0] for v in self.by_cat.values()):
            out["by_category"] = {c: {"gold": g, "found": f, "recall": _ratio(f, g), "terms": t,
                                      "recall_terms": _ratio(tf, t)}
                                  for c, (g, f, t, tf) in self.by_cat.items()}
        return out


def evaluate(split: str, verbose: bool = False) -> dict:
    import lixcheck

    rows = [r for r in letters() if r[2]["split"] == split]
    categories = {r.id: r.category for r in lixcheck.Checker(CONFIG).rules()}
    tallies = {k: _Tally() for k in ("jargon", "passive", "placeholders")}
    acronym_internal = [0, 0]  # internal gold items, found by the acronym rule
    agree = {k: [0, 0] for k in ("sender_clear", "sender_organisation_named", "sender_contact", "is_decision",
                                 "klagevejledning", "begrundelse")}
    decision = {"tp": 0, "fp": 0, "fn": 0}
    offset_mismatches = 0
    details: list[tuple[str, str, list[str], list[str]]] = []
    for name, text, ann in rows:
        report = lixcheck.check(text, config=CONFIG).to_dict()
        spans: dict[str, list[tuple[int, int]]] = {k: [] for k in ("jargon", "passive", "placeholders", "acronym")}
        ftexts: dict[str, list[str]] = {k: [] for k in spans}
        for f in report["findings"]:
            start, end = f["offset"], f["offset"] + f["length"]
            offset_mismatches += text[start:end] != f["text"]
            for check in _checks_of(f, categories):
                spans[check].append((start, end))
                ftexts[check].append(f["text"])
        for check, tally in tallies.items():
            gold = gold_spans(text, ann[check])
            misses: list[str] = []
            noise: list[str] = []
            tally.add(spans[check], gold, misses, noise, ftexts[check])
            if misses or noise:
                details.append((name, check, misses, noise))
        for s, e, it in gold_spans(text, ann["jargon"]):
            if it["category"] == "internal":
                acronym_internal[0] += 1
                acronym_internal[1] += any(_overlaps((s, e), sp) for sp in spans["acronym"])
        sender, letter, gold_sender = report.get("sender") or {}, report.get("letter") or {}, ann["sender"]
        pairs = {
            "sender_clear": (sender.get("clear"), gold_sender["clear"]),
            "sender_organisation_named": (bool(sender.get("organisation")), gold_sender["organisation"] is not None),
            # (the section's contact is a dict of the channels found, each None when not found; a person's name is
            # no way to reach the sender, GUIDELINES.md § 4, so "person" alone does not count)
            "sender_contact": (any(v for k, v in (sender.get("contact") or {}).items() if k != "person")
                               if sender else None,
                               gold_sender["contact"]),
            "is_decision": (letter.get("is_decision"), ann["is_decision"]),
        }
        if ann["is_decision"]:
            pairs["klagevejledning"] = (letter.get("klagevejledning"), ann["klagevejledning"])
            pairs["begrundelse"] = (letter.get("begrundelse"), ann["begrundelse"])
        for key, (got, want) in pairs.items():
            agree[key][0] += bool(got) == want if got is not None else 0
            agree[key][1] += 1
        got_decision = bool(letter.get("is_decision"))
        if got_decision and ann["is_decision"]:
            decision["tp"] += 1
        elif got_decision:
            decision["fp"] += 1
        elif ann["is_decision"]:
            decision["fn"] += 1
    res = {k: t.result() for k, t in tallies.items()}
    res["jargon"]["acronym_rule_internal_recall"] = _ratio(acronym_internal[1], acronym_internal[0])
    res.update({
        "letters": len(rows),
        "agreement": {k: _ratio(ok, n) for k, (ok, n) in agree.items()},
        "agreement_counts": {k: {"agree": ok, "of": n} for k, (ok, n) in agree.items()},
        "decision_detection": {**decision, "precision": _ratio(decision["tp"], decision["tp"] + decision["fp"]),
                               "recall": _ratio(decision["tp"], decision["tp"] + decision["fn"])},
        "offset_mismatches": offset_mismatches,
    })
    if verbose and split == "dev":
        res["details"] = details
    return res


def _fmt(x) -> str:
    return "  —  " if x is None else f"{x:5.2f}"


def _print(split: str, r: dict) -> None:
    print(f"\n### {split}: {r['letters']} real letters (corpus/real/), lixcheck.check(text), built-in rules")
    print(f"{'check':22} {'findings':>8} {'correct':>7} {'P':>5}  {'gold':>4} {'found':>5} {'R':>5}  "
          f"{'terms':>5} {'R terms':>7}")
    for check in ("jargon", "passive", "placeholders"):
        c = r[check]
        print(f"{check:22} {c['findings']:8} {c['correct']:7} {_fmt(c['precision'])}  {c['gold']:4} {c['found']:5} "
              f"{_fmt(c['recall'])}  {c['terms']:5} {_fmt(c['recall_terms']):>7}")
    for cat, c in r["jargon"].get("by_category", {}).items():
        print(f"  jargon/{cat:13} {'':8} {'':7} {'':5}  {c['gold']:4} {c['found']:5} {_fmt(c['recall'])}  "
              f"{c['terms']:5} {_fmt(c['recall_terms']):>7}")
    print(f"  (acronym rule on jargon/internal: recall {_fmt(r['jargon']['acronym_rule_internal_recall'])})")
    print("agreement with the annotations:")
    for key, value in r["agreement"].items():
        c = r["agreement_counts"][key]
        print(f"  {key:26} {_fmt(value)}  ({c['agree']}/{c['of']})")
    d = r["decision_detection"]
    print(f"  decisions detected: TP {d['tp']}  FP {d['fp']}  FN {d['fn']}  P {_fmt(d['precision'])}  "
          f"R {_fmt(d['recall'])}")
    if r["offset_mismatches"]:
        print(f"  WARNING: {r['offset_mismatches']} findings whose offset does not match their text")
    for name, check, misses, noise in r.get("details", []):
        if misses:
            print(f"  missed {check} in {name}: {misses}")
        if noise:
            print(f"  unmatched {check} findings in {name}: {noise}")


def main(verbose: bool = False) -> dict:
    results = {}
    for split in SPLITS:
        results[split] = evaluate(split, verbose=verbose)
        _print(split, results[split])
    return results


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
