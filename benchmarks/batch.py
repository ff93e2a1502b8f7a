"""Batch throughput on this machine: the local engine against check() alone and spaCy's bare tokenizer.

    .venv/bin/python benchmarks/batch.py --count 20500            # one day of Aarhus Kommune's letters
    .venv/bin/python benchmarks/batch.py --count 2000 --json out.json
    .venv/bin/python benchmarks/batch.py --count 200000 --small 100000   # the year's cost per letter (README)

Generates a synthetic year sample (corpus/generate.py, JSONL), then in the same run measures:
  * the bare spaCy tokenizer (lixcheck.nlp.pipeline.bare_tokenizer) over the same texts on one core;
  * the anchor: ``Checker.check()`` alone over the same texts in this process (loaded and warmed up first), CPU ms per
    letter (both over the first ``--anchor`` letters only, 40,000 unless told: a sample is enough for a rate);
  * `lixcheck.batch.runner.run` (local engine, all cores) with its caches (paragraphs, and results reused across the
    letters of a template) and, with --no-cache, without them (every letter checked as it is), store included;
  * documents/s, words/s, CPU ms per letter (independent of other load on the machine), cache hit rate, peak RSS
    of the parent and of the worker processes (sampled with psutil), the parent's RSS early and late in the run
    (flat memory), and the projected time for 7.5 million letters (a year) and 20,500 letters (a day);
  * the batch's CPU per letter against the anchor (issue 20: ≤ 1.25×), twice: all CPU of the run divided by its
    letters (worker start-up included, which a short run cannot spread thin), and per further letter: the slope
    between this run and one over the first ``--small`` letters (start-up cancels out), which is what a year costs.
    With results reused across a template's letters, a letter costs less the more letters came before it (fewer
    bring a new template text). So the CPU per letter of a whole long run, start-up included
    (``cpu_ms_per_letter`` and ``dedicated_cores_year_h`` of ``--count 200000``), is an upper bound for a year
    of the same letter mix: a year's letters cost less on average than its first 200,000. The slope over a later
    stretch (``--small 100000``) is nearer the year's cost, but takes two runs, so the load of other programs on the
    machine moves it more;
  * the same against anchors timed inside the run's own workers (the load of other programs cancels out):
    ``vs_check_in_run`` against the check_document() calls alone, ``vs_read_and_check_in_run`` against those and
    the reader (Checker.read), that is all that check() does on a letter.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

import psutil
from generated import generator

from lixcheck.batch.runner import DEFAULT_CACHE, run
from lixcheck.checker import Checker
from lixcheck.config import Config
from lixcheck.nlp.pipeline import bare_tokenizer

ROOT = Path(__file__).resolve().parent.parent
YEAR = 7_500_000
DAY = 20_500



class RssSampler(threading.Thread):
    """Peak RSS of this process and of its children (the workers), sampled every 0.2 s."""

    def __init__(self):
        super().__init__(daemon=True)
        self.proc = psutil.Process()
        self.samples: list[tuple[float, int, int]] = []
        self.cpu = 0.0
        self.stop = threading.Event()

    def run(self):
        cpu0 = time.thread_time()
        while not self.stop.is_set():
            try:
                parent = self.proc.memory_info().rss
                children = sum(c.memory_info().rss for c in self.proc.children(recursive=True))
            except psutil.Error:
                continue
            self.samples.append((time.monotonic(), parent, children))
            self.stop.wait(0.2)
        # this thread's own CPU (psutil walks /proc: about 2.5 ms a sample), which the batch's CPU leaves out
        self.cpu = time.thread_time() - cpu0

    def summary(self) -> dict:
        if not self.samples:
            return {}
        n = len(self.samples)
        early = self.samples[: max(1, n // 4)]
        late = self.samples[-max(1, n // 4):]
        mb = 1 / 2**20
        return {
            "parent_peak_mb": round(max(s[1] for s in self.samples) * mb, 1),
            "parent_first_quarter_max_mb": round(max(s[1] for s in early) * mb, 1),
            "parent_last_quarter_max_mb": round(max(s[1] for s in late) * mb, 1),
            "workers_peak_total_mb": round(max(s[2] for s in self.samples) * mb, 1),
        }


def _cpu() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # finished workers (the pool is shut down after a run)
    return {"parent": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime}


def tokenizer_rate(texts: list[str]) -> dict:
    nlp = bare_tokenizer()
    start = time.perf_counter()
    cpu0 = time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=256):
        tokens += len(doc)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    return {"seconds": round(seconds, 2), "docs_per_s": round(len(texts) / seconds, 1), "tokens": tokens,
            "cpu_ms_per_letter": round(1000 * cpu / len(texts), 3)}


def check_rate(texts: list[str]) -> dict:
    """The anchor: check() alone, one letter after the other, in this process (pipeline loaded, one warm-up call)."""
    checker = Checker(Config()).load()
    checker.check(texts[0])
    start = time.perf_counter()
    cpu0 = time.process_time()
    for text in texts:
        checker.check(text)
    cpu = time.process_time() - cpu0
    return {"seconds": round(time.perf_counter() - start, 2), "cpu_ms_per_letter": round(1000 * cpu / len(texts), 3)}


def batch_rate(jsonl: Path, out: Path, workers: int, cache_size: int, words: int, engine: str = "local",
               templates: bool = True) -> dict:
    sampler = RssSampler()
    sampler.start()
    cpu0 = _cpu()
    stats = run([str(jsonl)], out, config=Config(), engine=engine, workers=workers, cache_size=cache_size,
                progress=False, count=False, templates=templates)
    cpu = {k: v - cpu0[k] for k, v in _cpu().items()}
    sampler.stop.set()
    sampler.join()
    cpu["parent"] -= sampler.cpu
    docs_s = stats.added / stats.seconds
    # CPU time is what the letters cost whatever else runs on the machine: the time on `workers` dedicated cores.
    cpu_ms = 1000 * (cpu["workers"] + cpu["parent"]) / stats.added
    return {
        "engine": engine,
        "cache_size": cache_size,
        "documents": stats.added,
        "errors": stats.errors,
        "seconds": round(stats.seconds, 1),
        "docs_per_s": round(docs_s, 1),
        "words_per_s": round(words / stats.seconds),
        "cache_hit_rate": round(stats.hit_rate, 3) if stats.hit_rate is not None else None,
        # letters that took the result of an earlier letter of their template (lixcheck.batch.reuse)
        "reuse_rate": round(stats.reuse_rate, 3) if stats.reuse_rate is not None else None,
        "projected_day_min": round(DAY / docs_s / 60, 1),
        "projected_year_h": round(YEAR / docs_s / 3600, 2),
        "cpu_s_workers": round(cpu["workers"], 1),
        "cpu_s_parent": round(cpu["parent"], 1),
        "cpu_s_total": round(cpu["workers"] + cpu["parent"], 2),
        "cpu_s_in_check": round(stats.check_cpu, 2),
        "cpu_s_in_read": round(stats.read_cpu, 2),
        # the same ratio as vs_check, but against the check_document() calls inside this very run (same processes,
        # same moment, same load on the machine): the load of other programs cancels out
        "vs_check_in_run": round((cpu["workers"] + cpu["parent"]) / stats.check_cpu, 3),
        # ... and against all that check() does on these letters inside this run: the reader (Checker.read) and
        # check_document()
        "vs_read_and_check_in_run": round((cpu["workers"] + cpu["parent"]) / (stats.check_cpu + stats.read_cpu), 3),
        "cpu_ms_per_letter": round(cpu_ms, 3),
        "dedicated_cores_docs_per_s": round(workers * 1000 / cpu_ms, 1),
        "dedicated_cores_day_min": round(DAY * cpu_ms / workers / 1000 / 60, 1),
        "dedicated_cores_year_h": round(YEAR * cpu_ms / workers / 1000 / 3600, 2),
        **sampler.summary(),
    }


def per_further_letter(full: dict, small: dict, anchor_ms: float, workers: int) -> dict:
    """CPU per letter beyond the fixed start-up: the slope between a run over all letters and one over fewer."""
    extra = full["documents"] - small["documents"]
    ms = 1000 * (full["cpu_s_total"] - small["cpu_s_total"]) / extra
    in_check = 1000 * (full["cpu_s_in_check"] - small["cpu_s_in_check"]) / extra
    in_read = 1000 * (full["cpu_s_in_read"] - small["cpu_s_in_read"]) / extra
    return {"cpu_ms_per_letter": round(ms, 3), "vs_check": round(ms / anchor_ms, 3),
            "in_check_ms_per_letter": round(in_check, 3), "vs_check_in_run": round(ms / in_check, 3),
            "in_read_ms_per_letter": round(in_read, 3), "vs_read_and_check_in_run": round(ms / (in_check + in_read), 3),
            "start_up_cpu_s": round(full["cpu_s_total"] - ms * full["documents"] / 1000, 1),
            "dedicated_cores_year_h": round(YEAR * ms / workers / 1000 / 3600, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=DAY)
    ap.add_argument("--small", type=int, default=1000, help="letters in the short run for the per-letter slope")
    ap.add_argument("--anchor", type=int, default=40_000,
                    help="letters (the first ones) that the tokenizer and check() alone run over")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-cache", action="store_true", help="also run without the caches (every letter checked)")
    ap.add_argument("--dask", action="store_true", help="also run the Dask engine (LocalCluster)")
    ap.add_argument("--no-templates", action="store_true", help="also run without template discovery")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    if not 0 < args.small < args.count:
        ap.error("--small must be between 0 and --count")
    gen = generator()
    with tempfile.TemporaryDirectory(prefix="lixcheck-bench-") as tmp:
        tmp = Path(tmp)
        jsonl = gen.write(tmp / "in", args.count, args.seed, "jsonl")
        lines = jsonl.read_text(encoding="utf-8").splitlines(keepends=True)
        small = tmp / "small.jsonl"
        small.write_text("".join(lines[: args.small]), encoding="utf-8")
        texts = [json.loads(line)["text"] for line in lines]
        anchor_texts = texts[: args.anchor]
        del lines
        words = sum(len(t.split()) for t in texts)
        del texts
        tok = tokenizer_rate(anchor_texts)
        anchor = check_rate(anchor_texts)
        anchor_ms = anchor["cpu_ms_per_letter"]
        anchor_words, anchor_letters = sum(len(t.split()) for t in anchor_texts), len(anchor_texts)
        del anchor_texts
        result = {
            "machine": {"cpus": os.cpu_count(), "workers": args.workers},
            "letters": args.count,
            "words": words,
            "words_per_letter": round(words / args.count, 1),
            "anchor_letters": anchor_letters,
            "bare_tokenizer_1_core": {**tok, "words_per_s": round(anchor_words / tok["seconds"])},
            "check_alone_1_core": anchor,
        }

        def measured(name: str, cache_size: int, engine: str = "local", templates: bool = True) -> None:
            full = batch_rate(jsonl, tmp / name, args.workers, cache_size, words, engine, templates)
            short = batch_rate(small, tmp / f"{name}-small", args.workers, cache_size, args.small, engine, templates)
            full["vs_check"] = round(full["cpu_ms_per_letter"] / anchor_ms, 3)
            full["per_further_letter"] = per_further_letter(full, short, anchor_ms, args.workers)
            result[name] = full

        measured("lixcheck_local", DEFAULT_CACHE)  # lixcheck batch as it runs by default
        if args.no_cache:
            measured("lixcheck_local_no_cache", 0)
        if args.no_templates:
            measured("lixcheck_local_no_templates", DEFAULT_CACHE, templates=False)
        if args.dask:
            measured("lixcheck_dask", DEFAULT_CACHE, "dask")
            local, dask = (result[k]["per_further_letter"]["cpu_ms_per_letter"] for k in ("lixcheck_local",
                                                                                            "lixcheck_dask"))
            result["dask_vs_local_throughput"] = round(local / dask, 3)
            # the same, each engine against the check() calls inside its own run (load on the machine cancels out)
            local, dask = (result[k]["per_further_letter"]["vs_check_in_run"] for k in ("lixcheck_local",
                                                                                          "lixcheck_dask"))
            result["dask_vs_local_throughput_in_run"] = round(local / dask, 3)
        result["cpu_per_letter_vs_bare_tokenizer"] = round(
            result["lixcheck_local"]["cpu_ms_per_letter"] / tok["cpu_ms_per_letter"], 1)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
