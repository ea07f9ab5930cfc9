"""Reported speech without marks: `X said (that) CLAUSE`, `X told Y CLAUSE`, `According to X, CLAUSE`,
`CLAUSE, X said.`, `X endorsed Y`, `X's claim that CLAUSE`, `Asked whether CLAUSE, …`. Each becomes
an `indirect` quote spanning the clause; a clause that holds a marked fragment is `mixed`, and the
fragment stays a `partial` quote with the same speaker. Subjects the scene does not give come from
quotes/subjects.py.
"""
from __future__ import annotations

import bisect
from typing import Dict, List, Optional, Tuple

import regex

from . import subjects
from .doc import Cue, Mention
from .model import Quote, Span, evolve_quote
from .scene import Scene

# The regex calls pass concurrent=False positionally, as scene.py's do (see the note there).

REPORTING = ("speech", "write", "ask", "act", "belief", "evidence")
_CONFIDENCE = {"speech": 0.8, "write": 0.8, "ask": 0.7, "act": 0.45, "belief": 0.55, "evidence": 0.5}
_TELL = {"tell", "assure", "inform", "remind", "warn", "urge", "advise", "ask", "promise", "notify", "reassure",
         "persuade", "convince", "caution", "instruct", "beg", "implore", "email", "text", "message"}
# Phrases that may stand between a cue and its clause: `said on Tuesday in a statement that`.
_ADVERBIAL = regex.compile(
    # (`,?\s+` once, before the choice: every choice opens with a letter, so it matches as it did in each)
    r",?\s+(?:(?:on|last|this|next|early|late|earlier|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|morning|afternoon|evening|night|weekend)(?:\s+(?:morning|afternoon|evening|"
    r"night))?|(?:in|at|during|on|via|through|over)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:statement|interview|speech|conference|briefing|post|tweet|letter|email|e-mail|message|video|appearance|"
    r"rally|call|hearing|debate|event|meeting|op-ed|column|podcast|broadcast|release|filing|memo|town hall|report|"
    r"book|memoir|article|essay|newsletter|blog post|blog|documentary|address|communiqu\w+|testimony)\b"
    r"(?:\s+(?:with|to|on)\s+(?:the\s+)?(?:\p{Lu}[\w.&'\u2019-]*\s*)+)?|(?:on|to)\s+(?:Twitter|X|Facebook|Telegram|"
    r"Instagram|CNN|\p{Lu}[\w.]*(?:\s+\p{Lu}[\w.]*){0,3})|(?:earlier|later|yesterday|today|tonight|again|also|"
    r"repeatedly|publicly|privately|recently|previously|separately|flatly|simply|bluntly|firmly)|in\s+\p{Lu}\w+"
    r"|(?:before|after)\s+[^,;.]{1,30}?(?=,)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?)",
    regex.VERSION1)
_ADVERBIALS = regex.compile(f"(?:{_ADVERBIAL.pattern})+", regex.VERSION1)
# the words an adverbial can open with: a cheap test before the long pattern
_ADVERBIAL_FIRST = frozenset(
    "on last this next early late earlier later in at during via through over to yesterday today tonight again also "
    "repeatedly publicly privately recently previously separately flatly simply bluntly firmly before after Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_NEXT_WORD = regex.compile(r",?\s+(\w+)")
_THAT = regex.compile(r"(?:,)?\s*(?:that\b|:)?\s*")
_CUT = regex.compile(r",\s+(?:(?:adding|saying|noting|arguing|insisting|explaining|according to|citing|but|though|"
                     r"although|while|even as|whereas|when|where|which|including|along with)\b"
                     r"|and\s+(?:when|where|while|if|as|after|before)\b"
                     # `…, conceding the race`: a participle adds something of the subject's own
                     r"|(?!(?:including|during|according|regarding|concerning|notwithstanding|nothing|something|"
                     r"anything|everything|morning|evening|spending|funding|housing|polling|building|meeting|hearing|"
                     r"ruling|shooting|bombing|killing|training|planning|warning|rating|opening|beginning|ending)\b)"
                     r"\p{Ll}+ing[ \u00a0]+(?!and\b|or\b)\w)"
                     r"|;\s|\s[\u2014\u2013]\s|\s--?\s")
_CUT_MARKS = ",;-\u2014\u2013"  # what a _CUT match starts with, or (a dash) has second
# Where the reported words give way to the reporter's own (two words in at least): an appositive or
# a relative clause on the last noun (`…, a former aide`, `…, who …`), a comparison or an aside
# (`…, compared with …`, `…, especially …`).
_SOFT_CUT = regex.compile(r",\s+(?:a|an|the|who|whose|compared|with|well|since|as well as|especially|particularly|"
                          r"even|down|up)\s")
_INTRODUCTORY = regex.compile(r"[\W]*(?i:with|after|if|when|as|despite|because|while|although|though|since|before|in|"
                              r"on|at|for|by|under|during|without|unlike|like|once|until|given)\b")
_FIRST_WORDS = regex.compile(r"\W*\w+\W+\w+")
_COORDINATED = regex.compile(r"(?:,|;|\band|\bbut|\bwhile|\bwhereas)\s+\Z")  # `…, and the police said`
# `… and also highlighted`, `X, who voted against it, called …`: a second verb of the same subject
_SECOND_VERB_WORDS = ("also", "then", "later", r"\p{Ll}+ly", "has", "have", "had", "did", "would", "will", "could",
                      "not", "never")
_SECOND_VERB = regex.compile(r"(?r)(?:,|,?[ \u00a0]+(?:and|but|or))[ \u00a0]+"
                             r"(?:(?:" + "|".join(_SECOND_VERB_WORDS) + r")[ \u00a0]+)*\Z")
# how the text before the verb ends, but for spaces, when the pattern matches
_SECOND_VERB_ENDS = (",", "and", "but", "or", "ly") + tuple(w for w in _SECOND_VERB_WORDS if w.isalpha())
_APPOSITIVE_TAIL = regex.compile(r",\s(?:[^.;:!?\"\u201c\u201d]|\.(?=\S))*\Z")
# A complement that is a noun phrase (`praised Clinton’s remarks on Thursday, but …`) ends at the first
# comma or at a phrase that says how or when.
_NOUN_PHRASE = regex.compile(r"(?:the|a|an|his|her|its|their|our|this|that|these|those|\p{Lu}[\w.-]*['\u2019]s)\s")
_PHRASE_END = regex.compile(r",|\s(?:by|after|before|during|on|at|in|for|as|while|when|because|through|with)\s")
_FINITE = regex.compile(r"\b(?:is|was|are|were|be|been|has|had|have|will|would|could|can|should|must|may|might|"
                        r"did|does|do|isn['\u2019]t|wasn['\u2019]t|won['\u2019]t)\b")
_QUOTED_AS = regex.compile(r"(?:\s+\S+){1,8}?\s+as\s+saying\b")  # `quoted X as saying`: X speaks, not the quoter
_PREPOSITIONS = ("in", "on", "at", "off", "after", "before", "during", "by", "within", "without", "around", "across",
                 "near", "behind", "since", "until")
_PREPOSITION = regex.compile(rf"(?:{'|'.join(_PREPOSITIONS)})\b")
_PREPOSITION_FIRST = frozenset(w[0] for w in _PREPOSITIONS)  # a cheap test before the pattern
_PASSIVE_COMPLEMENT = regex.compile(r"\s+(?:(?:\p{Ll}+ly|widely|not|also|still)\s+)?(?:that|to|as)\b")
_AS_COMPLEMENT = regex.compile(r"\s+(?:(?:\p{Ll}+ly|widely|not|also|still)\s+)?as\s+")
_COORDINATION_TAIL = regex.compile(r",\s+(?:and|but|while|although|though|yet)\b")  # `CLAUSE, X said, and …`
_PARTICIPLE_TAIL = regex.compile(r",\s+(?:adding|saying|noting|explaining|arguing|insisting|according)\b")
_HEAD_END = regex.compile(r",(?:[ \u00a0]+(?:[\p{Ll}-]+|\p{Lu}[\p{Ll}]*\.|The|A|An))*[ \u00a0]*\Z")  # `…, journalist`  # `…, said Robert Egge, director of X.`
_TRAILING = " \t\n\u00a0.,;:!?"
_WORD = regex.compile(r"\w+")
_TWO_WORDS = regex.compile(r"\w+\W+\w")  # a clause has two words at least
_HEARERS = regex.compile(r"\s+(?:(?:the|a|an|his|her|their|its|our|local|some|several|visiting|foreign)\s+)?"
                         r"(?:\p{Ll}+\s+)?(?:reporters|journalists|supporters|voters|the crowd|crowds|audiences?|"
                         r"lawmakers|members|students|workers|delegates|donors|followers|viewers|listeners|readers|"
                         r"colleagues|officials|staff|employees|investors|analysts|fans|residents|congress|parliament)\b")
# A `that` after a hearer or a phrase of place or occasion opens the clause, unless a verb follows it
# (`said in a report that was released`: a relative clause).
_THAT_CLAUSE = (r"that\b(?![ \u00a0]+(?:is|was|are|were|has|had|have|will|would|could|can|may|might|should|"
                r"\p{Ll}+ed|\p{Ll}+s)\b)")
_TELL_THAT = regex.compile(r"[ \u00a0]*(?:[\p{L}\p{N}'\u2019.-]+[ \u00a0]+){1,8}?" + _THAT_CLAUSE + r"[ \u00a0]*")
_PHRASE_THAT = regex.compile(r"[ \u00a0]*(?:in|at|during|on|to|before|after|via|through|with|from)[ \u00a0]+"
                             r"(?:[\p{L}\p{N}'\u2019.-]+[ \u00a0]+){1,6}?" + _THAT_CLAUSE + r"[ \u00a0]*")
_OBJECT_PRONOUN = regex.compile(r"(?:him|her|them|us|me)\b")
_OBJECT_END = regex.compile(r"[ \u00a0]*(?:[,;:.!?)\u2014\u2013]|\Z)|[ \u00a0]+(?:during|on|in|at|after|before|for|"
                            r"as|and|but|last|this|over|with|by|from|earlier|yesterday|today|when|while|because|since|"
                            r"despite|amid|--)\b")
# `Mr. Obama's calls`, `his sweeping claim`: the possessor of a cue noun, with up to two words between
_POSSESSOR = regex.compile(r"(?r)(?:^|(?<=[\s(]))((?:\p{Lu}[\p{L}.'\u2019-]*[ \u00a0]+){0,3}\p{Lu}[\p{L}.-]*"
                           r"(?=['\u2019]s\b)|(?i:his|her|their|its|our|my))(?:['\u2019]s)?[ \u00a0]+"
                           r"(?:[\p{Ll}-]+[ \u00a0]+){0,2}\Z")
_NOUN_LINK = regex.compile(r"[ \u00a0]+(?:(to|for)|(that)\b(?![ \u00a0]+(?:is|was|are|were|has|had|have|will|would|"
                           r"could|can|may|might|should|\p{Ll}+ed|\p{Ll}+s)\b))[ \u00a0]+")
_ASKING_NOUNS = {"call", "calls", "demand", "demands", "request", "appeal", "plea"}  # `calls for X`, not `warning for`
_MEDIUM_NOUNS = {"speech", "speeches", "letter", "message", "messages", "email", "memo", "interview", "tweet",
                 "tweets", "post", "posts", "remarks", "remark", "comments", "comment", "statement", "statements",
                 "testimony", "answer", "response", "reply", "words", "column", "op-ed", "editorial", "release"}
_NOUN_PHRASE_START = regex.compile(r"[\p{L}\p{N}]")
_ASKED_OPENING = regex.compile(r"[ \u00a0]*(?:(?:When|when|After being|after being|If|if)[ \u00a0]+)?")
_BY_AGENT = regex.compile(r"[ \u00a0]+by[ \u00a0]+(?:(?:the|a|an|[\p{Ll}-]+)[ \u00a0]+){0,3}")
_QUESTION_WORD = regex.compile(r"\b(?:why|what|whether|if|how|which|who|whom|when|where|about)\b")
_OPENING = regex.compile(r"[(\[\"'\u201c\u2018]?(?:(?i:but|and|yet|so|however|still|now|also)\b,?)?")
_PREPOSITION_END = regex.compile(r"\b(?i:in|on|at|of|to|for|with|by|from|and|or|but|the|a|an)\Z")
# `…, which stood at 263, according to X`, `…: London was …`, `…, and Clinton broke it, according to`:
# the clause that `according to` closes starts at the last colon, semicolon, `, and` or `, which`
_HEAD_START = regex.compile(r"(?r)(?:[:;]|,[ \u00a0]+(?:and|but|while)\b|,(?=[ \u00a0]+which\b))[ \u00a0]*")
_CUES_MEMO = ("indirect", "cues")  # the key of _reporting_cues in sc.memo
_OWNS_CUE = ("trailing", "trailing_dash", "leading", "interrupted", "colon_intro")


def find(sc: Scene, marked: List[Quote]) -> Tuple[List[Quote], List[Quote]]:
    """(new indirect and mixed quotes, the marked quotes with fragments inside mixed clauses
    turned `partial` and given the clause's speaker)."""
    text = sc.doc.text
    found: List[Quote] = []
    taken: List[Tuple[int, int]] = []  # clauses reported so far, kept sorted; they never overlap
    marked = list(marked)
    spans = [((q.outer or q).start, (q.outer or q).end) for q in marked]  # in text order, disjoint
    starts = [s for s, _ in spans]
    # a cue that introduces a marked quote (`X said: “…”`, `“…,” X said`) reports nothing else
    used = {q.cue.start for q in marked if q.cue is not None and q.sieve in _OWNS_CUE}
    cues, cue_starts = _reporting_cues(sc)
    dense: Dict[Tuple[int, int], bool] = {}
    as_saying = "as saying" in text  # (else no cue need look for it)
    for c in cues:
        if c.start in used or as_saying and text.find("as saying", c.end, c.end + 120) != -1 \
                and _QUOTED_AS.match(text, c.end, None, False):
            continue
        sent = sc.sentence_span(c.start)
        if sent not in dense:
            dense[sent] = _list_of_cues(text, sent, cue_starts)
        if dense[sent]:
            continue
        if c.text[0].isupper() and c.start > sent[0] and c.form == "verb" and not _title_case(text, *sent):
            continue  # `top State officials`: a capitalised verb inside a sentence is a name or a noun
        if c.lemma == "ask" and c.form == "verb" and (
                _ASKED_OPENING.fullmatch(text, sent[0], c.start, False) or sc.passive(c)):
            # `Asked why he trailed, Sanders said …`: the question, put by nobody named
            span = _asked_clause(sc, c, sent)
            if span is not None and not _overlaps(taken, span) and not _overlaps(spans, span):
                agents = [m for m in sc.doc.mentions_in(c.end, span[0])
                          if _BY_AGENT.fullmatch(text, c.end, m.start, False)]
                agent = max(agents, key=lambda m: (m.form == "name", m.end - m.start), default=None)  # `by host X`
                found.append(Quote(text[span[0]:span[1]], span[0], span[1], "indirect",
                                   cue=Span.of(text, c.start, c.end), confidence=0.5, sieve="indirect:asked",
                                   speaker=Span.of(text, agent.start, agent.end) if agent else None))
                bisect.insort(taken, span)
            continue
        subject = sc.subject(c)
        loose = False
        if subject is None and not sc.passive(c) or subject is not None and subject.start > c.end:
            opening = subjects.opening(sc, c, sent[0])  # `Sen. X of Texas, the No. 2 Republican, said …`
            if opening is not None:
                subject = opening
            elif subject is None:
                subject, loose = subjects.governing(sc, c, sent[0]) or subjects.loose(sc, c, sent[0]), True
                if subject is None:
                    continue
        span = _clause(sc, c, subject, sent) if subject is not None else _passive_clause(sc, c, sent)
        if span is None or _overlaps(taken, span):
            continue
        s, e = span
        j = bisect.bisect_left(starts, e)
        if j and s <= starts[j - 1] and (marked[j - 1].outer or marked[j - 1]).end > e:
            e = (marked[j - 1].outer or marked[j - 1]).end  # a cut inside a marked quote: the clause takes it whole
            span = (s, e)
            if _overlaps(taken, span):
                continue
        first, j = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        inside = [i for i in range(first, j) if (marked[i].outer or marked[i]).end <= e
                  and marked[i].kind != "scare"] if first < j else []
        if inside and (loose or (marked[inside[0]].outer or marked[inside[0]]).start <= s
                       or not _two_words_outside(text, s, e, [marked[i] for i in inside])):
            continue  # the clause is the quote, or opens with it (`“…,” the mayor, X, said`): the quote carries it
        kind = "mixed" if inside else "indirect"
        if subject is None:  # `Rubio is seen as …`: reported, by nobody the text names
            if inside:
                continue  # a marked fragment keeps the speaker its own sieves gave it
            found.append(Quote(text[s:e], s, e, kind, cue=Span.of(text, c.start, c.end), sieve=f"{kind}:passive"))
            bisect.insort(taken, span)
            continue
        conf = round(_CONFIDENCE[c.cls] * (0.95 if subject.form == "pronoun" else 0.85 if loose else 1.0), 3)
        sieve = f"{kind}:{'according' if c.form == 'according' else c.cls}{':loose' if loose else ''}"
        found.append(Quote(text[s:e], s, e, kind, cue=Span.of(text, c.start, c.end),
                           speaker=Span.of(text, subject.start, subject.end), confidence=conf, sieve=sieve))
        bisect.insort(taken, span)
        for i in inside:
            q = marked[i]
            if q.speaker is None or q.sieve in ("sentence_subject", "previous_quote"):
                marked[i] = evolve_quote(q, kind="partial", speaker=found[-1].speaker, cue=found[-1].cue,
                                         confidence=conf, sieve="mixed_fragment")
            else:
                marked[i] = evolve_quote(q, kind="partial")
    found += _noun_reports(sc, taken, marked)
    return found, marked


def _reporting_cues(sc: Scene) -> Tuple[List[Cue], List[int]]:
    """The reporting cues outside quotes (sc.cues_in of REPORTING), with their starts: found once a
    document and kept in sc.memo, for the clause ends that look for cues in a few words each."""
    found = sc.memo.get(_CUES_MEMO)
    if found is None:
        cues = sc.cues_in(0, len(sc.doc.text), classes=REPORTING)
        found = sc.memo[_CUES_MEMO] = (cues, [c.start for c in cues])
    return found


def _reporting_cues_in(sc: Scene, start: int, end: int) -> List[Cue]:
    """sc.cues_in(start, end, classes=REPORTING), by bisection in _reporting_cues."""
    cues, starts = _reporting_cues(sc)
    i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [c for c in cues[i:j] if c.end <= end] if i < j else []


def _noun_reports(sc: Scene, taken: List[Tuple[int, int]], marked: List[Quote]) -> List[Quote]:
    """`Mr. Obama's calls for tighter gun control`, `his claim that …`, `her pledge to …`: a cue noun
    whose possessor is the speaker and whose complement is what was said."""
    text = sc.doc.text
    out: List[Quote] = []
    for c in sc.doc.cues:
        if c.form != "noun" or sc.quoted(c.start, c.end):
            continue
        ss, se = sc.sentence_span(c.start)
        link = _NOUN_LINK.match(text, c.end, se, False)
        if link is None or link.group(1) == "to" and c.lemma in _MEDIUM_NOUNS \
                or link.group(1) == "for" and c.lemma not in _ASKING_NOUNS:
            continue  # `her speeches to bankers` names hearers (tested first: the search below costs more)
        owner = _POSSESSOR.search(text, max(ss, c.start - 60), c.start, False)
        if owner is None or owner.group(1).split()[0].lower() in subjects.NOT_SUBJECT:
            continue  # `Despite Mr. Trump's claims`
        s = link.end() if link.group(1) != "to" else link.start(1)
        e = _clause_end(sc, link.end(), se)
        if link.group(1) == "for" and _NOUN_PHRASE_START.match(text, s, e, False):
            stop = _PHRASE_END.search(text, s, e, False)
            e = stop.start() if stop else e
        span = _trim(text, s, e)
        if span is None or _overlaps(taken, span) or any(
                (q.outer or q).start < span[1] and span[0] < (q.outer or q).end for q in marked):
            continue
        who = owner.start(1), owner.end(1)
        out.append(Quote(text[span[0]:span[1]], span[0], span[1], "indirect", cue=Span.of(text, c.start, c.end),
                         speaker=Span.of(text, *who), confidence=0.5, sieve="indirect:noun"))
        bisect.insort(taken, span)
    return out


def _list_of_cues(text: str, sent: Tuple[int, int], cue_starts: List[int]) -> bool:
    """A sentence where reporting verbs are a third of the words or more (and there are over
    eight): a list of words or junk, no report (`said said said …` would cost a subject search
    per word)."""
    n = bisect.bisect_left(cue_starts, sent[1]) - bisect.bisect_left(cue_starts, sent[0])
    return n > 8 and 3 * n >= len(text[sent[0]:sent[1]].split())


def _overlaps(taken: List[Tuple[int, int]], span: Tuple[int, int]) -> bool:
    """Whether span overlaps one of the sorted, disjoint spans (only its neighbours can)."""
    i = bisect.bisect_left(taken, span)
    s, e = span
    return i < len(taken) and taken[i][0] < e and s < taken[i][1] \
        or i > 0 and taken[i - 1][0] < e and s < taken[i - 1][1]


def _clause(sc: Scene, c: Cue, subject: Mention, sent: Tuple[int, int]) -> Optional[Tuple[int, int]]:
    """The reported clause of a cue: after it (`said that …`), or before it (`…, he said.`)."""
    text = sc.doc.text
    ss, se = sent
    after_subject = max(c.end, subject.end)
    if c.form == "according":
        head = text[ss:c.start].rstrip()
        opening = _OPENING.fullmatch(head, None, None, False)  # `(According to X, …`, `But according to X, …`
        if head and not opening and (head[-1] in ",\u2014\u2013"
                                     or head[-1].isalnum() and not _PREPOSITION_END.search(head, None, None, False)):
            # `CLAUSE, according to X.`, `CLAUSE — according to X`, `… 46 percent to 39 percent according to X`
            start = _clause_start(sc, ss, c.start)
            bound = _HEAD_START.search(text, start, ss + len(head) - 1, False)
            return _trim(text, bound.end() if bound else start, ss + len(head) - (not head[-1].isalnum()))
        comma = text.find(",", subject.end, se)
        if (not head or opening) and comma != -1:  # `According to X, CLAUSE.`
            return _trim(text, comma + 1, _clause_end(sc, comma + 1, se))
        return None
    inverted = subject.start > c.end
    rest = text[after_subject:se].rstrip(_TRAILING)
    opens = _opens_adverbial(rest, 0, len(rest))
    tail = _ADVERBIALS.match(rest, None, None, False) if opens else None
    rest_after = rest[tail.end():] if tail else rest
    if not rest_after or rest_after[0] == "," and (  # (which each of these tails opens with)
            inverted and _APPOSITIVE_TAIL.match(rest_after, None, None, False)
            or _PARTICIPLE_TAIL.match(rest_after, None, None, False)
            or _COORDINATION_TAIL.match(rest_after, None, None, False)):
        # postposed: `The plan will fail, he said.` / `…, said the minister, who …` / `…, X said, adding …`
        return _postposed(sc, c, subject, ss)
    if inverted:
        return None
    return _forward(sc, c, se, opens if after_subject == c.end else None)


def _postposed(sc: Scene, c: Cue, subject: Mention, ss: int) -> Optional[Tuple[int, int]]:
    """The clause before `, X said`."""
    text = sc.doc.text
    lead_end = min(subject.start, c.start)
    head = _HEAD_END.search(text, ss, lead_end, False)
    if head and ss < head.start():
        return _trim(text, _clause_start(sc, ss, lead_end), head.start())
    return None


def _forward(sc: Scene, c: Cue, se: int, opens: Optional[bool] = None) -> Optional[Tuple[int, int]]:
    """The clause after the cue: `said (that) …`, `told X (that) …`. `opens`: whether an adverbial
    opens at the cue's end (_opens_adverbial), when the caller has found it out."""
    text = sc.doc.text
    pos = c.end
    if c.lemma in _TELL:
        obj = _object(sc, pos, se)
        pos = obj if obj is not None else pos
    if opens is None or pos != c.end:
        opens = _opens_adverbial(text, pos, se)
    while opens:
        m = _ADVERBIAL.match(text, pos, se, False)
        if not m or m.end() == pos:
            break
        pos = m.end()
        opens = _opens_adverbial(text, pos, se)
    m = _THAT.match(text, pos, se, False)
    that = bool(m and m.group().strip())
    pos = m.end() if m else pos
    if not that and text.find("that", pos, min(se, pos + 90)) != -1:  # `told the crowd at a rally that …`
        m = (_TELL_THAT if c.lemma in _TELL else _PHRASE_THAT).match(text, pos, se, False)
        if m:
            pos, that = m.end(), True
    if not that and text[pos:pos + 1] in _PREPOSITION_FIRST and _PREPOSITION.match(text, pos, se, False):
        return None  # `raised its warning for the coast`, `sworn off it`: no words reported
    if not that and c.lemma not in _TELL:
        obj = _named_object(sc, pos, se)
        if obj is not None:
            return obj
    end = _clause_end(sc, pos, se)
    if not that and _NOUN_PHRASE.match(text, pos, end, False):
        stop = _PHRASE_END.search(text, pos, end, False)  # `defended the plan, saying …`: the object alone
        if stop and not _FINITE.search(text, pos, stop.start(), False):  # `said the port would close …` is a clause
            end = stop.start()
    return _trim(text, pos, end)


def _named_object(sc: Scene, pos: int, se: int) -> Optional[Tuple[int, int]]:
    """`endorsed Hillary Clinton on Thursday`, `praised her, citing …`: a name or pronoun that no verb
    follows is the object the words were about, even a single word (`said Clinton would win` is a
    clause)."""
    text = sc.doc.text
    if pos >= se or not (text[pos].isupper() or text[pos] in "htum"):
        return None  # neither a name nor him, her, them, us, me
    m = _OBJECT_PRONOUN.match(text, pos, se, False)
    if m and _OBJECT_END.match(text, m.end(), se, False):
        return pos, m.end()
    if text.find("as saying", pos, se) != -1:
        return None  # `quoted X, an adviser, as saying`: X is the speaker, not the object
    for m in sc.doc.mentions_in(pos, min(se, pos + 80)):
        if m.start != pos:
            break
        if (m.form == "name" or m.plural or " " in m.text) and _OBJECT_END.match(text, m.end, se, False) \
                and not sc.quoted(m.start, m.end):  # not a lone `senator` after `state`
            return m.start, m.end
    return None


def _asked_clause(sc: Scene, c: Cue, sent: Tuple[int, int]) -> Optional[Tuple[int, int]]:
    """`Asked during a debate why he trailed, …`, `was asked whether …`: the question, from its
    wh-word (or `about`) to the comma that closes it."""
    text = sc.doc.text
    se = sent[1]
    comma = text.find(",", c.end, se)
    stop = comma if comma != -1 else _clause_end(sc, c.end, se)
    m = _QUESTION_WORD.search(text, c.end, min(stop, c.end + 80), False)
    if m is None:
        return None
    return _trim(text, m.start(), stop)


def _title_case(text: str, start: int, end: int) -> bool:
    """A headline in title case (`Obama Endorses Clinton For President`)."""
    words = text[start:end].split()
    return sum(w[:1].isupper() for w in words) * 3 >= len(words) * 2


def _opens_adverbial(text: str, pos: int, end: int) -> bool:
    m = _NEXT_WORD.match(text, pos, end, False)
    return m is not None and m.group(1) in _ADVERBIAL_FIRST


def _passive_clause(sc: Scene, c: Cue, sent: Tuple[int, int]) -> Optional[Tuple[int, int]]:
    """`X was told (that) CLAUSE` reports the clause; `250,000 Iowans are expected to attend …`
    reports the whole clause, subject included. A passive with nothing reported (`Nothing is
    quoted here`) reports nothing."""
    text = sc.doc.text
    ss, se = sent
    if not _PASSIVE_COMPLEMENT.match(text, c.end, se, False):
        return None
    m = _THAT.match(text, c.end, se, False)
    if m and m.group().strip():
        return _trim(text, m.end(), _clause_end(sc, m.end(), se))
    m = _AS_COMPLEMENT.match(text, c.end, se, False)
    if m:  # `was known as one of the best players`: what it was called
        return _trim(text, m.end(), _clause_end(sc, m.end(), se))
    start = max(ss, text.rfind(",", ss, c.start) + 1, text.rfind(";", ss, c.start) + 1)
    return _trim(text, start, _clause_end(sc, c.end, se))


def _clause_end(sc: Scene, start: int, end: int) -> int:
    """A clause runs to the end of its sentence, or to where another report begins:
    `…, adding …`, `… — …`, `…, and the authorities said …`."""
    text = sc.doc.text
    end = _first_cut(text, start, end)
    soft = _SOFT_CUT.search(text, start, end, False) if text.find(",", start, end) != -1 else None
    if soft:  # two words in at least
        first = _FIRST_WORDS.match(text, start, end, False)
        soft = None if first is None else soft if soft.start() >= first.end() else \
            _SOFT_CUT.search(text, first.end(), end, False)
    intro = _INTRODUCTORY.match(text, start, end, False) if soft else None
    if soft and not (intro and "," not in text[intro.end():soft.start()]):
        end = soft.start()  # not at the comma that closes an opening phrase: `that, with the storm over, the …`
    for c in _reporting_cues_in(sc, start, end):
        verbs = _second_verb(text, max(start, c.start - 30), c.start) if c.form == "verb" else None
        if verbs is not None and verbs > start:  # `said X and highlighted Y`: a second report by the same subject
            return verbs
        subject = sc.subject(c)
        if subject is not None and start < subject.start < c.start and \
                _COORDINATED.search(text, max(start, subject.start - 8), subject.start, False):
            j = text.rfind(",", start, subject.start)
            return j if j > start else subject.start
    return end


def _second_verb(text: str, lo: int, end: int) -> Optional[int]:
    """Where _SECOND_VERB matches in [lo, end), or None; str tests first rule out the usual case,
    a verb after a word that is no conjunction or adverb (`the president said`)."""
    j = end
    while j > lo and text[j - 1] in " \u00a0":
        j -= 1
    if j == end or not text.endswith(_SECOND_VERB_ENDS, lo, j):
        return None
    m = _SECOND_VERB.search(text, lo, end, False)
    return m.start() if m else None


def _first_cut(text: str, start: int, end: int) -> int:
    """Where _CUT first matches in [start, end), else end. The pattern is tried only at its marks,
    which str.find finds: a search with it tries all its branches at every position, at ten times
    the cost."""
    window, first = text[start:end], end
    for mark in _CUT_MARKS:
        if mark not in window:
            continue  # (the usual case: an `in` costs less than a call to find)
        dash = mark not in ",;"  # a dash cut starts at the space before the dash
        i = text.find(mark, start + dash, first)
        while i != -1:
            space = i - 1 if dash else i + 1  # each mark has a space after it, a dash one before
            if text[space:space + 1].isspace() and _CUT.match(text, i - dash, end, False):
                first = i - dash  # (the marks still to look for, only before it)
                break
            i = text.find(mark, i + 1, first)
    return first


def _clause_start(sc: Scene, start: int, end: int) -> int:
    """A postposed clause starts at its sentence, or after an earlier report in it."""
    last = start
    for c in _reporting_cues_in(sc, start, end):
        if sc.subject(c) is not None:
            last = c.end
    return last


def _object(sc: Scene, pos: int, end: int) -> Optional[int]:
    """The end of the hearer after `told`: a name, or a short noun phrase (`told reporters`)."""
    text = sc.doc.text
    ms = [m for m in sc.doc.mentions_in(pos, end) if not text[pos:m.start].strip()]
    if ms:
        return max(m.end for m in ms if m.start == ms[0].start)
    m = _HEARERS.match(text[pos:end], None, None, False)
    return pos + m.end() if m else None


def _trim(text: str, s: int, e: int) -> Optional[Tuple[int, int]]:
    while s < e and text[s] in " \t\n\u00a0,":
        s += 1
    while e > s and (text[e - 1] in _TRAILING or text[e - 1] == ")" and "(" not in text[s:e]):
        e -= 1  # and the bracket that closes an aside the clause sits in: `(According to X, …)`
    if not _TWO_WORDS.search(text, s, e, False):
        return None
    return s, e


def _two_words_outside(text: str, s: int, e: int, quotes: List[Quote]) -> bool:
    """Whether two words of [s, e) lie outside the quotes (which lie in it, in text order)."""
    words, pos = 0, s
    for q in quotes:
        o = q.outer or q
        words += len(_WORD.findall(text, pos, o.start, False, False))
        if words >= 2:
            return True  # (the rest need not be counted)
        pos = o.end
    return words + len(_WORD.findall(text, pos, e, False, False)) >= 2
