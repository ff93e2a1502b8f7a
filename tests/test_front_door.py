"""The front door (lixcheck.Checker) and the table of letter kinds: every front goes through one Checker, and a
letter kind is one of lixcheck's own in the library, the CLI and both HTTP APIs."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

import lixcheck
from lixcheck import Checker, ConfigError, UnknownKind, kinds
from lixcheck.cli import main

LETTER = ("Kære Anna\n\nVi har modtaget din ansøgning om tilskud. Vi har besluttet, at du ikke kan få tilskud, "
          "fordi din indtægt er for høj.\n\nDu kan klage til os inden 4 uger.\n\nMed venlig hilsen\nLone Berg")


def test_checker_is_the_same_analysis_as_check():
    checker = Checker()
    assert checker.check(LETTER).to_dict() == lixcheck.check(LETTER).to_dict()
    document = checker.read(LETTER)
    assert checker.check_document(document, kind="decision").to_dict() == lixcheck.check(LETTER, kind="decision") \
        .to_dict()
    assert checker.lix(LETTER) == lixcheck.lix(LETTER)


def test_checker_takes_a_dict_or_a_file(tmp_path):
    assert Checker({"min_words": 3}).config.min_words == 3
    (tmp_path / "lixcheck.toml").write_text("min_words = 4\n", encoding="utf-8")
    assert Checker.from_file(tmp_path / "lixcheck.toml").config.min_words == 4
    with pytest.raises(ConfigError, match="unknown key"):
        Checker({"min_word": 3})


def test_checker_knows_its_rules_and_thresholds():
    checker = Checker({"rules": {"thresholds": {"lix": {"default": 44, "information": 38}}}})
    assert {"jargon", "lix", "sender.unit"} <= {r.id for r in checker.rules()}
    assert checker.threshold("lix") == 44
    assert checker.threshold("lix", "orientering") == 38  # an alias of information
    assert checker.threshold("jargon") is None


def test_kinds_come_from_one_table():
    assert kinds.ids()[0] == "decision" and "partshoering" in kinds.ids()
    assert kinds.normalise("Afgørelse") == "decision" and kinds.normalise(" partshøring ") == "partshoering"
    assert kinds.normalise(None) is None
    assert kinds.label("partshoering") == "Partshøring"
    # Kind detection scores exactly these kinds (lixcheck/data/letter.yml's cues).
    from lixcheck.letter import data as gazetteer

    assert set(gazetteer.load("letter")["cues"]) <= set(kinds.ids())


def test_the_kinds_table_fits_its_schema():
    """kinds.yml is not validated when it is read (kinds.py): here it is."""
    data = yaml.safe_load((kinds.DATA / "kinds.yml").read_text(encoding="utf-8"))
    kinds.validate(data)
    data["kinds"][0]["thresholds"] = "many"
    with pytest.raises(ConfigError, match="kinds.yml, field kinds.0.thresholds"):
        kinds.validate(data)


def test_an_unknown_kind_is_an_error_that_lists_the_kinds():
    with pytest.raises(UnknownKind) as e:
        lixcheck.check(LETTER, kind="decsion")
    assert "decision (Afgørelse)" in str(e.value) and "information" in e.value.message_da
    assert isinstance(e.value, ConfigError)
    with pytest.raises(UnknownKind):
        list(lixcheck.check_many([LETTER], kind="decsion"))


def test_an_unknown_kind_in_rule_settings_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown letter kind 'decsion'"):
        Checker({"rules": {"thresholds": {"lix": {"default": 40, "decsion": 30}}}}).check(LETTER)


def test_cli_refuses_an_unknown_kind(tmp_path):
    letter = tmp_path / "brev.txt"
    letter.write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(letter), "--kind", "decsion"])
    assert result.exit_code == 2 and "Brevtypen 'decsion' findes ikke" in result.output
    assert "Traceback" not in result.output
    ok = CliRunner().invoke(main, ["check", str(letter), "--kind", "afgørelse", "--format", "json"])
    assert ok.exit_code in (0, 1) and json.loads(ok.output)["files"][0]["meta"]["kind"] == "decision"
    assert "partshoering" in CliRunner().invoke(main, ["check", "--help"]).output


@pytest.fixture(scope="module")
def client():
    from lixcheck.web import create_app

    app = create_app({"TESTING": True})
    return app.test_client()


def test_json_api_refuses_an_unknown_kind_and_takes_aliases(client):
    bad = client.post("/api/v1/check", json={"text": LETTER, "kind": "decsion"})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_kind"
    assert "decision (Afgørelse)" in bad.get_json()["error"]["message"]
    good = client.post("/api/v1/check", json={"text": LETTER, "kind": "Afgørelse"})
    assert good.status_code == 200 and good.get_json()["meta"]["kind"] == "decision"


def test_pasted_text_is_never_read_as_a_file(client, tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("Hemmeligt indhold på serveren.", encoding="utf-8")
    r = client.post("/api/v1/check", json={"text": str(secret)})
    assert r.status_code in (200, 422) and "Hemmeligt" not in r.get_data(as_text=True)


def test_web_form_offers_the_kinds_of_the_table(client):
    page = client.get("/").get_data(as_text=True)
    for k in kinds.all_kinds():
        assert f'value="{k.id}"' in page and k.label in page


def test_languagetool_api_takes_a_kind_and_refuses_an_unknown_one(client):
    ok = client.post("/v2/check", data={"text": LETTER, "language": "da-DK", "kind": "afgørelse"})
    assert ok.status_code == 200
    bad = client.post("/v2/check", data={"text": LETTER, "language": "da-DK", "kind": "decsion"})
    assert bad.status_code == 400 and "decision (Afgørelse)" in bad.get_data(as_text=True)


def test_review_form_refuses_an_unknown_kind(client):
    import re

    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    r = client.post("/tjek", data={"text": LETTER, "kind": "decsion", "csrf": token})
    assert r.status_code == 400 and "Brevtypen" in r.get_data(as_text=True)


@pytest.mark.parametrize("enabled", [True, False])
def test_building_an_analyzer_leaves_the_garbage_collector_as_it_was(tmp_path, enabled):
    """The collector is paused while rules compile (analysis._collector_paused), also when the build fails."""
    import gc

    broken = tmp_path / "rules"
    broken.mkdir()
    (broken / "x.yml").write_text("rules: [{id: x}]\n", encoding="utf-8")
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        lixcheck.check(LETTER, config={"min_words": 7 if enabled else 8, "rules": {"plugins": False}})
        assert gc.isenabled() is enabled
        with pytest.raises(ConfigError):
            lixcheck.check(LETTER, config={"rules": {"paths": [str(broken)]}})
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
