"""The shortcuts taken for long or glued text give what the slow forms gave (seeded random inputs)."""
import random

from quotes.engines.fast import _NOUN_BEFORE, _NOUN_SUFFIXES, _islower_before, _noun_use_after_all
from quotes.scene import _APPOSITIVES, _ASIDE_BEFORE, _BETWEEN, _aside_start, _may_be_appositive


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
        if _APPOSITIVES.match(gap):
            assert _may_be_appositive(gap), gap
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
