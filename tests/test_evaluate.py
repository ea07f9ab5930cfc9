"""`quotes evaluate`: figures on tiny hand-made golds, computed by hand (quotes/evaluate/)."""
import json

import pytest

from quotes.cli import main

TEXT = ("\u201cThe port will stay open all winter,\u201d Maria Lopez said. "
        "\u201cThe ferries will run on time,\u201d Hugh Hill said. "
        "\u201cThe bridge will reopen in June,\u201d Ruth Adler said. "
        "\u201cNobody asked the fishermen,\u201d Ann Gault said.\n")
QUOTES = ["The port will stay open all winter,", "The ferries will run on time,",
          "The bridge will reopen in June,", "Nobody asked the fishermen,"]
NAMES = ["Maria Lopez", "Hugh Hill", "Ruth Adler", "Ann Gault"]


def span(text, sub):
    i = text.index(sub)
    return {"text": sub, "start": i, "end": i + len(sub)}


def gold_quote(i):
    s = span(TEXT, QUOTES[i])
    return {**s, "kind": "direct", "speaker": span(TEXT, NAMES[i]), "cue": None, "entity": f"e{i + 1}",
            "channel": None}


def gold_doc():
    return {"id": "t1", "quotes": [gold_quote(i) for i in range(4)],
            "entities": [{"id": f"e{i + 1}", "name": n, "type": "PERSON", "aliases": [],
                          "mentions": [span(TEXT, n)], "kb_id": None} for i, n in enumerate(NAMES)],
            "warnings": []}


@pytest.fixture
def fixtures_dir(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    (d / "t1.txt").write_text(TEXT, encoding="utf-8")
    (d / "t1.gold.json").write_text(json.dumps(gold_doc()), encoding="utf-8")
    return d


def system_file(tmp_path):
    """3 of the 4 gold quotes with exact bounds, the 4th missed, one false quote; the 2nd has the wrong
    kind, the 3rd the wrong speaker (Maria Lopez), the 1st a channel gold does not have."""
    def sq(i, kind="direct", speaker=None, entity=None, channel=None):
        return {**span(TEXT, QUOTES[i]), "kind": kind, "speaker": speaker or span(TEXT, NAMES[i]),
                "entity": entity or f"e{i + 1}", "cue": None, "channel": channel}
    false = {**span(TEXT, "Maria Lopez said"), "kind": "indirect", "speaker": None, "entity": None,
             "cue": None, "channel": None}
    chan = {"name": "statement", "kind": "medium", "medium": "statement", "text": "said", "start": 0, "end": 4}
    rec = {"id": "t1",
           "quotes": [sq(0, channel=chan), false, sq(1, kind="partial"),
                      sq(2, speaker=span(TEXT, "Maria Lopez"), entity="e1")],
           "entities": [{"id": f"e{i + 1}", "name": n, "type": "PERSON", "aliases": [],
                         "mentions": [span(TEXT, n)], "kb_id": None} for i, n in enumerate(NAMES[:2])],
           "warnings": []}
    p = tmp_path / "system.jsonl"
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return p


def evaluate_json(argv, capsys):
    code = main(["evaluate"] + argv + ["--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_system_file_figures(fixtures_dir, tmp_path, capsys):
    f = evaluate_json([str(fixtures_dir), "--system", str(system_file(tmp_path))], capsys)
    assert f["documents"] == 1
    assert f["quote_p"] == pytest.approx(0.75)  # 3 of 4 system speech quotes hit gold
    assert f["quote_r"] == pytest.approx(0.75)  # 3 of 4 gold quotes found
    assert f["quote_f1"] == pytest.approx(0.75)
    assert f["exact_p"] == pytest.approx(0.75) and f["exact_r"] == pytest.approx(0.75)
    assert f["recall_by_kind"] == {"direct": pytest.approx(0.75)}
    assert f["kind_acc"] == pytest.approx(2 / 3)
    assert f["speaker_acc"] == pytest.approx(2 / 3)
    assert f["entity_acc"] == pytest.approx(2 / 3)
    assert f["false_channels"] == 1
    assert f["scare_with_speaker"] == 0
    assert "seconds" not in f  # the library did not run


def test_system_file_text_report(fixtures_dir, tmp_path, capsys):
    code = main(["evaluate", str(fixtures_dir), "--system", str(system_file(tmp_path))])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "fixtures: 1 documents"
    assert lines[1].split() == ["quotes", "P", "0.750", "R", "0.750", "F1", "0.750", "(3/4", "correct,", "3/4",
                                "found)"]
    assert "speaker       0.667   (2/3;" in out


def test_perfect_system_scores_one(fixtures_dir, tmp_path, capsys):
    p = tmp_path / "perfect.jsonl"
    p.write_text(json.dumps(gold_doc()) + "\n", encoding="utf-8")
    f = evaluate_json([str(fixtures_dir), "--system", str(p)], capsys)
    for k in ("quote_p", "quote_r", "exact_p", "exact_r", "kind_acc", "speaker_acc", "entity_acc",
              "entity_b3_p", "entity_b3_r"):
        assert f[k] == pytest.approx(1.0), k


def test_document_missing_from_the_system_file_counts_as_nothing_found(fixtures_dir, tmp_path, capsys):
    p = tmp_path / "other.jsonl"
    p.write_text(json.dumps({"id": "someone-else", "quotes": [], "entities": []}) + "\n", encoding="utf-8")
    f = evaluate_json([str(fixtures_dir), "--system", str(p)], capsys)
    assert f["quote_r"] == 0.0 and f["counts"]["gold"] == 4


def test_library_run_one_gold_quote_it_cannot_find(tmp_path, capsys):
    """The library finds the four marked quotes with their speakers; gold adds a fifth, made-up
    `indirect` span with no cue that no system can find: recall 4/5, precision 4/4."""
    d = tmp_path / "lib"
    d.mkdir()
    text = TEXT.rstrip("\n") + " The harbour is quiet tonight.\n"
    gold = gold_doc()
    gold["quotes"].append({**span(text, "The harbour is quiet tonight"), "kind": "indirect", "speaker": None,
                           "cue": None, "entity": None, "channel": None})
    (d / "t2.txt").write_text(text, encoding="utf-8")
    (d / "t2.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    f = evaluate_json([str(d)], capsys)
    assert f["quote_r"] == pytest.approx(0.8)
    assert f["quote_p"] == pytest.approx(1.0)
    assert f["speaker_acc"] == pytest.approx(1.0)
    assert f["entity_acc"] == pytest.approx(1.0)
    assert "seconds" in f


def test_warnings_scored_by_offset(tmp_path, capsys):
    d = tmp_path / "w"
    d.mkdir()
    text = "The vote was close\u201d and nobody cheered. \u201cWe won the vote,\u201d Ruth Adler said.\n"
    off = text.index("\u201d")
    gold = {"id": "w1", "quotes": [{**span(text, "We won the vote,"), "kind": "direct",
                                    "speaker": span(text, "Ruth Adler"), "cue": span(text, "said"),
                                    "entity": "e1", "channel": None}],
            "entities": [{"id": "e1", "name": "Ruth Adler", "type": "PERSON", "aliases": [],
                          "mentions": [span(text, "Ruth Adler")], "kb_id": None}],
            "warnings": [f"unmatched closing mark \u201d at offset {off}"]}
    (d / "w1.txt").write_text(text, encoding="utf-8")
    (d / "w1.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    f = evaluate_json([str(d)], capsys)
    assert f["warnings_p"] == pytest.approx(1.0) and f["warnings_r"] == pytest.approx(1.0)


# ----------------------------------------------------------------------------- seed format
SEED_TEXT = ("\u201cThe port will stay open all winter,\u201d Maria Lopez said. "
             "The so-called \u201creforms\u201d failed. "
             "Hugh Hill said the bridge would reopen in June.\n")


@pytest.fixture
def seed_dir(tmp_path):
    d = tmp_path / "seed"
    d.mkdir()
    t = SEED_TEXT
    q1 = t.index("\u201cThe port")
    q2 = t.index("\u201creforms")
    gold = {"document": "s1.txt",
            "quotes": [{"start": q1, "end": t.index("said") - 1 - len(" Maria Lopez"),
                        "speaker": ["Maria Lopez", "Lopez"]},
                       {"start": q2, "end": q2 + len("\u201creforms\u201d"), "kind": "scare"}],
            "indirect": [{"text_contains": "the bridge would reopen in June", "speaker": ["Hugh Hill"]}],
            "different_entities": [["Maria Lopez", "Hugh Hill"]]}
    assert t[gold["quotes"][0]["start"]:gold["quotes"][0]["end"]] == "\u201cThe port will stay open all winter,\u201d"
    (d / "s1.txt").write_text(t, encoding="utf-8")
    (d / "s1.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return d


def test_seed_gold_with_the_library(seed_dir, capsys):
    f = evaluate_json([str(seed_dir)], capsys)
    # found + speaker for the quote, the scare check, found + speaker for the indirect, one `different`
    assert (f["ok"], f["checks"]) == (6, 6)
    assert f["documents"][0]["failed"] == []


def test_seed_gold_text_report(seed_dir, capsys):
    code = main(["evaluate", str(seed_dir)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[:2] == ["seed: 6/6 checks", "  s1.txt: 6/6"]


def test_seed_gold_with_a_system_file(seed_dir, tmp_path, capsys):
    t = SEED_TEXT
    rec = {"id": "s1",
           "quotes": [{**span(t, "The port will stay open all winter,"), "kind": "direct",
                       "speaker": span(t, "Hugh Hill"), "entity": "e2"},
                      {**span(t, "reforms"), "kind": "scare", "speaker": None, "entity": None}],
           "entities": [{"id": "e1", "name": "Maria Lopez", "mentions": [span(t, "Maria Lopez")]},
                        {"id": "e2", "name": "Hugh Hill", "mentions": [span(t, "Hugh Hill")]}]}
    p = tmp_path / "sys.jsonl"
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    f = evaluate_json([str(seed_dir), "--system", str(p)], capsys)
    # passes: found quote, scare, different entities; fails: quote speaker, indirect found and speaker
    assert (f["ok"], f["checks"]) == (3, 6)
    failed = f["documents"][0]["failed"]
    assert len(failed) == 3
    assert any(x.startswith("speaker: ") for x in failed)
    assert any(x.startswith("found indirect: ") for x in failed)


def test_explicit_format_seed(seed_dir, capsys):
    f = evaluate_json([str(seed_dir), "--format", "seed"], capsys)
    assert f["checks"] == 6


# ----------------------------------------------------------------------------- errors
def test_missing_gold_path_is_a_one_line_error(tmp_path, capsys):
    code = main(["evaluate", str(tmp_path / "nope")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"quotes: error: {tmp_path / 'nope'}: no such file or folder\n"


def test_folder_without_gold_is_an_error(tmp_path, capsys):
    code = main(["evaluate", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "no *.gold.json files" in err and err.count("\n") == 1


def test_system_file_that_is_not_json(fixtures_dir, tmp_path, capsys):
    p = tmp_path / "bad.jsonl"
    p.write_text("{}\nnot json\n", encoding="utf-8")
    code = main(["evaluate", str(fixtures_dir), "--system", str(p)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"quotes: error: {p}:2: not JSON")
