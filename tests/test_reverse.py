"""Reverse geocoding: nearest populated place and containing admin units."""

from __future__ import annotations

import json

import pytest
import shapely
from click.testing import CliRunner

from geokit.cli import cli
from geokit.exceptions import InputError
from geokit.reverse import REVERSE_FIELDS, reverse

runner = CliRunner()


def test_point_at_a_village_names_it_and_its_admin_units(gaz):
    khan_tuman = gaz.get("C1015")
    r = reverse(khan_tuman.lat, khan_tuman.lon, limit=3)
    assert r.in_syria and r.country == "Syria"
    assert r.place.id == "C1015" and r.distance_km < 0.01
    assert [n.distance_km for n in r.places] == sorted(n.distance_km for n in r.places)
    assert (r.governorate.pcode, r.district.pcode, r.subdistrict.pcode) == (
        khan_tuman.admin1_pcode, khan_tuman.admin2_pcode, khan_tuman.admin3_pcode)
    assert r.governorate.name == "Aleppo" and r.governorate.name_ar == "حلب"


def test_admin_units_contain_the_point(gaz):
    # the polygons returned really contain the point
    lat, lon = 35.05, 36.70  # south of Hama city
    r = reverse(lat, lon)
    for level, layer in (("governorate", "admin1"), ("district", "admin2"), ("subdistrict", "admin3")):
        unit = getattr(r, level)
        poly = next(b for b in gaz.boundaries(layer) if b.pcode == unit.pcode).shape()
        assert poly.contains(shapely.Point(lon, lat)), level
    assert r.governorate.pcode == "SY05"


def test_city_neighbourhood_polygon():
    r = reverse(36.2021, 37.1343)  # central Aleppo
    assert r.governorate.pcode == "SY02" and r.neighbourhood is not None
    assert r.neighbourhood.pcode.startswith("N")
    assert r.place.kind in ("neighbourhood", "city") and r.distance_km < 2


@pytest.mark.parametrize("lat, lon, country", [(37.0, 35.0, "Turkey"), (33.3, 44.4, "Iraq"), (32.0, 35.95, "Jordan")])
def test_outside_syria_says_so(lat, lon, country):
    r = reverse(lat, lon)
    assert not r.in_syria and r.country == country
    assert r.governorate is None and r.subdistrict is None
    assert "outside Syria" in r.note and country in r.note


def test_far_away_point_has_no_place():
    r = reverse(-33.9, 151.2)
    assert not r.in_syria and r.country is None and r.places == ()
    assert r.record()["place_id"] is None and "outside Syria" in r.record()["note"]


@pytest.mark.parametrize("lat, lon", [(95, 10), (10, 200), ("north", 3), (float("nan"), 1)])
def test_bad_points_raise(lat, lon):
    with pytest.raises(InputError):
        reverse(lat, lon)


def test_record_fields():
    rec = reverse(36.115, 37.0467).record()
    assert list(rec) == list(REVERSE_FIELDS)
    assert rec["admin1_pcode"] == "SY02" and rec["place_id"] == "C1015"


def test_cli_formats_and_exit_codes():
    ok = runner.invoke(cli, ["reverse", "36.115", "37.0467", "-f", "jsonl"])
    assert ok.exit_code == 0
    row = json.loads(ok.stdout)
    assert row["place_id"] == "C1015" and row["admin3_pcode"] and row["distance_km"] < 0.05
    table = runner.invoke(cli, ["reverse", "36.115,37.0467", "--top", "3"])
    assert table.exit_code == 0 and "Khan Tuman" in table.stdout and len(table.stdout.splitlines()) == 5
    gj = runner.invoke(cli, ["reverse", "36.115", "37.0467", "-f", "geojson"])
    feature = json.loads(gj.stdout)["features"][0]
    assert feature["geometry"]["coordinates"] == [37.0467, 36.115]
    outside = runner.invoke(cli, ["reverse", "37", "35", "-f", "json"])
    assert outside.exit_code == 1 and json.loads(outside.stdout)[0]["country"] == "Turkey"
    negative = runner.invoke(cli, ["reverse", "-33.9", "151.2", "-f", "csv"])
    assert negative.exit_code == 1 and "-33.9,151.2,False" in negative.stdout
    assert runner.invoke(cli, ["reverse", "36.1"]).exit_code == 2
    bad = runner.invoke(cli, ["reverse", "abc", "def"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
