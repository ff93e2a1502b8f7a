"""The real-letter set (corpus/real/): every annotation file is valid, and the benchmark runs on it.

No quality floors yet: they come with the work that improves the checks (benchmarks/acc_real.py prints the numbers).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # read only by tests and benchmarks (as in conftest.py)
CORPUS = ROOT / "corpus" / "real"
sys.path.insert(0, str(ROOT / "benchmarks"))

import acc_real  # noqa: E402

KINDS = {"decision", "partshoering", "reminder", "invitation", "request", "information"}
CATEGORIES = {"old-fashioned", "legal", "internal", "nominal", "other"}
SPLITS = {"dev", "test"}
SENDER_TYPES = {"municipality", "region", "state"}
TOP_KEYS = {"source", "authority", "sender_type", "changes", "split", "jargon", "passive", "placeholders", "sender",
            "kind", "is_decision", "klagevejledning", "begrundelse", "notes"}
CPR_SHAPED = re.compile(r"(?<![\d-])\d{6}-?\d{4}(?![\d-])")


def _annotations() -> list[tuple[str, str, dict]]:
    return acc_real.letters()


ROWS = _annotations()


def _source_key(src: dict) -> str:
    """The source a letter comes from: its repository, or the host of its web page."""
    return src["repo"].lower() if src["repo"] else urlparse(src["url"]).hostname.removeprefix("www.")


def test_every_annotation_has_its_letter_and_nothing_is_left_over():
    stems_json = {p.stem for p in CORPUS.glob("*.json")}
    stems_txt = {p.stem for p in CORPUS.glob("*.txt")}
    assert stems_json == stems_txt
    assert len(ROWS) >= 50
    assert all(re.fullmatch(r"r\d\d_[a-z0-9_]+", name) for name, _t, _a in ROWS)


@pytest.mark.parametrize("name,text,ann", ROWS, ids=[r[0] for r in ROWS])
def test_annotation_is_complete_and_consistent(name, text, ann):
    assert set(ann) == TOP_KEYS, name
    assert ann["split"] in SPLITS
    assert ann["kind"] in KINDS
    assert ann["sender_type"] in SENDER_TYPES
    assert ann["is_decision"] == (ann["kind"] == "decision")
    for key in ("klagevejledning", "begrundelse"):
        assert isinstance(ann[key], bool)
    assert ann["authority"] and ann["notes"] and ann["changes"]
    sender = ann["sender"]
    assert set(sender) == {"organisation", "unit", "contact", "clear"}
    assert isinstance(sender["contact"], bool) and isinstance(sender["clear"], bool)
    # "clear" needs a named organisation and a way to reach it (guidelines § 4)
    assert not sender["clear"] or (sender["organisation"] and sender["contact"])


@pytest.mark.parametrize("name,text,ann", ROWS, ids=[r[0] for r in ROWS])
def test_source_and_licence_are_recorded(name, text, ann):
    src = ann["source"]
    assert set(src) == {"repo", "path", "commit", "url", "licence", "licence_note"}
    assert src["licence"] and src["licence_note"]
    if src["repo"]:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+", src["repo"]) and src["path"]
        assert re.fullmatch(r"[0-9a-f]{40}", src["commit"])
    else:
        assert urlparse(src["url"]).scheme in ("http", "https") and urlparse(src["url"]).hostname


@pytest.mark.parametrize("name,text,ann", ROWS, ids=[r[0] for r in ROWS])
def test_every_annotated_text_is_at_its_occurrence_and_spans_do_not_overlap(name, text, ann):
    for check in ("jargon", "passive", "placeholders"):
        spans = acc_real.gold_spans(text, ann[check])  # raises if an occurrence is missing
        for it in ann[check]:
            assert set(it) == ({"text", "occurrence", "category"} if check == "jargon" else {"text", "occurrence"})
            assert it["occurrence"] >= 1 and it["text"].strip() == it["text"] != ""
            if check == "jargon":
                assert it["category"] in CATEGORIES
        ordered = sorted((s, e) for s, e, _ in spans)
        for (s1, e1), (s2, _e2) in zip(ordered, ordered[1:], strict=False):
            assert e1 <= s2, f"{name}: overlapping {check} spans at {s1} and {s2}"


def _gold(text: str, *words: str) -> list[tuple[int, int, dict]]:
    seen: dict[str, int] = {}
    items = []
    for w in words:
        seen[w] = seen.get(w, 0) + 1
        items.append({"text": w, "occurrence": seen[w], "category": "legal"})
    return acc_real.gold_spans(text, items)


def test_a_once_per_letter_finding_stands_for_the_same_word_up_to_its_count():
    text = "Påbuddet gælder. Et påbud kan påklages. Påbud og påbudsfrist. Påbuddets frist. Aktindsigt."
    gold = _gold(text, "Påbuddet", "påbud", "Påbud", "påbudsfrist", "Påbuddets", "Aktindsigt")
    three = [acc_real.Found(0, 8, "Påbuddet", 3)]  # the rule counted three uses of "påbud"
    hits = [True, False, False, False, False, False]
    # the 2nd and 3rd use are credited, other words ("påbudsfrist", "Aktindsigt") never, the 4th use not: the
    # finding's own place and two more make its three
    assert acc_real.once_credit(three, gold, hits) == [False, True, True, False, False, False]
    # a finding that stands for its own place only credits nothing
    assert acc_real.once_credit([acc_real.Found(0, 8, "Påbuddet")], gold, hits) == [False] * 6
    # an occurrence another finding overlaps is found already and takes none of the count
    hits2 = [True, True, False, False, False, False]
    assert acc_real.once_credit(three, gold, hits2) == [False, False, True, False, True, False]


def test_a_phrase_finding_is_credited_inside_a_longer_annotation_only_with_all_its_words():
    text = "Du kan anlægge søgsmål. Søgsmål skal anlægges. Et anlæg."
    gold = _gold(text, "anlægge søgsmål", "Søgsmål", "anlæg")
    found = [acc_real.Found(15, 22, "søgsmål", 3), acc_real.Found(7, 22, "anlægge søgsmål", 2)]
    assert acc_real.once_credit(found, gold, [False, False, False]) == [True, True, False]
    assert acc_real.lemmas("Påbuddet, anlægges") == ("påbud", "anlægge")


def test_occurrence_lookup_counts_substrings_inside_words():
    assert acc_real.locate("De har skrevet til Dem", "De", 2) == 19
    assert acc_real.locate("De har skrevet", "De", 2) == -1
    with pytest.raises(ValueError):
        acc_real.gold_spans("kort tekst", [{"text": "lang", "occurrence": 1}])


@pytest.mark.parametrize("name,text,ann", ROWS, ids=[r[0] for r in ROWS])
def test_no_cpr_shaped_number_in_a_letter(name, text, ann):
    assert not CPR_SHAPED.search(text), name


def test_splits_follow_the_source_and_both_are_used():
    split_of: dict[str, set[str]] = {}
    for _name, _text, ann in ROWS:
        split_of.setdefault(_source_key(ann["source"]), set()).add(ann["split"])
    assert all(len(s) == 1 for s in split_of.values()), split_of
    assert {ann["split"] for _n, _t, ann in ROWS} == SPLITS
    assert min(sum(a["split"] == s for _n, _t, a in ROWS) for s in SPLITS) >= 25


def test_both_halves_hold_municipal_and_regional_letters_and_decisions():
    # lixcheck is judged on municipal letters, so neither half may be without them (issue 15)
    for split in SPLITS:
        anns = [a for _n, _t, a in ROWS if a["split"] == split]
        assert sum(a["sender_type"] == "municipality" for a in anns) >= 5, split
        assert any(a["sender_type"] == "region" for a in anns), split
        assert sum(a["is_decision"] for a in anns) >= 5, split


def test_no_letter_comes_from_a_reserved_source():
    reserved_file = SHARED / "reserved-sources.txt"
    if not reserved_file.is_file():
        pytest.skip(f"{reserved_file} not found (../shared is absent); the reserved-source check needs it")
    reserved = {ln.strip().lower() for ln in reserved_file.read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.lstrip().startswith("#")}
    assert reserved
    for name, _text, ann in ROWS:
        src = ann["source"]
        if src["repo"]:
            assert src["repo"].lower() not in reserved, name
        url = (src["url"] or "").lower()
        assert not any(f"github.com/{r}" in url for r in reserved), name


@pytest.fixture(scope="module")
def results() -> dict:
    return acc_real.main()


def test_benchmark_returns_sane_numbers_for_both_halves(results):
    assert set(results) == SPLITS
    for split, r in results.items():
        assert r["letters"] == sum(a["split"] == split for _n, _t, a in ROWS)
        assert r["offset_mismatches"] == 0
        for check in ("jargon", "passive", "placeholders"):
            c = r[check]
            assert 0 <= c["correct"] <= c["findings"] and 0 <= c["found"] <= c["gold"]
            assert c["terms_found"] <= c["terms"] <= c["gold"]
            assert c["found"] <= c["found_once"] <= c["gold"]
            for key in ("precision", "recall", "recall_once", "recall_terms"):
                assert c[key] is None or 0.0 <= c[key] <= 1.0
        gold_jargon = sum(len(a["jargon"]) for _n, _t, a in ROWS if a["split"] == split)
        assert r["jargon"]["gold"] == gold_jargon
        assert sum(v["gold"] for v in r["jargon"]["by_category"].values()) == gold_jargon
        counts = r["agreement_counts"]
        assert counts["sender_clear"]["of"] == r["letters"] == counts["is_decision"]["of"]
        decisions = sum(a["is_decision"] for _n, _t, a in ROWS if a["split"] == split)
        assert counts["klagevejledning"]["of"] == counts["begrundelse"]["of"] == decisions
        d = r["decision_detection"]
        assert d["tp"] + d["fn"] == decisions
        assert all(v is None or 0.0 <= v <= 1.0 for v in r["agreement"].values())
