"""Acceptance: the article the project started from, with its hand-made gold (../shared/seeds)."""
import glob
import json
import os

import pytest

import quotes
from quotes.evaluate import run

SEEDS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "seeds"))
pytestmark = pytest.mark.skipif(not glob.glob(os.path.join(SEEDS, "*.gold.json")),
                                reason=f"the seed articles are not at {SEEDS}")


@pytest.fixture(scope="module")
def seed():
    path = sorted(glob.glob(os.path.join(SEEDS, "*.gold.json")))[0]
    with open(path, encoding="utf-8") as fh:
        gold = json.load(fh)
    with open(os.path.join(SEEDS, gold["document"]), encoding="utf-8") as fh:
        text = fh.read()
    return gold, text, quotes.extract(text, id="seed")


def test_every_marked_span_is_found_with_its_boundaries(seed):
    gold, text, result = seed
    outers = {(q.outer.start, q.outer.end) for q in result.quotes if q.outer is not None}
    assert len(gold["quotes"]) == 15
    for g in gold["quotes"]:
        assert (g["start"], g["end"]) in outers, g["text"]


def test_caliphate_is_a_scare_quote(seed):
    gold, text, result = seed
    i = text.index("“caliphate”")
    q = next(q for q in result.quotes if q.outer is not None and q.outer.start == i)
    assert q.kind == "scare" and q.text == "caliphate"
    assert q.speaker is None and q.entity is None


def test_the_lone_closing_mark_is_a_warning_and_no_quote(seed):
    gold, text, result = seed
    i = text.index("movement in Iraq”") + len("movement in Iraq")
    assert f"unmatched closing mark ” at offset {i}" in result.warnings
    assert not any(q.start <= i < q.end or q.outer and q.outer.start <= i < q.outer.end for q in result.quotes)


def test_sudani_links_to_the_prime_minister(seed):
    gold, text, result = seed
    q = next(q for q in result.quotes if q.text.startswith("We are in the process"))
    assert q.speaker.text == "Sudani"
    assert result.entity(q.entity).name == "Mohammad Shia al-Sudani"


def test_channels_telegram_and_al_jazeera(seed):
    gold, text, result = seed
    by_start = {q.start: q for q in result.quotes}
    telegram = by_start[text.index("To avoid embarrassing")]
    assert telegram.channel.name == "Telegram" and telegram.channel.kind == "platform"
    jazeera = by_start[text.index("often oppose pressure")]
    assert jazeera.channel.name == "Al Jazeera" and jazeera.channel.kind == "outlet"


def test_outlets_speak_for_themselves(seed):
    gold, text, result = seed
    for outlet, words in (("Press TV", "it would prevent further attacks"), ("Rudaw", "an estimated 2,500")):
        q = next(q for q in result.quotes if q.kind == "indirect" and words in q.text)
        ent = result.entity(q.entity)
        assert ent.name == outlet and ent.type == "OUTLET"
        assert q.channel.name == outlet


def test_all_seed_checks_hold():
    figures = run([SEEDS]).figures
    failed = [f for d in figures["documents"] for f in d["failed"]]
    assert failed == []
    assert figures["ok"] == figures["checks"] == 48
