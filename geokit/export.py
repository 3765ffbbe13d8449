"""Export the gazetteer and map layers for GIS software.

Two entry points:

- :func:`export_gazetteer` writes the gazetteer (``places``, ``names``,
  ``admin1``/``admin2``/``admin3``, ``neighbourhoods``), optionally filtered by
  admin unit, kind and bounding box;
- :func:`write_layers` writes any ``{name: GeoDataFrame}`` - the map layers of
  ``geokit map ... --gpkg`` use it, so one GeoPackage holds a whole map.

The format comes from the file extension (:data:`FORMATS`):

``.gpkg``
    Every layer in one file, ``names`` as an attribute table; a QGIS style per
    layer in ``layer_styles`` (the default style QGIS applies on opening);
    licence and attribution in ``gpkg_metadata`` (QGIS layer metadata and GDAL
    metadata) and in each layer's ``gpkg_contents.description``.
``.geojson``, ``.fgb``, ``.csv``
    One file per layer: the first layer (``places``) takes the given name, the
    others are written beside it as ``STEM.LAYER.EXT``; attribute tables go to
    ``STEM.LAYER.csv``.  Each spatial file gets a ``.qml`` style sidecar, which
    QGIS loads by itself.  GeoJSON follows RFC 7946 (WGS84 lon/lat, no
    ``crs`` member, right-hand winding, 7 decimals); CSV is UTF-8 with a BOM
    and a ``.csvt`` of column types (points as lon/lat columns typed
    ``CoordX``/``CoordY``, other geometries as a ``WKT`` column).
``.shp`` / ``.shp.zip`` / ``.zip``
    A shapefile per layer (``.cpg`` = UTF-8, ``.qml`` sidecar; attribute
    tables as a bare ``.dbf``); ``.zip`` puts them all in one archive.  Field
    names longer than 10 characters are renamed (:data:`SHAPEFILE_FIELDS`,
    else abbreviated) and the mapping is written in the README.
``.kml``
    One file, a folder per layer, styled; each placemark's description holds
    its names in Arabic and Latin script.

Every format except GeoPackage gets ``STEM.README.txt`` beside it (a
``README.txt`` inside a zip) with the attribution, licences, layers, fields
and format notes.  Outputs are atomic: they are written to temporary files
and renamed into place only when everything succeeded.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html
import io
import operator
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from geokit.exceptions import GeokitError, InputError, OutputError, PlaceNotFound

__all__ = [
    "FORMATS", "GAZETTEER_LAYERS", "SHAPEFILE_FIELDS", "SOURCE_LICENCES", "ExportResult", "export_gazetteer",
    "gazetteer_layers", "write_layers", "output_format", "parse_bbox", "export_metadata", "shapefile_field_names",
]

#: File extension -> format name (``.shp.zip`` is matched before ``.zip``).
FORMATS: dict[str, str] = {
    ".gpkg": "GeoPackage",
    ".geojson": "GeoJSON",
    ".csv": "CSV",
    ".shp": "Shapefile",
    ".shp.zip": "Shapefile (zipped)",
    ".zip": "Shapefile (zipped)",
    ".kml": "KML",
    ".fgb": "FlatGeobuf",
}

#: Layers of a gazetteer export, in writing order.
GAZETTEER_LAYERS: tuple[str, ...] = ("places", "names", "admin1", "admin2", "admin3", "neighbourhoods")

#: Data sources of the gazetteer and their licences (name, licence, terms URL).
SOURCE_LICENCES: tuple[tuple[str, str, str], ...] = (
    ("GeoNames", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("Who's On First", "CC0 1.0; properties derived from GeoNames CC BY 4.0",
     "https://whosonfirst.org/docs/licenses/"),
    ("UN OCHA Common Operational Datasets (Syria administrative boundaries and populated places)",
     "CC BY-IGO 3.0", "https://creativecommons.org/licenses/by/3.0/igo/"),
    ("Natural Earth", "public domain", "https://www.naturalearthdata.com/about/terms-of-use/"),
)

#: Shapefile names (10 characters at most) of the longer gazetteer and map fields.
SHAPEFILE_FIELDS: dict[str, str] = {
    "admin1_pcode": "adm1_pcode", "admin2_pcode": "adm2_pcode", "admin3_pcode": "adm3_pcode",
    "coord_source": "coord_src", "parent_pcode": "par_pcode", "faction_label": "fact_label",
    "low_confidence": "low_conf", "observations": "observatns", "confidence": "confidence",
    "length_km": "length_km", "population": "population",
}

#: What each gazetteer field holds (README and GeoPackage column docs).
FIELD_DOCS: dict[str, str] = {
    "id": "stable geokit place id (OCHA P-code where there is one, else gn<GeoNames id>, wof<WOF id> or gk-<slug>)",
    "kind": "country, governorate, district, subdistrict, region, city, town, village, neighbourhood, camp, "
            "military or landmark",
    "name": "preferred English/Latin name", "name_ar": "preferred Arabic name",
    "lat": "latitude, WGS84 degrees", "lon": "longitude, WGS84 degrees",
    "pcode": "OCHA P-code", "geonameid": "GeoNames id", "wof_id": "Who's On First id",
    "parent_id": "id of the enclosing place (city of a neighbourhood, governorate of a region)",
    "admin1_pcode": "governorate P-code", "admin1": "governorate", "admin1_ar": "governorate (Arabic)",
    "admin2_pcode": "district P-code", "admin2": "district", "admin2_ar": "district (Arabic)",
    "admin3_pcode": "sub-district P-code", "admin3": "sub-district", "admin3_ar": "sub-district (Arabic)",
    "population": "population where a source gives one", "sources": "sources of the record, ';'-separated",
    "coord_source": "source of the coordinates", "place_id": "id of the place in the places layer",
    "rank": "order of the name for its place (1 = most preferred)", "lang": "language code (und = unknown)",
    "script": "ISO 15924 script (Arab, Latn)",
    "source": "where the name comes from", "parent_pcode": "P-code of the enclosing unit (city id for "
    "neighbourhoods)",
}

#: Layer-specific meanings of fields whose name is shared.
LAYER_FIELD_DOCS: dict[tuple[str, str], str] = {
    ("names", "name"): "the name, in any script", ("names", "type"): "official, preferred, variant, "
    "romanisation, …",
    ("admin1", "name"): "English name", ("admin2", "name"): "English name", ("admin3", "name"): "English name",
    ("neighbourhoods", "name"): "English name", ("admin1", "name_ar"): "Arabic name",
    ("admin2", "name_ar"): "Arabic name", ("admin3", "name_ar"): "Arabic name",
    ("neighbourhoods", "name_ar"): "Arabic name",
    ("admin1", "parent_pcode"): "country code (SY)", ("admin2", "parent_pcode"): "governorate P-code",
    ("admin3", "parent_pcode"): "district P-code", ("neighbourhoods", "parent_pcode"): "id of the city (places.id)",
    ("neighbourhoods", "pcode"): "OCHA neighbourhood P-code (= places.id)",
}

_LAYER_TITLES: dict[str, str] = {
    "places": "Places", "names": "Names of places", "admin1": "Governorates (admin 1)",
    "admin2": "Districts (admin 2)", "admin3": "Sub-districts (admin 3)", "neighbourhoods": "Neighbourhoods",
    "control_areas": "Areas of control", "front_lines": "Front lines", "contested": "Contested ground",
    "incidents": "Incidents",
}
#: Geometry family of map layers, for empty frames whose type cannot be seen.
_LAYER_FAMILY: dict[str, str] = {
    "places": "point", "incidents": "point", "control_areas": "polygon", "contested": "polygon",
    "front_lines": "line", "admin1": "polygon", "admin2": "polygon", "admin3": "polygon",
    "neighbourhoods": "polygon",
}
_GEOJSON_DECIMALS = 7  # RFC 7946 suggests 6; 7 keeps coordinates within 1e-7 degree


# --- small helpers ------------------------------------------------------------------
def output_format(path: str | os.PathLike[str]) -> str:
    """The format key (an entry of :data:`FORMATS`) of an output path.

    Raises
    ------
    InputError
        For an extension that is not one of :data:`FORMATS`.
    """
    name = Path(path).name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext) and len(name) > len(ext):
            return ".shp.zip" if ext == ".zip" else ext
    suffix = Path(path).suffix or "(none)"
    raise InputError(f"unknown output format {suffix!r} for {Path(path).name}: "
                     "use .gpkg, .geojson, .csv, .shp, .shp.zip, .kml or .fgb")


def parse_bbox(value: str | Sequence[float] | None) -> tuple[float, float, float, float] | None:
    """Parse ``"W,S,E,N"`` (lon/lat degrees, commas or spaces) or a 4-sequence.

    Raises
    ------
    InputError
        For anything but four numbers with W < E, S < N inside lon/lat range.
    """
    if value is None:
        return None
    if isinstance(value, str):
        parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
    else:
        parts = list(value)
    try:
        w, s, e, n = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise InputError(f"bad bbox {value!r}: expected W,S,E,N in degrees, e.g. 36.0,35.5,37.5,36.8") from None
    if not all(map(lambda v: v == v and abs(v) != float("inf"), (w, s, e, n))):
        raise InputError(f"bad bbox {value!r}: coordinates must be finite numbers")
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise InputError(f"bad bbox {value!r}: out of lon/lat range (W,S,E,N)")
    if not (w < e and s < n):
        raise InputError(f"bad bbox {value!r}: need W < E and S < N (order is W,S,E,N)")
    return (w, s, e, n)


def _stem_and_ext(target: Path, fmt: str) -> tuple[str, str]:
    """``("syria", ".shp.zip")`` for ``syria.shp.zip`` (``.zip`` alone for ``syria.zip``)."""
    name = target.name
    ext = fmt if name.lower().endswith(fmt) else target.suffix
    return name[: len(name) - len(ext)], name[len(name) - len(ext):]


def _timestamp() -> dt.datetime:
    """Creation time of an export: ``$SOURCE_DATE_EPOCH`` when set (for
    reproducible files), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _version() -> str:
    from geokit import __version__

    return __version__


def export_metadata(gazetteer: Any = None, *, title: str | None = None,
                    note: str | None = None) -> dict[str, str]:
    """Metadata written with every export: title, attribution, licences,
    CRS, generator, creation time.

    The attribution is the gazetteer's own (``meta()['attribution']``); when
    the gazetteer cannot be opened, :data:`geokit.settings.map_attribution`.
    """
    meta: dict[str, str] = {}
    try:
        gaz = gazetteer if gazetteer is not None else _default_gazetteer()
        meta = gaz.meta()
    except GeokitError:
        pass
    from geokit import settings

    attribution = meta.get("attribution") or getattr(settings, "map_attribution", "") or \
        "; ".join(name for name, _, _ in SOURCE_LICENCES)
    licences = "; ".join(f"{name}: {lic} ({url})" for name, lic, url in SOURCE_LICENCES)
    out = {
        "title": title or meta.get("name") or "geokit export",
        "attribution": attribution,
        "licence": licences,
        "crs": "EPSG:4326 (WGS84 longitude/latitude)",
        "generator": f"geokit {_version()}",
        "created": _timestamp().strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if note:
        out["note"] = note
    return out


def _default_gazetteer() -> Any:
    from geokit.gazetteer import default_gazetteer

    return default_gazetteer()


# --- result --------------------------------------------------------------------------
@dataclass
class ExportResult:
    """What an export wrote.

    Attributes
    ----------
    path : Path
        The output named by the caller.
    format : str
        Key of :data:`FORMATS`.
    files : list of Path
        Every file written (the output, sibling layers, sidecars, README).
    counts : dict
        Layer name -> number of features (rows).
    field_names : dict
        Layer name -> {original field: written field}, for fields renamed
        (shapefile only).
    seconds : float
        Wall time of the export.
    """

    path: Path
    format: str
    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    field_names: dict[str, dict[str, str]] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line: what went where."""
        parts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        extra = f" (+{len(self.files) - 1} files beside it)" if len(self.files) > 1 else ""
        main = self.files[0] if self.files else self.path
        return f"wrote {parts} to {main} [{FORMATS[self.format]}]{extra} in {self.seconds:.2f} s"


# --- gazetteer layers ----------------------------------------------------------------------
def _admin_filter(gaz: Any, admin: str) -> tuple[str, int]:
    """Validate an admin P-code: return it normalised and its level (1-3)."""
    code = admin.strip().upper()
    level = {4: 1, 6: 2, 8: 3}.get(len(code))
    if level is not None and code.startswith("SY"):
        units = {b.pcode for b in gaz.boundaries(f"admin{level}")}
        if code in units:
            return code, level
    raise PlaceNotFound(f"unknown admin unit {admin!r}: give a governorate, district or sub-district P-code "
                        "(e.g. SY02, SY0200, SY020001)")


def gazetteer_layers(
    gazetteer: Any = None,
    *,
    admin: str | None = None,
    kinds: Iterable[str] | None = None,
    bbox: str | Sequence[float] | None = None,
    layers: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The gazetteer as GeoDataFrames (EPSG:4326), ready for :func:`write_layers`.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Default: the packaged one.
    admin : str, optional
        Keep what lies in this governorate, district or sub-district
        (P-code such as ``SY02``, ``SY0200``, ``SY020001``): places of the
        unit, the unit's polygon and those below it, neighbourhoods of its
        cities.
    kinds : iterable of str, optional
        Keep only places of these kinds (``village``, ``town``, …); polygon
        layers are not affected.
    bbox : "W,S,E,N" or (w, s, e, n), optional
        Keep places inside and polygons intersecting this lon/lat box.
    layers : iterable of str, optional
        Subset of :data:`GAZETTEER_LAYERS` (default all).

    Returns
    -------
    dict
        ``places`` (points, every :data:`~geokit.gazetteer.PLACE_FIELDS`),
        ``names`` (attribute table: place_id, rank, name, lang, script, type,
        source), ``admin1``..``admin3`` and ``neighbourhoods`` (MultiPolygons:
        pcode, name, name_ar, parent_pcode).  The names table holds the
        names of the exported places only; a polygon layer that the filters
        leave empty is left out unless *layers* names it.

    Raises
    ------
    InputError
        Unknown kind or layer, bad bbox, or filters that match no place.
    PlaceNotFound
        Unknown admin P-code.
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from geokit.gazetteer import KINDS, PLACE_FIELDS

    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    wanted = list(GAZETTEER_LAYERS) if layers is None else [str(x).strip() for x in layers if str(x).strip()]
    unknown = [x for x in wanted if x not in GAZETTEER_LAYERS]
    if unknown or not wanted:
        raise InputError(f"unknown layer {', '.join(unknown) or '(none)'}: choose from {', '.join(GAZETTEER_LAYERS)}")
    kind_set: set[str] | None = None
    if kinds is not None:
        kind_set = {k.strip().lower() for k in kinds if k.strip()}
        bad = sorted(kind_set - set(KINDS))
        if bad or not kind_set:
            raise InputError(f"unknown kind {', '.join(bad) or '(none)'}: choose from {', '.join(KINDS)}")
    box = parse_bbox(bbox)
    code, level = _admin_filter(gaz, admin) if admin else (None, 0)

    def in_admin(p: Any) -> bool:
        return code is None or getattr(p, f"admin{level}_pcode") == code

    places = [p for p in gaz.places(kind_set) if in_admin(p)]
    if box is not None:
        w, s, e, n = box
        places = [p for p in places if w <= p.lon <= e and s <= p.lat <= n]
    if not places and ("places" in wanted or "names" in wanted):
        raise InputError("no place matches the filters (admin/kind/bbox)")

    out: dict[str, Any] = {}
    if "places" in wanted:
        row = operator.attrgetter(*PLACE_FIELDS)
        frame = pd.DataFrame([row(p) for p in places], columns=list(PLACE_FIELDS))
        for col in ("geonameid", "wof_id", "population"):
            frame[col] = frame[col].astype("Int64")
        geom = shapely.points(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float))
        out["places"] = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geom, crs="EPSG:4326"), crs="EPSG:4326")
    if "names" in wanted:
        # rowid order: a place's names are stored together, most preferred first
        records = list(gaz.iter_name_records())
        if len(places) != len(gaz.places_by_id):
            ids = {p.id for p in places}
            records = [r for r in records if r[0] in ids]
        frame = pd.DataFrame(records, columns=["place_id", "name", "lang", "script", "type", "source"])
        rank = frame.groupby("place_id", sort=False).cumcount().to_numpy() + 1 if len(frame) else np.array([], int)
        frame.insert(1, "rank", pd.array(rank, dtype="Int32"))
        out["names"] = frame
    by_id = gaz.places_by_id if code is not None else {}
    for layer in ("admin1", "admin2", "admin3", "neighbourhoods"):
        if layer not in wanted:
            continue
        units = gaz.boundaries(layer)
        if code is not None:
            if layer == "neighbourhoods":
                units = [u for u in units if u.parent_pcode in by_id and in_admin(by_id[u.parent_pcode])]
            else:
                units = [u for u in units if u.pcode.startswith(code)]
        geoms = shapely.from_wkb([u.wkb for u in units]) if units else np.array([], dtype=object)
        if box is not None and len(geoms):
            keep = shapely.intersects(geoms, shapely.box(*box))
            units = [u for u, k in zip(units, keep) if k]
            geoms = geoms[keep]
        geoms = np.array([shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g for g in geoms],
                         dtype=object)
        frame = pd.DataFrame([(u.pcode, u.name, u.name_ar, u.parent_pcode) for u in units],
                             columns=["pcode", "name", "name_ar", "parent_pcode"])
        if units or layers is not None:  # filters that leave a polygon layer empty drop it, unless asked for
            out[layer] = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")
    return out


def export_gazetteer(
    path: str | os.PathLike[str],
    *,
    admin: str | None = None,
    kinds: Iterable[str] | None = None,
    bbox: str | Sequence[float] | None = None,
    layers: Iterable[str] | None = None,
    styles: bool = True,
    gazetteer: Any = None,
) -> ExportResult:
    """Export the gazetteer to *path*, the format taken from its extension.

    Filters and layers as :func:`gazetteer_layers`; writing as
    :func:`write_layers`.

    Examples
    --------
    >>> export_gazetteer("syria.gpkg")                              # doctest: +SKIP
    >>> export_gazetteer("idlib.geojson", admin="SY07", kinds=["town", "village"])  # doctest: +SKIP
    """
    start = time.perf_counter()
    output_format(path)  # fail on the extension before reading any data
    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    frames = gazetteer_layers(gaz, admin=admin, kinds=kinds, bbox=bbox, layers=layers)
    filters = ", ".join(f"{k}={v}" for k, v in (("admin", admin), ("kind", ",".join(sorted(kinds or [])) or None),
                                                  ("bbox", bbox)) if v)
    meta = export_metadata(gaz, note=f"filtered: {filters}" if filters else None)
    result = write_layers(frames, path, styles=styles, metadata=meta)
    result.seconds = time.perf_counter() - start
    return result


# --- writing -------------------------------------------------------------------------------
def _family(name: str, frame: Any) -> str | None:
    """``point``, ``line``, ``polygon`` or None (attribute table)."""
    geom = getattr(frame, "geometry", None) if hasattr(frame, "crs") else None
    if geom is None:
        return None
    types = {t for t in geom.geom_type.dropna().unique()}
    for family, names in (("polygon", ("Polygon", "MultiPolygon")), ("line", ("LineString", "MultiLineString")),
                          ("point", ("Point", "MultiPoint"))):
        if types & set(names):
            return family
    return _LAYER_FAMILY.get(name, "point")


def _prepare(layers: Mapping[str, Any]) -> dict[str, Any]:
    """Check names and frames; reproject spatial frames to EPSG:4326."""
    import pandas as pd

    out: dict[str, Any] = {}
    if not layers:
        raise InputError("nothing to export: no layers")
    for name, frame in layers.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
            raise InputError(f"bad layer name {name!r}: use letters, digits and _ (at most 63)")
        if name == "layer_styles":
            raise InputError("'layer_styles' is reserved for QGIS styles")
        if not isinstance(frame, pd.DataFrame):
            raise InputError(f"layer {name}: expected a (Geo)DataFrame, got {type(frame).__name__}")
        if hasattr(frame, "crs") and getattr(frame, "_geometry_column_name", None) in frame.columns:
            if frame.crs is None:
                frame = frame.set_crs("EPSG:4326")
            elif frame.crs.to_epsg() != 4326:
                frame = frame.to_crs("EPSG:4326")
            if frame.geometry.name != "geometry":
                frame = frame.rename_geometry("geometry")
        else:
            frame = pd.DataFrame(frame)
        bad_cols = [c for c in frame.columns if not isinstance(c, str)]
        if bad_cols:
            raise InputError(f"layer {name}: column names must be text, got {bad_cols[:3]}")
        out[name] = frame.reset_index(drop=True)
    return out


def _attributes(frame: Any) -> list[str]:
    return [c for c in frame.columns if c != "geometry"]


def write_layers(
    layers: Mapping[str, Any],
    path: str | os.PathLike[str],
    *,
    styles: bool = True,
    metadata: Mapping[str, str] | None = None,
) -> ExportResult:
    """Write layers to one output, the format taken from the extension.

    This is the one writer of GIS files in geokit: the gazetteer export and
    ``geokit map ... --gpkg OUT.gpkg`` both use it.

    Parameters
    ----------
    layers : dict of str to GeoDataFrame or DataFrame
        Layer name -> data, written in this order.  GeoDataFrames are
        reprojected to EPSG:4326 (a frame without CRS is taken to be in it);
        plain DataFrames become attribute tables.  Map layers are recognised by
        name and columns (``control_areas`` with ``faction``, ``front_lines``,
        ``contested``, ``places`` with ``faction``, ``incidents`` with
        ``type``) and styled with the PNG palette of :mod:`geokit.settings`;
        gazetteer layers by ``kind``.
    path : str or Path
        Output file: ``.gpkg``, ``.geojson``, ``.csv``, ``.shp``, ``.shp.zip``
        / ``.zip``, ``.kml`` or ``.fgb`` (see the module docs for what each
        holds).  Replaced atomically if it exists.
    styles : bool
        Write QGIS styles (``layer_styles`` table, ``.qml`` sidecars, KML
        styles).
    metadata : mapping, optional
        ``title``, ``attribution``, ``licence``, … (default
        :func:`export_metadata`, which names the gazetteer's sources).

    Returns
    -------
    ExportResult

    Raises
    ------
    InputError
        Unknown extension, bad layer names or data.
    OutputError
        The output cannot be written (missing directory, disk full, GDAL error).
    """
    start = time.perf_counter()
    target = Path(path)
    fmt = output_format(target)
    if not target.parent.is_dir() and str(target.parent):
        raise OutputError(f"output directory does not exist: {target.parent}")
    frames = _prepare(layers)
    meta = dict(metadata) if metadata is not None else export_metadata(title="geokit layers")
    meta.setdefault("created", _timestamp().strftime("%Y-%m-%dT%H:%M:%SZ"))
    writer = {".gpkg": _write_gpkg, ".kml": _write_kml}.get(fmt, _write_files)
    result = ExportResult(path=target, format=fmt, counts={n: len(f) for n, f in frames.items()})
    try:
        writer(frames, target, fmt, styles, meta, result)
    except GeokitError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except Exception as exc:  # GDAL errors arrive as pyogrio's own classes
        if type(exc).__module__.startswith("pyogrio"):
            raise OutputError(f"cannot write {target}: {exc}") from None
        raise
    result.seconds = time.perf_counter() - start
    return result


@contextlib.contextmanager
def _gdal_date(meta: Mapping[str, str]) -> Iterator[None]:
    """Make GDAL stamp its GeoPackage tables with the export time (so a
    fixed ``SOURCE_DATE_EPOCH`` gives identical files)."""
    import pyogrio

    old = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": meta["created"]})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": old})


def _layer_description(name: str, meta: Mapping[str, str]) -> str:
    title = _LAYER_TITLES.get(name, name)
    return f"{title}. {meta.get('attribution', '')} Licences: {meta.get('licence', '')}".strip()


def _write_gpkg(frames: dict[str, Any], target: Path, fmt: str, styles: bool, meta: Mapping[str, str],
                result: ExportResult) -> None:
    import pyogrio

    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(_atomic_path(target))
        stack.enter_context(_gdal_date(meta))
        gdal_meta = {k.upper(): v for k, v in meta.items()}
        for i, (name, frame) in enumerate(frames.items()):
            options = {"DESCRIPTION": _layer_description(name, meta), "IDENTIFIER": _LAYER_TITLES.get(name, name)}
            kwargs: dict[str, Any] = {"layer_options": options, "layer_metadata": gdal_meta}
            if i == 0:
                kwargs["dataset_metadata"] = gdal_meta
            if "geometry" in frame.columns:
                options["SPATIAL_INDEX"] = "YES"
                if len(frame) == 0:
                    kwargs["geometry_type"] = {"point": "Point", "line": "MultiLineString",
                                               "polygon": "MultiPolygon"}.get(_LAYER_FAMILY.get(name, ""), "Unknown")
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", **kwargs)
        if styles:
            _gpkg_styles(tmp, frames, meta)
        _gpkg_qgis_metadata(tmp, frames, meta)
        _gpkg_join_indexes(tmp, frames)
    result.files = [target]


def _style(name: str, frame: Any) -> Any:
    from geokit._qgis import style_for_layer

    return style_for_layer(name, _attributes(frame), _family(name, frame))


def _gpkg_styles(gpkg: Path, frames: Mapping[str, Any], meta: Mapping[str, str]) -> None:
    """Add QGIS's ``layer_styles`` table (same schema QGIS creates), one
    default style per layer."""
    import pandas as pd
    import pyogrio

    created = pd.Timestamp(meta["created"])
    created = created.tz_convert(None) if created.tzinfo else created
    rows = []
    for name, frame in frames.items():
        style = _style(name, frame)
        rows.append({
            "f_table_catalog": "", "f_table_schema": "", "f_table_name": name,
            "f_geometry_column": "geom" if "geometry" in frame.columns else "",
            "styleName": name, "styleQML": style.qml(), "styleSLD": style.sld(), "useAsDefault": True,
            "description": f"geokit: {style.title}", "owner": "", "ui": "", "update_time": created,
        })
    table = pd.DataFrame(rows)
    pyogrio.write_dataframe(table, gpkg, layer="layer_styles", driver="GPKG",
                            layer_options={"FID": "id", "DESCRIPTION": "QGIS layer styles (geokit)"})


def _qgis_metadata_xml(name: str, frame: Any, meta: Mapping[str, str]) -> str:
    """QGIS layer metadata (qgis.dtd) for the layer: title, abstract, rights,
    licences; what QGIS shows in Layer Properties > Metadata."""
    import xml.etree.ElementTree as ET

    from geokit._qgis import QGIS_VERSION

    root = ET.Element("qgis", {"version": QGIS_VERSION})
    ET.SubElement(root, "identifier").text = name
    ET.SubElement(root, "parentidentifier").text = meta.get("title", "")
    ET.SubElement(root, "language").text = "en"
    ET.SubElement(root, "type").text = "dataset"
    ET.SubElement(root, "title").text = f"{meta.get('title', 'geokit')}: {_LAYER_TITLES.get(name, name)}"
    abstract = f"{_LAYER_TITLES.get(name, name)} ({len(frame)} features). {meta.get('attribution', '')}"
    if meta.get("note"):
        abstract += f" ({meta['note']})"
    ET.SubElement(root, "abstract").text = abstract
    keywords = ET.SubElement(root, "keywords", {"vocabulary": "gmd:topicCategory"})
    ET.SubElement(keywords, "keyword").text = "Location"
    ET.SubElement(root, "links")
    ET.SubElement(root, "fees")
    ET.SubElement(root, "constraints", {"type": "Attribution"}).text = meta.get("attribution", "")
    ET.SubElement(root, "rights").text = meta.get("attribution", "")
    for lic_name, lic, url in SOURCE_LICENCES:
        ET.SubElement(root, "license").text = f"{lic_name}: {lic} ({url})"
    ET.SubElement(root, "encoding")
    crs = ET.SubElement(root, "crs")
    srs = ET.SubElement(crs, "spatialrefsys")
    ET.SubElement(srs, "authid").text = "EPSG:4326"
    ET.indent(root, "  ")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, "unicode") + "\n"


def _gpkg_qgis_metadata(gpkg: Path, frames: Mapping[str, Any], meta: Mapping[str, str]) -> None:
    """Licence and attribution as QGIS layer metadata in ``gpkg_metadata`` /
    ``gpkg_metadata_reference`` (GDAL has already put them there as GDAL
    metadata and in ``gpkg_contents.description``)."""
    con = sqlite3.connect(gpkg)
    try:
        with con:
            con.execute("""CREATE TABLE IF NOT EXISTS gpkg_metadata (
                id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL,
                md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL,
                mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '')""")
            con.execute("""CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (
                reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT, row_id_value INTEGER,
                timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                md_file_id INTEGER NOT NULL, md_parent_id INTEGER,
                CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
                CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))""")
            for table, column in (("gpkg_metadata", None), ("gpkg_metadata_reference", None)):
                exists = con.execute("SELECT 1 FROM gpkg_extensions WHERE table_name = ? AND extension_name = "
                                     "'gpkg_metadata'", (table,)).fetchone()
                if not exists:
                    con.execute("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, "
                                "scope) VALUES (?, ?, 'gpkg_metadata', "
                                "'http://www.geopackage.org/spec120/#extension_metadata', 'read-write')",
                                (table, column))
            stamp = meta["created"].replace("Z", ".000Z") if meta["created"].endswith("Z") else meta["created"]
            for name, frame in frames.items():
                cur = con.execute("INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                                  "VALUES ('dataset', 'http://mrcc.com/qgis.dtd', 'text/xml', ?)",
                                  (_qgis_metadata_xml(name, frame, meta),))
                con.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, timestamp, "
                            "md_file_id) VALUES ('table', ?, ?, ?)", (name, stamp, cur.lastrowid))
    finally:
        con.close()


def _gpkg_join_indexes(gpkg: Path, frames: Mapping[str, Any]) -> None:
    """Index the columns other layers join on (``names.place_id``, …), so
    joins and relations in QGIS stay quick."""
    keys = ("place_id", "parent_id", "parent_pcode", "pcode")
    con = sqlite3.connect(gpkg)
    try:
        with con:
            for name, frame in frames.items():
                for col in keys:
                    if col in frame.columns:
                        con.execute(f'CREATE INDEX "{name}_{col}_idx" ON "{name}" ("{col}")')
    finally:
        con.close()


@contextlib.contextmanager
def _atomic_path(target: Path) -> Iterator[Path]:
    from geokit._io import atomic_path

    with atomic_path(target) as tmp:
        yield tmp


# --- one file per layer: GeoJSON, FlatGeobuf, CSV, shapefiles -------------------------------------
def _layer_paths(frames: Mapping[str, Any], target: Path, fmt: str) -> dict[str, Path]:
    """Output path of each layer: the first takes *target*, the others
    ``STEM.LAYER.EXT`` beside it; attribute tables of spatial formats are CSV."""
    stem, ext = _stem_and_ext(target, fmt)
    out: dict[str, Path] = {}
    for i, (name, frame) in enumerate(frames.items()):
        spatial = "geometry" in frame.columns
        layer_ext = ext if (spatial or fmt in (".csv", ".shp", ".shp.zip")) else ".csv"
        if fmt in (".shp", ".shp.zip") and not spatial:
            layer_ext = ".dbf"
        out[name] = target if i == 0 and layer_ext == ext else target.with_name(f"{stem}.{name}{layer_ext}")
    if len(set(out.values())) != len(out):
        raise InputError("two layers would be written to the same file")
    return out


def _write_files(frames: dict[str, Any], target: Path, fmt: str, styles: bool, meta: Mapping[str, str],
                 result: ExportResult) -> None:
    stem, _ = _stem_and_ext(target, fmt)
    if fmt in (".shp", ".shp.zip"):
        _write_shapefiles(frames, target, fmt, styles, meta, result)
        return
    paths = _layer_paths(frames, target, fmt)
    readme = target.with_name(f"{stem}.README.txt")
    with contextlib.ExitStack() as stack:
        written: list[Path] = []
        for name, frame in frames.items():
            dest = paths[name]
            tmp = stack.enter_context(_atomic_path(dest))
            if dest.suffix == ".csv":
                _write_csv(frame, tmp, stack, dest)
            elif fmt == ".geojson":
                _write_geojson(frame, tmp, name, meta)
            else:
                _write_fgb(frame, tmp, name, meta)
            written.append(dest)
            if styles and "geometry" in frame.columns:
                qml = dest.with_suffix(".qml")
                with _atomic_text(stack, qml) as handle:
                    handle.write(_style(name, frame).qml())
                written.append(qml)
        with _atomic_text(stack, readme) as handle:
            handle.write(_readme(frames, meta, fmt, paths, {}, styles))
        written.append(readme)
    result.files = written


@contextlib.contextmanager
def _atomic_text(stack: contextlib.ExitStack, path: Path) -> Iterator[Any]:
    """A text file written to a temporary name and renamed when *stack*
    closes without error (with the other outputs of the export)."""
    tmp = stack.enter_context(_atomic_path(path))
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        yield handle


def _write_geojson(frame: Any, tmp: Path, name: str, meta: Mapping[str, str]) -> None:
    import pyogrio

    options = {"RFC7946": "YES", "WRITE_NAME": "NO", "COORDINATE_PRECISION": str(_GEOJSON_DECIMALS),
               "DESCRIPTION": f"{_LAYER_TITLES.get(name, name)}. {meta.get('attribution', '')}"}
    if "id" in frame.columns and frame["id"].notna().all() and frame["id"].is_unique:
        options["ID_FIELD"] = "id"  # the feature's own "id" member, so joins survive any reader
    pyogrio.write_dataframe(frame, tmp, driver="GeoJSON", layer=name, layer_options=options)


def _write_fgb(frame: Any, tmp: Path, name: str, meta: Mapping[str, str]) -> None:
    import pyogrio

    pyogrio.write_dataframe(frame, tmp, driver="FlatGeobuf", layer=name,
                            layer_options={"SPATIAL_INDEX": "YES", "TITLE": _LAYER_TITLES.get(name, name),
                                           "DESCRIPTION": meta.get("attribution", "")})


# CSV ------------------------------------------------------------------------------------------------
def _pandas() -> Any:
    import pandas

    return pandas


def _csv_types(frame: Any) -> dict[str, str]:
    import pandas as pd

    types: dict[str, str] = {}
    for col in frame.columns:
        if col == "geometry":
            continue
        s = frame[col]
        if pd.api.types.is_bool_dtype(s):
            types[col] = "Integer(Boolean)"
        elif pd.api.types.is_integer_dtype(s):
            types[col] = "Integer64"
        elif pd.api.types.is_float_dtype(s):
            types[col] = "Real"
        elif pd.api.types.is_datetime64_any_dtype(s):
            types[col] = "DateTime"
        else:
            types[col] = "String"
    return types


def _csv_value(value: Any, kind: str) -> str:
    """A cell as text: empty for null (None, NaN, pandas NA/NaT), repr for
    floats (shortest exact form), ISO 8601 for dates."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if type(value).__module__.startswith("pandas") and _pandas().isna(value):  # NA, NaT
        return ""
    if kind == "Integer(Boolean)":
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _write_csv(frame: Any, tmp: Path, stack: contextlib.ExitStack, dest: Path) -> None:
    """UTF-8 with BOM; points as lon/lat columns typed CoordX/CoordY in the
    ``.csvt`` (GDAL and QGIS then read them as points), other geometries as
    a leading ``WKT`` column; empty cells are nulls."""
    import shapely

    types = _csv_types(frame)
    columns = [c for c in frame.columns if c != "geometry"]
    lead: list[list[str]] = []  # leading geometry columns: [header, *cells] each
    if "geometry" in frame.columns:
        gs = frame.geometry
        points = gs.geom_type.dropna().isin(["Point"]).all() and len(gs.dropna())
        if points and {"lon", "lat"} <= set(columns) and _points_match(frame):
            types["lon"], types["lat"] = "CoordX", "CoordY"
        elif points and not ({"lon", "lat"} & set(columns)):
            xs, ys = shapely.get_x(gs.values), shapely.get_y(gs.values)
            lead = [["lon"] + [_csv_value(float(x), "Real") for x in xs],
                    ["lat"] + [_csv_value(float(y), "Real") for y in ys]]
            types = {"lon": "CoordX", "lat": "CoordY", **types}
        else:
            lead = [["WKT"] + [shapely.to_wkt(g, rounding_precision=-1) if g is not None else "" for g in gs.values]]
            types = {"WKT": "WKT", **types}
    header = [col[0] for col in lead] + columns
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    col_kinds = [types[c] for c in columns]
    values = [frame[c].tolist() for c in columns]
    for i in range(len(frame)):
        writer.writerow([col[i + 1] for col in lead] + [_csv_value(v[i], k) for v, k in zip(values, col_kinds)])
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(buf.getvalue())
    csvt = dest.with_suffix(".csvt")
    with _atomic_text(stack, csvt) as handle:
        handle.write(",".join(types[c] for c in header) + "\n")


def _points_match(frame: Any) -> bool:
    """Whether the lon/lat columns are the point geometry (gazetteer places)."""
    import numpy as np
    import shapely

    xs, ys = shapely.get_x(frame.geometry.values), shapely.get_y(frame.geometry.values)
    lon = frame["lon"].to_numpy(dtype=float, na_value=np.nan)
    lat = frame["lat"].to_numpy(dtype=float, na_value=np.nan)
    return bool(np.allclose(xs, lon, atol=1e-9, equal_nan=True) and np.allclose(ys, lat, atol=1e-9, equal_nan=True))


# shapefiles ---------------------------------------------------------------------------------------------
def shapefile_field_names(columns: Iterable[str]) -> dict[str, str]:
    """Shapefile names (at most 10 characters, unique, case-insensitively)
    for *columns*: :data:`SHAPEFILE_FIELDS` first, else the name with its
    vowels after the first letter dropped, cut to 10, numbered if taken.

    Returns only the names that change.
    """
    cols = [c for c in columns if c != "geometry"]
    taken = {c.lower() for c in cols if len(c) <= 10}
    out: dict[str, str] = {}
    for col in cols:
        if len(col) <= 10:
            continue
        new = SHAPEFILE_FIELDS.get(col)
        if not new or new.lower() in taken:
            squeezed = col[0] + re.sub(r"[aeiou]", "", col[1:])
            new = squeezed[:10]
            n = 1
            while new.lower() in taken:
                suffix = str(n)
                new = squeezed[: 10 - len(suffix)] + suffix
                n += 1
        taken.add(new.lower())
        out[col] = new
    return out


def _write_shapefiles(frames: dict[str, Any], target: Path, fmt: str, styles: bool, meta: Mapping[str, str],
                      result: ExportResult) -> None:
    import pyogrio

    stem, _ = _stem_and_ext(target, fmt)
    zipped = fmt == ".shp.zip"
    field_maps = {name: shapefile_field_names(_attributes(frame)) for name, frame in frames.items()}
    result.field_names = {k: v for k, v in field_maps.items() if v}
    with tempfile.TemporaryDirectory(prefix=".geokit-shp-", dir=target.parent) as work:
        work_dir = Path(work)
        members: list[Path] = []
        base_names = {name: (name if zipped else (stem if i == 0 and "geometry" in frame.columns
                                                  else f"{stem}.{name}"))
                      for i, (name, frame) in enumerate(frames.items())}
        for name, frame in frames.items():
            mapping = field_maps[name]
            out = frame.rename(columns=mapping)
            base = base_names[name]
            spatial = "geometry" in frame.columns
            dest = work_dir / f"{base}{'.shp' if spatial else '.dbf'}"
            pyogrio.write_dataframe(out, dest, driver="ESRI Shapefile", layer=base,
                                    layer_options={"ENCODING": "UTF-8"})  # RESIZE=YES would triple the time
            for part in sorted(work_dir.glob(f"{glob_escape(base)}.*")):
                if part not in members:
                    members.append(part)
            if styles and spatial:
                qml = work_dir / f"{base}.qml"
                qml.write_text(_style(name, frame).renamed(mapping).qml(), encoding="utf-8")
                members.append(qml)
        paths = {name: Path(f"{base_names[name]}{'.shp' if 'geometry' in f.columns else '.dbf'}")
                 for name, f in frames.items()}
        readme_name = "README.txt" if zipped else f"{stem}.README.txt"
        readme = work_dir / readme_name
        readme.write_text(_readme(frames, meta, fmt, paths, field_maps, styles), encoding="utf-8")
        members.append(readme)
        with contextlib.ExitStack() as stack:
            if zipped:
                tmp = stack.enter_context(_atomic_path(target))
                stamp = _timestamp().timetuple()[:6]
                with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                    for member in members:
                        info = zipfile.ZipInfo(member.name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
                        info.compress_type = zipfile.ZIP_DEFLATED
                        info.external_attr = 0o644 << 16
                        zf.writestr(info, member.read_bytes())
                result.files = [target]
            else:
                finals = []
                for member in members:
                    final = target.with_name(member.name)
                    tmp = stack.enter_context(_atomic_path(final))
                    shutil.copyfile(member, tmp)
                    finals.append(final)
                main = target.with_name(f"{base_names[next(iter(frames))]}.shp")
                result.files = [main] + [f for f in finals if f != main]


def glob_escape(text: str) -> str:
    """*text* with glob wildcards escaped."""
    return re.sub(r"([*?\[])", r"[\1]", text)


# KML ------------------------------------------------------------------------------------------------------
def _kml_coords(coords: Any) -> str:
    return " ".join(f"{repr(float(x))},{repr(float(y))}" for x, y in coords)


def _kml_geometry(geom: Any) -> str:
    import shapely

    if geom is None or geom.is_empty:
        return ""
    kind = geom.geom_type
    if kind == "Point":
        return f"<Point><coordinates>{repr(float(geom.x))},{repr(float(geom.y))}</coordinates></Point>"
    if kind == "LineString":
        return f"<LineString><tessellate>1</tessellate><coordinates>{_kml_coords(geom.coords)}</coordinates></LineString>"
    if kind == "Polygon":
        geom = shapely.orient_polygons(geom)  # outer rings counter-clockwise, as KML asks
        inner = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_kml_coords(r.coords)}</coordinates>"
                        f"</LinearRing></innerBoundaryIs>" for r in geom.interiors)
        return (f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_kml_coords(geom.exterior.coords)}"
                f"</coordinates></LinearRing></outerBoundaryIs>{inner}</Polygon>")
    if hasattr(geom, "geoms"):
        return "<MultiGeometry>" + "".join(_kml_geometry(g) for g in geom.geoms) + "</MultiGeometry>"
    return ""


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _kml_type(kind: str) -> str:
    return {"Integer(Boolean)": "bool", "Integer64": "int", "Real": "double"}.get(kind, "string")


def _kml_fields(frame: Any) -> list[str]:
    """Fields written as ExtendedData: all but those the placemark itself
    carries (``id`` as its id, ``name`` as its name when never empty)."""
    skip = {"id", "description"}
    if "name" in frame.columns and frame["name"].notna().all():
        skip.add("name")
    return [c for c in _attributes(frame) if c not in skip]


def _matches(match: Sequence[tuple[Any, Any]], row: Mapping[str, Any]) -> bool:
    for name, value in match:
        names = name if isinstance(name, tuple) else (name,)
        if value is True or value is False:
            truth = any(bool(row.get(n)) and row.get(n) == row.get(n) for n in names)
            if truth != value:
                return False
        elif row.get(name) != value:
            return False
    return True


def _kml_styles(name: str, style: Any) -> tuple[str, list[str]]:
    """KML ``<Style>`` elements for *style*'s categories, and their ids."""
    from geokit._qgis import kml_colour

    labelled_values = set()
    for rule in style.labels:
        if rule.max_scale is None or rule.max_scale >= 1_000_000:
            labelled_values.update(v for _, v in rule.match) if rule.match else labelled_values.add("*")
    out, ids = [], []
    for i, cat in enumerate(style.categories):
        sid = f"{name}-{i}"
        ids.append(sid)
        sym = cat.symbol
        parts = []
        label_on = "*" in labelled_values or any(v in labelled_values for _, v in cat.match)
        if sym.kind == "marker":
            parts.append(f"<IconStyle><color>{kml_colour(sym.colour or '#000000')}</color>"
                         f"<scale>{max(sym.size / 3.0, 0.3):.2f}</scale><Icon><href>"
                         "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle>")
            parts.append(f"<LabelStyle><scale>{0.8 if label_on else 0}</scale></LabelStyle>")
        elif sym.kind == "line":
            parts.append(f"<LineStyle><color>{kml_colour(sym.colour or '#000000')}</color>"
                         f"<width>{max(sym.size * 3.78, 1):.1f}</width></LineStyle>")
        else:
            outline = sym.outline or sym.hatch
            parts.append(f"<LineStyle><color>{kml_colour(outline or '#000000', 1.0 if outline else 0.0)}</color>"
                         f"<width>{max(sym.outline_width * 3.78, 1):.1f}</width></LineStyle>")
            fill = sym.colour or sym.hatch
            parts.append(f"<PolyStyle><color>{kml_colour(fill or '#ffffff', 0.6 if fill else 0.0)}</color>"
                         f"<fill>{1 if fill else 0}</fill><outline>1</outline></PolyStyle>")
        out.append(f'<Style id="{sid}">{"".join(parts)}</Style>')
    return "\n".join(out), ids


def _names_by_place(frames: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    table = frames.get("names")
    if table is None or not {"place_id", "name", "script"} <= set(table.columns):
        return {}
    out: dict[str, list[tuple[str, str]]] = {}
    for pid, name, script in zip(table["place_id"].tolist(), table["name"].tolist(), table["script"].tolist()):
        out.setdefault(pid, []).append((name, script))
    return out


def _place_description(row: Mapping[str, Any], names: list[tuple[str, str]], label_fields: Sequence[str]) -> str:
    """HTML description: the names in both scripts, admin path, codes."""
    def e(text: str) -> str:
        return html.escape(text, quote=False)

    name = row.get(label_fields[0]) if label_fields else None
    name_ar = row.get(label_fields[1]) if len(label_fields) > 1 else None
    lines = []
    if name:
        lines.append(f"<b>{e(str(name))}</b>")
    if name_ar and name_ar == name_ar:
        lines.append(f'<span dir="rtl" lang="ar"><b>{e(str(name_ar))}</b></span>')
    arab = [n for n, s in names if s == "Arab" and n != name_ar]
    latin = [n for n, s in names if s != "Arab" and n != name]
    if arab:
        lines.append('Arabic names: <span dir="rtl" lang="ar">' + "، ".join(e(n) for n in dict.fromkeys(arab))
                     + "</span>")
    if latin:
        lines.append("Other names: " + "; ".join(e(n) for n in dict.fromkeys(latin)))
    admin = []
    for level in (3, 2, 1):
        en, ar = row.get(f"admin{level}"), row.get(f"admin{level}_ar")
        if en and en == en:
            admin.append(e(str(en)) + (f' / <span dir="rtl" lang="ar">{e(str(ar))}</span>' if ar and ar == ar else ""))
    if admin:
        lines.append(" › ".join(admin))
    facts = []
    for key in ("kind", "id", "pcode", "geonameid", "faction", "type", "date"):
        value = row.get(key)
        if value is not None and value == value and str(value) != "<NA>":
            facts.append(f"{key}: {e(str(value))}")
    if facts:
        lines.append(" · ".join(facts))
    return "<br/>".join(lines)


def _write_kml(frames: dict[str, Any], target: Path, fmt: str, styles: bool, meta: Mapping[str, str],
               result: ExportResult) -> None:
    stem, _ = _stem_and_ext(target, fmt)
    names = _names_by_place(frames)
    spatial = {n: f for n, f in frames.items() if "geometry" in f.columns}
    tables = {n: f for n, f in frames.items() if "geometry" not in f.columns}
    paths = {n: target for n in spatial} | {n: target.with_name(f"{stem}.{n}.csv") for n in tables}
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(_atomic_path(target))
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n')
            out.write(f"<Document><name>{xml_escape(meta.get('title', 'geokit'))}</name>\n")
            out.write(f"<description>{_cdata(html.escape(meta.get('attribution', ''), quote=False) + '<br/>Licences: ' + html.escape(meta.get('licence', ''), quote=False))}</description>\n")
            for name, frame in spatial.items():
                style = _style(name, frame)
                style_xml, style_ids = _kml_styles(name, style) if styles else ("", [])
                if style_xml:
                    out.write(style_xml + "\n")
                types = _csv_types(frame)
                fields = _kml_fields(frame)
                out.write(f'<Schema name={quoteattr(name)} id={quoteattr(name + "-schema")}>')
                out.write("".join(f'<SimpleField name={quoteattr(c)} type="{_kml_type(types[c])}"/>' for c in fields))
                out.write("</Schema>\n")
            for name, frame in spatial.items():
                style = _style(name, frame)
                _, style_ids = _kml_styles(name, style) if styles else ("", [])
                label_fields = style.labels[0].fields if style.labels else \
                    tuple(f for f in ("name", "name_ar") if f in frame.columns)
                types = _csv_types(frame)
                fields = _kml_fields(frame)
                out.write(f"<Folder id={quoteattr(name)}><name>{xml_escape(name)}</name>"
                          f"<description>{xml_escape(_LAYER_TITLES.get(name, name))}</description>\n")
                records = frame[_attributes(frame)].to_dict("records")
                for i, (row, geom) in enumerate(zip(records, frame.geometry.values)):
                    pid = row.get("id")
                    pid = str(pid) if pid is not None and pid == pid else f"{name}.{i + 1}"
                    title = next((row[f] for f in label_fields if row.get(f) and row[f] == row[f]), pid)
                    parts = [f"<Placemark id={quoteattr(pid)}><name>{xml_escape(str(title))}</name>"]
                    parts.append(f"<description>{_cdata(_place_description(row, names.get(pid, []), label_fields))}"
                                 "</description>")
                    if style_ids:
                        idx = next((j for j, c in enumerate(style.categories) if _matches(c.match, row)),
                                   len(style_ids) - 1)
                        parts.append(f"<styleUrl>#{style_ids[idx]}</styleUrl>")
                    data = []
                    for c in fields:
                        value = _csv_value(row.get(c), types[c])
                        if value != "":
                            data.append(f'<SimpleData name={quoteattr(c)}>{xml_escape(value)}</SimpleData>')
                    parts.append(f'<ExtendedData><SchemaData schemaUrl="#{name}-schema">{"".join(data)}'
                                 "</SchemaData></ExtendedData>")
                    parts.append(_kml_geometry(geom))
                    parts.append("</Placemark>\n")
                    out.write("".join(parts))
                out.write("</Folder>\n")
            out.write("</Document>\n</kml>\n")
        written = [target]
        for name, frame in tables.items():
            dest = paths[name]
            _write_csv(frame, stack.enter_context(_atomic_path(dest)), stack, dest)
            written.append(dest)
        readme = target.with_name(f"{stem}.README.txt")
        with _atomic_text(stack, readme) as handle:
            handle.write(_readme(frames, meta, fmt, paths, {}, styles))
        written.append(readme)
    result.files = written


# README ---------------------------------------------------------------------------------------------------
def _readme(frames: Mapping[str, Any], meta: Mapping[str, str], fmt: str, paths: Mapping[str, Path],
            field_maps: Mapping[str, Mapping[str, str]], styles: bool) -> str:
    lines = [meta.get("title", "geokit export"), "=" * len(meta.get("title", "geokit export")), ""]
    lines += [f"Written by {meta.get('generator', 'geokit')} on {meta.get('created', '')} "
              f"as {FORMATS[fmt]}.", ""]
    if meta.get("note"):
        lines += [meta["note"], ""]
    lines += ["Attribution", "-----------", meta.get("attribution", ""), "", "Licences", "--------"]
    lines += [f"- {name}: {lic} <{url}>" for name, lic, url in SOURCE_LICENCES]
    lines += ["", "Keep this attribution with the data and with maps made from it.", "",
              "Coordinates", "-----------", "WGS84 longitude/latitude (EPSG:4326).", "", "Layers", "------"]
    for name, frame in frames.items():
        where = paths.get(name)
        kind = "attribute table" if "geometry" not in frame.columns else \
            f"{_family(name, frame) or 'geometry'} features"
        lines.append(f"{name} ({_LAYER_TITLES.get(name, name)}): {len(frame)} {kind}"
                     + (f", file {where.name}" if where is not None else ""))
        mapping = field_maps.get(name, {})
        for col in _attributes(frame):
            doc = LAYER_FIELD_DOCS.get((name, col), FIELD_DOCS.get(col, ""))
            shown = f"{col} -> {mapping[col]}" if col in mapping else col
            lines.append(f"  {shown}" + (f": {doc}" if doc else ""))
        lines.append("")
    lines += ["Joins", "-----", "places.id is stable across geokit releases; names.place_id, "
              "neighbourhoods.parent_pcode and places.parent_id refer to it, admin P-codes to the admin layers' "
              "pcode.", ""]
    notes = {
        ".geojson": ["GeoJSON per RFC 7946: lon/lat, no 'crs' member, polygons wound counter-clockwise "
                     "(right-hand rule), coordinates to 7 decimals; the place id is each feature's 'id' member.",
                     "Attribute tables are CSV files (UTF-8 with BOM, .csvt types)."],
        ".fgb": ["FlatGeobuf with a spatial index (features are stored in index order).",
                 "Attribute tables are CSV files (UTF-8 with BOM, .csvt types)."],
        ".csv": ["UTF-8 with a byte-order mark, so spreadsheet programs show Arabic; comma-separated, RFC 4180 "
                 "quoting; empty cells are nulls (GDAL: open option EMPTY_STRING_AS_NULL=YES).",
                 "Each .csvt file gives the column types (GDAL/QGIS read it); point layers carry lon/lat columns "
                 "typed CoordX/CoordY, polygon layers a WKT column."],
        ".shp": ["Shapefiles: .cpg declares UTF-8; field names are cut to 10 characters as listed above "
                 "(original -> shapefile name); text longer than 254 bytes is truncated; empty text and null "
                 "cannot be told apart; attribute tables are bare .dbf files."],
        ".kml": ["KML 2.2: one folder per layer; each placemark's id is the geokit id, its description lists the "
                 "names in Arabic and Latin script; all fields are in ExtendedData.",
                 "Attribute tables are CSV files beside the KML (UTF-8 with BOM, .csvt types)."],
    }
    notes[".shp.zip"] = notes[".shp"]
    lines += ["Format notes", "------------"] + [f"- {n}" for n in notes.get(fmt, [])]
    if styles and fmt != ".kml":
        lines.append("- Each layer has a QGIS style in a .qml file of the same name, which QGIS applies when it "
                     "opens the layer (unzip shapefiles first).")
    lines.append("")
    return "\n".join(lines)
