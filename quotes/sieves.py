"""The speaker sieves: small rules, tried in order, each of which names the speaker of a marked
quote or passes. The first to decide is recorded in `Quote.sieve`, so every error can be traced
to the rule that made it (the design of CoreNLP's quote attributor).

Each sieve takes the Scene, the quotes decided so far and the quote, and returns a Decision.
"""
from __future__ import annotations

import itertools
from typing import Callable, List, Optional

import attrs
import regex

from .classify import frame
from .doc import Cue, Mention
from .model import Quote, Span, evolve_quote
from .scene import Scene

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.

_DASH_AFTER = regex.compile(r"[\s,.]*(?:[\u2014\u2013]|--)[ \u00a0]*")
_SENTENCE_STOP = regex.compile(r"[.!?](?:\s|\Z)")
_TRAILING_STOP = regex.compile(r"[.!?\u201c\"]")
_INTRO_STOP = regex.compile(r"[.!?;\"\u201c\u201d]")
_WORD = regex.compile(r"\w+")
_NEAREST = 8  # mentions before a quote that may own it (`the group’s pledge to …`)
_ECHO_REACH = 40  # quotes back that an echo may repeat (keeps long documents linear)
_ASKS = ("?", "!", "\u2026", "...", "\u2014", "--")
_POSSESSIVE_CUE = regex.compile(r"['\u2019]s?((?:\s+\p{Ll}[\p{Ll}-]*){1,3})")


@attrs.frozen
class Decision:
    speaker: Optional[Mention]
    cue: Optional[Cue]
    confidence: float
    sieve: str


def _decide(name: str, confidence: float, speaker: Optional[Mention], cue: Optional[Cue] = None):
    if speaker is None:
        return None
    if speaker.form == "pronoun":
        confidence *= 0.95
    return Decision(speaker, cue, round(confidence, 3), name)


def trailing(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """`“…,” X said.` · `“…,” said X.` · `“…” — Commissioner X`."""
    text = sc.doc.text
    outer = q.outer or q
    fe = _trailing_end(sc, q)
    dash = _DASH_AFTER.match(text, outer.end, None, False)
    c = next(sc.iter_cues(outer.end, fe), None)  # the first cue after the quote
    if c is not None:
        subject = sc.subject(c)
        between = text[outer.end:min(c.start, subject.start if subject else c.start)]
        if subject is not None and subject.start >= outer.end and len(between.split()) <= 1 \
                and not _TRAILING_STOP.search(between.replace(",", ""), None, None, False):
            return _decide("trailing", 0.95, subject, c)
    if dash:
        fe = max(fe, sc.doc.sentence_at(dash.end()).end)  # `“….” — Commissioner X`, on its line or not
        after = sc.speakers_in(dash.end(), fe)
        if after and not text[dash.end():after[0].start].strip():
            i = dash.start() + len(dash.group()) - len(dash.group().lstrip(" ,.\n\u00a0"))
            cue = Cue(i, i + 1, text[i], "dash", "colon")
            return _decide("trailing_dash", 0.85, after[0], cue)
    return None


def _trailing_end(sc: Scene, q: Quote) -> int:
    """Where an attribution after the quote may end: its sentence, or the next one when the quote
    closes its sentence (`“Why?” Clinton asked.` is split after the question mark)."""
    _, fe = _frame(sc, q)
    outer = q.outer or q
    if sc.doc.text[outer.end:fe].strip() or q.kind != "direct" or not q.text.rstrip().endswith(_ASKS):
        return fe
    si = sc.doc.sentence_index(outer.end)
    sents = sc.doc.sentences
    if si + 1 < len(sents) and sents[si + 1].paragraph == sents[si].paragraph and sents[si].end <= outer.end + 1:
        return sents[si + 1].end
    return fe


def leading(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """`X said: “…”` · `X said, “…”` · `X said that “…”` · `X told reporters: “…”`."""
    text = sc.doc.text
    outer = q.outer or q
    fs, _ = _frame(sc, q)
    c = next(sc.iter_cues(fs, outer.start, reverse=True), None)  # the last cue before the quote
    if c is None:
        return None
    between = text[c.end:outer.start]
    if len(between.split()) > 6 or _INTRO_STOP.search(between, None, None, False):
        return None
    if between.strip() not in ("", ",", ":", "that") and between.rstrip()[-1:] not in ",:":
        return None  # `X said on Tuesday, “…”` and `X said that “…”` introduce it; more words do not
    return _decide("leading", 0.93, sc.subject(c), c)


def interrupted(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """`“A,” X said, “B.”`: B belongs to the speaker of A when the cue stands between them."""
    text = sc.doc.text
    outer = q.outer or q
    for prev, d in reversed(done):
        po = prev.outer or prev
        if po.end > outer.start or d is None:
            continue
        gap = text[po.end:outer.start]
        if len(gap) < 120 and "\n" not in gap and not _SENTENCE_STOP.search(gap, None, None, False) \
                and d.cue is not None \
                and po.end <= d.cue.start < outer.start \
                and not sc.cues_in(d.cue.end, outer.start, classes=("speech", "write", "ask", "act")):
            return _decide("interrupted", 0.92, d.speaker, d.cue)
        return None
    return None


def same_sentence(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """A cue of speech with a subject anywhere in the quote's sentence (nearest wins):
    `The group said both it and others would “expand …”`, `According to X, … “…”`."""
    fs, fe = _frame(sc, q)
    outer = q.outer or q
    best = None
    key = ("said in", fs, fe)  # the frame's cues with a subject: worked out once per frame, not per quote
    if key not in sc.memo:
        cues = sc.cues_in(fs, fe, classes=("speech", "write", "ask", "act", "belief"))
        sc.memo[key] = [(c, s) for c, s in ((c, sc.subject(c)) for c in cues) if s is not None and not _narrator(s)]
    for c, subject in sc.memo[key]:
        # rank: verbs of speech over verbs of belief, a verb before the quote over one after it
        # (the verb that reports a clause governs the fragment in it), then distance
        before = c.end <= outer.start
        dist = outer.start - c.end if before else c.start - outer.end
        weak = c.cls in ("act", "belief")
        rank = (weak, not before and q.kind == "partial", dist)
        if best is None or rank < best[0]:
            best = (rank, _decide("same_sentence", 0.6 if weak else 0.85, subject, c))
    return best[1] if best else None


def possessor(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """`the group’s pledge to carry out “disastrous” attacks`: the owner of the words."""
    fs, _ = _frame(sc, q)
    outer = q.outer or q
    text = sc.doc.text
    for m in itertools.islice(sc.iter_speakers(fs, outer.start, reverse=True), _NEAREST):
        tail = _POSSESSIVE_CUE.match(text, m.end, None, False) if text[m.end:m.end + 1] in ("'", "\u2019") else None
        if tail and m.type != "GPE" and any(w in sc.lex.cue_nouns for w in tail.group(1).split()):
            noun = [c for c in sc.doc.cues_in(tail.start(1), tail.end(1)) if c.text in sc.lex.cue_nouns]
            return _decide("possessor", 0.75, m, noun[0] if noun else None)
    return None


def colon_intro(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """`Gault said:` at the end of the sentence or paragraph before the quote."""
    text = sc.doc.text
    outer = q.outer or q
    si = sc.doc.sentence_index(outer.start)
    if si == 0 or text[sc.doc.sentences[si].start:outer.start].strip():
        return None
    prev = sc.doc.sentences[si - 1]
    if not text[prev.start:prev.end].rstrip().endswith(":"):
        return None
    cues = sc.cues_in(prev.start, prev.end)
    for c in reversed(cues):
        if sc.subject(c) is not None:
            return _decide("colon_intro", 0.88, sc.subject(c), c)
    return None


def previous_quote(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """`“A,” she said. “B.”` and a paragraph that is only a quote: the last speaker goes on,
    unless someone else is named in between."""
    text = sc.doc.text
    outer = q.outer or q
    para = sc.doc.sentences[sc.doc.sentence_index(outer.start)].paragraph
    for prev, d in reversed(done):
        po = prev.outer or prev
        if po.end > outer.start:
            continue
        prev_para = sc.doc.sentences[sc.doc.sentence_index(po.start)].paragraph
        if d is None or para - prev_para > 1:
            return None
        # names in the attribution's own sentence (`said Tom Burke, who is from Grand Rapids.`) do not interrupt
        anchor = max([po.end - 1] + [x.end for x in (d.cue, d.speaker) if x is not None])
        after = max(po.end, sc.sentence_span(anchor)[1])
        others = [m for m in sc.speakers_in(after, outer.start) if m.form == "name" and m.type in ("PERSON", None)
                  and m.start != d.speaker.start]
        if others or (para != prev_para and text[sc.doc.paragraphs[para][0]:outer.start].strip()):
            return None
        return _decide("previous_quote", 0.75 if para == prev_para else 0.65, d.speaker, None)
    return None


def colon_subject(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """`Kaine has adopted the stance of many Catholics: “…”`: the subject before the colon; and
    the headline form `John McCain: Populist anger appeals to ‘bad angels’`."""
    text = sc.doc.text
    outer = q.outer or q
    fs, _ = _frame(sc, q)
    if text[fs:outer.start].rstrip().endswith(":"):
        return _decide("colon_subject", 0.8, _first_speaker(sc, fs, outer.start))
    first = _first_speaker(sc, fs, outer.start)
    if first is not None and first.form == "name" and first.start == fs and text[first.end:first.end + 1] == ":":
        return _decide("colon_subject", 0.75, first)
    return None


def sentence_subject(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """A fragment in a sentence whose subject did the talking: `He has coined a new phrase, “…”`."""
    fs, _ = _frame(sc, q)
    outer = q.outer or q
    conf = 0.6 if sc.cues_in(fs, outer.start, classes=("speech", "write", "ask", "belief")) else 0.5
    return _decide("sentence_subject", conf, _first_speaker(sc, fs, outer.start))


def echo(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """Words already quoted and attributed (a pull quote, an echoed term): the same speaker."""
    key = _norm(q.text)
    if not key:
        return None
    for prev, d in reversed(done[-_ECHO_REACH:]):
        if d is not None and prev is not q and prev.kind != "scare" and key in _normed(sc, prev.text):
            return _decide("echo", 0.7, d.speaker, None)
    return None


def previous_report(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """A quote that opens its sentence right after a sentence reporting someone's words
    (`Coan, Santilli's attorney, argues that … . “The government is alleging …”`)."""
    text = sc.doc.text
    outer = q.outer or q
    si = sc.doc.sentence_index(outer.start)
    sents = sc.doc.sentences
    if si == 0 or sents[si - 1].paragraph != sents[si].paragraph or text[sents[si].start:outer.start].strip():
        return None
    for c in reversed(sc.cues_in(sents[si - 1].start, sents[si - 1].end)):
        subject = sc.subject(c)
        if subject is not None and not _narrator(subject):
            return _decide("previous_report", 0.6, subject, None)
    return None


def paragraph_continuation(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """A paragraph that is only a quote continues whoever spoke last in the paragraph before
    (`Her daughter, Ruth Kinnear, said …` then `“She knew every usher’s name …”`)."""
    text = sc.doc.text
    outer = q.outer or q
    si = sc.doc.sentence_index(outer.start)
    para = sc.doc.sentences[si].paragraph
    ps, pe = sc.doc.paragraphs[para]
    if para == 0 or text[ps:outer.start].strip() or text[outer.end:pe].strip(" .,\u201d\"'"):
        return None
    prev_s, prev_e = sc.doc.paragraphs[para - 1]
    for c in reversed(sc.cues_in(prev_s, prev_e)):
        subject = sc.subject(c)
        if subject is not None and not _narrator(subject):
            return _decide("paragraph_continuation", 0.65, subject, None)
    return None


def previous_subject(sc: Scene, done, q: Quote) -> Optional[Decision]:
    """A fragment whose sentence has a cue but no subject of its own (`… complained these were
    “unacceptable”`): the subject of the sentence before, in the same paragraph."""
    fs, _ = _frame(sc, q)
    si = sc.doc.sentence_index(fs)
    sents = sc.doc.sentences
    outer = q.outer or q
    if si == 0 or sents[si - 1].paragraph != sents[si].paragraph or not sc.cues_in(fs, outer.start) \
            or any(not _narrator(m) for m in sc.speakers_in(fs, outer.start)):
        return None  # only when the sentence names nobody but its narrator
    return _decide("previous_subject", 0.5, _first_speaker(sc, sents[si - 1].start, sents[si - 1].end))


def _frame(sc: Scene, q: Quote):
    """frame(sc.doc, q), worked out once per quote: most sieves ask for it."""
    outer = q.outer or q
    key = (outer.start, outer.end)
    found = sc.memo.get(key)
    if found is None:
        found = sc.memo[key] = frame(sc.doc, q)
    return found


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower(), None, None, False, False))


def _normed(sc: Scene, s: str) -> str:
    """_norm(s), once per text: echo compares each quote with up to 40 before it."""
    found = sc.memo.get(("norm", s))
    if found is None:
        found = sc.memo[("norm", s)] = _norm(s)
    return found


def _narrator(m: Mention) -> bool:
    return m.form == "pronoun" and m.text.lower() in ("i", "we")


def _first_speaker(sc: Scene, start: int, end: int) -> Optional[Mention]:
    for m in sc.iter_speakers(start, end):
        if m.type != "GPE" and not (m.form == "pronoun" and m.text.lower() in ("it", "you", "i", "we")):
            return m
    return None


Sieve = Callable[[Scene, list, Quote], Optional[Decision]]
SIEVES: List[Sieve] = [trailing, interrupted, leading, same_sentence, possessor, colon_intro, colon_subject, echo,
                       previous_quote, previous_report, paragraph_continuation, previous_subject, sentence_subject]


def attribute_marked(sc: Scene, quotes: List[Quote]) -> List[Quote]:
    """Run the sieves over every non-scare marked quote, in text order."""
    done = []
    out = []
    for q in quotes:
        d = None
        if q.kind != "scare":
            for sieve in SIEVES:
                d = sieve(sc, done, q)
                if d is not None:
                    break
        done.append((q, d))
        out.append(q if d is None else evolve_quote(
            q, speaker=_span(sc, d.speaker), cue=_span(sc, d.cue), confidence=d.confidence, sieve=d.sieve))
    return out


def _span(sc: Scene, x):
    return None if x is None else Span(x.start, x.end, sc.doc.text[x.start:x.end])
