"""Compile the gazetteer text files into the packaged SQLite database.

The database is a pure function of the text files: rows are inserted in
file order, indexes built after, the file vacuumed, so the same text gives
the same bytes.  Never edit it by hand; rebuild it.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

from geokit.normalise import name_key, skeleton

LAYERS = ("admin1", "admin2", "admin3", "neighbourhoods", "country", "neighbours")
INT_COLUMNS = {"geonameid", "wof_id", "population"}
REAL_COLUMNS = {"lat", "lon"}

SCHEMA = """
CREATE TABLE places (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, name_ar TEXT,
    lat REAL NOT NULL, lon REAL NOT NULL, pcode TEXT, geonameid INTEGER, wof_id INTEGER,
    parent_id TEXT, admin1_pcode TEXT, admin1 TEXT, admin1_ar TEXT, admin2_pcode TEXT, admin2 TEXT,
    admin2_ar TEXT, admin3_pcode TEXT, admin3 TEXT, admin3_ar TEXT, population INTEGER,
    sources TEXT NOT NULL, coord_source TEXT NOT NULL
);
CREATE TABLE names (
    place_id TEXT NOT NULL, name TEXT NOT NULL, lang TEXT NOT NULL, script TEXT NOT NULL,
    type TEXT NOT NULL, source TEXT NOT NULL, key TEXT NOT NULL, skel TEXT NOT NULL
);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, place_id TEXT NOT NULL);
CREATE TABLE boundaries (
    layer TEXT NOT NULL, pcode TEXT NOT NULL, name TEXT, name_ar TEXT, parent_pcode TEXT, wkb BLOB NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX places_pcode ON places (pcode);
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX names_place ON names (place_id);
CREATE INDEX names_key ON names (key);
CREATE INDEX names_skel ON names (skel);
CREATE INDEX boundaries_layer ON boundaries (layer, pcode);
"""


def _value(column: str, text: str):
    if text == "":
        return None
    if column in INT_COLUMNS:
        return int(text)
    if column in REAL_COLUMNS:
        return float(text)
    return text


def compile_database(text_dir: Path, db_path: Path, meta: dict[str, str] | None = None) -> None:
    """Write *db_path* from the text files in *text_dir* (atomically)."""
    import shapely

    text_dir, db_path = Path(text_dir), Path(db_path)
    tmp = db_path.with_name(db_path.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = OFF")
        con.executescript(SCHEMA)
        with (text_dir / "places.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            cols = reader.fieldnames or []
            con.executemany(
                f"INSERT INTO places ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                ([_value(c, row[c]) for c in cols] for row in reader),
            )
        with (text_dir / "names.csv").open(encoding="utf-8", newline="") as handle:
            con.executemany(
                "INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((r["place_id"], r["name"], r["lang"], r["script"], r["type"], r["source"],
                  name_key(r["name"]), skeleton(r["name"])) for r in csv.DictReader(handle)),
            )
        aliases = text_dir / "aliases.csv"
        if aliases.exists():
            with aliases.open(encoding="utf-8", newline="") as handle:
                con.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?)",
                                ((r["alias"], r["place_id"]) for r in csv.DictReader(handle)))
        for layer in LAYERS:
            path = text_dir / f"{layer}.geojson"
            if not path.exists():
                continue
            for feat in json.loads(path.read_text(encoding="utf-8"))["features"]:
                p = feat["properties"]
                geom = shapely.geometry.shape(feat["geometry"])
                con.execute("INSERT INTO boundaries VALUES (?, ?, ?, ?, ?, ?)",
                            (layer, p["pcode"], p["name"], p["name_ar"] or None, p["parent_pcode"] or None,
                             shapely.to_wkb(geom)))
        for key, value in sorted((meta or {}).items()):
            con.execute("INSERT INTO meta VALUES (?, ?)", (key, value))
        con.executescript(INDEXES)
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    os.replace(tmp, db_path)
