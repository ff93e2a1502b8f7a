"""What every command of the CLI shares (lixcheck/cli.py, rules_cli.py, batch/commands.py): a clear Danish error
on stderr with exit code 2 instead of a traceback, and the Checker for the configuration a command is given."""

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
