"""Throughput, memory and latency of the fast engine: the table in README.md ("Performance").

    python bench/make_corpus.py && python bench/run.py
    python bench/run.py --repeat 1          # quicker, noisier

Measures, over the corpus bench/make_corpus.py writes to bench/out/:
  - in-process `Extractor` on one core, in a fresh interpreter (texts read first; only extraction
    is timed; caches start cold, as in the CLI)
  - the CLI with --jobs 1 and --jobs 2 over the folder of *.txt (and over the JSONL file):
    wall time start to finish, so start-up and writing the output are included
  - the same on the 700-word set (680-720 words per article)
  - peak RSS: the largest single process (wait4's ru_maxrss, what `/usr/bin/time -v` prints)
    and the whole process tree (parent + workers, sampled from /proc every 10 ms)
  - the CLI's one-shot latency on one ~700-word article (median of --oneshot runs), with the
    default --jobs and with --jobs 1
  - `import quotes` and `Extractor()` times
The package's byte code is compiled first, as pip compiles it at install.
Throughput figures are the best of --repeat runs (the least disturbed by other load on the
machine); the load average is printed so a noisy run shows. Results also go to bench/out/bench.json.
"""
from __future__ import annotations

import argparse
import compileall
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
PY = sys.executable


def _quotes_cmd() -> List[str]:
    """`python -m quotes`, run in ROOT: the code of this checkout. (The console script imports
    whichever checkout is installed, which need not be this one: a worktree, a branch.)"""
    return [PY, "-m", "quotes"]


# ----------------------------------------------------------------------------- process-tree memory
def _children(pid: int) -> List[int]:
    kids: List[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and its descendants."""

    def __init__(self, pid: int, every: float = 0.01):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb, self.stop_flag = pid, every, 0, False

    def run(self):
        while not self.stop_flag:
            todo, total, seen = [self.pid], 0, set()
            while todo:
                p = todo.pop()
                if p in seen:
                    continue
                seen.add(p)
                total += _rss_kb(p)
                todo.extend(_children(p))
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(self.every)


def run_child(cmd: List[str], stdin_path: Optional[str] = None, sample: bool = True) -> Dict:
    """Run cmd; wall time, exit status, ru_maxrss (largest process) and the sampled tree peak."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    sampler = TreeSampler(p.pid) if sample else None
    if sampler:
        sampler.start()
    # read stderr in a thread so a chatty child cannot block; then reap with wait4 for its rusage
    err_chunks: List[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(p.stderr.read()), daemon=True)
    reader.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    if sampler:
        sampler.stop_flag = True
        sampler.join()
    if stdin_path:
        stdin.close()
    return {"wall": wall, "rc": p.returncode, "maxrss_mb": ru.ru_maxrss / 1024,
            "tree_peak_mb": (sampler.peak_kb / 1024) if sampler else None,
            "stderr": b"".join(err_chunks).decode("utf-8", "replace")[-2000:]}


# ----------------------------------------------------------------------------- measurements
def corpus_texts(folder: str) -> List[str]:
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            out.append(fh.read())
    if not out:
        sys.exit(f"no *.txt in {folder}: run `python bench/make_corpus.py` first")
    return out


_IN_PROCESS = """
import glob, json, os, sys, time
texts = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
    with open(path, encoding="utf-8") as fh:
        texts.append(fh.read())
from quotes import Extractor
ex = Extractor()
t0 = time.perf_counter()
for i, t in enumerate(texts):
    ex(t, id=str(i))
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""


def in_process(folder: str, n_docs: int, nbytes: int, repeat: int) -> Dict:
    """One pass of Extractor over the texts in a fresh interpreter (caches cold, as in the CLI), the
    texts read before the clock starts; the best of `repeat` fresh runs."""
    best = None
    for _ in range(repeat):
        out = subprocess.run([PY, "-c", _IN_PROCESS, folder], capture_output=True, text=True, cwd=ROOT, check=True)
        dt = json.loads(out.stdout.strip().splitlines()[-1])["seconds"]
        best = dt if best is None else min(best, dt)
    return {"docs": n_docs, "bytes": nbytes, "seconds": best, "docs_s": n_docs / best, "mb_s": nbytes / best / 1e6}


def check_output(path: str, n: int) -> str:
    """N in = N out: one JSONL record per document, none an error."""
    records = errors = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            records += 1
            if '"error"' in line and json.loads(line).get("error"):
                errors += 1
    ok = "ok" if records == n and errors == 0 else "MISMATCH"
    return f"{ok}: {records} records for {n} docs, {errors} errors"


_TMP = tempfile.mkdtemp(prefix="quotes-bench-")  # private: two runs at once must not share output files


def cli_run(args: List[str], n_docs: int, nbytes: int, repeat: int, label: str) -> Dict:
    out_path = os.path.join(_TMP, f"bench_{label}.jsonl")
    runs = []
    for _ in range(repeat):
        r = run_child(_quotes_cmd() + ["extract"] + args + ["--format", "jsonl", "--no-progress", "-o", out_path])
        if r["rc"] not in (0, 1):  # 1: some documents failed (counted by check_output)
            sys.exit(f"{label}: quotes exited {r['rc']}:\n{r['stderr']}")
        runs.append(r)
    best = min(runs, key=lambda r: r["wall"])
    return {"docs": n_docs, "bytes": nbytes, "seconds": best["wall"], "docs_s": n_docs / best["wall"],
            "mb_s": nbytes / best["wall"] / 1e6, "maxrss_mb": max(r["maxrss_mb"] for r in runs),
            "tree_peak_mb": max(r["tree_peak_mb"] for r in runs), "check": check_output(out_path, n_docs),
            "all_seconds": [round(r["wall"], 2) for r in runs], "stderr": best["stderr"][-500:]}


def oneshot(path: str, runs: int, extra: List[str]) -> Dict:
    walls = []
    for _ in range(runs):
        r = run_child(_quotes_cmd() + ["extract", path, "--format", "jsonl", "-o", os.devnull] + extra, sample=False)
        if r["rc"] not in (0, 1):
            sys.exit(f"one-shot: quotes exited {r['rc']}:\n{r['stderr']}")
        walls.append(r["wall"])
    return {"median": statistics.median(walls), "min": min(walls), "max": max(walls), "runs": runs}


def python_snippet_time(code: str, runs: int) -> float:
    vals = []
    for _ in range(runs):
        out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
        vals.append(float(out.strip().splitlines()[-1]))
    return statistics.median(vals)


def wall_of(cmd: List[str], runs: int) -> float:
    vals = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        vals.append(time.perf_counter() - t0)
    return statistics.median(vals)


def git_rev() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "quotes"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except OSError:
        return "?"


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


# ----------------------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(OUT, "corpus"))
    ap.add_argument("--corpus700", default=os.path.join(OUT, "corpus700"))
    ap.add_argument("--one", default=os.path.join(OUT, "one700.txt"))
    ap.add_argument("--repeat", type=int, default=3, help="runs per throughput figure; the best is kept (default 3)")
    ap.add_argument("--oneshot", type=int, default=11, help="runs of the one-shot latency (default 11)")
    ap.add_argument("--skip-jsonl", action="store_true", help="skip the JSONL-input CLI rows")
    args = ap.parse_args(argv)
    os.makedirs(OUT, exist_ok=True)
    # Byte code, as an installed package has it (pip compiles at install; a checkout writes it at the
    # first import unless PYTHONDONTWRITEBYTECODE is set, as on this machine): the start-up figures
    # then show what a user waits for, not the compiling of the package's sources.
    compileall.compile_dir(os.path.join(ROOT, "quotes"), quiet=1)

    texts = corpus_texts(args.corpus)
    texts700 = corpus_texts(args.corpus700)
    n, nb = len(texts), sum(len(t.encode("utf-8")) for t in texts)
    n7, nb7 = len(texts700), sum(len(t.encode("utf-8")) for t in texts700)
    words = sum(len(t.split()) for t in texts) / n
    words7 = sum(len(t.split()) for t in texts700) / n7
    load0 = os.getloadavg()
    info = {"python": platform.python_version(), "cpu": cpu_name(), "cores": os.cpu_count(), "quotes": git_rev(),
            "corpus": f"{n} articles, {words:.0f} words and {nb / n / 1024:.1f} KB on average, {nb / 1e6:.1f} MB",
            "corpus700": f"{n7} articles, {words7:.0f} words and {nb7 / n7 / 1024:.1f} KB on average, {nb7 / 1e6:.1f} MB"}
    print(f"# quotes {info['quotes']}, Python {info['python']}, {info['cores']} cores ({info['cpu']})", flush=True)
    print(f"# corpus: {info['corpus']}\n# 700-word set: {info['corpus700']}", flush=True)
    print(f"# load average before: {load0[0]:.2f}", flush=True)
    if load0[0] > 0.5:
        print("# (the machine is not idle: figures may come out low)", flush=True)

    res: Dict[str, Dict] = {}
    loads = [load0[0]]

    def step(s: str, sample: bool = True) -> None:
        if sample:  # only while this script runs one process: --jobs 2 raises the load by itself
            loads.append(os.getloadavg()[0])
        print(f"  ... {s}", file=sys.stderr, flush=True)
    step("in-process, corpus")
    res["inproc"] = in_process(args.corpus, n, nb, args.repeat)
    step("in-process, 700-word set")
    res["inproc700"] = in_process(args.corpus700, n7, nb7, args.repeat)
    for jobs in (1, 2):
        step(f"CLI --jobs {jobs}, corpus folder", jobs == 1)
        res[f"cli{jobs}"] = cli_run([args.corpus, "--jobs", str(jobs)], n, nb, args.repeat, f"cli{jobs}")
        step(f"CLI --jobs {jobs}, 700-word folder", jobs == 1)
        res[f"cli{jobs}_700"] = cli_run([args.corpus700, "--jobs", str(jobs)], n7, nb7, args.repeat, f"cli{jobs}_700")
        jsonl = args.corpus.rstrip("/") + ".jsonl"
        if not args.skip_jsonl and os.path.exists(jsonl):
            step(f"CLI --jobs {jobs}, corpus JSONL", jobs == 1)
            res[f"cli{jobs}_jsonl"] = cli_run([jsonl, "--input-format", "jsonl", "--jobs", str(jobs)], n, nb,
                                              args.repeat, f"cli{jobs}_jsonl")
    step("one-shot latency", False)
    one_default = oneshot(args.one, args.oneshot, [])
    one_j1 = oneshot(args.one, args.oneshot, ["--jobs", "1"])
    step("import time", False)
    imp = python_snippet_time("import time; t = time.perf_counter(); import quotes; print(time.perf_counter() - t)", 7)
    ext = python_snippet_time("import time; t = time.perf_counter(); import quotes; quotes.Extractor(); "
                              "print(time.perf_counter() - t)", 7)
    bare = wall_of([PY, "-c", "pass"], 7)
    load1 = os.getloadavg()

    def row(name, r, extra=""):
        return f"| {name} | {r['docs_s']:.0f} | {r['mb_s']:.2f} | {extra} |"

    sp = res["cli2"]["docs_s"] / res["cli1"]["docs_s"]
    sp_in = res["cli2"]["docs_s"] / res["inproc"]["docs_s"]
    sp7 = res["cli2_700"]["docs_s"] / res["cli1_700"]["docs_s"]
    lines = [
        f"Corpus: {info['corpus']}; 700-word set: {info['corpus700']}.",
        f"quotes {info['quotes']}, Python {info['python']}, {info['cores']} cores ({info['cpu']}); "
        f"load average {load0[0]:.2f} before, {max(loads):.2f} at most during the one-process runs.",
        "",
        "| run | articles/s | MB/s | notes |",
        "|---|---:|---:|---|",
        row("in-process `Extractor`, 1 core", res["inproc"]),
        row("CLI `--jobs 1`", res["cli1"], f"peak RSS {res['cli1']['maxrss_mb']:.0f} MB"),
        row("CLI `--jobs 2`", res["cli2"],
            f"{sp:.2f}x `--jobs 1` ({sp_in:.2f}x in-process); largest process {res['cli2']['maxrss_mb']:.0f} MB, "
            f"all processes {res['cli2']['tree_peak_mb']:.0f} MB"),
    ]
    if "cli1_jsonl" in res:
        lines.append(row("CLI `--jobs 1`, JSONL input", res["cli1_jsonl"], f"peak RSS {res['cli1_jsonl']['maxrss_mb']:.0f} MB"))
        lines.append(row("CLI `--jobs 2`, JSONL input", res["cli2_jsonl"],
                         f"{res['cli2_jsonl']['docs_s'] / res['cli1_jsonl']['docs_s']:.2f}x; all processes "
                         f"{res['cli2_jsonl']['tree_peak_mb']:.0f} MB"))
    lines += [
        row("700-word articles: in-process, 1 core", res["inproc700"]),
        row("700-word articles: CLI `--jobs 1`", res["cli1_700"]),
        row("700-word articles: CLI `--jobs 2`", res["cli2_700"],
            f"{sp7:.2f}x `--jobs 1` ({res['cli2_700']['docs_s'] / res['inproc700']['docs_s']:.2f}x in-process)"),
        "",
        "| latency | seconds |",
        "|---|---:|",
        f"| CLI one-shot, one {len(open(args.one, encoding='utf-8').read().split())}-word article, default `--jobs` "
        f"(median of {one_default['runs']}) | {one_default['median']:.3f} |",
        f"| CLI one-shot, same article, `--jobs 1` (median of {one_j1['runs']}) | {one_j1['median']:.3f} |",
        f"| `import quotes` | {imp:.3f} |",
        f"| `import quotes` + `Extractor()` | {ext:.3f} |",
        f"| `python -c pass` (interpreter start, for scale) | {bare:.3f} |",
    ]
    print("\n".join(lines))
    print("\nN in = N out:")
    for k in sorted(res):
        if "check" in res[k]:
            print(f"  {k}: {res[k]['check']}  (runs: {res[k]['all_seconds']} s)")
            if res[k].get("stderr"):
                print("    stderr: " + res[k]["stderr"].strip().replace("\n", "\n    stderr: "))
    targets = [
        ("in-process >= 300 articles/s on 700-word articles", res["inproc700"]["docs_s"] >= 300),
        ("CLI --jobs 1 >= 300 articles/s on 700-word articles", res["cli1_700"]["docs_s"] >= 300),
        ("--jobs 2 >= 1.7x --jobs 1 (700-word set)", sp7 >= 1.7),
        ("--jobs 2 >= 1.7x --jobs 1 (corpus)", sp >= 1.7),
        ("--jobs 2 >= 1.7x in-process one core (700-word set)",
         res["cli2_700"]["docs_s"] / res["inproc700"]["docs_s"] >= 1.7),
        ("peak RSS < 150 MB, CLI --jobs 1 over the corpus", res["cli1"]["maxrss_mb"] < 150),
        ("peak RSS < 150 MB, largest process, CLI --jobs 2", res["cli2"]["maxrss_mb"] < 150),
        ("CLI one-shot < 0.3 s (default --jobs)", one_default["median"] < 0.3),
        ("CLI one-shot < 0.3 s (--jobs 1)", one_j1["median"] < 0.3),
    ]
    print("\nTargets:")
    for name, ok in targets:
        print(f"  [{'pass' if ok else 'FAIL'}] {name}")
    shutil.rmtree(_TMP, ignore_errors=True)
    if max(loads) > 1.5:
        print(f"\nNOTE: load average reached {max(loads):.1f} on {info['cores']} cores: something else was "
              "running, so the figures (above all the --jobs 2 speed-up) are low; run again on an idle machine.")
    with open(os.path.join(OUT, "bench.json"), "w") as fh:
        json.dump({"info": info, "load": [load0, load1], "results": res, "oneshot_default": one_default,
                   "oneshot_jobs1": one_j1, "import_s": imp, "import_extractor_s": ext, "python_start_s": bare,
                   "table": lines, "targets": targets}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
