"""Incidents and control observations: type, actors, date, casualties, places, evidence."""

from __future__ import annotations

from datetime import date

import pytest

import geokit
from geokit import settings
from geokit.incidents import jalali_to_gregorian, parse_number

def incidents(text: str, **kw):
    return geokit.extract(text, **kw).incidents


def by_type(text: str, **kw) -> dict:
    return {i.type: i for i in incidents(text, **kw)}


@pytest.mark.parametrize("text, expected", [
    ("سيطرت قوات النظام على بلدة كفرنبل في ريف إدلب الجنوبي.", "capture"),
    ("دارت اشتباكات عنيفة بين الفصائل وقوات النظام على محور النيرب.", "clash"),
    ("قصفت قوات النظام بقذائف المدفعية قرية كفرومة.", "shelling"),
    ("شن الطيران الروسي غارات على مدينة أريحا.", "airstrike"),
    ("استهدفت طائرة مسيرة تركية سيارة قرب بلدة تل تمر.", "drone_strike"),
    ("انفجرت عبوة ناسفة بدورية قرب بلدة طفس.", "explosion"),
    ("هاجم مسلحون حاجزا لقوات النظام قرب مدينة دوما.", "attack"),
    ("انسحبت فصائل المعارضة من قرية الدير الشرقي.", "withdrawal"),
    ("اتهمت المعارضة قوات النظام بخرق وقف إطلاق النار في بلدة سرمين.", "ceasefire_violation"),
    ("Government forces captured the town of Kafr Nabl on Thursday.", "capture"),
    ("A Turkish drone struck a convoy near Saraqib.", "drone_strike"),
    ("ارتش سوریه کنترل شهر خان طومان را پس از درگیری به دست گرفت و آن را آزادسازی کرد.", "capture"),
    ("جنگنده‌های روسی مواضع تروریست‌ها را در اطراف شهر سراقب بمباران کردند.", "airstrike"),
])
def test_incident_types(text, expected):
    types = {i.type for i in incidents(text, date="2020-03-01")}
    assert expected in types
    assert types <= set(settings.incident_types)


def test_actors_use_the_shared_vocabulary():
    inc = by_type("سيطرت قوات النظام مدعومة بالميليشيات الإيرانية على بلدة كفرنبل بعد معارك مع هيئة تحرير الشام.")
    assert set(inc["capture"].actors) == {"government", "iran_backed", "hts"}
    inc = by_type("قتل ثلاثة عناصر من قسد بهجوم لتنظيم داعش قرب مدينة الميادين.")
    assert {"sdf", "isis"} <= set(inc["attack"].actors)
    for i in incidents("A Turkish drone struck SDF fighters near Manbij, killing two civilians."):
        assert set(i.actors) <= set(settings.actors)


def test_dates_weekdays_yesterday_and_explicit():
    ref = "2020-02-06"  # a Thursday
    assert by_type("سيطرت قوات النظام أمس على بلدة كفرنبل.", date=ref)["capture"].date == date(2020, 2, 5)
    assert by_type("سيطرت قوات النظام يوم الأحد على بلدة كفرنبل.", date=ref)["capture"].date == date(2020, 2, 2)
    assert by_type("سيطرت قوات النظام في 2 شباط 2020 على بلدة كفرنبل.")["capture"].date == date(2020, 2, 2)
    # Egyptian and Levantine month names together, day glued to the month
    assert by_type("انسحبت الفصائل، الأحد 2فبراير/ شباط 2020، من قرية الدير الشرقي.")["withdrawal"].date == date(2020, 2, 2)
    # a day and month without year take the year of the report date
    assert by_type("قصف الطيران مدينة أريحا في 27 نوفمبر.", date="2024-11-30")["airstrike"].date == date(2024, 11, 27)
    # background dates ("since ...") do not date the report
    doc = geokit.extract("منذ 6 مارس 2020 يسري وقف لإطلاق النار. وقصف الطيران أريحا أمس.")
    assert doc.date is None


def test_persian_solar_dates():
    assert jalali_to_gregorian(1398, 11, 13) == date(2020, 2, 2)
    assert jalali_to_gregorian(1403, 9, 7) == date(2024, 11, 27)
    doc = geokit.extract("ارتش سوریه روز یکشنبه ۱۳ بهمن ۱۳۹۸ کنترل روستای خان طومان را به دست گرفت.")
    assert doc.date == date(2020, 2, 2)


def test_numbers():
    assert parse_number("٢٠") == 20
    assert parse_number("۳۵") == 35
    assert parse_number("خمسة") == 5
    assert parse_number("ثلاثة وعشرين") == 23
    assert parse_number("twelve") == 12


def test_casualties():
    inc = by_type("شن الطيران الروسي غارات على مدينة أريحا، ما أسفر عن مقتل أربعة مدنيين وإصابة ١٢ آخرين.")
    assert (inc["airstrike"].killed, inc["airstrike"].wounded) == (4, 12)
    inc = by_type("أعلنت الوزارة أن أربعة من جنودها قتلوا، وأصيب تسعة، في قصف لقوات النظام على سراقب.")
    assert (inc["shelling"].killed, inc["shelling"].wounded) == (4, 9)
    inc = by_type("اندلعت اشتباكات على محور كفرنوران أسفرت عن مقتل وجرح 4 عناصر.")
    assert inc["clash"].casualties == 4 and inc["clash"].killed is None
    inc = by_type("قصف الطيران الروسي مدينة الباب وأسفر عن إصابة مدني.")
    assert inc["airstrike"].wounded == 1
    inc = by_type("در درگیری در حومه حلب ۲۰ تن از تروریست ها به هلاکت رسیدند.")
    assert inc["clash"].killed == 20
    inc = by_type("Russian jets bombed Ariha, killing six civilians and wounding 14 others.")
    assert (inc["airstrike"].killed, inc["airstrike"].wounded) == (6, 14)
    # numbers of hours, kilometres or raids are not casualties
    inc = by_type("شن الطيران 38 غارة على أريحا خلال 24 ساعة دون وقوع قتلى.")
    assert inc["airstrike"].killed is None


def test_places_roles_and_qualifiers():
    inc = by_type("أقلعت المقاتلة الروسية من قاعدة حميميم وقصفت مدينة الباب في ريف حلب.")["airstrike"]
    roles = {m.place.id: r for m, r in inc.places}
    assert roles.get("C1202") == "target"
    assert any(pid in roles and roles[pid] == "origin" for pid in ("C3588", "gk-hmeimim-airbase"))
    assert "SY02" not in roles  # ريف حلب only locates al-Bab
    # a road between two places puts both on the map
    inc = by_type("قتل 5 عناصر بهجوم لتنظيم داعش على طريق أثريا - خناصر.")["attack"]
    assert {m.place.id for m, _ in inc.places} >= {"C3273", "C2169"}
    assert inc.killed == 5


def test_control_observations():
    doc = geokit.extract("سيطرت قوات النظام، الأحد، على بلدة زيتان في ريف حلب الجنوبي.", date="2020-02-03", name="r.txt")
    obs = doc.control_observations
    assert len(obs) == 1
    o = obs[0]
    assert (o.place_id, o.faction, o.date, o.source) == ("C1167", "government", date(2020, 2, 2), "r.txt")
    assert abs(o.lat - 36.04) < 0.1 and 0 < o.confidence <= 1
    assert o.evidence.startswith("سيطرت")
    # the verbal noun takes its agent after it: the factions entered, not the army
    doc = geokit.extract("وكان الجيش السوري أقر بدخول الفصائل المقاتلة إلى مدينة سراقب.")
    assert [(c.place_id, c.faction) for c in doc.control_observations] == [("C3916", "opposition")]
    # a failed or partial attempt takes nothing
    for text in ("صدت الفصائل محاولة تقدم لقوات النظام على محور خلصة.",
                 "لم تسيطر قوات النظام بالكامل على بلدة زيتان.",
                 "تقدمت قوات النظام نحو مدينة جسر الشغور."):
        assert geokit.extract(text).control_observations == []
    # a withdrawal leaves the place to the other side named
    doc = geokit.extract("انسحبت فصائل المعارضة من قرية الدير الشرقي بعد قصف قوات النظام.")
    assert [(c.place_id, c.faction, c.kind) for c in doc.control_observations] == [("C3962", "government", "withdrawal")]


def test_dateline_is_not_an_incident_place():
    def places(text):
        doc = geokit.extract(text, date="2024-05-02")
        return [(i.type, [m.place.id for m, _ in i.places], i.actors) for i in doc.incidents]

    # where the report was filed is not where the drone struck
    assert places("ALEPPO, Syria (Reuters) - Turkish drones struck a car near Qamishli on Tuesday, "
                  "killing two SDF fighters.") == [("drone_strike", ["C4564"], ["turkey", "sdf"])]
    assert places("إدلب ـ «القدس العربي»: قصفت قوات النظام بلدة كفرنبل.") == [("shelling", ["C4068"], ["government"])]
    # with no other place, the dateline's place is the best there is
    assert places("Saraqeb - Government forces shelled the town on Monday.") == [
        ("shelling", ["C3916"], ["government"])]


def test_persian_phrases_written_with_zwnj():
    # جنگنده‌های (ZWNJ) folds to one word; the lexicon writes it with a space
    doc = geokit.extract("جنگنده‌های روسی مواضع تروریست‌ها در ادلب را بمباران کردند.", date="2024-05-02")
    assert [(i.type, i.actors) for i in doc.incidents] == [("airstrike", ["russia", "opposition"])]


def test_held_places_give_control_observations():
    def held(text):
        return [(c.place_id, c.faction, c.kind) for c in geokit.extract(text, date="2024-05-02").control_observations]

    assert held("أصبحت بلدة خان شيخون تحت سيطرة قوات النظام بعد معارك عنيفة.") == [("C3987", "government", "held")]
    assert held("The town of Saraqeb is now under the control of government forces.") == [("C3916", "government", "held")]
    assert held("Saraqeb, held by HTS, was shelled by government artillery.") == [("C3916", "hts", "held")]
    # a relative clause after a comma, and one observation for overlapping phrases
    assert held("قصفت قوات النظام بلدة كفرنبل، والتي تخضع لسيطرة هيئة تحرير الشام.") == [("C4068", "hts", "held")]
    # the verb after its subject, and before it
    assert held("قوات النظام تسيطر على بلدة خان شيخون جنوب إدلب") == [("C3987", "government", "held")]
    assert held("تسيطر قوات سوريا الديمقراطية على مدينة منبج منذ عام 2016.") == [("C1767", "sdf", "held")]
    # areas, denials and "بيد" as "but" hold nothing
    assert held("قصفت قوات النظام مناطق خاضعة لسيطرة المعارضة في ريف إدلب.") == []
    assert held("The town of Saraqeb is no longer under the control of government forces.") == []
    assert held("وقال إنه بيد أن الوضع في حلب هادئ") == []


def test_geojson_features():
    doc = geokit.extract("شن الطيران الروسي غارات على مدينة أريحا وبلدة سرمين، ما أسفر عن مقتل أربعة مدنيين.",
                         date="2020-03-01", name="b.txt")
    fc = doc.to_geojson()
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == 2
    for f in fc["features"]:
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert 36 < lon < 37 and 35 < lat < 36.5
        p = f["properties"]
        assert p["type"] == "airstrike" and p["actors"] == ["russia", "civilians"]
        assert p["date"] == "2020-03-01" and p["doc"] == "b.txt"
        assert p["place_ar"] in ("أريحا", "سرمين")
    assert doc.controls_geojson()["features"] == []


def test_seed_target_incidents(shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    from geokit._io import read_text

    docs = [geokit.extract(read_text(p), name=p.name) for p in sorted(seeds.glob("*.txt"))]

    def types_at(*ids: str) -> set[str]:
        return {i.type for d in docs for i in d.incidents for m, _ in i.places if m.place.id in ids}

    assert "capture" in types_at("C1167")                       # Zitan
    assert types_at("gn172615") & {"attack", "clash"}            # Khalsa
    assert "airstrike" in types_at("C1039")                     # Kafr Halab
    assert "airstrike" in types_at("C1202")                     # al-Bab
    assert "airstrike" in types_at("C3588", "gk-hmeimim-airbase")  # Hmeimim
    assert {"clash", "shelling"} <= types_at("C1041")            # Kafr Nouran
    assert "attack" in types_at("C3273", "C2169")               # Athriya - Khanasser road
    zitan = [c for d in docs for c in d.control_observations if c.place_id == "C1167"]
    assert zitan and zitan[0].faction == "government"


def test_persian_shelling_written_with_zwnj_or_space():
    for verb in ("گلوله\u200cباران", "گلوله باران"):
        found = incidents(f"ارتش سوریه مواضع مسلحان در روستای کفرحلب را {verb} کرد.", date="2024-03-02")
        assert [i.type for i in found] == ["shelling"], verb
        assert "government" in found[0].actors
