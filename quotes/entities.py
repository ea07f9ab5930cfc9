"""Stage 4: cluster mentions into entities with a canonical name, and link each speaker to one.

Names join an entity when they are the same name, a surname of a person (`Sudani` ->
`Mohammad Shia al-Sudani`), an acronym (`IRGC`), an alias in the gazetteer (`the Pentagon` =
`Department of Defense`) or an alias the text gives (`Kataib Hezbollah, or Hezbollah Brigades`).
Organisations never merge on a shared word (`Hezbollah` is not `Kataib Hezbollah`), and a surname
shared by two people goes to the one it agrees with. Pronouns and descriptions that speak are
resolved to the entity in focus: the nearest earlier one that agrees in type, gender and number.
"""
from __future__ import annotations

import functools
import operator
from typing import Dict, List, Optional, Sequence, Tuple

import attrs
import regex

from .doc import Doc, Mention
from .model import Entity, Quote, Span, evolve_quote
from .resources import KnownName, Lexicon

# The regex calls pass concurrent=False (positionally, the cheapest way): left alone, the regex
# module releases and retakes the GIL around every call on a str, a cost of several percent here.

_TOKEN = regex.compile(r"[\p{L}\p{N}]+")
_PREFIX = regex.compile(r"^(?:al|el|ad|as|ash|at|an|ar|ul|bin|ibn|abu)[-\u2019']", regex.IGNORECASE)
_ALIAS_BETWEEN = regex.compile(r"\s*(?:,\s*(?:or|also known as|known as|aka|formerly)\s+|\s*\(\s*)\Z")
_LOOKBACK_SENTENCES = 8
_ALIAS_WORD = regex.compile(r"\b(?:or|known as|aka|formerly)\b")
_START = operator.attrgetter("start")
_DETERMINER = regex.compile(r"^(?:the|a|an|one|two|several|some|many)\s+", regex.IGNORECASE)


@attrs.define
class Cluster:
    id: str
    type: Optional[str]
    mentions: List[Mention]
    names: List[str]  # names as written, titles stripped
    kb: Optional[KnownName] = None
    gender: Optional[str] = None
    heads: Dict[str, Tuple[int, bool]] = attrs.Factory(dict)  # _names_head's memo: mentions checked, found

    @property
    def person_like(self) -> bool:
        return self.type in ("PERSON", None)


@functools.lru_cache(maxsize=65536)
def norm(name: str) -> Tuple[str, ...]:
    return tuple(t.lower() for t in _TOKEN.findall(name, None, None, False, False))


@functools.lru_cache(maxsize=65536)
def surname(name: str) -> str:
    last = name.split()[-1] if name.split() else name
    return _PREFIX.sub("", last).lower()


@functools.lru_cache(maxsize=65536)
def acronym(name: str) -> str:
    return "".join(w[0] for w in _TOKEN.findall(name, None, None, False, False) if w[0].isupper())


class Clusterer:
    def __init__(self, doc: Doc, lex: Lexicon, kb: Sequence[KnownName] = ()):
        self.doc = doc
        self.lex = lex
        self.kb = {n: k for k in kb for n in (k.name,) + k.aliases}
        self.clusters: List[Cluster] = []
        self.of_mention: Dict[Tuple[int, int], Cluster] = {}
        # indexes over the names seen so far, so each new name is matched in constant time
        self.by_key: Dict[Tuple[str, ...], Cluster] = {}
        self.by_kb: Dict[str, Cluster] = {}
        self.by_acronym: Dict[str, Cluster] = {}
        self.by_surname: Dict[str, List[Cluster]] = {}
        self.by_suffix: Dict[Tuple[str, ...], Cluster] = {}
        self.described: Dict[str, Cluster] = {}  # head noun -> the entity a description introduced

    # ------------------------------------------------------------------ names
    def cluster_names(self) -> None:
        prev: Optional[Mention] = None
        for m in self.doc.mentions:
            if m.form != "name":
                continue
            c = self._alias_of(prev, m) or self._match(m)
            if c is None:
                c = Cluster(f"e{len(self.clusters) + 1}", m.type, [], [], gender=m.gender)
                self.clusters.append(c)
            self._add(c, m)
            prev = m

    def _known(self, m: Mention) -> Optional[KnownName]:
        return self.kb.get(m.name) or self.kb.get(m.text) or self.lex.lookup(m.text)

    def _alias_of(self, prev: Optional[Mention], m: Mention) -> Optional[Cluster]:
        """`Kataib Hezbollah, or Hezbollah Brigades,` and `Islamic Revolutionary Guards Corps (IRGC)`."""
        if prev is None or prev.end > m.start or prev.type == "GPE" or m.type == "GPE":
            return None
        gap = self.doc.text[prev.end:m.start]
        if gap.lstrip()[:1] not in (",", "("):
            return None  # (what _ALIAS_BETWEEN needs first)
        if _ALIAS_BETWEEN.match(gap, None, None, False) and (prev.end, prev.start) != (m.end, m.start):
            if "(" in gap or _ALIAS_WORD.search(gap, None, None, False):
                return self.of_mention.get((prev.start, prev.end))
        return None

    def _match(self, m: Mention) -> Optional[Cluster]:
        key = norm(m.name or m.text)
        if not key:
            return None
        known = self._known(m)
        if known is not None:
            return self.by_kb.get(known.name) or self.by_key.get(key) if known.name in self.by_kb else None
        if key in self.by_key:
            return self.by_key[key]
        if len(key) == 1 and m.text.isupper() and len(m.text) >= 2 and m.text in self.by_acronym:
            return self.by_acronym[m.text]
        if m.type not in ("PERSON", None):
            return None
        if len(key) == 1:  # `Sudani` after `Mohammad Shia al-Sudani`: the latest person who agrees
            cands = [c for c in reversed(self.by_surname.get(surname(m.name or m.text), [])) if c.person_like]
        else:  # `Joe Biden` after `the Biden administration`; `Shia al-Sudani` after the full name
            single = self.by_key.get((surname(m.name or m.text),))
            cands = [c for c in (single, self.by_suffix.get(key)) if c is not None and c.person_like
                     and (c is not single or all(len(norm(n)) == 1 for n in c.names))]
        agreeing = [c for c in cands if not (m.gender and c.gender and m.gender != c.gender)]
        return agreeing[0] if agreeing else None

    def _add(self, c: Cluster, m: Mention) -> None:
        c.mentions.append(m)
        self.of_mention[(m.start, m.end)] = c
        c.gender = c.gender or m.gender
        if m.form != "name":
            return
        name = m.name or m.text
        known = self._known(m)
        if known is not None and c.kb is None:
            c.kb = known
            self.by_kb.setdefault(known.name, c)
        if c.type is None or c.type == "PERSON" and m.type not in (None, "PERSON"):
            c.type = m.type or c.type
        if name in c.names:
            return
        c.names.append(name)
        key = norm(name)
        self.by_key[key] = c
        if len(key) > 1:
            self.by_surname.setdefault(surname(name), []).append(c)
            for i in range(1, len(key) - 1):
                self.by_suffix.setdefault(key[i:], c)
            if c.type != "GPE":
                self.by_acronym.setdefault(acronym(name), c)

    def join(self, chain: Sequence[Tuple[int, int]], by_span, force: bool = False) -> None:
        """Put every span of a chain in one entity: the entity of its last clustered span (a
        label's chain ends with the person). `force` merges entities of any type."""
        target = next((self.of_mention[sp] for sp in reversed(chain) if sp in self.of_mention), None)
        if target is None:
            return
        for sp in chain:
            c = self.of_mention.get(sp)
            if c is target:
                continue
            if c is not None and (force or c.type == target.type) and c.kb is None:
                for m in list(c.mentions):
                    self._add(target, m)
                c.mentions.clear()
            elif c is None:
                m = by_span.get(sp) or Mention(sp[0], sp[1], self.doc.text[sp[0]:sp[1]], "pronoun")
                self._add(target, m)

    # ------------------------------------------------------------------ pronouns and descriptions
    def resolve(self, m: Mention, speakers_before: List[Tuple[Mention, Cluster]]) -> Optional[Cluster]:
        """The entity a speaking pronoun or description refers to, or a new entity for a speaker
        described but not named (`a spokesman`)."""
        if (m.start, m.end) in self.of_mention:
            return self.of_mention[(m.start, m.end)]
        if m.form == "name":
            return None
        desc = self.lex.descriptions.get(m.name) if m.form == "description" else None
        described = m.form == "description"
        if described and m.text.lower().startswith("the ") and m.name in self.described:
            target = self.described[m.name]  # `the spokesman` after `a campaign spokesman`
            self._add(target, m)
            return target
        if described and (desc is None or not desc.anaphoric or _self_named(m, self.lex)):
            return self._new_described(m, desc)  # `a spokesman`, `the Iraqi government`
        target = self._antecedent(m, desc, speakers_before)
        if target is None and described:
            return self._new_described(m, desc)  # `the ministry` with no ministry named before
        if target is not None:
            self._add(target, m)
        return target

    def _new_described(self, m: Mention, desc) -> Cluster:
        c = Cluster(f"e{len(self.clusters) + 1}", desc.type if desc else m.type, [], [],
                    gender=desc.gender if desc else None)
        c.names.append(_strip_det(m.text))
        self.clusters.append(c)
        self._add(c, m)
        self.described[m.name] = c
        return c

    def _antecedent(self, m: Mention, desc, speakers_before) -> Optional[Cluster]:
        """Score the entities mentioned in the last few sentences: nearer, more often mentioned,
        and recently speaking is likelier; type, gender and number must agree."""
        low = m.text.lower()
        if low in ("i", "we", "you"):
            return None  # the narrator, or someone named only inside the quotes
        if low == "who":  # `Beck, who said …`: the mention right before
            before = self.doc.mentions_before(m.start, max(0, m.start - 200))
            near = before and not self.doc.text[before[0].end:m.start].strip(" ,")
            return self.of_mention.get((before[0].start, before[0].end)) if near else None
        if desc is not None and m.name in _DOCUMENTS and speakers_before:
            return speakers_before[-1][1]  # `the statement added`: whoever issued it
        want_person = low in ("he", "she") or (desc is not None and desc.type == "PERSON")
        want_org = low in ("it", "they") or (desc is not None and desc.type in ("ORG", "OUTLET"))
        si = self.doc.sentence_index(m.start)
        spoke = {id(c) for _, c in speakers_before[-3:]}
        seen: Dict[int, int] = {}
        best, best_score = None, None
        for cand in self.doc.mentions_before(m.start, self.doc.sentences[max(0, si - _LOOKBACK_SENTENCES)].start):
            c = self.of_mention.get((cand.start, cand.end))
            if c is None or id(c) in seen or not _agrees(c, want_person, want_org, m.gender, desc is not None):
                continue
            seen[id(c)] = 1
            dist = si - self.doc.sentence_index(cand.start)
            count = _count_before(c.mentions, m.start, 10)
            named_head = desc is not None and _names_head(c, m.name.capitalize())
            if desc is not None and desc.named and not named_head:
                continue  # `the ministry` is no ministry that has not been named
            if desc is None:
                score = -dist + (1.5 if id(c) in spoke else 0) + 0.2 * min(count, 5)
                if want_person and c.type is None and not c.gender and not _personal(c):
                    score -= 3  # `she` after `the Rialto`: a name with nothing personal about it
            else:
                score = -0.5 * dist + (1.0 if id(c) in spoke else 0) + 0.4 * min(count, 10) + (5 if named_head else 0)
            if c.gender and c.gender == m.gender:
                score += 0.5
            if best_score is None or score > best_score:
                best, best_score = c, score
        return best


_DOCUMENTS = {"statement", "message", "letter", "report", "post", "note", "memo", "release", "email"}


def _agrees(c: Cluster, want_person: bool, want_org: bool, gender: Optional[str], described: bool) -> bool:
    if want_person and c.type not in ("PERSON", None):
        return False
    if want_org and (c.type == "PERSON" or described and c.type == "GPE"):
        return False
    return not (gender and c.gender and gender != c.gender)


def _names_head(c: Cluster, head: str) -> bool:
    """head in " ".join(x.text for x in c.mentions); a head without a space can only match within
    one mention, so no string of all the cluster's mentions is built (a name repeated through a
    long document makes a cluster of many thousands)."""
    if not head or " " in head:
        return head in " ".join(x.text for x in c.mentions)
    # mentions are only ever appended: once found it stays found, and only new ones need a look
    checked, found = c.heads.get(head, (0, False))
    if not found and checked < len(c.mentions):
        found = any(head in x.text for x in c.mentions[checked:])
        c.heads[head] = (len(c.mentions), found)
    return found


def _count_before(mentions: List[Mention], offset: int, cap: int) -> int:
    """How many mentions start before offset, counting no further than cap."""
    n = 0
    for x in mentions:
        if x.start < offset:
            n += 1
            if n >= cap:
                break
    return n


def _personal(c: Cluster) -> bool:
    """`Kiri Walton`: two or three plain capitalised words read as a person's name."""
    return any(2 <= len(n.split()) <= 3 and all(w[:1].isupper() and (w[1:].islower() or "-" in w) for w in n.split())
               for n in c.names)


def _self_named(m: Mention, lex: Lexicon) -> bool:
    """`the Iraqi government`, `the Kremlin press office`: a capitalised modifier names it."""
    return any(w[0].isupper() for w in m.text.split()[1:-1] or [])


def _strip_det(text: str) -> str:
    return _DETERMINER.sub("", text)


def link(doc: Doc, quotes: List[Quote], lex: Lexicon, kb: Sequence[KnownName] = (),
         chains: Sequence[Sequence[Tuple[int, int]]] = ()) -> Tuple[List[Quote], List[Entity]]:
    """Cluster the document's names, resolve the speakers, and give each quote its entity.
    `chains` are spans known to corefer (transcript labels, a coreference model's chains)."""
    cl = Clusterer(doc, lex, kb)
    cl.cluster_names()
    by_span = {(m.start, m.end): m for m in doc.mentions}
    for chain in chains:
        cl.join(chain, by_span, force=True)
    for chain in doc.coref:
        cl.join(chain, by_span)
    linked, speakers = [], []
    for q in quotes:
        sp = q.speaker
        m = by_span.get((sp.start, sp.end)) if sp is not None else None
        c = cl.of_mention.get((sp.start, sp.end)) if sp is not None else None
        c = c or (cl.resolve(m, speakers) if m is not None else None)
        if c is not None:
            speakers.append((m, c))
        linked.append((q, c))
    # number the entities in order of first mention
    used = sorted((c for c in cl.clusters if c.mentions), key=lambda c: min(m.start for m in c.mentions))
    for i, c in enumerate(used, 1):
        c.id = f"e{i}"
    return [q if c is None and q.entity is None else evolve_quote(q, entity=c.id if c else None)
            for q, c in linked], _entities(doc, used)


def _entities(doc: Doc, used: List[Cluster]) -> List[Entity]:
    ents = []
    text = doc.text
    for c in used:
        if c.kb is not None:
            name = c.kb.name
        elif len(c.names) == 1:  # (most entities: no need to rank their names)
            name = c.names[0]
        else:
            name = max(c.names, key=lambda n: (len(norm(n)), len(n))) if c.names else c.mentions[0].text
        aliases = tuple(sorted({n for n in c.names if n != name})) if len(c.names) > 1 or name not in c.names else ()
        ms = c.mentions if len(c.mentions) == 1 else sorted(c.mentions, key=_START)
        mentions = tuple(Span(m.start, m.end, text[m.start:m.end]) for m in ms)
        ents.append(Entity(c.id, name, c.type or "PERSON", aliases, mentions, c.kb.kb_id if c.kb else None))
    return ents
