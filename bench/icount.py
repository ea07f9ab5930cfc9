"""Instructions per document, counted by valgrind: a speed figure that other load cannot move.

    python bench/icount.py                    # the first 100 articles of the 700-word set
    python bench/icount.py --docs 50 --until entities
    python bench/icount.py --stages           # the count of each stage (one run per stage)

Wall-clock figures on this shared machine move by 10-20% between runs; the instruction count of
the same code on the same inputs repeats to the last few digits (PYTHONHASHSEED is fixed), so
two versions compare exactly. It runs the documents under `valgrind --tool=callgrind` once with
N documents and once with none and divides the difference by N, so start-up, imports and the
warm-up call are not counted. `--until` stops each document after that stage (bench/stages.py
names them); `--stages` prints each stage's share as the difference of successive cuts.
Instructions are not seconds (a cache miss costs more than an add), but a change that cuts
instructions by a fifth cuts time by about as much here.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

_CHILD = """
import sys
sys.path.insert(0, {root!r}); sys.path.insert(1, {here!r})
import stages
from quotes import Extractor
texts = stages.load({folder!r}, {docs})[:{n}]
ex = Extractor()
ex("Warm-up, she said.")
times = {{}}
for t in texts:
    stages.run_stages(ex, t, times, {until!r})
"""


def count(folder: str, docs: int, n: int, until: str) -> int:
    out = tempfile.mktemp(prefix="quotes-cg-")
    code = _CHILD.format(root=ROOT, here=HERE, folder=folder, docs=docs, n=n, until=until)
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code],
                           capture_output=True, text=True, env=env)
        if r.returncode != 0:
            sys.exit(f"valgrind failed:\n{r.stderr[-2000:]}")
        m = re.search(r"Collected : (\d+)", r.stderr)
        return int(m.group(1))
    finally:
        if os.path.exists(out):
            os.remove(out)


def main(argv=None) -> int:
    sys.path.insert(0, HERE)
    import stages
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=os.path.join(HERE, "out", "corpus700"))
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--until", default=stages.STAGES[-2], choices=stages.STAGES,
                    help="the last stage run (default: channels, the end of the pipeline)")
    ap.add_argument("--stages", action="store_true", help="also the count of each stage")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        sys.exit("valgrind not found (Debian package valgrind)")
    base = count(args.folder, args.docs, 0, args.until)
    cuts = stages.STAGES[:stages.STAGES.index(args.until) + 1] if args.stages else (args.until,)
    prev = 0
    print(f"{args.docs} documents from {args.folder}; millions of instructions a document")
    for cut in cuts:
        per_doc = (count(args.folder, args.docs, args.docs, cut) - base) / args.docs / 1e6
        if args.stages:
            print(f"  {cut:9} {per_doc - prev:8.3f}")
        prev = per_doc
    print(f"  {'total':9} {prev:8.3f}  (up to and including {args.until})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
