"""The fast engine: a model-free annotator built on `regex` and the word lists in quotes/data.

It finds paragraphs, sentences, the mentions that can speak (names, pronouns, descriptions) and the
cues of speech, in a couple of passes over the text, so the stages after it run on any machine.
"""
from __future__ import annotations

import functools
import itertools
import string
from typing import Dict, List, NamedTuple, Optional

import regex

from .. import segment
from ..doc import Cue, Doc, Mention
from ..resources import CueWord, Lexicon, lexicon

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.

def _one_of(words) -> str:
    """An alternation of the words, grouped by first letter (`a(?:l|nd)|b(?:in|int)`), so that the
    regex tries only the words that begin with the letter at hand. It matches what the plain
    alternation matches: words with different first letters never match at the same place."""
    groups = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    alternatives = [first + (f"(?:{'|'.join(rests)})" if rests != [""] else "") for first, rests in groups.items()]
    return f"(?:{'|'.join(alternatives)})"


# A capitalised word, with the apostrophe of a plural possessive before another capital (`the
# Joneses' Ford`; the apostrophe is tested before the `s` behind it: the cheaper test to fail).
_UPPER_WORD = r"(?:\p{Lu}[\p{L}\p{M}\p{N}]*(?:['\u2019\-][\p{L}\p{M}\p{N}]+)*(?:['\u2019](?<=s.)(?=[ \u00a0]\p{Lu}))?)"
_PREFIXES = "al el ad as ash at an ar ul bin ibn bint abu de di da van von d l O Mc".split()
_PREFIXED = r"(?:" + _one_of(_PREFIXES) + r"['\u2019\-]" + _UPPER_WORD + ")"
_ABBREVIATIONS = ("Mr Mrs Ms Dr Prof Sen Rep Gov Gen Lt Col Sgt Capt Cmdr Adm Maj Rev Fr St Jr Sr Inc Corp Co Ltd "
                  "Mt Ft Messrs Mme").split()
_ABBR = r"(?:" + _one_of(_ABBREVIATIONS) + r"\.)"
_INITIALS = r"(?:(?:\p{Lu}\.){1,3}(?!\p{L}))"
# An abbreviation, initials and a prefixed name begin with a few letters and a `.`, an apostrophe
# or a hyphen: the lookahead spares the regex these three for other words.
_SHORT_THEN_MARK = rf"(?=\p{{L}}{{1,{max(map(len, _ABBREVIATIONS + _PREFIXES))}}}+[.'\u2019\-])"
_NAME_WORD = f"(?:{_SHORT_THEN_MARK}(?:{_ABBR}|{_INITIALS}|{_PREFIXED})|{_UPPER_WORD})"
_PARTICLES = ("al el bin ibn bint de del della der den di da dos das du la le van von ten ter y "
              "of for on the and").split()
_PARTICLE = _one_of(_PARTICLES)
# After a space a name goes on only with a particle or a name word (which begins with a capital or a
# lower-case prefix), so the lookahead spares the regex the words that begin with any other letter.
_GOES_ON = "(?=[\\p{Lu}" + "".join(sorted({w[0] for w in _PARTICLES + _PREFIXES if w[0].islower()})) + "])"
_NAME_RE = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}'\u2019]){_NAME_WORD}"
                         rf"(?:[ \u00a0]{_GOES_ON}(?:{_PARTICLE}[ \u00a0])*{_NAME_WORD})*")
# Where a name can start: a capital after no letter or digit (`Hill`, `Mr.`, `O'Brien`, the `Trump` of
# `anti-Trump`), or a lower-case prefix before one (`al-Sudani`, `d'Alembert`).
_NAME_START = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}")
_LOWER_PREFIXES = frozenset(p for p in _PREFIXES if p.islower())
_LONGEST_PREFIX = max(map(len, _LOWER_PREFIXES))
_WORD_RE = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}'\u2019\-]*")
_PRONOUNS = {"he": ("m", False), "she": ("f", False), "they": (None, True), "it": (None, False),
             "we": (None, True), "i": (None, False), "you": (None, False), "who": (None, False)}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
                "one", "two", "three", "four", "several", "some", "many", "other", "another", "both",
                "most", "few", "no"}
_ORG_ONLY_PARTICLES = {"of", "for", "on", "the", "and"}
_POSSESSIVE_S = ("'s", "\u2019s")
_OPENING_MARKS = "\"'\u201c\u2018\u201e\u00ab\u00bb\u300c\u300e"
_DATELINE_AFTER = regex.compile(r"[ \u00a0]*(?:[,(][^\n]{0,40}?)?[\u2014\u2013-]")
_MAX_NAME_WORDS = 12  # a run of capitals longer than this is a headline or a list, cut into names this long


def annotate(text: str, lex: Optional[Lexicon] = None) -> Doc:
    lex = lex or lexicon("en")
    paras = segment.paragraphs(text)
    sents = segment.sentences(text, paras)
    cues, others, seen, name_starts = _word_pass(text, lex)
    names = _names(text, lex, {s.start for s in sents}, seen, name_starts)
    mentions = sorted(names + others, key=lambda m: (m.start, -m.end))
    return Doc(text=text, paragraphs=paras, sentences=sents, mentions=mentions, cues=cues, engine="fast")


# --------------------------------------------------------------------------- names
def _names(text: str, lex: Lexicon, sent_starts, seen, starts=None) -> List[Mention]:
    """Names from runs of capitalised words; `seen` is the set of the text's words and tokens, `starts`
    where names can start (see _word_pass; found here when not given)."""
    out: List[Mention] = []
    for m in _name_runs(text, starts):
        base = m.start()
        for ps, pe, lone_low, opener, initial, upper, mentions in _pieces(m.group(), lex):
            s = base + ps
            if (opener or lone_low is not None and lone_low in seen) and \
                    (s in sent_starts or s > 0 and text[s - 1] in _OPENING_MARKS):
                continue  # `Notable patron ...`, `“People told me`, `Departing …`: capitals of a sentence start
            if initial:
                continue  # a lone initial (`on X.`) names nobody
            if upper and _dateline(text, s, base + pe, lex):
                continue  # `BAGHDAD —`: a dateline, not a speaker
            for ms, me, fields in mentions:
                out.append(Mention(s + ms, s + me, *fields))
    return out


def _name_runs(text: str, starts=None):
    """The matches of _NAME_RE.finditer(text), found faster: the regex is tried only where a name
    can start (the matches of _NAME_START, in order: `starts`, or found here), so it no longer runs
    its alternatives at every letter."""
    if starts is None:
        starts = [c.start() for c in _NAME_START.finditer(text, None, None, False, False)]
    pos = 0
    match = _NAME_RE.match
    for u in starts:
        if u < pos:
            continue  # inside the last name
        m = None
        if u >= 2 and text[u - 1] in "'\u2019-":  # `al-Sudani` starts at its prefix, if it has one
            for s in range(max(pos, u - 1 - _LONGEST_PREFIX), u - 1):
                if text[s:u - 1] in _LOWER_PREFIXES:
                    m = match(text, s, None, False)
                    if m is not None:
                        break
        if m is None:
            m = match(text, u, None, False)
        if m is None:
            pos = u + 1
        else:
            yield m
            pos = m.end()


# Names recur within and across articles: the analysis of a run of capitals depends on its words
# alone, so it is cached.
@functools.lru_cache(maxsize=65536)
def _pieces(chunk: str, lex: Lexicon) -> tuple:
    """The names in a run of capitals, each with what _names checks: (start, end, its lower case
    when it is one word in lower case (a word the text may also use uncapitalised; only what
    _WORD_RE takes for one word, as `seen` holds such words and other tokens), whether it is one
    word that reads as a sentence opener anyway, a lone initial, all capitals, its mentions)."""
    out = []
    for ps, pe in _split_chunk(chunk, 0, len(chunk), lex):
        word = chunk[ps:pe]
        low = word.lower()
        lone = " " not in word
        lone_low = low if lone and low[0].islower() and _is_word(low) else None
        out.append((ps, pe, lone_low,
                    lone and (low in lex.descriptions or word.endswith(("ing", "ed", "ly"))),
                    len(word) == 2 and word[1] == ".", word.isupper(), _piece_mentions(word, lex)))
    return tuple(out)


def _is_word(s: str) -> bool:
    """Whether s is one word as _WORD_RE reads words (a plain ASCII word without a regex call)."""
    return s.isalpha() and s.isascii() or _WORD_RE.fullmatch(s, None, None, False) is not None


@functools.lru_cache(maxsize=65536)
def _piece_mentions(piece: str, lex: Lexicon):
    return tuple((f[0], f[1], f[2:]) for f in _name_mentions(piece, 0, len(piece), lex))


def _tokens(text: str, s: int, e: int):
    """(start, end) of the runs of text[s:e] between spaces and no-break spaces (str methods, no regex)."""
    run = text[s:e]
    if " " not in run and "\u00a0" not in run:
        return [(s, e)] if run else []  # one word, as most names are
    out, i = [], s
    for part in run.replace("\u00a0", " ").split(" "):
        if part:
            out.append((i, i + len(part)))
        i += len(part) + 1
    return out


def _dateline(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """An upper-case place at the start of a paragraph, before a dash: `BAGHDAD —`, `PARIS (Wire) —`."""
    at_start = s == 0 or text[s - 1] == "\n"
    return at_start and bool(_DATELINE_AFTER.match(text, e, None, False)) or text[s:e].title() in lex.places


def _split_chunk(text: str, s: int, e: int, lex: Lexicon):
    """Cut a run of capitalised words where it stops being one name: at common words and cue
    words (`The`, `Says`), and at `of`/`and` that do not join parts of an organisation name."""
    toks = _tokens(text, s, e)
    words = [text[ts:te] for ts, te in toks]
    pieces, cur = [], []  # lists of indices into words
    has_org = False
    org_ahead = None  # whether an organisation word comes later in the run, for each word (when needed)
    for i, w in enumerate(words):
        low = w.lower()
        if (low in lex.common and not w.islower()) or low in _PRONOUNS or low in lex.headline_verbs:
            if cur:
                pieces.append(cur)
            cur, has_org = [], False
            continue
        if low in _ORG_ONLY_PARTICLES and w.islower():
            if org_ahead is None:
                org_ahead = [False] * (len(words) + 1)
                for k in range(len(words) - 1, -1, -1):
                    org_ahead[k] = org_ahead[k + 1] or words[k] in lex.org_words
            titled = low == "of" and cur and words[cur[-1]] in lex.titles  # `Secretary of State`
            if not cur or not (has_org or org_ahead[i] or titled):
                if cur:
                    pieces.append(cur)
                cur, has_org = [], False
                continue
        cur.append(i)
        if w in lex.org_words:
            has_org = True
    if cur:
        pieces.append(cur)
    pieces = [p[i:i + _MAX_NAME_WORDS] for p in pieces for i in range(0, len(p), _MAX_NAME_WORDS)]
    for piece in pieces:
        while piece and words[piece[-1]] in lex.particles:
            piece.pop()  # a name never ends on `of`
        while piece and words[piece[0]] in lex.particles:
            piece.pop(0)
        if piece:
            yield toks[piece[0]][0], toks[piece[-1]][1]


def _name_mentions(text: str, s: int, e: int, lex: Lexicon) -> List[tuple]:
    """The mentions a name chunk makes (as _name_fields); a chunk that begins with a known name
    (`Al Jazeera Quote`) is cut after it."""
    words = _tokens(text, s, e)
    if len(words) > 1 and lex.lookup(text[s:e]) is None:  # a known name is not cut
        for k in range(len(words) - 1, 0, -1):
            if text[words[k][0]:words[k][1]] in lex.org_words:
                break  # `Hezbollah Brigades` is a name of its own, not `Hezbollah` + `Brigades`
            cut = words[k - 1][1]
            if lex.lookup(text[s:cut]) is not None:
                rest = _name_fields(text, words[k][0], e, lex)
                head = _name_fields(text, s, cut, lex)
                return [f for f in (head, rest) if f is not None and (f[4] or f[2].lower() not in lex.cue_forms)]
    f = _name_fields(text, s, e, lex)
    return [f] if f is not None else []


def _name_mention(text: str, s: int, e: int, lex: Lexicon) -> Optional[Mention]:
    """The mention the name text[s:e] makes, if any (see _name_fields)."""
    fields = _name_fields(text, s, e, lex)
    return Mention(*fields) if fields is not None else None


def _name(s: int, e: int, text: str, type: Optional[str], gender: Optional[str] = None, name: str = "",
          kb_id: Optional[str] = None) -> tuple:
    """The fields of a name's Mention, in their order (a tuple: cheaper to build, and cached)."""
    return s, e, text, "name", type, gender, False, name, kb_id


def _name_fields(text: str, s: int, e: int, lex: Lexicon) -> Optional[tuple]:
    """The fields of the Mention the name text[s:e] makes (see _name), or None when it names nobody."""
    raw = text[s:e]
    for suf in _POSSESSIVE_S:
        if raw.endswith(suf):
            e -= len(suf)
            raw = raw[:-len(suf)]
    if raw.endswith(("'", "\u2019")):
        e -= 1
        raw = raw[:-1]
    if not raw or raw.lower() in lex.common or lex.titles_and_demonyms.issuperset(raw.split()):
        return None  # `Former Republican`, `Iraqi`: no name in it
    known = lex.lookup(raw)
    if known is not None:
        return _name(s, e, raw, known.type, name=known.name, kb_id=known.kb_id)
    toks = _tokens(text, s, e)
    words = [text[a:b] for a, b in toks]
    title_gender, n_title = None, 0
    while n_title < len(words) - 1 and (words[n_title] in lex.titles or words[n_title] in lex.demonyms
                                        or words[n_title] == "of" and n_title > 0):
        title_gender = title_gender or lex.titles.get(words[n_title])
        n_title += 1
    if raw in lex.places:
        return _name(s, e, raw, "GPE", name=raw)
    if not lex.org_words.isdisjoint(words):
        return _name(s, e, raw, "ORG", name=_strip_the(raw))
    if n_title and any(w in lex.titles for w in words[:n_title]):
        ns = toks[n_title][0]
        bare = text[ns:e]
        known = lex.lookup(bare)
        if known is not None:
            return _name(ns, e, bare, known.type, name=known.name, kb_id=known.kb_id)
        gender = title_gender or lex.first_names.get(words[n_title])
        return _name(s, e, raw, "PERSON", gender=gender, name=bare)
    gender = lex.first_names.get(words[0]) if len(words) > 1 else None  # a lone `Cole` is a surname
    if gender:
        return _name(s, e, raw, "PERSON", gender=gender, name=raw)
    if len(words) == 1 and raw.isupper() and len(raw) >= 2:
        return _name(s, e, raw, "ORG", name=raw)
    return _name(s, e, raw, None, gender=gender, name=raw)


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith(("The ", "the ")) else name


# --------------------------------------------------------------------------- cue, pronoun and description words
def _words(text: str, lex: Lexicon):
    """One pass over the words: cues, pronouns, descriptions, and the set of words seen (a word
    seen in lower case tells a name from a capitalised sentence opener), with the tokens of the
    text too (see _block_words)."""
    return _word_pass(text, lex)[:3]


def _word_pass(text: str, lex: Lexicon):
    """_words, and the places where a name can start (the matches of _NAME_START, in order), found
    in the same pass over the tokens."""
    cues: List[Cue] = []
    mentions: List[Mention] = []
    name_starts: List[int] = []
    seen = set()
    for b, e in _blocks(text):
        block_seen = _block_words(text, b, e, lex, _word_caches(lex), cues, mentions, name_starts)
        if seen:
            seen |= block_seen
        else:
            seen = block_seen
    return cues, mentions, seen, name_starts


_BLOCK = 1 << 16


def _blocks(text: str):
    """(start, end) of pieces of about _BLOCK characters, cut after a line break (no word spans
    one), so that a long text is not held as millions of words at once."""
    b = 0
    while len(text) - b > _BLOCK:
        cut = text.find("\n", b + _BLOCK) + 1
        if not cut:
            break
        yield b, cut
        b = cut
    yield b, len(text)


def _block_words(text: str, b: int, e: int, lex: Lexicon, caches, cues, mentions, name_starts) -> set:
    """Adds the cues and mentions among the words of text[b:e], and the places where a name can
    start; returns the set of its words and tokens (a token that is not one word, `said,`, is no
    word _pieces asks about: see there)."""
    # The block is cut at its spaces and line breaks (in C; no word holds one, and the cut keeps
    # offsets). A token's words are found once per distinct token, as tokens recur, and the loop
    # below runs in Python only over the tokens that hold a word that can be something, or a capital.
    parts = text[b:e].replace("\n", " ").split(" ")
    seen = set(parts)  # its distinct tokens, and below the words of those that are not one word
    not_words, notable = caches.not_words, caches.notable
    unkept = []
    for tok in seen.difference(caches.tokens):
        words, hot, starts = _token_words(tok, lex, caches.plans)
        caches.tokens.add(tok)
        if words != (tok,):
            not_words[tok] = words
        if hot or starts:
            notable[tok] = hot, starts
        if len(tok) > _LONGEST_KEPT_TOKEN:
            unkept.append(tok)
    seen.update(itertools.chain.from_iterable(map(not_words.__getitem__, not_words.keys() & seen)))
    seen.discard("")  # (no word; a block that ends at a line break ends on one)
    found = list(map(notable.get, parts))  # each token's (hot words, name starts), or None
    offsets = list(itertools.accumulate(map(len, parts), initial=b))
    for k in itertools.compress(range(len(parts)), found):
        start = offsets[k] + k  # after the k spaces before the token
        hot, starts = found[k]
        for off in starts:
            name_starts.append(start + off)
        for off, w, plan in hot:
            _hot_word(text, lex, start + off, w, plan, cues, mentions)
    for tok in unkept:  # a long token (a text without spaces) would hold megabytes in the cache
        caches.tokens.discard(tok)
        not_words.pop(tok, None)
        notable.pop(tok, None)
    return seen


def _hot_word(text: str, lex: Lexicon, s: int, w: str, plan, cues, mentions) -> None:
    """Adds the cue or mention the word w at s makes, if it makes one (plan: see _plan)."""
    pronoun, base, phrases, phrase_ends, cue, low, noun_form = plan
    if pronoun is not None:
        n, g, pl, typ = pronoun
        if low == "who" and text[max(0, s - 2):s] != ", ":
            return  # only the relative `X, who said …` points at a speaker, not a question's `who`
        mentions.append(Mention(s, s + n, w[:n], "pronoun", typ, g, pl))  # (positional: cheaper)
        return
    if base is not None and (w[0].islower() or _sentence_start(text, s)):
        mentions.append(_description(text, lex, base, s, s + len(base)))
    if phrases and (phrase_ends is None or text[max(0, s - 2):s].lower() in phrase_ends):
        phrase = _phrase_cue(text, lex, phrases, s, s + len(w))
    else:
        phrase = None
    if phrase is not None:
        while cues and cues[-1].start >= phrase.start:
            cues.pop()  # `pointed` inside `pointed out`
        cues.append(phrase)
    elif cue is not None and not isinstance(cue, str) and not (noun_form and _noun_use(text, s)):
        cues.append(Cue(s, s + len(w), w, cue.lemma, "verb", cue.cls, cue.medium))
    elif isinstance(cue, str) or cue is not None and low in lex.cue_nouns:
        cues.append(Cue(s, s + len(w), w, low, "noun"))  # `a call for`, `her remarks`


# Characters that are in no word (see _WORD_RE), which _token_words strips off the ends of a token.
_NOT_IN_WORDS = "".join(c for c in string.punctuation + "\t\n\r\u00a0\u201c\u201d\u2018\u00ab\u00bb\u2013\u2014\u2026"
                        if not regex.match(r"[\p{L}\p{M}\p{N}'\u2019\-]", c))
_LONGEST_KEPT_TOKEN = 64  # characters; longer tokens are rare and seldom recur


def _token_words(tok: str, lex: Lexicon, plans) -> tuple:
    """The words of a token (a piece of text without spaces or line breaks), those that can be
    something, as (offset in the token, word, plan) (see _plan; plans caches it per word), and the
    offsets where a name can start (what _NAME_START finds in the text: it looks back one
    character, and the one before a token is a space, a line break or none)."""
    core = tok if tok.isalpha() and tok.isascii() else tok.strip(_NOT_IN_WORDS)
    if core.isascii() and core.isalpha():
        # The commonest token, a plain word (`said`, `(Reuters),`), read without a regex call: a
        # name can start only at its first letter, as no letter is around it.
        at = tok.find(core)
        plan = _cached_plan(core, lex, plans)
        return (core,), ((at, core, plan),) if plan else (), (at,) if core[0].isupper() else ()
    words = tuple(_WORD_RE.findall(tok, None, None, False, False))
    hot, end = [], 0
    for w in words:
        start = tok.find(w, end)  # (no letter lies between a word and the one before: this is the word)
        end = start + len(w)
        plan = _cached_plan(w, lex, plans)
        if plan:
            hot.append((start, w, plan))
    no_capital = tok.isascii() and tok.lower() == tok
    starts = () if no_capital else tuple(c.start() for c in _NAME_START.finditer(tok, None, None, False, False))
    return words, tuple(hot), starts


def _cached_plan(w: str, lex: Lexicon, plans):
    plan = plans.get(w)
    if plan is None:
        plan = plans[w] = _plan(w, lex)
    return plan


_NOUN_BEFORE = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
                "no", "any", "each", "every", "some", "several", "many", "much", "more", "most", "same", "such", "of",
                "in", "on", "at", "for", "with", "by", "from", "into", "about", "over", "under", "after", "before",
                "between", "through", "per", "own", "first", "last", "new", "whose"}


def _noun_form(low: str, cue) -> bool:
    """Whether a form of a cue word can be a noun too: its plain and -s forms (`state`, `reports`)
    and its -ing form (`warning`, `meeting`); `said`, `reported` are always verbs."""
    return low == cue.lemma or low in (cue.lemma + "s", cue.lemma + "es") or low.endswith("ing")


def _noun_use(text: str, s: int) -> bool:
    """`the state`, `a report`, `the world’s largest state sponsor`: the word at s (a noun form of a
    cue word, see _noun_form) after what makes it a noun."""
    ws = text.rfind(" ", max(0, s - 30), max(0, s - 1)) + 1
    if ws == 0 and s > 30:
        return _noun_use_after_all(text, s)  # no space in reach: `prev` would be the whole text before
    prev = text[ws:s].strip().lower()
    return prev in _NOUN_BEFORE or prev.endswith(_NOUN_SUFFIXES) or prev[:1].isdigit()


_NOUN_SUFFIXES = ("'s", "\u2019s", "s'", "s\u2019", "est")


def _noun_use_after_all(text: str, s: int) -> bool:
    """The test at the end of _noun_use with prev = text[:s].strip().lower(), read off the ends of
    that text instead of lower-casing all of it (megabytes, per cue, in a long text of glued words):
    lower-casing maps each character on its own, so the last 8 characters decide the suffix, the
    first the digit, and a text longer than 16 is no word of _NOUN_BEFORE."""
    a, b = 0, s
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b - a <= 16:
        prev = text[a:b].lower()
        return prev in _NOUN_BEFORE or prev.endswith(_NOUN_SUFFIXES) or prev[:1].isdigit()
    return text[b - 8:b].lower().endswith(_NOUN_SUFFIXES) or text[a].isdigit()


class _Plan(NamedTuple):
    """What a word can be (see _plan)."""
    pronoun: Optional[tuple]  # (length, gender, plural, type) of the pronoun it is or begins with
    noun: Optional[str]  # the description noun it is (`officials`, `group`, `group's`: `group`)
    phrases: Optional[list]  # the cue phrases that end in it, longest first
    phrase_ends: Optional[frozenset]  # the two characters before it in each (`g ` in `according to`), if ASCII
    cue: object  # its CueWord, or itself for a speech noun (`remarks`), or None
    low: str  # its lower case, or the pronoun's
    noun_form: bool  # whether its cue form can be a noun too (see _noun_form)


class _WordCaches(NamedTuple):
    """What the word pass has worked out, per language: words and tokens recur across documents."""
    plans: dict  # word -> what it can be (see _plan)
    tokens: set  # the tokens met (see _token_words)
    not_words: dict  # token -> its words, for the tokens that are not exactly one word
    notable: dict  # token -> (its words that can be something, where names can start in it), if any


_CACHES: Dict[str, _WordCaches] = {}
_MOST_CACHED = 500000  # words or tokens: a bound on memory over millions of documents, or one huge one


def _word_caches(lex: Lexicon) -> _WordCaches:
    caches = _CACHES.get(lex.lang)
    if caches is None or len(caches.plans) > _MOST_CACHED or len(caches.tokens) > _MOST_CACHED:
        caches = _CACHES[lex.lang] = _WordCaches({}, set(), {}, {})
    return caches


def _plan(w: str, lex: Lexicon):
    """What a word can be, worked out once per word (a _Plan), or False when it can be nothing."""
    low = w.lower()
    stem = low.split("\u2019")[0].split("'")[0] if "'" in low or "\u2019" in low else low
    if stem in _PRONOUNS and (stem == low or stem not in ("who", "i")):  # `He’s`, `they’re`: the pronoun
        if stem == "who" and w != "who" or not ((w[0].islower() or w[1:len(stem)].islower()) and stem != "i"
                                                or w[:len(stem)] == "I"):
            return False
        g, pl = _PRONOUNS[stem]
        pronoun = (len(stem), g, pl, "PERSON" if stem in ("he", "she", "i") else None)
        return _Plan(pronoun, None, None, None, None, stem, False)
    base = low[:-2] if low.endswith(("'s", "\u2019s")) else low
    described = base in lex.descriptions and (w[0].islower() or w[1:].islower())
    phrases = _phrase_index(lex).get(low)
    cue = lex.cue_forms.get(low) or (low if low in lex.cue_nouns and (w[0].islower() or described) else None)
    if not (described or phrases or cue):
        return False
    noun_form = isinstance(cue, CueWord) and _noun_form(low, cue)
    # Lower-casing maps each character on its own, and only ASCII characters (and the Kelvin sign)
    # to ASCII ones, one for one: an ASCII phrase can end here only after its two characters.
    ascii_phrases = phrases and all(p.isascii() and len(p) >= len(low) + 2 for p in phrases)
    phrase_ends = frozenset(p[-len(low) - 2:-len(low)] for p in phrases) if ascii_phrases else None
    return _Plan(None, base if described else None, phrases, phrase_ends, cue, low, noun_form)


def _sentence_start(text: str, s: int) -> bool:
    before = text[max(0, s - 3):s].rstrip(" \u00a0" + _OPENING_MARKS)
    return not before or before[-1] in ".!?\n:"


_PHRASE_INDEX = {}


def _phrase_index(lex: Lexicon):
    """Last word -> the multi-word cues ending in it, longest first."""
    if lex.lang not in _PHRASE_INDEX:
        idx = {}
        for phrase in sorted(lex.cue_phrases, key=len, reverse=True):
            idx.setdefault(phrase.rsplit(" ", 1)[-1], []).append(phrase)
        _PHRASE_INDEX[lex.lang] = idx
    return _PHRASE_INDEX[lex.lang]


def _phrase_cue(text: str, lex: Lexicon, phrases, s: int, e: int) -> Optional[Cue]:
    """`according to`, `pointed out`, `went on to say`: the longest phrase ending at this word."""
    window = text[max(0, e - 40):e].lower()
    for phrase in phrases:
        start = e - len(phrase)
        if window.endswith(phrase) and (start == 0 or not text[start - 1].isalnum()):
            form, lemma = lex.cue_phrases[phrase]
            return Cue(start, e, text[start:e], lemma, form)
    return None


def _islower_before(text: str, end: int) -> bool:
    """text[:end].islower(), a slice at a time: stops at the first capital, copies no megabytes."""
    lower = False
    for k in range(0, end, 4096):
        chunk = text[k:min(k + 4096, end)]
        if not (chunk + "a").islower():
            return False  # an upper- or title-case character
        lower = lower or chunk.islower()
    return lower


def _description(text: str, lex: Lexicon, noun: str, s: int, e: int) -> Mention:
    """`the group`, `a senior official`, `officials`: the noun with its determiner and modifiers."""
    d = lex.descriptions[noun]
    start = s
    for _ in range(3):  # up to three words back: `the group's senior leader`
        if start < 2 or text[start - 1] not in " \u00a0" or not text[start - 2].isalnum():
            break
        ws = text.rfind(" ", max(0, start - 40), start - 1) + 1
        if ws == 0 and start > 40 and not _islower_before(text, start - 1):
            break  # no space in reach: `w` would be all the text before, with a capital in it (the test
            # below, without lower-casing megabytes per description; no lexicon word is 40 characters)
        w = text[ws:start - 1]
        pl = w.lower()
        if not w or not w.islower() and pl not in _DETERMINERS and w not in lex.demonyms or pl in lex.cue_forms or \
                pl in lex.common and pl not in _DETERMINERS:
            break
        start = ws
        if pl in _DETERMINERS:
            break
    return Mention(start, e, text[start:e], "description", d.type, d.gender, d.plural, noun)  # (positional: cheaper)
