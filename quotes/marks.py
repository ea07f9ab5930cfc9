"""Stage 1: find quotation marks, tell them from apostrophes, and pair them.

Marks pair within a paragraph, by family (a `”` closes a `“`, a German `“` closes a `„`), with a
stack per document so nested quotes pair inside their outer quote. A paragraph that ends inside a
quote and is followed by a paragraph that opens again continues the quote (the newspaper
convention for speeches over several paragraphs). Marks left over never become quotes: each is a
warning, so one stray mark cannot swallow the rest of an article. Single-mark apostrophes
(`don’t`, `’90s`, `students’`) are sorted out by context. Everything is linear in the text length.
"""
from __future__ import annotations

from typing import List, NamedTuple, Optional, Tuple

import regex

from .model import Quote, Span

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.

MARK_CHARS = "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f\u301d\u301e\u301f\uff02"
# Two single marks make a double one ('' is an old typewriter convention, ’’ its curly form).
_MARK_RE = regex.compile("''|\u2019\u2019|\u2018\u2018|[" + regex.escape(MARK_CHARS) + "]")
_TAG_RE = regex.compile(r"<[A-Za-z/!][^<>\n]{0,2000}>")  # markup left in scraped text: <tweet author="...">
# Prose breaks its words with spaces; hundreds of characters without one are a URL, an encoded
# blob or glued junk, and marks inside them quote nothing. Scripts written without spaces (Chinese,
# Japanese, Thai, ...) are exempt, so their 「…」 still pair.
_GLUED = 250
_SPACES = " \t\n\r\f\v\u3000"
_RUN_END = regex.compile(f"[^{_SPACES}]*")
_RUN_START = regex.compile(f"(?r)[^{_SPACES}]*")  # matched backwards from its end position
_UNSPACED_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_OPEN_AFTER = set(" \t\n\r\u00a0([{<\u2014\u2013-/:;,\u2026") | set(MARK_CHARS)
_CLOSE_BEFORE = set(" \t\n\r\u00a0.,;:!?)]}>\u2014\u2013-/\u2026") | set(MARK_CHARS)
_APOSTROPHES = ("\u2019", "'", "\u2018")
_ELISIONS = ("em ", "tis", "twas", "til ", "cause", "n ", "n\u2019", "n'", "s ")
# Mark -> family for the unambiguous ones; straight and curly double marks are one family because
# real text mixes them (“…" and "…” are common), and so are the single marks.
_FIXED_OPEN = {"\u201e": "double", "\u201f": "double", "\u2018\u2018": "double", "\u300c": "cjk1",
               "\u300e": "cjk2", "\u301d": "cjk3"}
_FIXED_CLOSE = {"\u300d": "cjk1", "\u300f": "cjk2", "\u301e": "cjk3", "\u301f": "cjk3"}


class MarkPair(NamedTuple):  # a tuple: one is made per pair of marks, and only this stage reads it
    open: int  # offset of the opening mark
    open_len: int
    close: int  # offset of the closing mark
    close_len: int
    family: str
    depth: int  # 0 for an outermost quote


def _roles(text: str, i: int, mark: str, pending) -> Tuple[Optional[str], Optional[str]]:
    """(family it can open, family it can close) for `mark` at offset i; None where it cannot."""
    p = text[i - 1] if i > 0 else " "
    j = i + len(mark)
    n = text[j:j + 1] or " "
    if mark in _FIXED_OPEN:
        return _FIXED_OPEN[mark], None
    if mark in _FIXED_CLOSE:
        return None, _FIXED_CLOSE[mark]
    if mark in ("\"", "\uff02", "''"):
        after_gap, before_gap = p in _OPEN_AFTER, n in _CLOSE_BEFORE
        if after_gap != before_gap:
            return ("double", None) if after_gap else (None, "double")
        return (None, "double") if "double" in pending else ("double", None)
    if mark == "\u201c":  # English opening mark, or the closing mark of German „…“
        if "double" in pending and not n.isalnum() and not p.isspace():
            return None, "double"
        return "double", None
    if mark in ("\u201d", "\u2019\u2019"):
        if "double" in pending:
            return None, "double"
        if not p.isalnum() and n.isalnum():
            return "double", None  # Swedish ”…”, or a mistyped opening mark
        return None, "double"
    if mark in ("\u00ab", "\u2039", "\u00bb", "\u203a"):
        return _guillemet_roles(mark, p, n, pending)
    # single marks: quotes or apostrophes
    if p.isalnum() and n.isalnum():
        return None, None  # don’t, Iran’s, O’Brien
    if mark == "\u201a":
        return ("single", None) if n.isalnum() and p.isspace() else (None, None)
    if mark == "\u201b":
        return "single", None
    if mark == "\u2018" and "single" in pending and not n.isalnum() and not p.isspace():
        return None, "single"  # German ‚…‘
    if not p.isalnum() and (n.isalnum() or n in "\u201c\""):
        if mark == "\u2019" or _elision(text, j):
            return None, None  # ’90s, ’em, ’tis, rock ’n’ roll
        return "single", None
    if p in "nN" and text[i - 2:i - 1] in _APOSTROPHES and not text[i - 3:i - 2].isalnum():
        return None, None  # the second mark of rock ’n’ roll
    if (p.isalnum() or p in ".,!?;:\u2026\u2014-\u201d\"") and not n.isalnum() and mark != "\u2018":
        return (None, "single") if "single" in pending else (None, None)  # else students’, goin’
    return None, None


def _guillemet_roles(mark: str, p: str, n: str, pending) -> Tuple[Optional[str], Optional[str]]:
    """« » open and close the French way; » « the German and Danish way: context decides."""
    fwd, rev = ("guil", "guil_rev") if mark in "\u00ab\u00bb" else ("angle", "angle_rev")
    if mark in "\u00ab\u2039":
        if rev in pending and not p.isspace():
            return None, rev  # `»Wendt pianos … a year later.«`: glued to the words before it, it closes
        return fwd, None
    if fwd in pending:
        return None, fwd
    if rev in pending and (p.isalnum() or not n.isalnum()):
        return None, rev
    return (rev, None) if n.isalnum() else (None, fwd)


def _possessive_close(text: str, i: int, mark: str, para_end: int) -> bool:
    """An `s’` that may be a plural possessive is a close only if no better closing mark follows
    before another quote opens (`‘the workers’ union is strong,’ she said`)."""
    if text[i - 1:i] not in ("s", "S"):
        return False
    for m in _MARK_RE.finditer(text, i + 1, para_end, False, False):
        j = m.start()
        if m.group() not in (mark, "\u2018", "'"):
            continue
        p = text[j - 1]
        n = text[j + 1] if j + 1 < len(text) else " "
        if n.isalnum() and not p.isalnum():
            if m.group() == "\u2019" or _elision(text, j + 1):
                continue  # ’90s, ’n’
            return False  # another quote opens first
        if m.group() == mark and not n.isalnum() and p in "nN" and text[j - 2:j - 1] in _APOSTROPHES:
            continue  # the second mark of ’n’
        if m.group() == mark and not n.isalnum() and (p in ".,!?;:\u2026" or (p.isalnum() and p not in "sS")):
            return True
    return False


def _elision(text: str, j: int) -> bool:
    """The word at j follows an apostrophe, not an opening mark: ’90s, ’em, ’tis, rock ’n’ roll."""
    return text[j:j + 1].isdigit() or text[j:j + 5].lower().startswith(_ELISIONS)


def _orphan_opens(text: str, i: int, mark: str, para_end: int) -> bool:
    """A closing-type double mark with nothing open acts as an opener when the next double mark in
    the paragraph is a closer too (`He says,” there are ... listened to.”`)."""
    for m in _MARK_RE.finditer(text, i + len(mark), para_end, False, False):
        opens, closes = _roles(text, m.start(), m.group(), {"double"})
        if opens == "double" or closes == "double":
            return closes == "double" and m.group() not in ("\u201c",)
    return False


def _run(text: str, i: int) -> Tuple[int, int]:
    """The run of characters without a space around offset i."""
    # (backwards from i: an rfind of each space character from 0 would cost the whole prefix)
    return _RUN_START.match(text, 0, i, False).start(), _RUN_END.match(text, i, None, False).end()


def find_pairs(text: str, paras: List[Tuple[int, int]]) -> Tuple[List[MarkPair], List[str]]:
    """Pair the marks of a text; returns the pairs (in order of opening) and warnings."""
    pairs: List[MarkPair] = []
    warnings: List[Tuple[int, str]] = []
    stack: List[Tuple[int, str, str]] = []  # (offset, mark, family) of the open marks
    # family -> stack positions holding it, so a closer finds its opener in O(1); a family with
    # none open has no key, so `where` is also the set of families pending (no set built per mark)
    where = {}
    skip_at = -1  # a paragraph's re-opening mark that continues the previous paragraph's quote
    tags = [m.span() for m in _TAG_RE.finditer(text, None, None, False, False)] if "<" in text else []
    tag_i, ntags = 0, len(tags)
    run_end, glued = -1, False  # the last run without a space looked at, and whether it was glued

    def pop_to(k):
        """Pop the stack down to length k; returns the popped entries, top first."""
        popped = []
        while len(stack) > k:
            entry = stack.pop()
            held = where[entry[2]]
            held.pop()
            if not held:
                del where[entry[2]]
            popped.append(entry)
        return popped

    def drop(entries):
        for i, mark, fam in entries:
            if mark != "'":  # a lone straight single mark is most likely an apostrophe
                warnings.append((i, f"unclosed opening mark {mark} at offset {i}"))

    for pi, (ps, pe) in enumerate(paras):
        for m in _MARK_RE.finditer(text, ps, pe, False, False):
            i, mark = m.start(), m.group()
            if tags:
                while tag_i < ntags and tags[tag_i][1] <= i:
                    tag_i += 1
                if tag_i < ntags and tags[tag_i][0] < i:
                    continue  # a mark inside markup
            if i == skip_at:
                continue  # a re-opening mark
            if i >= run_end and text.find(" ", i, i + _GLUED) == -1 and i + _GLUED <= pe:  # (cheap first test)
                run_start, run_end = _run(text, i)
                glued = run_end - i >= _GLUED and not _UNSPACED_SCRIPT.search(text, run_start, run_end, False)
                if glued:
                    warnings.append((i, f"quote marks ignored in {run_end - run_start:,} characters without a "
                                        f"space at offset {run_start}"))
            if glued and i < run_end:
                continue
            opens, closes = _roles(text, i, mark, where)
            if closes == "single" and _possessive_close(text, i, mark, pe):
                continue
            if closes in where:
                popped = pop_to(where[closes][-1])
                drop(popped[:-1])
                opener = popped[-1]
                pairs.append(MarkPair(opener[0], len(opener[1]), i, len(mark), closes, len(stack)))
            elif opens or closes == "double" and _orphan_opens(text, i, mark, pe):
                fam = opens or closes
                stack.append((i, mark, fam))
                where.setdefault(fam, []).append(len(stack) - 1)
            elif closes and closes != "single":
                warnings.append((i, f"unmatched closing mark {mark} at offset {i}"))
        if not stack:
            continue
        # the paragraph ends inside a quote: it goes on if the next paragraph opens a quote again
        if pi + 1 < len(paras) and stack[0][2] != "single":
            nxt = paras[pi + 1][0]
            m = _MARK_RE.match(text, nxt, None, False)
            if m and _roles(text, nxt, m.group(), set())[0] not in (None, "single"):
                drop(pop_to(1)[::-1])
                skip_at = nxt
                continue
        drop(pop_to(0)[::-1])
    pairs.sort(key=lambda p: p.open)
    return pairs, [w for _, w in sorted(warnings)]


def _strip(text: str, s: int, e: int) -> Tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_quotes(text: str, paras: List[Tuple[int, int]]) -> Tuple[List[Quote], List[str]]:
    """The outermost marked quotes (kind not yet decided), with nested ones kept as `inner`."""
    pairs, warnings = find_pairs(text, paras)
    out: List[Quote] = []
    i = 0
    while i < len(pairs):
        outer = pairs[i]
        i += 1
        inner = []
        while i < len(pairs) and pairs[i].open < outer.close:
            if pairs[i].depth == outer.depth + 1:  # quotes directly inside; deeper ones sit in those
                s, e = _strip(text, pairs[i].open + pairs[i].open_len, pairs[i].close)
                if e > s:
                    inner.append(Span.of(text, s, e))
            i += 1
        s, e = _strip(text, outer.open + outer.open_len, outer.close)
        if e > s:
            out.append(Quote(text[s:e], s, e, kind="", inner=tuple(inner),
                             outer=Span.of(text, outer.open, outer.close + outer.close_len)))
    return out, warnings
