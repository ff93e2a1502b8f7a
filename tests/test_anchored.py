"""Searches anchored at a pattern's needles (lixcheck.search.anchored) give exactly the plain pattern's results."""

from __future__ import annotations

import importlib
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lixcheck.checks import decision, letter_kind, template
from lixcheck.letter import data as gazetteer
from lixcheck.search import any_of
from lixcheck.search.anchored import Alternatives, Anchored, anchored, split_alternatives
from lixcheck.search.prefilter import Guarded, fold_letter

anchored_module = importlib.import_module("lixcheck.search.anchored")  # (the package's name "anchored" is a function)
ROOT = Path(__file__).resolve().parent.parent
LETTERS = sorted((ROOT / "corpus").glob("*/*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))

SYNTHETIC = [r"\b\w*(?:møde|samtale)\b.{0,12}\bkl\.", r"\b(?:vi )?giver dig\b", r"[\w.+-]+@[\w-]+\.\w+",
             r"\b(?=[a-zæøå-]*lov)(?:[a-zæøå-]{3,}loven\b|[a-zæøå-]{3,}lov\b)", r"(?:ab|\w+c)xyz", r"\d+ (?:dage|uger)",
             r"\b(?:vi )?\w{0,6}ret", r"x?y?møde"]
PIECES = ["møde", "Møde", "samtale", "\n  ", "\n\t",
          "mødet", "kl. 10", "kl.", " ", "  ", "\n", "\t", ".", ",", "-", "vi ", "Vi ",
          "giver dig", "har ", "ret", "abxyz", "cxyz", "xyz", "a@b.dk", "@", "x.y", "serviceloven", "lov", "loven",
          "3", "12 dage", "uger", "ø", "é", "ſ", "K", "nyt", "x", "y"]


def _data_patterns(*path: str) -> list[str]:
    value = gazetteer.load("letter")
    for key in path:
        value = value[key]
    return value if isinstance(value, list) else [value]


def _anchored_patterns() -> list[Anchored]:
    found = [cue.search for cue in letter_kind._cues()[0]]
    found += [decision._searches().legal]
    found += template._instruction_res()
    for key in (("klage", "where"), ("klage", "how"), ("klage", "elsewhere"), ("klage", "deadline"),
                ("klage", "mention"), ("reasons",), ("reasons_weak",), ("reply_deadline",),
                ("outcome", "negative"), ("outcome", "negative_body"), ("outcome", "positive")):
        found += [anchored(Guarded(re.compile(p, re.IGNORECASE))) for p in _data_patterns(*key)]
    return [g for g in found if isinstance(g, Anchored | Alternatives)]


# ^ (MULTILINE) and no line break after it: tried only at the line start of each needle
LINE_STARTS = [r"^[^\S\n]*møde\b", r"^[ \t]{0,4}\w{0,30}(?:møde|samtale)\b", r"^(?:vi )?\w*ret", r"^[^\n.]*?kl\."]


def _synthetic() -> list[Anchored]:
    out = []
    for source in SYNTHETIC:
        for flags in (0, re.IGNORECASE):
            a = anchored(Guarded(re.compile(source, flags)))
            assert isinstance(a, Anchored), source
            out.append(a)
    for source in LINE_STARTS:
        for flags in (re.MULTILINE, re.IGNORECASE | re.MULTILINE):
            a = anchored(Guarded(re.compile(source, flags)))
            assert isinstance(a, Anchored) and a.line, source
            out.append(a)
    for source in ALTERNATIVES:
        for flags in (0, re.IGNORECASE | re.MULTILINE):
            out.append(anchored(Guarded(re.compile(source, flags))))
    return out


def _compare(a: Anchored, text: str, pos: int, end: int) -> None:
    folded = fold_letter(text)
    plain = a.pattern
    m, p = a.search(text, folded, pos, end), plain.search(text, pos, end)
    assert (m and m.span()) == (p and p.span()), (a.pattern.pattern, text, pos, end)
    assert a.found(text, folded, pos, end) == (p is not None), (a.pattern.pattern, text, pos, end)
    assert [x.span() for x in a.finditer(text, folded, pos, end)] == \
        [x.span() for x in plain.finditer(text, pos, end)], (a.pattern.pattern, text, pos, end)


def test_an_alternation_is_split_at_its_top_level_bars_only():
    assert split_alternatives(r"a|b(c|d)|[|]|\||[]|]x|(?:e|f)") == ["a", "b(c|d)", "[|]", "\\|", "[]|]x", "(?:e|f)"]
    assert split_alternatives(r"[^]|]|g") == ["[^]|]", "g"]
    assert split_alternatives("abc") == ["abc"]


def test_alternations_whose_alternatives_start_apart_are_searched_apart():
    # The whole pattern's window reaches 98 characters before its needles; its first alternative starts at its own
    # words, its second lies within a space-free run before its needles.
    cue = next(c.search for c in letter_kind._cues()[0] if "(?:meddel" in c.search.pattern.pattern)
    assert isinstance(cue, Alternatives) and cue.whole.reach > 90
    assert [(p.reach, p.free) for p in cue.parts] == [(0, None), (30, None)]
    # one alternative with neither prefixes nor needles, or a whole pattern tried at its prefixes: not split
    assert not isinstance(anchored(Guarded(re.compile(r"\bfoo\w+bar|\w+"))), Alternatives)
    assert not isinstance(anchored(Guarded(re.compile(r"\bfoo bar|\bbaz"))), Alternatives)
    assert not isinstance(anchored(Guarded(re.compile(r"(a)x\w*y|\1b"))), Alternatives)  # (group numbers)


ALTERNATIVES = [r"\b\w{0,6}(?:møde|ret)\b|\bvi (?:har )?\w*møde", r"x?y?møde|\bhar\b|ret", r"møde\w*|\w*møde",
                r"(?<=vi )har|\w{0,4}har\b|^\s*ret"]


def test_alternatives_give_the_match_re_gives_where_several_start_at_one_place():
    """re takes the leftmost place where one alternative matches, and there the first alternative that matches
    (not the longest)."""
    for source in ALTERNATIVES:
        for flags in (0, re.IGNORECASE | re.MULTILINE):
            a = anchored(Guarded(re.compile(source, flags)))
            assert isinstance(a, Alternatives), source
            for text in ("Vi har møde", "mødet og mødested", "vi har ret", "xymøder", "  ret\nvi harmøde"):
                _compare(a, text, 0, len(text))
    a = anchored(Guarded(re.compile(r"møde|\w*mødested")))
    assert isinstance(a, Alternatives) and a.search("et mødested").group() == "møde"  # (both start at 3)


def test_data_patterns_without_prefixes_are_anchored():
    sources = {g.pattern.pattern for g in _anchored_patterns()}
    assert any("møde" in s for s in sources)  # the invitation cue
    assert any("lov)" in s for s in sources)  # compound law names
    assert any("@" in s for s in sources)  # e-mail addresses


def test_shapes_that_give_no_window_stay_plain():
    for source in (r"^\s*afgørelse\b", r".*klage", r"\s+frist", r"[^x]+møde", r"^[^.]*møde"):
        assert not isinstance(anchored(Guarded(re.compile(source, re.IGNORECASE | re.MULTILINE))), Anchored), source
    # ^ without MULTILINE is the start of the text only: no line-start windows
    assert not getattr(anchored(Guarded(re.compile(r"^[ \t]*møde", re.IGNORECASE))), "line", False)


def test_a_line_start_pattern_is_tried_at_the_start_of_each_needle_line():
    a = anchored(Guarded(re.compile(r"^[ \t]{0,4}\w{0,30}(?:møde|samtale)\b", re.IGNORECASE | re.MULTILINE)))
    text = "Indkaldelse\n  Samtale om job\nVi holder et møde\n\tmøde\n"
    assert a._candidates(text, fold_letter(text), 0, len(text)) == [12, 29, 47]
    assert a._candidates(text, fold_letter(text), 13, len(text)) == [29, 47]  # (line 2 starts before the window)
    assert [m.group() for m in a.finditer(text, fold_letter(text))] == ["  Samtale", "\tmøde"]


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


# bounded patterns whose ends look past the match: \b, $ (with and without MULTILINE), a lookahead
BOUNDED = [r"\b(?:vi )?giver dig\b(?! ikke| nu\b)", r"\b(?:vi )?\w{0,6}ret$", r"x?y?møde(?=\w{0,3}t)",
           r"\bkl\.\s{0,2}\d?(?<=\d)", r"(?:ab|\w{0,3}c)xyz\b"]


def test_a_pattern_s_span_counts_what_its_attempts_read():
    assert anchored_module.span(re.compile(r"ab\b")) == 4  # two characters, the one after them, one more for $
    assert anchored_module.span(re.compile(r"a(?=bcd)(?<!xyz)e{2,3}")) == 1 + 3 + 3 + 2
    assert anchored_module.span(re.compile(r"a\w*")) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["giver dig ikke", "giver dig nu", "møder", "kl. 9", "ret\n"]), max_size=40),
       st.integers(0, 400), st.integers(0, 400), st.integers(0, 2))
def test_a_search_of_many_places_scans_their_windows_only(parts, a, b, pad):
    """With more places than MAX_TRIES, search() scans each run of windows up to the pattern's span past its last
    place: the plain pattern's match all the same (here with every search of one place or more scanned so)."""
    text = "".join(parts) * (1 + pad * 4)
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    searches = [anchored(Guarded(re.compile(p, f))) for p in BOUNDED + SYNTHETIC
                for f in (0, re.IGNORECASE, re.IGNORECASE | re.MULTILINE)]
    assert sum(isinstance(x, Anchored) and x.pattern.pattern in BOUNDED for x in searches) == 3 * len(BOUNDED)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anchored_module, "MAX_TRIES", 0)
        for x in searches + _anchored_patterns():
            if isinstance(x, Anchored | Alternatives):
                _compare(x, text, pos, end)
                _compare(x, text, 0, len(text))


FOUND_KEYS = [("klage", "mention"), ("klage", "where"), ("klage", "deadline"), ("reasons",), ("reply_deadline",),
              ("outcome", "negative_body"), ("outcome", "negative"), ("outcome", "positive"), ("outcome", "loan")]
WORD_PIECES = ["Du kan klage", " til Ankestyrelsen", " inden 4 uger", " efter", " fordi", " derfor", " senest",
               " 14 dage fra i dag", " kun", " ikke", " bevilget", " afslag", " grænsen", " mere end", " x@y.dk",
               " frist", ". ", "\n", " ", "ø", "K", "ſ"]


def test_alternations_are_searched_joined():
    assert isinstance(decision._searches().klage_mention, Anchored)
    # The reason phrases (lookbehinds, "finder … at" with inserted clauses) give no joined window: each is searched
    # on its own near its literal strings, and only those that the letter's needle index allows (a SearchSet).
    assert all(isinstance(p, Anchored) for p in decision._searches().reasons_set.searches)


def _compare_found(key, text: str, pos: int, end: int) -> None:
    patterns = [re.compile(p, re.IGNORECASE) for p in _data_patterns(*key)]
    joined = any_of(_data_patterns(*key))
    folded = fold_letter(text)
    if pos == 0 and end == len(text):
        assert joined.found(text, folded) == joined.found(text, None) == any(
            p.search(text) is not None for p in patterns), (key, text)
    assert joined.found(text, folded, pos, end) == any(p.search(text, pos, end) is not None for p in patterns), (
        key, text, pos, end)


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


def test_any_of_keeps_patterns_that_refer_to_groups_together():
    search = any_of([r"(a)\1", "b"], 0)
    for text in ("aa", "ab", "b", "x", "a"):
        assert search.found(text) == bool(re.search(r"(?:(a)\1)|(?:b)", text))


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
