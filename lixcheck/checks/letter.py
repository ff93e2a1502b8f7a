"""Letter kind and what a decision letter must contain (Report section "letter").

detect_kind(document) classifies a letter (decision, partshoering, reminder, invitation, request, information) from
weighted cue phrases in data/letter.yml; the analyser calls it once per document when check() got no kind.
Decision letters need a klagevejledning that says where to complain and by when (FVL § 25) and a begrundelse that
names the legal rules (FVL § 22, § 24) — unless the decision fully grants what was asked for. Partshøring letters
need a deadline (FVL § 19). §-references in running text get a suggestion to say the rule in words.
Rules: decision.klagevejledning, decision.begrundelse, decision.legal-basis, decision.partshoering-frist,
decision.paragraph-reference.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Document
from ..engine import Context, Hit, RuleInfo, register_check
from ..letter import data as gazetteer
from ..letter.view import Letter
from ..search import prefilter, retree
from ..search.anchored import Anchored, anchored
from ..search.prefilter import AnyOf, Guarded, fold, needles

try:
    import ahocorasick
except ImportError:  # (a platform without its wheel: the tests one by one, as for long letters)
    ahocorasick = None

DECISION = "decision"
PARTSHOERING = "partshoering"


def _data() -> dict:
    return gazetteer.load("letter")


def normalise_kind(kind: str | None) -> str | None:
    """'Afgørelse', 'partshøring' … → the kind names lixcheck uses; unknown names are returned lower-cased."""
    if kind is None:
        return None
    k = kind.strip().lower()
    return (_data().get("kind_aliases") or {}).get(k, k)


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[tuple[float, Guarded]]]:
    return {kind: [(float(c["w"]), anchored(Guarded(gazetteer.compiled(c["re"], re.IGNORECASE | re.MULTILINE))))
                   for c in cues]
            for kind, cues in _data()["cues"].items()}


_GROUP_STRINGS = 24  # literal strings per pre-test of a run of patterns (the pre-filter gives up beyond 32)


def _runs(items: list, guarded, flags: int) -> list[tuple[Guarded | None, list]]:
    """``items`` (each with a Guarded, guarded(item)) in runs of a few, with one pre-test per run: a Guarded
    alternation of the run whose strings include every string of every member, so that when it says "not possible"
    no member's own possible() could say otherwise. A letter holds the strings of only a few runs, and the members
    of the other runs cost no test each."""
    runs: list[list] = []
    strings: set[str] = set()
    for item in items:
        own = guarded(item).needles
        if not runs or own is None or guarded(runs[-1][-1]).needles is None \
                or len(strings.union(own)) > _GROUP_STRINGS:
            runs.append([])
            strings = set()
        runs[-1].append(item)
        strings.update(own or ())
    out = []
    for run in runs:
        pre = _pretest([guarded(i).pattern.pattern for i in run], flags) if len(run) > 1 else None
        if pre is not None and not set().union(*(guarded(i).needles for i in run)) <= set(pre.needles):
            pre = None
        out.append((pre, run))
    return out


@lru_cache(maxsize=1)
def _cue_groups() -> dict[str, list[tuple[Guarded | None, list[tuple[float, Guarded]]]]]:
    """Each kind's cues in runs with one pre-test each (see _runs)."""
    return {kind: _runs(cues, lambda cue: cue[1], re.IGNORECASE | re.MULTILINE) for kind, cues in _cues().items()}


@lru_cache(maxsize=16)
def _found_runs(*path: str) -> list[tuple[Guarded | None, list[Guarded]]]:
    return _runs(list(_found(*path).parts), lambda g: g, re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue_strings():
    """An Aho-Corasick automaton of the strings of every cue and pre-test (case-insensitive: lower-cased), for short
    letters: they have no needle index, and one scan says which of the strings occur instead of a str.find for each
    string of each test. None without pyahocorasick (or for a case-sensitive cue)."""
    if ahocorasick is None:
        return None
    strings: set[str] = set()
    for groups in _cue_groups().values():
        for pre, cues in groups:
            for g in ([pre] if pre is not None else []) + [rx for _, rx in cues]:
                if not g.ignorecase:
                    return None
                strings.update(g.needles or ())
                strings.update(g.needles2 or ())
    if not strings:
        return None
    automaton = ahocorasick.Automaton()
    for s in strings:
        automaton.add_word(s, s)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _cue_version() -> int | None:
    """The needle-index version that holds every cue's and pre-test's strings (None: some are not in it)."""
    return prefilter.tests_version(g for groups in _cue_groups().values() for pre, cues in groups
                                   for g in ([pre] if pre is not None else []) + [rx for _, rx in cues])


def _holds(present: set[str], g) -> bool:
    """g.possible(text) of a case-insensitive test, from the set of its strings that occur in the folded text."""
    if g.needles is None:
        return True
    return not present.isdisjoint(g.needles) and (g.needles2 is None or not present.isdisjoint(g.needles2))


def _within(text: str, folded: str | None, *path: str) -> AnyOf:
    """_found(*path).within(text, folded), with the alternatives tested run by run (see _runs)."""
    keep = []
    for pre, members in _found_runs(*path):
        if pre is None or pre.possible(text, folded):
            keep.extend(g for g in members if g.possible(text, folded))
    return AnyOf((), parts=tuple(keep))


def _pretest(patterns: list[str], flags: int = re.IGNORECASE) -> Guarded | None:
    """One Guarded over the alternation of ``patterns``, for its possible() only: False there means that none of the
    patterns can match in the window. None when it cannot serve (a back-reference, a pattern that cannot be joined,
    or no strings to test)."""
    joined = prefilter.joined(patterns, flags)
    return joined if joined is not None and joined.needles is not None and joined.needles2 is None else None


@lru_cache(maxsize=16)
def _data_pretest(*path: str) -> Guarded | None:
    """_pretest of the data's regexes at a key path."""
    value = _data()
    for key in path:
        value = value[key]
    return _pretest(value if isinstance(value, list) else [value])


def kind_scores(letter: Letter, prune: bool = False) -> dict[str, float]:
    """Weighted cue score per kind; cues in the title and the first two paragraphs count lead_factor times.
    ``prune``: a kind that could not be detect_kind's answer is left out, unsearched."""
    data = _data()
    factor = float(data.get("lead_factor", 2))
    min_score = float(data.get("min_score", 2))
    text = letter.text
    lead_start, lead_end = letter.lead
    t = letter.title
    title = t.text if t else ""
    title_apart = t is not None and t.start < 0  # a title from metadata only; else text[t.start:t.end]
    folded = letter.folded
    # the title is the text's own text[t.start:t.end] (else it comes from metadata, or there is none)
    title_inside = bool(title) and not title_apart and folded is not None and text[t.start:t.end] == title
    present = None  # the cue strings that occur in the letter: one set answers each test's possible()
    if folded is not None and len(folded) < prefilter.INDEX_MIN and _cue_strings() is not None:
        present = {s for _, s in _cue_strings().iter(folded)}  # a short letter: one scan of its own
    elif folded is not None:
        present = prefilter.present_strings(folded, _cue_version())  # from the letter's needle index
    prune = prune and not (title and title_apart)  # (a title from metadata can match without a needle in the text)
    scores: dict[str, float] = {}
    best = None
    for kind, groups in _cue_groups().items():
        cues_in = []  # the cues that can match: their needles are in the text (a title in the text is part of it)
        for pre, cues in groups:
            if pre is not None and not (title and title_apart) and not (
                    pre.possible(text, folded) if present is None else _holds(present, pre)):
                continue  # none of the members' strings in the text: no member can add anything
            for w, rx in cues:
                # no needle in the text: no search in it (or its title) can match ((_holds, written out))
                if present is None:
                    in_text = rx.possible(text, folded)
                else:
                    needles, needles2 = rx.needles, rx.needles2
                    in_text = needles is None or (not present.isdisjoint(needles) and (
                        needles2 is None or not present.isdisjoint(needles2)))
                if in_text or title_apart:
                    cues_in.append((w, rx, in_text))
        if prune:
            # a cue adds 0, w or w * factor: their largest, summed in the same order, bounds the score; a kind that
            # cannot reach min_score nor beat an earlier kind (a tie goes to the first) needs no searches
            bound = 0.0
            for w, _, _ in cues_in:
                bound += max(0.0, w, w * factor)
            if bound < min_score or (best is not None and bound <= best):
                continue
        total = 0.0
        for w, rx, in_text in cues_in:
            if in_text and title_inside and isinstance(rx, Anchored):
                # the lead and the whole text in one walk over the candidate places; the title (a part of the
                # text) only matters when the lead has no match, and can only match where a needle lies in it
                in_lead, anywhere = rx.in_window_and_text(text, folded, lead_start, lead_end)
                if in_lead or (rx.holds_needle(text, folded, t.start, t.end) and rx.pattern.search(title)):
                    total += w * factor
                elif anywhere:
                    total += w
            # (a title is one line: a plain search of it costs less than looking for the pattern's strings first)
            elif title and rx.pattern.search(title):
                total += w * factor
            elif in_text:
                if isinstance(rx, Anchored):  # the lead and the whole text in one walk over the candidate places
                    in_lead, anywhere = rx.in_window_and_text(text, folded, lead_start, lead_end)
                else:
                    in_lead = rx.search(text, folded, lead_start, lead_end) is not None
                    anywhere = in_lead or rx.search(text, folded) is not None
                if in_lead:
                    total += w * factor
                elif anywhere:
                    total += w
        scores[kind] = total
        if best is None or total > best:
            best = total
    return scores


def detect_kind(letter: Letter) -> str:
    """The letter kind, from cue phrases: decision, partshoering, reminder, invitation, request or information."""
    scores = kind_scores(letter, prune=True)  # (a kind left out cannot be the answer)
    best = max(scores, key=lambda k: scores[k]) if scores else None
    if best is None or scores[best] < float(_data().get("min_score", 2)):
        return "information"
    return best


@dataclass(slots=True)
class LetterInfo:
    kind: str | None
    is_decision: bool
    outcome: str = "unknown"  # approval | refusal | unknown (refusal covers partial grants and demands)
    klage_present: bool = False
    klage_where: bool = False
    klage_deadline: bool = False
    klage_span: tuple[int, int] | None = None
    begrundelse: bool = False
    legal_basis: list[str] = field(default_factory=list)
    reply_deadline: bool = False
    _anchor: tuple[int, int] | None = None
    _letter: Letter | None = field(default=None, repr=False, compare=False)

    @property
    def anchor(self) -> tuple[int, int]:
        """Where findings about missing parts point: the title, else the first sentence of the first running block
        (looked for on first use: most letters get no such finding)."""
        if self._anchor is None:
            self._anchor = _first_sentence(self._letter) if self._letter is not None else (0, 0)
        return self._anchor

    @anchor.setter
    def anchor(self, value: tuple[int, int]) -> None:
        self._anchor = value

    def section(self) -> dict:
        return {
            "kind": self.kind,
            "is_decision": self.is_decision,
            "outcome": self.outcome if self.is_decision else None,
            "klagevejledning": self.klage_present,
            "klagevejledning_parts": {"where": self.klage_where, "deadline": self.klage_deadline},
            "begrundelse": self.begrundelse,
            "legal_basis": list(self.legal_basis),
            "reply_deadline": self.reply_deadline,
        }


def _any(patterns) -> re.Pattern:
    return gazetteer.any_of(tuple(patterns) if isinstance(patterns, list) else (patterns,))


@lru_cache(maxsize=64)
def _guarded(*path: str) -> Guarded:
    """The data's regex(es) at a key path, e.g. ("klage", "mention"), compiled once (the data never changes)."""
    value = _data()
    for key in path:
        value = value[key]
    return Guarded(_any(value if isinstance(value, list) else [value]))


@lru_cache(maxsize=64)
def _found(*path: str) -> AnyOf:
    """Like _guarded, for where only whether the data's regexes match counts (each alternative pre-filtered)."""
    value = _data()
    for key in path:
        value = value[key]
    plain = AnyOf(value if isinstance(value, list) else [value])
    return AnyOf((), parts=tuple(anchored(g) for g in plain.parts))


@lru_cache(maxsize=64)
def _any_of(*path: str) -> Anchored | AnyOf:
    """Whether one of the data's regexes at a key path matches in a window: found(text, folded, pos, endpos).
    The alternation of all of them, tried only near its needles (Anchored: one needle lookup per letter, then a
    bisect per window), where its shape allows; else _found(*path). An alternation matches in a window exactly
    when one of its alternatives does."""
    plain = _found(*path)
    if len(plain.parts) == 1 and isinstance(plain.parts[0], Anchored):
        return plain.parts[0]
    patterns = [g.pattern.pattern for g in plain.parts]
    joined = prefilter.joined(patterns) if len(patterns) > 1 else None
    joined = anchored(joined) if joined is not None else None
    return joined if isinstance(joined, Anchored) else plain


def klage_region(letter: Letter) -> list[tuple[int, int]]:
    """Spans that make up the klagevejledning: sections under a complaint heading, and sentences about complaining."""
    document, text, folded = letter.document, letter.text, letter.folded
    spans = []
    heading = _guarded("klage", "heading")
    if heading.possible(text, folded):  # (a heading is part of the text: without the strings in it, none matches)
        heading = heading.pattern  # (headings are short: a plain search is quickest)
        for sec in letter.sections:
            if len(sec.heading.split()) <= 8 and heading.search(sec.heading):
                spans.append((sec.start, sec.end))
    sentences = letter.sentences
    mention = _any_of("klage", "mention")
    any_mention = _data_pretest("klage", "mention") or mention  # all alternatives in one: one test of their strings
    if any_mention.possible(text, folded):
        if isinstance(mention, AnyOf):
            mention = mention.within(text, folded)  # the alternatives that can match in this letter
    else:
        sentences = ()  # no sentence can mention complaining
    blocks = document.blocks
    offsets = any_mention.needle_starts(text, folded) if sentences and isinstance(any_mention, Guarded) else None
    if offsets is not None:
        # Only a sentence that holds one of the strings can mention complaining: the sentences (in text order, as
        # split gives them) where one occurs, looked up from the letter's needle index.
        starts = [s.start for s in sentences]
        candidates = sorted({bisect_right(starts, p) - 1 for p in offsets} - {-1})
    else:
        candidates = range(len(sentences))
    in_block: dict[int, bool] = {}  # block → whether a mention can lie in it: one test per block, not per sentence
    for i in candidates:
        s = sentences[i]
        b = blocks[s.block]
        possible = offsets is not None or in_block.get(s.block)
        if possible is None:
            possible = in_block[s.block] = any_mention.possible(text, folded, b.start, b.end)
        if (possible or not b.start <= s.start <= s.end <= b.end) and mention.found(text, folded, s.start, s.end):
            # The sentence and the rest of its block: "Du kan klage. Klagen skal være modtaget inden 4 uger."
            block = document.blocks[s.block]
            end = block.end
            for t in sentences[i + 1:]:
                if t.block != s.block:
                    nxt = document.blocks[t.block]
                    if nxt.kind in ("paragraph", "list_item") and t.block == s.block + 1 and mention.found(
                            text, folded, nxt.start, nxt.end):
                        end = nxt.end
                    break
            spans.append((s.start, end))
    return _union(spans)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class _FirstOf:
    """finditer() of the alternation (?:p1)|(?:p2)|… with exactly its matches, each alternative searched on its own.

    At each place the alternation takes the first alternative that matches there, and the leftmost place wins: so its
    next match is the leftmost of the alternatives' next matches (the first alternative on a tie). Searched apart,
    each alternative has its own pre-filter (most start with a literal, "§" or "lov om", and are only tried where it
    occurs) instead of one regex trying every alternative at every position of the letter."""

    def __init__(self, patterns: list[str], flags: int = re.IGNORECASE):
        whole = gazetteer.any_of(tuple(patterns), flags)  # compiled (and checked) as the data's alternation
        parts = [whole]
        if len(patterns) > 1 and not any(map(prefilter.refers_to_groups, patterns)):  # (group numbers would change)
            try:
                apart = [re.compile(p, flags) for p in patterns]
            except (re.error, RecursionError):
                apart = []
            if apart and not any(_can_be_empty(p) for p in apart):  # empty matches: finditer has its own rules
                parts = apart
        self.parts = [anchored(Guarded(p)) for p in parts]

    def finditer(self, text: str, folded: str | None, pos: int, end: int):
        parts = self.parts
        if len(parts) == 1:
            yield from parts[0].finditer(text, folded, pos, end)
            return
        nxt = [g.search(text, folded, pos, end) for g in parts]  # each alternative's leftmost match from pos
        while True:
            best = None
            for m in nxt:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()
            # A match starting at or after pos is still the alternative's leftmost one from pos; None stays None.
            nxt = [m if m is None or m.start() >= pos else g.search(text, folded, pos, end)
                   for g, m in zip(parts, nxt, strict=True)]


_SPACES = re.compile(r"\s+")


def _can_be_empty(pattern: re.Pattern) -> bool:
    try:
        tree = retree.parse(pattern.pattern, pattern.flags)
        return tree is None or tree.width()[0] == 0
    except (re.error, RecursionError):
        return True


@lru_cache(maxsize=1)
def _legal() -> Anchored | _FirstOf:
    """The legal-reference search: finditer(text, folded, pos, end) of the data's alternation. As one pattern tried
    only near its needles where its shape allows (one walk per window); else alternative by alternative."""
    value = _data()["legal"]
    patterns = value if isinstance(value, list) else [value]
    whole = anchored(Guarded(gazetteer.any_of(tuple(patterns))))
    return whole if isinstance(whole, Anchored) else _FirstOf(patterns)


def legal_references(text: str, start: int = 0, end: int | None = None, folded: str | None = None) -> list[str]:
    seen = []
    for m in _legal().finditer(text, folded, start, len(text) if end is None else end):
        ref = _SPACES.sub(" ", m.group(0)).strip(" ,.")
        if ref and ref not in seen:
            seen.append(ref)
    return seen[:20]


class _Lead:
    """The title and the first paragraphs as decision_outcome reads them: one string, title + "\n" + text[start:end].
    found() gives what searching that string gives. For an Anchored search, the places of its needles in the string
    are those in the title (one scan of a short string) and those of the letter's own index inside text[start:end]
    (no needle holds the line break between): the string gets no fold and no needle index of its own."""

    __slots__ = ("title", "title_folded", "text", "folded", "start", "end", "string")

    def __init__(self, title: str, text: str, folded: str | None, start: int, end: int):
        self.title, self.text, self.folded, self.start, self.end = title, text, folded, start, end
        self.title_folded = fold(title)
        self.string = title + "\n" + text[start:end]

    def found(self, rx) -> bool:
        if not isinstance(rx, Anchored) or self.title_folded is None or self.folded is None:
            return rx.found(self.string)
        offsets = rx.places(self.title_folded if rx.anchor.ignorecase else self.title)
        inside = rx.offsets(self.text, self.folded) if offsets is not None else None
        if inside is None:
            return rx.found(self.string)
        shift = len(self.title) + 1 - self.start
        offsets += [p + shift for p in inside[bisect_left(inside, self.start):bisect_left(inside, self.end)]]
        return rx.found_at(self.string, offsets)


def decision_outcome(letter: Letter, region: list[tuple[int, int]]) -> str:
    data = _data()["outcome"]
    s, e = letter.lead
    title_text = letter.title.text if letter.title else ""
    document = letter.document
    lead = _Lead(title_text, letter.text, letter.folded, s, e)
    neg = lead.found(_any_of("outcome", "negative"))
    if neg and data.get("loan") and lead.found(_any_of("outcome", "loan")):
        # Repayment terms of a granted loan are not a refusal; other adverse signs still count.
        rest = _any([data["repayment"]]).sub(" ", lead.string)
        neg = _any_of("outcome", "negative").found(rest)
    body_end = region[0][0] if region else len(document.text)
    if not neg and data.get("negative_body"):
        neg = _any_of("outcome", "negative_body").found(letter.text, letter.folded, 0, body_end)
    pos = lead.found(_any_of("outcome", "positive"))
    if neg:
        return "refusal"
    if pos:
        return "approval"
    return "unknown"


def analyse(letter: Letter, kind: str | None = None) -> LetterInfo:
    """What a letter of ``kind`` (detected when None) contains of what the law asks for."""
    kind = normalise_kind(kind) if kind else detect_kind(letter)
    info = LetterInfo(kind=kind, is_decision=kind == DECISION)
    document, text, folded = letter.document, letter.text, letter.folded
    t = letter.title
    if t and t.start >= 0:
        info.anchor = (t.start, t.end)
    else:
        info._letter = letter  # the anchor is found when a finding needs it
    region = klage_region(letter)
    if region:
        info.klage_present = True
        info.klage_span = (region[0][0], min(region[0][1], region[0][0] + 400))
        where = _any_of("klage", "where")
        deadline = _any_of("klage", "deadline")
        info.klage_where = any(where.found(text, folded, s, e) for s, e in region)
        info.klage_deadline = any(deadline.found(text, folded, s, e) for s, e in region)
    body_end = region[0][0] if region else len(text)
    reasons = _any_of("reasons")
    if isinstance(reasons, AnyOf):
        reasons = _within(text, folded, "reasons")  # the alternatives that can match in this letter
    for i, b in enumerate(document.blocks if reasons.possible(text, folded) else ()):
        if b.start >= body_end:
            break
        end = min(b.end, body_end)
        if reasons.found(text, folded, b.start, end) and letter.is_running(i):
            info.begrundelse = True
            break
    # The legal basis may sit anywhere but in the klagevejledning (whose § 67 is about complaining, not the decision).
    refs = []
    pos = 0
    for s, e in region + [(len(text), len(text))]:
        refs += legal_references(text, pos, s, folded)
        pos = e
    info.legal_basis = list(dict.fromkeys(refs))
    info.reply_deadline = _any_of("reply_deadline").found(text, folded)
    if info.is_decision:
        info.outcome = decision_outcome(letter, region)
    return info


def _first_sentence(letter: Letter) -> tuple[int, int]:
    """The first sentence of the first running block (else that block, else the first block, else (0, 0))."""
    for i, b in enumerate(letter.blocks):
        if letter.is_running(i):
            first = letter.block_sentences(i)
            return (first[0].start, first[0].end) if first else (b.start, b.end)
    if letter.blocks:
        return letter.blocks[0].start, letter.blocks[0].end
    return 0, 0


def letter_info(ctx: Context) -> LetterInfo:
    """The letter analysis of ctx's letter (computed by the first rule that asks), also Report section 'letter'."""
    info = ctx.letter.once(analyse, ctx.kind)
    if "letter" not in ctx.sections:
        ctx.sections["letter"] = info.section()
    return info


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
    if not info.klage_present:
        s, e = info.anchor
        return [Hit(rule, s, e)] if e > s else []
    missing = [part for part, ok in (("hvem modtageren skal klage til", info.klage_where),
                                     ("hvornår klagen senest skal være sendt", info.klage_deadline)) if not ok]
    if not missing:
        return []
    s, e = info.klage_span
    for sent in ctx.letter.block_sentences(_block_at(ctx.document, s)):
        if sent.start <= s < sent.end:
            e = sent.end
            break
    else:
        e = min(e, s + 200)
    msg = ("Skriv i klagevejledningen, " + ", og ".join(missing)
           + ". Skriv fx: «Du kan klage til os inden 4 uger efter, at du har fået brevet. Skriv til …»")
    return [Hit(rule, s, e, message=msg)]


def _block_at(document: Document, pos: int) -> int:
    for i, b in enumerate(document.blocks):
        if b.start <= pos < b.end:
            return i
    return len(document.blocks) - 1


@register_check("decision.begrundelse")
def check_begrundelse(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = letter_info(ctx)
    if not _needs_reasons(info, params) or info.begrundelse:
        return []
    s, e = info.anchor
    return [Hit(rule, s, e)] if e > s else []


@register_check("decision.legal-basis")
def check_legal_basis(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = letter_info(ctx)
    if not _needs_reasons(info, params) or info.legal_basis:
        return []
    s, e = info.anchor
    return [Hit(rule, s, e)] if e > s else []


@register_check("decision.partshoering-frist")
def check_partshoering_frist(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    info = letter_info(ctx)
    if info.kind != PARTSHOERING or info.reply_deadline:
        return []
    s, e = info.anchor
    return [Hit(rule, s, e)] if e > s else []


@register_check("decision.paragraph-reference")
def check_paragraph_reference(ctx: Context, rule: RuleInfo, params: dict | None = None) -> list[Hit]:
    """§-references in running text, outside parentheses and outside a rules/klage section at the end."""
    letter_info(ctx)  # keeps the "letter" section present whichever decision rules are on
    letter = ctx.letter
    doc = ctx.document
    text = doc.text
    rx, must = _paragraph_ref()
    if must is not None and not any(n in text for n in must):
        return []  # no "§" in the letter
    skip = None  # the rules sections (looked up once a block has a reference)
    hits = []
    single = must[0] if must is not None and len(must) == 1 else None
    for i, b in enumerate(doc.blocks):
        # the cheap tests first: most blocks have no §-reference, and then whether they are running text is moot
        if single is not None and text.find(single, b.start, b.end) == -1:
            continue
        matches = list(rx.finditer(text, b.start, b.end))
        if not matches or not letter.is_running(i):
            continue
        if skip is None:
            section_re = _guarded("rules_section_heading")
            skip = [(sec.start, sec.end) for sec in letter.sections
                    if section_re.search(sec.heading) and len(sec.heading.split()) <= 8]
        if any(s <= b.start < e for s, e in skip):
            continue
        for m in matches:
            if _in_parentheses(text, b.start, m.start()):
                continue
            hits.append(Hit(rule, m.start(), m.end()))
    limit = (params or {}).get("max_per_letter", 5)
    return hits[:limit] if isinstance(limit, int) and limit > 0 else hits


@lru_cache(maxsize=1)
def _paragraph_ref() -> tuple[re.Pattern, tuple[str, ...] | None]:
    """The pattern, and strings one of which each match contains ("§"). A plain pattern, not a Guarded: it starts
    with a literal, which re scans for quickly itself (a block at a time)."""
    rx = gazetteer.compiled(_data()["paragraph_ref"], 0)
    return rx, needles(rx)


def _in_parentheses(text: str, block_start: int, pos: int) -> bool:
    before = text[block_start:pos]
    return before.count("(") > before.count(")")
