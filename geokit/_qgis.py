"""QGIS layer styles (QML, with an SLD twin) for exported layers.

A style is first described as plain data (:class:`LayerStyle`: symbols,
categories, label rules, field aliases) by :func:`style_for_layer`, which
recognises the gazetteer and map layers by name and columns; it then renders
to the QML that QGIS reads from a GeoPackage ``layer_styles`` table or a
``.qml`` sidecar (:meth:`LayerStyle.qml`), to SLD 1.1 (:meth:`LayerStyle.sld`)
and to KML ``<Style>`` colours (:func:`kml_colour`).

Colours of map layers come from :mod:`geokit.settings` (``faction_colours``,
``incident_colours``, ``incident_markers``) read at call time, so a style file
loaded for the PNG maps restyles the exports too; the defaults below are only
used when those settings are absent.  Both XML documents are built with
:mod:`xml.etree.ElementTree`, so they are always well formed, and every key is
derived from the layer name, so the same layers give the same bytes.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["Symbol", "Category", "LabelRule", "LayerStyle", "style_for_layer", "kml_colour", "qgis_colour",
           "QGIS_VERSION"]

#: QGIS version written in QML headers (3.22 LTR and later read these files).
QGIS_VERSION = "3.28.0-Firenze"

# Fallback palette (Okabe-Ito) for when geokit.settings has no map section.
_FALLBACK_FACTION_COLOURS: dict[str, str] = {
    "government": "#D55E00", "opposition": "#009E73", "hts": "#0072B2", "sdf": "#F0E442",
    "isis": "#3A3A3A", "turkish_backed": "#56B4E9", "contested": "#CC79A7", "unknown": "#BBBBBB",
}
_FALLBACK_INCIDENT_COLOURS: dict[str, str] = {
    "clash": "#D55E00", "shelling": "#E69F00", "airstrike": "#0072B2", "drone_strike": "#56B4E9",
    "explosion": "#000000", "attack": "#CC79A7", "capture": "#009E73", "withdrawal": "#999999",
    "ceasefire_violation": "#F0E442",
}

#: How far control-area fills are lightened towards white, as on the PNG map
#: (uncertain areas: stale or low-confidence observations).
AREA_TINT = 0.35
AREA_TINT_UNCERTAIN = 0.75

#: matplotlib marker -> (QGIS SimpleMarker shape, rotation in degrees clockwise).
MARKER_SHAPES: dict[str, tuple[str, float]] = {
    "o": ("circle", 0), ".": ("circle", 0), "s": ("square", 0), "D": ("diamond", 0), "d": ("diamond", 0),
    "^": ("triangle", 0), "v": ("triangle", 180), "<": ("triangle", 270), ">": ("triangle", 90),
    "*": ("star", 0), "p": ("pentagon", 0), "h": ("hexagon", 0), "H": ("hexagon", 30), "8": ("octagon", 0),
    "P": ("cross_fill", 0), "X": ("cross_fill", 45), "+": ("cross", 0), "x": ("cross2", 0),
}

#: Gazetteer place kinds: (legend label, shape, fill, size mm).  Populated
#: places are white dots with a dark ring as on the PNG basemap, sized by rank.
KIND_SYMBOLS: dict[str, tuple[str, str, str, float]] = {
    "country": ("Country", "star", "#222222", 3.2),
    "governorate": ("Governorate (centre)", "square", "#5A5A5A", 2.0),
    "district": ("District (centre)", "square", "#8C8C8C", 1.6),
    "subdistrict": ("Sub-district (centre)", "square", "#B9B9B9", 1.3),
    "region": ("Region", "diamond", "#8C6D31", 2.0),
    "city": ("City", "circle", "#FFFFFF", 3.2),
    "town": ("Town", "circle", "#FFFFFF", 2.2),
    "village": ("Village", "circle", "#6E6E6E", 1.3),
    "neighbourhood": ("Neighbourhood", "circle", "#A0A0A0", 1.2),
    "camp": ("Camp", "triangle", "#0072B2", 2.0),
    "military": ("Military site", "square", "#3A3A3A", 1.8),
    "landmark": ("Landmark", "diamond", "#CC79A7", 1.8),
}
#: Place kinds labelled, and the smallest scale (denominator) at which they are.
KIND_LABEL_SCALES: dict[str, float | None] = {
    "city": None, "region": 2_500_000, "town": 1_000_000, "camp": 500_000, "military": 250_000,
    "landmark": 250_000, "village": 150_000, "neighbourhood": 100_000,
}
#: Admin boundary layers: (outline colour, width mm, dashed, label size pt, labelled below scale).
BOUNDARY_STYLES: dict[str, tuple[str, float, bool, float, float | None]] = {
    "country": ("#5A5A5A", 0.6, False, 0.0, None),
    "admin1": ("#8C8C8C", 0.5, False, 9.0, None),
    "admin2": ("#B9B9B9", 0.3, True, 7.5, 2_000_000),
    "admin3": ("#CFCFCF", 0.2, True, 6.5, 600_000),
    "neighbourhoods": ("#9C9C9C", 0.2, False, 6.5, 80_000),
}

#: Field aliases shown in QGIS forms and attribute tables.
FIELD_ALIASES: dict[str, str] = {
    "id": "geokit id", "kind": "Kind", "name": "Name", "name_ar": "Name (Arabic)", "lat": "Latitude",
    "lon": "Longitude", "pcode": "OCHA P-code", "geonameid": "GeoNames id", "wof_id": "Who's On First id",
    "parent_id": "Parent place", "admin1_pcode": "Governorate P-code", "admin1": "Governorate",
    "admin1_ar": "Governorate (Arabic)", "admin2_pcode": "District P-code", "admin2": "District",
    "admin2_ar": "District (Arabic)", "admin3_pcode": "Sub-district P-code", "admin3": "Sub-district",
    "admin3_ar": "Sub-district (Arabic)", "population": "Population", "sources": "Sources",
    "coord_source": "Coordinate source", "parent_pcode": "Parent P-code", "place_id": "Place id",
    "lang": "Language", "script": "Script", "type": "Type", "source": "Source", "rank": "Rank",
    "place": "Place", "place_ar": "Place (Arabic)", "faction": "Faction", "faction_label": "Faction name",
    "uncertain": "Uncertain", "faction_a": "Faction A", "faction_b": "Faction B", "label": "Label",
    "reason": "Reason", "factions": "Factions", "area_km2": "Area (km²)", "length_km": "Length (km)",
    "date": "Date", "age_days": "Age (days)", "stale": "Stale", "confidence": "Confidence",
    "actors": "Actors", "killed": "Killed", "wounded": "Wounded", "evidence": "Evidence", "doc": "Document",
}


# --- colours -------------------------------------------------------------------
def _rgba(colour: str, opacity: float = 1.0) -> tuple[int, int, int, int]:
    """A colour as 0-255 RGBA; ``#RGB``, ``#RRGGBB``, ``#RRGGBBAA`` or any
    matplotlib colour name."""
    text = colour.strip()
    if text.startswith("#") and len(text) in (4, 7, 9):
        h = text[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        try:
            r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
            a = int(h[6:8], 16) if len(h) == 8 else 255
        except ValueError:
            pass
        else:
            return r, g, b, round(a * opacity)
    from matplotlib.colors import to_rgba  # only for named colours from a style file

    rf, gf, bf, af = to_rgba(text)
    return round(rf * 255), round(gf * 255), round(bf * 255), round(af * 255 * opacity)


def qgis_colour(colour: str, opacity: float = 1.0) -> str:
    """``"r,g,b,a"`` as QML writes colours."""
    return ",".join(str(v) for v in _rgba(colour, opacity))


def hex_colour(colour: str) -> str:
    """``#rrggbb`` (SLD)."""
    r, g, b, _ = _rgba(colour)
    return f"#{r:02x}{g:02x}{b:02x}"


def kml_colour(colour: str, opacity: float = 1.0) -> str:
    """``aabbggrr`` as KML writes colours."""
    r, g, b, a = _rgba(colour, opacity)
    return f"{a:02x}{b:02x}{g:02x}{r:02x}"


def tint(colour: str, amount: float) -> str:
    """*colour* mixed with white (0 = unchanged, 1 = white), as ``#rrggbb``."""
    r, g, b, _ = _rgba(colour)
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def shade(colour: str, amount: float) -> str:
    """*colour* mixed with black (0 = unchanged, 1 = black), as ``#rrggbb``."""
    r, g, b, _ = _rgba(colour)
    mix = [round(c * (1 - amount)) for c in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def _palette(name: str, fallback: Mapping[str, str]) -> dict[str, str]:
    from geokit import settings

    value = getattr(settings, name, None)
    return dict(value) if isinstance(value, Mapping) and value else dict(fallback)


def _labels(name: str) -> dict[str, str]:
    from geokit import settings

    value = getattr(settings, name, None)
    return dict(value) if isinstance(value, Mapping) else {}


# --- style description ------------------------------------------------------------
@dataclass(frozen=True)
class Symbol:
    """One symbol: a marker, a line or a polygon fill.

    Sizes and widths are in millimetres, as QGIS shows them.
    """

    kind: str                      # "marker" | "line" | "fill"
    colour: str | None             # marker/fill colour; line colour for lines; None = no fill
    outline: str | None = "#222222"
    outline_width: float = 0.2
    size: float = 2.0              # marker diameter; line width for lines
    shape: str = "circle"          # QGIS SimpleMarker shape name
    angle: float = 0.0
    dashed: bool = False
    dashed_outline: bool = False
    hatch: str | None = None       # colour of 45° hatching over a fill
    casing: str | None = None      # line casing drawn underneath (front lines)
    casing_width: float = 0.0
    opacity: float = 1.0
    size_fields: tuple[str, ...] = ()  # markers grow with the square root of their sum (casualties)


@dataclass(frozen=True)
class Category:
    """A legend entry: features matching every ``(field, value)`` pair of
    *match* get *symbol*; an empty *match* takes every other feature.

    A value ``True`` matches truthy fields (booleans stored as 0/1).
    """

    label: str
    symbol: Symbol
    match: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class LabelRule:
    """Labels for the features matching *match*, shown at scales larger than
    ``1:max_scale`` (``None``: at every scale)."""

    fields: tuple[str, ...]        # label text: these fields, one line each, repeats dropped
    match: tuple[tuple[str, Any], ...] = ()
    max_scale: float | None = None
    size: float = 8.0              # points
    bold: bool = False
    colour: str = "#222222"
    priority: int = 5              # 0-10, QGIS placement priority
    description: str = ""


@dataclass
class LayerStyle:
    """The style of one layer, renderable as QML, SLD or KML styles.

    Parameters
    ----------
    layer : str
        Layer name.
    geometry : {"point", "line", "polygon"} or None
        None for attribute tables.
    categories : list of Category
        Symbols; one category without *match* means a single-symbol layer.
    labels : list of LabelRule
        Label rules (empty: no labels).
    fields : list of str
        Columns of the layer (for aliases and field mapping).
    title : str
        Human name of the style (``styleName`` / ``description``).
    """

    layer: str
    geometry: str | None
    categories: list[Category] = field(default_factory=list)
    labels: list[LabelRule] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    title: str = ""
    display_field: str | None = None

    # -- field renaming (shapefiles) ---------------------------------------------
    def renamed(self, mapping: Mapping[str, str]) -> LayerStyle:
        """The same style for a layer whose fields were renamed (``old -> new``)."""
        def one(name: Any) -> Any:
            return tuple(mapping.get(n, n) for n in name) if isinstance(name, tuple) else mapping.get(name, name)

        def ren(match: tuple[tuple[Any, Any], ...]) -> tuple[tuple[Any, Any], ...]:
            return tuple((one(f), v) for f, v in match)

        def sym(symbol: Symbol) -> Symbol:
            return replace(symbol, size_fields=tuple(mapping.get(f, f) for f in symbol.size_fields))

        return replace(
            self,
            categories=[replace(c, match=ren(c.match), symbol=sym(c.symbol)) for c in self.categories],
            labels=[replace(r, fields=tuple(mapping.get(f, f) for f in r.fields), match=ren(r.match))
                    for r in self.labels],
            fields=[mapping.get(f, f) for f in self.fields],
            display_field=mapping.get(self.display_field, self.display_field) if self.display_field else None,
        )

    # -- helpers ----------------------------------------------------------------
    @property
    def categorized_field(self) -> str | None:
        """The field of a plain categorized renderer (every category matches
        one string value of the same field, plus at most one catch-all)."""
        keyed = [c for c in self.categories if c.match]
        if not keyed or len(self.categories) - len(keyed) > 1:
            return None
        names = {c.match[0][0] for c in keyed if len(c.match) == 1 and isinstance(c.match[0][1], str)}
        if len(names) == 1 and all(len(c.match) == 1 for c in keyed):
            return names.pop()
        return None

    def _key(self, *parts: object) -> str:
        return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "geokit:" + self.layer + ":" + ":".join(map(str, parts)))) + "}"

    # -- QML ----------------------------------------------------------------------
    def qml(self) -> str:
        """The style as a QGIS QML document."""
        root = ET.Element("qgis", {
            "version": QGIS_VERSION,
            "styleCategories": "Symbology|Labeling|Fields|Forms|MapTips",
            "labelsEnabled": "1" if self.labels else "0",
            "hasScaleBasedVisibilityFlag": "0", "minScale": "100000000", "maxScale": "0",
        })
        if self.geometry is not None and self.categories:
            root.append(self._qml_renderer())
        if self.labels:
            root.append(self._qml_labeling())
        aliases = ET.SubElement(root, "aliases")
        for i, name in enumerate(self.fields):
            alias = FIELD_ALIASES.get(name)
            if alias:
                ET.SubElement(aliases, "alias", {"field": name, "index": str(i), "name": alias})
        if self.display_field:
            ET.SubElement(root, "previewExpression").text = _qgis_field(self.display_field)
        tip = self._map_tip()
        if tip:
            ET.SubElement(root, "mapTip").text = tip
        ET.SubElement(root, "layerGeometryType").text = {"point": "0", "line": "1", "polygon": "2"}.get(
            self.geometry or "", "4")
        ET.indent(root, "  ")
        return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, "unicode") + "\n"

    def _map_tip(self) -> str:
        label = next((r for r in self.labels), None)
        if label is None:
            return ""
        parts = [f"[% {_qgis_field(f)} %]" for f in label.fields]
        return "<b>" + parts[0] + "</b>" + "".join(f"<br/><span dir=\"rtl\">{p}</span>" for p in parts[1:])

    def _qml_renderer(self) -> ET.Element:
        attr = self.categorized_field
        if attr is not None and len(self.categories) > 1:
            r = ET.Element("renderer-v2", {"type": "categorizedSymbol", "attr": attr, "symbollevels": "0",
                                           "enableorderby": "0", "forceraster": "0", "referencescale": "-1"})
            cats = ET.SubElement(r, "categories")
            for i, cat in enumerate(self.categories):
                value = cat.match[0][1] if cat.match else ""
                ET.SubElement(cats, "category", {"symbol": str(i), "value": value, "type": "string",
                                                 "label": cat.label, "render": "true",
                                                 "uuid": self._key("category", i)})
            symbols = ET.SubElement(r, "symbols")
            for i, cat in enumerate(self.categories):
                symbols.append(_qml_symbol(cat.symbol, str(i)))
            source = ET.SubElement(r, "source-symbol")
            source.append(_qml_symbol(self.categories[-1].symbol, "0"))
            ET.SubElement(r, "rotation")
            ET.SubElement(r, "sizescale")
            return r
        if len(self.categories) == 1 and not self.categories[0].match:
            r = ET.Element("renderer-v2", {"type": "singleSymbol", "symbollevels": "0", "enableorderby": "0",
                                           "forceraster": "0", "referencescale": "-1"})
            symbols = ET.SubElement(r, "symbols")
            symbols.append(_qml_symbol(self.categories[0].symbol, "0"))
            ET.SubElement(r, "rotation")
            ET.SubElement(r, "sizescale")
            return r
        r = ET.Element("renderer-v2", {"type": "RuleRenderer", "symbollevels": "0", "enableorderby": "0",
                                       "forceraster": "0", "referencescale": "-1"})
        rules = ET.SubElement(r, "rules", {"key": self._key("rules")})
        for i, cat in enumerate(self.categories):
            ET.SubElement(rules, "rule", {"key": self._key("rule", i), "symbol": str(i), "label": cat.label,
                                          "filter": _qgis_filter(cat.match) if cat.match else "ELSE"})
        symbols = ET.SubElement(r, "symbols")
        for i, cat in enumerate(self.categories):
            symbols.append(_qml_symbol(cat.symbol, str(i)))
        return r

    def _qml_labeling(self) -> ET.Element:
        labeling = ET.Element("labeling", {"type": "rule-based"})
        rules = ET.SubElement(labeling, "rules", {"key": self._key("labels")})
        for i, rule in enumerate(self.labels):
            attrs = {"key": self._key("label", i), "description": rule.description or f"labels {i + 1}"}
            flt = _label_filter(rule)
            if flt:
                attrs["filter"] = flt
            if rule.max_scale:
                attrs["scalemaxdenom"] = _num(rule.max_scale)
                attrs["scalemindenom"] = "1"
            node = ET.SubElement(rules, "rule", attrs)
            node.append(self._qml_label_settings(rule))
        return labeling

    def _qml_label_settings(self, rule: LabelRule) -> ET.Element:
        from geokit import settings as gk_settings

        font = getattr(gk_settings, "map_font", None) or "DejaVu Sans"
        settings = ET.Element("settings", {"calloutType": "simple"})
        style = ET.SubElement(settings, "text-style", {
            "fieldName": _label_expression(rule.fields), "isExpression": "1",
            "fontFamily": font, "fontSize": _num(rule.size), "fontSizeUnit": "Point",
            "fontWeight": "75" if rule.bold else "50",
            "fontItalic": "0", "fontUnderline": "0", "fontStrikeout": "0", "fontKerning": "1",
            "textColor": qgis_colour(rule.colour), "textOpacity": "1", "multilineHeight": "1",
            "blendMode": "0", "previewBkgrdColor": "255,255,255,255", "useSubstitutions": "0",
            "capitalization": "0", "allowHtml": "0", "textOrientation": "horizontal",
        })
        if rule.bold:
            style.set("namedStyle", "Bold")
        ET.SubElement(style, "families")
        ET.SubElement(style, "text-buffer", {
            "bufferDraw": "1", "bufferSize": "0.8", "bufferSizeUnits": "MM", "bufferColor": "255,255,255,255",
            "bufferOpacity": "0.9", "bufferNoFill": "1", "bufferJoinStyle": "128", "bufferBlendMode": "0",
        })
        ET.SubElement(settings, "text-format", {
            "wrapChar": "", "autoWrapLength": "0", "multilineAlign": "3", "plussign": "0", "formatNumbers": "0",
            "decimals": "3", "addDirectionSymbol": "0", "placeDirectionSymbol": "0",
        })
        if self.geometry == "point":
            placement = {"placement": "6", "dist": "1", "distUnits": "MM", "offsetType": "0",
                         "predefinedPositionOrder": "TR,TL,BR,BL,R,L,TSR,BSR", "quadOffset": "4"}
        elif self.geometry == "line":
            placement = {"placement": "2", "placementFlags": "10", "dist": "0.5", "distUnits": "MM"}
        else:
            placement = {"placement": "1", "centroidInside": "1", "centroidWhole": "0", "fitInPolygonOnly": "0",
                         "dist": "0", "distUnits": "MM"}
        placement.update({"priority": str(rule.priority), "xOffset": "0", "yOffset": "0", "offsetUnits": "MM",
                          "rotationAngle": "0", "overlapHandling": "PreventOverlap", "allowDegraded": "0"})
        ET.SubElement(settings, "placement", placement)
        ET.SubElement(settings, "rendering", {
            "drawLabels": "1", "obstacle": "1", "obstacleFactor": "1", "obstacleType": "0",
            "scaleVisibility": "0", "scaleMin": "0", "scaleMax": "0", "fontLimitPixelSize": "0",
            "fontMinPixelSize": "3", "fontMaxPixelSize": "10000", "upsidedownLabels": "0", "labelPerPart": "0",
            "mergeLines": "0", "minFeatureSize": "0", "limitNumLabels": "0", "maxNumLabels": "2000",
            "displayAll": "0", "zIndex": str(rule.priority), "unplacedVisibility": "0",
        })
        return settings

    # -- SLD ----------------------------------------------------------------------
    def sld(self) -> str:
        """The style as an OGC SLD 1.1 document (symbols and labels)."""
        ns = {"": SLD, "se": SE, "ogc": OGC, "xlink": XLINK, "xsi": XSI}
        for prefix, uri in ns.items():
            ET.register_namespace(prefix, uri)
        root = ET.Element(f"{{{SLD}}}StyledLayerDescriptor", {
            "version": "1.1.0",
            f"{{{XSI}}}schemaLocation":
                "http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd",
        })
        layer = ET.SubElement(root, f"{{{SLD}}}NamedLayer")
        ET.SubElement(layer, f"{{{SE}}}Name").text = self.layer
        user = ET.SubElement(layer, f"{{{SLD}}}UserStyle")
        ET.SubElement(user, f"{{{SE}}}Name").text = self.layer
        fts = ET.SubElement(user, f"{{{SE}}}FeatureTypeStyle")
        if self.geometry is not None:
            for cat in self.categories:
                rule = ET.SubElement(fts, f"{{{SE}}}Rule")
                ET.SubElement(rule, f"{{{SE}}}Name").text = cat.label
                desc = ET.SubElement(rule, f"{{{SE}}}Description")
                ET.SubElement(desc, f"{{{SE}}}Title").text = cat.label
                if cat.match:
                    rule.append(_sld_filter(cat.match))
                elif any(c.match for c in self.categories):
                    ET.SubElement(rule, f"{{{SE}}}ElseFilter")
                for sym in _sld_symbolizers(cat.symbol):
                    rule.append(sym)
            for i, lab in enumerate(self.labels):
                rule = ET.SubElement(fts, f"{{{SE}}}Rule")
                ET.SubElement(rule, f"{{{SE}}}Name").text = lab.description or f"labels {i + 1}"
                flt = _sld_label_filter(lab)
                if flt is not None:
                    rule.append(flt)
                if lab.max_scale:
                    ET.SubElement(rule, f"{{{SE}}}MaxScaleDenominator").text = _num(lab.max_scale)
                rule.append(_sld_text(lab, self.geometry))
        ET.indent(root, "  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


SLD = "http://www.opengis.net/sld"
SE = "http://www.opengis.net/se"
OGC = "http://www.opengis.net/ogc"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


# --- QML pieces -----------------------------------------------------------------
def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(int(value))


def _qgis_field(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _qgis_literal(value: Any) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _qgis_filter(match: Iterable[tuple[Any, Any]]) -> str:
    parts = []
    for name, value in match:
        names = name if isinstance(name, tuple) else (name,)
        truthy = [f"coalesce({_qgis_field(n)}, 0) <> 0" for n in names]
        if value is True:
            parts.append(truthy[0] if len(truthy) == 1 else "(" + " OR ".join(truthy) + ")")
        elif value is False:
            parts.append(" AND ".join(f"coalesce({_qgis_field(n)}, 0) = 0" for n in names))
        else:
            parts.append(f"{_qgis_field(name)} = {_qgis_literal(value)}")
    return " AND ".join(parts)


def _label_filter(rule: LabelRule) -> str:
    return _qgis_filter(rule.match) if rule.match else ""


def _label_expression(fields: tuple[str, ...]) -> str:
    """Each field on its own line, skipping empty ones and repeats of the first."""
    first = _qgis_field(fields[0])
    expr = f"coalesce({first}, '')"
    for name in fields[1:]:
        f = _qgis_field(name)
        expr += f" || CASE WHEN {f} IS NOT NULL AND {f} <> '' AND {f} <> coalesce({first}, '') " \
                f"THEN char(10) || {f} ELSE '' END"
    return expr


def _props(layer: ET.Element, props: Mapping[str, str]) -> None:
    # <prop k v> is the form every QGIS 3 release reads.
    for key in sorted(props):
        ET.SubElement(layer, "prop", {"k": key, "v": props[key]})


def _qml_layer(cls: str, props: Mapping[str, str]) -> ET.Element:
    layer = ET.Element("layer", {"class": cls, "enabled": "1", "locked": "0", "pass": "0"})
    _props(layer, props)
    return layer


def _qml_symbol(sym: Symbol, name: str) -> ET.Element:
    el = ET.Element("symbol", {"type": sym.kind, "name": name, "alpha": _num(sym.opacity),
                               "clip_to_extent": "1", "force_rhr": "0"})
    if sym.kind == "marker":
        el.append(_qml_layer("SimpleMarker", {
            "name": sym.shape, "color": qgis_colour(sym.colour or "#000000"), "angle": _num(sym.angle),
            "outline_color": qgis_colour(sym.outline or "#000000", 1.0 if sym.outline else 0.0),
            "outline_style": "solid" if sym.outline else "no", "outline_width": _num(sym.outline_width),
            "outline_width_unit": "MM", "size": _num(sym.size), "size_unit": "MM", "scale_method": "diameter",
            "joinstyle": "bevel", "offset": "0,0", "offset_unit": "MM", "horizontal_anchor_point": "1",
            "vertical_anchor_point": "1",
        }))
        if sym.size_fields:
            total = " + ".join(f"coalesce({_qgis_field(f)}, 0)" for f in sym.size_fields)
            # area proportional to the sum, as on the PNG incident map; capped
            expr = f"min({_num(sym.size * 3)}, {_num(sym.size)} + 0.6 * sqrt({total}))"
            el[0].append(_data_defined({"size": expr}))
    elif sym.kind == "line":
        if sym.casing:
            el.append(_qml_line_layer(sym.casing, sym.casing_width, False))
        el.append(_qml_line_layer(sym.colour or "#000000", sym.size, sym.dashed))
    else:
        el.append(_qml_layer("SimpleFill", {
            "color": qgis_colour(sym.colour or "#ffffff", 1.0 if sym.colour else 0.0),
            "style": "solid" if sym.colour else "no",
            "outline_color": qgis_colour(sym.outline or "#000000", 1.0 if sym.outline else 0.0),
            "outline_style": ("dash" if sym.dashed_outline else "solid") if sym.outline else "no",
            "outline_width": _num(sym.outline_width), "outline_width_unit": "MM", "joinstyle": "bevel",
            "offset": "0,0", "offset_unit": "MM",
        }))
        if sym.hatch:
            hatch = ET.Element("layer", {"class": "LinePatternFill", "enabled": "1", "locked": "0", "pass": "0"})
            _props(hatch, {"angle": "45", "color": qgis_colour(sym.hatch), "distance": "1.6",
                           "distance_unit": "MM", "line_width": "0.3", "line_width_unit": "MM",
                           "offset": "0", "offset_unit": "MM"})
            sub = ET.SubElement(hatch, "symbol", {"type": "line", "name": "@0@1", "alpha": "1",
                                                   "clip_to_extent": "1", "force_rhr": "0"})
            sub.append(_qml_line_layer(sym.hatch, 0.3, False))
            el.append(hatch)
    return el


def _data_defined(expressions: Mapping[str, str]) -> ET.Element:
    """``<data_defined_properties>`` of a symbol layer: property key -> expression."""
    dd = ET.Element("data_defined_properties")
    root = ET.SubElement(dd, "Option", {"type": "Map"})
    ET.SubElement(root, "Option", {"type": "QString", "name": "name", "value": ""})
    props = ET.SubElement(root, "Option", {"type": "Map", "name": "properties"})
    for key, expr in expressions.items():
        prop = ET.SubElement(props, "Option", {"type": "Map", "name": key})
        ET.SubElement(prop, "Option", {"type": "bool", "name": "active", "value": "true"})
        ET.SubElement(prop, "Option", {"type": "QString", "name": "expression", "value": expr})
        ET.SubElement(prop, "Option", {"type": "int", "name": "type", "value": "3"})
    ET.SubElement(root, "Option", {"type": "QString", "name": "type", "value": "collection"})
    return dd


def _qml_line_layer(colour: str, width: float, dashed: bool) -> ET.Element:
    props = {"line_color": qgis_colour(colour), "line_width": _num(width), "line_width_unit": "MM",
             "line_style": "solid", "capstyle": "round", "joinstyle": "round", "offset": "0", "offset_unit": "MM",
             "use_custom_dash": "1" if dashed else "0", "customdash": "3;1.5", "customdash_unit": "MM",
             "draw_inside_polygon": "0"}
    return _qml_layer("SimpleLine", props)


# --- SLD pieces -----------------------------------------------------------------
def _sld_compare(op: str, name: str, value: str) -> ET.Element:
    term = ET.Element(f"{{{OGC}}}{op}")
    ET.SubElement(term, f"{{{OGC}}}PropertyName").text = name
    ET.SubElement(term, f"{{{OGC}}}Literal").text = value
    return term


def _sld_filter(match: Iterable[tuple[Any, Any]]) -> ET.Element:
    flt = ET.Element(f"{{{OGC}}}Filter")
    terms = []
    for name, value in match:
        names = name if isinstance(name, tuple) else (name,)
        if value is True or value is False:
            op = "PropertyIsNotEqualTo" if value else "PropertyIsEqualTo"
            parts = [_sld_compare(op, n, "0") for n in names]
            if len(parts) == 1:
                terms.append(parts[0])
            else:
                group = ET.Element(f"{{{OGC}}}{'Or' if value else 'And'}")
                group.extend(parts)
                terms.append(group)
        else:
            terms.append(_sld_compare("PropertyIsEqualTo", name, str(value)))
    if len(terms) == 1:
        flt.append(terms[0])
    else:
        both = ET.SubElement(flt, f"{{{OGC}}}And")
        both.extend(terms)
    return flt


def _sld_label_filter(rule: LabelRule) -> ET.Element | None:
    return _sld_filter(rule.match) if rule.match else None


def _px(mm: float) -> str:
    return _num(round(mm * 3.78, 2))


def _sld_stroke(colour: str, width_mm: float, dashed: bool = False) -> ET.Element:
    stroke = ET.Element(f"{{{SE}}}Stroke")
    for key, value in (("stroke", hex_colour(colour)), ("stroke-width", _px(width_mm)),
                       ("stroke-linejoin", "round"), ("stroke-linecap", "round")):
        ET.SubElement(stroke, f"{{{SE}}}SvgParameter", {"name": key}).text = value
    if dashed:
        ET.SubElement(stroke, f"{{{SE}}}SvgParameter", {"name": "stroke-dasharray"}).text = "11 6"
    return stroke


def _sld_fill(colour: str, opacity: float = 1.0) -> ET.Element:
    fill = ET.Element(f"{{{SE}}}Fill")
    ET.SubElement(fill, f"{{{SE}}}SvgParameter", {"name": "fill"}).text = hex_colour(colour)
    if opacity < 1:
        ET.SubElement(fill, f"{{{SE}}}SvgParameter", {"name": "fill-opacity"}).text = _num(opacity)
    return fill


_SLD_MARKS = {"circle": ("circle", 0), "square": ("square", 0), "diamond": ("square", 45),
              "triangle": ("triangle", 0), "star": ("star", 0), "cross_fill": ("cross", 0), "cross": ("cross", 0),
              "cross2": ("x", 0), "pentagon": ("circle", 0), "hexagon": ("circle", 0), "octagon": ("circle", 0)}


def _sld_symbolizers(sym: Symbol) -> list[ET.Element]:
    out = []
    if sym.kind == "marker":
        ps = ET.Element(f"{{{SE}}}PointSymbolizer")
        graphic = ET.SubElement(ps, f"{{{SE}}}Graphic")
        mark = ET.SubElement(graphic, f"{{{SE}}}Mark")
        name, extra = _SLD_MARKS.get(sym.shape, ("circle", 0))
        ET.SubElement(mark, f"{{{SE}}}WellKnownName").text = name
        mark.append(_sld_fill(sym.colour or "#000000"))
        if sym.outline:
            mark.append(_sld_stroke(sym.outline, sym.outline_width))
        ET.SubElement(graphic, f"{{{SE}}}Size").text = _px(sym.size)
        angle = (sym.angle + extra) % 360
        if angle:
            ET.SubElement(graphic, f"{{{SE}}}Rotation").text = _num(angle)
        out.append(ps)
    elif sym.kind == "line":
        if sym.casing:
            ls = ET.Element(f"{{{SE}}}LineSymbolizer")
            ls.append(_sld_stroke(sym.casing, sym.casing_width))
            out.append(ls)
        ls = ET.Element(f"{{{SE}}}LineSymbolizer")
        ls.append(_sld_stroke(sym.colour or "#000000", sym.size, sym.dashed))
        out.append(ls)
    else:
        ps = ET.Element(f"{{{SE}}}PolygonSymbolizer")
        if sym.colour:
            ps.append(_sld_fill(sym.colour, sym.opacity))
        if sym.outline:
            ps.append(_sld_stroke(sym.outline, sym.outline_width, sym.dashed_outline))
        out.append(ps)
        if sym.hatch:
            hs = ET.Element(f"{{{SE}}}PolygonSymbolizer")
            fill = ET.SubElement(hs, f"{{{SE}}}Fill")
            gf = ET.SubElement(fill, f"{{{SE}}}GraphicFill")
            graphic = ET.SubElement(gf, f"{{{SE}}}Graphic")
            mark = ET.SubElement(graphic, f"{{{SE}}}Mark")
            ET.SubElement(mark, f"{{{SE}}}WellKnownName").text = "shape://slash"
            mark.append(_sld_stroke(sym.hatch, 0.3))
            ET.SubElement(graphic, f"{{{SE}}}Size").text = _px(1.6)
            out.append(hs)
    return out


def _sld_text(rule: LabelRule, geometry: str | None) -> ET.Element:
    from geokit import settings as gk_settings

    ts = ET.Element(f"{{{SE}}}TextSymbolizer")
    label = ET.SubElement(ts, f"{{{SE}}}Label")
    # SLD has no conditional text: the names are joined with a newline.
    for i, name in enumerate(rule.fields):
        if i:
            label.append(_literal_newline())
        ET.SubElement(label, f"{{{OGC}}}PropertyName").text = name
    font = ET.SubElement(ts, f"{{{SE}}}Font")
    for key, value in (("font-family", getattr(gk_settings, "map_font", None) or "DejaVu Sans"),
                       ("font-size", _num(round(rule.size * 1.33, 1))),
                       ("font-weight", "bold" if rule.bold else "normal")):
        ET.SubElement(font, f"{{{SE}}}SvgParameter", {"name": key}).text = value
    placement = ET.SubElement(ts, f"{{{SE}}}LabelPlacement")
    pp = ET.SubElement(placement, f"{{{SE}}}PointPlacement")
    anchor = ET.SubElement(pp, f"{{{SE}}}AnchorPoint")
    ET.SubElement(anchor, f"{{{SE}}}AnchorPointX").text = "0" if geometry == "point" else "0.5"
    ET.SubElement(anchor, f"{{{SE}}}AnchorPointY").text = "0.5"
    if geometry == "point":
        disp = ET.SubElement(pp, f"{{{SE}}}Displacement")
        ET.SubElement(disp, f"{{{SE}}}DisplacementX").text = "5"
        ET.SubElement(disp, f"{{{SE}}}DisplacementY").text = "0"
    halo = ET.SubElement(ts, f"{{{SE}}}Halo")
    ET.SubElement(halo, f"{{{SE}}}Radius").text = "2"
    halo.append(_sld_fill("#ffffff"))
    ts.append(_sld_fill(rule.colour))
    return ts


def _literal_newline() -> ET.Element:
    lit = ET.Element(f"{{{OGC}}}Literal")
    lit.text = "\n"
    return lit


# --- styles of known layers ------------------------------------------------------
def _kind_style(layer: str, fields: list[str]) -> LayerStyle:
    cats = []
    for kind, (label, shape, colour, size) in KIND_SYMBOLS.items():
        populated = colour == "#FFFFFF"
        cats.append(Category(label, Symbol("marker", colour, outline="#222222",
                                           outline_width=0.35 if populated else 0.15, size=size, shape=shape),
                             (("kind", kind),)))
    cats.append(Category("Other", Symbol("marker", "#999999", size=1.2), ()))
    labels = []
    for kind, scale in KIND_LABEL_SCALES.items():
        big = kind == "city"
        labels.append(LabelRule(("name", "name_ar"), (("kind", kind),), max_scale=scale,
                                size=9.5 if big else 8.0 if kind in ("town", "region") else 7.0,
                                bold=big, colour="#1E1E1E" if big else "#3C3C3C",
                                priority={"city": 10, "town": 8, "region": 7}.get(kind, 4),
                                description=KIND_SYMBOLS[kind][0]))
    return LayerStyle(layer, "point", cats, labels, fields, "Places by kind", "name")


def _boundary_style(layer: str, fields: list[str]) -> LayerStyle:
    colour, width, dashed, label_size, scale = BOUNDARY_STYLES[layer]
    sym = Symbol("fill", None, outline=colour, outline_width=width, dashed_outline=dashed)
    labels = []
    if label_size and "name" in fields:
        labels.append(LabelRule(("name", "name_ar") if "name_ar" in fields else ("name",), max_scale=scale,
                                size=label_size, bold=layer == "admin1", colour="#5A5A5A" if layer != "admin1"
                                else "#3C3C3C", priority=6 if layer == "admin1" else 3, description="names"))
    title = {"admin1": "Governorates", "admin2": "Districts", "admin3": "Sub-districts",
             "neighbourhoods": "Neighbourhoods", "country": "Country"}[layer]
    return LayerStyle(layer, "polygon", [Category(title, sym)], labels, fields, title, "name")


def _faction_categories(kind: str, faction_field: str, uncertain_field: Any) -> list[Category]:
    """One category per faction of the palette; with *uncertain_field* (a
    field or a tuple of fields, any of them true) a lighter one for stale or
    low-confidence features, as the PNG map draws them."""
    colours = _palette("faction_colours", _FALLBACK_FACTION_COLOURS)
    names = _labels("factions")
    unknown = colours.get("unknown", "#BBBBBB")
    cats = []
    for code, colour in colours.items():
        label = names.get(code, code.replace("_", " ").capitalize())
        # rule-based renderers draw every matching rule: keep the two exclusive
        certain = ((faction_field, code),) + (((uncertain_field, False),) if uncertain_field else ())
        if kind == "fill":
            if code == "contested":
                cats.append(Category(label, Symbol("fill", tint(colour, 0.7), outline=tint(colour, 0.2),
                                                   outline_width=0.15), ((faction_field, code),)))
                continue
            if uncertain_field:
                cats.append(Category(f"{label} (stale or low confidence)",
                                     Symbol("fill", tint(colour, AREA_TINT_UNCERTAIN), outline=tint(colour, 0.2),
                                            outline_width=0.15),
                                     ((faction_field, code), (uncertain_field, True))))
            cats.append(Category(label, Symbol("fill", tint(colour, AREA_TINT), outline=tint(colour, 0.2),
                                               outline_width=0.15), certain))
        else:
            if uncertain_field:
                cats.append(Category(f"{label} (stale or low confidence)",
                                     Symbol("marker", "#FFFFFF", outline=colour, outline_width=0.4, size=2.2),
                                     ((faction_field, code), (uncertain_field, True))))
            cats.append(Category(label, Symbol("marker", colour, outline="#222222", outline_width=0.2, size=2.2),
                                 certain))
    other = Symbol("fill", tint(unknown, AREA_TINT), outline=unknown, outline_width=0.15) if kind == "fill" else \
        Symbol("marker", unknown, outline="#222222", size=2.2)
    cats.append(Category("Other", other, ()))
    return cats


def _incident_categories(type_field: str, size_fields: tuple[str, ...] = ()) -> list[Category]:
    colours = _palette("incident_colours", _FALLBACK_INCIDENT_COLOURS)
    markers = _palette("incident_markers", {})
    names = _labels("incident_types")
    cats = []
    for code, colour in colours.items():
        shape, angle = MARKER_SHAPES.get(markers.get(code, "o"), ("circle", 0.0))
        cats.append(Category(names.get(code, code.replace("_", " ").capitalize()),
                             Symbol("marker", colour, outline="#222222", outline_width=0.25,
                                    size=2.6 if size_fields else 3.2, shape=shape, angle=angle,
                                    size_fields=size_fields), ((type_field, code),)))
    cats.append(Category("Other", Symbol("marker", "#777777", outline="#222222", size=2.6), ()))
    return cats


def style_for_layer(name: str, fields: Iterable[str], geometry: str | None) -> LayerStyle:
    """The style of a layer, chosen by its name and columns.

    Parameters
    ----------
    name : str
        Layer name (``places``, ``admin1``, ``control_areas``, …).
    fields : iterable of str
        Its attribute columns (geometry excluded).
    geometry : {"point", "line", "polygon"} or None
        Geometry family; None for attribute tables.

    Returns
    -------
    LayerStyle
        Categorized by ``kind`` (gazetteer places), ``faction`` (control
        areas, observed places), ``type`` (incidents); outlines for admin
        boundaries; hatching for contested ground; a dark cased line, dashed
        where uncertain, for front lines; labels from ``name``/``name_ar`` or
        ``place``/``place_ar``.  Anything else gets a plain symbol.
    """
    cols = list(fields)
    have = set(cols)
    label_fields: tuple[str, ...] = ()
    for pair in (("name", "name_ar"), ("place", "place_ar")):
        if pair[0] in have:
            label_fields = tuple(f for f in pair if f in have)
            break
    display = label_fields[0] if label_fields else ("id" if "id" in have else None)
    flags = tuple(f for f in ("uncertain", "stale", "low_confidence") if f in have)
    uncertain: Any = ("uncertain",) if "uncertain" in have else flags
    uncertain = (uncertain[0] if len(uncertain) == 1 else uncertain) or None

    if geometry is None:
        return LayerStyle(name, None, [], [], cols, f"{name} table", display)
    if geometry == "point" and "kind" in have and "faction" not in have and "type" not in have:
        return _kind_style(name, cols)
    if geometry == "polygon" and name in BOUNDARY_STYLES:
        return _boundary_style(name, cols)
    if geometry == "polygon" and "faction" in have:
        return LayerStyle(name, "polygon", _faction_categories("fill", "faction", uncertain), [], cols,
                          "Areas of control by faction", display)
    if geometry == "polygon" and (name == "contested" or "reason" in have):
        colour = _palette("faction_colours", _FALLBACK_FACTION_COLOURS).get("contested", "#CC79A7")
        sym = Symbol("fill", None, outline=None, hatch=shade(colour, 0.35))
        return LayerStyle(name, "polygon", [Category("Contested", sym)], [], cols, "Contested ground", display)
    if geometry == "line" and ("faction_a" in have or name == "front_lines"):
        solid = Symbol("line", "#1A1A1A", size=0.6, casing="#FFFFFF", casing_width=1.3)
        if uncertain:
            cats = [Category("Front line (uncertain)", replace(solid, dashed=True), ((uncertain, True),)),
                    Category("Front line", solid, ())]
        else:
            cats = [Category("Front line", solid)]
        return LayerStyle(name, "line", cats, [], cols, "Front lines", display)
    if geometry == "point" and "faction" in have:
        labels = [LabelRule(label_fields, max_scale=400_000, size=7.0, colour="#333333", description="places")] \
            if label_fields else []
        return LayerStyle(name, "point", _faction_categories("marker", "faction", uncertain), labels, cols,
                          "Places by faction", display)
    if geometry == "point" and "type" in have:
        casualties = tuple(f for f in ("killed", "wounded") if f in have)
        return LayerStyle(name, "point", _incident_categories("type", casualties), [], cols,
                          "Incidents by type" + (", sized by casualties" if casualties else ""), display)
    # anything else: one plain symbol, labelled by name when it has one
    plain = {"point": Symbol("marker", "#0072B2", size=2.0), "line": Symbol("line", "#0072B2", size=0.5),
             "polygon": Symbol("fill", tint("#0072B2", 0.7), outline="#0072B2", outline_width=0.3)}[geometry]
    labels = [LabelRule(label_fields, size=7.5, description="names")] if label_fields else []
    return LayerStyle(name, geometry, [Category(name, plain)], labels, cols, name, display)
