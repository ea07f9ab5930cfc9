"""Minimal reproductions of what bench/pathological.py and the robustness tests found.

    python bench/repro.py            # every repro: time at n, 2n, 4n and the growth per doubling
    python bench/repro.py nested     # one of them

A linear path grows about 2x per doubling. The slow paths grew about 4x (quadratic) at 085e755 and
are linear from f4e7b7c on; they stay here as regression guards. Each docstring names the function
that took the time (from cProfile: bench/pathological.py --profile CASE SIZE). `leak` and `warmup`
show two timeout problems.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # this checkout's code

from quotes import Extractor  # noqa: E402
from quotes.doc import Doc, Mention  # noqa: E402

EX = Extractor()


def _time(f, *a):
    t0 = time.perf_counter()
    f(*a)
    return time.perf_counter() - t0


def growth(name: str, make, sizes, run=None) -> None:
    run = run or EX
    times = [_time(run, make(n)) for n in sizes]
    ratios = " ".join(f"{b / a:.1f}x" for a, b in zip(times, times[1:]))
    cells = "  ".join(f"n={n:,}: {t:.3f} s" for n, t in zip(sizes, times))
    print(f"{name:16} {cells}   growth per doubling: {ratios}")


def mentions_before():
    """Doc.mentions_before used to copy self.mentions[:i] on every call (O(mentions) per call, for
    every cue and every speaking pronoun); fixed in the working tree after 4dfd27d, kept as a guard."""
    def run(n):
        doc = Doc(text="x" * (2 * n), paragraphs=[(0, 2 * n)], sentences=[], cues=[],
                  mentions=[Mention(2 * i, 2 * i + 1, "x", "name") for i in range(n)])
        for i in range(0, n, 10):
            doc.mentions_before(2 * i, 2 * i - 6)  # a short look-back, as the callers use it
    growth("mentions_before", lambda n: n, [20_000, 40_000, 80_000], run)
    growth("  whole pipeline", lambda n: "He said \u201ca \u2018b\u2019 c.\u201d " * n, [10_000, 20_000, 40_000])


def long_sentence_cues():
    """One sentence holding many cues: scene._left_subject searches from the sentence start for
    every cue, indirect._clause_end walks every later cue of the sentence for every cue."""
    growth("said*n", lambda n: "said " * n, [2_000, 4_000, 8_000])
    growth("He said \"word", lambda n: "He said \"word " * n, [250, 500, 1_000])


def long_sentence_quotes():
    """One sentence holding many quotes: per quote, classify.speech_cues lists every cue of the
    frame (the whole sentence) and the sieves scan it again."""
    growth("\u201cquote\u201d*n", lambda n: "\u201cquote\u201d " * n, [1_000, 2_000, 4_000])
    growth("no spaces", lambda n: ("\u201cSaid\u201dJohn.Smith,O\u2019Brien\u2019s(Reuters)told\u2018AP\u2019:\u00abnon\u00bb-"
                                   "\"yes\"!Mr.Hill according\u00a0to<x>the.Group;") * n, [25, 50, 100])


def name_chunk():
    """One run of capitalised words: fast._split_chunk builds org_ahead with any(...) over the rest
    of the run for every word, and _name_mentions re-checks the rest of the run for every cut."""
    growth("John*n", lambda n: "John " * n, [1_000, 2_000, 4_000])


def nested():
    """Deep nesting: marks.find_quotes gives the outer quote every nested pair as an `inner` Span
    with its own copy of the text: sum of the lengths is O(depth x length) in time and memory."""
    growth("nested depth n", lambda n: "He said " + "\u201ca \u2018b " * n + "x" + "\u2019 y\u201d" * n + ".",
           [2_000, 4_000, 8_000])
    text = "He said " + "\u201ca \u2018b " * 8_000 + "x" + "\u2019 y\u201d" * 8_000 + "."
    r = EX(text)
    chars = sum(len(s.text) for q in r.quotes for s in q.inner)
    print(f"{'':16} depth 8,000 ({len(text):,} chars of text): {len(r.quotes[0].inner):,} inner spans holding "
          f"{chars:,} characters")


def surrogate():
    """A JSONL text with a lone surrogate escape (valid JSON) stops the whole batch: the writer
    cannot encode it (outputs.JsonlWriter.write -> UnicodeEncodeError), so later lines are lost."""
    data = ('{"id": "a", "text": "He said \\"ok \\ud800 then, my friend.\\""}\n'
            '{"id": "b", "text": "\\u201cFine,\\u201d she said."}\n')
    p = subprocess.run([sys.executable, "-m", "quotes", "extract", "--input-format", "jsonl", "--jobs", "1", "-"],
                       input=data.encode(), capture_output=True)
    lines = p.stdout.decode().splitlines()
    last = (p.stderr.decode().strip().splitlines() or [""])[-1]
    print(f"{'surrogate':16} 2 lines in, {len(lines)} records out, exit {p.returncode}: {last[:120]}")


def leak():
    """batch.run(..., Settings(timeout=T), jobs=1) leaves batch._TIMEOUT = T in the process, and
    Extractor.pipe() (n_process=1) calls batch.extract_item, which applies it: a later pipe() over
    an ordinary long text is cut off with `timed out` although nobody asked for a budget."""
    from quotes import batch
    from quotes.inputs import Item
    list(batch.run([Item("x", text="\u201cHi,\u201d she said.")], batch.Settings(timeout=0.05), jobs=1))
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures",
                        "01_newswire_port_strike.txt")
    with open(path, encoding="utf-8") as fh:
        text = fh.read() * 200
    (r,) = list(Extractor().pipe([text]))
    print(f"{'leak':16} pipe() after batch.run(timeout=0.05): error={r.error!r}, {len(r.quotes)} quotes")


def warmup():
    """The first document a fresh extractor sees pays for one-time set-up (compiling the big name
    and outlet patterns, filling caches): with a small --timeout it times out in every worker."""
    code = ("import time; from quotes import Extractor; ex = Extractor(); t = time.perf_counter(); "
            "ex('\u201cHi,\u201d she said.'); a = time.perf_counter() - t; t = time.perf_counter(); "
            "ex('\u201cHi,\u201d she said.'); print(a, time.perf_counter() - t)")
    a, b = map(float, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split())
    print(f"{'warmup':16} first document {a * 1000:.1f} ms, the same document again {b * 1000:.2f} ms")


REPROS = {"mentions": mentions_before, "cues": long_sentence_cues, "quotes": long_sentence_quotes,
          "names": name_chunk, "nested": nested, "surrogate": surrogate, "leak": leak, "warmup": warmup}

if __name__ == "__main__":
    for key in sys.argv[1:] or list(REPROS):
        REPROS[key]()
