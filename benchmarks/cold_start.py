"""Cold start: a fresh process that checks one letter, against a fresh process with spaCy's blank Danish pipeline.

    python benchmarks/cold_start.py              # 9 rounds
    python benchmarks/cold_start.py --rounds 3   # a quick look

Contenders, each a fresh Python process (the interpreter's own start-up included, the same for all):
- spacy.blank: ``import spacy; nlp = spacy.blank("da"); nlp(letter)``, the anchor;
- lixcheck.check: ``import lixcheck; lixcheck.check(letter)``;
- lixcheck check (CLI): ``lixcheck check --config lixcheck.toml letter.txt``, which web and batch workers resemble (a
  process that loads the rules and the pipeline once, then checks);
- lixcheck.check + plugins: the same with the rule plugins installed here (the development venv has the example
  plugin of plugins/; a plain ``pip install lixcheck`` has none). The two above leave plugins out (the rules setting
  ``plugins = false``), so that they measure lixcheck as installed; plugin files are validated against the rule
  schema when read, which imports jsonschema (the built-in pack is validated by the tests).
The letter is corpus/letters/d01_aarhus_boligstoette_bevilling.txt (about 150 words). Per run: wall time, CPU time
(user + system) and peak RSS (ru_maxrss) of that child alone (os.wait4). The contenders take turns, round by round
(their order rotates), so that load from other processes hits them alike; after one unmeasured warm-up run each (the
file cache, and the bytecode of lixcheck's modules, which pip writes at install time: PYTHONDONTWRITEBYTECODE is
dropped for the children), in an empty working folder. Median and minimum over the rounds; ratios are lixcheck's
over spacy.blank's in the same run.

Set PYTHONPATH to another checkout to measure that one (e.g. the code before a change) with the same venv.

Goals (issue 20): import + first check ≤ 1.25× the anchor's time, peak RSS ≤ 1.5× the anchor's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from speed import machine  # noqa: E402  (the same description of the machine as the speed benchmark)

LETTER = ROOT / "corpus" / "letters" / "d01_aarhus_boligstoette_bevilling.txt"
GOALS = {"time": 1.25, "rss": 1.5}
KEYS = ("wall_s", "cpu_s", "rss_mb")
ANCHOR = "spacy.blank"

SPACY = """
import sys
import spacy
nlp = spacy.blank("da")
doc = nlp(open(sys.argv[1], encoding="utf-8").read())
assert len(doc) > 100
"""
CHECK = """
import sys
import lixcheck
report = lixcheck.check(open(sys.argv[1], encoding="utf-8").read(), config={config})
assert report.lix.words > 100
"""
# The console script's own code (what .venv/bin/lixcheck runs), so that it works without the script on PATH; the
# configuration file is named, so that no lixcheck.toml above the working folder is looked for.
CLI = """
import sys
from lixcheck.cli import main
sys.argv = ["lixcheck", "check", "--config", "lixcheck.toml", sys.argv[1]]
main()
"""
NO_PLUGINS = {"rules": {"plugins": False}}
CONTENDERS = {"spacy.blank": SPACY, "lixcheck.check": CHECK.format(config=NO_PLUGINS), "lixcheck check (CLI)": CLI}
PLUGINS = "lixcheck.check + plugins"


def run_once(code: str, env: dict, cwd: str) -> dict:
    """Wall seconds, CPU seconds and peak RSS (MB) of one fresh process running ``code`` on the letter."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(LETTER)], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):  # (the CLI exits 1 when the letter has findings at --fail-on)
        raise SystemExit(f"a contender failed (exit {proc.returncode}):\n{err}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def summarise(runs: list[dict]) -> dict:
    return {f"{stat}_{key}": fn(r[key] for r in runs) for key in KEYS
            for stat, fn in (("median", lambda v: statistics.median(list(v))), ("min", min))}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="measured runs per contender (default 9)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON too")
    args = parser.parse_args(argv)
    if not LETTER.is_file():
        raise SystemExit(f"the letter is missing: {LETTER}")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")}
    contenders = dict(CONTENDERS)
    from importlib.metadata import entry_points

    plugins = sorted(ep.name for ep in entry_points(group="lixcheck.rules"))
    if plugins:
        contenders[f"{PLUGINS} ({', '.join(plugins)})"] = CHECK.format(config=None)
    names = list(contenders)
    # A working folder with only the CLI's configuration (python -c puts the folder first on sys.path).
    cwd = tempfile.mkdtemp(prefix="lixcheck-cold-")
    Path(cwd, "lixcheck.toml").write_text("[rules]\nplugins = false\n", encoding="utf-8")
    for name in names:  # warm-up
        run_once(contenders[name], env, cwd)
    load_before = os.getloadavg()
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for i in range(args.rounds):
        order = names[i % len(names):] + names[:i % len(names)]
        for name in order:
            runs[name].append(run_once(contenders[name], env, cwd))
    load_after = os.getloadavg()
    shutil.rmtree(cwd)
    stats = {name: summarise(r) for name, r in runs.items()}
    anchor = stats[ANCHOR]
    ratios = {}
    for name, s in stats.items():
        if name == ANCHOR:
            continue
        r = {f"{stat}_{key}": s[f"{stat}_{key}"] / anchor[f"{stat}_{key}"]
             for key in KEYS for stat in ("median", "min")}
        # the median of the ratios of the runs made next to each other (one round): the least disturbed by load
        r.update({f"paired_{key}": statistics.median(b[key] / a[key] for a, b in zip(runs[ANCHOR], runs[name],
                                                                                      strict=True)) for key in KEYS})
        ratios[name] = r
    results = {"machine": machine(), "load_average": [round(x, 2) for x in (*load_before, *load_after)],
               "rounds": args.rounds, "plugins_installed": plugins,
               "letter_words": len(LETTER.read_text(encoding="utf-8").split()), "stats": stats, "ratios": ratios,
               "goals_met": {name: {"wall": r["median_wall_s"] <= GOALS["time"],
                                    "cpu": r["median_cpu_s"] <= GOALS["time"],
                                    "rss": r["median_rss_mb"] <= GOALS["rss"]}
                             for name, r in ratios.items() if not name.startswith(PLUGINS)}}

    print(f"machine: {results['machine']}")
    print(f"load average (1, 5, 15 min) before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print(f"{args.rounds} rounds, letter of {results['letter_words']} words\n")
    print(f"{'contender':36} {'wall s (median/min)':>20} {'CPU s (median/min)':>20} {'peak RSS MB (med/min)':>22}")
    for name, s in stats.items():
        print(f"{name:36} {s['median_wall_s']:11.3f} /{s['min_wall_s']:6.3f}  {s['median_cpu_s']:11.3f} /"
              f"{s['min_cpu_s']:6.3f}  {s['median_rss_mb']:13.1f} /{s['min_rss_mb']:6.1f}")
    print(f"\nratios against {ANCHOR}: median of medians, min of mins, median of the rounds' ratios; "
          f"goals: time ≤ {GOALS['time']}×, RSS ≤ {GOALS['rss']}× (medians)")
    for name, r in ratios.items():
        print(f"{name:36} " + "   ".join(
            f"{label} {r[f'median_{key}']:.2f}× {r[f'min_{key}']:.2f}× {r[f'paired_{key}']:.2f}×"
            for label, key in (("wall", "wall_s"), ("CPU", "cpu_s"), ("RSS", "rss_mb"))))
    for name, met in results["goals_met"].items():
        print(f"{name}: " + ", ".join(f"{what} {'met' if ok else 'NOT met'}" for what, ok in met.items()))
    if args.json:
        print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
