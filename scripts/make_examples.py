"""Regenerate the example maps in ``maps/`` from the example inputs in ``maps/inputs/``.

Each recipe is one ``geokit map`` command line (the README of ``maps/``
shows the same lines); run from anywhere::

    python scripts/make_examples.py          # render every recipe
    python scripts/make_examples.py --list   # print the command lines only

The inputs are written for the examples: the bulletins are invented (realistic
in form, not reports of real events) and every row of the control table says
``illustrative`` in its source column.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: name -> geokit arguments (paths relative to the repository root)
RECIPES: dict[str, list[str]] = {
    "incidents_2024-03": [
        "map", "incidents", "maps/inputs/bulletin_2024-03_ar.txt", "maps/inputs/bulletin_2024-03_fa.txt",
        "maps/inputs/bulletin_2024-03_en.txt", "--since", "2024-03-01", "--until", "2024-03-07",
        "--title", "Incidents reported in three bulletins, 1\u20137 March 2024",
        "--attribution", "Bulletins invented for the geokit examples.",
        "-o", "maps/incidents_2024-03.png", "--geojson", "maps/incidents_2024-03.geojson",
    ],
    "frontline_idlib_2020-02-15": [
        "map", "frontline", "maps/inputs/control_idlib_2020.csv", "maps/inputs/bulletin_2020-03_ar.txt",
        "--date", "2020-02-15", "--allied", "opposition+hts", "--extent", "governorate:Idleb",
        "--attribution", "Illustrative control table and bulletin written for the geokit examples.",
        "-o", "maps/frontline_idlib_2020-02-15.png", "--geojson", "maps/frontline_idlib_2020-02-15.geojson",
    ],
    "frontline_idlib_2020-03-05": [
        "map", "frontline", "maps/inputs/control_idlib_2020.csv", "maps/inputs/bulletin_2020-03_ar.txt",
        "--date", "2020-03-05", "--allied", "opposition+hts", "--extent", "governorate:Idleb",
        "--attribution", "Illustrative control table and bulletin written for the geokit examples.",
        "-o", "maps/frontline_idlib_2020-03-05.png", "--geojson", "maps/frontline_idlib_2020-03-05.geojson",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="print the command lines and exit")
    parser.add_argument("names", nargs="*", help="recipes to run (default: all)")
    args = parser.parse_args()
    names = args.names or list(RECIPES)
    unknown = [n for n in names if n not in RECIPES]
    if unknown:
        raise SystemExit(f"unknown recipe(s): {', '.join(unknown)} (known: {', '.join(RECIPES)})")
    if args.list:
        for name in names:
            print("geokit " + shlex.join(RECIPES[name]))
        return
    import os

    from geokit.cli import cli

    os.chdir(REPO)
    for name in names:
        start = time.perf_counter()
        try:
            cli.main(args=RECIPES[name], prog_name="geokit", standalone_mode=False)
        except Exception as exc:  # noqa: BLE001 - report which recipe broke, then stop
            raise SystemExit(f"{name}: {exc}") from None
        print(f"{name}: {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
