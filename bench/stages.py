"""Where the time of one document goes: milliseconds per document for each stage of the pipeline.

    python bench/stages.py                          # the 700-word set, best of 3 passes per stage
    python bench/stages.py --folder bench/out/corpus --repeat 5

The stages run as Extractor.run runs them (see quotes/pipeline.py), each timed on its own, in
one process with the collector paused as in a real call; each stage's figure is the best of
--repeat passes over the folder, so load from elsewhere on the machine inflates it less.
Times move with that load: compare two versions with bench/icount.py, which counts instructions.
"""
from __future__ import annotations

import argparse
import gc
import glob
import os
import sys
import time
from typing import Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)  # this checkout's code, not whichever one is installed

from quotes import Extractor, channels, classify, entities, indirect, marks, sieves, turns  # noqa: E402
from quotes.model import Result  # noqa: E402
from quotes.scene import Scene  # noqa: E402

STAGES = ("annotate", "marks", "turns", "classify", "scene", "sieves", "indirect", "entities", "channels", "to_dict")


def run_stages(ex: Extractor, text: str, times: Dict[str, float], until: str = STAGES[-1]) -> None:
    """One document through the stages up to `until`, adding each stage's seconds to `times`."""
    clock = time.perf_counter
    t = clock()

    def tick(name):
        nonlocal t
        now = clock()
        times[name] = times.get(name, 0.0) + now - t
        t = now
        return name == until

    doc = ex.annotate(text)
    if tick("annotate"):
        return
    qs, warnings = marks.find_quotes(doc.text, doc.paragraphs)
    if tick("marks"):
        return
    turn_quotes, qs, chains = turns.find(doc, qs)
    if tick("turns"):
        return
    qs = classify.classify(doc, qs, ex.lex)
    if tick("classify"):
        return
    scene = Scene(doc, ex.lex, qs + turn_quotes)
    if tick("scene"):
        return
    qs = sieves.attribute_marked(scene, qs)
    if tick("sieves"):
        return
    reported, qs = indirect.find(scene, qs)
    qs = sorted(qs + reported + turn_quotes, key=lambda q: (q.start, -q.end))
    if tick("indirect"):
        return
    qs, ents = entities.link(doc, qs, ex.lex, ex.kb, chains)
    if tick("entities"):
        return
    qs = channels.assign(doc, qs, ents, ex.lex)
    if tick("channels"):
        return
    Result(id="doc", quotes=tuple(qs), entities=tuple(ents), warnings=tuple(warnings)).to_dict()
    tick("to_dict")


def load(folder: str, limit: int = 0) -> List[str]:
    paths = sorted(glob.glob(os.path.join(folder, "*.txt")))
    if not paths:
        sys.exit(f"no *.txt in {folder}: run python bench/make_corpus.py first")
    texts = []
    for path in paths[:limit or None]:
        with open(path, encoding="utf-8") as fh:
            texts.append(fh.read())
    return texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=os.path.join(HERE, "out", "corpus700"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args(argv)
    texts = load(args.folder, args.limit)
    ex = Extractor()
    for text in texts[:20]:  # caches warm, as after the first documents of a batch
        ex(text)
    best: Dict[str, float] = {}
    gc.disable()
    for _ in range(args.repeat):
        times: Dict[str, float] = {}
        for text in texts:
            run_stages(ex, text, times)
        for k, v in times.items():
            best[k] = min(best.get(k, v), v)
    gc.enable()
    n = len(texts)
    total = sum(v for k, v in best.items() if k != "to_dict")
    print(f"{n} documents from {args.folder}, best of {args.repeat} passes, load {os.getloadavg()[0]:.2f}")
    for k in STAGES:
        print(f"  {k:9} {best[k] / n * 1000:7.3f} ms  {best[k] / total * 100:5.1f}%")
    print(f"  {'total':9} {total / n * 1000:7.3f} ms a document, {n / total:.0f} documents/s (to_dict not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
