"""lixcheck: plain-language checks for Danish public letters.

    >>> from lixcheck import check, lix
    >>> report = check("Vi har modtaget din ansøgning. Du får svar inden 14 dage.")
    >>> report.to_dict()["lix"]["value"]

The public API: check(), check_many(), lix(), Report, Finding, Lix, InputError, ConfigError.
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ConfigError, InputError
from .model import Finding, Lix, Report

__all__ = ["check", "check_many", "lix", "annotate", "Report", "Finding", "Lix", "InputError", "ConfigError",
           "__version__"]


def _config(config):
    from .config import from_dict

    return from_dict(config)


_lix_parts: tuple | None = None  # (default Config, read_text, document_lix): lix() is called per text in loops


def lix(text: str, *, config: dict[str, Any] | None = None) -> Lix:
    """LIX of a Danish text, with W/S/L counts; fast (no spaCy). ``value`` is None when not computed."""
    global _lix_parts
    if _lix_parts is None:
        from .config import Config
        from .readability import document_lix
        from .readers.text import read_text

        _lix_parts = (Config(), read_text, document_lix)  # the default Config is only read, never changed
    default, read_text, document_lix = _lix_parts
    cfg = default if config is None else _config(config)
    if not isinstance(text, str):
        raise TypeError(f"lix() takes text (str), not {type(text).__name__}; check() reads files and bytes")
    if len(text) > cfg.max_bytes:
        from .readers import too_large

        raise too_large(len(text), cfg.max_bytes)
    return document_lix(read_text(text), cfg)


def check(source, *, kind: str | None = None, config: dict[str, Any] | None = None) -> Report:
    """Check one letter: ``source`` is text (str), a path (str or os.PathLike) or bytes of any supported format.

    Raises InputError for input that cannot be read, ConfigError for a wrong configuration.
    """
    global _reading, _analyzer
    if _reading is None:  # (imports inside a function cost a lookup per call; check() runs per letter)
        from .config import from_dict
        from .readers import read

        _reading = (from_dict, read)
    from_dict, read = _reading
    cfg = from_dict(config)
    document = read(source, cfg)  # bad input is refused before spaCy, the pipeline and the rules are loaded
    if _analyzer is None:
        from .analysis import analyzer

        _analyzer = analyzer
    return _analyzer(cfg).check(document, kind)


_reading: tuple | None = None  # (config.from_dict, readers.read), imported on the first check()
_analyzer = None  # analysis.analyzer, imported once the first input has been read


def check_many(sources: Iterable, *, kind: str | None = None, config: dict[str, Any] | None = None,
               n_process: int = 1, batch_size: int = 64) -> Iterator[Report]:
    """Check many letters as a stream with spaCy's nlp.pipe. Items are sources, or (source, kind) tuples.

    An unreadable item raises InputError when reached; the batch front records such items instead.
    """
    from .analysis import analyzer
    from .readers import read

    cfg = _config(config)
    engine = analyzer(cfg)

    def documents():
        for item in sources:
            src, k = item if isinstance(item, tuple) else (item, kind)
            yield read(src, cfg), k

    yield from engine.check_many(documents(), n_process=n_process, batch_size=batch_size)


def annotate(source, *, output=None, kind: str | None = None, config: dict[str, Any] | None = None) -> bytes:
    """Check a Word file (path or bytes) and return a copy with one Word comment per finding (.docx bytes).

    With ``output`` the copy is also written there (atomically); the original file is never changed.
    """
    from .writers.docx_annotate import annotate_source

    return annotate_source(source, _config(config), output=output, kind=kind)
