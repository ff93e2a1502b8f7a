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

