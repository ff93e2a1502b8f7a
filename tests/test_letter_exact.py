"""The letter checks' faster search paths must give exactly what the plain regular expressions give."""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lixcheck.checks import letter, template
from lixcheck.letter import data as gazetteer
from lixcheck.letter.view import Letter
from lixcheck.readers.text import read_text
from lixcheck.search.anchored import Anchored

ROOT = Path(__file__).resolve().parent.parent
LETTERS = sorted((ROOT / "corpus").glob("*/*.txt"))

# The data's legal-basis pattern for compound law names before the speed-up lookahead was added.
OLD_COMPOUND_LAW = r"\b[a-zæøå-]{3,}loven\b|\b[a-zæøå-]{3,}lovens\b|\b[a-zæøå-]{3,}lov\b"

FRAGMENTS = ["§ 12", "§§ 3-4", "stk. 2", "nr. 3", " i ", " og ", "lov om social service", "lov om ", "serviceloven",
             "aktivloven", "lovens", "lov", "loven-", "-lov", "bekendtgørelse nr. 7", "bekendtgørelse om hjælp",
             "LBK nr. 1", "BEK nr.", "VEJ nr. 9", "Lov", "LOVEN", "ø", "é", "2", " ", ".", ",", "(", ")", "\n", "x"]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _compare(first_of, whole: re.Pattern, text: str, pos: int, end: int) -> None:
    assert _spans(first_of.finditer(text, None, pos, end)) == _spans(whole.finditer(text, pos, end)), (text, pos, end)


def test_first_of_equals_the_alternation_on_the_corpus():
    whole = gazetteer.any_of(tuple(letter._data()["legal"]))
    # the legal search in use (the alternation anchored at its needles), and the alternatives searched apart
    for first_of in (letter._legal(), letter._FirstOf(letter._data()["legal"])):
        _compare_on_the_corpus(first_of, whole)


def test_legal_search_is_anchored_and_first_of_splits():
    assert isinstance(letter._legal(), Anchored)
    assert len(letter._FirstOf(letter._data()["legal"]).parts) > 1  # searched apart


def _compare_on_the_corpus(first_of, whole: re.Pattern) -> None:
    rnd = random.Random(7)
    for path in LETTERS:
        text = path.read_text(encoding="utf-8")
        _compare(first_of, whole, text, 0, len(text))
        for _ in range(5):
            a, b = sorted(rnd.randrange(len(text) + 1) for _ in range(2))
            _compare(first_of, whole, text, a, b)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.integers(0, 200), st.integers(0, 200))
def test_first_of_equals_the_alternation(parts, a, b):
    text = "".join(parts)
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    for first_of in (letter._legal(), letter._FirstOf(letter._data()["legal"])):
        _compare(first_of, gazetteer.any_of(tuple(letter._data()["legal"])), text, pos, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + ["a", "b", "-"]), max_size=20))
def test_compound_law_lookahead_changes_no_match(parts):
    text = "".join(parts)
    new = next(p for p in letter._data()["legal"] if p.startswith(r"\b(?=[a-zæøå-]*lov)"))
    old, fast = re.compile(OLD_COMPOUND_LAW, re.IGNORECASE), re.compile(new, re.IGNORECASE)
    assert _spans(old.finditer(text)) == _spans(fast.finditer(text))


def test_first_of_keeps_overlapping_alternatives_in_order():
    # "ab" (first alternative) and "abc" (second) both match at 0: the alternation takes the first.
    first_of = letter._FirstOf(["ab", "abc", "b"], 0)
    whole = re.compile("(?:ab)|(?:abc)|(?:b)")
    for text in ("abc", "xabcab b", "bbb", ""):
        _compare(first_of, whole, text, 0, len(text))


def test_first_of_keeps_patterns_that_can_match_empty_together():
    assert len(letter._FirstOf(["a*", "b"], 0).parts) == 1
    assert len(letter._FirstOf([r"(a)\1", "b"], 0).parts) == 1  # back-references: group numbers must stay


def _find_cpr_plain(text: str) -> list[tuple[int, int]]:
    """find_cpr as it was before it tried the patterns only where a digit run starts: finditer over the text."""
    out = []
    for rx, needs_cue in ((template.CPR, False), (template.CPR_BARE, True)):
        for m in rx.finditer(text):
            dd, mm, yy, rest = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
            if not template.valid_cpr_date(dd, mm, yy, int(rest[0])):
                continue
            if needs_cue and not template.CPR_CUE.search(text[max(0, m.start() - 40):m.start()]):
                continue
            out.append((m.start(), m.end()))
    return sorted(set(out))


CPR_PIECES = ["0", "1", "2", "3", "5", "9", "010190", "311299", "1234", "4321", "-", "‐", " ", ".", ",", "/", "cpr ",
              "CPR-nr.: ", "personnummer ", "\n", "a", "٣"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CPR_PIECES), max_size=25))
def test_find_cpr_equals_finditer_over_the_text(pieces):
    text = "".join(pieces)
    assert template.find_cpr(text) == _find_cpr_plain(text)


def test_find_cpr_equals_finditer_on_the_corpus():
    for path in LETTERS:
        text = path.read_text(encoding="utf-8")
        assert template.find_cpr(text) == _find_cpr_plain(text)
    text = "CPR-nr. 0101901234, 010190-1234 og 010190 1234 samt 01019012345 og 3112991234."
    assert template.find_cpr(text) == _find_cpr_plain(text) != []


def _kind_scores_plain(document) -> dict[str, float]:
    """kind_scores as it was before cues were pre-tested in runs: every cue tested and searched on its own."""
    data = letter._data()
    factor = float(data.get("lead_factor", 2))
    text = document.text
    lead_start, lead_end = Letter(document).lead
    t = Letter(document).title
    title = t.text if t else ""
    scores = {}
    for kind, cues in letter._cues().items():
        total = 0.0
        for w, rx in cues:
            rx = rx.pattern
            if (title and rx.search(title)) or rx.search(text, lead_start, lead_end):
                total += w * factor
            elif rx.search(text):
                total += w
        scores[kind] = total
    return scores


def test_cue_runs_cover_every_cue_in_order():
    assert [[c for c in cues] for cues in letter._cues().values()] == \
        [[c for _, run in groups for c in run] for groups in letter._cue_groups().values()]


def test_kind_scores_equal_the_plain_searches_on_the_corpus():
    for path in LETTERS:
        document = read_text(path.read_text(encoding="utf-8"))
        assert letter.kind_scores(Letter(document)) == _kind_scores_plain(document), path.name


CUE_PIECES = ["Afgørelse om boligstøtte\n\n", "Kære Anna\n\n", "Vi har truffet afgørelse. ", "Du kan klage. ",
              "Partshøring\n\n", "Vi overvejer at stoppe din ydelse. ", "Påmindelse\n\n", "Vi har endnu ikke modtaget ",
              "dine papirer endnu. ", "Indkaldelse til samtale\n\n", "Mødet er den 3. maj kl. 10. ",
              "Vi mangler dokumentation. ", "Send os din lønseddel. ", "Tak for din ansøgning. ", "afslag", " ", "\n\n",
              "Med venlig hilsen\nKommunen\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), min_size=1, max_size=12),
       st.sampled_from([None, "Afgørelse om hjælp", "Indkaldelse", "Partshøring før afgørelse", "Brev"]))
def test_kind_scores_and_kind_equal_the_plain_searches(pieces, meta_title):
    text = "".join(pieces)
    if not text.strip():
        return
    document = read_text(text, meta={"title": meta_title} if meta_title else None)  # a title apart from the text
    plain = _kind_scores_plain(document)
    assert letter.kind_scores(Letter(document)) == plain
    assert letter.detect_kind(Letter(document)) == _kind_plain(document)
    scores = letter.kind_scores(Letter(document), prune=True)  # the kinds kept have their full scores
    assert scores == {k: v for k, v in plain.items() if k in scores}


def _kind_plain(document) -> str:
    """detect_kind from every kind's full score (detect_kind leaves out kinds that cannot win)."""
    scores = _kind_scores_plain(document)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= float(letter._data().get("min_score", 2)) else "information"


def test_detect_kind_equals_the_best_plain_score_on_the_corpus():
    kinds = set()
    for path in LETTERS:
        document = read_text(path.read_text(encoding="utf-8"))
        kinds.add(letter.detect_kind(Letter(document)))
        assert letter.detect_kind(Letter(document)) == _kind_plain(document), path.name
    assert len(kinds) >= 4  # (the corpus has letters of most kinds: the pruning is tested, not only its absence)


def test_pretest_refuses_what_cannot_be_joined_or_tested():
    assert letter._pretest(["(?i)afgørelse", "klage"]) is None  # a global flag inside an alternation is an error
    assert letter._pretest([r"(a)\1", "klage"]) is None  # group numbers would change
    assert letter._pretest([r"\w+", "klage"]) is None  # no strings to test
    pre = letter._pretest([r"\bklage\b", r"\banke\b"])
    assert pre is not None and not pre.possible("x" * 300 + " afgørelse") and pre.possible("x" * 300 + " Klage")


def test_first_of_keeps_patterns_that_refer_to_other_groups_together():
    assert len(letter._FirstOf([r"(?P<a>x)", r"(?(a)y|z)"], 0).parts) == 1
    first_of = letter._FirstOf([r"§ ?\d+", r"\blov om \w+"])
    assert len(first_of.parts) == 2
    text = "Efter § 12 i lov om social service og § 3."
    assert [m.group() for m in first_of.finditer(text, None, 0, len(text))] == ["§ 12", "lov om social", "§ 3"]


def test_within_by_runs_keeps_the_same_alternatives():
    for path in LETTERS[:40]:
        text = path.read_text(encoding="utf-8")
        for key in (("reasons",), ("klage", "where"), ("klage", "deadline"), ("klage", "mention")):
            plain = letter._found(*key).within(text)
            assert letter._within(text, None, *key).parts == plain.parts, (path.name, key)
