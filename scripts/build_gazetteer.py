#!/usr/bin/env python3
"""Build the gazetteer from the raw sources and compile the packaged database.

usage: scripts/build_gazetteer.py [--sources DIR] [--out DIR] [--db FILE]
                                  [--geonames SY.txt ...] [--compile-only]

Reads ../shared/data/sources (beside the repository) by default, writes the
diffable text files to gazetteers/syria/ and compiles geokit/data/gazetteer.sqlite
from them.  Two runs on the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geokit._build import build  # noqa: E402
from geokit._build.compile import compile_database  # noqa: E402

ATTRIBUTION = (
    "Contains data from GeoNames (CC BY 4.0), Who's On First (CC0 / CC BY 4.0 for GeoNames-derived "
    "properties), UN OCHA Common Operational Datasets (CC BY-IGO) and Natural Earth (public domain). "
    "See gazetteers/SOURCES.md."
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=Path, default=REPO.parent / "shared" / "data" / "sources")
    ap.add_argument("--out", type=Path, default=REPO / "gazetteers" / "syria")
    ap.add_argument("--curated", type=Path, default=None, help="curation file (default OUT/curated.csv)")
    ap.add_argument("--db", type=Path, default=REPO / "geokit" / "data" / "gazetteer.sqlite")
    ap.add_argument("--geonames", type=Path, action="append", help="a GeoNames dump (SY.txt) to merge")
    ap.add_argument("--compile-only", action="store_true", help="only compile OUT into DB")
    args = ap.parse_args(argv)
    curated = args.curated or args.out / "curated.csv"
    if not args.compile_only:
        if not args.sources.is_dir():
            print(f"build_gazetteer: sources folder not found: {args.sources}", file=sys.stderr)
            return 2
        report = build(args.sources, args.out, curated, args.geonames)
        print(json.dumps({k: report[k] for k in ("places_by_kind", "locality_join", "fixes")}, indent=1, ensure_ascii=False))
    compile_database(args.out, args.db, {"attribution": ATTRIBUTION, "name": "geokit Syria gazetteer"})
    print(f"compiled {args.db.relative_to(REPO) if args.db.is_relative_to(REPO) else args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
