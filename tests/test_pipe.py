"""Extractor.pipe: many texts, in order, with or without worker processes."""
import pytest

import quotes

TEXTS = ["\u201cWe will rebuild,\u201d the mayor said.",
         "Nothing is quoted here.",
         "\u201cThe port stays open,\u201d said Anna de Vries.",
         "Officials said the talks had failed."]


def test_pipe_keeps_order_and_ids():
    ex = quotes.Extractor()
    results = list(ex.pipe(TEXTS, ids=["a", "b", "c", "d"]))
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert results[0].quotes[0].text == "We will rebuild,"
    assert results[1].quotes == ()
    assert results[2].quotes[0].speaker.text == "Anna de Vries"
    assert results[3].quotes[0].kind == "indirect"


def test_worker_processes_give_the_same_results():
    ex = quotes.Extractor()
    one = [r.to_dict() for r in ex.pipe(TEXTS * 5)]
    two = [r.to_dict() for r in ex.pipe(TEXTS * 5, n_process=2, batch_size=3)]
    assert one == two
    assert [r["id"] for r in two] == [str(i) for i in range(20)]


def test_a_bad_item_is_an_error_record_not_an_exception():
    results = list(quotes.Extractor().pipe(["\u201cFine,\u201d she said.", None, b"bytes"]))
    assert results[0].error is None
    assert results[1].error == "expected text (str), got NoneType"
    assert results[2].error == "expected text (str), got bytes"


def test_a_users_stanza_pipeline_cannot_be_shared_across_processes():
    ex = quotes.Extractor()
    ex._custom_pipeline = True  # what Extractor(engine="stanza", stanza_pipeline=...) records
    with pytest.raises(ValueError, match="n_process > 1 cannot share a stanza.Pipeline"):
        list(ex.pipe(TEXTS, n_process=2))


def test_the_garbage_collector_is_left_as_the_caller_had_it():
    import gc
    ex = quotes.Extractor()
    assert gc.isenabled()
    ex(TEXTS[0])
    assert gc.isenabled()
    gc.disable()
    try:
        ex(TEXTS[0])
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(TypeError):
        ex(None)
    assert gc.isenabled()
