"""Searches anchored at a pattern's needles (lixcheck.search.anchored) give exactly the plain pattern's results."""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lixcheck.checks import letter, template
from lixcheck.search.anchored import Anchored, anchored
from lixcheck.search.prefilter import Guarded, fold

ROOT = Path(__file__).resolve().parent.parent
LETTERS = sorted((ROOT / "corpus").glob("*/*.txt"))

SYNTHETIC = [r"\b\w*(?:møde|samtale)\b.{0,12}\bkl\.", r"\b(?:vi )?giver dig\b", r"[\w.+-]+@[\w-]+\.\w+",
             r"\b(?=[a-zæøå-]*lov)(?:[a-zæøå-]{3,}loven\b|[a-zæøå-]{3,}lov\b)", r"(?:ab|\w+c)xyz", r"\d+ (?:dage|uger)",
             r"\b(?:vi )?\w{0,6}ret", r"x?y?møde"]
PIECES = ["møde", "Møde", "samtale", "mødet", "kl. 10", "kl.", " ", "  ", "\n", "\t", ".", ",", "-", "vi ", "Vi ",
          "giver dig", "har ", "ret", "abxyz", "cxyz", "xyz", "a@b.dk", "@", "x.y", "serviceloven", "lov", "loven",
          "3", "12 dage", "uger", "ø", "é", "ſ", "K", "nyt", "x", "y"]


def _anchored_patterns() -> list[Anchored]:
    found = []
    for cues in letter._cues().values():
        found += [g for _, g in cues]
    found += [letter._legal(), *letter._FirstOf(letter._data()["legal"]).parts]
    found += template._instruction_res()
    for key in (("klage", "where"), ("klage", "deadline"), ("klage", "mention"), ("reasons",), ("reply_deadline",),
                ("outcome", "negative"), ("outcome", "negative_body"), ("outcome", "positive")):
        found += letter._found(*key).parts
    return [g for g in found if isinstance(g, Anchored)]


def _synthetic() -> list[Anchored]:
    out = []
    for source in SYNTHETIC:
        for flags in (0, re.IGNORECASE):
            a = anchored(Guarded(re.compile(source, flags)))
            assert isinstance(a, Anchored), source
            out.append(a)
    return out


def _compare(a: Anchored, text: str, pos: int, end: int) -> None:
    folded = fold(text)
    plain = a.pattern
    m, p = a.search(text, folded, pos, end), plain.search(text, pos, end)
    assert (m and m.span()) == (p and p.span()), (a.pattern.pattern, text, pos, end)
    assert [x.span() for x in a.finditer(text, folded, pos, end)] == \
        [x.span() for x in plain.finditer(text, pos, end)], (a.pattern.pattern, text, pos, end)
    if plain.search(text[pos:end]) is not None:  # a part of the text searched as a string of its own
        assert a.holds_needle(text, folded, pos, end), (a.pattern.pattern, text, pos, end)
    if a.possible(text, folded):
        assert a.in_window_and_text(text, folded, pos, end) == (
            plain.search(text, pos, end) is not None, plain.search(text) is not None), (a.pattern.pattern, text, pos)
    if pos == 0 and end == len(text):  # the whole text (no window)
        m, p = a.search(text), plain.search(text)
        assert (m and m.span()) == (p and p.span()), (a.pattern.pattern, text)
        assert [x.span() for x in a.finditer(text)] == [x.span() for x in plain.finditer(text)], a.pattern.pattern


def test_data_patterns_without_prefixes_are_anchored():
    sources = {g.pattern.pattern for g in _anchored_patterns()}
    assert any("møde" in s for s in sources)  # the invitation cue
    assert any("lov)" in s for s in sources)  # compound law names
    assert any("@" in s for s in sources)  # e-mail addresses


def test_shapes_that_give_no_window_stay_plain():
    for source in (r"^\s*afgørelse\b", r".*klage", r"\s+frist", r"[^x]+møde"):
        assert not isinstance(anchored(Guarded(re.compile(source, re.IGNORECASE | re.MULTILINE))), Anchored), source


def test_anchored_equals_the_plain_pattern_on_the_corpus():
    patterns = _anchored_patterns() + _synthetic()
    rnd = random.Random(3)
    for path in LETTERS:
        text = path.read_text(encoding="utf-8")
        windows = [(0, len(text))] + [tuple(sorted(rnd.randrange(len(text) + 1) for _ in range(2))) for _ in range(3)]
        for a in patterns:
            for pos, end in windows:
                _compare(a, text, pos, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(0, 400), st.integers(0, 400),
       st.integers(0, 2))
def test_anchored_equals_the_plain_pattern(parts, a, b, pad):
    text = "".join(parts) * (1 + pad * 4)  # long texts use the needle index, short ones str.find
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    for x in _synthetic() + _anchored_patterns():
        _compare(x, text, pos, end)
        _compare(x, text, 0, len(text))


FOUND_KEYS = [("klage", "mention"), ("klage", "where"), ("klage", "deadline"), ("reasons",), ("reply_deadline",),
              ("outcome", "negative_body"), ("outcome", "negative"), ("outcome", "positive"), ("outcome", "loan")]
WORD_PIECES = ["Du kan klage", " til Ankestyrelsen", " inden 4 uger", " efter", " fordi", " derfor", " senest",
               " 14 dage fra i dag", " kun", " ikke", " bevilget", " afslag", " grænsen", " mere end", " x@y.dk",
               " frist", ". ", "\n", " ", "ø", "K", "ſ"]


def test_alternations_are_searched_joined():
    assert isinstance(letter._any_of("reasons"), Anchored)
    assert isinstance(letter._any_of("klage", "mention"), Anchored)


def _compare_found(key, text: str, pos: int, end: int) -> None:
    joined, plain = letter._any_of(*key), letter._found(*key)
    folded = fold(text)
    if pos == 0 and end == len(text):
        assert joined.found(text, folded) == joined.found(text, None) == any(
            g.pattern.search(text) is not None for g in plain.parts), (key, text)
    assert joined.found(text, folded, pos, end) == any(
        g.pattern.search(text, pos, end) is not None for g in plain.parts), (key, text, pos, end)


def test_joined_alternations_find_what_the_alternatives_find_on_the_corpus():
    rnd = random.Random(5)
    for path in LETTERS:
        text = path.read_text(encoding="utf-8")
        for key in FOUND_KEYS:
            _compare_found(key, text, 0, len(text))
            for _ in range(4):
                a = rnd.randrange(len(text) + 1)
                _compare_found(key, text, a, min(len(text), a + rnd.randrange(400)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=30), st.integers(0, 300), st.integers(0, 300),
       st.integers(0, 2))
def test_joined_alternations_find_what_the_alternatives_find(parts, a, b, pad):
    text = "".join(parts) * (1 + pad * 3)
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    for key in FOUND_KEYS:
        _compare_found(key, text, pos, end)
        _compare_found(key, text, 0, len(text))


TITLES = ["", "Afgørelse om boligstøtte", "Du får ikke hjælp", "Kun delvis bevilget", "AFSLAG", "ſ afslag", "x"]


def _compare_lead(title: str, text: str, start: int, end: int) -> None:
    lead = letter._Lead(title, text, fold(text), start, end)
    string = title + "\n" + text[start:end]
    assert lead.string == string
    for key in (("outcome", "negative"), ("outcome", "positive"), ("outcome", "loan")):
        plain = any(g.pattern.search(string) is not None for g in letter._found(*key).parts)
        assert lead.found(letter._any_of(*key)) == plain, (key, title, text, start, end)


def test_lead_search_equals_the_plain_search_of_the_lead_on_the_corpus():
    rnd = random.Random(11)
    for path in LETTERS:
        text = path.read_text(encoding="utf-8")
        for title in TITLES[:3]:
            a = rnd.randrange(len(text) + 1)
            _compare_lead(title, text, a, min(len(text), a + rnd.randrange(800)))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TITLES), st.lists(st.sampled_from(WORD_PIECES), max_size=30), st.integers(0, 300),
       st.integers(0, 300), st.integers(0, 2))
def test_lead_search_equals_the_plain_search_of_the_lead(title, parts, a, b, pad):
    text = "".join(parts) * (1 + pad * 3)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    _compare_lead(title, text, start, end)


def test_require_rules_search_their_expressions_joined():
    from lixcheck import analysis
    from lixcheck.config import Config
    from lixcheck.engine.metrics import RequireRule

    rules = [r for r in analysis.analyzer(Config()).ruleset.others if isinstance(r, RequireRule)]
    assert any(r.joined is not None for r in rules)
    texts = [p.read_text(encoding="utf-8") for p in LETTERS] + ["Hvad sker der nu? Ring til os.", "Intet her."]
    for r in rules:
        for text in texts:
            plain = any(g.pattern.search(text) is not None for g in r.any)
            assert (r.joined.found(text) if r.joined is not None else plain) == plain
