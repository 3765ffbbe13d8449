"""Writing flat records (one dict per row) as table, JSON, JSON Lines, CSV or GeoJSON.

Shared by ``geokit resolve``, ``geokit geocode`` and ``geokit reverse``: the
same record gives the same columns in every format.  Nothing heavy is
imported here (the table is plain text, not rich), so a cold ``geokit
resolve`` stays quick.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from typing import IO, Any

__all__ = ["write_records", "RECORD_FORMATS", "to_feature"]

RECORD_FORMATS = ("table", "json", "jsonl", "csv", "geojson")


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def to_feature(record: dict[str, Any], lat_field: str = "lat", lon_field: str = "lon") -> dict[str, Any]:
    """A GeoJSON Feature of *record*: a Point when it has coordinates, else a null geometry."""
    lat, lon = record.get(lat_field), record.get(lon_field)
    geometry = None
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and not (math.isnan(lat) or math.isnan(lon)):
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geometry,
            "properties": {k: _jsonable(v) for k, v in record.items()}}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) >= 1 or value == 0 else f"{value:.3f}"
    return str(value).replace("\n", " ")


def _table(records: Sequence[dict[str, Any]], fields: Sequence[str], handle: IO[str]) -> None:
    rows = [[_cell(r.get(f)) for f in fields] for r in records]
    widths = [max([len(f)] + [len(row[i]) for row in rows]) for i, f in enumerate(fields)]
    # the last column (a reason) may be long: no padding
    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i < len(cells) - 1 else c for i, (c, w) in enumerate(zip(cells, widths)))

    handle.write(line(list(fields)).rstrip() + "\n")
    handle.write(line(["-" * w for w in widths]).rstrip() + "\n")
    for row in rows:
        handle.write(line(row).rstrip() + "\n")


def write_records(records: Iterable[dict[str, Any]], fmt: str, handle: IO[str],
                  fields: Sequence[str] | None = None, table_fields: Sequence[str] | None = None) -> None:
    """Write *records* to *handle* in *fmt* (one of :data:`RECORD_FORMATS`).

    *fields* fixes the columns of ``csv`` and ``table`` (default: the keys of
    the first record); *table_fields* narrows the table further.
    """
    records = list(records)
    cols = list(fields) if fields is not None else (list(records[0]) if records else [])
    if fmt == "jsonl":
        for r in records:
            handle.write(json.dumps({k: _jsonable(v) for k, v in r.items()}, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump([{k: _jsonable(v) for k, v in r.items()} for r in records], handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in records:
            writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
        handle.write(buf.getvalue())
    elif fmt == "geojson":
        fc = {"type": "FeatureCollection", "features": [to_feature(r) for r in records]}
        json.dump(fc, handle, ensure_ascii=False)
        handle.write("\n")
    elif fmt == "table":
        _table(records, list(table_fields) if table_fields is not None else cols, handle)
    else:  # pragma: no cover - click validates the choice
        raise ValueError(f"unknown format {fmt!r}")
