"""`quotes evaluate`: score the library, or another system's JSONL output, against gold.

Three gold formats (see each module's docstring for the definitions of its figures):
  fixtures  the library's own output schema, NAME.gold.json beside NAME.txt (quotes/evaluate/fixtures.py)
  seed      the seed article's format, spans including the marks (quotes/evaluate/seed.py)
  polnear   PolNeAR JSONL with source, cue and content spans (quotes/evaluate/polnear.py)
"""
from __future__ import annotations

import json
import os
import time
from typing import Dict, List, Optional

import attrs

from ..errors import InputError
from . import fixtures, polnear, seed


@attrs.define
class Report:
    fmt: str
    figures: Dict
    lines: List[str] = attrs.Factory(list)

    def text(self) -> str:
        return "\n".join(self.lines)


def run(paths: List[str], fmt: str = "auto", system: Optional[str] = None, engine: str = "fast",
        tracks: List[str] = ("marked", "indirect"), curve: bool = False) -> Report:
    for p in paths:
        if not os.path.exists(p):
            raise InputError(f"{p}: no such file or folder")
    if fmt == "auto":
        fmt = _detect(paths)
    systems = _load_system(system) if system else None
    extract = None if systems is not None else _extractor(engine)
    t0 = time.perf_counter()
    if fmt == "polnear":
        docs = [d for p in paths for d in polnear.read(p)]
        if systems is None:
            systems = {d["id"]: extract(d["text"], d["id"]) for d in docs}
        figures = polnear.score(docs, systems, [t for t in tracks if t])
    else:
        files = fixtures.find_gold(paths)
        if not files:
            raise InputError(f"no *.gold.json files in {', '.join(paths)}")
        loaded = [(f,) + (seed.load(f) if fmt == "seed" else fixtures.load(f)) for f in files]
        docs = []
        for f, gold, text in loaded:
            doc_id = os.path.basename(f)[:-len(".gold.json")]
            out = systems.get(doc_id) if systems is not None else extract(text, doc_id)
            docs.append((gold, text, out or {"id": doc_id, "quotes": [], "entities": []}))
        figures = _seed_figures(docs) if fmt == "seed" else fixtures.score(docs)
    if extract is not None:
        figures["seconds"] = round(time.perf_counter() - t0, 3)
    report = Report(fmt, figures)
    report.lines = _format(fmt, figures, curve)
    return report


def _detect(paths: List[str]) -> str:
    if any(p.endswith(".jsonl") for p in paths):
        return "polnear"
    for f in fixtures.find_gold(paths)[:1]:
        with open(f, encoding="utf-8") as fh:
            return "seed" if seed.is_seed_gold(json.load(fh)) else "fixtures"
    return "fixtures"


def _extractor(engine: str):
    from ..pipeline import Extractor
    ex = Extractor(engine=engine)
    return lambda text, doc_id: ex(text, id=doc_id).to_dict()


def _load_system(path: str) -> Dict[str, Dict]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except ValueError as e:
                raise InputError(f"{path}:{n}: not JSON ({e})") from None
            if isinstance(d, dict) and "id" in d:
                out[str(d["id"])] = d
    return out


def _seed_figures(docs) -> Dict:
    per_doc = []
    for gold, text, out in docs:
        checks = seed.check(gold, text, out)
        per_doc.append({"document": gold.get("document"), "ok": sum(ok for _, ok in checks), "checks": len(checks),
                        "failed": [name for name, ok in checks if not ok]})
    return {"documents": per_doc, "ok": sum(d["ok"] for d in per_doc), "checks": sum(d["checks"] for d in per_doc)}


def _format(fmt: str, f: Dict, curve: bool) -> List[str]:
    pct = lambda x: f"{x:.3f}"  # noqa: E731
    if fmt == "seed":
        lines = [f"seed: {f['ok']}/{f['checks']} checks"]
        for d in f["documents"]:
            lines += [f"  {d['document']}: {d['ok']}/{d['checks']}"] + [f"    FAIL {x}" for x in d["failed"]]
        return lines
    if fmt == "fixtures":
        c = f["counts"]
        lines = [f"fixtures: {f['documents']} documents",
                 f"  quotes        P {pct(f['quote_p'])}  R {pct(f['quote_r'])}  F1 {pct(f['quote_f1'])}   "
                 f"({c.get('sys_ok', 0)}/{c.get('sys', 0)} correct, {c.get('found', 0)}/{c.get('gold', 0)} found)",
                 f"  exact bounds  P {pct(f['exact_p'])}  R {pct(f['exact_r'])}  F1 {pct(f['exact_f1'])}",
                 f"  recall by kind  " + "  ".join(f"{k} {pct(v)}" for k, v in f["recall_by_kind"].items()),
                 f"  kind accuracy {pct(f['kind_acc'])}   scare quotes given a speaker: {f['scare_with_speaker']}",
                 f"  speaker       {pct(f['speaker_acc'])}   ({c.get('speaker_ok', 0)}/{c.get('speaker_n', 0)}; "
                 f"null speakers kept null {pct(f['null_kept'])})",
                 f"  entity        {pct(f['entity_acc'])}   (B3 P {pct(f['entity_b3_p'])} R {pct(f['entity_b3_r'])} "
                 f"F1 {pct(f['entity_b3_f1'])})",
                 f"  channel       {pct(f['channel_acc'])}   ({c.get('channel_ok', 0)}/{c.get('channel_n', 0)}; "
                 f"false channels {f['false_channels']})",
                 f"  warnings      P {pct(f['warnings_p'])}  R {pct(f['warnings_r'])}"]
    else:
        lines = [f"polnear: {f['documents']} documents ({f['missing']} without system output)"]
        for track in ("marked", "indirect", "all"):
            if track not in f:
                continue
            t = f[track]
            c = t["counts"]
            lines += [f"  {track}",
                      f"    quotes      P {pct(t['quote_p'])}  R {pct(t['quote_r'])}  F1 {pct(t['quote_f1'])}   "
                      f"({c.get('sys_ok', 0)}/{c.get('sys', 0)} correct, {c.get('found', 0)}/{c.get('gold', 0)} found)",
                      f"    exact       P {pct(t['exact_p'])}  R {pct(t['exact_r'])}  F1 {pct(t['exact_f1'])}",
                      f"    speaker     {pct(t['speaker_acc'])}   ({c.get('speaker_ok', 0)}/{c.get('with_speaker', 0)})",
                      f"    end-to-end  P {pct(t['e2e_p'])}  R {pct(t['e2e_r'])}  F1 {pct(t['e2e_f1'])}",
                      "    by gold kind  " + "; ".join(
                          f"{k}: R {v.get('found', 0)}/{v.get('gold', 0)} speaker {v.get('speaker_ok', 0)}/"
                          f"{v.get('with_speaker', 0)}" for k, v in t["by_gold_kind"].items())]
            if curve:
                lines += ["    confidence  " + "  ".join(f">={x['threshold']:.2f}: P {pct(x['speaker_p'])} "
                                                         f"R {pct(x['speaker_r'])}" for x in t["curve"])]
    if "seconds" in f:
        lines.append(f"  ran in {f['seconds']:.1f} s ({f['documents'] / max(f['seconds'], 1e-9):.0f} docs/s)")
    return lines
