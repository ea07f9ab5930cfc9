"""Scoring against the seed gold format (`*.gold.json` beside its text, spans including the marks,
`speaker` a list of acceptable names, plus `indirect`, `same_entity`, `different_entities`,
`channels`). Each check is pass/fail:

  found         a speech system quote has >= 50% of its characters inside the gold span (marks
                stripped); its best match is judged for the rest.
  speaker       the best match's speaker text, entity name or aliases match an acceptable name (or a
                `same_entity` partner of one), unless the name is the exact name of an entity the
                gold keeps apart (`Hezbollah` is not `Kataib Hezbollah`).
  channel       where gold names a channel: the best match's channel name or text matches it.
  scare         a gold scare quote passes when no system quote overlapping it has a speaker.
  indirect      located by `text_contains`; found when a speech quote covers >= 50% of it or lies
                >= 50% inside it; speaker as above.
  same entity   one system entity holds both names (as name, alias or mention text, or a mention
                over an occurrence of the name).
  different     no system entity holds both.
  channel recall  some quote's channel matches each listed channel.
"""
from __future__ import annotations

import json
import os
import re
from typing import Dict, List, Tuple

from .match import name_match, ov, strict

_MARKS = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b\u300c\u300d\u300e\u300f"


def load(path: str):
    with open(path, encoding="utf-8") as fh:
        gold = json.load(fh)
    txt = os.path.join(os.path.dirname(path), gold.get("document") or os.path.basename(path)[:-10] + ".txt")
    with open(txt, encoding="utf-8") as fh:
        return gold, fh.read()


def is_seed_gold(gold: Dict) -> bool:
    return "document" in gold or any(isinstance(q.get("speaker"), list) for q in gold.get("quotes") or [])


def _strip(text: str, s: int, e: int) -> Tuple[int, int]:
    while s < e and (text[s] in _MARKS or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in _MARKS or text[e - 1].isspace()):
        e -= 1
    return s, e


def _entity_names(ent) -> List[str]:
    return [ent["name"]] + list(ent.get("aliases") or []) + [m["text"] for m in ent.get("mentions") or []]


def check(gold: Dict, text: str, system: Dict) -> List[Tuple[str, bool]]:
    ents = {e["id"]: e for e in system.get("entities") or []}
    same = [tuple(p) for p in gold.get("same_entity") or []]
    diff = [tuple(p) for p in gold.get("different_entities") or []]

    def names(q):
        out = [q["speaker"]["text"]] if q.get("speaker") else []
        e = ents.get(q.get("entity"))
        return out + ([e["name"]] + list(e.get("aliases") or []) if e else [])

    def speaker_ok(q, acceptable):
        if q is None or not acceptable:
            return False
        ok = set(acceptable) | {b for a, b in same if a in acceptable} | {a for a, b in same if b in acceptable}
        apart = {b for a, b in diff if a in ok} | {a for a, b in diff if b in ok}
        for n in names(q):
            if strict(n) in {strict(x) for x in ok}:
                return True
            if strict(n) in {strict(x) for x in apart}:
                continue
            if any(name_match(x, n) for x in ok):
                return True
        return False

    def channel_ok(q, name):
        ch = (q or {}).get("channel") or {}
        return any(x and (strict(x) == strict(name) or name_match(name, x)) for x in (ch.get("name"), ch.get("text")))

    speech = [q for q in system.get("quotes") or [] if q.get("kind") != "scare" and q["end"] > q["start"]]
    checks = []
    for g in gold.get("quotes") or []:
        s, e = _strip(text, g["start"], g["end"])
        label = text[s:e][:40].replace("\n", " ")
        if g.get("kind") == "scare":
            spoken = [q for q in system.get("quotes") or [] if ov(q["start"], q["end"], [(s, e)]) and
                      (q.get("speaker") or q.get("entity"))]
            checks.append((f"scare has no speaker: {label}", not spoken))
            continue
        best = _best(speech, [(s, e)])
        checks.append((f"found: {label}", best is not None))
        checks.append((f"speaker: {label}", speaker_ok(best, g.get("speaker") or [])))
        if g.get("channel"):
            checks.append((f"channel: {label}", channel_ok(best, g["channel"])))
    for g in gold.get("indirect") or []:
        i = text.find(g["text_contains"])
        if i < 0:
            continue
        span = [(i, i + len(g["text_contains"]))]
        cands = [q for q in speech if ov(q["start"], q["end"], span) >= 0.5 * min(q["end"] - q["start"], span[0][1] - i)]
        best = max(cands, key=lambda q: ov(q["start"], q["end"], span)) if cands else None
        label = g["text_contains"][:34]
        checks.append((f"found indirect: {label}", best is not None))
        checks.append((f"speaker indirect: {label}", speaker_ok(best, g.get("speaker") or [])))
    listed = {n for p in same + diff for n in p}
    for a, b in same:
        checks.append((f"same entity: {a} = {b}",
                       any(_holds(e, a, text, listed) and _holds(e, b, text, listed) for e in ents.values())))
    for a, b in diff:
        checks.append((f"different: {a} != {b}",
                       not any(_holds(e, a, text, listed) and _holds(e, b, text, listed) for e in ents.values())))
    for ch in gold.get("channels") or []:
        checks.append((f"channel recall: {ch['name']}", any(channel_ok(q, ch["name"]) for q in speech)))
    return checks


def _best(quotes, span):
    hits = [(ov(q["start"], q["end"], span), q) for q in quotes]
    hits = [(o, q) for o, q in hits if o >= 0.5 * (q["end"] - q["start"])]
    return max(hits, key=lambda x: x[0])[1] if hits else None


def _holds(ent, name: str, text: str, listed) -> bool:
    """The entity holds the name: as a name, alias or mention text, or by a mention over a
    standalone occurrence of it (`Hezbollah` inside `Kataib Hezbollah` does not count)."""
    key = strict(name)
    if any(strict(n) == key for n in _entity_names(ent)):
        return True
    occ = _occurrences(text, name)
    longer = [o for n in listed if n != name and name in n for o in _occurrences(text, n)]
    alone = [(a, b) for a, b in occ if not any(x <= a and b <= y for x, y in longer)] or occ
    return any(min(m["end"], b) - max(m["start"], a) >= 0.5 * min(m["end"] - m["start"], b - a) > 0
               for a, b in alone for m in ent.get("mentions") or [])


def _occurrences(text: str, name: str):
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
