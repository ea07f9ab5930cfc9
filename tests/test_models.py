"""`quotes models status|download` and the one-line errors of a stanza engine without models."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

stanza = pytest.importorskip("stanza")

import quotes  # noqa: E402
from quotes import models  # noqa: E402
from quotes.engines import stanza_engine  # noqa: E402
from quotes.errors import EngineUnavailable, QuotesError  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNREACHABLE = "http://127.0.0.1:9"  # the discard port on this machine: refused at once, nothing leaves it

DEFAULT = {"tokenize": "combined", "mwt": "combined", "pos": "combined_charlm", "lemma": "combined_nocharlm",
           "depparse": "combined_charlm", "ner": "ontonotes-ww-multi_charlm"}
PRETRAIN = {"dependencies": [{"model": "pretrain", "package": "conll17"}]}
# the shape of stanza's resources.json (its `prepare_resources` writes `packages.default`)
RESOURCES = {"en": {"lang_name": "English", "default_processors": DEFAULT, "packages": {"default": DEFAULT},
                    "tokenize": {"combined": {}}, "mwt": {"combined": {}}, "pos": {"combined_charlm": PRETRAIN},
                    "lemma": {"combined_nocharlm": {}}, "depparse": {"combined_charlm": PRETRAIN},
                    "ner": {"ontonotes-ww-multi_charlm": {}}, "pretrain": {"conll17": {}}},
             "english": {"alias": "en"}}


def layout(root, files):
    """A models folder as stanza lays it out: resources.json and <lang>/<processor>/<package>.pt."""
    (root / "resources.json").write_text(json.dumps(RESOURCES), encoding="utf-8")
    for f in files:
        p = root / "en" / f
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"")
    return str(root)


ALL = ["tokenize/combined.pt", "mwt/combined.pt", "pos/combined_charlm.pt", "lemma/combined_nocharlm.pt",
       "depparse/combined_charlm.pt", "ner/ontonotes-ww-multi_charlm.pt", "pretrain/conll17.pt"]


def test_status_of_an_empty_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    st = models.status()
    assert st["stanza"] == stanza.__version__ and st["resources_version"]
    assert (st["resources_dir"], st["from_env"], st["resources_json"], st["languages"]) == (str(tmp_path), True, False, {})
    text = models.format_status(st)
    assert f"models folder: {tmp_path} (from STANZA_RESOURCES_DIR)" in text
    assert "quotes models download --lang en" in text


def test_status_reads_resources_json_and_the_files(tmp_path):
    where = layout(tmp_path, ALL)
    st = models.status(where)
    assert st["source"] == "--dir" and not st["from_env"]
    en = st["languages"]["en"]
    assert en["ready"] and en["missing"] == [] and en["name"] == "English"
    assert en["present"]["ner"] == ["ontonotes-ww-multi_charlm"]
    assert "en (English): ready for --engine stanza" in models.format_status(st)
    assert models.language_status("english", where)["ready"]  # an alias


def test_status_names_what_is_missing(tmp_path):
    where = layout(tmp_path, [f for f in ALL if not f.startswith(("ner/", "pretrain/"))])
    en = models.language_status("en", where)
    assert not en["ready"] and en["missing"] == ["pretrain/conll17", "ner/ontonotes-ww-multi_charlm"]
    assert "not ready: missing pretrain/conll17, ner/ontonotes-ww-multi_charlm" in models.format_status(models.status(where))


def test_main_status_json(tmp_path, capsys):
    assert models.main(["status", "--dir", layout(tmp_path, ALL), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["languages"]["en"]["ready"] is True


def _one_line(msg: str, where: str):
    assert "\n" not in msg and "Traceback" not in msg
    assert where in msg and "quotes models download --lang en" in msg and "--engine fast" in msg


def test_missing_models_give_one_line_and_no_fallback(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(EngineUnavailable) as e:
        quotes.Extractor(engine="stanza")
    _one_line(str(e.value), str(tmp_path))
    assert "STANZA_RESOURCES_DIR" in str(e.value)


def test_missing_models_in_a_given_folder(tmp_path):
    where = layout(tmp_path, [f for f in ALL if not f.startswith("depparse/")])
    with pytest.raises(EngineUnavailable) as e:
        stanza_engine.StanzaAnnotator("en", resources_dir=where)
    _one_line(str(e.value), where)
    assert "depparse/combined_charlm" in str(e.value)


def test_model_files_that_do_not_load_give_one_line(tmp_path):
    where = layout(tmp_path, ALL)  # every file there, but empty: stanza fails to load them
    with pytest.raises(EngineUnavailable) as e:
        stanza_engine.StanzaAnnotator("en", resources_dir=where)
    msg = str(e.value)
    assert "\n" not in msg and "could not be built" in msg and "--engine fast" in msg


def test_no_stanza_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "stanza", None)  # `import stanza` now fails as if it were absent
    with pytest.raises(EngineUnavailable) as e:
        stanza_engine.build_pipeline("en")
    assert str(e.value) == ("the stanza engine needs stanza: pip install 'quotes[stanza]' "
                            "(or use the fast engine: --engine fast)")


def test_download_failure_is_one_line(tmp_path):
    with pytest.raises(QuotesError) as e:
        models.download("en", str(tmp_path), resources_url=UNREACHABLE)
    msg = str(e.value)
    assert msg.startswith(f"could not download stanza models for 'en' into {tmp_path}: ") and "\n" not in msg


def test_cli_download_failure_exits_non_zero_with_one_line(tmp_path):
    env = dict(os.environ, STANZA_RESOURCES_URL=UNREACHABLE)
    out = subprocess.run([sys.executable, "-m", "quotes.models", "download", "--lang", "en", "--dir", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 1
    err = out.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("quotes models: error: could not download stanza models")
    assert "Traceback" not in out.stderr


def test_cli_status_honours_the_environment(tmp_path):
    env = dict(os.environ, STANZA_RESOURCES_DIR=layout(tmp_path, ALL))
    out = subprocess.run([sys.executable, "-m", "quotes.models", "status"], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"(from STANZA_RESOURCES_DIR)" in out.stdout and "en (English): ready for --engine stanza" in out.stdout
