"""batch.run with a renderer: the workers write the records, the parent only copies them out."""
import json

import pytest

from quotes import Extractor, batch, outputs
from quotes.inputs import Item
from quotes.model import Result

TEXTS = ["\u201cWe will rebuild,\u201d the mayor said.",
         "Nothing is quoted here.",
         "\u201cThe port stays open,\u201d said Anna de Vries, as \u201cnothing\u201d changed.",
         "Officials said the talks had failed."]


def items():
    out = [Item(f"d{i}", text=TEXTS[i % len(TEXTS)]) for i in range(14)]
    out[5] = Item("d5", error="no such file")
    out[9] = Item("d9", text=TEXTS[0], warning="bytes replaced")
    return out


@pytest.mark.parametrize("fmt", outputs.FORMATS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_rendered_records_equal_rendering_in_process(fmt, jobs):
    render = outputs.renderer(fmt, width=100)
    ex = Extractor()
    expected = [render(batch.extract_item(i, ex)) for i in items()]
    recs = list(batch.run(items(), batch.Settings(), jobs=jobs, batch_size=3, render=render))
    assert all(isinstance(r, batch.Record) for r in recs)
    assert [r.id for r in recs] == [f"d{i}" for i in range(14)], "input order"
    assert [r.text for r in recs] == expected
    assert [r.error for r in recs] == [None] * 5 + ["no such file"] + [None] * 8


def test_jsonl_records_are_the_results_dicts():
    recs = list(batch.run(items(), batch.Settings(), jobs=2, batch_size=4, render=outputs.render_jsonl))
    results = list(batch.run(items(), batch.Settings(), jobs=2, batch_size=4))
    assert all(isinstance(r, Result) for r in results), "without a renderer, Results as before"
    assert [json.loads(r.text) for r in recs] == [r.to_dict() for r in results]
    assert "bytes replaced" in json.loads(recs[9].text)["warnings"]


def _broken(result):
    if result.id == "d2" and result.error is None:
        raise ValueError("boom")
    return outputs.render_jsonl(result)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_renderer_failure_costs_one_document(jobs):
    recs = list(batch.run(items()[:4], batch.Settings(), jobs=jobs, batch_size=2, render=_broken))
    assert [r.id for r in recs] == ["d0", "d1", "d2", "d3"]
    assert recs[2].error and "boom" in recs[2].error
    assert json.loads(recs[2].text)["error"] == recs[2].error
    assert recs[3].error is None and json.loads(recs[3].text)["quotes"]


def test_json_writer_joins_rendered_records(tmp_path):
    path = tmp_path / "out.json"
    with open(path, "w", encoding="utf-8") as fh:
        w = outputs.writer("json", fh)
        for rec in batch.run(items(), batch.Settings(), jobs=2, batch_size=5, render=w.render):
            w.write_text(rec.text)
        w.close()
    docs = json.loads(path.read_text(encoding="utf-8"))
    assert [d["id"] for d in docs] == [f"d{i}" for i in range(14)]
