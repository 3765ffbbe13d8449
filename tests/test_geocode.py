"""``geokit geocode``: a CSV column of names geocoded, rows kept, fields appended."""

from __future__ import annotations

import csv
import io
import json

import pyogrio
import pytest
from click.testing import CliRunner

from geokit.cli import cli

runner = CliRunner()

TABLE = (
    "id,location,region,note\n"
    "1,Khan Touman,Aleppo,first\n"
    '2,"Kfr Nouran",,"quoted, with a comma\nand a newline"\n'
    "3,خان طومان,,arabic\n"
    "4,,,empty name\n"
    '5,"Al-Zerba, Aleppo",Aleppo,compound\n'
    "6,zzqxwv,,unknown\n"
)


def _write(path, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_with_bom_quoted_newlines_and_admin_column(tmp_path):
    src = tmp_path / "in.csv"
    _write(src, TABLE, bom=True)
    result = runner.invoke(cli, ["geocode", str(src), "--column", "location", "--admin-column", "region"])
    assert result.exit_code == 1  # two rows do not resolve
    rows = _csv_rows(result.stdout)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert rows[1]["note"] == "quoted, with a comma\nand a newline"
    assert [r["place_id"] for r in rows] == ["C1015", "C1041", "C1015", "", "C1170", ""]
    assert abs(float(rows[0]["lat"]) - 36.115) < 0.01 and rows[0]["admin1_pcode"] == "SY02"
    assert rows[3]["reason"] == "empty name" and rows[5]["reason"]
    assert "6 rows: 4 resolved, 2 unresolved; 0 ambiguous" in result.stderr


def test_other_delimiters_and_utf16(tmp_path):
    src = tmp_path / "in.txt"
    _write(src, TABLE.replace(",", ";").replace("quoted; with a comma", "quoted, with a comma"), "utf-16")
    result = runner.invoke(cli, ["geocode", str(src), "--column", "location", "--delimiter", ";"])
    rows = _csv_rows(result.stdout)
    assert rows[0]["place_id"] == "C1015" and rows[2]["place_id"] == "C1015"
    tsv = tmp_path / "in.tsv"
    _write(tsv, "name\tlat\nIzaz\t1\n")
    result = runner.invoke(cli, ["geocode", str(tsv), "--column", "name"])  # delimiter guessed
    rows = _csv_rows(result.stdout)
    assert result.exit_code == 0
    # "lat" is taken by the input, so every appended field gets the prefix
    assert rows[0]["lat"] == "1" and rows[0]["geokit_place_id"] == "C1564" and "geokit_lon" in rows[0]


def test_missing_column_and_bad_input(tmp_path):
    src = tmp_path / "in.csv"
    _write(src, TABLE)
    result = runner.invoke(cli, ["geocode", str(src), "--column", "place"])
    assert result.exit_code == 2 and "no column 'place'" in result.output and "location" in result.output
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert runner.invoke(cli, ["geocode", str(empty), "--column", "x"]).exit_code == 2
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\xff" * 50)
    result = runner.invoke(cli, ["geocode", str(binary), "--column", "x"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    ragged = tmp_path / "ragged.csv"
    _write(ragged, "a,b\n1,2,3\n")
    result = runner.invoke(cli, ["geocode", str(ragged), "--column", "a"])
    assert result.exit_code == 2 and "row 2" in result.output


def test_geojson_and_gpkg_outputs_read_back(tmp_path):
    src = tmp_path / "in.csv"
    _write(src, TABLE)
    gj = tmp_path / "out.geojson"
    result = runner.invoke(cli, ["geocode", str(src), "--column", "location", "-o", str(gj)])
    assert result.exit_code == 1
    fc = json.loads(gj.read_text(encoding="utf-8"))
    assert len(fc["features"]) == 6
    first = fc["features"][0]
    lon, lat = first["geometry"]["coordinates"]
    assert abs(lat - 36.115) < 0.01 and abs(lon - 37.047) < 0.01
    assert first["properties"]["location"] == "Khan Touman" and first["properties"]["place_id"] == "C1015"
    assert fc["features"][3]["geometry"] is None

    gpkg = tmp_path / "out.gpkg"
    result = runner.invoke(cli, ["geocode", str(src), "--column", "location", "-o", str(gpkg)])
    assert result.exit_code == 1
    frame = pyogrio.read_dataframe(gpkg)
    assert list(frame["id"]) == ["1", "2", "3", "4", "5", "6"]
    assert frame.loc[0, "place_id"] == "C1015" and frame.geometry.iloc[3] is None
    assert abs(frame.geometry.iloc[0].y - 36.115) < 0.01
    assert frame.crs.to_epsg() == 4326


def test_output_is_atomic(tmp_path):
    src = tmp_path / "in.csv"
    _write(src, TABLE)
    out = tmp_path / "missing-dir" / "out.csv"
    result = runner.invoke(cli, ["geocode", str(src), "--column", "location", "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    # an existing output is replaced whole, never left half-written
    good = tmp_path / "out.csv"
    good.write_text("old\n", encoding="utf-8")
    runner.invoke(cli, ["geocode", str(src), "--column", "location", "-o", str(good)])
    assert _csv_rows(good.read_text(encoding="utf-8"))[0]["place_id"] == "C1015"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_progress_bar_and_repeated_names(tmp_path):
    src = tmp_path / "big.csv"
    names = ["Khan Touman", "Kfr Nouran", "Izaz", "Hamrat"] * 60
    _write(src, "location\n" + "\n".join(names) + "\n")
    result = runner.invoke(cli, ["geocode", str(src), "--column", "location", "-f", "jsonl"])
    assert result.exit_code == 1  # Hamrat: two namesakes, a tie
    assert "geocoding" in result.stderr  # the progress bar's label
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 240 and rows[4]["place_id"] == "C1015"
    assert rows[3]["ambiguous"] is True and rows[3]["place_id"] is None
    quiet = runner.invoke(cli, ["geocode", str(src), "--column", "location", "-f", "jsonl", "--no-progress"])
    assert "geocoding\n" not in quiet.stderr
    assert "240 rows: 180 resolved, 60 unresolved; 60 ambiguous" in quiet.stderr


def test_unknown_output_extension(tmp_path):
    src = tmp_path / "in.csv"
    _write(src, TABLE)
    result = runner.invoke(cli, ["geocode", str(src), "--column", "location", "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2 and "format" in result.output


@pytest.mark.parametrize("flag", ["--admin", "-a"])
def test_admin_hint_for_every_row(tmp_path, flag):
    src = tmp_path / "in.csv"
    _write(src, "name\nHamrat\n")
    result = runner.invoke(cli, ["geocode", str(src), "--column", "name", flag, "Lattakia"])
    # "name" is an input column: the appended fields carry the prefix
    assert _csv_rows(result.stdout)[0]["geokit_place_id"] == "C3732"
