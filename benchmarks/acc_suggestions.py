"""Suggestions that fit the sentence: the hand-written gold set tests/data/suggestions.yml and the real-sentence set
tests/data/suggestions_real.yml.

    python benchmarks/accuracy.py suggestions
    python benchmarks/acc_suggestions.py

Each sentence is checked (built-in rules, no plugins), and the first offered replacement of every finding that
offers one is accepted, as a LanguageTool client's correct() does. A sentence is right when the result is exactly the
gold `after`, or when nothing is offered and `after` is null (no replacement fits). main() prints the share of exact
sentences per split (dev: written while the inflection was built; heldout: written after it; `all` is these two;
real-dev: sentences of the dev letters of corpus/real, judged by someone who did not write the replacements), the
offered replacements that are right (one per finding: the words the gold `after` has in the finding's place), and
every failure, and returns the numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "suggestions.yml"
REAL = ROOT / "tests" / "data" / "suggestions_real.yml"
REAL_SPLIT = "real-dev"
CONFIG = {"rules": {"plugins": False}}
UNKNOWN = "?"  # gold words in a finding's place that judge_offers cannot tell


def gold() -> dict[str, list[dict]]:
    """The hand-written set: {split: [{text, after}]}."""
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def real_gold() -> list[dict]:
    """The real-sentence set: [{text, source, after}] from the dev letters of corpus/real."""
    return yaml.safe_load(REAL.read_text(encoding="utf-8"))[REAL_SPLIT]


def accept_first(text: str, findings) -> str | None:
    """`text` with the first replacement of every finding that offers one (None when no finding offers one)."""
    offered = sorted((f for f in findings if f.replacements), key=lambda f: f.offset, reverse=True)
    if not offered:
        return None
    for f in offered:  # from the end, so earlier offsets stay valid (findings do not overlap: one per place)
        text = text[:f.offset] + f.replacements[0] + text[f.offset + f.length:]
    return text


def _matches(text: str, offered: list, fixed: dict[int, str], after: str) -> re.Match | None:
    """`after` as `text` with the words of finding i replaced by fixed[i], and by anything for the other findings."""
    pattern, pos = "", 0
    for i, f in enumerate(offered):
        pattern += re.escape(text[pos:f.offset]) + (re.escape(fixed[i]) if i in fixed else "(.*?)")
        pos = f.offset + f.length
    return re.fullmatch(pattern + re.escape(text[pos:]), after, re.S)


def judge_offers(text: str, offered: list, after: str | None) -> list[str | None]:
    """Per offered finding (sorted by offset): None when its first replacement is what the gold `after` has in its
    place (the text between the findings is the same in both), else what `after` has there (UNKNOWN where `after`
    differs elsewhere too; where `after` is null every offer is wrong and the finding's words stay)."""
    if after is None:
        return [f.text for f in offered]  # nothing fits: the finding's words stay
    right = {i: f.replacements[0] for i, f in enumerate(offered)
             if _matches(text, offered, {i: f.replacements[0]}, after)}
    m = _matches(text, offered, right, after)
    wanted = iter(m.groups()) if m else iter(())
    return [None if i in right else next(wanted, UNKNOWN) for i in range(len(offered))]


def _score(items: list[dict], split: str, out: dict) -> dict:
    import lixcheck

    ok = offered_n = right_n = 0
    for item in items:
        findings = lixcheck.check(item["text"], config=CONFIG).findings
        got = accept_first(item["text"], findings)
        offered = sorted((f for f in findings if f.replacements), key=lambda f: f.offset)
        judged = judge_offers(item["text"], offered, item["after"])
        wrong = [(f.text, f.replacements[0], w) for f, w in zip(offered, judged, strict=True) if w is not None]
        offered_n += len(offered)
        right_n += len(offered) - len(wrong)
        if got == item["after"]:
            ok += 1
        else:
            out["failures"].append({"split": split, "text": item["text"], "expected": item["after"], "got": got,
                                    "source": item.get("source"), "wrong": wrong})
    n = len(items)
    return {"sentences": n, "exact": ok, "share": round(ok / n, 3) if n else None, "offered": offered_n,
            "offered_right": right_n, "offered_share": round(right_n / offered_n, 3) if offered_n else None}


def evaluate() -> dict:
    out: dict = {"failures": []}
    for split, items in gold().items():
        out[split] = _score(items, split, out)
    hand = [out[s] for s in gold()]
    total, right = sum(s["sentences"] for s in hand), sum(s["exact"] for s in hand)
    offered, offered_right = sum(s["offered"] for s in hand), sum(s["offered_right"] for s in hand)
    out["all"] = {"sentences": total, "exact": right, "share": round(right / total, 3) if total else None,
                  "offered": offered, "offered_right": offered_right,
                  "offered_share": round(offered_right / offered, 3) if offered else None}
    out[REAL_SPLIT] = _score(real_gold(), REAL_SPLIT, out)
    return out


def main() -> dict:
    r = evaluate()
    print("| split | sentences | exact | share | offered replacements | right | share |")
    print("|---|---|---|---|---|---|---|")
    for split in [k for k in r if k != "failures"]:
        s = r[split]
        print(f"| {split} | {s['sentences']} | {s['exact']} | {s['share']:.3f} | {s['offered']} | "
              f"{s['offered_right']} | {s['offered_share']:.3f} |")
    for f in r["failures"]:
        where = f" ({f['source']})" if f["source"] else ""
        print(f"\n{f['split']}{where}: {f['text']}\n  expected: {f['expected']}\n  got:      {f['got']}")
        for words, offer, want in f["wrong"]:
            print(f"  „{words}“ -> „{offer}“, gold „{want}“" + (" (no replacement fits)" if want == words else ""))
    return r


if __name__ == "__main__":
    main()
