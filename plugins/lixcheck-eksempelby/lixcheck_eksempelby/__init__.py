"""Eksempelby Kommune's rule pack for lixcheck (an example plugin)."""

from pathlib import Path

RULES = Path(__file__).resolve().parent / "rules"
