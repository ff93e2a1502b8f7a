"""lixcheck/data/authorities.yml: the shape (schema), the counts the law fixes, unique names and domains,
valid domains, sources that resolve, and genitives derived by the rule."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

import jsonschema
import pytest
import yaml

from lixcheck.letter import authorities as A
from lixcheck.letter import data as gazetteer
from lixcheck.letter import organisations

RAW = yaml.safe_load(A.DATA.read_text(encoding="utf-8"))
SCHEMA = json.loads(A.SCHEMA.read_text(encoding="utf-8"))
ENTRIES = RAW["municipalities"] + RAW["regions"] + RAW["state"]
LABEL = re.compile(r"^[a-z0-9æøåäöüé]([a-z0-9æøåäöüé-]{0,61}[a-z0-9æøåäöüé])?$")


def test_schema_is_valid_and_the_file_fits_it():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(RAW)]
    assert not errors, errors[:10]
    A.validate(RAW)  # the module's own check agrees


@pytest.mark.parametrize("broken", [
    {"state": [{"name": "Testmyndigheden", "kind": "styrelse", "source": ["politi"]}]},  # unknown kind
    {"regions": [{"name": "Region Hovedstaden", "web": ["https://regionh.dk"], "mail": ["regionh.dk"],
                  "source": ["regions"]}]},  # a URL, not a domain
    {"municipalities": [{"code": "101", "name": "Københavns Kommune", "region": "Region Hovedstaden",
                         "web": ["kk.dk"], "mail": ["kk.dk"], "source": ["dkspfmap"]}]},  # a code of 3 digits
    {"state": [{"name": "Testmyndigheden", "kind": "agency", "source": []}]},  # no source
])
def test_schema_refuses_broken_entries(broken):
    data = {**RAW, **broken}
    with pytest.raises(A.ConfigError):
        A.validate(data)


def test_98_municipalities_in_5_regions_as_the_kommunalreform_made_them():
    municipalities = RAW["municipalities"]
    assert len(municipalities) == 98
    assert len({m["code"] for m in municipalities}) == 98
    assert [r["name"] for r in RAW["regions"]] == ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark",
                                                  "Region Midtjylland", "Region Nordjylland"]
    per_region = Counter(m["region"] for m in municipalities)
    assert per_region == {"Region Hovedstaden": 29, "Region Sjælland": 17, "Region Syddanmark": 22,
                          "Region Midtjylland": 19, "Region Nordjylland": 11}


def test_the_register_is_the_one_list_of_authorities():
    """senders.yml holds no list of authorities of its own: the sender analysis reads this register, so every
    municipality is known by its name, its genitive and its domain."""
    senders = gazetteer.load("senders")
    assert not {"municipalities", "regions", "state", "municipality_aliases"} & set(senders)
    for m in RAW["municipalities"]:
        org = organisations.match_organisation(f"Med venlig hilsen {m['name']}s Borgerservice")
        assert org is not None and (org.name, org.kind, org.genitive) == (m["name"], "municipality", True)
        assert A.by_domain(f"post@{m['mail'][0]}").name == m["name"]


def test_every_municipality_and_region_has_web_and_mail_domains():
    for entry in RAW["municipalities"] + RAW["regions"]:
        assert entry["web"] and entry["mail"], entry["name"]


def test_current_ministries():
    ministries = [e["name"] for e in RAW["state"] if e["kind"] == "ministry" and e.get("status") != "former"]
    assert len(ministries) == 21 and len(set(ministries)) == 21


def test_names_aliases_and_acronyms_are_unique_across_authorities():
    owners: dict[str, set[str]] = {}
    for e in ENTRIES:
        for n in (e["name"], *e.get("aliases", []), *e.get("acronyms", [])):
            owners.setdefault(n.casefold(), set()).add(e["name"])
    shared = {n: o for n, o in owners.items() if len(o) > 1}
    assert not shared
    # every spelling the name search uses (genitives, hyphen-less forms) belongs to one authority only
    assert all(len({k.authority.name for k in ks}) == 1 for ks in A._keys().values())


def test_domains_are_unique_valid_and_danish():
    seen: Counter[str] = Counter()
    for e in ENTRIES:
        for d in dict.fromkeys(e.get("web", []) + e.get("mail", [])):
            seen[d] += 1
            assert d == d.lower() and not d.startswith("www."), d
            labels = d.split(".")
            assert len(labels) >= 2 and all(LABEL.match(x) for x in labels), d
            assert len(d.encode("idna")) <= 253, d
            assert labels[-1] == "dk", d
    assert not [d for d, n in seen.items() if n > 1]
    portals = RAW["non_identifying_domains"]["domains"]
    assert not set(portals) & set(seen)
    assert len(portals) == len(set(portals))


def test_every_source_key_resolves_and_every_source_is_used():
    sources = RAW["sources"]
    used = set(RAW["non_identifying_domains"]["source"]) | set(RAW["units"]["source"])
    for e in ENTRIES:
        assert e["source"], e["name"]
        missing = set(e["source"]) - set(sources)
        assert not missing, (e["name"], missing)
        used.update(e["source"])
    assert used == set(sources)
    for key, s in sources.items():
        assert date.fromisoformat(s["date"]) <= date(2026, 12, 31), key
        assert s.get("url", "https://").startswith("https://"), key


def test_parents_resolve_without_cycles():
    for a in A.authorities():
        seen = {a.name}
        p = A.parent(a)
        if a.parent:
            assert p is not None, (a.name, a.parent)
        while p is not None:
            assert p.name not in seen, a.name
            seen.add(p.name)
            p = A.parent(p)


@pytest.mark.parametrize(("name", "expected"), [
    ("Aarhus Kommune", "Aarhus Kommunes"),
    ("Bornholms Regionskommune", "Bornholms Regionskommunes"),
    ("Region Hovedstaden", "Region Hovedstadens"),
    ("Styrelsen for Patientsikkerhed", "Styrelsen for Patientsikkerheds"),
    ("Familieretshuset", "Familieretshusets"),
    ("Danmarks Statistik", "Danmarks Statistiks"),
    ("Nævnenes Hus", "Nævnenes Hus'"),
    ("Retten i Aarhus", "Retten i Aarhus'"),
    ("Københavns Politi", "Københavns Politis"),
])
def test_genitive_rule(name, expected):
    assert A.genitive(name) == expected
    assert A.get(name).genitive == expected


def test_municipality_genitives():
    for a in A.authorities():
        if a.kind == "municipality":
            assert re.fullmatch(r".+ (Regions)?[Kk]ommunes", a.genitive), a.genitive


def test_every_name_is_found_in_a_sentence_and_in_the_genitive():
    """Each official name, alias and acronym is found by by_name as its own authority, plain and in the genitive."""
    for a in A.authorities():
        for n in (a.name, *a.aliases):
            for text, gen in ((f"Brevet er fra {n}.", False), (f"Det fremgår af {A.genitive(n)} afgørelse.", True)):
                found = A.by_name(text)
                assert [(m.authority.name, m.genitive) for m in found] == [(a.name, gen)], text
        for acr in a.acronyms:
            found = A.by_name(f"Kontakt {acr} eller se {acr}s brev.")
            assert [(m.authority.name, m.genitive) for m in found] == [(a.name, False), (a.name, True)], acr


def test_every_domain_leads_back_to_its_authority():
    for a in A.authorities():
        for d in a.domains:
            assert A.by_domain(d) is a, d
            assert A.by_domain(f"post@{d}") is a, d
            assert A.by_domain(f"https://www.{d}/kontakt") is a, d


def test_unit_vocabulary_compiles_and_has_no_authority_names():
    units = RAW["units"]
    for p in units["patterns"]:
        re.compile(p)
    names = {n.casefold() for e in ENTRIES for n in (e["name"], *e.get("aliases", []))}
    assert not names & set(units["heads"])
    assert not names & {a.casefold() for a in units["areas"]}
