"""The basemap under every geokit map, drawn from the packaged gazetteer.

Syria and its neighbours, governorate boundaries (district boundaries when
zoomed in), main cities labelled in English and Arabic, a scale bar and a
north arrow, in :data:`geokit.settings.map_crs` (UTM 37N) from the WGS84
data of the gazetteer.  The incident and front-line maps
(:mod:`geokit.incident_map`, :mod:`geokit.frontline`) draw their layers on a
:class:`MapCanvas` from :func:`new_map` and finish it with :func:`finish_map`.

Examples
--------
>>> from geokit.basemap import map_extent, new_map, draw_basemap, finish_map, save_map
>>> canvas = new_map(map_extent("governorate:Aleppo"), title="Aleppo governorate")
>>> labels = draw_basemap(canvas)
>>> finish_map(canvas, labels=labels)
>>> save_map(canvas, "aleppo.png")
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from geokit import settings
from geokit._mapdraw import (
    LabelCandidate, LabelPlacer, add_geometry, draw_north_arrow, draw_scale_bar, polygonal,
)
from geokit.exceptions import CRSError, InputError, PlaceNotFound

__all__ = [
    "Extent", "MapCanvas", "to_map", "to_lonlat", "project_points", "map_extent", "new_map",
    "draw_basemap", "finish_map", "save_map", "base_attribution", "EXTENT_KINDS",
]

#: ``--extent KIND:NAME`` kinds and the boundary layer each names.
EXTENT_KINDS: dict[str, str] = {"governorate": "admin1", "district": "admin2", "subdistrict": "admin3"}

# Figure layout (fractions of the figure): room for title above, credits below.
_TOP = 0.095
_BOTTOM = 0.045
_SIDE = 0.012

_SEA = "#DCE7EE"
_NEIGHBOUR = "#ECEBE6"
_SYRIA = "#FCFCFA"
_BORDER = "#5A5A5A"
_ADMIN1 = "#8C8C8C"
_ADMIN2 = "#B9B9B9"


# --- projection -------------------------------------------------------------
@lru_cache(maxsize=4)
def _transformer(src: str, dst: str):
    from pyproj import Transformer
    from pyproj.exceptions import CRSError as ProjCRSError

    try:
        return Transformer.from_crs(src, dst, always_xy=True)
    except ProjCRSError as exc:
        raise CRSError(f"unusable CRS {dst if src == settings.default_crs else src!r}: {exc}") from None


def _check_projected() -> None:
    from pyproj import CRS
    from pyproj.exceptions import CRSError as ProjCRSError

    try:
        crs = CRS.from_user_input(settings.map_crs)
    except ProjCRSError as exc:
        raise CRSError(f"unknown map CRS {settings.map_crs!r}: {exc}") from None
    if not crs.is_projected:
        raise CRSError(f"map CRS {settings.map_crs!r} is not projected (maps measure in metres)")


def project_points(
    lon: Sequence[float] | np.ndarray, lat: Sequence[float] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Project WGS84 longitudes/latitudes to map metres (arrays x, y)."""
    tr = _transformer(settings.default_crs, settings.map_crs)
    x, y = tr.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def to_map(geom: Any) -> Any:
    """A shapely geometry (or array of them) from WGS84 lon/lat to map metres."""
    import shapely

    tr = _transformer(settings.default_crs, settings.map_crs)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


def to_lonlat(geom: Any) -> Any:
    """A shapely geometry (or array of them) from map metres to WGS84 lon/lat."""
    import shapely

    tr = _transformer(settings.map_crs, settings.default_crs)
    return shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


# --- base layers ------------------------------------------------------------
def _gazetteer(gazetteer: Any = None) -> Any:
    if gazetteer is not None:
        return gazetteer
    from geokit.gazetteer import default_gazetteer

    return default_gazetteer()


_LAYERS: dict[tuple[int, str, str], tuple[Any, tuple[tuple[Any, Any], ...]]] = {}


def base_layer(layer: str, gazetteer: Any = None) -> tuple[tuple[Any, Any], ...]:
    """``(Boundary, projected geometry)`` pairs of a gazetteer boundary layer
    (``admin1``, ``admin2``, ``admin3``, ``country``, ``neighbours``),
    projected once per process and gazetteer."""
    import shapely

    gaz = _gazetteer(gazetteer)
    key = (id(gaz), layer, settings.map_crs)
    hit = _LAYERS.get(key)
    if hit is not None and hit[0] is gaz:
        return hit[1]
    bounds = gaz.boundaries(layer)
    pairs: tuple[tuple[Any, Any], ...] = ()
    if bounds:
        geoms = shapely.make_valid(to_map(np.array([b.shape() for b in bounds], dtype=object)))
        pairs = tuple((b, polygonal(g)) for b, g in zip(bounds, geoms))
    _LAYERS[key] = (gaz, pairs)  # the gazetteer is kept so its id stays unique
    return pairs


def syria_outline(gazetteer: Any = None) -> Any:
    """Syria's outline in map metres (the ``country`` layer, else the union of
    governorates)."""
    import shapely

    country = base_layer("country", gazetteer)
    if country:
        return shapely.union_all([g for _, g in country])
    admin1 = base_layer("admin1", gazetteer)
    if not admin1:
        from geokit.exceptions import DataError

        raise DataError("the gazetteer has no country or governorate boundaries")
    return shapely.union_all([g for _, g in admin1])


# --- extent -----------------------------------------------------------------
@dataclass(frozen=True)
class Extent:
    """A rectangle in map metres."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    @property
    def span_km(self) -> float:
        """The longer side, in km."""
        return max(self.width, self.height) / 1000.0

    def padded(self, fraction: float, min_span_m: float = 0.0) -> Extent:
        """Grown by *fraction* of its size on each side and to at least *min_span_m*."""
        w = max(self.width * (1 + 2 * fraction), min_span_m)
        h = max(self.height * (1 + 2 * fraction), min_span_m)
        cx, cy = (self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2
        return Extent(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    def fitted(self, aspect: float) -> Extent:
        """Grown along one side to the width/height ratio *aspect*."""
        w, h = self.width, self.height
        if w / h < aspect:
            w = h * aspect
        else:
            h = w / aspect
        cx, cy = (self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2
        return Extent(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    def contains_xy(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (x >= self.xmin) & (x <= self.xmax) & (y >= self.ymin) & (y <= self.ymax)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``"W,S,E,N"`` (degrees) and check it."""
    try:
        w, s, e, n = (float(v) for v in text.replace(" ", "").split(","))
    except ValueError:
        raise InputError(f"bbox: expected W,S,E,N in degrees, got {text!r}") from None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise InputError(f"bbox: need W<E and S<N within lon/lat range, got {text!r}")
    return w, s, e, n


def map_extent(
    extent: str | None = None,
    bbox: str | tuple[float, float, float, float] | None = None,
    content: Any = None,
    gazetteer: Any = None,
) -> Extent:
    """The extent of a map, in map metres, before fitting to the figure.

    Parameters
    ----------
    extent : str, optional
        ``governorate:NAME``, ``district:NAME`` or ``subdistrict:NAME`` (name
        in any script, or the P-code), or ``syria``.
    bbox : str or tuple, optional
        ``W,S,E,N`` in degrees.
    content : shapely geometry or (x, y) arrays, optional
        What the map shows, in map metres; the extent fits it with padding.

    With none of them the map shows all of Syria.

    Raises
    ------
    InputError, PlaceNotFound
        For a malformed spec or a name that matches no boundary.
    """
    _check_projected()
    pad = settings.map_padding
    min_span = settings.map_min_span_km * 1000.0
    if bbox is not None:
        w, s, e, n = parse_bbox(bbox) if isinstance(bbox, str) else bbox
        import shapely

        box = to_map(shapely.box(w, s, e, n).segmentize(0.05))
        return Extent(*box.bounds)
    if extent is not None:
        spec = extent.strip()
        if spec.lower() in ("syria", "country", "sy"):
            return Extent(*syria_outline(gazetteer).bounds).padded(0.03)
        kind, sep, name = spec.partition(":")
        layer = EXTENT_KINDS.get(kind.strip().lower())
        if not sep or layer is None or not name.strip():
            raise InputError(
                f"extent: expected KIND:NAME with KIND one of {', '.join(EXTENT_KINDS)} (or 'syria'), got {extent!r}"
            )
        geom = _find_boundary(layer, name.strip(), kind, gazetteer)
        return Extent(*geom.bounds).padded(pad / 2, min_span)
    if content is None:
        return Extent(*syria_outline(gazetteer).bounds).padded(0.03)
    if isinstance(content, tuple):
        x, y = (np.asarray(v, dtype=float) for v in content)
        if x.size == 0:
            return Extent(*syria_outline(gazetteer).bounds).padded(0.03)
        bounds = (float(x.min()), float(y.min()), float(x.max()), float(y.max()))
    else:
        if content.is_empty:
            return Extent(*syria_outline(gazetteer).bounds).padded(0.03)
        bounds = content.bounds
    return Extent(*bounds).padded(pad, min_span)


def _find_boundary(layer: str, name: str, kind: str, gazetteer: Any) -> Any:
    from geokit.normalise import name_key

    key = name_key(name)
    wanted = name.upper()
    hits = []
    for boundary, geom in base_layer(layer, gazetteer):
        if boundary.pcode.upper() == wanted:
            return geom
        if key and key in (name_key(boundary.name or ""), name_key(boundary.name_ar or "")):
            hits.append((boundary, geom))
    if not hits:
        raise PlaceNotFound(f"extent: no {kind} named {name!r}")
    if len(hits) > 1:
        codes = ", ".join(b.pcode for b, _ in hits)
        raise InputError(f"extent: {kind} {name!r} is ambiguous ({codes}); give the P-code")
    return hits[0][1]


# --- canvas -----------------------------------------------------------------
@dataclass
class MapCanvas:
    """A figure with one map axes in map metres, and what was drawn on it."""

    fig: Any
    ax: Any
    extent: Extent
    scale: float
    font: str
    title: str
    subtitle: str = ""
    legend_labels: list[str] = field(default_factory=list)
    placed_labels: list[str] = field(default_factory=list)
    legend: Any = None
    extra_legends: list[Any] = field(default_factory=list)

    def fontsize(self, base: float) -> float:
        """A font size (pt) scaled to the figure."""
        return base * self.scale

    def content_corner(self, x: np.ndarray, y: np.ndarray) -> str:
        """The corner of the map with the least content (for the legend)."""
        e = self.extent
        if x.size == 0:
            return "upper right"
        fx = (x - e.xmin) / e.width
        fy = (y - e.ymin) / e.height
        boxes = {
            "upper right": (fx > 0.62) & (fy > 0.55),
            "upper left": (fx < 0.38) & (fy > 0.55),
            "lower right": (fx > 0.62) & (fy < 0.45),
            "lower left": (fx < 0.38) & (fy < 0.45),
        }
        order = ["upper right", "lower right", "upper left", "lower left"]
        return min(order, key=lambda k: (int(boxes[k].sum()), order.index(k)))


def new_map(
    extent: Extent,
    title: str,
    subtitle: str = "",
    size_px: tuple[int, int] | None = None,
    dpi: int | None = None,
) -> MapCanvas:
    """A blank map of *extent* (grown to the figure's shape) with its title.

    Parameters
    ----------
    extent : Extent
        From :func:`map_extent`.
    title, subtitle : str
        Printed above the map.
    size_px : (int, int), optional
        Output size in pixels (default :data:`geokit.settings.map_size_px`).
    dpi : int, optional
        Resolution (default :data:`geokit.settings.map_dpi`).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width_px, height_px = size_px or settings.map_size_px
    dpi = int(dpi or settings.map_dpi)
    if not (200 <= width_px <= 20000 and 200 <= height_px <= 20000):
        raise InputError(f"map size must be 200-20000 pixels a side, got {width_px}x{height_px}")
    if not (30 <= dpi <= 1200):
        raise InputError(f"dpi must be 30-1200, got {dpi}")
    w_in, h_in = width_px / dpi, height_px / dpi
    fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    scale = max(0.55, min(2.5, math.sqrt((w_in * h_in) / (10.0 * 7.5))))
    ax = fig.add_axes((_SIDE, _BOTTOM, 1 - 2 * _SIDE, 1 - _TOP - _BOTTOM))
    box_w = (1 - 2 * _SIDE) * width_px
    box_h = (1 - _TOP - _BOTTOM) * height_px
    fitted = extent.fitted(box_w / box_h)
    ax.set_xlim(fitted.xmin, fitted.xmax)
    ax.set_ylim(fitted.ymin, fitted.ymax)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_facecolor(_SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#333333")
        spine.set_linewidth(0.8)
    font = settings.map_font
    fig.text(_SIDE, 1 - 0.012, title, ha="left", va="top", fontsize=15 * scale, fontweight="bold",
             family=font, color="#111111")
    if subtitle:
        fig.text(_SIDE, 1 - 0.058, subtitle, ha="left", va="top", fontsize=8.5 * scale, family=font,
                 color="#333333")
    return MapCanvas(fig=fig, ax=ax, extent=fitted, scale=scale, font=font, title=title, subtitle=subtitle)


def draw_basemap(canvas: MapCanvas, gazetteer: Any = None, *, under: bool = True) -> list[LabelCandidate]:
    """Draw land, sea and boundaries on *canvas*; return city label candidates.

    With ``under=True`` (the default) land and neighbours are drawn; call it
    again with ``under=False`` after the thematic layers to draw the
    boundaries on top of them.  Governorate boundaries are always drawn,
    district boundaries when the map spans less than 350 km.
    """
    import shapely

    ax = canvas.ax
    e = canvas.extent
    view = shapely.box(e.xmin, e.ymin, e.xmax, e.ymax).buffer(max(e.width, e.height) * 0.05)
    s = canvas.scale
    if under:
        for boundary, geom in base_layer("neighbours", gazetteer):
            if geom.intersects(view):
                add_geometry(ax, geom.intersection(view), facecolor=_NEIGHBOUR, edgecolor=_NEIGHBOUR,
                             linewidth=1.2 * s, zorder=1)
        syria = syria_outline(gazetteer)
        add_geometry(ax, syria.intersection(view), facecolor=_SYRIA, edgecolor="none", zorder=2)
        return _label_candidates(canvas, gazetteer)
    for boundary, geom in base_layer("neighbours", gazetteer):
        if geom.intersects(view):
            add_geometry(ax, geom.boundary.intersection(view), edgecolor="#9A9A9A", linewidth=0.5 * s, zorder=20)
    if e.span_km < 350:
        for boundary, geom in base_layer("admin2", gazetteer):
            if geom.intersects(view):
                add_geometry(ax, geom.boundary.intersection(view), edgecolor=_ADMIN2, linewidth=0.35 * s,
                             linestyle=(0, (4, 2)), zorder=21)
    for boundary, geom in base_layer("admin1", gazetteer):
        if geom.intersects(view):
            add_geometry(ax, geom.boundary.intersection(view), edgecolor=_ADMIN1, linewidth=0.6 * s, zorder=22)
    syria = syria_outline(gazetteer)
    add_geometry(ax, syria.boundary.intersection(view), edgecolor=_BORDER, linewidth=1.1 * s, zorder=23)
    return []


def _country_labels(canvas: MapCanvas, gazetteer: Any) -> list[LabelCandidate]:
    """Neighbouring countries' names, centred in their visible part."""
    import shapely

    e = canvas.extent
    view = shapely.box(e.xmin, e.ymin, e.xmax, e.ymax)
    out = []
    for boundary, geom in base_layer("neighbours", gazetteer):
        if not geom.intersects(view):
            continue
        part = polygonal(geom.intersection(view))
        if part.is_empty or part.area < 0.012 * view.area:
            continue
        largest = max(shapely.get_parts(part), key=lambda g: g.area)
        point = shapely.maximum_inscribed_circle(largest, tolerance=max(e.width, e.height) / 200).coords[0]
        # fall-back anchors: a grid over the visible part, nearest the centre first
        step = max(e.width, e.height) / 12
        gx, gy = np.meshgrid(np.arange(e.xmin + step / 2, e.xmax, step), np.arange(e.ymin + step / 2, e.ymax, step))
        grid = shapely.points(gx.ravel(), gy.ravel())
        inside = grid[shapely.contains(largest.buffer(-step / 3), grid)]
        alts = sorted(((g.x, g.y) for g in inside), key=lambda q: (q[0] - point[0]) ** 2 + (q[1] - point[1]) ** 2)
        out.append(LabelCandidate(
            x=point[0], y=point[1], alternatives=tuple(alts), text=(boundary.name or "").upper(),
            priority=PRIORITY_AREA,
            radius_pt=0, fontsize=canvas.fontsize(8), colour="#8A8A8A", style="italic", centred=True,
        ))
    return out


def place_label(name: str, name_ar: str | None) -> str:
    """A map label in English and Arabic (``"Manbij  منبج"``)."""
    if name_ar and name_ar.strip() and name_ar.strip() != name.strip():
        return f"{name}  {name_ar.strip()}"
    return name


#: Label priorities: basemap cities, then the map's own places, then towns.
PRIORITY_CITY = 3e8
PRIORITY_FEATURE = 2.5e8
PRIORITY_TOWN = 2e8
PRIORITY_VILLAGE = 1e8
PRIORITY_AREA = 2.4e8


def _label_candidates(canvas: MapCanvas, gazetteer: Any) -> list[LabelCandidate]:
    out = _country_labels(canvas, gazetteer)
    gaz = _gazetteer(gazetteer)
    span = canvas.extent.span_km
    kinds = ["city"] + (["town"] if span < 450 else []) + (["village"] if span < 90 else [])
    places = [p for p in gaz.places(kinds) if p.lat is not None and p.lon is not None]
    if not places:
        return out
    x, y = project_points([p.lon for p in places], [p.lat for p in places])
    inside = canvas.extent.contains_xy(x, y)
    base = {"city": PRIORITY_CITY, "town": PRIORITY_TOWN, "village": PRIORITY_VILLAGE}
    for place, px, py, ok in zip(places, x, y, inside):
        if not ok:
            continue
        big = place.kind == "city"
        out.append(LabelCandidate(
            x=float(px), y=float(py), text=place_label(place.name, place.name_ar),
            priority=base.get(place.kind, 0.0) + min(place.population or 0, 4e7),
            radius_pt=(2.2 if big else 1.6) * canvas.scale, dot_pt=(2.2 if big else 1.6) * canvas.scale,
            key=place.id,
            fontsize=canvas.fontsize(7.4 if big else 6.2), weight="normal",
            colour="#303030" if big else "#505050",
        ))
    return out


def draw_place_dots(canvas: MapCanvas, candidates: Iterable[LabelCandidate]) -> None:
    """Small dots for the labelled places (drawn only for those placed)."""
    placed = set(canvas.placed_labels)
    pts = [(c.x, c.y, c.dot_pt) for c in candidates if c.text in placed and c.dot_pt > 0]
    if not pts:
        return
    arr = np.array(pts)
    canvas.ax.scatter(arr[:, 0], arr[:, 1], s=(arr[:, 2] * 1.5) ** 2, facecolor="white", edgecolor="#222222",
                      linewidth=0.8 * canvas.scale, zorder=31)  # under incident symbols, over areas


def finish_map(
    canvas: MapCanvas,
    *,
    labels: Sequence[LabelCandidate] = (),
    attribution: str = "",
    legend_handles: Sequence[Any] = (),
    legend_labels: Sequence[str] = (),
    legend_title: str | None = None,
    legend_corner: str = "upper right",
    label_limit: int | None = None,
    dot_labels: Sequence[LabelCandidate] = (),
    symbols: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    size_legend: tuple[Sequence[Any], Sequence[str], str, float] | None = None,
) -> None:
    """Legend, labels, scale bar, north arrow and credits.

    Labels are placed last so they avoid the legend and the map furniture;
    *dot_labels* are labels of basemap places that get a dot when placed;
    *symbols* (x, y, radius in points) are map symbols labels keep off.
    """
    ax = canvas.ax
    s = canvas.scale
    if legend_handles:
        legend = _legend(canvas, legend_handles, legend_labels, legend_title, legend_corner)
        canvas.legend = legend
        canvas.legend_labels = [t.get_text() for t in legend.get_texts()]
    if size_legend is not None and canvas.legend is not None:
        # a second box beside the first, with room for the larger circles
        renderer = canvas.fig.canvas.get_renderer()
        first = canvas.legend.get_window_extent(renderer).transformed(ax.transAxes.inverted())
        upper = legend_corner.startswith("upper")
        anchor = (first.x0 - 0.006, first.y1) if upper else (first.x0 - 0.006, first.y0)
        if legend_corner.endswith("left"):
            anchor = (first.x1 + 0.006, first.y1 if upper else first.y0)
        loc = ("upper " if upper else "lower ") + ("left" if legend_corner.endswith("left") else "right")
        ax.add_artist(canvas.legend)
        second = _legend(canvas, size_legend[0], size_legend[1], size_legend[2], loc, anchor=anchor,
                         spacing=size_legend[3])
        canvas.extra_legends.append(second)
        canvas.legend_labels += [t.get_text() for t in second.get_texts()]
    bottom = "lower right" if legend_corner == "lower left" else "lower left"
    top = "upper right" if legend_corner == "upper left" else "upper left"
    draw_scale_bar(ax, bottom, canvas.fontsize(6.5), canvas.font)
    draw_north_arrow(ax, top, _true_north_angle(canvas.extent), canvas.fontsize(8), canvas.font)
    fig = canvas.fig
    renderer = fig.canvas.get_renderer()
    placer = LabelPlacer(ax=ax, font=canvas.font, halo_width=2.2 * s)
    for box in [canvas.legend, *canvas.extra_legends]:
        if box is not None:
            placer.add_obstacle(box.get_window_extent(renderer))
    # keep labels off the scale bar and north arrow corners
    frame = ax.get_window_extent(renderer)
    from matplotlib.transforms import Bbox

    sb_w, sb_h = frame.width * 0.27, frame.height * 0.085
    if bottom == "lower left":
        placer.add_obstacle(Bbox([[frame.x0, frame.y0], [frame.x0 + sb_w, frame.y0 + sb_h]]))
    else:
        placer.add_obstacle(Bbox([[frame.x1 - sb_w, frame.y0], [frame.x1, frame.y0 + sb_h]]))
    na = min(frame.width, frame.height) * 0.16
    if top == "upper left":
        placer.add_obstacle(Bbox([[frame.x0, frame.y1 - na * 1.2], [frame.x0 + na * 0.8, frame.y1]]))
    else:
        placer.add_obstacle(Bbox([[frame.x1 - na * 0.8, frame.y1 - na * 1.2], [frame.x1, frame.y1]]))
    if symbols is not None:
        placer.add_symbols(*symbols)
    all_labels = _dedupe(list(labels) + list(dot_labels))
    if label_limit is None:
        label_limit = int(45 * s * s)
    canvas.placed_labels = placer.place_all(all_labels, limit=label_limit)
    draw_place_dots(canvas, dot_labels)
    from geokit import __version__

    credits = attribution.strip()
    fig.text(_SIDE, 0.012, credits, ha="left", va="bottom", fontsize=5.6 * s, family=canvas.font, color="#444444",
             wrap=True)
    fig.text(1 - _SIDE, 0.012, f"geokit {__version__} · {settings.map_crs}", ha="right", va="bottom",
             fontsize=5.6 * s, family=canvas.font, color="#777777")


def _dedupe(candidates: list[LabelCandidate], within_m: float = 1500.0) -> list[LabelCandidate]:
    """Drop a label when a higher-priority one names a place within *within_m*
    (a map's own place that is also a basemap town gets one label)."""
    from geokit.normalise import name_key

    kept: list[LabelCandidate] = []
    seen: dict[tuple[int, int], list[LabelCandidate]] = {}
    for cand in sorted(candidates, key=lambda c: (-c.priority, c.text)):
        cell = (int(cand.x // within_m), int(cand.y // within_m))
        near = [k for dx in (-1, 0, 1) for dy in (-1, 0, 1) for k in seen.get((cell[0] + dx, cell[1] + dy), [])]
        twin = None if cand.centred else next((
            k for k in near
            if (k.x - cand.x) ** 2 + (k.y - cand.y) ** 2 <= within_m**2
            and ((k.key is not None and k.key == cand.key)
                 or name_key(k.text.split("  ")[0]) == name_key(cand.text.split("  ")[0]))
        ), None)
        if twin is not None:
            # one label per place, set clear of the larger symbol of the two
            twin.radius_pt = max(twin.radius_pt, cand.radius_pt)
            if cand.feature and not twin.feature:
                twin.weight, twin.colour, twin.feature = cand.weight, cand.colour, True
                twin.fontsize = max(twin.fontsize, cand.fontsize)
            continue
        seen.setdefault(cell, []).append(cand)
        kept.append(cand)
    return kept


def _legend(canvas: MapCanvas, handles: Sequence[Any], labels: Sequence[str], title: str | None, loc: str,
            anchor: tuple[float, float] | None = None, spacing: float = 0.55) -> Any:
    legend = canvas.ax.legend(
        list(handles), list(labels), loc=loc, title=title, bbox_to_anchor=anchor,
        title_fontsize=canvas.fontsize(7.5), frameon=True, framealpha=0.93,
        facecolor="white", edgecolor="#888888", borderpad=0.7, labelspacing=spacing, handletextpad=0.6,
        borderaxespad=0.6 if anchor is None else 0.0, prop={"family": canvas.font, "size": canvas.fontsize(7)},
    )
    legend.set_zorder(60)
    legend.get_title().set_fontweight("bold")
    return legend


def _true_north_angle(extent: Extent) -> float:
    """Angle (degrees, counter-clockwise) of true north from grid north at the map centre."""
    cx, cy = (extent.xmin + extent.xmax) / 2, (extent.ymin + extent.ymax) / 2
    tr = _transformer(settings.map_crs, settings.default_crs)
    lon, lat = tr.transform(cx, cy)
    x2, y2 = project_points([lon], [min(lat + 0.05, 89.9)])
    return math.degrees(math.atan2(-(x2[0] - cx), y2[0] - cy))


def base_attribution(gazetteer: Any = None) -> str:
    """The credit line of the packaged data (the gazetteer's ``attribution``
    metadata, else :data:`geokit.settings.map_attribution`)."""
    try:
        meta = _gazetteer(gazetteer).meta()
    except Exception:  # noqa: BLE001 - credits are best effort, never fatal
        meta = {}
    return str(meta.get("attribution") or settings.map_attribution).strip().rstrip(".") + "."


def save_map(canvas: MapCanvas, path: str | Path) -> None:
    """Write the figure to *path* (format from the suffix: png, pdf, svg)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = {"png": "png", "pdf": "pdf", "svg": "svg", "jpg": "jpg", "jpeg": "jpg"}.get(suffix, "png")
    extra: dict[str, Any] = {"pil_kwargs": {"compress_level": 4}} if fmt == "png" else {}  # zlib 4: faster
    if fmt == "svg":
        extra["metadata"] = {"Date": None}  # no timestamps: same input, same file
    elif fmt == "pdf":
        extra["metadata"] = {"CreationDate": None, "ModDate": None}
    canvas.fig.savefig(path, format=fmt, dpi=canvas.fig.dpi, facecolor="white", **extra)
