"""The `lixcheck rules` commands: list, explain, doc (the click group is added to the CLI in lixcheck/cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .checker import Checker
from .console import checker, fail
from .errors import ConfigError
from .writers import rules_doc as docs


def _load(config_path: str | None):
    """(every rule, the word lists of the substitution rules) of the configuration."""
    found = checker(config_path)
    try:
        return found.rules(), found.rule_entries()
    except ConfigError as e:
        fail(str(e))


@click.group("rules")
def rules_group() -> None:
    """Se reglerne: list, explain ID, doc."""


@rules_group.command("list")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Konfigurationsfil (lixcheck.toml). Ellers findes den nærmeste selv.")
def list_cmd(config_path):
    """Vis alle regler: id, kategori, niveau og hvad de finder."""
    rules, _ = _load(config_path)
    width = max(len(r.id) for r in rules)
    click.echo(f"{'id'.ljust(width)}  {'kategori'.ljust(13)}  {'niveau'.ljust(9)}  hvad")
    for r in rules:
        state = "" if r.enabled else " (slået fra)"
        click.echo(f"{r.id.ljust(width)}  {docs.CATEGORY_DA.get(r.category, r.category).ljust(13)}  "
                   f"{docs.SEVERITY_DA.get(r.severity, r.severity).ljust(9)}  {r.summary}{state}")


@rules_group.command("explain")
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
@click.option("--words", is_flag=True, help="Vis også hele ordlisten.")
def explain_cmd(rule_id, config_path, words):
    """Forklar en regel: hvad den gør, hvorfor, eksempel og hvad du skal skrive i stedet."""
    rules, entries = _load(config_path)
    match = [r for r in rules if r.id == rule_id]
    if not match:
        close = [r.id for r in rules if rule_id.lower() in r.id]
        hint = f" Mente du: {', '.join(close)}?" if close else " Se lixcheck rules list."
        fail(f"reglen {rule_id!r} findes ikke.{hint}")
    click.echo(docs.explain(match[0], entries.get(rule_id) if words else None))


@rules_group.command("doc")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Skriv til denne fil (fx docs/rules.md). Ellers til standard-output.")
@click.option("--check", "check_only", is_flag=True, help="Afslut med kode 1, hvis filen ikke er opdateret.")
def doc_cmd(output, check_only):
    """Lav regeloversigten (docs/rules.md) ud fra regelfilerne (uden plugins)."""
    text = generate()
    if not output:
        click.echo(text, nl=False)
        return
    path = Path(output)
    if check_only:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            click.echo(f"{output} er ikke opdateret: kør lixcheck rules doc -o {output}", err=True)
            sys.exit(1)
        return
    path.write_text(text, encoding="utf-8")


def generate() -> str:
    """docs/rules.md from the built-in rule files (plugins and local config left out, so it is reproducible)."""
    builtin = Checker({"rules": {"plugins": False}})
    return docs.markdown(builtin.rules(), builtin.rule_entries())
