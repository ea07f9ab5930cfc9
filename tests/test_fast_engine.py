"""The shortcuts of the fast engine and the segmenter find exactly what the plain regex scans
they replace would find."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.engines import fast

PIECES = ["al-", "d'", "l\u2019", "bin ", "van-", "O'", "Mc-", "Mr.", "J.", "anti-", "x'", "-", "'", "\u2019", " ", "\u00a0",
          "\n", "Hill", "Sudani", "of ", "the ", "é", "É", "1", "a", "A", "s' ", "Brien", "ad", "ash-"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=20).map("".join))
def test_name_runs_match_the_name_regex(text):
    assert [m.span() for m in fast._name_runs(text)] == [m.span() for m in fast._NAME_RE.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "\r", "\u00a0", "\u2029", "a", "A.", "x "]), max_size=30).map("".join))
def test_line_breaks_match_the_break_regex(text):
    from quotes import segment
    assert [m.span() for m in segment._breaks(text)] == [m.span() for m in segment._BREAK.finditer(text)]
