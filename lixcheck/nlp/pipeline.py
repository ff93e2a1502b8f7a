"""The spaCy pipeline factory: the embedded blank Danish stack, or a trained Danish pipeline when there is one.

Embedded stack: spacy.blank("da") tokenizer + Danish special cases (nlp/data/da.yml) + lixcheck's own sentence
splitter + lemmas from spacy-lookups-data (nlp/lemmas.py) with a lower-case fallback. Nothing is downloaded at run time.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START, intify_attrs
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from .language import danish
from .lemmas import LemmaTable
from .lemmas import table as _lemma_file

TRAINED_CANDIDATES = ("da_core_news_md", "da_core_news_sm", "da_core_news_lg", "da_core_news_trf")
SENTS_KEY = "lixcheck_sentence_starts"  # Doc.user_data key: char offsets where our splitter starts sentences
SENTENCE_COMPONENT = "lixcheck_sentences"  # the component that sets sentence starts from SENTS_KEY
_COLUMNS_KEY = "lixcheck_columns"  # Doc.user_data key: {attribute: list of the tokens' values}, see column()
_SENTENCE_TOKENS = "sentence_tokens"  # (a key in that dict: see sentence_tokens())
_NOT_START = numpy.uint64(2**64 - 1)  # SENT_START -1 ("not a start") as from_array reads it


_lock = threading.Lock()


def _columns(doc: Doc) -> dict:
    """The Doc's cache of token columns (see column())."""
    columns = doc.user_data.get(_COLUMNS_KEY)
    if columns is None:
        columns = doc.user_data[_COLUMNS_KEY] = {}
    return columns


def column(doc: Doc, attr: int) -> list[int]:
    """doc.to_array(attr).tolist(), read once per Doc for the components and rules that all need it (ORTH, LOWER,
    LEMMA …). Only for attributes that no longer change: LEMMA once the pipeline has run."""
    columns = _columns(doc)
    values = columns.get(attr)
    if values is None or len(values) != len(doc):
        values = columns[attr] = doc.to_array(attr).tolist()
    return values


@dataclass(frozen=True)
class PipelineInfo:
    name: str  # "blank-da" or the trained pipeline's lang_name
    version: str
    components: tuple[str, ...]
    trained: bool

    def to_dict(self) -> dict:
        return {"name": self.name, "version": self.version, "components": list(self.components),
                "trained": self.trained}


def lemma_table() -> LemmaTable:
    """Danish lookup lemmas (form → lemma) from spacy-lookups-data: a read-only Mapping over the compact table
    shipped in the package (nlp/lemmas.py), mapped into memory once per process; ``forms(lemma)`` is the inverse."""
    return _lemma_file()


_LEMMA_CACHE_MAX = 500_000
_lemma_ids: dict[int, tuple[object, dict[int, int]]] = {}  # id(StringStore) → (store, {orth hash: lemma hash})


def _lemma_cache(strings) -> dict[int, int]:
    """Lemma hash per word hash for one StringStore: each word form is looked up once per process (ints only)."""
    entry = _lemma_ids.get(id(strings))
    if entry is None or entry[0] is not strings:
        entry = _lemma_ids[id(strings)] = (strings, {})  # the store is kept alive, so its id is never reused
    cache = entry[1]
    if len(cache) > _LEMMA_CACHE_MAX:
        cache.clear()
    return cache


@Language.component("lixcheck_lemmas")
def lixcheck_lemmas(doc: Doc) -> Doc:
    """Lookup lemma of each token (the form itself, else its lower case), or the lower case when the table has none.

    One array write for the whole Doc; setting token.lemma_ token by token cost more than the lookups."""
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    # Strings added inside a spaCy memory zone are dropped when it ends: no cache across documents then.
    cache = {} if getattr(doc.vocab, "in_memory_zone", False) else _lemma_cache(strings)
    orths = column(doc, ORTH)  # (read by lixcheck_sentences already)
    lemmas = list(map(cache.get, orths))
    if None in lemmas:  # a word not seen before: look it up, and let the tokenizer learn the new words
        if id(doc.vocab) in _lemmas_teach:
            _teach_tokenizer_cache(doc, orths)
        table = lemma_table()
        for i, o in enumerate(orths):
            if lemmas[i] is None:
                if o not in cache:
                    text = strings[o]
                    lemma = table.get(text)
                    if lemma is None:
                        low = text.lower()
                        lemma = table.get(low, low)
                    cache[o] = strings.add(lemma)
                lemmas[i] = cache[o]
    doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
    _columns(doc)[LEMMA] = lemmas  # what to_array(LEMMA) would read back (for the rules)
    return doc


# Tokenizers of the pipelines built here, by id(Vocab): (vocab, tokenizer, hashes of the words already taught,
# hashes of the tokens of the texts already taught).
_teachers: dict[int, tuple[object, object, set[int], set[int]]] = {}
# Vocabs (by id) whose pipeline has lixcheck_lemmas: its per-word lemma cache already tells whether a Doc holds a
# word not seen before, so it calls _teach_tokenizer_cache then, and the per-Doc test of every token is saved.
_lemmas_teach: set[int] = set()
# The embedded pipelines built here (by id; they live as long as the process): their phrases' tokens and lemmas may
# be read from the ones made before run time (engine/phrase_words.py).
_embedded: set[int] = set()


def embedded(nlp: Language) -> bool:
    """Whether ``nlp`` is the embedded blank Danish pipeline that load() builds (not a trained one)."""
    return id(nlp) in _embedded


def _teach_tokenizer_cache(doc: Doc, orths: list[int] | None = None) -> None:
    """Let the tokenizer cache this Doc's words for the next texts.

    spaCy caches how it split a word, but stops doing so for the rest of a text after the first special case
    ("kr.", "1.", "Tlf." …; spaCy issue #1250), so in a letter most words were split afresh every time. Tokenizing a
    new word alone caches it exactly as spaCy would have (a word that involves a special case is still not cached).
    A Doc whose tokens have all been seen is skipped without rebuilding its text. Only hashes are kept (no text),
    and no more words than the tokenizer's own cache holds."""
    entry = _teachers.get(id(doc.vocab))
    if entry is None or entry[0] is not doc.vocab or getattr(doc.vocab, "in_memory_zone", False):
        return
    _vocab, tokenizer, seen, seen_tokens = entry
    limit = getattr(tokenizer, "max_cache_size", 10_000)
    if len(seen) >= limit:
        return
    if orths is None:
        orths = doc.to_array(ORTH).tolist()
    if seen_tokens.issuperset(orths):
        return
    seen_tokens.update(orths)
    words = doc.text.split()
    hashes = list(map(hash, words))
    for word, h in zip(words, hashes, strict=True):
        if h not in seen and len(seen) < limit:
            seen.add(h)
            tokenizer(word)


@Language.component("lixcheck_sentences")
def lixcheck_sentences(doc: Doc) -> Doc:
    """Set sentence starts from lixcheck's splitter (computed before spaCy, passed in Doc.user_data).

    (It also lets the tokenizer cache the Doc's words: see _teach_tokenizer_cache.)"""
    if not len(doc):
        return doc
    columns = doc.to_array([ORTH, IDX])  # one read of the Doc for both
    orths = columns[:, 0].tolist()
    if id(doc.vocab) not in _lemmas_teach:  # (else lixcheck_lemmas does, when the Doc holds a word it has not seen)
        _teach_tokenizer_cache(doc, orths)
    doc.user_data[_COLUMNS_KEY] = {ORTH: orths}  # for lixcheck_lemmas, next in the pipeline, and the rules
    starts = doc.user_data.get(SENTS_KEY)
    if starts is None:
        from ..nlp.sentences import split
        from ..readers.text import segment

        starts = [s.start for s in split(doc.text, segment(doc.text))]
    # One array write: setting token.is_sent_start token by token rescans the whole Doc each time (quadratic).
    # Sentences start at token offsets: the tokens whose offset is a start, found by bisection (a letter has a few
    # dozen sentences: on a list this costs less than numpy's overhead per call).
    offsets = columns[:, 1].tolist()
    n = len(offsets)
    tokens = [0]
    for start in sorted(set(starts)):
        i = bisect_left(offsets, start)
        if i < n and offsets[i] == start and i:
            tokens.append(i)
    # every token's SENT_START is set, 1 or -1: a parser later in a trained pipeline keeps them
    values = numpy.full(n, _NOT_START, dtype="uint64")
    values[tokens] = 1
    doc.from_array([SENT_START], values)
    _columns(doc)[_SENTENCE_TOKENS] = tokens
    return doc


def sentence_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens that start a sentence, ascending (what SENT_START == 1 marks), read once per Doc."""
    columns = _columns(doc)
    tokens = columns.get(_SENTENCE_TOKENS)
    if tokens is None:
        tokens = columns[_SENTENCE_TOKENS] = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    return tokens


LONG_CHUNK = 200  # characters without whitespace that the tokenizer keeps as one token


def _long_chunk_match(previous):
    """A token_match that keeps a whitespace-free chunk of LONG_CHUNK+ characters as one token. spaCy strips
    prefixes and suffixes one at a time, each search over the rest of the chunk: a run of "=", "§", "(" or emoji took
    quadratic time (4,000 "=" in 8 s, 40,000 in minutes). No word is that long; LIX counting does not use spaCy's
    tokens. ``previous``: the tokenizer's own token_match, asked for shorter chunks."""

    def token_match(string: str):
        if len(string) >= LONG_CHUNK:
            return True
        return previous(string) if previous is not None else None

    return token_match


def _keep_long_chunks(nlp: Language) -> None:
    nlp.tokenizer.token_match = _long_chunk_match(nlp.tokenizer.token_match)


def _special_cases() -> dict[str, list[dict]]:
    """lixcheck's Danish special cases (nlp/data/da.yml), each as written, capitalised and in capitals."""
    return {variant: [{"ORTH": variant}] for case in danish().tokenizer_special_cases
            for variant in sorted({case, case[:1].upper() + case[1:], case.upper()})}


def _add_special_cases(nlp: Language) -> None:
    for variant, case in _special_cases().items():
        nlp.tokenizer.add_special_case(variant, case)


def _plain_whitespace(rules: dict) -> list[str]:
    """The special cases for whitespace that only repeat their text ("\n", "\t", " "). The same token comes out
    without them (checked where they are dropped), and spaCy's tokenizer stops caching words for the rest of a text
    after the first special case it meets (spaCy issue #1250) -- with "\n" among them, every letter was tokenized
    afresh from its second line on. Tokenizing the corpus takes half the time without them."""
    return [k for k, v in rules.items() if k.isspace() and len(v) == 1 and intify_attrs(dict(v[0])) == {ORTH: k}]


def _whitespace_splits(nlp: Language, plain: list[str]) -> bool:
    """Whether the tokenizer's affix rules split one of the whitespace strings ``plain`` without its special case."""
    return any([t.text for t in nlp.tokenizer(k)] != [k] for k in plain)


def _drop_plain_whitespace_cases(nlp: Language, rules: dict | None = None) -> None:
    """Load ``rules`` (default: the tokenizer's own special cases) into the tokenizer, without the plain whitespace
    ones (_plain_whitespace)."""
    tokenizer = nlp.tokenizer
    given = rules is not None
    rules = dict(tokenizer.rules or {}) if rules is None else rules
    plain = _plain_whitespace(rules)
    if not plain:
        if given:
            tokenizer.rules = rules
        return
    tokenizer.rules = {k: v for k, v in rules.items() if k not in plain}
    if _whitespace_splits(nlp, plain):
        tokenizer.rules = rules  # this tokenizer's affix rules split whitespace: keep the special cases


def _blank() -> Language:
    """spacy.blank("da") whose tokenizer is made with lixcheck's special cases and token_match already in the
    language defaults, so that it loads its ~1,300 special cases once. (Loading them tokenizes each one: spaCy's own
    load and a reload with lixcheck's settings, as done to a trained pipeline's tokenizer, cost a fresh process
    40 ms.) The same tokenizer as that path gives (tests/test_pipeline_tokens.py)."""
    from spacy.lang.da import Danish

    base = Danish.Defaults
    rules = {**base.tokenizer_exceptions, **_special_cases()}
    plain = _plain_whitespace(rules)

    class LixcheckDefaults(base):
        tokenizer_exceptions = {k: v for k, v in rules.items() if k not in plain}
        token_match = staticmethod(_long_chunk_match(base.token_match))

    class LixcheckDanish(Danish):
        Defaults = LixcheckDefaults

    nlp = LixcheckDanish.from_config()
    if _whitespace_splits(nlp, plain):
        nlp.tokenizer.rules = rules
    return nlp


def _find_installed() -> str | None:
    for name in TRAINED_CANDIDATES:
        if spacy.util.is_package(name):
            return name
    return None


@cache
def load(model: str = "auto") -> tuple[Language, PipelineInfo]:
    """The pipeline for a model setting, built once per process."""
    with _lock:
        target = _find_installed() if model == "auto" else (None if model == "blank" else model)
        if target is None:
            nlp = _blank()
            trained = False
        else:
            if not (spacy.util.is_package(target) or Path(target).is_dir()):
                raise ConfigError(f"model {target!r} is neither an installed spaCy pipeline nor a directory")
            try:
                nlp = spacy.load(target)
            except (OSError, ValueError) as e:
                raise ConfigError(f"cannot load spaCy pipeline {target!r}: {e}") from None
            if nlp.lang != "da":
                raise ConfigError(f"spaCy pipeline {target!r} is for language {nlp.lang!r}, not Danish (da)")
            trained = True
            _add_special_cases(nlp)
            # Setting token_match or rules reloads every special case (0.08 s each): set token_match while there
            # are none, then load the final special cases once.
            rules = dict(nlp.tokenizer.rules or {})
            nlp.tokenizer.rules = {}
            _keep_long_chunks(nlp)
            _drop_plain_whitespace_cases(nlp, rules)
        nlp.add_pipe("lixcheck_sentences", first=True)
        _teachers[id(nlp.vocab)] = (nlp.vocab, nlp.tokenizer, set(), set())
        if "lemmatizer" not in nlp.pipe_names and "trainable_lemmatizer" not in nlp.pipe_names:
            nlp.add_pipe("lixcheck_lemmas")
            _lemmas_teach.add(id(nlp.vocab))
        if not trained:
            _embedded.add(id(nlp))
        name = f"{nlp.meta.get('lang', 'da')}_{nlp.meta.get('name', 'pipeline')}" if trained else "blank-da"
        info = PipelineInfo(name, nlp.meta.get("version", spacy.__version__) if trained else spacy.__version__,
                            tuple(nlp.pipe_names), trained)
        return nlp, info


def bare_tokenizer() -> Language:
    """spaCy's blank Danish pipeline with nothing added: the speed anchor for benchmarks."""
    return spacy.blank("da")
