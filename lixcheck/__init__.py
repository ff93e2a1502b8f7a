"""lixcheck: plain-language checks for Danish public letters.

    >>> from lixcheck import check, lix
    >>> report = check("Vi har modtaget din ansøgning. Du får svar inden 14 dage.")
    >>> report.to_dict()["lix"]["value"]

The public API: check(), check_many(), lix(), annotate(), Checker (the same for one configuration, and what the
CLI, the web app and the batch use), Config, Report, Finding, Lix, InputError, ConfigError, UnknownKind, and
mask_cpr() (CPR numbers as ddmmyy-XXXX: every Report is masked already; for your own logs).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .checker import Checker
from .config import Config
from .errors import ConfigError, InputError, UnknownKind
from .model import Finding, Lix, Report
from .privacy import mask_cpr
from .version import __version__

__all__ = ["check", "check_many", "lix", "annotate", "Checker", "Config", "Report", "Finding", "Lix", "InputError",
           "ConfigError", "UnknownKind", "mask_cpr", "__version__"]

_default = Checker()  # (cheap: the pipeline and the rules load on its first check)
_last: tuple[object, Checker] = (None, _default)  # the config object asked for last, and its Checker


def _checker(config) -> Checker:
    """The Checker for a config argument: the default one, or one per config object asked for last (check() is
    called once per letter, usually with the same config)."""
    global _last
    if config is None:
        return _default
    last = _last
    if last[0] is config:
        return last[1]
    checker = Checker(config)
    _last = (config, checker)
    return checker


def lix(text: str, *, config: dict[str, Any] | None = None) -> Lix:
    """LIX of a Danish text, with W/S/L counts; fast (no spaCy). ``value`` is None when not computed."""
    return _checker(config).lix(text)


def check(source, *, kind: str | None = None, config: dict[str, Any] | None = None) -> Report:
    """Check one letter: ``source`` is text (str), a path (str or os.PathLike) or bytes of any supported format.

    Raises InputError for input that cannot be read, ConfigError for a wrong configuration (UnknownKind, a
    ConfigError, for a letter kind lixcheck does not know).
    """
    return _checker(config).check(source, kind=kind)


def check_many(sources: Iterable, *, kind: str | None = None, config: dict[str, Any] | None = None,
               n_process: int = 1, batch_size: int = 64) -> Iterator[Report]:
    """Check many letters as a stream with spaCy's nlp.pipe. Items are sources, or (source, kind) tuples.

    An unreadable item raises InputError when reached; the batch front records such items instead.
    """
    return _checker(config).check_many(sources, kind=kind, n_process=n_process, batch_size=batch_size)


def annotate(source, *, output=None, kind: str | None = None, config: dict[str, Any] | None = None) -> bytes:
    """Check a Word file (path or bytes) and return a copy with one Word comment per finding (.docx bytes).

    With ``output`` the copy is also written there (atomically); the original file is never changed.
    """
    return _checker(config).annotate(source, output=output, kind=kind)
