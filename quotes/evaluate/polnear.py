"""Scoring against PolNeAR-style JSONL (`id`, `text`, `quotes` with `start`/`end`/`fragments`,
`speaker`, `speaker_mentions`, `cue`). PolNeAR annotates every attribution, beliefs and
paraphrase included, so the figures are split in tracks:

  marked    gold quotes with a quotation mark in a fragment or right around it, against system
            quotes of kinds direct, partial and mixed.
  indirect  the other gold quotes, against system `indirect` quotes.
  all       every gold quote against every system quote but scare ones.
A system quote is correct when >= 50% of it lies inside ANY gold quote (a marked-track quote
landing on an indirect gold quote is not penalised). `exact` compares boundaries with marks,
spaces and final punctuation stripped on both sides.
  speaker   over found gold quotes with a source: the best match is right when its speaker span
            or a mention of its entity overlaps a gold source mention, or (gold source not a bare
            pronoun) a name of it matches the gold source text by name match.
  e2e       recall counts found gold quotes whose speaker is right (or that have no source);
            precision counts correct system quotes whose speaker is right for that gold quote.
  curve     speaker precision and recall when attributions below a confidence threshold are dropped.
"""
from __future__ import annotations

import collections
import json
from typing import Dict, Iterator, List

from .match import merge, name_match, ov, overlaps, prf, pronoun_only

DOUBLE = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f"
SINGLE = "'\u2018\u2019\u201a\u201b"
_STRIP = " \t\n\u00a0.,;:!?" + DOUBLE + SINGLE
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
TRACK_KINDS = {"marked": ("direct", "partial", "mixed"), "indirect": ("indirect",),
               "all": ("direct", "partial", "mixed", "indirect")}


def read(path: str) -> Iterator[Dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _quote_mark(text: str, i: int) -> bool:
    c = text[i]
    if c in DOUBLE:
        return True
    if c in SINGLE:
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        return not (prev.isalnum() and nxt.isalnum())
    return False


def is_marked(text: str, q: Dict) -> bool:
    for s, e in q.get("fragments") or [[q["start"], q["end"]]]:
        if any(_quote_mark(text, i) for i in range(s, e)):
            return True
        if s > 0 and text[s - 1] in DOUBLE + "\u2018":
            return True
        j = e
        while j < len(text) and j - e < 3 and text[j] in ".,;:!?\u2014-":
            j += 1
        if j < len(text) and text[j] in DOUBLE + "\u2019" and not (j + 1 < len(text) and text[j + 1].isalnum()):
            return True
    return False


def _core(text: str, s: int, e: int):
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


def _speaker_ok(g: Dict, s: Dict, ents: Dict) -> bool:
    gold_mentions = g.get("speaker_mentions") or []
    ent = ents.get(s.get("entity"))
    spans = ([(s["speaker"]["start"], s["speaker"]["end"])] if s.get("speaker") else []) + \
        [(m["start"], m["end"]) for m in (ent or {}).get("mentions") or []]
    if any(overlaps(a, b) for a in spans for b in gold_mentions):
        return True
    gs = g.get("speaker") or ""
    if pronoun_only(gs):
        return False
    names = ([s["speaker"]["text"]] if s.get("speaker") else []) + \
        ([ent["name"]] + list(ent.get("aliases") or []) if ent else [])
    return any(name_match(gs, n) for n in names)


def score(docs: List[Dict], systems: Dict[str, Dict], tracks: List[str]) -> Dict:
    out = {"documents": len(docs), "missing": sum(1 for d in docs if d["id"] not in systems)}
    for track in tracks:
        out[track] = _track(docs, systems, track)
    return out


def _track(docs, systems, track) -> Dict:
    c = collections.Counter()
    by_kind = collections.defaultdict(collections.Counter)
    curve = collections.Counter()
    kinds = TRACK_KINDS[track]
    for d in docs:
        text = d["text"]
        system = systems.get(d["id"]) or {}
        ents = {e["id"]: e for e in system.get("entities") or []}
        sq = [q for q in system.get("quotes") or [] if (q.get("kind") or "direct") in kinds and q["end"] > q["start"]]
        gq = d.get("quotes") or []
        frags = [merge(q.get("fragments") or [[q["start"], q["end"]]]) for q in gq]
        marked = [is_marked(text, q) for q in gq]
        chosen = [i for i, m in enumerate(marked) if track == "all" or (m if track == "marked" else not m)]
        cores = {_core(text, q["start"], q["end"]) for q in gq}
        c["gold"] += len(chosen)
        c["sys"] += len(sq)
        for s in sq:
            n = s["end"] - s["start"]
            good = [i for i, f in enumerate(frags) if ov(s["start"], s["end"], f) >= 0.5 * n]
            c["sys_ok"] += bool(good)
            c["sys_exact"] += _core(text, s["start"], s["end"]) in cores
            c["sys_e2e"] += any(not gq[i].get("speaker_mentions") or _speaker_ok(gq[i], s, ents) for i in good)
        for i in chosen:
            g = gq[i]
            kind = g.get("kind") or "?"
            by_kind[kind]["gold"] += 1
            hits = [(ov(s["start"], s["end"], frags[i]), s) for s in sq]
            hits = [(o, s) for o, s in hits if o >= 0.5 * (s["end"] - s["start"])]
            c["found_exact"] += any(_core(text, s["start"], s["end"]) == _core(text, g["start"], g["end"]) for _, s in hits)
            if not hits:
                continue
            c["found"] += 1
            by_kind[kind]["found"] += 1
            best = max(hits, key=lambda x: x[0])[1]
            ok = True
            if g.get("speaker_mentions"):
                ok = _speaker_ok(g, best, ents)
                c["with_speaker"] += 1
                c["speaker_ok"] += ok
                by_kind[kind]["with_speaker"] += 1
                by_kind[kind]["speaker_ok"] += ok
                for t in THRESHOLDS:
                    if best.get("speaker") and (best.get("confidence") or 0) >= t:
                        curve[(t, "given")] += 1
                        curve[(t, "right")] += ok
            c["e2e_found"] += ok
    p, r, f = prf(c["sys_ok"], c["sys"], c["found"], c["gold"])
    xp, xr, xf = prf(c["sys_exact"], c["sys"], c["found_exact"], c["gold"])
    ep, er, ef = prf(c["sys_e2e"], c["sys"], c["e2e_found"], c["gold"])
    return {
        "counts": dict(c), "quote_p": p, "quote_r": r, "quote_f1": f, "exact_p": xp, "exact_r": xr, "exact_f1": xf,
        "speaker_acc": c["speaker_ok"] / c["with_speaker"] if c["with_speaker"] else 0.0,
        "e2e_p": ep, "e2e_r": er, "e2e_f1": ef,
        "by_gold_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "curve": [{"threshold": t, "speaker_p": curve[(t, "right")] / curve[(t, "given")] if curve[(t, "given")] else 0.0,
                   "speaker_r": curve[(t, "right")] / c["with_speaker"] if c["with_speaker"] else 0.0}
                  for t in THRESHOLDS],
    }
