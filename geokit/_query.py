"""Reading a place query: qualifiers, compound inputs, descriptions.

A query as people write it is seldom a bare name: "Rajo village, Afrin",
"Aleppo - Salah Eddin", "Abu Tabbal near Kafr Naha", "Hamrat (Lattakia)",
"ريف حلب الغربي", "12 km from Manbij".  :func:`parse_query` turns it into
*readings*: which part names the place sought (the target, possibly with
alternatives), which parts only constrain it (context), and what the
qualifier words said (kind, "countryside", a street or mosque rather than a
settlement, an offset of some kilometres).  The resolver scores every
reading and keeps the best; nothing here looks at the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from geokit.normalise import fold_arabic

__all__ = ["Part", "Reading", "parse_query", "strip_qualifiers", "is_plain", "is_clean", "names_nothing"]

_PLACE_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp"})


@dataclass(frozen=True, slots=True)
class Part:
    """One place-naming piece of a query.

    Attributes
    ----------
    text : str
        The piece as written (trimmed).
    core : str
        *text* without qualifier words (equal to *text* when there were none).
    kinds : frozenset of str
        Place kinds the qualifiers point to ("village" -> village, town).
    area : bool
        The qualifiers say "around" rather than "at" (countryside, outskirts).
    poi : bool
        The piece names a street, mosque, river ... inside or beside a place,
        not a gazetteer place itself.
    route : bool
        The piece is a road, junction, crossing ... named after a place (which
        is then near).
    mild : bool
        Only direction or size words were stripped (they may belong to the name).
    role : str
        ``target``; for context: ``within`` (a listed enclosing place, "X, Y"),
        ``in`` ("X in Y"), ``paren`` ("X (Y)"), ``near`` ("X near Y",
        "vicinity of Y") or ``direction`` ("X north of Y").
    """

    text: str
    core: str
    kinds: frozenset[str] = frozenset()
    area: bool = False
    poi: bool = False
    mild: bool = False
    role: str = "target"
    route: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    """One way of reading a query: alternatives for the target, and context."""

    targets: tuple[Part, ...]
    context: tuple[Part, ...] = ()
    whole: bool = False          #: the whole query taken as one name
    offset_km: float | None = None  #: "N km from X": the place is N km away from X
    note: str = ""
    bias: float = 0.0            #: small preference among readings (dash order)
    reversed: bool = False       #: a later list piece read as the place: only if inside the first


class _lazy:
    """A regular expression compiled on first use: ``geokit resolve`` on a
    bare name never parses, and should not pay for compiling the parser."""

    __slots__ = ("_args", "_rx")

    def __init__(self, *args: object) -> None:
        self._args = args
        self._rx: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(*self._args)  # type: ignore[arg-type]
        return getattr(rx, name)


# --- qualifier vocabularies ---------------------------------------------------------
# English words are matched on lower-cased, hyphen-free text; Arabic on folded text.
_EN_KIND_WORDS: dict[str, frozenset[str]] = {
    "village": frozenset({"village", "town"}), "villages": frozenset({"village", "town"}),
    "hamlet": frozenset({"village"}), "farm": frozenset({"village"}), "farms": frozenset({"village"}),
    "town": frozenset({"town", "city", "village"}), "city": frozenset({"city", "town"}),
    "neighbourhood": frozenset({"neighbourhood"}), "neighborhood": frozenset({"neighbourhood"}),
    "neighbourhoods": frozenset({"neighbourhood"}), "neighborhoods": frozenset({"neighbourhood"}),
    "quarter": frozenset({"neighbourhood"}),
    "district": frozenset({"district", "subdistrict", "neighbourhood"}),
    "subdistrict": frozenset({"subdistrict"}), "nahiya": frozenset({"subdistrict"}),
    "nahia": frozenset({"subdistrict"}), "nahiyah": frozenset({"subdistrict"}),
    "governorate": frozenset({"governorate"}), "province": frozenset({"governorate"}),
    "governate": frozenset({"governorate"}), "muhafazah": frozenset({"governorate"}),
    "muhafaza": frozenset({"governorate"}),
    "camp": frozenset({"camp"}), "camps": frozenset({"camp"}),
}
_EN_AREA_WORDS = frozenset(
    "countryside rural rif reef outskirts outskirt suburbs suburb vicinity surroundings environs periphery".split()
)
_EN_MILD_WORDS = frozenset(
    "area areas region centre center downtown north south east west northern southern eastern western "
    "northeast northwest southeast southwest northeastern northwestern southeastern southwestern "
    "central desert badia plain plains mountain mountains mount hill hills valley".split()
)
# Routes are named after the places they lead to ("Khan Touman road"); the
# place is near.  Buildings and streets carry names of their own ("Al-Shuhada
# mosque", "Baghdad street"): their name says nothing about where they are.
_EN_ROUTE_WORDS = frozenset("road rd highway motorway junction intersection crossing".split())
_EN_POI_WORDS = frozenset(
    "street st mosque church hospital clinic clinics school schools university bakery market souq souk shop "
    "factory mill plant station prison stadium park garden gardens building buildings tower silos silo dam "
    "river canal lake spring well oilfield field fields base headquarters hq office cemetery graveyard car "
    "convoy house home farmhouse roundabout bridge checkpoint square".split()
) | _EN_ROUTE_WORDS
_EN_FILLER = frozenset("the of for idps idp displaced persons people refugee refugees old".split())

_AR_KIND_WORDS: dict[str, frozenset[str]] = {
    "مدينه": frozenset({"city", "town"}), "بلده": frozenset({"town", "village"}),
    "قريه": frozenset({"village", "town"}), "قري": frozenset({"village"}), "مزرعه": frozenset({"village"}),
    "مزارع": frozenset({"village"}), "حي": frozenset({"neighbourhood"}), "احياء": frozenset({"neighbourhood"}),
    "ناحيه": frozenset({"subdistrict"}), "منطقه": frozenset({"district", "subdistrict"}),
    "محافظه": frozenset({"governorate"}), "مخيم": frozenset({"camp"}), "مخيمات": frozenset({"camp"}),
}
_AR_AREA_WORDS = frozenset("ريف اطراف محيط ضواحي".split())
_AR_MILD_WORDS = frozenset(
    "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الشمالي الجنوبي الشرقي الغربي الشماليه الجنوبيه الشرقيه "
    "الغربيه وسط مركز بادية باديه".split()
)
_AR_ROUTE_WORDS = frozenset("طريق اوتوستراد مفرق تقاطع".split())
_AR_POI_WORDS = frozenset(
    "شارع ساحه مسجد جامع كنيسه مشفي مستشفي مشفى مستشفى مستوصف مدرسه جامعه فرن سوق معمل محطه سجن ملعب "
    "حديقه مبني بنايه نهر قناه بحيره سد حقل مقبره منزل دوار حاجز".split()
) | _AR_ROUTE_WORDS

# Separators of compound queries.
_BRACKETS = _lazy(r"\[[^\]]*\]|\{[^}]*\}")
_PAREN = _lazy(r"\(([^()]*)\)")
_OFFSET = _lazy(
    r"^(?:about |approx\.? |approximately |around |some |roughly |~)?(\d+(?:[.,]\d+)?)\s*"
    r"(?:km|kms|kilometers?|kilometres?|miles?|mi|m|meters?|metres?|كم|كيلو ?مترا?ت?|كيلو|متر)\.?\s+"
    r"(?:(?:to the )?(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west|n|s|e|w|ne|nw|se|sw|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي)\s+)?"
    r"(?:of|from|away from|outside|off|out of|من|عن)?\s*(.+)$",
    re.IGNORECASE,
)
_AR_OFFSET_LEAD = _lazy(r"^(?:على بعد|علي بعد|بعد|حوالي)\s+")
_NEAR = _lazy(
    r"(?:^|\s)(?:near(?: to)?|nr\.?|close to|next to|nearby|beside|adjacent to|outside|"
    r"(?:on )?the outskirts of|outskirts of|(?:in )?the vicinity of|vicinity of|"
    r"(?:to the )?(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west) of|بالقرب من|قرب|قريبا من|بجوار|جوار|محيط|اطراف|أطراف)\s+",
    re.IGNORECASE,
)
# ("at" is left out: it is the article in "Tall at Tawil")
_WITHIN = _lazy(r"\s+(?:in|inside|within|في)\s+", re.IGNORECASE)
_ALT = _lazy(r"\s*/\s*|\s+or\s+|\s+او\s+|\s+أو\s+", re.IGNORECASE)
_AND = _lazy(r"\s+and\s+|\s*&\s*|\s+و\s+", re.IGNORECASE)
_COMMA = _lazy(r"\s*[,،;٫؛|]\s*|\.\s+(?=\S)")
_DASH = _lazy(r"\s+[-–—]\s+|\s*:\s+|\s+[-–—](?=\S)|(?<=\S)[–—]\s+")
_QUOTES = _lazy(r"[\"“”«»„]")
_TRAIL = _lazy(r"^[\s.,;:،؛\-–—]+|[\s.,;:،؛\-–—?!]+$")


_ARABIC_GLUED = _lazy(r"([\u0629\u0649])(?=[\u0621-\u064a])")
# a list cut off after its conjunction ("X and", "X و")
_DANGLING = _lazy(r"(?<=\S)\s+(?:and|or|و|او|أو)$", re.IGNORECASE)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\t\n")
    text = _BRACKETS.sub(" ", text)
    text = _QUOTES.sub(" ", text)
    text = " ".join(text.split())
    text = _TRAIL.sub("", text)
    if _ARABIC_GLUED.search(text):
        # ة and ى end a word: a letter right after one begins the next
        # (الشعفةالشامية is two words run together)
        text = _ARABIC_GLUED.sub(r"\1 ", text)
    text = _DANGLING.sub("", text)
    n = len(text)
    if n >= 6 and n % 2 == 0 and " " not in text and text[:n // 2] == text[n // 2:]:
        text = text[:n // 2]  # a name pasted twice over
    return text


def _en_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-‐]+", text.lower().replace("’", "'")) if w]


def strip_qualifiers(text: str) -> Part:
    """Split *text* (one piece of a query) into core name and qualifiers."""
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in text)
    kinds: set[str] = set()
    area = poi = route = False
    mild = False
    if arabic:
        # Arabic qualifiers lead ("قرية X", "ريف X", "شارع X"); direction and
        # size adjectives trail ("X الغربي").  Inside a name the same words
        # are the name ("أم القرى").
        words = text.split()
        folded = [fold_arabic(w) for w in words]
        start, end = 0, len(words)
        while start < end - 1:
            f = folded[start]
            if f in _AR_KIND_WORDS:
                kinds |= _AR_KIND_WORDS[f]
            elif f in _AR_AREA_WORDS:
                area = True
            elif f in _AR_POI_WORDS:
                poi = True
                route = route or f in _AR_ROUTE_WORDS
            elif f in _AR_MILD_WORDS:
                mild = True
            else:
                break
            start += 1
        while end - 1 > start and (folded[end - 1] in _AR_MILD_WORDS or words[end - 1] in _AR_MILD_WORDS):
            mild = True
            end -= 1
        core = " ".join(words[start:end])
    else:
        words = text.split()
        keep = []
        for w in words:
            low = w.lower().strip(".'’")
            parts = [p for p in re.split(r"[\-‐]", low) if p]
            if low in _EN_KIND_WORDS:
                kinds |= _EN_KIND_WORDS[low]
            elif low in ("sub-district", "sub district"):
                kinds.add("subdistrict")
            elif low in _EN_AREA_WORDS:
                area = True
            elif low in _EN_POI_WORDS:
                poi = True
                route = route or low in _EN_ROUTE_WORDS
            elif low in _EN_MILD_WORDS or (parts and all(p in _EN_MILD_WORDS for p in parts)):
                mild = True
            elif low in _EN_FILLER and len(words) > 1:
                continue
            else:
                keep.append(w)
        core = " ".join(keep)
        core = re.sub(r"^(?:sub)\s+", "", core, flags=re.IGNORECASE)
    core = _TRAIL.sub("", core)
    if core != text and _generic_only(core):
        core = ""  # "Kafr" or "أم" alone names nothing
    return Part(text=text, core=core or "", kinds=frozenset(kinds), area=area, poi=poi,
                mild=mild and not kinds and not area and not poi, route=route)


_AR_GENERIC = frozenset("ام ابو تل عين كفر دير بير بئر خربه مزرعه جبل راس وادي بيت قصر شيخ الشيخ حي سوق باب نهر "
                        "جسر سهل ال".split())


def _generic_only(core: str) -> bool:
    from geokit._variants import GENERIC_WORDS, latin_words, word_forms

    if any("\u0600" <= ch <= "\u06ff" for ch in core):
        words = [fold_arabic(w) for w in core.split()]
        return not words or all(w in _AR_GENERIC or len(w) <= 2 for w in words)
    words = latin_words(core)
    return not words or all(word_forms(w) in GENERIC_WORDS or len(w) <= 2 for w in words)


def _split(pattern: re.Pattern[str], text: str) -> list[str]:
    return [p for p in (_TRAIL.sub("", s) for s in pattern.split(text)) if p]


def _part(text: str, role: str) -> Part:
    return replace(strip_qualifiers(text), role=role)


def _alternatives(text: str) -> list[Part]:
    out: list[Part] = []
    for alt in _split(_ALT, text):
        pieces = _split(_AND, alt) if len(alt.split()) > 1 else [alt]
        out.extend(strip_qualifiers(p) for p in pieces)
    return out


def _list_readings(text: str, extra: list[Part], note: str = "") -> list[Reading]:
    """Readings of a comma/dash list "A, B, C": A the place, the rest context;
    then each later piece as the place (lists are not always ordered from the
    small to the large: "Abu Kamal, Hamidiyeh neighbourhood")."""
    pieces: list[str] = []
    for piece in _split(_COMMA, text):
        pieces.extend(_split(_DASH, piece))
    if not pieces:
        return []
    dashed = len(_split(_COMMA, text)) == 1 and len(pieces) > 1
    readings = []
    for i, piece in enumerate(pieces):
        if i and len(pieces) > 4:
            break
        ctx = [_part(p, "within") for j, p in enumerate(pieces) if j != i]
        readings.append(Reading(targets=tuple(_alternatives(piece)), context=tuple(ctx + extra),
                                bias=(0.002 if dashed else 0.01) * i, note=note, reversed=bool(i) and not dashed))
    return readings


def parse_query(text: str) -> tuple[str, list[Reading]]:
    """Read a query; return the cleaned text and its readings, most literal first."""
    clean = _clean(text)
    readings: list[Reading] = []
    if not clean:
        return clean, readings
    parens = [p.strip() for p in _PAREN.findall(clean) if p.strip()]
    body = _TRAIL.sub("", " ".join(_PAREN.sub(" ", clean).split())) or clean
    paren_parts = [_part(p, "paren") for p in parens]

    # The whole text may itself be a name ("Tal Abu Jadha - Tayara", "Western Rabiat").
    readings.append(Reading(targets=(Part(text=clean, core=clean),), whole=True))
    if body != clean:
        readings.append(Reading(targets=(Part(text=body, core=body),), whole=True, context=tuple(paren_parts)))

    offset = _OFFSET.match(_AR_OFFSET_LEAD.sub("", body))
    if offset:
        amount = float(offset.group(1).replace(",", "."))
        unit = offset.group(0)[offset.end(1):offset.start(2)].strip().lower()
        if unit.startswith(("m", "متر")) and not unit.startswith(("mi", "mile")):
            amount /= 1000.0
        elif unit.startswith("mi"):
            amount *= 1.609
        rest = offset.group(2)
        for r in parse_query(rest)[1]:
            readings.append(replace(r, offset_km=amount, note=f"{amount:g} km from {rest}"))
        return clean, readings

    near = _NEAR.search(body)
    if near:
        left = body[:near.start()].strip()
        right = body[near.end():].strip()
        phrase = near.group(0).strip().lower()
        role = "direction" if re.search(r"north|south|east|west", phrase) else "near"
        right_pieces = _split(_COMMA, right)
        ctx = [_part(p, role if i == 0 else "within") for i, p in enumerate(right_pieces)]
        if left:
            left_pieces = _split(_COMMA, left)
            head = left_pieces[0] if left_pieces else left
            readings.append(Reading(targets=tuple(_alternatives(head)),
                                    context=tuple([_part(p, "within") for p in left_pieces[1:]] + ctx + paren_parts),
                                    note=phrase))
        else:
            readings.append(Reading(targets=(), context=tuple(ctx + paren_parts), note=phrase))
        return clean, readings

    within = _WITHIN.search(body)
    if within and body[within.end():].strip():
        left = body[:within.start()].strip()
        right = body[within.end():].strip()
        left_pieces = _split(_COMMA, left)
        if left_pieces:
            ctx = [_part(p, "within") for p in _split(_COMMA, right) + left_pieces[1:]]
            ctx = [replace(ctx[0], role="in")] + ctx[1:] if ctx else ctx
            readings.append(Reading(targets=tuple(_alternatives(left_pieces[0])), context=tuple(ctx + paren_parts)))
            return clean, readings

    readings.extend(_list_readings(body, paren_parts))
    return clean, readings


# --- plain names -------------------------------------------------------------------
# A query that is just a name (no separator, qualifier, digit, bracket) reads
# one way only; the resolver answers it without building readings.
_NOT_PLAIN = re.compile(r"[\[\]{}()\"“”«»„,،;٫؛|:/&\d\t\n]|\s[-–—]|[-–—]\s|\.\s|\s\s|^\s|\s$|^[.\-–—]|[.\-–—?!]$")
_MARKER_WORDS = frozenset(
    "near nr close next nearby beside adjacent outside outskirts vicinity of in inside within or and sub "
    "north south east west".split()
)
_AR_MARKER_WORDS = frozenset("قرب بالقرب قريبا بجوار جوار محيط اطراف في او و من عن علي بعد حوالي".split())
_EN_VOCAB = (frozenset(_EN_KIND_WORDS) | _EN_AREA_WORDS | _EN_MILD_WORDS | _EN_POI_WORDS | _EN_FILLER
             | _MARKER_WORDS)
_AR_VOCAB = frozenset(_AR_KIND_WORDS) | _AR_AREA_WORDS | _AR_MILD_WORDS | _AR_POI_WORDS | _AR_MARKER_WORDS
# Conservative: a vocabulary word anywhere (even inside a hyphenated word)
# sends the query down the general path, which reads it properly.
_LATIN_TOKEN = re.compile(r"[^\W\d_]+")
_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff]")
# control and format characters (zero-width joiners, bidi marks) that _clean drops
_FORMAT_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
                          "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def is_plain(text: str) -> bool:
    """True when *text* is a bare name that :func:`parse_query` reads only as
    itself (conservative: False may still be a bare name)."""
    if not text or _NOT_PLAIN.search(text):
        return False
    if _ARABIC_CHAR.search(text):
        for w in text.split():
            f = fold_arabic(w)
            if f in _AR_VOCAB or w in _AR_VOCAB or (f.startswith("ال") and len(f) > 4 and f[2:] in _AR_VOCAB):
                return False
    elif not _EN_VOCAB.isdisjoint(_LATIN_TOKEN.findall(text.lower())):
        return False
    if text.isascii():
        return True
    return not _FORMAT_CHAR.search(text) and unicodedata.is_normalized("NFC", text)


_UNCLEAN = re.compile(r"[\[\]{}\"“”«»„\t\n]|\s\s|^[\s.,;:،؛\-–—]|[\s.,;:،؛\-–—?!]$")


def is_clean(text: str) -> bool:
    """True when cleaning (see :func:`parse_query`) leaves *text* as it is."""
    if not text or _UNCLEAN.search(text):
        return False
    return text.isascii() or (not _FORMAT_CHAR.search(text) and unicodedata.is_normalized("NFC", text))


_ARTICLES = frozenset("al el il ul the a an ال".split())


def names_nothing(text: str) -> bool:
    """True when *text* is only qualifier, marker or article words ("village",
    "near", "Al", "قرية"): no name to look up."""
    if _ARABIC_CHAR.search(text):
        words = [fold_arabic(w) for w in text.split()]
        return bool(words) and all(w in _AR_VOCAB or w in _ARTICLES for w in words)
    words = _LATIN_TOKEN.findall(text.lower())
    return all(w in _EN_VOCAB or w in _ARTICLES for w in words)
