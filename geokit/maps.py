"""Map layers shared by the incident and front-line maps, and their outputs.

The maps themselves are drawn by :mod:`geokit.incident_map` and
:mod:`geokit.frontline` on the basemap of :mod:`geokit.basemap`; this module
holds what both need: the layer records turned into one RFC 7946 GeoJSON
FeatureCollection (each feature names its ``layer``), into GeoDataFrames
(:func:`map_layers`, for GeoPackage export) and the writers, all atomic.

Layers and their geometry types
-------------------------------
``control_areas``  MultiPolygon  faction, faction_label, uncertain, places, oldest, newest, area_km2
``front_lines``    MultiLineString  faction_a, faction_b, label, uncertain, length_km
``contested``      MultiPolygon  reason (contested place / front line), factions, area_km2
``places``         Point  place, place_ar, place_id, faction, date, age_days, stale, confidence, …
``incidents``      Point  type, actors, date, killed, wounded, evidence, doc, place_id, place, place_ar
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from geokit.exceptions import OutputError

__all__ = ["LAYER_GEOMETRY", "features_collection", "layers_to_geodataframes", "map_layers", "write_geojson",
           "write_gpkg", "geojson_geometry"]

#: Layer name -> geometry type in GeoPackage output.
LAYER_GEOMETRY: dict[str, str] = {
    "control_areas": "MultiPolygon",
    "front_lines": "MultiLineString",
    "contested": "MultiPolygon",
    "places": "Point",
    "incidents": "Point",
}

#: Decimal places of GeoJSON coordinates (6 = about 0.1 m).
COORD_DECIMALS = 6


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def geojson_geometry(geom: Any) -> dict[str, Any] | None:
    """A lon/lat shapely geometry as an RFC 7946 geometry object: polygons
    wound counter-clockwise outside, clockwise in holes, coordinates rounded
    to :data:`COORD_DECIMALS` places (equal vertices stay equal)."""
    import shapely

    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom)
    geom = shapely.transform(geom, lambda xy: np.round(xy, COORD_DECIMALS))
    return json.loads(shapely.to_geojson(geom))


def features_collection(
    layers: Mapping[str, list[tuple[dict[str, Any], Any]]], meta: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """One FeatureCollection from ``{layer: [(properties, lon/lat geometry)]}``.

    Every feature gets a ``layer`` property; *meta* goes in a ``geokit``
    member (a foreign member, allowed by RFC 7946).
    """
    features = []
    for layer, records in layers.items():
        for props, geom in records:
            out = {"layer": layer}
            out.update({k: _jsonable(v) for k, v in props.items() if k != "layer"})
            features.append({"type": "Feature", "geometry": geojson_geometry(geom), "properties": out})
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if meta:
        collection["geokit"] = {k: _jsonable(v) for k, v in meta.items()}
    return collection


def layers_to_geodataframes(layers: Mapping[str, list[tuple[dict[str, Any], Any]]]) -> dict[str, Any]:
    """``{layer: GeoDataFrame}`` in EPSG:4326 from layer records; polygons and
    lines are made multi so each layer has one geometry type."""
    import geopandas as gpd
    import shapely

    out = {}
    for name, records in layers.items():
        rows = [{k: _gpkg_value(v) for k, v in props.items() if k != "layer"} for props, _ in records]
        geoms = [_promote(g, LAYER_GEOMETRY.get(name)) for _, g in records]
        frame = gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")
        if not records:
            frame = gpd.GeoDataFrame({"geometry": gpd.GeoSeries([], crs="EPSG:4326")}, crs="EPSG:4326")
        out[name] = frame
    del shapely
    return out


def _gpkg_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _promote(geom: Any, kind: str | None) -> Any:
    import shapely

    if geom is None:
        return None
    if kind == "MultiPolygon" and geom.geom_type == "Polygon":
        return shapely.MultiPolygon([geom])
    if kind == "MultiLineString" and geom.geom_type == "LineString":
        return shapely.MultiLineString([geom])
    return geom


def map_layers(*, incidents: Any = None, control: Any = None) -> dict[str, Any]:
    """All map layers as GeoDataFrames (EPSG:4326), ready for a GeoPackage.

    Parameters
    ----------
    incidents : IncidentSet, optional
        From :func:`geokit.incident_map.read_incidents`; gives ``incidents``.
    control : ControlMap, optional
        From :func:`geokit.frontline.control_map`; gives ``control_areas``,
        ``front_lines``, ``contested`` and ``places``.
    """
    out: dict[str, Any] = {}
    if control is not None:
        out.update(control.to_geodataframes())
    if incidents is not None:
        out.update(incidents.to_geodataframes())
    return out


def write_geojson(collection: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write a GeoJSON object atomically (UTF-8, compact)."""
    from geokit._io import atomic_write

    with atomic_write(path, "w") as handle:
        json.dump(collection, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")


def write_gpkg(layers: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write GeoDataFrame layers to one GeoPackage, atomically.

    Uses :func:`geokit.export.write_layers` when the export module provides
    it (one GeoPackage writer for the whole project), else pyogrio directly.
    """
    try:
        from geokit.export import write_layers  # type: ignore[attr-defined]
    except ImportError:
        write_layers = None
    if write_layers is not None:
        write_layers(dict(layers), path)
        return
    from geokit._io import atomic_path

    import pyogrio

    target = Path(path)
    if target.suffix.lower() != ".gpkg":
        raise OutputError(f"{target}: a GeoPackage file name ends in .gpkg")
    with atomic_path(target) as tmp:
        first = True
        for name, frame in layers.items():
            kwargs: dict[str, Any] = {"geometry_type": LAYER_GEOMETRY.get(name, "Unknown")}
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=not first, **kwargs)
            first = False


def write_map_outputs(data: Any, draw: Any, *, output: str | os.PathLike[str] | None = None,
                      geojson: str | os.PathLike[str] | None = None, gpkg: str | os.PathLike[str] | None = None,
                      **draw_options: Any) -> Any:
    """Draw *data* with *draw* (when *output* is given) and write the requested
    image, GeoJSON and GeoPackage.

    *data* is a map's content (an incident set or a control map) with
    ``to_geojson()`` and ``to_geodataframes()``.  Every output goes to a
    temporary file first; all are renamed together at the end, so a failure
    leaves none behind.  Returns the :class:`~geokit.basemap.MapCanvas` (None
    without *output*).
    """
    import contextlib

    from geokit._io import atomic_path

    with contextlib.ExitStack() as stack:
        canvas = draw(data, **draw_options) if output is not None else None
        if geojson is not None:
            write_geojson(data.to_geojson(), stack.enter_context(atomic_path(geojson)))
        if gpkg is not None:
            write_gpkg(data.to_geodataframes(), stack.enter_context(atomic_path(gpkg)))
        if canvas is not None:
            from geokit.basemap import save_map

            save_map(canvas, stack.enter_context(atomic_path(output)))
        return canvas
