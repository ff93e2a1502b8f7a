"""Danish inflection: which form a word has, and the same form of another word ("fremsendt" is the participle of
"fremsende", so "sende" becomes "sendt"; "skrivelsen" → "brevet"; "fornødne" → "nødvendige").

The forms come from spacy-lookups-data's lemma table (form → lemma), read backwards one lemma at a time: a lemma's
forms are the candidates that Danish endings make from it (-r, -s, -te/-ede, -t/-et; -en/-et, -er/-e, -erne/-ene;
-t, -e) and that the table leads back to that lemma. Inverting the whole table (550,000 forms) would cost about
0.4 s at first use, more than a whole check; a lemma's candidates are a few dictionary look-ups, cached. Strong and
irregular verbs, and the word lists for the context checks, are data (data/inflection.yml).

Which form a matched word has is read from its ending against its lemma (the lemma is given, so the shapes need no
table); the forms of a replacement must be confirmed by the table or the irregular verbs. Anything that cannot be
derived with confidence is None, and the caller offers no replacement rather than a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .. import yamldata
from .pipeline import lemma_table

DATA = Path(__file__).parent / "data" / "inflection.yml"
VERB_FORMS = ("inf", "imp", "pres", "pass", "past", "past_pass", "part", "part_def")
NOUN_FORMS = ("sg", "sg_def", "pl", "pl_def")
ADJ_FORMS = ("base", "neut", "pl")
_VOWELS = frozenset("aeiouyæøå")


@dataclass(frozen=True)
class Form:
    """A grammatical form: part of speech ("verb", "noun", "adj") and form (see VERB_FORMS …); nouns may be genitive."""

    pos: str
    form: str
    genitive: bool = False


@dataclass(frozen=True)
class InflectionData:
    verbs: dict[str, dict[str, str | None]]
    prefixes: frozenset[str]
    perfect_with_vaere: frozenset[str]
    pronouns: dict[str, str]
    prepositions: frozenset[str]
    particles: frozenset[str]
    determiners: frozenset[str]
    possessives: frozenset[str]
    subject_pronouns: frozenset[str]
    before_participle: frozenset[str]
    neutral_before_noun: frozenset[str]
    subject_after: frozenset[str]
    have_forms: frozenset[str]
    passive_auxiliaries: frozenset[str]
    clause_openers: frozenset[str]
    gap_stops: frozenset[str]
    gap_ends: frozenset[str]
    messages: dict[str, str]
    before_object_not: frozenset[str] = frozenset()  # prepositions and subject_after: no object starts with them
    genderless_before_noun: frozenset[str] = frozenset()  # neutral_before_noun and prepositions


@cache
def data() -> InflectionData:
    raw = yamldata.read(DATA)
    words = {k: frozenset(str(w).lower() for w in raw[k]) for k in (
        "prefixes", "perfect_with_vaere", "prepositions", "particles", "determiners", "possessives",
        "before_participle", "subject_pronouns", "neutral_before_noun", "subject_after", "have_forms",
        "passive_auxiliaries", "clause_openers", "gap_stops", "gap_ends")}
    verbs = {}
    for lemma, forms in raw["verbs"].items():
        missing = set(VERB_FORMS) - {"inf", "past_pass"} - set(forms)
        if missing:  # a broken data file must say where, not fail later on a KeyError
            raise ValueError(f"{DATA.name}: verb {lemma!r} lacks {', '.join(sorted(missing))}")
        verbs[lemma] = {"inf": lemma, **forms}
    return InflectionData(verbs=verbs, pronouns=dict(raw["pronouns"]), messages=dict(raw["messages"]),
                          before_object_not=words["prepositions"] | words["subject_after"],
                          genderless_before_noun=words["neutral_before_noun"] | words["prepositions"], **words)


def _stem(verb: str) -> str:
    """The infinitive without its -e ("sende" → "send"); vowel verbs keep theirs ("få", "se", "bo")."""
    return verb[:-1] if verb.endswith("e") and len(verb) > 2 and verb[-2] not in _VOWELS else verb


def _imperative(verb: str) -> str:
    stem = _stem(verb)
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:  # "stoppe" → "stop", "kalde" → "kald"
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=4096)
def irregular(verb: str) -> dict[str, str | None] | None:
    """The forms of a strong or irregular verb, also of a compound of one ("foretage" → "foretog", "foretaget")."""
    verbs = data().verbs
    if verb in verbs:
        return verbs[verb]
    table = lemma_table()
    for i in range(1, len(verb) - 1):
        prefix, base = verb[:i], verb[i:]
        forms = verbs.get(base)
        if forms is None:
            continue
        # a known prefix, or the table knows the compound's past and participle ("bibeholdt", "iværksatte");
        # not "vi|se", "ro|se", "øn|ske"
        if prefix in data().prefixes or forms["past"] and forms["part"] and all(
                table.get(prefix + forms[k]) == verb for k in ("past", "part")):
            return {k: prefix + v if v else None for k, v in forms.items()}
    return None


def _table_says(form: str, lemma: str) -> bool:
    return lemma_table().get(form) == lemma


@lru_cache(maxsize=4096)
def verb_forms(verb: str) -> dict[str, str | None] | None:
    """The forms of a verb as the table confirms them (None: not known as a verb). Regular verbs are weak: past
    -te with participle -t ("sendte", "sendt") or past -ede with participle -et ("vurderede", "vurderet"); the table
    needs to know one of the two to tell which."""
    if verb.endswith("s") and len(verb) > 3 and lemma_table().get(verb) == verb[:-1]:
        base = verb_forms(verb[:-1])
        if base is not None:  # an s-verb written as such ("findes"): present = infinitive, past "fandtes"
            past = base["past_pass"]
            return {"inf": verb, "imp": None, "pres": verb, "pass": None, "past": past, "past_pass": None,
                    "part": None, "part_def": None}
    forms = irregular(verb)
    if forms is not None:
        out = dict(forms)
        past = forms["past"]  # "sendte" → "sendtes", "gav" → "gaves"
        out.setdefault("past_pass", past + ("s" if past.endswith("e") else "es") if past and forms["pass"] else None)
        return out
    stem = _stem(verb)
    if stem == verb:  # vowel verbs ("bo", "tro", "nå"): -ede/-et
        if verb[-1:] not in _VOWELS:
            return None
        if not (_table_says(verb + "ede", verb) or _table_says(verb + "et", verb)):
            return None
        te, ede = False, True
        stem_past = verb
    else:
        # the past decides ("førte", not "førede"); the participle when the table lacks the past ("ment")
        te, ede = _table_says(stem + "te", verb), _table_says(stem + "ede", verb)
        if te == ede:
            te, ede = _table_says(stem + "t", verb), _table_says(stem + "et", verb)
        if not (te or ede or _table_says(verb + "nde", verb)):  # (-r/-s alone: nouns have them too)
            return None
        stem_past = stem
    past = part = None
    if te != ede:  # one weak class, or none known when the table knows neither
        past, part = (stem_past + "te", stem_past + "t") if te else (stem_past + "ede", stem_past + "et")
    return {"inf": verb, "imp": _imperative(verb), "pres": verb + "r", "pass": verb + "s", "past": past,
            "past_pass": past + "s" if past else None, "part": part, "part_def": past}


def _syncope(noun: str) -> str | None:
    """"forespørgsel" → "forespørgsl" (before -en, -er): nouns in unstressed -el/-er/-en lose the e."""
    if len(noun) > 4 and noun[-2] == "e" and noun[-1] in "lnr" and noun[-3] not in _VOWELS:
        return noun[:-2] + noun[-1]
    return None


def _noun_candidates(noun: str) -> dict[str, list[str]]:
    bases = [noun]
    if noun[-1] not in _VOWELS and len(noun) > 2 and noun[-2] in _VOWELS:
        bases.append(noun + noun[-1])  # "kontrol" → "kontrollen"
    syn = _syncope(noun)
    if syn:
        bases.append(syn)
    if noun.endswith("e"):
        return {"sg_def": [noun + "n", noun + "t"], "pl": [noun + "r"], "pl_def": [noun + "rne", noun + "ne"]}
    return {"sg_def": [b + s for b in bases for s in ("en", "et")],
            "pl": [b + s for b in bases for s in ("er", "e")],
            "pl_def": [b + s for b in bases for s in ("erne", "ene")]}


@lru_cache(maxsize=4096)
def noun_forms(noun: str) -> dict[str, str | None] | None:
    """Singular/plural, indefinite/definite forms the table confirms (None: not known as a noun). A form the table
    offers twice ("-en" and "-et") is None: the gender is unknown."""
    found = {}
    # A verb's present, participle and an "infinitive + n" the table holds ("ønsker", "ønsket", "ønsken") look like
    # a noun's plural and definite forms: such a word is a noun only with a plural definite ("ønskerne"), and its
    # gender stays unknown.
    verb = noun.endswith("e") and verb_forms(noun) is not None
    if verb and not _table_says(noun + "rne", noun):
        return None
    genders = set()
    any_hit = False
    for form, candidates in _noun_candidates(noun).items():
        hits = [c for c in candidates if _table_says(c, noun)]
        any_hit = any_hit or bool(hits)
        if form == "sg_def" and not verb:
            genders = {"c" if h.endswith("n") else "n" for h in hits}
        # two confirmed candidates ("domen", "dommen"): the table is unsure, so is the form
        found[form] = hits[0] if len(hits) == 1 and not (verb and form == "sg_def") else None
    if not any_hit:
        return None
    if found["pl"] is None and found["pl_def"] == noun + "ene":  # unchanged plural: "mål", "målene"
        found["pl"] = noun
    return {"sg": noun, **found, "gender": genders.pop() if len(genders) == 1 else None}


def gender(noun: str) -> str | None:
    """"c" (common, "-en") or "n" (neuter, "-et"), from the definite singular forms the table confirms."""
    forms = noun_forms(noun)
    return forms["gender"] if forms else None


@lru_cache(maxsize=4096)
def adjective_forms(adjective: str) -> dict[str, str] | None:
    neut = [c for c in (adjective + "t",) if _table_says(c, adjective)]
    plural = [c for c in (adjective + "e", adjective[:-2] + "ne" if adjective.endswith("en") else "",
                          adjective + adjective[-1] + "e") if c and _table_says(c, adjective)]
    if len(neut) != 1 or len(plural) != 1:
        return None
    return {"base": adjective, "neut": neut[0], "pl": plural[0]}


def is_invariant(word: str) -> bool:
    """A word with no forms of its own in the table ("vores", "efter", "hvis")."""
    return verb_forms(word) is None and noun_forms(word) is None and adjective_forms(word) is None


# ---------------------------------------------------------------------------------------------- reading a form


def _verb_shapes(lemma: str) -> dict[str, set[str]]:
    """Every form a verb could have by its endings (both weak classes), for reading a matched word's form."""
    shapes: dict[str, set[str]] = {}

    def add(form: str, word: str | None) -> None:
        if word:
            shapes.setdefault(word, set()).add(form)

    forms = irregular(lemma)
    if forms is not None:
        for form in VERB_FORMS:
            add(form, forms.get(form))
        past = forms["past"]
        add("past_pass", past + ("s" if past.endswith("e") else "es") if past else None)
        return shapes
    stem = _stem(lemma)
    add("inf", lemma)
    add("pres", lemma + "r")
    add("pass", lemma + "s")
    if stem != lemma:
        add("imp", _imperative(lemma))
        add("imp", stem)
    base = stem if stem != lemma else lemma
    for past, part in ((base + "te", base + "t"), (base + "ede", base + "et")):
        add("past", past)
        add("part_def", past)
        add("past_pass", past + "s")
        add("part", part)
    return shapes


def _noun_shapes(lemma: str) -> dict[str, set[str]]:
    shapes: dict[str, set[str]] = {}
    for form, words in _noun_candidates(lemma).items():
        for word in words:
            shapes.setdefault(word, set()).add(form)
    shapes.setdefault(lemma, set()).add("sg")
    return shapes


def _adjective_shapes(lemma: str) -> dict[str, set[str]]:
    shapes = {lemma: {"base"}, lemma + "t": {"neut"}, lemma + "e": {"pl"}}
    if lemma.endswith("en"):
        shapes[lemma[:-2] + "ne"] = {"pl"}
    return shapes


@lru_cache(maxsize=8192)
def forms_of(word: str, lemma: str) -> frozenset[Form]:
    """The forms `word` can be of `lemma`, read from its ending (lower case): "fremsendt", "fremsende" →
    {participle}; "ønsker", "ønske" → {present, plural}. Empty when the ending says nothing."""
    word, lemma = word.lower(), lemma.lower()
    out: set[Form] = set()
    is_verb_shape = lemma.endswith("e") or lemma[-1:] in _VOWELS or irregular(lemma) is not None
    if is_verb_shape:
        out.update(Form("verb", f) for f in _verb_shapes(lemma).get(word, ()))
    nouns = _noun_shapes(lemma)
    out.update(Form("noun", f) for f in nouns.get(word, ()))
    if word.endswith("s") and not lemma.endswith("s"):
        out.update(Form("noun", f, True) for f in nouns.get(word[:-1], ()))
    out.update(Form("adj", f) for f in _adjective_shapes(lemma).get(word, ()))
    return frozenset(out)


def word_classes(word: str) -> set[str]:
    """What the table knows `word` as: "verb", "noun", "adj" (none for a word it does not inflect)."""
    classes = set()
    if verb_forms(word) is not None:
        classes.add("verb")
    if noun_forms(word) is not None:
        classes.add("noun")
    if adjective_forms(word) is not None:
        classes.add("adj")
    return classes


def inflect(word: str, form: Form) -> str | None:
    """`word` (a base form: infinitive, singular, adjective) in `form`, or None when it cannot be derived."""
    word = word.lower()
    if form.pos == "verb":
        forms = verb_forms(word)
        return forms.get(form.form) if forms else None
    if form.pos == "noun":
        forms = noun_forms(word)
        out = forms.get(form.form) if forms else (word if form.form == "sg" else None)
        if out and form.genitive:
            out = out if out.endswith(("s", "x", "z")) else out + "s"
        return out
    forms = adjective_forms(word)
    return forms.get(form.form) if forms else None


def perfect_with_vaere(verb: str) -> bool:
    """The verb's perfect takes "være" ("er kommet"), also in a compound ("fremkomme")."""
    verbs = data().perfect_with_vaere
    return verb in verbs or any(verb.endswith(v) and verb[:-len(v)] in data().prefixes for v in verbs)
