"""lixcheck: plain-language checks for Danish public letters.

    >>> from pathlib import Path
    >>> from lixcheck import check, check_file, lix
    >>> report = check("Vi har modtaget din ansøgning. Du får svar inden 14 dage.")   # a str is text
    >>> report.lix.words
    11
    >>> report = check(Path("brev.docx"))          # a file: pathlib.Path (or check_file("brev.docx")) # doctest: +SKIP

The public API: check(), check_file(), check_many(), lix(), annotate(), Checker (the same for one configuration,
and what the CLI, the web app and the batch use), Config, Report, Finding, Lix, InputError, ConfigError,
UnknownKind, and mask_cpr() (CPR numbers as ddmmyy-XXXX: every Report is masked already; for your own logs).

What is text and what is a file: a ``str`` is always text and never opened; a file is a ``pathlib.Path`` (any
``os.PathLike``), its ``bytes``, or a name given to ``check_file()``. A one-line str that looks like a file name
(it ends in a document extension such as ``.txt``/``.docx``/``.pdf``, or starts like a path: ``/``, ``./``, ``~/``,
``C:\\``) is refused with InputError code ``file_name`` instead of being checked as a two-word letter;
``Checker().check_text()`` checks such a text as it is.
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

__all__ = ["check", "check_file", "check_many", "lix", "annotate", "Checker", "Config", "Report", "Finding", "Lix",
           "InputError", "ConfigError", "UnknownKind", "mask_cpr", "__version__"]

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
    """Check one letter: ``source`` is text (str), a file (pathlib.Path or any os.PathLike) or the bytes of a file
    in any supported format (.docx, PDF, MeMo, HTML, text; found by content). A str is never opened as a file: a
    one-line str that looks like a file name is refused (InputError code ``file_name``); use check_file() or a Path.

    ``kind``: the letter kind (``"decision"``, Danish ``"afgørelse"`` …); None lets lixcheck find it.
    Raises InputError for input that cannot be read (``code`` and a Danish ``message_da``), ConfigError for a
    wrong configuration (UnknownKind, a ConfigError, for a letter kind lixcheck does not know).

        >>> report = check("Der fremsendes hermed afgørelse vedrørende din ansøgning om tilskud.")
        >>> report.findings[0].rule, report.findings[0].text
        ('jargon', 'fremsendes')
        >>> print(report)                                                      # doctest: +ELLIPSIS
        LIX ikke beregnet (for få ord); ord 9, sætninger 1, lange ord 5
          1:5: advarsel [jargon] Skriv „sendes“ i stedet for „fremsendes“. »fremsendes«
        ...
    """
    return _checker(config).check(source, kind=kind)


def check_file(path, *, kind: str | None = None, config: dict[str, Any] | None = None) -> Report:
    """Check the file ``path`` (a str or os.PathLike naming a file). InputError (code ``unreadable``) when it is
    missing or cannot be read.

        >>> check_file("findes-ikke.docx")
        Traceback (most recent call last):
        lixcheck.errors.InputError: no such file: findes-ikke.docx
    """
    return _checker(config).check_file(path, kind=kind)


def check_many(sources: Iterable, *, kind: str | None = None, config: dict[str, Any] | None = None,
               n_process: int = 1, batch_size: int = 64, on_error: str = "raise") -> Iterator[Report | InputError]:
    """Check many letters as a stream (spaCy's nlp.pipe), in order. Items are what check() takes, or
    (source, kind) tuples.

    ``on_error``: ``"raise"`` (default) raises the InputError of an unreadable item when it is reached;
    ``"skip"`` leaves such items out; ``"collect"`` yields the InputError in the item's place, so that the results
    stay aligned with the inputs. The fastest way on one machine is the default (n_process=1): see README.

        >>> from pathlib import Path
        >>> items = ["Vi har modtaget din ansøgning.", Path("findes-ikke.txt"), ("Du får svar.", "information")]
        >>> for item, result in zip(items, check_many(items, on_error="collect")):
        ...     print(result.code if isinstance(result, InputError) else result.lix.words)
        5
        unreadable
        3
    """
    return _checker(config).check_many(sources, kind=kind, n_process=n_process, batch_size=batch_size,
                                       on_error=on_error)


def annotate(source, *, output=None, kind: str | None = None, config: dict[str, Any] | None = None) -> bytes:
    """Check a Word file (path or bytes) and return a copy with one Word comment per finding (.docx bytes).

    With ``output`` the copy is also written there (atomically); the original file is never changed.
    """
    return _checker(config).annotate(source, output=output, kind=kind)
