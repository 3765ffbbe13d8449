"""``geokit geocode``: resolve a column of place names in a CSV table.

Examples
--------
geokit geocode incidents.csv --column location -o incidents.geojson
geokit geocode reports.tsv --column place --admin-column governorate -o out.gpkg
geokit geocode names.csv --column name --delimiter ";" > out.csv

Every input row is kept, in order, with the resolver's fields appended
(``place_id``, ``name``, ``name_ar``, ``kind``, ``lat``, ``lon``, ``pcode``,
``geonameid``, ``admin1_pcode``, ``admin1``, ``score``, ``match``,
``ambiguous``, ``reason``); when the table already uses one of these names,
all of them are appended as ``geokit_<field>``.  Exit status: 0 when every row resolved,
1 when some did not, 2 on a usage or input error.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import click

from geokit.cli.options import CommandError

from geokit.exceptions import GeokitError, InputError

OUTPUT_FORMATS = ("csv", "geojson", "gpkg", "jsonl")
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".geojson": "geojson", ".json": "geojson",
               ".gpkg": "gpkg", ".jsonl": "jsonl"}
#: Rows from which a progress bar is shown.
PROGRESS_FROM = 200



def read_table(path: str, delimiter: str | None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a delimited text file (UTF-8 with or without BOM,
    UTF-16; quoted fields may hold newlines and delimiters)."""
    from geokit._io import read_text

    text = read_text(path)
    if delimiter is None:
        first = text.split("\n", 1)[0]
        counts = {d: first.count(d) for d in (",", "\t", ";", "|")}
        delimiter = max(counts, key=lambda d: (counts[d], d == ","))
        if counts[delimiter] == 0:
            delimiter = ","
    elif delimiter in ("\\t", "tab", "TAB"):
        delimiter = "\t"
    if len(delimiter) != 1:
        raise InputError(f"--delimiter must be one character, got {delimiter!r}")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV: {exc}") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise InputError(f"{path}: no header row")
    header = [h.strip() for h in rows[0]]
    body = rows[1:]
    width = len(header)
    for n, row in enumerate(body, start=2):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise InputError(f"{path}: row {n} has {len(row)} fields, the header {width}")
    return header, [(row + [""] * width)[:width] for row in body]


def _column(header: list[str], wanted: str, option: str) -> int:
    if wanted in header:
        return header.index(wanted)
    lowered = [h.lower() for h in header]
    if wanted.lower() in lowered:
        return lowered.index(wanted.lower())
    raise CommandError(f"{option}: no column {wanted!r} in the table (columns: {', '.join(header)})")


@click.command("geocode")
@click.argument("table", type=click.Path(dir_okay=False))
@click.option("--column", "-c", required=True, help="Column holding the place names.")
@click.option("--admin-column", default=None, help="Column holding an admin hint per row (name or P-code).")
@click.option("--admin", "-a", default=None, help="Admin hint for every row.")
@click.option("--delimiter", "-d", default=None, help="Field delimiter (default: guessed from the header; '\\t' for tab).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None,
              help="Output file: .csv, .geojson, .gpkg or .jsonl (default: CSV on stdout).")
@click.option("--format", "-f", "fmt", type=click.Choice(OUTPUT_FORMATS), default=None,
              help="Output format (default: from the output's extension).")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help=f"Progress bar on stderr for tables of {PROGRESS_FROM} rows or more.")
def geocode(table: str, column: str, admin_column: str | None, admin: str | None, delimiter: str | None,
            output: str | None, fmt: str | None, progress: bool) -> None:
    """Geocode the place names of a CSV table, keeping every row and appending
    the resolved place's fields."""
    if fmt is None:
        fmt = _EXTENSIONS.get(Path(output).suffix.lower(), None) if output else "csv"
        if fmt is None:
            raise CommandError(f"cannot tell the format of {output!r}: use .csv, .geojson, .gpkg, .jsonl or --format")
    if fmt == "gpkg" and output is None:
        raise CommandError("GeoPackage output needs --output FILE.gpkg")
    try:
        header, rows = read_table(table, delimiter)
        name_col = _column(header, column, "--column")
        admin_col = _column(header, admin_column, "--admin-column") if admin_column else None
        records, summary = _geocode_rows(rows, name_col, admin_col, admin, progress)
        fields, out_rows = _merge(header, rows, records)
        _write(out_rows, fields, fmt, output)
    except GeokitError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}") from None
    total, resolved, ambiguous = summary
    click.echo(f"geokit geocode: {total} rows: {resolved} resolved, {total - resolved} unresolved; "
               f"{ambiguous} ambiguous", err=True)
    if resolved < total:
        sys.exit(1)


def _geocode_rows(rows: list[list[str]], name_col: int, admin_col: int | None, admin: str | None,
                  progress: bool) -> tuple[list[dict[str, Any]], tuple[int, int, int]]:
    from geokit._index import get_index
    from geokit.resolver import RECORD_FIELDS, resolve

    if len(rows) > 20:
        get_index().load()
    cache: dict[tuple[str, str | None], dict[str, Any]] = {}
    records: list[dict[str, Any]] = []

    def one(row: list[str]) -> dict[str, Any]:
        query = row[name_col].strip()
        hint = (row[admin_col].strip() or None) if admin_col is not None else admin
        key = (query, hint)
        rec = cache.get(key)
        if rec is None:
            if not query:
                rec = dict.fromkeys(RECORD_FIELDS)
                rec.update(query=query, ambiguous=False, reason="empty name")
            else:
                try:
                    rec = resolve(query, admin=hint).record()
                except InputError as exc:
                    rec = dict.fromkeys(RECORD_FIELDS)
                    rec.update(query=query, ambiguous=False, reason=f"error: {exc}")
            cache[key] = rec
        return rec

    if progress and len(rows) >= PROGRESS_FROM:
        with click.progressbar(rows, label="geocoding", file=sys.stderr, show_pos=True) as bar:
            records = [one(r) for r in bar]
    else:
        records = [one(r) for r in rows]
    resolved = sum(1 for r in records if r.get("place_id"))
    ambiguous = sum(1 for r in records if r.get("ambiguous"))
    return records, (len(records), resolved, ambiguous)


def _merge(header: list[str], rows: list[list[str]], records: list[dict[str, Any]]
           ) -> tuple[list[str], list[dict[str, Any]]]:
    from geokit.resolver import RECORD_FIELDS

    appended = [f for f in RECORD_FIELDS if f != "query"]
    # one clash and all appended fields get the prefix, so they stay together
    prefix = "geokit_" if set(header) & set(appended) else ""
    names = {f: prefix + f for f in appended}
    # duplicate input headers get a suffix so no value is lost
    seen: dict[str, int] = {}
    cols = []
    for h in header:
        n = seen.get(h, 0)
        seen[h] = n + 1
        cols.append(h if n == 0 else f"{h}_{n + 1}")
    fields = cols + [names[f] for f in appended]
    out = []
    for row, rec in zip(rows, records):
        d: dict[str, Any] = dict(zip(cols, row))
        for f in appended:
            d[names[f]] = rec.get(f)
        out.append(d)
    return fields, out


def _write(rows: list[dict[str, Any]], fields: list[str], fmt: str, output: str | None) -> None:
    lat = "geokit_lat" if "geokit_lat" in fields else "lat"
    lon = "geokit_lon" if "geokit_lon" in fields else "lon"
    if fmt == "gpkg":
        _write_gpkg(rows, fields, output, lat, lon)  # type: ignore[arg-type]
        return
    if output is None:
        stream = sys.stdout
        _write_text(rows, fields, fmt, stream, lat, lon)
        stream.flush()
        return
    from geokit._io import atomic_write

    with atomic_write(output) as handle:
        _write_text(rows, fields, fmt, handle, lat, lon)


def _write_text(rows: list[dict[str, Any]], fields: list[str], fmt: str, handle: Any, lat: str, lon: str) -> None:
    import json

    from geokit._records import to_feature

    if fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    elif fmt == "jsonl":
        for r in rows:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        fc = {"type": "FeatureCollection", "features": [to_feature(r, lat, lon) for r in rows]}
        json.dump(fc, handle, ensure_ascii=False)
        handle.write("\n")


def _write_gpkg(rows: list[dict[str, Any]], fields: list[str], output: str, lat: str, lon: str) -> None:
    import geopandas as gpd
    import pandas as pd
    import shapely

    from geokit._io import atomic_path

    frame = pd.DataFrame(rows, columns=fields)
    geoms = [shapely.Point(r[lon], r[lat]) if r.get(lat) is not None else None for r in rows]
    gdf = gpd.GeoDataFrame(frame, geometry=geoms, crs="EPSG:4326")
    for col in ("ambiguous", "geokit_ambiguous"):
        if col in gdf:
            gdf[col] = gdf[col].astype("boolean")
    with atomic_path(output) as tmp:
        gdf.to_file(tmp, driver="GPKG", layer=Path(output).stem, engine="pyogrio")
