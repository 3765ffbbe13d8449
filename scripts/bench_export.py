"""Benchmark ``geokit export gazetteer``: wall-clock time of whole command runs.

Each case runs ``geokit export gazetteer`` as a fresh subprocess (Python start,
imports and data loading included, as a user sees it) writing the whole
gazetteer to a temporary directory; the figure printed is the median of the
repeats, with the output size.  Target from the issue: the whole gazetteer
to GeoPackage in under 5 s.

Usage::

    python scripts/bench_export.py [--repeat 3] [--formats gpkg,geojson,...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"gpkg": 5.0}
FORMATS = ["gpkg", "geojson", "csv", "shp.zip", "kml", "fgb"]


def run(fmt: str, workdir: Path) -> tuple[float, int]:
    """One export; returns (seconds, bytes written)."""
    out = workdir / f"syria.{fmt}"
    cmd = [sys.executable, "-c", "from geokit.cli import main; main()", "export", "gazetteer", "-o", str(out), "-q"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{fmt}: export failed: {proc.stderr.strip()}")
    size = sum(p.stat().st_size for p in workdir.iterdir() if p.is_file())
    for p in workdir.iterdir():
        p.unlink()
    return seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    from geokit.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    names = gaz.db.execute("SELECT count(*) FROM names").fetchone()[0]
    print(f"gazetteer: {len(gaz)} places, {names} names; {args.repeat} runs per format (median)")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
            workdir = Path(tmp) / fmt.replace(".", "_")
            workdir.mkdir()
            runs = [run(fmt, workdir) for _ in range(args.repeat)]
            median = statistics.median(s for s, _ in runs)
            size_mb = runs[-1][1] / 1e6
            target = TARGETS.get(fmt)
            verdict = "" if target is None else (f"  target < {target:g} s: " + ("ok" if median < target else "MISSED"))
            failed |= target is not None and median >= target
            print(f"export {fmt:8s} {median:6.2f} s  (min {min(s for s, _ in runs):.2f})  {size_mb:7.1f} MB"
                  f"{verdict}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
