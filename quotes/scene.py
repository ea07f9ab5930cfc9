"""What the attribution sieves share for one document: where quotes lie, who can speak, and who
is the subject of each cue (`X said`, `said X`, `X, a doctor, said`, `according to X`)."""
from __future__ import annotations

import bisect
from typing import Dict, Iterator, List, Optional, Tuple

import attrs
import regex

from .doc import Cue, Doc, Mention
from .marks import MARK_CHARS
from .model import Quote
from .resources import Lexicon

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.

SPEAKING_CLASSES = ("speech", "write", "ask")
# Words that may stand between a subject and its verb: `X also said`, `X has repeatedly said`.
_BETWEEN = regex.compile(
    r"(?:[ \u00a0]+(?:\p{Ll}+ly|also|has|had|have|then|later|once|again|further|still|now|first|often|did|does|do|"
    r"not|never|always|just|was|were|is|are|will|would|could|can|may|might|should|must|already|even|only|ultimately|"
    r"been|be|being|has been|long|since|once|then|also|reportedly|"
    r"previously|recently|reportedly|soon|quickly|separately|too|himself|herself|itself|themselves|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|in a statement|on Twitter|last week|"
    r"earlier|this week|in \p{Lu}\w+|yesterday|today|tonight)"
    r"|[ \u00a0]+(?:who|which)\b[^,.;:!?\"\u201c\u201d\n]{1,80}?(?=[ \u00a0]))*[ \u00a0]*\Z")  # `X who spoke ... said`
_PASSIVE = regex.compile(r"\b(?:was|were|been|being|be|is|are|get|got|gets)\s+(?:(?:\p{Ll}+ly|also|still|not|now|often|"
                         r"long|once|never)\s+)*\Z")
# A subject phrase: after a boundary (sentence start, punctuation, conjunction), before the cue.
_NP = (r"((?:[\p{L}\p{N}%$][\p{L}\p{N}%$.,'\u2019-]*\s+){0,6}?[\p{L}\p{N}%][\p{L}\p{N}%'\u2019-]*)"
       r"(?:\s+(?:also|have|has|had|now|still|often|repeatedly|\p{Ll}+ly))*\s+\Z")
_NP_BEFORE = regex.compile(
    r"(?:[,;:(\u2014][\u201d\u2019\"'\u00bb]?\s*|\b(?:and|but|or|while|as|because|though|although|when|if|since|where|"
    r"whereas|after|before|so|yet)\s+)" + _NP)
# The same from the sentence start (used with match), after an opening conjunction.
_NP_OPENING = regex.compile(r"(?:(?i:and|but|or|so|yet)\s+)?" + _NP)
# `remarks were`, `claims of`, `points from`: the cue is a noun
NOUN_NEXT = regex.compile(r"[ \u00a0]+(?:is|was|are|were|has|have|had|will|would|can|could|did|does|do|of|from|"
                          r"\p{Ll}+n['\u2019]t)\b")
_NP_AFTER = regex.compile(r"\s+((?:[^,;()\n\"\u201c\u201d.]|\.(?=\S)){2,140}?)(?=\s*(?:[,;)\n]|\.(?:\s|\Z)|\Z))")
_NP_INVERTED = regex.compile(r"[ \u00a0]+((?:the|a|an|one|another|some|several|two|three)[ \u00a0]+"
                             r"(?:[\p{Ll}-]+[ \u00a0]+){0,3}[\p{Ll}-]+)(?=[ \u00a0]*[.,;]|[ \u00a0]+(?:of|at|for|from|in|who)\b)")
_PARTICIPLES = {"known", "seen", "regarded", "considered", "viewed", "expected", "thought", "believed"}
_QUANTIFIERS = {"some", "many", "most", "others", "several", "few", "both", "all", "everyone", "nobody", "none"}
_NOT_SUBJECT = {"to", "of", "in", "on", "at", "for", "with", "by", "from", "about", "into", "than", "that", "which",
                "who", "what", "it", "there", "this"}
_VERBISH = {"is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "can", "could",
            "should", "may", "might", "must", "did", "does", "do", "not", "that", "which", "who", "said"}
# Asides between a subject and its verb: `Sen. Chuck Schumer (D-N.Y.) said`, `X — who … — said`.
_ASIDE_BEFORE = regex.compile(r"[ \u00a0]*(?:\([^()\n]{1,40}\)|[\u2014\u2013][^\u2014\u2013\n]{1,150}[\u2014\u2013]|"
                              r"\s--\s[^\n]{1,150}?\s--)[ \u00a0]*\Z")
# Up to three appositives between commas: `X, a doctor at the clinic, said`, `X, 60, a doctor, said`.
_APPOSITIVES_TAIL = (r"(?:\s+(?:\p{Ll}+ly|also|has|have|had|always|never|still|now|then|later|once|will|would|could|"
                     r"did|does|do|not|is|was|are|were))*\s*\Z")  # after the last comma: `X, a doctor, also said`
_APPOSITIVES = regex.compile(r"(?:\s*,(?:[^,;:!?\"\u201c\u201d.()]|\.(?=\S)|(?<=\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|St|Jr|Sr))\."
                             r"|\([^()\n]{1,40}\)){1,100}){0,3}," + _APPOSITIVES_TAIL)
_AFTER_LAST_COMMA = regex.compile(_APPOSITIVES_TAIL)
# Verbs that put their subject after them: `“…,” said X`, `“…?” asked X` (never `told X`).
_INVERTING = {"say", "add", "write", "ask", "continue", "explain", "note", "recall", "declare", "insist", "reply",
              "argue", "counter", "quip", "respond", "answer", "observe", "remark", "comment", "agree", "joke", "warn",
              "concede", "admit", "acknowledge", "recount", "tweet", "post", "shout", "exclaim", "cry", "conclude",
              "predict", "promise", "read", "state", "whisper", "laugh", "sigh", "boast", "complain", "confirm"}
_PREPOSITION_BEFORE = regex.compile(r"\b(?i:in|at|on|to|from|for|with|of|by|about|into|near|after|before|than)"
                                    r"[ \u00a0]+(?:the[ \u00a0]+)?\Z")
_SEGMENT_PREFIX = regex.compile(r"[\s\"'\u201d\u2019\u00bb\u300d\u300f]*(?:[ \u00a0]*(?:the|a|an|\p{Lu}[\w.'\u2019-]*(?:['\u2019]s)?|"
                                r"(?P<low>\p{Ll}[\p{Ll}-]*)))*[ \u00a0]*\Z")
_CANDIDATES = 12  # mentions tried, nearest first
_REACH = 400  # characters back from a verb where its subject may start (three appositives and more)
_QUOTED_AS = regex.compile(r"[ \u00a0]+as[ \u00a0]+\Z")
_AND_BEFORE = regex.compile(r"\b(?:and|but|then)[ \u00a0]+\Z")
_CLOSING = ",)" + MARK_CHARS
_STOPS = regex.compile(r"[.;:!?\"\u201c\u201d]")


@attrs.define
class Scene:
    doc: Doc
    lex: Lexicon
    quotes: List[Quote]
    _spans: List[Tuple[int, int]] = attrs.field(init=False)
    _starts: List[int] = attrs.field(init=False)
    _subjects: Dict[int, Optional[Mention]] = attrs.field(init=False, factory=dict)
    # mentions and verb cues outside every quote, with their starts: what attribution may use
    _free_mentions: List[Mention] = attrs.field(init=False)
    _free_mention_starts: List[int] = attrs.field(init=False)
    _free_cues: List[Cue] = attrs.field(init=False)
    _free_cue_starts: List[int] = attrs.field(init=False)
    # what the sieves work out once per quote or frame and ask for again (sieves._frame)
    memo: Dict = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self):
        self._spans = sorted(((q.outer or q).start, (q.outer or q).end) for q in self.quotes)
        self._starts = [s for s, _ in self._spans]
        self._free_mentions = [m for m in self.doc.mentions if not self.quoted(m.start, m.end)]
        self._free_mention_starts = [m.start for m in self._free_mentions]
        self._free_cues = [c for c in self.doc.cues if c.form != "noun" and not self.quoted(c.start, c.end)]
        self._free_cue_starts = [c.start for c in self._free_cues]

    def quoted(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a marked quote."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._spans[i][0] <= start and end <= self._spans[i][1]

    def speakers_in(self, start: int, end: int) -> List[Mention]:
        """Mentions between start and end that lie outside every quote."""
        return list(self.iter_speakers(start, end))

    def cues_in(self, start: int, end: int, classes=SPEAKING_CLASSES) -> List[Cue]:
        """Verb cues of these classes between start and end that lie outside every quote."""
        return list(self.iter_cues(start, end, classes))

    def iter_speakers(self, start: int, end: int, reverse: bool = False) -> Iterator[Mention]:
        """speakers_in(start, end) one at a time (reverse: from `end` back), for sieves that need
        the first few of a long sentence's mentions, not all."""
        i = bisect.bisect_left(self._free_mention_starts, start)
        j = bisect.bisect_left(self._free_mention_starts, end)
        for k in (range(j - 1, i - 1, -1) if reverse else range(i, j)):
            if self._free_mentions[k].end <= end:
                yield self._free_mentions[k]

    def iter_cues(self, start: int, end: int, classes=SPEAKING_CLASSES, reverse: bool = False) -> Iterator[Cue]:
        """cues_in(start, end, classes) one at a time (reverse: from `end` back)."""
        i = bisect.bisect_left(self._free_cue_starts, start)
        j = bisect.bisect_left(self._free_cue_starts, end)
        for k in (range(j - 1, i - 1, -1) if reverse else range(i, j)):
            c = self._free_cues[k]
            if c.end <= end and c.cls in classes:
                yield c

    def sentence_span(self, offset: int) -> Tuple[int, int]:
        s = self.doc.sentence_at(offset)
        return (s.start, s.end) if s else (0, len(self.doc.text))

    def passive(self, cue: Cue) -> bool:
        """`was asked`, `is expected`, `were told`: a report whose source the sentence does not give."""
        ss = self.sentence_span(cue.start)[0]
        return not cue.text.endswith("ing") and \
            bool(_PASSIVE.search(self.doc.text, max(ss, cue.start - 12), cue.start, False))

    def subject(self, cue: Cue) -> Optional[Mention]:
        """The mention that does the saying for this cue, or None."""
        if cue.start not in self._subjects:
            self._subjects[cue.start] = self._find_subject(cue)
        return self._subjects[cue.start]

    def _find_subject(self, cue: Cue) -> Optional[Mention]:
        if self.doc.tokens:  # a parse is there: the subject of the verb, read off its arcs
            from . import deps
            found = deps.subject_of(self.doc, cue, self.quoted)
            if found is not None:
                return found
        text = self.doc.text
        ss, se = self.sentence_span(cue.start)
        if cue.form == "according":
            return self._first_after(cue.end, se, max_words=1) or self._np_after(cue.end, se)
        if not cue.text.endswith("ing") and _PASSIVE.search(text, max(ss, cue.start - 12), cue.start, False):
            return None  # `was told`, `were asked`: the speaker is not the subject (`is saying` is no passive)
        if cue.text.lower() in _PARTICIPLES and self._after_name_comma(cue):
            return None  # `The Cellar, known to students as …`, `Trump, asked about it, …`: a passive aside
        before = self._left_subject(cue, ss)
        if before is not None:
            if before.text.lower() == "it" and cue.cls not in SPEAKING_CLASSES:
                return None  # `say it would keep ...`: `it` says nothing
            return before
        quoted_as = _QUOTED_AS.search(text, max(ss, cue.start - 8), cue.start, False)
        if quoted_as:  # `Al Jazeera quoted Hugh Hill as saying`: the one quoted speaks
            found = [m for m in self.doc.mentions_before(quoted_as.start(), ss) if m.end == quoted_as.start()]
            if found:
                return found[0]
        if cue.text.endswith("ing") or _AND_BEFORE.search(text, max(ss, cue.start - 6), cue.start, False):
            # a participle (`…, telling supporters`) or a second verb (`… and said`) shares the
            # subject of its clause: the first mention not inside a prepositional phrase
            for m in self.doc.mentions_in(ss, cue.start):
                if not self.quoted(m.start, m.end) and m.type != "GPE" and m.text.lower() not in ("it", "you") \
                        and not _PREPOSITION_BEFORE.search(text, max(ss, m.start - 12), m.start, False):
                    return self._named(m, cue.start)
            return None
        # inversion after a quote or a comma: `“…,” said X`, `…, says X.`
        lead = text[max(ss, cue.start - 3):cue.start].rstrip()
        after_quote = bool(lead) and lead[-1] in MARK_CHARS and cue.lemma != "tell" and cue.cls in SPEAKING_CLASSES
        if after_quote or (not lead or lead[-1] in _CLOSING or cue.start - ss < 2) and cue.lemma in _INVERTING:
            return self._first_after(cue.end, se, max_words=2) or self._np_after_verb(cue.end, se)
        return self._np_before(cue, ss)

    def _np_before(self, cue: Cue, ss: int) -> Optional[Mention]:
        """A subject that is no known name or description: the words between the last boundary
        and the cue (`Some 22 percent said`, `Abortion rights advocates said`)."""
        text = self.doc.text
        start = max(ss, cue.start - 80)
        m = _NP_BEFORE.search(text, start, cue.start, False)
        opening = m is None and start == ss and not NOUN_NEXT.match(text, cue.end)
        if opening:
            m = _NP_OPENING.match(text, ss, cue.start, False)
        if m is None or self.quoted(m.start(1), m.end(1)):
            return None
        words = m.group(1).split()
        last = words[-1].lower() if words else ""
        if not words or words[0].lower() in _NOT_SUBJECT or last in self.lex.common and not last.isdigit() \
                and last not in _QUANTIFIERS or len(words) > 7 or any(w.lower() in _VERBISH for w in words) \
                or opening and len(words) > 1 and last.endswith("ed") and last.isalpha():
            return None  # (`The bank also faced questions`: a verb before the cue makes the cue a noun)
        return Mention(m.start(1), m.end(1), m.group(1), "description", None, plural=words[-1].endswith("s"),
                       name=words[-1].lower())

    def _np_after_verb(self, start: int, end: int) -> Optional[Mention]:
        """`“…,” wrote one commenter.`: a short noun phrase after an inverted verb."""
        m = _NP_INVERTED.match(self.doc.text, start, end, False)
        if m is None or self.quoted(m.start(1), m.end(1)):
            return None
        return Mention(m.start(1), m.end(1), m.group(1), "description", None, name=m.group(1).split()[-1].lower())

    def _np_after(self, start: int, end: int) -> Optional[Mention]:
        """`according to a report from the inspector general`: the phrase up to the next comma."""
        m = _NP_AFTER.match(self.doc.text, start, end, False)
        if m is None or self.quoted(m.start(1), m.end(1)):
            return None
        return Mention(m.start(1), m.end(1), m.group(1), "description", None, name=m.group(1).split()[-1].lower())

    def _after_name_comma(self, cue: Cue) -> bool:
        before = self.doc.mentions_before(cue.start, max(0, cue.start - 120))
        return bool(before) and self.doc.text[before[0].end:cue.start].strip() == ","

    def _left_subject(self, cue: Cue, ss: int) -> Optional[Mention]:
        """`X said`, `X also said`, `X (D-N.Y.) said`, `X — who … — said`, and the same with up to
        three appositives between commas (`Sen. Lindsey Graham, R-S.C., a candidate, said`)."""
        text = self.doc.text
        limit = _aside_start(text, ss, cue.start)
        if _AND_BEFORE.search(text, max(ss, limit - 6), limit, False):
            return None  # `He … and said`: the subject of the clause, found by the caller
        best, best_rank = None, None
        for m in self.doc.mentions_before(limit, max(ss, limit - _REACH))[:_CANDIDATES]:
            if self.quoted(m.start, m.end):
                continue
            gap = text[m.end:limit]
            if gap and not gap[0].isspace() and gap[0] != ",":
                continue  # what both patterns below need first (saves two regex calls a candidate)
            if gap[:1] in ("", " ", "\u00a0") and _BETWEEN.match(gap, None, None, False):  # (its first condition)
                rank = (0, 0)
            elif cue.text.endswith("ing"):
                continue  # `…, writing:` hangs on its clause's subject, not on the word before the comma
            elif _appositives(gap) and _fills_segment(text, m, ss, self.lex):
                rank = (1, 0 if m.form == "name" and (m.type == "PERSON" or m.gender) else
                        1 if m.form == "name" else 2)
            else:
                continue
            if best_rank is None or rank < best_rank:
                best, best_rank = m, rank
            if rank == (0, 0):
                break
        if best is None:
            return None
        return _widest([m for m in self.doc.mentions_before(best.end + 1, ss)], best)

    def _first_after(self, start: int, end: int, max_words: int) -> Optional[Mention]:
        text = self.doc.text
        for m in self.doc.mentions_in(start, end):
            if self.quoted(m.start, m.end):
                continue
            gap = text[start:m.start]
            words = gap.split()
            titled = all(w.islower() or w in self.lex.titles or w in self.lex.demonyms for w in words)
            if len(words) > (max_words + 2 if titled else max_words) or _STOPS.search(gap, None, None, False):
                return None  # `said Republican political consultant Chris Russell` is still close
            return self._named(m, end)
        return None

    def _named(self, m: Mention, end: int) -> Mention:
        """`council member Dana Whitlock`, `the critic Owen Pritchard`: the name a description introduces."""
        if m.form != "description":
            return m
        text = self.doc.text
        name = next((n for n in self.doc.mentions_in(m.end, end) if n.form == "name" and not text[m.end:n.start].strip()),
                    None)
        return name or m


def _aside_start(text: str, ss: int, end: int) -> int:
    """Where an aside that ends at `end` starts (_ASIDE_BEFORE), else `end`. The search looks back
    only as far as an aside reaches (160 characters past the spaces before `end`), not to the
    sentence start: in a long sentence full of cues that start would cost its length per cue."""
    t = end
    while t > ss and text[t - 1] in " \u00a0":
        t -= 1
    if t == ss or text[t - 1] not in ")-\u2014\u2013":
        return end  # every aside ends in one of these
    m = _ASIDE_BEFORE.search(text, max(ss, t - 160), end, False)
    if m is None:
        return end
    s = m.start()
    while s > ss and text[s - 1] in " \u00a0":  # the leading spaces the window may have cut
        s -= 1
    return s


def _appositives(gap: str) -> bool:
    """Whether _APPOSITIVES matches the gap; first the cheap conditions it implies: the gap opens
    with a comma, and after its last comma come only the words the pattern allows."""
    if gap.lstrip()[:1] != "," or not _AFTER_LAST_COMMA.match(gap, gap.rfind(",") + 1, None, False):
        return False
    return bool(_APPOSITIVES.match(gap, None, None, False))


def _fills_segment(text: str, m: Mention, ss: int, lex) -> bool:
    """The mention is its whole comma segment, but for capitalised words, a possessive or a
    title before it (`Iraq’s deputy oil minister, …`, `Council member Tom Asher, …`);
    `… en route to Tampa, said` is no appositive."""
    j = max(text.rfind(",", ss, m.start), text.rfind("(", ss, m.start), ss - 1)
    found = _SEGMENT_PREFIX.fullmatch(text, j + 1, m.start, False)
    return bool(found) and all(w in lex.descriptions or w.capitalize() in lex.titles for w in found.captures("low"))


def _widest(cands: List[Mention], m: Mention) -> Mention:
    """Of mentions ending at the same place, the widest (`President Joe Biden` over `Biden`)."""
    return max((c for c in cands if c.end == m.end), key=lambda c: c.end - c.start)
