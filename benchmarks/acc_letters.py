"""Letter checks against the annotated synthetic letters in corpus/letters/ (NAME.txt + NAME.json).

    python benchmarks/accuracy.py letters
    python benchmarks/acc_letters.py

Each annotation gives the expected sender (organisation, unit, clear), letter kind, whether a klagevejledning and a
begrundelse are present, and the expected findings of the letter rules (sender.*, decision.*, template.*). Letters are
checked with no kind given, so kind detection errors count. Annotations with "split": "heldout" were written after
the checks were frozen and have not been used to change them; the rest ("dev") were used during development.
main() prints a table per split and returns the numbers ({"dev": …, "heldout": …, "all": …}):
per-rule precision/recall (per letter: does the rule fire), and agreement for sender clarity, organisation, unit,
kind, klagevejledning and begrundelse presence.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "corpus" / "letters"
PREFIXES = ("sender.", "decision.", "template.")


def letters() -> list[tuple[str, str, dict]]:
    out = []
    for ann in sorted(CORPUS.glob("*.json")):
        txt = ann.with_suffix(".txt")
        out.append((ann.stem, txt.read_text(encoding="utf-8"), json.loads(ann.read_text(encoding="utf-8"))))
    return out


def _engine_has_letter_rules() -> bool:
    try:
        import lixcheck

        d = lixcheck.check("Kære Anna\n\nVi har modtaget din ansøgning.\n\nMed venlig hilsen\nLone").to_dict()
    except Exception:
        return False
    return "sender" in d


def direct_report(text: str, kind: str | None = None) -> dict:
    """The letter rules alone, called as the engine calls them (for when the rule engine is not wired in)."""
    import yaml

    from lixcheck.analysis import make_findings, measure
    from lixcheck.checks import decision, letter_kind, sender, template  # noqa: F401  (they register their checks)
    from lixcheck.config import Config
    from lixcheck.engine import CHECKS, Context, RuleInfo
    from lixcheck.readers.text import read_text

    rules = yaml.safe_load((ROOT / "rules" / "da" / "letter.yml").read_text(encoding="utf-8"))["rules"]
    document = read_text(text)
    cfg = Config()
    sentences, _s, paragraphs, lix = measure(document, cfg)
    ctx = Context(document, None, sentences, None, cfg, lix, paragraphs)
    ctx.kind = kind or letter_kind.detect_kind(ctx.letter)
    hits = []
    for r in rules:
        info = RuleInfo(r["id"], r["category"], r["severity"], r["message"], r["description"])
        hits += CHECKS[r["check"]](ctx, info, r.get("params", {}))
    findings = make_findings(document, hits, cfg)
    return {"findings": [f.to_dict() for f in findings], "meta": {"kind": ctx.kind}, **ctx.sections}


def report_for(text: str, via_engine: bool) -> dict:
    if via_engine:
        import lixcheck

        return lixcheck.check(text).to_dict()
    return direct_report(text)


def _pr(tp: int, fp: int, fn: int) -> tuple[float | None, float | None]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    return p, r


def _norm(x):
    return None if x is None else " ".join(str(x).lower().split())


def _same(a, b) -> bool:
    return _norm(a) == _norm(b)


def evaluate(verbose: bool = False, split: str | None = None) -> dict:
    """Numbers over all letters, or over one split: "dev" (letters the checks were developed on) or "heldout"
    (written and annotated after the checks were frozen, never used to change them)."""
    via_engine = _engine_has_letter_rules()
    rows = [r for r in letters() if split is None or r[2].get("split", "dev") == split]
    counts: dict[str, list[int]] = {}
    agree = {k: [0, 0] for k in ("sender_clear", "organisation", "unit", "kind", "is_decision", "klagevejledning",
                                 "begrundelse")}
    mistakes = []
    for name, text, ann in rows:
        d = report_for(text, via_engine)
        got = {f["rule"] for f in d["findings"] if f["rule"].startswith(PREFIXES)}
        want = set(ann.get("findings", []))
        for rid in got | want:
            c = counts.setdefault(rid, [0, 0, 0])
            if rid in got and rid in want:
                c[0] += 1
            elif rid in got:
                c[1] += 1
                mistakes.append((name, "extra", rid))
            else:
                c[2] += 1
                mistakes.append((name, "missed", rid))
        sender = d.get("sender", {})
        letter = d.get("letter", {})
        exp_sender = ann["sender"]
        pairs = {
            "sender_clear": (sender.get("clear"), exp_sender["clear"]),
            "organisation": (sender.get("organisation"), exp_sender["organisation"]),
            "unit": (sender.get("unit") is not None, exp_sender["unit"] is not None),
            "kind": (d["meta"].get("kind"), ann["kind"]),
            "is_decision": (d["meta"].get("kind") == "decision", ann["kind"] == "decision"),
        }
        if ann["kind"] == "decision":
            pairs["klagevejledning"] = (letter.get("klagevejledning"), ann["klagevejledning"])
            pairs["begrundelse"] = (letter.get("begrundelse"), ann["begrundelse"])
        for key, (g, w) in pairs.items():
            ok = _same(g, w) if key == "organisation" else g == w
            agree[key][0] += ok
            agree[key][1] += 1
            if not ok:
                mistakes.append((name, key, f"got {g!r}, want {w!r}"))
    per_rule = {}
    for rid, (tp, fp, fn) in sorted(counts.items()):
        p, r = _pr(tp, fp, fn)
        per_rule[rid] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r}
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    p, r = _pr(tp, fp, fn)
    return {
        "letters": len(rows),
        "via": "lixcheck.check" if via_engine else "checks called directly (rule engine not wired in)",
        "per_rule": per_rule,
        "overall": {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r},
        "agreement": {k: (ok / n if n else None) for k, (ok, n) in agree.items()},
        "agreement_counts": {k: {"agree": ok, "of": n} for k, (ok, n) in agree.items()},
        "mistakes": mistakes if verbose else len(mistakes),
    }


def _fmt(x) -> str:
    return "  —  " if x is None else f"{x:5.2f}"


def main(verbose: bool = False) -> dict:
    res = {}
    for split in ("dev", "heldout", None):
        res[split or "all"] = _print(evaluate(verbose=verbose, split=split), split or "all")
    return res


def _print(res: dict, split: str) -> dict:
    print(f"\n### {split}: {res['letters']} annotated letters in corpus/letters/, via {res['via']}")
    print(f"{'rule':34} {'TP':>3} {'FP':>3} {'FN':>3}  {'P':>5}  {'R':>5}")
    for rid, c in res["per_rule"].items():
        print(f"{rid:34} {c['tp']:3} {c['fp']:3} {c['fn']:3}  {_fmt(c['precision'])}  {_fmt(c['recall'])}")
    o = res["overall"]
    print(f"{'all letter rules':34} {o['tp']:3} {o['fp']:3} {o['fn']:3}  {_fmt(o['precision'])}  {_fmt(o['recall'])}")
    print("agreement with the annotations:")
    for k, v in res["agreement"].items():
        c = res["agreement_counts"][k]
        print(f"  {k:16} {_fmt(v)}  ({c['agree']}/{c['of']})")
    if isinstance(res["mistakes"], list) and split != "all":
        for m in res["mistakes"]:
            print("  ", *m)
    return res


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
