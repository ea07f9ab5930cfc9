"""The annotated document an engine hands to the stages: paragraphs, sentences, mentions, cues.

Both engines (the fast model-free one and stanza) fill the same classes, so every stage runs on
either. Offsets index the input text, as everywhere in the package.
"""
from __future__ import annotations

import bisect
from typing import List, Optional, Tuple

import attrs


@attrs.frozen
class Token:
    """A word with its dependency arc; only engines that parse fill `head`/`deprel`."""
    start: int
    end: int
    text: str
    lemma: str = ""
    upos: str = ""
    head: int = -1  # index into Doc.tokens of the governor, -1 for the root or no parse
    deprel: str = ""


@attrs.frozen
class Sentence:
    start: int
    end: int
    paragraph: int


@attrs.frozen
class Mention:
    """Something that can speak: a name, a pronoun or a description (`the group`)."""
    start: int
    end: int
    text: str
    form: str  # name | pronoun | description
    type: Optional[str] = None  # PERSON | ORG | GPE | OUTLET | None when unknown
    gender: Optional[str] = None  # m | f | None
    plural: bool = False
    name: str = ""  # the name without titles (`Mr. Hill` -> `Hill`), for names
    kb_id: Optional[str] = None


@attrs.frozen
class Cue:
    """A word or phrase that signals speech (`said`, `according to`, `told`, `:`)."""
    start: int
    end: int
    text: str
    lemma: str
    form: str = "verb"  # verb | according | noun | colon
    cls: str = "speech"  # speech | ask | write | belief | evidence (see data/en/cues.tsv)
    medium: Optional[str] = None  # the medium the cue implies (`tweeted` -> post)


@attrs.define
class Doc:
    text: str
    paragraphs: List[Tuple[int, int]]
    sentences: List[Sentence]
    mentions: List[Mention]
    cues: List[Cue]
    tokens: List[Token] = attrs.Factory(list)
    coref: List[List[Tuple[int, int]]] = attrs.Factory(list)  # chains of (start, end), from a coref model
    engine: str = "fast"
    _sent_starts: List[int] = attrs.field(init=False, factory=list)
    _mention_starts: List[int] = attrs.field(init=False, factory=list)
    _cue_starts: List[int] = attrs.field(init=False, factory=list)

    def __attrs_post_init__(self):
        self._sent_starts = [s.start for s in self.sentences]
        self._mention_starts = [m.start for m in self.mentions]
        self._cue_starts = [c.start for c in self.cues]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the last one starting at or before it)."""
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        return i if i > 0 else 0  # (called hundreds of times a document: no max(), no extra call)

    def sentence_at(self, offset: int) -> Optional[Sentence]:
        if not self.sentences:
            return None
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        return self.sentences[i if i > 0 else 0]

    def mentions_in(self, start: int, end: int) -> List[Mention]:
        i = bisect.bisect_left(self._mention_starts, start)
        j = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def cues_in(self, start: int, end: int) -> List[Cue]:
        i = bisect.bisect_left(self._cue_starts, start)
        j = bisect.bisect_left(self._cue_starts, end)
        return [c for c in self.cues[i:j] if c.end <= end]

    def mentions_before(self, offset: int, limit: int = 0) -> List[Mention]:
        """Mentions ending at or before `offset`, nearest first, starting at or after `limit`."""
        out = []
        for k in range(bisect.bisect_left(self._mention_starts, offset) - 1, -1, -1):
            m = self.mentions[k]
            if m.start < limit:
                break
            if m.end <= offset:
                out.append(m)
        return out
