"""NameSearch (lixcheck.search.names) tries its pattern only at word starts that can begin a name: it must give
exactly what the plain pattern's search() gives, for the authority names, unit words and job titles of the data."""

from __future__ import annotations

import random
import re
from pathlib import Path

from random_texts import ODD, texts

from lixcheck.letter import authorities as A
from lixcheck.letter import data, organisations
from lixcheck.search.names import NameSearch, alternation, trie

ROOT = Path(__file__).resolve().parent.parent


def _vocabulary() -> list[str]:
    senders = data.load("senders")
    register = A.authorities()
    words = list(senders["unit_words"]) + list(senders["titles"])
    words += [a.name for a in register if a.kind != "municipality"][::3]
    words += [a.name for a in register if a.kind == "municipality"][::7]
    words += [s + e for s in senders["unit_suffixes"] for e in ("", *senders["unit_endings"])]
    words += ["Ærø Kommune", "Ærøskøbing", "ærø", "UDK", "SKAT", "ATP", "ATPx", "Eksempelby Kommune",
              "Familieafdelingen", "xcenter", "center_", "vi", "har", "Region Foo", "Retten i Aarhus",
              "Styrelsen for Ting"]
    return words + ODD


def _searches() -> list[NameSearch]:
    searches = [organisations._units(), organisations._titles()]
    assert all(s.by_prefix for s in searches)  # the fast path is in use
    return searches


def _same(search: NameSearch, text: str) -> None:
    a, b = search.search(text), search.pattern.search(text)
    assert (a and (a.span(), a.group(0))) == (b and (b.span(), b.group(0))), (search.pattern.pattern[:60], text)


def test_name_searches_are_the_regex_searches():
    searches = _searches()
    for text in texts(_vocabulary(), 3000, 1):
        for search in searches:
            _same(search, text)


def test_name_searches_on_letters_and_their_parts():
    searches = _searches()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "letters").glob("*.txt"))[:12]]
    texts += ["Aarhus Kommune", "xAarhus Kommune", "AARHUS KOMMUNEN", "Brev fra Region Midtjylland.",
              "Ankestyrelsen, Aarhus Kommune", "ſkat Ankeſtyrelsen Ankestyrelsen", "Odense  Kommune"]
    rnd = random.Random(7)
    for text in texts:
        for _ in range(20):
            a, b = sorted((rnd.randrange(len(text) + 1), rnd.randrange(len(text) + 1)))
            for search in searches:
                _same(search, text[a:b])


def test_a_registered_name_wins_over_a_name_shape():
    """match_organisation: the first registered name (authorities.by_name), else the first name shape."""
    for text in texts(_vocabulary(), 2000, 2):
        found = organisations.match_organisation(text)
        listed = A.by_name(text)
        if listed:
            assert found is not None and (found.start, found.end, found.known) == (listed[0].start, listed[0].end,
                                                                                  True), text
        elif found is not None:
            assert not found.known


def test_names_that_the_fast_path_cannot_read_are_searched_plainly():
    search = NameSearch(("ankeſtyrelsen", "ab"), lambda names: rf"\b(?:{names})\b")  # re folds "ſ" to "s"
    assert search.by_prefix is None
    assert search.search("x ANKESTYRELSEN y").group(0) == "ANKESTYRELSEN"


def test_trie_and_alternation():
    words = ("team", "teamet", "tea", "kontor")
    rx = re.compile(f"(?:{trie(words)})$")
    assert all(rx.match(w) for w in words) and not rx.match("te") and not rx.match("teams")
    lengths = [len(w) for w in alternation(words).split("|")]
    assert lengths == sorted(lengths, reverse=True)  # longest first: "teamet" is tried before "team"


def test_name_shapes_searched_as_one_alternation_find_the_leftmost_shape():
    """match_organisation's one search over all name shapes finds what searching each shape finds, leftmost first
    (the first shape where several start at the same place)."""
    shapes = [(p["kind"], re.compile(p["regex"])) for p in data.load("senders")["patterns"]]
    vocabulary = _vocabulary() + ["Styrelsen for Ting", "Nordjyllands Politi", "Politi", "Retten i Aarhus",
                                  "Miljøministeriet", "Klagenævnet", "Region Foo", "Agenturet for Ting og Sager"]
    for text in texts(vocabulary, 2000, 3):
        if A.by_name(text):
            continue  # (a registered name comes first)
        found = organisations.match_organisation(text)
        plain = min(((m, kind) for kind, rx in shapes if (m := rx.search(text))), key=lambda x: x[0].start(),
                    default=None)
        assert (found and (found.start, found.end, found.kind)) == (
            plain and (plain[0].start(), plain[0].end(), plain[1])), text
