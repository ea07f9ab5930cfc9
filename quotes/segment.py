"""Paragraphs and sentences from raw text, by rule (the fast engine's segmenter)."""
from __future__ import annotations

from typing import List, Tuple

import regex

from .doc import Sentence

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.

# A line break starts a new paragraph unless it only wraps a line: the line before ends without
# sentence punctuation and the next line goes on in lower case.
_BREAK = regex.compile(r"[ \t]*\n\s*")
_WRAPPED = regex.compile(r"[^\s.!?:;\"\u201d\u2019'\u00bb)\]]\Z")

# Candidate sentence ends: terminal punctuation, closing marks/brackets, then either white space
# before something that can start a sentence, or (no space) a closing mark before a capital, or a
# lower-case word glued to a capitalised one (`group.Islamic`, frequent in machine translation).
_END = regex.compile(
    r"""(?:[.!?\u2026]+[\"'\u201d\u2019\u00bb\u203a)\]]*(?=\s+[\p{Lu}\p{N}\"'\u201c\u2018\u00ab\u201e(\[\u2014-])"""
    r"""|[.!?][\u201d\u00bb\"](?=[\p{Lu}])"""
    r"""|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll}+\s))""")
_ABBREV_BEFORE = regex.compile(
    r"""(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Rev|Fr|Hon|Pres|Supt|Det|Insp|Cpl|Pvt|Messrs|No|Nos|Vol|Fig|vs|etc|al|approx|est|Inc|Corp|Co|Ltd|Bros|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ave|Blvd|Rd|Ft|U\.S|U\.N|U\.K|D\.C|a\.m|p\.m|e\.g|i\.e)|\b\p{Lu}|\b\p{Lu}\.\p{Lu})\.\Z""")
_ABBREV_LOOKBACK = 12


def paragraphs(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each non-blank paragraph, leading and trailing white space excluded."""
    out = []
    start = 0
    for m in _breaks(text):
        blank = m.group(0).count("\n") > 1
        nxt = text[m.end():m.end() + 1]
        if not blank and nxt.islower() and _WRAPPED.search(text, max(start, m.start() - 1), m.start(), False):
            continue
        _add_trimmed(text, start, m.start(), out)
        start = m.end()
    _add_trimmed(text, start, len(text), out)
    return out


def _breaks(text: str):
    """The matches of _BREAK.finditer(text), found from the line breaks with str.find rather than
    by trying the regex at every space."""
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return
        s = nl
        while s > pos and text[s - 1] in " \t":
            s -= 1
        m = _BREAK.match(text, s, None, False)
        yield m
        pos = m.end()


def _add_trimmed(text: str, s: int, e: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def sentences(text: str, paras: List[Tuple[int, int]]) -> List[Sentence]:
    out = []
    marks = text.replace("!", ".").replace("?", ".").replace("\u2026", ".")  # every terminal mark a `.`
    for pi, (ps, pe) in enumerate(paras):
        start = ps
        for m in _ends(text, marks, ps, pe):
            end = m.end()
            if text[m.start()] == "." and \
                    _ABBREV_BEFORE.search(text, max(start, m.start() - _ABBREV_LOOKBACK), m.start() + 1, False):
                continue
            _add_sentence(text, start, end, pi, out)
            start = end
        _add_sentence(text, start, pe, pi, out)
    return out


def _ends(text: str, marks: str, s: int, e: int):
    """The matches of _END.finditer(text, s, e), found faster: _END is tried only at the first and
    at the last mark of each run of terminal marks (. ! ? …, found with str.find in `marks`, the
    text with all of them as `.`). Nowhere else in a run can it match (it takes a whole run, or a
    last mark before a closing quote or a capital), and a long run `......` costs two calls, not
    one per mark (the full scan, tried at every mark of the run, is quadratic in its length)."""
    pos = s
    while True:
        first = marks.find(".", pos, e)
        if first < 0:
            return
        last = first
        while last + 1 < e and marks[last + 1] == ".":
            last += 1
        m = _END.match(text, first, e, False)
        if m is None and last > first:
            m = _END.match(text, last, e, False)
        if m is None:
            pos = last + 1
        else:
            yield m
            pos = m.end()


MAX_SENTENCE = 1000  # characters: longer runs are no sentence anyone wrote (lists, tables, junk)


def _add_sentence(text: str, s: int, e: int, pi: int, out: list) -> None:
    """Add a sentence; one longer than MAX_SENTENCE is cut at spaces (or anywhere) into pieces,
    which keeps every per-sentence step of the later stages bounded."""
    while s < e and text[s].isspace():
        s += 1
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        out.append(Sentence(s, cut, pi))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append(Sentence(s, e, pi))
