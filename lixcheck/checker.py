"""The front door: a Checker for one configuration, used by every front (the library's check/check_many/annotate,
the CLI, the web app, the batch runner and its cache). Fronts never import readers, the NLP pipeline, the analyser
or the rule engine themselves; they ask a Checker.

    >>> from lixcheck import Checker
    >>> checker = Checker({"min_words": 5})          # or Checker.from_file() for the nearest lixcheck.toml
    >>> report = checker.check("Vi har modtaget din ansøgning. Du får svar inden 14 dage.", kind="afgørelse")
    >>> report.meta["kind"]
    'decision'

A Checker is cheap to make: the spaCy pipeline and the compiled rules are built on first use (or by ``load()``)
and shared by every Checker of the same configuration in the process. It is thread-safe.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import kinds
from .config import Config, from_dict, load
from .document import Document
from .errors import InputError
from .model import Lix, Report

ON_ERROR = ("raise", "skip", "collect")  # what check_many does with an item it cannot read


class Checker:
    """lixcheck for one configuration: check(), check_file(), check_text(), check_many(), annotate(), lix(), and
    what the fronts show (rules, thresholds). Cheap to make, thread-safe; reuse one for many letters.

        >>> checker = Checker({"min_words": 5})
        >>> report = checker.check("Vi har modtaget din ansøgning. Du får svar inden 14 dage.")
        >>> report.lix.sentences, report.meta["kind_detected"]
        (2, True)
    """

    def __init__(self, config: Config | dict[str, Any] | None = None):
        """``config``: a Config, a dict as in lixcheck.toml (unknown keys are ConfigErrors), or None for defaults."""
        self.config: Config = from_dict(config)
        self._analyzer = None

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Checker:
        """A Checker configured by ``path`` (lixcheck.toml or a pyproject.toml with [tool.lixcheck]), or by the
        nearest such file from the current folder upwards, or with the defaults when there is none."""
        return cls(load(Path(path) if path else None))

    # -- what the fronts call ---------------------------------------------------------------------------------

    def check(self, source, *, kind: str | None = None) -> Report:
        """Check one letter: text (str), a file (pathlib.Path or any os.PathLike) or the bytes of a file in any
        supported format. A str is always text and never opened as a file; a one-line str that looks like a file
        name ("brev.txt", "/data/brev") is refused with InputError code ``file_name`` (use check_file() or a
        Path for files, check_text() for such a text).
        ``kind``: a letter kind or its alias (lixcheck.kinds); None lets lixcheck find it.
        Raises InputError for unreadable input, ConfigError (UnknownKind) for a wrong kind or configuration.

            >>> Checker().check("Vi har modtaget din ansøgning. Du får svar inden 14 dage.").lix.words
            11
        """
        kind = kinds.normalise(kind)  # a wrong kind is refused before the input is read
        return self.check_document(self.read(source), kind=kind)

    def check_file(self, path: str | os.PathLike, *, kind: str | None = None) -> Report:
        """Check a file: ``path`` as a str or os.PathLike (here a str is a file name). InputError (code
        ``unreadable``) when the file is missing or cannot be read, as for any unreadable content."""
        from .readers import read_path

        kind = kinds.normalise(kind)
        if not isinstance(path, str | os.PathLike):
            raise TypeError(f"check_file() takes a file name (str or os.PathLike), not {type(path).__name__}")
        return self.check_document(read_path(path, self.config), kind=kind)

    def check_text(self, text: str, *, kind: str | None = None) -> Report:
        """Check ``text`` as it is, also a one-line text that looks like a file name (check() refuses those). What
        the web app does with pasted text: a str is never a file name here."""
        if not isinstance(text, str):
            raise TypeError(f"check_text() takes text (str), not {type(text).__name__}")
        kind = kinds.normalise(kind)
        return self.check_document(self.read(text, format="text"), kind=kind)

    def read(self, source, *, name: str | None = None, format: str | None = None) -> Document:
        """The Document of a source (text, path or bytes), as check() reads it; InputError when it cannot be read.
        ``name``: a file name for bytes (kept in meta.filename); ``format``: skip content sniffing
        (``format="text"``: a str is text for sure, as in check_text())."""
        from .readers import read, read_bytes

        if name is not None and isinstance(source, bytes | bytearray | memoryview):
            return read_bytes(bytes(source), self.config, name=name, format=format)
        return read(source, self.config, format=format)

    def check_document(self, document: Document, *, kind: str | None = None, doc=None) -> Report:
        """Check a Document that read() (or a reader) made.

        ``doc``: the batch cache's hook (see token_stage()): a spaCy Doc over ``document.text`` made by this
        Checker's token stage; the rest of the analysis (sentences, rules, Report) runs here as always."""
        return self.analyzer.check(document, kinds.normalise(kind), doc=doc)

    def check_many(self, sources: Iterable, *, kind: str | None = None, n_process: int = 1, batch_size: int = 64,
                   on_error: str = "raise") -> Iterator[Report | InputError]:
        """Reports for many letters, in order, streamed with spaCy's nlp.pipe. Items are sources as check() takes
        them (text, os.PathLike, bytes), or (source, kind) tuples.

        ``on_error`` says what an item that cannot be read (InputError) does: ``"raise"`` (default) raises it when
        the item is reached, ending the iteration; ``"skip"`` leaves the item out; ``"collect"`` yields the
        InputError in the item's place, so the results stay aligned with the inputs. A wrong kind or configuration
        (ConfigError) and a source of the wrong type (TypeError) always raise.

        Fastest on one machine: n_process=1 and the default batch_size; see README "Checking many letters".

            >>> from pathlib import Path
            >>> texts = ["Vi har modtaget din ansøgning.", Path("findes-ikke.txt")]
            >>> [type(r).__name__ for r in Checker().check_many(texts, on_error="collect")]
            ['Report', 'InputError']
        """
        if on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, not {on_error!r}")
        kind = kinds.normalise(kind)
        pending: deque[tuple[int, InputError]] = deque()  # (documents read before it, the error), for "collect"
        read = 0

        def documents():
            nonlocal read
            for item in sources:
                src, k = item if isinstance(item, tuple) else (item, kind)
                k = kinds.normalise(k)
                try:
                    document = self.read(src)
                except InputError as e:
                    if on_error == "raise":
                        raise
                    if on_error == "collect":
                        pending.append((read, e))
                    continue
                read += 1
                yield document, k

        # nlp.pipe keeps the order and reads ahead; an error goes out after the reports of the documents before it.
        done = 0
        for report in self.analyzer.check_many(documents(), n_process=n_process, batch_size=batch_size):
            while pending and pending[0][0] <= done:
                yield pending.popleft()[1]
            yield report
            done += 1
        while pending:
            yield pending.popleft()[1]

    def annotate(self, source, *, output: str | Path | None = None, kind: str | None = None) -> bytes:
        """A copy of a Word file (path or bytes) with one Word comment per finding, as .docx bytes; also written
        to ``output`` (atomically) when given. The original is never changed."""
        from .writers import docx_annotate

        kind = kinds.normalise(kind)
        data, path = docx_annotate.word_input(source, self.config)
        docx_annotate.check_output(output, path)
        report = self.check_document(self.read(data, format="docx"), kind=kind)
        return docx_annotate.annotated_copy(data, report, self.config, output)

    def lix(self, text: str) -> Lix:
        """LIX of a Danish text with its counts, without spaCy (fast); ``value`` is None when not computed."""
        from .readability import document_lix
        from .readers import too_large
        from .readers.text import read_text

        if not isinstance(text, str):
            raise TypeError(f"lix() takes text (str), not {type(text).__name__}; check() reads files and bytes")
        if len(text) > self.config.max_bytes:
            raise too_large(len(text), self.config.max_bytes)
        return document_lix(read_text(text), self.config)

    # -- what the fronts show ---------------------------------------------------------------------------------

    def rules(self) -> list:
        """Every rule of this configuration (enabled or not: RuleInfo.enabled), sorted by category and id, for rule
        pages and listings. Reads the rule files only (no spaCy)."""
        from .engine import list_rules

        return list_rules(self.config)

    def rule_entries(self) -> dict[str, list[dict]]:
        """The word lists of substitution rules (rule id → entries), for `lixcheck rules explain --words`."""
        from .engine.loader import load_specs
        from .engine.settings import parse

        s = parse(self.config.rules)
        specs, _ = load_specs(list(s.paths), s.plugins if isinstance(s.plugins, bool) else list(s.plugins))
        return {rid: spec.data.get("swap", []) for rid, spec in specs.items()}

    def lix_rules(self) -> tuple[tuple[str, str, str], ...] | None:
        """(id, severity, category) of the enabled rules on the letter's LIX, which decide on its LIX alone (the
        batch's result reuse decides them again on each letter's own counts); None when other hits or the text
        around them decide too (an allow list, deferring, once per letter)."""
        ruleset = self.analyzer.ruleset
        rules = tuple((r.info.id, r.info.severity, r.info.category) for r in ruleset.lix_rules())
        return None if {r[0] for r in rules} & ruleset.filtered() else rules

    def threshold(self, rule_id: str, kind: str | None = None) -> float | None:
        """The limit a metric rule (lix, long-sentence …) applies to a letter kind, or None for another rule."""
        return self.analyzer.ruleset.threshold(rule_id, kinds.normalise(kind))

    @property
    def max_chars(self) -> int:
        """The longest text this Checker checks, in characters (longer texts are an InputError "too_large")."""
        return self.analyzer.nlp.max_length

    @property
    def pipeline_info(self):
        return self.analyzer.pipeline_info

    @property
    def rules_version(self) -> str:
        return self.analyzer.ruleset.version

    # -- loading and the batch cache's hook --------------------------------------------------------------------

    def load(self) -> Checker:
        """Build the pipeline and the rules now (a server or a batch worker at start-up) instead of on the first
        check; raises ConfigError for a wrong configuration. Returns the Checker."""
        _ = self.analyzer
        return self

    @property
    def analyzer(self):
        """The analyser behind this Checker (internal to lixcheck: fronts use the methods above)."""
        if self._analyzer is None:
            from .analysis import analyzer

            self._analyzer = analyzer(self.config)
        return self._analyzer

    def token_stage(self):
        """The hook for a cache of token analysis (lixcheck.batch.cache): an analysis.TokenStage that tokenises and
        lemmatises a piece of text, and joins the pieces of a letter into the Doc that check_document(doc=...)
        takes; None when the pipeline looks across paragraphs (a trained model), so nothing may be cached."""
        return self.analyzer.token_stage
