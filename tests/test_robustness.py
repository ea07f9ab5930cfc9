"""Robustness: pathological inputs finish with sensible results, and a batch never stops.

The inputs are moderate-size versions of bench/pathological.py's (which times them up to 10 MB);
the assertions are on results, not times. The CLI tests run `python -m quotes extract` over a small
corpus seeded with bad documents and check N documents in, N records out, in order, each a result
or an error naming the document (and, for JSONL, the line).
"""
from __future__ import annotations

import glob
import json
import os
import subprocess
import sys

import pytest

from quotes import Extractor, batch
from quotes.inputs import Item
from quotes.marks import MARK_CHARS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = sorted(glob.glob(os.path.join(ROOT, "fixtures", "*.txt")))
EX = Extractor()


def fixture(i: int) -> str:
    with open(FIXTURES[i], encoding="utf-8") as fh:
        return fh.read()


def fixture_text(size: int) -> str:
    """Fixture articles, concatenated and repeated to `size` characters."""
    text = "\n\n".join(fixture(i).strip() for i in range(len(FIXTURES))) + "\n\n"
    return (text * (size // len(text) + 1))[:size]


def spans_ok(text, r):
    for q in r.quotes:
        assert text[q.start:q.end] == q.text
        for s in (q.outer, q.cue, q.speaker, *q.inner):
            if s is not None:
                assert 0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text
        if q.channel is not None:
            assert text[q.channel.start:q.channel.end] == q.channel.text
    for e in r.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


# ----------------------------------------------------------------------------- pathological inputs
def test_100k_unbalanced_opening_marks():
    text = "\u201cword " * 100_000
    r = EX(text)
    spans_ok(text, r)
    assert r.warnings, "unclosed marks are reported"
    assert len(r.warnings) >= 1000
    assert all(q.end - q.start < 1000 for q in r.quotes), "no quote swallows the text"


def test_100k_unbalanced_straight_marks():
    for text in ("\"word " * 100_000, "word\" " * 100_000, "'word " * 100_000):
        r = EX(text)
        spans_ok(text, r)
        assert all(q.end - q.start < 1000 for q in r.quotes), "no quote swallows the text"


def test_a_stray_mark_does_not_swallow_the_article():
    """One unclosed mark in a paragraph (not followed by a paragraph that opens a quote, which would
    continue it) leaves the quotes of the other paragraphs as they were."""
    text = fixture(0)
    paras = [i for i in range(len(text)) if text.startswith("\n\n", i)]
    k = next(k for k in range(1, len(paras) - 1) if text[paras[k] + 2] not in MARK_CHARS
             and text[paras[k - 1] + 2] not in MARK_CHARS)
    at = paras[k - 1] + 2  # the start of a paragraph that is not a quote
    damaged = text[:at] + "\u201cstray " + text[at:]
    before, after = EX(text), EX(damaged)
    spans_ok(damaged, after)
    assert any("\u201c" in w for w in after.warnings), after.warnings
    shift = len("\u201cstray ")
    kept = {(q.start, q.text) for q in before.quotes if q.start > paras[k] and q.kind != "indirect"}
    found = {(q.start - shift, q.text) for q in after.quotes if q.start > paras[k]}
    assert kept <= found
    assert all(q.end - q.start < len(damaged) // 4 for q in after.quotes)


def test_text_made_only_of_quote_marks():
    import random
    rng = random.Random(5)
    text = "".join(rng.choice(MARK_CHARS) for _ in range(20_000))
    r = EX(text)
    spans_ok(text, r)
    assert all(q.speaker is None for q in r.quotes)


def test_one_long_line_without_spaces():
    text = "a" * 1_000_000
    r = EX(text)
    assert r.quotes == () and r.error is None


def test_glued_words_and_marks_without_spaces():
    unit = ("\u201cSaid\u201dJohn.Smith,O\u2019Brien\u2019s(Reuters)told\u2018AP\u2019:\u00abnon\u00bb-\"yes\"!Mr.Hill"
            "according\u00a0to<x>the.Group;")
    text = unit * 20  # 2 KB: bench/pathological.py times it up to 5 MB
    r = EX(text)
    spans_ok(text, r)


def test_deeply_nested_quotes():
    depth = 1000
    text = "He said " + "\u201ca \u2018b " * depth + "x" + "\u2019 y\u201d" * depth + " today."
    r = EX(text)
    spans_ok(text, r)
    assert len(r.quotes) == 1, "one outermost quote holds the rest"
    # `inner` holds the quote directly inside (the next level down holds the one inside it), so
    # the output stays linear in the depth rather than holding depth copies of the text
    assert len(r.quotes[0].inner) == 1
    assert r.quotes[0].inner[0].text.startswith("b \u201ca \u2018b")
    assert not r.warnings


def test_many_quotes_each_with_a_nested_one():
    n = 2000
    text = "He said \u201ca \u2018b\u2019 c.\u201d " * n
    r = EX(text)
    spans_ok(text, r)
    assert len(r.quotes) == n
    assert all(len(q.inner) == 1 and q.inner[0].text == "b" for q in r.quotes)


@pytest.mark.parametrize("word", ["word ", "said ", "John ", "he ", "\u201cquote\u201d ", "Mr. ", "according to "])
def test_one_word_repeated(word):
    text = word * (20_000 // len(word))
    r = EX(text)
    spans_ok(text, r)
    if word.startswith("\u201c"):
        assert len(r.quotes) == text.count("\u201c")


def test_mixture_of_everything():
    import random
    rng = random.Random(9)
    chunks = [fixture_text(20_000), "\u201cword " * 500, "a" * 5000, "said " * 500, "John " * 200,
              "He said \u201ca \u2018b\u2019 c.\u201d " * 100, "".join(rng.choice(MARK_CHARS) for _ in range(2000))]
    rng.shuffle(chunks)
    text = "\n\n".join(chunks)
    r = EX(text)
    spans_ok(text, r)


# ----------------------------------------------------------------------------- the CLI: N in, N out
def run_cli(args, cwd, stdin=None, timeout=600):
    p = subprocess.run([sys.executable, "-m", "quotes", "extract", *args], cwd=cwd, input=stdin,
                       capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def records(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A folder of good articles seeded with bad documents; returns (folder, expected per id)."""
    d = tmp_path_factory.mktemp("seeded")
    docs = {
        "01_good": fixture(0).encode("utf-8"),
        "02_binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)) * 4,
        "03_binary_utf8": b"\x00\x01\x02\x03text\x00" * 200,
        "04_invalid_utf8": fixture(1).encode("utf-8")[:300] + b"\xff\xfe\xc3(" + fixture(1).encode("utf-8")[300:],
        "05_large": ("word " * 12 + "\n") * 40_000,  # 2.4 MB, cheap to extract
        "06_marks_only": "".join(MARK_CHARS[i % len(MARK_CHARS)] for i in range(5000)),
        "07_empty": "",
        "08_whitespace": " \n\t\n ",
        "09_good": fixture(2).encode("utf-8"),
        "10_bom": "\ufeff" + fixture(3),
    }
    for name, data in docs.items():
        (d / f"{name}.txt").write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    expect = {"01_good": None, "02_binary": "UTF-8", "03_binary_utf8": "binary", "04_invalid_utf8": "UTF-8",
              "05_large": None, "06_marks_only": None, "07_empty": "empty", "08_whitespace": "empty",
              "09_good": None, "10_bom": None}
    return d, expect


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_seeded_with_bad_documents(seeded, tmp_path, jobs):
    folder, expect = seeded
    out = tmp_path / "out.jsonl"
    rc, _, err = run_cli([str(folder), "--jobs", jobs, "-o", str(out)], cwd=tmp_path)
    recs = records(out)
    assert [r["id"] for r in recs] == sorted(expect), "N in, N out, in input order"
    for r in recs:
        want = expect[r["id"]]
        if want is None:
            assert "error" not in r, r.get("error")
        else:
            assert want in r["error"], (r["id"], r["error"])
            assert f"{r['id']}:" in err, f"the error for {r['id']} is reported on stderr"
    assert rc == 1, "some documents failed: exit status 1"
    good = {r["id"]: r for r in recs}
    assert good["01_good"]["quotes"] and good["09_good"]["quotes"] and good["10_bom"]["quotes"]


def test_invalid_utf8_read_with_replacement(seeded, tmp_path):
    folder, _ = seeded
    out = tmp_path / "out.jsonl"
    run_cli([str(folder / "04_invalid_utf8.txt"), "--errors", "replace", "--jobs", "1", "-o", str(out)], cwd=tmp_path)
    (r,) = records(out)
    assert "error" not in r and any("U+FFFD" in w for w in r["warnings"])


def test_jsonl_seeded_with_bad_lines(tmp_path):
    good = json.dumps({"id": "good1", "text": fixture(0)})
    lines = [
        good.encode(),
        b"this line is not JSON",
        b"[1, 2, 3]",
        json.dumps({"id": "notext"}).encode(),
        json.dumps({"id": "numtext", "text": 5}).encode(),
        b'{"id": "badbytes", "text": "caf\xe9"}',
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "big", "text": ("word " * 12 + "\n") * 20_000}).encode(),
        json.dumps({"id": "marks", "text": MARK_CHARS * 50}).encode(),
        json.dumps({"text": "no id: \u201cthe line number names it,\u201d she said."}).encode(),
        b'{"id": "truncated", "text": "abc',
        json.dumps({"id": "good2", "text": fixture(2)}).encode(),
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n\n")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_cli([str(src), "--input-format", "jsonl", "--jobs", "2", "-o", str(out)], cwd=tmp_path)
    recs = records(out)
    assert len(recs) == len(lines), "one record per non-blank line"
    ids = [r["id"] for r in recs]
    assert ids[0] == "good1" and ids[-1] == "good2"
    by_line = dict(zip(range(1, len(lines) + 1), recs))
    assert "line 2" in by_line[2]["error"] and "not JSON" in by_line[2]["error"]
    assert by_line[2]["id"].endswith(":2"), "a line that is not JSON is named by its line number"
    assert "line 3" in by_line[3]["error"]
    assert "line 4" in by_line[4]["error"] and "line 5" in by_line[5]["error"]
    assert "line 6" in by_line[6]["error"] and "UTF-8" in by_line[6]["error"]
    assert "empty" in by_line[7]["error"]
    assert "error" not in by_line[8] and "error" not in by_line[9]
    assert "error" not in by_line[10] and by_line[10]["id"].endswith(":10")
    assert "line 11" in by_line[11]["error"]
    assert recs[0]["quotes"] and recs[-1]["quotes"]
    assert rc == 1


def test_jsonl_text_with_a_lone_surrogate_does_not_stop_the_batch(tmp_path):
    """`\\ud800` is valid JSON but no UTF-8 can hold it: that line must cost one record, not the batch."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "He said \\"ok \\ud800 then, my friend.\\""}\n'
                   '{"id": "b", "text": "\\u201cFine,\\u201d she said."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_cli([str(src), "--input-format", "jsonl", "--jobs", "1", "-o", str(out)], cwd=tmp_path)
    assert "Traceback" not in err, err[-2000:]
    recs = records(out)
    assert [r["id"] for r in recs] == ["a", "b"]
    assert recs[1]["quotes"] and "error" not in recs[1]


def test_stdin_binary_is_one_error_record(tmp_path):
    rc, out, _ = run_cli(["-", "--jobs", "1", "--format", "jsonl"], cwd=tmp_path, stdin=b"\x00\x01\x02" * 100)
    (r,) = [json.loads(line) for line in out.splitlines()]
    assert r["id"] == "stdin" and "binary" in r["error"] and rc == 1


# ----------------------------------------------------------------------------- --timeout
# A 1 MB article takes about a second, a fixture a few milliseconds: a 0.25 s budget separates them
# on any machine, however fast the library gets.
@pytest.fixture(autouse=True)
def _reset_batch_state():
    """batch.run(jobs=1) keeps its settings in module globals: leave them as a fresh process has them."""
    yield
    list(batch.run([], batch.Settings(), jobs=1))


def test_a_timeout_given_to_batch_run_does_not_leak_into_pipe():
    """batch.run(..., Settings(timeout=...), jobs=1) sets batch._TIMEOUT for the process; a later
    Extractor.pipe() (which calls batch.extract_item) must not inherit that budget."""
    list(batch.run([Item("x", text=fixture(0))], batch.Settings(timeout=0.05), jobs=1))
    (r,) = list(Extractor().pipe([fixture_text(1_000_000)]))
    assert r.error is None, r.error


# An alarm that lands inside a gc callback (hypothesis installs one) is swallowed and reported as
# "unraisable"; batch re-fires it, which is what this test checks, so that report is expected.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_timeout_through_batch_turns_a_slow_document_into_an_error():
    items = [Item("slow", text=fixture_text(1_000_000)), Item("fast", text=fixture(0)), Item("bad", error="no such file")]
    results = list(batch.run(items, batch.Settings(timeout=0.25), jobs=1))
    assert [r.id for r in results] == ["slow", "fast", "bad"]
    assert results[0].error is not None and "timed out" in results[0].error
    assert results[1].error is None and results[1].quotes, "the alarm is cleared for the next document"
    assert results[2].error == "no such file"


def test_timeout_through_batch_with_two_workers():
    items = [Item(f"d{i}", text=fixture_text(1_000_000) if i % 3 == 1 else fixture(i)) for i in range(6)]
    results = list(batch.run(items, batch.Settings(timeout=0.25), jobs=2, batch_size=2))
    assert [r.id for r in results] == [f"d{i}" for i in range(6)]
    for i, r in enumerate(results):
        if i % 3 == 1:
            assert r.error is not None and "timed out" in r.error
        else:
            assert r.error is None and r.quotes


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_timeout_makes_an_error_record_and_goes_on(tmp_path, jobs):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(fixture(0), encoding="utf-8")
    (folder / "b_runaway.txt").write_text(fixture_text(1_000_000), encoding="utf-8")
    (folder / "c.txt").write_text(fixture(1), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_cli([str(folder), "--timeout", "0.25", "--jobs", jobs, "-o", str(out)], cwd=tmp_path, timeout=300)
    recs = records(out)
    assert [r["id"] for r in recs] == ["a", "b_runaway", "c"]
    assert "timed out" in recs[1]["error"] and "b_runaway" in err
    assert "error" not in recs[0] and "error" not in recs[2]
    assert rc == 1


def test_a_20mb_document_with_a_budget_does_not_stop_the_batch(tmp_path):
    """The issue's 20 MB document: with --timeout it costs one error record, however slow it is."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(fixture(0), encoding="utf-8")
    (folder / "b_20mb.txt").write_text(fixture_text(20 * 1024 * 1024), encoding="utf-8")
    (folder / "c.txt").write_text(fixture(1), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_cli([str(folder), "--timeout", "2", "--jobs", "2", "-o", str(out)], cwd=tmp_path, timeout=300)
    recs = records(out)
    assert [r["id"] for r in recs] == ["a", "b_20mb", "c"]
    assert "error" not in recs[0] and "error" not in recs[2]
    assert "error" in recs[1] or recs[1]["quotes"]
