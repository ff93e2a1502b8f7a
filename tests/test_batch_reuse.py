"""Result reuse across the letters of one template (lixcheck.batch.reuse): the stored rows are those of checking
every letter as it is."""

from __future__ import annotations

import pytest
from generated import generator

from lixcheck import Checker
from lixcheck import merge_values as mv
from lixcheck.batch.cache import BlockCache
from lixcheck.batch.reuse import Reuse, canonical, normalise
from lixcheck.batch.runner import MAX_FINDING_TEXT, result_row
from lixcheck.batch.sources import Item
from lixcheck.privacy import mask_cpr

gen = generator()


@pytest.fixture(scope="module")
def checker():
    return Checker().load()


def _engines(checker, capacity=20_000):
    """(reuse on, every letter checked as it is): the batch's two paths."""
    return Reuse(BlockCache(checker, capacity), capacity), Reuse(BlockCache(checker, 0), 0)


def _row(engine, checker, text, kind=None, id_="x"):
    document = checker.read(text)
    outline, normalised, _ = engine.check(document, kind)
    return result_row(Item(id=id_, ref=("brev.jsonl", 0), kind=kind), outline, document.text, normalised, "h",
                      mask_cpr)


@pytest.mark.parametrize("sentence, kind", [
    ("Kære Anne-Marie Østergaard\n", "name"),
    ("Du får 12.500 kr. om måneden.", "amount"),
    ("Vi holder mødet den 14. september 2025.", "date"),
    ("Vi holder mødet den 03.05.2025.", "date"),
    ("Vi holder mødet den 3.5.25 om formiddagen.", "date"),
    ("Vi holder mødet den 2025-05-03 om formiddagen.", "date"),
    ("Vi holder mødet den 1. sept. 2025 om formiddagen.", "date"),
    ("Ring på telefon 89 40 12 34.", "phone"),
    ("Ring på telefon +45 89 40 12 34.", "phone"),
    ("Dit cpr-nummer er 010190-1234.", "cpr"),
    ("Skriv til mette.holm@aarhus.dk, hvis du har spørgsmål.", "email"),
    ("Mødet er kl. 13.30 på rådhuset.", "time"),
    ("Husk at oplyse dit sagsnummer 2025-195119.", "reference"),
    ("Vi har sendt brevet til Søren Frichs Vej 36, 8230 Åbyhøj.", "address"),
])
def test_a_canonical_value_keeps_its_kind_words_and_shape(sentence, kind):
    [v] = [v for v in mv.find(sentence) if v.kind == kind]
    value = sentence[v.start:v.end]
    new = canonical(kind, value)
    assert new != value
    assert len(new.split()) == len(value.split())  # the same words: LIX counts and sentence lengths hold
    changed = sentence[:v.start] + new + sentence[v.end:]
    again = [w for w in mv.find(changed) if w.kind == kind]
    assert [(w.start, w.end) for w in again] == [(v.start, v.start + len(new))], "still the same kind of value"
    person = new.split("45", 1)[1] if new.startswith("+45") else new  # (the country code stays)
    assert not any(ch.isdigit() and ch != "1" for ch in person), "nothing of the person or the case is left"


def test_offsets_map_back_to_the_letter(checker):
    text = "Kære Anne-Marie Østergaard\n\nDu får 12.500 kr. den 14. september 2025. Ring på 89 40 12 34.\n"
    letter = checker.read(text)
    n = normalise(letter)
    document = n.document(letter)
    assert document.text == "Kære Aaaa-Aaaa Aaaa\n\nDu får 1 kr. den 1. januar 1111. Ring på 11 11 11 11.\n"
    shift = 0
    for original in range(len(text) + 1):
        for (vs, ve), (s, e) in zip(n.values, n.spans, strict=True):
            if ve == original:
                shift += (e - s) - (ve - vs)
        if not any(s < original < e for s, e in n.values):
            assert n.to_original(original + shift) == original
            assert n.to_original(original + shift, end=True) == original
    s, e = n.spans[0]
    assert (n.to_original(s + 2), n.to_original(s + 2, end=True)) == n.values[0]  # inside: the whole value
    assert [document.text[b.start:b.end] for b in document.blocks] == document.text.strip("\n").split("\n\n")


def test_rows_with_reuse_equal_rows_of_every_letter_checked_on_20000_generated_letters(checker):
    """Issue 20, item 2: 20,000 letters of the generated year, each row compared with the row of the letter
    checked as it is (offsets, lines, columns, matched text, LIX counts, letter flags, rule counts)."""
    reuse, exact = _engines(checker)
    letters = list(gen.generate(20_000, seed=3))
    differ = []
    for d in letters:
        a = _row(reuse, checker, d["text"], d["kind"], d["id"])
        b = _row(exact, checker, d["text"], d["kind"], d["id"])
        if a != b:
            differ.append(d["id"])
    assert not differ, f"{len(differ)} rows differ, e.g. {differ[:5]}"
    assert reuse.lookups == len(letters)
    assert reuse.reused > 0.85 * len(letters), reuse.reused  # most letters repeat a template's normalised text
    assert reuse.refused < 0.02 * reuse.lookups


UNIT_AS_NAME = ("Kære {name}\n\nVi har modtaget din ansøgning om hjemmehjælp den {date}. Du får hjælp to gange om "
                "ugen fra den {start}. Du kan klage over afgørelsen inden fire uger.\n\nVenlig hilsen\n\n"
                "Hjemmeplejen Nord\n")


def test_a_template_whose_values_the_rules_read_differently_is_never_reused(checker):
    """The line after the closing names a unit here, which the merge-value finder takes for a person's name; the
    sender check reads the unit from it, so its canonical value would change the row: the test on the second letter
    refuses the key, and every letter is checked as it is."""
    first = UNIT_AS_NAME.format(name="Jens Hansen", date="1. maj 2025", start="12. maj 2025")
    assert ("name", "Hjemmeplejen Nord") in [(v.kind, first[v.start:v.end]) for v in mv.find(first)]
    reuse, exact = _engines(checker)
    for name, date, start in [("Jens Hansen", "1. maj 2025", "12. maj 2025"),
                              ("Anne Holm", "3. maj 2025", "19. maj 2025"),
                              ("Bo Yilmaz", "4. juni 2025", "20. juni 2025"),
                              ("Ida Madsen", "5. juni 2025", "21. juni 2025")]:
        text = UNIT_AS_NAME.format(name=name, date=date, start=start)
        assert _row(reuse, checker, text) == _row(exact, checker, text)
    assert reuse.refused == 1 and reuse.reused == 0


REUSABLE = ("Kære {0}\n\nDu får {1} kr. den 1. maj 2025. Pengene kommer på din NemKonto. Du kan klage over "
            "afgørelsen inden fire uger.\n\nMed venlig hilsen\n\nMette Holm\nAarhus Kommune\n")


def _taken(reuse, checker, letters) -> list[bool]:
    """For each letter, whether it took a kept outline (a normalised text's) instead of its own check."""
    return [reuse.check(checker.read(text), None)[1] is not None for text in letters]


def test_a_letter_seen_once_is_checked_as_it_is_and_reuse_starts_at_the_second(checker):
    """The key is tested on the first letter when the second comes: two checks per key (the first letter's own and
    the normalised text's), and the second letter already takes the result."""
    reuse, _ = _engines(checker)
    checks = []
    check = reuse.blocks.check
    reuse.blocks.check = lambda document, kind=None: checks.append(document.text) or check(document, kind)
    letters = [REUSABLE.format(n, a) for n, a in [("Jens Hansen", "1.200"), ("Anne Holm", "950"),
                                                    ("Bo Yilmaz", "12.400")]]
    assert _taken(reuse, checker, letters) == [False, True, True]
    assert (reuse.lookups, reuse.reused, reuse.refused) == (3, 2, 0)
    assert len(checks) == 2 and checks[0] == letters[0] and "Aaaa Aaaa" in checks[1]
    assert not reuse.first.data  # the first letter is let go once its key is tested


def test_a_key_whose_first_letter_was_let_go_is_tested_on_its_second(checker):
    """Memory holds the first letters of a few keys only; a key whose first letter went is tested on the second
    (checked as it is and as its normalised text), and reuse starts at the third. Rows stay the letters' own."""
    reuse, exact = _engines(checker, capacity=16)  # room for one first letter
    assert reuse.first.capacity == 1
    other = "Kære {0}\n\nVi har modtaget din ansøgning den {1}. Du hører fra os.\n\nVenlig hilsen\nAarhus Kommune\n"
    letters = [REUSABLE.format("Jens Hansen", "1.200"), other.format("Anne Holm", "3. maj 2025"),
               REUSABLE.format("Bo Yilmaz", "950"), REUSABLE.format("Ida Madsen", "12.400")]
    assert _taken(reuse, checker, letters) == [False, False, False, True]
    assert (reuse.reused, reuse.refused) == (1, 0)
    fresh, _ = _engines(checker, capacity=16)
    for text in letters:
        assert _row(fresh, checker, text) == _row(exact, checker, text)


def test_finding_text_in_rows_is_the_letters_own(checker):
    reuse, exact = _engines(checker)
    letter = ("Kære {0}\n\nDet meddeles hermed, at De er bevilget {1} kr. Beløbet udbetales snarest muligt. De kan "
              "klage over afgørelsen inden fire uger.\n\nMed venlig hilsen\n\nMette Holm\nAarhus Kommune\n")
    rows = [_row(reuse, checker, letter.format(n, a)) for n, a in
            [("Jens Hansen", "1.200"), ("Anne Holm", "950"), ("Bo Yilmaz", "12.400"), ("Lone Poulsen", "300")]]
    assert reuse.reused == 3
    last = letter.format("Lone Poulsen", "300")
    assert rows[-1] == _row(exact, checker, last)
    for _, _, _, offset, length, line, column, _, shown in rows[-1]["finding_rows"]:
        assert shown is None or shown == last[offset:offset + length]
        assert line == last.count("\n", 0, offset) + 1
        assert column == offset - last.rfind("\n", 0, offset)
    assert all(len(f[-1] or "") <= MAX_FINDING_TEXT for f in rows[-1]["finding_rows"])


def test_a_letter_with_a_canonical_value_written_in_it_shares_no_result_with_letters_made_so(checker):
    """"1 kr." is its own canonical value, so it is not replaced; a letter with "950 kr." is normalised to the same
    text, but must not take the outline of a letter that was not normalised (its LIX would not be counted again)."""
    reuse, exact = _engines(checker)
    letter = ("Kære Jens Hansen\n\nDu får {} kr. om måneden fra den 1. maj 2025. Pengene kommer på din NemKonto. "
              "Du kan klage over afgørelsen inden fire uger.\n\nMed venlig hilsen\n\nMette Holm\nAarhus Kommune\n")
    texts = [letter.format("1").replace("Jens Hansen", "Aaaa Aaaa").replace("1. maj 2025", "1. januar 1111")] * 3
    texts += [letter.format("950"), letter.format("12.400")]
    for text in texts:
        assert _row(reuse, checker, text) == _row(exact, checker, text)
    # the second and third copies of the same text, and the second of the two letters made so: never a copy's
    # outline for a letter made so (the rows above are equal), nor theirs for a copy
    assert reuse.reused == 3
