"""Reading map inputs (private): sniffing, CSV and GeoJSON rows, dates,
places located through the gazetteer, and the news extractor, loaded lazily.

Both map commands read the same kinds of input, so the rules live here once:
a file is GeoJSON (``.geojson``/``.json``, or text starting with ``{``),
JSON Lines records (``.jsonl``/``.ndjson``, or one object a line), a table
(``.csv``/``.tsv``, or a first line naming known columns) or news text
(anything else).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geokit._geo import haversine_km
from geokit._io import read_text
from geokit.exceptions import CRSError, InputError, PlaceNotFound

#: Largest number of rows or features one map input may hold.
MAX_ROWS = 2_000_000

_LAT = ("lat", "latitude", "y")
_LON = ("lon", "lng", "long", "longitude", "x")


@dataclass(frozen=True)
class Source:
    """One input: its display name, its kind (geojson/table/text) and its text."""

    name: str
    kind: str
    text: str


def load_source(path: str | os.PathLike[str], known_columns: Iterable[str]) -> Source:
    """Read *path* (``-`` for stdin) and decide what it holds."""
    text = read_text(path)
    name = "stdin" if str(path) == "-" else Path(path).name
    suffix = Path(str(path)).suffix.lower()
    if suffix in (".geojson", ".json"):
        return Source(name, "geojson", text)
    if suffix in (".csv", ".tsv"):
        return Source(name, "table", text)
    if suffix in (".jsonl", ".ndjson"):
        return Source(name, "records", text)
    head = text.lstrip()[:1]
    if head == "{":
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        if len(lines) > 1 and _is_json_object(lines[0]):
            return Source(name, "records", text)
        return Source(name, "geojson", text)
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip().lower()
    cells = {c.strip().strip('"') for c in first.replace("\t", ",").replace(";", ",").split(",")}
    if len(cells) >= 2 and len(cells & set(known_columns)) >= 2:
        return Source(name, "table", text)
    return Source(name, "text", text)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def table_rows(source: Source) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV/TSV, or records of a JSON Lines file, as
    ``(line number, {lower-case column: text})``."""
    if source.kind == "records":
        yield from _record_rows(source)
        return
    text = source.text
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{source.name}: empty table") from None
    except csv.Error as exc:
        raise InputError(f"{source.name}: malformed CSV: {exc}") from None
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    if len(set(columns)) != len(columns):
        raise InputError(f"{source.name}: duplicate column names in the header")
    count = 0
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            line = reader.line_num
            if len(row) != len(columns):
                raise InputError(f"{source.name} line {line}: {len(row)} fields, the header has {len(columns)}")
            count += 1
            if count > MAX_ROWS:
                raise InputError(f"{source.name}: more than {MAX_ROWS} rows")
            yield line, {c: v.strip() for c, v in zip(columns, row)}
    except csv.Error as exc:
        raise InputError(f"{source.name} line {reader.line_num}: malformed CSV: {exc}") from None
    if count == 0:
        raise InputError(f"{source.name}: no data rows")


def _record_rows(source: Source) -> Iterator[tuple[int, dict[str, str]]]:
    """JSON Lines records (as ``geokit extract`` writes them) as table rows:
    values become text, lists are joined with ``;``, nulls are empty."""
    count = 0
    for line_no, line in enumerate(source.text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source.name} line {line_no}: not valid JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise InputError(f"{source.name} line {line_no}: expected a JSON object")
        count += 1
        if count > MAX_ROWS:
            raise InputError(f"{source.name}: more than {MAX_ROWS} records")
        row = {}
        for key, value in record.items():
            if isinstance(value, (list, tuple)):
                value = ";".join(str(v) for v in value)
            elif isinstance(value, (dict, bool)):
                continue  # nested data (candidates, flags) is not a column
            row[str(key).strip().lower()] = "" if value is None else str(value).strip()
        yield line_no, row
    if count == 0:
        raise InputError(f"{source.name}: no records")


def geojson_features(source: Source) -> list[dict[str, Any]]:
    """The features of a GeoJSON text (a FeatureCollection or one Feature),
    refusing any ``crs`` other than WGS84 lon/lat."""
    try:
        data = json.loads(source.text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source.name}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source.name}: GeoJSON must be an object")
    crs = data.get("crs")
    if crs is not None:
        crs_name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else str(crs)
        if not any(tag in crs_name.upper().replace(":", "") for tag in ("CRS84", "EPSG4326", "EPSG4326")):
            raise CRSError(f"{source.name}: coordinates must be WGS84 lon/lat (RFC 7946), not {crs_name or crs!r}")
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise InputError(f"{source.name}: FeatureCollection without a features list")
    elif kind == "Feature":
        features = [data]
    else:
        raise InputError(f"{source.name}: expected a GeoJSON FeatureCollection or Feature, got type {kind!r}")
    if len(features) > MAX_ROWS:
        raise InputError(f"{source.name}: more than {MAX_ROWS} features")
    return features


def feature_point(feature: Any, where: str) -> tuple[float, float] | None:
    """``(lon, lat)`` of a Point feature; None for a feature without geometry."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise InputError(f"{where}: not a GeoJSON Feature")
    geom = feature.get("geometry")
    if geom is None:
        return None
    if not isinstance(geom, dict) or geom.get("type") != "Point":
        kind = geom.get("type") if isinstance(geom, dict) else geom
        raise InputError(f"{where}: geometry must be a Point, got {kind!r}")
    coords = geom.get("coordinates")
    try:
        lon, lat = float(coords[0]), float(coords[1])
    except (TypeError, ValueError, IndexError):
        raise InputError(f"{where}: bad Point coordinates {coords!r}") from None
    check_lonlat(lon, lat, where)
    return lon, lat


def check_lonlat(lon: float, lat: float, where: str) -> None:
    """Refuse coordinates that are not WGS84 degrees."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise InputError(f"{where}: coordinates are not numbers")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise CRSError(f"{where}: coordinates ({lon}, {lat}) are not WGS84 degrees (projected data?)")


def parse_date(value: Any, where: str) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` (a time part is ignored); empty gives None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text.lower() in ("null", "none", "nan", "na", "n/a"):
        return None
    parsed = _iso_date(text[:10].replace("/", "-"))
    if parsed is None:
        raise InputError(f"{where}: bad date {text!r} (expected YYYY-MM-DD)")
    return parsed


@functools.lru_cache(maxsize=4096)
def _iso_date(text: str) -> dt.date | None:
    # inputs repeat a few dates many times: parse each once
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_int(value: Any, where: str, column: str) -> int | None:
    """A non-negative count; empty gives None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(f"{where}: {column} must be a number")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        if not text or text.lower() in ("null", "none", "nan", "na", "n/a"):
            return None
        try:
            number = float(text)
        except ValueError:
            raise InputError(f"{where}: {column} must be a number, got {text!r}") from None
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise InputError(f"{where}: {column} must be a whole number >= 0, got {value!r}")
    return int(number)


def parse_float(value: Any, where: str, column: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{where}: {column} must be a number, got {text!r}") from None


def row_lonlat(row: dict[str, str], where: str) -> tuple[float, float] | None:
    """``(lon, lat)`` from a table row's coordinate columns, if it has them filled."""
    lat_col = next((c for c in _LAT if row.get(c, "").strip()), None)
    lon_col = next((c for c in _LON if row.get(c, "").strip()), None)
    if lat_col is None and lon_col is None:
        return None
    if lat_col is None or lon_col is None:
        raise InputError(f"{where}: a latitude needs a longitude and vice versa")
    lat = parse_float(row[lat_col], where, lat_col)
    lon = parse_float(row[lon_col], where, lon_col)
    assert lat is not None and lon is not None
    check_lonlat(lon, lat, where)
    return lon, lat


# --- places -----------------------------------------------------------------
@dataclass(frozen=True)
class Located:
    """A place found for an input row."""

    lon: float
    lat: float
    place_id: str | None
    name: str
    name_ar: str | None
    population: int | None


def gazetteer(gaz: Any = None) -> Any:
    if gaz is not None:
        return gaz
    from geokit.gazetteer import default_gazetteer

    return default_gazetteer()


def locate(
    gaz: Any,
    where: str,
    *,
    name: str = "",
    place_id: str | None = None,
    lonlat: tuple[float, float] | None = None,
    names: bool = True,
    admin: str | None = None,
) -> Located:
    """Coordinates and names for a row: its own lon/lat (named from the
    gazetteer by its place id, or when a place of the same name lies within
    5 km), else its place id or P-code, else its name through the resolver.
    ``names=False`` skips the name look-up for rows that carry their names;
    *admin* (a governorate or district, name or P-code) helps the resolver.

    Raises
    ------
    PlaceNotFound
        When neither coordinates, id nor name locate it.
    """
    name = (name or "").strip()
    if lonlat is not None and place_id:
        # the row says where and which place: look up only its names, if wanted
        if names:
            try:
                p = gaz.get(str(place_id))
                return Located(lonlat[0], lonlat[1], p.id, name or p.name, p.name_ar, p.population)
            except PlaceNotFound:
                pass
        return Located(lonlat[0], lonlat[1], str(place_id), name or str(place_id), None, None)
    if lonlat is not None:
        lon, lat = lonlat
        match = _named_near(gaz, name, lon, lat) if name else None
        if match is not None:
            return Located(lon, lat, match.id, name, match.name_ar, match.population)
        return Located(lon, lat, place_id or None, name or f"{lat:.4f}, {lon:.4f}", None, None)
    if place_id:
        try:
            p = gaz.get(place_id)
        except PlaceNotFound:
            raise PlaceNotFound(f"{where}: unknown place id {place_id!r}") from None
        return Located(p.lon, p.lat, p.id, name or p.name, p.name_ar, p.population)
    if not name:
        raise InputError(f"{where}: no place: give place, place_id or lat/lon")
    p = resolve_name(gaz, name, where, admin)
    if p is None:
        raise PlaceNotFound(f"{where}: unknown place {name!r}")
    return Located(p.lon, p.lat, p.id, name, p.name_ar, p.population)


_KIND_ORDER = {"city": 0, "town": 1, "village": 2, "neighbourhood": 3, "camp": 4, "subdistrict": 5,
               "district": 6, "governorate": 7, "military": 8, "landmark": 9, "region": 10, "country": 11}


def resolve_name(gaz: Any, name: str, where: str = "", admin: str | None = None) -> Any:
    """The place a name means: the resolver's answer (:func:`geokit.resolve`)
    when that module is present, else the most populous place whose name
    key matches exactly.  None when nothing matches.

    Raises
    ------
    PlaceNotFound
        When the resolver finds candidates but abstains (ambiguous or weak).
    """
    try:
        from geokit.resolver import resolve
    except ImportError:
        resolve = None  # type: ignore[assignment]
    if resolve is not None:
        from geokit.gazetteer import default_gazetteer

        kwargs: dict[str, Any] = {} if gaz is default_gazetteer() else {"gazetteer": gaz}
        if admin:
            kwargs["admin"] = admin
        result = resolve(name, **kwargs)
        if result.place is not None:
            return result.place
        if result.candidates:
            raise PlaceNotFound(f"{where}: place {name!r} not resolved: {result.reason}")
        return None
    from geokit.normalise import name_key

    ids = gaz.ids_for_key(name_key(name))
    places = [p for p in gaz.get_many(ids) if p.lat is not None] if ids else []
    if not places:
        return None
    return min(places, key=lambda p: (_KIND_ORDER.get(p.kind, 99), -(p.population or 0), p.id))


def _named_near(gaz: Any, name: str, lon: float, lat: float, max_km: float = 5.0) -> Any:
    from geokit.normalise import name_key

    key = name_key(name)
    if not key:
        return None
    try:
        ids = gaz.ids_for_key(key)
    except Exception:  # noqa: BLE001 - a dev gazetteer without name keys
        return None
    best, best_d = None, max_km
    for p in (gaz.get_many(ids) if ids else []):
        d = haversine_km(lat, lon, p.lat, p.lon)
        if d <= best_d:
            best, best_d = p, d
    return best




# --- news text ----------------------------------------------------------------
def extract_document(source: Source, date: dt.date | None) -> Any:
    """Run the news extractor on a text input (imported only when needed)."""
    try:
        from geokit.extraction import extract
    except ImportError as exc:
        if getattr(exc, "name", "") in ("geokit.extraction",):
            raise InputError(
                f"{source.name}: looks like news text, but geokit's extractor (geokit.extraction) is not "
                "installed in this version; give incidents as GeoJSON or CSV"
            ) from None
        raise
    return extract(source.text, date=date, name=source.name)


def attr(obj: Any, *names: str, default: Any = None) -> Any:
    """The first present attribute (or mapping key) of *obj* among *names*."""
    for n in names:
        if isinstance(obj, dict):
            if n in obj and obj[n] is not None:
                return obj[n]
        else:
            v = getattr(obj, n, None)
            if v is not None:
                return v
    return default
