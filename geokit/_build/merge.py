"""Merge the sources into one row per place.

Order of work (each step reported in the build report):

1. Admin units from OCHA 2016 become places (governorates, districts,
   sub-districts) and Syria itself; WOF regions and counties are joined to
   them for their names and ids.
2. OCHA communities (C-codes) are the backbone of populated places.
3. WOF/GeoNames localities join them one-to-one by normalised Arabic name
   within :data:`JOIN_RADIUS_KM` (closest pairs first), then by Latin key,
   then by consonant skeleton within a tighter radius.  A locality that
   matches an already-joined place within :data:`DUPLICATE_RADIUS_KM` is a
   duplicate record and becomes an alias.  The rest stay apart as places of
   their own: same-named villages far apart are different villages.
4. Neighbourhoods (Aleppo N-codes, Damascus HAY codes, WOF neighbourhoods).
5. Kinds, admin hierarchy (point in the OCHA 2016 polygons), primary names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from geokit._geo import haversine_km as km
from geokit.normalise import fold_arabic, fold_latin, name_key, script_of, skeleton

from .sources import SourceName, SourcePlace

JOIN_RADIUS_KM = 5.0
LATIN_JOIN_RADIUS_KM = 3.0
SKELETON_JOIN_RADIUS_KM = 1.5
DUPLICATE_RADIUS_KM = 2.0
NEAR_JOIN_RADIUS_KM = 1.0
CITY_DUPLICATE_RADIUS_KM = 6.0
#: Border tolerance when a point falls outside every sub-district polygon.
ADMIN_SNAP_KM = 5.0

NAME_TYPE_RANK = {"official": 0, "preferred": 1, "variant": 2, "romanisation": 3, "abbreviation": 4, "historic": 5}
LANG_RANK = {"ar": 0, "en": 1, "fa": 2, "und": 9}



@dataclass
class Record:
    """A place being built."""

    id: str
    kind: str
    lat: float
    lon: float
    name: str = ""
    name_ar: str | None = None
    pcode: str | None = None
    geonameid: int | None = None
    wof_id: int | None = None
    parent_id: str | None = None
    admin: dict[str, str | None] = field(default_factory=dict)
    population: int | None = None
    sources: set[str] = field(default_factory=set)
    coord_source: str = ""
    names: list[SourceName] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    feature_codes: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    review: list[str] = field(default_factory=list)  # notes for a curator, in the build report
    ocha_en: str | None = None
    capital_level: Any = None


class Merger:
    """Holds the records and the report while the build runs."""

    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.report: dict[str, Any] = {}

    # -- helpers -----------------------------------------------------------
    def add(self, rec: Record) -> Record:
        if rec.id in self.records:
            raise ValueError(f"duplicate place id {rec.id}")
        self.records[rec.id] = rec
        return rec

    @staticmethod
    def absorb(rec: Record, src: SourcePlace) -> None:
        rec.names.extend(src.names)
        rec.sources.add(src.source if src.source != "wof" or not src.geonameid else "wof+geonames")
        if src.geonameid and rec.geonameid is None:
            rec.geonameid = src.geonameid
        elif src.geonameid and src.geonameid != rec.geonameid:
            rec.aliases.add(f"gn{src.geonameid}")
        if src.wof_id and rec.wof_id is None:
            rec.wof_id = src.wof_id
        elif src.wof_id and src.wof_id != rec.wof_id:
            rec.aliases.add(f"wof{src.wof_id}")
        if src.population and not rec.population:
            rec.population = src.population
        if src.feature_code:
            rec.feature_codes.add(src.feature_code)

    # -- admin units ---------------------------------------------------------
    def add_admin(self, admin: dict[str, list[dict[str, Any]]], wof: list[SourcePlace],
                  country_names: list[SourceName], country_point: tuple[float, float]) -> None:
        """Syria, governorates, districts and sub-districts as places."""
        sy = self.add(Record(id="SY", kind="country", lat=country_point[0], lon=country_point[1],
                             name="Syria", name_ar="سوريا", pcode="SY", coord_source="wof",
                             sources={"wof", "ocha"}))
        sy.names.append(SourceName("Syria", "en", "official", "ocha"))
        sy.names.append(SourceName("الجمهورية العربية السورية", "ar", "official", "ocha"))
        sy.names.append(SourceName("Syrian Arab Republic", "en", "official", "ocha"))
        sy.names.extend(country_names)
        sy.geonameid, sy.wof_id = 163843, 85632413

        qualifiers = {
            "governorate": (("محافظة {}", "ar"), ("{} Governorate", "en"), ("استان {}", "fa")),
            "district": (("منطقة {}", "ar"), ("{} District", "en"), ("منطقه {}", "fa")),
            "subdistrict": (("ناحية {}", "ar"), ("{} Subdistrict", "en"), ("{} Sub-district", "en"),
                            ("{} Nahiya", "en")),
        }
        levels = (("admin1", "governorate"), ("admin2", "district"), ("admin3", "subdistrict"))
        for layer, kind in levels:
            for unit in admin[layer]:
                geom = unit["geometry"]
                pt = geom.centroid if geom.centroid.within(geom) else geom.point_on_surface()
                rec = self.add(Record(id=unit["pcode"], kind=kind, lat=round(pt.y, 6), lon=round(pt.x, 6),
                                      name=unit["name"], name_ar=unit["name_ar"] or None, pcode=unit["pcode"],
                                      parent_id=unit["parent_pcode"], sources={"ocha"},
                                      coord_source="ocha-polygon-centroid"))
                rec.names.append(SourceName(unit["name"], "en", "official", "ocha"))
                if unit.get("name_en_ref") and unit["name_en_ref"] != unit["name"]:
                    rec.names.append(SourceName(unit["name_en_ref"], "en", "variant", "ocha"))
                base_ar = unit["name_ar"]
                if base_ar:
                    rec.names.append(SourceName(base_ar, "ar", "official", "ocha"))
                    # OCHA names a district's central sub-district "مركز X" (X centre).
                    if base_ar.startswith("مركز "):
                        rec.names.append(SourceName(base_ar[5:], "ar", "variant", "geokit:qualifier"))
                for pattern, lang in qualifiers[kind]:
                    base = base_ar if lang in ("ar", "fa") else unit["name"]
                    if base:
                        rec.names.append(SourceName(pattern.format(base), lang, "variant", "geokit:qualifier"))

        # WOF regions/counties: names and ids for governorates and districts.
        joined = 0
        for src in wof:
            if src.kind not in ("region", "county"):
                continue
            kind = "governorate" if src.kind == "region" else "district"
            keys = {name_key(_strip_admin_word(n.name)) for n in src.names if script_of(n.name) == "Arab"}
            best = None
            for rec in self.records.values():
                if rec.kind != kind or not rec.name_ar:
                    continue
                if name_key(rec.name_ar) in keys:
                    d = km(rec.lat, rec.lon, src.lat, src.lon)
                    if d < 60 and (best is None or d < best[0]):
                        best = (d, rec)
            if best:
                rec = best[1]
                joined += 1
                rec.names.extend(n for n in src.names if n.lang in ("ar", "fa", "tr", "ku", "fr", "de", "ru")
                                 or (n.lang == "en" and n.type != "preferred"))
                rec.sources.add("wof")
                if src.wof_id:
                    rec.aliases.add(f"wof{src.wof_id}")
                if src.geonameid and rec.geonameid is None:
                    rec.geonameid = src.geonameid
        self.report["wof_admin_joined"] = joined

    # -- populated places -------------------------------------------------------
    def add_communities(self, ocha: list[SourcePlace]) -> None:
        for src in sorted(ocha, key=lambda r: r.key):
            rec = self.add(Record(id=src.pcode or src.key, kind="", lat=src.lat, lon=src.lon,
                                  name=src.name_en or "", name_ar=src.name_ar, pcode=src.pcode,
                                  sources={"ocha"}, coord_source="ocha", flags=set(src.flags),
                                  ocha_en=src.name_en, capital_level=src.extra.get("capital_level")))
            rec.admin = dict(src.admin)
            rec.names.extend(src.names)
        self.report["ocha_communities"] = len(ocha)

    def join_localities(self, localities: list[SourcePlace]) -> None:
        """Join WOF/GeoNames localities to OCHA communities; the rest become places."""
        ocha = [r for r in self.records.values() if r.pcode and r.pcode.startswith("C")]
        by_key: dict[str, list[Record]] = defaultdict(list)
        by_latin: dict[str, list[Record]] = defaultdict(list)
        by_skel: dict[str, list[Record]] = defaultdict(list)
        truncated = [r for r in ocha if "truncated_ar" in r.flags and r.name_ar]
        for rec in ocha:
            for n in {n.name for n in rec.names}:
                if script_of(n) == "Arab":
                    by_key[name_key(n)].append(rec)
                    by_skel[skeleton(n)].append(rec)
                else:
                    by_latin[name_key(n)].append(rec)

        def arabic_names(src: SourcePlace) -> set[str]:
            # WOF files a few cities under their governorate's name (محافظة اللاذقية).
            return {_strip_admin_word(n.name) for n in src.names if script_of(n.name) == "Arab"}

        taken: dict[str, int] = {}
        joined_src: set[int] = set()
        distances: list[float] = []
        passes = Counter()

        def accept(pairs: list[tuple[float, int, str]], label: str) -> None:
            # closest pairs first, each locality and each community joined once
            for d, i, rid in sorted(pairs):
                if i in joined_src or rid in taken:
                    continue
                taken[rid] = i
                joined_src.add(i)
                distances.append(d)
                passes[label] += 1
                self.absorb(self.records[rid], localities[i])

        def run_pass(label: str, radius: float, keys_of, index) -> None:
            pairs = []
            for i, src in enumerate(localities):
                if i in joined_src:
                    continue
                seen = set()
                for key in keys_of(src):
                    for rec in index.get(key, ()):
                        if rec.id in taken or rec.id in seen:
                            continue
                        seen.add(rec.id)
                        d = km(rec.lat, rec.lon, src.lat, src.lon)
                        if d <= radius:
                            pairs.append((round(d, 6), i, rec.id))
            accept(pairs, label)

        run_pass("arabic", JOIN_RADIUS_KM, lambda s: {name_key(n) for n in arabic_names(s)}, by_key)

        # Truncated OCHA Arabic names: join on the prefix, then repair the name.
        for rec in truncated:
            if rec.id in taken:
                continue
            prefix = name_key(rec.name_ar)
            best = None
            for i, src in enumerate(localities):
                if i in joined_src:
                    continue
                for n in arabic_names(src):
                    if name_key(n).startswith(prefix) and (d := km(rec.lat, rec.lon, src.lat, src.lon)) <= JOIN_RADIUS_KM:
                        if best is None or d < best[0]:
                            best = (d, i, n)
            if best:
                d, i, n = best
                taken[rec.id] = i
                joined_src.add(i)
                distances.append(d)
                passes["arabic-prefix"] += 1
                self.absorb(rec, localities[i])
                rec.flags.add("repaired_ar")
                rec.name_ar = n

        run_pass("latin", LATIN_JOIN_RADIUS_KM,
                 lambda s: {name_key(n.name) for n in s.names if script_of(n.name) == "Latn"}, by_latin)
        run_pass("skeleton", SKELETON_JOIN_RADIUS_KM, lambda s: {skeleton(n) for n in arabic_names(s)}, by_skel)

        # Last, close pairs whose Arabic names differ by a qualifier OCHA adds
        # (تل خاتون قحطانية = تل خاتون of Qahtaniya) or by one or two letters
        # (حصوية / حصاوية): within NEAR_JOIN_RADIUS_KM only.
        import shapely

        free = [r for r in ocha if r.id not in taken]
        tree = shapely.STRtree([shapely.Point(r.lon, r.lat) for r in free])
        pairs = []
        for i, src in enumerate(localities):
            if i in joined_src:
                continue
            skeys = {name_key(n) for n in arabic_names(src)}
            if not skeys:
                continue
            for j in tree.query(shapely.Point(src.lon, src.lat).buffer(NEAR_JOIN_RADIUS_KM / 111.0)):
                rec = free[int(j)]
                d = km(rec.lat, rec.lon, src.lat, src.lon)
                if d > NEAR_JOIN_RADIUS_KM:
                    continue
                rkeys = {name_key(n.name) for n in rec.names if script_of(n.name) == "Arab"}
                if any(_near_same(a, b) for a in skeys for b in rkeys):
                    pairs.append((round(d, 6), i, rec.id))
        accept(pairs, "near-qualified")

        # Everything not joined: a duplicate record of a joined place, or a place of its own.
        # A record without any Arabic-script name (Kurdish or Hebrew-era names,
        # Latin-only GeoNames rows) is compared by the consonant skeleton of its
        # Latin names with the Latin and Arabic names of places nearby.
        placed: dict[str, list[Record]] = defaultdict(list)
        placed_skel: dict[str, list[Record]] = defaultdict(list)
        for rec in self.records.values():
            if rec.kind in ("", "neighbourhood") or rec.pcode is None or rec.pcode.startswith("C"):
                for n in rec.names:
                    if script_of(n.name) == "Arab":
                        placed[name_key(n.name)].append(rec)
                    placed_skel[skeleton(n.name)].append(rec)
        duplicates = own = 0
        apart_reasons = Counter()
        for i, src in enumerate(localities):
            if i in joined_src:
                continue
            keys = {name_key(n) for n in arabic_names(src)}
            dup = None
            if keys:
                lookups = [(placed, k) for k in sorted(keys)]
            else:
                lookups = [(placed_skel, k) for k in sorted({skeleton(n.name) for n in src.names
                                                             if script_of(n.name) == "Latn"}) if len(k) >= 3]
            for index, key in lookups:
                for rec in index.get(key, ()):
                    d = km(rec.lat, rec.lon, src.lat, src.lon)
                    if d <= _duplicate_radius(rec) and (dup is None or d < dup[0]):
                        dup = (d, rec)
            if dup is not None:
                self.absorb(dup[1], src)
                duplicates += 1
                continue
            rid = f"gn{src.geonameid}" if src.geonameid else f"wof{src.wof_id}"
            if rid in self.records:
                self.absorb(self.records[rid], src)
                duplicates += 1
                continue
            kind = {"neighbourhood": "neighbourhood", "campus": "landmark"}.get(src.kind, "")
            rec = self.add(Record(id=rid, kind=kind, lat=src.lat, lon=src.lon, name=src.name_en or "",
                                  name_ar=src.name_ar, coord_source=src.source))
            self.absorb(rec, src)
            own += 1
            for n in arabic_names(src):
                placed[name_key(n)].append(rec)
            for n in src.names:
                placed_skel[skeleton(n.name)].append(rec)
            if not keys:
                apart_reasons["no Arabic-script name"] += 1
            elif any(k in by_key for k in keys):
                apart_reasons["OCHA namesake farther than join radius (a different place)"] += 1
            else:
                apart_reasons["not in OCHA 2015 list"] += 1

        d_sorted = sorted(distances)
        self.report["locality_join"] = {
            "localities": len(localities),
            "joined": len(joined_src),
            "joined_by": dict(sorted(passes.items())),
            "duplicates_absorbed": duplicates,
            "kept_apart": own,
            "kept_apart_reasons": dict(sorted(apart_reasons.items())),
            "distance_km": {
                "median": round(d_sorted[len(d_sorted) // 2], 3) if d_sorted else None,
                "p90": round(d_sorted[int(len(d_sorted) * 0.9)], 3) if d_sorted else None,
                "max": round(d_sorted[-1], 3) if d_sorted else None,
            },
            "ocha_communities_unjoined": sum(1 for r in ocha if r.id not in taken),
        }

    def add_geonames(self, rows: list[SourcePlace]) -> None:
        """Merge GeoNames dump rows by geonameid; unknown ids become places."""
        by_gn = {}
        for rec in self.records.values():
            if rec.geonameid:
                by_gn[rec.geonameid] = rec
            for a in rec.aliases:
                if a.startswith("gn"):
                    by_gn.setdefault(int(a[2:]), rec)
        merged = added = 0
        for src in sorted(rows, key=lambda r: r.geonameid or 0):
            rec = by_gn.get(src.geonameid)
            if rec is None:
                rid = f"gn{src.geonameid}"
                rec = self.add(Record(id=rid, kind="", lat=src.lat, lon=src.lon, name=src.name_en or "",
                                      name_ar=src.name_ar, coord_source="geonames"))
                by_gn[src.geonameid] = rec
                added += 1
            else:
                merged += 1
            self.absorb(rec, src)
        self.report["geonames_dump"] = {"rows": len(rows), "merged": merged, "added": added}

    def add_neighbourhoods(self, items: list[SourcePlace], city_ids: dict[str, str]) -> None:
        for src in sorted(items, key=lambda r: r.key):
            rec = self.add(Record(id=src.pcode, kind="neighbourhood", lat=round(src.lat, 7), lon=round(src.lon, 7),
                                  name=src.name_en or "", name_ar=src.name_ar, pcode=src.pcode,
                                  parent_id=city_ids.get(src.extra["city_pcode"], src.extra["city_pcode"]),
                                  sources={"ocha"}, coord_source="ocha"))
            rec.names.extend(src.names)
        self.report.setdefault("neighbourhoods", 0)
        self.report["neighbourhoods"] += len(items)


def _duplicate_radius(rec: Record) -> float:
    """Cities sprawl: two records of a city can lie farther apart than two of a village."""
    big = rec.capital_level in (1, 2) or (rec.population or 0) >= 20_000 or rec.feature_codes & {"PPLA", "PPLA2", "PPLC"}
    return CITY_DUPLICATE_RADIUS_KM if big else DUPLICATE_RADIUS_KM


def _near_same(a: str, b: str) -> bool:
    """Arabic keys that name the same place: one extends the other by a
    qualifier word, or they differ by at most two letters."""
    if min(len(a), len(b)) < 3:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    return fuzz.ratio(a, b) >= 85


def _strip_admin_word(name: str) -> str:
    """Drop a leading admin word (محافظة، منطقة، ناحية، استان) from an Arabic-script name."""
    folded = fold_arabic(name)
    for word in ("محافظه ", "منطقه ", "ناحيه ", "استان "):
        if folded.startswith(word):
            return folded[len(word):]
    return name


# --- kinds and primary names ------------------------------------------------------

def assign_kind(rec: Record) -> str:
    """City, town, village, camp … from feature codes, capital level, population."""
    if rec.kind:
        return rec.kind
    names = " ".join(n.name for n in rec.names[:6])
    if "مخيم" in names or " camp" in names.lower() or names.lower().startswith("camp "):
        return "camp"
    codes = rec.feature_codes
    pop = rec.population or 0
    # OCHA's CAPIT_LVL: 1 governorate, 2 district, 3 sub-district capital.
    level = rec.capital_level if rec.capital_level in (1, 2, 3) else None
    if codes & {"PPLC", "PPLA", "PPLA2"} or level in (1, 2) or pop >= 50_000:
        return "city"
    if codes & {"PPLA3"} or level == 3 or pop >= 5_000:
        return "town"
    return "village"


_QUALIFIER_WORDS = frozenset(
    "big little small great upper lower western eastern northern southern west east north south new old "
    "middle central".split()
)
_GLUED_ARTICLE = re.compile(r"\b([AaEe]l)(?=[a-z]{3,})")


def _skeleton_variants(latin: str) -> set[str]:
    # OCHA glues the article ("Elqalaa") and writes ta marbuta as -t/-et or not at all.
    split = _GLUED_ARTICLE.sub(r"\1 ", latin)
    out = {skeleton(latin), skeleton(split)}
    words = fold_latin(split).split(" ")
    for i, w in enumerate(words):
        if len(w) > 3 and w.endswith("t"):
            out.add(skeleton(" ".join(words[:i] + [w[:-1]] + words[i + 1:])))
    return out


def choose_english(rec: Record, report: Counter) -> None:
    """Fill a missing English name, and flag OCHA English names to review.

    OCHA's English names are sometimes wrong (C1041 "Kafr Thoran" is كفر نوران,
    C1039 "Kafr Aleppo" is كفر حلب).  A name whose consonant skeleton (allowing
    for OCHA's glued articles and -t endings) is far from the Arabic name's, and
    that is not an English translation (Big, Upper, Western …), is flagged
    ``english_name_suspect`` in the build report for review.  It is not changed
    automatically: Levantine "th" for ذ/ظ and similar habits make the test too
    blunt to act on alone; corrections go through ``curated.csv``.
    """
    if not rec.name:
        rec.name = next((n.name for n in rec.names if script_of(n.name) == "Latn"), rec.name)
    if not rec.ocha_en or not rec.name_ar or rec.ocha_en != rec.name:
        return
    if set(fold_latin(rec.ocha_en).split()) & _QUALIFIER_WORDS:
        return
    target = skeleton(rec.name_ar)
    variants = _skeleton_variants(rec.ocha_en)
    if target in variants or max(fuzz.ratio(v, target) for v in variants) >= 80:
        return  # a spelling of the same name, not a different one
    candidates = [n.name for n in rec.names if n.source in ("wof", "geonames") and script_of(n.name) == "Latn"]
    matching = [c for c in candidates if skeleton(c) == target]
    if matching:
        rec.flags.add("english_name_suspect")
        report["english_names_suspect"] += 1
        rec.review.append(f"english_name_suspect: {rec.ocha_en!r} for {rec.name_ar}; "
                          f"the other sources say {matching[0]!r}")
