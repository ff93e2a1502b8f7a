"""Template discovery on generated letters: how well it finds the templates, and what it costs next to check().

    .venv/bin/python benchmarks/templates.py                       # 20,000 letters, and 20,000 with 10 % free
    .venv/bin/python benchmarks/templates.py --count 5000 --batch 1000 --json out.json

In one run:
  1. Quality. corpus/generate.py letters with their template ids withheld are grouped (lixcheck.batch.templates:
     signed and grouped as the batch does it, in input order); the grouping is compared with the true templates:
     adjusted Rand index and purity. Once for the templates only, once for a mix with --free letters written by hand
     (random sentences of many templates, belonging to none), where also the share of free letters left alone and the
     largest group holding one are given.
  2. CPU per letter (process time, one core): signing (what a worker adds per letter) and grouping (what the parent
     adds), over all letters; next to check() on --sample of the same letters.
  3. The batch. lixcheck.batch.runner.run (local engine, --workers) over --batch letters with discovery and without:
     CPU per letter of parent and workers together, and what discovery adds.

Exit status 1 when a target of issue 21 is missed: ARI < 0.95 or purity < 0.97 (either set), or discovery adding more
than 20 % to the batch's CPU per letter.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from generated import generator

from lixcheck import Checker
from lixcheck.batch import templates
from lixcheck.batch.runner import run
from lixcheck.config import Config

ROOT = Path(__file__).resolve().parent.parent



def quality(letters: list[dict]) -> dict:
    """Group the letters as the batch does, timing the worker's and the parent's share separately."""
    signer, grouper, events = templates.Signer(), templates.Grouper(), templates.Events()
    t0 = time.process_time()
    signed = [signer.sign(letter["text"]) for letter in letters]
    t1 = time.process_time()
    found = [grouper.assign(sig, masked, str(i), events) for i, (sig, masked) in enumerate(signed)]
    grouper.finish(events)
    t2 = time.process_time()
    truth = [letter["template"] for letter in letters]
    score = templates.agreement(truth, found)
    out = {"letters": len(letters), "ari": round(score["ari"], 4), "purity": round(score["purity"], 4),
           "groups_found": score["groups"], "true_groups": score["true_groups"],
           "templates_with_representative": len(events.templates),
           "prototypes_in_memory": grouper.in_memory,
           "sign_cpu_ms_per_letter": round(1000 * (t1 - t0) / len(letters), 3),
           "group_cpu_ms_per_letter": round(1000 * (t2 - t1) / len(letters), 3)}
    free = [found[i] for i, t in enumerate(truth) if t is None]
    if free:
        size: dict[int, int] = {}
        for f in found:
            size[f] = size.get(f, 0) + 1
        out["free_letters"] = len(free)
        out["free_alone_share"] = round(sum(size[f] == 1 for f in free) / len(free), 4)
        out["largest_group_with_a_free_letter"] = max(size[f] for f in free)
    return out


def check_cost(letters: list[dict]) -> float:
    """CPU ms per letter of Checker.check (warm: the pipeline is loaded first)."""
    checker = Checker().load()
    checker.check(letters[0]["text"], kind=letters[0]["kind"])
    t0 = time.process_time()
    for letter in letters:
        checker.check(letter["text"], kind=letter["kind"])
    return 1000 * (time.process_time() - t0) / len(letters)


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the finished workers (the pool is shut down after a run)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def batch_cost(jsonl: Path, out: Path, workers: int, with_templates: bool) -> dict:
    cpu0 = _cpu()
    wall = time.monotonic()
    stats = run([str(jsonl)], out, config=Config(), workers=workers, progress=False, count=False,
                templates=with_templates)
    cpu = _cpu() - cpu0
    return {"templates": with_templates, "letters": stats.added, "seconds": round(time.monotonic() - wall, 1),
            "cpu_ms_per_letter": round(1000 * cpu / stats.added, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=20_000, help="letters per quality set")
    ap.add_argument("--free", type=float, default=0.1, help="share of free-written letters in the mix")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample", type=int, default=1000, help="letters for the check() comparison")
    ap.add_argument("--batch", type=int, default=3000, help="letters for the batch with/without discovery (0: skip)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    gen = generator()
    result: dict = {"machine": {"cpus": os.cpu_count()}, "settings": templates.SETTINGS}
    only = list(gen.generate(args.count, args.seed))
    result["templates_only"] = quality(only)
    mix = list(gen.generate(args.count, args.seed + 1, args.free))
    result["with_free_letters"] = {"free": args.free, **quality(mix)}
    check_ms = check_cost(only[: args.sample])
    only_q = result["templates_only"]
    per_letter = only_q["sign_cpu_ms_per_letter"] + only_q["group_cpu_ms_per_letter"]
    result["check_cpu_ms_per_letter"] = round(check_ms, 3)
    result["discovery_cpu_ms_per_letter"] = round(per_letter, 3)
    result["discovery_vs_check"] = round(per_letter / check_ms, 3)
    targets = [result["templates_only"]["ari"] >= 0.95, result["templates_only"]["purity"] >= 0.97,
               result["with_free_letters"]["ari"] >= 0.95, result["with_free_letters"]["purity"] >= 0.97]
    if args.batch:
        with tempfile.TemporaryDirectory(prefix="lixcheck-templates-") as tmp:
            jsonl = gen.write(Path(tmp) / "in", args.batch, args.seed + 2, "jsonl", args.free)
            without = batch_cost(jsonl, Path(tmp) / "without", args.workers, False)
            with_ = batch_cost(jsonl, Path(tmp) / "with", args.workers, True)
        added = with_["cpu_ms_per_letter"] / without["cpu_ms_per_letter"] - 1
        result["batch"] = {"workers": args.workers, "without_discovery": without, "with_discovery": with_,
                           "discovery_adds": round(added, 3),
                           "discovery_components_vs_batch": round(per_letter / without["cpu_ms_per_letter"], 3)}
        targets.append(result["batch"]["discovery_components_vs_batch"] <= 0.20)
    result["targets_met"] = all(targets)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if result["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
