"""Danish compound splitting by word frequency: "boligstøttekontoret" → bolig + støtte + kontoret.

A compound is read as a row of known words (parts) from left to right. Every part but the last (the modifiers) may be
followed by a linking element, -s- or -e- ("sags|behandler", "børn|e|have"), and a modifier may be a word that lost
its final -e before the -s- ("arbejd(e)|s|marked"). The last part (the head) may be inflected ("…|indlæggets"), so
it is also looked up by its lemma. Each part must be a word that the dictionary (the lemma table) knows, common in
the frequency list (itself or its lemma), and at least `min_letters` long; short parts ("net", "gen") match by
chance inside long words, so they need a higher Zipf value (`short_zipf`).

Of all readings, the one with the fewest parts wins, then the one whose rarest part is most common, then the one
with fewer linking elements. A word that is
itself in the list is one part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LINKS = ("", "s", "e")


@dataclass(frozen=True)
class Split:
    parts: tuple[str, ...]  # slices of the word, linking elements kept with the part before ("parts", "høring")
    weakest: float  # the lowest Zipf value among the parts
    words: tuple[str, ...] = ()  # the words looked up: parts without linking elements ("part", "høring")
    links: int = 0  # linking elements used: on a tie, fewer wins ("skole|bus", not "skol|e|bus")

    def rank(self) -> tuple[int, float, int]:
        return len(self.parts), -self.weakest, self.links


@dataclass(frozen=True)
class Splitter:
    zipf: Callable[[str], float]  # Zipf value of a word form (0.0 when unknown)
    lemma: Callable[[str], str | None]  # lemma of a word form, or None when the dictionary does not know the form
    min_zipf: float = 3.0  # a part must be at least this common
    min_letters: int = 3  # and at least this long
    short_letters: int = 3  # parts this short …
    short_zipf: float = 4.5  # … must be at least this common
    max_letters: int = 60  # longer "words" are not split (runs of letters, not words)

    def _ok(self, part: str, z: float) -> bool:
        return z >= (self.short_zipf if len(part) <= self.short_letters else self.min_zipf)

    def head_zipf(self, word: str) -> float:
        """The Zipf value of a word form or of its lemma, whichever is higher ("indlæggets" → "indlæg")."""
        z = self.zipf(word)
        lemma = self.lemma(word)
        if lemma and lemma != word:
            z = max(z, self.zipf(lemma))
        return z

    def _part_zipf(self, part: str) -> float:
        """A part counts only when the dictionary knows it: "mer" is common in subtitles but no Danish word."""
        return self.head_zipf(part) if self.lemma(part) is not None else 0.0

    def split(self, word: str) -> Split | None:
        """The best reading of a lower-case word as known parts, or None when there is none."""
        n = len(word)
        if n < self.min_letters or n > self.max_letters:
            return None
        memo: dict[int, Split | None] = {}

        def best(i: int) -> Split | None:
            if i in memo:
                return memo[i]
            found: Split | None = None
            head = word[i:]
            z = self._part_zipf(head) if i else self.head_zipf(head)
            if self._ok(head, z):
                found = Split((head,), z, (head,))
            for j in range(i + self.min_letters, n - self.min_letters + 1):
                stem = word[i:j]
                z_stem = self._part_zipf(stem)  # (its lemma counts too: "øjen|læge" → øje)
                z_e = self._part_zipf(stem + "e") if not stem.endswith("e") else 0.0
                for link in LINKS:
                    k = j + len(link)
                    if k > n - self.min_letters or (link and not word.startswith(link, j)):
                        continue
                    # (a stem that lost its -e- only before the linking -s-: "arbejd(e)s")
                    z_mod, looked_up = (z_e, stem + "e") if link == "s" and z_e > z_stem else (z_stem, stem)
                    if not self._ok(stem, z_mod):
                        continue
                    rest = best(k)
                    if rest is None:
                        continue
                    cand = Split((word[i:k],) + rest.parts, min(z_mod, rest.weakest), (looked_up,) + rest.words,
                                 rest.links + (link != ""))
                    if found is None or cand.rank() < found.rank():
                        found = cand
            memo[i] = found
            return found

        return best(0)
