"""What a decision letter must contain, and the rules that say what is missing (Report section "letter").

Decision letters need a klagevejledning that says where and how to complain and by when (FVL § 25: the appeal
body and the way to hand in a complaint, including the deadline) and a begrundelse (FVL § 22, § 24: the rules, the
main considerations and the facts relied on; a bare §-reference is no reason) — unless the decision fully grants
what was asked for. The Report's ``letter`` section says what is there: ``klagevejledning`` is true when the letter
says where to complain and how (a pointer to a klagevejledning elsewhere is no "how"),
``klagevejledning_parts`` gives each part, ``kind_evidence`` the cues that decided the
letter kind. Partshøring letters
need a deadline (FVL § 19). §-references in running text get a suggestion to say the rule in words.
The phrases that show each part are data (lixcheck/data/letter.yml); analyse() gives the one verdict (LetterInfo),
the rules report it. Rules: decision.klagevejledning, decision.begrundelse, decision.legal-basis,
decision.partshoering-frist, decision.paragraph-reference.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from ..engine import Context, Hit, RuleInfo, register_check
from ..letter import data
from ..letter.view import Letter
from ..model import join_da
from ..search import Anchored, AnyOf, Guarded, any_of, searcher
from ..search.prefilter import SearchSet, fold, needles
from .letter_kind import DECISION, PARTSHOERING, detect_kind, kind_evidence, legal_search, normalise_kind


@dataclass(slots=True)
class LetterInfo:
    kind: str | None
    is_decision: bool
    outcome: str = "unknown"  # approval | refusal | unknown (refusal covers partial grants and demands)
    klage_present: bool = False  # says where to complain, and how or by when
    klage_mentioned: bool = False  # says anything about complaining
    klage_where: bool = False
    klage_how: bool = False
    klage_deadline: bool = False
    klage_span: tuple[int, int] | None = None
    begrundelse: bool = False
    legal_basis: list[str] = field(default_factory=list)
    reply_deadline: bool = False
    kind_evidence: list[dict] = field(default_factory=list)

    def section(self) -> dict:
        return {
            "kind": self.kind,
            "is_decision": self.is_decision,
            "outcome": self.outcome if self.is_decision else None,
            "klagevejledning": self.klage_present,
            "klagevejledning_parts": {"where": self.klage_where, "deadline": self.klage_deadline,
                                      "how": self.klage_how, "mentioned": self.klage_mentioned},
            "begrundelse": self.begrundelse,
            "legal_basis": list(self.legal_basis),
            "reply_deadline": self.reply_deadline,
            "kind_evidence": list(self.kind_evidence),
        }


@dataclass(frozen=True)
class _Searches:
    """The data's phrases (lixcheck/data/letter.yml), compiled once into searches of the search layer."""

    klage_heading: Guarded  # (headings are short: searched plainly once the letter holds the heading's strings)
    klage_mention: Anchored | AnyOf
    klage_where: Anchored | AnyOf
    klage_how: Anchored | AnyOf
    klage_elsewhere: tuple[tuple[re.Pattern, tuple[str, ...] | None], ...]  # "Klagevejledning findes i …": each
    # pattern (plain re: see _searches) with the strings one of which its every match holds
    klage_deadline: Anchored | AnyOf
    reasons: Anchored | AnyOf
    reasons_set: SearchSet  # its parts, for one look-up of which of them can match a letter
    reasons_weak: Guarded | Anchored | None  # searched for its matches: each counts where its sentence has no § ref
    reasons_weak_general: re.Pattern | None  # … and is no general conclusion ("Derfor kan kommunen …") unless it
    reasons_weak_party: re.Pattern | None  # … names a party of the case (the reader, "vi", the applicant)
    legal: Guarded | Anchored
    reply_deadline: Anchored | AnyOf
    negative: Anchored | AnyOf  # outcome: signs of a refusal in the title and the first paragraphs
    negative_body: Anchored | AnyOf | None  # … and anywhere before the klagevejledning
    positive: Anchored | AnyOf
    loan: Anchored | AnyOf | None  # a granted loan: its repayment terms are no refusal
    repayment: re.Pattern | None
    paragraph_ref: re.Pattern  # (it starts with a literal, which re scans for quickly itself)
    paragraph_ref_needles: tuple[str, ...] | None  # one of which each reference holds ("§")
    rules_section_heading: re.Pattern
    reasons_heading: re.Pattern | None  # "Begrundelse", "Kommunens vurdering": running text under it gives reasons
    reasons_not: re.Pattern | None  # a sentence that gives no reason of ours: a party's argument, a general rule
    reasons_if: re.Pattern | None  # a reason word after it in its sentence stands in a condition ("…, hvis …")
    reasons_opening: re.Pattern | None  # a reason clause that opens a sentence ("Da X ikke er …, har vi …")
    conditions_lead: re.Pattern | None  # "Betingelser for at få hjælp:": the list items after it are conditions
    klage_reasons: re.Pattern | None  # inside the klagevejledning, a sentence told in the past can give reasons …
    klage_reasons_not: re.Pattern | None  # … unless it speaks of what the reader may do ("kan", "skal", "senest")


def _list(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def _any_of(value) -> Anchored | AnyOf:
    data.any_of(tuple(_list(value)))  # (a bad pattern is a ConfigError naming it)
    return any_of(_list(value))


@cache
def _searches() -> _Searches:
    d = data.load("letter")
    outcome = d["outcome"]

    def optional(key: str) -> re.Pattern | None:  # (a pattern or list of them that the data may leave out)
        return data.any_of(tuple(_list(d[key]))) if d.get(key) else None

    return _Searches(
        klage_heading=Guarded(data.any_of(tuple(_list(d["klage"]["heading"])))),
        klage_mention=_any_of(d["klage"]["mention"]),
        klage_where=_any_of(d["klage"]["where"]),
        klage_how=_any_of(d["klage"]["how"]),
        # (searched inside the klagevejledning only, after a look for their needles in it: plain patterns, so their
        # common words ("ikke", "står") are no needles of the letter index, which records every needle's places in
        # every letter)
        klage_elsewhere=tuple((p, needles(p)) for p in map(data.compiled, _list(d["klage"].get("elsewhere") or []))),
        klage_deadline=_any_of(d["klage"]["deadline"]),
        reasons=(reasons := _any_of(d["reasons"])),
        reasons_set=SearchSet(getattr(reasons, "parts", (reasons,))),
        reasons_weak=searcher(data.any_of(tuple(_list(d["reasons_weak"])))) if d.get("reasons_weak") else None,
        reasons_weak_general=optional("reasons_weak_general"),
        reasons_weak_party=optional("reasons_weak_party"),
        legal=legal_search(),
        reply_deadline=_any_of(d["reply_deadline"]),
        negative=_any_of(outcome["negative"]),
        negative_body=_any_of(outcome["negative_body"]) if outcome.get("negative_body") else None,
        positive=_any_of(outcome["positive"]),
        loan=_any_of(outcome["loan"]) if outcome.get("loan") else None,
        repayment=data.any_of((outcome["repayment"],)) if outcome.get("loan") else None,
        paragraph_ref=data.compiled(d["paragraph_ref"], 0),
        paragraph_ref_needles=needles(data.compiled(d["paragraph_ref"], 0)),
        rules_section_heading=data.any_of(tuple(_list(d["rules_section_heading"]))),
        reasons_heading=optional("reasons_heading"),
        reasons_not=optional("reasons_not"),
        reasons_if=optional("reasons_if"),
        reasons_opening=optional("reasons_opening"),
        conditions_lead=optional("conditions_lead"),
        klage_reasons=optional("klage_reasons"),
        klage_reasons_not=optional("klage_reasons_not"),
    )


def analyse(letter: Letter, kind: str | None = None) -> LetterInfo:
    """What a letter of ``kind`` (detected when None) contains of what the law asks for."""
    kind = normalise_kind(kind) if kind else detect_kind(letter)
    info = LetterInfo(kind=kind, is_decision=kind == DECISION)
    search = _searches()
    text, folded = letter.text, letter.folded
    region = letter.once(klage_region)  # (the sender analysis reads it too)
    if region:
        info.klage_mentioned = True
        info.klage_span = (region[0][0], min(region[0][1], region[0][0] + 400))
        info.klage_where = any(search.klage_where.found(text, folded, s, e) for s, e in region)
        info.klage_how = any(search.klage_how.found(text, folded, s, e) for s, e in _without_pointers(letter, region))
        info.klage_deadline = any(search.klage_deadline.found(text, folded, s, e) for s, e in region)
        # FVL § 25 asks for the appeal body and the way to complain ("fremgangsmåden … herunder om tidsfrist"): a
        # board and a deadline without the way (the Klageportal, a letter to us, an e-mail) leave the reader stuck.
        info.klage_present = info.klage_where and info.klage_how
    hits = letter.once(kind_evidence)
    info.kind_evidence = [h.section() for h in sorted(hits, key=lambda h: -h.weight)]
    body_end = region[0][0] if region else len(text)
    info.begrundelse = _gives_reasons(letter, region)
    # The legal basis may sit anywhere but in the klagevejledning (whose § 67 is about complaining, not the decision).
    refs = []
    pos = 0
    for s, e in region + [(len(text), len(text))]:
        refs += legal_references(text, pos, s, folded)
        pos = e
    refs = list(dict.fromkeys(refs))
    # "§ 81" beside "§ 81, stk. 1" names nothing more: keep the precise one (the checklist showed both)
    info.legal_basis = [r for r in refs if not any(o != r and o.startswith(r) and o[len(r)] in ", " for o in refs)]
    info.reply_deadline = search.reply_deadline.found(text, folded)
    if info.is_decision:
        info.outcome = decision_outcome(letter, body_end)
    return info


def klage_region(letter: Letter) -> list[tuple[int, int]]:
    """Spans that make up the klagevejledning: sections under a complaint heading, and sentences about complaining
    (each with the rest of its block, and the next paragraph when that mentions complaining too)."""
    search = _searches()
    text, folded, blocks = letter.text, letter.folded, letter.blocks
    heading = search.klage_heading
    # (a "Klagefrist: 1. januar 2015" line taken for a heading is a label with its value, not a section)
    spans = [(sec.start, sec.end) for sec in letter.sections if len(sec.heading.split()) <= 8
             and heading.pattern.search(sec.heading) and not _LABELLED.search(sec.heading)] \
        if heading.possible(text, folded) else []
    mention = search.klage_mention
    sentences = letter.sentences if mention.possible(text, folded) else []
    # A sentence with no needle of the mention in it cannot mention complaining: one look-up of the needles' places
    # for the letter, not one search per sentence.
    places = mention.needle_starts(text, folded) if sentences else None
    for i, s in enumerate(sentences):
        if places is not None:
            k = bisect_left(places, s.start)
            if k == len(places) or places[k] >= s.end:
                continue
        if mention.found(text, folded, s.start, s.end):
            # The sentence and the rest of its block: "Du kan klage. Klagen skal være modtaget inden 4 uger."
            end = blocks[s.block].end
            for t in sentences[i + 1:]:
                if t.block != s.block:
                    nxt = blocks[t.block]
                    if nxt.kind in ("paragraph", "list_item") and t.block == s.block + 1 and mention.found(
                            text, folded, nxt.start, nxt.end):
                        end = nxt.end
                    break
            if text[s.start:end].rstrip().endswith(":"):
                end = _introduced(letter, bisect_right([b.start for b in blocks], end - 1) - 1)
            spans.append((s.start, end))
    return _union(spans)


def _introduced(letter: Letter, index: int) -> int:
    """Where what block ``index`` introduces with its ":" ends: the list items or the short lines of an address after
    it ("Klagen sendes til:" / "Ankestyrelsen" / "7998 Statsservice"), at most six blocks, never past the closing."""
    blocks, text = letter.blocks, letter.text
    end = blocks[index].end
    stop = len(text) if letter.closing is None else letter.closing
    for b in blocks[index + 1:index + 7]:
        lines = text[b.start:b.end].splitlines()
        if b.start >= stop or (b.kind != "list_item" and (len(lines) > 6 or any(
                len(line.split()) > 8 for line in lines))):
            break
        end = b.end
    return end


_LABELLED = re.compile(r":\s*\S")


def _without_pointers(letter: Letter, region: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``region`` with each pointer to a klagevejledning elsewhere cut out ("Læs klagevejledningen på
    www.kommune.dk" says where the guidance is, not how to complain)."""
    pointer = _searches().klage_elsewhere
    if not pointer:
        return region
    out = []
    folded = letter.folded
    for s, e in region:
        window = folded[s:e] if folded is not None else letter.text[s:e].lower()
        cuts = sorted(m.span() for part, must in pointer if must is None or any(n in window for n in must)
                      for m in part.finditer(letter.text, s, e))
        for start, end in cuts:
            if start > s:
                out.append((s, start))
            s = max(s, end)
        if s < e:
            out.append((s, e))
    return out


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _outside(letter: Letter, region: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(index, start, end) of each running-text block that does not start inside ``region`` (sorted spans apart,
    what _union gives), its end cut where a span of the region starts inside it."""
    starts = [s for s, _e in region]
    out = []
    for i, b in enumerate(letter.blocks):
        k = bisect_right(starts, b.start)  # (the spans before span k - 1 end before it starts)
        if (k and b.start < region[k - 1][1]) or not letter.is_running(i):
            continue
        out.append((i, b.start, starts[k] if k < len(starts) and starts[k] < b.end else b.end))
    return out


def _gives_reasons(letter: Letter, region: list[tuple[int, int]]) -> bool:
    """A running-text block outside the klagevejledning (``region``) says why ("fordi", "vi har lagt vægt på" …), or
    draws a conclusion ("derfor") in a sentence that names no legal rule. (Outside it, not only before it: a
    "Klagefrist: …" line may stand at the top of a public notice.) Inside it, a sentence that tells a decision on a
    complaint gives reasons too (_reasons_in_klage)."""
    search = _searches()
    weak = search.reasons_weak
    text, folded = letter.text, letter.folded
    if search.reasons_heading is not None and any(
            len(sec.heading.split()) <= 8 and search.reasons_heading.search(sec.heading)
            and not any(s <= sec.start < e for s, e in region)
            and any(letter.is_running(i) for i in range(sec.first_block, sec.last_block + 1))
            for sec in letter.sections):
        return True
    parts = [search.reasons_set.searches[i] for i in search.reasons_set.which(text, folded)]
    strong_possible = bool(parts)
    weak_possible = weak is not None and weak.possible(text, folded)
    if not (strong_possible or weak_possible):
        return False
    # The running-text blocks outside the klagevejledning, each cut where the klagevejledning starts inside it. Each
    # phrase is searched through the whole letter and its matches placed in these spans (one search per phrase and
    # span it jumps to, not one per phrase and block).
    spans = _outside(letter, region)
    if not spans:
        return _reasons_in_klage(letter, region, parts, weak_possible)
    starts = [s for _i, s, _e in spans]
    if strong_possible:
        for part in parts:
            pos = starts[0]
            while (m := part.search(text, folded, pos)) is not None:
                k = bisect_right(starts, m.start()) - 1
                if k >= 0 and m.start() < spans[k][2] and (
                        m.end() <= spans[k][2] or part.search(text, folded, m.start(), spans[k][2]) is not None):
                    if not _no_reason(letter, m.start()):
                        return True
                    pos = m.end()
                    continue
                if k + 1 >= len(spans):
                    break
                pos = starts[k + 1]
    if weak_possible:
        for m in weak.finditer(text, folded, starts[0]):
            k = bisect_right(starts, m.start()) - 1
            if k < 0 or m.end() > spans[k][2]:
                continue
            i, b_start, end = spans[k]
            sentence = next((s for s in letter.block_sentences(i) if s.start <= m.start() < s.end), None)
            s0, s1 = (sentence.start, sentence.end) if sentence else (b_start, end)
            if _weak_counts(letter, m.start(), (s0, s1)):
                return True
    opening = search.reasons_opening
    if opening is not None:  # (the letter's sentences, split already; tried last, as few letters need it)
        for s in letter.sentences:
            if opening.match(text, s.start, s.end):
                k = bisect_right(starts, s.start) - 1
                if k >= 0 and s.start < spans[k][2] and not _no_reason(letter, s.start, (s.start, s.end)):
                    return True
    return _reasons_in_klage(letter, region, parts, weak_possible)


def _reasons_in_klage(letter: Letter, region: list[tuple[int, int]], parts: list, weak: bool) -> bool:
    """Whether a reason word (of ``parts``, or a weak one where ``weak`` says the letter can hold one) inside the
    klagevejledning stands in a sentence that tells a decision on a complaint in the past ("Begrundelsen var, at
    klagefristen var overskredet", "Enheden lagde vægt på, at …", "Klager var ikke omtalt og var derfor ikke
    klageberettiget"): an appeal body's reasons speak of the complaint, while a klagevejledning speaks of what the
    reader may do ("Du kan klage …", "Klagen skal være modtaget senest …"), and its own reason words ("fordi vi skal
    vurdere sagen igen", "Fristen beregnes fra …") are no reasons for the decision. A weak word counts, as outside,
    only in a sentence that names no legal rule."""
    search = _searches()
    told, not_told = search.klage_reasons, search.klage_reasons_not
    if told is None or not region:
        return False
    text, folded = letter.text, letter.folded
    searches = [(part, False) for part in parts] + ([(search.reasons_weak, True)] if weak else [])
    for s, e in region:
        for part, is_weak in searches:
            for m in part.finditer(text, folded, s, e):
                bounds = letter.sentence_at(m.start())
                if bounds is None:
                    continue
                sentence = text[bounds[0]:bounds[1]]
                if told.search(sentence) and not (not_told is not None and not_told.search(sentence)) \
                        and (_weak_counts(letter, m.start(), bounds) if is_weak else not _no_reason(
                            letter, m.start(), bounds)):
                    return True
    return False


def _weak_counts(letter: Letter, pos: int, bounds: tuple[int, int]) -> bool:
    """Whether the weak reason word ("derfor") at ``pos`` in the sentence ``bounds`` gives a reason: its sentence names
    no legal rule (a legal consequence drawn), is no general conclusion ("Derfor kan kommunen …", "der er derfor
    normalt ikke pligt …") unless it speaks of the case at hand (names a party: the reader, "vi", the applicant; or
    tells in the past what was found or decided: "Nævnet afviste derfor klagen"), and is no party's argument, general
    rule or condition (_no_reason)."""
    search = _searches()
    text, folded = letter.text, letter.folded
    if search.legal.found(text, folded, *bounds) or _no_reason(letter, pos, bounds):
        return False
    general, party, told = search.reasons_weak_general, search.reasons_weak_party, search.klage_reasons
    return general is None or general.search(text, *bounds) is None \
        or any(p is not None and p.search(text, *bounds) is not None for p in (party, told))


def _no_reason(letter: Letter, pos: int, bounds: tuple[int, int] | None = None) -> bool:
    """Whether the reason word at ``pos`` gives no reason of the authority: its sentence (``bounds`` where known) is a
    party's argument ("Klager har gjort gældende, at …, fordi …") or a rule of the general kind, the word stands in a
    condition ("Hvis …", "…, hvis din indkomst har været højere end …"), or in a list of conditions."""
    search = _searches()
    text = letter.text
    if bounds is None:  # (the letter's sentences, which the pipeline has split already: no new split of the block)
        bounds = letter.sentence_at(pos)
    if bounds is not None and (
            (search.reasons_not is not None and search.reasons_not.search(text[bounds[0]:bounds[1]]))
            or (search.reasons_if is not None and search.reasons_if.search(text[bounds[0]:pos]))):
        return True
    return any(s <= pos < e for s, e in letter.once(_condition_lists))


def _condition_lists(letter: Letter) -> list[tuple[int, int]]:
    """The spans of each lead-in that lists conditions ("Betingelser for at få hjælp:") with the list items after
    it."""
    lead_in = _searches().conditions_lead
    if lead_in is None:
        return []
    blocks, text = letter.blocks, letter.text
    out = []
    for i, b in enumerate(blocks):
        if b.kind != "list_item" and text[b.start:b.end].rstrip().endswith(":") \
                and lead_in.search(text[b.start:b.end]):
            end = b.end
            for nxt in blocks[i + 1:]:
                if nxt.kind != "list_item":
                    break
                end = nxt.end
            out.append((b.start, end))
    return out


_SPACES = re.compile(r"\s+")


def legal_references(text: str, start: int = 0, end: int | None = None, folded: str | None = None) -> list[str]:
    seen = []
    for m in _searches().legal.finditer(text, folded, start, len(text) if end is None else end):
        ref = _SPACES.sub(" ", m.group(0)).strip(" ,.")
        if ref and ref not in seen:
            seen.append(ref)
    return seen[:20]


def decision_outcome(letter: Letter, body_end: int) -> str:
    """approval, refusal or unknown, from the title and the first two paragraphs (and strong signs of a refusal
    anywhere before the klagevejledning, which starts at ``body_end``)."""
    search = _searches()
    s, e = letter.lead
    lead = (letter.title.text if letter.title else "") + "\n" + letter.text[s:e]
    lead_folded = fold(lead)  # (once for its four searches)
    refusal = search.negative.found(lead, lead_folded)
    if refusal and search.loan is not None and search.loan.found(lead, lead_folded):
        # Repayment terms of a granted loan are not a refusal; other adverse signs still count.
        refusal = search.negative.found(search.repayment.sub(" ", lead))
    if not refusal and search.negative_body is not None:
        refusal = search.negative_body.found(letter.text, letter.folded, 0, body_end)
    if refusal:
        return "refusal"
    if search.positive.found(lead, lead_folded):
        return "approval"
    return "unknown"


def letter_info(ctx: Context) -> LetterInfo:
    """The letter analysis of ctx's letter (computed by the first rule that asks), also Report section 'letter'."""
    info = ctx.letter.once(analyse, ctx.kind)
    if "letter" not in ctx.sections:
        ctx.sections["letter"] = info.section()
    return info


def _anchor(letter: Letter) -> tuple[int, int]:
    """Where findings about a missing part point: the title, else the first sentence of the first running block
    (else that block, else the first block)."""
    if letter.title and letter.title.start >= 0:
        return letter.title.start, letter.title.end
    for i, b in enumerate(letter.blocks):
        if letter.is_running(i):
            first = letter.block_sentences(i)
            return (first[0].start, first[0].end) if first else (b.start, b.end)
    if letter.blocks:
        return letter.blocks[0].start, letter.blocks[0].end
    return 0, 0


def _missing_part(ctx: Context, rule: RuleInfo) -> list[Hit]:
    s, e = _anchor(ctx.letter)
    return [Hit(rule, s, e)] if e > s else []


def _needs_reasons(info: LetterInfo, params: dict | None) -> bool:
    """FVL § 22 / § 25: a decision that fully grants the application needs neither begrundelse nor klagevejledning."""
    if not info.is_decision:
        return False
    exempt = (params or {}).get("exempt_full_approval", True)
    return not (exempt and info.outcome == "approval")


@register_check("decision.klagevejledning")
def check_klagevejledning(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = letter_info(ctx)
    if not _needs_reasons(info, params):
        return []
    if not info.klage_mentioned:
        return _missing_part(ctx, rule)
    missing = [part for part, ok in (("hvem modtageren skal klage til", info.klage_where),
                                     ("hvordan modtageren klager (fx i Klageportalen eller i et brev til os)",
                                      info.klage_how),
                                     ("hvornår klagen senest skal være sendt", info.klage_deadline)) if not ok]
    if not missing:
        return []
    s, e = info.klage_span
    for sent in ctx.letter.block_sentences(_block_at(ctx.letter, s)):
        if sent.start <= s < sent.end:
            e = sent.end
            break
    else:
        e = min(e, s + 200)
    msg = ("Skriv i klagevejledningen, " + join_da(missing)
           + ". Skriv fx: «Du kan klage til os inden 4 uger efter, at du har fået brevet. Skriv til …»")
    return [Hit(rule, s, e, message=msg)]


def _block_at(letter: Letter, pos: int) -> int:
    for i, b in enumerate(letter.blocks):
        if b.start <= pos < b.end:
            return i
    return len(letter.blocks) - 1


@register_check("decision.begrundelse")
def check_begrundelse(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = letter_info(ctx)
    return _missing_part(ctx, rule) if _needs_reasons(info, params) and not info.begrundelse else []


@register_check("decision.legal-basis")
def check_legal_basis(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = letter_info(ctx)
    return _missing_part(ctx, rule) if _needs_reasons(info, params) and not info.legal_basis else []


@register_check("decision.partshoering-frist")
def check_partshoering_frist(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = letter_info(ctx)
    return _missing_part(ctx, rule) if info.kind == PARTSHOERING and not info.reply_deadline else []


@register_check("decision.paragraph-reference")
def check_paragraph_reference(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """§-references in running text, outside parentheses and outside a rules/klage section at the end."""
    letter_info(ctx)  # keeps the "letter" section present whichever decision rules are on
    letter, search = ctx.letter, _searches()
    text, must = letter.text, search.paragraph_ref_needles
    if must is not None and not any(n in text for n in must):
        return []  # (most letters have no "§")
    skip = [(sec.start, sec.end) for sec in letter.sections
            if search.rules_section_heading.search(sec.heading) and len(sec.heading.split()) <= 8]
    hits = []
    for i, b in enumerate(letter.blocks):
        if must is not None and not any(text.find(n, b.start, b.end) != -1 for n in must):
            continue
        if not letter.is_running(i) or any(s <= b.start < e for s, e in skip):
            continue
        for m in search.paragraph_ref.finditer(text, b.start, b.end):
            if not _in_parentheses(text, b.start, m.start()):
                hits.append(Hit(rule, m.start(), m.end()))
    limit = (params or {}).get("max_per_letter", 5)
    return hits[:limit] if isinstance(limit, int) and limit > 0 else hits


def _in_parentheses(text: str, block_start: int, pos: int) -> bool:
    before = text[block_start:pos]
    return before.count("(") > before.count(")")
