"""Benchmark ``geokit map``: wall-clock time of whole command runs, imports included.

Cases (targets from the issue):

- incident map, 100 incidents;
- incident map, 10,000 incidents (target <= 3 s);
- front-line map, 1,000 settlements (target <= 5 s).

Wall-clock time is the figure the targets speak of; CPU time (user + system)
is printed beside it because it does not grow when other work shares the
machine.  Inputs are generated deterministically from the packaged gazetteer (random
places, types, dates and casualties; factions by nearest of a few seeds, so
areas are coherent as in real data) in a temporary directory.  Each case runs
as a fresh ``python -m``-style subprocess, so the figures include Python start
and every import, as a user would see them.

Usage::

    python scripts/bench_maps.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"incidents-10000": 3.0, "frontline-1000": 5.0}
FACTION_SEEDS = [  # (lon, lat, faction): rough sides for coherent synthetic areas
    (36.7, 35.9, "hts"), (36.9, 36.4, "turkish_backed"), (37.2, 36.2, "government"), (38.3, 36.4, "sdf"),
    (40.5, 36.6, "sdf"), (39.5, 35.2, "government"), (38.5, 34.6, "isis"), (36.5, 33.6, "government"),
    (35.9, 35.3, "government"), (36.3, 32.8, "opposition"), (40.9, 34.7, "sdf"),
]


def _places(n: int, rng: random.Random) -> list:
    from geokit.gazetteer import default_gazetteer

    places = sorted(default_gazetteer().places(["city", "town", "village"]), key=lambda p: p.id)
    return rng.sample(places, n)


def make_incidents(path: Path, n: int, seed: int = 1) -> None:
    """Write *n* synthetic incidents as GeoJSON."""
    from geokit import settings

    rng = random.Random(seed)
    pool = _places(min(1500, max(60, n // 6)), rng)
    weights = [math.sqrt(p.population or 500) for p in pool]
    types = list(settings.incident_types)
    actors = list(settings.actors)
    features = []
    for _ in range(n):
        p = rng.choices(pool, weights)[0]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {
                "type": rng.choice(types), "actors": rng.sample(actors, 2),
                "date": f"2024-03-{rng.randint(1, 28):02d}", "killed": rng.choice([None, 0, 1, 2, 3, 5, 8, 20]),
                "wounded": rng.choice([None, 0, 1, 4, 10]), "evidence": "synthetic benchmark incident",
                "doc": "bench", "place_id": p.id, "place": p.name, "place_ar": p.name_ar,
            },
        })
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")


def make_control(path: Path, n: int, seed: int = 2) -> None:
    """Write a control CSV of *n* settlements, each given the side of its nearest seed."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["place", "place_id", "lat", "lon", "faction", "date", "source", "confidence"])
        for p in _places(n, rng):
            nearest = min(FACTION_SEEDS, key=lambda s: (s[0] - p.lon) ** 2 + (s[1] - p.lat) ** 2)
            faction = nearest[2] if rng.random() > 0.03 else "contested"
            out.writerow([p.name, p.id, f"{p.lat:.6f}", f"{p.lon:.6f}", faction,
                          f"2024-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}", "synthetic", f"{rng.uniform(0.3, 1):.2f}"])


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of *cmd*."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (the median and best are shown)")
    args = parser.parse_args()
    geokit = [sys.executable, "-c", "from geokit.cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        make_incidents(d / "inc100.geojson", 100)
        make_incidents(d / "inc10000.geojson", 10_000)
        make_control(d / "control1000.csv", 1000)
        cases = {
            "incidents-100": geokit + ["map", "incidents", str(d / "inc100.geojson"), "-o", str(d / "a.png")],
            "incidents-10000": geokit + ["map", "incidents", str(d / "inc10000.geojson"), "-o", str(d / "b.png")],
            "frontline-1000": geokit + ["map", "frontline", str(d / "control1000.csv"), "--date", "2024-04-01",
                                        "-o", str(d / "c.png"), "--geojson", str(d / "c.geojson")],
        }
        run(cases["incidents-100"])  # warm the OS file cache once
        print(f"{'case':<18} {'median s':>9} {'best s':>8} {'cpu s':>7} {'target s':>9}")
        for name, cmd in cases.items():
            runs = [run(cmd) for _ in range(args.repeat)]
            wall = [w for w, _ in runs]
            cpu = statistics.median(c for _, c in runs)
            target = TARGETS.get(name)
            flag = "" if target is None else ("  ok" if statistics.median(wall) <= target else "  OVER")
            print(f"{name:<18} {statistics.median(wall):>9.2f} {min(wall):>8.2f} {cpu:>7.2f} "
                  f"{target if target else '-':>9}{flag}")
        print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
              "(wall time above CPU time means the machine was busy)")

if __name__ == "__main__":
    main()
