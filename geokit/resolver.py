"""Resolve a place name, in any script or spelling, to ranked gazetteer places.

>>> from geokit import resolve
>>> r = resolve("Kfr Nouran")
>>> r.best.place.name, r.best.match
('Kafr Nouran', 'folded')

How a name is matched
---------------------
Every name of the gazetteer is indexed under several keys (see
:mod:`geokit._index` and :mod:`geokit._variants`); a query is looked up
under the same keys, from the strictest to the loosest, and each place keeps
its best match:

============  ==========================================================  ===========
match         what agrees                                                 score
============  ==========================================================  ===========
exact         the text, up to case, spacing and Arabic orthography        1.0
              (hamza seats, ta marbuta, alef maqsura, Persian letters)
folded        :func:`~geokit.normalise.name_key`: diacritics, ʿayn/hamza  0.985
              marks, articles, hyphens, joined or split words; a Latin
              ta marbuta with or without its -h (Tabaqa/Tabaqah)
folded        the vowel-class key: romanisation variants (Touman/Tuman,    0.83-0.965
              Zerba/Zarbah, Kfr/Kafr, Deir/Dayr, Tell/Tal, ou/u, q/k/g,
              kh/h, dh/z, th/s and th/dh also z, Kurdish x as kh or q,
              doubled letters), by how alike the vowels are
fuzzy         the consonant skeleton, or one or two consonant edits of    up to 0.9
              it (typos; a swap counts one), scored 1 - 1.4 x (1 -
              similarity) on the spelling keys (OSA edit similarity, at
              least ``resolver_fuzzy_cutoff``), 0.05 less when a word
              begins with another sound (slips seldom fall there)
cross-script  the consonant skeleton of a name in another script, for     0.7-0.86
              places with no name in the query's script (else 0.6)
partial       a name without its size/direction word ("Arab Hasan" for    <= 0.9
              "Big Arab Hasan"), one locality of a twin name; the query
              without its direction/size or head word ("X Foqani",
              "Mazra'at X", "Hawi X", "Albu X": 0.08 less, <= 0.88); the
              query as the leading or trailing words of a longer name
              ("Thibyan" for "Hawi Thibyan": 0.13 less, <= 0.84); or most
              of the query's words (then below the abstain line unless a
              context agrees)
============  ==========================================================  ===========

Official and preferred names add 0.01 (romanisations 0.005): a place's
own names are surer than the alternates its sources list.  Then the
place's standing adds up to 0.025 (kind, population, how many sources
name it), so a bare "Aleppo" is the city and a bare "Zarbah" the town,
not the sub-district named after it; qualifiers ("village", "governorate",
ريف، حي ...) add or take 0.03 by kind (a place called a neighbourhood that
is not one loses 0.25); a context place named with it ("Rajo village,
Afrin", "X near Y", "X (Y)", ``admin=``) adds up to 0.06 when the
candidate lies inside or near it (a governorate confirms less than a town)
and takes 0.05-0.3 off when it does not, the more the surer and tighter
the context; ``near=`` adds up to 0.06 decaying over
``settings.resolver_near_km``.  A query that is literally a gazetteer
name is taken whole ("Tal Abu Jadha - Tayara").  Among namesakes (the
same consonants matched, both exact or folded, within 0.05), a far more
prominent place (a city over a village, a town over its sub-district)
comes first even when the other is spelt a shade closer: "Tabaqa" is the
city of At Tabaqah, not the Hasakah village spelt exactly so.

Verdict
-------
When no candidate reaches ``settings.resolver_abstain_below`` the resolver
abstains.  When the named place is unknown but its context is known (an
unknown street or neighbourhood in a known town, "X near Y"), the context
place is returned, marked ``fallback-to-parent``; it counts as an answer
only where the position is close enough (a populated place, not a district
or governorate centroid, nor a town that stands for its district as in
"Qaryat Zahr, Afrin", nor a city for a place called a village, nor a city
that shares its name with its governorate in a bare list "X, Aleppo"
unless X is a street or neighbourhood).  "20 km from X" and "X
countryside" abstain: the place is elsewhere.  A result is *ambiguous* when a runner-up scores within
``resolver_ambiguity_margin`` and lies more than ``resolver_ambiguity_km``
away (and neither contains the other); when nothing tells the namesakes
apart (within ``resolver_tie_margin``) the resolver abstains rather than
guess (``resolver_abstain_on_tie``), listing them as candidates.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from geokit import settings
from geokit._index import NameIndex, casefold_text, get_index, script_class
from geokit._query import Part, Reading, is_clean, is_plain, names_nothing, parse_query, strip_qualifiers
from geokit._geo import haversine_km
from geokit._variants import GENERIC_WORDS, latin_words, reduced_names, variant_forms, word_initials
from geokit.exceptions import InputError
from geokit.gazetteer import KINDS, Gazetteer, Place, default_gazetteer
from geokit.normalise import name_key, skeleton

__all__ = ["resolve", "resolve_many", "Candidate", "Resolution", "MATCH_TYPES", "MAX_QUERY_CHARS"]

#: Match types, from the strictest.
MATCH_TYPES: tuple[str, ...] = ("exact", "folded", "cross-script", "fuzzy", "partial", "fallback-to-parent")
#: Longest query accepted (characters); a longer one is not a place name.
MAX_QUERY_CHARS = 500

_ADMIN_KINDS = ("governorate", "district", "subdistrict")
_ADMIN_COL = {"governorate": 4, "district": 5, "subdistrict": 6}
_PRIOR_WEIGHT = 0.025
_KIND_BONUS = 0.03
_CONTEXT_BONUS = 0.06
_CONTEXT_PENALTY = 0.15
_REVERSE_PENALTY = 0.06
_CONTEXT_BONUS_BY_KIND = {"governorate": 0.02, "district": 0.04, "region": 0.04, "country": 0.0}
_NEIGHBOURHOOD_PENALTY = 0.25
_INNER_PENALTY = 0.13
#: Match types that say the names are equal (up to case, marks, articles, spacing).
_NAME_EQUAL = frozenset({"exact", "folded"})
#: A far more prominent namesake (city over village: prominence higher by the gap)
#: wins over a slightly better spelt one within the margin.
_PROMINENT_MARGIN = 0.05
_PROMINENT_GAP = 0.3
_INITIAL_PENALTY = 0.05
_REDUCED_PENALTY = 0.08
_REDUCED_CAP = 0.88
_INNER_CAP = 0.84
_ADMIN_BONUS = 0.06
_ADMIN_PENALTY = 0.03
_NEAR_BONUS = 0.06
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_NAME_TYPE_BONUS = {"official": 0.01, "preferred": 0.01, "romanisation": 0.005}
_EXACT_SCORE = {t: 1.0 + b for t, b in _NAME_TYPE_BONUS.items()}
_FOLDED_SCORE = {t: 0.985 + b for t, b in _NAME_TYPE_BONUS.items()}


# --- value objects -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked answer to a query.

    Attributes
    ----------
    place : Place
        The gazetteer place.
    score : float
        0-1; see the module docstring for the scale.
    match : str
        One of :data:`MATCH_TYPES`.
    reason : str
        Why it matched and how it was ranked, briefly.
    matched_name : str or None
        The gazetteer name that matched (None for fallbacks).
    """

    place: Place
    score: float
    match: str
    reason: str
    matched_name: str | None = None

    @property
    def point(self) -> tuple[float, float]:
        """``(lat, lon)``."""
        return (self.place.lat, self.place.lon)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the place's fields plus score, match, reason."""
        return {**self.place.to_dict(), "score": self.score, "match": self.match, "reason": self.reason,
                "matched_name": self.matched_name}


#: Fields of :meth:`Resolution.record`, in order (the jsonl/csv columns).
RECORD_FIELDS: tuple[str, ...] = (
    "query", "place_id", "name", "name_ar", "kind", "lat", "lon", "pcode", "geonameid", "admin1_pcode",
    "admin1", "score", "match", "ambiguous", "reason",
)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer to one query: ranked candidates and a verdict.

    Attributes
    ----------
    query : str
        The query as given.
    candidates : tuple of Candidate
        Best first (may be non-empty even when not resolved: the near misses).
    resolved : bool
        The best candidate reaches ``settings.resolver_abstain_below``.
    ambiguous : bool
        Another candidate far from the best scores almost as well.
    reason : str
        The verdict in words (why it abstained, what is ambiguous).
    """

    query: str
    candidates: tuple[Candidate, ...]
    resolved: bool
    ambiguous: bool
    reason: str

    @property
    def best(self) -> Candidate | None:
        """The answer, or None when the resolver abstained."""
        return self.candidates[0] if self.resolved and self.candidates else None

    @property
    def place(self) -> Place | None:
        """The place of :attr:`best`."""
        best = self.best
        return best.place if best is not None else None

    def __bool__(self) -> bool:
        return self.resolved

    def record(self) -> dict[str, Any]:
        """The flat record of the CLI outputs (:data:`RECORD_FIELDS`); nulls when unresolved."""
        best = self.best
        if best is None:
            out: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
            out.update(query=self.query, ambiguous=self.ambiguous, reason=self.reason)
            return out
        p = best.place
        return {
            "query": self.query, "place_id": p.id, "name": p.name, "name_ar": p.name_ar, "kind": p.kind,
            "lat": p.lat, "lon": p.lon, "pcode": p.pcode, "geonameid": p.geonameid,
            "admin1_pcode": p.admin1_pcode, "admin1": p.admin1, "score": best.score, "match": best.match,
            "ambiguous": self.ambiguous, "reason": best.reason if not self.ambiguous else self.reason,
        }


# --- internals ---------------------------------------------------------------------

class _Hit:
    """A name match of one place: score, match type, name index (-1: none), note."""

    __slots__ = ("score", "match", "name", "note")

    def __init__(self, score: float, match: str, name: int, note: str) -> None:
        self.score, self.match, self.name, self.note = score, match, name, note


class _Scored:
    """A ranked candidate while a query is being resolved."""

    __slots__ = ("pidx", "value", "match", "name", "notes", "consistent")

    def __init__(self, pidx: int, value: float, match: str, name: int, notes: list[str] | None = None,
                 consistent: bool = False) -> None:
        self.pidx, self.value, self.match, self.name = pidx, value, match, name
        self.notes = notes if notes is not None else []
        self.consistent = consistent




def _ta_marbuta_twin(key: str) -> str | None:
    """The name key with the final -h of a Latin ta marbuta added or dropped
    (Tabaqa / Tabaqah, Zerba / Zerbah): one spelling, folded alike."""
    if len(key) < 4 or not key.isascii():
        return None
    if key[-1] == "h" and key[-2] in "aeiou":
        return key[:-1]
    if key[-1] in "ae":
        return key + "h"
    return None


def _typo_score(r: float) -> float:
    """Score of a typo-tolerant match with spelling-key similarity *r* (0-1):
    0.9 at most; one slip in ten letters keeps it above the abstain line,
    one in five does not."""
    return max(0.0, min(0.9, 1.0 - 1.4 * (1.0 - r)))


_osa_similarity: Any = None


def _ratio(a: str, b: str) -> float:
    # Edit similarity counting a transposition as one edit (Zamalka/Zamlaka);
    # stricter than the Indel ratio on insertions.  rapidfuzz is imported on
    # first use: exact lookups never need it.
    global _osa_similarity
    if _osa_similarity is None:
        from rapidfuzz.distance import OSA

        _osa_similarity = OSA.normalized_similarity
    return _osa_similarity(a, b)


_PCODE = re.compile(r"^(SY\d{2}(?:\d{2}(?:\d{2})?)?|C\d{4,6}|N\d{4}|gn\d+)$", re.IGNORECASE)


_ARTICLE_WORDS = frozenset({"al", "el", "il", "ul", "the", "ال"})


def _generic(word: str) -> bool:
    from geokit._variants import word_forms

    return word_forms(word) in GENERIC_WORDS and word not in ("al", "el", "the", "of", "and", "in")


class _Resolver:
    def __init__(self, index: NameIndex) -> None:
        self.ix = index
        # name matches of the query being resolved (readings share pieces)
        self._memo: dict[tuple[str, bool], dict[int, _Hit]] = {}
        self._keys: dict[str, tuple[tuple[int, int, str, float, float], ...]] | None = None

    # -- name matching --------------------------------------------------------------
    def key_hits(self, text: str, cf: str | None = None, exact: tuple[int, ...] | None = None) -> dict[int, _Hit]:
        """Places with a name equal to *text* up to case (exact) or up to
        :func:`~geokit.normalise.name_key` (folded)."""
        ix = self.ix
        hits: dict[int, _Hit] = {}
        if cf is None:
            cf = casefold_text(text)
        groups = self._key_table()
        if groups is not None:  # the in-memory tables, read directly in this hot loop
            if exact is None:
                exact = ix._mem["cf"].get(cf, ())  # type: ignore[index]
            key = ix._names[exact[0]][5] if exact else name_key(text)  # type: ignore[index]
            get = hits.get
            rows = groups.get(key, ()) if key else ()
            twin = _ta_marbuta_twin(key)
            if twin is not None and twin in groups:
                rows = (*rows, *groups[twin])
            for j, p, c, ex, fo in rows:
                if c == cf:
                    score, match = ex, "exact"
                else:
                    score, match = fo, "folded"
                old = get(p)
                if old is None or score > old.score or (score == old.score and j < old.name):
                    hits[p] = _Hit(score, match, j, "")
            return hits
        if exact is None:
            exact = ix.lookup("cf", cf)
        # an exact hit gives the key without computing it
        key = ix.name(exact[0])[5] if exact else name_key(text)
        twin = _ta_marbuta_twin(key)
        for j in (*ix.lookup("key", key), *(ix.lookup("key", twin) if twin else ())) if key else ():
            row = ix.name(j)
            # a place's own names are surer than the alternates sources list
            if ix.casefolded(j) == cf:
                score, match = _EXACT_SCORE.get(row[4], 1.0), "exact"
            else:
                score, match = _FOLDED_SCORE.get(row[4], 0.985), "folded"
            old = hits.get(row[0])
            if old is None or score > old.score or (score == old.score and j < old.name):
                hits[row[0]] = _Hit(score, match, j, "")  # note written when kept (see _verdict)
        return hits

    def _key_table(self) -> dict[str, tuple[tuple[int, int, str, float, float], ...]] | None:
        """Per name key, ``(name, place, exact form, exact score, folded score)``
        of its names: the exact/folded tier unpacked once the index is in memory."""
        table = self._keys
        if table is None and self.ix._mem is not None:
            names, cfs = self.ix._names, self.ix._cf
            assert names is not None and cfs is not None
            groups: dict[str, list[tuple[int, int, str, float, float]]] = {}
            for j, row in enumerate(names):
                groups.setdefault(row[5], []).append(
                    (j, row[0], cfs[j], _EXACT_SCORE.get(row[4], 1.0), _FOLDED_SCORE.get(row[4], 0.985)))
            table = self._keys = {k: tuple(v) for k, v in groups.items()}
        return table

    def name_hits(self, text: str, deep: bool) -> dict[int, _Hit]:
        """Places whose names match *text*, with their best name match."""
        memo_key = (text, deep)
        memo = self._memo.get(memo_key)
        if memo is not None:
            return memo
        hits = self._name_hits(text, deep)
        if len(self._memo) > 256:
            self._memo.clear()
        self._memo[memo_key] = hits
        return hits

    def _name_hits(self, text: str, deep: bool) -> dict[int, _Hit]:
        ix = self.ix
        hits = dict(self.key_hits(text))
        qs = script_class(text)

        def add(j: int, score: float, match: str, note: str) -> None:
            row = ix.name(j)
            pidx = row[0]
            # a place's own names are surer than the alternates sources list
            score = round(score + _NAME_TYPE_BONUS.get(row[4], 0.0), 4)
            old = hits.get(pidx)
            if old is None or score > old.score or (score == old.score and j < old.name):
                hits[pidx] = _Hit(score, match, j, note)

        if not name_key(text):
            return hits
        initials = word_initials(text)

        def initial_doubt(name: str) -> float:
            # a typo match whose words begin with other sounds is doubtful
            other = word_initials(name)
            return _INITIAL_PENALTY if len(other) == len(initials) and other != initials else 0.0

        best = max((h.score for h in hits.values()), default=0.0)
        if best >= 0.985 and not deep:
            return hits
        if qs == "O":
            return hits
        forms = variant_forms(text)
        fq = forms[0][1] if forms else ""
        qkey = name_key(text)
        for n, (vk, fqn, _) in enumerate(forms):
            for j, alt, fkn in ix.lookup("vkey", vk):
                row = ix.name(j)
                if row[3] != qs or row[4] == "abbreviation" or ix.place(row[0])[1] == "country":
                    continue
                r = _ratio(fqn, fkn)
                # same consonants and vowel slots; how alike the vowels are decides,
                # and between equals, how alike the plain spellings are (Sura is
                # nearer Soura than Thawrah, though all three fold alike)
                score = 0.955 if r == 1.0 else min(0.94, 0.49 + 0.45 * r) if r >= 0.75 else _typo_score(r)
                score += 0.01 * _ratio(qkey, row[5])
                score -= 0.02 if (n or alt == 1) else 0.0
                if alt == 2:
                    add(j, round(min(score - 0.06, 0.9), 4), "partial", f"base name of {row[1]!r}")
                elif alt == 3:
                    # the query is only part of the place's name: an answer when
                    # nothing better exists and nothing else matches alike
                    add(j, round(min(score - _INNER_PENALTY, _INNER_CAP), 4), "partial", f"part of the name {row[1]!r}")
                else:
                    add(j, round(score, 4), "folded", f"spelling variant of {row[1]!r}")
        skel = skeleton(text)

        def has_script(pidx: int) -> bool:
            return qs in ix.place(pidx)[10]

        # A skeleton of few consonants is shared by many names; it proves
        # little, and two consonants (Hama, Izaz) not enough to search on.
        cross_base = 0.86 if len(skel) >= 5 else 0.8 if len(skel) == 4 else 0.7
        same_cap = 0.92 if len(skel) >= 4 else 0.8
        for sc, fk, js in ix.skeleton_groups(skel) if len(skel) >= 3 else ():
            if sc == qs:
                score = round(min(_typo_score(_ratio(fq, fk)) + 0.02, same_cap), 4)
                if score < 0.6:
                    continue
                for j in js:
                    row = ix.name(j)
                    if row[4] != "abbreviation" and ix.place(row[0])[1] != "country":
                        add(j, score - initial_doubt(row[1]), "fuzzy", f"same consonants as {row[1]!r}")
            elif sc != "O":
                for j in js:
                    row = ix.name(j)
                    if row[4] == "abbreviation" or ix.place(row[0])[1] == "country":
                        continue
                    # a place that has names in the query's script but none matched
                    # is not found by its other script's consonants alone
                    score = cross_base if not has_script(row[0]) else min(cross_base, 0.6)
                    add(j, score, "cross-script", f"consonant skeleton of {row[1]!r}")
        best = max((h.score for h in hits.values()), default=0.0)
        if best >= settings.resolver_fuzzy_below and not deep:
            return hits
        cutoff = settings.resolver_fuzzy_cutoff / 100.0
        for near_skel in ix.fuzzy(skel):
            for sc, fk, js in ix.skeleton_groups(near_skel):
                if sc == qs:
                    r = _ratio(fq, fk)
                    if r < cutoff:
                        continue
                    score = round(_typo_score(r), 4)
                    for j in js:
                        row = ix.name(j)
                        if row[4] != "abbreviation" and ix.place(row[0])[1] != "country":
                            add(j, score - initial_doubt(row[1]), "fuzzy",
                                f"typo-tolerant match of {row[1]!r} ({r * 100:.0f})")
                elif sc != "O" and len(skel) >= 6:
                    for j in js:
                        row = ix.name(j)
                        if not has_script(row[0]) and ix.place(row[0])[1] != "country":
                            add(j, 0.72, "cross-script", f"near skeleton of {row[1]!r}")
        return hits

    def part_hits(self, part: Part, deep: bool) -> dict[int, _Hit]:
        """Hits of a query part: the text as written, then its core without qualifiers."""
        hits: dict[int, _Hit] = {}
        texts = [part.text]
        if part.core and part.core != part.text:
            texts.append(part.core)
        for n, text in enumerate(texts):
            penalty = 0.0 if n == 0 else (0.04 if part.mild else 0.0)
            for pidx, hit in self.name_hits(text, deep).items():
                score = hit.score - penalty
                old = hits.get(pidx)
                if old is None or score > old.score:
                    hits[pidx] = _Hit(round(score, 4), hit.match, hit.name, hit.note)
        best = max((h.score for h in hits.values()), default=0.0)
        if deep and best < settings.resolver_fuzzy_below and part.core:
            # the name without a size/direction word or a head word ("Mazloum
            # Foqani", "Mazra'at X", "Hawi X"): the bare name may be the place
            for reduced in reduced_names(part.core):
                for pidx, hit in self.name_hits(reduced, False).items():
                    if hit.match not in ("exact", "folded") or hit.score < 0.95:
                        continue  # a shortened name and a loose spelling are too much doubt together
                    score = round(min(hit.score - _REDUCED_PENALTY, _REDUCED_CAP), 4)
                    old = hits.get(pidx)
                    if old is None or score > old.score:
                        hits[pidx] = _Hit(score, "partial", hit.name,
                                          f"{reduced!r} (from {part.core!r}) matches {self.ix.name(hit.name)[1]!r}")
            best = max((h.score for h in hits.values()), default=0.0)
        if deep and best < settings.resolver_abstain_below and part.core:
            for pidx, hit in self.partial_hits(part.core).items():
                old = hits.get(pidx)
                if old is None or hit.score > old.score:
                    hits[pidx] = hit
        return hits

    def partial_hits(self, text: str) -> dict[int, _Hit]:
        """Places named by a run of the words of *text* (not all of them)."""
        words = text.split()
        if len(words) < 2 or len(words) > 8:
            return {}
        out: dict[int, _Hit] = {}
        n = len(words)
        for size in range(n - 1, 0, -1):
            for start in range(0, n - size + 1):
                span = " ".join(words[start:start + size])
                latin = script_class(span) == "L"
                content = latin_words(span) if latin else span.split()
                if not content or all(w in GENERIC_WORDS or len(w) < 3 for w in content):
                    continue
                left_out = " ".join(words[:start] + words[start + size:])
                dropped = latin_words(left_out) if latin else left_out.split()
                if any(_generic(w) for w in dropped):
                    continue  # "Bab Touma" is not "Touma"
                if words[start + size - 1].lower() in _ARTICLE_WORDS:
                    continue
                if len(content) * 3 < len([w for w in (latin_words(text) if latin else words)]) * 2:
                    continue  # a partial match must cover two thirds of the name
                coverage = size / n
                for pidx, hit in self.name_hits(span, False).items():
                    if hit.match not in ("exact", "folded"):
                        continue
                    # alone, a partial match stays below the abstain line; a
                    # context that agrees can lift it
                    score = round(min(hit.score * (0.8 + 0.1 * coverage), settings.resolver_abstain_below - 0.03), 4)
                    old = out.get(pidx)
                    if old is None or score > old.score:
                        out[pidx] = _Hit(score, "partial", hit.name, f"words {span!r} match {self.ix.name(hit.name)[1]!r}")
            if out:
                break
        return out

    # -- context --------------------------------------------------------------------
    def relation(self, t: int, c: int, role: str, area: bool) -> bool:
        """Does place *t* lie inside or near context place *c*?"""
        if t == c:
            return True
        ix = self.ix
        tr, cr = ix.place(t), ix.place(c)
        ckind = cr[1]
        if ckind in _ADMIN_COL:
            col = _ADMIN_COL[ckind]
            return bool(cr[col]) and tr[col] == cr[col]
        if ckind == "country":
            return True
        if tr[1] in _ADMIN_COL:
            # a context town inside an admin target ("Afrin, Rajo district" read backwards)
            col = _ADMIN_COL[tr[1]]
            return bool(tr[col]) and cr[col] == tr[col]
        if tr[7] == c or cr[7] == t:
            return True
        radius = settings.resolver_context_km.get(ckind, 10.0)
        if role == "near":
            radius = max(radius, 15.0)
        elif role == "direction":
            radius = max(radius, 50.0)  # "south of X" orients; it does not bound
        if area:
            radius *= 2
        return haversine_km(tr[2], tr[3], cr[2], cr[3]) <= radius

    def distance(self, a: int, b: int) -> float:
        """Distance in km between places *a* and *b*."""
        ra, rb = self.ix.place(a), self.ix.place(b)
        return haversine_km(ra[2], ra[3], rb[2], rb[3])

    def label(self, i: int) -> str:
        """"Name (kind id)" of place *i*, for reasons."""
        p = self.ix.full_place(i)
        return f"{p.name} ({p.kind} {p.id})"

    def contains(self, t: int, c: int) -> bool:
        """Is place *t* of a larger kind than *c* and encloses it (city > its neighbourhood)?"""
        if t == c:
            return False
        tr, cr = self.ix.place(t), self.ix.place(c)
        if tr[1] in _ADMIN_COL:
            col = _ADMIN_COL[tr[1]]
            return cr[1] not in _ADMIN_COL or _KIND_RANK[cr[1]] > _KIND_RANK[tr[1]] and cr[col] == tr[col]
        if cr[1] in _ADMIN_COL:
            return False
        return _KIND_RANK.get(tr[1], 99) < _KIND_RANK.get(cr[1], 99) and (
            cr[7] == t or tr[1] in ("city", "town") and cr[1] in ("neighbourhood", "camp", "landmark", "military"))

    def context_candidates(self, part: Part, deep: bool) -> list[tuple[int, float]]:
        """Good candidates of a context part, best first."""
        hits = self.part_hits(part, deep)
        scored = []
        for pidx, hit in hits.items():
            kind = self.ix.place(pidx)[1]
            value = hit.score + _PRIOR_WEIGHT * self.ix.place(pidx)[8]
            if part.kinds:
                value += _KIND_BONUS if kind in part.kinds else -_KIND_BONUS
            scored.append((pidx, value))
        if not scored:
            return []
        scored.sort(key=lambda x: (-x[1], x[0]))
        top = scored[0][1]
        floor = max(settings.resolver_abstain_below + 0.05, top - 0.1)
        return [(p, v) for p, v in scored if v >= floor][:12]

    def admin_context(self, admin: str) -> tuple[list[int], str]:
        """Places an ``admin=`` hint designates, and a note."""
        text = admin.strip()
        if not text:
            return [], ""
        if _PCODE.match(text):
            i = self.ix.place_index(text.upper() if not text.startswith("gn") else text)
            if i is None:
                try:
                    i = self.ix.place_index(self.ix.gazetteer.get(text).id)
                except LookupError:
                    i = None
            if i is not None:
                return [i], f"admin hint {text}"
        part = strip_qualifiers(text)
        hits = self.part_hits(part, False)
        if not hits:
            hits = self.part_hits(part, True)
        admins = [(p, h.score) for p, h in hits.items() if self.ix.place(p)[1] in _ADMIN_KINDS and h.score >= 0.85]
        if admins:
            top = max(s for _, s in admins)
            return sorted(p for p, s in admins if s >= top - 0.05), f"admin hint {text!r}"
        others = [(p, h.score) for p, h in hits.items() if h.score >= 0.9]
        if others:
            top = max(s for _, s in others)
            return sorted(p for p, s in others if s >= top - 0.02), f"admin hint {text!r}"
        return [], f"admin hint {text!r} not recognised (ignored)"

    # -- one reading ------------------------------------------------------------------
    def evaluate(self, reading: Reading, deep: bool, admin: list[int], near: tuple[float, float] | None,
                 kinds: frozenset[str] | None, depth: int = 0) -> list[_Scored]:
        ix = self.ix
        target_hits: dict[int, tuple[_Hit, Part]] = {}
        poi_context: list[Part] = []
        for n, part in enumerate(reading.targets):
            if part.poi:
                if part.core and part.route:
                    poi_context.append(Part(text=part.core, core=part.core, role="near"))
                continue
            if not part.core and not reading.whole:
                continue
            if reading.whole:
                hits = self.name_hits(part.text, False)
                hits = {p: h for p, h in hits.items() if h.match in ("exact", "folded")}
            else:
                hits = self.part_hits(part, deep)
            alt_penalty = 0.01 * n
            for pidx, hit in hits.items():
                score = hit.score - alt_penalty
                old = target_hits.get(pidx)
                if old is None or score > old[0].score:
                    target_hits[pidx] = (_Hit(score, hit.match, hit.name, hit.note), part)
        contexts: list[tuple[Part, list[tuple[int, float]]]] = []
        for part in list(reading.context) + poi_context:
            if not part.core or part.poi:
                continue
            cands = self.context_candidates(part, deep)
            contexts.append((part, cands))

        out: list[_Scored] = []
        for pidx, (hit, part) in target_hits.items():
            prow = ix.place(pidx)
            kind = prow[1]
            if kinds is not None and kind not in kinds:
                continue
            value = hit.score + _PRIOR_WEIGHT * prow[8]
            notes = [hit.note]
            if part.kinds:
                if kind in part.kinds:
                    value += _KIND_BONUS
                elif part.kinds == {"neighbourhood"}:
                    # a place called a neighbourhood is in a city, not a village elsewhere
                    value -= _NEIGHBOURHOOD_PENALTY
                else:
                    value -= _KIND_BONUS
            if part.area and kind in _ADMIN_KINDS:
                value -= _KIND_BONUS
            if part.area and not reading.whole:
                # "Idlib countryside" names an area around the place, not the place
                value = min(value, settings.resolver_abstain_below - 0.05)
                notes.append(f"countryside/outskirts of {part.core!r}: no single point")
            consistent = True
            inside_any = False
            for cpart, cands in contexts:
                if not cands:
                    continue
                match_c = next((c for c, _ in cands if self.relation(pidx, c, cpart.role, cpart.area)), None)
                if match_c is not None:
                    if self.contains(pidx, match_c):
                        # the target encloses its context ("Aleppo" in "Aleppo - Salah Eddin"):
                        # the more specific reading should win
                        value -= _REVERSE_PENALTY
                        notes.append(f"contains {self.label(match_c)}")
                    else:
                        # a governorate confirms little, a town or district more
                        value += _CONTEXT_BONUS_BY_KIND.get(ix.place(match_c)[1], _CONTEXT_BONUS)
                        inside_any = inside_any or _KIND_RANK.get(kind, 99) > _KIND_RANK.get(ix.place(match_c)[1], 99)
                        notes.append(f"{'near' if cpart.role == 'near' else 'in'} {self.label(match_c)}")
                else:
                    # A context read with certainty (an exact name of the kind its
                    # qualifier says) that the candidate is far from rules it out;
                    # near its edge the context may just be loosely named; a
                    # context read by spelling variant may itself be the wrong place.
                    # "X near Y", "X in Y", "X (Y)" are tighter than a list "X, Y".
                    strong = cands[0][1] >= 0.97
                    far = min(self.distance(pidx, c) for c, _ in cands) > 60.0
                    tight = cpart.role in ("near", "in", "paren", "direction")
                    value -= (2 * _CONTEXT_PENALTY if strong and (far or tight) else _CONTEXT_PENALTY if strong
                              else 0.05)
                    consistent = False
            if reading.reversed and not inside_any:
                continue  # "X, Y" read as Y only when Y lies inside X ("Abu Kamal, Hamidiyeh neighbourhood")
            if admin:
                inside = next((a for a in admin if self.relation(pidx, a, "within", False)), None)
                if inside is not None:
                    value += _ADMIN_BONUS
                    notes.append(f"inside {self.label(inside)} (admin hint)")
                else:
                    value -= _ADMIN_PENALTY
                    consistent = False
            if near is not None:
                d = haversine_km(near[0], near[1], prow[2], prow[3])
                value += _NEAR_BONUS * math.exp(-d / settings.resolver_near_km)
                notes.append(f"{d:.1f} km from the near point")
            out.append(_Scored(pidx, value, hit.match, hit.name, notes, consistent))

        best = max((s.value for s in out), default=0.0)
        if best < settings.resolver_abstain_below and not reading.whole and depth < 3:
            out.extend(self.fallback(reading, contexts, deep, admin, near, kinds, depth))
        return out

    def fallback(self, reading: Reading, contexts: list[tuple[Part, list[tuple[int, float]]]], deep: bool,
                 admin: list[int], near: tuple[float, float] | None, kinds: frozenset[str] | None,
                 depth: int) -> list[_Scored]:
        """The target is unknown: answer with its context place (an unknown
        street or neighbourhood in a known town), read as a place in turn."""
        k = next((i for i, (_, cands) in enumerate(contexts) if cands), None)
        if k is None:
            return []
        cpart = contexts[k][0]
        rest = tuple(p for i, (p, _) in enumerate(contexts) if i != k)
        sub = Reading(targets=(replace(cpart, role="target"),), context=rest)
        results = self.evaluate(sub, deep, admin, near, kinds, depth + 1)
        if not results:
            return []
        results.sort(key=self._sort_key)
        top = results[0].value
        targets = reading.targets
        what = " ".join(p.core or p.text for p in targets) or "the place"
        inside_thing = any(p.poi or p.route or "neighbourhood" in p.kinds for p in targets) or not targets
        # "Qaryat Zahr, Afrin": a town that gives its name to a district or
        # sub-district stands for the area, and the village may be 20 km away
        # -- and "X, Aleppo" may mean the governorate as much as the city
        area_named = any(self.ix.place(r.pidx)[1] in _ADMIN_KINDS for r in results if r.value >= top - 0.05)
        # a place called a village or town is not inside a city: the city's
        # position is not its own
        settlement = any(p.kinds and p.kinds <= {"village", "town"} for p in targets)
        out = []
        for r in results:
            if r.value < top - 0.02:
                break
            crow = self.ix.place(r.pidx)
            near_role = cpart.role in ("near", "direction") or any(p.route for p in targets)
            value = r.value - (0.15 if near_role else 0.1)
            # Trust the parent's position only where the unknown place must be
            # close to it: a street or neighbourhood, "in"/"near" it, "X (City)".
            trusted = (
                crow[1] in settings.resolver_fallback_kinds
                and not (cpart.kinds & set(_ADMIN_KINDS) and not cpart.kinds & {"city", "town", "village"})
                and not cpart.area and cpart.role != "direction"
                and not any(p.area for p in targets)
                and not (settlement and crow[1] == "city")
                and (inside_thing or cpart.role in ("near", "in")
                     or (crow[1] == "city" and (cpart.role == "paren" or cpart.role == "within" and not area_named))
                     or (crow[1] == "town" and cpart.role == "paren"))
            )
            why = "" if trusted else " (too coarse a position to answer with)"
            if not trusted:
                value = min(value, settings.resolver_abstain_below - 0.05)
            relation = "near" if near_role else "in"
            out.append(_Scored(r.pidx, value, "fallback-to-parent", -1,
                               [f"{what!r} not found; {relation} {self.label(r.pidx)}{why}"], r.consistent))
        return out

    # -- the query ------------------------------------------------------------------------
    def resolve(self, name: str, admin: str | None, near: tuple[float, float] | None,
                kinds: frozenset[str] | None, limit: int) -> Resolution:
        self._memo.clear()
        if admin is None and near is None and kinds is None:
            # Without hints, a query that is literally a gazetteer name (up to
            # case and orthography) is taken whole, separators and all ("Tal
            # Abu Jadha - Tayara"); a bare name with a folded hit reads one
            # way only.  Neither needs the readings of the general path (which
            # gives the same for bare names).
            cf = casefold_text(name)
            exact = self.ix.lookup("cf", cf)
            literal = bool(exact) and is_clean(name)
            if literal or is_plain(name):
                hits = self.key_hits(name, cf, exact)
                if hits and (literal or max(h.score for h in hits.values()) >= 0.985):
                    place = self.ix.place
                    scored = [_Scored(p, h.score + _PRIOR_WEIGHT * place(p)[8], h.match, h.name, [h.note])
                              for p, h in hits.items()]
                    if len(scored) > 1:
                        scored.sort(key=self._sort_key)
                    return self._verdict(name, [], scored, "", limit)
        return self.resolve_readings(name, admin, near, kinds, limit)

    def resolve_readings(self, name: str, admin: str | None, near: tuple[float, float] | None,
                         kinds: frozenset[str] | None, limit: int) -> Resolution:
        """The general path: every reading of the query, scored and merged."""
        self._memo.clear()
        if names_nothing(name):
            return Resolution(name, (), False, False, "no place name in the query (only qualifier words)")
        clean, readings = parse_query(name)
        if not readings:
            return Resolution(name, (), False, False, "nothing to resolve")
        admin_places: list[int] = []
        admin_note = ""
        if admin:
            admin_places, admin_note = self.admin_context(admin)
        scored = self._run(readings, False, admin_places, near, kinds)
        top = scored[0] if scored else None
        need_deep = top is None or top.value < settings.resolver_fuzzy_below or (
            (admin_places or any(r.context for r in readings if not r.whole)) and not top.consistent)
        if need_deep:
            scored = self._run(readings, True, admin_places, near, kinds)
        return self._verdict(name, readings, scored, admin_note, limit)

    def _run(self, readings: list[Reading], deep: bool, admin: list[int], near: tuple[float, float] | None,
             kinds: frozenset[str] | None) -> list[_Scored]:
        merged: dict[int, _Scored] = {}
        offset = None
        for reading in readings:
            if reading.offset_km is not None:
                offset = reading
            results = self.evaluate(reading, deep, admin, near, kinds)
            for s in results:
                s.value -= reading.bias
                if reading.offset_km is not None:
                    s.notes.append(reading.note)
                old = merged.get(s.pidx)
                if old is None or s.value > old.value:
                    merged[s.pidx] = s
        out = sorted(merged.values(), key=self._sort_key)
        if offset is not None and offset.offset_km is not None and offset.offset_km > settings.resolver_offset_max_km:
            for s in out:
                s.value = min(s.value, settings.resolver_abstain_below - 0.05)
                s.notes.append(f"offset of {offset.offset_km:g} km: not this place")
        return out

    def _sort_key(self, s: _Scored) -> tuple:
        row = self.ix.place(s.pidx)
        return (-round(s.value, 6), -row[8], _KIND_RANK.get(row[1], 99), row[0])

    def _prefer_prominent(self, scored: list[_Scored]) -> None:
        """A bare name prefers the city over a hamlet when the names match equally
        well: "Tabaqa" is the city (At Tabaqah), not the village spelt exactly so.
        Equally well = both exact or folded (case, marks, articles, a final -h) and
        within ``_PROMINENT_MARGIN``; the city must be far more prominent."""
        top = scored[0]
        if top.match not in _NAME_EQUAL:
            return
        ix = self.ix
        place = ix.place
        if top.name < 0:
            return
        floor, need = top.value - _PROMINENT_MARGIN, place(top.pidx)[8] + _PROMINENT_GAP
        if need > 1.0:
            return  # prominence is at most 1: nothing can be that much more prominent
        for i, s in enumerate(scored[1:], 1):
            if s.value < floor:
                return
            # namesakes only: the same name matched, not another part of the query
            if s.match in _NAME_EQUAL and place(s.pidx)[8] >= need and s.name >= 0 \
                    and skeleton(ix.name(s.name)[1]) == skeleton(ix.name(top.name)[1]):
                s.value = top.value + 0.001
                s.notes.append(f"preferred to the {place(top.pidx)[1]} {ix.full_place(top.pidx).name} "
                               f"({place(top.pidx)[0]}) of the same name")
                scored.insert(0, scored.pop(i))
                return

    def _verdict(self, query: str, readings: list[Reading], scored: list[_Scored], admin_note: str,
                 limit: int) -> Resolution:
        ix = self.ix
        if len(scored) > 1:
            self._prefer_prominent(scored)
        kept = [s for s in scored if s.value >= 0.5][:limit] if limit > 0 else scored[:1]
        cands = []
        full_place, cached_place = ix.full_place, ix._place_cache.get
        name_row = ix.name if ix._names is None else ix._names.__getitem__
        place_row = ix.place if ix._places is None else ix._places.__getitem__
        for s in kept:
            place = cached_place(s.pidx) or full_place(s.pidx)
            matched = name_row(s.name)[1] if s.name >= 0 else None
            notes = s.notes
            if notes and not notes[0] and matched is not None:
                first = ("exact name " if s.match == "exact" else "folded match of ") + repr(matched)
                reason = first if len(notes) == 1 else "; ".join([first, *(n for n in notes[1:] if n)])
            else:
                reason = "; ".join([n for n in notes if n])
            value = s.value
            cands.append(Candidate(place, round(1.0 if value > 1.0 else 0.0 if value < 0.0 else value, 3), s.match,
                                   reason, matched))
        if not scored or scored[0].value < settings.resolver_abstain_below:
            if any(r.offset_km is not None and r.offset_km > settings.resolver_offset_max_km for r in readings):
                off = next(r for r in readings if r.offset_km is not None)
                reason = f"{off.note}: a point away from the named place, not a place"
            elif not scored:
                reason = "no gazetteer name matches"
            elif scored[0].match == "fallback-to-parent" or any("no single point" in n for n in scored[0].notes):
                reason = cands[0].reason if cands else "no answer"
            else:
                s = scored[0]
                reason = (f"best match {ix.full_place(s.pidx).name} ({ix.place(s.pidx)[0]}) scores "
                          f"{max(0.0, s.value):.2f}, below {settings.resolver_abstain_below}")
            if admin_note and "not recognised" in admin_note:
                reason += f"; {admin_note}"
            return Resolution(query, tuple(cands), False, False, reason)
        top = scored[0]
        rivals = []
        if len(scored) > 1:
            trow = place_row(top.pidx)
            margin, far = top.value - settings.resolver_ambiguity_margin, settings.resolver_ambiguity_km
        for s in scored[1:] if len(scored) > 1 else ():
            if s.value < margin:
                break
            srow = place_row(s.pidx)
            if haversine_km(trow[2], trow[3], srow[2], srow[3]) <= far:
                continue
            if srow[8] < trow[8] - 0.3 and (s.match == top.match or {s.match, top.match} <= _NAME_EQUAL):
                continue  # a city over a hamlet of the same name is the expected reading
            if srow[1] in _ADMIN_COL and self.relation(top.pidx, s.pidx, "within", False):
                continue
            if trow[1] in _ADMIN_COL and self.relation(s.pidx, top.pidx, "within", False):
                continue
            rivals.append(s)
        ambiguous = bool(rivals)
        tied = [s for s in rivals if s.value >= top.value - settings.resolver_tie_margin]
        if ambiguous:
            names = ", ".join(f"{ix.full_place(s.pidx).name} ({ix.place(s.pidx)[0]}, {ix.place(s.pidx)[4]})"
                              for s in [top, *rivals[:3]])
            reason = f"ambiguous: {len(rivals) + 1} places match alike: {names}; give admin= or near="
        else:
            reason = cands[0].reason if cands else ""
        if admin_note and "not recognised" in admin_note:
            reason += f"; {admin_note}"
        if tied and settings.resolver_abstain_on_tie:
            # nothing tells the namesakes apart: naming one would be a guess
            return Resolution(query, tuple(cands), False, True, reason)
        return Resolution(query, tuple(cands), True, ambiguous, reason)


_resolvers: dict[str, _Resolver] = {}
_lock = threading.Lock()


_default_resolver: _Resolver | None = None


def _get_resolver(gazetteer: Gazetteer | None) -> _Resolver:
    global _default_resolver
    if gazetteer is None:
        if _default_resolver is None:
            _default_resolver = _get_resolver(default_gazetteer())
        return _default_resolver
    index = get_index(gazetteer)
    key = str(index.gazetteer.path)
    r = _resolvers.get(key)
    if r is None:
        with _lock:
            r = _resolvers.setdefault(key, _Resolver(index))
    return r


def _check_kinds(kinds: Iterable[str] | str | None) -> frozenset[str] | None:
    if kinds is None:
        return None
    if isinstance(kinds, str):
        kinds = [k for k in re.split(r"[,\s]+", kinds) if k]
    wanted = frozenset(kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise InputError(f"unknown place kind(s) {', '.join(unknown)} (known: {', '.join(KINDS)})")
    return wanted or None


def _check_near(near: Any) -> tuple[float, float] | None:
    if near is None:
        return None
    if hasattr(near, "latitude") and hasattr(near, "longitude"):
        near = (near.latitude, near.longitude)
    if isinstance(near, str):
        try:
            lat_s, lon_s = near.replace(" ", "").split(",")
            near = (float(lat_s), float(lon_s))
        except ValueError:
            raise InputError(f"near: expected 'LAT,LON', got {near!r}") from None
    try:
        lat, lon = float(near[0]), float(near[1])
    except (TypeError, ValueError, IndexError):
        raise InputError(f"near: expected (lat, lon), got {near!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        raise InputError(f"near: coordinates out of range: {near!r}")
    return (lat, lon)


def resolve(name: str, *, admin: str | None = None, near: Any = None, kinds: Iterable[str] | str | None = None,
            limit: int = 5, gazetteer: Gazetteer | None = None) -> Resolution:
    """Resolve a place name to ranked gazetteer candidates.

    Parameters
    ----------
    name : str
        The name as written, in any script, with or without qualifiers and
        context ("Kfr Nouran", "خان طومان", "Rajo village, Afrin",
        "Aleppo - Salah Eddin", "Abu Tabbal near Kafr Naha").
    admin : str, optional
        An enclosing admin unit (name in any script, or P-code such as
        ``SY02``); candidates inside it are preferred, not required.
    near : (lat, lon) or "LAT,LON", optional
        Prefer candidates close to this point.
    kinds : iterable of str, optional
        Only places of these kinds (see :data:`geokit.gazetteer.KINDS`).
    limit : int
        How many candidates to return (at least 1).
    gazetteer : Gazetteer, optional
        Another compiled gazetteer; the packaged one by default.

    Returns
    -------
    Resolution
        ``.best`` is the answer or None when the resolver abstains;
        ``.candidates`` the ranked list, ``.ambiguous`` and ``.reason`` the verdict.

    Raises
    ------
    geokit.exceptions.InputError
        For a query that is not text, is empty, or is longer than
        :data:`MAX_QUERY_CHARS`; for bad ``near`` or ``kinds``.
    """
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, not {type(name).__name__}")
    if not name.strip():
        raise InputError("empty place name")
    if len(name) > MAX_QUERY_CHARS:
        raise InputError(f"place name too long ({len(name)} characters; limit {MAX_QUERY_CHARS})")
    if "\x00" in name:
        raise InputError("place name contains a NUL byte (binary input?)")
    if admin is not None and not isinstance(admin, str):
        raise InputError(f"admin must be text, not {type(admin).__name__}")
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        raise InputError(f"limit must be a whole number, got {limit!r}") from None
    if limit < 1:
        raise InputError("limit must be at least 1")
    return _get_resolver(gazetteer).resolve(name, admin, _check_near(near), _check_kinds(kinds), limit)


def resolve_many(names: Iterable[str], **kwargs: Any) -> list[Resolution]:
    """:func:`resolve` over many names (loads the index into memory once)."""
    names = list(names)
    if len(names) > 20:
        get_index(kwargs.get("gazetteer")).load()
    return [resolve(n, **kwargs) for n in names]
