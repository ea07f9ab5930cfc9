"""Quotes set out by layout instead of marks: interview turns (`Q:` / `A:`) and transcript turns
(`SMITH:`, `MODERATOR:`). Each turn is a `direct` quote from after the label to the end of its
paragraph, with the `:` as its cue.

`A:` speaks for the interviewee and `Q:` for the interviewer, read off the introduction
(`X met Y`, `X interviewed Y`, `Y told X`); a transcript label is linked to the person of that
surname, and a role (`MODERATOR`, `HOST`) to the person the introduction gives it
(`moderated by Claire Dunn`). Links go to the entity stage as chains of spans.
"""
from __future__ import annotations

import bisect
from typing import List, Optional, Tuple

import regex

from .doc import Doc, Mention
from .model import Quote, Span

_LABEL = regex.compile(r"(Q|A|\p{Lu}[\p{Lu}'\u2019\-]+(?: \p{Lu}[\p{Lu}'\u2019\-]+){0,2})\s*:[ \t\u00a0]+(?=\S)")
_ROLES = {"MODERATOR": r"moderat\w*|chair\w*", "HOST": r"host\w*|present\w*", "INTERVIEWER": r"interview\w*",
          "PRESENTER": r"present\w*", "CHAIR": r"chair\w*", "JUDGE": r"judge"}
_MEETS = regex.compile(r"\b(?:met|interviewed|spoke (?:with|to)|talked (?:with|to)|sat down with|asked)\b")

Chain = List[Tuple[int, int]]


def find(doc: Doc, marked: List[Quote]) -> Tuple[List[Quote], List[Quote], List[Chain]]:
    """(turn quotes, the marked quotes not inside a turn, chains linking labels to people)."""
    text = doc.text
    turns = []
    for ps, pe in doc.paragraphs:
        m = _LABEL.match(text, ps, pe)
        if m:
            turns.append((m, ps, pe))
    labels = [m.group(1) for m, _, _ in turns]
    qa = "Q" in labels and "A" in labels
    named = sum(1 for x in labels if x not in ("Q", "A")) >= 2
    if not (qa or named):
        return [], marked, []
    first = turns[0][1]
    intro = [m for m in doc.mentions if m.end <= first and m.form == "name" and m.type in ("PERSON", None)]
    asker, answerer = _interview_roles(doc, intro, first) if qa else (None, None)
    out, chains = [], []
    starts = [q.start for q in marked]
    for m, ps, pe in turns:
        label = m.group(1)
        if label in ("Q", "A") and not qa or label not in ("Q", "A") and not named:
            continue
        s, e = m.end(), pe
        speaker: Optional[Span] = None
        if label in ("Q", "A"):
            who = asker if label == "Q" else answerer
            speaker = Span.of(text, who.start, who.end) if who else None
        else:
            speaker = Span.of(text, m.start(1), m.end(1))
            target = _person_for(doc, label, intro, first)
            if target is not None:
                chains.append([(speaker.start, speaker.end), (target.start, target.end)])
        colon = text.index(":", m.end(1))
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        inner = tuple(Span.of(text, q.start, q.end) for q in marked[lo:hi] if q.end <= e)
        out.append(Quote(text[s:e], s, e, "direct", cue=Span.of(text, colon, colon + 1), speaker=speaker,
                         confidence=0.9 if speaker else 0.0, sieve="turn", inner=inner))
    inside = {id(q) for t in out for q in marked[bisect.bisect_left(starts, t.start):bisect.bisect_left(starts, t.end)]
              if q.end <= t.end}
    return out, [q for q in marked if id(q) not in inside], chains


def _interview_roles(doc: Doc, intro: List[Mention], first: int) -> Tuple[Optional[Mention], Optional[Mention]]:
    """(interviewer, interviewee): `X met Y` / `X interviewed Y`; else the person the
    introduction names most is the interviewee."""
    text = doc.text
    for m in _MEETS.finditer(text, 0, first):
        before = [x for x in intro if x.end <= m.start() and m.start() - x.end < 40]
        after = [x for x in intro if x.start >= m.end() and x.start - m.end() < 10]
        if before and after:
            return before[-1], after[0]
    people = [x for x in intro if x.type == "PERSON"]
    if not people:
        return None, None
    counts = {}
    for x in people:
        counts[x.name.split()[-1]] = counts.get(x.name.split()[-1], 0) + 1
    top = max(counts, key=counts.get)
    return None, [x for x in people if x.name.split()[-1] == top][-1]


def _person_for(doc: Doc, label: str, intro: List[Mention], first: int) -> Optional[Mention]:
    """The introduction's person for a label: same surname, or the holder of the role."""
    for x in reversed(intro):
        if x.name and x.name.split()[-1].upper() == label:
            return x
    role = _ROLES.get(label)
    for hit in regex.finditer(rf"\b(?:{role})\b(?:\s+by)?\s+", doc.text[:first]) if role else ():
        nxt = [x for x in intro if x.start == hit.end()]
        if nxt:
            return nxt[0]
    return None
