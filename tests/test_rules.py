"""The rule engine: loading and validation, rule types, configuration of rules."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

import lixcheck
from lixcheck import ConfigError
from lixcheck.engine import CHECKS, list_rules, loader
from lixcheck.engine.loader import load_specs, rules_dir

NO_PLUGINS = {"rules": {"plugins": False}}


def findings(text, rule=None, kind=None, **rules):
    """The findings of `rule` (or all), also those kept by a more specific rule at the same place (Finding.also)."""
    report = lixcheck.check(text, kind=kind, config={"rules": {"plugins": False, **rules}})
    return [f for f in report.findings if rule is None or f.rule == rule or rule in f.also]


def write_rules(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "extra.yml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


# --- the pack -------------------------------------------------------------------------------------------------------

def test_built_in_rule_files_fit_the_schema():
    """The built-in pack is not validated when it is read (loader.py): here it is, file by file."""
    files = sorted((rules_dir() / "da").rglob("*.yml"))
    assert len(files) >= 5
    for path in files:
        loader.validate(path, yaml.safe_load(path.read_text(encoding="utf-8")))
    broken = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    broken["rules"][0]["severity"] = "sometimes"
    with pytest.raises(ConfigError, match=f"{files[0].name}, rule .*, field severity"):
        loader.validate(files[0], broken)


def test_rules_dir_is_found_in_the_checkout():
    assert (rules_dir() / "schema.json").is_file()
    assert (rules_dir() / "da" / "jargon.yml").is_file()


def test_jargon_has_at_least_150_substitutions_with_a_source_and_an_advice():
    specs, _ = load_specs(plugins=False)
    swaps = specs["jargon"].data["swap"]
    phrases = [p for e in swaps for p in (e["phrase"] if isinstance(e["phrase"], list) else [e["phrase"]])]
    assert len(swaps) >= 150, len(swaps)
    assert len(set(phrases)) == len(phrases), "a phrase is listed twice"
    for e in swaps:
        assert e["source"] and (e.get("replace") or e.get("message")), e


def test_rule_ids_are_the_documented_stable_ones():
    ids = {r.id for r in list_rules(NO_PLUGINS)}
    assert {"jargon", "passive", "passive.blive", "vague-actor", "nominal-style", "long-sentence", "long-paragraph",
            "lix", "acronym", "placeholder"} <= ids


def test_inflected_forms_hit_through_lemmas_and_replacements_follow_the_form():
    by_text = {f.text: f for f in findings("Brevet fremsendes i dag. Vi fremsendte det i går.", "jargon")}
    assert by_text["fremsendes"].replacements == ("sendes",)
    assert by_text["fremsendte"].replacements == ("sendte",)  # the past, from the table or data/inflection.yml
    assert findings("Såfremt du vil klage.", "jargon")[0].replacements == ("Hvis",)  # case follows the text


def test_multiword_phrases_match_inflected_and_longest_wins():
    f = findings("Du har mulighed for at klage. Vedlagt fremsendes kopien.", "jargon")
    assert [x.text for x in f] == ["har mulighed for at", "Vedlagt fremsendes"]
    assert f[0].replacements == ("kan",)  # "har mulighed for at" is present: "kan", not the infinitive


def test_lemma_matching_is_off_when_the_phrase_lemma_is_another_word(tmp_path):
    # "dog" has the lookup lemma "dø": matching it on lemmas would flag "døde".
    folder = write_rules(tmp_path / "r", """
        rules:
          - extend: jargon
            swap:
              - {phrase: dog, replace: [men], source: KAN}
    """)
    assert not findings("Hun døde i går.", "jargon", paths=[str(folder)])
    assert [f.text for f in findings("Det regnede dog.", "jargon", paths=[str(folder)])] == ["dog"]


def test_findings_carry_category_severity_position_and_doc_url():
    text = "Kære Jens\n\nSåfremt du vil klage, skal du skrive til os."
    f = findings(text, "jargon")[0]
    assert (f.category, f.severity, f.line, f.column) == ("jargon", "warning", 3, 1)
    assert text[f.offset:f.offset + f.length] == "Såfremt"
    assert f.doc_url.endswith("/jargon")


def test_s_passive_skips_deponents_genitives_and_names():
    text = "Forsinkelsen skyldes travlhed. Svar inden en uges tid. Vi mødes hos Jens. Sagen behandles nu."
    assert [f.text for f in findings(text, "passive")] == ["behandles"]


def test_blive_passive_with_an_adverb_between():
    assert [f.text for f in findings("Sagen blev ikke behandlet i tide.", "passive.blive")] == ["blev ikke behandlet"]
    assert not findings("Hun blev glad og træt.", "passive.blive")


def test_acronym_explained_in_parentheses_or_by_its_expansion_is_not_flagged():
    assert [f.text for f in findings("Du får BPA. Det er BPA.", "acronym")] == ["BPA"]  # first use only
    assert not findings("Du får borgerstyret personlig assistance (BPA). BPA betyder, at du selv ansætter.", "acronym")
    assert not findings("Du får BPA (borgerstyret personlig assistance).", "acronym")
    assert not findings("Log på med MitID og oplys dit CPR-nummer.", "acronym")
    f = findings("Vi har brugt FVL.", "acronym")[0]
    assert f.replacements == ("forvaltningsloven",)


def test_acronym_after_a_label_in_capitals_is_read_but_a_heading_in_capitals_is_not():
    """"SAGSBEHANDLER: TIMMID" is a label and its value (a caseworker's initials the reader cannot decode)."""
    assert [f.text for f in findings("SAGSBEHANDLER: TIMMID\n\nKære Ida\n\nVi har fået din sag.", "acronym")] == [
        "TIMMID"]
    assert not findings("AFGØRELSE OM BPA\n\nDu får hjælp.", "acronym")
    assert not findings("KLAGEVEJLEDNING: SÅDAN KLAGER DU TIL ANKESTYRELSEN\n\nDu kan klage.", "acronym")


def test_placeholders():
    text = "Kære {Fornavn}\n\nDu får «Beløb» kr. den [dato]. Mødet er den xx.xx.xxxx. Hilsen !sagsbehandler"
    assert [f.text for f in findings(text, "placeholder")] == ["{Fornavn}", "«Beløb»", "[dato]", "xx.xx.xxxx",
                                                                "!sagsbehandler"]
    assert findings(text, "placeholder")[0].severity == "error"
    assert not findings("Hilsen Maxxx og Hej! Vi ses.", "placeholder")  # not inside a word, not after a sentence
    assert [f.text for f in findings("Du bor på MERGEFIELD Adresse, XXXX.", "placeholder")] == ["MERGEFIELD Adresse",
                                                                                               "XXXX"]


def test_long_sentence_threshold_per_kind_from_config():
    sentence = " ".join(["ord"] * 28) + "."
    assert findings(sentence, "long-sentence")
    assert findings(sentence, "long-sentence")[0].message.startswith("Sætningen har 28 ord")
    cfg = {"thresholds": {"long-sentence": {"default": 30}}}
    assert not findings(sentence, "long-sentence", **cfg)
    cfg = {"thresholds": {"long-sentence": {"default": 30, "decision": 20}}}
    assert findings(sentence, "long-sentence", kind="decision", **cfg)


# --- configuration --------------------------------------------------------------------------------------------------

def test_disable_by_id_and_by_category_and_enable_beats_category():
    text = "Såfremt du vil klage, behandles sagen."
    assert findings(text, "jargon") and findings(text, "passive")
    assert not findings(text, "jargon", disable=["jargon"])
    assert not findings(text, "passive", disable=["passive"])
    assert not findings(text, "passive", disable=["passive"]) and findings(text, "jargon", disable=["passive"])
    assert findings(text, "passive", disable=["passive"], enable=["passive"])


def test_severity_override():
    assert findings("Såfremt du vil.", "jargon", severity={"jargon": "error"})[0].severity == "error"


def test_allow_list_is_scoped_to_a_rule():
    text = "Vi gør det i henhold til lov om social service. I henhold til reglerne får du svar."
    allowed = findings(text, "jargon", allow={"jargon": ["i henhold til lov om social service"]})
    assert [f.offset for f in allowed] == [text.index("I henhold")]
    assert len(findings(text, "jargon", allow={"passive": ["i henhold til lov om social service"]})) == 2
    assert not findings(text, "jargon", allow={"*": ["i henhold til"]})


@pytest.mark.parametrize(("rules", "words"), [
    ({"disabel": ["jargon"]}, "unknown key"),
    ({"disable": ["jargonn"]}, "unknown rule id or category 'jargonn'"),
    ({"severity": {"jargon": "fatal"}}, "severity.jargon"),
    ({"severity": {"nope": "error"}}, "unknown rule id 'nope'"),
    ({"thresholds": {"long-sentence": {"default": -1}}}, "positive number"),
    ({"allow": {"jargon": "i henhold til"}}, "allow.jargon must be a list"),
    ({"plugins": "yes"}, "rules.plugins"),
    ({"plugins": ["no-such-plugin"]}, "not installed: no-such-plugin"),
    ({"paths": ["/no/such/folder"]}, "rule folder not found"),
])
def test_wrong_rule_configuration_is_a_config_error(rules, words):
    with pytest.raises(ConfigError) as e:
        lixcheck.check("Vi har fået din ansøgning.", config={"rules": rules})
    assert words in str(e.value)


def test_config_file_rules_table(tmp_path):
    from lixcheck.config import load_file

    p = tmp_path / "lixcheck.toml"
    p.write_text('[rules]\ndisable = ["passive"]\nseverity = { jargon = "error" }\n'
                 '[rules.thresholds.long-sentence]\ndefault = 30\n', encoding="utf-8")
    cfg = load_file(p)
    assert cfg.rules["disable"] == ["passive"] and cfg.rules["thresholds"]["long-sentence"]["default"] == 30


# --- broken rule files ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("""
     rules:
       - id: extra-rule
         type: existence
         category: jargon
         severity: fatal
         message: x
         description: x
         why: x
         source: own
         examples: {bad: [a], good: [b]}
         phrases: [a]
     """, ["extra.yml", "rule 'extra-rule'", "field severity"]),
    ("""
     rules:
       - id: extra-rule
         type: existence
         category: jargon
         severity: warning
         message: x
         description: x
         source: own
         examples: {bad: [a], good: [b]}
         phrases: [a]
     """, ["extra.yml", "rule 'extra-rule'", "'why' is a required property"]),
    ("""
     rules:
       - id: extra-rule
         type: placeholder
         category: template
         severity: warning
         message: x
         description: x
         why: x
         source: own
         examples: {bad: [a], good: [b]}
         patterns: ['[unclosed']
     """, ["extra.yml", "rule 'extra-rule'", "field patterns", "bad regular expression"]),
    ("""
     rules:
       - extend: jargon
         swap:
           - {phrase: noget, replace: [x]}
     """, ["extra.yml", "rule 'jargon'", "field swap.0", "'source' is a required property"]),
    ("""
     rules:
       - extend: no-such-rule
         phrases: [x]
     """, ["extra.yml", "rule 'no-such-rule'", "field extend"]),
    ("""
     rules:
       - id: jargon
         type: existence
         category: jargon
         severity: warning
         message: x
         description: x
         why: x
         source: own
         examples: {bad: [a], good: [b]}
         phrases: [a]
     """, ["extra.yml", "rule 'jargon'", "defined twice"]),
    ("""
     rules:
       - id: extra-rule
         type: check
         check: no.such.check
         category: sender
         severity: warning
         message: x
         description: x
         why: x
         source: own
         examples: {bad: [a], good: [b]}
     """, ["extra.yml", "rule 'extra-rule'", "field check", "no.such.check"]),
    ("rules: [\n  - id: x\n", ["extra.yml", "cannot read rule file"]),
])
def test_broken_rule_file_names_file_rule_and_field(tmp_path, body, words):
    folder = write_rules(tmp_path / "r", body)
    with pytest.raises(ConfigError) as e:
        lixcheck.check("Vi har fået din ansøgning.", config={"rules": {"paths": [str(folder)], "plugins": False}})
    for w in words:
        assert w in str(e.value)


def test_extra_folder_adds_a_working_rule(tmp_path):
    folder = write_rules(tmp_path / "r", """
        rules:
          - id: local.ferie
            type: existence
            category: jargon
            severity: suggestion
            message: "Skriv „sommerferie“ i stedet for „{match}“."
            description: x
            why: x
            source: own
            examples: {bad: [Vi holder feriestop.], good: [Vi holder sommerferie.]}
            phrases: [feriestop]
    """)
    f = findings("Vi holder feriestop i juli.", "local.ferie", paths=[str(folder)])
    assert f and f[0].message == "Skriv „sommerferie“ i stedet for „feriestop“."


def test_built_in_checks_are_registered():
    list_rules(NO_PLUGINS)
    lixcheck.check("Vi har fået din ansøgning.")
    assert {"passive.s", "passive.blive", "nominal.chain"} <= set(CHECKS)


# --- messages are plain Danish ---------------------------------------------------------------------------------------

def test_rule_messages_pass_their_own_plain_language_rules():
    """The messages themselves must not use officialese, passive or vague actors (placeholders filled with "X")."""
    own = {"jargon", "passive", "passive.blive", "vague-actor", "formal-address"}
    mine = {"jargon", "jargon-verbs", "jargon-words", "terms", "passive", "style", "acronyms", "placeholders"}
    for rule in list_rules(NO_PLUGINS):
        if Path(rule.origin).stem not in mine:  # other packs' messages are their owners' to test
            continue
        message = rule.message
        for key in ("match", "replacement", "replacements", "expansion", "value", "max", "kind"):
            message = message.replace("{" + key + "}", "X")
        # quoted examples of what NOT to write are allowed: "… i stedet for „der sendes“"
        message = re.sub(r"„[^“]*“", "X", message)
        bad = [(f.rule, f.text) for f in lixcheck.check(message, config=NO_PLUGINS).findings if f.rule in own]
        assert not bad, (rule.id, message, bad)


def test_every_rule_has_a_short_danish_name_in_plain_language():
    """The web app's cards show rule.name; it must be short, unique and plain (no officialese, passive or "man")."""
    own = {"jargon", "passive", "passive.blive", "vague-actor", "formal-address"}
    names = {}
    for rule in list_rules(NO_PLUGINS):
        assert rule.name and len(rule.name) <= 50 and rule.name != rule.summary, (rule.id, rule.name)
        assert rule.name not in names, (rule.id, names.get(rule.name))
        names[rule.name] = rule.id
        plain = re.sub(r"„[^“]*“", "X", rule.name)  # a quoted word is what not to write: „De“
        bad = [f.rule for f in lixcheck.check(plain + ".", config=NO_PLUGINS).findings if f.rule in own]
        assert not bad, (rule.id, rule.name, bad)
