"""The Letter view: one document as the letter checks read it, each part found on first use and then kept.

Rules reach it as ``ctx.letter`` (one view per check()). Five sender rules, five decision rules, the template rules
and the letter-kind detection all ask for the same title, closing line, sender lines and sentences; the view finds
each once. Checks keep their own verdict on it with ``letter.once(analyse)``: computed by the first rule that asks.

    letter.title            Title (text, start, end, source) or None
    letter.salutation       index of the "Kære …" block, or None
    letter.body_start       index of the first running-text block after the salutation (the letterhead ends there)
    letter.closing          offset of the last closing line ("Med venlig hilsen"), or None
    letter.sender_lines     Lines of letterhead, signature, footer and page headers (letterhead, signature: parts)
    letter.lead             (start, end) of the title and the first two running-text blocks
    letter.sections         heading-led sections of the body
    letter.sentences        the document's sentences; block_sentences(i): one block's, split on their own
    letter.sentence_at(pos) (start, end) of the sentence that holds offset pos, or None
    letter.folded           the text lower-cased for the search layer (its needle index is built once, with it)
    letter.authorities      every registered authority named in the text (authorities.by_name, one pass)
    letter.names_in(s, e)   by_name of a slice of the text, from that one pass
    letter.tested(f, text)  f(text) of a line's text, kept (the sender analysis tests some lines several times)
    letter.is_letter        a whole letter rather than a pasted paragraph
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property
from typing import Any

from ..document import Document
from ..nlp.sentences import Sentence, split
from ..search.prefilter import Folded, fold_letter
from . import anatomy, authorities
from .anatomy import Line, Section, Title
from .authorities import NameMatch

_MISSING = object()  # (None is a value a verdict may have)


class Letter:
    def __init__(self, document: Document, sentences: list[Sentence] | None = None):
        self.document = document
        self.text = document.text
        self.blocks = document.blocks
        self._sentences = sentences  # the analyser's (split with the configuration's rules), when it has them
        self._block_sentences: dict[int, list[Sentence]] = {}
        self._running: dict[int, bool] = {}
        self._once: dict[tuple, Any] = {}
        self._tested: dict[tuple, Any] = {}

    def once(self, compute: Callable[..., Any], *args) -> Any:
        """compute(self, *args), computed on the first call with these arguments and kept with the view."""
        key = (compute, *args)
        value = self._once.get(key, _MISSING)
        if value is _MISSING:
            value = self._once[key] = compute(self, *args)
        return value

    def tested(self, test: Callable[[str], Any], text: str) -> Any:
        """test(text), kept with the view: the sender analysis asks the same tests of the same line (a letterhead
        line that is also in the signature, a line after the name, the block around the sender's address)."""
        key = (test, text)
        value = self._tested.get(key, _MISSING)
        if value is _MISSING:
            value = self._tested[key] = test(text)
        return value

    @cached_property
    def folded(self) -> Folded | None:
        return fold_letter(self.text)

    @cached_property
    def names(self) -> authorities.Names:
        return authorities.Names(self.text)

    @cached_property
    def authorities(self) -> list[NameMatch]:
        return self.names.matches

    def names_in(self, start: int, end: int) -> list[NameMatch]:
        """What authorities.by_name(text[start:end]) gives (spans relative to ``start``), without a scan of its own."""
        return self.names.within(start, end)

    def authorities_in(self, start: int, end: int) -> list[NameMatch]:
        """The authorities named wholly inside text[start:end]."""
        return [m for m in self.authorities if start <= m.start and m.end <= end]

    @cached_property
    def body_start(self) -> int:
        return anatomy.first_running(self.document)

    @cached_property
    def salutation(self) -> int | None:
        return anatomy.salutation_block(self.document, self.body_start)

    @cached_property
    def title_block(self) -> int | None:
        return anatomy.title_block(self.document, self.body_start, self.names_in)

    @cached_property
    def title(self) -> Title | None:
        return anatomy.find_title(self.document, self.title_block)

    @cached_property
    def closing(self) -> int | None:
        return anatomy.closing_position(self.document)

    @cached_property
    def sender_lines(self) -> list[Line]:
        return anatomy.sender_lines(self.document, self.title_block, self.closing, self.body_start)

    @property
    def letterhead(self) -> list[Line]:
        return [ln for ln in self.sender_lines if ln.zone == "header"]

    @property
    def signature(self) -> list[Line]:
        return [ln for ln in self.sender_lines if ln.zone == "signature"]

    @cached_property
    def lead(self) -> tuple[int, int]:
        return anatomy.lead_text(self.document, 2)

    @cached_property
    def sections(self) -> list[Section]:
        return anatomy.sections(self.document)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return self._sentences if self._sentences else split(self.text, self.blocks)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        """(start, end) of the sentence that holds offset ``pos``; None between sentences."""
        k = bisect_right(self._sentence_starts, pos) - 1
        if k < 0 or pos >= self.sentences[k].end:
            return None
        return self.sentences[k].start, self.sentences[k].end

    def block_sentences(self, index: int) -> list[Sentence]:
        """The sentences of one block, split on its own (with the default rules)."""
        found = self._block_sentences.get(index)
        if found is None:
            found = self._block_sentences[index] = split(self.text, [self.blocks[index]])
        return found

    def is_running(self, index: int) -> bool:
        """anatomy.is_running, kept per block (the decision checks ask it of every block, some blocks twice)."""
        running = self._running.get(index)
        if running is None:
            running = self._running[index] = anatomy.is_running(self.document, index)
        return running

    @cached_property
    def is_letter(self) -> bool:
        return anatomy.looks_like_letter(self.document, self.closing)
