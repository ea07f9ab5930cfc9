"""Word lists and gazetteers shipped as data files (quotes/data/<lang>/), loaded once per language."""
from __future__ import annotations

import csv
import functools
import json
import os
from typing import Dict, FrozenSet, List, Optional, Tuple

import attrs

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _lines(lang: str, name: str) -> List[str]:
    path = os.path.join(DATA_DIR, lang, name)
    with open(path, encoding="utf-8") as fh:
        return [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]


def _rows(lang: str, name: str) -> List[List[str]]:
    return [ln.split("\t") for ln in _lines(lang, name)]


def _col(row: List[str], i: int, default: str = "") -> str:
    v = row[i].strip() if i < len(row) else ""
    return default if v in ("", "-") else v


@attrs.frozen
class CueWord:
    lemma: str
    cls: str  # speech | ask | write | belief | evidence
    medium: Optional[str] = None
    platform: Optional[str] = None


@attrs.frozen
class Description:
    noun: str
    type: str
    gender: Optional[str]
    plural: bool
    anaphoric: bool  # `the group` points back to an entity in focus; `a spokesman` is its own speaker
    named: bool = False  # `the ministry` points back only to an entity whose name holds `Ministry`


@attrs.frozen
class KnownName:
    """A gazetteer row: an organisation, outlet or platform with its names and Wikidata id."""
    name: str
    type: str  # ORG | OUTLET | PLATFORM (as entity types: platforms speak as ORG)
    kb_id: Optional[str]
    aliases: Tuple[str, ...]
    channel_kind: Optional[str] = None  # outlet | platform for names that carry words


def _inflect(lemma: str) -> List[str]:
    """Regular -s, -ed, -ing forms of a verb (irregular ones are listed in the data file)."""
    if lemma.endswith("e"):
        return [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma + "s", lemma + "ed", lemma + "ing"]


@attrs.frozen(eq=False)  # one per language, compared and hashed by identity
class Lexicon:
    lang: str
    cue_forms: Dict[str, CueWord]  # every inflected form -> its cue
    cue_phrases: Dict[str, Tuple[str, str]]  # phrase -> (form, lemma)
    cue_nouns: FrozenSet[str]
    titles: Dict[str, Optional[str]]  # title word -> gender
    particles: FrozenSet[str]
    common: FrozenSet[str]  # lower-cased words that are not names at a sentence start
    org_words: FrozenSet[str]
    descriptions: Dict[str, Description]
    first_names: Dict[str, str]
    places: FrozenSet[str]
    demonyms: FrozenSet[str]
    known: Tuple[KnownName, ...]
    media: Dict[str, str]
    known_by_alias: Dict[str, KnownName] = attrs.field(init=False)
    headline_verbs: FrozenSet[str] = attrs.field(init=False)  # see _find_headline_verbs
    titles_and_demonyms: FrozenSet[str] = attrs.field(init=False)  # the words of either list

    @known_by_alias.default
    def _index_known(self):
        out = {}
        for k in self.known:
            for n in (k.name,) + k.aliases:
                out.setdefault(n, k)
                if n.lower().startswith("the ") and " " in n[4:]:
                    out.setdefault(n[4:], k)  # `New York Times`, but not `Hill` for `The Hill`
        return out

    @headline_verbs.default
    def _find_headline_verbs(self):
        """The cue forms that end a run of capitals, a capitalised speech verb (`Trump Says`,
        `Minister Warned`, in headlines and typos): not a lemma, nor an -s form but `says`."""
        return frozenset(form for form, cue in self.cue_forms.items()
                         if form != cue.lemma and (not form.endswith("s") or form == "says"))

    @titles_and_demonyms.default
    def _join_titles_and_demonyms(self):
        return frozenset(self.titles) | self.demonyms

    def lookup(self, name: str) -> Optional[KnownName]:
        """The gazetteer entry for a name as written (a leading `the` and a possessive are ignored)."""
        if name.endswith(("'s", "\u2019s")):
            name = name[:-2]
        found = self.known_by_alias.get(name)
        if found is None and name[:4] in ("the ", "The "):
            found = self.known_by_alias.get(name[4:]) or self.known_by_alias.get("The " + name[4:])
        return found


@functools.lru_cache(maxsize=None)
def lexicon(lang: str = "en") -> Lexicon:
    if not os.path.isdir(os.path.join(DATA_DIR, lang)):
        have = ", ".join(sorted(os.listdir(DATA_DIR)))
        raise ValueError(f"no resources for language {lang!r} (have: {have})")
    cue_forms: Dict[str, CueWord] = {}
    for row in _rows(lang, "cues.tsv"):
        cue = CueWord(row[0], row[1], _col(row, 3) or None, _col(row, 4) or None)
        extra = [f for f in _col(row, 2).split(",") if f]
        for form in [row[0]] + (extra if len(extra) >= 3 else extra + _inflect(row[0])):
            cue_forms.setdefault(form, cue)
    known = []
    for row in _rows(lang, "organizations.tsv"):
        known.append(KnownName(row[0], row[1], _col(row, 2) or None, tuple(a for a in _col(row, 3).split("|") if a)))
    for row in _rows(lang, "outlets.tsv"):
        kind = row[1]
        known.append(KnownName(row[0], "OUTLET" if kind == "outlet" else "ORG", _col(row, 2) or None,
                               tuple(a for a in _col(row, 3).split("|") if a), kind))
    descriptions = {}
    for row in _rows(lang, "descriptions.tsv"):
        descriptions.setdefault(row[0], Description(row[0], row[1], _col(row, 2) or None, row[3] == "pl",
                                                    row[4] in ("yes", "named"), row[4] == "named"))
    return Lexicon(
        lang=lang,
        cue_forms=cue_forms,
        cue_phrases={r[0]: (r[1], r[2]) for r in _rows(lang, "cue_phrases.tsv")},
        cue_nouns=frozenset(_lines(lang, "cue_nouns.txt")),
        titles={r[0]: _col(r, 1) or None for r in _rows(lang, "titles.tsv")},
        particles=frozenset(_lines(lang, "name_particles.txt")),
        common=frozenset(w.lower() for w in _lines(lang, "common_words.txt")),
        org_words=frozenset(_lines(lang, "org_words.txt")),
        descriptions=descriptions,
        first_names={r[0]: r[1] for r in _rows(lang, "first_names.tsv")},
        places=frozenset(_lines(lang, "places.txt")),
        demonyms=frozenset(_lines(lang, "demonyms.txt")),
        known=tuple(known),
        media={r[0]: r[1] for r in _rows(lang, "media.tsv")},
    )


def load_kb(path: str) -> List[KnownName]:
    """A user's knowledge base: TSV (id, name, aliases `|`-separated, type) or JSONL with those keys."""
    out = []
    with open(path, encoding="utf-8") as fh:
        if path.endswith((".jsonl", ".json")):
            for ln, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                    out.append(KnownName(d["name"], d.get("type") or "ORG", d["id"], tuple(d.get("aliases") or ())))
                except (ValueError, KeyError, TypeError) as e:
                    raise ValueError(f"{path}:{ln}: not a knowledge-base record ({e})") from None
        else:
            for ln, row in enumerate(csv.reader(fh, delimiter="\t"), 1):
                if not row or row[0].startswith("#"):
                    continue
                if len(row) < 2:
                    raise ValueError(f"{path}:{ln}: expected id<TAB>name[<TAB>aliases<TAB>type]")
                aliases = tuple(a for a in (row[2].split("|") if len(row) > 2 else []) if a)
                out.append(KnownName(row[1], (row[3] if len(row) > 3 and row[3] else "ORG"), row[0], aliases))
    return out
