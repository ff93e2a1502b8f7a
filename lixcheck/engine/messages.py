"""Message templates: a rule's message may name {match}, {replacement}, {replacements}, {value}, {max}, {expansion}."""

from __future__ import annotations


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **fields) -> str:
    return template.format_map(_Fields(fields))


def match_case(replacement: str, matched: str) -> str:
    """Capitalise a replacement like the text it replaces ("Såfremt" → "Hvis")."""
    if matched[:1].isupper() and not matched.isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def inflect(replacement: str, matched: str, lemma: str) -> str:
    """Carry a regular present/passive ending over to a one-word verb replacement ("fremsendes" → "sendes").

    Only -r/-s/-er/-es on an -e infinitive: past forms are too often irregular to guess ("meddelte" ≠ "fortællte").
    """
    low = matched.lower()
    if " " in replacement or " " in low or low == lemma or not lemma.endswith("e") or not replacement.endswith("e"):
        return replacement
    if low.startswith(lemma):
        suffix = low[len(lemma):]
        return replacement + suffix if suffix in ("r", "s") else replacement
    if low.startswith(lemma[:-1]) and low[len(lemma) - 1:] in ("er", "es"):
        return replacement + low[len(lemma):]
    return replacement
