"""Writing results: JSON (an array of documents), JSONL (one per line), CSV (one row per quote)
and a table for people reading a terminal."""
from __future__ import annotations

import csv
import json
import shutil
from typing import IO, Optional

from .model import Result

FORMATS = ("json", "jsonl", "csv", "table")
CSV_FIELDS = ["id", "start", "end", "kind", "text", "speaker", "speaker_start", "speaker_end", "cue", "entity",
              "entity_name", "entity_type", "channel", "channel_kind", "medium", "confidence", "sieve", "error"]


class Writer:
    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, result: Result) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class JsonlWriter(Writer):
    def write(self, result: Result) -> None:
        self.out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


class JsonWriter(Writer):
    """A JSON array, written as results come so memory stays flat."""

    def __init__(self, out: IO[str]):
        super().__init__(out)
        self.n = 0

    def write(self, result: Result) -> None:
        self.out.write(("[\n" if self.n == 0 else ",\n") + json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        self.n += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.n == 0 else "\n]\n")
        super().close()


class CsvWriter(Writer):
    def __init__(self, out: IO[str], header: bool = True):
        super().__init__(out)
        self.csv = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
        if header:
            self.csv.writeheader()

    def write(self, result: Result) -> None:
        if result.error is not None:
            self.csv.writerow({"id": result.id, "error": result.error})
            return
        for q in result.quotes:
            ent = result.entity(q.entity)
            self.csv.writerow({
                "id": result.id, "start": q.start, "end": q.end, "kind": q.kind, "text": q.text,
                "speaker": q.speaker.text if q.speaker else "", "speaker_start": q.speaker.start if q.speaker else "",
                "speaker_end": q.speaker.end if q.speaker else "", "cue": q.cue.text if q.cue else "",
                "entity": q.entity or "", "entity_name": ent.name if ent else "", "entity_type": ent.type if ent else "",
                "channel": q.channel.name if q.channel else "", "channel_kind": q.channel.kind if q.channel else "",
                "medium": (q.channel.medium or "") if q.channel else "", "confidence": round(q.confidence, 3),
                "sieve": q.sieve or "", "error": ""})


class TableWriter(Writer):
    """Quote, speaker -> entity, channel: one line each, cut to the terminal's width."""

    def __init__(self, out: IO[str], width: Optional[int] = None):
        super().__init__(out)
        self.width = width or shutil.get_terminal_size((120, 20)).columns

    def write(self, result: Result) -> None:
        w = self.out.write
        if result.error is not None:
            w(f"== {result.id}: ERROR {result.error}\n\n")
            return
        w(f"== {result.id}: {len(result.quotes)} quotes, {len(result.entities)} entities\n")
        quote_w = max(30, self.width - 62)
        for q in result.quotes:
            ent = result.entity(q.entity)
            who = q.speaker.text if q.speaker else "-"
            if ent is not None and ent.name != who:
                who += f" -> {ent.name}"
            chan = q.channel.name if q.channel else "-"
            text = q.text.replace("\n", " ")
            if len(text) > quote_w:
                text = text[:quote_w - 1] + "\u2026"
            w(f"  {q.kind:8} {text:{quote_w}}  {who[:36]:36}  {chan[:14]}\n")
        for warning in result.warnings:
            w(f"  warning: {warning}\n")
        w("\n")


def writer(fmt: str, out: IO[str], append: bool = False) -> Writer:
    """A writer for the format; `append` continues an existing CSV file without a second header."""
    if fmt == "csv":
        return CsvWriter(out, header=not append)
    return {"json": JsonWriter, "jsonl": JsonlWriter, "table": TableWriter}[fmt](out)
