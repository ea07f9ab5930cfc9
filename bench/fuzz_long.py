"""The long fuzz run: a million inputs or more, on every core, with the properties of tests/test_fuzz.py.

    python bench/fuzz_long.py                         # 1,000,000 inputs, all cores
    python bench/fuzz_long.py --n 20000 --jobs 1      # a quick look
    python bench/fuzz_long.py --hashseeds 20000       # also compare outputs across PYTHONHASHSEED

Inputs come from four seeded generators, in turn:
  unicode    random code points: ASCII, Latin, general BMP, astral, combining marks, controls and NUL,
             every quote mark, line and paragraph separators, now and then a lone surrogate
  pieces     quote marks, apostrophes, names, cue words, pronouns, punctuation and markup, joined by
             spaces and line breaks (the vocabulary of tests/test_fuzz.py)
  sentences  the attribution shapes (`“…,” X said.`, `X said: “…”`, interrupted, multi-paragraph,
             `According to X, …`) with marks drawn at random
  mutants    a window of a fixture article with 1-12 random edits (a mark inserted or deleted, text
             cut, duplicated or swapped, a line break, a name or a cue spliced in, a random character)
Each input is checked as tests/test_fuzz.py checks it (no exception; spans inside the text and equal
to their slice; kinds, types and entity ids valid; the same result twice; to_dict/from_dict and JSON
round trips). A failure is kept per signature (exception type and message, or the failed check)
with its input, shrunk by delta debugging to a small reproduction. Inputs slower than --slow seconds
are reported too. The summary goes to stdout and bench/out/fuzz_long.json.
"""
from __future__ import annotations

import argparse
import glob
import json
import multiprocessing as mp
import os
import random
import subprocess
import sys
import time
import traceback
from typing import Callable, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)  # this checkout's code, not whichever one is installed
sys.path.insert(1, os.path.join(ROOT, "tests"))

import test_fuzz as tf  # noqa: E402  (the vocabulary and the checks)

GENERATORS = ("unicode", "pieces", "sentences", "mutants")
_FIXTURES: List[str] = []


def _fixtures() -> List[str]:
    if not _FIXTURES:
        for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "*.txt"))):
            with open(path, encoding="utf-8") as fh:
                _FIXTURES.append(fh.read())
    return _FIXTURES


# ----------------------------------------------------------------------------- generators
_RANGES = [(0x20, 0x7E, 30), (0x00, 0x1F, 2), (0xA0, 0x24F, 6), (0x300, 0x36F, 2), (0x370, 0x52F, 2),
           (0x590, 0x6FF, 2), (0x900, 0x97F, 1), (0x2000, 0x206F, 6), (0x3000, 0x303F, 2), (0x4E00, 0x9FFF, 2),
           (0xAC00, 0xD7A3, 1), (0xFF00, 0xFFEF, 1), (0xFFF0, 0xFFFF, 1), (0x1F300, 0x1FAFF, 1), (0x10000, 0x10FFFF, 1),
           (0xD800, 0xDFFF, 0.2)]
_WEIGHTS = [w for _, _, w in _RANGES]


def gen_unicode(rng: random.Random) -> str:
    n = rng.choice((rng.randint(0, 20), rng.randint(0, 200), rng.randint(0, 1000)))
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.12:
            out.append(rng.choice(tf.MARK_CHARS))
        elif r < 0.2:
            out.append(rng.choice(" \n\n\t\u00a0\u2028\u2029\r"))
        else:
            lo, hi, _ = rng.choices(_RANGES, _WEIGHTS)[0]
            out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


_VOCAB = [tf.MARKS, tf.MARKS, tf.APOSTROPHES, tf.NAMES, tf.CUES, tf.PRONOUNS, tf.WORDS, tf.PUNCT, tf.MARKUP]


def gen_pieces(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(0, 120)):
        if rng.random() < 0.08:
            out.append(gen_unicode_short(rng))
        else:
            out.append(rng.choice(rng.choice(_VOCAB)))
        out.append(rng.choice(tf.SPACE))
    return "".join(out)


def gen_unicode_short(rng: random.Random) -> str:
    return "".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(1, 3)))


def gen_sentences(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 10)):
        op, cl = rng.choice(tf.MARKS), rng.choice(tf.MARKS)
        words = " ".join(rng.choice(tf.WORDS + tf.PRONOUNS + tf.APOSTROPHES) for _ in range(rng.randint(0, 14)))
        who, cue = rng.choice(tf.NAMES + tf.PRONOUNS), rng.choice(tf.CUES)
        end = rng.choice(tf.PUNCT + [""])
        shape = rng.randint(0, 9)
        s = [f"{op}{words}{end}{cl} {who} {cue}.", f"{who} {cue}: {op}{words}{end}{cl}",
             f"{op}{words},{cl} {cue} {who}, {op}{words}.{cl}", f"According to {who}, {words}.",
             f"{who} {cue} that {words} {op}{words}{cl}.", f"{op}{words}\n\n{op}{words}{end}{cl} {who} {cue}.",
             f"{who}: {words}{end}", f"The so-called {op}{words}{cl} {cue} {who}.",
             f"{op}{words}{end}{cl} \u2014 {who}", f"{who}, {words}, {cue} {op}{words}{cl}"][shape]
        out.append(s + rng.choice([" ", "\n", "\n\n"]))
    return "".join(out)


_EDIT_INSERTS = None


def gen_mutant(rng: random.Random) -> str:
    global _EDIT_INSERTS
    if _EDIT_INSERTS is None:
        _EDIT_INSERTS = list(tf.MARKS) * 3 + tf.NAMES + tf.CUES + tf.APOSTROPHES + ["\n", "\n\n", " ", ". ", ", "]
    doc = rng.choice(_fixtures())
    size = rng.choice((200, 600, 1500, 3000))
    s = rng.randrange(max(1, len(doc) - size))
    text = doc[s:s + size]
    for _ in range(rng.randint(1, 12)):
        if not text:
            text = rng.choice(_EDIT_INSERTS)
        i = rng.randrange(len(text) + 1)
        j = min(len(text), i + rng.randint(1, 40))
        op = rng.randrange(6)
        if op == 0:
            text = text[:i] + rng.choice(_EDIT_INSERTS) + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:i] + text[i:j] * rng.randint(2, 4) + text[j:]
        elif op == 3:
            k = rng.randrange(len(text) + 1)
            a, b = sorted((i, k))
            text = text[b:] + text[a:b] + text[:a]
        elif op == 4:
            text = text[:i] + chr(rng.randint(0x20, 0xFFFF) if rng.random() < 0.9 else rng.randint(0x10000, 0x10FFFF)) \
                + text[j:]
        else:
            text = text[:i] + rng.choice(tf.MARK_CHARS) + text[i:j] + rng.choice(tf.MARK_CHARS) + text[j:]
    return text


GEN: Dict[str, Callable[[random.Random], str]] = {"unicode": gen_unicode, "pieces": gen_pieces,
                                                 "sentences": gen_sentences, "mutants": gen_mutant}


def make_input(seed: int, i: int) -> Tuple[str, str]:
    rng = random.Random(seed * 1_000_003 + i)
    name = GENERATORS[i % len(GENERATORS)]
    return name, GEN[name](rng)


# ----------------------------------------------------------------------------- checking
def failure_of(text: str) -> Optional[Tuple[str, str]]:
    """(signature, detail) when the text breaks a property, else None."""
    try:
        tf.check_all(text)
    except AssertionError as e:
        msg = str(e).split("\n")[0]
        sig = "check: " + _generalise(msg)
        return sig, traceback.format_exc(limit=3)[-1500:]
    except Exception as e:  # noqa: BLE001
        tb = traceback.extract_tb(e.__traceback__)
        where = next((f for f in reversed(tb) if "/quotes/" in f.filename), tb[-1])
        sig = f"{type(e).__name__} at {os.path.basename(where.filename)}:{where.lineno} ({where.name})"
        return sig, traceback.format_exc()[-3000:]
    return None


def _generalise(msg: str) -> str:
    """A failed check's message without its numbers and quoted text, so one bug is one signature."""
    import re
    msg = re.sub(r"'[^']*'|\"[^\"]*\"", "…", msg)
    return re.sub(r"\d+", "N", msg)[:160]


def shrink(text: str, sig: str, budget_s: float = 20.0) -> str:
    """Delta debugging (ddmin on characters, then on chunks): a smaller text with the same signature."""
    t0 = time.perf_counter()

    def same(t: str) -> bool:
        f = failure_of(t)
        return f is not None and f[0] == sig

    n = 2
    while len(text) >= 2 and time.perf_counter() - t0 < budget_s:
        chunk = max(1, len(text) // n)
        reduced = False
        for start in range(0, len(text), chunk):
            cand = text[:start] + text[start + chunk:]
            if cand != text and same(cand):
                text, n, reduced = cand, max(n - 1, 2), True
                break
            if time.perf_counter() - t0 > budget_s:
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(len(text), n * 2)
    return text


def work(args) -> dict:
    seed, start, count, slow = args
    fails: Dict[str, dict] = {}
    per_gen = {g: 0 for g in GENERATORS}
    slowest: List[Tuple[float, int, str, int]] = []
    chars = 0
    t0 = time.perf_counter()
    for i in range(start, start + count):
        gen, text = make_input(seed, i)
        per_gen[gen] += 1
        chars += len(text)
        t = time.perf_counter()
        f = failure_of(text)
        dt = time.perf_counter() - t
        if dt > slow:
            slowest.append((dt, i, gen, len(text)))
        if f is not None:
            sig, detail = f
            old = fails.get(sig)
            if old is None:
                fails[sig] = {"signature": sig, "count": 1, "input": text, "index": i, "generator": gen, "detail": detail}
            else:
                old["count"] += 1
                if len(text) < len(old["input"]):
                    old.update(input=text, index=i, generator=gen, detail=detail)
    return {"n": count, "chars": chars, "per_gen": per_gen, "fails": fails, "slow": slowest,
            "seconds": time.perf_counter() - t0}


# ----------------------------------------------------------------------------- cross-hash-seed determinism
def hashseed_check(seed: int, n: int) -> dict:
    """Outputs of n inputs in two processes with different PYTHONHASHSEED: set and dict order must not leak."""
    inputs = [make_input(seed + 7, i)[1] for i in range(n)]
    path = os.path.join(HERE, "out", "fuzz_hashseed_inputs.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(inputs, fh, ensure_ascii=True)
    code = ("import json, sys; from quotes import Extractor; ex = Extractor(); "
            "texts = json.load(open(sys.argv[1], encoding='utf-8')); "
            "print(json.dumps([ex(t).to_dict() for t in texts], ensure_ascii=True))")
    outs = []
    for hs in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hs)
        p = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, env=env, cwd=ROOT)
        if p.returncode != 0:
            return {"n": n, "error": p.stderr[-2000:]}
        outs.append(json.loads(p.stdout))
    diff = [i for i, (a, b) in enumerate(zip(*outs)) if a != b]
    first = None
    if diff:
        i = diff[0]
        first = {"index": i, "input": inputs[i], "hashseed1": outs[0][i], "hashseed2": outs[1][i]}
    return {"n": n, "differ": len(diff), "first": first}


def _git_rev() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "quotes"], cwd=ROOT, capture_output=True, text=True).stdout
        return rev + ("+dirty" if dirty.strip() else "")
    except OSError:
        return "?"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="inputs (default 1,000,000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=5000)
    ap.add_argument("--slow", type=float, default=1.0, help="report inputs slower than this (seconds)")
    ap.add_argument("--hashseeds", type=int, default=20000, help="inputs for the PYTHONHASHSEED comparison (0: skip)")
    ap.add_argument("--shrink-seconds", type=float, default=30.0)
    args = ap.parse_args(argv)
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    rev = _git_rev()  # the version under test: taken at the start, the library may change during a long run
    tasks = [(args.seed, s, min(args.chunk, args.n - s), args.slow) for s in range(0, args.n, args.chunk)]
    t0 = time.perf_counter()
    total = {"n": 0, "chars": 0, "per_gen": {g: 0 for g in GENERATORS}}
    fails: Dict[str, dict] = {}
    slow: List[tuple] = []
    ctx = mp.get_context("fork")
    with ctx.Pool(args.jobs) as pool:
        for r in pool.imap_unordered(work, tasks):
            total["n"] += r["n"]
            total["chars"] += r["chars"]
            for g, c in r["per_gen"].items():
                total["per_gen"][g] += c
            for sig, f in r["fails"].items():
                old = fails.get(sig)
                if old is None:
                    fails[sig] = f
                else:
                    old["count"] += f["count"]
                    if len(f["input"]) < len(old["input"]):
                        f["count"] = old["count"]
                        fails[sig] = f
            slow.extend(r["slow"])
            el = time.perf_counter() - t0
            print(f"\r  {total['n']:,} inputs  {total['n'] / el:,.0f}/s  {len(fails)} failure signatures  "
                  f"{len(slow)} slow", end="", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t0
    print(file=sys.stderr)
    for f in fails.values():
        f["shrunk"] = shrink(f["input"], f["signature"], args.shrink_seconds)
    hs = hashseed_check(args.seed, args.hashseeds) if args.hashseeds else None
    slow.sort(reverse=True)
    summary = {"quotes": rev, "inputs": total["n"], "chars": total["chars"], "per_generator": total["per_gen"], "jobs": args.jobs,
               "seed": args.seed, "seconds": round(elapsed, 1), "rate_per_s": round(total["n"] / elapsed),
               "failure_signatures": len(fails), "failing_inputs": sum(f["count"] for f in fails.values()),
               "failures": sorted(fails.values(), key=lambda f: -f["count"]),
               "slow": [{"seconds": round(dt, 2), "index": i, "generator": g, "chars": n,
                         "input_head": make_input(args.seed, i)[1][:200]} for dt, i, g, n in slow[:20]],
               "hashseed": hs}
    with open(os.path.join(HERE, "out", "fuzz_long.json"), "w", encoding="utf-8") as fh:
        json.dump(summary, fh, indent=1, ensure_ascii=True)
    print(f"quotes {summary['quotes']}")
    print(f"inputs: {total['n']:,} ({', '.join(f'{g} {c:,}' for g, c in total['per_gen'].items())}), "
          f"{total['chars']:,} characters")
    print(f"time: {elapsed:,.0f} s on {args.jobs} processes ({total['n'] / elapsed:,.0f} inputs/s)")
    print(f"failures: {summary['failing_inputs']} inputs, {len(fails)} signatures")
    for f in summary["failures"]:
        print(f"  - {f['signature']}  x{f['count']}  (first from {f['generator']}, input #{f['index']})")
        print(f"    shrunk input: {f['shrunk']!r}")
        print("    " + f["detail"].strip().splitlines()[-1][:300])
    print(f"slow inputs (> {args.slow:g} s): {len(slow)}")
    for s in summary["slow"][:10]:
        print(f"  - {s['seconds']} s, {s['chars']} chars from {s['generator']} (input #{s['index']})")
    if hs is not None:
        if "error" in hs:
            print(f"PYTHONHASHSEED 1 vs 2: could not run: {hs['error'][-300:]}")
        else:
            print(f"PYTHONHASHSEED 1 vs 2 over {hs['n']:,} inputs: {hs['differ']} outputs differ")
            if hs["first"]:
                print(f"  first: {hs['first']['input'][:300]!r}")
    return 1 if fails or (hs and hs.get("differ")) else 0


if __name__ == "__main__":
    sys.exit(main())
