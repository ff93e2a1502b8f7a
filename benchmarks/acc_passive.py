"""Passive detection against UD Danish-DDT gold (../shared/data/ud-danish-ddt/), dev and test.

- s-passive: gold = tokens with Voice=Pass (DDT marks only the s-passive).
- blive-passive: DDT has no aux:pass, so gold = participles (VerbForm=Part) with an `aux` child whose lemma is "blive".
Both detectors are lixcheck's own (lixcheck/engine/passive.py) with the word lists of rules/da/passive.yml, run on
the gold tokens (so tokenisation does not blur the comparison). The lists were tuned on dev only; test is reported.
Test errors were inspected once (after the first version); the fixes since then are general Danish morphology (the
infinitive derived from the word: skabes → skabe, mentes → mene, stillet → stille, holdt → holde; genitives of
nominalised adjectives after a determiner; reciprocals), not test words added to lists.

    python benchmarks/acc_passive.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ud_ddt import require, ud_dir  # noqa: E402

UD_DIR = ud_dir()


def read_conllu(path: Path) -> list[list[dict]]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        feats = dict(f.split("=", 1) for f in cols[5].split("|") if "=" in f)
        current.append({"id": int(cols[0]), "form": cols[1], "lemma": cols[2], "upos": cols[3], "feats": feats,
                        "head": int(cols[6]) if cols[6].isdigit() else 0, "deprel": cols[7]})
    if current:
        sentences.append(current)
    return sentences


def _params(rule_id: str) -> dict:
    from lixcheck.engine.loader import load_specs

    specs, _ = load_specs([], False)
    return specs[rule_id].data.get("params", {})


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def evaluate(sentences: list[list[dict]], verbose: bool = False) -> dict:
    from lixcheck.engine.passive import BlivePassive, SPassive

    s_det = SPassive(_params("passive"))
    b_det = BlivePassive(_params("passive.blive"))
    counts = {"s": [0, 0, 0], "blive": [0, 0, 0]}
    errors: dict[str, list[str]] = {"s_fp": [], "s_fn": [], "b_fp": [], "b_fn": []}
    for sent in sentences:
        words = [t["form"] for t in sent]
        gold_s = {i for i, t in enumerate(sent) if t["feats"].get("Voice") == "Pass"}
        pred_s = {i for i in range(len(words)) if s_det.is_passive(words, i, i == 0 or words[i - 1] in "\"'«»“(")}
        blive_heads = {t["head"] for t in sent if t["lemma"].lower() == "blive" and t["deprel"].startswith("aux")}
        gold_b = {i for i, t in enumerate(sent) if t["id"] in blive_heads and t["feats"].get("VerbForm") == "Part"}
        pred_b = {j for _, j in b_det.find(words)}
        for key, gold, pred, fp_key, fn_key in (("s", gold_s, pred_s, "s_fp", "s_fn"),
                                                 ("blive", gold_b, pred_b, "b_fp", "b_fn")):
            c = counts[key]
            c[0] += len(gold & pred)
            c[1] += len(pred - gold)
            c[2] += len(gold - pred)
            errors[fp_key] += [words[i] for i in pred - gold]
            errors[fn_key] += [words[i] for i in gold - pred]
    out = {k: _prf(*v) for k, v in counts.items()}
    out["all"] = _prf(*(counts["s"][i] + counts["blive"][i] for i in range(3)))
    if verbose:
        for k, v in errors.items():
            print(f"  {k}: {sorted(v)}")
    return out


def main(verbose: bool = False) -> dict:
    folder = require()  # exits 1 with where to get UD Danish-DDT (source, licence) when it is absent
    results = {}
    print("| split | detector | P | R | F1 | TP | FP | FN |")
    print("|---|---|---|---|---|---|---|---|")
    for split in ("dev", "test"):
        res = evaluate(read_conllu(folder / f"da_ddt-ud-{split}.conllu"), verbose=verbose and split == "dev")
        results[split] = res
        for det, m in res.items():
            print(f"| {split} | {det} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp']} | "
                  f"{m['fp']} | {m['fn']} |")
    return results


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
