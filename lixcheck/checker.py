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

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import kinds
from .config import Config, from_dict, load
from .document import Document
from .model import Lix, Report


class Checker:
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
        """Check one letter: text (str), a path (os.PathLike, or a str naming a file) or bytes of any format.
        ``kind``: a letter kind or its alias (lixcheck.kinds); None lets lixcheck find it.
        Raises InputError for unreadable input, ConfigError (UnknownKind) for a wrong kind or configuration."""
        kind = kinds.normalise(kind)  # a wrong kind is refused before the input is read
        return self.check_document(self.read(source), kind=kind)

    def read(self, source, *, name: str | None = None, format: str | None = None) -> Document:
        """The Document of a source (text, path or bytes), as check() reads it; InputError when it cannot be read.
        ``name``: a file name for bytes (kept in meta.filename); ``format``: skip content sniffing."""
        from .readers import read, read_bytes

        if name is not None and isinstance(source, bytes | bytearray | memoryview):
            return read_bytes(bytes(source), self.config, name=name, format=format)
        return read(source, self.config, format=format)

    def check_document(self, document: Document, *, kind: str | None = None, doc=None) -> Report:
        """Check a Document that read() (or a reader) made.

        ``doc``: the batch cache's hook (see token_stage()): a spaCy Doc over ``document.text`` made by this
        Checker's token stage; the rest of the analysis (sentences, rules, Report) runs here as always."""
        return self.analyzer.check(document, kinds.normalise(kind), doc=doc)

    def check_many(self, sources: Iterable, *, kind: str | None = None, n_process: int = 1,
                   batch_size: int = 64) -> Iterator[Report]:
        """Reports for many letters, in order, streamed with spaCy's nlp.pipe. Items are sources, or (source,
        kind) tuples. An unreadable item raises InputError when it is reached."""
        kind = kinds.normalise(kind)

        def documents():
            for item in sources:
                src, k = item if isinstance(item, tuple) else (item, kind)
                yield self.read(src), kinds.normalise(k)

        yield from self.analyzer.check_many(documents(), n_process=n_process, batch_size=batch_size)

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
