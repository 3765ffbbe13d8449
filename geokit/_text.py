"""Text normalisation for matching, with an offset map back to the original.

The recogniser matches gazetteer names on a *folded* copy of the text and
must still report spans that are exact in the original.  :func:`fold_for_matching`
builds that copy with the folding tables of :mod:`geokit.normalise` (Arabic and
Persian letter variants, harakat, tatweel, ZWNJ, Arabic-Indic digits; Latin
case and diacritics) applied one character at a time, so that almost every
character keeps its position.  The few characters that vanish (diacritics,
joiners) or expand (ligatures such as ﻻ, ß) are recorded as anchors and
:meth:`FoldedText.to_orig` maps a folded offset back through them.

Every character that is not a letter or digit becomes a space, so word
boundaries are simply spaces in the folded text.  Spaces are not collapsed:
two spaces (a comma, a full stop) never join two words into one name.

Beyond :mod:`geokit.normalise` the matcher also drops the hamza ``ء`` (Persian
and colloquial spellings write الزهرا for الزهراء); names are folded with
the same table, so both sides agree.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from unidecode import unidecode

from geokit.normalise import ARABIC_LETTER_MAP, fold_arabic

__all__ = ["FoldedText", "fold_for_matching", "fold_name", "char_fold", "is_arabic_letter",
           "PERSIAN_LETTERS", "split_sentences", "Sentence"]

#: Letters only Persian (not Arabic) writes; their presence marks Persian text.
PERSIAN_LETTERS = frozenset("پچژگکی")

# Marks that Latin romanisations use for ʿayn and hamza; dropped like fold_latin does.
_LATIN_MARKS = frozenset("ʿʾʼʻ'’‘`´ʹ\u02bf\u02be")
# Extra Arabic-script characters the matcher drops on top of normalise's fold.
_EXTRA_DROP = frozenset("ء")


def is_arabic_letter(ch: str) -> bool:
    """True for a letter of the Arabic script blocks."""
    o = ord(ch)
    return (0x0620 <= o <= 0x064A or 0x066E <= o <= 0x06D3 or 0x06D5 == o or 0x06EE <= o <= 0x06FF
            or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF)


@lru_cache(maxsize=None)
def char_fold(ch: str) -> str:
    """The folded replacement of one character: ``''`` (dropped), one or more
    characters, or ``' '`` for anything that separates words."""
    if ch in ARABIC_LETTER_MAP:
        return ARABIC_LETTER_MAP[ch]
    if ch in _EXTRA_DROP or ch in _LATIN_MARKS:
        return ""
    o = ord(ch)
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x08FF or 0x200B <= o <= 0x200F or o in (0xFEFF, 0x061C):
        # Decide from normalise's own fold: dropped when folding "ب?ب" loses it.
        if fold_arabic("ب" + ch + "ب") == "بب":
            return ""
        if is_arabic_letter(ch):
            return ch
        if ch.isdigit():
            return str(unicodedata.digit(ch))
        return " "
    if 0xFB50 <= o <= 0xFEFC:  # Arabic presentation forms: compatibility-decompose, then fold
        return "".join(char_fold(c) for c in unicodedata.normalize("NFKC", ch))
    if ch.isascii():
        if ch.isalnum():
            return ch.lower()
        return " "
    cat = unicodedata.category(ch)
    if cat.startswith("M"):  # combining marks (decomposed diacritics)
        return ""
    if cat.startswith("L") or cat == "Nd":
        if cat == "Nd":
            return str(unicodedata.digit(ch))
        o2 = unidecode(ch).lower()
        o2 = "".join(c for c in o2 if c.isalnum())
        return o2 if o2 else ch.lower()
    return " "


@dataclass(slots=True)
class FoldedText:
    """A folded copy of a text and the map from its offsets to the original.

    Attributes
    ----------
    original : str
        The text as given.
    folded : str
        The folded text, followed by one space (so that every word, the last
        one included, ends with a space).
    """

    original: str
    folded: str
    # Piecewise-linear map: from folded offset _anchor_fold[k] on, the original
    # offset is _anchor_orig[k] + (f - _anchor_fold[k]).
    _anchor_fold: list[int] = field(default_factory=list)
    _anchor_orig: list[int] = field(default_factory=list)
    #: Whether the original has a capital letter (Latin names start with one); None: unknown.
    has_capitals: bool | None = None

    def to_orig(self, i: int) -> int:
        """Original offset of the folded character at *i* (a span start)."""
        if not self._anchor_fold:
            return i if i < len(self.original) else len(self.original)
        k = bisect_right(self._anchor_fold, i) - 1
        if k < 0:
            return min(i, len(self.original))
        return min(self._anchor_orig[k] + (i - self._anchor_fold[k]), len(self.original))

    def to_orig_end(self, j: int) -> int:
        """Original offset just after the folded character at ``j - 1`` (a span
        end); marks dropped by the fold right after it (harakat) are included."""
        if j <= 0:
            return 0
        end = self.to_orig(j - 1) + 1
        if not self._anchor_fold:
            return end
        text = self.original
        n = len(text)
        get = _FOLD.get
        while end < n and get(ord(text[end])) == "":
            end += 1
        return end

    def to_folded(self, o: int) -> int:
        """Folded offset of the original offset *o* (inverse of :meth:`to_orig`)."""
        if not self._anchor_orig:
            return o
        k = bisect_left(self._anchor_orig, o + 1) - 1
        if k < 0:
            return o
        return self._anchor_fold[k] + (o - self._anchor_orig[k])

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the folded span ``[i, j)``."""
        return self.to_orig(i), self.to_orig_end(j)


class _FoldTable(dict):
    """``str.translate`` table that folds characters on first sight and remembers
    which ones are irregular (dropped or expanded)."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()
        self.pattern: re.Pattern[str] | None = None

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        rep = char_fold(ch)
        self[code] = rep
        if len(rep) != 1 and ch not in self.irregular:
            self.irregular.add(ch)
            self.pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(self.irregular)) + "]")
        return rep


_FOLD = _FoldTable()


class _CharView:
    """``_TABLES[ch]`` view of the fold table keyed by character."""

    def get(self, ch: str, default: str | None = None) -> str | None:
        return _FOLD.get(ord(ch), default)

    def __getitem__(self, ch: str) -> str:
        return _FOLD[ord(ch)]

    def __contains__(self, ch: str) -> bool:
        return ord(ch) in _FOLD


_TABLES = _CharView()

# Below U+2070 (Latin, Arabic, Persian, general punctuation) the fold is also a
# precomputed list: str.translate indexes a list faster than it looks up a dict.
# Texts with any other character (Indic, CJK, emoji ...) use the dict.
_DENSE_LIMIT = 0x2070
_DENSE_GAP = range(0x0900, 0x2000)  # not folded in the list; such texts take the dict
_DENSE: list[int | str] = []
_BEYOND_DENSE = re.compile("[^\\x00-\\u08ff\\u2000-\\u206f]")


def _dense_table() -> list[int | str]:
    if not _DENSE:
        table: list[int | str] = []
        irregular = set()
        for code in range(_DENSE_LIMIT):
            if code in _DENSE_GAP:
                table.append(code)
                continue
            rep = _FOLD.get(code)
            if rep is None:
                rep = _FOLD[code] = char_fold(chr(code))
            if len(rep) != 1:
                irregular.add(chr(code))
            table.append(ord(rep) if len(rep) == 1 else rep)
        if not irregular <= _FOLD.irregular:
            # One compile for all, not one per character as __missing__ would.
            _FOLD.irregular |= irregular
            _FOLD.pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD.irregular)) + "]")
        _DENSE.extend(table)
    return _DENSE


# The fast path.  str.translate looks every character up through a Python object (about
# 400 machine instructions a character).  The charmap codecs use C tables instead: text
# written in the ~240 characters of everyday Arabic, Persian and English news (ASCII, the
# core Arabic block, Persian letters and digits, common punctuation and joiners) is
# encoded to one byte per character with a one-to-one table, then decoded with a second
# table that holds the fold (many-to-one: أ and ا both decode to ا).  A dropped character
# decodes to NUL, which no fold produces, and is removed.  Text with any other character,
# or with one that expands (ligatures), takes str.translate: the result is the same.
_FAST_CHARS = ("".join(chr(c) for c in range(0x80) if c >= 0x20 or c in (0, 9, 10, 13))
               + "".join(chr(c) for c in range(0x0600, 0x0660))
               + "٠١٢٣٤٥٦٧٨٩٪٫٬۰۱۲۳۴۵۶۷۸۹پچژگکیۀەھۃۆۇۈۋێ"
               + "\u00a0«»\u200b\u200c\u200d\u200e\u200f–—‘’“”…\ufeff")
_DROPPED = "\x00"


class _FastFold:
    """The charmap tables of the fast path, built from the fold table on first use."""

    def __init__(self) -> None:
        import codecs

        _DENSE or _dense_table()  # fills _FOLD, which the offset map reads (to_orig_end)
        chars = [c for c in dict.fromkeys(_FAST_CHARS) if len(char_fold(c)) <= 1]
        assert chars[0] == "\x00" and len(chars) <= 256
        self.encoding = codecs.charmap_build("".join(chars) + "\ufffe" * (256 - len(chars)))
        self.decoding = "".join(char_fold(c) or _DROPPED for c in chars) + "\ufffe" * (256 - len(chars))
        #: Byte values of the characters the fold drops (their positions need anchors).
        self.dropped = [bytes([i]) for i, c in enumerate(chars) if char_fold(c) == ""]
        #: Byte values of everything but capital letters: deleting them leaves the capitals
        #: (Latin names are looked up from capitalised words).
        self.not_capitals = bytes(i for i in range(256) if i >= len(chars) or not CAPITAL_LETTER.match(chars[i]))
        self.encode = codecs.charmap_encode
        self.decode = codecs.charmap_decode


#: Capital letters (and some lower-case ones, checked with str.isupper): where a Latin
#: name can start.
CAPITAL_LETTER = re.compile("[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff]")
_fast: list[_FastFold] = []


def _fast_fold(text: str) -> tuple[str, bytes] | None:
    """``(folded, encoded)`` by the fast path, or None when *text* needs str.translate."""
    fast = _fast[0] if _fast else _build_fast()
    try:
        raw = fast.encode(text, "strict", fast.encoding)[0]
    except UnicodeEncodeError:
        return None
    folded = fast.decode(raw, "strict", fast.decoding)[0]
    if _DROPPED in folded:
        folded = folded.replace(_DROPPED, "")
    return folded, raw


def _build_fast() -> _FastFold:
    if not _fast:
        _fast.append(_FastFold())
    return _fast[0]


def _translate(text: str) -> str:
    got = _fast_fold(text)
    if got is not None:
        return got[0]
    dense = _DENSE or _dense_table()
    if _BEYOND_DENSE.search(text) is None:
        return text.translate(dense)
    return text.translate(_FOLD)


def fold_for_matching(text: str) -> FoldedText:
    """Fold *text* for matching and keep the way back to it.

    >>> ft = fold_for_matching("وصلوا إلى كَفْرنُوران")
    >>> ft.folded
    'وصلوا الي كفرنوران '
    >>> s, e = ft.span(10, 18); ft.original[s:e]
    'كَفْرنُوران'
    """
    got = _fast_fold(text)
    if got is not None:
        # Every character is one byte of *raw*: the dropped ones are found with bytes.find.
        folded, raw = got
        out = FoldedText(text, folded + " ")
        fast = _fast[0]
        out.has_capitals = bool(raw.translate(None, fast.not_capitals))
        if len(folded) == len(text):
            return out
        irregular: list[int] = []
        for b in fast.dropped:
            i = raw.find(b)
            while i >= 0:
                irregular.append(i)
                i = raw.find(b, i + 1)
        irregular.sort()
    else:
        out = FoldedText(text, _translate(text) + " ")
        pattern = _FOLD.pattern
        if pattern is None or pattern.search(text) is None:
            return out
        irregular = [m.start() for m in pattern.finditer(text)]
    # Only the irregular characters (dropped or expanded) need anchors.
    anchors: dict[int, int] = {}
    shift = 0  # folded offset minus original offset after the last irregular char
    for o in irregular:
        rep = _FOLD[ord(text[o])]
        fpos = o + shift
        for t in range(len(rep)):  # every char of an expansion maps to its source
            anchors[fpos + t] = o
        shift += len(rep) - 1
        anchors[o + 1 + shift] = o + 1  # later deletions at the same spot win
    out._anchor_fold = sorted(anchors)
    out._anchor_orig = [anchors[f] for f in out._anchor_fold]
    return out


_MULTISPACE = re.compile(" +")


@lru_cache(maxsize=262144)
def fold_name(name: str) -> str:
    """Fold a gazetteer name with the matcher's table, spaces collapsed.

    >>> fold_name("جمعية الزهراء") == fold_name("جمعیه الزهرا")
    True
    """
    folded = _translate(name)
    return _MULTISPACE.sub(" ", folded).strip()


# --- sentences ----------------------------------------------------------------

class Sentence(NamedTuple):
    """A sentence of the original text: ``text[start:end]`` (a named tuple: a news
    bulletin has dozens, made on every call)."""

    start: int
    end: int
    text: str


# A sentence ends at . ! ? ؟ … or a line break; a full stop between digits
# (1.30, 3.5) does not end one.
_SENT_MARK = re.compile(r"[.!?؟…\n]+")


def split_sentences(text: str) -> list[Sentence]:
    """Split *text* into sentences (offsets into *text*), dropping blank ones."""
    out: list[Sentence] = []
    start = 0
    n = len(text)
    for a, end in _mark_runs(text):
        if text[a] == "." and end - a == 1 and 0 < a and end < n and text[a - 1].isdigit() and text[end].isdigit():
            continue
        _add_sentence(text, start, end, out)
        start = end
    _add_sentence(text, start, n, out)
    return out


def _mark_runs(text: str) -> list[tuple[int, int]]:
    """The runs of sentence marks (what ``_SENT_MARK`` finds), located with str.find: a
    few C scans for the marks beat the regex engine testing every character."""
    marks: list[int] = []
    find = text.find
    for ch in _MARKS:
        i = find(ch)
        while i >= 0:
            marks.append(i)
            i = find(ch, i + 1)
    marks.sort()
    runs: list[tuple[int, int]] = []
    for i in marks:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


_MARKS = ".!?؟…\n"


def _add_sentence(text: str, start: int, end: int, out: list[Sentence]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not stripped.strip(".!?؟…،,;:-–—\"'«»()[] \t"):
        return
    start += len(piece) - len(piece.lstrip())
    out.append(Sentence(start, start + len(stripped), stripped))
