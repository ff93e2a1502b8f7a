"""What every command of the CLI shares (lixcheck/cli.py, rules_cli.py, batch/commands.py): a clear Danish error
on stderr with exit code 2 instead of a traceback, the Checker for the configuration a command is given, and one
Danish line naming the extra to install when an optional package is missing."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from .checker import Checker
from .errors import ConfigError


def fail(message: str) -> NoReturn:
    """Print a clear error on stderr and exit 2 (never a traceback)."""
    click.echo(f"lixcheck: fejl: {message}", err=True)
    sys.exit(2)


# Optional packages (pyproject.toml's extras): the top-level module → the extra that installs it.
EXTRAS = {"matplotlib": "batch", "tqdm": "batch", "dask": "batch", "distributed": "batch", "flask": "web",
          "waitress": "web", "werkzeug": "web", "jinja2": "web", "docx": "files", "pypdfium2": "files"}


def missing_extra(e: ImportError, what: str = "dette") -> str | None:
    """The Danish line for an ImportError of an optional package ("lixcheck report kræver den valgfrie pakke
    matplotlib. Installér den med: pip install 'lixcheck[batch]'"), else None."""
    module = (e.name or "").split(".")[0]
    extra = EXTRAS.get(module)
    if extra is None:
        return None
    return f"{what} kræver den valgfrie pakke {module}. Installér den med: pip install 'lixcheck[{extra}]'"


class Group(click.Group):
    """The CLI's command group: a missing optional package ends any command with one Danish line (exit 2)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ImportError as e:
            message = missing_extra(e, f"lixcheck {ctx.invoked_subcommand}" if ctx.invoked_subcommand else "dette")
            if message is None:
                raise
            fail(message)


def checker(config_path: str | None, *, plugins: bool = True) -> Checker:
    """The Checker of ``--config`` (else the nearest lixcheck.toml); a configuration error ends the command.
    ``plugins=False``: rule plugins left out (for output that must not depend on what is installed)."""
    try:
        found = Checker.from_file(Path(config_path) if config_path else None)
        if not plugins:
            found = Checker(replace(found.config, rules={**found.config.rules, "plugins": False}))
        return found
    except ConfigError as e:
        fail(str(e))
