"""Fingerprints of the library's output over many inputs, to show that a speed change changed nothing.

    python bench/digest.py --save bench/out/digest.json      # before the change
    python bench/digest.py --check bench/out/digest.json     # after: lists every document that differs

Inputs, in sets: the fixtures; the generated corpora of bench/make_corpus.py (made first when
missing); PolNeAR train when ../shared/data holds it; seeded inputs of the four generators of
bench/fuzz_long.py; and every case of bench/pathological.py at 64 KB. Each document's output
(Result.to_dict() as canonical JSON) is reduced to a SHA-1; the file holds only those, never text.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from typing import Dict, Iterator, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)  # this checkout's code, not whichever one is installed
sys.path.insert(1, HERE)
POLNEAR = os.path.join(ROOT, "..", "shared", "data", "polnear-train.jsonl")
OUT = os.path.join(HERE, "out")


def _folder(name: str) -> Iterator[Tuple[str, str]]:
    for path in sorted(glob.glob(os.path.join(name, "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            yield os.path.basename(path), fh.read()


def _corpus(name: str) -> Iterator[Tuple[str, str]]:
    folder = os.path.join(OUT, name)
    if not os.path.isdir(folder):
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py")], check=True, stdout=subprocess.DEVNULL)
    yield from _folder(folder)


def _polnear() -> Iterator[Tuple[str, str]]:
    if not os.path.exists(POLNEAR):
        return
    with open(POLNEAR, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            d = json.loads(line)
            yield str(d.get("id", n)), d["text"]


def _fuzz(n: int = 3000) -> Iterator[Tuple[str, str]]:
    import fuzz_long
    gens = [fuzz_long.gen_unicode, fuzz_long.gen_pieces, fuzz_long.gen_sentences, fuzz_long.gen_mutant]
    rng = random.Random(20261202)
    for i in range(n):
        yield f"fuzz{i}", gens[i % len(gens)](rng)


def _pathological(size: int = 64 * 1024) -> Iterator[Tuple[str, str]]:
    import pathological
    for case in pathological.CASES:
        yield case, pathological.CASES[case][0](size)


SETS = {
    "fixtures": lambda: _folder(os.path.join(ROOT, "fixtures")),
    "corpus": lambda: _corpus("corpus"),
    "corpus700": lambda: _corpus("corpus700"),
    "polnear": _polnear,
    "fuzz": _fuzz,
    "pathological": _pathological,
}


def digests(sets) -> Dict[str, Dict[str, str]]:
    from quotes import Extractor
    ex = Extractor()
    out: Dict[str, Dict[str, str]] = {}
    for name in sets:
        t0, got = time.perf_counter(), {}
        for doc_id, text in SETS[name]():
            d = ex(text, id=doc_id).to_dict()
            got[doc_id] = hashlib.sha1(json.dumps(d, sort_keys=True).encode()).hexdigest()
        out[name] = got
        print(f"  {name:13} {len(got):5} documents  {time.perf_counter() - t0:6.1f} s", file=sys.stderr)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", metavar="FILE", help="write the fingerprints to FILE")
    g.add_argument("--check", metavar="FILE", help="compare with the fingerprints in FILE")
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma list (default: {','.join(SETS)})")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        ap.error(f"unknown set(s): {', '.join(unknown)}")
    got = digests(sets)
    if args.save:
        os.makedirs(os.path.dirname(os.path.abspath(args.save)), exist_ok=True)
        with open(args.save, "w", encoding="utf-8") as fh:
            json.dump(got, fh, indent=0, sort_keys=True)
        print(f"saved {sum(map(len, got.values()))} fingerprints to {args.save}")
        return 0
    with open(args.check, encoding="utf-8") as fh:
        want = json.load(fh)
    bad = 0
    for name in sets:
        if name not in want:
            print(f"{name}: not in {args.check}")
            bad += 1
            continue
        diff = sorted(k for k in set(want[name]) | set(got[name]) if want[name].get(k) != got[name].get(k))
        bad += len(diff)
        print(f"{name}: {len(got[name])} documents, {len(diff)} differ" +
              (f": {', '.join(diff[:10])}{' …' if len(diff) > 10 else ''}" if diff else ""))
    print("same output" if not bad else f"{bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
