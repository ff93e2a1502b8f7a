"""The public API contract that letter systems integrate against."""

from __future__ import annotations

import json

import pytest

import lixcheck
from lixcheck import InputError

LETTER = (
    "Kære Jens\n\n"
    "Vi har modtaget din ansøgning om boligstøtte den 1. januar 2025. Du får 1.250 kr. om måneden fra den 1. "
    "februar, jf. § 15 b, stk. 2. Pengene kommer på din NemKonto.\n\n"
    "Med venlig hilsen\nJens Hansen\nBorgerservice\n"
)


def test_report_to_dict_has_the_contract_keys():
    d = lixcheck.check(LETTER).to_dict()
    assert {"lix", "paragraphs", "sentences", "findings", "summary", "meta"} <= set(d)
    assert set(d["lix"]) >= {"value", "words", "sentences", "long_words", "band", "reason"}
    json.dumps(d)  # JSON-ready


def test_report_counts_three_sentences_in_the_body():
    r = lixcheck.check(LETTER)
    assert r.lix.sentences == 3
    assert [s.counted for s in r.sentences].count(True) == 3
    assert r.meta["pipeline"]["name"] == "blank-da"


def test_lix_function_matches_check_lix():
    assert lixcheck.lix(LETTER) == lixcheck.check(LETTER).lix


def test_lix_not_computed_below_min_words_has_reason_not_zero():
    lx = lixcheck.lix("Ring til os.")
    assert lx.value is None and lx.reason and lx.band is None
    assert lixcheck.lix("Ring til os.", config={"min_words": 3}).value == pytest.approx(3 / 1 + 0)


def test_check_accepts_bytes_and_paths(tmp_path):
    p = tmp_path / "brev.txt"
    p.write_text(LETTER, encoding="cp1252")
    by_path = lixcheck.check(p)
    by_name = lixcheck.check_file(str(p))  # a str given to check() is text (tests/test_library.py)
    by_bytes = lixcheck.check(LETTER.encode("utf-16"))
    assert by_path.text == by_name.text == by_bytes.text == LETTER
    assert by_path.meta["filename"] == "brev.txt"


@pytest.mark.parametrize("bad", ["", "   \n\n ", b"", b"\x00\x01\x02\x03" * 100])
def test_unreadable_input_raises_the_documented_error(bad):
    with pytest.raises(InputError) as e:
        lixcheck.check(bad)
    assert e.value.code in {"empty", "binary"}
    assert e.value.message_da


def test_too_large_input_is_refused_clearly():
    with pytest.raises(InputError) as e:
        lixcheck.check("ord " * 1000, config={"max_bytes": 1000})
    assert e.value.code == "too_large"


def test_unknown_config_key_is_an_error():
    with pytest.raises(lixcheck.ConfigError, match="unknown key"):
        lixcheck.check(LETTER, config={"min_word": 5})


def test_check_many_streams_reports_in_order():
    texts = [LETTER, "Du skal sende os dine lønsedler. Det er vigtigt, at du gør det snart."]
    reports = list(lixcheck.check_many(texts))
    assert [r.text for r in reports] == texts
    assert reports[1].lix.sentences == 2
    assert [r.lix for r in reports] == [lixcheck.check(t).lix for t in texts]
