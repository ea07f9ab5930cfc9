"""The output data model: to_dict/from_dict and schema errors (quotes/model.py)."""
import json

import pytest

from quotes import Channel, Entity, Quote, Result, SchemaError, Span


def sample():
    text = "\u201cWe will rebuild,\u201d the mayor said in a statement."
    at = lambda sub: (text.index(sub), text.index(sub) + len(sub))  # noqa: E731
    st = at("statement")
    q = Quote("We will rebuild,", 1, 17, "direct", cue=Span.of(text, *at("said")),
              speaker=Span.of(text, *at("the mayor")), entity="e1",
              channel=Channel("statement", "medium", "statement", st[0], st[1], medium="statement"),
              confidence=0.95, sieve="trailing", outer=Span.of(text, 0, 18), inner=(Span.of(text, *at("will")),))
    e = Entity("e1", "Mayor of Harbour Town", "PERSON", aliases=("the mayor",),
               mentions=(Span.of(text, *at("the mayor")),), kb_id="Q42")
    return text, Result("doc-1", quotes=(q,), entities=(e,), warnings=("unmatched closing mark \u201d at offset 3",))


def test_sample_spans_are_consistent():
    text, r = sample()
    q = r.quotes[0]
    for s in (q, q.cue, q.speaker, q.outer, *q.inner, q.channel):
        assert text[s.start:s.end] == s.text
    assert q.speaker.text == "the mayor" and q.cue.text == "said"


def test_round_trip_through_a_dict():
    _, r = sample()
    assert Result.from_dict(r.to_dict()) == r


def test_round_trip_through_json():
    _, r = sample()
    assert Result.from_dict(json.loads(json.dumps(r.to_dict()))) == r


def test_round_trip_of_an_extractor_result(ex):
    text = ("\u201cThe talks have failed,\u201d Hugh Hill told Al Jazeera. "
            "The so-called \u201creforms\u201d stalled. Maria Lopez said in a statement that the port would close.")
    r = ex(text, id="x")
    assert r.quotes and r.entities
    assert Result.from_dict(json.loads(json.dumps(r.to_dict()))) == r


def test_to_dict_field_names():
    _, r = sample()
    d = r.to_dict()
    assert set(d) == {"id", "quotes", "entities", "warnings"}
    assert set(d["quotes"][0]) == {"text", "start", "end", "kind", "cue", "speaker", "entity", "channel",
                                   "confidence", "sieve", "outer", "inner"}
    assert set(d["quotes"][0]["channel"]) == {"name", "kind", "medium", "text", "start", "end", "kb_id"}
    assert set(d["entities"][0]) == {"id", "name", "type", "aliases", "mentions", "kb_id"}
    assert d["quotes"][0]["cue"] == {"text": "said", "start": 29, "end": 33}


def test_error_result_round_trips_and_keeps_error():
    r = Result("bad", error="empty document")
    d = r.to_dict()
    assert d["error"] == "empty document" and d["quotes"] == []
    assert Result.from_dict(d) == r


def test_result_entity_lookup():
    _, r = sample()
    assert r.entity("e1").name == "Mayor of Harbour Town"
    assert r.entity(None) is None
    assert r.entity("e9") is None


def test_optional_fields_may_be_missing():
    r = Result.from_dict({"id": "d", "quotes": [{"text": "ab", "start": 0, "end": 2, "kind": "scare"}]})
    q = r.quotes[0]
    assert (q.cue, q.speaker, q.entity, q.channel, q.outer, q.inner) == (None, None, None, None, None, ())


def _good():
    _, r = sample()
    return r.to_dict()


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d.pop("id"), "'id'"),
    (lambda d: d.__setitem__("id", 7), "'id'"),
    (lambda d: d["quotes"][0].pop("start"), "'start'"),
    (lambda d: d["quotes"][0].__setitem__("end", "17"), "'end'"),
    (lambda d: d["quotes"][0].__setitem__("start", True), "'start'"),
    (lambda d: d["quotes"][0].pop("text"), "'text'"),
    (lambda d: d["quotes"][0].__setitem__("kind", "quoted"), "kind 'quoted'"),
    (lambda d: d["quotes"][0]["cue"].pop("text"), "'text'"),
    (lambda d: d["quotes"][0]["speaker"].__setitem__("start", None), "'start'"),
    (lambda d: d["quotes"][0]["channel"].pop("name"), "'name'"),
    (lambda d: d["entities"][0].pop("type"), "'type'"),
    (lambda d: d["entities"][0]["mentions"][0].pop("end"), "'end'"),
], ids=["no-id", "id-not-str", "no-start", "end-str", "start-bool", "no-text", "bad-kind", "cue-no-text",
        "speaker-start-null", "channel-no-name", "entity-no-type", "mention-no-end"])
def test_bad_input_raises_schema_error_naming_the_field(mutate, field):
    d = _good()
    mutate(d)
    with pytest.raises(SchemaError) as e:
        Result.from_dict(d)
    assert field in str(e.value)


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["quotes"][0].pop("start"), "doc-1: quotes[0]"),
    (lambda d: d["quotes"][0]["cue"].pop("text"), "doc-1: quotes[0].cue"),
    (lambda d: d["quotes"][0]["channel"].pop("kind"), "doc-1: quotes[0].channel"),
    (lambda d: d["entities"][0].pop("name"), "doc-1: entities[0]"),
], ids=["quote", "cue", "channel", "entity"])
def test_schema_error_says_where(mutate, where):
    d = _good()
    mutate(d)
    with pytest.raises(SchemaError, match=r"^" + where.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        Result.from_dict(d)


@pytest.mark.parametrize("bad", [None, [], "doc", 3])
def test_non_object_raises_schema_error(bad):
    with pytest.raises(SchemaError, match="expected an object"):
        Result.from_dict(bad)


def test_quote_not_an_object_raises_schema_error():
    with pytest.raises(SchemaError, match=r"quotes\[0\]: expected an object"):
        Result.from_dict({"id": "d", "quotes": ["We will"]})


def test_schema_error_is_a_value_error():
    assert issubclass(SchemaError, ValueError)
