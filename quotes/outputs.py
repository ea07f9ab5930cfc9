"""Writing results: JSON (an array of documents), JSONL (one per line), CSV (one row per quote)
and a table for people reading a terminal.

Each format has a renderer, a plain picklable function from a Result to its text, and a Writer
that puts those texts in the file (with a header, separators, a footer as the format needs).
The two are apart so worker processes can render and the parent only writes strings.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import shutil
from typing import IO, Callable, Optional

from .model import Result

FORMATS = ("json", "jsonl", "csv", "table")
CSV_FIELDS = ["id", "start", "end", "kind", "text", "speaker", "speaker_start", "speaker_end", "cue", "entity",
              "entity_name", "entity_type", "channel", "channel_kind", "medium", "confidence", "sieve", "error"]

Renderer = Callable[[Result], str]


# ----------------------------------------------------------------------------- renderers
def render_jsonl(result: Result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"


def render_json(result: Result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)


def render_csv(result: Result) -> str:
    buf = io.StringIO()
    rows = csv.DictWriter(buf, CSV_FIELDS, lineterminator="\n")
    if result.error is not None:
        rows.writerow({"id": result.id, "error": result.error})
        return buf.getvalue()
    for q in result.quotes:
        ent = result.entity(q.entity)
        rows.writerow({
            "id": result.id, "start": q.start, "end": q.end, "kind": q.kind, "text": q.text,
            "speaker": q.speaker.text if q.speaker else "", "speaker_start": q.speaker.start if q.speaker else "",
            "speaker_end": q.speaker.end if q.speaker else "", "cue": q.cue.text if q.cue else "",
            "entity": q.entity or "", "entity_name": ent.name if ent else "", "entity_type": ent.type if ent else "",
            "channel": q.channel.name if q.channel else "", "channel_kind": q.channel.kind if q.channel else "",
            "medium": (q.channel.medium or "") if q.channel else "", "confidence": round(q.confidence, 3),
            "sieve": q.sieve or "", "error": ""})
    return buf.getvalue()


def render_table(result: Result, width: int = 120) -> str:
    """Quote, speaker -> entity, channel: one line each, cut to `width` columns."""
    if result.error is not None:
        return f"== {result.id}: ERROR {result.error}\n\n"
    lines = [f"== {result.id}: {len(result.quotes)} quotes, {len(result.entities)} entities\n"]
    quote_w = max(30, width - 62)
    for q in result.quotes:
        ent = result.entity(q.entity)
        who = q.speaker.text if q.speaker else "-"
        if ent is not None and ent.name != who:
            who += f" -> {ent.name}"
        chan = q.channel.name if q.channel else "-"
        text = q.text.replace("\n", " ")
        if len(text) > quote_w:
            text = text[:quote_w - 1] + "\u2026"
        lines.append(f"  {q.kind:8} {text:{quote_w}}  {who[:36]:36}  {chan[:14]}\n")
    lines.extend(f"  warning: {warning}\n" for warning in result.warnings)
    lines.append("\n")
    return "".join(lines)


def renderer(fmt: str, width: Optional[int] = None) -> Renderer:
    """The format's renderer (picklable, for worker processes); width is the table's, default the terminal's."""
    if fmt == "table":
        return functools.partial(render_table, width=width or shutil.get_terminal_size((120, 20)).columns)
    return {"json": render_json, "jsonl": render_jsonl, "csv": render_csv}[fmt]


# ----------------------------------------------------------------------------- writers
class Writer:
    """Writes rendered records in order: `write(result)`, or `write_text(text)` for a record
    rendered elsewhere by `self.render`."""

    def __init__(self, out: IO[str], render: Renderer):
        self.out = out
        self.render = render

    def write(self, result: Result) -> None:
        self.write_text(self.render(result))

    def write_text(self, text: str) -> None:
        self.out.write(text)

    def close(self) -> None:
        self.out.flush()


class JsonWriter(Writer):
    """A JSON array, written as results come so memory stays flat."""

    def __init__(self, out: IO[str], render: Renderer = render_json):
        super().__init__(out, render)
        self.n = 0

    def write_text(self, text: str) -> None:
        self.out.write(("[\n" if self.n == 0 else ",\n") + text)
        self.n += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.n == 0 else "\n]\n")
        super().close()


def writer(fmt: str, out: IO[str], append: bool = False, width: Optional[int] = None) -> Writer:
    """A writer for the format; `append` continues an existing CSV file without a second header."""
    render = renderer(fmt, width)
    if fmt == "json":
        return JsonWriter(out, render)
    if fmt == "csv" and not append:
        csv.DictWriter(out, CSV_FIELDS, lineterminator="\n").writeheader()
    return Writer(out, render)
