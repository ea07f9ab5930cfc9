"""Stage 2: decide what kind of quotation each marked span is: direct, partial or scare.

An ordered list of small rules (sieves); the first that decides names itself in `Quote.sieve`.
Speech needs someone to say it: a short span with no cue of speech around it, or a title
(`the show “Broad City”`, `the “caliphate”`), is a scare quote and never gets a speaker. A span of a
clause or more that opens its sentence is direct; a fragment inside a sentence is partial.
`mixed` and `indirect` are decided later, by attribution.
"""
from __future__ import annotations

import bisect
from typing import Callable, List, NamedTuple, Optional, Sequence, Tuple

import regex

from .doc import Doc
from .model import Quote, evolve_quote
from .resources import Lexicon

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.

SPEECH_CLASSES = ("speech", "write", "ask")
_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'\u2019-]*")
_CLAUSE_END = regex.compile(r"[.!?,;:\u2026\u2014-]\W*\Z")
_OPENS_CLAUSE = (":", ",", "\u2014", "-", "\u2013")
# Words just before a mark that name a title or a term nobody is quoted for. (A word someone uses,
# `the term “rigged”`, `dubbed it “X”`, is left to the rules that look for that someone.)
_TERM_BEFORE = regex.compile(
    r"(?:so-called|so called|show|film|movie|book|song|album|series|program|programme|play|novel|documentary|"
    r"podcast|magazine|column|newsletter|episode|musical|opera|exhibition|initiative|operation|the headline|"
    r"the title)[\s,]*\Z")
# Words just before a mark that introduce spoken or written words even without a verb of speech.
_WORDS_BEFORE = regex.compile(
    r"(?:chants?|chanting|chanted|cries|cry|calls|shouts|shouting|read|reads|reading|slogan|sign|signs|banner|"
    r"motto|hashtag|message|caption|tweet|headline)(?:\s+of)?[\s,:]*\Z", regex.IGNORECASE)


class Context(NamedTuple):
    """What the sieves look at for one quote (a tuple: one is made per quote, read by this stage only)."""
    doc: Doc
    lex: Lexicon
    quote: Quote
    words: List[str]
    frame: Tuple[int, int]
    before: str  # the frame's text before the quote
    after: str
    cue: bool  # a cue of speech in the frame, outside the quote
    clause: bool  # long enough or punctuated like a clause


def frame(doc: Doc, q: Quote) -> Tuple[int, int]:
    """(start, end) of the sentences the quote lies in: the words around it that frame it."""
    outer = q.outer or q
    s = doc.sentence_at(outer.start)
    e = doc.sentence_at(max(outer.start, outer.end - 1))
    return (min(s.start, outer.start), max(e.end, outer.end)) if s and e else (outer.start, outer.end)


def speech_cues(doc: Doc, start: int, end: int, q: Quote):
    """Cues of speech between start and end that lie outside the quote."""
    outer = q.outer or q
    return [c for c in doc.cues_in(start, end) if c.cls in SPEECH_CLASSES and not outer.start <= c.start < outer.end]


def _title_case(words: List[str]) -> bool:
    long = [w for w in words[1:] if len(w) > 3]
    return bool(long) and words[0][0].isupper() and all(w[0].isupper() for w in long)


def empty(c: Context) -> Optional[str]:
    return "scare" if not c.words else None


def named_term(c: Context) -> Optional[str]:
    """`the so-called “reforms”`, `the show “Broad City”`, `NBC’s “Today”`."""
    tail = c.before[-40:]
    term = _TERM_BEFORE.search(tail, None, None, False) and not _WORDS_BEFORE.search(tail, None, None, False)
    return "scare" if term else None


def chant_or_sign(c: Context) -> Optional[str]:
    """`chants of “Lock her up!”`, `a sign that read “Hispanics 4 Trump”`: words someone put out."""
    if not _WORDS_BEFORE.search(c.before[-40:], None, None, False):
        return None
    return "direct" if c.clause else "partial"


def title(c: Context) -> Optional[str]:
    """Title Case inside a sentence that is not itself a headline: a name or a title."""
    if len(c.words) > 10 or not _title_case(c.words) or c.clause and c.cue and _opens(c):
        return None
    frame_words = _WORDS.findall(c.before + " " + c.after, None, None, False, False)
    headline = len(frame_words) > 2 and _title_case(frame_words)
    if headline or _cue_just_before(c):
        return None
    return "scare"


def _cue_just_before(c: Context) -> bool:
    """A verb of speech at most three words before the mark: `called the “Crossroads of America”`."""
    outer = c.quote.outer or c.quote
    near = speech_cues(c.doc, max(c.frame[0], outer.start - 40), outer.start, c.quote)
    return bool(near) and len(_WORDS.findall(c.doc.text[near[-1].end:outer.start], None, None, False, False)) <= 3


def clause(c: Context) -> Optional[str]:
    """A clause that opens its sentence, or follows `X said,` (the second half of an interrupted
    quote starts in lower case): direct. So is a short one that ends in punctuation inside the
    marks and opens its sentence (`“We won,” she said.`)."""
    if not (_opens(c) or len(c.words) >= 12):
        return None
    capital = c.words[0][0].isupper() or c.words[0][0].isdigit() or not c.before.strip()
    if c.clause and (capital or _after_cue(c)):
        return "direct"
    if capital and _opens(c) and _CLAUSE_END.search(c.quote.text, None, None, False) and not c.before.strip():
        return "direct"
    return None


def _after_cue(c: Context) -> bool:
    """`…,” X said, “and the ferries will run.”`: the words right before are a cue and a comma."""
    cues = speech_cues(c.doc, c.frame[0], (c.quote.outer or c.quote).start, c.quote)
    return bool(cues) and c.doc.text[cues[-1].end:(c.quote.outer or c.quote).start].strip() in (",", ":")


def fragment_of_speech(c: Context) -> Optional[str]:
    return "partial" if c.cue or c.clause else None


def longer_fragment(c: Context) -> Optional[str]:
    """Three words or more, or two in a paragraph where someone speaks: quoted, not scare."""
    if len(c.words) >= 3:
        return "partial"
    ps, pe = c.doc.paragraphs[c.doc.sentence_at(c.frame[0]).paragraph]
    return "partial" if len(c.words) == 2 and speech_cues(c.doc, ps, pe, c.quote) else None


def no_speech(c: Context) -> Optional[str]:
    return "scare"


def _opens(c: Context) -> bool:
    return not c.before.strip() or c.before.rstrip().endswith(_OPENS_CLAUSE)


SIEVES: List[Callable[[Context], Optional[str]]] = [
    empty, chant_or_sign, named_term, title, clause, fragment_of_speech, longer_fragment, no_speech]


def classify(doc: Doc, quotes: List[Quote], lex: Lexicon) -> List[Quote]:
    speech = [c for c in doc.cues if c.cls in SPEECH_CLASSES]
    starts = [c.start for c in speech]
    return [_classify(doc, q, lex, speech, starts) for q in quotes]


def _has_speech_cue(speech: Sequence, starts: List[int], fs: int, fe: int, outer) -> bool:
    """bool(speech_cues(doc, fs, fe, q)) without listing every cue of the frame for every quote
    (a 1000-character sentence of glued words holds a hundred cues and dozens of quotes)."""
    for lo, hi in ((fs, outer.start), (outer.end, fe)):  # the frame around the quote
        for k in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
            if speech[k].end <= fe:
                return True
    return False


def _classify(doc: Doc, q: Quote, lex: Lexicon, speech: Sequence, starts: List[int]) -> Quote:
    fs, fe = frame(doc, q)
    outer = q.outer or q
    words = _WORDS.findall(q.text, None, None, False, False)
    c = Context(doc, lex, q, words, (fs, fe), doc.text[fs:outer.start], doc.text[outer.end:fe],
                _has_speech_cue(speech, starts, fs, fe, outer),
                len(words) >= 6 or len(words) >= 3 and bool(_CLAUSE_END.search(q.text, None, None, False)))
    for sieve in SIEVES:
        kind = sieve(c)
        if kind is not None:
            return evolve_quote(q, kind=kind, sieve="kind:" + sieve.__name__)
    raise AssertionError("the last sieve always decides")
