"""The subject of a cue, read off a dependency parse (Universal Dependencies relations).

`X said` / `said X`: the `nsubj` of a verb that governs what is reported: a clause or a quotation,
or the quotation it is a parataxis of (`“…,” X said`). A cue without a subject of its own shares the
subject of the verb it hangs on: `…, adding that` (advcl), `declined to say` (xcomp), `said … and
added` (conj), `a statement pledging to` (acl, through the noun to its verb); in `quoted X as saying`
X speaks. `According to X`: the noun `according` marks. Passive and expletive subjects (`was told`,
`it was said`) are no speakers; a relative pronoun stands for the noun its clause modifies.

The subject's head word maps to the document mention that covers it (a name first, or the name in
apposition: `the minister, Soran Barzinji, said`), else to a description over the subject phrase.
`None` means the parse does not decide, and the caller falls back to its rules over the surface text.
"""
from __future__ import annotations

import bisect
import weakref
from typing import Callable, List, Optional

from .doc import Cue, Doc, Mention

_FOLLOW = ("xcomp", "advcl", "conj")  # a cue without a subject shares the one of its governor
_RELATIVE = {"who", "which", "that", "whom"}
_PHRASE_LEFT = {"det", "amod", "compound", "nummod", "nmod:poss", "advmod", "flat", "flat:name", "case"}
_PHRASE_RIGHT = {"flat", "flat:name", "compound", "nummod", "fixed"}
_cache: list = [None, None, None]  # (weak ref to the doc, token starts, children), for one doc at a time


def subject_of(doc: Doc, cue: Cue, quoted: Callable[[int, int], bool]) -> Optional[Mention]:
    """The mention that is the subject of `cue` in the parse, or None (no parse, passive, no subject,
    or a subject inside a quotation)."""
    starts, children = _index(doc)
    v = _cue_head(doc, starts, cue)
    if v is None or doc.tokens[v].head == -1 and not children[v] and doc.tokens[v].deprel != "root":
        return None  # no parse for this sentence
    toks = doc.tokens
    if cue.form == "according":
        tok = toks[v]
        if tok.deprel in ("case", "mark") and tok.head >= 0:
            subj = tok.head  # `according` is the case marker of X
        else:
            subj = next((c for c in children[v] if toks[c].deprel in ("obl", "obj", "nmod")), None)
        return None if subj is None else _mention(doc, children, subj, quoted)
    if cue.form != "verb" or not _reports(toks, children, v):
        return None
    for _ in range(4):
        rels = {toks[c].deprel: c for c in children[v]}
        if any(r in rels for r in ("nsubj:pass", "aux:pass", "csubj", "csubj:pass", "expl", "expl:pass")):
            return None
        subj = rels.get("nsubj", rels.get("nsubj:outer"))
        if subj is not None:
            if toks[subj].lemma.lower() in _RELATIVE or toks[subj].text.lower() in _RELATIVE:
                if toks[v].deprel != "acl:relcl" or toks[v].head < 0:
                    return None
                subj = toks[v].head  # `the group, which said …`
            found = _mention(doc, children, subj, quoted)
            if found is not None and found.text.lower() == "it" and cue.cls not in ("speech", "write", "ask"):
                return None  # `say it would …`: `it` says nothing
            return found
        rel, gov = toks[v].deprel, toks[v].head
        if gov < 0:
            return None
        if rel == "acl":  # `a statement pledging to …`: the noun's clause (`the walkout, called by`: passive)
            if not toks[v].text.lower().endswith("ing"):
                return None
            if toks[gov].deprel.startswith("nsubj"):
                return _mention(doc, children, gov, quoted)  # `officials speaking … said`
            gov = toks[gov].head
            if gov < 0:
                return None
        elif rel.split(":")[0] not in _FOLLOW:
            return None
        obj = next((c for c in children[gov] if toks[c].deprel == "obj"), None)
        if rel == "advcl" and obj is not None and any(toks[c].deprel == "mark" and toks[c].text.lower() == "as"
                                                      for c in children[v]):
            return _mention(doc, children, obj, quoted)  # `quoted X as saying`: X speaks
        v = gov
    return None


def _reports(toks, children, v: int) -> bool:
    """Whether the verb governs what is reported: a clause (`said that …`, `said it would …`) or a
    quotation (`said: “…”`), or hangs on one (`“…,” she said` is a parataxis of the quote). A verb
    that reports nothing in this sentence (`agreed to restore`, `call themselves X`) is left to the
    caller's rules."""
    if toks[v].deprel.split(":")[0] == "parataxis":
        return True
    return any(toks[c].deprel.split(":")[0] in ("ccomp", "parataxis") for c in children[v])


def is_verb_cue(doc: Doc, cue: Cue) -> bool:
    """False for a verb cue that the tagger read as something else (`plans` the noun, `reported` the
    adjective); True when it is a verb or when there is no tag to go by."""
    if cue.form != "verb" or not doc.tokens:
        return True
    starts, _ = _index(doc)
    i = _cue_head(doc, starts, cue)
    return i is None or doc.tokens[i].upos in ("VERB", "AUX", "")


def _index(doc: Doc):
    """Token starts and children lists of the doc, computed once per document."""
    ref = _cache[0]
    if ref is None or ref() is not doc:
        starts = [t.start for t in doc.tokens]
        children: List[List[int]] = [[] for _ in doc.tokens]
        for i, t in enumerate(doc.tokens):
            if 0 <= t.head < len(doc.tokens):
                children[t.head].append(i)
        _cache[:] = [weakref.ref(doc), starts, children]
    return _cache[1], _cache[2]


def _cue_head(doc: Doc, starts: List[int], cue: Cue) -> Optional[int]:
    """The word of the cue that governs the others (`pointed` in `pointed out`)."""
    i = bisect.bisect_left(starts, cue.start)
    inside = []
    while i < len(doc.tokens) and doc.tokens[i].start < cue.end:
        if doc.tokens[i].end <= cue.end:
            inside.append(i)
        i += 1
    if not inside:
        i = bisect.bisect_right(starts, cue.start) - 1  # a cue inside a token (`re-said`)
        return i if i >= 0 and doc.tokens[i].end >= cue.end else None
    if doc.tokens[inside[0]].text.lower() == "according":
        return inside[0]
    for i in inside:
        if doc.tokens[i].head not in inside:
            return i
    return inside[0]


def _mention(doc: Doc, children, head: int, quoted) -> Optional[Mention]:
    """The mention whose span holds the head word (a name over a pronoun over a description), or a
    description spanning the subject phrase."""
    tok = doc.tokens[head]
    cover = _covering(doc, tok)
    if not any(m.form == "name" for m in cover):
        for c in children[head]:  # `the region's minister, Soran Barzinji, said`: the name
            named = [m for m in _covering(doc, doc.tokens[c]) if m.form == "name"] \
                if doc.tokens[c].deprel == "appos" else []
            if named:
                cover = named
                break
    if cover:
        rank = {"name": 0, "pronoun": 1, "description": 2}
        m = min(cover, key=lambda m: (rank.get(m.form, 3), -(m.end - m.start)))
        return None if quoted(m.start, m.end) else m
    if tok.upos in ("PRON", "DET") and tok.text.lower() not in ("all", "both", "some", "many", "most"):
        return None  # `this`, `there`, `one`: no speaker to name
    s, e = _phrase(doc, children, head)
    if quoted(s, e):
        return None
    text = doc.text[s:e]
    return Mention(s, e, text, "description", None, plural=tok.text.endswith("s") and not tok.text.endswith("ss"),
                   name=(tok.lemma or tok.text).lower())


def _covering(doc: Doc, tok) -> List[Mention]:
    return [m for m in doc.mentions_in(max(0, tok.start - 200), tok.end + 200)
            if m.start <= tok.start and tok.end <= m.end]


def _phrase(doc: Doc, children, head: int):
    """The subject phrase: the head with its modifiers on the left (`Some 22 percent`) and its
    name parts on the right, without appositives, relative clauses or punctuation."""
    toks = doc.tokens
    s, e = toks[head].start, toks[head].end
    stack = [c for c in children[head] if c < head and toks[c].deprel in _PHRASE_LEFT or
             c > head and toks[c].deprel in _PHRASE_RIGHT]
    while stack:
        c = stack.pop()
        if toks[c].upos == "PUNCT":
            continue
        s, e = min(s, toks[c].start), max(e, toks[c].end)
        stack.extend(k for k in children[c] if toks[k].deprel != "punct")
    return s, e
