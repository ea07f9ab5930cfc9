"""Reading documents for the CLI: text files, folders of them, stdin, and JSONL streams.

Every input yields `Doc`-ready items: (id, text) or (id, error). A bad input never stops the
others: a missing file, invalid UTF-8, an empty document or a line that is not JSON becomes an
item with an error that names it.
"""
from __future__ import annotations

import json
import os
import sys
from typing import IO, Iterator, List, Optional

import attrs
import regex


@attrs.frozen
class Item:
    id: str
    text: Optional[str] = None
    error: Optional[str] = None
    warning: Optional[str] = None  # e.g. bytes replaced under --errors replace


@attrs.frozen
class Options:
    input_format: str = "text"  # text | jsonl
    id_field: str = "id"
    text_field: str = "text"
    errors: str = "strict"  # strict | replace


def decode(data: bytes, name: str, errors: str) -> Item:
    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
        return Item(name, text=text)
    except UnicodeDecodeError as e:
        if errors != "replace":
            return Item(name, error=f"not valid UTF-8 at byte {e.start} (use --errors replace to read it anyway)")
        return Item(name, text=data.decode("utf-8", errors="replace"),
                    warning=f"invalid UTF-8 from byte {e.start} replaced with U+FFFD")


_SURROGATE = regex.compile("[\ud800-\udfff]")


def _check_text(item: Item) -> Item:
    if item.text is not None and _SURROGATE.search(item.text):
        # a JSON escape like \ud800 makes a string no UTF-8 can carry; U+FFFD keeps every offset
        item = attrs.evolve(item, text=_SURROGATE.sub("\ufffd", item.text),
                            warning="lone surrogate code points replaced with U+FFFD")
    if item.text is not None and not item.text.strip():
        return attrs.evolve(item, text=None, error="empty document")
    if item.text is not None and "\x00" in item.text[:4096]:
        return attrs.evolve(item, text=None, error="binary file, not text")
    return item


def read_paths(paths: List[str], opts: Options, stdin: Optional[IO[bytes]] = None) -> Iterator[Item]:
    """Items from the paths in order; `-` is stdin. Folders are searched for *.txt (or *.jsonl
    with --input-format jsonl), recursively, in sorted order."""
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, "stdin", opts)
        elif os.path.isdir(path):
            found = _folder_files(path, ".jsonl" if opts.input_format == "jsonl" else ".txt")
            if not found:
                kind = "*.jsonl" if opts.input_format == "jsonl" else "*.txt"
                yield Item(path, error=f"no {kind} files in this folder")
            for f in found:
                rel = os.path.relpath(f, path)
                yield from _read_file(f, _doc_id(rel), opts)
        elif os.path.exists(path):
            yield from _read_file(path, _doc_id(os.path.basename(path)), opts)
        else:
            yield Item(path, error="no such file or folder")


def count(paths: List[str], opts: Options, stop: Optional[int] = None) -> int:
    """How many documents the paths hold (for a progress bar's ETA); stdin is not counted.
    With `stop`, counting ends once the count passes it (a cheap "more than N?")."""
    n = 0
    for path in paths:
        files = _folder_files(path, ".jsonl" if opts.input_format == "jsonl" else ".txt") \
            if os.path.isdir(path) else [path] if os.path.isfile(path) else []
        for f in files:
            if opts.input_format != "jsonl":
                n += 1
            else:
                try:
                    with open(f, "rb") as fh:
                        for line in fh:
                            n += bool(line.strip())
                            if stop is not None and n > stop:
                                break
                except OSError:
                    pass
            if stop is not None and n > stop:
                return n
    return n


def _doc_id(path: str) -> str:
    base, ext = os.path.splitext(path)
    return (base if ext in (".txt", ".jsonl") else path).replace(os.sep, "/")


def _folder_files(folder: str, ext: str) -> List[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(ext) and not f.startswith("."))
    return sorted(out)


def _read_file(path: str, doc_id: str, opts: Options) -> Iterator[Item]:
    try:
        if opts.input_format == "jsonl":
            with open(path, "rb") as fh:
                yield from _read_jsonl(fh, doc_id, opts)
            return
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        yield Item(doc_id, error=f"cannot read: {e.strerror or e}")
        return
    yield _check_text(decode(data, doc_id, opts.errors))


def _read_stream(stream: IO[bytes], name: str, opts: Options) -> Iterator[Item]:
    if opts.input_format == "jsonl":
        yield from _read_jsonl(stream, name, opts)
    else:
        yield _check_text(decode(stream.read(), name, opts.errors))


def _read_jsonl(stream: IO[bytes], source: str, opts: Options) -> Iterator[Item]:
    """One document per line; the line number names any line that cannot be read."""
    for n, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{source}:{n}"
        line = decode(raw, where, opts.errors)
        if line.error:
            yield Item(where, error=f"line {n}: {line.error}")
            continue
        try:
            obj = json.loads(line.text)
        except ValueError as e:
            yield Item(where, error=f"line {n}: not JSON ({e})")
            continue
        if not isinstance(obj, dict):
            yield Item(where, error=f"line {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        doc_id = obj.get(opts.id_field)
        doc_id = where if doc_id is None else str(doc_id)
        text = obj.get(opts.text_field)
        if not isinstance(text, str):
            yield Item(doc_id, error=f"line {n}: no text in field {opts.text_field!r}")
            continue
        yield _check_text(Item(doc_id, text=text, warning=line.warning))
