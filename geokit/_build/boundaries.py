"""Admin boundaries simplified as a coverage: shared borders stay shared.

Sub-districts are simplified together with :func:`shapely.coverage_simplify`
(each shared edge is simplified once, so neighbours keep identical vertices),
then districts and governorates are dissolved from them, which guarantees the
three levels nest exactly and leave neither slivers nor gaps between units.
"""

from __future__ import annotations

from typing import Any

#: Simplification tolerance in degrees (~150 m): invisible at governorate
#: scale, and it cuts the packaged polygons to a fraction of their size.
SIMPLIFY_TOLERANCE_DEG = 0.0015
#: Coordinates are rounded to this many decimals (~1 cm) on output.
COORD_DECIMALS = 6


def _round(geom):
    import shapely

    return shapely.set_precision(geom, 10**-COORD_DECIMALS)


def simplified_admin(admin3: list[dict[str, Any]], admin2: list[dict[str, Any]],
                     admin1: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Return ``{"admin1": [...], "admin2": [...], "admin3": [...]}`` with
    simplified geometries; attributes come from each level's own OCHA file."""
    import shapely

    ordered = sorted(admin3, key=lambda r: r["pcode"])
    geoms = [_round(r["geometry"]) for r in ordered]
    # OCHA's units overlap and leave sub-100 m gaps in places: clean the
    # coverage first so every shared edge is identical before simplifying.
    geoms = [_polygonal(shapely.make_valid(g)) for g in geoms]
    geoms = list(shapely.coverage_clean(geoms, gap_width=0.001))
    simple = shapely.coverage_simplify(geoms, SIMPLIFY_TOLERANCE_DEG, simplify_boundary=True)
    simple = [_polygonal(_round(shapely.make_valid(g))) for g in simple]
    out3 = [{**{k: v for k, v in r.items() if k != "geometry"}, "geometry": g} for r, g in zip(ordered, simple)]

    def dissolve(children: list[dict[str, Any]], parents: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
        groups: dict[str, list] = {}
        for child in children:
            groups.setdefault(child[key], []).append(child["geometry"])
        result = []
        for parent in sorted(parents, key=lambda r: r["pcode"]):
            parts = groups.get(parent["pcode"], [])
            geom = shapely.coverage_union_all(parts) if parts else _round(parent["geometry"])
            result.append({**{k: v for k, v in parent.items() if k != "geometry"},
                           "geometry": _polygonal(_round(shapely.make_valid(geom)))})
        return result

    for r in out3:
        r["admin2_pcode"] = r["parent_pcode"]
    out2 = dissolve(out3, admin2, "parent_pcode")
    out1 = dissolve(out2, admin1, "parent_pcode")
    return {"admin1": out1, "admin2": out2, "admin3": out3}


def _polygonal(geom):
    """Keep only the polygonal part of a geometry (make_valid may add lines)."""
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()
