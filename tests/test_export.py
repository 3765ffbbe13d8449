"""``geokit export`` and :mod:`geokit.export`: every format read back with pyogrio.

Round trips use one district (Jebel Saman, SY0200: Aleppo city and its
neighbourhoods, hundreds of villages) to keep the suite quick; one test
exports the whole gazetteer to GeoPackage.
"""

from __future__ import annotations

import json
import math
import sqlite3
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import pyogrio
import pytest
import shapely
from click.testing import CliRunner

from geokit import export as gx
from geokit.cli import cli
from geokit.exceptions import InputError, OutputError, PlaceNotFound

ADMIN = "SY0200"
TOL = 1e-7
FORMATS = [".gpkg", ".geojson", ".csv", ".shp", ".shp.zip", ".kml", ".fgb"]
runner = CliRunner()


@pytest.fixture(scope="module")
def source(gaz):
    """The frames that every export of the district is compared with."""
    return gx.gazetteer_layers(gaz, admin=ADMIN)


@pytest.fixture(scope="module")
def exports(tmp_path_factory, gaz):
    """The district exported once to every format: {ext: ExportResult}."""
    base = tmp_path_factory.mktemp("export")
    out = {}
    for ext in FORMATS:
        folder = base / ext.strip(".").replace(".", "_")
        folder.mkdir()
        out[ext] = gx.export_gazetteer(folder / f"jebel{ext}", admin=ADMIN, gazetteer=gaz)
    return out


# --- reading back ---------------------------------------------------------------------
def _read(result, layer):
    """One layer of an export as a DataFrame, read with pyogrio."""
    path, fmt = result.path, result.format
    if fmt == ".gpkg":
        return pyogrio.read_dataframe(path, layer=layer)
    if fmt == ".shp.zip":
        return pyogrio.read_dataframe(path, layer=layer)
    if fmt == ".kml" and layer != "names":
        return pyogrio.read_dataframe(path, layer=layer)
    stem = path.name[: -len(fmt)]
    candidates = [path] if layer == "places" else [
        path.with_name(f"{stem}.{layer}{ext}") for ext in (fmt, ".csv", ".dbf")]
    for candidate in candidates:
        if candidate.exists():
            return pyogrio.read_dataframe(candidate)
    raise AssertionError(f"no file for layer {layer} of {path}")


def _ids(frame, result, layer):
    col = "pcode" if layer not in ("places", "names") else ("place_id" if layer == "names" else "id")
    return frame[col].tolist()


def _text(value):
    """Null and empty text as one (CSV and DBF cannot tell them apart)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _same_polygon(got, want):
    """Same rings to within 1e-7 degree, whatever the winding and first vertex
    (GeoJSON rewinds, shapefiles wind the other way): as many vertices, and
    every vertex of each within 1e-7 of a vertex of the other."""
    got = shapely.MultiPolygon(list(getattr(got, "geoms", [got])))
    a, b = shapely.get_coordinates(got), shapely.get_coordinates(want)
    return len(a) == len(b) and len(got.geoms) == len(want.geoms) and shapely.hausdorff_distance(got, want) <= TOL


def _rename(result, layer, column):
    return result.field_names.get(layer, {}).get(column, column)


# --- formats ----------------------------------------------------------------------------------
def test_output_format_from_extension():
    assert gx.output_format("a/b/syria.GPKG") == ".gpkg"
    assert gx.output_format("syria.shp.zip") == ".shp.zip"
    assert gx.output_format("syria.zip") == ".shp.zip"
    assert gx.output_format("x.fgb") == ".fgb"
    for bad in ("syria.txt", "syria", ".gpkg", "syria.json"):
        with pytest.raises(InputError):
            gx.output_format(bad)


def test_parse_bbox():
    assert gx.parse_bbox("36,35.5,37.5,36.8") == (36.0, 35.5, 37.5, 36.8)
    assert gx.parse_bbox("36 35.5 37.5 36.8") == (36.0, 35.5, 37.5, 36.8)
    assert gx.parse_bbox(None) is None
    for bad in ("1,2,3", "a,b,c,d", "37,35,36,36", "36,36,37,35", "36,35,200,36", "nan,35,37,36", ""):
        with pytest.raises(InputError):
            gx.parse_bbox(bad)


@pytest.mark.parametrize("ext", FORMATS)
def test_round_trip_counts_ids_text_coordinates(exports, source, ext):
    result = exports[ext]
    assert result.path.exists()
    assert set(result.counts) == set(source)
    for layer, frame in source.items():
        back = _read(result, layer)
        assert len(back) == len(frame), (ext, layer)
        if layer == "names":
            got = sorted(zip(back["place_id"].tolist(), back["rank"].astype(int).tolist(),
                             back["name"].tolist()))
            want = sorted(zip(frame["place_id"].tolist(), frame["rank"].astype(int).tolist(),
                              frame["name"].tolist()))
            assert got == want, ext  # Arabic and Latin names intact, keyed by place id
            continue
        id_col = "id" if layer == "places" else "pcode"
        ids = back[id_col].tolist()
        assert sorted(ids) == sorted(frame[id_col].tolist()), (ext, layer)
        by_id = {i: k for k, i in enumerate(frame[id_col].tolist())}
        # Arabic text intact
        name_ar = back[_rename(result, layer, "name_ar")].tolist()
        assert [_text(v) for v in name_ar] == [_text(frame["name_ar"].iloc[by_id[i]]) for i in ids], (ext, layer)
        if "name" in back.columns or ext != ".kml":
            names = back["name"].tolist()
        else:
            names = back["Name"].tolist()  # KML keeps the name as the placemark's <name>
        assert names == [frame["name"].iloc[by_id[i]] for i in ids], (ext, layer)
        # coordinates within 1e-7 degree
        for i, geom in zip(ids, back.geometry.values):
            want = frame.geometry.iloc[by_id[i]]
            got = shapely.force_2d(geom)
            if want.geom_type == "Point":
                assert abs(got.x - want.x) <= TOL and abs(got.y - want.y) <= TOL, (ext, layer, i)
            else:
                assert _same_polygon(got, want), (ext, layer, i)


def test_arabic_survives_in_every_format(exports, source):
    places = source["places"]
    aleppo = places[places["id"] == "C1007"].iloc[0]
    assert aleppo["name_ar"] == "حلب"
    for ext, result in exports.items():
        back = _read(result, "places")
        row = back[back["id"] == "C1007"].iloc[0]
        assert row[_rename(result, "places", "name_ar")] == "حلب", ext
        assert row[_rename(result, "places", "admin1_ar")] == aleppo["admin1_ar"], ext


def test_geojson_follows_rfc7946(exports, source):
    result = exports[".geojson"]
    files = [f for f in result.files if f.suffix == ".geojson"]
    assert len(files) == len(source) - 1  # one file per spatial layer; names go to CSV
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection"
        assert "crs" not in doc
        if path == result.path:  # places: the geokit id is each feature's "id" member
            ids = [f.get("id") for f in doc["features"]]
            assert all(ids) and len(set(ids)) == len(ids)
        for feature in doc["features"]:
            assert feature["type"] == "Feature" and "crs" not in feature
            geom = feature["geometry"]
            if geom["type"] == "Point":
                lon, lat = geom["coordinates"]
                assert 35.5 < lon < 42.5 and 32 < lat < 37.5  # lon/lat order, Syria
                continue
            polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            assert geom["type"] in ("Polygon", "MultiPolygon")
            for polygon in polygons:
                for k, ring in enumerate(polygon):
                    assert len(ring) >= 4 and ring[0] == ring[-1]
                    for lon, lat in ring:
                        assert 35 < lon < 43 and 32 < lat < 38
                        for v in (lon, lat):
                            assert len(repr(v).split(".")[-1]) <= 7  # 7 decimals at most
                    ccw = shapely.LinearRing(ring).is_ccw
                    assert ccw == (k == 0), "right-hand rule: exterior CCW, holes CW"


def test_csv_has_bom_and_column_types(exports):
    result = exports[".csv"]
    for path in [f for f in result.files if f.suffix == ".csv"]:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header = raw[3:].decode("utf-8").splitlines()[0].split(",")
        types = path.with_suffix(".csvt").read_text().strip().split(",")
        assert len(types) == len(header)
        if path == result.path:
            assert types[header.index("lon")] == "CoordX" and types[header.index("lat")] == "CoordY"
        elif "names" not in path.name:
            assert header[0] == "WKT" and types[0] == "WKT"
    readme = result.path.with_name("jebel.README.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "GeoNames" in readme and "EPSG:4326" in readme


def test_shapefile_zip_encoding_field_mapping_and_styles(exports):
    result = exports[".shp.zip"]
    with zipfile.ZipFile(result.path) as zf:
        members = set(zf.namelist())
        assert {"places.shp", "places.dbf", "places.cpg", "places.qml", "names.dbf", "README.txt"} <= members
        assert zf.read("places.cpg").decode().strip().upper() in ("UTF-8", "UTF8")
        for member in members:
            if member.endswith(".qml"):
                ET.fromstring(zf.read(member).decode("utf-8").split("\n", 1)[1])
        readme = zf.read("README.txt").decode("utf-8")
    assert result.field_names["places"]["admin1_pcode"] == "adm1_pcode"
    assert "admin1_pcode -> adm1_pcode" in readme and "coord_source -> coord_src" in readme
    fields = pyogrio.read_info(result.path, layer="places")["fields"].tolist()
    assert all(len(f) <= 10 for f in fields) and "adm1_pcode" in fields


def test_plain_zip_is_a_zipped_shapefile(tmp_path, gaz):
    result = gx.export_gazetteer(tmp_path / "x.zip", admin="SY0203", layers=["places", "admin3"], gazetteer=gaz)
    assert result.files == [tmp_path / "x.zip"]
    assert sorted(pyogrio.list_layers(tmp_path / "x.zip")[:, 0]) == ["admin3", "places"]
    assert pyogrio.read_info(tmp_path / "x.zip", layer="places")["features"] == result.counts["places"]


def test_unzipped_shapefile_has_sidecars(exports):
    result = exports[".shp"]
    names = {f.name for f in result.files}
    assert {"jebel.shp", "jebel.cpg", "jebel.qml", "jebel.names.dbf", "jebel.admin3.shp",
            "jebel.admin3.qml", "jebel.README.txt"} <= names
    assert all(f.exists() for f in result.files)


def test_kml_descriptions_have_both_scripts(exports, gaz):
    result = exports[".kml"]
    back = pyogrio.read_dataframe(result.path, layer="places")
    row = back[back["id"] == "C1037"].iloc[0]  # Kafr Taal, a village of Jebel Saman
    place = gaz.get("C1037")
    assert row["Name"] == place.name
    assert place.name in row["description"] and place.name_ar in row["description"]
    arabic_variants = [n.name for n in gaz.names("C1037") if n.script == "Arab"]
    assert all(v in row["description"] for v in arabic_variants)
    text = result.path.read_text(encoding="utf-8")
    ET.fromstring(text)  # well-formed
    assert "<Style id=" in text and "<styleUrl>#places-" in text
    assert "&lt;NA&gt;" not in text and ">nan<" not in text and ">None<" not in text  # nulls are left out


def test_gpkg_layers_styles_and_metadata(exports, source):
    path = exports[".gpkg"].path
    layers = dict(pyogrio.list_layers(path).tolist())
    assert set(source) | {"layer_styles"} == set(layers)
    assert layers["places"] == "Point" and layers["admin3"] == "MultiPolygon" and layers["names"] is None
    con = sqlite3.connect(path)
    try:
        contents = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
        assert contents["names"] == "attributes" and contents["layer_styles"] == "attributes"
        assert contents["places"] == "features"
        rows = con.execute("SELECT f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
                           "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time "
                           "FROM layer_styles").fetchall()
        assert sorted(r[2] for r in rows) == sorted(source)  # one style per layer
        for catalog, schema, table, geom_col, name, qml, sld, default, desc, owner, ui, stamp in rows:
            assert default == 1 and schema == "" and name
            assert geom_col == ("" if table == "names" else "geom")
            ET.fromstring(qml.split("\n", 1)[1])  # after the DOCTYPE line
            ET.fromstring(sld.split("\n", 1)[1])
            assert stamp
        qml = dict((r[2], r[5]) for r in rows)
        places = ET.fromstring(qml["places"].split("\n", 1)[1])
        renderer = places.find("renderer-v2")
        assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "kind"
        values = {c.get("value") for c in renderer.iter("category")}
        assert {"city", "town", "village", "neighbourhood"} <= values
        label = places.find("labeling").find(".//text-style").get("fieldName")
        assert '"name"' in label and '"name_ar"' in label
        descriptions = dict(con.execute("SELECT table_name, description FROM gpkg_contents").fetchall())
        assert "GeoNames" in descriptions["places"] and "CC BY" in descriptions["places"]
        md = con.execute("SELECT m.md_standard_uri, m.metadata, r.table_name FROM gpkg_metadata m "
                         "JOIN gpkg_metadata_reference r ON r.md_file_id = m.id").fetchall()
        qgis_md = {t: text for uri, text, t in md if uri == "http://mrcc.com/qgis.dtd"}
        assert set(qgis_md) == set(source)
        doc = ET.fromstring(qgis_md["places"].split("\n", 1)[1])
        assert any("CC BY-IGO" in (e.text or "") for e in doc.iter("license"))
        assert "OCHA" in doc.find("rights").text
    finally:
        con.close()
    info = pyogrio.read_info(path, layer="places")
    assert "GeoNames" in info["layer_metadata"]["ATTRIBUTION"]


def test_filters(gaz):
    villages = gx.gazetteer_layers(gaz, kinds=["village", "town"], layers=["places"])["places"]
    assert set(villages["kind"]) == {"village", "town"}
    assert len(villages) == sum(1 for _ in gaz.places(["village", "town"]))
    box = (36.0, 35.5, 37.0, 36.5)
    inside = gx.gazetteer_layers(gaz, bbox=box)
    places = inside["places"]
    assert len(places) and places["lon"].between(box[0], box[2]).all() and places["lat"].between(box[1], box[3]).all()
    assert set(inside["names"]["place_id"]) <= set(places["id"])
    assert shapely.intersects(inside["admin3"].geometry.values, shapely.box(*box)).all()
    district = gx.gazetteer_layers(gaz, admin="sy0200")
    assert (district["places"]["admin2_pcode"] == "SY0200").all()
    assert list(district["admin2"]["pcode"]) == ["SY0200"]
    assert all(p.startswith("SY0200") for p in district["admin3"]["pcode"])
    assert "admin1" not in district  # emptied by the filter: left out
    assert set(district["neighbourhoods"]["parent_pcode"]) == {"C1007"}
    with pytest.raises(PlaceNotFound):
        gx.gazetteer_layers(gaz, admin="SY9999")
    with pytest.raises(InputError):
        gx.gazetteer_layers(gaz, kinds=["hamlet"])
    with pytest.raises(InputError):
        gx.gazetteer_layers(gaz, layers=["roads"])
    with pytest.raises(InputError):
        gx.gazetteer_layers(gaz, bbox=(0, 0, 1, 1))  # no place there


def test_whole_gazetteer_to_gpkg(tmp_path, gaz):
    result = gx.export_gazetteer(tmp_path / "syria.gpkg", gazetteer=gaz)
    assert result.counts["places"] == len(gaz)
    back = pyogrio.read_dataframe(tmp_path / "syria.gpkg", layer="places", columns=["id"])
    assert sorted(back["id"]) == sorted(gaz.places_by_id)
    assert pyogrio.read_info(tmp_path / "syria.gpkg", layer="admin1")["features"] == len(gaz.boundaries("admin1"))
    names = pyogrio.read_info(tmp_path / "syria.gpkg", layer="names")["features"]
    assert names == gaz.db.execute("SELECT count(*) FROM names").fetchone()[0]


# --- map layers ---------------------------------------------------------------------------------
def _map_frames():
    import geopandas as gpd

    def frame(rows, geoms):
        return gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")

    return {
        "control_areas": frame([{"faction": "government", "uncertain": False, "area_km2": 10.5},
                                {"faction": "hts", "uncertain": True, "area_km2": 4.0}],
                               [shapely.MultiPolygon([shapely.box(36.6, 35.8, 36.8, 36.0)]),
                                shapely.MultiPolygon([shapely.box(36.8, 35.8, 37.0, 36.0)])]),
        "front_lines": frame([{"faction_a": "government", "faction_b": "hts", "uncertain": True}],
                             [shapely.MultiLineString([[(36.8, 35.8), (36.8, 36.0)]])]),
        "contested": frame([{"reason": "front line", "factions": "government+hts"}],
                           [shapely.MultiPolygon([shapely.box(36.78, 35.8, 36.82, 36.0)])]),
        "places": frame([{"place": "Saraqib", "place_ar": "سراقب", "place_id": "C3871", "faction": "hts",
                          "stale": False, "low_confidence": True}], [shapely.Point(36.8, 35.86)]),
        "incidents": frame([{"type": "airstrike", "date": "2020-01-02", "killed": 3, "place": "Saraqib",
                             "place_ar": "سراقب"},
                            {"type": "shelling", "date": "2020-01-03", "killed": 0, "place": "Saraqib",
                             "place_ar": "سراقب"}],
                           [shapely.Point(36.8, 35.86), shapely.Point(36.81, 35.87)]),
    }


def _qml_colours(qml):
    root = ET.fromstring(qml.split("\n", 1)[1])
    return {p.get("v") for p in root.iter("prop") if p.get("k") in ("color", "line_color")}


def test_map_layers_in_one_gpkg_styled_with_the_png_palette(tmp_path, monkeypatch):
    from geokit import settings
    from geokit._qgis import AREA_TINT, qgis_colour, tint

    path = tmp_path / "map.gpkg"
    result = gx.write_layers(_map_frames(), path)
    assert result.counts == {"control_areas": 2, "front_lines": 1, "contested": 1, "places": 1, "incidents": 2}
    con = sqlite3.connect(path)
    styles = dict(con.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault").fetchall())
    con.close()
    assert set(styles) == set(result.counts)
    gov = getattr(settings, "faction_colours", {}).get("government", "#D55E00")
    assert qgis_colour(tint(gov, AREA_TINT)) in _qml_colours(styles["control_areas"])
    airstrike = getattr(settings, "incident_colours", {}).get("airstrike", "#0072B2")
    incidents = ET.fromstring(styles["incidents"].split("\n", 1)[1])
    assert incidents.find("renderer-v2").get("attr") == "type"
    assert qgis_colour(airstrike) in _qml_colours(styles["incidents"])
    sized = [o for o in incidents.iter("Option") if o.get("name") == "expression"]
    assert sized and all('"killed"' in o.get("value") for o in sized)  # sized by casualties, as on the PNG
    places = ET.fromstring(styles["places"].split("\n", 1)[1])
    assert '"place_ar"' in places.find(".//text-style").get("fieldName")
    back = pyogrio.read_dataframe(path, layer="places")
    assert back["place_ar"].tolist() == ["سراقب"]
    # the palette is read at call time: a restyled map exports restyled layers
    monkeypatch.setattr(settings, "incident_colours", {"airstrike": "#123456", "shelling": "#654321"},
                        raising=False)
    gx.write_layers(_map_frames(), path)
    con = sqlite3.connect(path)
    qml = con.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = 'incidents'").fetchone()[0]
    con.close()
    assert qgis_colour("#123456") in _qml_colours(qml)


def test_map_layers_to_shapefile_rename_fields_in_styles(tmp_path):
    frames = _map_frames()
    frames["control_areas"]["faction_label"] = ["Government", "HTS"]
    result = gx.write_layers(frames, tmp_path / "map.shp.zip")
    assert result.field_names["places"] == {"low_confidence": "low_conf"}
    with zipfile.ZipFile(tmp_path / "map.shp.zip") as zf:
        qml = zf.read("places.qml").decode("utf-8")
    filters = [r.get("filter") for r in ET.fromstring(qml.split("\n", 1)[1]).iter("rule")]
    assert any('"low_conf"' in f for f in filters) and "low_confidence" not in qml
    back = pyogrio.read_dataframe(tmp_path / "map.shp.zip", layer="places")
    assert bool(back["low_conf"].iloc[0]) is True


def test_shapefile_field_names_are_unique_and_short():
    cols = ["admin1_pcode", "admin1_pcodes_extra", "very_long_field_name", "very_long_field_other", "name"]
    mapping = gx.shapefile_field_names(cols)
    final = [mapping.get(c, c) for c in cols]
    assert all(len(c) <= 10 for c in final) and len({c.lower() for c in final}) == len(final)


# --- atomic output and errors ------------------------------------------------------------------
def test_failed_gpkg_leaves_nothing(tmp_path, monkeypatch, source):
    path = tmp_path / "out.gpkg"
    path.write_bytes(b"previous")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(gx, "_gpkg_styles", boom)
    with pytest.raises(RuntimeError):
        gx.write_layers(source, path)
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]


def test_failed_multi_file_export_leaves_nothing(tmp_path, monkeypatch, source):
    calls = []
    real = gx._write_fgb

    def second_fails(frame, tmp, name, meta):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(frame, tmp, name, meta)

    monkeypatch.setattr(gx, "_write_fgb", second_fails)
    with pytest.raises(OutputError):
        gx.write_layers(source, tmp_path / "out.fgb")
    assert list(tmp_path.iterdir()) == []


def test_write_layers_rejects_bad_input(tmp_path):
    with pytest.raises(InputError):
        gx.write_layers({}, tmp_path / "x.gpkg")
    with pytest.raises(InputError):
        gx.write_layers({"bad name": _map_frames()["places"]}, tmp_path / "x.gpkg")
    with pytest.raises(InputError):
        gx.write_layers(_map_frames(), tmp_path / "x.dxf")
    with pytest.raises(OutputError):
        gx.write_layers(_map_frames(), tmp_path / "missing" / "x.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_reproducible_with_source_date_epoch(tmp_path, monkeypatch, gaz):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        for ext in (".geojson", ".gpkg", ".kml"):
            gx.export_gazetteer(tmp_path / run / f"x{ext}", admin="SY0203", gazetteer=gaz)
    for f in sorted((tmp_path / "a").iterdir()):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


# --- command line ---------------------------------------------------------------------------------
def test_cli_export_gazetteer(tmp_path):
    out = tmp_path / "villages.geojson"
    res = runner.invoke(cli, ["export", "gazetteer", "-o", str(out), "--admin", ADMIN, "--kind", "village,town"])
    assert res.exit_code == 0, res.output
    assert "places" in res.output
    back = pyogrio.read_dataframe(out)
    assert len(back) and set(back["kind"]) <= {"village", "town"}
    assert (tmp_path / "villages.names.csv").exists() and (tmp_path / "villages.README.txt").exists()


@pytest.mark.parametrize("args", [
    ["-o", "{d}/x.txt"],
    ["-o", "{d}/x.gpkg", "--bbox", "36,35,37"],
    ["-o", "{d}/x.gpkg", "--bbox", "37,35,36,36"],
    ["-o", "{d}/x.gpkg", "--admin", "SY77"],
    ["-o", "{d}/x.gpkg", "--kind", "hamlet"],
    ["-o", "{d}/x.gpkg", "--layers", "roads"],
    ["-o", "{d}/nowhere/x.gpkg"],
])
def test_cli_errors_are_one_line_exit_2(tmp_path, args):
    res = runner.invoke(cli, ["export", "gazetteer"] + [a.format(d=tmp_path) for a in args])
    assert res.exit_code == 2, res.output
    assert len(res.output.strip().splitlines()) == 1 and "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


def test_styles_can_be_left_out(tmp_path, gaz):
    result = gx.export_gazetteer(tmp_path / "plain.gpkg", admin="SY0203", styles=False, gazetteer=gaz)
    assert "layer_styles" not in np.array(pyogrio.list_layers(result.path))[:, 0]
    result = gx.export_gazetteer(tmp_path / "plain.geojson", admin="SY0203", styles=False, gazetteer=gaz)
    assert not [f for f in result.files if f.suffix == ".qml"]
