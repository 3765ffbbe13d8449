"""Place-mention extraction: offsets, clitics, traps, disambiguation, CLI, seed corpus."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import geokit
from geokit._text import fold_for_matching, fold_name, split_sentences
from geokit.cli import cli
from geokit.exceptions import InputError

def places(text: str, **kw) -> list[tuple[str, str | None]]:
    doc = geokit.extract(text, **kw)
    return [(m.text, m.place.id if m.place is not None else None) for m in doc.mentions]


# --- normalisation with an offset map ------------------------------------------------------

def test_offsets_survive_diacritics_tatweel_zwnj_and_ligatures():
    text = "قصفت الطائرات بلدةَ كَفْرنُبُّل وحلـــب و\u200cسراقب ﻻ شيء"
    ft = fold_for_matching(text)
    assert ft.folded.startswith("قصفت الطايرات بلده كفرنبل وحلب و")
    for word in ft.folded.split():
        i = ft.folded.index(word)
        s, e = ft.span(i, i + len(word))
        assert fold_name(text[s:e]) == word
    doc = geokit.extract(text)
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    assert {m.place.id for m in doc.mentions} >= {"C4068", "C1007", "C3916"}


def test_fast_fold_agrees_with_the_character_table(monkeypatch):
    """Everyday text folds through the charmap codecs; anything else through str.translate.
    Both must give the same folded text and the same offsets."""
    from geokit import _text

    texts = [
        "قصفت الطائرات بلدةَ كَفْرنُبُّل وحلـــب و\u200cسراقب «ريف إدلب» ٢٠ شباط",
        "جنگنده‌های روسی روستای کفرحمره را بمباران کردند ۱۴۰۲",
        "Russian jets struck Ma'arat al-Nu'man – “Idlib” (SANA)",
        "ﻻ ligature, ß, emoji \U0001F600 and Ḥalab",  # outside the fast alphabet
    ]
    fast = [fold_for_matching(t) for t in texts]
    assert _text._fast_fold(texts[0]) is not None and _text._fast_fold(texts[3]) is None
    monkeypatch.setattr(_text, "_fast_fold", lambda t: None)
    for t, a in zip(texts, fast):
        b = fold_for_matching(t)
        assert (a.folded, a._anchor_fold, a._anchor_orig) == (b.folded, b._anchor_fold, b._anchor_orig)
        assert a.has_capitals in (None, any(c.isupper() for c in t))
    assert fast[2].has_capitals is True and fast[0].has_capitals is False


def test_arabic_indic_digits_and_persian_letters_fold():
    assert fold_name("٢٠ كیلومتر") == fold_name("20 كيلومتر")
    assert fold_name("جمعیه الزهرا") == fold_name("جمعية الزهراء")


def test_sentences_do_not_break_inside_numbers():
    sents = split_sentences("وقع القصف في الساعة 1.30 فجرا. ثم توقف!")
    assert [s.text for s in sents] == ["وقع القصف في الساعة 1.30 فجرا.", "ثم توقف!"]


# --- recognition ------------------------------------------------------------------------------

def test_clitics_and_article_forms():
    got = places("انسحبوا من الباب وبالأتارب ولحلب، فيما دخلوا مدينة الباب.")
    ids = [i for _, i in got]
    assert ids.count("C1202") == 2
    assert "C1022" in ids and "C1007" in ids
    # The span covers the article but not the clitic before it.
    assert ("الأتارب", "C1022") in got


def test_compound_names_joined_or_split_and_persian():
    assert ("کفرحمره", "C1134") in places("درگیری در روستای کفرحمره ادامه دارد.")
    assert ("کفر حمره", "C1134") in places("درگیری در روستای کفر حمره ادامه دارد.")
    assert ("كفر نوران", "C1041") in places("اشتباكات على محور كفر نوران غربي حلب.")
    # a village joined from two words needs no cue, as its split form does not, and
    # takes the bare name listed with it along
    assert places("قصفت قوات النظام كفرنبودة والهبيط.") == [("كفرنبودة", "C3209"), ("الهبيط", "C3989")]


def test_latin_case_and_diacritics():
    got = places("Fighting near al-Bāb and in Jisr al-Shughur; Turkish jets hit Manbij.")
    ids = [i for _, i in got]
    assert "C1202" in ids and "C4199" in ids and "C1767" in ids


def test_latin_names_match_on_their_key():
    # Joined and split words, hyphens, apostrophes, articles, case: one key per name.
    text = ("Shelling hit Khantouman and Khan-Tuman before dawn. Jets struck Ma'arrat an-Nu'man, "
            "then Maarat al-Numan and MAARAT AL NUMAN. Clashes went on in Kafrnouran.")
    doc = geokit.extract(text)
    got = [(m.text, m.place.id) for m in doc.mentions]
    assert got == [("Khantouman", "C1015"), ("Khan-Tuman", "C1015"), ("Ma'arrat an-Nu'man", "C3985"),
                   ("Maarat al-Numan", "C3985"), ("MAARAT AL NUMAN", "C3985"), ("Kafrnouran", "C1041")]
    assert all(text[m.start:m.end] == m.text for m in doc.mentions)
    # a news spelling the sources file under another language (WOF: es "Tal Rifaat")
    assert [(m.text, m.place.id) for m in geokit.extract("Shelling hit Tal Rifaat.").mentions] == [
        ("Tal Rifaat", "C1621")]


def test_latin_articles_and_word_runs():
    # "as" before Aleppo is English, not an article; a lower-case word does not extend a name.
    assert places("Cities such as Aleppo were hit, and aid reached Salqin in the north.") == [
        ("Aleppo", "C1007"), ("Salqin", "C4140")]
    assert places("Turkish troops entered al-Bab.") == [("al-Bab", "C1202")]
    # English names the kind after the name; the cue is not part of the toponym.
    doc = geokit.extract("Clashes in the Idlib Governorate spread to the Aleppo countryside.")
    assert [(m.text, m.place.id) for m in doc.mentions] == [("Idlib", "SY07"), ("Aleppo", "SY02")]
    assert doc.mentions[1].countryside


@pytest.mark.parametrize("text", [
    "Fighters of Ahrar al-Sham and Hayat Tahrir al-Sham attacked at dawn.",
    "Forces loyal to President Assad met Putin near Christmas.",
    "Khalid al-Ali said the town was calm on Monday.",
    "The Syrian Observatory for Human Rights and the White Helmets reported it.",
])
def test_english_traps_are_not_places(text):
    assert places(text) == []


def test_latin_spellings_after_place_cues_go_through_the_resolver():
    doc = geokit.extract("Rebels attacked the village of Kfr Nouran west of Aleppo, "
                         "then troops advanced on Khan Toumane south of the city.")
    got = [(m.text, m.place.id, m.match) for m in doc.mentions]
    assert ("Kfr Nouran", "C1041", "resolver") in got
    # The whole run, not its fragment "Toumane" (another village).
    assert ("Khan Toumane", "C1015", "resolver") in got
    assert not any(m.text == "Toumane" for m in doc.mentions)
    # A list after a place is a place cue too.
    assert ("Kfr Nouran", "C1041") in places("Drones struck near Saraqib, Kfr Nouran and Khan Tuman.")
    # Without a place cue an unknown capitalised name is not looked up.
    assert places("Kfr Nouran said the talks failed.") == []
    # Places abroad that news from Syria names are foreign, not Syrian villages spelt alike.
    doc = geokit.extract("Putin and Erdogan met near Sochi; refugees crossed near Kilis.")
    assert [(m.text, m.foreign) for m in doc.mentions] == [("Sochi", True), ("Kilis", True)]


@pytest.mark.parametrize("text", [
    "أعلنت هيئة تحرير الشام أنها صدت الهجوم.",
    "وشارك لواء القدس في المعارك.",
    "فتح القرار الباب أمام مفاوضات جديدة.",
    "استهدفت القوات المنطقة بصواريخ الفيل.",
    "ونقلت صحيفة الشرق الأوسط عن مصدر أن الاجتماع انتهى.",
    "وقال مراسل الأناضول إن الوضع هادئ.",
    "وقعت الحادثة في 2 شباط و6 آذار ونيسان الماضي.",
    "وقالت القوات الروسية إن الجيش السوري والحكومة السورية اتفقا.",
    "وقال الرائد محمد العمر إن الاتفاق صامد.",
])
def test_traps_are_not_places(text):
    assert places(text) == []


def test_common_word_names_need_evidence():
    # مدينة / المدينة and adjectives are never places; a village named like a common word
    # is taken only with a cue.
    assert places("تعرضت المدينة لقصف عنيف وجديد، بحسب مصادر عدة.") == []
    assert ("الباب", "C1202") in places("قصف الطيران مدينة الباب.")


def test_foreign_places_are_marked():
    doc = geokit.extract("وصل الوفد من أنقرة وموسكو إلى دمشق.")
    by_text = {m.text: m for m in doc.mentions}
    assert by_text["أنقرة"].foreign and by_text["أنقرة"].place.id == "W-TR-ANK"
    assert by_text["موسكو"].foreign
    assert not by_text["دمشق"].foreign and by_text["دمشق"].place.id == "C1001"


def test_governorate_and_kind_cues():
    got = places("اشتباكات في ريف حلب الجنوبي وفي محافظة إدلب وداخل مدينة حلب.")
    assert got[0] == ("حلب", "SY02")
    assert got[1] == ("إدلب", "SY07")
    assert got[2] == ("حلب", "C1007")


def test_co_mentioned_places_pick_the_near_homonym():
    # الحميرة names several villages; next to Khalsa and Zitan it is the one south of Aleppo.
    got = dict(places("تقدمت القوات نحو قريتي الحميرة وخلصة قرب بلدة زيتان في ريف حلب الجنوبي."))
    assert got["الحميرة"] == "C1152"


def test_direction_relations():
    doc = geokit.extract("دارت اشتباكات غرب حلب وشمال غربي سوريا.")
    rels = [(r.direction, doc.mentions[r.anchor].place.id, r.text) for r in doc.relations]
    assert ("W", "C1007", "غرب حلب") in rels
    assert ("NW", "SY", "شمال غربي سوريا") in rels


def test_misspelling_of_a_place_already_named_is_recovered():
    doc = geokit.extract("سيطرت القوات على بلدة زيتان. ودارت اشتباكات داخل بلدة الزنتان.")
    last = doc.mentions[-1]
    assert last.text == "الزنتان" and last.place.id == "C1167" and last.match == "fuzzy"


def test_deterministic_and_typed_errors():
    a = geokit.extract("قصف على سراقب وأريحا").to_jsonl()
    b = geokit.extract("قصف على سراقب وأريحا").to_jsonl()
    assert a == b
    with pytest.raises(InputError):
        geokit.extract(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        geokit.extract("نص", date="2020-13-40")
    assert geokit.extract("").mentions == []


def test_mention_record_contract():
    rec = geokit.extract("قصف على سراقب", name="x.txt").mention_records()[0]
    for key in ("doc", "start", "end", "text", "place_id", "name", "lat", "lon", "pcode", "geonameid",
                "kind", "score", "foreign"):
        assert key in rec
    assert rec["doc"] == "x.txt" and rec["place_id"] == "C3916"
    assert abs(rec["lat"] - 35.866) < 0.05 and abs(rec["lon"] - 36.803) < 0.05


# --- examples and CLI -------------------------------------------------------------------------

def test_examples_ship_and_extract():
    from geokit.extraction import example_names, example_text

    names = example_names()
    assert {"ar_idlib_front.txt", "fa_aleppo.txt", "en_bulletin.txt"} <= set(names)
    doc = geokit.extract(example_text("ar_idlib_front.txt"))
    ids = {m.place.id for m in doc.mentions}
    assert {"C4068", "C4278", "C3916", "C4199"} <= ids  # Kafr Nabl, Ariha, Saraqib, Jisr al-Shughur
    assert not any(m.text in ("الباب", "الشرق الأوسط", "الأناضول") for m in doc.mentions)


def test_cli_jsonl_encodings_and_bad_files(tmp_path):
    good16 = tmp_path / "u16.txt"
    good16.write_bytes("قصفت قوات النظام مدينة سراقب.".encode("utf-16"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffاشتباكات في بلدة كفرنبل.".encode("utf-8"))
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 10)
    out = tmp_path / "m.jsonl"
    res = CliRunner().invoke(cli, ["extract", str(binary), str(good16), str(bom), "-o", str(out)])
    assert res.exit_code == 1
    assert "image.bin" in res.output and "Traceback" not in res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {(r["doc"], r["place_id"]) for r in rows} == {("u16.txt", "C3916"), ("bom.txt", "C4068")}
    assert rows[0]["text"] == "سراقب"


def test_cli_all_bad_writes_nothing(tmp_path):
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\x00\x01\x02\x03")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(cli, ["extract", str(binary), "-o", str(out)])
    assert res.exit_code != 0 and not out.exists()


def test_cli_incidents_geojson_and_table(tmp_path):
    out = tmp_path / "inc.geojson"
    res = CliRunner().invoke(cli, ["extract", "--example", "ar_idlib_front.txt", "--incidents", "-o", str(out)])
    assert res.exit_code == 0, res.output
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and fc["features"]
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 35 < lon < 43 and 32 < lat < 38  # lon/lat order, inside Syria
        assert f["properties"]["type"] in geokit.settings.incident_types
        assert f["properties"]["doc"] == "ar_idlib_front.txt"
    res = CliRunner().invoke(cli, ["extract", "--example", "en_bulletin.txt", "-f", "table"])
    assert res.exit_code == 0 and "Kafr Halab" in res.output
    res = CliRunner().invoke(cli, ["extract", "--example", "list"])
    assert "fa_aleppo.txt" in res.output


# --- the seed corpus --------------------------------------------------------------------------

def test_seed_corpus_end_to_end_f1(shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    gold = shared_dir / "corpus" / "seeds.gold.jsonl"
    scorer = shared_dir / "eval" / "score_mentions.py"
    from geokit._io import read_text

    lines = []
    for path in sorted(seeds.glob("*.txt")):
        lines.append(geokit.extract(read_text(path), name=path.name).to_jsonl())
    pred = Path(os.environ.get("TMPDIR", "/tmp")) / f"geokit-seed-pred-{os.getpid()}.jsonl"
    pred.write_text("".join(lines), encoding="utf-8")
    try:
        spec = importlib.util.spec_from_file_location("score_mentions", scorer)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        with contextlib.redirect_stdout(io.StringIO()):
            f1 = mod.main(str(gold), str(pred), False)
    finally:
        pred.unlink()
    assert f1 >= 0.95
