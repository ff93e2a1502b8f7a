"""Sender clarity: who wrote the letter, which unit, and how the reader gets in touch (Report section "sender").

- analysis.py: SenderInfo and analyse(letter), the one verdict; verdict() decides what is missing.
- contact.py: phone numbers, e-mail and web addresses and contact persons in a letter.
- rules.py: the rules sender.organisation, .unit, .contact, .acronym and .we, which report the verdict.
The organisations (authority names, units, job titles) are looked up in lixcheck/letter/organisations.py, below the
engine, because the title detection needs them too; their names are data (lixcheck/data/senders.yml).
"""

from . import rules  # noqa: F401  (registers the checks)
from .analysis import SenderInfo, analyse
from .rules import sender_info

__all__ = ["SenderInfo", "analyse", "sender_info"]
