"""Reverse geocoding: what is at (or nearest to) a point.

>>> from geokit.reverse import reverse
>>> r = reverse(36.2021, 37.1343)
>>> r.governorate.pcode, r.in_syria
('SY02', True)

For a point the answer gives the nearest populated places with their
distance, and the governorate, district and sub-district (OCHA admin 1-3)
containing the point, with P-codes, plus the city neighbourhood when the
gazetteer has its polygon.  A point outside Syria says so, naming the
neighbouring country when it falls in one; a point within
``settings.syria_border_tolerance_km`` of the (simplified) border counts as
inside and gets the admin units of the nearest polygon.

The polygons are the packaged, coverage-simplified admin boundaries; shapely
is used here (and imported lazily), never on the ``resolve`` path.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from geokit._geo import haversine_km
from geokit import settings
from geokit.exceptions import InputError
from geokit.gazetteer import POPULATED_KINDS, Gazetteer, Place, default_gazetteer

__all__ = ["reverse", "ReverseResult", "AdminUnit", "NearbyPlace", "REVERSE_FIELDS"]

_LEVELS = (("governorate", "admin1"), ("district", "admin2"), ("subdistrict", "admin3"))


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """An admin unit (or neighbourhood) containing a point."""

    level: str
    pcode: str
    name: str
    name_ar: str | None


@dataclass(frozen=True, slots=True)
class NearbyPlace:
    """A populated place near a point."""

    place: Place
    distance_km: float


#: Fields of :meth:`ReverseResult.record`, in order.
REVERSE_FIELDS: tuple[str, ...] = (
    "lat", "lon", "in_syria", "country", "place_id", "name", "name_ar", "kind", "distance_km", "place_lat",
    "place_lon", "pcode", "geonameid", "admin1_pcode", "admin1", "admin1_ar", "admin2_pcode", "admin2",
    "admin2_ar", "admin3_pcode", "admin3", "admin3_ar", "neighbourhood_pcode", "neighbourhood", "note",
)


@dataclass(frozen=True, slots=True)
class ReverseResult:
    """What lies at a point.

    Attributes
    ----------
    lat, lon : float
        The point (WGS84).
    in_syria : bool
        Inside Syria (or within the border tolerance).
    country : str or None
        "Syria", the neighbouring country the point falls in, or None
        (farther away than the packaged neighbours).
    places : tuple of NearbyPlace
        Nearest populated places, nearest first (empty outside Syria's vicinity).
    governorate, district, subdistrict, neighbourhood : AdminUnit or None
        The units containing the point.
    note : str
        A remark in words ("outside Syria, in Turkey", "12 km from the border").
    """

    lat: float
    lon: float
    in_syria: bool
    country: str | None
    places: tuple[NearbyPlace, ...]
    governorate: AdminUnit | None
    district: AdminUnit | None
    subdistrict: AdminUnit | None
    neighbourhood: AdminUnit | None
    note: str

    @property
    def place(self) -> Place | None:
        """The nearest populated place."""
        return self.places[0].place if self.places else None

    @property
    def distance_km(self) -> float | None:
        """Distance to the nearest populated place (km)."""
        return self.places[0].distance_km if self.places else None

    def record(self, rank: int = 0) -> dict[str, Any]:
        """A flat record (:data:`REVERSE_FIELDS`) for the *rank*-th nearest place."""
        near = self.places[rank] if rank < len(self.places) else None
        p = near.place if near else None
        out: dict[str, Any] = {
            "lat": self.lat, "lon": self.lon, "in_syria": self.in_syria, "country": self.country,
            "place_id": p.id if p else None, "name": p.name if p else None, "name_ar": p.name_ar if p else None,
            "kind": p.kind if p else None, "distance_km": round(near.distance_km, 3) if near else None,
            "place_lat": p.lat if p else None, "place_lon": p.lon if p else None,
            "pcode": p.pcode if p else None, "geonameid": p.geonameid if p else None,
        }
        for n, unit in ((1, self.governorate), (2, self.district), (3, self.subdistrict)):
            out[f"admin{n}_pcode"] = unit.pcode if unit else None
            out[f"admin{n}"] = unit.name if unit else None
            out[f"admin{n}_ar"] = unit.name_ar if unit else None
        out["neighbourhood_pcode"] = self.neighbourhood.pcode if self.neighbourhood else None
        out["neighbourhood"] = self.neighbourhood.name if self.neighbourhood else None
        out["note"] = self.note
        return out

    def to_dict(self) -> dict[str, Any]:
        """Everything, nested (JSON-ready)."""
        def unit(u: AdminUnit | None) -> dict[str, Any] | None:
            return None if u is None else {"level": u.level, "pcode": u.pcode, "name": u.name, "name_ar": u.name_ar}

        return {
            "lat": self.lat, "lon": self.lon, "in_syria": self.in_syria, "country": self.country,
            "places": [{**n.place.to_dict(), "distance_km": round(n.distance_km, 3)} for n in self.places],
            "governorate": unit(self.governorate), "district": unit(self.district),
            "subdistrict": unit(self.subdistrict), "neighbourhood": unit(self.neighbourhood), "note": self.note,
        }


class _Layers:
    """Polygons (with STR-trees) and populated points of one gazetteer, built once."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        import numpy as np
        import shapely

        self.gazetteer = gazetteer
        self.layers: dict[str, tuple[list[Any], Any, Any]] = {}
        for layer in ("country", "admin1", "admin2", "admin3", "neighbourhoods", "neighbours"):
            bounds = gazetteer.boundaries(layer)
            geoms = shapely.from_wkb([b.wkb for b in bounds]) if bounds else np.array([], dtype=object)
            tree = shapely.STRtree(geoms) if len(bounds) else None
            self.layers[layer] = (bounds, geoms, tree)
        self._points: dict[frozenset[str], tuple[list[Place], Any, Any]] = {}

    def points(self, kinds: frozenset[str]) -> tuple[list[Place], Any, Any]:
        import numpy as np

        cached = self._points.get(kinds)
        if cached is None:
            places = [p for p in self.gazetteer.places(kinds)]
            lat = np.radians(np.array([p.lat for p in places], dtype=float))
            lon = np.radians(np.array([p.lon for p in places], dtype=float))
            cached = (places, lat, lon)
            self._points[kinds] = cached
        return cached

    def containing(self, layer: str, lat: float, lon: float) -> Any:
        import shapely

        bounds, geoms, tree = self.layers[layer]
        if tree is None:
            return None
        pt = shapely.Point(lon, lat)
        hits = tree.query(pt, predicate="intersects")
        if len(hits):
            return bounds[int(sorted(hits)[0])]
        return None

    def nearest(self, layer: str, lat: float, lon: float) -> tuple[Any, float] | None:
        """The polygon of *layer* nearest the point, and the distance in km."""
        import shapely
        from shapely.ops import nearest_points

        bounds, geoms, tree = self.layers[layer]
        if tree is None:
            return None
        pt = shapely.Point(lon, lat)
        i = int(tree.nearest(pt))
        on_edge = nearest_points(geoms[i], pt)[0]
        return bounds[i], haversine_km(lat, lon, on_edge.y, on_edge.x)




_layers: dict[str, _Layers] = {}
_layers_lock = threading.Lock()


def _get_layers(gazetteer: Gazetteer | None) -> _Layers:
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    key = str(gaz.path)
    layers = _layers.get(key)
    if layers is None:
        with _layers_lock:
            layers = _layers.get(key)
            if layers is None:
                layers = _Layers(gaz)
                _layers[key] = layers
    return layers


def _check_point(lat: Any, lon: Any) -> tuple[float, float]:
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InputError(f"not a coordinate pair: {lat!r}, {lon!r}") from None
    if math.isnan(lat_f) or math.isnan(lon_f) or not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        raise InputError(f"coordinates out of range: lat {lat!r}, lon {lon!r} (latitude first, WGS84 degrees)")
    return lat_f, lon_f


def reverse(lat: float, lon: float, *, limit: int = 1, kinds: Iterable[str] | None = None,
            gazetteer: Gazetteer | None = None) -> ReverseResult:
    """What lies at a point: nearest populated places and containing admin units.

    Parameters
    ----------
    lat, lon : float
        WGS84 latitude and longitude (degrees).
    limit : int
        How many nearest places to return.
    kinds : iterable of str, optional
        Kinds of the nearest places (default: the populated kinds, see
        :data:`geokit.gazetteer.POPULATED_KINDS`).
    gazetteer : Gazetteer, optional
        Another compiled gazetteer; the packaged one by default.

    Raises
    ------
    geokit.exceptions.InputError
        For coordinates that are not numbers or out of range.
    """
    import numpy as np

    lat, lon = _check_point(lat, lon)
    if int(limit) < 1:
        raise InputError("limit must be at least 1")
    layers = _get_layers(gazetteer)
    wanted = frozenset(kinds) if kinds is not None else POPULATED_KINDS

    country = layers.containing("country", lat, lon)
    in_syria = country is not None
    note = ""
    border_km = 0.0
    if not in_syria:
        nearest = layers.nearest("country", lat, lon)
        border_km = nearest[1] if nearest else math.inf
        if border_km <= settings.syria_border_tolerance_km:
            in_syria = True
            note = f"{border_km:.1f} km outside the simplified border; taken as inside Syria"
    country_name: str | None = "Syria" if in_syria else None
    if not in_syria:
        other = layers.containing("neighbours", lat, lon)
        country_name = other.name if other is not None else None
        where = f"in {other.name}" if other is not None else "beyond the mapped neighbours"
        note = f"outside Syria, {where}, {border_km:.0f} km from the Syrian border"

    units: dict[str, AdminUnit | None] = {}
    for level, layer in _LEVELS:
        b = layers.containing(layer, lat, lon) if in_syria else None
        if b is None and in_syria:
            found = layers.nearest(layer, lat, lon)
            b = found[0] if found else None
        units[level] = AdminUnit(level, b.pcode, b.name, b.name_ar) if b is not None else None
    hood = layers.containing("neighbourhoods", lat, lon) if in_syria else None
    neighbourhood = AdminUnit("neighbourhood", hood.pcode, hood.name, hood.name_ar) if hood is not None else None

    places: list[NearbyPlace] = []
    # Outside Syria, the nearest Syrian place is worth naming only near the border.
    if in_syria or border_km <= 50.0:
        pts, plat, plon = layers.points(wanted)
        if pts:
            p1, l1 = math.radians(lat), math.radians(lon)
            h = np.sin((plat - p1) / 2) ** 2 + math.cos(p1) * np.cos(plat) * np.sin((plon - l1) / 2) ** 2
            dist = 12742.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
            k = min(int(limit), len(pts))
            order = np.argpartition(dist, k - 1)[:k] if k < len(pts) else np.arange(len(pts))
            order = sorted(order.tolist(), key=lambda i: (dist[i], pts[i].id))
            places = [NearbyPlace(pts[i], float(dist[i])) for i in order]
    return ReverseResult(lat, lon, in_syria, country_name, tuple(places), units["governorate"], units["district"],
                         units["subdistrict"], neighbourhood, note)
