"""Klagevejledning and begrundelse detection on real wordings: tests/data/legal_wordings_real.yml.

    python benchmarks/accuracy.py legal_wordings
    python benchmarks/acc_legal_wordings.py [-v]

The set holds passages copied from public Danish authority texts (standard klagevejledning pages, published
decisions), each labelled by reading: klagevejledning, klage-incomplete, begrundelse, not-begrundelse or neither
(definitions in the file's header). It is independent of corpus/real/ and measures wordings the letter sets lack.

Each passage is checked as the letter checks see a decision letter: it is put into a minimal letter (WRAPPER: a
title, a salutation, an outcome sentence and a closing, none of which carries a klage or reason cue; the test
tests/test_legal_wordings.py checks that) and run through ``lixcheck.check(text, kind="decision")``; the Report's
``letter`` section says whether a klagevejledning (``klagevejledning``: where and how) and a begrundelse are there.
main() prints, per label, how many passages got each verdict, and precision/recall of the two verdicts (a
klagevejledning verdict is right on label klagevejledning, a begrundelse verdict on label begrundelse; every other
label is a negative for both). Passages with a ``decision`` field (whether the passage on its own is a decision or a
fragment of one: the reasons and the outcome without a salutation) are also checked bare, with no wrapper and no kind
given: ``lixcheck.check(passage)``, whose ``letter`` section says ``is_decision`` (kind detection, letter_kind.py).
With -v it prints the passages judged wrongly (public texts, no personal data).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from acc_letters import _fmt, _pr  # (the benchmarks' folder is on sys.path: run as a script or by accuracy.py)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "legal_wordings_real.yml"
LABELS = ("klagevejledning", "klage-incomplete", "begrundelse", "not-begrundelse", "neither")
# The decision letter each passage is put into: title, salutation, outcome, the passage, closing.
WRAPPER = ("Afgørelse om din sag\n\nKære modtager\n\nVi har truffet en afgørelse i din sag.\n\n{passage}\n\n"
           "Med venlig hilsen\n\nSagsbehandleren")
CONFIG = {"rules": {"plugins": False}}


def items() -> list[dict]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))["items"]


def verdicts(passage: str) -> tuple[bool, bool]:
    """(klagevejledning, begrundelse) for ``passage`` inside the wrapper letter."""
    import lixcheck

    letter = lixcheck.check(WRAPPER.format(passage=passage), kind="decision", config=CONFIG).to_dict()["letter"]
    return bool(letter["klagevejledning"]), bool(letter["begrundelse"])


def is_decision(passage: str) -> bool:
    """Whether kind detection takes ``passage`` on its own (no letter around it) for a decision."""
    import lixcheck

    return bool(lixcheck.check(passage, config=CONFIG).to_dict()["letter"]["is_decision"])


def _counts(rows: list[tuple[bool, bool]]) -> dict:
    """TP, FP, FN, precision and recall over (expected, got) pairs."""
    tp = sum(w and g for w, g in rows)
    fp = sum(g and not w for w, g in rows)
    fn = sum(w and not g for w, g in rows)
    precision, recall = _pr(tp, fp, fn)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall}


def evaluate() -> dict:
    per_label = {label: {"items": 0, "klagevejledning": 0, "begrundelse": 0} for label in LABELS}
    klage, reasons, decisions, wrong = [], [], [], []
    for item in items():
        if "decision" in item:
            want_d, got_d = bool(item["decision"]), is_decision(item["text"])
            decisions.append((want_d, got_d))
            if want_d != got_d:
                wrong.append({"label": item["label"], "verdict": "is_decision (bare)", "got": got_d,
                              "text": item["text"]})
        k, b = verdicts(item["text"])
        row = per_label[item["label"]]
        row["items"] += 1
        row["klagevejledning"] += k
        row["begrundelse"] += b
        want_k, want_b = item["label"] == "klagevejledning", item["label"] == "begrundelse"
        klage.append((want_k, k))
        reasons.append((want_b, b))
        for name, want, got in (("klagevejledning", want_k, k), ("begrundelse", want_b, b)):
            if want != got:
                wrong.append({"label": item["label"], "verdict": name, "got": got, "text": item["text"]})
    return {"items": sum(r["items"] for r in per_label.values()), "per_label": per_label,
            "klagevejledning": _counts(klage), "begrundelse": _counts(reasons),
            "decision": {**_counts(decisions), "items": len(decisions)}, "wrong": wrong}


def main(verbose: bool = False) -> dict:
    r = evaluate()
    print(f"### {r['items']} real passages (tests/data/legal_wordings_real.yml), each in a minimal decision letter")
    print(f"{'label':18} {'items':>5} {'klagevejl.':>10} {'begrundelse':>11}")
    for label, row in r["per_label"].items():
        print(f"{label:18} {row['items']:5} {row['klagevejledning']:10} {row['begrundelse']:11}")
    for name in ("klagevejledning", "begrundelse"):
        c = r[name]
        print(f"{name:16} TP {c['tp']:2} FP {c['fp']:2} FN {c['fn']:2}  P {_fmt(c['precision'])}  "
              f"R {_fmt(c['recall'])}")
    d = r["decision"]
    print(f"is_decision (bare, {d['items']} passages with a `decision` field): TP {d['tp']:2} FP {d['fp']:2} "
          f"FN {d['fn']:2}  P {_fmt(d['precision'])}  R {_fmt(d['recall'])}")
    if verbose:
        for w in r["wrong"]:
            print(f"\n[{w['label']}] {w['verdict']} = {w['got']}: {' '.join(w['text'].split())}")
    return r


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
