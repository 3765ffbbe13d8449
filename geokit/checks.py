"""Quality checks and statistics of a gazetteer (``geokit gazetteer check|info``).

A *hard* failure makes ``geokit gazetteer check`` exit non-zero: duplicate
ids, a place outside Syria beyond the border tolerance, malformed P-codes,
empty or duplicate names, name coverage below the published thresholds.
Points that lie in Syria but outside their own governorate polygon are
listed as warnings: OCHA's own assignment of border villages is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from geokit import settings
from geokit.gazetteer import POPULATED_KINDS, Gazetteer

#: Well-formed OCHA codes: communities C1234 (Damascus neighbourhoods C10011010),
#: Aleppo neighbourhoods N0123, admin units SY02 / SY0200 / SY020000.
PCODE_PATTERN = re.compile(r"^(C\d{4,8}|N\d{4}|SY(\d{2}){0,3})$")
#: Settlement kinds the name-coverage thresholds apply to.
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
MIN_ARABIC_SHARE = 0.95
MIN_LATIN_SHARE = 0.98


@dataclass
class CheckResult:
    """Outcome of :func:`check`: ``ok`` is False when any hard failure exists."""

    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "failures": self.failures, "warnings": self.warnings, "stats": self.stats}


def check(gaz: Gazetteer, tolerance_km: float | None = None) -> CheckResult:
    """Run every check on *gaz*."""
    import shapely

    tol_km = settings.syria_border_tolerance_km if tolerance_km is None else tolerance_km
    res = CheckResult()
    places = list(gaz.places())
    ids = Counter(p.id for p in places)
    dup_ids = sorted(i for i, n in ids.items() if n > 1)
    if dup_ids:
        res.failures.append(f"duplicate ids: {', '.join(dup_ids[:20])}")

    bad_codes = sorted(p.id for p in places if p.pcode and not PCODE_PATTERN.match(p.pcode))
    for kind_field in ("admin1_pcode", "admin2_pcode", "admin3_pcode"):
        bad_codes += sorted(p.id for p in places if getattr(p, kind_field) and not PCODE_PATTERN.match(getattr(p, kind_field)))
    if bad_codes:
        res.failures.append(f"malformed P-codes on {len(bad_codes)} places: {', '.join(bad_codes[:20])}")

    # Points in Syria (tolerance in degrees at Syria's latitude, conservatively).
    country = gaz.boundaries("country")
    if not country:
        res.failures.append("no country boundary in the database")
    else:
        syria = country[0].shape()
        shapely.prepare(syria)
        tol_deg = tol_km / 111.0
        outside = []
        for p in places:
            pt = shapely.Point(p.lon, p.lat)
            if not syria.contains(pt) and syria.distance(pt) > tol_deg:
                outside.append(f"{p.id} {p.name} ({p.lat:.4f}, {p.lon:.4f}) {syria.distance(pt) * 111:.1f} km outside")
        if outside:
            res.failures.append(f"{len(outside)} places outside Syria beyond {tol_km:g} km: " + "; ".join(outside[:10]))
        res.stats["outside_syria"] = len(outside)

    # Points in their own governorate polygon (warnings only).
    gov = {b.pcode: b.shape() for b in gaz.boundaries("admin1")}
    for g in gov.values():
        shapely.prepare(g)
    mismatches = []
    for p in places:
        if p.kind in ("country", "governorate") or not p.admin1_pcode or p.admin1_pcode not in gov:
            continue
        if not gov[p.admin1_pcode].covers(shapely.Point(p.lon, p.lat)):
            d = gov[p.admin1_pcode].distance(shapely.Point(p.lon, p.lat)) * 111
            mismatches.append(f"{p.id} {p.name} outside {p.admin1_pcode} {p.admin1} by {d:.1f} km")
    res.warnings.extend(mismatches)
    res.stats["outside_own_governorate"] = len(mismatches)

    # Names: none empty, none duplicated within a place; coverage by script.
    names_by_place: dict[str, list[tuple[str, str]]] = {}
    for place_id, name, _lang, script, _type, _key, _skel in gaz.iter_names():
        names_by_place.setdefault(place_id, []).append((name, script))
    empty = sorted(pid for pid, ns in names_by_place.items() if any(not n.strip() for n, _ in ns))
    dups = sorted(pid for pid, ns in names_by_place.items() if len({n for n, _ in ns}) != len(ns))
    nameless = sorted(p.id for p in places if p.id not in names_by_place or not p.name.strip())
    if empty:
        res.failures.append(f"empty names on {len(empty)} places: {', '.join(empty[:20])}")
    if dups:
        res.failures.append(f"duplicate names on {len(dups)} places: {', '.join(dups[:20])}")
    if nameless:
        res.failures.append(f"{len(nameless)} places without a primary name: {', '.join(nameless[:20])}")

    settlements = [p for p in places if p.kind in SETTLEMENT_KINDS]
    with_ar = sum(1 for p in settlements if any(s == "Arab" for _, s in names_by_place.get(p.id, ())))
    with_lat = sum(1 for p in settlements if any(s == "Latn" for _, s in names_by_place.get(p.id, ())))
    n = max(1, len(settlements))
    res.stats.update(
        places=len(places),
        settlements=len(settlements),
        populated_places=sum(1 for p in places if p.kind in POPULATED_KINDS),
        arabic_name_share=round(with_ar / n, 4),
        latin_name_share=round(with_lat / n, 4),
        ocha_communities_with_pcode=sum(1 for p in places if p.pcode and p.pcode.startswith("C")),
        geonames_ids=sum(1 for p in places if p.geonameid),
    )
    if with_ar / n < MIN_ARABIC_SHARE:
        res.failures.append(f"only {with_ar / n:.1%} of settlements have an Arabic-script name (need {MIN_ARABIC_SHARE:.0%})")
    if with_lat / n < MIN_LATIN_SHARE:
        res.failures.append(f"only {with_lat / n:.1%} of settlements have a Latin name (need {MIN_LATIN_SHARE:.0%})")
    return res


def info(gaz: Gazetteer) -> dict[str, Any]:
    """Counts by kind, by governorate, and names by language and script.

    Counted in SQL: ``geokit gazetteer info`` needs no place loaded.
    """
    def counts(sql: str) -> dict[str, int]:
        rows = gaz.db.execute(sql).fetchall()
        return {(k if k is not None else "(none)"): n for k, n in sorted(rows, key=lambda kv: (-kv[1], str(kv[0])))}

    return {
        "places": len(gaz),
        "names": int(gaz.db.execute("SELECT count(*) FROM names").fetchone()[0]),
        "by_kind": counts("SELECT kind, count(*) FROM places GROUP BY kind"),
        "by_governorate": counts("SELECT admin1, count(*) FROM places WHERE kind NOT IN ('country', 'governorate') "
                                 "GROUP BY admin1"),
        "names_by_language": counts("SELECT lang, count(*) FROM names GROUP BY lang"),
        "names_by_script": counts("SELECT script, count(*) FROM names GROUP BY script"),
        "names_by_type": counts("SELECT type, count(*) FROM names GROUP BY type"),
        "attribution": gaz.meta().get("attribution", ""),
    }
