"""Stage 5: the outlet, platform or medium each quote went through.

`posted on Telegram`, `wrote on X`, `in a Facebook post`, `told Al Jazeera`, `in an interview with
the BBC`, `Al Jazeera quoted …`, `in a statement`, `at a press conference`. The words around the
attribution decide; a sentence that only adds where the words went (`Posted on the messaging app
Telegram.`) applies to the quotes just before it. An outlet that speaks (`Press TV said`) is its
own channel.
"""
from __future__ import annotations

import bisect
import functools
from typing import Dict, List, Optional, Set, Tuple

import attrs
import regex

from .doc import Doc, Mention
from .model import Channel, Entity, Quote, evolve_quote
from .resources import KnownName, Lexicon

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.
# A pattern for the words just before a place ends at \Z and is written to run backwards, (?r),
# for match(): anchored at the end of the window, it is tried once, where search() would try it
# at each place in the window.

# How an outlet or platform is tied to the words: `told X`, `on X`, `X quoted`, `news agency X`.
_BEFORE_NAME = regex.compile(
    r"(?r)(?:\b(?:[Tt]old|[Tt]ells|[Tt]elling|[Tt]ell|[Tt]o|[Ww]ith|[Oo]n|[Vv]ia|[Ii]n|[Tt]hrough|[Aa]ccording to|"
    r"[Bb]y)\s+(?:[Tt]he\s+)?"
    r"(?:[\p{Ll}-]+\s+){0,3}|\b(?:agency|broadcaster|channel|network|newspaper|outlet|station|daily|"
    r"paper|platform|app|application|service|site|website|TV)\s+)\Z")
_AFTER_NAME = regex.compile(r"(?:['\u2019]s\b|\s+(?:quoted|reported|said|says|reports|cited|post|posts|"
                            r"video|account|page|channel|interview|broadcast|show|program))")
# An outlet the gazetteer does not know, named where only an outlet fits: `told Sky Sports`.
_UNKNOWN_OUTLET_BEFORE = regex.compile(r"(?r)\b(?:told|tells|telling|[Ww]riting in|wrote in|writes in|said on|"
                                       r"interview with|speaking to|spoke to|an? \w+ to)\s+(?:the\s+)?\Z")
# The words it can end on: most names follow none of them, which a str test finds out cheaper than
# the match (its \s is within str.isspace, so rstrip() takes off at least the spaces it matches).
_UNKNOWN_OUTLET_LAST_WORDS = ("told", "tells", "telling", "in", "on", "with", "to", "the")
# `on X`, `to X`, `X post`, `X, formerly …` (`post on X` holds `on X`). The pattern starts at the X,
# so a search skips from X to X, not trying the words before one at every place of the text.
_X_PLATFORM = regex.compile(r"X(?:(?<=\b(?:on|to|via)\s+X)\b|(?<=\bX)(?=\s+post|,\s+formerly\b))")


@functools.lru_cache(maxsize=8)
def _name_index(lex: Lexicon) -> Dict[str, Tuple[Tuple[str, ...], List[Tuple[str, str, KnownName]]]]:
    """First two characters -> the names of outlets and platforms that start with them, and for
    each, longest first, (name as written, its first word, gazetteer row). `The Hill` keeps its
    article (without it, it would be anyone called Hill); names written with `The` are also found
    after a lower-case `the`."""
    names: Dict[str, KnownName] = {}
    for k in lex.known:
        if k.channel_kind is None:
            continue
        for n in (k.name,) + k.aliases:
            if n == "X" or len(n) < 2:
                continue
            bare = n[4:] if n.startswith(("the ", "The ")) else n
            names[bare if " " in bare else n] = k
    for n, k in list(names.items()):
        if n.startswith("The "):
            names["the " + n[4:]] = k
    rows: Dict[str, List[Tuple[str, str, KnownName]]] = {}
    for n in sorted(names, key=len, reverse=True):
        rows.setdefault(n[:2], []).append((n, n.split(" ")[0], names[n]))
    return {two: (tuple(n for n, _, _ in named), named) for two, named in rows.items()}


_CAPITAL_WORD = regex.compile(r"(?<![\w-])(?:\p{Lu}[^\s,;:.!?)\]\"\u201d\u2019]*|the(?= ))")


# `in a statement`, `at a joint press conference`, `for her 2016 book`: a medium after a preposition.
# (Backwards, as many words as fit before the medium give the phrase's leftmost start.)
_MEDIA_BEFORE = regex.compile(r"(?r)\b(?i:in|at|during|on|via|through|for|told|to)\s+"
                              r"(?i:a|an|the|his|her|their|its|this|that)\s+(?:[\w-]+\s+){0,3}\Z")


@functools.lru_cache(maxsize=8)
def _media_anchors(lex: Lexicon) -> List[Tuple[str, List[Tuple[str, int]]]]:
    """The medium words grouped under a shorter one they hold (`statement` for `joint statement`
    and `statements`), so one search of the text finds them all: (anchor, [(word, offset of the
    anchor in it)]). Only an anchor that cannot overlap itself (no prefix that is also a suffix)
    is found at every place by a search that goes on after each hit; a word that can overlap
    itself is searched for on its own, as before."""
    def overlaps(w: str) -> bool:
        return any(w[:n] == w[-n:] for n in range(1, len(w)))
    groups: Dict[str, List[Tuple[str, int]]] = {}
    for word in lex.media:
        held = [a for a in lex.media if a in word and not overlaps(a)] if not overlaps(word) else []
        anchor = min(held, key=lambda a: (len(a), a)) if held else word
        groups.setdefault(anchor, []).append((word, word.find(anchor)))
    return list(groups.items())


def _media(text: str, lex: Lexicon) -> List[Tuple[int, int, int, str]]:
    """Every medium named after a preposition: (phrase start, word start, word end, medium).
    Each medium word is found with str.find, which beats one large alternation."""
    hits = []
    for anchor, words in _media_anchors(lex):
        i = text.find(anchor)
        while i != -1:
            for word, k in words:  # each medium word holding the anchor, k characters in
                b = i - k
                if b >= 0 and text.startswith(word, b):
                    j = b + len(word)
                    if (b == 0 or not text[b - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
                        hits.append((b, -j, word))
            i = text.find(anchor, i + len(anchor))
    out, covered = [], -1
    for i, neg_j, word in sorted(hits):  # the longest word at each place; none inside another
        if i < covered:
            continue
        m = _MEDIA_BEFORE.match(text, max(0, i - 60), i, False)
        if m:
            covered = -neg_j
            out.append((m.start(), i, -neg_j, lex.media[word]))
    return sorted(out)


@attrs.frozen
class Outlet:
    start: int
    end: int
    known: KnownName


@attrs.frozen
class Named:
    """Every outlet, platform and medium a document names, found once and looked up by range."""
    outlets: List[Outlet]
    media: List[Tuple[int, int, int, str]]  # (start of the phrase, start, end of the medium word, medium)
    unknown: List[Outlet]  # names standing where an outlet fits, which the gazetteer does not know
    starts: List[int] = attrs.field(init=False)  # where each of them starts (a medium: its phrase), in order
    outlet_starts: List[int] = attrs.field(init=False)  # (for bisect without a key function)
    unknown_starts: List[int] = attrs.field(init=False)

    @starts.default
    def _all_starts(self) -> List[int]:
        return sorted([o.start for o in self.outlets] + [o.start for o in self.unknown] + [m[0] for m in self.media])

    @outlet_starts.default
    def _outlet_starts(self) -> List[int]:
        return [o.start for o in self.outlets]

    @unknown_starts.default
    def _unknown_starts(self) -> List[int]:
        return [o.start for o in self.unknown]

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon) -> "Named":
        names = [m for m in doc.mentions if m.form == "name"]
        return cls(outlets_in(doc.text, names, lex), _media(doc.text, lex), unknown_outlets(doc.text, names))

    def any_between(self, start: int, end: int) -> bool:
        """Whether anything named starts in [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end

    def outlets_between(self, start: int, end: int) -> List[Outlet]:
        i = bisect.bisect_left(self.outlet_starts, start)
        j = bisect.bisect_left(self.outlet_starts, end, i)
        return [o for o in self.outlets[i:j] if o.end <= end]

    def first_outlet_between(self, start: int, end: int) -> Optional[Outlet]:
        """outlets_between(start, end)[0], without the list of them all (from the text's start to a
        late paragraph, that grew with the text for each Q/A turn)."""
        for k in range(bisect.bisect_left(self.outlet_starts, start), len(self.outlets)):
            o = self.outlets[k]
            if o.start >= end:
                break
            if o.end <= end:
                return o
        return None

    def medium_between(self, start: int, end: int) -> Optional[Tuple[int, int, str]]:
        media = self.media
        for k in range(bisect.bisect_left(media, (start,)), len(media)):  # (no copy of the rest of the list)
            p, s, e, name = media[k]
            if p >= end:
                break
            if e <= end:
                return s, e, name
        return None


def outlets_in(text: str, names: List[Mention], lex: Lexicon) -> List[Outlet]:
    """Outlets and platforms the text names in a way that carries words (`told Reuters`, `Al
    Jazeera quoted`). Each starts one of the names the engine found, or the `the` before one."""
    index = _name_index(lex)
    out = []
    last = -1
    for m in names:  # (in text order: each start once)
        s = m.start
        if s == last:
            continue
        last = s
        for i in (s - 4, s) if text[s - 4:s] in ("the ", "The ") else (s,):
            written, rows = index.get(text[i:i + 2], ((), ()))
            if not text.startswith(written, i):  # (one test of the names that start alike: most places start none)
                continue
            found = _name_at(text, i, rows)
            if found is None:
                continue
            name, known = found
            j = i + len(name)
            if _BEFORE_NAME.match(text, max(0, i - 40), i, False) or _AFTER_NAME.match(text, j, j + 12, False):
                out.append(Outlet(i + 4 if name.startswith("the ") else i, j, known))  # `the BBC` is named `BBC`
    for m in _X_PLATFORM.finditer(text, None, None, False, False):
        out.append(Outlet(m.start(), m.end(), lex.lookup("X")))
    return sorted(out, key=lambda o: o.start)


def _name_at(text: str, i: int, rows: List[Tuple[str, str, KnownName]]) -> Optional[Tuple[str, KnownName]]:
    """The longest of the outlet or platform names `rows` written at `i` as a whole word, when its
    first word is the capital word (or `the`) there."""
    for name, first, known in rows:
        j = i + len(name)
        if text.startswith(name, i) and (j == len(text) or not (text[j].isalnum() or text[j] == "-")):
            word = _CAPITAL_WORD.match(text, i, None, False)  # (only for the few names written here)
            if word is not None and word.group() == first:
                return name, known
    return None


@attrs.frozen
class _Context:
    """One document's look-ups, shared by its quotes."""
    doc: Doc
    lex: Lexicon
    named: Named
    used_cues: Set[int]  # the starts of the cues that report a quote
    entities: List[Entity]

    @functools.cached_property
    def people(self) -> Set[Tuple[int, int]]:
        """The mentions of entities known to be people (a title, a first name, he/she), which are
        no outlet. Worked out only when an unnamed outlet or an interview needs it."""
        typed = {(m.start, m.end) for m in self.doc.mentions if m.type == "PERSON" or m.gender}
        people = set()
        for e in self.entities:  # (plain loops: a comprehension or any() per entity costs more)
            for m in e.mentions:
                if (m.start, m.end) in typed:
                    people.update([(x.start, x.end) for x in e.mentions])
                    break
        return people


def assign(doc: Doc, quotes: List[Quote], entities: List[Entity], lex: Lexicon) -> List[Quote]:
    outlets = {e.id: e for e in entities if e.type == "OUTLET"}  # (an entity of another type names no channel)
    ctx = _Context(doc, lex, Named.of(doc, lex), {q.cue.start for q in quotes if q.cue is not None}, entities)
    out = []
    for q in quotes:
        ch = None
        if q.kind != "scare" and (q.speaker is not None or q.cue is not None):
            ch = _channel(ctx, q, outlets.get(q.entity))
        out.append(evolve_quote(q, channel=ch) if ch is not None else q)
    return _share(out)


def _region(doc: Doc, q: Quote) -> Tuple[int, int, int]:
    """The attribution's sentence(s), from the quote's to the cue's and the speaker's: their start
    and end, and the end of the sentence after them (as far as _named_near looks)."""
    lo, hi = (q.start, q.end - 1) if q.end > q.start else (q.end - 1, q.start)
    for x in (q.cue, q.speaker):  # (no list of the points, no min() and max(): called for every quote)
        if x is not None:
            if x.start < lo:
                lo = x.start
            elif x.start > hi:
                hi = x.start
    # Mostly all is in one sentence, whose next one starts after it: no search for those.
    sentences, n = doc.sentences, len(doc.sentences)
    i = doc.sentence_index(lo)
    j = i if i + 1 == n or hi < sentences[i + 1].start else doc.sentence_index(hi)
    end = sentences[j].end
    k = j + 1 if j + 1 == n or end < sentences[j + 1].start else doc.sentence_index(end) + 1
    return sentences[i].start, end, sentences[k].end if k < n else end


def _ours(ctx: _Context, q: Quote, pos: int) -> bool:
    """A channel named at `pos` belongs to the nearest cue of speech in its sentence; when that
    cue reports another quote, the channel is that quote's (`she said in a speech …, and
    described it as “…”` gives the second quote no speech)."""
    if q.cue is None:
        return True
    s = ctx.doc.sentence_at(pos)
    nearest, distance = None, 0
    for c in ctx.doc.cues_in(s.start, s.end):
        if c.cls in ("speech", "write", "ask") and c.form != "noun":
            d = min(abs(c.start - pos), abs(c.end - pos))
            if nearest is None or d < distance:  # (the first of the nearest, as min() would)
                nearest, distance = c, d
    return nearest is None or nearest.start == q.cue.start or nearest.start not in ctx.used_cues


def _channel(ctx: _Context, q: Quote, outlet: Optional[Entity]) -> Optional[Channel]:
    """`outlet`: the quote's entity when it is an outlet."""
    if q.sieve == "turn":
        return _interview_channel(ctx, q)
    doc, lex = ctx.doc, ctx.lex
    rs, re_, reach = _region(doc, q)
    if ctx.named.any_between(rs, reach):
        found, medium = _named_near(ctx, q, rs, re_)
    else:  # most quotes: nothing named in or after their sentences
        found, medium = [], _document_speaker(q, lex)
    cw = lex.cue_forms.get(q.cue.text.lower()) if q.cue is not None else None
    cue_medium = cw.medium if cw else None
    if found:
        o = found[0]
        return Channel(o.known.name, o.known.channel_kind or "outlet", doc.text[o.start:o.end], o.start, o.end,
                       medium=medium[2] if medium else cue_medium, kb_id=o.known.kb_id)
    if outlet is not None and q.speaker is not None:
        sp = q.speaker
        known = lex.lookup(outlet.name)
        return Channel(outlet.name, "outlet", sp.text, sp.start, sp.end, medium=cue_medium,
                       kb_id=known.kb_id if known else outlet.kb_id)
    if cw is not None and cw.platform is not None:
        k = lex.lookup(cw.platform)
        return Channel(k.name if k else cw.platform, "platform", q.cue.text, q.cue.start, q.cue.end,
                       medium=cue_medium, kb_id=k.kb_id if k else None)
    if medium is not None:
        s, e, name = medium
        return Channel(name, "medium", doc.text[s:e], s, e, medium=name)
    return None


def _named_near(ctx: _Context, q: Quote, rs: int, re_: int) -> Tuple[List[Outlet], Optional[Tuple[int, int, str]]]:
    """The outlets named in the region from `rs` to `re_` that the quote's words went through
    (failing them, those of a next sentence that only tells where the words went), and its
    medium (by default the speaker's: `the letter read`)."""
    named = ctx.named
    inside = (q.outer or q)
    medium = named.medium_between(rs, inside.start) or named.medium_between(inside.end, re_)
    medium = medium if medium and _ours(ctx, q, medium[0]) else _document_speaker(q, ctx.lex)
    found = [o for o in named.outlets_between(rs, re_) if not (inside.start <= o.start < inside.end)]
    found = [o for o in found or _unknown_outlets(ctx, rs, re_, inside) if _ours(ctx, q, o.start)]
    if not found:
        nxt = _next_sentence(ctx.doc, re_)
        if nxt is not None:
            found = named.outlets_between(*nxt)
            medium = medium or named.medium_between(*nxt)
    return found, medium


_BYLINE_ROLE = regex.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,2}?(?:correspondent|reporter|editor|journalist|columnist|"
                            r"host|interviewer|writer)\b")


def _interview_channel(ctx: _Context, q: Quote) -> Optional[Channel]:
    """A Q/A turn went out through the outlet the introduction names (`Pomorze Weekly’s
    correspondent …`, `told Reuters`)."""
    doc = ctx.doc
    intro_end = doc.paragraphs[doc.sentence_at(q.start).paragraph][0]
    o = ctx.named.first_outlet_between(0, intro_end)
    if o is None:
        found = [Outlet(m.start, m.end, KnownName(m.text, "OUTLET", None, (), "outlet"))
                 for m in doc.mentions_in(0, intro_end) if m.form == "name" and m.type in (None, "OUTLET", "ORG")
                 and _BYLINE_ROLE.match(doc.text, m.end, None, False) and (m.start, m.end) not in ctx.people]
        if not found:
            return None
        o = found[0]
    return Channel(o.known.name, o.known.channel_kind or "outlet", doc.text[o.start:o.end], o.start, o.end,
                   medium="interview", kb_id=o.known.kb_id)


def unknown_outlets(text: str, names: List[Mention]) -> List[Outlet]:
    """Names the gazetteer does not know, standing where only an outlet fits (`told Sky Sports`)."""
    return [Outlet(m.start, m.end, KnownName(m.text, "OUTLET", None, (), "outlet")) for m in names
            if m.type in (None, "OUTLET")
            and text[max(0, m.start - 30):m.start].rstrip().endswith(_UNKNOWN_OUTLET_LAST_WORDS)
            and _UNKNOWN_OUTLET_BEFORE.match(text, max(0, m.start - 30), m.start, False)]


def _unknown_outlets(ctx: _Context, rs: int, re_: int, inside) -> List[Outlet]:
    # named.unknown is in text order: only its slice from rs to re_ can lie in the region (a scan
    # of all of it for every quote grew with the square of a long document)
    named = ctx.named
    i = bisect.bisect_left(named.unknown_starts, rs)
    j = bisect.bisect_right(named.unknown_starts, re_, i)
    return [o for o in named.unknown[i:j] if rs <= o.start and o.end <= re_ and not inside.start <= o.start < inside.end
            and (o.start, o.end) not in ctx.people]


def _document_speaker(q: Quote, lex: Lexicon):
    """`the letter read`, `the statement added`: the speaker names the medium."""
    if q.speaker is None:
        return None
    head = q.speaker.text.lower().split()[-1]
    return (q.speaker.start, q.speaker.end, lex.media[head]) if head in lex.media else None


def _next_sentence(doc: Doc, end: int) -> Optional[Tuple[int, int]]:
    """The next sentence, when it only tells where the words went: no speaker of its own."""
    i = doc.sentence_index(end)
    if i + 1 >= len(doc.sentences):
        return None
    s = doc.sentences[i + 1]
    space = doc.text.find(" ", s.start, s.end)
    first = doc.text[s.start:space if space != -1 else s.end]  # (not a split of the whole sentence)
    if first.lower().endswith("ed") or first in ("It", "This", "That", "The"):
        return s.start, s.end
    return None


def _share(quotes: List[Quote]) -> List[Quote]:
    """Quotes that share a cue (the halves of an interrupted quote, a mixed clause and its
    fragment) share its channel."""
    by_cue = {}
    for q in quotes:
        if q.cue is not None and q.channel is not None:
            by_cue.setdefault((q.cue.start, q.cue.end), q.channel)
    return [evolve_quote(q, channel=by_cue[(q.cue.start, q.cue.end)])
            if q.channel is None and q.cue is not None and (q.cue.start, q.cue.end) in by_cue else q
            for q in quotes]
