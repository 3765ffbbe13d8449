"""The packaged gazetteer: coverage, codes, curation, and the gazetteer CLI."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from geokit.cli import cli
from geokit.exceptions import PlaceNotFound
from geokit.gazetteer import POPULATED_KINDS


def km(a, b, c, d):
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def test_counts_meet_acceptance(gaz):
    kinds = {}
    for p in gaz.places():
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    assert kinds["country"] == 1
    assert kinds["governorate"] == 14
    assert kinds["district"] == 62
    assert kinds["subdistrict"] == 272
    assert sum(kinds.get(k, 0) for k in POPULATED_KINDS) >= 11_000
    aleppo_nbh = [p for p in gaz.places(["neighbourhood"]) if p.pcode and p.pcode.startswith("N")]
    assert len(aleppo_nbh) == 109
    assert all(p.parent_id == "C1007" for p in aleppo_nbh)


def test_every_ocha_community_keeps_its_code(gaz, shared_dir):
    raw = json.loads((shared_dir / "data/sources/ocha_places_2015/syr_admin4_point.geojson").read_bytes()
                     .decode("utf-8", errors="replace"))
    codes = {f["properties"]["PCODE"] for f in raw["features"]}
    have = {p.pcode for p in gaz.places() if p.pcode}
    assert codes <= have


def test_lookup_by_every_kind_of_key(gaz):
    assert gaz.get("C1007").name == "Aleppo"
    assert gaz.get("SY02").kind == "governorate"
    assert gaz.get("SY020000").kind == "subdistrict"
    assert gaz.get("N0135").kind == "neighbourhood"
    kafr_hamra = gaz.get("gn168734")
    assert kafr_hamra.pcode == "C1134"
    assert kafr_hamra.admin1_pcode == "SY02"
    with pytest.raises(PlaceNotFound):
        gaz.get("C9999999")
    with pytest.raises(LookupError):  # the error is also a LookupError
        gaz.get("gn1")


def test_gold_codes_are_all_known(gaz, shared_dir):
    missing = set()
    for line in (shared_dir / "corpus/seeds.gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g["category"] not in ("place", "hard"):
            continue
        for a in g["accept"]:
            code = a["code"]
            if code[0].isupper() or code.startswith("gn"):
                if code not in gaz:
                    missing.add(code)
    assert not missing


def test_resafa_added_by_curation(gaz):
    ids = gaz.ids_for_key(__import__("geokit.normalise", fromlist=["name_key"]).name_key("الرصافة"))
    near_raqqa = [gaz.get(i) for i in ids if km(gaz.get(i).lat, gaz.get(i).lon, 35.6292, 38.7567) < 3]
    assert len(near_raqqa) == 1
    assert near_raqqa[0].admin1_pcode == "SY11"


def test_known_source_defects_are_fixed(gaz):
    assert gaz.get("C1041").name == "Kafr Nouran"
    assert gaz.get("C1039").name == "Kafr Halab"
    assert "Kafr Aleppo" not in {n.name for n in gaz.names("C1039")}
    assert gaz.get("C1015").name_ar == "خان طومان"
    assert "Khan Touman" in {n.name for n in gaz.names("C1015")}
    # truncated OCHA Arabic names are completed, no replacement characters remain
    assert gaz.get("C1466").name_ar == "الضحاك فوقاني / كوليان فوقاني"
    assert all("\ufffd" not in (p.name_ar or "") for p in gaz.places())
    # Latin strings never sit in the Arabic name field
    from geokit.normalise import script_of

    assert all(script_of(p.name_ar) == "Arab" for p in gaz.places() if p.name_ar)


def test_reviewed_ocha_english_names(gaz):
    # OCHA English names that do not spell their Arabic name are corrected; the OCHA
    # form stays a variant, so tables joined on OCHA names still resolve
    for pid, name, ocha in (("C2868", "Gharnata", "Grandad"), ("C3447", "Treimseh", "Treismeh"),
                            ("C2906", "Northern Um Elsarj", "Nothern Um Elsarj"), ("C5675", "Khatuniyeh", "Katuniyeh")):
        assert gaz.get(pid).name == name
        assert ocha in {n.name for n in gaz.names(pid)}
    # what is left for review is listed in the build report, one line a place
    from pathlib import Path

    report = json.loads((Path(__file__).resolve().parents[1] / "gazetteers" / "syria" / "build_report.json")
                        .read_text(encoding="utf-8"))
    assert len(report["review"]) == report["flags"]["english_name_suspect"] > 0
    assert not any(line.startswith("C2868 ") for line in report["review"])


def test_news_variants_and_military_sites(gaz):
    zahraa = {n.name for n in gaz.names("N0135")}
    assert {"جمعية الزهراء", "جمعیه الزهرا"} <= zahraa
    assert "Kfar Hamra" in {n.name for n in gaz.names("C1134")}
    military = {p.name for p in gaz.places(["military"])}
    for needle in ("Hmeimim", "Kuweires", "Menagh", "Abu al-Duhur", "Taftanaz", "Nayrab"):
        assert any(needle in m for m in military), needle
    hmeimim = next(p for p in gaz.places(["military"]) if "Hmeimim" in p.name)
    assert km(hmeimim.lat, hmeimim.lon, 35.40, 35.95) < 3
    assert hmeimim.admin1_pcode == "SY06"


def test_namesakes_stay_apart(gaz):
    from geokit.normalise import name_key

    babs = [gaz.get(i) for i in gaz.ids_for_key(name_key("الباب"))]
    bab_places = [p for p in babs if p.kind in ("city", "town", "village")]
    assert len(bab_places) >= 2
    assert max(km(a.lat, a.lon, b.lat, b.lon) for a in bab_places for b in bab_places) > 30
    humayrahs = {i for key in ("الحميرة", "حميرة") for i in gaz.ids_for_key(name_key(key))}
    assert len(humayrahs) >= 6


def test_admin_units_resolve_by_qualified_names(gaz):
    from geokit.normalise import name_key

    assert "SY07" in gaz.ids_for_key(name_key("محافظة إدلب"))
    zarbah = [gaz.get(i) for i in gaz.ids_for_key(name_key("ناحية الزربة"))]
    assert [p.kind for p in zarbah] == ["subdistrict"]


def test_name_coverage(gaz):
    from geokit.checks import check

    result = check(gaz)
    assert result.ok, result.failures
    assert result.stats["arabic_name_share"] >= 0.95
    assert result.stats["latin_name_share"] >= 0.98
    assert result.stats["outside_syria"] == 0


def test_boundaries_nest_without_gaps(gaz):
    import shapely

    for layer, count in (("admin1", 14), ("admin2", 62), ("admin3", 272)):
        shapes = [b.shape() for b in gaz.boundaries(layer)]
        assert len(shapes) == count
        assert all(s.is_valid and not s.is_empty for s in shapes)
    country = gaz.boundaries("country")[0].shape()
    gov = shapely.union_all([b.shape() for b in gaz.boundaries("admin1")])
    assert abs(gov.area - country.area) < 1e-9
    # no overlaps between governorates: areas add up to the union
    assert abs(sum(b.shape().area for b in gaz.boundaries("admin1")) - gov.area) < 1e-6
    assert shapely.coverage_is_valid([b.shape() for b in gaz.boundaries("admin3")])
    assert len(gaz.boundaries("neighbours")) >= 5


runner = CliRunner()


def test_cli_show_by_geonames_id_json():
    res = runner.invoke(cli, ["gazetteer", "show", "gn168734", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["id"] == "C1134"
    assert "کفرحمره" in {n["name"] for n in data["names"]}


def test_cli_show_unknown_key_is_usage_error():
    res = runner.invoke(cli, ["gazetteer", "show", "nowhere-123"])
    assert res.exit_code == 2
    assert "nowhere-123" in res.output
    assert "Traceback" not in res.output


def test_cli_info_and_check():
    res = runner.invoke(cli, ["gazetteer", "info", "--format", "json"])
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["by_kind"]["subdistrict"] == 272
    assert data["names_by_script"]["Arab"] > 15_000
    res = runner.invoke(cli, ["gazetteer", "check"])
    assert res.exit_code == 0, res.output
    assert "check passed" in res.output


def test_cli_lists_every_command_in_a_fresh_process():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "from geokit.cli import main; main(['--help'])"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for name in ("gazetteer", "resolve", "geocode", "reverse", "extract", "map", "export"):
        assert f"  {name}" in out.stdout


def test_damascus_neighbourhoods_have_arabic_names(gaz):
    from geokit.normalise import name_key

    assert "C10011071" in gaz.ids_for_key(name_key("المزة"))
    assert gaz.get("C10011011").name_ar == "جوبر"
    damascus = [p for p in gaz.places(["neighbourhood"]) if p.parent_id == "C1001"]
    assert len(damascus) == 64
    assert sum(1 for p in damascus if p.name_ar) >= 50
