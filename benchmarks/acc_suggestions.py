"""Suggestions that fit the sentence: the hand-written gold set tests/data/suggestions.yml.

    python benchmarks/accuracy.py suggestions
    python benchmarks/acc_suggestions.py

Each sentence is checked (built-in rules, no plugins), and the first offered replacement of every finding that
offers one is accepted, as a LanguageTool client's correct() does. A sentence is right when the result is exactly the
gold `after`, or when nothing is offered and `after` is null (no replacement fits). main() prints the share of exact
sentences per split (dev: written while the inflection was built; heldout: written after it) and every failure, and
returns the numbers.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "suggestions.yml"
CONFIG = {"rules": {"plugins": False}}


def gold() -> dict[str, list[dict]]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def accept_first(text: str, findings) -> str | None:
    """`text` with the first replacement of every finding that offers one (None when no finding offers one)."""
    offered = sorted((f for f in findings if f.replacements), key=lambda f: f.offset, reverse=True)
    if not offered:
        return None
    for f in offered:  # from the end, so earlier offsets stay valid (findings do not overlap: one per place)
        text = text[:f.offset] + f.replacements[0] + text[f.offset + f.length:]
    return text


def evaluate() -> dict:
    import lixcheck

    out: dict = {"failures": []}
    total = right = 0
    for split, items in gold().items():
        ok = 0
        for item in items:
            got = accept_first(item["text"], lixcheck.check(item["text"], config=CONFIG).findings)
            if got == item["after"]:
                ok += 1
            else:
                out["failures"].append({"split": split, "text": item["text"], "expected": item["after"], "got": got})
        out[split] = {"sentences": len(items), "exact": ok, "share": round(ok / len(items), 3) if items else None}
        total += len(items)
        right += ok
    out["all"] = {"sentences": total, "exact": right, "share": round(right / total, 3) if total else None}
    return out


def main() -> dict:
    r = evaluate()
    print("| split | sentences | exact | share |")
    print("|---|---|---|---|")
    for split in [k for k in r if k != "failures"]:
        s = r[split]
        print(f"| {split} | {s['sentences']} | {s['exact']} | {s['share']:.3f} |")
    for f in r["failures"]:
        print(f"\n{f['split']}: {f['text']}\n  expected: {f['expected']}\n  got:      {f['got']}")
    return r


if __name__ == "__main__":
    main()
