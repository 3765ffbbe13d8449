"""Place mentions and incidents from Arabic, Persian and English news text.

:func:`extract` reads a text the way a careful regional analyst would:

1. **Recognition.**  Every Arabic-script gazetteer name (and the small world
   layer of countries and capitals in ``geokit/data/world.csv``) is folded
   with :func:`geokit._text.fold_name` and put in one Aho-Corasick automaton,
   with the lexicon's words (:mod:`geokit._phrases`), so that one pass over
   the text finds both; the text is folded the same way
   (:func:`geokit._text.fold_for_matching`, which keeps an offset map so
   spans stay exact in the original).  A match must end a word and start
   one, after an optional Arabic clitic sequence (و ف ب ل ك, the article ال,
   لل …); compound names match joined or split (كفر نوران / كفرنوران); the
   longest match wins.  Latin names match on their key (:func:`latin_key`,
   i.e. :func:`geokit.normalise.name_key`: case, diacritics, ʿayn and hamza
   marks, hyphens, articles, joined or split words), from capitalised words:
   "Maarat al-Numan", "Maarat an-Numan" and "Khantouman" are found as the
   gazetteer spells them otherwise.  A run of capitalised words that the
   gazetteer does not spell so is resolved with :func:`geokit.resolve` when a
   place cue stands by it ("the village of Kfr Nouran", "Khan Toumane south
   of Aleppo", "the Idlib countryside").
2. **Filtering.**  Spans inside organisation names (هيئة تحرير الشام,
   لواء القدس, news agencies, named operations), person names (after a
   title or a given name), month and weekday names and nationality
   adjectives (الروسية, السوري) are never places.  Names that are also common
   words (الباب "the door", الجبهة, السلام …) need evidence: a place-type cue
   before them (مدينة, بلدة, قرية, ريف …), a direction after them, or another
   place beside them.
3. **Disambiguation over the document.**  Each mention's candidates are
   ranked by the kind a cue asks for (مدينة → city, محافظة/ريف → governorate),
   the governorate named in the same sentence (ريف حلب الجنوبي), nearness to
   the places that are certain in the document, and size.  Directions
   (غرب حلب, north-west of Idlib) are kept as :class:`Relation` objects.
4. **Incidents** (:mod:`geokit.incidents`): type, actors, date, casualties,
   places and evidence per sentence; captures and withdrawals become
   control observations.

Examples
--------
>>> import geokit
>>> doc = geokit.extract("سيطرت قوات النظام على بلدة زيتان في ريف حلب الجنوبي.", date="2020-02-02")
>>> [m.text for m in doc.mentions]
['زيتان', 'حلب']
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import threading
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date as Date
from importlib import resources
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from geokit import _lexicon as lex
from geokit import incidents as _inc
from geokit._phrases import Hit, Hits, PhraseMatcher, default_phrases
from geokit._text import (
    CAPITAL_LETTER,
    PERSIAN_LETTERS,
    FoldedText,
    Sentence,
    fold_for_matching,
    fold_name,
    split_sentences,
)
from geokit.exceptions import GeokitError, InputError
from geokit.normalise import LATIN_ARTICLES, strip_latin_articles

__all__ = ["extract", "Document", "Mention", "Candidate", "Relation", "WorldPlace", "Recogniser",
           "world_places", "default_recogniser", "example_names", "example_text", "latin_key", "MAX_TEXT_CHARS"]

#: Longest text :func:`extract` accepts in one call (characters).
MAX_TEXT_CHARS = 64 * 1024 * 1024
# Entries kept in each per-process cache of candidate readings (cleared when full).
_CACHE_MAX = 200_000

# Kind priors: how likely a bare name means a place of that kind.
_KIND_PRIOR: dict[str, float] = {
    "country": 0.95, "governorate": 0.55, "city": 0.8, "district": 0.3, "subdistrict": 0.25,
    "region": 0.35, "town": 0.6, "village": 0.45, "neighbourhood": 0.35, "camp": 0.35,
    "military": 0.4, "landmark": 0.3,
}
#: Kinds a bare name may stand for without a cue; smaller places need evidence.
_BIG_KINDS = frozenset({"country", "governorate", "district", "city", "town"})
_NAME_TYPE_BONUS = {"official": 0.06, "preferred": 0.05, "romanisation": 0.02, "variant": 0.0}
# Latin names in these languages are kept (others repeat them or are noise).
_ARABIC_SCRIPT_LANGS = frozenset({"ar", "fa", "und", "ur", "ckb", "pnb", "azb", "ku"})


# --- value objects -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class WorldPlace:
    """A country or city outside Syria, from ``geokit/data/world.csv``."""

    id: str
    kind: str
    name: str
    name_ar: str | None
    lat: float
    lon: float
    iso2: str | None = None
    pcode: str | None = None
    geonameid: int | None = None
    admin1_pcode: str | None = None
    population: int | None = None
    foreign: bool = True

    @property
    def point(self) -> tuple[float, float]:
        """``(lat, lon)``."""
        return (self.lat, self.lon)


class Candidate(NamedTuple):
    """One reading of a mention: a place and how well it fits."""

    place: Any
    score: float
    reason: str = ""


_new_tuple = tuple.__new__  # NamedTuple(...) without its Python-level __new__, in hot loops


@dataclass(slots=True)
class Mention:
    """A place named in the text.

    Attributes
    ----------
    start, end : int
        Character offsets into the original text (``text[start:end] == self.text``).
    text : str
        The surface string (the toponym with its article, without a clitic such
        as و or ب before it, nor a cue word such as مدينة).
    place : geokit.gazetteer.Place or WorldPlace or None
        The chosen reading; ``None`` when nothing fits.
    candidates : list of Candidate
        All readings, best first.
    score : float
        Confidence in ``place`` (0-1).
    foreign : bool
        True for a place outside Syria.
    cue : str or None
        The place-type cue before the name (folded), if any.
    direction : str or None
        Compass code when the mention is the anchor of a direction phrase
        (غرب حلب → ``"W"``).
    countryside : bool
        True after ريف / countryside: the mention names a hinterland.
    match : str
        How the name was found: ``exact`` (a gazetteer name, up to folding and,
        for Latin names, up to its key), ``fuzzy`` (a misspelling of a place
        already named in the document) or ``resolver`` (a capitalised Latin
        name after a place cue, read by :func:`geokit.resolve`).  How each
        reading fits is in ``candidates[i].reason``: ``exact``, ``article``
        (article added or dropped), ``compound`` (joined or split), ``key``
        (same Latin key, other spelling), ``world``, ``resolver:<match>``.
    """

    start: int
    end: int
    text: str
    key: str
    place: Any = None
    candidates: list[Candidate] = field(default_factory=list)
    score: float = 0.0
    foreign: bool = False
    cue: str | None = None
    direction: str | None = None
    countryside: bool = False
    match: str = "exact"
    sentence: int = -1
    direction_start: int | None = None
    role: str = ""
    #: The candidate list's cache key (folded core, Latin?, article?); None for fuzzy matches.
    cand_key: tuple[str, bool, bool] | None = field(default=None, repr=False, compare=False)

    @property
    def is_qualifier(self) -> bool:
        """True when the mention locates another one (ريف حلب, غرب إدلب) or is
        a country or governorate."""
        kind = getattr(self.place, "kind", None)
        return bool(self.countryside or self.direction or kind in ("country", "governorate"))

    def to_dict(self, doc: str | None = None) -> dict[str, Any]:
        """The mention as the JSON object of the mentions contract."""
        p = self.place
        return {
            "doc": doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "place_id": getattr(p, "id", None),
            "name": getattr(p, "name", None),
            "name_ar": getattr(p, "name_ar", None),
            "lat": round(p.lat, 6) if p is not None else None,
            "lon": round(p.lon, 6) if p is not None else None,
            "pcode": getattr(p, "pcode", None),
            "geonameid": getattr(p, "geonameid", None),
            "kind": getattr(p, "kind", None),
            "admin1_pcode": getattr(p, "admin1_pcode", None),
            "score": round(self.score, 3),
            "foreign": self.foreign,
            "match": self.match,
            "direction": self.direction,
            "candidates": [c.place.id for c in self.candidates[:5]],
        }


@dataclass(frozen=True, slots=True)
class Relation:
    """A direction phrase: *direction* of *anchor* (غرب حلب, north-west of Idlib)."""

    direction: str
    anchor: int  # index into Document.mentions
    start: int
    end: int
    text: str


@dataclass
class Document:
    """The result of :func:`extract`: mentions, relations, incidents, control observations."""

    text: str
    name: str | None = None
    lang: str = "ar"
    date: Date | None = None
    date_source: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    incidents: list[Any] = field(default_factory=list)
    control_observations: list[Any] = field(default_factory=list)
    _dates: Any = field(default=None, repr=False)

    # -- output helpers ---------------------------------------------------------------
    def mention_records(self) -> list[dict[str, Any]]:
        """Resolved mentions as dicts of the mentions contract."""
        return [m.to_dict(self.name) for m in self.mentions]

    def to_jsonl(self) -> str:
        """Mentions, one JSON object a line."""
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.mention_records())

    def mentions_geojson(self) -> dict[str, Any]:
        """Resolved mentions as a GeoJSON FeatureCollection of points."""
        feats = []
        for r in self.mention_records():
            if r["lat"] is None:
                continue
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                          "properties": {k: v for k, v in r.items() if k not in ("lat", "lon", "candidates")}})
        return {"type": "FeatureCollection", "features": feats}

    def incident_features(self) -> list[dict[str, Any]]:
        """Incidents as GeoJSON features, one point per place."""
        feats: list[dict[str, Any]] = []
        for inc in self.incidents:
            feats.extend(inc.features(self.name))
        return feats

    def to_geojson(self) -> dict[str, Any]:
        """Incidents as a GeoJSON FeatureCollection (RFC 7946, lon/lat)."""
        return {"type": "FeatureCollection", "features": self.incident_features()}

    def control_records(self) -> list[dict[str, Any]]:
        """Control observations as plain dicts."""
        return [c.to_dict() for c in self.control_observations]

    def controls_geojson(self) -> dict[str, Any]:
        """Control observations as a GeoJSON FeatureCollection of points."""
        return {"type": "FeatureCollection", "features": [c.feature() for c in self.control_observations]}


# --- the world layer ---------------------------------------------------------------------------

_world_lock = threading.Lock()
_world: list[tuple[WorldPlace, list[str], list[str]]] | None = None


def world_places() -> list[tuple[WorldPlace, list[str], list[str]]]:
    """The world layer: ``(place, names, nisba adjective stems)`` per row."""
    global _world
    if _world is None:
        with _world_lock:
            if _world is None:
                data = (resources.files("geokit") / "data" / "world.csv").read_text(encoding="utf-8")
                rows = []
                for row in csv.DictReader(io.StringIO(data)):
                    place = WorldPlace(
                        id=row["id"], kind=row["kind"], name=row["name_en"], name_ar=row["name_ar"] or None,
                        lat=float(row["lat"]), lon=float(row["lon"]), iso2=row["iso2"] or None,
                    )
                    names = [row["name_en"], row["name_ar"], row["name_fa"]]
                    names += [n for n in row["alt_names"].split("|") if n]
                    adjs = [a for a in row["adj_ar"].split("|") if a]
                    rows.append((place, [n for n in names if n], adjs))
                _world = rows
    return _world


# --- the recogniser ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Key:
    """A folded name core in the automaton and the places behind it."""

    core: str
    latin: bool
    places: dict[str, tuple[float, bool, str]] = field(default_factory=dict)  # id -> (bonus, has_article, match)
    world: list[WorldPlace] = field(default_factory=list)
    ambiguous: bool = False
    hard: bool = False
    cue_word: bool = False
    small: bool = False
    function: bool = False
    art_name: bool = False
    n_words: int = 1
    nisba_end: bool = False  # ends like a nisba adjective (ي, يه): may be one (الروسية)
    #: Latin keys: place id -> its names' folded spellings (leading article dropped).
    spellings: dict[str, set[str]] = field(default_factory=dict)


def _fold_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold_name(w) for w in words if fold_name(w))


_CUES_F: dict[str, tuple[str, ...]] = {}
_STRONG_CUES_F: frozenset[str] = frozenset()
_COUNTRYSIDE_F: frozenset[str] = frozenset()
_DIRECTIONS_F: dict[str, str] = {}
_COMMON_F: frozenset[str] = frozenset()
_FUNCTION_F: frozenset[str] = frozenset()
_BLOCK_F: frozenset[str] = frozenset()
_CUE_WORDS_F: frozenset[str] = frozenset()
_NISBA_FEM_F: frozenset[str] = frozenset()
_NISBA_F: frozenset[str] = frozenset()
# The clitic prefixes by their first letter (longest first): a word is only tried against
# the prefixes its first letter can start.
_PREFIXES_BY_HEAD: dict[str, tuple[str, ...]] = {}
_PREFIX_SET: frozenset[str] = frozenset()
_ARTICLE_PREFIX_SET: frozenset[str] = frozenset()
_COMPOUND_HEADS_F: tuple[str, ...] = ()
_MAX_PREFIX = max(len(p) for p in lex.ARABIC_PREFIXES)
_ENGLISH_COMMON: frozenset[str] = frozenset()
_lexicon_ready = False


def _prepare_lexicon() -> None:
    """Fold the word lists once."""
    global _CUES_F, _STRONG_CUES_F, _COUNTRYSIDE_F, _DIRECTIONS_F, _COMMON_F, _FUNCTION_F, _BLOCK_F
    global _NISBA_F, _NISBA_FEM_F, _CUE_WORDS_F, _PREFIX_SET, _ARTICLE_PREFIX_SET, _COMPOUND_HEADS_F, _ENGLISH_COMMON
    global _lexicon_ready
    if _lexicon_ready:
        return
    _CUES_F = {fold_name(k): v for k, v in lex.PLACE_CUES.items()}
    _STRONG_CUES_F = _fold_set(lex.STRONG_CUES)
    _COUNTRYSIDE_F = _fold_set(lex.COUNTRYSIDE_CUES)
    _DIRECTIONS_F = {fold_name(k): v for k, v in lex.DIRECTIONS.items()}
    nisba = set()
    stems = list(lex.NISBA_STEMS) + [a for _, _, adjs in world_places() for a in adjs]
    for stem in stems:
        s = fold_name(stem)
        for end in lex.NISBA_ENDINGS:
            e = fold_name(end) if end else ""
            nisba.add("ال" + s + e)
            # Without the article only the masculine forms: سورية, روسيا are countries.
            if e in ("", "ين", "ون"):
                nisba.add(s + e)
    _NISBA_F = frozenset(nisba)
    _NISBA_FEM_F = frozenset(fold_name(st) + "ه" for st in stems)
    _COMMON_F = _fold_set(lex.COMMON_WORDS) | _fold_set("ال" + w for w in lex.PLACE_CUES if " " not in w)
    _FUNCTION_F = _fold_set(lex.FUNCTION_WORDS)
    block = set(_fold_set(lex.MONTHS) | _fold_set(lex.PERSIAN_MONTHS) | _fold_set(lex.HIJRI_MONTHS))
    block |= _fold_set(lex.WEEKDAYS) | _fold_set(lex.RELATIVE_DAYS) | _fold_set(lex.GIVEN_NAMES)
    block |= _fold_set(lex.FAMOUS_SURNAMES) | _fold_set(lex.PERSON_TITLES) | _fold_set(lex.ORG_HEADS)
    block |= _fold_set(lex.ORGANISATIONS) | set(_CUES_F) | set(_DIRECTIONS_F) | _FUNCTION_F | _NISBA_F
    _BLOCK_F = frozenset(block)
    cue_words = set(_CUES_F)
    cue_words |= {"ال" + c for c in _CUES_F if not c.startswith("ال")}
    _CUE_WORDS_F = frozenset(cue_words)
    _PREFIXES_BY_HEAD.update(_by_head(tuple(sorted(lex.ARABIC_PREFIXES, key=len, reverse=True))))
    _PREFIX_SET = frozenset(lex.ARABIC_PREFIXES)
    _ARTICLE_PREFIX_SET = frozenset(lex.ARTICLE_PREFIXES)
    _COMPOUND_HEADS_F = tuple(sorted({fold_name(h) for h in lex.COMPOUND_HEADS}, key=len, reverse=True))
    _ENGLISH_COMMON = frozenset(lex.ENGLISH_COMMON)
    _lexicon_ready = True


def _strip_article(folded: str) -> tuple[str, bool]:
    """Drop the article from the first word of a folded Arabic name."""
    if folded.startswith("ال") and len(folded.split(" ", 1)[0]) > 3:
        return folded[2:], True
    return folded, False


@lru_cache(maxsize=262144)
def bare_forms(word: str) -> tuple[str, ...]:
    """A folded Arabic word and the words left after each clitic prefix it may carry."""
    out = [word]
    for p in _PREFIXES_BY_HEAD.get(word[:1], ()):
        if word.startswith(p) and len(word) - len(p) >= 2:
            rest = word[len(p):]
            out.append(rest)
            if p.endswith("لل") or p.endswith("ال"):
                out.append("ال" + rest)
    return tuple(out)


class Recogniser:
    """Gazetteer-driven place-name matcher (build once, use for many texts).

    Parameters
    ----------
    gazetteer : geokit.gazetteer.Gazetteer, optional
        The packaged gazetteer by default.
    world : bool
        Also recognise the countries and capitals of the world layer.
    """

    def __init__(self, gazetteer: Any = None, world: bool = True) -> None:
        import ahocorasick

        from geokit.gazetteer import default_gazetteer

        _prepare_lexicon()
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self.places = self.gazetteer.places_by_id
        self.keys: list[_Key] = []
        index: dict[str, int] = {}

        def key_for(core: str, latin: bool) -> _Key:
            i = index.get(core)
            if i is None:
                i = index[core] = len(self.keys)
                self.keys.append(_Key(core=core, latin=latin, n_words=core.count(" ") + 1))
            return self.keys[i]

        for place_id, name, lang, script, ntype, _key, _skel in self.gazetteer.iter_names():
            if place_id not in self.places:
                continue
            bonus = _NAME_TYPE_BONUS.get(ntype, 0.0)
            if script == "Arab" and lang in _ARABIC_SCRIPT_LANGS:
                for core, art, how in self._arabic_variants(name):
                    k = key_for(core, False)
                    old = k.places.get(place_id)
                    if old is None or old[0] < bonus or (old[2] != "exact" and how == "exact"):
                        k.places[place_id] = (bonus, art, how)
                    k.art_name = k.art_name or art
            elif script == "Latn":  # every language: WOF files news spellings (Tal Rifaat) under es, de …
                core = latin_key(name)
                if len(core) >= 3:
                    k = key_for(core, True)
                    old = k.places.get(place_id)
                    if old is None or old[0] < bonus:
                        k.places[place_id] = (bonus, False, "exact")
                    k.spellings.setdefault(place_id, set()).add(_latin_spelling(name))
        if world:
            for wp, names, _adjs in world_places():
                for name in names:
                    if any("a" <= c.lower() <= "z" for c in name):
                        core = latin_key(name)
                        if len(core) >= 4:
                            k = key_for(core, True)
                            if wp not in k.world:
                                k.world.append(wp)
                    else:
                        for core, _art, how in self._arabic_variants(name):
                            if how != "exact":
                                continue
                            k = key_for(core, False)
                            if wp not in k.world:
                                k.world.append(wp)
        self._classify_keys()
        # Arabic-script names: an Aho-Corasick automaton over folded text.  Latin names:
        # a dict on their key (:func:`latin_key`), looked up from capitalised words.
        # The lexicon's entries (:mod:`geokit._phrases`) go in the same automaton: one pass
        # finds names and cue, trigger, actor ... words (their keys start with a space).
        self.automaton = ahocorasick.Automaton()
        self.latin_index: dict[str, int] = {}
        words: list[tuple[str, Any]] = []
        for i, k in enumerate(self.keys):
            if not k.places and not k.world:
                continue
            if k.latin:
                self.latin_index[k.core] = i
            else:
                words.append((k.core + " ", (i, len(k.core), False)))
        words += default_phrases().entries.items()
        words += [(d, (int(d),)) for d in "0123456789"]  # digits: runs for the dates
        # A trie node looks its children up one by one, in the order they were added:
        # adding the words in letter-frequency order puts common letters first.
        words.sort(key=_frequency_order)
        for key, value in words:
            self.automaton.add_word(key, value)
        self.automaton.make_automaton()
        self._latin_prefixes: dict[str, int] = {}
        self.candidate_cache: dict[tuple[str, bool, bool], list[Candidate]] = {}
        self.scored_cache: dict[tuple[Any, ...], tuple[Candidate, ...]] = {}

    # -- building ---------------------------------------------------------------------
    @staticmethod
    def _arabic_variants(name: str) -> list[tuple[str, bool, str]]:
        folded = fold_name(name)
        if not folded:
            return []
        core, art = _strip_article(folded)
        if len(core.replace(" ", "")) < 3:
            return []
        out = [(core, art, "exact")]
        words = core.split(" ")
        # Compound names: joined and split spellings (كفر نوران / كفرنوران).
        if len(words) >= 2 and words[0] in _COMPOUND_HEADS_F:
            out.append((words[0] + words[1] + ("" if len(words) == 2 else " " + " ".join(words[2:])), art, "compound"))
        elif len(words) == 1:
            for head in _COMPOUND_HEADS_F:
                if core.startswith(head) and len(core) - len(head) >= 3:
                    rest = core[len(head):]
                    out.append((head + " " + rest, art, "compound"))
                    break
        # A name whose second word carries the article may be written without it
        # in Persian and colloquial text (جمعية الزهراء / جمعیه زهرا) - not added:
        # too loose.  Compounds with ال inside stay as written.
        return out

    def _classify_keys(self) -> None:
        for k in self.keys:
            core = k.core
            if k.latin:
                if core in _BLOCK_F:
                    k.hard = True  # a person's name or a month (Khalid, Assad, March)
                elif k.n_words == 1 and (core in _ENGLISH_COMMON or len(core) <= 3):
                    k.ambiguous = True  # needs an article (al-Bab) or a cue before it
                continue
            forms = {core, "ال" + core} if k.art_name else {core}
            k.nisba_end = core.endswith(_NISBA_END)
            # A name joined from two words (كفرنبودة for كفر نبودة) is as telling as its split form.
            if k.n_words == 1 and not k.world and k.places and all(
                    self.places[pid].kind not in _BIG_KINDS for pid in k.places) and not all(
                    how == "compound" for _, _, how in k.places.values()):
                k.small = True
            if forms & _CUE_WORDS_F:
                k.cue_word = True
            if forms & _FUNCTION_F:
                k.function = True
            if forms & _BLOCK_F:
                k.hard = True  # a never-place word: only a strong cue right before lets it through
            elif forms & _COMMON_F:
                k.ambiguous = True
            elif k.n_words == 1 and len(core) <= 3 and not k.world and not self._has_big_place(k):
                k.ambiguous = True

    def _has_big_place(self, k: _Key) -> bool:
        for pid in k.places:
            p = self.places[pid]
            if p.kind in ("country", "governorate", "city") or (p.population or 0) >= 20000:
                return True
        return False

    # -- matching ---------------------------------------------------------------------
    def find(self, ft: FoldedText) -> list[tuple[int, int, int, int, str]]:
        """Raw matches on folded text: ``(span_start, core_start, core_end, key_index, prefix)``,
        overlaps resolved (longest first)."""
        return self.scan(ft)[0]

    def scan(self, ft: FoldedText, persian: bool = False, capitals: list[int] | None = None,
             ) -> tuple[list[tuple[int, int, int, int, str]], list[Hit]]:
        """:meth:`find` and the lexicon hits (:meth:`geokit._phrases.PhraseMatcher.find`) in
        one pass over the text; *capitals*, when given, receives the folded offsets of the
        capitalised Latin words."""
        f = ft.folded
        orig = ft.original
        # (-span length, -core length, span start, core start, core end, key, prefix): a plain
        # tuple sort puts the longest span first, then the longer core (shorter prefix).
        raw: list[tuple[int, int, int, int, int, int, str]] = []
        append = raw.append
        phrase_matches: list[tuple[int, Any]] = []
        phrase_append = phrase_matches.append
        prefix_set = _PREFIX_SET
        rfind = f.rfind
        digits: list[int] = []
        for item in self.automaton.iter(" " + f):
            end, value = item
            n = len(value)
            if n == 2:  # a lexicon entry
                phrase_append(item)
                continue
            if n == 1:  # a digit
                digits.append(end - 1)
                continue
            idx, klen, _latin = value
            end -= 1  # the automaton reads " " + f
            s = end - klen
            if s == 0 or f[s - 1] == " ":
                append((s - end, s - end, s, s, end, idx, ""))
            else:
                ws = rfind(" ", 0, s) + 1
                if s - ws > _MAX_PREFIX:
                    continue
                prefix = f[ws:s]
                if prefix in prefix_set:
                    append((ws - end, s - end, ws, s, end, idx, prefix))
        if self.latin_index and (ft.has_capitals if ft.has_capitals is not None
                                 else CAPITAL_LETTER.search(orig) is not None):
            self._find_latin(ft, append, capitals)
        raw.sort()
        occupied = bytearray(len(f))
        out = []
        for _, _, a, s, b, idx, prefix in raw:
            if occupied.find(1, a, b) >= 0:
                continue
            occupied[a:b] = b"\x01" * (b - a)
            out.append((a, s, b, idx, prefix))
        out.sort()
        hits = PhraseMatcher.hits(phrase_matches, f, persian)
        runs: list[tuple[int, int]] = []
        for d in digits:  # in text order
            if runs and runs[-1][1] == d:
                runs[-1] = (runs[-1][0], d + 1)
            else:
                runs.append((d, d + 1))
        hits.digit_runs = runs
        return out, hits


    def _build_latin_prefixes(self) -> dict[str, int]:
        # Every prefix of every Latin key (~15 MB) -> the key's index, or -1 for a prefix
        # only: a word run stops growing at the first that starts no key.  Built on first
        # use: Arabic-only work never needs it.
        with _latin_lock:
            if not self._latin_prefixes:
                table = dict.fromkeys((k[:i] for k in self.latin_index for i in range(1, len(k))), -1)
                table.update(self.latin_index)
                self._latin_prefixes = table
        return self._latin_prefixes

    def _find_latin(self, ft: FoldedText, append: Any, capitals: list[int] | None = None) -> None:
        """Latin names on their key: from each capitalised word, the longest run of words
        whose key is a name's key ("Khan-Touman", "Khantouman", "Maarat an-Numan").
        An article before the word joins the span (al-Bab, ad Dana)."""
        f, orig = ft.folded, ft.original
        nf = len(f)
        find = f.find
        prefixes = self._latin_prefixes or self._build_latin_prefixes()
        articles = LATIN_ARTICLES
        to_folded, to_orig = ft.to_folded, ft.to_orig
        for mo in CAPITAL_LETTER.finditer(orig):
            o = mo.start()
            if (o > 0 and orig[o - 1].isalpha()) or not orig[o].isupper():
                continue  # not a word start (HTS, McDonald), or not a capital
            fs = to_folded(o)
            if fs > 0 and f[fs - 1] != " ":
                continue
            w_end = find(" ", fs)
            w = f[fs:w_end]
            if not w:
                continue
            if capitals is not None:
                capitals.append(fs)
            if w not in prefixes and w not in articles:
                continue  # no name's key starts with this word
            # The next word, if no punctuation (two spaces) comes first.
            nxt_start = w_end + 1
            nxt_end = find(" ", nxt_start) if nxt_start < nf and f[nxt_start] != " " else -1
            nxt = f[nxt_start:nxt_end] if nxt_end > 0 else ""
            if nxt and w in articles and _article_before(w, nxt):
                continue  # "Al Bab": the match starts at the article, from "Bab"
            start, prefix = fs, ""
            if fs >= 2 and f[fs - 2] != " ":
                ws = f.rfind(" ", 0, fs - 1) + 1
                prev = f[ws:fs - 1]
                if prev in articles and _article_before(prev, w):
                    start, prefix = ws, prev
            found: list[tuple[int, int, int]] = []  # (end, key index, words), shortest first
            acc = ""
            n = 1
            while True:
                key = acc + w
                dropped = bool(nxt) and w in articles and _article_before(w, nxt)
                # Stop as soon as no name's key starts so (an article dropped adds nothing).
                j = prefixes.get(key)
                if j is not None:
                    if j >= 0:
                        found.append((w_end, j, n))
                elif not dropped:
                    break
                if not dropped:
                    acc = key
                if not nxt or n >= _LATIN_MAX_WORDS:
                    break
                w, w_end = nxt, nxt_end
                n += 1
                nxt_start = w_end + 1
                nxt_end = find(" ", nxt_start) if nxt_start < nf and f[nxt_start] != " " else -1
                nxt = f[nxt_start:nxt_end] if nxt_end > 0 else ""
            # The longest; a word after the first must be capitalised, unless it is an
            # article, follows one (Wadi el-oyoun) or joins two names (wa): "Salam in" is Salam.
            for end, j, n in reversed(found):
                if n == 1 or _name_words(f, orig, to_orig, fs, end):
                    append((start - end, fs - end, start, fs, end, j, prefix))
                    break


_LATIN_MAX_WORDS = 8
_latin_lock = threading.Lock()


_LATIN_JOINERS = frozenset({"wa", "w"})


def _name_words(f: str, orig: str, to_orig: Any, start: int, end: int) -> bool:
    """True when the words of folded ``f[start:end]`` after the first read as one name:
    capitalised in the original, articles, after an article, or the joiner "wa"."""
    words = f[start:end].split(" ")
    pos = start + len(words[0]) + 1
    prev = words[0]
    for w in words[1:]:
        if not (w in LATIN_ARTICLES or w in _LATIN_JOINERS or prev in LATIN_ARTICLES):
            o = to_orig(pos)
            if o >= len(orig) or not (orig[o].isupper() or orig[o].isdigit()):
                return False
        pos += len(w) + 1
        prev = w
    return True


@lru_cache(maxsize=4096)
def _article_before(word: str, nxt: str) -> bool:
    """True when *word* is an article that :func:`geokit.normalise.name_key` drops before
    *nxt* ("al" always, "ash" before "sh…", not "as" before "aleppo")."""
    return strip_latin_articles(f"{word} {nxt[:1]}x") == f"{nxt[:1]}x"


def _latin_spelling(name: str) -> str:
    """A Latin name folded, without its leading article: the spelling a match is
    compared with."""
    words = fold_name(name).split(" ")
    if len(words) > 1 and words[0] in LATIN_ARTICLES:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=262144)
def latin_key(name: str) -> str:
    """The key Latin names are matched on: :func:`geokit.normalise.name_key` over the
    matcher's fold (case, diacritics, ʿayn and hamza marks, hyphens and apostrophes),
    articles dropped, words joined.

    >>> latin_key("Maarat al-Numan") == latin_key("Maarat an-Numan") == latin_key("maaratnuman")
    True
    """
    return strip_latin_articles(fold_name(name)).replace(" ", "")


# Letters by frequency in folded news text (space first), Arabic, Persian, then Latin.
_LETTER_RANK = {c: i for i, c in enumerate(" اليمونهرتبعدسفقكحجشطصخزثضغذظپچژگeaoinrstlhdcumgpbykfwvjzxq0123456789")}


def _frequency_order(item: tuple[str, Any]) -> list[int]:
    return [_LETTER_RANK.get(c, 1000 + ord(c)) for c in item[0]]


_default_recogniser: Recogniser | None = None
_recogniser_lock = threading.Lock()


def default_recogniser() -> Recogniser:
    """The recogniser over the packaged gazetteer (built once per process)."""
    global _default_recogniser
    if _default_recogniser is None:
        with _recogniser_lock:
            if _default_recogniser is None:
                _default_recogniser = Recogniser()
                # The automaton's keys and the gazetteer's places live as long as the
                # process: keep the cyclic GC from walking them on every collection.
                import gc

                gc.freeze()
    return _default_recogniser


# --- reading one document -------------------------------------------------------------------

_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def detect_lang(text: str) -> str:
    """``fa`` for Persian, ``ar`` for Arabic, ``en`` for Latin-script text."""
    sample = text[:20000]
    ascii_bytes = sample.encode("ascii", "ignore")
    latin = len(ascii_bytes.translate(None, _ASCII_NON_LETTERS))
    other = len(sample) - len(ascii_bytes)  # non-ASCII characters: mostly Arabic script here
    if other == 0 and latin == 0:
        return "und"
    if latin > other:
        return "en"
    persian = sum(sample.count(c) for c in PERSIAN_LETTERS)
    return "fa" if persian >= max(3, other * 0.01) else "ar"


class _Ctx:
    """What the words around a name say about it (class attributes are the defaults: one
    is made per candidate name, so no __init__)."""

    cue: str | None = None
    cue_kinds: tuple[str, ...] = ()
    strong: bool = False
    direction: str | None = None
    direction_start: int | None = None
    countryside: bool = False
    after_direction: bool = False
    after_countryside: bool = False
    after_cue: str | None = None  # English puts the cue after the name: "Idlib province"


def _words_before(f: str, pos: int, n: int) -> list[tuple[int, str]]:
    """Up to *n* words before folded offset *pos*, nearest first, stopping at punctuation
    (two spaces in a row)."""
    out: list[tuple[int, str]] = []
    i = pos
    while len(out) < n and i > 0:
        if f[i - 1] != " " or (i >= 2 and f[i - 2] == " "):
            break
        j = f.rfind(" ", 0, i - 1) + 1
        out.append((j, f[j:i - 1]))
        i = j
    return out


def _words_after(f: str, pos: int, n: int) -> list[tuple[int, str]]:
    """Up to *n* words after folded offset *pos* (the space after a word), stopping at
    punctuation."""
    out: list[tuple[int, str]] = []
    i = pos
    while len(out) < n and i < len(f) - 1:
        if f[i] != " " or f[i + 1] == " ":
            break
        j = f.find(" ", i + 1)
        if j < 0:
            j = len(f)
        out.append((i + 1, f[i + 1:j]))
        i = j
    return out


_TABLES_BY_ID: dict[int, Any] = {}


def _lookup(word: str, table: dict[str, Any] | frozenset[str]) -> Any:
    """The entry of *word* (with any clitic stripped) in *table*, or None."""
    tid = id(table)
    _TABLES_BY_ID[tid] = table
    return _lookup_cached(word, tid)


@lru_cache(maxsize=262144)
def _lookup_cached(word: str, tid: int) -> Any:
    table = _TABLES_BY_ID[tid]
    for form in bare_forms(word):
        if form in table:
            return table[form] if isinstance(table, dict) else form
    return None


_CLITICS_NO_ARTICLE = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def _by_head(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Non-empty *prefixes* grouped by first letter, each group in the given order."""
    out: dict[str, list[str]] = {}
    for p in prefixes:
        if p:
            out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


_CLITICS_BY_HEAD = _by_head(_CLITICS_NO_ARTICLE)
_SKIP_BEFORE = frozenset({"هاي", "ها", "of", "the"})


@lru_cache(maxsize=262144)
def _cue_lookup(word: str) -> str | None:
    """The cue a word is, with a conjunction or preposition joined to it but not the
    article: a cue names the place after it in construct (مدينة حلب, not المدينة حلب)."""
    if word in _CUES_F:
        return word
    for p in _CLITICS_BY_HEAD.get(word[:1], ()):
        if word.startswith(p) and word[len(p):] in _CUES_F:
            return word[len(p):]
    return None


def _clitic_len(word: str, table: dict[str, Any]) -> int:
    """Length of the clitic before the part of *word* found in *table*."""
    if word in table:
        return 0
    for p in _CLITICS_BY_HEAD.get(word[:1], ()):
        if word.startswith(p) and word[len(p):] in table:
            return len(p)
    return 0


# Per folded word, what it says as a neighbour of a name: (cue word, cue kinds, direction,
# length of the clitic before the direction, countryside cue?, any cue?).  Words repeat
# a lot in news text, so each is classified once (bounded: cleared when full).
_WORD_INFO: dict[str, tuple[str | None, tuple[str, ...] | None, str | None, int, bool, bool]] = {}
_WORD_INFO_MAX = 400_000
_NO_INFO = (None, None, None, 0, False, False)


def _word_info(w: str) -> tuple[str | None, tuple[str, ...] | None, str | None, int, bool, bool]:
    info = _WORD_INFO.get(w)
    if info is None:
        if len(_WORD_INFO) >= _WORD_INFO_MAX:
            _WORD_INFO.clear()
        cue_word = _cue_lookup(w)
        info = (cue_word, _CUES_F[cue_word] if cue_word is not None else None, _lookup(w, _DIRECTIONS_F),
                _clitic_len(w, _DIRECTIONS_F), bool(_lookup(w, _COUNTRYSIDE_F)), bool(_lookup(w, _CUES_F)))
        _WORD_INFO[w] = info
    return info


_AFTER_IN = frozenset({"في", "in"})
_AFTER_CUES_LATIN = lex.ENGLISH_AFTER_CUES
_AFTER_NEAR = frozenset({"في", "قرب", "near", "in"})


def _context(f: str, span_start: int, core_end: int) -> _Ctx:
    ctx = _Ctx()
    # The word right before decides most cases: neither a cue nor a direction ends the look back.
    i = span_start
    if i > 0 and f[i - 1] == " " and not (i >= 2 and f[i - 2] == " "):
        j = f.rfind(" ", 0, i - 1) + 1
        w0 = f[j:i - 1]
        info = _WORD_INFO.get(w0) or _word_info(w0)
        if info[0] is None and info[2] is None and w0 not in _SKIP_BEFORE:
            ctx.countryside = info[4]
        else:
            _context_before(f, span_start, ctx)
    # After the name: a direction (حلب الجنوبي) or a countryside phrase (X في ريف …).
    n = len(f)
    if core_end < n - 1 and f[core_end] == " " and f[core_end + 1] != " ":
        e = f.find(" ", core_end + 1)
        if e < 0:
            e = n
        w = f[core_end + 1:e]
        info = _WORD_INFO.get(w) or _word_info(w)
        if info[2] is not None:
            ctx.after_direction = True
        if info[0] is not None and w in _AFTER_CUES_LATIN:
            ctx.after_cue = w
        if info[4] or w in _AFTER_NEAR:
            if w in _AFTER_IN:
                if e < n - 1 and f[e] == " " and f[e + 1] != " ":
                    e2 = f.find(" ", e + 1)
                    info2 = _word_info(f[e + 1:e2 if e2 >= 0 else n])
                    if info2[4] or info2[5]:
                        ctx.after_countryside = True
            else:
                ctx.after_countryside = True
    return ctx


def _context_before(f: str, span_start: int, ctx: _Ctx) -> None:
    """Cues and directions among the three words before a name (skipping هاي, of, the)."""
    # _words_before(f, span_start, 4) without the skipped words, at most three (inlined:
    # this runs for most names).
    before: list[tuple[int, str]] = []
    i = span_start
    for _ in range(4):
        if i <= 0 or f[i - 1] != " " or (i >= 2 and f[i - 2] == " "):
            break
        j = f.rfind(" ", 0, i - 1) + 1
        w = f[j:i - 1]
        if w not in _SKIP_BEFORE:
            before.append((j, w))
            if len(before) == 3:
                break
        i = j
    word_info = _WORD_INFO.get
    for i, (pos, w) in enumerate(before):
        cue_word, cue, d, dlen, countryside, _ = word_info(w) or _word_info(w)
        if countryside:
            ctx.countryside = True
        if d is not None and i <= 2 and ctx.direction is None:
            ctx.direction = d
            ctx.direction_start = pos + dlen
            # "شمال غربي", "north west": two direction words make one direction
            if i + 1 < len(before):
                info2 = word_info(before[i + 1][1]) or _word_info(before[i + 1][1])
                d2 = info2[2]
                if d2 is not None and d2 in "NS" and d in "EW":
                    ctx.direction = d2 + d
                    ctx.direction_start = before[i + 1][0] + info2[3]
            if i == 0:
                ctx.strong = True
            continue
        if cue is not None and i == 0:
            ctx.cue = cue_word
            ctx.cue_kinds = cue
            ctx.strong = ctx.cue in _STRONG_CUES_F
            continue
        if cue is not None and i == 1 and ctx.cue is None and ctx.direction is None:
            # "ريف محافظة حلب": the nearer cue counts; a farther one only sets countryside.
            continue
        if i == 0:
            break


_NISBA_END = ("ي", "يه")


class _MaskIndex:
    """Masked folded spans (organisation and person names), sorted, for quick "is this
    covered?" questions: one bisect instead of a scan over every mask."""

    __slots__ = ("spans", "starts", "reach")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        # The farthest end among the masks starting at or before each one.
        self.reach: list[int] = []
        reach = -1
        for _, b in self.spans:
            reach = b if b > reach else reach
            self.reach.append(reach)

    def covers(self, a: int, b: int) -> bool:
        """True when one mask covers the whole of ``[a, b)``."""
        i = bisect_right(self.starts, a) - 1
        return i >= 0 and self.reach[i] >= b


def _masks(f: str, original: str, ft: FoldedText, hits: list) -> list[tuple[int, int]]:
    """Folded spans that are organisation or person names."""
    spans: list[tuple[int, int]] = [(h.start, h.end) for h in _of(hits, "org")]
    for cat in ("org_head", "title", "given"):
        for h in _of(hits, cat):
            end = _name_after(f, original, ft, h.end, cat)
            if end > h.end:
                spans.append((h.end, end))
    return spans


def _of(hits: list, cat: str) -> list:
    """The hits of one category (a :class:`geokit._phrases.Hits` knows them by category)."""
    if isinstance(hits, Hits):
        return hits.of(cat)
    return [h for h in hits if h.cat == cat]


_OPEN_QUOTES = "«“\"(‹„'"
_CLOSE_QUOTES = {"«": "»", "“": "”", '"': '"', "(": ")", "‹": "›", "„": "“", "'": "'"}


_NAME_LIMIT = {"org_head": 2, "title": 3, "given": 2}
_PRONOUNS = frozenset({"هو", "وهو", "هي", "وهي"})


@lru_cache(maxsize=65536)
def _ends_name(w: str) -> bool:
    """True for a word that cannot continue a name: a function word, a cue, a pronoun."""
    return any(b in _FUNCTION_F or b in _CUES_F for b in bare_forms(w)) or w in _PRONOUNS


def _name_after(f: str, original: str, ft: FoldedText, pos: int, cat: str) -> int:
    """End of the name that follows a head word, title or given name at folded *pos*."""
    # A quoted or bracketed name right after the head: mask up to the closing mark.
    if cat == "org_head":
        o = ft.to_orig_end(pos)
        k = o
        while k < len(original) and k < o + 3 and original[k] in " _ـ":
            k += 1
        if k < len(original) and original[k] in _OPEN_QUOTES:
            close = _CLOSE_QUOTES[original[k]]
            c = original.find(close, k + 1, k + 80)
            if c > 0:
                # map the original close position back: scan folded for it
                for fp in range(pos, min(len(f), pos + 90)):
                    if ft.to_orig(fp) >= c:
                        return fp
    limit = _NAME_LIMIT[cat]
    end = pos
    for i, (wpos, w) in enumerate(_words_after(f, pos, limit)):
        if _ends_name(w):
            break
        if w.startswith("و") and i > 0 and cat != "org_head":
            break
        if cat == "org_head" and i == 1 and not w.startswith("ال"):
            break
        if w.isascii() and w not in LATIN_ARTICLES:
            o = ft.to_orig(wpos)
            if o < len(original) and not original[o].isupper():
                break  # a Latin name goes on with capitalised words: "Rami and Jinaz"
        end = wpos + len(w)
    return end


def extract(text: str, *, lang: str | None = None, date: str | Date | None = None,
            name: str | None = None, incidents: bool = True,
            recogniser: Recogniser | None = None) -> Document:
    """Find the places a text names, and what happened there.

    Parameters
    ----------
    text : str
        News text in Arabic, Persian or English (mixed is fine).
    lang : str, optional
        ``ar``, ``fa`` or ``en``; detected when omitted.
    date : str or datetime.date, optional
        The report's date (``YYYY-MM-DD``): weekday names and "yesterday"
        are resolved against it.  When omitted, the latest explicit date in
        the text is used.
    name : str, optional
        A document name (the file name) carried into every output record.
    incidents : bool
        Also extract incidents and control observations (default True).
    recogniser : Recogniser, optional
        A recogniser over another gazetteer; the packaged one by default.

    Returns
    -------
    Document
        With ``.mentions`` (in text order), ``.relations``, ``.incidents``
        and ``.control_observations``.

    Raises
    ------
    InputError
        When *text* is not a string, is too long, or *date* is not a date.
    """
    if not isinstance(text, str):
        raise InputError(f"extract() needs a str, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text too long ({len(text)} characters; limit {MAX_TEXT_CHARS})")
    ref = _parse_date(date)
    rec = recogniser or default_recogniser()
    doc = Document(text=text, name=name, lang=lang or detect_lang(text))
    ft = fold_for_matching(text)
    capitals: list[int] = []
    raw, hits = rec.scan(ft, persian=doc.lang == "fa", capitals=capitals)
    doc.sentences = split_sentences(text)
    doc.mentions = _recognise(doc, ft, hits, rec, raw, capitals)
    _resolve(doc, rec)
    _relations(doc, ft)
    doc.date, doc.date_source = _inc.document_date(doc, ft, hits, ref)
    if incidents:
        _inc.find_incidents(doc, ft, hits)
    return doc


def _parse_date(value: str | Date | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _recognise(doc: Document, ft: FoldedText, hits: list, rec: Recogniser,
               raw: list[tuple[int, int, int, int, str]] | None = None,
               capitals: list[int] | None = None) -> list[Mention]:
    f, original = ft.folded, ft.original
    masks = _MaskIndex(_masks(f, original, ft, hits))
    mask_starts, mask_reach = masks.starts, masks.reach
    sent_starts = [s.start for s in doc.sentences]

    accepted: list[tuple[Mention, _Key, str]] = []
    pending: list[tuple[tuple[Any, ...], _Key, str, int]] = []
    keys = rec.keys
    span = ft.span
    to_orig = ft.to_orig
    nisba, article_prefixes, cues, countryside_cues = _NISBA_F, _ARTICLE_PREFIX_SET, _CUES_F, _COUNTRYSIDE_F
    starts: set[int] = set()  # folded starts of accepted names (clitics included)
    for span_s, core_s, core_e, idx, prefix in (rec.find(ft) if raw is None else raw):
        k = keys[idx]
        if k.cue_word or k.function:
            continue
        if mask_starts:  # inlined masks.covers(): once per match
            mi = bisect_right(mask_starts, span_s if not prefix else core_s) - 1
            if mi >= 0 and mask_reach[mi] >= core_e:
                continue
        ctx = _context(f, span_s, core_e)
        latin = k.latin
        has_article = prefix in article_prefixes or (latin and bool(prefix))
        if k.hard and not (ctx.cue and ctx.strong):
            continue
        if not latin:
            if ctx.cue is None and has_article and ("ال" + k.core if has_article else k.core) in nisba:
                continue
            if k.nisba_end and _is_adjective(f, span_s, k, prefix, ctx):
                continue
        elif k.ambiguous and not prefix and not (ctx.cue or ctx.after_direction):
            continue
        text_start = core_s - (2 if (not latin and has_article and prefix.endswith("ال")) else 0)
        if latin and prefix:
            text_start = span_s
        if k.n_words > 1 and not latin:
            head = k.core.split(" ", 1)[0]
            if head in cues and head not in countryside_cues:
                text_start = core_s + len(head) + 1  # "محافظة إدلب": the toponym is إدلب
        text_end = core_e
        cue, countryside = ctx.cue, ctx.countryside
        if latin:
            # English names the kind after the name: "Idlib Governorate" (a name of the
            # gazetteer: the toponym ends before the cue), "Aleppo countryside".
            last = f.rfind(" ", core_s, core_e)
            after_cue = ctx.after_cue
            if last > core_s and f[last + 1:core_e] in _AFTER_CUES_LATIN and f[last + 1:core_e] in cues:
                after_cue = f[last + 1:core_e]
                text_end = last
            if after_cue is not None and cue is None:
                cue = after_cue
                countryside = countryside or after_cue in countryside_cues
        s, e = span(text_start, text_end)
        # Latin readings depend on the spelling (an exact name or only the same key).
        fields = (s, e, k.core, cue, ctx.direction, countryside,
                  to_orig(ctx.direction_start) if ctx.direction_start is not None else None,
                  (k.core, latin, f[core_s:core_e] if latin else has_article))
        if (k.ambiguous or k.small) and not (latin and prefix):
            strong = ctx.strong if k.ambiguous else (ctx.cue is not None or ctx.direction is not None)
            if not (strong or ctx.after_direction or ctx.after_countryside):
                pending.append((fields, k, prefix, span_s))  # the Mention is made if a list takes it
                continue
        accepted.append((_new_mention(original, fields, sent_starts), k, prefix))
        starts.add(span_s)
    # Coordination: a name in a list with an accepted place ("منبج والباب", "أثريا - خناصر").
    changed = True
    spans = sorted([(m.start, m.end) for m, _, _ in accepted]) if pending else []
    while pending and changed:
        changed = False
        rest = []
        for item in pending:
            fields, k, prefix, span_s = item
            if _coordinated(original, fields[0], fields[1], spans, prefix):
                accepted.append((_new_mention(original, fields, sent_starts), k, prefix))
                insort(spans, (fields[0], fields[1]))
                starts.add(span_s)
                changed = True
            else:
                rest.append(item)
        pending = rest
    accepted.sort(key=_MENTION_START)
    # A list inherits the cue of its head: "محافظتي حلب وإدلب", "ريفي حلب وإدلب".
    for (prev, _, _), (m, _, prefix) in zip(accepted, accepted[1:]):
        if m.cue is None and not m.direction and prefix.startswith("و") and \
                _LIST_GAP.match(original[prev.end:m.start]):
            m.cue, m.countryside = prev.cue, prev.countryside or m.countryside
    mentions = []
    for m, k, prefix in accepted:
        m.candidates = _candidates(rec, k, m.cand_key)
        if m.candidates:
            mentions.append(m)
    _fuzzy_recover(doc, ft, hits, mentions, masks, starts)
    if capitals:
        mentions.sort(key=_START)
        mentions = _latin_runs(doc, ft, mentions, capitals, masks)
    mentions.sort(key=_START)
    return mentions


def _new_mention(original: str, fields: tuple[Any, ...], sent_starts: list[int]) -> Mention:
    s, e, key, cue, direction, countryside, direction_start, cand_key = fields
    # Positional: the fields in Mention's order (no keyword matching for every name).
    return Mention(s, e, original[s:e], key, None, [], 0.0, False, cue, direction, countryside, "exact",
                   max(0, bisect_right(sent_starts, s) - 1), direction_start, "", cand_key)


def _is_adjective(f: str, span_s: int, k: _Key, prefix: str, ctx: _Ctx) -> bool:
    """A nisba adjective agreeing with the noun before it: القوات الروسية (definite),
    مصادر تركية (indefinite, a feminine form that is also a country's name)."""
    if ctx.cue or ctx.direction or not k.core.endswith(_NISBA_END):
        return False
    before = _words_before(f, span_s, 1)
    if not before:
        return False
    prev = before[0][1]
    if prefix == "" and k.core in _NISBA_FEM_F:
        return not (prev.startswith("ال") or any(b in _FUNCTION_F for b in bare_forms(prev))
                    or _lookup(prev, _DIRECTIONS_F) is not None)
    if prefix != "ال":
        return False
    return any(b.startswith("ال") for b in bare_forms(prev)) and _lookup(prev, _CUES_F) is None


_LIST_GAP = re.compile(r"^[\s،,؛;\-–—/«»\"“”()]*(?:و|ف|وب|ول|وك|ب|ل)?$")


def _coordinated(original: str, start: int, end: int, spans: list[tuple[int, int]], prefix: str) -> bool:
    """True when only list punctuation, و, and at most one cue word separate the name at
    ``original[start:end]`` from an accepted place (*spans* sorted)."""
    i = bisect_left(spans, (start, end))
    for a, b in spans[max(0, i - 1):i + 1]:
        if 0 <= start - b <= 24:
            gap = original[b:start]
        elif 0 <= a - end <= 24:
            gap = original[end:a]
        else:
            continue
        if _LIST_GAP.match(gap):
            return True
        words = gap.split()
        if len(words) <= 2:
            rest = [w for w in words if _lookup(fold_name(w), _CUES_F) is None]
            if all(_LIST_GAP.match(w) for w in rest) and len(rest) < len(words) and any(c in gap for c in "،,و-"):
                return True
    return False


def _candidates(rec: Recogniser, k: _Key, ck: tuple[str, bool, Any]) -> list[Candidate]:
    """The readings of key *k* as matched: *ck* is ``(core, latin, article?)`` for an
    Arabic-script match and ``(core, latin, folded spelling)`` for a Latin one."""
    cached = rec.candidate_cache.get(ck)
    if cached is None:
        if len(rec.candidate_cache) >= _CACHE_MAX:
            rec.candidate_cache.clear()
        cached = rec.candidate_cache[ck] = _candidates_for(rec, k, ck[2])
    return list(cached)


def _candidates_for(rec: Recogniser, k: _Key, form: Any) -> list[Candidate]:
    out: list[Candidate] = []
    for pid, (bonus, art, how) in k.places.items():
        p = rec.places[pid]
        s = _KIND_PRIOR.get(p.kind, 0.3) + bonus + 0.03 * math.log10((p.population or 0) + 1)
        reason = how
        if not k.latin:
            if art == form:  # the article written as the name has it
                s += 0.1
            else:
                s -= 0.08
                reason = "article"
        elif form not in k.spellings.get(pid, ()):
            s -= 0.08  # same key, other spelling: Khantouman for Khan Touman
            reason = "key"
        if how == "compound":
            s -= 0.03
        out.append(_new_tuple(Candidate, (p, s, reason)))
    for wp in k.world:
        s = {"country": 1.0, "capital": 0.9}.get(wp.kind, 0.75)
        out.append(Candidate(wp, s, "world"))
    return out


def _fuzzy_recover(doc: Document, ft: FoldedText, hits: list, mentions: list[Mention],
                   masks: _MaskIndex, starts: set[int] | frozenset[int] = frozenset()) -> None:
    """A name after a strong cue that matches nothing, but is one letter away from a
    place already named in the document, is that place (a misspelling).  *starts*: folded
    offsets where a name of *mentions* starts (a word there is taken)."""
    if not mentions:
        return
    f, original = ft.folded, ft.original
    n = len(f)
    known: dict[str, Mention] | None = None
    names: list[str] = []
    occupied: bytearray | None = None
    for h in _of(hits, "cue"):
        he = h.end
        # The one word after the cue (none after punctuation).
        if he >= n - 1 or f[he] != " " or f[he + 1] == " ":
            continue
        cue = f[h.start:he]
        if cue not in _STRONG_CUES_F:
            continue
        pos = he + 1
        if pos in starts:
            continue
        w = f[pos:f.find(" ", pos)]
        core = _fuzzy_core(w)
        if core is None or masks.covers(pos, pos + 1):
            continue
        if known is None:
            # The document's names (their cores), in text order: the first close one wins.
            known = {}
            for m in mentions:
                kc = _strip_article(m.key)[0]
                if len(kc) >= 4:
                    known.setdefault(kc, m)
            names = list(known)
        # One call over all names: rapidfuzz rejects most by length before comparing.
        close = _close_names()(core, names, scorer=_edit_distance(), score_cutoff=1, limit=None)
        best = known[names[min(i for _, _, i in close)]] if close else None
        if best is None:
            continue
        # The word must not be (part of) a name already taken.
        if occupied is None:
            occupied = bytearray(len(original) + 1)
            for m in mentions:
                occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        s, e = ft.span(pos, pos + len(w))
        if occupied.find(1, s, e) >= 0:
            continue
        m = Mention(start=s, end=e, text=original[s:e], key=core, cue=fold_name(cue), match="fuzzy")
        m.candidates = [Candidate(c.place, c.score - 0.2, "fuzzy") for c in best.candidates]
        m.sentence = next((i for i, st in enumerate(doc.sentences) if st.start <= s < st.end + 1), -1)
        mentions.append(m)
        occupied[s:e] = b"\x01" * (e - s)


_RAPIDFUZZ: dict[str, Any] = {}


def _edit_distance() -> Any:
    """rapidfuzz's Levenshtein distance (imported once: an import statement in a hot
    function costs a trip through the import machinery every time)."""
    if not _RAPIDFUZZ:
        _import_rapidfuzz()
    return _RAPIDFUZZ["distance"]


def _close_names() -> Any:
    """rapidfuzz's ``process.extract`` (imported once)."""
    if not _RAPIDFUZZ:
        _import_rapidfuzz()
    return _RAPIDFUZZ["extract"]


def _import_rapidfuzz() -> None:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    _RAPIDFUZZ.update(distance=Levenshtein.distance, extract=process.extract)


@lru_cache(maxsize=65536)
def _fuzzy_core(w: str) -> str | None:
    """The article-less core of a word that may be a misspelt name, or None."""
    core, _art = _strip_article(w)
    if len(core) < 4 or w in _BLOCK_F or w in _COMMON_F or core in _BLOCK_F:
        return None
    return core


# --- Latin names the gazetteer does not spell so: through geokit.resolve ---------------------------

_RUN_STOP: frozenset[str] = frozenset()
_RESOLVE_CACHE: dict[str, Any] = {}
_RUN_MATCHES = frozenset({"exact", "folded", "fuzzy", "cross-script"})
_RUN_MIN_SCORE = 0.8
_RUN_MIN_SCORE_WEAK = 0.9


_RESOLVER: list[Any] = []


def _resolver() -> Any:
    """:func:`geokit.resolver.resolve`, or None where the resolver is not available
    (imported on first use: the resolver loads its own index)."""
    if not _RESOLVER:
        try:
            from geokit.resolver import resolve
        except ImportError:
            resolve = None
        _RESOLVER.append(resolve)
    return _RESOLVER[0]


def _resolve_run(text: str) -> Any:
    got = _RESOLVE_CACHE.get(text, _NOT_CACHED)
    if got is _NOT_CACHED:
        resolve = _resolver()
        try:
            got = resolve(text) if resolve is not None else None
        except GeokitError:
            got = None
        if len(_RESOLVE_CACHE) >= 20000:
            _RESOLVE_CACHE.clear()
        _RESOLVE_CACHE[text] = got
    return got


_NOT_CACHED = object()


def _capital_runs(f: str, capitals: list[int]) -> list[tuple[int, int]]:
    """Runs of capitalised words (folded spans): "Kfr Nouran", "Maarat al-Numan" (an article
    or "wa" inside when a capitalised word follows), without words such as The, Syrian,
    Province, Monday."""
    global _RUN_STOP
    if not _RUN_STOP:
        _RUN_STOP = (frozenset(lex.ENGLISH_COMMON - lex.ENGLISH_NAME_PARTS) | lex.ENGLISH_NOT_NAMES
                     | lex.ENGLISH_AFTER_CUES | lex.ENGLISH_OF_CUES | frozenset(_DIRECTIONS_F))
    caps = set(capitals)
    nf = len(f)
    runs = []
    last = -1
    for fs in capitals:
        if fs < last:
            continue
        pos, end, n = fs, fs, 0
        while n < 6 and pos < nf:
            w_end = f.find(" ", pos)
            w = f[pos:w_end]
            if not w:
                break
            if pos in caps and w not in _RUN_STOP and not w.isdigit():
                end = w_end
            elif not ((w in LATIN_ARTICLES or w in _LATIN_JOINERS) and end > fs and (w_end + 1) in caps):
                break
            n += 1
            pos = w_end + 1
        if end > fs:
            runs.append((fs, end))
            last = end
    return runs


def _latin_runs(doc: Document, ft: FoldedText, mentions: list[Mention], capitals: list[int],
                masks: _MaskIndex) -> list[Mention]:
    """Capitalised names the gazetteer does not spell so ("the village of Kfr Nouran",
    "Khan Toumane south of Aleppo"), resolved with :func:`geokit.resolve` when a place cue
    stands by them: a cue word and "of" before (village of, outskirts of, north of), near or
    around before, a cue word or a direction after (X countryside, X village, X south of),
    or a list with a place before ("near Saraqib and Kfr Nouran").  A run that holds a
    shorter match (Toumane in Khan Toumane) replaces it when the whole resolves."""
    runs = _capital_runs(ft.folded, capitals)
    if not runs or _resolver() is None:
        return mentions
    f, original = ft.folded, ft.original
    to_folded = ft.to_folded
    # Mentions do not overlap: sorted by start, their ends are sorted too.
    spans = [(to_folded(m.start), to_folded(m.end - 1) + 1, m) for m in mentions]
    span_ends = [b for _, b, _ in spans]
    sent_starts = [s.start for s in doc.sentences]
    accepted_ends: list[int] = list(span_ends)
    drop: set[int] = set()
    added: list[Mention] = []
    for a, b in runs:
        i = bisect_right(span_ends, a)  # the first mention ending after the run starts
        inside = []
        crossing = False
        while i < len(spans) and spans[i][0] < b:
            ma, mb, m = spans[i]
            if a <= ma and mb <= b and (ma, mb) != (a, b):
                inside.append(m)
            else:
                crossing = True  # already a mention (or more), or crossing one
                break
            i += 1
        if crossing or masks.covers(a, a + 1):
            continue
        # A lower-case article before the run belongs to the name (al-Shughour).
        start = a
        before = _words_before(f, a, 3)
        if before and before[0][1] in LATIN_ARTICLES:
            start = before[0][0]
            before = before[1:]
        words_before = [w for _, w in before]
        after = _words_after(f, b, 1)
        word_after = after[0][1] if after else ""
        cue = None
        weak = False  # near X, around X, a list: the resolver must be surer
        if words_before[:1] and words_before[0] in lex.ENGLISH_BEFORE_CUES:
            cue, weak = words_before[0], True
        elif len(words_before) >= 2 and words_before[0] == "of" and words_before[1] in lex.ENGLISH_OF_CUES:
            cue = words_before[1]
        elif word_after in lex.ENGLISH_AFTER_CUES or _word_info(word_after)[2] is not None:
            cue = word_after
        elif words_before[:1] == ["and"] or (start >= 2 and f[start - 2] == " "):
            # A list: a place (or a run taken) ends just before "and" / the comma.
            gap_start = before[0][0] if words_before[:1] == ["and"] else start
            i = bisect_right(accepted_ends, gap_start) - 1
            if i >= 0 and not f[accepted_ends[i]:gap_start].strip(" ") and gap_start - accepted_ends[i] <= 4:
                cue, weak = "list", True
        if cue is None:
            continue
        s, e = ft.span(start, b)
        res = _resolve_run(original[s:e])
        if res is None or not res.resolved or res.ambiguous or not res.candidates:
            continue
        best = res.candidates[0]
        # A weak cue needs a surer reading, unless a shorter name inside vouches for the run.
        if best.match not in _RUN_MATCHES or best.score < (_RUN_MIN_SCORE_WEAK if weak and not inside
                                                            else _RUN_MIN_SCORE):
            continue
        if inside and all(m.place is not None and m.candidates and m.candidates[0].place.id == best.place.id
                          for m in inside):
            continue  # the shorter match already reads so
        ctx = _context(f, start, b)
        m = Mention(s, e, original[s:e], latin_key(original[s:e]), cue=ctx.cue, direction=ctx.direction,
                    countryside=ctx.countryside or word_after == "countryside", match="resolver",
                    direction_start=ft.to_orig(ctx.direction_start) if ctx.direction_start is not None else None)
        m.sentence = max(0, bisect_right(sent_starts, s) - 1)
        m.candidates = [Candidate(c.place, c.score, "resolver:" + c.match) for c in res.candidates]
        added.append(m)
        drop.update(id(x) for x in inside)
        insort(accepted_ends, b)
    if not added:
        return mentions
    return [m for m in mentions if id(m) not in drop] + added


# --- disambiguation ---------------------------------------------------------------------------

def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Equirectangular: exact enough at the scale of one country, and cheap.
    x = (lon2 - lon1) * 0.8  # cos(36°)
    y = lat2 - lat1
    return 111.2 * math.sqrt(x * x + y * y)


_AREA_KINDS = frozenset({"governorate"})


def _nearest(p: Any, points: list[tuple[float, float, str, str | None]]) -> float:
    """Distance in km from *p* to the nearest of *points* (1e9 when there are none).
    An admin area is at distance 0 from the points inside it (by governorate)."""
    if not points:
        return 1e9
    if p.kind in _AREA_KINDS:
        admin = p.admin1_pcode
        for pt in points:
            if pt[3] == admin:
                return 0.0
        return 1e9
    lat, lon = p.lat, p.lon
    best = math.inf
    for a, b, _, _ in points:
        dy = a - lat
        dx = (b - lon) * 0.8
        d = dy * dy + dx * dx
        if d < best:
            best = d
    return 111.2 * math.sqrt(best)


def _score_local(m: Mention) -> list[Candidate]:
    """Candidates scored on the mention's own cues."""
    out = []
    for c in m.candidates:
        p = c.place
        s = c.score
        foreign = isinstance(p, WorldPlace)
        cue, weight = m.cue, 1.0
        if cue is None and " " in m.key:
            head = m.key.split(" ", 1)[0]  # a name that carries its own cue: محافظة إدلب
            cue, weight = (head, 2.0) if head in _CUES_F else (None, 1.0)
        kinds = _CUES_F.get(cue or "", ())
        if kinds:
            if foreign:
                s -= 0.5
            elif p.kind in kinds:
                s += 0.35 * weight
            else:
                s -= 0.25 * weight
        if m.countryside and not foreign:
            if p.kind == "governorate":
                s += 0.7
            elif p.kind == "city":
                s += 0.2
            elif p.kind in ("district",):
                s += 0.1
        out.append(Candidate(p, s, c.reason))
    _sort_candidates(out)
    return out


def _scored_local(m: Mention, rec: Recogniser) -> list[Candidate]:
    """:func:`_score_local`, cached per name, article, cue and countryside."""
    if m.cand_key is None:
        return _score_local(m)
    key = (m.cand_key, m.cue, m.countryside)
    cache = rec.scored_cache
    got = cache.get(key)
    if got is None:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        got = cache[key] = tuple(_score_local(m))
    return list(got)


def _resolve(doc: Document, rec: Recogniser) -> None:
    mentions = doc.mentions
    for m in mentions:
        m.candidates = _scored_local(m, rec)
    # Anchors: mentions with one reading, or a clear winner among big places.
    anchors: list[tuple[int, Any, str]] = []
    admin_by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        cands = m.candidates
        top = cands[0]
        p = top.place
        if isinstance(p, WorldPlace):
            continue
        if len(cands) == 1 or top.score - cands[1].score >= 0.3:
            anchors.append((m.sentence, p, m.key))
            if (m.countryside or p.kind in ("governorate", "city")) and p.admin1_pcode:
                admin_by_sentence.setdefault(m.sentence, set()).add(p.admin1_pcode)
    # Anchors that can vote on distance: points, not areas; one vote per place and name.
    by_sentence: dict[int, list[tuple[float, float, str, str | None]]] = {}
    doc_points: dict[tuple[str, str], tuple[float, float, str, str | None]] = {}
    for si, a, key in anchors:
        if a.kind in ("country", "governorate"):
            continue
        pt = (a.lat, a.lon, key, a.admin1_pcode)
        by_sentence.setdefault(si, []).append(pt)
        doc_points.setdefault((a.id, key), pt)
    doc_list = list(doc_points.values())[:25]
    near_doc: dict[tuple[str, str], float] = {}
    near_sent: dict[tuple[str, int, str], float] = {}
    others_by_key: dict[str, list[tuple[float, float, str, str | None]]] = {}
    exp = math.exp
    for m in mentions:
        # Context only matters when the mention's own cues leave the reading open.
        cands = m.candidates
        if len(cands) > 1 and cands[0].score - cands[1].score < 0.6:
            cands = cands[:5]
            rescored = []
            mkey, msent = m.key, m.sentence
            admins = admin_by_sentence.get(msent, ())
            sent_pts = [pt for pt in by_sentence.get(msent, ()) if pt[2] != mkey]
            # Other names only: a name repeated does not vote for itself.
            doc_pts = others_by_key.get(mkey)
            if doc_pts is None:
                doc_pts = others_by_key[mkey] = [pt for pt in doc_list if pt[2] != mkey]
            for c in cands:
                p = c.place
                s = c.score
                if not isinstance(p, WorldPlace):
                    if admins and p.admin1_pcode in admins:
                        s += 0.3
                    # Sentence first, then document (the order the scores add up in).
                    if sent_pts:
                        ks = (mkey, msent, p.id)
                        ds = near_sent.get(ks)
                        if ds is None:
                            ds = near_sent[ks] = _nearest(p, sent_pts)
                        if ds < 1e9:
                            s += 0.5 * exp(-ds / 40.0)
                    if doc_pts:
                        kd = (mkey, p.id)
                        d = near_doc.get(kd)
                        if d is None:
                            d = near_doc[kd] = _nearest(p, doc_pts)
                        if d < 1e9:
                            s += 0.25 * exp(-d / 60.0)
                rescored.append(_new_tuple(Candidate, (p, s, c.reason)))
            _sort_candidates(rescored)
            m.candidates = cands = rescored
        top = cands[0]
        m.place = top.place
        m.foreign = isinstance(top.place, WorldPlace)
        if len(cands) == 1:
            conf = 0.9
        else:
            conf = 0.5 + (top.score - cands[1].score)
        if m.match == "fuzzy":
            conf -= 0.3
        elif m.match == "resolver":
            conf -= 0.1
        m.score = max(0.05, min(0.99, conf))


_PLACE_ID = attrgetter("place.id")
_SCORE = itemgetter(1)
_START = attrgetter("start")
_MENTION_START = lambda t: t[0].start  # noqa: E731 - (mention, key, prefix) by start


def _sort_candidates(cands: list[Candidate]) -> None:
    """Best score first; equal scores by place id.  Two C-level sorts (the second is
    stable) instead of a Python key function per candidate."""
    if len(cands) > 1:
        cands.sort(key=_PLACE_ID)
        cands.sort(key=_SCORE, reverse=True)


def _relations(doc: Document, ft: FoldedText) -> None:
    for i, m in enumerate(doc.mentions):
        if m.direction and m.direction_start is not None:
            s = m.direction_start
            doc.relations.append(Relation(m.direction, i, s, m.end, doc.text[s:m.end]))


# --- examples -----------------------------------------------------------------------------------

def example_names() -> list[str]:
    """Names of the example bulletins shipped in ``geokit/data/examples``."""
    base = resources.files("geokit") / "data" / "examples"
    return sorted(p.name for p in base.iterdir() if p.name.endswith(".txt"))


def example_text(name: str) -> str:
    """The text of one shipped example bulletin (see :func:`example_names`)."""
    if name not in example_names():
        raise InputError(f"no example named {name!r}; have: {', '.join(example_names())}")
    return (resources.files("geokit") / "data" / "examples" / name).read_text(encoding="utf-8")
