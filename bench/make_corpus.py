"""Make the benchmark corpus: news-like articles recombined from the project's own fixtures.

    python bench/make_corpus.py            # -> bench/out/ (git-ignored)
    python bench/make_corpus.py --n 2000 --n700 600 --seed 7 --out bench/out

Every article is built from paragraphs of fixtures/*.txt (the project's own writing; nothing else is
read): runs of consecutive paragraphs from one fixture, now and then a paragraph stitched from
sentences of two, with the people's names swapped (per article, from the pool of names the fixtures
use), digits re-drawn and headlines mixed, so no two articles are the same text. The RNG is seeded:
the same arguments give the same bytes.

Writes
  bench/out/corpus/NNNNN.txt       --n articles, 400-1,500 words (uniform)
  bench/out/corpus.jsonl           the same articles, {"id", "text"} per line
  bench/out/corpus700/NNNNN.txt    --n700 articles of 680-720 words (the "700-word" figure)
  bench/out/corpus700.jsonl
  bench/out/one700.txt             one ~700-word article (the CLI's one-shot latency)
  bench/out/corpus.stats.json      counts, words and bytes
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import shutil
import sys
from typing import Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "fixtures")

_SENT_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019]))\s+(?=[A-Z\u201c\"])")
_DIGITS = re.compile(r"\d+")


class Fixture:
    def __init__(self, name: str, text: str, people: List[str]):
        lines = [ln.strip() for ln in text.splitlines()]
        lines = [ln for ln in lines if ln]
        self.name = name
        self.headline = lines[0]
        self.paragraphs = lines[1:]
        self.people = people  # full names of PERSON entities (from the gold file)


def load_fixtures(folder: str = FIXTURES) -> List[Fixture]:
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        people: List[str] = []
        gold = os.path.join(folder, name + ".gold.json")
        if os.path.exists(gold):
            with open(gold, encoding="utf-8") as fh:
                g = json.load(fh)
            people = [e["name"] for e in g.get("entities", ()) if e.get("type") == "PERSON" and " " in e["name"]]
        out.append(Fixture(name, text, people))
    if not out:
        sys.exit(f"no fixtures in {folder}")
    return out


def name_pools(fixtures: List[Fixture]) -> Tuple[List[str], List[str]]:
    firsts, lasts = set(), set()
    for f in fixtures:
        for full in f.people:
            parts = full.split()
            firsts.add(parts[0])
            lasts.add(parts[-1])
    return sorted(firsts), sorted(lasts)


def _renamer(fixture: Fixture, rng: random.Random, firsts: List[str], lasts: List[str]):
    """A function that swaps this fixture's people for other names (consistently within an article)."""
    subs: Dict[str, str] = {}
    for full in fixture.people:
        parts = full.split()
        if parts[-1] not in subs:
            new_last = rng.choice(lasts)
            if rng.random() < 0.3:
                new_last = f"{new_last}-{rng.choice(lasts)}"
            subs[parts[-1]] = new_last
        if parts[0] not in subs and parts[0] != parts[-1]:
            subs[parts[0]] = rng.choice(firsts)
    if not subs:
        return lambda s: s
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(subs, key=len, reverse=True)) + r")(?![\w-])")
    return lambda s: pat.sub(lambda m: subs[m.group()], s)


def _redraw_digits(s: str, rng: random.Random) -> str:
    def one(m):
        d = m.group()
        if len(d) == 4 and d[:2] in ("19", "20"):  # a year stays a year
            return d[:3] + rng.choice("0123456789")
        first = rng.choice("123456789") if d[0] != "0" else "0"
        return first + "".join(rng.choice("0123456789") for _ in range(len(d) - 1))
    return _DIGITS.sub(one, s)


def _words(s: str) -> int:
    return len(s.split())


def make_article(rng: random.Random, fixtures: List[Fixture], firsts: List[str], lasts: List[str],
                 lo: int, hi: int) -> str:
    target = rng.randint(lo, hi)
    head_src = rng.sample(fixtures, 2)
    headline = head_src[0].headline
    if rng.random() < 0.5:  # mix two headlines: first half of one, second half of another
        a, b = head_src[0].headline.split(), head_src[1].headline.split()
        headline = " ".join(a[:max(1, len(a) // 2)] + b[len(b) // 2:])
    renamers = {}
    paras: List[str] = []
    total = _words(headline)
    while total < target:
        f = rng.choice(fixtures)
        if f.name not in renamers:
            renamers[f.name] = _renamer(f, rng, firsts, lasts)
        r = rng.random()
        if r < 0.15 and len(fixtures) > 1:
            # a paragraph stitched from the sentences of two paragraphs (of two fixtures)
            g = rng.choice(fixtures)
            if g.name not in renamers:
                renamers[g.name] = _renamer(g, rng, firsts, lasts)
            s1 = _SENT_SPLIT.split(rng.choice(f.paragraphs))
            s2 = _SENT_SPLIT.split(rng.choice(g.paragraphs))
            k1, k2 = rng.randint(1, len(s1)), rng.randint(0, len(s2) - 1)
            run = [renamers[f.name](" ".join(s1[:k1])) + " " + renamers[g.name](" ".join(s2[k2:]))]
        else:
            start = rng.randrange(len(f.paragraphs))
            k = rng.randint(1, 5)
            run = [renamers[f.name](p) for p in f.paragraphs[start:start + k]]
        for p in run:
            p = _redraw_digits(p, rng)
            paras.append(p)
            total += _words(p)
            if total >= target:
                break
    # cut the last paragraph (at a sentence end if one fits, else at a word) to end near the target
    excess = total - target
    if excess > 0:
        last = paras[-1]
        keep = _words(last) - excess
        sents = _SENT_SPLIT.split(last)
        acc, cut = 0, []
        for s in sents:
            if acc + _words(s) > keep:
                break
            cut.append(s)
            acc += _words(s)
        if cut and keep - acc <= min(15, target - lo):
            paras[-1] = " ".join(cut)
        elif keep > 0:
            paras[-1] = " ".join(last.split()[:keep])
        else:
            paras.pop()
    sep = "\n" if rng.random() < 0.15 else "\n\n"
    return headline + sep + sep.join(paras) + "\n"


def write_set(folder: str, jsonl: str, articles: List[Tuple[str, str]]) -> None:
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    with open(jsonl, "w", encoding="utf-8") as out:
        for doc_id, text in articles:
            with open(os.path.join(folder, doc_id + ".txt"), "w", encoding="utf-8") as fh:
                fh.write(text)
            out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


def stats(articles: List[Tuple[str, str]]) -> dict:
    words = [_words(t) for _, t in articles]
    size = [len(t.encode("utf-8")) for _, t in articles]
    return {"articles": len(articles), "words_min": min(words), "words_max": max(words),
            "words_mean": round(sum(words) / len(words), 1), "bytes": sum(size),
            "bytes_mean": round(sum(size) / len(size), 1), "distinct_texts": len({t for _, t in articles})}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--n", type=int, default=2400, help="articles of 400-1,500 words (default 2400)")
    ap.add_argument("--n700", type=int, default=600, help="articles of 680-720 words (default 600)")
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args(argv)
    fixtures = load_fixtures()
    firsts, lasts = name_pools(fixtures)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    main_set = [(f"a{i:05d}", make_article(rng, fixtures, firsts, lasts, 400, 1500)) for i in range(args.n)]
    set700 = [(f"s{i:05d}", make_article(rng, fixtures, firsts, lasts, 680, 720)) for i in range(args.n700)]
    write_set(os.path.join(args.out, "corpus"), os.path.join(args.out, "corpus.jsonl"), main_set)
    write_set(os.path.join(args.out, "corpus700"), os.path.join(args.out, "corpus700.jsonl"), set700)
    one = make_article(random.Random(args.seed + 1), fixtures, firsts, lasts, 700, 700)
    with open(os.path.join(args.out, "one700.txt"), "w", encoding="utf-8") as fh:
        fh.write(one)
    st = {"seed": args.seed, "fixtures": len(fixtures), "corpus": stats(main_set), "corpus700": stats(set700),
          "one700_words": _words(one)}
    with open(os.path.join(args.out, "corpus.stats.json"), "w") as fh:
        json.dump(st, fh, indent=1)
    print(json.dumps(st, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
