"""Generate rules/da/officialese-adverbs.yml: the pronominal adverbs (her-, der-, hvor- + preposition) for `jargon`.

    python scripts/officialese_adverbs.py          # write the file
    python scripts/officialese_adverbs.py --check  # exit 1 when the file is not what this script writes

The words are generated, not picked: every prefix × every preposition below, kept where the Danish dictionary
(spacy-lookups-data's lemma table) knows the word, minus
- words already in the jargon lists (herved, hermed, hvorved, hvorpå, hvori, hvoraf),
- the everyday connectives EVERYDAY (Kansellisten itself offers "dermed" as the plain word), and
- her-/der- + a preposition of place (fra, over: "hent den herfra" is plain Danish).
Each word gets a plain rewrite: her-/der- + P → "P det" (or a better word where one fits the same place in the
sentence, REPLACE); hvor- + P starts a relative clause, which has no one-word replacement: split the sentence, or
write "som … P". Every word with a replacement has an example whose `after` is the sentence with it applied.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "rules" / "da" / "officialese-adverbs.yml"

PREFIXES = ("her", "der", "hvor")
PREPOSITIONS = ("af", "efter", "for", "fra", "gennem", "igennem", "i", "imellem", "mellem", "imod", "mod", "med",
                "om", "omkring", "over", "på", "til", "under", "ved", "blandt", "iblandt", "hos", "uden", "udover",
                "foruden", "bag")
EVERYDAY = {"derfor", "hvorfor", "derefter", "dermed", "derimod"}
PLACE = {"fra", "over"}
# Where "P det" does not fit or a plainer word does: the replacements, in order; () = message only.
REPLACE = {
    "herunder": ("blandt andet",), "heriblandt": ("blandt andet",), "deriblandt": ("blandt andet",),
    "herudover": ("ud over det", "desuden"), "derudover": ("desuden", "ud over det"),
    "derved": ("på den måde",), "derigennem": ("på den måde",),
    "herimellem": ("mellem dem",), "derimellem": ("mellem dem",),
    "herforuden": ("desuden",), "derforuden": ("desuden",), "derhos": ("desuden",),
    "derpå": (),  # also "then" ("kort derpå")
    "deromkring": (), "heromkring": (),  # "100 kr. eller deromkring"
    "hvorimod": ("mens",),
}
MESSAGES = {  # for her-/der- words without a replacement
    "derpå": "Skriv „bagefter“ eller „på det“ i stedet for „{match}“.",
    "deromkring": "Skriv „cirka“ foran tallet i stedet for „eller {match}“.",
    "heromkring": "Skriv „cirka“ foran tallet i stedet for „eller {match}“.",
}
SOURCES = {"herunder": "KAN, ARC", "heriblandt": "KAN, ARC"}  # else ARC (and OM for the class, see the header)
# One bad example per word: the sentence, and with a replacement, the sentence after it.
EXAMPLES = {
    "heraf": "Du får 1.000 kr., og heraf går 200 kr. til skat.",
    "herefter": "Herefter skal du sende skemaet til os.",
    "herfor": "Vi takker herfor.",
    "herigennem": "Herigennem får du hjælp til at finde et job.",
    "heri": "Reglerne står i loven, og heri står også fristen.",
    "herimod": "Du kan klage herimod.",
    "herom": "Vi har skrevet til dig herom.",
    "herpå": "Du skal svare herpå inden 14 dage.",
    "hertil": "Hertil kommer et gebyr på 100 kr.",
    "herunder": "Alle udgifter, herunder husleje, tæller med.",
    "heriblandt": "Vi har fået flere papirer, heriblandt en lægeerklæring.",
    "herudover": "Herudover skal du betale et gebyr.",
    "herimellem": "Der er tre skoler, og du kan vælge herimellem.",
    "heromkring": "Det koster 100 kr. eller heromkring.",
    "herforuden": "Herforuden skal du betale et gebyr.",
    "derimellem": "Der er to datoer, og du kan vælge derimellem.",
    "derhos": "Derhos sender vi en kopi af skemaet.",
    "derforuden": "Derforuden får du et tilskud.",
    "hvorimellem": "Vi har tre datoer, hvorimellem du kan vælge.",
    "hvorover": "Du har sendt en klage, hvorover vi nu har truffet afgørelse.",
    "hvorhos": "Vi sender en kopi af brevet, hvorhos vi lægger et skema.",
    "deraf": "Du har fået for meget, og deraf følger, at du skal betale tilbage.",
    "derigennem": "Du kommer på kursus og får derigennem et nyt job.",
    "deri": "Se brevet fra maj. Deri står fristen.",
    "derom": "Vi har ikke hørt noget derom.",
    "deromkring": "Det koster 100 kr. eller deromkring.",
    "derpå": "Kort derpå fik vi dit svar.",
    "dertil": "Dertil kommer renter.",
    "derunder": "Det gælder børn på tre år og derunder.",
    "derved": "Derved sparer du penge.",
    "deriblandt": "Vi har talt med flere, deriblandt din læge.",
    "derudover": "Derudover skal du sende dine lønsedler.",
    "hvorefter": "Vi modtog dit brev, hvorefter vi talte med din læge.",
    "hvorfra": "Skriv den adresse, hvorfra du sender pakken.",
    "hvorigennem": "Du får en mentor, hvorigennem du kan få hjælp.",
    "hvorimod": "Du har ret til hjælp, hvorimod din søster ikke har.",
    "hvormed": "Vi sender et skema, hvormed du kan søge.",
    "hvorom": "Du har sendt en klage, hvorom vi vil træffe afgørelse.",
    "hvortil": "Du skal sende skemaet til kommunen, hvortil du også sender lønsedlerne.",
    "hvorunder": "Vi holder et møde, hvorunder du kan stille spørgsmål.",
    "hvoriblandt": "Vi har fået flere papirer, hvoriblandt en lægeerklæring.",
}


def _existing() -> set[str]:
    import yaml

    found = set()
    for path in sorted((ROOT / "rules" / "da").glob("jargon*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for entry in item.get("swap", []):
                phrases = entry["phrase"] if isinstance(entry["phrase"], list) else [entry["phrase"]]
                found.update(p.lower() for p in phrases)
    return found


def words() -> list[tuple[str, str, str]]:
    """(word, prefix, preposition) for every generated word that is kept, in order."""
    from lixcheck.nlp.pipeline import lemma_table

    known, existing = lemma_table(), _existing()
    out = []
    for prefix in PREFIXES:
        for prep in PREPOSITIONS:
            word = prefix + prep
            if word not in known or word in existing or word in EVERYDAY:
                continue
            if prefix != "hvor" and prep in PLACE:
                continue
            out.append((word, prefix, prep))
    return out


def _apply(sentence: str, word: str, replacement: str) -> str:
    i = sentence.lower().index(word)
    if sentence[i].isupper():
        replacement = replacement[0].upper() + replacement[1:]
    return sentence[:i] + replacement + sentence[i + len(word):]


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render() -> str:
    lines = [
        "# GENERATED by scripts/officialese_adverbs.py; do not edit (tests/test_officialese.py checks it is current).",
        "# Pronominal adverbs (her-, der-, hvor- + preposition): old-fashioned and hard to follow in letters. Every",
        "# prefix × preposition that the dictionary knows, minus words already listed, everyday connectives (derfor,",
        "# hvorfor, derefter, dermed, derimod) and her-/der- + fra/over (places). Sources: the class of archaic",
        "# pronominal adverbs (hereafter, herewith, thereafter, wherein, whereof) [ARC]; herved/hermed [OM];",
        "# herunder [KAN]; hvori [NST].",
        "rules:",
        "  - extend: jargon",
        "    swap:",
    ]
    bad = []
    for word, prefix, prep in words():
        source = SOURCES.get(word, "ARC")
        if prefix == "hvor":
            replace = REPLACE.get(word, ())
            message = (f"Del sætningen i to, eller skriv „som … {prep}“, i stedet for „{{match}}“."
                       if not replace else None)
        else:
            replace = REPLACE.get(word, (f"{prep} det",))
            message = None if replace else MESSAGES[word]
        entry = f"      - {{phrase: {word}, "
        entry += f"replace: [{', '.join(replace)}], " if replace else f"message: {_q(message)}, "
        lines.append(entry + f"match: lower, source: {_q(source) if ',' in source else source}}}")
        sentence = EXAMPLES[word]
        if replace:
            bad.append(f"        - {{text: {_q(sentence)}, after: {_q(_apply(sentence, word, replace[0]))}}}")
        else:
            bad.append(f"        - {_q(sentence)}")
    lines += ["    examples:", "      bad:"] + bad
    lines += ["      good:", "        - Derfor skal du sende skemaet, og derefter får du svar.",
              "        - Du kan hente pakken herfra.", "        - Hvorfor har du ikke svaret?"]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.is_file() and OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(words())} words")


if __name__ == "__main__":
    main()
