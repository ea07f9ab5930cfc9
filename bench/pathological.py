"""Time against length for the fast engine, on normal text and on pathological inputs.

    python bench/pathological.py                      # every case, 1 KB .. 10 MB (about 5-15 min)
    python bench/pathological.py --cases repeat_name,nested_deep --budget 30
    python bench/pathological.py --profile repeat_name 65536   # where the time goes, for one input
    python bench/pathological.py --cases normal --cli20          # and the CLI over a 20 MB article

Each input runs in a fresh child process (memory capped by --mem-gb, time by --budget), so one
runaway case cannot take the others down. Sizes double from 1 KB up to the case's target size; a
series stops early when the next size would blow the budget, and the time at the target size is
then extrapolated from the measured exponent (marked `~`). For each case it prints time against
size, the exponent of the last doubling (time ~ size^k: k near 1 is linear, k near 2 quadratic),
and flags:
  SUPERLINEAR  k > 1.3 over the last doublings that took at least 50 ms
  OVER-BUDGET  the target size takes (or would take) more than 10 s
The checks on the output (quotes found, warnings, the longest quote) show that nothing swallows
the text. Results also go to bench/out/pathological.json.

Cases (target size):
  normal            fixture articles, concatenated (10 MB)
  unbalanced_open   `“word ` repeated: opening marks never closed (100k marks)
  unbalanced_mixed  words with a random quote mark or apostrophe glued on, seeded (100k marks)
  marks_only        a text made only of quote marks, seeded (100k marks)
  nospace_letters   one line of `a` without a space (5 MB)
  nospace_mixed     one line of words glued by punctuation and marks, no space or newline (5 MB)
  nested_deep       “a ‘b “a ‘b ... x’ y” x’ y”: 50k quotes, each inside the one before
  nested_flat       `He said “a ‘b’ c.”` 50k times: 50k quotes each holding one nested quote
  repeat_plain      `word ` repeated (1 MB)
  repeat_cue        `said ` repeated (1 MB): one sentence of 200k cues
  repeat_name       `John ` repeated (1 MB): one name chunk of 200k capitalised words
  repeat_mark       `“quote” ` repeated (1 MB)
  mixture           normal paragraphs interleaved with 4 KB chunks of every case above (10 MB)
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from typing import Callable, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)  # this checkout's code, not whichever one is installed
KB, MB = 1024, 1024 * 1024
MARKS = "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f\u301d\u301e\u301f\uff02"


def _fixture_text() -> str:
    parts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            parts.append(fh.read().strip())
    return "\n\n".join(parts) + "\n\n"


def _fill(unit: str, size: int) -> str:
    """unit repeated to `size` characters (cut at the end)."""
    return (unit * (size // len(unit) + 1))[:size]


def normal(size: int) -> str:
    return _fill(_fixture_text(), size)


def unbalanced_open(size: int) -> str:
    return _fill("\u201cword ", size)


def unbalanced_mixed(size: int) -> str:
    rng = random.Random(1)
    words = ["the", "minister", "said", "Anna", "de", "Vries", "he", "told", "reporters", "it", "was", "over"]
    out, n = [], 0
    while n < size:
        w = rng.choice(words)
        m = rng.choice(MARKS)
        w = m + w if rng.random() < 0.5 else w + m
        out.append(w)
        n += len(w) + 1
    return " ".join(out)[:size]


def marks_only(size: int) -> str:
    rng = random.Random(2)
    return "".join(rng.choice(MARKS) for _ in range(size))


def nospace_letters(size: int) -> str:
    return "a" * size


def nospace_mixed(size: int) -> str:
    return _fill("\u201cSaid\u201dJohn.Smith,O\u2019Brien\u2019s(Reuters)told\u2018AP\u2019:\u00abnon\u00bb-\"yes\"!Mr.Hill"
                 "according\u00a0to<x>the.Group;", size)


def nested_deep(size: int) -> str:
    depth = max(1, size // 10)  # two quotes (“…” and ‘…’) per 10 characters
    return "He said " + "\u201ca \u2018b " * depth + "x" + "\u2019 y\u201d" * depth + " today."


def nested_flat(size: int) -> str:
    return _fill("He said \u201ca \u2018b\u2019 c.\u201d ", size)


def repeat_plain(size: int) -> str:
    return _fill("word ", size)


def repeat_cue(size: int) -> str:
    return _fill("said ", size)


def repeat_name(size: int) -> str:
    return _fill("John ", size)


def repeat_mark(size: int) -> str:
    return _fill("\u201cquote\u201d ", size)


def mixture(size: int) -> str:
    chunk = 4 * KB
    paras = [p for p in _fixture_text().split("\n\n") if p.strip()]
    makers = [unbalanced_open, unbalanced_mixed, marks_only, nospace_letters, nospace_mixed, nested_deep,
              nested_flat, repeat_plain, repeat_cue, repeat_name, repeat_mark]
    rng = random.Random(3)
    out, n, i = [], 0, 0
    while n < size:
        part = rng.choice(paras) if i % 3 else makers[(i // 3) % len(makers)](chunk)
        out.append(part)
        n += len(part) + 2
        i += 1
    return "\n\n".join(out)[:size]


CASES: Dict[str, tuple] = {  # name -> (maker, target size in characters, how the size is counted)
    "normal": (normal, 10 * MB, "bytes"),
    "unbalanced_open": (unbalanced_open, 600_000, "100k marks"),
    "unbalanced_mixed": (unbalanced_mixed, 620_000, "~100k marks"),
    "marks_only": (marks_only, 100_000, "100k marks"),
    "nospace_letters": (nospace_letters, 5 * MB, "bytes"),
    "nospace_mixed": (nospace_mixed, 5 * MB, "bytes"),
    "nested_deep": (nested_deep, 250_000, "50k nested quotes"),
    "nested_flat": (nested_flat, 950_000, "50k quotes"),
    "repeat_plain": (repeat_plain, 1 * MB, "bytes"),
    "repeat_cue": (repeat_cue, 1 * MB, "bytes"),
    "repeat_name": (repeat_name, 1 * MB, "bytes"),
    "repeat_mark": (repeat_mark, 1 * MB, "bytes"),
    "mixture": (mixture, 10 * MB, "bytes"),
}


# ----------------------------------------------------------------------------- one measurement (child)
def measure(case: str, size: int) -> dict:
    text = CASES[case][0](size)
    from quotes import Extractor
    ex = Extractor()
    ex("warm up: \u201cA quote,\u201d she said.")
    t0 = time.perf_counter()
    r = ex(text)
    dt = time.perf_counter() - t0
    longest = max((q.end - q.start for q in r.quotes), default=0)
    bad = sum(1 for q in r.quotes if text[q.start:q.end] != q.text)
    return {"case": case, "size": size, "chars": len(text), "bytes": len(text.encode("utf-8", "surrogatepass")),
            "seconds": dt, "quotes": len(r.quotes), "warnings": len(r.warnings), "entities": len(r.entities),
            "longest_quote": longest, "bad_spans": bad, "marks": sum(text.count(m) for m in MARKS),
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_one(case: str, size: int, budget: float, mem_gb: float) -> dict:
    def limits():
        cap = int(mem_gb * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cmd = [sys.executable, os.path.abspath(__file__), "--child", case, str(size)]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=budget + 30, preexec_fn=limits, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"case": case, "size": size, "seconds": None, "error": f"killed after {budget + 30:.0f} s"}
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["?"])[-1]
        return {"case": case, "size": size, "seconds": None, "wall": time.perf_counter() - t0,
                "error": f"exit {p.returncode}: {tail[:200]}"}
    return json.loads(p.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- series
def sizes_for(target: int, start: int) -> List[int]:
    out, s = [], start
    while s < target:
        out.append(s)
        s *= 2
    out.append(target)
    return out


def exponent(a: dict, b: dict) -> Optional[float]:
    if not a.get("seconds") or not b.get("seconds") or a["size"] == b["size"]:
        return None
    return math.log(b["seconds"] / a["seconds"]) / math.log(b["size"] / a["size"])


def series(case: str, budget: float, mem_gb: float, start: int, log: Callable[[str], None]) -> dict:
    target = CASES[case][1]
    points: List[dict] = []
    extrapolated = None
    for size in sizes_for(target, start):
        r = run_one(case, size, budget, mem_gb)
        points.append(r)
        if r.get("seconds") is None:
            log(f"  {case:17} {size:>10,}  {r['error']}")
            break
        k = exponent(points[-2], r) if len(points) > 1 else None
        log(f"  {case:17} {size:>10,} chars {r['seconds']:9.3f} s  k={'' if k is None else f'{k:.2f}':5} "
            f"quotes={r['quotes']} warnings={r['warnings']} longest={r['longest_quote']} "
            f"rss={r['maxrss_mb']:.0f} MB")
        if size == target:
            break
        nxt = min(size * 2, target)
        kk = max(1.0, k or 1.0) if r["seconds"] >= 0.05 else 1.0
        predicted = r["seconds"] * (nxt / size) ** kk
        if predicted > budget:
            ks = [exponent(a, b) for a, b in zip(points, points[1:]) if a.get("seconds", 0) and a["seconds"] >= 0.02]
            ks = [x for x in ks if x is not None]
            kfit = max(1.0, ks[-1] if ks else 1.0)
            extrapolated = r["seconds"] * (target / size) ** kfit
            log(f"  {case:17} {target:>10,} chars ~{extrapolated:8.0f} s  (extrapolated with k={kfit:.2f}; "
                f"next size would exceed the {budget:.0f} s budget)")
            break
    timed = [p for p in points if p.get("seconds") and p["seconds"] >= 0.05]
    ks = [exponent(a, b) for a, b in zip(timed, timed[1:])]
    ks = [k for k in ks if k is not None]
    k_last = sum(ks[-2:]) / len(ks[-2:]) if ks else None
    at_target = next((p["seconds"] for p in points if p["size"] == target and p.get("seconds") is not None), None)
    t_target = at_target if at_target is not None else extrapolated
    flags = []
    if k_last is not None and k_last > 1.3:
        flags.append("SUPERLINEAR")
    if t_target is None or t_target > 10:
        flags.append("OVER-BUDGET")
    if any(p.get("error") for p in points):
        flags.append("FAILED")
    if any(p.get("bad_spans") for p in points):
        flags.append("BAD-SPANS")
    return {"case": case, "target": target, "unit": CASES[case][2], "points": points, "k": k_last,
            "target_seconds": t_target, "extrapolated": at_target is None, "flags": flags}


def cli_20mb(log: Callable[[str], None]) -> dict:
    """The CLI over a folder holding a 20 MB article among small ones: N in, N out, time and memory."""
    import shutil
    import tempfile
    sys.path.insert(0, HERE)
    from run import run_child
    d = tempfile.mkdtemp(prefix="quotes20mb")
    try:
        docs = {"a_small.txt": normal(3000), "b_20mb.txt": normal(20 * MB), "c_marks.txt": marks_only(5000),
                "d_small.txt": normal(5000)[2000:]}
        for name, text in docs.items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as fh:
                fh.write(text)
        out = os.path.join(d, "out.jsonl")
        script = os.path.join(os.path.dirname(sys.executable), "quotes")
        cmd = [script] if os.path.exists(script) else [sys.executable, "-m", "quotes"]
        r = run_child(cmd + ["extract", d, "--jobs", "2", "--no-progress", "-o", out])
        with open(out, encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh]
        summary = {"wall": r["wall"], "rc": r["rc"], "records": len(recs), "docs": len(docs),
                   "errors": [x.get("error") for x in recs if x.get("error")],
                   "quotes_in_20mb": len(recs[1]["quotes"]) if len(recs) > 1 else None,
                   "largest_process_mb": r["maxrss_mb"], "all_processes_mb": r["tree_peak_mb"]}
        log(f"\nCLI, --jobs 2, a 20 MB article among 3 small documents: {summary['records']} records for "
            f"{summary['docs']} documents in {r['wall']:.1f} s, exit {r['rc']}, errors {summary['errors']}, "
            f"{summary['quotes_in_20mb']} quotes in the 20 MB one; largest process {r['maxrss_mb']:.0f} MB, "
            f"all processes {r['tree_peak_mb']:.0f} MB")
        return summary
    finally:
        shutil.rmtree(d, ignore_errors=True)


def profile(case: str, size: int, top: int = 15) -> None:
    import cProfile
    import pstats
    from quotes import Extractor
    text = CASES[case][0](size)
    ex = Extractor()
    ex("warm up")
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.runcall(ex, text)
    print(f"{case} at {size:,} chars: {time.perf_counter() - t0:.2f} s (under the profiler)")
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", default=",".join(CASES), help="comma list (default: all)")
    ap.add_argument("--budget", type=float, default=60, help="seconds a single run may take (default 60)")
    ap.add_argument("--mem-gb", type=float, default=8, help="address-space cap per run, GB (default 8)")
    ap.add_argument("--start", type=int, default=KB, help="first size (default 1 KB)")
    ap.add_argument("--cli20", action="store_true", help="also run the CLI over a folder holding a 20 MB article")
    ap.add_argument("--child", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    ap.add_argument("--profile", nargs=2, metavar=("CASE", "SIZE"), help="profile one input and exit")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return 0
    if args.profile:
        profile(args.profile[0], int(args.profile[1]))
        return 0
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in cases if c not in CASES]
    if unknown:
        ap.error(f"unknown cases: {', '.join(unknown)} (known: {', '.join(CASES)})")
    log = lambda s: print(s, flush=True)  # noqa: E731
    log(f"# fast engine, Python {sys.version.split()[0]}, budget {args.budget:.0f} s per run, load {os.getloadavg()[0]:.2f}")
    results = []
    for case in cases:
        results.append(series(case, args.budget, args.mem_gb, args.start, log))
    log("\n| case | target size | time at target | exponent k | quotes | warnings | peak RSS | flags |")
    log("|---|---|---:|---:|---:|---:|---:|---|")
    for r in results:
        last = next((p for p in reversed(r["points"]) if p.get("seconds") is not None), {})
        t = r["target_seconds"]
        ts = "-" if t is None else (f"~{t:,.0f} s" if r["extrapolated"] else f"{t:.2f} s")
        k = "-" if r["k"] is None else f"{r['k']:.2f}"
        sz = f"{r['target']:,} chars ({r['unit']})"
        log(f"| {r['case']} | {sz} | {ts} | {k} | {last.get('quotes', '-')} | {last.get('warnings', '-')} | "
            f"{last.get('maxrss_mb', 0):.0f} MB | {' '.join(r['flags']) or 'ok'} |")
    cli = cli_20mb(log) if args.cli20 else None
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    with open(os.path.join(HERE, "out", "pathological.json"), "w") as fh:
        json.dump({"cases": results, "cli20": cli}, fh, indent=1)
    bad = [r["case"] for r in results if r["flags"]]
    log(f"\n{len(bad)} of {len(results)} cases flagged" + (f": {', '.join(bad)}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
