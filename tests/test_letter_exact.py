"""The letter checks' searches (search layer) must give exactly what the plain regular expressions give."""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lixcheck.checks import decision, letter_kind, template
from lixcheck.letter import data as gazetteer
from lixcheck.letter.view import Letter
from lixcheck.readers.text import read_text
from lixcheck.search.anchored import Alternatives, Anchored

ROOT = Path(__file__).resolve().parent.parent
LETTERS = sorted((ROOT / "corpus").glob("*/*.txt"))

# The data's legal-basis pattern for compound law names before the speed-up lookahead was added.
OLD_COMPOUND_LAW = r"\b[a-zæøå-]{3,}loven\b|\b[a-zæøå-]{3,}lovens\b|\b[a-zæøå-]{3,}lov\b"

FRAGMENTS = ["§ 12", "§§ 3-4", "stk. 2", "nr. 3", " i ", " og ", "lov om social service", "lov om ", "serviceloven",
             "aktivloven", "lovens", "lov", "loven-", "-lov", "bekendtgørelse nr. 7", "bekendtgørelse om hjælp",
             "LBK nr. 1", "BEK nr.", "VEJ nr. 9", "Lov", "LOVEN", "ø", "é", "2", " ", ".", ",", "(", ")", "\n", "x"]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _legal_plain() -> re.Pattern:
    return gazetteer.any_of(tuple(gazetteer.load("letter")["legal"]))


def _compare(legal, whole: re.Pattern, text: str, pos: int, end: int) -> None:
    assert _spans(legal.finditer(text, None, pos, end)) == _spans(whole.finditer(text, pos, end)), (text, pos, end)


def test_legal_search_equals_the_alternation_on_the_corpus():
    legal, whole = decision._searches().legal, _legal_plain()
    assert isinstance(legal, Anchored | Alternatives)  # (searched near its needles, or each alternative near its own)
    rnd = random.Random(7)
    for path in LETTERS:
        text = path.read_text(encoding="utf-8")
        _compare(legal, whole, text, 0, len(text))
        for _ in range(5):
            a, b = sorted(rnd.randrange(len(text) + 1) for _ in range(2))
            _compare(legal, whole, text, a, b)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.integers(0, 200), st.integers(0, 200))
def test_legal_search_equals_the_alternation(parts, a, b):
    text = "".join(parts)
    pos, end = sorted((min(a, len(text)), min(b, len(text))))
    _compare(decision._searches().legal, _legal_plain(), text, pos, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + ["a", "b", "-"]), max_size=20))
def test_compound_law_lookahead_changes_no_match(parts):
    text = "".join(parts)
    new = next(p for p in gazetteer.load("letter")["legal"] if p.startswith(r"\b(?=[a-zæøå-]*lov)"))
    old, fast = re.compile(OLD_COMPOUND_LAW, re.IGNORECASE), re.compile(new, re.IGNORECASE)
    assert _spans(old.finditer(text)) == _spans(fast.finditer(text))


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
    """kind_scores as the plain algorithm: every cue searched with its plain pattern."""
    data = gazetteer.load("letter")
    factor = float(data.get("lead_factor", 2))
    text = document.text
    lead_start, lead_end = Letter(document).lead
    t = Letter(document).title
    title = t.text if t else ""
    scores = {}
    for kind, cues in data["cues"].items():
        total = 0.0
        for cue in cues:
            rx = re.compile(cue["re"], re.IGNORECASE | re.MULTILINE)
            if (title and rx.search(title)) or rx.search(text, lead_start, lead_end):
                total += float(cue["w"]) * factor
            elif rx.search(text):
                total += float(cue["w"])
        scores[kind] = total
    return scores


def test_kind_scores_equal_the_plain_searches_on_the_corpus():
    for path in LETTERS:
        document = read_text(path.read_text(encoding="utf-8"))
        assert letter_kind.kind_scores(Letter(document)) == _kind_scores_plain(document), path.name


CUE_PIECES = ["Afgørelse om boligstøtte\n\n", "Kære Anna\n\n", "Vi har truffet afgørelse. ", "Du kan klage. ",
              "Det bevilges. ", "efter § 12. ", "Tak for din henvendelse. ", "Påbud\n\n",
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
    assert letter_kind.kind_scores(Letter(document)) == _kind_scores_plain(document)
    assert letter_kind.detect_kind(Letter(document)) == _kind_plain(document)


def _outcome_plain(document) -> bool:
    """Outcome wording in the title or the lead, or anywhere in a letter that names a legal rule, plainly."""
    data = gazetteer.load("letter")
    text = document.text
    lead_start, lead_end = Letter(document).lead
    t = Letter(document).title
    title = t.text if t else ""
    outcome = [re.compile(c["re"], re.IGNORECASE | re.MULTILINE) for cues in data["cues"].values() for c in cues
               if c.get("outcome")]
    if any((title and rx.search(title)) or rx.search(text, lead_start, lead_end) for rx in outcome):
        return True
    legal = [re.compile(p, re.IGNORECASE) for p in data["legal"]]
    return any(rx.search(text) for rx in outcome) and any(rx.search(text) for rx in legal)


def _kind_plain(document) -> str:
    scores = _kind_scores_plain(document)
    min_score = float(gazetteer.load("letter").get("min_score", 2))
    if _outcome_plain(document):  # outcome wording outweighs the information cues
        scores = {**scores, "information": 0.0, "decision": max(scores["decision"], min_score)}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= min_score else "information"


def test_detect_kind_equals_the_best_plain_score_on_the_corpus():
    kinds = set()
    for path in LETTERS:
        document = read_text(path.read_text(encoding="utf-8"))
        kinds.add(letter_kind.detect_kind(Letter(document)))
        assert letter_kind.detect_kind(Letter(document)) == _kind_plain(document), path.name
    assert len(kinds) >= 4  # (the corpus has letters of most kinds)


def test_tested_gives_each_tests_answer_once_per_text():
    letter = Letter(read_text("Aarhus Kommune\nBorgerservice\n\nKære Anna\n\nDu får svar.\n"))
    calls = []

    def test(text):
        calls.append(text)
        return text.upper() if text else None

    other = str.lower
    assert [letter.tested(test, t) for t in ("Borgerservice", "", "Borgerservice", "")] == \
        ["BORGERSERVICE", None, "BORGERSERVICE", None]
    assert calls == ["Borgerservice", ""]  # (None is an answer too: kept, not asked again)
    assert letter.tested(other, "Borgerservice") == "borgerservice"  # (kept per test, not only per text)
    assert Letter(letter.document).tested(test, "Borgerservice") == "BORGERSERVICE" and len(calls) == 3
