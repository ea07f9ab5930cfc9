"""Shared helpers for the specification tests."""
from __future__ import annotations

import pytest

import quotes
from quotes import marks, segment


@pytest.fixture(scope="session")
def ex():
    """One fast extractor for the whole session."""
    return quotes.Extractor()


def find(text: str, sub: str, nth: int = 0) -> tuple:
    """(start, end) of the nth occurrence of `sub` in `text`."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def marked(text: str):
    """Stage 1 only: (quotes, warnings) of a text."""
    return marks.find_quotes(text, segment.paragraphs(text))


def quote_with(result, sub: str):
    """The one quote whose text is exactly `sub` (fails if there is none)."""
    hits = [q for q in result.quotes if q.text == sub]
    assert hits, f"no quote {sub!r} in {[q.text for q in result.quotes]}"
    assert len(hits) == 1, f"several quotes {sub!r}"
    return hits[0]


def check_span(text: str, q, sub: str, nth: int = 0) -> None:
    """The quote covers exactly the nth occurrence of `sub` and its text is that slice."""
    assert text[q.start:q.end] == q.text
    assert (q.start, q.end) == find(text, sub, nth), (q.text, sub)
