"""Replacements that fit the sentence: a substitution entry's replacements put in the form of the words they replace
(nlp/inflection.py) and checked against their neighbours. A replacement that cannot be made to fit is left out; the
finding keeps a message that names the replacement in its base form.

What is checked, and why (each is a way a one-click fix broke a sentence):
- the form: participle → participle ("fremsendt" → "sendt"), s-passive → s-passive, past → past, present → present,
  imperative → imperative; nouns keep number and definiteness ("skrivelsen" → "brevet"); adjectives their ending;
- a participle's voice: after "har" it is active, after "er/blev/bedes" passive; a verb without a passive ("få")
  cannot replace a passive, and a perfect must keep its auxiliary ("har fundet sted" cannot become "har sket");
- a light verb and a noun whose preposition the new verb drops ("foretaget en vurdering af" → "vurderet") only in
  active sentences, or before a clause ("Der er vurderet, om …"): "Der er vurderet din sag" is not Danish;
- a replacement ending in a preposition ("klage over") is not put in the passive of a verb without one
  ("påklages" → "klages over"), and one ending in a particle ("betale tilbage") not before an object;
- a singular noun of another gender after a gender-marked word ("din skrivelse" → "din brev") is left out;
- a pronoun takes the object form after a verb or a preposition ("kontakt undertegnede" → "kontakt mig");
- "denne" agrees with the noun after it ("nærværende brev" → "dette brev");
- a replacement is never itself a word the same rule flags ("anmodes om" → "bedes om");
- nothing is replaced inside a name ("Vor Frue Kirke");
- a gapped match ("finder reglerne ikke anvendelse", phrases.py) keeps its gap after the new verb and puts the rest
  of the replacement after the gap ("gælder reglerne ikke"; "er du berettiget til" → "har du ret til"), but where the
  phrase's rest starts with a preposition the gap may be the verb's object ("Det har en stigning til følge"), and a
  replacement that ends in a preposition cannot follow it ("fører en stigning til"): none is offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..nlp import inflection
from ..nlp.inflection import Form
from ..nlp.pipeline import lemma_table

EXACT = Form("exact", "exact")  # the matched words are the phrase as written: the replacement as written
_AS_WRITTEN = frozenset((EXACT,))
_LIGHT = object()  # _fit_one's answer when a light-verb rewrite does not fit
_REFUSED = object()  # … when it does not fit for another reason


@dataclass(frozen=True)
class Shape:
    """What fitting needs to know about one phrase of an entry, computed once when the rules are compiled."""

    words: tuple[str, ...]  # the phrase as written, lower case
    reference: str  # a one-word phrase: the form the replacements were written for (the entry's first phrase)
    lemma: str | None  # the base form matched words are read against (None: only the written form fits)
    ends_in_preposition: bool


def shape(phrase: str, first: str, words: list[str]) -> Shape:
    """`words`: the phrase's tokens; `first`: the entry's first phrase ("erholde" for "erholdt")."""
    low = tuple(w.lower() for w in words)
    table = lemma_table()
    reference = low[0]
    lemma = None
    if len(low) == 1:
        base = first.lower()
        if base != reference and " " not in base and inflection.forms_of(reference, base):
            reference = base  # a listed form of the first phrase ("erholdt" of "erholde", "fornødne" of "fornøden")
        if reference.isalpha() and (table.get(reference, reference) == reference or _is_base(reference)):
            lemma = reference
    elif table.get(low[0], low[0]) == low[0] or _is_base(low[0]):
        lemma = low[0]
    return Shape(low, reference, lemma, low[-1] in inflection.data().prepositions)


def _is_base(word: str) -> bool:
    """The table reads a base form as another word ("have" → "hav"), but it has its own forms."""
    return inflection.irregular(word) is not None


def _prev(span):
    """The word before the span in its sentence (lower case), or None."""
    if span.start == 0 or span[0].is_sent_start:
        return None
    return span.doc[span.start - 1]


def _after_determiner(span) -> bool:
    """A determiner before the span, maybe with an adverb between: the span is an adjective ("den tilkendte støtte",
    "den tidligere tilkendte støtte"), not a verb in the past ("Kommunen tilkendte dig støtte")."""
    data = inflection.data()
    doc, i = span.doc, span.start
    for _ in range(3):
        if i == 0 or doc[i].is_sent_start:
            return False
        low = doc[i - 1].lower_
        if low in data.determiners or low in data.possessives:
            return True
        if low not in data.before_participle:
            return False
        i -= 1
    return False


def _next(span):
    if span.end >= len(span.doc) or span.doc[span.end].is_sent_start:
        return None
    return span.doc[span.end]


_OBJECT_REACH = 16  # tokens after the verb in which its object is looked for ("meddeler hermed, i henhold til § 35,
# stk. 1, landzonetilladelse": the object after a parenthetical reference)
_NOUN_ENDINGS = frozenset({"", "n", "en", "et", "r", "er", "ne", "ene", "rne", "erne", "det", "dene"})


def object_follows(span, words: tuple[str, ...]) -> bool:
    """One of ``words`` (nouns, lower case), inflected or ending a compound ("landzonetilladelsen"), later in the
    span's clause: before the sentence ends, a colon or semicolon, or a word that opens another clause ("at", "som"
    …): "Kommunen meddeler hermed landzonetilladelse", not "Vi meddeler dig, at din tilladelse er forlænget"."""
    doc = span.doc
    openers = inflection.data().clause_openers
    for tok in doc[span.end:min(len(doc), span.end + _OBJECT_REACH)]:
        if tok.is_sent_start or tok.text in ".:;!?" or tok.lower_ in openers:
            return False
        low = tok.lower_
        for word in words:
            i = low.rfind(word)
            if i >= 0 and low[i + len(word):] in _NOUN_ENDINGS:
                return True
    return False


def _in_name(span) -> bool:
    """Capitalised inside a sentence and followed by another capital: a name ("i Vor Frue Kirke"), left as it is."""
    first = span[0]
    if not first.text[:1].isupper() or first.is_sent_start:  # (most matches: the word after is not read)
        return False
    nxt = _next(span)
    return nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha


def _voice(span) -> str | None:
    """"active" after a form of "have", "passive" after "er/blev/bedes …" (a few words back in the sentence)."""
    data = inflection.data()
    doc = span.doc
    i = span.start - 1
    while i >= 0 and i >= span.start - 5:
        tok = doc[i]
        if tok.is_punct:
            return None
        low = tok.lower_
        if low in data.have_forms:
            return "active"
        if low in data.passive_auxiliaries:
            return "passive"
        if tok.is_sent_start:
            return None
        i -= 1
    return None


def _pick(forms: set[Form], span) -> Form | None:
    """One form out of several a word can have ("holdt": past or participle; "påse": infinitive or imperative)."""
    if len(forms) == 1:
        return next(iter(forms))
    names = {f.form for f in forms}
    prev = _prev(span)
    if names == {"past", "part_def"}:
        return next(f for f in forms if f.form == ("part_def" if _after_determiner(span) else "past"))
    if names == {"past", "part"}:
        return next(f for f in forms if f.form == ("part" if _voice(span) else "past"))
    if names == {"inf", "imp"}:
        return next(f for f in forms if f.form == ("imp" if prev is None else "inf"))
    if names == {"pres", "imp"}:
        # "gør" of the "gøre" compounds ("Beløbet udgør …", "det beløb, der udgør …"): the present after a word; first
        # in the sentence or after "og", "eller", "men" it may be a command, and that is left open
        if prev is not None and prev.lower_ not in ("og", "eller", "men"):
            return next(f for f in forms if f.form == "pres")
    return None


@dataclass
class Fitted:
    replacements: tuple[str, ...]
    light_verb: str | None = None  # the replacement verb, when a light-verb rewrite was refused


def fit(span, shape_: Shape, replacements: tuple[str, ...], own_words: frozenset[str],
        gap: tuple[int, int] | None = None) -> Fitted:
    """The replacements that fit at `span` (a spaCy Span), each in the matched word's form. `gap`: the doc's token
    range between a gapped match's verb and its rest, which the replacement keeps after its first word."""
    if gap is None:
        matched = [t.lower_ for t in span]
        gap_text = ""
    else:
        doc = span.doc
        matched = [t.lower_ for t in span if not gap[0] <= t.i < gap[1]]
        gap_text = doc.text[doc[gap[0]].idx:doc[gap[1] - 1].idx + len(doc[gap[1] - 1])]
    if len(matched) != len(shape_.words) or _in_name(span):
        return Fitted(())
    if len(matched) == 1:
        head = matched[0]
        if head == shape_.reference:
            forms = _AS_WRITTEN
        elif shape_.lemma is None:
            return Fitted(())
        else:
            forms = inflection.forms_of(head, shape_.lemma)
    else:
        differ = [i for i, (m, w) in enumerate(zip(matched, shape_.words, strict=True)) if m != w]
        if not differ:
            forms = _AS_WRITTEN
        elif differ == [0] and shape_.lemma is not None:
            forms = inflection.forms_of(matched[0], shape_.lemma)
        else:
            return Fitted(())
    out: list[str] = []
    refused_light = None
    data = inflection.data()
    for replacement in replacements:
        if gap_text and len(shape_.words) > 1 and shape_.words[1] in data.prepositions \
                and replacement.rsplit(" ", 1)[-1].lower() in data.prepositions and " " in replacement:
            continue  # "Det har en stigning til følge" ≠ "Det fører en stigning til"
        result = _fit_one(span, shape_, replacement, forms, own_words, gap_text)
        if isinstance(result, str):
            if result not in out:
                out.append(result)
        elif result is _LIGHT and refused_light is None:
            refused_light = replacement
    return Fitted(tuple(out), refused_light)


def _fit_one(span, shape_: Shape, replacement: str, forms: frozenset[Form], own_words: frozenset[str],
             gap_text: str = ""):
    """The replacement in the matched word's form, None when it does not fit, _LIGHT for a refused light verb."""
    data = inflection.data()
    words = replacement.split(" ")
    head = words[0].lower()
    if head == "denne":
        return _determiner(span, words)
    finite = _finite(head)
    if finite is not None:  # a finite verb ("skal betales" for "forfalder til betaling"): only in its own tense
        if forms is not _AS_WRITTEN and Form("verb", finite) not in forms:
            return None
        form = EXACT
    elif forms is _AS_WRITTEN:
        form = EXACT
    else:
        usable, form = _usable(shape_, head, forms)
        if form is None and usable:
            form = _pick(usable, span)
            if form in _BASE_FORMS and form.pos != "verb":
                form = EXACT
        if form is None:
            return None
    new_head = words[0] if form is EXACT else inflection.inflect(head, form)
    if new_head is None:
        return None
    if form.pos == "verb" or form is EXACT and inflection.verb_forms(head) is not None:
        verdict = _verb_fits(span, shape_, form, head, words, bool(gap_text))
        if verdict is not None:
            return _LIGHT if verdict is _LIGHT else None
    if len(shape_.words) == 1 and not _fits_as_noun(span, shape_, form, words):
        return None
    if head in data.pronouns and len(words) == 1 and not _subject_position(span):
        new_head = data.pronouns[head]  # (a pronoun alone: "de nævnte oplysninger" keeps its determiner "de")
    if shape_.reference.endswith("ende") and inflection.is_invariant(head) and not _participle(head):
        prev = _prev(span)
        if prev is not None and prev.lower_ in data.determiners:
            return None  # "den efterfølgende periode" ≠ "den bagefter periode"
    result = " ".join([new_head, gap_text, *words[1:]] if gap_text else [new_head, *words[1:]])
    if _flagged(" ".join([new_head, *words[1:]]), own_words):
        return None
    if span[-1].text.endswith(".") and not result.endswith(".") and _next(span) is None:
        result += "."  # "kontoudtog m.m." ends the sentence: its full stop is the sentence's too
    if ", " in result and not result.endswith((" at", " som")):
        # a whole clause put inside the sentence ends with a comma: "Det, du har søgt om, kræver …" (not a clause
        # that goes on after it: "sådan, at …")
        nxt = _next(span)
        if nxt is not None and not nxt.is_punct:
            result += ","
    return _case(result, span)


@lru_cache(maxsize=4096)
def _finite(word: str) -> str | None:
    """"pres" or "past" when `word` is a finite form of a verb other than its base form ("skal" of "skulle", "kan"
    of "kunne"), else None: such a replacement cannot be put in another form."""
    lemma = lemma_table().get(word)
    if not lemma or lemma == word:
        return None
    forms = inflection.verb_forms(lemma)
    if not forms:
        return None
    return next((f for f in ("pres", "past") if forms.get(f) == word and forms.get("inf") != word), None)


def _participle(word: str) -> bool:
    """A verb's definite participle ("vedlagte" of "vedlægge"): it stands before a noun as the -ende word did."""
    forms = inflection.verb_forms(lemma_table().get(word) or word)
    return bool(forms) and forms.get("part_def") == word


@lru_cache(maxsize=4096)
def _usable(shape_: Shape, head: str, forms: frozenset[Form]) -> tuple[frozenset[Form], Form | None]:
    """The forms to put the replacement's first word in (those the matched word can have and the replacement has),
    and the one to use when the sentence need not decide (None: _pick decides, or none fits)."""
    classes = inflection.word_classes(head)
    mine = inflection.word_classes(shape_.lemma or "")
    if classes & mine:  # both are verbs ("besidde", "have"): not the noun "have" (a garden)
        classes = classes & mine
    usable = {f for f in forms if f.pos in classes}
    if not usable and inflection.is_invariant(head):
        # a word without forms ("vores", "om") replaces a base form, or any form of an adjective-like word
        # ("vort", "vore" → "vores"), but not a noun's or verb's other forms ("ansøgerens" ≠ "du")
        return frozenset(), EXACT if any(f.pos == "adj" or f in _BASE_FORMS for f in forms) else None
    # forms that give the same word need no choice ("nødvendige": adjective or noun plural)
    if len({inflection.inflect(head, f) for f in usable}) != 1:
        return frozenset(usable), None
    if {f.form for f in usable} == {"past", "part_def"}:
        return frozenset(usable), None  # the same word, but a particle fits only the past (_verb_fits): _pick decides
    form = min(usable, key=lambda f: _POS_ORDER.index(f.pos))
    return frozenset(usable), EXACT if form in _BASE_FORMS and form.pos != "verb" else form


def _verb_fits(span, shape_: Shape, form: Form, head: str, words: list[str], gapped: bool = False):
    """Why a verb replacement does not fit its voice and neighbours (_LIGHT or _REFUSED), or None when it fits.
    `gapped`: the rest of the replacement follows the gap, so an inverted subject stands before it."""
    data = inflection.data()
    last = words[-1].lower()
    passive = form.form in ("pass", "past_pass")
    if form.form == "part_def" and len(words) > 1 and (last in data.prepositions or last in data.particles):
        return _REFUSED  # "den påregnede udgift" ≠ "den regnede med udgift": a particle cannot stand before the noun
    if form.form == "part":
        voice = _voice(span)
        lemma = shape_.lemma or ""
        if voice == "passive" and inflection.perfect_with_vaere(lemma):
            voice = "active"  # "er fremkommet", "er bortfaldet": a perfect with "være"
        if voice == "active" and inflection.perfect_with_vaere(lemma) != inflection.perfect_with_vaere(head):
            return _REFUSED  # "har fundet sted" ≠ "har sket"
        passive = voice != "active"
    if passive:
        forms = inflection.verb_forms(head)
        if forms is None or forms["pass"] is None:
            return _REFUSED  # "blive indhentet" ≠ "blive fået"
        if last in data.prepositions and not shape_.ends_in_preposition:
            return _REFUSED  # "påklages" ≠ "klages over"
        if shape_.ends_in_preposition and last not in data.prepositions and len(shape_.words) > 1:
            nxt = _next(span)
            if nxt is None or nxt.text != ",":
                return _LIGHT  # "Der er foretaget en vurdering af sagen" ≠ "Der er vurderet sagen"
    elif last in data.particles and len(words) > 1:
        nxt = _next(span)
        if nxt is not None and not nxt.is_punct and nxt.lower_ not in data.before_object_not:
            return _REFUSED  # "tilbagebetale beløbet" ≠ "betale tilbage beløbet"
    if len(words) > 1 and (last in data.prepositions or last in data.particles) and not shape_.ends_in_preposition \
            and not gapped and _inverted_subject(span):
        return _REFUSED  # "så medfører det gener" ≠ "så fører til det gener"
    return None


def _inverted_subject(span) -> bool:
    """The subject right after the verb (inverted word order): a pronoun that is only a subject ("så medfører du …"),
    or "det"/"den" after a fronted part that ends in a comma or a word after which a subject follows ("…, medfører
    det ikke", "så medfører det gener")."""
    nxt = _next(span)
    if nxt is None:
        return False
    data = inflection.data()
    low = nxt.lower_
    if low in data.subject_pronouns:
        return True
    if low not in ("det", "den"):
        return False
    prev = _prev(span)
    return prev is not None and (prev.text == "," or prev.lower_ in data.subject_after)


_BASE_FORMS = frozenset((Form("verb", "inf"), Form("noun", "sg"), Form("adj", "base")))
_POS_ORDER = ["verb", "noun", "adj", "exact"]


def _fits_as_noun(span, shape_: Shape, form: Form, words: list[str]) -> bool:
    """A one-word phrase replaced by a noun ("skrivelse" → "brev", "præjudikat" → "tidligere dom"): a singular of
    another gender only where the word before says nothing about gender. A phrase that is no noun is not replaced
    by one before a noun ("en subsidiær begrundelse" ≠ "en i anden række begrundelse")."""
    gender_differs, adjective = _noun_checks(shape_, form, tuple(words))
    if gender_differs:
        prev = _prev(span)
        if not (prev is None or prev.is_punct or prev.lower_ in inflection.data().genderless_before_noun):
            return False
    if adjective:
        table = lemma_table()
        nxt = _next(span)
        if nxt is not None and nxt.is_alpha and nxt.is_lower:
            lemma = table.get(nxt.lower_, nxt.lower_)
            if inflection.noun_forms(lemma) is not None and inflection.verb_forms(lemma) is None:
                return False
    return True


@lru_cache(maxsize=4096)
def _noun_checks(shape_: Shape, form: Form, words: tuple[str, ...]) -> tuple[bool, bool]:
    """What _fits_as_noun must look at: (a noun of another or unknown gender replaces a noun's base form, a phrase
    replaces an adjective-like word)."""
    data = inflection.data()
    word = shape_.lemma or shape_.reference
    unknown = word.isalpha() and word not in lemma_table()
    last = words[-1].lower()
    head = inflection.word_classes(words[0].lower())
    verb_phrase = "verb" in head and ("noun" not in head or "verb" in inflection.word_classes(word))
    gender_differs = False
    if form in (EXACT, Form("noun", "sg")) and len(words) <= 2 and not verb_phrase \
            and "noun" in inflection.word_classes(last) and last not in data.pronouns \
            and (unknown or inflection.noun_forms(word) is not None):
        mine = inflection.gender(word)
        gender_differs = mine is None or mine != inflection.gender(last)
    adjective = len(words) > 1 and form is EXACT and (unknown or inflection.adjective_forms(word) is not None)
    return gender_differs, adjective


def _subject_position(span) -> bool:
    prev = _prev(span)
    return prev is None or prev.is_punct or prev.lower_ in inflection.data().subject_after


def _determiner(span, words: list[str]) -> str | None:
    """"denne", "dette" or "disse", as the noun after the span needs; None after another determiner."""
    prev, nxt = _prev(span), _next(span)
    if nxt is None or not nxt.is_alpha or prev is not None and prev.lower_ in inflection.data().determiners:
        return None
    word = nxt.lower_
    lemma = lemma_table().get(word, word)
    forms = {f.form for f in inflection.forms_of(word, lemma) if f.pos == "noun" and not f.genitive}
    if word == lemma and "sg" in forms:
        g = inflection.gender(lemma)
        if g is None:
            return None
        new = "denne" if g == "c" else "dette"
    elif "pl" in forms:
        new = "disse"
    else:
        return None
    return _case(" ".join([new, *words[1:]]), span)


_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}[.)]|[a-zæøå][.)]|[•*–-])?[ \t]*$")


def _case(result: str, span) -> str:
    """Capitalised at the start of a sentence or of a line (maybe after a list number: "5. Fortegnelse"), like the
    words it replaces; inside a sentence, a capital is the polite "De/Deres", which the replacement does not keep
    ("Deres skrivelse af" → "dit brev fra")."""
    first = span[0]
    if first.text[:1].isupper() and result[:1].islower() and (
            first.is_sent_start or _LIST_MARKER.search(span.doc.text, max(0, first.idx - 12), first.idx)):
        return result[:1].upper() + result[1:]
    return result


@lru_cache(maxsize=4096)
def _flagged(result: str, own_words: frozenset[str]) -> bool:
    table = lemma_table()
    return any(w in own_words or table.get(w) in own_words for w in result.lower().split(" "))


def light_verb_example(verb: str) -> tuple[str, str] | None:
    """(present, participle) of a replacement verb, for the message that explains a refused light-verb rewrite."""
    forms = inflection.verb_forms(verb.split(" ")[0].lower())
    if not forms or not forms["pres"] or not forms["part"]:
        return None
    rest = verb.split(" ")[1:]
    return " ".join([forms["pres"], *rest]), " ".join([forms["part"], *rest])
