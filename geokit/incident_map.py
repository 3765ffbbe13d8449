"""Incident maps: where things happened, by type, sized by casualties.

Incidents come from news text (through :func:`geokit.extract`), from
incident GeoJSON (the format ``geokit extract`` and :meth:`IncidentSet.to_geojson`
write) or from CSV tables.  Each is a point with a type code from
:data:`geokit.settings.incident_types`, actor codes from
:data:`geokit.settings.actors`, a date and casualty counts.

On the map each type has its own shape and colour
(:data:`geokit.settings.incident_markers`, :data:`~geokit.settings.incident_colours`);
incidents of one type at one place are drawn as one symbol whose area grows
with the killed and wounded, and different types at one place sit side by
side around it so none hides another.

Examples
--------
>>> from geokit.incident_map import read_incidents, render_incident_map
>>> incidents = read_incidents(["bulletin.txt", "incidents.geojson"]).between("2024-03-01", "2024-03-07")
>>> render_incident_map(incidents, "incidents.png", geojson="incidents.geojson")
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from geokit import settings
from geokit._mapinput import (
    Source, extract_document, feature_point, gazetteer, geojson_features, load_source, locate, parse_date, parse_int, row_lonlat, table_rows,
)
from geokit.exceptions import InputError

__all__ = ["Incident", "IncidentSet", "read_incidents", "incident_type", "render_incident_map",
           "draw_incident_map", "INCIDENT_COLUMNS"]

#: Columns an incident table may have.
INCIDENT_COLUMNS = ("type", "actors", "date", "killed", "wounded", "evidence", "doc", "place_id", "place",
                    "place_ar", "lat", "lon", "latitude", "longitude", "admin", "governorate")

#: Common spellings of incident types -> type code (lower-case keys).
_TYPE_ALIASES = {
    "clashes": "clash", "fighting": "clash", "battle": "clash", "armed clash": "clash",
    "artillery": "shelling", "mortar": "shelling", "rocket": "shelling", "shell": "shelling",
    "air strike": "airstrike", "air raid": "airstrike", "airstrikes": "airstrike", "bombing": "airstrike",
    "drone": "drone_strike", "drone strike": "drone_strike", "uav": "drone_strike",
    "ied": "explosion", "car bomb": "explosion", "blast": "explosion", "bomb": "explosion",
    "assault": "attack", "raid": "attack", "ambush": "attack",
    "advance": "capture", "takeover": "capture", "retreat": "withdrawal",
    "truce violation": "ceasefire_violation", "ceasefire violation": "ceasefire_violation",
}


@dataclass(frozen=True, slots=True)
class Incident:
    """One incident at one place (the agreed GeoJSON properties, plus its point)."""

    type: str
    lon: float
    lat: float
    actors: tuple[str, ...] = ()
    date: dt.date | None = None
    killed: int | None = None
    wounded: int | None = None
    evidence: str = ""
    doc: str = ""
    place_id: str | None = None
    place: str = ""
    place_ar: str | None = None

    @property
    def key(self) -> tuple[Any, ...]:
        """What identifies the incident across its places (see :meth:`IncidentSet.unique`)."""
        if not self.evidence:
            return (self.type, self.date, self.lon, self.lat, self.killed, self.wounded, self.doc, id(self))
        return (self.doc, self.evidence, self.type, self.date, self.killed, self.wounded, tuple(self.actors))

    @property
    def casualties(self) -> int:
        """Killed plus wounded (unknown counts as 0)."""
        return (self.killed or 0) + (self.wounded or 0)

    def properties(self) -> dict[str, Any]:
        """The agreed GeoJSON properties."""
        return {
            "type": self.type, "actors": list(self.actors), "date": self.date.isoformat() if self.date else None,
            "killed": self.killed, "wounded": self.wounded, "evidence": self.evidence, "doc": self.doc,
            "place_id": self.place_id, "place": self.place, "place_ar": self.place_ar,
        }


@dataclass
class IncidentSet:
    """Incidents read from one or more inputs, with the names of those inputs."""

    incidents: list[Incident]
    sources: list[str] = field(default_factory=list)
    since: dt.date | None = None
    until: dt.date | None = None
    undated_dropped: int = 0

    def __len__(self) -> int:
        return len(self.incidents)

    def between(self, since: dt.date | str | None = None, until: dt.date | str | None = None) -> IncidentSet:
        """Only incidents dated within ``[since, until]`` (inclusive).

        With either bound given, undated incidents are dropped (and counted
        in ``undated_dropped``).
        """
        lo = parse_date(since, "--since") if isinstance(since, str) else since
        hi = parse_date(until, "--until") if isinstance(until, str) else until
        if lo and hi and lo > hi:
            raise InputError(f"--since {lo} is after --until {hi}")
        if lo is None and hi is None:
            return self
        kept, undated = [], 0
        for inc in self.incidents:
            if inc.date is None:
                undated += 1
                continue
            if (lo is None or inc.date >= lo) and (hi is None or inc.date <= hi):
                kept.append(inc)
        return IncidentSet(kept, list(self.sources), lo, hi, self.undated_dropped + undated)

    def unique(self) -> list[Incident]:
        """One record per incident: a report that names several places gives
        a feature at each (same document, evidence, type, date and counts);
        counts and totals take it once."""
        cached = self.__dict__.get("_unique")
        if cached is not None and cached[0] == len(self.incidents):
            return cached[1]
        seen: set[tuple[Any, ...]] = set()
        out = []
        for inc in self.incidents:
            key = inc.key
            if key not in seen:
                seen.add(key)
                out.append(inc)
        self.__dict__["_unique"] = (len(self.incidents), out)
        return out

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        """The period shown: the filter bounds, else the first and last incident dates."""
        dates = [i.date for i in self.incidents if i.date is not None]
        lo = self.since or (min(dates) if dates else None)
        hi = self.until or (max(dates) if dates else None)
        return lo, hi

    def layer_records(self) -> dict[str, list[tuple[dict[str, Any], Any]]]:
        import shapely

        return {"incidents": [(i.properties(), shapely.Point(i.lon, i.lat)) for i in self.incidents]}

    def to_geojson(self) -> dict[str, Any]:
        """An RFC 7946 FeatureCollection of the incidents (agreed properties)."""
        from geokit.maps import features_collection

        lo, hi = self.date_range()
        collection = features_collection(self.layer_records(), {
            "since": lo, "until": hi, "count": len(self.incidents), "sources": self.sources,
        })
        for feature in collection["features"]:
            feature["properties"].pop("layer", None)  # one layer: keep the agreed properties only
        return collection

    def to_geodataframes(self) -> dict[str, Any]:
        """``{"incidents": GeoDataFrame}`` in EPSG:4326."""
        from geokit.maps import layers_to_geodataframes

        return layers_to_geodataframes(self.layer_records())


# --- reading --------------------------------------------------------------------
def incident_type(value: Any, where: str = "type") -> str:
    """An incident type code from a code, its label or a common spelling."""
    if isinstance(value, str) and value in settings.incident_types:
        return value  # the common case: already a code
    text = str(value or "").strip()
    low = text.lower().replace("-", " ").strip()
    if low.replace(" ", "_") in settings.incident_types:
        return low.replace(" ", "_")
    if low in _TYPE_ALIASES:
        return _TYPE_ALIASES[low]
    for code, label in settings.incident_types.items():
        if low == label.lower().replace("-", " "):
            return code
    raise InputError(f"{where}: unknown incident type {text!r} (known: {', '.join(settings.incident_types)})")


def _actors(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) and v in settings.actors for v in value):
        return tuple(dict.fromkeys(value))  # the common case: a list of codes
    items = value if isinstance(value, (list, tuple)) else str(value).replace("|", ";").replace(",", ";").split(";")
    out = []
    for item in items:
        code = str(item).strip().lower()
        if not code:
            continue
        if code not in settings.actors:
            alias = settings.faction_aliases.get(code)
            if alias in settings.actors:
                code = alias
            else:
                raise InputError(f"{where}: unknown actor {item!r} (known: {', '.join(settings.actors)})")
        if code not in out:
            out.append(code)
    return tuple(out)


def read_incidents(
    paths: Sequence[str | os.PathLike[str]],
    *,
    doc_date: dt.date | str | None = None,
    gazetteer_: Any = None,
) -> IncidentSet:
    """Read incidents from news text, incident GeoJSON and CSV files.

    Parameters
    ----------
    paths : sequence of path
        Files (``-`` for stdin).  GeoJSON: Point features with the agreed
        properties (``type``, ``actors``, ``date``, ``killed``, ``wounded``,
        ``evidence``, ``doc``, ``place_id``, ``place``, ``place_ar``).  CSV:
        the same columns, located by ``lat``/``lon``, else ``place_id``, else
        ``place`` (resolved in the gazetteer).  Anything else is news text.
    doc_date : date, optional
        Publication date of news texts, for their relative dates.

    Raises
    ------
    InputError, PlaceNotFound
        Naming the file and the line or feature at fault.
    """
    if not paths:
        raise InputError("no incident input given")
    gaz = gazetteer(gazetteer_)
    if isinstance(doc_date, str):
        doc_date = parse_date(doc_date, "--doc-date")
    incidents: list[Incident] = []
    names: list[str] = []
    for path in paths:
        source = load_source(path, INCIDENT_COLUMNS)
        names.append(source.name)
        if source.kind in ("table", "records"):
            incidents.extend(_table_incidents(source, gaz))
        elif source.kind == "geojson":
            incidents.extend(_feature_incidents(geojson_features(source), source.name, gaz))
        else:
            incidents.extend(_text_incidents(source, gaz, doc_date))
    return IncidentSet(incidents, names)


def _table_incidents(source: Source, gaz: Any) -> list[Incident]:
    out = []
    for line, row in table_rows(source):
        where = f"{source.name} line {line}"
        if "type" not in row:
            raise InputError(f"{source.name}: no 'type' column")
        located = locate(gaz, where, name=row.get("place", ""), place_id=row.get("place_id") or None,
                         lonlat=row_lonlat(row, where), admin=row.get("admin") or row.get("governorate") or None)
        out.append(Incident(
            type=incident_type(row["type"], where), lon=located.lon, lat=located.lat,
            actors=_actors(row.get("actors"), where), date=parse_date(row.get("date"), where),
            killed=parse_int(row.get("killed"), where, "killed"),
            wounded=parse_int(row.get("wounded"), where, "wounded"),
            evidence=row.get("evidence", ""), doc=row.get("doc", "") or source.name, place_id=located.place_id,
            place=located.name, place_ar=row.get("place_ar") or located.name_ar,
        ))
    return out


def _feature_incidents(features: Iterable[Any], name: str, gaz: Any) -> list[Incident]:
    out = []
    for i, feature in enumerate(features):
        where = f"{name} feature {i}"
        lonlat = feature_point(feature, where)
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise InputError(f"{where}: properties must be an object")
        if "type" not in props:
            raise InputError(f"{where}: no 'type' property")
        located = locate(gaz, where, name=str(props.get("place") or ""), place_id=props.get("place_id"),
                         lonlat=lonlat, names=not props.get("place_ar"))
        out.append(Incident(
            type=incident_type(props.get("type"), where), lon=located.lon, lat=located.lat,
            actors=_actors(props.get("actors"), where), date=parse_date(props.get("date"), where),
            killed=parse_int(props.get("killed"), where, "killed"),
            wounded=parse_int(props.get("wounded"), where, "wounded"),
            evidence=str(props.get("evidence") or ""), doc=str(props.get("doc") or name),
            place_id=props.get("place_id") or located.place_id, place=str(props.get("place") or located.name),
            place_ar=props.get("place_ar") or located.name_ar,
        ))
    return out


def _text_incidents(source: Source, gaz: Any, doc_date: dt.date | None) -> list[Incident]:
    """Incidents the extractor finds in news text, one per place it hit; a
    place an attack came *from* is left out when the incident has a target."""
    doc = extract_document(source, doc_date)
    features: list[dict[str, Any]] = []
    for inc in getattr(doc, "incidents", None) or []:
        feats = inc.features(source.name)
        targets = [f for f in feats if (f.get("properties") or {}).get("role") != "origin"]
        features.extend(targets or feats)
    return _feature_incidents(features, source.name, gaz)


# --- drawing ----------------------------------------------------------------------
def _format_day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def period_text(lo: dt.date | None, hi: dt.date | None) -> str:
    """``"1-7 March 2024"``, ``"28 February - 3 March 2024"``, ``"3 March 2024"``."""
    if lo is None and hi is None:
        return "undated"
    if lo is None:
        return f"until {_format_day(hi)}"  # type: ignore[arg-type]
    if hi is None:
        return f"from {_format_day(lo)}"
    if lo == hi:
        return _format_day(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.day}\u2013{hi.day} {hi.strftime('%B')} {hi.year}"
    if lo.year == hi.year:
        return f"{lo.day} {lo.strftime('%B')} \u2013 {_format_day(hi)}"
    return f"{_format_day(lo)} \u2013 {_format_day(hi)}"


def render_incident_map(
    incidents: IncidentSet,
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
    """Draw the incident map and write the requested outputs (all or none).

    Returns the :class:`~geokit.basemap.MapCanvas` (None without *output*).
    """
    from geokit.maps import write_map_outputs

    return write_map_outputs(incidents, draw_incident_map, output=output, geojson=geojson, gpkg=gpkg, title=title,
                             extent=extent, bbox=bbox, size_px=size_px, dpi=dpi, attribution=attribution,
                             gazetteer_=gazetteer_)


def draw_incident_map(
    incidents: IncidentSet,
    *,
    title: str | None = None,
    extent: str | None = None,
    bbox: str | tuple[float, float, float, float] | None = None,
    size_px: tuple[int, int] | None = None,
    dpi: int | None = None,
    attribution: str = "",
    gazetteer_: Any = None,
) -> Any:
    """Draw *incidents* on the basemap; return the :class:`~geokit.basemap.MapCanvas`."""
    from matplotlib.lines import Line2D

    from geokit._mapdraw import LabelCandidate
    from geokit.basemap import (
        PRIORITY_FEATURE, base_attribution, draw_basemap, finish_map, map_extent, new_map, place_label,
        project_points,
    )

    incs = incidents.incidents
    unique = incidents.unique()
    n = len(unique)
    x, y = project_points([i.lon for i in incs], [i.lat for i in incs]) if incs else (np.array([]), np.array([]))
    ext = map_extent(extent, bbox, (x, y) if n else None, gazetteer_)
    lo, hi = incidents.date_range()
    period = period_text(lo, hi)
    killed = sum(i.killed or 0 for i in unique)
    wounded = sum(i.wounded or 0 for i in unique)
    bits = [f"{n:,} incident{'s' if n != 1 else ''}", f"{killed:,} killed", f"{wounded:,} wounded", period]
    undated = sum(1 for i in incs if i.date is None)
    if undated:
        bits.append(f"{undated} undated")
    if incidents.undated_dropped:
        bits.append(f"{incidents.undated_dropped} undated left out")
    default_title = f"Incidents, {period}" if lo or hi else "Incidents"
    canvas = new_map(ext, title or default_title, " \u00b7 ".join(bits), size_px, dpi)
    if title and (lo or hi) and period not in title:
        canvas.subtitle = " \u00b7 ".join(bits)
    ax = canvas.ax
    s = canvas.scale
    labels = draw_basemap(canvas, gazetteer_)
    draw_basemap(canvas, gazetteer_, under=False)

    # one symbol per (place, type); types sharing a place are set around it
    groups: dict[tuple[float, float], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for k, inc in enumerate(incs):
        groups[(round(float(x[k]), 0), round(float(y[k]), 0))][inc.type].append(k)
    bbox_ax = ax.get_window_extent()
    metres_per_pt = canvas.extent.width / (bbox_ax.width * 72.0 / canvas.fig.dpi)
    type_order = list(settings.incident_types)
    counts = Counter(i.type for i in unique)
    # casualties of each symbol first: the size scale depends on the largest
    cells = []
    for (gx, gy), by_type in sorted(groups.items()):
        types = sorted(by_type, key=type_order.index)
        cells.append((gx, gy, types, [sum(incs[k].casualties for k in by_type[t]) for t in types], by_type))
    n_symbols = sum(len(c[2]) for c in cells)
    top_cas = max((max(c[3]) for c in cells), default=0)
    sizer = SymbolSizer(top_cas, s, dense=n_symbols > 400)
    sx, sy, st, sc = [], [], [], []
    place_weight: dict[tuple[float, float], tuple[int, int, int, float]] = {}
    for gx, gy, types, cas, by_type in cells:
        sizes = sizer(np.array(cas))
        ring = 0.0
        if len(types) == 1:
            offsets = [(0.0, 0.0)]
        else:
            ring = float(sizes.max()) * 0.55 + 1.0 * s
            step = 2 * math.pi / len(types)
            offsets = [(ring * metres_per_pt * math.sin(step * j), ring * metres_per_pt * math.cos(step * j))
                       for j in range(len(types))]
        for t, c, (dx, dy) in zip(types, cas, offsets):
            sx.append(gx + dx)
            sy.append(gy + dy)
            st.append(t)
            sc.append(c)
        count = sum(len(v) for v in by_type.values())
        place_weight[(gx, gy)] = (count, sum(cas), by_type[types[0]][0], float(sizes.max()) / 2 + ring)
    sx_a, sy_a, sc_a = np.array(sx), np.array(sy), np.array(sc, dtype=float)
    st_a = np.array(st, dtype=object)
    diam = sizer(sc_a)
    order = np.argsort(-diam, kind="stable")  # large symbols below small ones
    for t in type_order:
        if t not in counts:
            continue
        idx = order[st_a[order] == t]
        ax.scatter(sx_a[idx], sy_a[idx], s=diam[idx] ** 2, marker=settings.incident_markers.get(t, "o"),
                   c=settings.incident_colours.get(t, "#777777"), edgecolors="#1A1A1A",
                   linewidths=0.55 * s, alpha=0.92, zorder=32 + type_order.index(t) * 0.01)

    # labels: the places with most incidents first (a few hundred at most are worth trying)
    cands = []
    ranked = sorted(place_weight.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))[:300]
    for (gx, gy), (count, cas, k, radius) in ranked:
        inc = incs[k]
        name = inc.place or ""
        if not name:
            continue
        cands.append(LabelCandidate(
            x=gx, y=gy, text=place_label(name, inc.place_ar), priority=PRIORITY_FEATURE + count * 1e4 + min(cas, 9999),
            radius_pt=radius, fontsize=canvas.fontsize(6.6), weight="bold", colour="#111111", key=inc.place_id,
            feature=True,
        ))
    handles: list[Any] = []
    names: list[str] = []
    for t in type_order:
        if t not in counts:
            continue
        handles.append(Line2D([], [], linestyle="none", marker=settings.incident_markers.get(t, "o"),
                              markersize=7.5 * s, markerfacecolor=settings.incident_colours.get(t, "#777777"),
                              markeredgecolor="#1A1A1A", markeredgewidth=0.55 * s))
        names.append(f"{settings.incident_types.get(t, t)} ({counts[t]:,})")
    top = int(sc_a.max()) if sc_a.size else 0
    size_legend = None
    if top > 0:
        steps = _size_steps(top)
        size_handles = [Line2D([], [], linestyle="none", marker="o", markersize=float(sizer(v)),
                               markerfacecolor="white", markeredgecolor="#444444", markeredgewidth=0.6 * s)
                        for v in steps]
        spacing = max(0.55, float(sizer(steps[-1])) / canvas.fontsize(7) * 0.75)
        size_legend = (size_handles, [f"{v:,}" for v in steps], "Killed + wounded", spacing)
    credit = " ".join(t for t in (
        f"Incidents: {', '.join(incidents.sources[:4])}{' and more' if len(incidents.sources) > 4 else ''}."
        if incidents.sources else "",
        "One symbol per type and place, its area proportional to the killed and wounded.",
        attribution.strip(), base_attribution(gazetteer_),
    ) if t)
    finish_map(canvas, labels=cands, dot_labels=labels, attribution=credit, legend_handles=handles,
               legend_labels=names, legend_title="Incident type", legend_corner=canvas.content_corner(x, y),
               symbols=(sx_a, sy_a, diam / 2), size_legend=size_legend)
    return canvas


def _size_steps(top: int) -> list[int]:
    """Two or three round casualty figures up to *top* for the size legend."""
    nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000]
    biggest = max([v for v in nice if v <= top] or [1])
    steps = sorted({max(1, v) for v in (biggest, _round_nice(biggest / 5), _round_nice(biggest / 25))})
    return [v for v in steps if v <= top] or [1]


def _round_nice(value: float) -> int:
    for v in (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1):
        if v <= value:
            return v
    return 1


class SymbolSizer:
    """Proportional symbols: diameter (points) from *d_min* (nothing
    reported) to *d_max* (the largest total), area proportional to the
    count in between."""

    def __init__(self, top: float, scale: float, dense: bool) -> None:
        self.top = max(float(top), 1.0)
        self.d_min = (3.4 if dense else 5.0) * scale
        self.d_max = (15.0 if dense else 24.0) * scale

    def __call__(self, value: Any) -> np.ndarray:
        v = np.minimum(np.asarray(value, dtype=float), self.top)
        return self.d_min + (self.d_max - self.d_min) * np.sqrt(v / self.top)
