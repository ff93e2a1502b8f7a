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
- Recall (once-per-letter credit): as every occurrence, but a rule reported once per letter (`once: true` in its
  rule file: term, hard-word, acronym) stands for all its uses, so an annotated occurrence its finding does not
  overlap is found as well when the finding (i) is in the same letter, (ii) covers the same word: the lookup lemmas
  of the finding's words (the lemma table the rules use) occur in that order in the annotated text ("påbuddet" for a
  finding "påbud", never "påbudsfrist" or another term), and (iii) has uses left: the finding's place and the places
  credited to it are at most its `occurrences`. Places are credited in text order; an occurrence another finding
  overlaps is found already and takes none of the count. This is the figure the issue-15 targets are read on; the
  every-occurrence figure stays beside it.
- Recall (distinct terms): each distinct annotated text (case-insensitive) counts once per letter and is found when
  any of its occurrences is found.
- Jargon recall is also given per gold category (old-fashioned, legal, internal, nominal, other); the acronym rule
  (category "acronym") is not part of jargon, but its recall of the "internal" items is shown beside it.
- Letter level: sender clarity agreement (report "sender.clear" vs gold), decision detection ("letter.is_decision"
  vs gold, with precision/recall for decisions), klagevejledning and begrundelse agreement on gold decisions.

main() prints a table per split and returns {"dev": …, "test": …}. Nothing of a letter's text is printed except,
with -v and for dev only, the annotated phrases that were missed and the text of findings that matched nothing.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
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


_WORD = re.compile(r"[^\W_]+")


def lemmas(text: str) -> tuple[str, ...]:
    """The lookup lemma of each word of text, in lower case: the form itself in the lemma table, else its lower case
    (what the lixcheck_lemmas component gives a token)."""
    from lixcheck.nlp.pipeline import lemma_table

    table = lemma_table()
    out = []
    for w in _WORD.findall(text):
        lemma = table.get(w)
        if lemma is None:
            low = w.lower()
            lemma = table.get(low, low)
        out.append(lemma.lower())
    return tuple(out)


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether `part` occurs in `words` as a run of whole words."""
    n = len(part)
    return n > 0 and any(words[i:i + n] == part for i in range(len(words) - n + 1))


@dataclass
class Found:
    """A finding as one check sees it: its span, its text, and how many uses it stands for (its `occurrences` when
    its rule is reported once per letter, else 1)."""

    start: int
    end: int
    text: str
    uses: int = 1


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


class _Tally:
    """Counts for one span check over many letters."""

    def __init__(self) -> None:
        self.findings = self.correct = self.gold = self.found = self.found_once = 0
        self.terms = self.terms_found = 0
        self.by_cat = {c: [0, 0, 0, 0, 0] for c in CATEGORIES}  # gold, found, terms, terms found, found (once credit)

    def add(self, found: list[Found], gold: list[tuple[int, int, dict]], misses: list[str], noise: list[str]) -> None:
        self.findings += len(found)
        for f in found:
            if any(_overlaps((f.start, f.end), (s, e)) for s, e, _ in gold):
                self.correct += 1
            else:
                noise.append(f.text)
        hits = [any(_overlaps((s, e), (f.start, f.end)) for f in found) for s, e, _ in gold]
        credited = once_credit(found, gold, hits)
        terms: dict[str, bool] = {}
        term_cat: dict[str, str | None] = {}
        for (_s, _e, it), hit, credit in zip(gold, hits, credited, strict=True):
            self.gold += 1
            self.found += hit
            self.found_once += hit or credit
            key = it["text"].casefold()
            terms[key] = terms.get(key, False) or hit
            term_cat[key] = it.get("category")
            cat = it.get("category")
            if cat in self.by_cat:
                self.by_cat[cat][0] += 1
                self.by_cat[cat][1] += hit
                self.by_cat[cat][4] += hit or credit
            if not (hit or credit):
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
               "found_once": self.found_once, "recall_once": _ratio(self.found_once, self.gold),
               "terms": self.terms, "terms_found": self.terms_found,
               "recall_terms": _ratio(self.terms_found, self.terms)}
        if any(v[0] for v in self.by_cat.values()):
            out["by_category"] = {c: {"gold": g, "found": f, "recall": _ratio(f, g), "found_once": fo,
                                      "recall_once": _ratio(fo, g), "terms": t, "recall_terms": _ratio(tf, t)}
                                  for c, (g, f, t, tf, fo) in self.by_cat.items()}
        return out


def once_credit(found: list[Found], gold: list[tuple[int, int, dict]], hits: list[bool]) -> list[bool]:
    """For each gold span that no finding overlaps (hits[i] False): whether a once-per-letter finding of the same
    letter stands for it (same words by lemma, uses left; see the module's docstring). Gold spans in text order."""
    credit = [False] * len(gold)
    left = []  # [finding's lemmas, uses not yet credited] for each finding that stands for more than its place
    for f in found:
        if f.uses > 1:
            left.append([lemmas(f.text), f.uses - 1])  # (its own place is one use, annotated or not)
    if not left:
        return credit
    for i in sorted(range(len(gold)), key=lambda i: gold[i][0]):
        if hits[i]:
            continue
        words = lemmas(gold[i][2]["text"])
        for entry in left:
            if entry[1] > 0 and _holds(words, entry[0]):
                entry[1] -= 1
                credit[i] = True
                break
    return credit


def evaluate(split: str, verbose: bool = False) -> dict:
    import lixcheck

    rows = [r for r in letters() if r[2]["split"] == split]
    checker = lixcheck.Checker(CONFIG)
    categories = {r.id: r.category for r in checker.rules()}
    once = checker.analyzer.ruleset.once  # the rules reported once per letter, with Finding.occurrences
    tallies = {k: _Tally() for k in ("jargon", "passive", "placeholders")}
    acronym_internal = [0, 0, 0]  # internal gold items, found by the acronym rule (every occurrence, once credit)
    agree = {k: [0, 0] for k in ("sender_clear", "sender_organisation_named", "sender_contact", "is_decision",
                                 "klagevejledning", "begrundelse")}
    decision = {"tp": 0, "fp": 0, "fn": 0}
    offset_mismatches = 0
    details: list[tuple[str, str, list[str], list[str]]] = []
    disagreements: list[tuple[str, str, object, bool]] = []  # (letter, check, lixcheck's answer, the annotation)
    for name, text, ann in rows:
        report = checker.check(text).to_dict()
        found: dict[str, list[Found]] = {k: [] for k in ("jargon", "passive", "placeholders", "acronym")}
        for f in report["findings"]:
            start, end = f["offset"], f["offset"] + f["length"]
            offset_mismatches += text[start:end] != f["text"]
            uses = f["occurrences"] if f["rule"] in once else 1
            for check in _checks_of(f, categories):
                found[check].append(Found(start, end, f["text"], uses))
        for check, tally in tallies.items():
            gold = gold_spans(text, ann[check])
            misses: list[str] = []
            noise: list[str] = []
            tally.add(found[check], gold, misses, noise)
            if misses or noise:
                details.append((name, check, misses, noise))
        internal = [g for g in gold_spans(text, ann["jargon"]) if g[2]["category"] == "internal"]
        hits = [any(_overlaps((s, e), (f.start, f.end)) for f in found["acronym"]) for s, e, _ in internal]
        acronym_internal[0] += len(internal)
        acronym_internal[1] += sum(hits)
        acronym_internal[2] += sum(h or c for h, c in zip(hits, once_credit(found["acronym"], internal, hits),
                                                           strict=True))
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
            agreed = bool(got) == want if got is not None else False
            agree[key][0] += agreed
            agree[key][1] += 1
            if not agreed:
                disagreements.append((name, key, got, want))
        got_decision = bool(letter.get("is_decision"))
        if got_decision and ann["is_decision"]:
            decision["tp"] += 1
        elif got_decision:
            decision["fp"] += 1
        elif ann["is_decision"]:
            decision["fn"] += 1
    res = {k: t.result() for k, t in tallies.items()}
    res["jargon"]["acronym_rule_internal_recall"] = _ratio(acronym_internal[1], acronym_internal[0])
    res["jargon"]["acronym_rule_internal_recall_once"] = _ratio(acronym_internal[2], acronym_internal[0])
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
        res["disagreements"] = disagreements
    return res


def _fmt(x) -> str:
    return "  —  " if x is None else f"{x:5.2f}"


def _print(split: str, r: dict) -> None:
    print(f"\n### {split}: {r['letters']} real letters (corpus/real/), lixcheck.check(text), built-in rules")
    print("(R every: each annotated occurrence must be overlapped by a finding; R once: an occurrence is also found")
    print(" when a once-per-letter finding of the same word stands for it, up to its occurrences; R terms: distinct")
    print(" annotated texts per letter)")
    print(f"{'check':22} {'findings':>8} {'correct':>7} {'P':>5}  {'gold':>4} {'found':>5} {'R every':>7} "
          f"{'found':>5} {'R once':>6}  {'terms':>5} {'R terms':>7}")
    for check in ("jargon", "passive", "placeholders"):
        c = r[check]
        print(f"{check:22} {c['findings']:8} {c['correct']:7} {_fmt(c['precision'])}  {c['gold']:4} {c['found']:5} "
              f"{_fmt(c['recall']):>7} {c['found_once']:5} {_fmt(c['recall_once']):>6}  {c['terms']:5} "
              f"{_fmt(c['recall_terms']):>7}")
    for cat, c in r["jargon"].get("by_category", {}).items():
        print(f"  jargon/{cat:13} {'':8} {'':7} {'':5}  {c['gold']:4} {c['found']:5} {_fmt(c['recall']):>7} "
              f"{c['found_once']:5} {_fmt(c['recall_once']):>6}  {c['terms']:5} {_fmt(c['recall_terms']):>7}")
    print(f"  (acronym rule on jargon/internal: recall every {_fmt(r['jargon']['acronym_rule_internal_recall'])}, "
          f"once {_fmt(r['jargon']['acronym_rule_internal_recall_once'])})")
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
    for name, check, got, want in r.get("disagreements", []):
        print(f"  {check} in {name}: lixcheck {got!r}, annotation {want!r}")


def main(verbose: bool = False) -> dict:
    results = {}
    for split in SPLITS:
        results[split] = evaluate(split, verbose=verbose)
        _print(split, results[split])
    return results


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
