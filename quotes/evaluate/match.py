"""Span overlap, precision/recall, and name matching shared by the evaluation formats.

Definitions:
  overlap    ov(s, G) = characters of span s inside the (merged) gold spans G.
  correct    a system quote s is correct if ov(s, g) >= 50% of len(s) for some gold quote g.
  found      a gold quote g is found if some system quote s has ov(s, g) >= 50% of len(s);
             the system quote judged for g's speaker, kind and channel is the one with the
             largest overlap.
  exact      the same with equal boundaries instead of overlap.
  name match two names match if, with titles, determiners and possessives dropped and cut at the
             first comma or parenthesis, their words are equal, or their last words are equal,
             capitalised and at least 3 letters long. Pronouns never match by name.
"""
from __future__ import annotations

from typing import Iterable, List, Sequence, Tuple

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_POSSESSIVE = regex.compile(r"['\u2019]s\b")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lady", "lord", "president", "vice",
          "sen", "senator", "rep", "representative", "gov", "governor", "secretary", "minister", "prime", "premier",
          "chancellor", "gen", "general", "col", "colonel", "capt", "captain", "lt", "sgt", "adm", "admiral", "rev",
          "judge", "justice", "mayor", "chairman", "chairwoman", "ceo", "former", "st", "king", "queen", "prince",
          "princess", "sheikh", "imam", "rabbi", "speaker", "jr", "sr", "ambassador", "commissioner", "coach",
          "defense", "defence", "foreign", "interior", "of", "state"}
PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "who", "whom", "one",
            "this", "that", "these", "those", "his", "its", "their", "our", "my", "your"}


def merge(spans: Iterable[Sequence[int]]) -> List[Tuple[int, int]]:
    out: List[List[int]] = []
    for a, b in sorted((a, b) for a, b in spans if b > a):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def ov(s: int, e: int, merged: Sequence[Tuple[int, int]]) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for a, b in merged)


def overlaps(a: Sequence[int], b: Sequence[int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def prf(correct_sys: int, n_sys: int, found_gold: int, n_gold: int) -> Tuple[float, float, float]:
    p = correct_sys / n_sys if n_sys else 0.0
    r = found_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def name_tokens(name: str) -> List[str]:
    for sep in (",", "(", " \u2014", " \u2013", " -- ", ";"):
        i = name.find(sep)
        if i > 0:
            name = name[:i]
    words = _WORD.findall(_POSSESSIVE.sub("", name))
    return [w for w in words if w.lower() not in DETERMINERS and w.lower() not in TITLES]


def pronoun_only(name: str) -> bool:
    words = [w.lower() for w in _WORD.findall(name or "")]
    return not words or all(w in PRONOUNS or w in DETERMINERS for w in words)


def name_match(a: str, b: str) -> bool:
    if not a or not b or pronoun_only(a) or pronoun_only(b):
        return False
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return _WORD.findall(a.lower()) == _WORD.findall(b.lower())
    if [t.lower() for t in ta] == [t.lower() for t in tb]:
        return True
    return ta[-1].lower() == tb[-1].lower() and len(ta[-1]) >= 3 and ta[-1][0].isupper() and tb[-1][0].isupper()


def strict(name: str) -> str:
    return " ".join(_WORD.findall(_POSSESSIVE.sub("", (name or "").lower())))


def best_match(gold: Sequence[Tuple[int, int]], system: Sequence[dict]):
    """The system quotes that count as finding this gold span, and the one with most overlap."""
    hits = []
    for q in system:
        n = q["end"] - q["start"]
        o = ov(q["start"], q["end"], gold)
        if n > 0 and o >= 0.5 * n:
            hits.append((o, q))
    return hits, (max(hits, key=lambda x: x[0])[1] if hits else None)
