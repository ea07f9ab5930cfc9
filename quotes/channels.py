"""Stage 5: the outlet, platform or medium each quote went through.

`posted on Telegram`, `wrote on X`, `in a Facebook post`, `told Al Jazeera`, `in an interview with
the BBC`, `Al Jazeera quoted …`, `in a statement`, `at a press conference`. The words around the
attribution decide; a sentence that only adds where the words went (`Posted on the messaging app
Telegram.`) applies to the quotes just before it. An outlet that speaks (`Press TV said`) is its
own channel.
"""
from __future__ import annotations

import functools
from typing import Dict, List, Optional, Tuple

import attrs
import regex

from .doc import Doc
from .model import Channel, Entity, Quote
from .resources import KnownName, Lexicon

# How an outlet or platform is tied to the words: `told X`, `on X`, `X quoted`, `news agency X`.
_BEFORE_NAME = regex.compile(
    r"(?:\b(?:told|tells|telling|tell|to|with|on|via|in|through|according to|by)\s+(?:the\s+)?"
    r"(?:[\p{Ll}-]+\s+){0,3}|\b(?:agency|broadcaster|channel|network|newspaper|outlet|station|daily|"
    r"paper|platform|app|application|service|site|website|TV)\s+)\Z")
_AFTER_NAME = regex.compile(r"\A(?:['\u2019]s\b|\s+(?:quoted|reported|said|says|reports|cited|post|posts|"
                            r"video|account|page|channel|interview|broadcast|show|program))")
_X_PLATFORM = regex.compile(r"\b(?:on|to|via)\s+X\b|\bX\s+post|\bpost\s+on\s+X\b|\bX,\s+formerly\b")


@functools.lru_cache(maxsize=8)
def _name_pattern(lex: Lexicon):
    names: Dict[str, KnownName] = {}
    for k in lex.known:
        if k.channel_kind is None:
            continue
        for n in (k.name,) + k.aliases:
            if n != "X" and len(n) > 1:
                names[n[4:] if n.startswith(("the ", "The ")) and n[4:] else n] = k
    alts = sorted(names, key=len, reverse=True)
    return regex.compile(r"(?<![\w-])(?:" + "|".join(regex.escape(a) for a in alts) + r")(?![\w-])"), names


@functools.lru_cache(maxsize=8)
def _media_pattern(lex: Lexicon):
    alts = sorted(lex.media, key=len, reverse=True)
    return regex.compile(r"\b(?:in|at|during|on|via|through)\s+(?:a|an|the|his|her|their|its|this|that|a\s+joint)\s+"
                         r"(?:[\w-]+\s+){0,3}?(" + "|".join(regex.escape(a) for a in alts) + r")\b")


@attrs.frozen
class Outlet:
    start: int
    end: int
    known: KnownName


def outlets_in(text: str, lex: Lexicon, start: int, end: int) -> List[Outlet]:
    """Outlets and platforms named between start and end in a way that carries words."""
    pat, names = _name_pattern(lex)
    out = []
    for m in pat.finditer(text, start, end):
        before = text[max(start, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 12]
        if _BEFORE_NAME.search(before) or _AFTER_NAME.match(after):
            out.append(Outlet(m.start(), m.end(), names[m.group()]))
    for m in _X_PLATFORM.finditer(text, start, end):
        i = m.start() + m.group().index("X")
        out.append(Outlet(i, i + 1, lex.lookup("X")))
    return sorted(out, key=lambda o: o.start)


def medium_in(text: str, lex: Lexicon, start: int, end: int) -> Optional[Tuple[int, int, str]]:
    m = _media_pattern(lex).search(text, start, end)
    return (m.start(1), m.end(1), lex.media[m.group(1)]) if m else None


def assign(doc: Doc, quotes: List[Quote], entities: List[Entity], lex: Lexicon) -> List[Quote]:
    ents = {e.id: e for e in entities}
    out = []
    for i, q in enumerate(quotes):
        ch = None
        if q.kind != "scare" and (q.speaker is not None or q.cue is not None):
            ch = _channel(doc, q, ents.get(q.entity), lex)
        out.append(attrs.evolve(q, channel=ch) if ch is not None else q)
    return _share(out)


def _region(doc: Doc, q: Quote) -> Tuple[int, int]:
    """The attribution's sentence(s), from the quote's to the cue's and the speaker's."""
    points = [q.start, q.end - 1] + [x.start for x in (q.cue, q.speaker) if x is not None]
    s = doc.sentence_at(min(points))
    e = doc.sentence_at(max(points))
    return s.start, e.end


def _channel(doc: Doc, q: Quote, ent: Optional[Entity], lex: Lexicon) -> Optional[Channel]:
    text = doc.text
    rs, re_ = _region(doc, q)
    inside = (q.outer or q)
    medium = _medium_outside(text, lex, rs, re_, inside.start, inside.end)
    cue_medium = _cue_medium(q, lex)
    found = [o for o in outlets_in(text, lex, rs, re_) if not (inside.start <= o.start < inside.end)]
    if not found:
        nxt = _next_sentence(doc, re_)
        if nxt is not None:
            found = outlets_in(text, lex, *nxt)
            medium = medium or medium_in(text, lex, *nxt)
    if found:
        o = found[0]
        return Channel(o.known.name, o.known.channel_kind or "outlet", text[o.start:o.end], o.start, o.end,
                       medium=medium[2] if medium else cue_medium, kb_id=o.known.kb_id)
    if ent is not None and ent.type == "OUTLET" and q.speaker is not None:
        sp = q.speaker
        known = lex.lookup(ent.name)
        return Channel(ent.name, "outlet", sp.text, sp.start, sp.end, medium=cue_medium,
                       kb_id=known.kb_id if known else ent.kb_id)
    platform = _cue_platform(q, lex)
    if platform is not None and q.cue is not None:
        k = lex.lookup(platform)
        return Channel(k.name if k else platform, "platform", q.cue.text, q.cue.start, q.cue.end,
                       medium=cue_medium, kb_id=k.kb_id if k else None)
    if medium is not None:
        s, e, name = medium
        return Channel(name, "medium", text[s:e], s, e, medium=name)
    return None


def _medium_outside(text, lex, rs, re_, qs, qe):
    for s, e in ((rs, qs), (qe, re_)):
        m = medium_in(text, lex, s, e) if e > s else None
        if m is not None:
            return m
    return None


def _cue_medium(q: Quote, lex: Lexicon) -> Optional[str]:
    cw = lex.cue_forms.get(q.cue.text.lower()) if q.cue is not None else None
    return cw.medium if cw else None


def _cue_platform(q: Quote, lex: Lexicon) -> Optional[str]:
    cw = lex.cue_forms.get(q.cue.text.lower()) if q.cue is not None else None
    return cw.platform if cw else None


def _next_sentence(doc: Doc, end: int) -> Optional[Tuple[int, int]]:
    """The next sentence, when it only tells where the words went: no speaker of its own."""
    i = doc.sentence_index(end)
    if i + 1 >= len(doc.sentences):
        return None
    s = doc.sentences[i + 1]
    first = doc.text[s.start:s.end].split(" ", 1)[0]
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
    return [attrs.evolve(q, channel=by_cue[(q.cue.start, q.cue.end)])
            if q.channel is None and q.cue is not None and (q.cue.start, q.cue.end) in by_cue else q
            for q in quotes]
