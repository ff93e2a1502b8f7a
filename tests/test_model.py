"""The Report contract's fast constructors give exactly the dataclasses' own objects."""

from __future__ import annotations

import dataclasses

import pytest

from lixcheck.model import Finding, Lix, Span, make_finding, make_span

LIX = Lix(31.5, 40, 4, 10, "easy")
SPAN = (3, 120, 48, "paragraph", LIX, 2, "afsnit 3", True)
FINDING = ("passive", "suggestion", "passive", "„behandles“ er passiv.", 10, 9, 2, 4, 1, "behandles", ("behandler",),
           "/regler/passive", "Udsagnsord i passiv.", ("vague-actor",), "text", 1)


@pytest.mark.parametrize("make, cls, values", [(make_span, Span, SPAN), (make_finding, Finding, FINDING)])
def test_fast_constructor_equals_the_dataclass(make, cls, values):
    fast, slow = make(*values), cls(*values)
    assert type(fast) is cls
    assert fast == slow and hash(fast) == hash(slow)
    assert fast.to_dict() == slow.to_dict()
    assert [getattr(fast, f.name) for f in dataclasses.fields(cls)] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.offset = 0  # still frozen
    with pytest.raises(TypeError):
        make(*values[:-1])
