"""Stage 2: the kind of each marked quote (quotes/classify.py)."""
import pytest

from quotes import classify, marks
from conftest import check_span


def kinds(ex, text):
    """Stages 1 and 2 only: the classified marked quotes."""
    doc = ex.annotate(text)
    qs, _ = marks.find_quotes(doc.text, doc.paragraphs)
    return classify.classify(doc, qs, ex.lex)


def one(ex, text, inside):
    hits = [q for q in kinds(ex, text) if q.text == inside]
    assert len(hits) == 1, [q.text for q in kinds(ex, text)]
    check_span(text, hits[0], inside)
    return hits[0]


@pytest.mark.parametrize("text, inside", [
    ("\u201cThe bridge will reopen in June,\u201d the mayor said.", "The bridge will reopen in June,"),
    ("The mayor said: \u201cThe bridge will reopen in June.\u201d", "The bridge will reopen in June."),
    ("\u201cWe lost. We will be back next season,\u201d said the coach.", "We lost. We will be back next season,"),
], ids=["trailing-cue", "leading-colon", "two-sentences"])
def test_direct(ex, text, inside):
    q = one(ex, text, inside)
    assert q.kind == "direct"
    assert q.sieve.startswith("kind:")


@pytest.mark.parametrize("text, inside", [
    ("The senator called the plan \u201ca disaster\u201d on Tuesday.", "a disaster"),
    ("The minister pledged to avoid \u201cembarrassment\u201d at the summit.", "embarrassment"),
    ("She said the budget was \u201cirresponsible and reckless\u201d and voted against it.",
     "irresponsible and reckless"),
], ids=["called-a-disaster", "pledged-embarrassment", "said-fragment"])
def test_partial(ex, text, inside):
    q = one(ex, text, inside)
    assert q.kind == "partial"
    assert q.sieve.startswith("kind:")


@pytest.mark.parametrize("text, inside", [
    ("The so-called \u201creforms\u201d left many farmers poorer.", "reforms"),
    ("Fighters held the \u201ccaliphate\u201d for three years.", "caliphate"),
    ("The film \u201cNight Harbour\u201d opens in March.", "Night Harbour"),
    ("Critics loved the documentary \u201cSalt and Stone\u201d when it came out.", "Salt and Stone"),
], ids=["so-called", "caliphate", "film-title", "documentary-title"])
def test_scare(ex, text, inside):
    q = one(ex, text, inside)
    assert q.kind == "scare"
    assert q.sieve.startswith("kind:")


def test_so_called_is_decided_by_the_named_term_sieve(ex):
    q = one(ex, "The so-called \u201creforms\u201d left many farmers poorer.", "reforms")
    assert q.sieve == "kind:named_term"


def test_scare_quote_gets_no_speaker_cue_entity_or_channel(ex):
    text = ("The mayor said in a statement that the town was proud. "
            "The film \u201cNight Harbour\u201d opens in March.")
    q = [q for q in ex(text).quotes if q.text == "Night Harbour"][0]
    assert q.kind == "scare"
    assert (q.speaker, q.cue, q.entity, q.channel) == (None, None, None, None)


def test_scare_and_direct_in_one_text(ex):
    text = ("The so-called \u201creforms\u201d passed on Monday. "
            "\u201cThey will hurt every farmer in the valley,\u201d Hugh Hill said.")
    got = {q.text: q.kind for q in kinds(ex, text)}
    assert got == {"reforms": "scare", "They will hurt every farmer in the valley,": "direct"}


def test_every_kind_is_a_known_kind(ex):
    from quotes.model import KINDS
    text = ("The so-called \u201creforms\u201d passed. The senator called them \u201ca disaster\u201d "
            "in the chamber. \u201cWe will repeal them all next year,\u201d she said.")
    assert all(q.kind in KINDS for q in kinds(ex, text))


@pytest.mark.parametrize("text, inside", [
    ("Goalkeeper Tom Reed, nicknamed \u201cThe Wall\u201d, retired on Sunday.", "The Wall"),
    ("Her new book \u201cSalt Roads\u201d sold out in a week.", "Salt Roads"),
], ids=["nickname", "book-title"])
def test_more_scare(ex, text, inside):
    q = one(ex, text, inside)
    assert q.kind == "scare"
    assert q.sieve.startswith("kind:")


def test_direct_question(ex):
    q = one(ex, "\u201cWhy would we close the port now?\u201d Maria Lopez asked.", "Why would we close the port now?")
    assert q.kind == "direct"


@pytest.mark.parametrize("text, inside", [
    ("\u201cWe won,\u201d Ruth Adler said.", "We won,"),
    ("\u201cIt\u2019s over,\u201d Ruth Adler said.", "It\u2019s over,"),
], ids=["we-won", "its-over"])
def test_short_clause_in_the_said_pattern_is_direct(ex, text, inside):
    q = one(ex, text, inside)
    assert q.kind == "direct"
