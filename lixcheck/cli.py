"""The lixcheck command line (click).

Exit codes of every command: 0 ok; 1 `check` found something at or above --fail-on; 2 an input could not be read
(`check` still checks and reports the others), a usage or configuration error, or a missing optional package
(one Danish line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import kinds
from .console import Group, checker, fail, missing_extra
from .errors import ConfigError, InputError
from .version import __version__
from .writers import FORMATS
from .writers import writer as make_writer
from .writers.base import SEVERITY_RANK

FAIL_ON = ("error", "warning", "suggestion", "never")
SAMPLE = Path(__file__).parent / "samples" / "afgoerelse.txt"
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def expand_paths(paths: tuple[str, ...]) -> list[tuple[str, InputError | None]]:
    """Files, folders (recursively) and globs, in order; "-" is standard input. A name that matches nothing stays
    in the list with its error, so that it is reported and the other inputs are still checked."""
    out: list[tuple[str, InputError | None]] = []
    for p in paths:
        if p == "-":
            out.append((p, None))
            continue
        path = Path(p)
        if path.is_dir():
            out.extend((str(f), None) for f in sorted(path.rglob("*")) if f.is_file() and not f.name.startswith("."))
        elif path.exists() or not any(c in p for c in "*?["):
            out.append((p, None))  # (a missing file is reported when it is read)
        else:
            matches = sorted(str(m) for m in Path().glob(p))
            if not matches:
                out.append((p, InputError(f"no file matches {p}", code="unreadable",
                                          message_da=f"Ingen filer passer til mønstret {p}.")))
            out.extend((m, None) for m in matches)
    return out


def use_color(choice: str, stream) -> bool:
    """Colour on a terminal only, never with NO_COLOR set (https://no-color.org), unless --color always."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lixcheck")
def main() -> None:
    """lixcheck: tjek breve fra det offentlige for klart sprog (LIX, kancellisprog, passiv, afsender)."""


@main.command("check")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output: tekst (én linje pr. fund), json (ét objekt for alle filer), jsonl (én linje pr. fil), "
                   "sarif (SARIF 2.1.0), csv (én række pr. fund) eller github (annoteringer i GitHub Actions).")
@click.option("--kind", default=None, help="Brevtype (ellers findes den selv): " + ", ".join(kinds.ids()) + ".")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Afslut med kode 1, hvis der er fund på dette niveau eller højere.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml). Ellers findes den nærmeste selv.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Farver i teksten: kun i en terminal og ikke, når NO_COLOR er sat (auto).")
@click.option("--sample", is_flag=True, help="Tjek det indbyggede eksempelbrev.")
def check_cmd(paths, fmt, kind, fail_on, config_path, color, sample):
    """Tjek breve: filer, mapper, mønstre (*.docx) eller - for standard-input.

    Afslutningskoder: 0 ingen fund på --fail-on-niveauet, 1 fund på niveauet eller højere, 2 en fil kunne ikke
    læses (de andre bliver stadig tjekket) eller en fejl i kommandoen eller konfigurationen.
    """
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
    colored = use_color(color, sys.stdout)
    out = make_writer(fmt, color=colored, version=__version__)
    worst = 0
    for name, error in inputs:
        if error is None:
            try:
                report = engine.check(sys.stdin.buffer.read() if name == "-" else Path(name), kind=kind)
            except InputError as e:
                error = e
        if error is not None:
            click.echo(f"lixcheck: {name}: {error.message_da}", err=True)
            _emit(out.error(name, error), colored)
            continue
        worst = max([worst, *(SEVERITY_RANK.get(f.severity, 0) for f in report.findings)])
        _emit(out.report(name, report), colored)
    closing = out.close()
    if fmt == "text" and not out.tally.checked:
        click.echo(closing.strip("\n"), err=True)  # nothing was checked: stdout stays empty
    else:
        _emit(closing, colored)
    if out.tally.unreadable:
        sys.exit(EXIT_ERROR)
    if fail_on != "never" and worst >= SEVERITY_RANK[fail_on]:
        sys.exit(EXIT_FINDINGS)


def _emit(text: str, color: bool) -> None:
    if text:
        click.echo(text, nl=False, color=color)


@main.command("annotate")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Ny .docx-fil med kommentarer (originalen ændres aldrig). Standard: NAVN-lixcheck.docx ved siden "
                   "af filen.")
@click.option("--kind", default=None, help="Brevtype (ellers findes den selv): " + ", ".join(kinds.ids()) + ".")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml). Ellers findes den nærmeste selv.")
def annotate_cmd(path, output, kind, config_path):
    """Skriv en kopi af et Word-dokument med en kommentar for hvert fund."""
    engine = checker(config_path)
    kind = _kind(kind)
    if not Path(path).is_file():
        fail(f"filen findes ikke: {path}")
    if output is None:
        output = str(default_output(Path(path)))
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
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adressen, serveren lytter på (0.0.0.0: alle netkort, fx i en container).")
@click.option("--port", default=8000, type=click.IntRange(1, 65535), show_default=True, help="Porten.")
@click.option("--threads", default=4, type=click.IntRange(1, 64), show_default=True,
              help="Antal forespørgsler, hver proces arbejder på ad gangen.")
@click.option("--workers", default=1, type=click.IntRange(1, 64), show_default=True,
              help="Antal processer (brug antallet af kerner for flest tjek pr. sekund).")
@click.option("--queue", default=32, type=click.IntRange(0, 10_000), show_default=True,
              help="Antal forespørgsler, der højst venter pr. proces. Er køen fuld, svarer serveren 503 med "
                   "Retry-After i stedet for at lade klienten vente.")
@click.option("--max-wait", default=20.0, type=click.FloatRange(0.1, 600), show_default=True,
              help="Sekunder, en forespørgsel højst venter i køen, før den får svaret 503.")
@click.option("--trusted-proxy", default=None, metavar="ADRESSE",
              help="Adressen på en omvendt proxy (fx nginx), hvis X-Forwarded-*-felter serveren stoler på; "
                   "'*' for alle. Felterne fra alle andre fjernes.")
@click.option("--trusted-proxy-headers", default=None, metavar="FELTER",
              help="De felter fra proxyen, der bruges, adskilt af mellemrum (standard: x-forwarded-for "
                   "x-forwarded-host x-forwarded-proto x-forwarded-port).")
@click.option("--url-prefix", default="", metavar="STI",
              help="Stien, appen ligger under bag proxyen, fx /lixcheck.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml). Ellers findes den nærmeste selv.")
def serve_cmd(host, port, threads, workers, queue, max_wait, trusted_proxy, trusted_proxy_headers, url_prefix,
              config_path):
    """Start review-appen i browseren (web og API) med waitress."""
    try:
        import waitress  # noqa: F401

        from .web.serving import proxy_options, serve
    except ImportError as e:
        fail(missing_extra(e, "lixcheck serve") or f"web-appen kræver lixcheck[web] (mangler {e.name})")
    if trusted_proxy_headers and not trusted_proxy:
        fail("--trusted-proxy-headers kræver --trusted-proxy")
    if workers > 1 and not hasattr(os, "fork"):
        fail("--workers over 1 kræver Linux eller macOS. På Windows: start flere lixcheck serve på hver sin port "
             "bag en proxy")
    cfg = checker(config_path).config
    proxy = proxy_options(trusted_proxy, trusted_proxy_headers, url_prefix)

    def announce():
        click.echo(f"lixcheck kører på http://{host}:{port}{url_prefix.rstrip('/')}/ (stop med Ctrl+C)", err=True)

    try:
        serve(cfg, host=host, port=port, threads=threads, workers=workers, queue=queue, max_wait=max_wait,
              proxy=proxy, announce=announce)
    except ConfigError as e:
        fail(str(e))
    except ValueError as e:  # waitress refuses a proxy setting
        fail(f"forkert proxy-indstilling: {e}")
    except OSError as e:
        fail(f"kan ikke lytte på {host}:{port} ({e.strerror or e})")


@main.command("init")
@click.argument("path", default="lixcheck.toml", type=click.Path(dir_okay=False))
def init_cmd(path):
    """Skriv en lixcheck.toml med alle indstillinger forklaret (en fil, der findes, bliver ikke overskrevet)."""
    from .writers.files import write_atomic

    template = (Path(__file__).parent / "data" / "lixcheck.toml").read_bytes()
    target = Path(path)
    if target.exists():
        fail(f"{path} findes allerede og bliver ikke overskrevet")
    try:
        write_atomic(target, template, overwrite=False)
    except FileExistsError:
        fail(f"{path} findes allerede og bliver ikke overskrevet")
    except OSError as e:
        fail(f"{path}: filen kan ikke skrives ({e.strerror})")
    click.echo(f"Indstillinger skrevet til {path}. Fjern # foran de linjer, du vil ændre.")


def default_output(path: Path) -> Path:
    """`lixcheck annotate` without -o: NAME-lixcheck.docx next to the input (always .docx: the copy has no macros)."""
    return path.with_name(f"{path.stem}-lixcheck.docx")


def _kind(kind: str | None) -> str | None:
    """The kind id for --kind; an unknown kind ends the command with the list of known kinds."""
    try:
        return kinds.normalise(kind)
    except ConfigError as e:
        fail(e.message_da)


# Batch audit commands (lixcheck/batch/commands.py): `lixcheck batch` and `lixcheck report`.
from .batch.commands import batch_cmd, report_cmd  # noqa: E402

main.add_command(batch_cmd)
main.add_command(report_cmd)

# Rule commands (lixcheck/rules_cli.py): `lixcheck rules list|explain|doc`.
from .rules_cli import rules_group  # noqa: E402

main.add_command(rules_group)


if __name__ == "__main__":  # pragma: no cover
    main()
