"""Subjects of reporting verbs that the scene does not give (quotes/indirect.py asks for them when
it has none): a noun phrase no mention covers (`Thirty percent said`), the subject an infinitive
borrows (`She went on to attack …`), and a name that opens the sentence before appositives the
scene cannot read (`Senator X of Texas, the No. 2 Republican, said …`).
"""
from __future__ import annotations

from typing import Optional

import regex

from .doc import Cue, Mention
from .scene import NOUN_NEXT, Scene

# The regex calls pass concurrent=False positionally, as scene.py's do (see the note there).

SPEAKING = ("speech", "write", "ask")

# The loose subject: up to ten plain words after a boundary, then auxiliaries and adverbs, then the verb.
_PLAIN = regex.compile(r"[\p{L}\p{N}%$][\p{L}\p{N}%$.'\u2019-]*")
_AUXILIARY = {"also", "have", "has", "had", "now", "still", "often", "long", "not", "never", "did", "does", "do",
              "will", "would", "could", "can", "may", "might", "should", "must", "is", "are", "was", "were", "been",
              "all", "both", "each", "too"}
_AUXILIARY_FORM = regex.compile(r"\p{Ll}+ly|\p{Ll}+n['\u2019]t")
_AUXILIARY_ENDINGS = ("ly", "n't", "n\u2019t")  # what _AUXILIARY_FORM needs, a cheaper test first
_BOUNDARY = {"and", "but", "or", "while", "as", "because", "though", "although", "when", "if", "since", "where",
             "whereas", "after", "before", "so", "yet", "that"}
_PUNCT_BEFORE = ",;:(\u2014\u2013"
_LOOSE_CLASSES = ("speech", "ask", "belief", "evidence")  # the rest only with `that` after them
_THAT_NEXT = regex.compile(r"[ \u00a0]+that\b")
NOT_SUBJECT = {"despite", "like", "unlike", "among", "amid", "during", "under", "over", "through", "against",
               "without", "within", "per", "via", "toward", "towards", "beyond", "including", "having", "later",
               "more", "less", "most", "instead", "thanks", "here", "now", "then", "still", "even", "also", "to",
               "of", "in", "on", "at", "for", "with", "by", "from", "about", "into", "than", "that", "which", "who",
               "what", "it", "there", "and", "but", "or", "while", "as", "because", "though", "although", "when",
               "if", "since", "where", "whereas", "after", "before", "so", "yet", "how", "why"}
_CONTRACTION = regex.compile(r"\b(?i:he|she|it|there|that|what|who|here)['\u2019]s\b")
_VERB_FORM = regex.compile(r"\p{Ll}+ed")  # `The bank faced questions`: a verb, so the cue is a noun
_NOT_SUBJECT_WORDS = {"is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "can", "could",
                      "should", "may", "might", "must", "did", "does", "do", "said", "says", "say", "who", "which",
                      "that", "to", "when", "if", "because", "than", "not"}
_NOT_HEAD = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or", "his", "her",
             "their", "its", "our", "my", "your", "this", "these", "those", "it", "there", "what", "which", "who",
             "you", "i"}

# An infinitive's borrowed subject
_TO_BEFORE = regex.compile(r"\bto[ \u00a0]+\Z")
# `went on to`, `would like to`; not `had a chance to`, `reached for a metaphor to`
_VERB_GAP = regex.compile(r"(?:[ \u00a0]+(?!(?:a|an|the|his|her|their|its|our|my|no|some|any|for|with|of|is|was|are|"
                          r"were|be|been|being)\b)"
                          r"[\p{L}'\u2019-]+){1,6}[ \u00a0]+to[ \u00a0]+")

# An opening name before appositives
_BEFORE_VERB = ("also", "has", "have", "had", "will", "would", "did", "not", "never", "then", "later")
_AFTER_APPOSITIVE = regex.compile(r"[,)\u2014\u2013-](?:[ \u00a0]+(?:\p{Ll}+ly|" + "|".join(_BEFORE_VERB) + r"))*"
                                  r"[ \u00a0]*\Z")
# how the text before the verb ends when the pattern matches: a mark it opens with, or a word it allows
_APPOSITIVE_ENDS = ",)\u2014\u2013-"
_BEFORE_VERB_ENDINGS = ("ly",) + _BEFORE_VERB
_SENTENCE_OPENING = regex.compile(r"[\s\"'\u201c\u2018(]*")
_APPOSITIVE_START = regex.compile(r"[ \u00a0]*(?:,|\(|[\u2014\u2013]|--?[ \u00a0]|[ \u00a0]+of\b)")


def opening(sc: Scene, c: Cue, ss: int) -> Optional[Mention]:
    """The name that opens the sentence when appositives the scene could not read stand between it
    and the verb: `Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said …`,
    `Rep. X (D-Md.), chair of the committee, said Clinton …` (not `said Clinton`: inverted)."""
    if c.form != "verb" or c.text.endswith("ing"):
        return None
    text = sc.doc.text
    if not _after_appositive(text, max(ss, c.start - 40), c.start):
        return None
    ms = sc.doc.mentions_in(ss, c.start)
    if not ms or not _SENTENCE_OPENING.fullmatch(text, ss, ms[0].start, False) or sc.quoted(ms[0].start, ms[0].end):
        return None
    m = max((x for x in ms if x.start == ms[0].start), key=lambda x: x.end)
    return m if m.form != "pronoun" and _APPOSITIVE_START.match(text, m.end, c.start, False) else None


def _after_appositive(text: str, lo: int, end: int) -> bool:
    """_AFTER_APPOSITIVE.search(text, lo, end), after the str tests that rule out the usual case: a
    word before the verb that is none of the pattern's (`Smith said`)."""
    j = end
    while j > lo and text[j - 1] in " \u00a0":
        j -= 1
    if j == lo or text[j - 1] not in _APPOSITIVE_ENDS and not text.endswith(_BEFORE_VERB_ENDINGS, lo, j):
        return False
    return _AFTER_APPOSITIVE.search(text, lo, end, False) is not None


def governing(sc: Scene, c: Cue, ss: int) -> Optional[Mention]:
    """The subject an infinitive borrows from the verb it hangs on: `She went on to attack …`,
    `Comey did go out of his way to criticize …`."""
    text = sc.doc.text
    lo = max(ss, c.start - 60)
    if c.form != "verb" or c.cls not in SPEAKING or not _TO_BEFORE.search(text, lo, c.start, False):
        return None
    for m in sc.doc.mentions_in(ss, c.start):  # the first mention of the clause, if only a few words follow it
        if not sc.quoted(m.start, m.end) and m.type != "GPE" and m.text.lower() not in ("it", "you") \
                and _VERB_GAP.fullmatch(text, m.end, c.start, False):
            return m
    return None


def loose(sc: Scene, c: Cue, ss: int) -> Optional[Mention]:
    """A subject no mention covers, from its clause's start to the verb: `Thirty percent said`,
    `But hacking specialists say`, `Several GOP elders have long agreed that`."""
    text = sc.doc.text
    if c.form != "verb" or c.text.endswith("ing") or not c.text[0].islower() or c.cls not in _LOOSE_CLASSES \
            and not _THAT_NEXT.match(text, c.end, None, False) or NOUN_NEXT.match(text, c.end, None, False):
        return None
    lo = max(ss, c.start - 90)
    tokens = text[lo:c.start].split()
    i = len(tokens)
    while i and (tokens[i - 1] in _AUXILIARY or tokens[i - 1].endswith(_AUXILIARY_ENDINGS)
                 and _AUXILIARY_FORM.fullmatch(tokens[i - 1], None, None, False)):
        i -= 1  # `have long`, `did not`
    end, words = i, []
    while i and len(words) < 10:  # back over plain words to a boundary
        w = tokens[i - 1]
        if w.lower() in _BOUNDARY or not (w.isascii() and w.isalnum() or _PLAIN.fullmatch(w, None, None, False)):
            break  # (ASCII letters and digits are plain without the pattern)
        if w.lower() in _NOT_SUBJECT_WORDS:
            return None  # (the test below, made early: `said said said …` would walk ten words a cue)
        words.append(w)
        i -= 1
    if not words or not (i == 0 and lo == ss or i and (tokens[i - 1].lower() in _BOUNDARY
                                                      or tokens[i - 1][-1] in _PUNCT_BEFORE)):
        return None  # no boundary before the phrase: it is no subject
    words.reverse()
    pos = c.start
    for k in range(len(tokens) - 1, i - 1, -1):  # offsets of the phrase, found back from the verb
        pos = text.rfind(tokens[k], lo, pos)
        if k == end - 1:
            stop = pos + len(tokens[k])
    start = pos
    if start == ss and not text[ss].isupper() and not text[ss].isdigit():
        return None  # a sentence that starts in lower case was cut where it should not be
    phrase = text[start:stop]
    if _CONTRACTION.search(phrase, None, None, False) or words[0].lower() in NOT_SUBJECT \
            or any(w.lower() in _NOT_SUBJECT_WORDS for w in words) or words[-1].lower() in _NOT_HEAD \
            or len(words) > 1 and _VERB_FORM.fullmatch(words[-1], None, None, False) or sc.quoted(start, stop):
        return None
    return Mention(start, stop, phrase, "description", None, plural=words[-1].endswith("s"),
                   name=words[-1].lower())
