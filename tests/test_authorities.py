"""lixcheck/letter/authorities.py on lines as they stand in Danish public letters: letterheads, signatures, the body
("Styrelsen for Patientsikkerhed har …") and contact addresses."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from lixcheck.letter import authorities as A

ROOT = Path(__file__).resolve().parent.parent


def names(text: str) -> list[tuple[str, str, bool]]:
    return [(m.authority.name, text[m.start:m.end], m.genitive) for m in A.by_name(text)]


# --- by_name -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Styrelsen for Patientsikkerhed har truffet afgørelse i din sag.",
     [("Styrelsen for Patientsikkerhed", "Styrelsen for Patientsikkerhed", False)]),
    ("Med venlig hilsen\nKøbenhavns Kommunes Borgerservice",
     [("Københavns Kommune", "Københavns Kommunes", True)]),
    ("Aarhus Kommunes Kørselskontor har bevilget kørsel til din behandling.",
     [("Aarhus Kommune", "Aarhus Kommunes", True)]),
    ("Du kan klage til Ankestyrelsen. Klagen skal sendes til Aalborg Kommune, som ser på sagen igen.",
     [("Ankestyrelsen", "Ankestyrelsen", False), ("Aalborg Kommune", "Aalborg Kommune", False)]),
    ("Udbetaling Danmark (UDK) udbetaler din boligstøtte.",
     [("Udbetaling Danmark", "Udbetaling Danmark", False), ("Udbetaling Danmark", "UDK", False)]),
    ("SKATs oplysninger viser, at du skylder 1.200 kr. Gældsstyrelsen inddriver gælden.",
     [("Skattestyrelsen", "SKATs", True), ("Gældsstyrelsen", "Gældsstyrelsen", False)]),
    ("STATENS SERUM INSTITUT\nArtillerivej 5", [("Statens Serum Institut", "STATENS SERUM INSTITUT", False)]),
    ("FAMILIERETSHUSET\nPostboks 1", [("Familieretshuset", "FAMILIERETSHUSET", False)]),
    ("Sagen er sendt til Nævnenes Hus' sekretariat for Planklagenævnet.",
     [("Nævnenes Hus", "Nævnenes Hus'", True), ("Planklagenævnet", "Planklagenævnet", False)]),
    ("Region Syddanmarks afgørelse om befordring", [("Region Syddanmark", "Region Syddanmarks", True)]),
    ("Retten i Aarhus har afsagt dom. Københavns Vestegns Politi efterforsker.",
     [("Retten i Aarhus", "Retten i Aarhus", False),
      ("Københavns Vestegns Politi", "Københavns Vestegns Politi", False)]),
])
def test_names_in_letter_lines(text, expected):
    assert names(text) == expected


def test_other_spellings_and_older_names():
    assert names("Århus Kommune")[0][0] == "Aarhus Kommune"
    assert names("Høje Taastrup Kommune")[0][0] == "Høje-Taastrup Kommune"  # without the hyphen
    assert names("Lyngby Taarbæk Kommunes")[0][:3:2] == ("Lyngby-Taarbæk Kommune", True)
    assert names("Kriminalforsorgen har modtaget din ansøgning.")[0][0] == "Danmarks Fængsler"
    assert names("Henvendelse til SU-styrelsen")[0][0] == "Uddannelses- og Forskningsstyrelsen"
    assert names("Arbejdsskadestyrelsen har anerkendt skaden.")[0][0] == "Arbejdsmarkedets Erhvervssikring"
    assert names("Ministeriet for Grøn Trepart")[0][0] == "Ministeriet for Natur og Dyrevelfærd"


def test_longest_name_wins():
    assert names("Region Syddanmark") == [("Region Syddanmark", "Region Syddanmark", False)]  # not "Region Syd"
    assert names("Region Syd") == [("Region Syddanmark", "Region Syd", False)]
    assert [n for n, _, _ in names("Københavns Vestegns Politi og Københavns Politi")] == [
        "Københavns Vestegns Politi", "Københavns Politi"]
    assert names("Social- og Boligstyrelsen")[0][0] == "Social- og Boligstyrelsen"


@pytest.mark.parametrize("text", [
    "Vi har forsvaret beslutningen over for udvalget.",  # the participle, not Forsvaret
    "Du skal betale skat af beløbet.",  # the word skat, not SKAT
    "Skat af feriepenge",  # capitalised at the start of a line: still the tax
    "VIGTIGT AT VIDE",  # AT is not an acronym here
    "Aarhus Kommunesekretariat",  # not a whole word
    "Udkastet er sendt til politiet.",  # "UDK" inside a word; "politiet" in lower case is not a sender's name
    "Kommunen har modtaget din ansøgning.",  # generic: no authority
    "",
])
def test_no_names(text):
    assert A.by_name(text) == []


def test_case_rules():
    assert names("Forsvaret har indkaldt dig.")[0][0] == "Forsvaret"
    assert names("FORSVARET")[0][0] == "Forsvaret"
    assert names("styrelsen for patientsikkerhed")[0][0] == "Styrelsen for Patientsikkerhed"  # several words: any case
    assert A.by_name("ssi") == [] and names("SSI's vaccinationsprogram")[0][1:] == ("SSI's", True)


def test_spans_survive_odd_spaces_and_characters():
    text = "İİ Brev fra Aarhus\xa0Kommune\u2028og Region\nHovedstaden."
    found = A.by_name(text)
    assert [m.authority.name for m in found] == ["Aarhus Kommune", "Region Hovedstaden"]
    assert [text[m.start:m.end] for m in found] == ["Aarhus\xa0Kommune", "Region\nHovedstaden"]


def _random_texts(n: int) -> list[str]:
    """Texts of names (any case, whole or cut, genitive), separators and odd characters, around each other."""
    rng = random.Random(15)
    forms = [k.form for ks in A._keys().values() for k in ks]
    pieces = ["og", "s", "'", "-", "_", "1", "æ", "İ", "\xa0", "Kommune", "Region", "politiet", "skat", "at"]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            f = rng.choice(forms) if rng.random() < 0.6 else rng.choice(pieces)
            f = rng.choice([f, f.lower(), f.upper(), f[: rng.randint(1, len(f))]])
            parts += [f, rng.choice(["", " ", "  ", "\n", ", ", ".", "-", "s ", "'"])]
        texts.append("".join(parts))
    return texts


def test_fallback_without_pyahocorasick_finds_the_same(monkeypatch):
    texts = [
        "Aarhus Kommunes Kørselskontor, SKATs brev, FORSVARET, forsvaret, Region Syd og Region Syddanmarks afgørelse.",
        "Med venlig hilsen\nKøbenhavns Kommunes Borgerservice\nborgerservice@kk.dk",
        (ROOT / "corpus" / "speed" / "02-kontanthjaelp-afslag.txt").read_text(encoding="utf-8"),
        *_random_texts(300),
    ]
    expected = [A.by_name(t) for t in texts]
    assert any(expected)
    monkeypatch.setattr(A, "ahocorasick", None)
    A._automaton.cache_clear()
    try:
        assert [A.by_name(t) for t in texts] == expected
    finally:
        A._automaton.cache_clear()


def test_names_within_is_by_name_of_the_slice():
    """Names(text).within(a, b) answers by_name(text[a:b]) from the one scan of the text: also where the slice cuts
    a word or a name, where a longer name crosses its edge, and with characters that lower-case oddly."""
    rng = random.Random(11)
    texts = [
        "Aarhus Kommunes Kørselskontor, SKATs brev, FORSVARET, forsvaret, Region Syd og Region Syddanmarks afgørelse.",
        "Kontakt Aarhus\nKommune på tlf. 12 34 56 78 eller Styrelsen for\xa0Patientsikkerhed (STPS).",
        "İstanbul ſkat Σ Region Syddanmark",
        (ROOT / "corpus" / "speed" / "02-kontanthjaelp-afslag.txt").read_text(encoding="utf-8"),
        *_random_texts(300),
    ]
    for text in texts:
        found = A.Names(text)
        assert found.matches == A.by_name(text)
        edges = [0, len(text), *(e for m in found.matches for e in (m.start, m.end, m.start + 1, m.end - 1))]
        for _ in range(60):
            a = rng.choice(edges + [rng.randrange(len(text) + 1)])
            b = rng.choice([e for e in edges if e >= a] + [rng.randrange(a, len(text) + 1)])
            assert found.within(a, b) == A.by_name(text[a:b]), (text, a, b)


def test_by_name_is_fast_on_a_letter():
    """A 400-word letter costs a few tens of microseconds (measured ~30 µs); the bound only catches a regression."""
    letter = " ".join((ROOT / "corpus" / "speed" / "02-kontanthjaelp-afslag.txt").read_text(encoding="utf-8")
                      .split(" ") * 3)
    letter = " ".join(letter.split(" ")[:400])
    A.by_name(letter)
    best = min(_time(lambda: A.by_name(letter), 200) for _ in range(5))
    assert best < 1e-3, f"by_name took {best * 1e6:.0f} µs per letter"


def _time(f, n: int) -> float:
    t = time.perf_counter()
    for _ in range(n):
        f()
    return (time.perf_counter() - t) / n


# --- by_domain ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("skriv til os på borgerservice@aarhus.dk", "Aarhus Kommune"),
    ("borgerservice@aarhus.dk", "Aarhus Kommune"),
    ("Aarhus Kommune <Borgerservice@Aarhus.DK>", "Aarhus Kommune"),
    ("mailto:post@ltk.dk?subject=Klage", "Lyngby-Taarbæk Kommune"),
    ("https://www.kk.dk/borger/pas-og-koerekort", "Københavns Kommune"),
    ("www.htk.dk", "Høje-Taastrup Kommune"),
    ("fmk.dk.", "Faaborg-Midtfyn Kommune"),
    ("https://aarhus.dk:443/kontakt", "Aarhus Kommune"),
    ("https://mitgaeldsoverblik.gaeldst.dk/", "Gældsstyrelsen"),
    ("stps@stps.dk", "Styrelsen for Patientsikkerhed"),
    ("rsyd.dk", "Region Syddanmark"),
    ("jobcenter@egekom.dk", "Egedal Kommune"),
    ("https://xn--danmarksfngsler-5lb.dk/om-os", "Danmarks Fængsler"),
    ("danmarksfængsler.dk", "Danmarks Fængsler"),
    ("udskr.kbh@domstol.dk", "Danmarks Domstole"),
])
def test_by_domain(value, expected):
    assert A.by_domain(value).name == expected


@pytest.mark.parametrize("value", [
    "https://www.borger.dk/familie", "www.virk.dk", "post@e-boks.dk", "nyidanmark.dk",  # shared portals
    "aarhus.dk.example.com", "example.dk", "gmail.com", "aarhus", "", "@", "mailto:", "http://[::1", "a" * 5000,
])
def test_by_domain_none(value):
    assert A.by_domain(value) is None


def test_portals():
    assert A.is_portal("https://www.borger.dk/x") and A.is_portal("selvbetjening.virk.dk")
    assert not A.is_portal("aarhus.dk") and not A.is_portal("")


# --- units -------------------------------------------------------------------------------------------------------


def unit(text: str) -> str | None:
    found = A.by_name(text)
    assert found, text
    return A.unit_after(text, found[0].end)


@pytest.mark.parametrize(("text", "expected"), [
    ("Aarhus Kommunes Kørselskontor har bevilget kørsel.", "Kørselskontor"),
    ("Med venlig hilsen\nKøbenhavns Kommunes Borgerservice", "Borgerservice"),
    ("Aarhus Kommune\nSociale Forhold og Beskæftigelse\nJobcenter Aarhus", "Sociale Forhold og Beskæftigelse"),
    ("Københavns Kommune, Center for Byggeri, Njalsgade 13", "Center for Byggeri"),
    ("Region Hovedstaden\nCenter for HR og Uddannelse\nKongens Vænge 2", "Center for HR og Uddannelse"),
    ("Odense Kommune – Ydelseskontoret", "Ydelseskontoret"),
    ("Holbæk Kommune, Plan & Byg", "Plan & Byg"),
    ("Varde Kommune\nJobcenter Varde", "Jobcenter Varde"),
    ("Aalborg Kommune, Team Hjælpemidler", "Team Hjælpemidler"),
    ("Vejle Kommunes Pladsanvisning skriver til dig", "Pladsanvisning"),
    ("Silkeborg Kommune, Byggesagsafdelingen", "Byggesagsafdelingen"),
    ("Herning Kommune\nUngdommens Uddannelsesvejledning", "Ungdommens Uddannelsesvejledning"),
])
def test_unit_after(text, expected):
    assert unit(text) == expected


@pytest.mark.parametrize("text", [
    "Aarhus Kommune\nRådhuspladsen 2\n8000 Aarhus C",  # an address
    "Aarhus Kommunes hjemmeside",  # lower case: not a name
    "Aarhus Kommune har besluttet at bevilge hjælpen.",
    "Aarhus Kommune\nMed venlig hilsen",
    "Styrelsen for Patientsikkerhed. Vi har modtaget din klage.",
    "Aarhus Kommune",
])
def test_no_unit_after(text):
    assert unit(text) is None


def test_generic_words():
    assert A.is_generic("Kommunen") and A.is_generic("  styrelsen ") and A.is_generic("Det offentlige")
    assert not A.is_generic("Aarhus Kommune") and not A.is_generic("Borgerservice Aarhus")


def test_get_and_parent():
    assert A.get("århus kommune").name == "Aarhus Kommune"
    assert A.get("Styrelsen  for Patientsikkerhed").kind == "agency"
    assert A.parent(A.get("Styrelsen for Patientsikkerhed")).kind == "ministry"
    assert A.parent(A.get("Retten i Aarhus")).name == "Danmarks Domstole"
    assert A.get("Aarhus Kommune").region == "Region Midtjylland" and A.get("Aarhus Kommune").code == "0751"
    assert A.get("Ingen Myndighed") is None


def test_plugins_add_authorities(tmp_path, monkeypatch):
    extra = tmp_path / "authorities.yml"
    extra.write_text(
        "state:\n  - {name: Testnævnet for Eksempler, kind: board, web: [testnaevnet.dk], source: [politi]}\n",
        encoding="utf-8")
    monkeypatch.setattr(A.gazetteer, "plugin_folders", lambda: [tmp_path])
    _clear()
    try:
        assert A.by_domain("post@testnaevnet.dk").name == "Testnævnet for Eksempler"
        assert names("Testnævnet for Eksemplers afgørelse")[0][2] is True
        extra.write_text("state:\n  - {name: Testnævnet, kind: nævn, source: [politi]}\n", encoding="utf-8")
        _clear()
        with pytest.raises(A.ConfigError, match="authorities.yml"):
            A.authorities()
    finally:
        monkeypatch.undo()
        _clear()


def _clear():
    for name in dir(A):
        f = getattr(A, name)
        if callable(getattr(f, "cache_clear", None)):
            f.cache_clear()


def test_no_letter_text_in_module_state():
    """The lookups keep nothing of the texts they read (letters hold personal data)."""
    A.by_name("Aarhus Kommunes Kørselskontor, CPR 010101-1234")
    cached = [getattr(A, n).cache_info().currsize for n in dir(A) if hasattr(getattr(A, n), "cache_info")]
    assert all(size <= 1 for size in cached)
    assert not any(re.search("010101", repr(v)) for v in vars(A).values() if isinstance(v, (str, list, dict)))
