"""Property tests: whatever the text, the fast engine returns a well-formed, reproducible result.

For any Unicode text, and for text built from quote marks, apostrophes, names, cue words and line
breaks (where the pairing and attribution code does its work):
  - no exception;
  - every span (quote, its marks, nested quotes, cue, speaker, channel, entity mention) lies inside
    the text and `text[start:end] == span.text`;
  - kinds, entity types and channel kinds are from the schema; a quote's entity is one of the
    result's entities; a scare quote has no speaker;
  - the output is deterministic (the same text twice, and after other texts, gives equal results);
  - `Result.from_dict(r.to_dict()) == r`, and the dict survives JSON.

CI runs a modest number of examples per property. For a long run:

    QUOTES_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py -q      # or see bench/fuzz_long.py (>= 1M inputs)
"""
from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotes import Extractor, Result
from quotes.marks import MARK_CHARS
from quotes.model import CHANNEL_KINDS, ENTITY_TYPES, KINDS

EXAMPLES = int(os.environ.get("QUOTES_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

EX = Extractor()

# ----------------------------------------------------------------------------- strategies
MARKS = list(MARK_CHARS) + ["''", "\u2019\u2019", "\u2018\u2018", "``"]
APOSTROPHES = ["'s", "\u2019s", "s'", "s\u2019", "don\u2019t", "O\u2019Brien", "\u201990s", "'em", "rock \u2019n\u2019 roll",
               "students\u2019", "goin'", "'tis"]
NAMES = ["Anna de Vries", "Mr. Hill", "Ms. de Vries", "Dr. Selin Arslan", "Pieter Jansen", "Jansen", "Al Jazeera",
         "Reuters", "Hezbollah", "Kataib Hezbollah", "Kataib Hezbollah, or Hezbollah Brigades,", "IRGC",
         "Islamic Revolutionary Guards Corps (IRGC)", "the Pentagon", "President Joe Biden", "Biden",
         "Mohammad Shia al-Sudani", "Sudani", "Sen. Chuck Schumer (D-N.Y.)", "The Hill", "Press TV", "BBC", "CNN",
         "X", "Telegram", "Facebook", "Twitter", "the ministry", "the group", "a spokesman", "officials",
         "the company", "The Rotterdam Terminal Operators Association", "NATO", "Trump Says", "Minister Warned"]
CUES = ["said", "says", "say", "told", "tells", "told reporters", "according to", "wrote", "writes", "tweeted",
        "posted on Telegram", "asked", "added", "warned", "claimed", "denied", "promised", "insisted", "noted",
        "believes", "said in a statement", "said on Tuesday that", "told Al Jazeera", "in an interview with the BBC",
        "at a press conference", "quoted", "reported", "went on to say", "pointed out", "statement", "Q:", "A:"]
PRONOUNS = ["he", "she", "they", "it", "we", "I", "you", "He", "She", "They", "It", "We", "You", "his", "her"]
WORDS = ["the", "a", "plan", "will", "fail", "not", "and", "but", "that", "who", "which", "was", "is", "so-called",
         "dubbed", "titled", "show", "chants of", "sign that read", "Monday", "on Tuesday", "also", "then", "later",
         "1990", "42", "3.5", "percent", "$40,000", "U.S.", "e.g.", "etc.", "No.", "Gdańsk", "Zürich", "東京", "مرحبا"]
PUNCT = [".", ",", ";", ":", "!", "?", "\u2026", "...", "\u2014", "\u2013", "--", "-", "(", ")", "[", "]", "/"]
SPACE = [" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", "\r\n", "\u2028", "\u3000", ""]
MARKUP = ["<tweet author=\"x\">", "</tweet>", "<p>", "<", ">", "<a href=\"'\u201c\">", "&quot;"]

_piece = st.one_of(
    st.sampled_from(MARKS), st.sampled_from(MARKS), st.sampled_from(APOSTROPHES), st.sampled_from(NAMES),
    st.sampled_from(CUES), st.sampled_from(PRONOUNS), st.sampled_from(WORDS), st.sampled_from(PUNCT),
    st.sampled_from(MARKUP), st.text(max_size=3))
# pieces joined by spaces or line breaks (or nothing): quote-heavy, news-shaped noise
quote_heavy = st.lists(st.tuples(_piece, st.sampled_from(SPACE)), max_size=120).map(
    lambda parts: "".join(p + s for p, s in parts))


@st.composite
def quoted_sentences(draw):
    """Sentences of the shapes attribution knows (`“…,” X said.`, `X said: “…”`, `According to X, …`,
    interrupted and multi-paragraph quotes), with marks drawn at random so they pair, cross or dangle."""
    out = []
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(MARKS))
        cl = draw(st.sampled_from(MARKS))
        words = " ".join(draw(st.lists(st.sampled_from(WORDS + PRONOUNS + APOSTROPHES), min_size=0, max_size=12)))
        who = draw(st.sampled_from(NAMES + PRONOUNS))
        cue = draw(st.sampled_from(CUES))
        end = draw(st.sampled_from(PUNCT + [""]))
        shape = draw(st.integers(0, 7))
        if shape == 0:
            s = f"{op}{words}{end}{cl} {who} {cue}."
        elif shape == 1:
            s = f"{who} {cue}: {op}{words}{end}{cl}"
        elif shape == 2:
            s = f"{op}{words},{cl} {cue} {who}, {op}{words}.{cl}"
        elif shape == 3:
            s = f"According to {who}, {words}."
        elif shape == 4:
            s = f"{who} {cue} that {words} {op}{words}{cl}."
        elif shape == 5:
            s = f"{op}{words}\n\n{op}{words}{end}{cl} {who} {cue}."
        elif shape == 6:
            s = f"{who}: {words}{end}"
        else:
            s = f"The so-called {op}{words}{cl} {cue} {who}."
        out.append(s)
    seps = draw(st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=len(out), max_size=len(out)))
    return "".join(s + sep for s, sep in zip(out, seps))


any_text = st.text(max_size=400)
any_text_with_surrogates = st.text(st.characters(exclude_categories=()), max_size=200)
marks_only = st.text(st.sampled_from(list(MARK_CHARS) + [" ", "\n"]), max_size=300)


# ----------------------------------------------------------------------------- the properties
def _span_ok(text: str, s, what: str) -> None:
    assert s is not None
    assert isinstance(s.start, int) and isinstance(s.end, int), what
    assert 0 <= s.start <= s.end <= len(text), f"{what}: [{s.start}, {s.end}) outside a text of {len(text)}"
    assert text[s.start:s.end] == s.text, f"{what}: text[{s.start}:{s.end}] = {text[s.start:s.end]!r} != {s.text!r}"


def check_result(text: str, r: Result) -> None:
    assert isinstance(r, Result)
    assert r.error is None, r.error
    ids = [e.id for e in r.entities]
    assert len(ids) == len(set(ids)), f"duplicate entity ids {ids}"
    for i, q in enumerate(r.quotes):
        w = f"quotes[{i}]"
        _span_ok(text, q, w)
        assert q.kind in KINDS, f"{w}: kind {q.kind!r}"
        if q.outer is not None:
            _span_ok(text, q.outer, w + ".outer")
            assert q.outer.start <= q.start and q.end <= q.outer.end, f"{w}: quote outside its marks"
        for j, s in enumerate(q.inner):
            _span_ok(text, s, f"{w}.inner[{j}]")
        if q.cue is not None:
            _span_ok(text, q.cue, w + ".cue")
        if q.speaker is not None:
            _span_ok(text, q.speaker, w + ".speaker")
        if q.channel is not None:
            _span_ok(text, q.channel, w + ".channel")
            assert q.channel.kind in CHANNEL_KINDS, f"{w}: channel kind {q.channel.kind!r}"
        if q.kind == "scare":
            assert q.speaker is None and q.entity is None, f"{w}: a scare quote with a speaker"
        assert q.entity is None or q.entity in ids, f"{w}: entity {q.entity!r} not among {ids}"
        assert 0.0 <= q.confidence <= 1.0, f"{w}: confidence {q.confidence}"
    for e in r.entities:
        assert e.type in ENTITY_TYPES, f"{e.id}: type {e.type!r}"
        for j, m in enumerate(e.mentions):
            _span_ok(text, m, f"{e.id}.mentions[{j}]")
    assert all(isinstance(w, str) for w in r.warnings)


def check_round_trip(r: Result) -> None:
    d = r.to_dict()
    s = json.dumps(d, ensure_ascii=False)
    assert json.loads(s) == d, "the dict does not survive JSON"
    assert Result.from_dict(d) == r, "Result.from_dict(r.to_dict()) != r"
    assert Result.from_dict(json.loads(s)) == r, "Result.from_dict(json.loads(json.dumps(r.to_dict()))) != r"
    assert json.dumps(Result.from_dict(json.loads(s)).to_dict(), ensure_ascii=False) == s


def check_all(text: str) -> Result:
    r = EX(text, id="fuzz")
    check_result(text, r)
    assert EX(text, id="fuzz") == r, "two runs on the same text differ"
    check_round_trip(r)
    return r


@FUZZ
@given(any_text)
@example("")
@example("\u201c")
@example("\"\"\"")
@example("'\n'")
def test_any_unicode_text(text):
    check_all(text)


@FUZZ
@given(any_text_with_surrogates)
def test_any_code_points_even_lone_surrogates(text):
    check_all(text)


@FUZZ
@given(quote_heavy)
@example("\u201cA,\u201d he said. \u201cB.\u201d")
@example("He said: \u201c\u2018\u201c\u2018x\u2019\u201d\u2019\u201d")
def test_quote_heavy_text(text):
    check_all(text)


@FUZZ
@given(quoted_sentences())
def test_news_shaped_sentences(text):
    check_all(text)


@FUZZ
@given(marks_only)
def test_text_made_of_quote_marks(text):
    r = check_all(text)
    assert all(q.speaker is None for q in r.quotes), "marks alone name no speaker"


@FUZZ
@given(st.lists(quote_heavy, min_size=2, max_size=4))
def test_no_state_leaks_between_documents(texts):
    """A document's result does not depend on what the extractor saw before it."""
    first = [EX(t) for t in texts]
    fresh = Extractor()
    assert [fresh(t) for t in reversed(texts)] == first[::-1]


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """Set and dict order differ between processes (PYTHONHASHSEED): results must not."""
    import glob
    import random
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    texts = []
    for path in sorted(glob.glob(os.path.join(root, "fixtures", "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            texts.append(fh.read())
    rng = random.Random(11)
    vocab = [MARKS, APOSTROPHES, NAMES, CUES, PRONOUNS, WORDS, PUNCT]
    for _ in range(300):
        texts.append("".join(rng.choice(rng.choice(vocab)) + rng.choice(SPACE) for _ in range(rng.randint(5, 80))))
    src = tmp_path / "texts.json"
    src.write_text(json.dumps(texts), encoding="utf-8")
    code = ("import json, sys; from quotes import Extractor; ex = Extractor(); "
            "print(json.dumps([ex(t).to_dict() for t in json.load(open(sys.argv[1], encoding='utf-8'))]))")
    outs = []
    for seed in ("1", "2"):
        p = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed), check=True)
        outs.append(json.loads(p.stdout))
    diff = [i for i, (a, b) in enumerate(zip(*outs)) if a != b]
    assert not diff, f"{len(diff)} texts differ between hash seeds, first: {texts[diff[0]][:200]!r}"
