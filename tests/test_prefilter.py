"""The regex pre-filter (lixcheck.search.prefilter) must give exactly what the plain regex gives."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lixcheck.letter import data as gazetteer
from lixcheck.search.prefilter import SAFE_CHARS, Guarded, fold, fold_letter, needles, prefixes

ROOT = Path(__file__).resolve().parent.parent


def _safe_chars() -> list[str]:
    return [c for c in map(chr, range(0x2100)) if re.fullmatch(f"[{SAFE_CHARS}]", c)]


def test_safe_characters_fold_like_lower():
    chars = _safe_chars()
    for a in chars:
        rx = re.compile(re.escape(a), re.IGNORECASE)
        for b in chars:
            assert bool(rx.fullmatch(b)) == (a.lower() == b.lower()), (a, b)
        assert len(a.lower()) == 1


def test_fold_lower_cases_every_text_like_str_lower():
    latin1 = "".join(map(chr, range(256)))  # (a Latin-1 text: lower-cased byte by byte)
    for text in (latin1, latin1 + "–”", "ABC Æble", "Afgørelse – “SAG” …"):
        assert fold(text) == text.lower(), text


def test_fold_refuses_special_case_folding():
    assert fold("Afgørelse om BOLIGSTØTTE") == fold_letter("Afgørelse om BOLIGSTØTTE") == "afgørelse om boligstøtte"
    for odd in ("ſ", "\u212a", "İ", "Σ"):
        assert fold("klage " + odd) is None


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"\bafgørelse om\b", re.IGNORECASE, ("afgørelse om",)),
    (r"\b(?:klage|anke)\w*", re.IGNORECASE, ("anke", "klage")),
    (r"\bdu (?:får|kan få)\b", 0, ("du får", "du kan få")),
    (r"\w+s\b", 0, ("s",)),
    (r"(?i:x)abc|\d+", 0, None),
    (r"a?b*", 0, None),
])
def test_needles(pattern, flags, expected):
    assert needles(re.compile(pattern, flags)) == expected


def _data_patterns() -> list[re.Pattern]:
    """Every regular expression of the letter-check data, as the checks compile it (and some harder ones)."""
    out = []

    def walk(value):
        if isinstance(value, str):
            try:
                out.append(re.compile(value, re.IGNORECASE | re.MULTILINE))
                out.append(re.compile(value))
            except re.error:
                pass
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for name in gazetteer.FILES:
        walk(gazetteer.load(name))
    out += [re.compile(p, re.IGNORECASE) for p in (r"(?<!hvis )\bvi (?:mangler|har)\b(?! brug)", r"a(?=b)b|c{2}d",
                                                   r"[æø]{2}x|k(?:l|n)age", r"(?:ab){2,3}c", r"^\s*klage$")]
    return out


PATTERNS = _data_patterns()
GUARDED = [Guarded(p) for p in PATTERNS]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "letters").glob("*.txt"))[:12]]


def _same(g: Guarded, text: str, pos: int, end: int) -> None:
    plain = g.pattern.search(text, pos, end)
    fast = g.search(text, fold_letter(text), pos, end)  # (with the letter's needle index once it is long enough)
    assert (plain.span() if plain else None) == (fast.span() if fast else None), (g.pattern.pattern, pos, end)
    assert [m.span() for m in g.pattern.finditer(text, pos, end)] == [m.span() for m in g.finditer(text, None, pos,
                                                                                                      end)]


def test_same_results_on_letters_and_windows():
    assert sum(g.needles is not None for g in GUARDED) > len(GUARDED) * 0.8  # the filter is used at all
    rnd = random.Random(4)
    for text in TEXTS:
        for g in GUARDED:
            _same(g, text, 0, len(text))
            for _ in range(3):
                a = rnd.randrange(len(text))
                _same(g, text, a, rnd.randrange(a, len(text) + 1))


WORDS = ["klage", "Klage", "KLAGE", "afgørelse om", "ſ", "\u212a", "İ", "du får", "vi har", "§ 5", "ab", "ccd",
         "æøx", "kNage", " ", "\n", ".", "anke", "høring", "ikke", "bevilget"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.integers(0, 60), st.integers(0, 80))
def test_same_results_on_made_up_texts(parts, a, b):
    text = "".join(parts)
    pos, end = min(a, len(text)), min(max(a, b), len(text))
    for g in GUARDED:
        _same(g, text, pos, end)


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"\bdu (?:får|har fået)\b", re.IGNORECASE, ("du får", "du har fået")),
    (r"(?<!hvis )\bvi (?:mangler|har)", 0, ("vi har", "vi mangler")),
    (r"\bhar (?:derfor )?besluttet|\bdet er besluttet", re.IGNORECASE, ("det er besluttet", "har ")),
    (r"^\s*afgørelse\b", re.IGNORECASE, None),
    (r"\b(?:vi )?giver dig", re.IGNORECASE, None),
    (r"(?:ab)+c", 0, ("ab",)),
])
def test_prefixes(pattern, flags, expected):
    assert prefixes(re.compile(pattern, flags)) == expected


def test_any_of_is_the_truth_of_the_alternation():
    from lixcheck.search.prefilter import AnyOf

    lists = []

    def walk(value):
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            lists.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    walk(gazetteer.load("letter"))
    lists.append([r"(a)\1", "b"])  # a back-reference keeps the alternatives together
    assert len(lists) >= 8
    rnd = random.Random(11)
    for patterns in lists:
        whole = gazetteer.any_of(tuple(patterns))  # (kind names and other plain lists are fine regexes too)
        anyof = AnyOf(patterns)
        for text in TEXTS[:6] + ["aa", "ſkal betale", "Du har ikke ret til"]:
            spans = [(0, len(text))] + [sorted((rnd.randrange(len(text) + 1), rnd.randrange(len(text) + 1)))
                                        for _ in range(8)]
            for a, b in spans:
                assert anyof.found(text, fold_letter(text), a, b) == bool(whole.search(text, a, b)), (patterns, a, b)


def test_needle_index_gives_the_same_results(monkeypatch):
    """The one-scan needle index (used for letters of INDEX_MIN+ characters) answers like str.find: force it onto
    every text, short made-up ones and windows included."""
    from lixcheck.search import prefilter

    if prefilter.ahocorasick is None:
        pytest.skip("pyahocorasick is not installed: the index is not used")
    monkeypatch.setattr(prefilter, "INDEX_MIN", 0)
    rnd = random.Random(5)
    texts = TEXTS[:4] + ["".join(rnd.choice(WORDS) for _ in range(12)) for _ in range(40)]
    for text in texts:
        for g in GUARDED:
            _same(g, text, 0, len(text))
            a = rnd.randrange(len(text) + 1)
            _same(g, text, a, rnd.randrange(a, len(text) + 1))
    assert prefilter._index(fold_letter(TEXTS[0])) is not None  # (the index really was in use)


def test_pattern_added_after_a_text_was_indexed(monkeypatch):
    """A Guarded built after a text's index brings needles the index lacks: the index is rebuilt, not trusted."""
    from lixcheck.search import prefilter

    monkeypatch.setattr(prefilter, "INDEX_MIN", 0)
    text = "Du kan klage over afgørelsen til Ankestyrelsen inden fire uger. " * 5
    folded = fold_letter(text)
    assert Guarded(re.compile(r"\bklage", re.IGNORECASE)).possible(text, folded)
    late = Guarded(re.compile(r"\bankestyrelsen inden fire\b", re.IGNORECASE))
    assert late.possible(text, folded)
    assert late.search(text, folded).span() == re.search(r"ankestyrelsen inden fire", text.lower()).span()


@pytest.mark.parametrize("index_min", [0, 10**9])
def test_needle_starts_are_every_occurrence(monkeypatch, index_min):
    from lixcheck.search import prefilter

    monkeypatch.setattr(prefilter, "INDEX_MIN", index_min)  # with and without the letter's needle index
    for g in GUARDED:
        if g.needles is None or not g.ignorecase:
            continue
        for text in TEXTS[:3]:
            folded = fold_letter(text)
            expected = sorted(i for n in g.needles for i in range(len(folded)) if folded.startswith(n, i))
            assert g.needle_starts(text, folded) == expected


def test_a_search_set_answers_possible():
    """SearchSet.possible and .which (one look-up of the letter's needle index for many searches) say what
    possible() says."""
    from lixcheck.search.prefilter import SearchSet

    searches = SearchSet(GUARDED)
    assert searches.version is None  # (a case-sensitive pattern is not in the index: each is tested on its own)
    indexed = SearchSet([g for g in GUARDED if g.ignorecase])
    assert indexed.version is not None
    for text in TEXTS + ["kort", "Du kan klage"]:
        folded = fold_letter(text)
        for search_set in (searches, indexed):
            expected = [g.possible(text, folded) for g in search_set.searches]
            assert search_set.possible(text, folded) == expected
            assert search_set.which(text, folded) == [i for i, ok in enumerate(expected) if ok]
