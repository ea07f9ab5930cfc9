"""The output data model: what every stage writes and every caller reads.

Offsets are the single truth: every span holds `start`/`end` into the input text and the text it
covers, so `text[start:end] == span.text` for the input the result came from.
"""
from __future__ import annotations

import operator
from typing import Any, Optional, Tuple

import attrs

KINDS = ("direct", "partial", "mixed", "indirect", "scare")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "OUTLET")
CHANNEL_KINDS = ("platform", "outlet", "medium")


class SchemaError(ValueError):
    """A dict does not follow the output schema (from_dict)."""


def _need(d: Any, key: str, types, where: str):
    if not isinstance(d, dict):
        raise SchemaError(f"{where}: expected an object, got {type(d).__name__}")
    if key not in d:
        raise SchemaError(f"{where}: missing field {key!r}")
    v = d[key]
    if not isinstance(v, types) or (types is int and isinstance(v, bool)):
        raise SchemaError(f"{where}: field {key!r} has type {type(v).__name__}")
    return v


@attrs.frozen
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: Any, where: str = "span") -> "Span":
        return cls(_need(d, "start", int, where), _need(d, "end", int, where), _need(d, "text", str, where))

    @classmethod
    def maybe(cls, d: Any, where: str) -> Optional["Span"]:
        return None if d is None else cls.from_dict(d, where)


def _span_dict(s: Optional[Span]):
    return None if s is None else s.to_dict()


@attrs.frozen
class Channel:
    """How the words went out: a platform, an outlet, or only a medium (a statement, a speech)."""
    name: str
    kind: str  # platform | outlet | medium
    text: str
    start: int
    end: int
    medium: Optional[str] = None  # statement, interview, post, speech, press conference, ...
    kb_id: Optional[str] = None

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "medium": self.medium, "text": self.text,
                "start": self.start, "end": self.end, "kb_id": self.kb_id}

    @classmethod
    def from_dict(cls, d: Any, where: str = "channel") -> "Channel":
        if _need(d, "kind", str, where) not in CHANNEL_KINDS:
            raise SchemaError(f"{where}: kind {d['kind']!r} is not one of {', '.join(CHANNEL_KINDS)}")
        return cls(_need(d, "name", str, where), _need(d, "kind", str, where), _need(d, "text", str, where),
                   _need(d, "start", int, where), _need(d, "end", int, where), d.get("medium"), d.get("kb_id"))


@attrs.frozen
class Quote:
    text: str
    start: int
    end: int
    kind: str
    cue: Optional[Span] = None
    speaker: Optional[Span] = None
    entity: Optional[str] = None
    channel: Optional[Channel] = None
    confidence: float = 0.0
    sieve: Optional[str] = None  # the rule that decided the speaker (or the kind), for tracing errors
    outer: Optional[Span] = None  # the span with its marks, None for unmarked speech
    inner: Tuple[Span, ...] = ()  # quotations directly inside this one (deeper ones sit inside those)

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "cue": _span_dict(self.cue), "speaker": _span_dict(self.speaker), "entity": self.entity,
                "channel": None if self.channel is None else self.channel.to_dict(),
                "confidence": self.confidence, "sieve": self.sieve,
                "outer": _span_dict(self.outer), "inner": [s.to_dict() for s in self.inner]}

    @classmethod
    def from_dict(cls, d: Any, where: str = "quote") -> "Quote":
        kind = _need(d, "kind", str, where)
        if kind not in KINDS:
            raise SchemaError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        ch = d.get("channel")
        return cls(_need(d, "text", str, where), _need(d, "start", int, where), _need(d, "end", int, where), kind,
                   cue=Span.maybe(d.get("cue"), where + ".cue"),
                   speaker=Span.maybe(d.get("speaker"), where + ".speaker"),
                   entity=d.get("entity"),
                   channel=None if ch is None else Channel.from_dict(ch, where + ".channel"),
                   confidence=float(d.get("confidence") or 0.0), sieve=d.get("sieve"),
                   outer=Span.maybe(d.get("outer"), where + ".outer"),
                   inner=tuple(Span.from_dict(s, where + ".inner") for s in d.get("inner") or ()))


_QUOTE_FIELDS = tuple(a.name for a in attrs.fields(Quote))
_QUOTE_INDEX = {n: i for i, n in enumerate(_QUOTE_FIELDS)}
_QUOTE_VALUES = operator.attrgetter(*_QUOTE_FIELDS)


def evolve_quote(q: Quote, **changes) -> Quote:
    """attrs.evolve(q, **changes), a third faster: the stages copy every quote several times."""
    values = list(_QUOTE_VALUES(q))
    for name, value in changes.items():
        values[_QUOTE_INDEX[name]] = value
    return Quote(*values)


@attrs.frozen
class Entity:
    id: str
    name: str
    type: str
    aliases: Tuple[str, ...] = ()
    mentions: Tuple[Span, ...] = ()
    kb_id: Optional[str] = None

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "mentions": [m.to_dict() for m in self.mentions], "kb_id": self.kb_id}

    @classmethod
    def from_dict(cls, d: Any, where: str = "entity") -> "Entity":
        if _need(d, "type", str, where) not in ENTITY_TYPES:
            raise SchemaError(f"{where}: type {d['type']!r} is not one of {', '.join(ENTITY_TYPES)}")
        return cls(_need(d, "id", str, where), _need(d, "name", str, where), _need(d, "type", str, where),
                   tuple(d.get("aliases") or ()),
                   tuple(Span.from_dict(m, where + ".mentions") for m in d.get("mentions") or ()),
                   d.get("kb_id"))


@attrs.frozen
class Result:
    """Everything found in one document. `error` is set (and the rest empty) when it failed."""
    id: str
    quotes: Tuple[Quote, ...] = ()
    entities: Tuple[Entity, ...] = ()
    warnings: Tuple[str, ...] = ()
    error: Optional[str] = None

    def entity(self, entity_id: Optional[str]) -> Optional[Entity]:
        return next((e for e in self.entities if e.id == entity_id), None) if entity_id else None

    def to_dict(self) -> dict:
        d = {"id": self.id, "quotes": [q.to_dict() for q in self.quotes],
             "entities": [e.to_dict() for e in self.entities], "warnings": list(self.warnings)}
        if self.error is not None:
            d["error"] = self.error
        return d

    @classmethod
    def from_dict(cls, d: Any) -> "Result":
        rid = _need(d, "id", str, "result")
        return cls(rid, tuple(Quote.from_dict(q, f"{rid}: quotes[{i}]") for i, q in enumerate(d.get("quotes") or ())),
                   tuple(Entity.from_dict(e, f"{rid}: entities[{i}]") for i, e in enumerate(d.get("entities") or ())),
                   tuple(d.get("warnings") or ()), d.get("error"))
