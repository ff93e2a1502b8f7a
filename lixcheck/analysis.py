"""The one analysis path: Document → sentences → spaCy Doc → rules → Report.

Every front (library, CLI, web, batch) calls this; none scores anything itself.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Iterator
from functools import cache

from . import __version__
from .config import Config
from .document import LIST_ITEM, RUNNING_TEXT, Document
from .engine import Context, Hit, RuleSet, load_ruleset
from .errors import InputError
from .model import Finding, Lix, Report, Span, make_finding, make_span
from .nlp import pipeline
from .nlp.sentences import Sentence, split
from .privacy import mask_cpr, mask_json
from .readability import count_words, make_lix

REASON_NOT_RUNNING_TEXT = "not running text (heading, address or signature lines)"


def _empty_error() -> InputError:
    return InputError("input is empty: there is no text to check", code="empty",
                      message_da="Der er ingen tekst at tjekke.")


def _too_long_error(length: int, limit: int) -> InputError:
    return InputError(f"the text is too long to check ({length:,} characters; the limit is {limit:,})",
                      code="too_large", message_da=f"Teksten er for lang til at blive tjekket. Den må højst have "
                      f"{limit:,} tegn (flere hundrede sider).".replace(",", "."))


_NOT_COUNTED = Lix(None, 0, 0, 0, None, REASON_NOT_RUNNING_TEXT)  # Lix is frozen: instances can be shared
_sentence_lix: dict[tuple[int, int], Lix] = {}  # a one-sentence Lix per (words, long words): built once each


def measure(document: Document, config: Config) -> tuple[list[Sentence], list[Span], list[Span], Lix]:
    """Sentences and LIX per sentence, per block and for the whole document (no spaCy needed)."""
    text = document.text
    sentences = split(text, document.blocks, colon_ends=config.colon_ends_sentence)
    blocks = document.blocks
    per_block = [[0, 0, 0] for _ in blocks]  # words, sentences, long words
    sent_spans = []
    previous_block = None
    for i, s in enumerate(sentences):
        block_kind = blocks[s.block].kind
        if s.counted:
            w, lw = count_words(text, s.start, s.end,
                                list_item=s.block != previous_block and block_kind == LIST_ITEM)
            acc = per_block[s.block]
            acc[0] += w
            acc[1] += 1
            acc[2] += lw
            lix = _sentence_lix.get((w, lw))
            if lix is None:
                lix = make_lix(w, 1, lw, min_words=1)
                if len(_sentence_lix) < 10_000:
                    _sentence_lix[(w, lw)] = lix
        else:
            lix = _NOT_COUNTED
        sent_spans.append(make_span(i, s.start, s.end - s.start, block_kind, lix, s.block, "", s.counted))
        previous_block = s.block
    paragraphs = []
    total = [0, 0, 0]
    for i, (b, (w, n, lw)) in enumerate(zip(document.blocks, per_block, strict=True)):
        counted = b.kind in RUNNING_TEXT and n > 0
        if counted:
            lix = make_lix(w, n, lw, min_words=config.min_words)
            total[0] += w
            total[1] += n
            total[2] += lw
        else:
            lix = _NOT_COUNTED
        paragraphs.append(make_span(i, b.start, b.end - b.start, b.kind, lix, i, b.source, counted))
    doc_lix = make_lix(*total, min_words=config.min_words)
    if config.lix_mode == "textstat":
        from .textstat_compat import textstat_lix

        doc_lix = textstat_lix(text)
    return sentences, sent_spans, paragraphs, doc_lix


@cache
def _letter_kind():
    """(detect_kind, normalise_kind), imported on first use (the letter checks import the engine, which imports us)."""
    from .checks.letter_kind import detect_kind, normalise_kind

    return detect_kind, normalise_kind


class Analyzer:
    """Pipeline and compiled rules for one configuration; safe to share between threads after construction."""

    def __init__(self, config: Config):
        self.config = config
        self.nlp, self.pipeline_info = pipeline.load(config.model)
        self.ruleset: RuleSet = load_ruleset(config)
        self._procs = tuple(proc for _name, proc in self.nlp.pipeline)  # nlp.pipeline builds a new list per call
        self._lock = threading.Lock()  # spaCy pipelines are not guaranteed thread-safe while processing

    def prepare(self, document: Document):
        if not document.text.strip():
            raise _empty_error()
        if len(document.text) > self.nlp.max_length:  # spaCy refuses it with a ValueError; say it clearly
            raise _too_long_error(len(document.text), self.nlp.max_length)
        measured = measure(document, self.config)
        doc = self.nlp.make_doc(document.text)
        doc.user_data[pipeline.SENTS_KEY] = [s.start for s in measured[0]]
        return doc, measured

    def check(self, document: Document, kind: str | None = None) -> Report:
        doc, measured = self.prepare(document)
        with self._lock:
            for proc in self._procs:
                doc = proc(doc)
        return self.finish(document, doc, measured, kind)

    def check_many(self, documents: Iterable[tuple[Document, str | None]], *, n_process: int = 1,
                   batch_size: int = 64) -> Iterator[Report]:
        def prepared():
            for document, kind in documents:
                doc, measured = self.prepare(document)
                yield doc, (document, measured, kind)

        for doc, (document, measured, kind) in self.nlp.pipe(prepared(), as_tuples=True, n_process=n_process,
                                                              batch_size=batch_size):
            yield self.finish(document, doc, measured, kind)

    def finish(self, document: Document, doc, measured, kind: str | None) -> Report:
        sentences, sent_spans, paragraphs, doc_lix = measured
        kind_detected = kind is None
        detect_kind, normalise_kind = _letter_kind()

        # Once per document, before the rules that use ctx.kind; given kinds in Danish ("afgørelse") are normalised.
        # Detection reads the Context's Letter view, which the rules share.
        ctx = Context(document, doc, sentences, None if kind_detected else normalise_kind(kind), self.config, doc_lix,
                      paragraphs)
        if kind_detected:
            ctx.kind = detect_kind(ctx.letter)
        hits = self.ruleset.run(ctx)
        text = mask_cpr(document.text)  # rules saw the original; everything the Report carries is masked
        findings = make_findings(document, hits, self.config, text)
        meta = {
            "format": document.format,
            "kind": ctx.kind if kind_detected else mask_cpr(ctx.kind),  # (a given kind is the caller's text)
            "kind_detected": kind_detected,
            "pipeline": self.pipeline_info.to_dict(),
            "lix_mode": self.config.lix_mode,
            "rules_version": self.ruleset.version,
            "lixcheck_version": __version__,
        }
        # (only the reader's metadata can hold letter text; the values above are lixcheck's own)
        extra = {k: v for k, v in document.meta.items() if k not in meta}
        if extra:
            meta.update(mask_json(extra))
        return Report(text, doc_lix, paragraphs, sent_spans, findings, meta, mask_json(dict(ctx.sections)))


def make_findings(document: Document, hits: list[Hit], config: Config, text: str | None = None) -> list[Finding]:
    """Findings from hits, with line/column/block; ``text`` is the (CPR-masked) text the Report carries."""
    text = document.text if text is None else text
    line_starts = [0]
    pos = text.find("\n")
    while pos != -1:
        line_starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    block_starts = [b.start for b in document.blocks]
    seen = set()
    out = []
    for h in sorted(hits, key=lambda h: (h.start, h.end, h.rule.id)):
        if not (0 <= h.start < h.end <= len(text)):
            continue
        key = (h.rule.id, h.start, h.end)
        if key in seen:
            continue
        seen.add(key)
        line = bisect.bisect_right(line_starts, h.start)
        bi = bisect.bisect_right(block_starts, h.start) - 1
        block = bi if bi >= 0 and h.start < document.blocks[bi].end else None
        rule = h.rule
        out.append(make_finding(  # positional (rule, severity, category, message, offset, length, line, column, block,
            # text, replacements, doc_url, description): keyword arguments cost a third more, per finding
            rule.id, rule.severity, rule.category, mask_cpr(h.message or rule.message), h.start, h.end - h.start,
            line, h.start - line_starts[line - 1] + 1, block, text[h.start:h.end],
            tuple(mask_cpr(r) for r in h.replacements) if h.replacements else (), config.doc_base_url + rule.id,
            rule.description,
        ))
    return out


_analyzers: dict[tuple, Analyzer] = {}
_analyzers_lock = threading.Lock()


_last: tuple[Config, Analyzer] | None = None  # the Config object asked for last (Configs are frozen)


def analyzer(config: Config) -> Analyzer:
    """The Analyzer for a configuration, built once per process (pipelines and matchers are expensive)."""
    global _last
    last = _last
    if last is not None and last[0] is config:
        return last[1]
    key = config.key()
    with _analyzers_lock:
        if key not in _analyzers:
            _analyzers[key] = Analyzer(config)
        found = _analyzers[key]
    _last = (config, found)
    return found
