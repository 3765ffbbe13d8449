"""Incident and front-line maps: content, not pixels.

The maps are checked through what they contain: GeoJSON layers, geometry
types and lon/lat order, control areas that neither overlap nor leave the
settled land within reach uncovered, front lines that each separate two
different factions, legend entries, and a PNG of the requested size that is
not blank.  The real control data in ``../shared`` (CC BY-SA, never shipped)
drives the front-line checks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import shapely
from click.testing import CliRunner

from geokit import settings
from geokit.cli import cli
from geokit.exceptions import InputError

REPO = Path(__file__).resolve().parents[1]
ALEPPO_CSV = Path("data") / "control" / "aleppo_control_points_c2017.csv"
SMALL = ["--size", "800x600", "--dpi", "100"]

runner = CliRunner()


# --- fixtures ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def aleppo_obs(shared_dir):
    from geokit.frontline import read_observations

    return read_observations([shared_dir / ALEPPO_CSV])


@pytest.fixture(scope="module")
def aleppo_map(aleppo_obs):
    from geokit.frontline import control_map

    return control_map(aleppo_obs, "2017-09-01")


def _obs(place, lon, lat, faction, date=None, confidence=None, place_id=None):
    import datetime as dt

    from geokit.frontline import ControlObservation

    return ControlObservation(place=place, lon=lon, lat=lat, faction=faction,
                              date=dt.date.fromisoformat(date) if date else None, confidence=confidence,
                              place_id=place_id)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _projected_areas(cmap):
    return [(a["faction"], a["geometry"]) for a in cmap.areas]


def _faction_at(cmap, lon, lat):
    from geokit.basemap import project_points

    x, y = project_points([lon], [lat])
    pt = shapely.Point(x[0], y[0])
    hits = [a["faction"] for a in cmap.areas if a["geometry"].contains(pt)]
    assert len(hits) <= 1, "control areas overlap"
    return hits[0] if hits else None


def _png_size(path: Path) -> tuple[int, int, np.ndarray]:
    import matplotlib.image as mpimg

    img = mpimg.imread(path)
    return img.shape[1], img.shape[0], img


# --- vocabulary ------------------------------------------------------------------------
def test_faction_spellings_map_onto_the_vocabulary():
    from geokit.frontline import normalise_faction

    assert normalise_faction("isil") == "isis"
    assert normalise_faction("jan_hts") == "hts"
    assert normalise_faction("mixed:opposition+jan_hts") == "contested"
    assert normalise_faction("Government") == "government"
    assert normalise_faction("turkey") == "turkish_backed"  # an actor code maps through actor_faction
    assert normalise_faction("opposition+opposition") == "opposition"
    with pytest.raises(InputError, match="unknown faction"):
        normalise_faction("martians")


def test_every_actor_maps_to_a_styled_faction_and_every_type_has_a_symbol():
    for actor, faction in settings.actor_faction.items():
        assert faction is None or faction in settings.faction_colours, actor
    assert set(settings.factions) == set(settings.faction_colours)
    assert set(settings.incident_types) == set(settings.incident_colours) == set(settings.incident_markers)
    # distinct shapes, so the map reads without colour
    assert len(set(settings.incident_markers.values())) == len(settings.incident_markers)


# --- state as of a date ----------------------------------------------------------------
def test_latest_observation_wins_older_carry_forward_future_ignored():
    from geokit.frontline import control_state

    obs = [
        _obs("A", 37.0, 36.0, "government", "2020-01-01"),
        _obs("A", 37.0, 36.0, "opposition", "2020-02-01"),
        _obs("A", 37.0, 36.0, "hts", "2020-05-01"),      # after the map date: ignored
        _obs("B", 37.2, 36.1, "sdf", "2019-06-01"),      # only an old report: carried forward, stale
        _obs("C", 37.4, 36.2, "isis", None),             # undated: kept, not stale
        _obs("C", 37.4, 36.2, "government", "2019-01-01"),  # any dated report beats an undated one
    ]
    state = {p.place: p for p in control_state(obs, "2020-03-01")}
    assert state["A"].faction == "opposition" and state["A"].observations == 2
    assert state["B"].faction == "sdf" and state["B"].stale and state["B"].age_days == 274
    assert state["C"].faction == "government"


def test_same_day_conflict_is_contested_unless_one_report_is_more_confident():
    from geokit.frontline import control_state

    tie = [_obs("A", 37.0, 36.0, "government", "2020-01-01"), _obs("A", 37.0, 36.0, "opposition", "2020-01-01")]
    assert control_state(tie, "2020-01-02")[0].faction == "contested"
    sure = [_obs("A", 37.0, 36.0, "government", "2020-01-01", 0.9),
            _obs("A", 37.0, 36.0, "opposition", "2020-01-01", 0.4)]
    assert control_state(sure, "2020-01-02")[0].faction == "government"


def test_contested_state_is_kept_and_drawn_as_contested_ground():
    from geokit.frontline import control_map

    obs = [_obs("A", 37.0, 36.0, "government", "2020-01-01"), _obs("B", 37.3, 36.0, "contested", "2020-01-01"),
           _obs("C", 37.6, 36.0, "opposition", "2020-01-01")]
    cmap = control_map(obs, "2020-01-05")
    assert {a["faction"] for a in cmap.areas} == {"government", "contested", "opposition"}
    assert any(c["reason"] == "contested place" for c in cmap.contested)
    # no front line against contested ground
    assert cmap.front_lines == []


# --- geometry on real data ---------------------------------------------------------------
def test_control_areas_do_not_overlap_and_form_a_valid_coverage(aleppo_map):
    geoms = [g for _, g in _projected_areas(aleppo_map)]
    assert len(geoms) >= 5
    assert all(g.is_valid for g in geoms)
    assert shapely.coverage_is_valid(np.array(geoms, dtype=object))
    union = shapely.union_all(geoms)
    assert abs(sum(g.area for g in geoms) - union.area) < 1e-6 * union.area


def test_control_areas_cover_the_settled_land_within_reach(aleppo_map):
    from geokit.basemap import project_points, syria_outline

    places = aleppo_map.places
    x, y = project_points([p.lon for p in places], [p.lat for p in places])
    reach = shapely.union_all(shapely.buffer(shapely.points(x, y), aleppo_map.reach_km * 1000))
    land = reach.intersection(syria_outline())
    covered = shapely.union_all([g for _, g in _projected_areas(aleppo_map)])
    # equal up to the simplification of the outlines (well under 1 %)
    assert land.symmetric_difference(covered).area < 0.01 * land.area
    # every observed place lies in an area of its own faction (a few share a spot with another side)
    mismatched = [p.place for p in places if _faction_at(aleppo_map, p.lon, p.lat) not in (p.faction, "contested")]
    assert len(mismatched) <= 2, mismatched


def test_every_front_line_separates_two_different_known_factions(aleppo_map):
    from geokit.frontline import KNOWN_FACTIONS

    areas = _projected_areas(aleppo_map)
    assert aleppo_map.front_lines
    checked = 0
    for line in aleppo_map.front_lines:
        assert line["faction_a"] != line["faction_b"]
        assert {line["faction_a"], line["faction_b"]} <= set(KNOWN_FACTIONS)
        for part in shapely.get_parts(line["geometry"]):
            coords = shapely.get_coordinates(part)
            for (x0, y0), (x1, y1) in zip(coords[:-1], coords[1:]):
                length = float(np.hypot(x1 - x0, y1 - y0))
                if length < 200:
                    continue
                mx, my = (x0 + x1) / 2, (y0 + y1) / 2
                nx, ny = -(y1 - y0) / length * 40, (x1 - x0) / length * 40
                sides = set()
                for px, py in ((mx + nx, my + ny), (mx - nx, my - ny)):
                    pt = shapely.Point(px, py)
                    sides |= {f for f, g in areas if g.contains(pt)}
                assert sides == {line["faction_a"], line["faction_b"]}, (line["label"], sides)
                checked += 1
    assert checked > 50


def test_aleppo_2017_target_areas_and_lines(aleppo_map):
    from geokit.basemap import project_points

    # the government pocket east of Aleppo, SDF at Manbij and Tabqa, opposition north of Al-Bab
    assert _faction_at(aleppo_map, 37.53, 36.15) == "government"   # Sheikh Ahmad / Kuweires
    assert _faction_at(aleppo_map, 37.93, 35.88) == "government"   # by Maskanah
    assert _faction_at(aleppo_map, 37.955, 36.528) == "sdf"        # Manbij
    assert _faction_at(aleppo_map, 38.55, 35.84) == "sdf"          # Tabqa
    assert _faction_at(aleppo_map, 37.52, 36.50) == "opposition"   # north of Al-Bab

    def line_near(a, b, lon, lat, km):
        x, y = project_points([lon], [lat])
        pt = shapely.Point(x[0], y[0])
        return any({f["faction_a"], f["faction_b"]} == {a, b} and f["geometry"].distance(pt) < km * 1000
                   for f in aleppo_map.front_lines)

    assert line_near("government", "opposition", 37.52, 36.37, 15)   # at Al-Bab
    assert line_near("government", "sdf", 37.85, 36.15, 20)          # east of the pocket
    assert line_near("opposition", "sdf", 37.70, 36.48, 20)          # west of Manbij
    # the opposition area north of Al-Bab is its own polygon, apart from the one west of Aleppo
    opp = next(a["geometry"] for a in aleppo_map.areas if a["faction"] == "opposition" and not a["uncertain"])
    assert len(shapely.get_parts(opp)) >= 2


def test_reach_limits_the_areas():
    from geokit.frontline import control_map

    obs = [_obs("A", 38.0, 35.0, "government", "2020-01-01")]
    small = control_map(obs, "2020-01-02", reach_km=5)
    big = control_map(obs, "2020-01-02", reach_km=20)
    assert small.areas[0]["area_km2"] == pytest.approx(np.pi * 25, rel=0.03)
    assert big.areas[0]["area_km2"] == pytest.approx(np.pi * 400, rel=0.03)


def test_allied_factions_get_no_front_line():
    from geokit.frontline import control_map

    obs = [_obs("A", 36.6, 35.9, "hts", "2020-01-01"), _obs("B", 36.8, 35.9, "opposition", "2020-01-01")]
    assert control_map(obs, "2020-01-02").front_lines
    assert control_map(obs, "2020-01-02", allied=[("opposition", "jan_hts")]).front_lines == []


# --- GeoJSON ---------------------------------------------------------------------------------
def test_frontline_geojson_layers_types_and_lonlat_order(aleppo_map):
    data = json.loads(json.dumps(aleppo_map.to_geojson()))
    assert data["type"] == "FeatureCollection"
    layers = {f["properties"]["layer"] for f in data["features"]}
    assert layers == {"control_areas", "front_lines", "contested", "places"}
    kinds = {"control_areas": {"Polygon", "MultiPolygon"}, "front_lines": {"LineString", "MultiLineString"},
             "contested": {"Polygon", "MultiPolygon"}, "places": {"Point"}}
    for f in data["features"]:
        layer = f["properties"]["layer"]
        assert f["geometry"]["type"] in kinds[layer]
        xy = shapely.get_coordinates(shapely.geometry.shape(f["geometry"]))
        assert (xy[:, 0] > 35.5).all() and (xy[:, 0] < 42.5).all(), "x must be longitude"
        assert (xy[:, 1] > 32.0).all() and (xy[:, 1] < 37.5).all(), "y must be latitude"
        if layer == "control_areas":
            for poly in shapely.get_parts(shapely.geometry.shape(f["geometry"])):
                assert poly.exterior.is_ccw, "RFC 7946: exterior rings counter-clockwise"
    manbij = [f for f in data["features"] if f["properties"]["layer"] == "places"
              and f["properties"]["place"] == "Hamduniyah"][0]
    assert manbij["properties"]["faction"] == "sdf"
    lon, lat = manbij["geometry"]["coordinates"]
    assert lon == pytest.approx(37.963, abs=1e-3) and lat == pytest.approx(36.490, abs=1e-3)


def test_geojson_output_is_deterministic(tmp_path, aleppo_obs):
    from geokit.frontline import control_map

    a = json.dumps(control_map(aleppo_obs, "2017-09-01").to_geojson(), sort_keys=True)
    b = json.dumps(control_map(list(reversed(aleppo_obs)), "2017-09-01").to_geojson(), sort_keys=True)
    assert a == b


# --- rendered maps -----------------------------------------------------------------------------
def test_frontline_cli_png_geojson_gpkg(tmp_path, shared_dir):
    import pyogrio

    png, gj, gpkg = tmp_path / "c.png", tmp_path / "c.geojson", tmp_path / "c.gpkg"
    res = runner.invoke(cli, ["map", "frontline", str(shared_dir / ALEPPO_CSV), "--date", "2017-09-01",
                              "-o", str(png), "--geojson", str(gj), "--gpkg", str(gpkg), *SMALL])
    assert res.exit_code == 0, res.output
    assert sorted(os.listdir(tmp_path)) == ["c.geojson", "c.gpkg", "c.png"]  # no temporary leftovers
    w, h, img = _png_size(png)
    assert (w, h) == (800, 600)
    rgb = img[..., :3].reshape(-1, 3)
    assert rgb.std() > 0.05 and len(np.unique((rgb * 255).astype(int), axis=0)) > 50, "blank image"
    layers = dict(pyogrio.list_layers(gpkg))
    assert {k: v for k, v in layers.items() if v is not None} == {
        "control_areas": "MultiPolygon", "front_lines": "MultiLineString", "contested": "MultiPolygon",
        "places": "Point"}
    assert pyogrio.read_info(gpkg, layer="places")["features"] == 162
    assert json.loads(gj.read_text(encoding="utf-8"))["geokit"]["date"] == "2017-09-01"
    assert "162 places as of 2017-09-01" in res.output


def test_frontline_legend_title_and_labels(shared_dir, aleppo_map):
    from geokit.frontline import draw_frontline_map

    canvas = draw_frontline_map(aleppo_map, size_px=(1000, 750), dpi=100, bbox="36.6,35.55,38.9,36.75")
    assert canvas.title == "Areas of control as of 2017-09-01"
    labels = canvas.legend_labels
    for start in ("Government (", "Opposition (", "SDF (", "Contested (", "Front line",
                  "Contested band", "Observed place", "No data"):
        assert any(label.startswith(start) for label in labels), (start, labels)
    # the legend lists what is in view: ISIS holds nothing inside this box
    assert not any(label.startswith("ISIS") for label in labels)
    from geokit.basemap import project_points

    sdf = [p for p in aleppo_map.places if p.faction == "sdf"]
    x, y = project_points([p.lon for p in sdf], [p.lat for p in sdf])
    in_view = int(canvas.extent.contains_xy(x, y).sum())
    assert 40 < in_view < len(sdf) and f"SDF ({in_view} places)" in labels
    assert "162 observed places" in canvas.subtitle and "162 undated" in canvas.subtitle
    placed = " ".join(canvas.placed_labels)
    assert "Aleppo  حلب" in placed and "Menbij" in placed
    assert len(canvas.placed_labels) >= 10


def test_stale_and_low_confidence_are_visible(tmp_path):
    from geokit.frontline import control_map, draw_frontline_map

    obs = [_obs("A", 36.6, 35.9, "government", "2019-01-01"), _obs("B", 36.9, 35.9, "opposition", "2020-01-01"),
           _obs("C", 37.2, 35.9, "sdf", "2020-01-01", confidence=0.2)]
    cmap = control_map(obs, "2020-01-10")
    uncertain = {a["faction"] for a in cmap.areas if a["uncertain"]}
    assert uncertain == {"government", "sdf"}
    assert {(f["faction_a"], f["faction_b"], f["uncertain"]) for f in cmap.front_lines} == {
        ("government", "opposition", True), ("opposition", "sdf", True)}
    canvas = draw_frontline_map(cmap, size_px=(600, 450), dpi=80)
    assert any(label.startswith("Lighter: reported >90 days") for label in canvas.legend_labels)
    assert "Front line, uncertain" in canvas.legend_labels
    assert "1 last reported over 90 days earlier" in canvas.subtitle and "1 low-confidence" in canvas.subtitle


INCIDENT_CSV = """type,actors,date,killed,wounded,place,place_id,lat,lon,evidence
airstrike,russia;government,2024-03-02,4,10,Idleb,C3871,,,Warplanes struck the city.
shelling,government,2024-03-03,1,,Sarmin,,,,Shells fell on the town.
clash,sdf|turkish_backed,2024-03-05,,,Menbij,,,,Clashes near the town.
Drone strike,turkey,2024-03-09,2,0,somewhere,,36.9,40.1,A drone hit a car.
"""


def test_incident_map_from_csv_with_period_legend_and_geojson(tmp_path):
    src = _write(tmp_path / "incidents.csv", INCIDENT_CSV)
    png, gj = tmp_path / "i.png", tmp_path / "i.geojson"
    res = runner.invoke(cli, ["map", "incidents", str(src), "-o", str(png), "--geojson", str(gj),
                              "--since", "2024-03-01", "--until", "2024-03-07", *SMALL])
    assert res.exit_code == 0, res.output
    assert (_png_size(png)[:2]) == (800, 600)
    data = json.loads(gj.read_text(encoding="utf-8"))
    assert len(data["features"]) == 3  # the drone strike of 9 March is outside the period
    by_type = {f["properties"]["type"]: f for f in data["features"]}
    assert set(by_type) == {"airstrike", "shelling", "clash"}
    idlib = by_type["airstrike"]
    assert set(idlib["properties"]) >= {"type", "actors", "date", "killed", "wounded", "evidence", "doc",
                                         "place_id", "place", "place_ar"}
    assert idlib["properties"]["actors"] == ["russia", "government"]
    assert idlib["properties"]["place_id"] == "C3871" and idlib["properties"]["place_ar"] == "إدلب"
    lon, lat = idlib["geometry"]["coordinates"]
    assert lon == pytest.approx(36.635, abs=0.01) and lat == pytest.approx(35.932, abs=0.01)
    assert by_type["shelling"]["properties"]["place_id"] == "C3953"  # resolved by name


def test_incident_legend_counts_title_and_sizes(tmp_path):
    from geokit.incident_map import draw_incident_map, read_incidents

    found = read_incidents([_write(tmp_path / "incidents.csv", INCIDENT_CSV)]).between("2024-03-01", "2024-03-07")
    canvas = draw_incident_map(found, size_px=(900, 700), dpi=100)
    assert canvas.title == "Incidents, 1\u20137 March 2024"  # the period asked for
    assert draw_incident_map(read_incidents([tmp_path / "incidents.csv"]), size_px=(600, 450),
                             dpi=80).title == "Incidents, 2\u20139 March 2024"  # else the incidents' dates
    assert canvas.legend_labels[:3] == ["Armed clash (1)", "Shelling / artillery (1)", "Airstrike (1)"]
    assert "14" in canvas.legend_labels or "10" in canvas.legend_labels  # the size legend
    assert canvas.subtitle.startswith("3 incidents \u00b7 5 killed \u00b7 10 wounded")
    assert "Idleb  إدلب" in canvas.placed_labels


def test_incident_geojson_round_trip_and_text_input(tmp_path):
    pytest.importorskip("geokit.extraction")
    text = _write(tmp_path / "bulletin.txt",
                  "Government forces shelled the town of Sarmin east of Idlib on 3 March 2024, "
                  "killing two civilians.\n")
    gj = tmp_path / "t.geojson"
    res = runner.invoke(cli, ["map", "incidents", str(text), "--geojson", str(gj)])
    assert res.exit_code == 0, res.output
    feats = json.loads(gj.read_text(encoding="utf-8"))["features"]
    sarmin = [f for f in feats if f["properties"]["place_id"] == "C3953"]
    assert sarmin and sarmin[0]["properties"]["type"] == "shelling"
    assert sarmin[0]["properties"]["date"] == "2024-03-03" and sarmin[0]["properties"]["killed"] == 2
    # the map's own GeoJSON reads back as input, unchanged
    gj2 = tmp_path / "t2.geojson"
    assert runner.invoke(cli, ["map", "incidents", str(gj), "--geojson", str(gj2)]).exit_code == 0
    assert json.loads(gj2.read_text(encoding="utf-8"))["features"] == feats


def test_extent_by_governorate_and_bbox():
    from geokit.basemap import map_extent, project_points

    aleppo = map_extent("governorate:Aleppo")
    x, y = project_points([37.16], [36.20])  # Aleppo city
    assert aleppo.contains_xy(x, y)[0]
    assert 150 < aleppo.span_km < 300
    assert map_extent("governorate:حلب") == aleppo
    box = map_extent(bbox="36.5,35.5,37.5,36.5")
    assert 85 < box.width / 1000 < 100 and 105 < box.height / 1000 < 120


def test_style_file_overrides_the_palette(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "faction_colours", dict(settings.faction_colours))
    monkeypatch.setattr(settings, "factions", dict(settings.factions))
    style = _write(tmp_path / "style.toml", '[faction_colours]\ngovernment = "#aa0000"\n\n'
                                            '[faction_labels]\nsdf = "SDF (Kurdish-led)"\n')
    changed = settings.load_map_style(style)
    assert settings.faction_colours["government"] == "#aa0000"
    assert settings.factions["sdf"] == "SDF (Kurdish-led)"
    assert set(changed) == {"faction_colours", "faction_labels"}
    bad = _write(tmp_path / "bad.toml", '[faction_colours]\ngovernment = "not-a-colour"\n')
    with pytest.raises(InputError, match="not a colour"):
        settings.load_map_style(bad)
    assert settings.faction_colours["government"] == "#aa0000"  # nothing applied from the bad file


# --- bad input -------------------------------------------------------------------------------------
BAD_CASES = {
    "empty.csv": (b"", "empty input"),
    "binary.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary"),
    "latin1.csv": ("place,faction\nAl-Báb,government\n".encode("latin-1"), "not UTF-8"),
    "fields.csv": (b"place,faction,date\nAleppo,government\n", "fields"),
    "faction.csv": (b"place,faction\nAleppo,martians\n", "unknown faction"),
    "place.csv": (b"place,faction\nNowhere-on-earth,government\n", "unknown place"),
    "date.csv": (b"place,faction,date\nAleppo,government,yesterday\n", "bad date"),
    "proj.geojson": (b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",'
                     b'"coordinates":[350000,4000000]},"properties":{"faction":"sdf"}}]}', "not WGS84"),
    "crs.geojson": (b'{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32637"}},'
                    b'"features":[]}', "WGS84"),
    "broken.geojson": (b'{"type":"FeatureCollection","features":[', "not valid JSON"),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_frontline_bad_input_one_line_error_no_output(tmp_path, name):
    data, message = BAD_CASES[name]
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out"
    out.mkdir()
    res = runner.invoke(cli, ["map", "frontline", str(src), "--date", "2020-01-01", "-o", str(out / "m.png"),
                              "--geojson", str(out / "m.geojson")])
    assert res.exit_code == 2, res.output
    assert message in res.output
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1
    assert list(out.iterdir()) == []


def test_incidents_bad_input_and_bad_options(tmp_path):
    src = _write(tmp_path / "i.csv", INCIDENT_CSV)
    cases = [
        (["map", "incidents", str(_write(tmp_path / "t.csv", "type,place\nbombardment-ish,Aleppo\n")), "-o",
          str(tmp_path / "a.png")], "unknown incident type"),
        (["map", "incidents", str(src), "-o", str(tmp_path / "missing" / "a.png")], "does not exist"),
        (["map", "incidents", str(src)], "nothing to write"),
        (["map", "incidents", str(src), "-o", str(tmp_path / "a.png"), "--extent", "governorate:Atlantis"],
         "no governorate named"),
        (["map", "incidents", str(src), "-o", str(tmp_path / "a.png"), "--since", "2024-13-01"], "bad date"),
        (["map", "incidents", str(src), "-o", str(tmp_path / "a.png"), "--since", "2025-01-01"], "no incidents"),
        (["map", "incidents", str(src), "-o", str(tmp_path / "a.png"), "--bbox", "40,30,35,36"], "bbox"),
    ]
    for args, message in cases:
        res = runner.invoke(cli, args)
        assert res.exit_code == 2, (args, res.output)
        assert message in res.output, (message, res.output)
        assert "Traceback" not in res.output
    assert not (tmp_path / "a.png").exists()


def test_map_layers_as_geodataframes(aleppo_map, tmp_path):
    from geokit.incident_map import read_incidents
    from geokit.maps import map_layers

    incidents = read_incidents([_write(tmp_path / "i.csv", INCIDENT_CSV)])
    layers = map_layers(incidents=incidents, control=aleppo_map)
    assert set(layers) == {"control_areas", "front_lines", "contested", "places", "incidents"}
    assert all(str(frame.crs) == "EPSG:4326" for frame in layers.values())
    assert len(layers["incidents"]) == 4 and layers["incidents"].iloc[0]["actors"] == "russia;government"
    assert set(layers["control_areas"]["faction"]) >= {"government", "opposition", "sdf", "isis"}


def test_cli_style_and_stale_days_apply_to_one_command_only(tmp_path):
    obs = _write(tmp_path / "obs.csv", "place,place_id,faction,date\nIdleb,C3871,hts,2020-01-01\n"
                                       "Saraqab,C3916,government,2020-03-01\n")
    style = _write(tmp_path / "s.toml", 'map_reach_km = 10\n[faction_labels]\nhts = "HTS (Tahrir al-Sham)"\n')
    gj = tmp_path / "o.geojson"
    before = (settings.map_reach_km, dict(settings.factions), settings.map_stale_days)
    res = runner.invoke(cli, ["map", "frontline", str(obs), "--date", "2020-03-05", "--style", str(style),
                              "--stale-days", "30", "--geojson", str(gj)])
    assert res.exit_code == 0, res.output
    data = json.loads(gj.read_text(encoding="utf-8"))
    assert data["geokit"]["reach_km"] == 10 and data["geokit"]["stale_days"] == 30
    places = {f["properties"]["place"]: f["properties"] for f in data["features"]
              if f["properties"]["layer"] == "places"}
    assert places["Idleb"]["stale"] is True and places["Saraqab"]["stale"] is False
    assert places["Idleb"]["faction_label"] == "HTS (Tahrir al-Sham)"
    assert (settings.map_reach_km, dict(settings.factions), settings.map_stale_days) == before


def test_control_records_as_json_lines(tmp_path):
    """The control records ``geokit extract --controls`` writes (JSON Lines) are observations."""
    lines = [
        {"place": "Saraqab", "place_ar": "سراقب", "place_id": "C3916", "lat": 35.86604, "lon": 36.80336,
         "faction": "government", "date": "2020-03-02", "source": "b.txt", "confidence": 0.8,
         "evidence": "…", "kind": "capture"},
        {"place": "Sarmin", "place_ar": "سرمين", "place_id": "C3953", "lat": None, "lon": None,
         "faction": "opposition", "date": "2020-03-01", "source": "b.txt", "confidence": 0.8,
         "evidence": "…", "kind": "capture"},
    ]
    src = _write(tmp_path / "controls.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))
    from geokit.frontline import control_map, draw_frontline_map, read_observations

    obs = read_observations([src])
    assert [(o.place_id, o.faction) for o in obs] == [("C3916", "government"), ("C3953", "opposition")]
    cmap = control_map(obs, "2020-03-05")
    assert [(f["faction_a"], f["faction_b"]) for f in cmap.front_lines] == [("government", "opposition")]
    canvas = draw_frontline_map(cmap, size_px=(600, 450), dpi=80)
    assert "Saraqab  سراقب" in canvas.placed_labels  # a captured town is labelled like any settlement
