"""Areas of control and front lines from dated control observations.

An observation says that a faction held a place on a date.  The map of a date
D is built in four steps:

1. **State as of D** (:func:`control_state`): for each place the latest
   observation on or before D wins; older ones carry forward (so a place
   last reported months ago keeps its side, flagged stale); undated rows
   count as older than any dated one; two different factions reported on the
   same latest day make the place contested unless one report is more
   confident.
2. **Cells**: Voronoi cells of the observed places in
   :data:`geokit.settings.map_crs`, each clipped to Syria and to a disc of
   :data:`geokit.settings.map_reach_km` around its place (farther land is no
   data).  Places closer together than :data:`geokit.settings.map_merge_m`
   are one seed (contested if their factions differ).
3. **Areas**: cells cleaned into an exact coverage, dissolved by faction
   and certainty (stale or low-confidence cells form their own, lighter
   areas), then simplified as a coverage — shared edges stay shared, so no
   gaps or overlaps appear.
4. **Front lines**: the shared edges of areas of two different known
   factions (never against the border, no data, contested or unknown
   ground), with a contested band of :data:`geokit.settings.map_contested_km`
   along them; contested places are areas of their own and part of the
   contested layer.

Examples
--------
>>> from geokit.frontline import read_observations, control_map, render_frontline_map
>>> obs = read_observations(["control.csv"])
>>> cmap = control_map(obs, "2017-09-01")
>>> render_frontline_map(cmap, "control.png", geojson="control.geojson")
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from geokit import settings
from geokit._mapinput import (
    Source, attr, check_lonlat, extract_document, feature_point, gazetteer, geojson_features, load_source,
    locate, parse_date, parse_float, row_lonlat, table_rows,
)
from geokit.exceptions import InputError

__all__ = [
    "ControlObservation", "PlaceControl", "ControlMap", "normalise_faction", "read_observations",
    "control_state", "control_map", "render_frontline_map", "KNOWN_FACTIONS",
]

#: Factions that hold ground and so have front lines between them.
KNOWN_FACTIONS: tuple[str, ...] = ("government", "opposition", "hts", "sdf", "isis", "turkish_backed")

#: Columns a control table may have (first of each group wins).
CONTROL_COLUMNS = ("place", "name", "place_id", "pcode", "lat", "lon", "latitude", "longitude",
                   "faction", "holder", "controlled_by", "date", "as_of", "source", "confidence",
                   "evidence", "kind", "admin", "governorate")

_CONFIDENCE_WORDS = {"high": 0.9, "medium": 0.6, "moderate": 0.6, "low": 0.3, "unconfirmed": 0.3,
                     "confirmed": 0.95, "illustrative": 0.5}


@dataclass(frozen=True, slots=True)
class ControlObservation:
    """One report that *faction* held a place (on *date*, if known)."""

    place: str
    lon: float
    lat: float
    faction: str
    date: dt.date | None = None
    source: str = ""
    confidence: float | None = None
    evidence: str = ""
    place_id: str | None = None
    place_ar: str | None = None
    population: int | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceControl:
    """The state of one place as of the map date."""

    place: str
    lon: float
    lat: float
    faction: str
    date: dt.date | None
    source: str
    confidence: float | None
    evidence: str
    place_id: str | None
    place_ar: str | None
    population: int | None
    kind: str | None
    observations: int
    age_days: int | None
    stale: bool
    low_confidence: bool

    @property
    def uncertain(self) -> bool:
        """Stale or low-confidence: drawn lighter, its lines dashed."""
        return self.stale or self.low_confidence


# --- reading ------------------------------------------------------------------
def normalise_faction(value: str, where: str = "faction") -> str:
    """A faction code from a table value, an actor code or a common spelling.

    ``mixed:a+b`` (a split or disputed place) and ``a_b`` pairs of factions
    become ``contested``.

    Raises
    ------
    InputError
        For a value that names no faction.
    """
    text = str(value or "").strip()
    low = text.lower()
    if low in settings.factions:
        return low
    if low.startswith("mixed") or low.startswith("contested"):
        return "contested"
    if low in settings.faction_aliases:
        return settings.faction_aliases[low]
    mapped = settings.actor_faction.get(low)
    if mapped:
        return mapped
    if "+" in low or "/" in low:
        parts = [p for p in low.replace("/", "+").split("+") if p]
        codes = {normalise_faction(p, where) for p in parts}
        return codes.pop() if len(codes) == 1 else "contested"
    for code, label in settings.factions.items():
        if low == label.lower():
            return code
    known = ", ".join(settings.factions)
    raise InputError(f"{where}: unknown faction {text!r} (known: {known})")


def _confidence(value: Any, where: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip().lower() in _CONFIDENCE_WORDS:
        return _CONFIDENCE_WORDS[value.strip().lower()]
    number = parse_float(value, where, "confidence")
    if number is None:
        return None
    if number > 1 and number <= 100:
        number /= 100.0  # a percentage
    if not 0 <= number <= 1:
        raise InputError(f"{where}: confidence must be 0-1 (or a percentage), got {value!r}")
    return number


def read_observations(
    paths: Sequence[str | os.PathLike[str]],
    *,
    doc_date: dt.date | str | None = None,
    gazetteer_: Any = None,
) -> list[ControlObservation]:
    """Read control observations from tables, GeoJSON points and news text.

    Parameters
    ----------
    paths : sequence of path
        Control CSVs (columns ``place`` or ``place_id`` or ``lat``/``lon``,
        ``faction``, optional ``date``, ``source``, ``confidence``,
        ``evidence``); GeoJSON Point features with the same properties; or
        news text, whose control observations the extractor reads.
    doc_date : date, optional
        The date of news texts (for their relative dates and undated reports).

    Raises
    ------
    InputError, PlaceNotFound
        For unreadable input, a bad row or a place the gazetteer lacks (the
        message names the file and line).
    """
    gaz = gazetteer(gazetteer_)
    if isinstance(doc_date, str):
        doc_date = parse_date(doc_date, "--doc-date")
    out: list[ControlObservation] = []
    if not paths:
        raise InputError("no observations given")
    for path in paths:
        source = load_source(path, CONTROL_COLUMNS)
        if source.kind in ("table", "records"):
            out.extend(_table_observations(source, gaz))
        elif source.kind == "geojson":
            out.extend(_geojson_observations(source, gaz))
        else:
            out.extend(_text_observations(source, gaz, doc_date))
    return out


def _table_observations(source: Source, gaz: Any) -> list[ControlObservation]:
    out = []
    for line, row in table_rows(source):
        where = f"{source.name} line {line}"
        faction_raw = next((row[c] for c in ("faction", "holder", "controlled_by") if c in row), None)
        if faction_raw is None:
            raise InputError(f"{source.name}: no faction column (faction, holder or controlled_by)")
        faction = normalise_faction(faction_raw, where)
        name = row.get("place") or row.get("name") or ""
        located = locate(gaz, where, name=name, place_id=row.get("place_id") or row.get("pcode") or None,
                         lonlat=row_lonlat(row, where), admin=row.get("admin") or row.get("governorate") or None)
        out.append(ControlObservation(
            place=located.name, lon=located.lon, lat=located.lat, faction=faction,
            date=parse_date(row.get("date") or row.get("as_of"), where),
            source=row.get("source", "") or "", confidence=_confidence(row.get("confidence"), where),
            evidence=row.get("evidence", "") or "", place_id=located.place_id, place_ar=located.name_ar,
            population=located.population, kind=row.get("kind") or None,
        ))
    return out


def _geojson_observations(source: Source, gaz: Any) -> list[ControlObservation]:
    out = []
    for i, feature in enumerate(geojson_features(source)):
        where = f"{source.name} feature {i}"
        lonlat = feature_point(feature, where)
        props = feature.get("properties") or {}
        if props.get("layer") not in (None, "places"):
            continue  # a geokit front-line GeoJSON: only its places are observations
        if "faction" not in props:
            raise InputError(f"{where}: no faction property")
        located = locate(gaz, where, name=str(props.get("place") or ""), place_id=props.get("place_id"),
                         lonlat=lonlat)
        out.append(ControlObservation(
            place=located.name, lon=located.lon, lat=located.lat,
            faction=normalise_faction(props.get("faction"), where), date=parse_date(props.get("date"), where),
            source=str(props.get("source") or ""), confidence=_confidence(props.get("confidence"), where),
            evidence=str(props.get("evidence") or ""), place_id=located.place_id,
            place_ar=props.get("place_ar") or located.name_ar, population=located.population,
            kind=props.get("kind"),
        ))
    return out


def _text_observations(source: Source, gaz: Any, doc_date: dt.date | None) -> list[ControlObservation]:
    doc = extract_document(source, doc_date)
    items = attr(doc, "control", "control_observations", "observations", default=None)
    if items is None:
        raise InputError(f"{source.name}: the extractor gives no control observations for news text")
    out = []
    for i, item in enumerate(items):
        where = f"{source.name} observation {i + 1}"
        to_dict = getattr(item, "to_dict", None)
        rec = to_dict() if callable(to_dict) else item
        place = attr(rec, "place", default=None)
        place_name = place if isinstance(place, str) else attr(place, "name", default="")
        place_id = attr(rec, "place_id", default=None) or (attr(place, "id") if not isinstance(place, str) else None)
        lat, lon = attr(rec, "lat"), attr(rec, "lon")
        if lat is None and place is not None and not isinstance(place, str):
            lat, lon = attr(place, "lat"), attr(place, "lon")
        lonlat = None
        if lat is not None and lon is not None:
            lonlat = (float(lon), float(lat))
            check_lonlat(lonlat[0], lonlat[1], where)
        located = locate(gaz, where, name=str(place_name or ""), place_id=place_id, lonlat=lonlat)
        date = parse_date(attr(rec, "date"), where) or doc_date
        out.append(ControlObservation(
            place=located.name, lon=located.lon, lat=located.lat,
            faction=normalise_faction(attr(rec, "faction", default=""), where), date=date,
            source=str(attr(rec, "source", default=source.name)),
            confidence=_confidence(attr(rec, "confidence"), where),
            evidence=str(attr(rec, "evidence", default="")), place_id=located.place_id,
            place_ar=attr(rec, "place_ar") or located.name_ar, population=located.population, kind=None,
        ))
    return out


# --- state as of a date -------------------------------------------------------
def _as_date(date: dt.date | str | None, observations: Sequence[ControlObservation]) -> dt.date:
    if isinstance(date, str):
        parsed = parse_date(date, "--date")
        if parsed is None:
            raise InputError("--date: empty date")
        return parsed
    if isinstance(date, dt.date):
        return date
    dated = [o.date for o in observations if o.date is not None]
    if not dated:
        raise InputError("the observations carry no dates: give the map date (--date YYYY-MM-DD)")
    return max(dated)


def _place_key(o: ControlObservation) -> tuple[Any, ...]:
    if o.place_id:
        return ("id", o.place_id)
    from geokit.normalise import name_key

    return ("xy", name_key(o.place), round(o.lon, 3), round(o.lat, 3))


def _conf(o: ControlObservation) -> float:
    return o.confidence if o.confidence is not None else 0.5


def control_state(
    observations: Iterable[ControlObservation],
    date: dt.date | str | None = None,
    *,
    stale_days: int | None = None,
) -> list[PlaceControl]:
    """The state of every observed place as of *date* (see the module notes).

    Observations after *date* are ignored; a place whose latest report is
    older than *stale_days* (default :data:`geokit.settings.map_stale_days`)
    is stale.  Returns one :class:`PlaceControl` per place, sorted by place
    name and id, so the output is deterministic.
    """
    stale_after = settings.map_stale_days if stale_days is None else int(stale_days)
    if stale_after < 0:
        raise InputError("stale days must not be negative")
    observations = list(observations)
    as_of = _as_date(date, observations)
    groups: dict[tuple[Any, ...], list[ControlObservation]] = defaultdict(list)
    for o in observations:
        if o.date is None or o.date <= as_of:
            groups[_place_key(o)].append(o)
    out = []
    for obs in groups.values():
        latest_date = max((o.date for o in obs if o.date is not None), default=None)
        latest = [o for o in obs if o.date == latest_date]
        # same latest day: the most confident report wins; a tie between sides is contested
        ranked = sorted(latest, key=lambda o: (-_conf(o), o.source, o.faction))
        top = [o for o in ranked if _conf(o) == _conf(ranked[0])]
        pick = top[0]
        faction = pick.faction if len({o.faction for o in top}) == 1 else "contested"
        age = (as_of - latest_date).days if latest_date is not None else None
        confidence = pick.confidence
        sources = sorted({o.source for o in latest if o.source})
        out.append(PlaceControl(
            place=pick.place, lon=pick.lon, lat=pick.lat, faction=faction, date=latest_date,
            source="; ".join(sources), confidence=confidence, evidence=pick.evidence, place_id=pick.place_id,
            place_ar=pick.place_ar, population=pick.population, kind=pick.kind, observations=len(obs),
            age_days=age, stale=age is not None and age > stale_after,
            low_confidence=confidence is not None and confidence < settings.map_low_confidence,
        ))
    out.sort(key=lambda p: (p.place, p.place_id or "", p.lon, p.lat))
    return out


# --- geometry -------------------------------------------------------------------
@dataclass
class ControlMap:
    """Control areas, front lines, contested ground and places of one date.

    Geometries are in map metres (:data:`geokit.settings.map_crs`); the
    GeoJSON and GeoDataFrame outputs are WGS84 lon/lat.
    """

    date: dt.date
    places: list[PlaceControl]
    areas: list[dict[str, Any]] = field(default_factory=list)
    front_lines: list[dict[str, Any]] = field(default_factory=list)
    contested: list[dict[str, Any]] = field(default_factory=list)
    reach_km: float = 0.0
    contested_km: float = 0.0
    sources: list[str] = field(default_factory=list)
    allied: list[tuple[str, str]] = field(default_factory=list)
    stale_days: int = 90

    LAYERS = ("control_areas", "front_lines", "contested", "places")

    def layer_records(self) -> dict[str, list[tuple[dict[str, Any], Any]]]:
        """Each layer as ``(properties, lon/lat geometry)`` pairs."""
        from geokit.basemap import to_lonlat

        def lonlat(items: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
            if not items:
                return []
            geoms = to_lonlat(np.array([i["geometry"] for i in items], dtype=object))
            return [({k: v for k, v in i.items() if k != "geometry"}, g) for i, g in zip(items, geoms)]

        import shapely

        place_rows = []
        for p in self.places:
            props = {
                "place": p.place, "place_ar": p.place_ar, "place_id": p.place_id, "faction": p.faction,
                "faction_label": settings.factions.get(p.faction, p.faction),
                "date": p.date.isoformat() if p.date else None, "age_days": p.age_days, "stale": p.stale,
                "confidence": p.confidence, "low_confidence": p.low_confidence, "observations": p.observations,
                "source": p.source, "evidence": p.evidence, "kind": p.kind,
            }
            place_rows.append((props, shapely.Point(p.lon, p.lat)))
        return {
            "control_areas": lonlat(self.areas),
            "front_lines": lonlat(self.front_lines),
            "contested": lonlat(self.contested),
            "places": place_rows,
        }

    def to_geojson(self) -> dict[str, Any]:
        """One RFC 7946 FeatureCollection; each feature's ``layer`` property
        names its layer (control_areas, front_lines, contested, places)."""
        from geokit.maps import features_collection

        layers = self.layer_records()
        meta = {"title": f"Areas of control as of {self.date.isoformat()}", "date": self.date.isoformat(),
                "reach_km": self.reach_km, "contested_km": self.contested_km, "stale_days": self.stale_days,
                "layers": list(self.LAYERS),
                "allied": ["+".join(p) for p in self.allied]}
        return features_collection(layers, meta)

    def to_geodataframes(self) -> dict[str, Any]:
        """The four layers as GeoDataFrames in EPSG:4326 (for GeoPackage export)."""
        from geokit.maps import layers_to_geodataframes

        return layers_to_geodataframes(self.layer_records())


def control_map(
    observations: Iterable[ControlObservation] | Sequence[PlaceControl],
    date: dt.date | str | None = None,
    *,
    reach_km: float | None = None,
    contested_km: float | None = None,
    simplify_m: float | None = None,
    allied: Iterable[tuple[str, str]] | None = None,
    stale_days: int | None = None,
    gazetteer_: Any = None,
) -> ControlMap:
    """Build the control areas, front lines and contested ground of *date*.

    Parameters
    ----------
    observations : iterable of ControlObservation
        From :func:`read_observations` (or already a :func:`control_state`).
    date : date or "YYYY-MM-DD", optional
        The map date; default the latest observation date.
    reach_km, contested_km, simplify_m : float, optional
        Override :data:`geokit.settings.map_reach_km`,
        :data:`~geokit.settings.map_contested_km` and
        :data:`~geokit.settings.map_simplify_m`.
    allied : iterable of (faction, faction), optional
        Pairs with no front line between them (default
        :data:`geokit.settings.map_allied`).
    stale_days : int, optional
        Age beyond which a report is stale (default
        :data:`geokit.settings.map_stale_days`).
    """
    import shapely

    from geokit.basemap import project_points, syria_outline

    items = list(observations)
    if items and isinstance(items[0], PlaceControl):
        if date is None:
            raise InputError("give the map date")
        as_of = _as_date(date, [])
        places = items  # type: ignore[assignment]
    else:
        as_of = _as_date(date, items)  # type: ignore[arg-type]
        places = control_state(items, as_of, stale_days=stale_days)  # type: ignore[arg-type]
    reach = float(settings.map_reach_km if reach_km is None else reach_km)
    band = float(settings.map_contested_km if contested_km is None else contested_km)
    tol = float(settings.map_simplify_m if simplify_m is None else simplify_m)
    if reach <= 0:
        raise InputError("reach must be a positive distance (km)")
    if band < 0 or tol < 0:
        raise InputError("contested width and simplification tolerance must not be negative")
    sources = sorted({s for p in places for s in p.source.split("; ") if s})
    stale_after = settings.map_stale_days if stale_days is None else int(stale_days)
    cmap = ControlMap(date=as_of, places=places, reach_km=reach, contested_km=band, sources=sources,
                      stale_days=stale_after)
    if not places:
        return cmap
    syria = syria_outline(gazetteer_)
    x, y = project_points([p.lon for p in places], [p.lat for p in places])
    seeds = _merge_seeds(places, x, y, settings.map_merge_m)
    sx = np.array([s[0] for s in seeds])
    sy = np.array([s[1] for s in seeds])
    pts = shapely.points(sx, sy)
    reach_m = reach * 1000.0
    frame = shapely.box(sx.min() - 3 * reach_m, sy.min() - 3 * reach_m, sx.max() + 3 * reach_m, sy.max() + 3 * reach_m)
    if len(seeds) == 1:
        cells = np.array([frame], dtype=object)
    else:
        cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame, ordered=True))
    discs = shapely.buffer(pts, reach_m, quad_segs=16)
    syria_prepared = syria
    shapely.prepare(syria_prepared)
    cells = shapely.intersection(shapely.intersection(cells, discs), syria_prepared)
    cells = np.array([_poly(c) for c in cells], dtype=object)
    keep = ~shapely.is_empty(cells)
    if not keep.any():
        return cmap
    cells = cells[keep]
    seed_info = [s for s, k in zip(seeds, keep) if k]
    # An exact coverage: shared edges identical, slivers from the disc arcs closed.
    cells = shapely.coverage_clean(cells, gap_width=1.0)
    groups: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i, s in enumerate(seed_info):
        groups[(s[2], s[3])].append(i)
    keys = sorted(groups, key=lambda k: (_faction_order(k[0]), k[1]))
    areas = [shapely.coverage_union_all(cells[groups[k]]) for k in keys]
    if tol > 0:
        areas = list(shapely.coverage_simplify(np.array(areas, dtype=object), tol))
    areas = [_poly(a) for a in areas]
    for key, geom in zip(keys, areas):
        if geom.is_empty:
            continue
        members = [seed_info[i] for i in groups[key]]
        member_places = [places[j] for m in members for j in m[4]]
        dates = [p.date for p in member_places if p.date is not None]
        cmap.areas.append({
            "geometry": geom, "layer": "control_areas", "faction": key[0],
            "faction_label": settings.factions.get(key[0], key[0]), "uncertain": key[1],
            "places": len(member_places), "oldest": min(dates).isoformat() if dates else None,
            "newest": max(dates).isoformat() if dates else None,
            "area_km2": round(geom.area / 1e6, 1),
        })
    pairs = settings.map_allied if allied is None else allied
    allies = set()
    for a, b in pairs:
        fa, fb = normalise_faction(a, "allied"), normalise_faction(b, "allied")
        allies |= {(fa, fb), (fb, fa)}
    cmap.allied = sorted({tuple(sorted(p, key=_faction_order)) for p in allies})  # type: ignore[misc]
    cmap.front_lines = _front_lines(cmap.areas, allies)
    cmap.contested = _contested(cmap.areas, cmap.front_lines, band * 1000.0)
    return cmap


def _poly(geom: Any) -> Any:
    from geokit._mapdraw import polygonal

    return polygonal(geom)


_ORDER = {code: i for i, code in enumerate(("government", "opposition", "hts", "sdf", "isis", "turkish_backed",
                                             "contested", "unknown"))}


def _faction_order(code: str) -> int:
    return _ORDER.get(code, 99)


def _merge_seeds(
    places: Sequence[PlaceControl], x: np.ndarray, y: np.ndarray, merge_m: float
) -> list[tuple[float, float, str, bool, list[int]]]:
    """Group places closer than *merge_m* into one seed: ``(x, y, faction,
    uncertain, member indices)``; differing factions make it contested."""
    import shapely

    n = len(places)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n > 1 and merge_m > 0:
        tree = shapely.STRtree(shapely.points(x, y))
        left, right = tree.query(shapely.points(x, y), predicate="dwithin", distance=merge_m)
        for a, b in zip(left, right):
            if a < b:
                ra, rb = find(int(a)), find(int(b))
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)
    seeds = []
    for root in sorted(members):
        idx = members[root]
        factions = {places[i].faction for i in idx}
        faction = factions.pop() if len(factions) == 1 else "contested"
        uncertain = all(places[i].uncertain for i in idx)
        seeds.append((float(np.mean(x[idx])), float(np.mean(y[idx])), faction, uncertain, idx))
    return seeds


def _front_lines(
    areas: list[dict[str, Any]], allies: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset()
) -> list[dict[str, Any]]:
    """Shared edges between areas of two different known factions that are not allies."""
    import shapely

    from geokit._mapdraw import lineal

    merged: dict[tuple[str, str], list[tuple[Any, bool]]] = defaultdict(list)
    for i, a in enumerate(areas):
        for b in areas[i + 1:]:
            fa, fb = a["faction"], b["faction"]
            if fa == fb or fa not in KNOWN_FACTIONS or fb not in KNOWN_FACTIONS or (fa, fb) in allies:
                continue
            if not a["geometry"].intersects(b["geometry"]):
                continue
            shared = lineal(shapely.intersection(a["geometry"].boundary, b["geometry"].boundary))
            if shared.is_empty or shared.length < 1.0:
                continue
            pair = tuple(sorted((fa, fb), key=_faction_order))
            merged[pair].append((shared, a["uncertain"] or b["uncertain"]))  # type: ignore[index]
    out = []
    for pair in sorted(merged, key=lambda p: (_faction_order(p[0]), _faction_order(p[1]))):
        for uncertain in (False, True):
            parts = [g for g, u in merged[pair] if u == uncertain]
            if not parts:
                continue
            geom = lineal(shapely.union_all(parts))
            if geom.is_empty:
                continue
            out.append({
                "geometry": geom, "layer": "front_lines", "faction_a": pair[0], "faction_b": pair[1],
                "label": f"{settings.factions.get(pair[0], pair[0])} / {settings.factions.get(pair[1], pair[1])}",
                "uncertain": uncertain, "length_km": round(geom.length / 1000.0, 1),
            })
    return out


def _contested(areas: list[dict[str, Any]], lines: list[dict[str, Any]], band_m: float) -> list[dict[str, Any]]:
    """Contested places' areas, and a band of *band_m* along the front lines
    (within the mapped land, outside contested areas), without overlaps."""
    import shapely

    out = []
    contested_areas = [a["geometry"] for a in areas if a["faction"] == "contested"]
    taken = shapely.union_all(contested_areas) if contested_areas else shapely.Polygon()
    if contested_areas:
        out.append({"geometry": _poly(taken), "layer": "contested", "reason": "contested place",
                    "factions": None, "area_km2": round(taken.area / 1e6, 1)})
    if band_m > 0 and lines:
        land = shapely.coverage_union_all(np.array([a["geometry"] for a in areas], dtype=object))
        for line in lines:
            b = shapely.buffer(line["geometry"], band_m / 2, quad_segs=4)
            b = _poly(shapely.difference(shapely.intersection(b, land), taken))
            if b.is_empty or b.area < 1.0:
                continue
            taken = shapely.union(taken, b)
            out.append({"geometry": b, "layer": "contested", "reason": "front line",
                        "factions": f"{line['faction_a']}+{line['faction_b']}",
                        "area_km2": round(b.area / 1e6, 1)})
    return out


# --- rendering -------------------------------------------------------------------
#: Place kinds in control tables that are features, not settlements: dotted, not labelled.
_UNLABELLED_KINDS = frozenset({"hill", "base", "airport", "industry", "oilgas", "dam", "checkpoint", "military"})

#: How much area fills are lightened towards white (0 = the faction colour).
_AREA_TINT = 0.35


def _tint(colour: str, amount: float) -> tuple[float, float, float]:
    """*colour* mixed with white (amount 0 = colour, 1 = white)."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _shade(colour: str, amount: float) -> tuple[float, float, float]:
    """*colour* mixed with black (amount 0 = colour, 1 = black)."""
    from matplotlib.colors import to_rgb

    return tuple(c * (1 - amount) for c in to_rgb(colour))  # type: ignore[return-value]


def render_frontline_map(
    cmap: ControlMap,
    output: str | os.PathLike[str] | None = None,
    *,
    geojson: str | os.PathLike[str] | None = None,
    gpkg: str | os.PathLike[str] | None = None,
    title: str | None = None,
    extent: str | None = None,
    bbox: str | tuple[float, float, float, float] | None = None,
    size_px: tuple[int, int] | None = None,
    dpi: int | None = None,
    attribution: str = "",
    gazetteer_: Any = None,
) -> Any:
    """Draw *cmap* on the basemap and write the requested outputs.

    All outputs are written to temporary files first and renamed together at
    the end, so a failure leaves no output behind.

    Returns
    -------
    geokit.basemap.MapCanvas
        The drawn map (its ``legend_labels`` and ``placed_labels`` say what
        was drawn).
    """
    from geokit.maps import write_map_outputs

    return write_map_outputs(cmap, draw_frontline_map, output=output, geojson=geojson, gpkg=gpkg, title=title,
                             extent=extent, bbox=bbox, size_px=size_px, dpi=dpi, attribution=attribution,
                             gazetteer_=gazetteer_)


def draw_frontline_map(
    cmap: ControlMap,
    *,
    title: str | None = None,
    extent: str | None = None,
    bbox: str | tuple[float, float, float, float] | None = None,
    size_px: tuple[int, int] | None = None,
    dpi: int | None = None,
    attribution: str = "",
    gazetteer_: Any = None,
) -> Any:
    """Draw the map of *cmap* and return its :class:`~geokit.basemap.MapCanvas`."""
    import shapely
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from geokit._mapdraw import LabelCandidate, add_geometry
    from geokit.basemap import (
        PRIORITY_FEATURE, base_attribution, draw_basemap, finish_map, map_extent, new_map, place_label,
        project_points,
    )

    places = cmap.places
    px, py = (project_points([p.lon for p in places], [p.lat for p in places]) if places
              else (np.array([]), np.array([])))
    if cmap.areas:
        content: Any = shapely.union_all([a["geometry"] for a in cmap.areas])
    elif places:
        content = (px, py)
    else:
        content = None
    ext = map_extent(extent, bbox, content, gazetteer_)
    date = cmap.date.isoformat()
    undated = sum(1 for p in places if p.date is None)
    stale = sum(1 for p in places if p.stale)
    low = sum(1 for p in places if p.low_confidence)
    bits = [f"{len(places)} observed places", f"areas reach {cmap.reach_km:g} km from a place"]
    if stale:
        bits.append(f"{stale} last reported over {cmap.stale_days} days earlier")
    if low:
        bits.append(f"{low} low-confidence")
    if undated:
        bits.append(f"{undated} undated")
    dated = [p.date for p in places if p.date is not None]
    if dated:
        bits.append(f"reports {min(dated).isoformat()} to {max(dated).isoformat()}")
    canvas = new_map(ext, title or f"Areas of control as of {date}", " · ".join(bits), size_px, dpi)
    ax = canvas.ax
    s = canvas.scale
    labels = draw_basemap(canvas, gazetteer_)
    colours = settings.faction_colours
    # control areas: solid tints, lighter where stale or low-confidence
    for area in cmap.areas:
        colour = colours.get(area["faction"], colours["unknown"])
        if area["faction"] == "contested":
            fill = _tint(colour, 0.7)
        else:
            fill = _tint(colour, 0.75 if area["uncertain"] else _AREA_TINT)
        add_geometry(ax, area["geometry"], facecolor=fill, edgecolor=_tint(colour, 0.2), linewidth=0.5 * s,
                     zorder=5)
    # contested ground: hatching over the fills
    hatch_colour = colours["contested"]
    for item in cmap.contested:
        add_geometry(ax, item["geometry"], facecolor="none", edgecolor="none", hatch="////",
                     hatchcolor=_shade(hatch_colour, 0.35), hatch_linewidth=0.8 * s, linewidth=0, zorder=6)
    draw_basemap(canvas, gazetteer_, under=False)
    # front lines: a white casing under a dark line, dashed where uncertain
    for line in cmap.front_lines:
        add_geometry(ax, line["geometry"], edgecolor="white", linewidth=3.2 * s, zorder=30, capstyle="round",
                     joinstyle="round")
        add_geometry(ax, line["geometry"], edgecolor="#1A1A1A", linewidth=1.5 * s, zorder=31,
                     linestyle=(0, (3, 1.5)) if line["uncertain"] else "solid", capstyle="round", joinstyle="round")
    # observed places: faction dots; hollow when stale or low-confidence
    if places:
        fc = [colours.get(p.faction, colours["unknown"]) if not p.uncertain else "white" for p in places]
        ec = ["#222222" if not p.uncertain else colours.get(p.faction, colours["unknown"]) for p in places]
        size = (2.6 * s) ** 2 if len(places) < 400 else (1.8 * s) ** 2
        ax.scatter(px, py, s=size, c=fc, edgecolors=ec, linewidths=0.6 * s, zorder=35)
    place_labels = []
    for p, x, y in zip(places, px, py):
        if canvas.extent.span_km > 400:
            break  # a country-wide map labels cities only
        if p.kind in _UNLABELLED_KINDS:
            continue
        place_labels.append(LabelCandidate(
            x=float(x), y=float(y), text=place_label(p.place, p.place_ar),
            priority=PRIORITY_FEATURE + min(p.population or 0, 4e7), radius_pt=1.8 * s, fontsize=canvas.fontsize(5.8),
            key=p.place_id, feature=True,
            colour="#333333",
        ))
    handles, names = _legend(cmap, canvas)
    sources = cmap.sources
    src = ", ".join(sources[:3]) + (f" and {len(sources) - 3} more" if len(sources) > 3 else "")
    credit = " ".join(t for t in (
        f"Control data: {src}." if src else "", attribution.strip(), base_attribution(gazetteer_),
        "Method: nearest observed place, clipped to Syria and the reach; lines between different sides only.",
    ) if t)
    finish_map(
        canvas, labels=place_labels, dot_labels=labels, attribution=credit, legend_handles=handles,
        legend_labels=names, legend_title=f"Control as of {date}",
        legend_corner=canvas.content_corner(px, py),
    )
    del Line2D, Patch
    return canvas


def _legend(cmap: ControlMap, canvas: Any) -> tuple[list[Any], list[str]]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    import shapely

    from geokit.basemap import project_points

    s = canvas.scale
    colours = settings.faction_colours
    # the legend describes what the map shows: factions and places in view
    e = canvas.extent
    view = shapely.box(e.xmin, e.ymin, e.xmax, e.ymax)
    px, py = project_points([p.lon for p in cmap.places], [p.lat for p in cmap.places])
    inside = e.contains_xy(px, py)
    counts = Counter(p.faction for p, ok in zip(cmap.places, inside) if ok)
    shown = {a["faction"] for a in cmap.areas if a["geometry"].intersects(view)}
    present = sorted(shown | set(counts), key=_faction_order)
    handles: list[Any] = []
    names: list[str] = []
    for code in present:
        colour = colours.get(code, colours["unknown"])
        if code == "contested":
            handles.append(Patch(facecolor=_tint(colour, 0.7), edgecolor=_shade(colour, 0.35), hatch="////",
                                 hatchcolor=_shade(colour, 0.35), linewidth=0.5))
        else:
            handles.append(Patch(facecolor=_tint(colour, _AREA_TINT), edgecolor=_tint(colour, 0.2), linewidth=0.8))
        n = counts.get(code, 0)
        names.append(f"{settings.factions.get(code, code)} ({n} place{'s' if n != 1 else ''})")
    if any(a["uncertain"] for a in cmap.areas):
        handles.append(Patch(facecolor=_tint("#777777", 0.78), edgecolor="#999999", linewidth=0.6))
        names.append(f"Lighter: reported >{cmap.stale_days} days earlier or low confidence")
    if cmap.front_lines:
        handles.append(Line2D([], [], color="#1A1A1A", linewidth=1.5 * s))
        names.append("Front line")
        if any(line["uncertain"] for line in cmap.front_lines):
            handles.append(Line2D([], [], color="#1A1A1A", linewidth=1.5 * s, linestyle=(0, (3, 1.5))))
            names.append("Front line, uncertain")
    if cmap.allied:
        handles.append(Line2D([], [], linestyle="none"))
        names.append("No line between allies: " + ", ".join(
            " + ".join(settings.factions.get(f, f) for f in pair) for pair in cmap.allied))
    if any(c["reason"] == "front line" for c in cmap.contested):
        handles.append(Patch(facecolor="white", edgecolor="#888888", hatch="////",
                             hatchcolor=_shade(colours["contested"], 0.35), linewidth=0.5))
        names.append(f"Contested band ({cmap.contested_km:g} km)")
    handles.append(Line2D([], [], linestyle="none", marker="o", markersize=4.5 * s, markerfacecolor="#888888",
                          markeredgecolor="#222222", markeredgewidth=0.6 * s))
    names.append("Observed place (hollow: stale)")
    handles.append(Patch(facecolor="#FCFCFA", edgecolor="#AAAAAA", linewidth=0.6))
    names.append(f"No data (>{cmap.reach_km:g} km from a place)")
    return handles, names
