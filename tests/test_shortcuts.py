"""The shortcuts of the fast engine and the segmenter find exactly what the plain regex scans
they replace would find."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.engines import fast

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
        got, want = scene._aside_before(text, start, len(text)), scene._ASIDE_BEFORE.search(text, start, len(text))
        assert (got and got.span()) == (want and want.span())


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
