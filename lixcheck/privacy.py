"""CPR numbers never leave lixcheck in full: every Report, finding, log line and stored row is masked here.

The mask keeps the length (the last four digits become XXXX, the separator stays), so offsets into a masked text
are the same as into the original and ``finding.text == report.text[offset:offset + length]`` still holds.
It masks every CPR-shaped number (six digits, optional dash or space, four digits), valid date or not: showing a
bank account's last digits as XXXX is a small price for never echoing a CPR number.
"""

from __future__ import annotations

import re

import orjson

CPR_SHAPED = re.compile(r"(?<![\d])(\d{6})([-‐‑– ]?)(\d{4})(?!\d)")
_SIX_DIGITS = re.compile(r"\d\d\d\d\d\d")  # every CPR-shaped number starts with six digits (\d{6} scans slower)


_last_six: tuple[str | None, int] = (None, -1)  # the last long text asked about, and its answer (kept in memory only)
_KEEP_FROM = 256  # characters: shorter texts (messages, titles) are scanned again rather than pushing a letter out


def six_digits_at(text: str) -> int:
    """Where the first run of six digits in ``text`` starts, or -1: every CPR-shaped number starts with one. The
    answer for the last long text is kept, so that the CPR rule and the Report's mask scan a letter once."""
    global _last_six
    last = _last_six
    if last[0] is text:
        return last[1]
    m = _SIX_DIGITS.search(text)
    at = -1 if m is None else m.start()
    if len(text) >= _KEEP_FROM:
        _last_six = (text, at)  # (assigned whole: another thread's pair is simply a miss)
    return at


def forget() -> None:
    """Drop the last text that six_digits_at() keeps (called when a check ends: no letter stays in memory)."""
    global _last_six
    _last_six = (None, -1)


def mask_cpr(text: str) -> str:
    """``text`` with the last four digits of every CPR-shaped number replaced by XXXX; same length; idempotent."""
    if not text or six_digits_at(text) < 0:
        return text
    return CPR_SHAPED.sub(lambda m: f"{m.group(1)}{m.group(2)}XXXX", text)


def mask_json(value):
    """Every string inside a JSON-like value (dicts, lists) passed through mask_cpr (the value itself comes back
    when no string in it holds six digits in a row)."""
    if isinstance(value, dict | list | tuple):
        try:  # one C-fast serialisation instead of a walk: JSON never escapes or splits a run of digits
            if _SIX_DIGITS.search(orjson.dumps(value).decode()) is None:
                return value
        except TypeError:  # something orjson cannot write: walk it
            pass
    return _mask_walk(value)


def _mask_walk(value):
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, dict):
        return {k: _mask_walk(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask_walk(v) for v in value]
    return value
