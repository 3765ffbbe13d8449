#!/usr/bin/env python
"""Evaluate ``geokit.resolve`` on the Airwars development set.

Runs the resolver over ``../shared/eval/airwars_names_dev.tsv`` (beside the
repository) with the English and the Arabic name columns apart, each without
and with the row's region as ``admin=`` hint, and prints for each run: rows,
share resolved, share of rows within 1, 5 and 10 km of the reference point,
median error of the resolved rows, share of rows answered wrongly (resolved
but more than 10 km off) and share flagged ambiguous.  Shares are of all rows
of the run (for Arabic: of the rows that have an Arabic name).

Usage::

    python scripts/evaluate_resolution.py [--tsv PATH] [--misses N] [--json] [--ceiling]

``--ceiling`` also prints, per column, the share of rows that any resolver over
this gazetteer could place within 5 km: rows with a gazetteer place within 5 km
of the reference point that has a name resembling some part of the query
(rapidfuzz ratio >= 75 on name keys, a whole word inside a longer name, or the
same consonant skeleton).  A deliberately lenient upper bound: rows beyond it
name places the sources lack, or carry a reference point far from the place
they name.

The evaluation set is never read by geokit itself: it measures, it does not teach.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TSV = ROOT.parent / "shared" / "eval" / "airwars_names_dev.tsv"


def load_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def run(rows: list[dict[str, str]], column: str, hint: bool) -> dict:
    from geokit.resolver import haversine_km, resolve

    results = []
    t0 = time.perf_counter()
    for row in rows:
        query = (row.get(column) or "").strip()
        if not query:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        admin = (row.get("region") or "").strip() or None if hint else None
        res = resolve(query, admin=admin)
        best = res.best
        err = haversine_km(lat, lon, best.place.lat, best.place.lon) if best else None
        results.append({"query": query, "region": row.get("region", ""), "resolved": best is not None,
                        "ambiguous": res.ambiguous, "error_km": err,
                        "answer": f"{best.place.name} ({best.place.id}, {best.match}, {best.score})" if best else None,
                        "reason": res.reason})
    elapsed = time.perf_counter() - t0
    n = len(results)
    errs = [r["error_km"] for r in results if r["error_km"] is not None]

    def share(k: int) -> float:
        return round(100.0 * k / n, 1) if n else 0.0

    return {
        "column": column, "hint": hint, "rows": n,
        "resolved_pct": share(len(errs)),
        "within_1km_pct": share(sum(e <= 1 for e in errs)),
        "within_5km_pct": share(sum(e <= 5 for e in errs)),
        "within_10km_pct": share(sum(e <= 10 for e in errs)),
        "median_error_km": round(statistics.median(errs), 2) if errs else None,
        "wrong_pct": share(sum(e > 10 for e in errs)),
        "ambiguous_pct": share(sum(r["ambiguous"] for r in results)),
        "seconds": round(elapsed, 2),
        "results": results,
    }


def ceiling(rows: list[dict[str, str]], column: str, km: float = 5.0) -> tuple[int, int, list[str]]:
    """``(rows, reachable rows, unreachable queries)`` for *column* (see ``--ceiling``)."""
    import math
    import re
    from collections import defaultdict

    from rapidfuzz import fuzz

    from geokit.gazetteer import default_gazetteer
    from geokit.normalise import name_key, skeleton
    from geokit.resolver import haversine_km

    gaz = default_gazetteer()
    names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for pid, _name, _lang, _script, _type, key, skel in gaz.iter_names():
        if key:
            names[pid].add((key, skel))
    cell = 0.1  # degrees; a 5 km radius stays within the 3x3 cells around a point
    grid: dict[tuple[int, int], list] = defaultdict(list)
    for p in gaz.places():
        grid[(math.floor(p.lat / cell), math.floor(p.lon / cell))].append(p)
    split = re.compile(r"\s*(?:,|\(|\)|:|/| - | near | in | and | or | between )\s*", re.I)
    total = reachable = 0
    missed = []
    for row in rows:
        query = (row.get(column) or "").strip()
        if not query:
            continue
        total += 1
        parts = {(k, skeleton(k)) for k in (name_key(x) for x in split.split(query) if x.strip()) if k}
        lat, lon = float(row["lat"]), float(row["lon"])
        gy, gx = math.floor(lat / cell), math.floor(lon / cell)
        near = [p for dy in (-1, 0, 1) for dx in (-1, 0, 1) for p in grid.get((gy + dy, gx + dx), ())
                if haversine_km(lat, lon, p.lat, p.lon) <= km]
        ok = any(fuzz.ratio(q, k) >= 75 or (len(q) >= 4 and len(k) >= 4 and fuzz.partial_ratio(q, k) >= 95)
                 or (qs and qs == ks)
                 for p in near for k, ks in names[p.id] for q, qs in parts)
        reachable += ok
        if not ok:
            missed.append(query)
    return total, reachable, missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tsv", type=Path, default=DEFAULT_TSV, help="evaluation TSV (default: ../shared/eval/...)")
    ap.add_argument("--misses", type=int, default=0, help="print up to N misses (wrong or unresolved) per run")
    ap.add_argument("--only", choices=["en", "ar"], help="run one column only")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--ceiling", action="store_true",
                    help="also print the share of rows any resolver over this gazetteer could place")
    ap.add_argument("--guess-ties", action="store_true",
                    help="name one of tied namesakes (flagged ambiguous) instead of abstaining")
    args = ap.parse_args(argv)
    if args.guess_ties:
        from geokit import settings

        settings.resolver_abstain_on_tie = False
    if not args.tsv.is_file():
        print(f"evaluation set not found: {args.tsv}", file=sys.stderr)
        return 2
    rows = load_rows(args.tsv)
    from geokit._index import get_index

    get_index().load()
    runs = []
    for column in ("name_en", "name_ar"):
        if args.only and not column.endswith(args.only):
            continue
        for hint in (False, True):
            runs.append(run(rows, column, hint))
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "results"} for r in runs], indent=2))
        return 0
    head = f"{'run':<18}{'rows':>6}{'resolved':>10}{'<=1km':>8}{'<=5km':>8}{'<=10km':>8}{'median':>9}" \
           f"{'wrong':>8}{'ambig':>8}{'secs':>7}"
    print(head)
    print("-" * len(head))
    for r in runs:
        name = f"{r['column'][5:]} {'+region' if r['hint'] else 'no hint'}"
        med = f"{r['median_error_km']:.2f}" if r["median_error_km"] is not None else "-"
        print(f"{name:<18}{r['rows']:>6}{r['resolved_pct']:>9.1f}%{r['within_1km_pct']:>7.1f}%"
              f"{r['within_5km_pct']:>7.1f}%{r['within_10km_pct']:>7.1f}%{med:>9}{r['wrong_pct']:>7.1f}%"
              f"{r['ambiguous_pct']:>7.1f}%{r['seconds']:>7.1f}")
    print("(shares of all rows of the run; wrong = resolved but more than 10 km off)")
    if args.ceiling:
        for column in ("name_en", "name_ar"):
            if args.only and not column.endswith(args.only):
                continue
            total, ok, missed = ceiling(rows, column)
            print(f"ceiling {column[5:]}: {ok} of {total} rows ({100.0 * ok / total:.1f}%) have a place of a "
                  f"resembling name within 5 km; e.g. not: {', '.join(repr(q) for q in missed[:8])}")
    if args.misses:
        for r in runs:
            misses = [x for x in r["results"] if x["error_km"] is None or x["error_km"] > 5]
            print(f"\n== misses: {r['column']} {'+region' if r['hint'] else 'no hint'} ({len(misses)})")
            for x in misses[: args.misses]:
                err = f"{x['error_km']:.1f} km" if x["error_km"] is not None else "abstained"
                print(f"  {x['query']!r} [{x['region']}] -> {x['answer']} {err} | {x['reason'][:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
