"""Resolver-side spelling keys, between :func:`~geokit.normalise.name_key`
and :func:`~geokit.normalise.skeleton` in how much they forgive.

The gazetteer stores ``name_key`` (case, marks, articles, spaces) and
``skeleton`` (consonants only, across scripts).  Romanisations of one Arabic
name differ mostly in their vowels (Touman/Tuman, Zirbah/Zarbah/Zerba,
Khanasser/Khanasir), in a few stock words (Kafr/Kfar/Kfr/Kefr, Khirbet/
Khirbat, Mazraa/Mazraat) and in consonant digraphs (kh/h, q/k/g, dh/z, th/s);
the skeleton forgives all of that but also throws away *where* the vowels
were, so Zarbah and Zuraybah collide.  Two keys sit in between:

``variant_keys``
    The *vowel-class key*: consonant classes as in the skeleton, every run of
    vowels (including the glides w/y inside a word) written ``V``, stock words
    in one spelling, doubled letters single, spaces gone.  Zarbah, Zerba and
    Az-Zirbah all give ``zVrbV``; Zuraybah gives ``zVrVbV``.  A name may have
    alternates: the glued article of OCHA spellings stripped (Elhaski,
    Ezzor) and a Kurdish/Turkish reading of ``c`` and ``x`` (Cindirês).
    Arabic script: the key with hamza and the non-initial long-vowel letters
    ا و ي dropped, so الجانودية (written out) and الجنودية meet.

``fuzzy_key``
    The string typos are measured on (rapidfuzz): the same consonant classes
    with vowels kept but reduced to a, i, u (ou/oo/o → u, ee/ie/ei/ay → i,
    e → a).  Arabic script: the key without hamza.

Both are pure functions of the text, used alike on gazetteer names (when the
resolver index is compiled) and on queries.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geokit.normalise import fold_arabic, fold_latin, is_arabic_script, name_key, strip_latin_articles

__all__ = ["latin_words", "variant_forms", "variant_keys", "fuzzy_key", "word_forms", "base_names", "inner_names",
           "reduced_names", "word_initials", "GENERIC_WORDS"]

# --- stock words -------------------------------------------------------------
# One spelling for the words that begin most Syrian place names; the
# vowel-class key would merge most of them anyway, but not the forms that
# drop or add a vowel (Kfr, Kafar, Khirba/Khirbet, Mazraa/Mazraat).
_WORD_FORM_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^[kq][aeiou]?f[aeiou]?r$", "kafr"),
    (r"^kh?[aeiou]?rb[aeiou]{1,2}[th]?$", "khirba"),
    (r"^mazr[aeiou]+[th]?$", "mazraa"),
    (r"^[qk]al[aeiou]+[th]?$", "qala"),
    (r"^j[ae]?b[ae]l$", "jabal"),
    (r"^(sh|ch|sc?h)[aeiy]{1,2}k?h?$", "shaykh"),
    (r"^t[ae]ll?$", "tal"),
    (r"^d[aeiy]{1,2}r$|^der$", "dayr"),
    (r"^(a|e|ay|ai|ei|aei)(y|i)?n$", "ayn"),
    (r"^ab[ou]{1,2}$", "abu"),
    (r"^ras[ie]?m$", "rasm"),
    (r"^(o|u|ou)mm?$", "umm"),
    (r"^b[ae][iy]?t$", "bayt"),
    (r"^h[ao][uw]?sh$", "hawsh"),
    (r"^ma+r+[aeiou]t$", "maarat"),
    (r"^(sh|ch)[ae]?r[qgk]i(y+[ae]h?|[ae]h?)?$", "sharqi"),
    (r"^[gr]h?arbi(y+[ae]h?|[ae]h?)?$", "gharbi"),
    (r"^(sh|ch)[ae]?m[ae]li(y+[ae]h?|[ae]h?)?$", "shamali"),
    (r"^j[ae]?n[ou]{1,2}bi(y+[ae]h?|[ae]h?)?$", "janubi"),
    (r"^[kq][ae]?bi?[ei]?r(a|ah|eh)?$", "kabir"),
    (r"^[sz][aeiou]?g?h?[ei]{1,2}r(a|ah|eh)?$", "saghir"),
    (r"^f[aeo][uw]?q[ae]ni(y+[ae]h?)?$", "fawqani"),
    (r"^t[ae]ht[ae]ni(y+[ae]h?)?$", "tahtani"),
    (r"^j[ae]?d[ie]{1,2}d(a|ah|eh|e)?$", "jadid"),
)
# Joined forms: "Kfrnouran", "Kafrnabouda", "Tallrifaat", "Maarshamsha".
_JOINED_PREFIX = re.compile(r"^([kq][aeiou]?f[aeiou]?r|t[ae]ll?|ma+r+[ae]t)(?=[bcdfghjklmnpqrstvxz])")
_JOINED_CANON = {"k": "kafr", "q": "kafr", "t": "tal", "m": "maarat"}

#: Words that never identify a place on their own (stock words, qualifiers'
#: cousins); a partial match on one of them alone is not a match.
GENERIC_WORDS: frozenset[str] = frozenset(
    "kafr khirba mazraa qala jabal shaykh tal dayr ayn abu umm bayt hawsh maarat sharqi gharbi shamali "
    "janubi kabir saghir fawqani tahtani jadid bir ras wadi bab hay souq suq qasr nahr jisr sahl "
    "arab bani beni bin ibn abd al el the of and in on at to upper lower big little small great new old "
    "eastern western northern southern east west north south first second third fourth fifth".split()
)


@lru_cache(maxsize=1)
def _word_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    # compiled on first use: exact lookups never need them
    return tuple((re.compile(p), s) for p, s in _WORD_FORM_PATTERNS)


@lru_cache(maxsize=65536)
def word_forms(word: str) -> str:
    """The stock spelling of one folded, article-free Latin word (or the word)."""
    for pattern, canon in _word_forms():
        if pattern.match(word):
            return canon
    m = _JOINED_PREFIX.match(word)
    if m and len(word) - m.end() >= 3:
        return _JOINED_CANON[word[0]] + word[m.end():]
    return word


def latin_words(text: str) -> list[str]:
    """Folded Latin words of *text* without article forms."""
    return [w for w in strip_latin_articles(fold_latin(text)).split(" ") if w]


# --- consonant classes ---------------------------------------------------------
_DIGRAPHS = (("kh", "h"), ("gh", "k"), ("sh", "s"), ("ch", "s"), ("th", "s"), ("dh", "z"),
             ("dj", "j"), ("ph", "f"), ("ck", "k"), ("ts", "s"))
_CONSONANT_TABLE = str.maketrans({"q": "k", "c": "k", "g": "k", "x": "ks", "v": "f", "p": "b"})
_VOWEL_RUN = re.compile(r"[aeiouwy]+")
_REPEATS = re.compile(r"(.)\1+")
_FINAL_DIGRAPH = re.compile(r"[kgsdc]h$")


def _consonants(word: str) -> str:
    for a, b in _DIGRAPHS:
        if a in word:
            word = word.replace(a, b)
    return word.translate(_CONSONANT_TABLE)


# The nisba ending in all its spellings: -iya, -iyah, -iyeh, -iyya, -ieh, -ia, -yeh ...
_NISBA = re.compile(r"(?:[ie]?y{1,2}|i)(?:a|e)h?$")
# w and y are consonants at the start of a word and before a vowel (Duweira,
# Wadi); elsewhere they close a diphthong and join the vowel run (Hraytan).
_GLUED_ARTICLE_GLIDE = re.compile(r"(?<=.)[wy](?=[aeiou])")


def _vowel_class(word: str, last: bool, final_h: bool = True) -> str:
    if len(word) > 4 and _NISBA.search(word[2:]):
        word = word[:2] + _NISBA.sub("iya", word[2:])
    if final_h and last and len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]  # final -ah / -eh (ta marbuta); inside a name it is a consonant (Salah Eddin)
    head = ""
    if word[:1] in ("w", "y") and len(word) > 1:
        head, word = word[0].upper(), word[1:]
    word = _GLUED_ARTICLE_GLIDE.sub(lambda m: m.group(0).upper(), word)
    return (head + _VOWEL_RUN.sub("V", word)).lower().replace("v", "V")


def _stock_words(words: list[str]) -> list[str]:
    out = []
    last = len(words) - 1
    for i, w in enumerate(words):
        if i < last and len(w) > 3 and w.endswith("t") and w[-2] in "aeiou" and w not in ("bayt", "beit"):
            w = w[:-1]  # construct state: Mazraat X = Mazraa X, Jdidet X = Jdide X
        out.append(word_forms(w))
    return out


def _latin_vkey(words: list[str]) -> str:
    words = _stock_words(words)
    last = len(words) - 1
    # the final -h of a digraph (Sabkh, Shaykh) is a consonant, not a ta marbuta
    out = [_vowel_class(_consonants(w), i == last, not _FINAL_DIGRAPH.search(w)) for i, w in enumerate(words)]
    return _REPEATS.sub(r"\1", "".join(out))


def _latin_fkey(words: list[str]) -> str:
    words = _stock_words(words)
    last = len(words) - 1
    out = []
    for i, w in enumerate(words):
        w = _consonants(w)
        if len(w) > 4 and _NISBA.search(w[2:]):
            w = w[:2] + _NISBA.sub("iya", w[2:])
        if i == last and len(w) > 2 and w.endswith("h") and w[-2] in "aeiou" and not _FINAL_DIGRAPH.search(words[i]):
            w = w[:-1]
        head = w[0] if w[:1] in ("w", "y") else ""
        body = w[len(head):]
        for a, b in _FUZZY_VOWELS:
            if a in body:
                body = body.replace(a, b)
        out.append(head + body)
    return _REPEATS.sub(r"\1", "".join(out))


_GLUED_ARTICLE = re.compile(r"^(?:[ae]l(?=[bcdfghjklmnpqrstvwxz]..)|el(?=[aeiou]..)|[ae]([sztdnr])(?=\1))")


def _unglue(words: list[str]) -> list[str] | None:
    # OCHA writes the article glued on: Elhaski, Eltubiyeh, Ezzor, Assafira.
    changed = False
    out = []
    for w in words:
        m = _GLUED_ARTICLE.match(w)
        if m and len(w) - m.end() >= 3:
            w = w[m.end():]
            changed = True
        out.append(w)
    return out if changed else None


_KURDISH_MARKS = re.compile(r"[êîûçşğı]", re.IGNORECASE)


def _kurdish(words: list[str], x: str = "kh") -> list[str] | None:
    # Kurdish (Hawar) and Turkish Latin: c = j, ç = ch, x = kh (which Arabic
    # romanisations of the same name often write q: Kurdish x also renders ق).
    joined = " ".join(words)
    if "c" not in joined and "x" not in joined:
        return None
    out = [re.sub(r"c(?!h)", "j", w).replace("x", x) for w in words]
    return out if out != words else None


def _interdental(words: list[str]) -> list[str] | None:
    # "th" and "dh" write ث, ذ and ظ in formal romanisations; Levantine
    # speech and the spellings that follow it say z for ذ/ظ (Mathlum and
    # Mazloum are one name), so a th/dh name also gets a z reading.
    if not any("th" in w or "dh" in w for w in words):
        return None
    return [w.replace("th", "z").replace("dh", "z") for w in words]


# --- Arabic script -------------------------------------------------------------
# long-vowel letters inside a word; a final ي is kept (the nisba of الحميدية)
_AR_WEAK = re.compile(r"(?<!^)(?:[او]|ي(?!$))")


def _arabic_fkey(key: str) -> str:
    # hamza and the ta marbuta (written ة, ه or left out) are orthography
    key = key.replace("ء", "")
    return key[:-1] if len(key) > 2 and key.endswith("ه") else key


def _arabic_vkey(key: str) -> str:
    return _AR_WEAK.sub("", _arabic_fkey(key))


# --- public ----------------------------------------------------------------------

@lru_cache(maxsize=65536)
def variant_forms(text: str) -> tuple[tuple[str, str, int], ...]:
    """``(vowel-class key, fuzzy key, alt)`` of a name: its own spelling
    (alt 0) first, then alternate readings (alt 1): the glued article
    stripped, the Kurdish/Turkish reading of c and x."""
    if is_arabic_script(text):
        key = name_key(text)
        vk = _arabic_vkey(key)
        return ((vk, _arabic_fkey(key), 0),) if vk else ()
    words = latin_words(text)
    if not words:
        return ()
    forms = [(words, 0)]
    unglued = _unglue(words)
    if unglued is not None:
        forms.append((unglued, 1))
    # (x never writes an Arabic sound in Arabic romanisations: Kurdish/Turkish)
    if _KURDISH_MARKS.search(text) or any(w[:1] == "c" or "x" in w for w in words):
        for x in ("kh", "q"):
            kurdish = _kurdish(words, x)
            if kurdish is not None:
                forms.append((kurdish, 1))
    interdental = _interdental(words)
    if interdental is not None:
        forms.append((interdental, 1))
    out: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for ws, alt in forms:
        vk = _latin_vkey(ws)
        if vk and vk not in seen:
            seen.add(vk)
            out.append((vk, _latin_fkey(ws), alt))
    return tuple(out)


def variant_keys(text: str) -> tuple[str, ...]:
    """Vowel-class keys of a name: the primary one first, then alternates.

    >>> variant_keys("Zerba")[0] == variant_keys("Az-Zarbah")[0] == variant_keys("Zirbah")[0]
    True
    >>> variant_keys("Kfr Nouran")[0] == variant_keys("Kafrnouran")[0]
    True
    """
    return tuple(f[0] for f in variant_forms(text))


_FUZZY_VOWELS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"), ("ei", "i"), ("ey", "i"),
                 ("ay", "i"), ("ai", "i"), ("aw", "u"), ("o", "u"), ("e", "a"), ("w", "u"), ("y", "i"))


def fuzzy_key(text: str) -> str:
    """The spelling typos are measured on (see module docstring).

    >>> fuzzy_key("Khan Touman") == fuzzy_key("khan tuman")
    True
    """
    forms = variant_forms(text)
    if forms:
        return forms[0][1]
    return name_key(text) if is_arabic_script(text) else ""


# --- base names ------------------------------------------------------------------
# OCHA and GeoNames name twin villages "Big Arab Hasan" / "Arab Hasan Kabir",
# "Eastern Ghariyeh", "Rumaylan ash Shaykh"; reports often drop the size or
# direction word.  The resolver indexes the bare base as a weaker key.
_BASE_WORDS_LATIN = frozenset(
    "big little small great upper lower eastern western northern southern east west north south old new "
    "central middle kabir kabira kabirah kbir kebir saghir saghira saghirah sghir zghir sharqi sharqiya "
    "sharqiyah gharbi gharbiya gharbiyah shamali shamaliya shamaliyah janubi janubiya janubiyah fawqani "
    "fouqani foqani tahtani qibli wastani jadid jadida jadidah qadim qadima".split()
)
_BASE_WORDS_ARABIC = frozenset(
    "كبير كبيره الكبير الكبيره صغير صغيره الصغير الصغيره شرقي شرقيه الشرقي الشرقيه غربي غربيه الغربي "
    "الغربيه شمالي شماليه الشمالي الشماليه جنوبي جنوبيه الجنوبي الجنوبيه فوقاني الفوقاني تحتاني التحتاني "
    "قبلي القبلي وسطاني الوسطاني جديد جديده الجديد الجديده قديم قديمه القديم القديمه".split()
)
_TWIN_SEPARATOR = re.compile(r"\s+[-–/]\s+|\s*/\s*|_")
_GLUED_AL = re.compile(r"^[ae]l[ -]?")


def _latin_base_word(word: str) -> bool:
    # with the article, glued or not: Algharbi, Al-Gharbi, el Kebir
    f = fold_latin(word)
    return f in _BASE_WORDS_LATIN or _GLUED_AL.sub("", f).replace(" ", "") in _BASE_WORDS_LATIN


def base_names(text: str) -> list[str]:
    """Weaker forms of a gazetteer name: without a size/direction word, and
    each locality of a twin name ("A - B").

    >>> base_names("Big Arab Hasan")
    ['Arab Hasan']
    """
    out: list[str] = []
    parts = [p.strip() for p in _TWIN_SEPARATOR.split(text) if p.strip()]
    candidates = parts if len(parts) > 1 else [text]
    if len(parts) > 1:
        out.extend(parts)
    arabic = is_arabic_script(text)
    for cand in candidates:
        words = cand.split()
        if len(words) < 2:
            continue
        if arabic:
            folded = [fold_arabic(w) for w in words]
            keep = [w for w, f in zip(words, folded) if f not in _BASE_WORDS_ARABIC]
        else:
            keep = [w for w in words if not _latin_base_word(w)]
        if keep and len(keep) < len(words):
            out.append(" ".join(keep))
    seen: list[str] = []
    for o in out:
        if o != text and o not in seen:
            seen.append(o)
    return seen


# --- inner names -------------------------------------------------------------------
# Reports name a place by the distinctive part of a longer gazetteer name:
# "Buleil" for "Qetet Elbuleil" (the plot of), "Nawaja" for "Nuwajat Mahmud
# Bak", "Tal Hamees" for "Tal Hamees Elsharqi".  The leading or trailing word
# runs of a name are indexed as a yet weaker key, which the resolver scores
# below base names: such a match answers only when nothing better exists and
# nothing else matches alike.
_AR_GENERIC_WORDS = frozenset(
    "ام ابو تل عين كفر دير بير بئر خربه مزرعه جبل راس وادي بيت قصر شيخ الشيخ حي سوق باب نهر جسر سهل ال "
    "البو بو قطعه حاوي حويجه جمعيه".split()
)


_KIN_LATIN = frozenset("abu abou abo ebu aba umm um oum ibn bin ben bani beni bu albu elbu dhu".split())
_KIN_ARABIC = frozenset("ابو ام ابن بن بني بو البو ذو".split())


def _kin_word(word: str, arabic: bool) -> bool:
    # "father of", "mother of", "son of", "family of": the next word alone is another name
    if arabic:
        return fold_arabic(word) in _KIN_ARABIC
    f = fold_latin(word).replace(" ", "")
    return f in _KIN_LATIN or (f[:2] in ("al", "el") and f[2:] in ("bu", "bou"))


def inner_names(text: str) -> list[str]:
    """Leading and trailing word runs of a longer name that still hold a
    distinctive word (of four letters or more, not a stock word).

    >>> inner_names("Qetet Elbuleil")
    ['Elbuleil']
    """
    if _TWIN_SEPARATOR.search(text):
        return []
    words = text.split()
    if not 2 <= len(words) <= 5:
        return []
    arabic = is_arabic_script(text)
    out: list[str] = []
    # "Anah" is not "Abu Anah", nor "Duhur" "Abu ad Duhur"
    trailing = [words[i:] for i in range(1, len(words)) if not any(_kin_word(w, arabic) for w in words[:i])]
    for run in trailing + [words[:i] for i in range(len(words) - 1, 0, -1)]:
        if arabic:
            content = [fold_arabic(w) for w in run]
            bare = [w[2:] if w.startswith("ال") else w for w in content]
            ok = any(len(w) >= 4 and w not in _AR_GENERIC_WORDS and w not in _AR_HEAD_WORDS for w in bare)
            last = content[-1]
            if last.startswith("ال") and len(last) <= 2 or last in ("ابو", "ام", "بن", "بو"):
                ok = False
        else:
            content = latin_words(" ".join(run))
            ok = any(len(w) >= 4 and word_forms(w) not in GENERIC_WORDS and fold_latin(w) not in _BASE_WORDS_LATIN
                     and not _HEAD_WORD.match(word_forms(w)) for w in content)
            if fold_latin(run[-1]) in ("al", "el", "abu", "umm", "um", "bin", "ibn", "bani", "beni", "bu"):
                ok = False
        joined = " ".join(run)
        if ok and joined not in out:
            out.append(joined)
    return out


# --- reduced queries ---------------------------------------------------------------
# Head words that reports add to or drop from a name: "Mazra'at X" (the farm
# of X), "Hawi X", "Huwayjat X" (river flats), "Jamiyat X" (a housing
# association), "Qetet X" (the plot of), "Karm X" (the orchard of), "Khirbet
# X", "Tal X", and the tribal "Albu X" (the family of).
_HEAD_WORD = re.compile(
    r"^(?:mazraa|khirba|tal|h[aou]w[iy]|h[aou]w[aeiy]{0,2}j[aeiy]{0,2}[th]?|jam[aei]?[iy]{1,2}[ae]?[th]?"
    r"|q[aeiy]t[aeiy]{1,2}[th]?|kar[ae]?m|(?:[ae]l)?bu)$"
)
_AR_HEAD_WORDS = frozenset("مزرعه حاوي حويجه حويجت جمعيه قطعه كرم خربه تل البو بو".split())


def reduced_names(text: str) -> list[str]:
    """Shorter readings of a query that may name the place: without its
    size/direction words (:func:`base_names`) and without a leading head word.

    >>> reduced_names("Mazraat Yarubiya")
    ['Yarubiya']
    """
    out = [b for b in base_names(text) if not _TWIN_SEPARATOR.search(text)] if len(text.split()) >= 2 else []
    words = text.split()
    if len(words) >= 2:
        arabic = is_arabic_script(text)
        first = fold_arabic(words[0]) if arabic else fold_latin(words[0]).replace(" ", "")
        drop = 0
        if arabic:
            drop = 1 if first in _AR_HEAD_WORDS else 0
        elif first in ("al", "el") and fold_latin(words[1]) == "bu" and len(words) >= 3:
            drop = 2
        elif _HEAD_WORD.match(word_forms(first)):
            drop = 1
        if drop:
            rest = " ".join(words[drop:])
            if not (latin_words(rest) if not arabic else rest.split()) or (
                    not arabic and all(word_forms(w) in GENERIC_WORDS or len(w) < 3 for w in latin_words(rest))):
                return out
            out.append(rest)
            out.extend(b for b in base_names(rest) if b not in out)
    return [o for o in out if not _stock_only(o)]


def _stock_only(text: str) -> bool:
    # "Tal" alone, "Umm" alone: no name left
    if is_arabic_script(text):
        words = [fold_arabic(w) for w in text.split()]
        return all(w in _AR_GENERIC_WORDS or w[2:] in _AR_GENERIC_WORDS or len(w) <= 2 for w in words)
    words = latin_words(text)
    return all(word_forms(w) in GENERIC_WORDS or len(w) < 3 for w in words)


# --- word initials -------------------------------------------------------------------
_AR_ALEF_AYN = str.maketrans({"ا": "V", "ع": "V"})


@lru_cache(maxsize=65536)
def word_initials(text: str) -> str:
    """The first sound of each word, by consonant class (a vowel is ``V``):
    slips seldom fall on the first letter of a word, so typo matches that
    differ there are doubtful (Baramil/Qaramil, Laban/Shaaban).

    >>> word_initials("Umm al Qaramil") == word_initials("Oum el Karamel")
    True
    """
    if is_arabic_script(text):
        words = [fold_arabic(w) for w in text.split()]
        words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words]
        return "".join(w[0].translate(_AR_ALEF_AYN) for w in words if w)
    out = []
    for w in _stock_words(latin_words(text)):
        c = _consonants(w)[:1]
        out.append("V" if c in "aeiou" else c)
    return "".join(out)
