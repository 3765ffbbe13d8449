"""Drawing primitives shared by the map modules (private).

Everything here works on a matplotlib ``Axes`` whose data coordinates are
metres of :data:`geokit.settings.map_crs`: shapely geometries to patches,
haloed labels placed without overlap, a scale bar and a north arrow.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: Candidate label positions around an anchor, in order of preference:
#: (dx, dy) unit offsets, horizontal and vertical alignment.
_POSITIONS: tuple[tuple[float, float, str, str], ...] = (
    (1, 0.35, "left", "bottom"),    # NE
    (1, -0.35, "left", "top"),      # SE
    (-1, 0.35, "right", "bottom"),  # NW
    (-1, -0.35, "right", "top"),    # SW
    (0, 1, "center", "bottom"),     # N
    (0, -1, "center", "top"),       # S
    (1, 0, "left", "center"),       # E
    (-1, 0, "right", "center"),     # W
)


#: Shifts (in label widths, heights) tried for an area name.
_CENTRED_SHIFTS = ((0, 0), (0, 1.6), (0, -1.6), (-0.6, 0), (0.6, 0), (0, 3.2), (0, -3.2), (-1.2, 0), (1.2, 0))


def polygonal(geom: Any) -> Any:
    """Only the polygon parts of *geom* (as a Polygon or MultiPolygon)."""
    import shapely

    if geom is None or geom.is_empty:
        return shapely.MultiPolygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    parts = [q for p in parts for q in shapely.get_parts(p)]
    return shapely.MultiPolygon(parts) if parts else shapely.MultiPolygon()


def lineal(geom: Any) -> Any:
    """Only the line parts of *geom*, merged (as a LineString or MultiLineString)."""
    import shapely

    if geom is None or geom.is_empty:
        return shapely.MultiLineString()
    parts = [q for p in shapely.get_parts(geom) for q in shapely.get_parts(p)
             if q.geom_type in ("LineString", "LinearRing")]
    if not parts:
        return shapely.MultiLineString()
    return shapely.line_merge(shapely.MultiLineString([shapely.LineString(p.coords) for p in parts]))


def geom_path(geom: Any):
    """A matplotlib ``Path`` for a (multi)polygon or (multi)linestring.

    Polygons give closed rings (exterior and holes, oriented so that either
    fill rule leaves the holes empty); lines give open polylines.
    """
    import shapely
    from matplotlib.path import Path

    if geom is None or geom.is_empty:
        return Path(np.empty((0, 2)))
    polygonal = geom.geom_type in ("Polygon", "MultiPolygon")
    if polygonal:
        geom = shapely.orient_polygons(geom)
        parts = shapely.get_rings(shapely.get_parts(geom))
    else:
        parts = shapely.get_parts(shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom)
        parts = [p for p in parts if p.geom_type == "LineString"]
    verts: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for part in parts:
        xy = shapely.get_coordinates(part)
        if len(xy) < 2:
            continue
        c = np.full(len(xy), Path.LINETO, dtype=np.uint8)
        c[0] = Path.MOVETO
        if polygonal:
            c[-1] = Path.CLOSEPOLY
        verts.append(xy)
        codes.append(c)
    if not verts:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(verts), np.concatenate(codes))


def add_geometry(ax: Any, geom: Any, **style: Any):
    """Add one geometry to *ax* as a ``PathPatch`` (returned, or None if empty)."""
    from matplotlib.patches import PathPatch

    path = geom_path(geom)
    if len(path.vertices) == 0:
        return None
    if geom.geom_type in ("LineString", "MultiLineString", "LinearRing"):
        style.setdefault("fill", False)
    patch = PathPatch(path, **style)
    ax.add_artist(patch)  # not add_patch: the map sets its own limits, no need to grow them
    return patch


def halo(width: float, colour: str = "white", alpha: float = 0.9) -> list[Any]:
    """Path effects giving text a halo so it reads over any fill."""
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground=colour, alpha=alpha)]


@dataclass
class LabelCandidate:
    """A label waiting to be placed: anchor in map metres, text, priority
    (higher first) and the radius (points) of the symbol it labels."""

    x: float
    y: float
    text: str
    priority: float
    radius_pt: float = 3.0
    fontsize: float = 7.0
    weight: str = "normal"
    colour: str = "#222222"
    style: str = "normal"
    centred: bool = False  # centred on the anchor (area names), not beside a symbol
    alternatives: tuple[tuple[float, float], ...] = ()  # other anchors to try, in order
    dot_pt: float = 0.0  # radius of the dot drawn for a basemap place (0: none)
    key: str | None = None  # the place's gazetteer id, when known (one label per place)
    feature: bool = False  # a place of the map's own data (styled as such even if also a basemap city)


@dataclass
class LabelPlacer:
    """Greedy label placement: highest priority first, first free position.

    A label is dropped when every candidate position overlaps a label already
    placed, an obstacle (legend, scale bar) or the map frame.
    """

    ax: Any
    font: str
    halo_width: float = 2.2
    pad_px: float = 1.5
    obstacles: list[tuple[float, float, float, float]] = field(default_factory=list)
    placed: list[Any] = field(default_factory=list)
    _boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    _symbols: np.ndarray | None = None

    def add_obstacle(self, bbox: Any) -> None:
        """Keep labels off a display-space ``Bbox`` (e.g. the legend)."""
        self.obstacles.append((bbox.x0, bbox.y0, bbox.x1, bbox.y1))

    def add_symbols(self, x: np.ndarray, y: np.ndarray, radius_pt: np.ndarray | float) -> None:
        """Keep labels off map symbols at data coordinates *x*, *y*."""
        if len(x) == 0:
            return
        px = self.ax.transData.transform(np.column_stack([x, y]))
        r = np.broadcast_to(np.asarray(radius_pt, dtype=float), (len(px),)) * self.ax.figure.dpi / 72.0
        boxes = np.column_stack([px[:, 0] - r, px[:, 1] - r, px[:, 0] + r, px[:, 1] + r])
        self._symbols = boxes if self._symbols is None else np.vstack([self._symbols, boxes])

    def place_all(self, candidates: Iterable[LabelCandidate], limit: int | None = None) -> list[str]:
        """Place *candidates* (best first); return the texts that were placed."""
        ax = self.ax
        fig = ax.figure
        renderer = fig.canvas.get_renderer()
        frame = ax.get_window_extent(renderer)
        to_px = fig.dpi / 72.0
        done: list[str] = []
        ordered = sorted(candidates, key=lambda c: (-c.priority, c.text))
        sizes: dict[tuple[str, float, str], tuple[float, float]] = {}
        probe = None
        for cand in ordered:
            if limit is not None and len(done) >= limit:
                break
            key = (cand.text, cand.fontsize, cand.weight)
            if key not in sizes:
                # measuring text is slow: first try a generous estimate, and
                # measure only labels that might fit somewhere
                est_w = len(cand.text) * cand.fontsize * 0.62 * to_px
                est_h = cand.fontsize * 1.3 * to_px
                anchors = ((cand.x, cand.y), *cand.alternatives)
                if not any(self._place_one(cand, ax_x, ax_y, est_w * 0.8, est_h * 0.8, frame, to_px, dry=True)
                           for ax_x, ax_y in anchors):
                    continue
                if probe is None:
                    probe = ax.text(0, 0, "", family=self.font)
                probe.set_text(cand.text)
                probe.set_fontsize(cand.fontsize)
                probe.set_fontweight(cand.weight)
                ext = probe.get_window_extent(renderer)
                sizes[key] = (ext.width, ext.height)
            w, h = sizes[key]
            for ax_x, ax_y in ((cand.x, cand.y), *cand.alternatives):
                if self._place_one(cand, ax_x, ax_y, w, h, frame, to_px):
                    done.append(cand.text)
                    break
        if probe is not None:
            probe.remove()
        return done


    def _place_one(self, cand: LabelCandidate, x: float, y: float, w: float, h: float, frame: Any,
                   to_px: float, dry: bool = False) -> bool:
        ax = self.ax
        px, py = ax.transData.transform((x, y))
        if not (frame.x0 <= px <= frame.x1 and frame.y0 <= py <= frame.y1):
            return False
        gap = (cand.radius_pt + 1.5) * to_px
        others = None
        if self._symbols is not None:
            # symbols near enough to matter, less the labelled place's own ones
            sym = self._symbols
            reach = w + h + gap + 4 * self.pad_px
            near = ((sym[:, 2] > px - reach) & (sym[:, 0] < px + reach)
                    & (sym[:, 3] > py - reach) & (sym[:, 1] < py + reach))
            sym = sym[near]
            own_r = cand.radius_pt * to_px + 0.5
            own = ((sym[:, 0] + sym[:, 2]) / 2 - px) ** 2 + ((sym[:, 1] + sym[:, 3]) / 2 - py) ** 2 <= own_r**2
            others = sym[~own]
        if cand.centred:  # shift an area name by whole label sizes
            positions = [(fx * w / gap, fy * h / gap, "center", "center") for fx, fy in _CENTRED_SHIFTS]
        else:
            positions = list(_POSITIONS)
        for dx, dy, ha, va in positions:
            ox, oy = px + dx * gap, py + dy * gap
            x0 = ox if ha == "left" else ox - w if ha == "right" else ox - w / 2
            y0 = oy if va == "bottom" else oy - h if va == "top" else oy - h / 2
            box = (x0 - self.pad_px, y0 - self.pad_px, x0 + w + self.pad_px, y0 + h + self.pad_px)
            if box[0] < frame.x0 or box[2] > frame.x1 or box[1] < frame.y0 or box[3] > frame.y1:
                continue
            if _hits(box, self._boxes) or _hits(box, self.obstacles):
                continue
            if others is not None and len(others):
                inner = (box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1)
                if ((inner[0] < others[:, 2]) & (others[:, 0] < inner[2])
                        & (inner[1] < others[:, 3]) & (others[:, 1] < inner[3])).any():
                    continue
            if dry:
                return True
            self._boxes.append(box)
            text = ax.annotate(
                cand.text, (x, y), xytext=(dx * gap / to_px, dy * gap / to_px),
                textcoords="offset points", ha=ha, va=va, fontsize=cand.fontsize, family=self.font,
                fontweight=cand.weight, fontstyle=cand.style, color=cand.colour, zorder=40,
                path_effects=halo(self.halo_width), annotation_clip=False,
            )
            self.placed.append(text)
            return True
        return False


def _hits(box: tuple[float, float, float, float], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    for b in boxes:
        if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
            return True
    return False


def nice_length(target: float) -> float:
    """The largest of 1, 2, 5 x 10^k not above *target* (for scale bars)."""
    if target <= 0:
        return 1.0
    exp = math.floor(math.log10(target))
    for step in (5, 2, 1):
        value = step * 10**exp
        if value <= target:
            return value
    return 10**exp


def draw_scale_bar(ax: Any, corner: str, fontsize: float, font: str) -> float:
    """Draw a scale bar (km) in a bottom *corner* (``"lower left"``/``"lower right"``).

    Map units are metres of a conformal projection, so one map metre is one
    metre on the ground to within 0.1 % across Syria.  Returns the length (km).
    """
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width = x1 - x0
    length_m = nice_length(width * 0.2 / 1000.0) * 1000.0
    height = (y1 - y0) * 0.008
    margin_x = width * 0.025
    left = x0 + margin_x if corner == "lower left" else x1 - margin_x - length_m
    base = y0 + (y1 - y0) * 0.035
    ax.add_patch(Rectangle((left - width * 0.008, base - (y1 - y0) * 0.012), length_m + width * 0.016,
                           (y1 - y0) * 0.052, facecolor="white", edgecolor="none", alpha=0.8, zorder=44))
    segments = 4
    for i in range(segments):
        ax.add_patch(Rectangle((left + i * length_m / segments, base), length_m / segments, height,
                               facecolor="#222222" if i % 2 == 0 else "white", edgecolor="#222222",
                               linewidth=0.6, zorder=45))
    km = length_m / 1000.0
    fmt = (lambda v: f"{v:g}")
    for frac in (0.0, 0.5, 1.0):
        label = fmt(km * frac) + (" km" if frac == 1.0 else "")
        ax.text(left + frac * length_m, base + height * 1.6, label, ha="center", va="bottom",
                fontsize=fontsize, family=font, color="#222222", zorder=46)
    return km


def draw_north_arrow(ax: Any, corner: str, angle_deg: float, fontsize: float, font: str) -> None:
    """Draw a north arrow in a top *corner*, turned by *angle_deg* (true north
    relative to grid north, counter-clockwise positive)."""
    from matplotlib.patches import Polygon

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w, h = x1 - x0, y1 - y0
    size = min(w, h) * 0.045
    cx = x0 + w * 0.04 + size * 0.4 if corner == "upper left" else x1 - w * 0.04 - size * 0.4
    cy = y1 - h * 0.05 - size * 1.6
    theta = math.radians(angle_deg)
    rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])

    def shape(points: list[tuple[float, float]]) -> np.ndarray:
        return (np.array(points) * size) @ rot.T + (cx, cy)

    left = shape([(0, 1), (-0.38, -0.55), (0, -0.25)])
    right = shape([(0, 1), (0.38, -0.55), (0, -0.25)])
    ax.add_patch(Polygon(left, closed=True, facecolor="#222222", edgecolor="#222222", linewidth=0.7, zorder=45))
    ax.add_patch(Polygon(right, closed=True, facecolor="white", edgecolor="#222222", linewidth=0.7, zorder=45))
    tip = shape([(0, 1.12)])[0]
    ax.text(tip[0], tip[1], "N", ha="center", va="bottom", fontsize=fontsize, family=font,
            fontweight="bold", color="#222222", zorder=46, path_effects=halo(2.0),
            rotation=angle_deg, rotation_mode="anchor")
