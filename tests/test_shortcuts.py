"""The shortcuts taken for speed, or for long and glued text, find exactly what the plain regex scans
and loops they replace would find (hypothesis and seeded random inputs)."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.engines import fast
from quotes.engines.fast import _NOUN_BEFORE, _NOUN_SUFFIXES, _islower_before, _noun_use_after_all
from quotes.scene import _APPOSITIVES, _ASIDE_BEFORE, _BETWEEN, _appositives, _aside_start


def texts(seed, alphabet, n, longest):
    rng = random.Random(seed)
    for _ in range(n):
        yield rng, "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def test_aside_start_is_the_full_search():
    alphabet = [" ", "\u00a0", "(", ")", "\u2014", "\u2013", "-", " -- ", "x", "y" * 60, "\n"]
    for rng, text in texts(1, alphabet, 20000, 12):
        ss = rng.randint(0, len(text))
        end = rng.randint(ss, len(text))
        m = _ASIDE_BEFORE.search(text, ss, end)
        assert _aside_start(text, ss, end) == (m.start() if m else end), (text, ss, end)


def test_gap_prefilters_never_refuse_a_match():
    alphabet = [" ", ",", ", ", "also", "has", "quickly", "Mr.", "a doctor", "(D-N.Y.)", "\u00a0", "\n", "X", ".", "who"]
    for _, gap in texts(2, alphabet, 20000, 8):
        assert _appositives(gap) == bool(_APPOSITIVES.match(gap)), gap
        if _BETWEEN.match(gap):
            assert gap[:1] in ("", " ", "\u00a0"), gap


def test_islower_before_is_the_slice():
    for t in ["a" * 9000, "1" * 9000 + "a", "a" * 9000 + "B", " " * 5000 + "\u01c5a", "\u24d0" * 5000, "\u24b6", ""]:
        for end in (0, 1, 4095, 4096, 4097, 9000, len(t)):
            end = min(end, len(t))
            assert _islower_before(t, end) == t[:end].islower(), (t[:3], end)


def test_noun_use_after_all_is_the_whole_prefix_test():
    alphabet = ["a", "s", "t", "e", "S", "T", "'", "\u2019", "1", "\u00b2", "\n", "\t", "\u0130", "\u03a3", "the", "best",
                "\u2003"]
    for _, t in texts(3, alphabet, 20000, 50):
        if len(t) <= 30:
            continue
        prev = t.strip().lower()
        want = prev in _NOUN_BEFORE or prev.endswith(_NOUN_SUFFIXES) or prev[:1].isdigit()
        assert _noun_use_after_all(t + "said", len(t)) == want, repr(t)

PIECES = ["al-", "d'", "l\u2019", "bin ", "van-", "O'", "Mc-", "Mr.", "J.", "anti-", "x'", "-", "'", "\u2019", " ",
          "\u00a0",
          "\n", "Hill", "Sudani", "of ", "the ", "é", "É", "1", "a", "A", "s' ", "Brien", "ad", "ash-"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=20).map("".join))
def test_name_runs_match_the_name_regex(text):
    assert [m.span() for m in fast._name_runs(text)] == [m.span() for m in fast._NAME_RE.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "\r", "\u00a0", "\u2029", "a", "A.", "x "]),
                max_size=30).map("".join))
def test_line_breaks_match_the_break_regex(text):
    from quotes import segment
    assert [m.span() for m in segment._breaks(text)] == [m.span() for m in segment._BREAK.finditer(text)]


GAP = ["", " ", ",", ", ", "\u00a0", "(R-Texas)", "(", ")", "\u2014", "\u2013", " -- ", "-", ".", "Mr.", " also",
       " has",
       " quickly", " a doctor", " who", "\n", "60", ";", "\u201c", "x", "Hill"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(GAP), max_size=14).map("".join))
def test_scene_prechecks_agree_with_the_patterns(gap):
    from quotes import scene
    assert scene._appositives(gap) == bool(scene._APPOSITIVES.match(gap))
    text = "Sen. Hill" + gap
    for start in (0, 4):
        want = scene._ASIDE_BEFORE.search(text, start, len(text))
        assert scene._aside_start(text, start, len(text)) == (want.start() if want else len(text))


def test_evolve_quote_is_attrs_evolve():
    import attrs
    from quotes.model import Channel, Quote, Span, evolve_quote
    q = Quote("x y", 1, 4, "direct", cue=Span(5, 9, "said"), outer=Span(0, 5, "\u201cx y\u201d"))
    for changes in ({}, {"kind": "partial"}, {"entity": "e1", "sieve": "s"},
                    {"channel": Channel("BBC", "outlet", "BBC", 9, 12), "confidence": 0.5}):
        assert evolve_quote(q, **changes) == attrs.evolve(q, **changes)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["He said", " ", "\n", "\n\n", "officials", "told", "according to", "it\u2019s", "-",
                                 "pointed out", "The group", "who", ", who said", "x'", "\u00e9t\u00e9"]),
                max_size=40).map("".join))
def test_words_in_blocks_are_the_words_of_the_whole(text):
    from quotes.resources import lexicon
    lex = lexicon("en")
    whole = fast._words(text, lex)
    saved, fast._BLOCK = fast._BLOCK, 7
    try:
        assert fast._words(text, lex) == whole
    finally:
        fast._BLOCK = saved



def _media_word_by_word(text, lex):
    """channels._media as it was: each medium word searched on its own."""
    from quotes import channels
    hits = []
    for word in lex.media:
        i = text.find(word)
        while i != -1:
            j = i + len(word)
            if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
                hits.append((i, -j, word))
            i = text.find(word, j)
    out, covered = [], -1
    for i, neg_j, word in sorted(hits):
        if i < covered:
            continue
        m = channels._MEDIA_BEFORE.search(text, max(0, i - 60), i)
        if m:
            covered = -neg_j
            out.append((m.start(), i, -neg_j, lex.media[word]))
    return sorted(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["in a ", "at the ", "joint statement", "statements", "statement", "s", " ",
                                 "press briefing", "briefing", "tweet", "tweetweet", "letter", "newsletter",
                                 "TV interview", "e-mail", "x", "-", "blog post", "on her "]),
                max_size=12).map("".join))
def test_media_found_through_anchors_as_word_by_word(text):
    from quotes import channels
    from quotes.resources import lexicon
    lex = lexicon("en")
    assert channels._media(text, lex) == _media_word_by_word(text, lex)
