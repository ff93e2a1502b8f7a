"""The one analysis path: Document → sentences → spaCy Doc → rules → Report.

Every front reaches it through lixcheck.Checker (lixcheck/checker.py); none scores anything itself. This layer sits
above the rule engine and the Python checks: it registers the built-in checks, compiles the rules, detects the
letter kind and turns the rules' hits into the Report's findings.
"""

from __future__ import annotations

import bisect
import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache

from .config import Config
from .document import LIST_ITEM, RUNNING_TEXT, Document, line_columns
from .engine import Context, Hit, RuleSet, load_ruleset
from .errors import InputError
from .model import Finding, Lix, Report, Span, make_finding, make_span
from .nlp import pipeline
from .nlp.sentences import Sentence, split_block
from .privacy import forget as forget_cpr_scan
from .privacy import mask_cpr, mask_json
from .readability import count_words, make_lix
from .search.anchored import forget as forget_anchored
from .version import __version__

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
    colon_ends = config.colon_ends_sentence
    min_words = config.min_words
    sentences: list[Sentence] = []
    sent_spans = []
    paragraphs = []
    total_words = total_sentences = total_long = 0
    # Block by block (as split() does): each block's sentences and counts together, no look-ups per sentence
    for bi, b in enumerate(document.blocks):
        kind = b.kind
        found = split_block(text, b, bi, colon_ends=colon_ends)
        sentences += found
        words = long_words = 0
        list_item = kind == LIST_ITEM  # the item's number ("1.") opens its first sentence: no word
        for s in found:
            if s.counted:
                w, lw = count_words(text, s.start, s.end, list_item=list_item)
                list_item = False
                words += w
                long_words += lw
                lix = _sentence_lix.get((w, lw))
                if lix is None:
                    lix = make_lix(w, 1, lw, min_words=1)
                    if len(_sentence_lix) < 10_000:
                        _sentence_lix[(w, lw)] = lix
            else:
                lix = _NOT_COUNTED
            sent_spans.append(make_span(len(sent_spans), s.start, s.end - s.start, kind, lix, bi, "", s.counted))
        n = len(found)
        counted = kind in RUNNING_TEXT and n > 0
        if counted:
            # (split_block counts every sentence of a running-text block)
            lix = make_lix(words, n, long_words, min_words=min_words)
            total_words += words
            total_sentences += n
            total_long += long_words
        else:
            lix = _NOT_COUNTED
        paragraphs.append(make_span(bi, b.start, b.end - b.start, kind, lix, bi, b.source, counted))
    doc_lix = make_lix(total_words, total_sentences, total_long, min_words=min_words)
    if config.lix_mode == "textstat":
        from .textstat_compat import textstat_lix

        doc_lix = textstat_lix(text)
    return sentences, sent_spans, paragraphs, doc_lix


@cache
def _letter_kind():
    """(detect_kind, normalise_kind) of the letter checks, imported once. Importing lixcheck.checks registers the
    built-in Python checks with the engine, which must happen before any rule set is compiled."""
    from .checks.letter_kind import detect_kind, normalise_kind

    return detect_kind, normalise_kind


class TokenStage:
    """The hook for a cache of token analysis (lixcheck/batch/cache.py), documented here because it is a promise:
    with the embedded stack every component but the sentence marks depends on each token alone, and spaCy never
    joins text across whitespace, so a letter's text cut at whitespace can be tokenised and lemmatised piece by
    piece and joined again into exactly the Doc of the whole text. ``arrays(piece)`` gives a piece's token columns
    (ORTH, SPACY, LEMMA), which are safe to keep; ``join(arrays)`` makes the Doc for Analyzer.check(doc=...).
    Everything else (sentences, LIX, every rule) still runs on the whole letter there."""

    TOKEN_LOCAL = frozenset({"lixcheck_sentences", "lixcheck_lemmas"})  # the components that allow it

    def __init__(self, nlp, identity: str):
        import numpy
        from spacy.attrs import LEMMA, ORTH, SPACY

        self._numpy, self._attrs, self._lemma = numpy, [ORTH, SPACY, LEMMA], [LEMMA]
        self.nlp = nlp
        self.identity = identity  # pipeline and rule-set version: part of every cache key
        self._procs = [p for n, p in nlp.pipeline if n != pipeline.SENTENCE_COMPONENT]

    def arrays(self, text: str):
        doc = self.nlp.make_doc(text)
        for proc in self._procs:
            doc = proc(doc)
        return doc.to_array(self._attrs)

    def join(self, arrays: list):
        from spacy.tokens import Doc

        arr = self._numpy.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        strings = self.nlp.vocab.strings
        doc = Doc(self.nlp.vocab, words=[strings[int(o)] for o in arr[:, 0]], spaces=arr[:, 1].astype(bool).tolist())
        doc.from_array(self._lemma, arr[:, 2:3])
        return doc


class Analyzer:
    """Pipeline and compiled rules for one configuration; safe to share between threads after construction."""

    def __init__(self, config: Config):
        self.config = config
        self.nlp, self.pipeline_info = pipeline.load(config.model)
        _letter_kind()  # (registers the built-in checks before the rules are compiled)
        self.ruleset: RuleSet = load_ruleset(config)
        self._procs = tuple(proc for _name, proc in self.nlp.pipeline)  # nlp.pipeline builds a new list per call
        self._sentence_proc = dict(self.nlp.pipeline).get(pipeline.SENTENCE_COMPONENT)
        self._lock = threading.Lock()  # spaCy pipelines are not guaranteed thread-safe while processing
        info = self.pipeline_info
        self.token_stage = (TokenStage(self.nlp, f"{info.name}|{info.version}|{self.ruleset.version}|")
                            if set(self.nlp.pipe_names) <= TokenStage.TOKEN_LOCAL else None)

    def prepare(self, document: Document, doc=None):
        if not document.text.strip():
            raise _empty_error()
        if len(document.text) > self.nlp.max_length:  # spaCy refuses it with a ValueError; say it clearly
            raise _too_long_error(len(document.text), self.nlp.max_length)
        measured = measure(document, self.config)
        if doc is None:
            doc = self.nlp.make_doc(document.text)
        doc.user_data[pipeline.SENTS_KEY] = [s.start for s in measured[0]]
        return doc, measured

    def check(self, document: Document, kind: str | None = None, doc=None) -> Report:
        """``doc``: a Doc made by self.token_stage (the cache hook): tokens and lemmas are in it already, so only
        the sentence marks are added; else the whole pipeline runs."""
        cached = doc is not None
        doc, measured = self.prepare(document, doc)
        with self._lock:
            if cached:
                if self._sentence_proc is not None:
                    doc = self._sentence_proc(doc)
            else:
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
            "kind": ctx.kind,  # (a given kind is an id from lixcheck's table of kinds, as a detected one)
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
        report = Report(text, doc_lix, paragraphs, sent_spans, findings, meta, mask_json(dict(ctx.sections)))
        # The memos that let the rules share a scan of the letter keep its text: empty them now (personal data)
        forget_cpr_scan()
        forget_anchored()
        return report


# One finding per place: where rules find the same or overlapping words, the most specific keeps the place and the
# others' ids go into its `also`. Most specific first: a listed phrase with a replacement, then any other finding
# with a replacement (an acronym's plain name), then a listed phrase without one (term, vague-actor, jargon with
# advice), then the rest. Then by category: template errors, sender details (they know the letter's sender better
# than the general acronym list), acronyms, decision details, jargon patterns (formal-address), passive, and last
# the long-passage rules (nominal style, long sentences); a Python check (it knows the letter: template.instruction)
# before a data pattern of the same category (placeholder); the higher severity; the longer span. Document findings
# (scope "document": LIX, a missing complaint guide …) are about the whole letter and never compete for a place.
_CATEGORY_RANK = {"template": 0, "sender": 1, "acronym": 2, "decision": 3, "jargon": 4, "passive": 5,
                  "structure": 6, "readability": 6}
_SEVERITY_RANK = {"error": 0, "warning": 1, "suggestion": 2}
_PHRASE_WORDS = 4  # a loser this short (in words) is one place with any winner it overlaps ("De bedes": "bedes")


def _rank(h: Hit) -> tuple:
    rule = h.rule
    phrase = rule.type in ("substitution", "existence")
    kind = (0 if phrase else 1) if h.replacements else (2 if phrase else 3)
    return (kind, _CATEGORY_RANK.get(rule.category, 7), rule.type != "check", _SEVERITY_RANK.get(rule.severity, 3),
            h.start - h.end, h.start, rule.id)


def one_per_place(hits: list[Hit], text: str) -> list[tuple[Hit, tuple[str, ...]]]:
    """The hits that keep their place, each with the ids of the rules it absorbed (see _rank); `hits` sorted by
    position, and so is the answer. A hit is absorbed by a better one it overlaps when at least half of it lies inside
    that one, or when it is a short phrase (at most _PHRASE_WORDS words): a long sentence or a nominal chain around a
    word stays a finding of its own. Only hits that overlap others are ranked (most overlap none)."""
    out: list[tuple[Hit, tuple[str, ...]]] = []
    group: list[Hit] = []  # text hits that overlap, directly or through one another
    end = -1
    for h in hits:
        if h.rule.scope == "document":
            out.append((h, ()))
            continue
        if h.start >= end and group:
            out.extend(_resolve(group, text))
            group = []
        group.append(h)
        end = max(end, h.end) if len(group) > 1 else h.end
    if group:
        out.extend(_resolve(group, text))
    if len(out) > 1:
        out.sort(key=lambda p: (p[0].start, p[0].end, p[0].rule.id))
    return out


def _resolve(group: list[Hit], text: str) -> list[tuple[Hit, tuple[str, ...]]]:
    if len(group) == 1:
        return [(group[0], ())]
    kept: list[tuple[Hit, list[str]]] = []
    for h in sorted(group, key=_rank):
        length = h.end - h.start
        # (a sentence-long hit is never a short phrase: split only what could be one)
        short = length <= 20 * _PHRASE_WORDS and len(text[h.start:h.end].split()) <= _PHRASE_WORDS
        for k, also in kept:
            overlap = min(h.end, k.end) - max(h.start, k.start)
            if overlap > 0 and (short or 2 * overlap >= length):
                if h.rule.id != k.rule.id and h.rule.id not in also:
                    also.append(h.rule.id)
                break
        else:
            kept.append((h, []))
    return [(h, tuple(also)) for h, also in kept]


def make_findings(document: Document, hits: list[Hit], config: Config, text: str | None = None) -> list[Finding]:
    """Findings from hits, one per place (one_per_place), with line/column/block; ``text`` is the (CPR-masked) text
    the Report carries."""
    text = document.text if text is None else text
    block_starts = [b.start for b in document.blocks]
    seen = set()
    valid = []
    for h in sorted(hits, key=lambda h: (h.start, h.end, h.rule.id)):
        if not (0 <= h.start < h.end <= len(text)):
            continue
        key = (h.rule.id, h.start, h.end)
        if key in seen:
            continue
        seen.add(key)
        valid.append(h)
    out = []
    places = one_per_place(valid, text)
    for (h, also), (line, column) in zip(places, line_columns(text, [h.start for h, _ in places]), strict=True):
        bi = bisect.bisect_right(block_starts, h.start) - 1
        block = bi if bi >= 0 and h.start < document.blocks[bi].end else None
        rule = h.rule
        out.append(make_finding(  # positional (rule, severity, category, message, offset, length, line, column, block,
            # text, replacements, doc_url, description, also, scope, occurrences): keyword arguments cost a third more
            rule.id, rule.severity, rule.category, mask_cpr(h.message or rule.message), h.start, h.end - h.start,
            line, column, block, text[h.start:h.end],
            tuple(mask_cpr(r) for r in h.replacements) if h.replacements else (), config.doc_base_url + rule.id,
            rule.description, also, rule.scope, h.occurrences,
        ))
    return out


_analyzers: dict[tuple, Analyzer] = {}
_analyzers_lock = threading.Lock()


_last: tuple[Config, Analyzer] | None = None  # the Config object asked for last (Configs are frozen)


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while an Analyzer is built. The build allocates some 100,000 objects
    that all stay alive; each allocation burst set off collections that scanned spaCy's whole object graph again
    (40-70 ms of a fresh process's CPU before its first check, benchmarks/cold_start.py). Reference counting still
    frees everything else at once; the collector runs again afterwards, unless it was off before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyzer(config: Config) -> Analyzer:
    """The Analyzer for a configuration, built once per process (pipelines and matchers are expensive)."""
    global _last
    last = _last
    if last is not None and last[0] is config:
        return last[1]
    key = config.key()
    with _analyzers_lock:
        if key not in _analyzers:
            with _collector_paused():
                _analyzers[key] = Analyzer(config)
        found = _analyzers[key]
    _last = (config, found)
    return found
