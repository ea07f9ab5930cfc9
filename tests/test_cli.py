"""The command line: `quotes extract` inputs, formats, errors and exit codes (quotes/cli.py,
quotes/inputs.py, quotes/outputs.py, quotes/batch.py)."""
import csv
import io
import json
import os
import subprocess
import sys

import pytest

from quotes.cli import main
from quotes.outputs import CSV_FIELDS

DOC_A = "\u201cThe port will stay open all winter,\u201d Maria Lopez said.\n"
DOC_B = ("\u201cThe ferries will run on time,\u201d Hugh Hill said. "
         "Ruth Adler said the bridge would reopen in June.\n")


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def records(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def stdin_bytes(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.txt").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOC_B, encoding="utf-8")
    return tmp_path


# ----------------------------------------------------------------------------- inputs
def test_extract_one_file(files, capsys):
    code, out, err = run(["extract", str(files / "a.txt"), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 0 and err == ""
    [rec] = records(out)
    assert rec["id"] == "a"
    [q] = rec["quotes"]
    assert q["text"] == "The port will stay open all winter,"
    assert DOC_A[q["start"]:q["end"]] == q["text"]
    assert q["speaker"]["text"] == "Maria Lopez"
    assert rec["entities"][0]["name"] == "Maria Lopez"


def test_extract_folder_recursively_with_relative_ids(files, capsys):
    (files / "sub").mkdir()
    (files / "sub" / "c.txt").write_text(DOC_A, encoding="utf-8")
    (files / "notes.md").write_text(DOC_A, encoding="utf-8")
    code, out, err = run(["extract", str(files), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 0
    assert [r["id"] for r in records(out)] == ["a", "b", "sub/c"]


def test_extract_stdin(monkeypatch, capsys):
    stdin_bytes(monkeypatch, DOC_A.encode("utf-8"))
    code, out, err = run(["extract", "-", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 0
    [rec] = records(out)
    assert rec["id"] == "stdin"
    assert [q["text"] for q in rec["quotes"]] == ["The port will stay open all winter,"]


def test_extract_jsonl_default_fields(tmp_path, capsys):
    p = tmp_path / "docs.jsonl"
    p.write_text(json.dumps({"id": "one", "text": DOC_A}) + "\n" + json.dumps({"id": 2, "text": DOC_B}) + "\n",
                 encoding="utf-8")
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 0
    recs = records(out)
    assert [r["id"] for r in recs] == ["one", "2"]
    assert recs[0]["quotes"][0]["text"] == "The port will stay open all winter,"


def test_extract_jsonl_custom_fields(tmp_path, capsys):
    p = tmp_path / "docs.jsonl"
    p.write_text(json.dumps({"doc_key": "k1", "body": DOC_A, "text": "ignored"}) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--id-field", "doc_key",
                          "--text-field", "body", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 0
    [rec] = records(out)
    assert rec["id"] == "k1"
    assert rec["quotes"][0]["speaker"]["text"] == "Maria Lopez"


def test_jsonl_on_stdin(monkeypatch, capsys):
    stdin_bytes(monkeypatch, (json.dumps({"id": "s1", "text": DOC_A}) + "\n").encode())
    code, out, err = run(["extract", "-", "--input-format", "jsonl", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 0
    assert [r["id"] for r in records(out)] == ["s1"]


# ----------------------------------------------------------------------------- formats
def test_format_json_is_an_array(files, capsys):
    code, out, err = run(["extract", str(files / "a.txt"), str(files / "b.txt"), "--format", "json", "-j", "1"],
                         capsys)
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list)
    assert [d["id"] for d in data] == ["a", "b"]


def test_format_json_with_no_documents_is_an_empty_array(tmp_path, capsys, monkeypatch):
    p = tmp_path / "empty.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--format", "json", "-j", "1"], capsys)
    assert code == 0
    assert json.loads(out) == []


def test_format_csv_has_header_and_one_row_per_quote(files, capsys):
    code, out, err = run(["extract", str(files / "a.txt"), str(files / "b.txt"), "--format", "csv", "-j", "1"],
                         capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].split(",") == CSV_FIELDS
    json_code, json_out, _ = run(["extract", str(files / "a.txt"), str(files / "b.txt"), "--format", "jsonl",
                                  "-j", "1"], capsys)
    n_quotes = sum(len(r["quotes"]) for r in records(json_out))
    assert len(rows) == n_quotes >= 3
    first = rows[0]
    assert (first["id"], first["text"], first["speaker"], first["entity_name"], first["cue"]) == \
        ("a", "The port will stay open all winter,", "Maria Lopez", "Maria Lopez", "said")


def test_format_table(files, capsys):
    code, out, err = run(["extract", str(files / "a.txt"), "--format", "table", "-j", "1"], capsys)
    assert code == 0
    assert out.splitlines()[0] == "== a: 1 quotes, 1 entities"
    assert "The port will stay open all winter," in out and "Maria Lopez" in out


def test_output_file(files, tmp_path, capsys):
    dest = tmp_path / "out.jsonl"
    code, out, err = run(["extract", str(files / "a.txt"), "--format", "jsonl", "-o", str(dest), "-j", "1"], capsys)
    assert code == 0 and out == ""
    assert [r["id"] for r in records(dest.read_text(encoding="utf-8"))] == ["a"]


def test_default_format_when_not_a_terminal_is_jsonl(files, capsys):
    code, out, err = run(["extract", str(files / "a.txt"), "-j", "1"], capsys)
    assert code == 0
    assert records(out)[0]["id"] == "a"


# ----------------------------------------------------------------------------- errors
def test_missing_file_is_an_error_record_and_exit_1(files, capsys):
    missing = str(files / "nope.txt")
    code, out, err = run(["extract", missing, str(files / "a.txt"), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    recs = records(out)
    assert [r["id"] for r in recs] == [missing, "a"]
    assert recs[0]["error"] == "no such file or folder"
    assert recs[1]["quotes"]
    assert err == f"quotes: {missing}: no such file or folder\n"


def test_folder_with_no_text(tmp_path, capsys):
    (tmp_path / "readme.md").write_text("nothing", encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    [rec] = records(out)
    assert rec["error"] == "no *.txt files in this folder"
    assert err == f"quotes: {tmp_path}: no *.txt files in this folder\n"


def test_invalid_utf8_names_the_byte_offset(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"Maria said \xff hello.")
    code, out, err = run(["extract", str(tmp_path / "bad.txt"), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    [rec] = records(out)
    assert rec["id"] == "bad"
    assert "byte 11" in rec["error"] and "UTF-8" in rec["error"]
    assert err.count("\n") == 1 and err.startswith("quotes: bad: ") and "byte 11" in err


def test_invalid_utf8_with_errors_replace_goes_on_with_a_warning(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\xe2\x80\x9cThe port will stay open,\xe2\x80\x9d Maria Lopez said \xff.")
    code, out, err = run(["extract", str(tmp_path / "bad.txt"), "--errors", "replace", "--format", "jsonl",
                          "-j", "1"], capsys)
    assert code == 0
    [rec] = records(out)
    assert "error" not in rec
    assert rec["quotes"][0]["text"] == "The port will stay open,"
    assert any("byte" in w and "U+FFFD" in w for w in rec["warnings"])


def test_empty_document(tmp_path, capsys):
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path / "blank.txt"), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    [rec] = records(out)
    assert (rec["id"], rec["error"]) == ("blank", "empty document")
    assert err == "quotes: blank: empty document\n"


def test_jsonl_line_that_is_not_json(tmp_path, capsys):
    p = tmp_path / "docs.jsonl"
    p.write_text(json.dumps({"id": "one", "text": DOC_A}) + "\n{not json\n" +
                 json.dumps({"id": "three", "text": DOC_B}) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    recs = records(out)
    assert len(recs) == 3
    assert [recs[0]["id"], recs[2]["id"]] == ["one", "three"]
    assert "2" in recs[1]["id"]
    assert recs[1]["error"].startswith("line 2: not JSON")
    assert len(err.splitlines()) == 1 and "line 2" in err


def test_jsonl_line_without_text(tmp_path, capsys):
    p = tmp_path / "docs.jsonl"
    p.write_text(json.dumps({"id": "one", "body": DOC_A}) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    [rec] = records(out)
    assert rec["id"] == "one" and rec["error"] == "line 1: no text in field 'text'"


def test_n_documents_in_n_records_out(tmp_path, capsys):
    p = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": DOC_A if i % 2 else DOC_B}) for i in range(7)]
    lines.insert(3, "garbage")
    lines.insert(5, json.dumps({"id": "empty", "text": "   "}))
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    assert len(records(out)) == 9


def test_csv_error_row(tmp_path, capsys):
    (tmp_path / "blank.txt").write_text(" ", encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path / "blank.txt"), "--format", "csv", "-j", "1"], capsys)
    assert code == 1
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["id"], row["error"]) == ("blank", "empty document")


@pytest.mark.parametrize("argv", [
    ["extract", "x.txt", "--jobs", "0"],
    ["extract", "x.txt", "--timeout", "0"],
    ["extract", "x.txt", "--resume"],
    ["extract", "x.txt", "--format", "xml"],
    ["extract", "x.txt", "--no-such-option"],
], ids=["jobs-0", "timeout-0", "resume-without-output", "bad-format", "bad-option"])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err


def test_no_command_exits_2(capsys):
    assert main([]) == 2


def test_unwritable_output_is_a_one_line_error(files, tmp_path, capsys):
    dest = tmp_path / "no" / "such" / "dir" / "out.jsonl"
    code, out, err = run(["extract", str(files / "a.txt"), "-o", str(dest), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 2
    assert err.startswith(f"quotes: error: cannot write {dest}") and err.count("\n") == 1


# ----------------------------------------------------------------------------- resume, timeout, jobs
def test_resume_skips_done_ids_and_appends(files, tmp_path, capsys):
    dest = tmp_path / "out.jsonl"
    code, _, _ = run(["extract", str(files / "a.txt"), "--format", "jsonl", "-o", str(dest), "-j", "1"], capsys)
    assert code == 0
    first = dest.read_text(encoding="utf-8")
    (files / "a.txt").write_text("\u201cChanged text, nothing like before,\u201d Hugh Hill said.", encoding="utf-8")
    code, out, err = run(["extract", str(files / "a.txt"), str(files / "b.txt"), "--format", "jsonl",
                          "-o", str(dest), "--resume", "-j", "1"], capsys)
    assert code == 0
    recs = records(dest.read_text(encoding="utf-8"))
    assert [r["id"] for r in recs] == ["a", "b"]
    assert dest.read_text(encoding="utf-8").startswith(first)
    assert recs[0]["quotes"][0]["text"] == "The port will stay open all winter,"


def test_resume_drops_a_cut_last_line(files, tmp_path, capsys):
    dest = tmp_path / "out.jsonl"
    run(["extract", str(files / "a.txt"), "--format", "jsonl", "-o", str(dest), "-j", "1"], capsys)
    with open(dest, "a", encoding="utf-8") as fh:
        fh.write('{"id": "b", "quotes": [')
    code, _, _ = run(["extract", str(files), "--format", "jsonl", "-o", str(dest), "--resume", "-j", "1"], capsys)
    assert code == 0
    assert [r["id"] for r in records(dest.read_text(encoding="utf-8"))] == ["a", "b"]


def test_resume_csv_does_not_repeat_the_header(files, tmp_path, capsys):
    dest = tmp_path / "out.csv"
    run(["extract", str(files / "a.txt"), "--format", "csv", "-o", str(dest), "-j", "1"], capsys)
    code, _, _ = run(["extract", str(files), "--format", "csv", "-o", str(dest), "--resume", "-j", "1"], capsys)
    assert code == 0
    text = dest.read_text(encoding="utf-8")
    assert text.count("id,start,end") == 1
    assert sorted({r["id"] for r in csv.DictReader(io.StringIO(text))}) == ["a", "b"]


def test_timeout_turns_a_slow_document_into_an_error_record(tmp_path, capsys):
    para = ("\u201cThe port will stay open all winter,\u201d Maria Lopez said, \u201cand the ferries will run.\u201d "
            "Hugh Hill said the bridge would reopen in June. ")
    (tmp_path / "big.txt").write_text((para * 40 + "\n\n") * 50, encoding="utf-8")
    (tmp_path / "small.txt").write_text(DOC_A, encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path), "--timeout", "0.001", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    recs = {r["id"]: r for r in records(out)}
    assert recs["big"]["error"] == "timed out after 0.001 s"
    assert "quotes: big: timed out after 0.001 s" in err


def test_generous_timeout_changes_nothing(files, capsys):
    code, out, err = run(["extract", str(files), "--timeout", "60", "--format", "jsonl", "-j", "1"], capsys)
    code2, out2, _ = run(["extract", str(files), "--format", "jsonl", "-j", "1"], capsys)
    assert code == code2 == 0
    assert out == out2


def test_jobs_2_gives_the_same_output_in_the_same_order(tmp_path, capsys):
    p = tmp_path / "docs.jsonl"
    p.write_text("".join(json.dumps({"id": f"d{i:02d}", "text": (DOC_A, DOC_B, "  ")[i % 3]}) + "\n"
                         for i in range(40)), encoding="utf-8")
    argv = ["extract", str(p), "--input-format", "jsonl", "--format", "jsonl"]
    code1, out1, _ = run(argv + ["--jobs", "1"], capsys)
    code2, out2, _ = run(argv + ["--jobs", "2"], capsys)
    assert code1 == code2 == 1
    assert out1 == out2
    assert [r["id"] for r in records(out2)] == [f"d{i:02d}" for i in range(40)]


def test_python_dash_m_quotes(files):
    proc = subprocess.run([sys.executable, "-m", "quotes", "extract", str(files / "a.txt"), "--format", "jsonl",
                           "-j", "1"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    [rec] = records(proc.stdout)
    assert rec["id"] == "a" and rec["quotes"][0]["speaker"]["text"] == "Maria Lopez"


def test_python_dash_m_quotes_stdin_and_exit_1(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "quotes", "extract", "-", str(tmp_path / "missing.txt"),
                           "--format", "jsonl", "-j", "1"], input=DOC_A.encode(), capture_output=True, timeout=120)
    assert proc.returncode == 1
    recs = records(proc.stdout.decode())
    assert [r["id"] for r in recs] == ["stdin", str(tmp_path / "missing.txt")]
    assert proc.stderr.decode().strip().splitlines() == [f"quotes: {tmp_path / 'missing.txt'}: no such file or folder"]


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("quotes ")


def test_utf8_bom_is_dropped_and_offsets_index_the_text(tmp_path, capsys):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + DOC_A.encode("utf-8"))
    code, out, err = run(["extract", str(tmp_path / "bom.txt"), "--format", "jsonl", "-j", "1"], capsys)
    assert code == 0
    q = records(out)[0]["quotes"][0]
    assert DOC_A[q["start"]:q["end"]] == q["text"] == "The port will stay open all winter,"


def test_jsonl_line_with_invalid_utf8(tmp_path, capsys):
    p = tmp_path / "docs.jsonl"
    p.write_bytes(json.dumps({"id": "one", "text": DOC_A}).encode() + b"\n" +
                  b'{"id": "two", "text": "Bad \xff byte, Maria Lopez said."}\n')
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--format", "jsonl", "-j", "1"], capsys)
    assert code == 1
    recs = records(out)
    assert len(recs) == 2 and "error" not in recs[0]
    assert recs[1]["error"].startswith("line 2: not valid UTF-8 at byte ")
    code, out, err = run(["extract", str(p), "--input-format", "jsonl", "--format", "jsonl", "-j", "1",
                          "--errors", "replace"], capsys)
    assert code == 0
    recs = records(out)
    assert recs[1]["id"] == "two" and "error" not in recs[1]
    assert any("U+FFFD" in w for w in recs[1]["warnings"])


def test_table_shows_errors_and_warnings(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("The vote was close\u201d and nobody cheered. \u201cWe won the vote,\u201d "
                                    "Ruth Adler said.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("   ", encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path), "--format", "table", "-j", "1"], capsys)
    assert code == 1
    assert "  warning: unmatched closing mark \u201d at offset 18" in out
    assert "== b: ERROR empty document" in out


def test_default_jobs_use_workers_only_for_more_than_a_few_documents(tmp_path, monkeypatch):
    from quotes import batch, cli
    from quotes.inputs import Options
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    text, jsonl = Options(), Options(input_format="jsonl")
    for i in range(cli._FEW + 1):
        (tmp_path / f"d{i:02d}.txt").write_text(DOC_A, encoding="utf-8")
    few = tmp_path / "few.jsonl"
    few.write_text(json.dumps({"id": "x", "text": DOC_A}) + "\n\n", encoding="utf-8")
    many = tmp_path / "many.jsonl"
    many.write_text(few.read_text(encoding="utf-8") * (cli._FEW + 1), encoding="utf-8")
    assert cli._default_jobs([str(tmp_path / "d00.txt")], text) == 1
    assert cli._default_jobs(["-"], text) == 1  # stdin text is one document
    assert cli._default_jobs([str(tmp_path)], text) == 2  # 33 files
    assert cli._default_jobs([str(few)], jsonl) == 1
    assert cli._default_jobs([str(many)], jsonl) == 2
    assert cli._default_jobs(["-"], jsonl) == 2  # a stream of unknown length
