"""Jargon precision (and recall) on the annotated synthetic letters in corpus/jargon/.

Each NAME.txt has a NAME.json with "expected": the officialese in the letter as written, annotated by hand
(everything a plain-language editor would rewrite, whether or not lixcheck's word list has it; list words used in a
plain sense are not expected). A finding of rule `jargon` is a true positive when it overlaps an expected phrase
(one contains the other, case-insensitive); each expected phrase is used once. Built-in rules only (no plugins).

    python benchmarks/acc_jargon.py [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "jargon"
RULE = "jargon"


def evaluate(verbose: bool = False) -> dict:
    import lixcheck

    tp = fp = expected_total = matched_total = letters = 0
    for txt in sorted(CORPUS.glob("*.txt")):
        letters += 1
        expected = [e.lower() for e in json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))["expected"]]
        expected_total += len(expected)
        report = lixcheck.check(txt.read_text(encoding="utf-8"), config={"rules": {"plugins": False}})
        open_ = list(expected)
        for f in report.findings:
            if f.rule != RULE:
                continue
            low = f.text.lower()
            hit = next((e for e in open_ if e == low or e in low or low in e), None)
            if hit is None:
                fp += 1
                if verbose:
                    print(f"  FP {txt.stem}: {f.text!r}")
            else:
                tp += 1
                open_.remove(hit)
        matched_total += len(expected) - len(open_)
        if verbose and open_:
            print(f"  FN {txt.stem}: {open_}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = matched_total / expected_total if expected_total else 0.0
    return {"letters": letters, "findings": tp + fp, "tp": tp, "fp": fp, "expected": expected_total,
            "precision": round(precision, 3), "recall": round(recall, 3)}


def main(verbose: bool = False) -> dict:
    r = evaluate(verbose)
    print("| letters | expected | findings | TP | FP | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {r['letters']} | {r['expected']} | {r['findings']} | {r['tp']} | {r['fp']} | {r['precision']:.3f} | "
          f"{r['recall']:.3f} |")
    return r


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
