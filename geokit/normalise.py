"""Name normalisation: folding within a script and a key across scripts.

Three levels, each documented by what it makes equal:

``fold_arabic`` / ``fold_latin``
    Spelling noise within one script.  Arabic and Persian: harakat, tatweel,
    ZWNJ, letter variants (ک/ك, ی/ى/ي, ۀ/ە/ة/ه, أ/إ/آ/ٱ/ا, ؤ/و, ئ/ي) and
    Arabic-Indic digits.  Latin: case, diacritics (via unidecode), the ʿ ʾ ' `
    marks, hyphens and underscores.  Word boundaries are kept.

``name_key``
    The lookup key of a name: the fold, with the Arabic article ال and the
    Latin article forms (al-, el-, as-, ash-, ad-, at-, az-, an-, ar- …)
    dropped from every word, and spaces removed, so "Kafr Nouran" and
    "Kafrnouran", "al-Bab" and "Bab", "الزربة" and "زربة" meet.

``skeleton``
    A cross-script consonant skeleton on which "Kafr Hamra", "كفر حمرة" and
    "کفرحمره" all give ``kfrhmr``: vowels, ʿayn, hamza and the weak letters
    ا و ي are dropped, letters that romanisations confuse are merged
    (q/k/g/gh, kh/h/ḥ, dh/z/ẓ, th/s/ṣ, sh/ch, j/dj),
    doubled letters collapse and a final -h / ة is dropped.  It is lossy on
    purpose: it finds candidates, and the resolver then ranks them on the
    folds.

All functions are pure, fast and total: any string in, a string out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

__all__ = [
    "fold_arabic",
    "fold_latin",
    "fold",
    "name_key",
    "skeleton",
    "script_of",
    "is_arabic_script",
    "strip_latin_articles",
    "ARABIC_LETTER_MAP",
    "LATIN_ARTICLES",
]

# --- Arabic / Persian ------------------------------------------------------

# Harakat, Quranic marks, superscript alef, tatweel, and invisible joiners.
_ARABIC_DROP = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DE),
     *range(0x06DF, 0x06E9), *range(0x06EA, 0x06EE), 0x0640, 0x200B, 0x200C, 0x200D,
     0x200E, 0x200F, 0x061C, 0xFEFF],
    None,
)

#: Letter variants folded to one Arabic letter (Persian/Urdu/Kurdish forms included).
ARABIC_LETTER_MAP: dict[str, str] = {
    "ک": "ك", "ڪ": "ك", "ی": "ي", "ى": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي",
    "ۀ": "ه", "ە": "ه", "ة": "ه", "ہ": "ه", "ھ": "ه", "ۃ": "ه",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ۆ": "و", "ۊ": "و", "ئ": "ي",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "،": " ", "؛": " ", "؟": " ", "«": " ", "»": " ",
    "-": " ", "_": " ", "‐": " ", "–": " ", "—": " ",
}
_ARABIC_TABLE = str.maketrans({**ARABIC_LETTER_MAP, **{chr(k): None for k in _ARABIC_DROP}})

_SPACES = re.compile(r"\s+")


def fold_arabic(text: str) -> str:
    """Fold Arabic-script spelling variants, keeping word boundaries.

    >>> fold_arabic("کفرحمره") == fold_arabic("كفرحمرة")
    True
    """
    text = unicodedata.normalize("NFC", text).translate(_ARABIC_TABLE)
    return _SPACES.sub(" ", text).strip()


def _drop_arabic_article(word: str) -> str:
    # "ال" is the article when something is left after it; "لل" is ل + ال.
    if len(word) > 3 and word.startswith("ال"):
        return word[2:]
    return word


# --- Latin -----------------------------------------------------------------

_LATIN_MARKS = re.compile(r"[ʿʾʼʻ'’‘`´ʹ\u02bf\u02be\"]")
_LATIN_SEPARATORS = re.compile(r"[\-_‐–—/.,;:()\[\]]+")
_NON_WORD = re.compile(r"[^0-9a-z ]+")

#: Article forms of al- (before sun letters too), as romanisations write them.
LATIN_ARTICLES: frozenset[str] = frozenset(
    "al el il ul as ash ad at az an ar ath adh ed es esh et ez en er ech ej".split()
)
_ASSIMILATED = {
    "as": "s", "ash": "s", "ad": "d", "at": "t", "az": "z", "an": "n", "ar": "r",
    "ath": "t", "adh": "d", "ed": "d", "es": "s", "esh": "s", "et": "t", "ez": "z",
    "en": "n", "er": "r", "ech": "c", "ej": "j",
}
_HYPHENATED_ARTICLE = re.compile(
    r"\b(al|el|il|ul|as|ash|ad|at|az|an|ar|ath|adh|ed|es|esh|et|ez|en|er)[\-‐](?=\w)",
    re.IGNORECASE,
)


def fold_latin(text: str) -> str:
    """Fold Latin-script spelling noise: case, diacritics, marks, hyphens.

    >>> fold_latin("Ma‘arrat an-Nu‘mān")
    'maarrat an numan'
    """
    text = _LATIN_MARKS.sub("", text)
    text = unidecode(text).lower()
    text = _LATIN_MARKS.sub("", text)
    text = _LATIN_SEPARATORS.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def strip_latin_articles(folded: str) -> str:
    """Drop Arabic article forms from a :func:`fold_latin` string.

    A standalone ``al``/``el`` always goes; an assimilated form (``as``,
    ``ash``, ``ad`` …) goes when the next word starts with its consonant, as
    in "as Safira", "ad Dana", so English "as" or "at" inside a phrase stay.
    """
    words = folded.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in ("al", "el", "il", "ul") and nxt:
            continue
        cons = _ASSIMILATED.get(word)
        if cons and nxt.startswith(cons) and len(words) > 1:
            continue
        out.append(word)
    return " ".join(out)


def _latin_words(text: str) -> str:
    # Hyphenated articles ("as-Safira") become standalone words first.
    return fold_latin(_HYPHENATED_ARTICLE.sub(r"\1 ", text))


# --- scripts -----------------------------------------------------------------

def script_of(text: str) -> str:
    """Return the ISO 15924 code of the dominant script of *text*.

    One of ``Arab``, ``Latn``, ``Cyrl``, ``Grek``, ``Hebr``, ``Armn``, ``Hani``
    or ``Zyyy`` (no letters).
    """
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        o = ord(ch)
        if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFEFC:
            s = "Arab"
        elif o < 0x0250 or 0x1E00 <= o <= 0x1EFF:
            s = "Latn"
        elif 0x0400 <= o <= 0x04FF:
            s = "Cyrl"
        elif 0x0370 <= o <= 0x03FF:
            s = "Grek"
        elif 0x0590 <= o <= 0x05FF:
            s = "Hebr"
        elif 0x0530 <= o <= 0x058F:
            s = "Armn"
        elif 0x4E00 <= o <= 0x9FFF:
            s = "Hani"
        else:
            s = "Zyyy"
        counts[s] = counts.get(s, 0) + 1
    if not counts:
        return "Zyyy"
    return max(sorted(counts), key=counts.__getitem__)


def is_arabic_script(text: str) -> bool:
    """True when the dominant script of *text* is Arabic (Arabic, Persian, Kurdish …)."""
    return script_of(text) == "Arab"


# --- keys ------------------------------------------------------------------

def fold(text: str) -> str:
    """Fold *text* in its own script (Arabic-script or Latin), keeping spaces."""
    return fold_arabic(text) if is_arabic_script(text) else fold_latin(text)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Return the lookup key of a place name (see module docstring).

    >>> name_key("Kafr Nouran") == name_key("kafrnouran")
    True
    >>> name_key("الزربة") == name_key("زربه")
    True
    """
    if is_arabic_script(text):
        words = fold_arabic(text).split(" ")
        return "".join(_drop_arabic_article(w) for w in words)
    return strip_latin_articles(_latin_words(text)).replace(" ", "")


# Arabic letters to Latin consonant classes for the skeleton; None drops.
_AR_SKELETON = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ش": "s", "چ": "j",
    "ج": "j", "ژ": "z", "ح": "h", "خ": "h", "ه": "h", "د": "d", "ض": "d", "ذ": "z", "ز": "z",
    "ظ": "z", "ر": "r", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "گ": "k", "غ": "k", "ل": "l",
    "م": "m", "ن": "n", "ع": "", "ء": "", "ا": "", "و": "", "ي": "",
}
# Latin digraphs first, then single letters; vowels and weak letters drop.
_LATIN_DIGRAPHS = [
    ("kh", "h"), ("gh", "k"), ("sh", "s"), ("ch", "s"), ("th", "s"), ("dh", "z"),
    ("dj", "j"), ("ph", "f"), ("ck", "k"),
]
_LATIN_SKELETON = str.maketrans({
    "q": "k", "c": "k", "g": "k", "x": "ks", "v": "f", "p": "b",
    "a": None, "e": None, "i": None, "o": None, "u": None, "w": None, "y": None,
    " ": None,
})
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Return the cross-script consonant skeleton of a name.

    >>> skeleton("Kafr Hamra") == skeleton("كفر حمرة") == skeleton("کفرحمره")
    True
    """
    if is_arabic_script(text):
        words = fold_arabic(text).split(" ")
        out = []
        for w in words:
            w = _drop_arabic_article(w)
            if w.endswith("ه") and len(w) > 2:
                w = w[:-1]  # ta marbuta / final -ah
            out.append("".join(_AR_SKELETON.get(c, c if c.isdigit() else "") for c in w))
        s = "".join(out)
    else:
        words = strip_latin_articles(_latin_words(text)).split(" ")
        out = []
        for w in words:
            if len(w) > 2 and w.endswith("h") and w[-2] in "ae":
                w = w[:-1]  # final -ah / -eh
            for a, b in _LATIN_DIGRAPHS:
                w = w.replace(a, b)
            out.append(w.translate(_LATIN_SKELETON))
        s = "".join(out)
    return _REPEATS.sub(r"\1", s)
