"""The resolver's name index, compiled once and cached on disk.

The index holds, for every name of the gazetteer, the keys the resolver
looks names up by: the case-folded text (exact), the gazetteer's
``name_key`` (folded) and ``skeleton`` (cross-script), the vowel-class keys
and the fuzzy key of :mod:`geokit._variants`; and for every place the few
fields ranking needs plus a prominence prior.

It is written as a small SQLite file under
:func:`geokit.settings.resolved_cache_dir`, named after the gazetteer file
(size and modification time) and the source of the key functions, so a
rebuilt gazetteer or changed key rules give a new index.  A process starts
by answering lookups from that file through its B-tree indexes (a cold
``geokit resolve`` touches a few pages); after a handful of queries, or the
first fuzzy lookup, it loads the tables into dictionaries, which is what
batch throughput needs.  Both ways give the same answers.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from geokit import settings
from geokit.gazetteer import Gazetteer, Place
from geokit.normalise import fold_arabic, script_of

__all__ = ["NameIndex", "get_index", "NameRow", "PlaceRow"]

_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufefc]")

#: Bump when the layout of the cache file changes.
_FORMAT = 3
#: Lookups served from SQLite before the tables are loaded into memory.
_MEMORY_AFTER = 2000

#: (place index, text, lang, script class, name type, key, skeleton, fuzzy key)
NameRow = tuple[int, str, str, str, str, str, str, str]
#: (id, kind, lat, lon, admin1, admin2, admin3, parent index or -1, prominence, population,
#: scripts of its names: "A" Arabic, "L" Latin, "O" other, e.g. "AL")
PlaceRow = tuple[str, str, float, float, str, str, str, int, float, int, str]

# A bare name means the settlement: an admin unit named after a town weighs
# less than the town (qualifiers such as "district" say otherwise).
_KIND_WEIGHT = {
    "country": 1.0, "city": 1.0, "town": 0.6, "region": 0.5, "governorate": 0.45, "camp": 0.4,
    "neighbourhood": 0.35, "district": 0.3, "military": 0.3, "landmark": 0.3, "village": 0.2, "subdistrict": 0.15,
}

_SCHEMA = """
CREATE TABLE p (idx INTEGER PRIMARY KEY, id TEXT, kind TEXT, lat REAL, lon REAL, adm1 TEXT, adm2 TEXT,
                adm3 TEXT, parent INTEGER, prom REAL, pop INTEGER, scripts TEXT);
CREATE TABLE n (idx INTEGER PRIMARY KEY, place INTEGER, text TEXT, lang TEXT, script TEXT, type TEXT,
                cf TEXT, key TEXT, skel TEXT, fkey TEXT);
CREATE TABLE v (vkey TEXT, name INTEGER, alt INTEGER, fkey TEXT);
CREATE TABLE d (del TEXT, skel TEXT);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
_INDEXES = """
CREATE INDEX n_cf ON n (cf);
CREATE INDEX n_key ON n (key);
CREATE INDEX n_skel ON n (skel);
CREATE INDEX n_place ON n (place);
CREATE INDEX v_vkey ON v (vkey);
CREATE INDEX d_del ON d (del);
CREATE INDEX p_id ON p (id);
"""


#: Skeletons shorter than this get no typo tolerance (too many neighbours).
FUZZY_MIN_SKELETON = 3


def typo_budget(skel: str) -> int:
    """Consonant edits tolerated in a skeleton of this length."""
    return 1 if len(skel) < 6 else 2


def deletes(skel: str) -> set[str]:
    """The deletion neighbourhood of *skel* within its typo budget."""
    out = {skel[:i] + skel[i + 1:] for i in range(len(skel))}
    if typo_budget(skel) >= 2:
        out |= {d[:i] + d[i + 1:] for d in list(out) for i in range(len(d))}
    return out


def unvocalised(text: str) -> bool:
    """A lower-case Latin name with hardly any vowels: a letter-by-letter
    transliteration of an Arabic spelling (GeoNames variants such as "dmshq")."""
    if text != text.lower():
        return False
    letters = [c for c in text if c.isalpha() and c.isascii()]
    return len(letters) >= 5 and sum(c in "aeiou" for c in letters) < 0.25 * len(letters)


def casefold_text(text: str) -> str:
    """The exact-match form: NFC, case-folded, single spaces; Arabic-script
    letter variants (hamza seats, ta marbuta, alef maqsura, Persian kaf and
    yeh) and harakat are orthography, not spelling, and are folded too."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _ARABIC_CHAR.search(text):
            text = fold_arabic(text)
    return " ".join(text.casefold().split())


def script_class(text: str) -> str:
    """``A`` for Arabic script, ``L`` for Latin, ``O`` for anything else."""
    s = script_of(text)
    return "A" if s == "Arab" else "L" if s == "Latn" else "O"


def _prominence(kind: str, population: int | None, n_names: int, n_sources: int) -> float:
    pop = min(1.0, math.log10(population) / 6.3) if population and population > 1 else 0.0
    return round(0.5 * _KIND_WEIGHT.get(kind, 0.2) + 0.3 * pop + 0.1 * min(1.0, n_names / 25)
                 + 0.1 * min(1.0, n_sources / 3), 4)


def _source_fingerprint() -> str:
    h = hashlib.blake2b(digest_size=6)
    here = Path(__file__).resolve().parent
    for name in ("_index.py", "_variants.py", "normalise.py"):
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    return h.hexdigest()


def cache_path(gazetteer: Gazetteer) -> Path:
    """Where the index of *gazetteer* is cached."""
    st = gazetteer.path.stat()
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{_FORMAT}|{gazetteer.path.resolve()}|{st.st_size}|{st.st_mtime_ns}|".encode())
    h.update(_source_fingerprint().encode())
    return settings.resolved_cache_dir() / f"resolver-{h.hexdigest()}.sqlite"


def compile_index(gazetteer: Gazetteer, target: Path) -> None:
    """Write the index of *gazetteer* to *target* (atomically)."""
    from geokit._variants import base_names, fuzzy_key, inner_names, variant_forms

    db = gazetteer.db
    places = db.execute(
        "SELECT id, kind, lat, lon, admin1_pcode, admin2_pcode, admin3_pcode, parent_id, population, sources "
        "FROM places ORDER BY id"
    ).fetchall()
    idx_of = {row[0]: i for i, row in enumerate(places)}
    names = list(gazetteer.iter_names())
    n_names: dict[str, int] = {}
    scripts: dict[str, set[str]] = {}
    for row in names:
        n_names[row[0]] = n_names.get(row[0], 0) + 1
        scripts.setdefault(row[0], set()).add("A" if row[3] == "Arab" else "L" if row[3] == "Latn" else "O")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".resolver-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode = OFF")
        con.executescript(_SCHEMA)
        prow = []
        for i, (pid, kind, lat, lon, a1, a2, a3, parent, pop, sources) in enumerate(places):
            n_src = len({s.split("+")[0] for s in (sources or "").split(";") if s})
            prow.append((i, pid, kind, lat, lon, a1 or "", a2 or "", a3 or "", idx_of.get(parent or "", -1),
                         _prominence(kind, pop, n_names.get(pid, 0), n_src), pop or 0,
                         "".join(sorted(scripts.get(pid, ())))))
        con.executemany("INSERT INTO p VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", prow)
        nrow = []
        vrow = []
        for j, (pid, text, lang, script, ntype, key, skel) in enumerate(names):
            pidx = idx_of.get(pid)
            if pidx is None:
                continue
            sc = "A" if script == "Arab" else "L" if script == "Latn" else "O"
            # Consonant-only transliterations of Arabic spellings ("dmshq",
            # "alladhqyt") are found by exact lookup but are no spelling to
            # measure variants or typos against.
            loose = sc != "O" and ntype != "abbreviation" and not (sc == "L" and unvocalised(text))
            nrow.append((j, pidx, text, lang, sc, ntype, casefold_text(text), key, skel,
                         (fuzzy_key(text) if loose else "") if sc != "O" else key))
            if loose:
                forms = variant_forms(text)
                vrow.extend((vk, j, alt, fk) for vk, fk, alt in forms)
                keys = {f[0] for f in forms}
                for base in base_names(text):
                    vrow.extend((vk, j, 2, fk) for vk, fk, _ in variant_forms(base) if vk not in keys)
                for inner in inner_names(text):
                    # with its alternate readings (the glued article of Elbuleil) as for whole names
                    vrow.extend((vk, j, 3, fk) for vk, fk, _ in variant_forms(inner) if vk not in keys)
        con.executemany("INSERT INTO n VALUES (?,?,?,?,?,?,?,?,?,?)", nrow)
        con.executemany("INSERT INTO v VALUES (?,?,?,?)", vrow)
        skels = sorted({row[8] for row in nrow if len(row[8]) >= FUZZY_MIN_SKELETON})
        con.executemany("INSERT INTO d VALUES (?,?)", ((x, s) for s in skels for x in sorted(deletes(s))))
        con.execute("INSERT INTO meta VALUES ('format', ?)", (str(_FORMAT),))
        con.executescript(_INDEXES)
        con.commit()
        con.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _first_alt(rows: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    # one (name, alt, fuzzy key) per name: its strongest key kind
    out: list[tuple[int, int, str]] = []
    last = -1
    for j, alt, fk in rows:
        if j != last:
            out.append((j, alt, fk))
            last = j
    return out


class NameIndex:
    """Lookups over the names and places of one gazetteer (see module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._lock = threading.RLock()
        self._con: sqlite3.Connection | None = None
        self._mem: dict[str, dict[str, tuple[int, ...]]] | None = None
        self._names: list[NameRow] | None = None
        self._places: list[PlaceRow] | None = None
        self._place_idx: dict[str, int] | None = None
        self._place_names: dict[int, tuple[int, ...]] | None = None
        self._dels: dict[str, tuple[str, ...]] | None = None
        self._cf: list[str] | None = None
        self._skel_groups: dict[str, tuple[tuple[str, str, tuple[int, ...]], ...]] = {}
        self._lookups = 0
        self._place_cache: dict[int, Place] = {}
        self._open()

    # -- storage ------------------------------------------------------------
    def _open(self) -> None:
        path = cache_path(self.gazetteer)
        if not path.is_file():
            try:
                compile_index(self.gazetteer, path)
            except OSError:
                # Unwritable cache directory: compile to memory-only SQLite.
                self._con = self._compile_in_memory()
                return
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        except sqlite3.DatabaseError:
            with contextlib.suppress(OSError):
                path.unlink()
            compile_index(self.gazetteer, path)
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con = con
        self._prune(path)

    def _compile_in_memory(self) -> sqlite3.Connection:
        tmpdir = tempfile.mkdtemp(prefix="geokit-")
        path = Path(tmpdir) / "resolver.sqlite"
        compile_index(self.gazetteer, path)
        con = sqlite3.connect(":memory:", check_same_thread=False)
        disk = sqlite3.connect(path)
        disk.backup(con)
        disk.close()
        with contextlib.suppress(OSError):
            path.unlink()
            os.rmdir(tmpdir)
        return con

    @staticmethod
    def _prune(current: Path) -> None:
        # Old indexes of earlier gazetteer builds are dead weight.
        with contextlib.suppress(OSError):
            for old in current.parent.glob("resolver-*.sqlite"):
                if old != current and old.stat().st_mtime < current.stat().st_mtime - 60:
                    old.unlink()

    def _tick(self) -> None:
        self._lookups += 1
        if self._mem is None and self._lookups > _MEMORY_AFTER:
            self.load()

    def load(self) -> None:
        """Load every table into memory (idempotent)."""
        with self._lock:
            if self._mem is not None:
                return
            con = self._con
            assert con is not None
            names: list[NameRow] = [tuple(r) for r in con.execute(  # type: ignore[misc]
                "SELECT place, text, lang, script, type, key, skel, fkey FROM n ORDER BY idx")]
            cf_rows = con.execute("SELECT cf FROM n ORDER BY idx").fetchall()
            places: list[PlaceRow] = [tuple(r) for r in con.execute(  # type: ignore[misc]
                "SELECT id, kind, lat, lon, adm1, adm2, adm3, parent, prom, pop, scripts FROM p ORDER BY idx")]
            mem: dict[str, dict[str, list[int]]] = {"cf": {}, "key": {}, "skel": {}, "vkey": {}}
            by_place: dict[int, list[int]] = {}
            cf_map, key_map, skel_map = mem["cf"], mem["key"], mem["skel"]
            for j, (row, (cf,)) in enumerate(zip(names, cf_rows)):
                cf_map.setdefault(cf, []).append(j)
                key_map.setdefault(row[5], []).append(j)
                skel_map.setdefault(row[6], []).append(j)
                by_place.setdefault(row[0], []).append(j)
            vmap: dict[str, list] = {}
            for vkey, j, alt, fk in con.execute("SELECT vkey, name, alt, fkey FROM v ORDER BY vkey, name, alt, fkey"):
                vmap.setdefault(vkey, []).append((j, alt, fk))
            mem["vkey"] = {k: _first_alt(v) for k, v in vmap.items()}  # type: ignore[assignment]
            self._cf = [r[0] for r in cf_rows]
            # Place objects too: a batch answers thousands of queries
            by_id = self.gazetteer.places_by_id
            self._place_cache.update({i: by_id[row[0]] for i, row in enumerate(places) if row[0] in by_id})
            self._names = names
            self._places = places
            self._place_idx = {row[0]: i for i, row in enumerate(places)}
            self._place_names = {k: tuple(v) for k, v in by_place.items()}
            dels: dict[str, list[str]] = {}
            for x, sk in con.execute("SELECT del, skel FROM d ORDER BY rowid"):
                dels.setdefault(x, []).append(sk)
            self._dels = {k: tuple(v) for k, v in dels.items()}
            self._mem = {col: {k: tuple(v) for k, v in d.items()} for col, d in mem.items()}

    # -- lookups ----------------------------------------------------------------
    _SQL = {
        "cf": "SELECT idx FROM n WHERE cf = ? ORDER BY idx",
        "key": "SELECT idx FROM n WHERE key = ? ORDER BY idx",
        "skel": "SELECT idx FROM n WHERE skel = ? ORDER BY idx",
        "vkey": "SELECT name, alt, fkey FROM v WHERE vkey = ? ORDER BY name, alt, fkey",
    }

    def lookup(self, column: str, value: str) -> tuple[int, ...]:
        """Indexes of the names whose *column* (cf, key, skel) equals *value*; for
        ``vkey``, ``(name index, alt, fuzzy key)`` where alt is 0 for a name's
        own spelling, 1 for an alternate reading, 2 for its base name, 3 for an
        inner word run of it (see :func:`geokit._variants.inner_names`)."""
        if not value:
            return ()
        if self._mem is not None:
            return self._mem[column].get(value, ())
        self._tick()
        if self._mem is not None:
            return self._mem[column].get(value, ())
        assert self._con is not None
        rows = self._con.execute(self._SQL[column], (value,)).fetchall()
        if column == "vkey":
            return tuple(_first_alt(rows))
        return tuple(r[0] for r in rows)

    def casefolded(self, j: int) -> str:
        """The exact-match form of name *j*."""
        if self._cf is not None:
            return self._cf[j]
        assert self._con is not None
        return self._con.execute("SELECT cf FROM n WHERE idx = ?", (j,)).fetchone()[0]

    def name(self, j: int) -> NameRow:
        """The row of name *j*."""
        if self._names is not None:
            return self._names[j]
        assert self._con is not None
        return tuple(self._con.execute(  # type: ignore[return-value]
            "SELECT place, text, lang, script, type, key, skel, fkey FROM n WHERE idx = ?", (j,)).fetchone())

    def place(self, i: int) -> PlaceRow:
        """The compact row of place *i*."""
        if self._places is not None:
            return self._places[i]
        assert self._con is not None
        return tuple(self._con.execute(  # type: ignore[return-value]
            "SELECT id, kind, lat, lon, adm1, adm2, adm3, parent, prom, pop, scripts FROM p WHERE idx = ?", (i,)).fetchone())

    def place_index(self, place_id: str) -> int | None:
        """The index of the place with geokit id *place_id*."""
        if self._place_idx is not None:
            return self._place_idx.get(place_id)
        assert self._con is not None
        row = self._con.execute("SELECT idx FROM p WHERE id = ?", (place_id,)).fetchone()
        return row[0] if row else None

    def skeleton_groups(self, skel: str) -> tuple[tuple[str, str, tuple[int, ...]], ...]:
        """Names with skeleton *skel*, grouped as ``(script class, fuzzy key, name indexes)``
        so a query compares each distinct spelling once."""
        cached = self._skel_groups.get(skel)
        if cached is not None:
            return cached
        groups: dict[tuple[str, str], list[int]] = {}
        for j in self.lookup("skel", skel):
            row = self.name(j)
            groups.setdefault((row[3], row[7]), []).append(j)
        out = tuple((sc, fk, tuple(js)) for (sc, fk), js in sorted(groups.items()))
        if self._mem is not None:
            if len(self._skel_groups) > 20000:
                self._skel_groups.clear()
            self._skel_groups[skel] = out
        return out

    def names_of(self, i: int) -> tuple[int, ...]:
        """Indexes of all names of place *i*, in gazetteer order."""
        if self._place_names is not None:
            return self._place_names.get(i, ())
        assert self._con is not None
        return tuple(r[0] for r in self._con.execute("SELECT idx FROM n WHERE place = ? ORDER BY idx", (i,)))

    def full_place(self, i: int) -> Place:
        """The :class:`~geokit.gazetteer.Place` of index *i*."""
        place = self._place_cache.get(i)
        if place is None:
            place = self.gazetteer.get(self.place(i)[0])
            self._place_cache[i] = place
        return place

    def places_where(self, column: str, value: str) -> list[int]:
        """Place indexes whose admin column (adm1, adm2, adm3) equals *value*."""
        self.load()
        assert self._places is not None
        col = {"adm1": 4, "adm2": 5, "adm3": 6}[column]
        return [i for i, row in enumerate(self._places) if row[col] == value]

    def fuzzy(self, skel: str) -> tuple[str, ...]:
        """Skeletons within the typo budget of *skel* (see :func:`typo_budget`),
        found through their deletion neighbourhoods, *skel* itself excluded."""
        if len(skel) < FUZZY_MIN_SKELETON:
            return ()
        probes = sorted(deletes(skel) | {skel})
        if self._dels is not None:
            found = set()
            for x in probes:
                found.update(self._dels.get(x, ()))
        else:
            assert self._con is not None
            q = "SELECT DISTINCT skel FROM d WHERE del IN (%s)" % ",".join("?" * len(probes))
            found = {r[0] for r in self._con.execute(q, probes)}
        # a swap of two letters is one slip (OSA), as in the resolver's similarity
        from rapidfuzz.distance import OSA

        budget = typo_budget(skel)
        return tuple(sorted(s for s in found if s != skel
                            and OSA.distance(skel, s, score_cutoff=budget) <= budget))

    def iter_places(self) -> Iterable[tuple[int, PlaceRow]]:
        """Every place row with its index."""
        self.load()
        assert self._places is not None
        return enumerate(self._places)


_indexes: dict[str, NameIndex] = {}
_indexes_lock = threading.Lock()


def get_index(gazetteer: Gazetteer | None = None) -> NameIndex:
    """The (per-process, shared) index of *gazetteer*, the packaged one by default."""
    from geokit.gazetteer import default_gazetteer

    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    key = str(gaz.path)
    index = _indexes.get(key)
    if index is None:
        with _indexes_lock:
            index = _indexes.get(key)
            if index is None:
                index = NameIndex(gaz)
                _indexes[key] = index
    return index
