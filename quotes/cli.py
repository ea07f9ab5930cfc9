"""The command line: `quotes extract`, `quotes evaluate`, `quotes models`.

Exit status: 0 when every document went well, 1 when some failed (each failure is reported on
stderr with its id and reason, and every other document is still written), 2 for usage errors.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from typing import List, Optional, Set

from . import __version__
from .errors import QuotesError
from .outputs import FORMATS


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["models"]:
        from . import models
        return models.main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args, parser)
    except QuotesError as e:
        print(f"quotes: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotes: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `quotes extract ... | head`
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="quotes", description="Who said what, and where: quotations in news text.")
    p.add_argument("--version", action="version", version=f"quotes {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="find quotations, speakers and channels in documents",
                        description="Find every quotation in text files, folders (*.txt, recursively), stdin (-) "
                                    "or JSONL streams.")
    ex.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin (default: stdin)")
    ex.add_argument("--input-format", choices=("text", "jsonl"), default="text",
                    help="text: one document per file; jsonl: one JSON object per line (default: text)")
    ex.add_argument("--id-field", default="id", help="JSONL field holding the document id (default: id)")
    ex.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    ex.add_argument("--format", choices=FORMATS, default=None,
                    help="output format (default: table on a terminal, else jsonl)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    ex.add_argument("--engine", choices=("fast", "stanza"), default="fast", help="annotator (default: fast)")
    ex.add_argument("--kb", metavar="FILE", help="knowledge base (TSV or JSONL: id, name, aliases, type) for kb_id")
    ex.add_argument("--errors", choices=("strict", "replace"), default="strict",
                    help="invalid UTF-8: strict fails the document, replace reads it with U+FFFD (default: strict)")
    ex.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                    help="worker processes (default: all cores, or none for 32 documents or fewer; 1 for none)")
    ex.add_argument("--timeout", type=float, default=None, metavar="SEC",
                    help="time budget per document; a document over it becomes an error record")
    ex.add_argument("--resume", action="store_true",
                    help="with -o FILE (jsonl or csv) that exists: skip the ids already in it and append")
    ex.add_argument("--progress", dest="progress", action="store_true", default=None,
                    help="show a progress line on stderr (default: only on a terminal)")
    ex.add_argument("--no-progress", dest="progress", action="store_false")
    ex.set_defaults(run=_run_extract)

    ev = sub.add_parser("evaluate", help="score the library (or a system's output) against gold",
                        description="Score against gold in the output schema (fixtures), the seed gold format "
                                    "(*.gold.json with spans including marks), or PolNeAR JSONL (--format polnear).")
    ev.add_argument("gold", nargs="+", metavar="GOLD", help="gold files or folders")
    ev.add_argument("--format", choices=("auto", "fixtures", "seed", "polnear"), default="auto")
    ev.add_argument("--system", metavar="FILE", help="JSONL of system outputs to score instead of running the library")
    ev.add_argument("--engine", choices=("fast", "stanza"), default="fast")
    ev.add_argument("--track", default="marked,indirect", help="PolNeAR tracks: marked, indirect, all (comma list)")
    ev.add_argument("--curve", action="store_true", help="also print speaker precision/recall by confidence threshold")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.set_defaults(run=_run_evaluate)

    sub.add_parser("models", help="stanza models: status, download (see `quotes models -h`)")
    return p


# ----------------------------------------------------------------------------- extract
def _run_extract(args, parser) -> int:
    from . import batch, inputs, outputs
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.timeout is not None and args.timeout <= 0:
        parser.error("--timeout must be positive")
    paths = args.paths or ["-"]
    if paths == ["-"] and sys.stdin.isatty():
        parser.error("no input: give files or folders, or pipe text into `quotes extract -`")
    fmt = args.format or ("table" if args.output is None and sys.stdout.isatty() else "jsonl")
    if args.resume and (args.output is None or fmt not in ("jsonl", "csv")):
        parser.error("--resume needs -o FILE in jsonl or csv format")
    if args.engine == "stanza":
        from .pipeline import Extractor
        Extractor(engine="stanza")  # fail now, in one line, if stanza or its models are missing
    done = _done_ids(args.output, fmt) if args.resume else set()
    opts = inputs.Options(args.input_format, args.id_field, args.text_field, args.errors)
    items = (i for i in inputs.read_paths(paths, opts) if i.id not in done)
    settings = batch.Settings(engine=args.engine, kb=args.kb, timeout=args.timeout)
    jobs = args.jobs or _default_jobs(paths, opts)
    if args.engine == "stanza":
        jobs = 1  # one model in memory; stanza uses the cores itself
    out = _open_output(args.output, append=bool(done))
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    progress = Progress(show, inputs.count(paths, opts) - len(done) if show and "-" not in paths else None)
    failed = 0
    w = outputs.writer(fmt, out, append=bool(done))
    try:
        # the workers render each record; this process only writes the texts, in input order
        for rec in batch.run(items, settings, jobs=jobs, render=w.render):
            w.write_text(rec.text)
            if rec.error is not None:
                failed += 1
                progress.clear()
                print(f"quotes: {rec.id}: {rec.error}", file=sys.stderr)
            progress.tick()
        w.close()
    finally:
        progress.done()
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


_FEW = 32  # documents: so few are done sooner in this process than by workers that must start first


def _default_jobs(paths: List[str], opts) -> int:
    """All cores, unless the input is known to hold only a few documents (stdin holds one text)."""
    from . import batch, inputs
    if "-" in paths and opts.input_format == "jsonl":
        return batch.default_jobs()
    n = inputs.count([p for p in paths if p != "-"], opts, stop=_FEW) + paths.count("-")
    return 1 if n <= _FEW else batch.default_jobs()


def _open_output(path: Optional[str], append: bool):
    if path is None:
        return sys.stdout
    try:
        return open(path, "a" if append else "w", encoding="utf-8", newline="")
    except OSError as e:
        raise QuotesError(f"cannot write {path}: {e.strerror or e}") from None


def _done_ids(path: str, fmt: str) -> Set[str]:
    """Ids already written to an output file (the last, possibly cut, line is dropped)."""
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8", errors="replace") as fh:
        data = fh.read()
    if data and not data.endswith("\n"):  # a run killed mid-line: drop the partial record
        data = data[:data.rfind("\n") + 1]
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(data)
    ids = set()
    if fmt == "jsonl":
        for line in data.splitlines():
            try:
                ids.add(json.loads(line)["id"])
            except (ValueError, KeyError, TypeError):
                continue
    else:
        import csv
        ids = {row["id"] for row in csv.DictReader(io.StringIO(data)) if row.get("id")}
    return ids


class Progress:
    """`1234/5000 docs  310.5 docs/s  ETA 0:00:12` on stderr, redrawn a few times a second."""

    def __init__(self, enabled: bool, total: Optional[int] = None):
        self.enabled = enabled
        self.total = total
        self.n = 0
        self.t0 = time.monotonic()
        self.last = 0.0

    def tick(self) -> None:
        self.n += 1
        now = time.monotonic()
        if self.enabled and now - self.last > 0.2:
            self.last = now
            rate = self.n / max(now - self.t0, 1e-9)
            if self.total:
                eta = max(0, self.total - self.n) / rate
                line = f"{self.n}/{self.total} docs  {rate:.1f} docs/s  ETA {int(eta) // 3600}:{int(eta) % 3600 // 60:02d}:{int(eta) % 60:02d}"
            else:
                line = f"{self.n} docs  {rate:.1f} docs/s"
            sys.stderr.write(f"\r  {line} ")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")

    def done(self) -> None:
        if self.enabled and self.n:
            rate = self.n / max(time.monotonic() - self.t0, 1e-9)
            sys.stderr.write(f"\r\033[K  {self.n} docs  {rate:.1f} docs/s\n")


# ----------------------------------------------------------------------------- evaluate
def _run_evaluate(args, parser) -> int:
    from . import evaluate
    report = evaluate.run(args.gold, fmt=args.format, system=args.system, engine=args.engine,
                          tracks=args.track.split(","), curve=args.curve)
    print(json.dumps(report.figures, indent=1) if args.json else report.text())
    return 0
