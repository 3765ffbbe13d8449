"""Readers for the raw sources the gazetteer is built from.

Each reader returns plain records (dicts) with the source's quirks already
handled: OCHA's truncated UTF-8, WOF's Latin strings in Arabic fields, the
GeoNames dump layout.  Nothing here merges; see :mod:`geokit._build.merge`.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geokit.normalise import script_of

csv.field_size_limit(1 << 28)

#: WOF ``names_other`` languages (ISO 639-3) kept, with the tag we store.
#: Scripts and languages a Syria analyst meets; the rest of WOF's 200 languages
#: add bulk and no lookups.
WOF_OTHER_LANGS: dict[str, str] = {
    "fra": "fr", "deu": "de", "rus": "ru", "spa": "es", "ita": "it", "urd": "ur", "ckb": "ckb",
    "arz": "ar", "apc": "ar", "ary": "ar", "azb": "azb", "pnb": "pnb", "tur": "tr", "kur": "ku",
    "kmr": "ku", "nld": "nl", "ceb": "und", "sco": "en", "vie": "und", "pol": "pl",
}


@dataclass
class SourceName:
    """A name as a source gives it, before merging."""

    name: str
    lang: str
    type: str
    source: str


@dataclass
class SourcePlace:
    """A place record from one source."""

    source: str  # "ocha", "wof", "ocha-nbh", "geonames" ...
    key: str  # source-local id (C-code, wof id, N-code)
    kind: str
    lat: float
    lon: float
    name_en: str | None = None
    name_ar: str | None = None
    pcode: str | None = None
    geonameid: int | None = None
    wof_id: int | None = None
    feature_code: str = ""
    population: int | None = None
    admin: dict[str, str] = field(default_factory=dict)
    names: list[SourceName] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    extra: dict[str, Any] = field(default_factory=dict)


_ALTERNATES = re.compile(r"\s*(?:_|/|\s-\s)\s*")


_QUALIFIER_PARTS = frozenset(
    "west east north south western eastern northern southern upper lower middle big little small new old "
    "غربي شرقي شمالي جنوبي قبلي فوقاني تحتاني وسطاني كبير صغير كبيرة صغيرة الغربي الشرقي الشمالي الجنوبي".split()
)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


# --- OCHA populated places 2015 ----------------------------------------------

def read_ocha_communities(path: Path) -> list[SourcePlace]:
    """OCHA communities (C-codes).  The file is not strict UTF-8: names cut
    mid-character by an old DBF field width are decoded with replacement
    characters and flagged ``truncated_ar`` for repair."""
    data = json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    out = []
    for feat in data["features"]:
        p = feat["properties"]
        name_ar = (p.get("NAME_ARA") or "").strip()
        flags = set()
        if "\ufffd" in name_ar:
            flags.add("truncated_ar")
            name_ar = name_ar.replace("\ufffd", "").strip()
        name_en = (p.get("NAME_EN") or "").strip()
        rec = SourcePlace(
            source="ocha", key=p["PCODE"], kind="", lat=float(p["LATITUDE"]), lon=float(p["LONGITUDE"]),
            name_en=name_en or None, name_ar=name_ar or None, pcode=p["PCODE"],
            admin={"admin3_pcode": p.get("ADMIN3_COD") or "", "admin2_pcode": p.get("ADMIN2_COD") or "",
                   "admin1_pcode": p.get("ADMIN1_COD") or ""},
            flags=flags, extra={"capital_level": p.get("CAPIT_LVL")},
        )
        if name_en:
            rec.names.append(SourceName(name_en, "en", "official", "ocha"))
        ref = (p.get("NAM_EN_REF") or "").strip()
        if ref and ref != name_en:
            rec.names.append(SourceName(ref, "en", "variant", "ocha"))
        if name_ar and "truncated_ar" not in flags:
            rec.names.append(SourceName(name_ar, "ar", "official", "ocha"))
        # OCHA joins two localities of one community with "_" or "/" (عزيزية_مومان عزو):
        # each part is a name of the place too.
        for value, lang in ((name_ar, "ar"), (name_en, "en")):
            if value and "truncated_ar" not in flags:
                parts = [x.strip() for x in _ALTERNATES.split(value) if x.strip()]
                # "Abu Kbee - West": a qualifier after the dash is not a second name
                parts = [x for x in parts if x.lower() not in _QUALIFIER_PARTS]
                if len(parts) > 1:
                    rec.names.extend(SourceName(x, lang, "variant", "ocha") for x in parts)
                    if lang == "ar":
                        rec.name_ar = " / ".join(parts)
        out.append(rec)
    return out


def read_ocha_admin(path: Path, level: int) -> list[dict[str, Any]]:
    """OCHA 2016 admin polygons of one level, as dicts with a shapely geometry."""
    import shapely

    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for feat in data["features"]:
        p = feat["properties"]
        parent = p.get(f"ADM{level - 1}_PCODE") if level > 1 else "SY"
        out.append({
            "pcode": p["PCODE"], "name": p["NAME_EN"].strip(), "name_ar": (p.get("NAME_AR") or "").strip(),
            "name_en_ref": (p.get("NAM_EN_REF") or "").strip(),
            "parent_pcode": parent, "level": level,
            "geometry": shapely.make_valid(shapely.geometry.shape(feat["geometry"])),
        })
    return out


# --- Who's On First -------------------------------------------------------------

def read_wof(path: Path) -> list[SourcePlace]:
    """WOF Syria: localities, neighbourhoods, campus, counties, regions, country.

    Deprecated and superseded records are skipped.  Arabic-script strings are
    taken from the Arabic, Persian, Urdu and ``und`` fields; Latin strings found
    in Arabic fields become ``und`` romanisations.
    """
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["deprecated"] or row["superseded_by"]:
                continue
            ptype = row["placetype"]
            rec = SourcePlace(
                source="wof", key=row["wof_id"], kind=ptype, lat=float(row["lat"]), lon=float(row["lon"]),
                wof_id=int(row["wof_id"]), geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                feature_code=row["gn_feature_code"],
                population=int(row["population"]) if row["population"] not in ("", "0") else None,
                extra={"is_current": row["is_current"], "wof_name": row["wof_name"], "gn_name": row["gn_name"],
                       "region_id": row["region_id"], "county_id": row["county_id"]},
            )
            names = rec.names
            for n in _split(row["names_ar"]):
                if script_of(n) == "Arab":
                    names.append(SourceName(n, "ar", "preferred", "wof"))
                else:
                    names.append(SourceName(n, "und", "romanisation", "wof"))
            for n in _split(row["names_ar_field_latin"]):
                names.append(SourceName(n, "und", "romanisation", "wof"))
            for n in _split(row["names_fa"]):
                names.append(SourceName(n, "fa", "preferred", "wof"))
            for i, n in enumerate(_split(row["names_en"])):
                names.append(SourceName(n, "en", "preferred" if i == 0 else "variant", "wof"))
            for n in _split(row["names_tr"]):
                names.append(SourceName(n, "tr", "preferred", "wof"))
            for n in _split(row["names_ku"]):
                names.append(SourceName(n, "ku", "preferred", "wof"))
            for n in _split(row["names_und_variants"]):
                names.append(SourceName(n, "und", "variant", "geonames" if rec.geonameid else "wof"))
            if row["gn_name"]:
                names.append(SourceName(row["gn_name"], "und", "romanisation", "geonames"))
            if row["gn_asciiname"]:
                names.append(SourceName(row["gn_asciiname"], "en", "romanisation", "geonames"))
            names.append(SourceName(row["wof_name"], "en", "preferred", "wof"))
            if row["names_other"]:
                other = json.loads(row["names_other"])
                for lang3 in sorted(other):
                    tag = WOF_OTHER_LANGS.get(lang3)
                    if tag is None:
                        continue
                    for n in other[lang3]:
                        names.append(SourceName(n, tag, "variant", "wof"))
            rec.name_ar = next((n.name for n in names if n.lang in ("ar", "fa") and script_of(n.name) == "Arab"), None)
            rec.name_en = row["wof_name"]
            out.append(rec)
    return out


# --- GeoNames dump ----------------------------------------------------------------

GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
    "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code",
    "population", "elevation", "dem", "timezone", "modification_date",
)


def read_geonames_dump(path: Path, country: str = "SY") -> list[SourcePlace]:
    """Populated places (feature class P) of a GeoNames dump file (``SY.txt``,
    ``cities500.txt`` …, the 19-column tab-separated layout)."""
    out = []
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != len(GEONAMES_COLUMNS):
                continue
            row = dict(zip(GEONAMES_COLUMNS, cols))
            if row["country_code"] != country or row["feature_class"] != "P":
                continue
            gid = int(row["geonameid"])
            rec = SourcePlace(
                source="geonames", key=str(gid), kind="locality", lat=float(row["latitude"]),
                lon=float(row["longitude"]), geonameid=gid, feature_code=row["feature_code"],
                population=int(row["population"]) if row["population"] not in ("", "0") else None,
                name_en=row["asciiname"] or row["name"],
            )
            rec.names.append(SourceName(row["name"], "und", "romanisation", "geonames"))
            for n in row["alternatenames"].split(","):
                n = n.strip()
                if n:
                    lang = "ar" if script_of(n) == "Arab" else "und"
                    rec.names.append(SourceName(n, lang, "variant", "geonames"))
            rec.name_ar = next((n.name for n in rec.names if n.lang == "ar"), None)
            out.append(rec)
    return out


# --- neighbourhoods -------------------------------------------------------------

def read_aleppo_neighbourhoods(path: Path) -> list[SourcePlace]:
    """OCHA Aleppo city neighbourhoods (N-codes) with their polygons."""
    import shapely

    data = json.loads(path.read_text(encoding="utf-8"))
    city = data.get("communityExternalPCode") or "C1007"
    out = []
    for item in data["items"]:
        rec = SourcePlace(
            source="ocha-nbh", key=item["pCode"], kind="neighbourhood",
            lat=float(item["centerLatitude"]), lon=float(item["centerLongitude"]),
            name_en=item["nameEnglish"].strip(), name_ar=item["nameArabic"].strip(), pcode=item["pCode"],
            extra={"city_pcode": city, "geometry": shapely.make_valid(shapely.from_wkt(item["boundaryWkt"]))},
        )
        rec.names.append(SourceName(rec.name_en, "en", "official", "ocha"))
        rec.names.append(SourceName(rec.name_ar, "ar", "official", "ocha"))
        out.append(rec)
    return out


def read_damascus_neighbourhoods(path: Path) -> list[SourcePlace]:
    """OCHA 2015 Damascus neighbourhood polygons (English names only)."""
    import shapely

    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for feat in data["features"]:
        p = feat["properties"]
        geom = shapely.make_valid(shapely.geometry.shape(feat["geometry"]))
        pt = geom.point_on_surface() if not geom.centroid.within(geom) else geom.centroid
        rec = SourcePlace(
            source="ocha-nbh", key=p["HAY_PCODE"], kind="neighbourhood", lat=pt.y, lon=pt.x,
            name_en=p["HAY_EN"].strip(), pcode=p["HAY_PCODE"],
            extra={"city_pcode": p["CITY_PCODE"], "geometry": geom},
        )
        rec.names.append(SourceName(rec.name_en, "en", "official", "ocha"))
        out.append(rec)
    return out


def read_natural_earth(path: Path) -> list[dict[str, Any]]:
    """Natural Earth admin-0 polygons (name, ISO numeric id, geometry)."""
    import shapely

    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        {"name": f["properties"]["name"], "iso_n3": f["properties"].get("iso_n3", ""),
         "geometry": shapely.make_valid(shapely.geometry.shape(f["geometry"]))}
        for f in data["features"]
    ]
