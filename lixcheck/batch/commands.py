"""The ``lixcheck batch`` and ``lixcheck report`` commands (registered on the CLI group in lixcheck/cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..console import checker, missing_extra
from ..console import fail as _fail


def _n(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


def summary_table(summary: dict, stats=None, store_path: Path | None = None) -> str:
    """The final summary (counts, LIX, top rules) as plain text. No letter text."""
    lines = []
    if store_path is not None:
        lines.append(f"Resultater: {store_path}")
    rows = [("Dokumenter i lageret", _n(summary["documents"])), ("  tjekket", _n(summary["ok"])),
            ("  fejl", _n(summary["errors"]) + (" (" + ", ".join(f"{c}: {_n(n)}" for c, n in
                                                               summary["error_codes"].items()) + ")"
                                                if summary["error_codes"] else ""))]
    if stats is not None:
        rows += [("  nye i denne kørsel", _n(stats.added)), ("  sprunget over (færdige før)", _n(stats.skipped))]
        if stats.duplicates:
            rows.append(("  dubletter (samme id)", _n(stats.duplicates)))
    rows += [("LIX, gennemsnit", _n(summary["lix_mean"])), ("LIX, median", _n(summary["lix_median"]))]
    t = summary.get("templates") or {}
    if t.get("grouped"):
        rows.append(("Skabeloner fundet", f"{_n(t['templates'])} ({_n(t['in_templates'])} breve; "
                                          f"{_n(t['alone'])} ligner ikke andre)"))
    if stats is not None:
        rate = f"{stats.rate:.1f}".replace(".", ",")
        rows.append(("Tid", f"{stats.seconds:.1f} s ({rate} dok./s, {stats.engine}, {stats.workers} arbejdere)"
                     .replace(".", ",", 1)))
        if stats.hit_rate is not None:
            rows.append(("Cache-træf (afsnit)", f"{100 * stats.hit_rate:.0f} %"))
        if stats.reuse_rate is not None:
            rows.append(("Genbrugte resultater", f"{100 * stats.reuse_rate:.0f} % af brevene"))
    width = max(len(k) for k, _ in rows)
    lines += [f"{k:<{width}}  {v}" for k, v in rows]
    if summary["top_rules"]:
        lines.append("Hyppigste regler")
        rw = max(len(r["rule"]) for r in summary["top_rules"])
        for r in summary["top_rules"]:
            lines.append(f"  {r['rule']:<{rw}}  {_n(r['findings']):>9} fund i {_n(r['documents'])} breve")
    return "\n".join(lines)


@click.command("batch")
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Mappe til resultatlageret (results.sqlite). Samme mappe igen = fortsæt, hvor kørslen slap.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: processer på denne maskine. dask: en Dask-klynge (--scheduler) eller en lokal klynge.")
@click.option("--workers", type=click.IntRange(1, 512), default=None,
              help="Antal arbejdsprocesser (standard: antal kerner).")
@click.option("--scheduler", default=None, help="Adresse på en Dask-scheduler, fx tcp://10.0.0.5:8786.")
@click.option("--shard-size", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Breve pr. opgave, der sendes til en arbejder.")
@click.option("--cache-size", type=click.IntRange(0, 10_000_000), default=20_000, show_default=True,
              help="Antal gentagne afsnit og skabelonresultater, hver arbejder husker (0 slår cachen fra: "
                   "hvert brev tjekkes for sig).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml).")
@click.option("--quiet", is_flag=True, help="Ingen fremdriftsvisning.")
def batch_cmd(sources, out_dir, engine, workers, scheduler, shard_size, cache_size, config_path, quiet):
    """Tjek mange breve: mapper, mønstre, zip-arkiver og JSONL. Resultater gemmes i --out og kan genoptages."""
    from concurrent.futures.process import BrokenProcessPool

    from ..errors import ConfigError
    from . import aggregate
    from .runner import run
    from .sources import SourceError, check_sources
    from .store import Store

    cfg = checker(config_path).config
    if scheduler and engine != "dask":
        _fail("--scheduler kræver --engine dask")
    try:
        check_sources(sources)
    except SourceError as e:
        _fail(f"kilden findes ikke: {e}")
    try:
        stats = run(list(sources), out_dir, config=cfg, engine=engine, workers=workers, scheduler=scheduler,
                    shard_size=shard_size, cache_size=cache_size, progress=not quiet)
    except KeyboardInterrupt:
        click.echo("lixcheck: afbrudt. Kør samme kommando igen for at fortsætte.", err=True)
        sys.exit(130)
    except ConfigError as e:
        _fail(str(e))
    except ImportError as e:
        _fail(missing_extra(e, f"motoren {engine}") or f"motoren {engine} kræver lixcheck[batch] (mangler {e.name})")
    except BrokenProcessPool:
        _fail("en arbejdsproces stoppede uventet (fx for lidt hukommelse); kør samme kommando igen for at fortsætte")
    except (OSError, TimeoutError) as e:
        _fail(f"kørslen stoppede: {type(e).__name__}: {e}")
    except Exception as e:  # the analyser could not start in a worker: say what, without a traceback
        _fail(f"kørslen stoppede, fordi analysen ikke kunne starte: {type(e).__name__}: {e}")
    with Store(out_dir, readonly=True) as store:
        click.echo(summary_table(aggregate.summary(store), stats, store.path))


@click.command("report")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="HTML-filen, der skrives.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), default=None,
              help="Skriv også én CSV-række pr. brev hertil.")
def report_cmd(directory, output, csv_path):
    """Skriv en HTML-rapport (og evt. CSV) ud fra resultaterne af lixcheck batch."""
    try:
        import matplotlib  # noqa: F401  (the report's plots; lixcheck[batch], not in the Quick-start's [web])
    except ImportError as e:
        _fail(missing_extra(e, "lixcheck report"))
    from .report_html import write_report
    from .store import Store

    try:
        store = Store(directory, readonly=True)
    except FileNotFoundError:
        _fail(f"der er ingen batch-resultater i {directory} (kør lixcheck batch --out {directory} først)")
    with store:
        write_report(store, Path(output), csv_path=Path(csv_path) if csv_path else None)
    click.echo(f"Rapport skrevet: {output}" + (f" og {csv_path}" if csv_path else ""))
