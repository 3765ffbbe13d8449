"""The packaged gazetteer: places, their names, admin boundaries.

The data ship as one SQLite file inside the package (``geokit/data/
gazetteer.sqlite``), compiled from the diffable text files under
``gazetteers/syria/`` by ``scripts/build_gazetteer.py``.  It is opened
read-only on first use; nothing is loaded into memory until asked for.

Examples
--------
>>> from geokit.gazetteer import default_gazetteer
>>> gaz = default_gazetteer()
>>> gaz.get("C1007").name
'Aleppo'
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from geokit.exceptions import DataError, PlaceNotFound

__all__ = ["Place", "Name", "Boundary", "Gazetteer", "default_gazetteer", "KINDS", "POPULATED_KINDS"]

#: Every place kind, from largest to smallest.
KINDS: tuple[str, ...] = (
    "country", "governorate", "district", "subdistrict", "region", "city", "town", "village",
    "neighbourhood", "camp", "military", "landmark",
)
#: Kinds that count as populated places.
POPULATED_KINDS: frozenset[str] = frozenset({"city", "town", "village", "neighbourhood", "camp"})
#: Admin kinds and the boundary layer of each.
ADMIN_LAYERS: dict[str, str] = {"governorate": "admin1", "district": "admin2", "subdistrict": "admin3"}


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer (a row of ``places.csv``)."""

    id: str
    kind: str
    name: str
    name_ar: str | None
    lat: float
    lon: float
    pcode: str | None = None
    geonameid: int | None = None
    wof_id: int | None = None
    parent_id: str | None = None
    admin1_pcode: str | None = None
    admin1: str | None = None
    admin1_ar: str | None = None
    admin2_pcode: str | None = None
    admin2: str | None = None
    admin2_ar: str | None = None
    admin3_pcode: str | None = None
    admin3: str | None = None
    admin3_ar: str | None = None
    population: int | None = None
    sources: str = ""
    coord_source: str = ""

    @property
    def point(self) -> tuple[float, float]:
        """``(lat, lon)``, the order geopy uses."""
        return (self.lat, self.lon)

    @property
    def codes(self) -> list[str]:
        """Every code this place answers to: id, P-code, ``gn<geonameid>``."""
        out = [self.id]
        if self.pcode and self.pcode != self.id:
            out.append(self.pcode)
        if self.geonameid:
            out.append(f"gn{self.geonameid}")
        return out

    def to_dict(self) -> dict[str, Any]:
        """All fields as a plain dict (JSON-ready)."""
        return asdict(self)


PLACE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Place))


@dataclass(frozen=True, slots=True)
class Name:
    """One name of a place (a row of ``names.csv``)."""

    place_id: str
    name: str
    lang: str
    script: str
    type: str
    source: str


@dataclass(frozen=True, slots=True)
class Boundary:
    """An admin or neighbourhood polygon, geometry as WKB (see :meth:`shape`)."""

    layer: str
    pcode: str
    name: str
    name_ar: str | None
    parent_pcode: str | None
    wkb: bytes

    def shape(self):  # -> shapely geometry; imported lazily
        """The geometry as a shapely object (WGS84 lon/lat)."""
        import shapely

        return shapely.from_wkb(self.wkb)


def packaged_database() -> Path:
    """Path of the SQLite file shipped in the package."""
    return Path(str(resources.files("geokit") / "data" / "gazetteer.sqlite"))


class Gazetteer:
    """Read-only access to a compiled gazetteer database.

    Parameters
    ----------
    path : str or Path, optional
        A database written by :func:`geokit._build.compile.compile_database`;
        the packaged one by default.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else packaged_database()
        if not self.path.is_file():
            raise DataError(f"gazetteer database not found: {self.path} (run scripts/build_gazetteer.py)")
        self._local = threading.local()
        self._place_cache: dict[str, Place] = {}

    # -- connection -------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        """A read-only connection (one per thread)."""
        con = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
                con.execute("SELECT 1 FROM places LIMIT 1")
            except sqlite3.DatabaseError as exc:
                raise DataError(f"gazetteer database unreadable: {self.path}: {exc}") from None
            self._local.con = con
        return con

    # -- places -----------------------------------------------------------
    def _row_to_place(self, row: tuple) -> Place:
        return Place(*row)

    _SELECT = "SELECT " + ", ".join(PLACE_FIELDS) + " FROM places"

    def get(self, key: str) -> Place:
        """Return the place for a geokit id, an OCHA P-code (C1134, N0135, SY02)
        or a GeoNames id written ``gn168734``.

        Raises
        ------
        PlaceNotFound
            When no place has that key.
        """
        key = str(key).strip()
        cached = self._place_cache.get(key)
        if cached is not None:
            return cached
        place = self._lookup_code(key)
        if place is None and key[:1].isalpha() and key.upper() != key:
            place = self._lookup_code(key.upper() if key[:1] in "cnsCNS" and key[1:].isdigit() else key)
        if place is None:
            raise PlaceNotFound(f"no place with key {key!r} (try a geokit id, P-code such as C1007 or gn170063)")
        self._place_cache[key] = place
        return place

    def _lookup_code(self, key: str) -> Place | None:
        row = self.db.execute(self._SELECT + " WHERE id = ?", (key,)).fetchone()
        if row is None:
            row = self.db.execute(self._SELECT + " WHERE pcode = ?", (key,)).fetchone()
        if row is None and key.startswith("gn") and key[2:].isdigit():
            row = self.db.execute(self._SELECT + " WHERE geonameid = ?", (int(key[2:]),)).fetchone()
        if row is None:
            alias = self.db.execute("SELECT place_id FROM aliases WHERE alias = ?", (key,)).fetchone()
            if alias is not None:
                row = self.db.execute(self._SELECT + " WHERE id = ?", (alias[0],)).fetchone()
        return self._row_to_place(row) if row is not None else None

    def get_many(self, ids: Iterable[str]) -> list[Place]:
        """Places for a list of geokit ids (unknown ids are skipped), in order."""
        ids = list(ids)
        by_id = self.places_by_id
        return [by_id[i] for i in ids if i in by_id]

    @cached_property
    def places_by_id(self) -> dict[str, Place]:
        """Every place keyed by id (loaded once, on first use)."""
        return {row[0]: self._row_to_place(row) for row in self.db.execute(self._SELECT + " ORDER BY id")}

    def places(self, kinds: Iterable[str] | None = None) -> Iterator[Place]:
        """Iterate over places (in id order), optionally only those of the given kinds."""
        if kinds is None:
            yield from self.places_by_id.values()
            return
        wanted = sorted(set(kinds))
        if "places_by_id" in self.__dict__:
            yield from (p for p in self.places_by_id.values() if p.kind in wanted)
            return
        # Not loaded yet: let SQLite pick the few rows (a map wants only its cities).
        query = self._SELECT + f" WHERE kind IN ({', '.join('?' * len(wanted))}) ORDER BY id"
        for row in self.db.execute(query, wanted):
            yield self._row_to_place(row)

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM places").fetchone()[0])

    def __contains__(self, key: object) -> bool:
        try:
            self.get(str(key))
        except PlaceNotFound:
            return False
        return True

    # -- names ------------------------------------------------------------
    def names(self, place_id: str) -> list[Name]:
        """All names of one place, preferred ones first."""
        rows = self.db.execute(
            "SELECT place_id, name, lang, script, type, source FROM names WHERE place_id = ? ORDER BY rowid",
            (place_id,),
        ).fetchall()
        return [Name(*r) for r in rows]

    def iter_names(self) -> Iterator[tuple[str, str, str, str, str, str, str]]:
        """Every name as ``(place_id, name, lang, script, type, key, skeleton)``."""
        yield from self.db.execute("SELECT place_id, name, lang, script, type, key, skel FROM names ORDER BY rowid")

    def iter_name_records(self) -> Iterator[tuple[str, str, str, str, str, str]]:
        """Every name as ``(place_id, name, lang, script, type, source)``, a
        place's names together, most preferred first (the fields of :class:`Name`)."""
        yield from self.db.execute("SELECT place_id, name, lang, script, type, source FROM names ORDER BY rowid")

    def ids_for_key(self, key: str) -> list[str]:
        """Place ids having a name whose :func:`~geokit.normalise.name_key` is *key*."""
        rows = self.db.execute("SELECT DISTINCT place_id FROM names WHERE key = ? ORDER BY place_id", (key,))
        return [r[0] for r in rows]

    def ids_for_skeleton(self, skel: str) -> list[str]:
        """Place ids having a name whose :func:`~geokit.normalise.skeleton` is *skel*."""
        rows = self.db.execute("SELECT DISTINCT place_id FROM names WHERE skel = ? ORDER BY place_id", (skel,))
        return [r[0] for r in rows]

    # -- boundaries -------------------------------------------------------
    def boundaries(self, layer: str) -> list[Boundary]:
        """Polygons of one layer: ``admin1``, ``admin2``, ``admin3``,
        ``neighbourhoods``, ``country`` (Syria) or ``neighbours``."""
        rows = self.db.execute(
            "SELECT layer, pcode, name, name_ar, parent_pcode, wkb FROM boundaries WHERE layer = ? ORDER BY pcode",
            (layer,),
        ).fetchall()
        return [Boundary(*r) for r in rows]

    def meta(self) -> dict[str, str]:
        """Build metadata: source versions, attribution, counts."""
        return dict(self.db.execute("SELECT key, value FROM meta ORDER BY key").fetchall())


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, opened once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Gazetteer()
    return _default
