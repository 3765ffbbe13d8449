"""``geokit.resolve`` and ``geokit resolve``: names in any script or spelling
to gazetteer places, with abstention, ambiguity, context and hints.

Expected places are gazetteer ids (OCHA P-codes such as C1015 for Khan
Tuman); coordinates are checked against the place's own record.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from geokit import Candidate, Resolution, resolve
from geokit.cli import cli
from geokit.exceptions import GeokitError, InputError
from geokit.resolver import MATCH_TYPES, RECORD_FIELDS, haversine_km

runner = CliRunner()


def best_id(name: str, **kwargs) -> str | None:
    res = resolve(name, **kwargs)
    return res.best.place.id if res.best else None


# --- the issue's examples ---------------------------------------------------------

@pytest.mark.parametrize("name, place_id", [
    ("Khan Touman", "C1015"),
    ("Kfr Nouran", "C1041"),
    ("خان طومان", "C1015"),
    ("Izaz", "C1564"),
    ("Al-Zerba, Aleppo", "C1170"),
    ("Aleppo - Salah Eddin", "N0214"),
    ("Salah Eddin - Aleppo", "N0214"),
    ("Rajo village, Afrin", "C1484"),
])
def test_issue_examples(name, place_id):
    res = resolve(name)
    assert isinstance(res, Resolution) and res.resolved
    assert res.best.place.id == place_id
    assert isinstance(res.best, Candidate) and 0.75 <= res.best.score <= 1.0
    assert res.best.match in MATCH_TYPES


# --- scripts and spellings ---------------------------------------------------------

@pytest.mark.parametrize("names, place_id", [
    (["Khan Touman", "Khan Tuman", "Khan Tooman", "Khantuman", "Han Tuman", "خان طومان", "خانطومان"], "C1015"),
    (["Zerba", "Zarbah", "Zirbah", "Az-Zarbah", "Al-Zerba", "الزربة", "زربه"], "C1170"),
    (["Khanasser", "Khanasir"], "C2169"),
    (["Kafr Nouran", "Kfar Nouran", "Kfr Nouran", "Kefr Nouran", "Kafrnouran", "Kafr Nouaran", "كفر نوران"], "C1041"),
    (["Deir ez-Zor", "Dayr az Zawr", "Der Ezzor", "Deir el-Zor", "دير الزور"], "C5086"),
    (["Tal Rifaat", "Tell Rifaat", "Tel Refaat"], "C1621"),
    (["Ma'arrat an-Nu'man", "Maarat al-Numan", "Maaret al-Numan", "Ma‘arrat al-Nu‘man"], "C3985"),
    (["Kafr Hamra", "Kfar Hamra", "كفر حمرة", "کفرحمره"], "C1134"),
    (["Saraqib", "Saraqeb", "Sarakib"], "C3916"),
    (["Qamishli", "Kamishli", "Gamishli"], "C4564"),
    (["Jisr al-Shughour", "Jisr ash-Shugur", "Jisr Ash Shoghour"], "C4199"),
    (["Al-Thawrah", "Ath-Thawrah", "Al-Sawra"], "C5929"),
    (["Khan Shaykhun", "Khan Sheikhoun", "Khan Cheikhoun"], "C3987"),
    (["A'zaz", "A`zaz", "Azaz", "Izaz", "اعزاز"], "C1564"),
    (["Al Bab", "al-Bab", "Bab", "الباب"], "C1202"),
    (["Dirbêsiyê", "Darbasiyah"], "C5054"),
    (["Cindirês", "Jindires", "جنديرس"], "C1426"),
])
def test_spelling_variants(names, place_id):
    for name in names:
        assert best_id(name) == place_id, name


def test_pasted_and_run_together_names():
    # a name pasted twice, a dangling conjunction, words run together after ة
    assert best_id("KhanasirKhanasir") == best_id("خناصرخناصر") == "C2169"
    assert best_id("Khanasir and") == best_id("خناصر و") == "C2169"
    assert resolve("مزرعةخناصر").best.place.id == resolve("مزرعة خناصر").best.place.id == "C2169"


@pytest.mark.parametrize("name, place_id", [("Talbise", "C2882"), ("Sokhne", "C2893"), ("Ghandora", "C2250")])
def test_final_h_of_ta_marbuta_folds_away(name, place_id):
    res = resolve(name)
    assert res.best.place.id == place_id and res.best.match == "folded"
    assert res.best.reason.startswith("folded match of")  # the name itself, not a spelling variant


def test_kurdish_x_reads_as_kh_or_q():
    # Kurdish Latin x writes the sound Arabic romanisations give as kh or q
    assert best_id("Sardax") == best_id("Sardaq") == "C4707"
    assert best_id("Hallax") == "C4820"


def test_interdental_th_dh_also_read_as_z():
    # ذ/ظ: formal "dh"/"th", Levantine "z" (Dhahabiyah / Zahabiyeh)
    ids = {c.place.id for c in resolve("Zahabiyeh", limit=10).candidates}
    assert {"gn174211", "gn170723"} <= ids
    assert all(c.score >= 0.9 for c in resolve("Zahabiyeh", limit=3).candidates)


def test_part_of_a_longer_name_is_a_weak_partial_match():
    # "Thibyan" for the farm "Hawi Thibyan": a partial answer when nothing better exists
    res = resolve("Thibyan")
    assert res.best.place.id == "C5204" and res.best.match == "partial"
    assert 0.75 <= res.best.score < 0.9
    # a place with the name itself beats one with the name inside a longer one
    res = resolve("Mgheizel", limit=5)
    assert res.best.place.id == "C2955" and res.best.match != "partial"
    assert "C5491" in {c.place.id for c in res.candidates}
    # inside several names alike: no answer
    assert not resolve("Bayn").resolved
    # "father of X", "family of X": X alone is another name
    assert "C5167" not in {c.place.id for c in resolve("Kamal", limit=10).candidates}
    assert "gn174610" not in {c.place.id for c in resolve("Duhur", limit=10).candidates}


@pytest.mark.parametrize("name", [
    "Khanasir Algharbi", "Khanasser Foqani", "Mazraat Khanasir", "Albu Khanasir",
])
def test_head_and_direction_words_fall_back_to_the_bare_name(name):
    # no gazetteer name has the extra word: the bare name is the answer, marked partial
    res = resolve(name)
    assert res.best.place.id == "C2169" and res.best.match == "partial"
    assert res.best.score < resolve("Khanasir").best.score


@pytest.mark.parametrize("typo, place_id", [
    ("Khan Tumam", "C1015"),
    ("Abeen Samaan", "C1026"),
    ("Saraqbi", "C3916"),  # transposition
    ("Kasnafra", "C4309"),  # transposed consonants: one slip, not two
])
def test_typos(typo, place_id):
    res = resolve(typo, limit=10)
    assert res.best.place.id == place_id
    assert res.best.match in ("fuzzy", "folded")


def test_a_slip_on_a_word_initial_is_more_doubtful():
    # one slip each; at the start of a word it is less likely a typo than another name
    end, start = resolve("Kafr Nouram"), resolve("Kafr Mouran")
    assert end.best.place.id == start.best.place.id == "C1041"
    assert start.best.score <= end.best.score - 0.04


def test_persian_and_arabic_letter_variants():
    # Persian kaf/yeh, ta marbuta written as heh, hamza seats
    assert best_id("کفرحمره") == best_id("كفرحمرة") == "C1134"
    assert best_id("راس العين") == best_id("رأس العين") == "C4988"


# --- qualifiers and compound inputs --------------------------------------------------

def test_arabic_qualifiers_name_admin_units():
    assert best_id("ناحية الزربة") == "SY020005"
    assert best_id("محافظة حلب") == "SY02"
    assert best_id("Aleppo Governorate") == "SY02"


def test_bare_name_prefers_the_settlement_over_its_admin_unit():
    res = resolve("Idlib")
    assert res.best.place.kind == "city" and not res.ambiguous
    assert resolve("Zarbah").best.place.kind == "town"


def test_city_preferred_to_an_equally_named_village():
    # "Tabaqa" is the city (At Tabaqah, now Al-Thawrah), though a village in Hasakah is spelt exactly so
    for name in ("Tabaqa", "Tabqa", "الطبقة"):
        assert best_id(name) == "C5929", name
    # the town over its subdistrict, spelt alike
    assert best_id("Atareb") == "C1022"
    # only namesakes compete: the city does not displace the neighbourhood named with it
    assert best_id("Aleppo - Salah Eddin") == "N0214"
    # an ordinal is not a place name: "Second Neighbourhood" does not pull towards "Second Jozat"
    assert best_id("Tabaqa, Second Neighbourhood") == "C5929"


def test_countryside_names_no_point():
    for name in ("Idleb countryside", "ريف حلب الغربي", "Kafr Hamra countryside"):
        res = resolve(name)
        assert not res.resolved and res.best is None
        assert "countryside" in res.candidates[0].reason


def test_fallback_to_parent():
    res = resolve("Bustan al-Ward neighbourhood, Aleppo")
    assert res.resolved and res.best.place.id == "C1007"
    assert res.best.match == "fallback-to-parent"
    assert "not found" in res.best.reason
    near = resolve("Abu Tabbal near Kafr Naha")
    assert near.best.place.id == "C1034" and near.best.match == "fallback-to-parent"
    # a village named only with its district is not placed at the district's town
    assert not resolve("Qaryat Zahr, Afrin").resolved
    # a village is not inside a city: "Qaryat Zahr village, Manbij" is somewhere around it
    assert not resolve("Qaryat Zahr village, Manbij").resolved
    assert resolve("Qaryat Zahr village, Manbij").candidates[0].place.id == "C1767"
    # "X, Aleppo" may name the governorate as well as the city: too coarse
    assert not resolve("Qaryat Zahr, Aleppo").resolved
    # a street in a city is in the city
    assert resolve("Qaryat Zahr street, Aleppo").best.place.id == "C1007"
    assert resolve("حي الورود، حلب").best.place.id == "C1007"


def test_direction_context_is_wide_but_not_unbounded():
    # Tal Hmis lies some 40 km south of Qamishli: "south of" covers it
    assert best_id("Tal Hamis, south of Qamishli") == "C4639"
    assert not resolve("Tal Hamis, north of Damascus").resolved


def test_context_picks_the_namesake():
    # "X (Y)": Y constrains X
    assert best_id("Hamrat (Lattakia)") == "C3732"
    assert best_id("Kafr Naseh (Atareb)") == "C1036"
    res = resolve("Hamrat (Raqqa)")  # no Hamrat there: neither namesake, Raqqa at most
    assert res.best is None or haversine_km(res.best.place.lat, res.best.place.lon, 35.96, 39.0) < 30
    # two villages named Kafr Naseh, both in Aleppo governorate: a tie, not a guess
    naseh = resolve("Kafr Naseh")
    assert naseh.ambiguous and not naseh.resolved
    assert {"C1036", "C1628"} <= {c.place.id for c in naseh.candidates}


def test_descriptions_abstain():
    for name in ("12 km from Manbij", "15 km north of Azaz", "the 9km checkpoint", "near the Omari mosque",
                 "zzqxwv"):
        res = resolve(name)
        assert not res.resolved and res.best is None, name
        assert res.reason
    assert "12 km" in resolve("12 km from Manbij").reason


# --- ambiguity and hints ---------------------------------------------------------------

def test_ambiguous_namesakes_and_hints(monkeypatch):
    # two villages named Hamrat, 150 km apart, nothing to tell them apart: abstain
    res = resolve("Hamrat", limit=5)
    assert res.ambiguous and not res.resolved and res.best is None
    ids = {c.place.id for c in res.candidates}
    assert {"C2661", "C3732"} <= ids
    assert "ambiguous" in res.reason and "C2661" in res.reason and "C3732" in res.reason
    from geokit import settings

    monkeypatch.setattr(settings, "resolver_abstain_on_tie", False)
    guess = resolve("Hamrat", limit=5)
    assert guess.resolved and guess.ambiguous and guess.best.place.id in ("C2661", "C3732")
    monkeypatch.undo()
    homs = resolve("Hamrat", admin="Homs")
    assert homs.best.place.id == "C2661" and not homs.ambiguous
    latakia = resolve("Hamrat", admin="SY06")
    assert latakia.best.place.id == "C3732"
    near = resolve("Hamrat", near=(35.75, 36.15))
    assert near.best.place.id == "C3732"
    assert resolve("Hamrat", near="35.75,36.15").best.place.id == "C3732"


def test_kinds_filter():
    res = resolve("Zarbah", kinds=["subdistrict"])
    assert res.best.place.id == "SY020005"
    assert all(c.place.kind == "subdistrict" for c in res.candidates)


def test_unknown_admin_hint_is_reported_not_fatal():
    res = resolve("Khan Touman", admin="Atlantis")
    assert res.best.place.id == "C1015"
    assert "not recognised" in res.reason


# --- errors, determinism ------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["", "   ", 123, None, "x" * 600, "a\x00b"])
def test_bad_queries_raise_input_error(bad):
    with pytest.raises(InputError):
        resolve(bad)


def test_bad_options_raise_input_error():
    with pytest.raises(InputError):
        resolve("Aleppo", kinds=["metropolis"])
    with pytest.raises(InputError):
        resolve("Aleppo", near=(95, 0))
    with pytest.raises(InputError):
        resolve("Aleppo", near="north")
    with pytest.raises(InputError):
        resolve("Aleppo", limit=0)
    assert issubclass(InputError, GeokitError) and issubclass(InputError, ValueError)


def test_deterministic_and_fast_path_agrees_with_general_path(gaz):
    from geokit._query import is_plain
    from geokit.resolver import _get_resolver

    r = _get_resolver(None)
    sample = [row for i, row in enumerate(gaz.iter_names()) if i % 97 == 0 and row[3] in ("Latn", "Arab")]
    assert len(sample) > 500
    for place_id, name, *_ in sample:
        fast = r.resolve(name, None, None, None, 5)
        assert fast == resolve(name) == resolve(name)
        if is_plain(name):  # a bare name: the general path must agree
            assert fast == r.resolve_readings(name, None, None, None, 5), name
        # a gazetteer name, even "A - B" or "A / B", is taken whole: its place is a candidate
        assert place_id in {c.place.id for c in fast.candidates} or len(fast.candidates) == 5, name


def test_sqlite_and_memory_index_agree(gaz):
    from geokit._index import NameIndex
    from geokit.resolver import _Resolver

    cold = _Resolver(NameIndex(gaz))  # answers from the on-disk index
    names = ["Khan Touman", "Kfr Nouran", "Aleppo - Salah Eddin", "Hamrat", "Zerba", "Khan Tumam",
             "Rajo village, Afrin", "كفرنبل", "Dirbêsiyê", "12 km from Manbij"]
    before = [cold.resolve(n, None, None, None, 5) for n in names[:3]]
    assert cold.ix._mem is None  # still on SQLite
    cold.ix.load()
    after = [cold.resolve(n, None, None, None, 5) for n in names[:3]]
    assert before == after
    warm = _Resolver(NameIndex(gaz))
    warm.ix.load()
    assert [cold.resolve(n, None, None, None, 5) for n in names] == \
           [warm.resolve(n, None, None, None, 5) for n in names]


def test_record_fields():
    rec = resolve("Khan Touman").record()
    assert list(rec) == list(RECORD_FIELDS)
    assert rec["place_id"] == "C1015" and rec["admin1_pcode"] == "SY02"
    assert abs(rec["lat"] - 36.115) < 0.01 and abs(rec["lon"] - 37.047) < 0.01
    empty = resolve("zzqxwv").record()
    assert empty["place_id"] is None and empty["lat"] is None and empty["reason"]


# --- the command -------------------------------------------------------------------------------

def test_cli_jsonl_fields_and_exit_codes():
    result = runner.invoke(cli, ["resolve", "Khan Touman", "zzqxwv", "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    for line in lines:
        for field in ("query", "place_id", "name", "name_ar", "kind", "lat", "lon", "pcode", "geonameid",
                      "admin1_pcode", "admin1", "score", "match", "ambiguous"):
            assert field in line
    assert lines[0]["place_id"] == "C1015" and lines[0]["name_ar"] == "خان طومان"
    assert lines[1]["query"] == "zzqxwv" and lines[1]["place_id"] is None and lines[1]["reason"]
    ok = runner.invoke(cli, ["resolve", "Khan Touman", "-f", "jsonl"])
    assert ok.exit_code == 0


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "geojson"])
def test_cli_formats(fmt):
    result = runner.invoke(cli, ["resolve", "Kfr Nouran", "Hamrat", "Zarbah", "--top", "2", "--format", fmt])
    assert result.exit_code == 1, result.output  # Hamrat is a tie
    out = result.stdout
    if fmt == "json":
        rows = json.loads(out)
        assert rows[0]["place_id"] == "C1041" and rows[0]["rank"] == 1
        hamrat = [r for r in rows if r["query"] == "Hamrat"]
        assert len(hamrat) == 1 and hamrat[0]["place_id"] is None and hamrat[0]["ambiguous"] is True
        assert "C3732" in hamrat[0]["reason"]
        assert [r["place_id"] for r in rows if r["query"] == "Zarbah"] == ["C1170", "SY020005"]
    elif fmt == "geojson":
        fc = json.loads(out)
        assert fc["type"] == "FeatureCollection"
        lon, lat = fc["features"][0]["geometry"]["coordinates"]
        assert abs(lat - 36.08) < 0.01 and abs(lon - 36.83) < 0.01
        assert any(f["geometry"] is None and f["properties"]["query"] == "Hamrat" for f in fc["features"])
    elif fmt == "csv":
        header, first = out.splitlines()[:2]
        assert header.split(",")[:3] == ["query", "place_id", "name"]
        assert first.startswith("Kfr Nouran,C1041,Kafr Nouran")
    else:
        assert "Kafr Nouran" in out and "ambiguous" in out and "SY020005" in out


def test_cli_stdin_and_input_file(tmp_path):
    result = runner.invoke(cli, ["resolve", "-", "-f", "csv"], input="Izaz\n\nخان طومان\n")
    assert result.exit_code == 0
    assert [line.split(",")[1] for line in result.stdout.splitlines()[1:]] == ["C1564", "C1015"]
    names = tmp_path / "names.txt"
    names.write_bytes("\ufeffKfr Nouran\r\nAl-Zerba, Aleppo\r\n".encode("utf-16"))
    result = runner.invoke(cli, ["resolve", "--input", str(names), "-f", "jsonl"])
    assert result.exit_code == 0
    assert [json.loads(line)["place_id"] for line in result.stdout.splitlines()] == ["C1041", "C1170"]
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["resolve", "Izaz", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").splitlines()[1].startswith("Izaz,C1564")


def test_cli_usage_and_input_errors(tmp_path):
    assert runner.invoke(cli, ["resolve"]).exit_code == 2
    assert runner.invoke(cli, ["resolve", "Aleppo", "--near", "north"]).exit_code == 2
    assert runner.invoke(cli, ["resolve", "Aleppo", "--kind", "metropolis"]).exit_code == 2
    missing = runner.invoke(cli, ["resolve", "--input", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(cli, ["resolve", "--input", str(binary)])
    assert result.exit_code == 2 and "binary" in result.output
    assert "Traceback" not in result.output


def test_cli_never_imports_geopandas_or_matplotlib(tmp_path):
    code = (
        "import sys\n"
        "from geokit.cli import main\n"
        "sys.argv = ['geokit', 'resolve', 'Khan Touman', '-f', 'jsonl']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('geopandas', 'matplotlib', 'pandas', 'shapely'))\n"
        "print('HEAVY', heavy)\n"
    )
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert '"place_id": "C1015"' in out.stdout
    assert "HEAVY []" in out.stdout
