#!/usr/bin/env python
"""Benchmark ``geokit resolve``: cold start, warm throughput, memory.

Prints:

- cold: median wall time of ``geokit resolve "Khan Touman"`` as a fresh
  process (several runs, after one warm-up that writes the bytecode and the
  resolver index caches), beside a bare ``python -c pass`` timed the same way;
- warm exact/folded: names per second over distinct gazetteer names that hit
  exactly or after folding (best of five passes over the sample: the
  machine may be shared);
- warm fuzzy: names per second over the same names with one typo each (a
  consonant dropped, doubled, swapped or replaced), and how many of those
  still resolve to the place they came from;
- memory: peak resident set of the cold process and of this (warm) one.

Child processes run with bytecode caching on (``PYTHONDONTWRITEBYTECODE``
removed from their environment), as an installed package runs.

Usage::

    python scripts/bench_resolve.py [--runs 7] [--names 20000] [--typos 3000]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _geokit_command() -> list[str]:
    script = Path(sys.executable).with_name("geokit")
    if script.is_file():
        return [str(script)]
    found = shutil.which("geokit")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from geokit.cli import main; sys.argv[0] = 'geokit'; main()"]


def time_command(cmd: list[str], runs: int) -> list[float]:
    env = _child_env()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env)
        out.append(time.perf_counter() - t)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode(errors='replace')[-400:]}")
    return out


def cold(runs: int) -> None:
    cmd = _geokit_command() + ["resolve", "Khan Touman"]
    time_command(cmd, 1)  # warm-up: bytecode and index caches
    # interleave so that machine load hits both alike
    pass_times, geokit_times = [], []
    for _ in range(runs):
        pass_times += time_command([sys.executable, "-c", "pass"], 1)
        geokit_times += time_command(cmd, 1)
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"cold  python -c pass                 median {statistics.median(pass_times):.3f} s "
          f"(min {min(pass_times):.3f})")
    print(f"cold  geokit resolve \"Khan Touman\"   median {statistics.median(geokit_times):.3f} s "
          f"(min {min(geokit_times):.3f}, {runs} runs)")
    print(f"      peak RSS of a cold process      {child_rss:.0f} MB")


def sample_names(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """Distinct gazetteer names (Latin and Arabic script) with their place ids."""
    from geokit.gazetteer import default_gazetteer

    seen: set[str] = set()
    pool = []
    for place_id, name, _lang, script, _type, _key, _skel in default_gazetteer().iter_names():
        if script in ("Latn", "Arab") and name not in seen and 3 <= len(name) <= 40:
            seen.add(name)
            pool.append((name, place_id))
    random.Random(seed).shuffle(pool)
    return pool[:n]


_CONSONANTS = "bdfghjklmnqrstwz"


def typo(name: str, rng: random.Random) -> str:
    positions = [i for i, c in enumerate(name) if c.isalpha()]
    if len(positions) < 4:
        return name
    i = rng.choice(positions[1:-1])
    kind = rng.randrange(4)
    if kind == 0:
        return name[:i] + name[i + 1:]                      # dropped
    if kind == 1:
        return name[:i] + name[i] + name[i:]                # doubled
    if kind == 2 and i + 1 < len(name) and name[i + 1].isalpha():
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]  # swapped
    if name[i].isascii():
        return name[:i] + rng.choice(_CONSONANTS) + name[i + 1:]  # replaced
    return name[:i] + name[i + 1:]


def throughput(names: list[str], passes: int = 5) -> tuple[float, list]:
    from geokit.resolver import resolve

    best = 0.0
    results: list = []
    for _ in range(passes):
        t = time.perf_counter()
        results = [resolve(n) for n in names]
        rate = len(names) / (time.perf_counter() - t)
        best = max(best, rate)
    return best, results


def warm(n_names: int, n_typos: int) -> None:
    from geokit._index import get_index

    t = time.perf_counter()
    get_index().load()
    load_s = time.perf_counter() - t
    sample = sample_names(n_names)
    names = [n for n, _ in sample]
    rate, results = throughput(names)
    hits = sum(1 for r in results if r.best is not None and r.best.match in ("exact", "folded"))
    right = sum(1 for r, (_, pid) in zip(results, sample) if r.best is not None and r.best.place.id == pid)
    print(f"warm  index load into memory          {load_s:.2f} s")
    print(f"warm  exact/folded                    {rate:,.0f} names/s over {len(names):,} distinct names "
          f"({100 * hits / len(names):.1f}% exact/folded hits, {100 * right / len(names):.1f}% their own place)")
    rng = random.Random(11)
    typo_sample = [(typo(n, rng), pid) for n, pid in sample[:n_typos]]
    typo_sample = [(t_, pid) for (t_, pid), (n, _) in zip(typo_sample, sample) if t_ != n]
    rate, results = throughput([t_ for t_, _ in typo_sample])
    resolved = sum(1 for r in results if r.best is not None)
    right = sum(1 for r, (_, pid) in zip(results, typo_sample) if r.best is not None and r.best.place.id == pid)
    fuzzy = sum(1 for r in results if r.best is not None and r.best.match == "fuzzy")
    print(f"warm  with one typo each              {rate:,.0f} names/s over {len(typo_sample):,} names "
          f"({100 * resolved / len(typo_sample):.1f}% resolved, {100 * right / len(typo_sample):.1f}% to their "
          f"own place, {100 * fuzzy / len(typo_sample):.1f}% by fuzzy match)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"      peak RSS of this warm process   {rss:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="cold runs (median reported)")
    ap.add_argument("--names", type=int, default=20000, help="distinct names for the warm exact/folded run")
    ap.add_argument("--typos", type=int, default=3000, help="names with a typo for the warm fuzzy run")
    ap.add_argument("--skip-cold", action="store_true", help="only the in-process figures")
    args = ap.parse_args(argv)
    if not args.skip_cold:
        cold(args.runs)
    warm(args.names, args.typos)
    return 0


if __name__ == "__main__":
    sys.exit(main())
