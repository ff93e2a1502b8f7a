"""Random texts built from pieces that make a pattern match or almost match: the tests that compare a search
shortcut with the plain regular expression feed both the same texts."""

from __future__ import annotations

import random

SEPARATORS = [" ", " ", "  ", "\n", "\n\n", ", ", ".", "-", "_", "/", "\t", "\r\n", "æ", "Ø", "1", "@"]
ODD = ["ſ", "K", "İ", "Σ", "ß", "é", "\u00a0", "\u2028"]  # characters whose case folding in re is not plain lower()


def texts(pieces: list[str], n: int, seed: int, most: int = 14):
    rnd = random.Random(seed)
    for _ in range(n):
        out = []
        for _ in range(rnd.randint(0, most)):
            piece = rnd.choice(pieces)
            roll = rnd.random()
            if roll < 0.15:
                piece = piece.upper()
            elif roll < 0.3:
                piece = piece.title()
            out.append(piece)
            out.append(rnd.choice(SEPARATORS))
        yield "".join(out)
