"""Scoring against gold in the library's own output schema (fixtures/NAME.gold.json + NAME.txt).

Figures (spans as in match.py; `speech` = every kind but scare):
  quote P/R/F1        speech quotes by overlap, and by exact boundaries; recall per gold kind.
  kind accuracy       found gold quotes (scare included) whose best system match has the gold kind.
  scare with speaker  gold scare quotes that a system quote overlapping them gives a speaker (must be 0).
  speaker accuracy    found gold speech quotes with a gold speaker whose best match names it: the
                      system speaker span overlaps the gold speaker, or the system entity holds a
                      mention overlapping one of the gold entity's mentions, or its name matches the
                      gold entity's name or an alias. `null kept` counts gold null speakers left null.
  entity accuracy     found gold quotes with a gold entity whose best match's entity name matches
                      the gold entity's name or one of its aliases.
  entity B3 P/R/F1    B-cubed over the gold entity mentions the system put in some entity.
  channel accuracy    found gold quotes with a gold channel whose best match's channel name or text
                      matches it; `false channels` counts system channels where gold has none.
  warnings P/R        warnings compared by the offset they name.
"""
from __future__ import annotations

import collections
import json
import os
import re
from typing import Dict, List

from .match import best_match, merge, name_match, overlaps, prf, strict

_OFFSET = re.compile(r"at offset (\d+)")


def load(path: str):
    with open(path, encoding="utf-8") as fh:
        gold = json.load(fh)
    txt = path[:-len(".gold.json")] + ".txt"
    with open(txt, encoding="utf-8") as fh:
        return gold, fh.read()


def score(docs) -> Dict:
    """docs: [(gold dict, text, system dict)]. Returns the figures and the counts behind them."""
    c = collections.Counter()
    by_kind = collections.defaultdict(collections.Counter)
    b3p, b3r = [], []
    for gold, text, system in docs:
        _score_doc(gold, text, system, c, by_kind, b3p, b3r)
    qp, qr, qf = prf(c["sys_ok"], c["sys"], c["found"], c["gold"])
    ep, er, ef = prf(c["sys_exact"], c["sys"], c["found_exact"], c["gold"])
    wp, wr, wf = prf(c["warn_ok"], c["warn_sys"], c["warn_found"], c["warn_gold"])
    bp = sum(b3p) / len(b3p) if b3p else 0.0
    br = sum(b3r) / len(b3r) if b3r else 0.0
    ratio = lambda a, b: c[a] / c[b] if c[b] else 1.0  # noqa: E731
    return {
        "documents": len(docs), "counts": dict(c),
        "quote_p": qp, "quote_r": qr, "quote_f1": qf, "exact_p": ep, "exact_r": er, "exact_f1": ef,
        "kind_acc": ratio("kind_ok", "kind_n"), "scare_with_speaker": c["scare_spoken"],
        "speaker_acc": ratio("speaker_ok", "speaker_n"), "null_kept": ratio("null_ok", "null_n"),
        "entity_acc": ratio("entity_ok", "entity_n"),
        "entity_b3_p": bp, "entity_b3_r": br, "entity_b3_f1": 2 * bp * br / (bp + br) if bp + br else 0.0,
        "channel_acc": ratio("channel_ok", "channel_n"), "false_channels": c["channel_false"],
        "warnings_p": wp, "warnings_r": wr, "warnings_f1": wf,
        "recall_by_kind": {k: v["found"] / v["gold"] for k, v in sorted(by_kind.items()) if v["gold"]},
    }


def _score_doc(gold, text, system, c, by_kind, b3p, b3r):
    gq = gold.get("quotes") or []
    sq = [q for q in system.get("quotes") or [] if isinstance(q, dict)]
    gents = {e["id"]: e for e in gold.get("entities") or []}
    sents = {e["id"]: e for e in system.get("entities") or []}
    speech_g = [q for q in gq if q["kind"] != "scare"]
    speech_s = [q for q in sq if q.get("kind") != "scare"]
    spans_g = [merge([(q["start"], q["end"])]) for q in speech_g]
    c["gold"] += len(speech_g)
    c["sys"] += len(speech_s)
    for q in speech_s:
        n = q["end"] - q["start"]
        c["sys_ok"] += any(n > 0 and sum(max(0, min(q["end"], b) - max(q["start"], a)) for a, b in sp) >= 0.5 * n
                           for sp in spans_g)
        c["sys_exact"] += any((q["start"], q["end"]) == (g["start"], g["end"]) for g in speech_g)
    for g in gq:
        span = merge([(g["start"], g["end"])])
        if g["kind"] == "scare":
            spoken = [q for q in sq if overlaps((q["start"], q["end"]), (g["start"], g["end"]))
                      and (q.get("speaker") or q.get("entity"))]
            c["scare_spoken"] += bool(spoken)
            _, best = best_match(span, sq)
            if best is not None:
                c["kind_n"] += 1
                c["kind_ok"] += best.get("kind") == "scare"
            continue
        hits, best = best_match(span, speech_s)
        by_kind[g["kind"]]["gold"] += 1
        c["found_exact"] += any((q["start"], q["end"]) == (g["start"], g["end"]) for q in speech_s)
        if best is None:
            continue
        c["found"] += 1
        by_kind[g["kind"]]["found"] += 1
        c["kind_n"] += 1
        c["kind_ok"] += best.get("kind") == g["kind"]
        _speaker(g, best, gents, sents, c)
        _channel(g, best, c)
    _warnings(gold, system, c)
    _b3(gents, sents, b3p, b3r)


def _names(ent) -> List[str]:
    return [ent["name"]] + list(ent.get("aliases") or []) if ent else []


def _speaker(g, s, gents, sents, c):
    gent = gents.get(g.get("entity"))
    sent = sents.get(s.get("entity"))
    if g.get("speaker") is None:
        c["null_n"] += 1
        c["null_ok"] += not s.get("speaker")
        return
    c["speaker_n"] += 1
    sp = s.get("speaker")
    ok = bool(sp) and overlaps((sp["start"], sp["end"]), (g["speaker"]["start"], g["speaker"]["end"]))
    if not ok and sent and gent:
        gm = [(m["start"], m["end"]) for m in gent.get("mentions") or []] + [(g["speaker"]["start"], g["speaker"]["end"])]
        ok = any(overlaps((m["start"], m["end"]), x) for m in sent.get("mentions") or [] for x in gm)
    if not ok and sent and gent:
        ok = any(name_match(a, b) for a in _names(gent) for b in _names(sent))
    c["speaker_ok"] += ok
    if gent is not None:
        c["entity_n"] += 1
        c["entity_ok"] += bool(sent) and any(strict(sent["name"]) == strict(n) or name_match(n, sent["name"])
                                             for n in _names(gent))


def _channel(g, s, c):
    gch, sch = g.get("channel"), s.get("channel")
    if gch is None:
        c["channel_false"] += sch is not None
        return
    c["channel_n"] += 1
    if sch:
        c["channel_ok"] += any(strict(x or "") == strict(gch["name"]) or name_match(gch["name"], x or "")
                               for x in (sch.get("name"), sch.get("text")))


def _warnings(gold, system, c):
    g = {m.group(1) for w in gold.get("warnings") or [] for m in [_OFFSET.search(w)] if m}
    s = {m.group(1) for w in system.get("warnings") or [] for m in [_OFFSET.search(w)] if m}
    c["warn_gold"] += len(g)
    c["warn_sys"] += len(s)
    c["warn_ok"] += len(g & s)
    c["warn_found"] += len(g & s)


def _b3(gents, sents, b3p, b3r):
    """B-cubed over gold mentions, each mapped to the system entity holding an overlapping mention."""
    sys_of = {}
    for e in sents.values():
        for m in e.get("mentions") or []:
            sys_of[(m["start"], m["end"])] = e["id"]
    mapped = []  # (gold entity, system entity) per gold mention the system has
    for e in gents.values():
        for m in e.get("mentions") or []:
            hit = next((sid for (a, b), sid in sys_of.items() if overlaps((a, b), (m["start"], m["end"]))), None)
            if hit is not None:
                mapped.append((e["id"], hit))
    for ge, se in mapped:
        same_sys = [x for x in mapped if x[1] == se]
        same_gold = [x for x in mapped if x[0] == ge]
        b3p.append(sum(1 for x in same_sys if x[0] == ge) / len(same_sys))
        b3r.append(sum(1 for x in same_gold if x[1] == se) / len(same_gold))


def find_gold(paths: List[str]) -> List[str]:
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".gold.json"))
        else:
            out.append(p)
    return out
