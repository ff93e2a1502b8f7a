"""The lixcheck command line (click). Exit codes: 0 ok, 1 findings at/above --fail-on, 2 usage or input error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import kinds
from .console import checker, fail
from .errors import ConfigError, InputError
from .version import __version__

SEVERITY_RANK = {"suggestion": 1, "warning": 2, "error": 3}
FAIL_ON = ("error", "warning", "suggestion", "never")
SAMPLE = Path(__file__).parent / "samples" / "afgoerelse.txt"


def expand_paths(paths: tuple[str, ...]) -> list[str]:
    """Files, folders (recursively) and globs; "-" is standard input."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if f.is_file() and not f.name.startswith("."))
        elif path.exists():
            out.append(p)
        else:
            matches = sorted(str(m) for m in Path().glob(p)) if any(c in p for c in "*?[") else []
            if not matches:
                fail(f"filen findes ikke: {p}")
            out.extend(matches)
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lixcheck")
def main() -> None:
    """lixcheck: tjek breve fra det offentlige for klart sprog (LIX, kancellisprog, passiv, afsender)."""


@main.command("check")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="Output: tekst, ét JSON-objekt pr. input, eller én JSON-linje pr. input.")
@click.option("--kind", default=None, help="Brevtype (ellers findes den selv): " + ", ".join(kinds.ids()) + ".")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Afslut med kode 1, hvis der er fund på dette niveau eller højere.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml). Ellers findes den nærmeste selv.")
@click.option("--sample", is_flag=True, help="Tjek det indbyggede eksempelbrev.")
def check_cmd(paths, fmt, kind, fail_on, config_path, sample):
    """Tjek breve: filer, mapper, mønstre (*.docx) eller - for standard-input."""
    engine = checker(config_path)
    kind = _kind(kind)
    if sample:
        paths = (*paths, str(SAMPLE))
    if not paths:
        fail("angiv mindst én fil, en mappe eller - for standard-input (se lixcheck check --help)")
    inputs = expand_paths(paths)
    try:
        engine.load()
    except ConfigError as e:
        fail(str(e))
    worst = 0
    errors = 0
    results = []
    for name in inputs:
        try:
            report = engine.check(sys.stdin.buffer.read() if name == "-" else Path(name), kind=kind)
        except InputError as e:
            errors += 1
            click.echo(f"lixcheck: {name}: {e.message_da}", err=True)
            continue
        for f in report.findings:
            worst = max(worst, SEVERITY_RANK.get(f.severity, 0))
        if fmt == "text":
            click.echo(render_text(report, name if len(inputs) > 1 else ""))
        elif fmt == "jsonl":
            click.echo(json.dumps({"input": name, **report.to_dict()}, ensure_ascii=False))
        else:
            results.append({"input": name, **report.to_dict()})
    if fmt == "json" and results:
        payload = results[0] if len(inputs) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if errors:
        sys.exit(2)
    if fail_on != "never" and worst >= SEVERITY_RANK[fail_on]:
        sys.exit(1)


@main.command("annotate")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Ny .docx-fil med kommentarer (originalen ændres aldrig).")
@click.option("--kind", default=None, help="Brevtype (ellers findes den selv): " + ", ".join(kinds.ids()) + ".")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml). Ellers findes den nærmeste selv.")
def annotate_cmd(path, output, kind, config_path):
    """Skriv en kopi af et Word-dokument med en kommentar for hvert fund."""
    engine = checker(config_path)
    kind = _kind(kind)
    if not Path(path).is_file():
        fail(f"filen findes ikke: {path}")
    try:
        engine.annotate(Path(path), output=output, kind=kind)
    except InputError as e:
        fail(f"{path}: {e.message_da}")
    except ConfigError as e:
        fail(str(e))
    except OSError as e:
        fail(f"{output}: filen kan ikke skrives ({e.strerror})")
    click.echo(f"Kommentarer skrevet til {output}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adressen, serveren lytter på.")
@click.option("--port", default=8000, type=click.IntRange(1, 65535), show_default=True, help="Porten.")
@click.option("--threads", default=4, type=click.IntRange(1, 64), show_default=True,
              help="Antal tråde pr. proces, der svarer på forespørgsler.")
@click.option("--workers", default=1, type=click.IntRange(1, 64), show_default=True,
              help="Antal processer (brug antallet af kerner for flest tjek pr. sekund).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml). Ellers findes den nærmeste selv.")
def serve_cmd(host, port, threads, workers, config_path):
    """Start review-appen i browseren (web og API) med waitress."""
    try:
        import waitress  # noqa: F401

        from .web.serving import serve
    except ImportError as e:
        fail(f"web-appen kræver lixcheck[web] (mangler {e.name})")
    cfg = checker(config_path).config

    def announce():
        click.echo(f"lixcheck kører på http://{host}:{port}/ (stop med Ctrl+C)", err=True)

    try:
        serve(cfg, host=host, port=port, threads=threads, workers=workers, announce=announce)
    except ConfigError as e:
        fail(str(e))
    except OSError as e:
        fail(f"kan ikke lytte på {host}:{port} ({e.strerror or e})")


def _kind(kind: str | None) -> str | None:
    """The kind id for --kind; an unknown kind ends the command with the list of known kinds."""
    try:
        return kinds.normalise(kind)
    except ConfigError as e:
        fail(e.message_da)


def render_text(report, name):
    from .writers.text import render

    return render(report, name)


# Batch audit commands (lixcheck/batch/commands.py): `lixcheck batch` and `lixcheck report`.
from .batch.commands import batch_cmd, report_cmd  # noqa: E402

main.add_command(batch_cmd)
main.add_command(report_cmd)

# Rule commands (lixcheck/rules_cli.py): `lixcheck rules list|explain|doc`.
from .rules_cli import rules_group  # noqa: E402

main.add_command(rules_group)


if __name__ == "__main__":  # pragma: no cover
    main()
