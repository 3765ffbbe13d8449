"""Incidents and control observations from the sentences of a document.

Called by :func:`geokit.extract`; works on the folded text and the lexicon
hits it already has.  Per sentence:

- **type**: trigger words of :data:`geokit._lexicon.INCIDENT_TRIGGERS`, then
  rules: shelling or an attack next to an aircraft word is an airstrike, next
  to a drone word a drone strike; a violation verb with a truce word is a
  ceasefire violation; a capture after "attempt", "failed", "did not" is an
  attack, and a capture "towards" a place takes nothing;
- **actors**: phrases of :data:`geokit._lexicon.ACTOR_PHRASES` (longest wins),
  coded with :data:`geokit.settings.actors`;
- **date**: an explicit date in the sentence (Gregorian in Arabic, Levantine,
  Persian or English month names, numeric dates, Persian solar dates), else
  "yesterday"/"today" or a weekday resolved against the report's date, else
  the report's date;
- **casualties**: killed and wounded with digits (any script) or number words;
- **places**: each place goes to the nearest trigger before it (else after);
  places that only locate others (ريف حلب, a governorate, a country) are
  dropped when a finer place is there;
- **evidence**: the sentence.

A completed capture gives a :class:`ControlObservation` (the capturer's
faction holds the place); a withdrawal gives one for the other side when
the sentence names it; "X is under the control of Y" (تحت سيطرة, الخاضعة
لسيطرة) gives one of kind ``held`` for the settlements of its clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from operator import attrgetter
from typing import Any

from geokit import settings
from geokit._phrases import Hits

__all__ = ["Incident", "ControlObservation", "find_incidents", "document_date", "jalali_to_gregorian",
           "parse_number"]


@dataclass
class Incident:
    """Something that happened, somewhere, per :data:`geokit.settings.incident_types`."""

    type: str
    actors: list[str]
    date: Date | None
    date_source: str | None
    killed: int | None
    wounded: int | None
    casualties: int | None
    places: list[tuple[Any, str]]  # (Mention, role) with role "target" or "origin"
    evidence: str
    start: int
    end: int
    doc: str | None = None
    confidence: float = 0.7

    @property
    def label(self) -> str:
        """English label of the type."""
        return settings.incident_types.get(self.type, self.type)

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form (places as ids and names)."""
        return {
            "type": self.type,
            "label": self.label,
            "actors": list(self.actors),
            "date": self.date.isoformat() if self.date else None,
            "date_source": self.date_source,
            "killed": self.killed,
            "wounded": self.wounded,
            "casualties": self.casualties,
            "places": [{"place_id": m.place.id, "place": m.place.name, "place_ar": m.place.name_ar,
                        "text": m.text, "role": role} for m, role in self.places],
            "evidence": self.evidence,
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
        }

    def features(self, doc: str | None = None) -> list[dict[str, Any]]:
        """GeoJSON features, one point per place (RFC 7946: lon, lat)."""
        feats = []
        for m, role in self.places:
            p = m.place
            feats.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]},
                "properties": {
                    "type": self.type,
                    "label": self.label,
                    "actors": list(self.actors),
                    "date": self.date.isoformat() if self.date else None,
                    "killed": self.killed,
                    "wounded": self.wounded,
                    "casualties": self.casualties,
                    "evidence": self.evidence,
                    "doc": doc if doc is not None else self.doc,
                    "place_id": p.id,
                    "place": p.name,
                    "place_ar": p.name_ar,
                    "text": m.text,
                    "role": role,
                    "confidence": self.confidence,
                },
            })
        return feats


@dataclass
class ControlObservation:
    """Who held a place on a date, as a report says."""

    place: str
    place_id: str
    lat: float
    lon: float
    faction: str
    date: Date | None
    source: str | None
    confidence: float
    evidence: str
    kind: str = "capture"  # capture, withdrawal, held (a standing fact: "under the control of")
    place_ar: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form."""
        return {
            "place": self.place, "place_ar": self.place_ar, "place_id": self.place_id,
            "lat": round(self.lat, 6), "lon": round(self.lon, 6), "faction": self.faction,
            "date": self.date.isoformat() if self.date else None, "source": self.source,
            "confidence": round(self.confidence, 2), "evidence": self.evidence, "kind": self.kind,
        }

    def feature(self) -> dict[str, Any]:
        """A GeoJSON point feature."""
        props = self.to_dict()
        lat, lon = props.pop("lat"), props.pop("lon")
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


# --- dates ----------------------------------------------------------------------------------

def jalali_to_gregorian(jy: int, jm: int, jd: int) -> Date:
    """Convert a Persian solar (Jalali) date to a Gregorian :class:`datetime.date`.

    >>> jalali_to_gregorian(1398, 11, 13)
    datetime.date(2020, 2, 2)
    """
    # The arithmetic algorithm of the jalaali calendar libraries (exact for 1 to 3000 AP).
    jy += 1595
    days = (-355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
            + ((jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186))
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    month_days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 0
    while gm < 12 and gd > month_days[gm]:
        gd -= month_days[gm]
        gm += 1
    return Date(gy, gm + 1, gd)


_NUM = re.compile(r"(?<![\d.])(\d{1,7})(?![\d.]\d)")
_YEAR_AFTER = re.compile(r"^ {0,3}(?:عام |سال |ميلادي )?(\d{4})(?!\d)")
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2}) {0,3}$")
_DAY_YEAR_AFTER = re.compile(r"^ {1,3}(\d{1,2}) {1,3}(\d{4})(?!\d)")
_NUMERIC_DATE = re.compile(r"(\d{4}) (\d{1,2}) (\d{1,2})(?!\d)|(\d{1,2}) (\d{1,2}) (\d{4})(?!\d)")


_GLUED = re.compile(r"(\d{1,2})([^\W\d_]{3,})")
_DIGITS = re.compile(r"[0-9]+")  # folded text has ASCII digits only


@dataclass(frozen=True)
class _Glued:
    start: int
    end: int
    word_start: int
    cat: str
    value: int


def _fold_keys(table: dict[str, int]) -> dict[str, int]:
    from geokit._text import fold_name

    return {fold_name(k): v for k, v in table.items()}


_MONTHS_F: dict[str, int] = {}
_PMONTHS_F: dict[str, int] = {}


@dataclass
class _DateHit:
    start: int
    end: int
    value: Date | None
    month: int | None = None
    day: int | None = None
    background: bool = False


def _explicit_dates(f: str, hits: list) -> list[_DateHit]:
    """Dates written out in folded text (day month [month] [year] and numeric forms)."""
    if not _MONTHS_F:
        from geokit import _lexicon as lex

        _MONTHS_F.update(_fold_keys(lex.MONTHS))
        _PMONTHS_F.update(_fold_keys(lex.PERSIAN_MONTHS))
    out: list[_DateHit] = []
    months = _cat(hits, "month") + _cat(hits, "pmonth")
    # Runs of digits (the recogniser's pass over the text finds them; else a regex).
    runs = getattr(hits, "digit_runs", None)
    if runs is None:
        runs = [d.span() for d in _DIGITS.finditer(f)]
    # A day glued to its month ("2فبراير"; the lexicon only sees word starts): a run of
    # one or two digits, then letters.
    for r, r_end in runs:
        if r_end - r > 2 or not f[r_end:r_end + 1].isalpha():
            continue
        g = _GLUED.match(f, r)
        if g is None:
            continue
        word = g.group(2)
        for cat, table in (("month", _MONTHS_F), ("pmonth", _PMONTHS_F)):
            if word in table:
                months.append(_Glued(g.start(2), g.end(2), g.start(2), cat, table[word]))
    months.sort(key=lambda h: h.start)
    i = 0
    while i < len(months):
        h = months[i]
        j = i
        while j + 1 < len(months) and 0 <= months[j + 1].start - months[j].end <= 3:
            j += 1
        end = months[j].end
        day = year = None
        window = f[max(0, h.word_start - 6):h.word_start]
        m = _DAY_BEFORE.search(window)
        if m:
            day = int(m.group(1))
            start = h.word_start - (len(window) - m.start())
        else:
            start = h.word_start
        y = _YEAR_AFTER.match(f[end:end + 16])
        if y:
            year = int(y.group(1))
            end = end + y.end()
        elif day is None:
            dy = _DAY_YEAR_AFTER.match(f[end:end + 16])  # English: March 6, 2020
            if dy:
                day, year = int(dy.group(1)), int(dy.group(2))
                end = end + dy.end()
        month = h.value
        value = None
        if day is not None and 1 <= day <= 31:
            try:
                if h.cat == "pmonth":
                    if year is not None and 1300 <= year <= 1500:
                        value = jalali_to_gregorian(year, month, day)
                elif year is not None and 1900 <= year <= 2100:
                    value = Date(year, month, day)
            except ValueError:
                value = None
            if value is not None or year is None:
                out.append(_DateHit(start, end, value, month if h.cat == "month" else None, day))
        i = j + 1
    # Numeric dates start at a run of digits and have a year (a run of four).
    if not any(b - a >= 4 for a, b in runs):
        runs = []
    for m in (_NUMERIC_DATE.match(f, r) for r, _ in runs):
        if m is None:
            continue
        try:
            if m.group(1):
                value = Date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                value = Date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        except ValueError:
            continue
        if 1900 <= value.year <= 2100:
            out.append(_DateHit(m.start(), m.end(), value))
    since = _cat(hits, "since")
    for d in out:
        for h in since:
            if 0 <= d.start - h.end <= 2:
                d.background = True
    out.sort(key=lambda d: d.start)
    return out


def document_date(doc: Any, ft: Any, hits: list, ref: Date | None) -> tuple[Date | None, str | None]:
    """The report's date: *ref* when given, else the latest full date the text writes
    that is not background ("since 6 March 2020")."""
    if ref is not None:
        return ref, "given"
    doc._dates = _explicit_dates(ft.folded, hits)
    dates = [d.value for d in doc._dates if d.value and not d.background]
    if dates:
        return max(dates), "text"
    return None, None


def _complete(d: _DateHit, ref: Date | None) -> Date | None:
    if d.value is not None:
        return d.value
    if ref is None or d.month is None or d.day is None:
        return None
    for year in (ref.year, ref.year - 1):
        try:
            cand = Date(year, d.month, d.day)
        except ValueError:
            continue
        if cand <= ref + timedelta(days=7):
            return cand
    return None


# --- numbers --------------------------------------------------------------------------------

def parse_number(text: str) -> int | None:
    """An integer from digits (any script) or number words: ``"ثلاثة وعشرين"`` → 23.

    >>> parse_number("٢٠"), parse_number("خمسة"), parse_number("ثلاثة وعشرين")
    (20, 5, 23)
    """
    from geokit._phrases import default_phrases
    from geokit._text import fold_for_matching

    f = fold_for_matching(text).folded
    m = _NUM.search(f)
    if m:
        return int(m.group(1))
    nums = [h for h in default_phrases().find(f, persian=True) if h.cat == "number"]
    return _sum_numbers(nums, f) if nums else None


def _sum_numbers(nums: list, f: str) -> int:
    total = nums[0].value
    last = nums[0]
    for h in nums[1:]:
        gap = f[last.end:h.word_start].strip()
        if gap in ("", "و") or f[h.word_start:h.start] == "و":
            total += h.value
            last = h
        else:
            break
    return total


# --- incidents ------------------------------------------------------------------------------

_WORD = re.compile(r"\S+")


_START = attrgetter("start")
_END = attrgetter("end")


def _longest(hits: list) -> list:
    """Drop hits inside a longer hit (hits sorted by start, longest first at a start)."""
    out = []
    max_end = -1
    ordered = sorted(hits, key=_END, reverse=True)
    ordered.sort(key=_START)  # stable: by start, the longest first
    for h in ordered:
        if h.end <= max_end:
            continue
        out.append(h)
        max_end = h.end
    return out


def find_incidents(doc: Any, ft: Any, hits: list) -> None:
    """Fill ``doc.incidents`` and ``doc.control_observations``."""
    f = ft.folded
    sentences = doc.sentences
    if not sentences:
        return
    fstarts = [ft.to_folded(s.start) for s in sentences]
    dates = getattr(doc, "_dates", None)
    if dates is None:
        dates = _explicit_dates(f, hits)
    dates_by_sentence: dict[int, list[_DateHit]] = {}
    for d in dates:
        i = bisect_right(fstarts, d.start) - 1
        if i >= 0:
            dates_by_sentence.setdefault(i, []).append(d)
    mentions_by_sentence: dict[int, list] = {}
    for m in doc.mentions:
        if m.place is not None:
            mentions_by_sentence.setdefault(m.sentence, []).append(m)

    # Only sentences with a trigger word, a ceasefire violation or a held-by phrase say
    # that something happened: find them from those hits, then take their hits as a slice
    # (hits are sorted by start).
    def sentences_of(cat: str) -> set[int]:
        return {i for i in (bisect_right(fstarts, h.start) - 1 for h in _cat(hits, cat)) if i >= 0}

    eventful = sentences_of("trigger") | (sentences_of("violation") & sentences_of("truce"))
    holding = sentences_of("held") & sentences_of("actor") if _cat(hits, "held") else set()
    n = len(fstarts)
    for i in sorted(eventful | holding):
        lo = bisect_left(hits, fstarts[i], key=_START)
        hi = bisect_left(hits, fstarts[i + 1], lo, key=_START) if i + 1 < n else len(hits)
        sh = _SentenceHits(hits[lo:hi])
        if i in holding:
            _held(doc, ft, sh, mentions_by_sentence.get(i, []), sentences[i], dates_by_sentence.get(i, []))
        if i not in eventful:
            continue
        triggers = list(sh.of("trigger"))
        violation = sh.of("violation")
        truce = sh.of("truce")
        if violation and truce:
            for v in violation:
                if any(abs(t.start - v.end) <= 60 for t in truce):
                    triggers.append(_Trig(v.start, v.end, "ceasefire_violation"))
        if not triggers:
            continue
        _sentence_incidents(doc, ft, i, sentences[i], sh, triggers, mentions_by_sentence.get(i, []),
                            dates_by_sentence.get(i, []), fstarts[i])


def _cat(hits: list, cat: str) -> list:
    """The hits of one category (a :class:`geokit._phrases.Hits` knows them by category)."""
    if isinstance(hits, Hits):
        return hits.of(cat)
    return [h for h in hits if h.cat == cat]


class _SentenceHits(list):
    """The lexicon hits of one sentence (in text order), with a view by category."""

    def __init__(self, hits: list) -> None:
        super().__init__(hits)
        cats: dict[str, list] = {}
        for h in hits:
            got = cats.get(h.cat)
            if got is None:
                cats[h.cat] = [h]
            else:
                got.append(h)
        self.cats = cats

    def of(self, cat: str) -> list:
        """The hits of one category, in text order (do not modify)."""
        return self.cats.get(cat, _NONE)


_NONE: list = []


@dataclass
class _Trig:
    start: int
    end: int
    type: str
    control: bool = False
    attempted: bool = False
    places: list = field(default_factory=list)


def _near(hits: list, pos: int, before: int, after: int) -> bool:
    return any(pos - before <= h.start <= pos + after for h in hits)


def _sentence_incidents(doc: Any, ft: Any, si: int, sent: Any, sh: list, raw_triggers: list,
                        mentions: list, dates: list[_DateHit], fstart: int) -> None:
    f = ft.folded
    air = sh.of("air")
    drone = sh.of("drone")
    attempt = sh.of("attempt")
    atgm = [h for h in raw_triggers if isinstance(h, _Trig) is False and h.value == "attack"
            and "مضاده للدروع" in f[h.start:h.end]]
    held = sh.of("held")
    artillery = sh.of("artillery")
    trig: list[_Trig] = []
    for h in _longest([h for h in raw_triggers if not isinstance(h, _Trig)]) + [h for h in raw_triggers if isinstance(h, _Trig)]:
        if isinstance(h, _Trig):
            trig.append(h)
            continue
        typ = h.value
        text = f[h.start:h.end]
        if typ == "capture" and any(x.word_start <= h.start < x.end + 1 for x in held):
            continue  # "under the control of": a standing fact, not a capture
        if typ == "shelling" and atgm and any(abs(a.start - h.start) <= 40 for a in atgm) and text.startswith(("صواريخ", "صاروخ")):
            continue
        if typ in ("shelling", "attack", "explosion") and _near(drone, h.start, 50, 50):
            typ = "drone_strike"
        elif typ in ("shelling", "attack") and _near(air, h.start, 45, 45):
            typ = "airstrike"
        elif typ == "shelling" and air and "قصف" in text and not _near(artillery, h.start, 25, 25):
            typ = "airstrike"  # a bombardment in a sentence about aircraft, no guns named
        t = _Trig(h.start, h.end, typ)
        if typ == "capture":
            if any(h.start - 25 <= a.start < h.start or h.end < a.start <= h.end + 18 for a in attempt):
                if any(f[a.start:a.end] in ("نحو", "باتجاه", "towards", "toward") and a.start > h.end for a in attempt) \
                        and not any(a.start < h.start for a in attempt):
                    t.control = False  # an advance towards a place takes nothing yet
                else:
                    t.type = "attack"
                    t.attempted = True
            else:
                t.control = True
        if typ == "withdrawal":
            t.control = not any(h.start - 40 <= a.start < h.start for a in attempt)
        trig.append(t)
    if not trig:
        return
    trig.sort(key=_START)
    # Places: each mention goes to the nearest trigger before it, else the first after it.
    origin = sh.of("origin")
    datelines: list[tuple[Any, str]] = []
    for m in mentions:
        if m.foreign:
            continue
        if _is_dateline(doc.text, m):
            datelines.append((m, "target"))  # where the report was filed: a place of last resort
            continue
        mp = ft.to_folded(m.start)
        k = bisect_right(trig, mp, key=_START)  # trig is sorted by start
        target = trig[k - 1] if k else trig[0]
        role = "origin" if origin and _from_before(f, mp) and any(0 <= mp - o.end <= 80 for o in origin) else "target"
        target.places.append((m, role))
    all_places = [(m, r) for t in trig for m, r in t.places] or datelines
    # Actors in the sentence, longest phrase first.
    actor_hits = _longest(sh.of("actor"))
    actors: list[str] = []
    for h in actor_hits:
        if h.value not in actors:
            actors.append(h.value)
    # Date of the sentence.
    when, source = _sentence_date(doc, sh, dates)
    killed, wounded, combined, cas_pos = _casualties(f, sh)
    # One incident per type; casualties go to the type whose trigger is nearest them.
    by_type: dict[str, list[_Trig]] = {}
    for t in trig:
        by_type.setdefault(t.type, []).append(t)
    nearest_type = None
    if cas_pos is not None:
        nearest_type = min(trig, key=lambda t: abs(t.start - cas_pos)).type
    evidence = sent.text
    for typ, ts in by_type.items():
        places = [(m, r) for t in ts for m, r in t.places] or all_places
        places = _fine_places(places)
        inc = Incident(
            type=typ, actors=list(actors), date=when, date_source=source,
            killed=killed if typ == nearest_type else None,
            wounded=wounded if typ == nearest_type else None,
            casualties=combined if typ == nearest_type else None,
            places=places, evidence=evidence, start=sent.start, end=sent.end, doc=doc.name,
            confidence=0.8 if places else 0.4,
        )
        doc.incidents.append(inc)
        for t in ts:
            if t.control:
                _control(doc, ft, t, typ, actor_hits, sh, when, evidence)


# After a dateline's place: ", Syria (Reuters) -", " (AP) —", " - سانا:", " ـ «...»:".
_DATELINE_AFTER = re.compile(r"(?:,\s*[^\W\d_]+)?\s*(?:[(«][^)»\n]{1,40}[)»]\s*[-–—ـ:]?|[-–—ـ:])")
_DATELINE_ZONE = 300  # characters from the start of the text


def _is_dateline(text: str, m: Any) -> bool:
    """True for the place of a dateline ("ALEPPO, Syria (Reuters) -", "دمشق - سانا:"):
    where the report was filed, not where anything happened."""
    if m.start > _DATELINE_ZONE:
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start:m.start].strip():
        return False
    return _DATELINE_AFTER.match(text, m.end) is not None


_FROM = frozenset({"من", "from", "از"})


def _from_before(f: str, pos: int) -> bool:
    """True when "from" (من, از) precedes the mention at *pos*, with at most a cue between."""
    j = pos - 1
    for _ in range(2):
        if j <= 0:
            return False
        i = f.rfind(" ", 0, j) + 1
        word = f[i:j]
        if word in _FROM:
            return True
        j = i - 1
    return False


def _fine_places(places: list) -> list:
    """Unique places, without the ones that only locate others when finer ones are there."""
    seen: set[str] = set()
    out = []
    fine = [(m, r) for m, r in places if not m.is_qualifier]
    for m, r in (fine or [(m, r) for m, r in places if getattr(m.place, "kind", "") != "country"] or places):
        key = m.place.id + r
        if key in seen:
            continue
        seen.add(key)
        out.append((m, r))
    return out


def _sentence_date(doc: Any, sh: list, dates: list[_DateHit]) -> tuple[Date | None, str | None]:
    ref = doc.date
    for d in dates:
        if d.background:
            continue
        v = _complete(d, ref)
        if v is not None:
            return v, "text"
    rel = sh.of("relday")
    if rel and ref is not None:
        return ref + timedelta(days=rel[0].value), "relative"
    wd = sh.of("weekday")
    if wd and ref is not None:
        back = (ref.weekday() - wd[0].value) % 7
        return ref - timedelta(days=back), "weekday"
    if ref is not None:
        return ref, "document"
    return None, None


def _casualties(f: str, sh: list) -> tuple[int | None, int | None, int | None, int | None]:
    """Killed, wounded, killed-or-wounded counts and the position of the first casualty word."""
    if not sh.of("killed") and not sh.of("wounded"):
        return None, None, None, None
    numbers = sh.of("number")
    persons = [h for h in sh if h.cat in ("person", "dual")]
    units = sh.of("unit")
    killed = wounded = combined = None
    pos = None
    kw = sorted([h for h in sh if h.cat in ("killed", "wounded")], key=lambda h: h.start)
    used: set[int] = set()
    for idx, h in enumerate(kw):
        if h.start in used:
            continue
        # "مقتل وجرح 4": a killed word and a wounded word side by side share the number.
        pair = None
        nxt = kw[idx + 1] if idx + 1 < len(kw) else None
        if nxt is not None and nxt.cat != h.cat and nxt.word_start - h.end == 1 and f[nxt.word_start] == "و":
            pair = nxt
            used.add(pair.start)
            nxt = kw[idx + 2] if idx + 2 < len(kw) else None
        if (h.cat == "killed" and killed is not None) or (h.cat == "wounded" and wounded is not None and pair is None):
            continue
        anchor_end = pair.end if pair else h.end
        prev_end = kw[idx - 1].end if idx > 0 else 0
        limit = nxt.word_start if nxt is not None else len(f)
        n = _number_near(f, anchor_end, h.word_start, numbers, persons, units, limit, prev_end)
        if n is None:
            continue
        if pos is None:
            pos = h.start
        if pair is not None:
            combined = (combined or 0) + n if combined is None else combined
        elif h.cat == "killed":
            killed = killed if killed is not None else n
        else:
            wounded = wounded if wounded is not None else n
    return killed, wounded, combined, pos


def _number_near(f: str, after: int, before: int, numbers: list, persons: list, units: list,
                 limit: int, floor: int) -> int | None:
    # After the casualty word: up to six words, not past the next casualty word.
    window_end = after
    for _ in range(6):
        nxt = f.find(" ", window_end + 1)
        if nxt < 0:
            break
        window_end = nxt
    window_end = min(window_end, limit)
    seg = f[after:window_end]
    m = _NUM.search(seg)
    cands: list[tuple[int, int]] = []
    if m and not _is_unit_after(f, after + m.end(), units) and not _looks_like_year(m.group(1)):
        cands.append((after + m.start(), int(m.group(1))))
    for h in numbers:
        if after <= h.start < window_end and not _is_unit_after(f, h.end, units):
            cands.append((h.start, _sum_numbers([x for x in numbers if x.start >= h.start], f)))
            break
    for h in persons:
        if after <= h.start <= after + 12 and h.cat == "dual":
            cands.append((h.start, 2))
    if cands:
        return min(cands)[1]
    # Before it: "أربعة من جنودها قتلوا", "۲۰ تن از تروریست ها به هلاکت رسیدند".
    start = before
    for _ in range(7):
        prv = f.rfind(" ", 0, start - 1)
        if prv < 0:
            start = 0
            break
        start = prv
    start = max(start, floor)
    seg = f[start:before]
    ms = list(_NUM.finditer(seg))
    if ms:
        m = ms[-1]
        if not _is_unit_after(f, start + m.end(), units) and not _looks_like_year(m.group(1)):
            return int(m.group(1))
    prev_nums = [h for h in numbers if start <= h.start < before]
    if prev_nums and not _is_unit_after(f, prev_nums[-1].end, units):
        return _sum_numbers(prev_nums, f)
    # A singular person noun right after: one person ("إصابة مدني").
    for h in persons:
        if after < h.start <= after + 3 and h.cat == "person":
            return 1
    return None


def _is_unit_after(f: str, pos: int, units: list) -> bool:
    return any(0 <= u.word_start - pos <= 2 for u in units)


def _looks_like_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2100


#: Kinds a control observation can be about: settlements and sites, not areas.
_HELD_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp", "military", "landmark"})


def _held(doc: Any, ft: Any, sh: _SentenceHits, mentions: list, sent: Any, dates: list[_DateHit]) -> None:
    """Control observations of a standing fact: "X is under the control of Y",
    "تحت سيطرة", "الخاضعة لسيطرة", "تسيطر Y على X".  The holder is the armed actor
    right after the phrase; the places are the settlements of the same clause: just
    before the phrase, else right after the holder."""
    f = ft.folded
    armed = [h for h in _longest(sh.of("actor")) if settings.actor_faction.get(h.value)]
    if not armed:
        return
    places = [(ft.to_folded(m.start), ft.to_folded(m.end), m) for m in mentions
              if not m.foreign and not m.is_qualifier and getattr(m.place, "kind", "") in _HELD_KINDS]
    if not places:
        return
    when = None
    seen: set[tuple[str, str]] = set()
    denied = sh.of("attempt")  # لم, not, no longer, failed, محاولة: a denial or an attempt holds nothing
    for h in _longest(sh.of("held")):
        if any(0 <= h.word_start - a.end <= 25 for a in denied):
            continue
        phrase = f[h.start:h.end].strip()
        holder = next((a for a in armed if 0 <= a.word_start - h.end <= 12), None)
        if holder is None and phrase.startswith(("يسيطر", "تسيطر")):
            # the verb after its subject: "قوات النظام تسيطر على ..."
            holder = next((a for a in armed if 0 <= h.word_start - a.end <= 2), None)
        if holder is None or (phrase == "بيد" and holder.word_start - h.end > 1):
            continue  # "بيد" alone is also "but": only "بيد <actor>" counts
        # No sentence-internal break (a semicolon, a colon) between the place and the
        # phrase; a comma may stand before a relative clause ("X, which is held by Y").
        before = [(a, b, m) for a, b, m in places if b <= h.word_start and h.word_start - b <= 60
                  and not _CLAUSE_BREAK.search(doc.text[m.end:ft.to_orig(h.word_start)])]
        after_from = max(holder.end, h.end)
        after = [(a, b, m) for a, b, m in places if 0 <= a - after_from <= 40
                 and not _CLAUSE_BREAK.search(doc.text[ft.to_orig_end(holder.end):m.start])]
        chosen = before or after
        if not chosen:
            continue
        if when is None:
            when, _ = _sentence_date(doc, sh, dates)
        faction = settings.actor_faction[holder.value]
        for _, _, m in chosen:
            p = m.place
            if (p.id, faction) in seen:
                continue
            seen.add((p.id, faction))
            doc.control_observations.append(ControlObservation(
                place=p.name, place_id=p.id, lat=p.lat, lon=p.lon, faction=faction, date=when,
                source=doc.name, confidence=0.7, evidence=sent.text, kind="held", place_ar=p.name_ar,
            ))


_CLAUSE_BREAK = re.compile(r"[.;:!?؛]")


def _control(doc: Any, ft: Any, t: _Trig, typ: str, actor_hits: list, sh: list, when: Date | None,
             evidence: str) -> None:
    """Control observations of a completed capture or a withdrawal."""
    armed = [h for h in actor_hits if settings.actor_faction.get(h.value)]
    if not armed:
        return
    # The subject: the armed actor nearest the trigger (before it within ~8 words, or after).
    def dist(h: Any) -> int:
        if h.end <= t.start:
            return t.start - h.end
        gap = h.start - t.end
        return 0 if gap <= 3 else gap + 15  # verb-subject order, or a verbal noun and its agent
    subject = min(armed, key=dist)
    if dist(subject) > 90:
        return
    faction = settings.actor_faction[subject.value]
    conf = 0.8 if dist(subject) <= 40 else 0.6
    kind = "capture"
    if typ == "withdrawal":
        forced = [h for h in sh.of("forced") if 0 <= t.start - h.end <= 12]
        others = [h for h in armed if settings.actor_faction[h.value] != faction]
        if not others:
            return
        holder = min(others, key=lambda h: abs(h.start - t.start))
        faction = settings.actor_faction[holder.value]
        conf = 0.6 if forced else 0.5
        kind = "withdrawal"
    partial = sh.of("partial")
    for m, role in t.places:
        p = m.place
        if role != "target" or m.is_qualifier or getattr(p, "kind", "") in ("country", "governorate", "district", "region"):
            if not (typ == "withdrawal" and getattr(p, "kind", "") == "city"):
                continue
        mp = ft.to_folded(m.start)
        c = conf
        if any(0 <= mp - h.end <= 25 for h in partial):
            c *= 0.6
        doc.control_observations.append(ControlObservation(
            place=p.name, place_id=p.id, lat=p.lat, lon=p.lon, faction=faction, date=when,
            source=doc.name, confidence=round(c, 2), evidence=evidence, kind=kind, place_ar=p.name_ar,
        ))
