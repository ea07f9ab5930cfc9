"""The hand-written fixtures: their gold is well formed, the library's output on them keeps its
offsets, and the library's figures on them stay at the level the project promises."""
import glob
import json
import os

import pytest

import quotes
from quotes.evaluate import run
from quotes.model import KINDS, Result

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")
GOLD = sorted(glob.glob(os.path.join(FIXTURES, "*.gold.json")))
EXTRACTOR = quotes.Extractor()


def load(path):
    with open(path, encoding="utf-8") as fh:
        gold = json.load(fh)
    with open(path[:-len(".gold.json")] + ".txt", encoding="utf-8") as fh:
        return gold, fh.read()


def spans_of(d):
    """Every span a gold or output record holds, with where it sits."""
    for i, q in enumerate(d["quotes"]):
        yield f"quotes[{i}]", q
        for key in ("cue", "speaker", "channel"):
            if q.get(key):
                yield f"quotes[{i}].{key}", q[key]
    for e in d["entities"]:
        for j, m in enumerate(e["mentions"]):
            yield f"entity {e['id']} mention {j}", m


def test_there_are_enough_fixtures():
    assert len(GOLD) >= 25


@pytest.mark.parametrize("path", GOLD, ids=os.path.basename)
def test_gold_is_well_formed(path):
    gold, text = load(path)
    assert gold["id"] == os.path.basename(path)[:-len(".gold.json")]
    for where, span in spans_of(gold):
        assert text[span["start"]:span["end"]] == span["text"], where
    starts = [q["start"] for q in gold["quotes"]]
    assert starts == sorted(starts)
    ids = {e["id"] for e in gold["entities"]}
    assert len(ids) == len(gold["entities"])
    for q in gold["quotes"]:
        assert q["kind"] in KINDS
        assert q["entity"] is None or q["entity"] in ids
        if q["kind"] == "scare":
            assert q["speaker"] is None and q["entity"] is None and q["channel"] is None


@pytest.mark.parametrize("path", GOLD, ids=os.path.basename)
def test_output_offsets_round_trip(path):
    gold, text = load(path)
    result = EXTRACTOR(text, id=gold["id"])
    d = result.to_dict()
    for where, span in spans_of(d):
        assert text[span["start"]:span["end"]] == span["text"], where
    assert Result.from_dict(json.loads(json.dumps(d))) == result
    for q in result.quotes:
        if q.kind == "scare":
            assert q.speaker is None and q.entity is None


@pytest.fixture(scope="module")
def figures():
    return run([FIXTURES]).figures


def test_quotes_are_found(figures):
    assert figures["quote_r"] >= 0.95
    assert figures["counts"]["found"] >= 250


def test_speakers_entities_and_channels(figures):
    # the bar issue 3 sets for the fixtures
    assert figures["speaker_acc"] >= 0.95
    assert figures["entity_acc"] >= 0.95
    assert figures["channel_acc"] >= 0.95


def test_every_unbalanced_mark_is_reported(figures):
    assert figures["warnings_r"] == 1.0
