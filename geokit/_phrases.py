"""One automaton over the word lists of :mod:`geokit._lexicon`.

Finds organisation names, titles, given names, cue words, incident
triggers, actor phrases, casualty words, number words, months and weekdays in
folded text in one pass.  Arabic entries match after the clitics a word may
carry (و ف ب ل ك, the article, لل); an entry ending in ``*`` matches a word
start (any ending), others a whole word.  Entries written ``fa:…`` apply to
Persian text only (Arabic spells some Persian words the same way).
"""

from __future__ import annotations

import re
import threading
from operator import itemgetter
from collections.abc import Iterable
from typing import Any, NamedTuple

from geokit import _lexicon as lex
from geokit._text import fold_name

__all__ = ["Hit", "Hits", "PhraseMatcher", "default_phrases"]


class Hit(NamedTuple):
    """A lexicon entry found in folded text (offsets into the folded text)."""

    start: int       # start of the entry (after any clitic)
    end: int         # end of the matched word(s)
    word_start: int  # start of the first word (clitic included)
    cat: str
    value: Any
    persian_only: bool = False


_START = itemgetter(0)
_END = itemgetter(1)

_ART_PREFIXES = ("", "و", "ف", "ب", "ك", "وب", "فب", "وك")  # before a word that has ال
_LAM_PREFIXES = ("ل", "ول", "فل")                             # ل + ال → لل


def _entries() -> list[tuple[str, str, Any]]:
    """Every (raw term, category, value) the matcher knows."""
    out: list[tuple[str, str, Any]] = []
    for t in lex.ORGANISATIONS:
        out.append((t, "org", None))
    for t in lex.ORG_HEADS:
        out.append((t, "org_head", None))
    for t in lex.PERSON_TITLES:
        out.append((t, "title", None))
    for t in lex.GIVEN_NAMES:
        out.append((t, "given", None))
    for t in lex.FAMOUS_SURNAMES:
        out.append((t, "given", None))
    # Cue hits feed only the misspelling check, which follows strong cues (مدينة, قرية);
    # cues and directions around a name are read from its neighbouring words instead.
    # Every hit costs time on every text, so no hits nobody reads.
    strong = {fold_name(c) for c in lex.STRONG_CUES}
    for t, kinds in lex.PLACE_CUES.items():
        if fold_name(t) in strong:
            out.append((t, "cue", kinds))
    for t, m in lex.MONTHS.items():
        out.append((t, "month", m))
    for t, m in lex.PERSIAN_MONTHS.items():
        out.append(("fa:" + t, "pmonth", m))
    for t, d in lex.WEEKDAYS.items():
        out.append((t, "weekday", d))
    for t, d in lex.RELATIVE_DAYS.items():
        out.append((t, "relday", d))
    for t in lex.SINCE_WORDS:
        out.append((t, "since", None))
    for typ, words in lex.INCIDENT_TRIGGERS.items():
        for t in words:
            out.append((t, "trigger", typ))
    for t in lex.VIOLATION_WORDS:
        out.append((t, "violation", None))
    for t in lex.TRUCE_WORDS:
        out.append((t, "truce", None))
    for t in lex.ATTEMPT_WORDS:
        out.append((t, "attempt", None))
    for t in lex.PARTIAL_WORDS:
        out.append((t, "partial", None))
    for t in lex.AIR_WORDS:
        out.append((t, "air", None))
    for t in lex.DRONE_WORDS:
        out.append((t, "drone", None))
    for t, code in lex.ACTOR_PHRASES.items():
        out.append((t, "actor", code))
    for t in lex.KILLED_WORDS:
        out.append((t, "killed", None))
    for t in lex.WOUNDED_WORDS:
        out.append((t, "wounded", None))
    for t in lex.PERSON_NOUNS_SINGULAR:
        out.append((t, "person", None))
    for t, n in lex.NUMBER_WORDS.items():
        out.append((t, "number", n))
    for t in lex.DUAL_NOUNS:
        out.append((t, "dual", 2))
    for t in lex.CONTROL_WORDS:
        out.append((t, "held", None))
    for t in lex.ORIGIN_WORDS:
        out.append((t, "origin", None))
    for t in lex.FORCED_WORDS:
        out.append((t, "forced", None))
    for t in lex.ARTILLERY_WORDS:
        out.append((t, "artillery", None))
    for t in lex.NON_PERSON_UNITS:
        out.append((t, "unit", None))
    return out


class Hits(list):
    """Hits in text order, with a view by category (built on first use)."""

    _by_cat: dict[str, list[Hit]] | None = None
    #: ``(start, end)`` of the runs of digits, when the pass that found the hits saw them.
    digit_runs: list[tuple[int, int]] | None = None

    def of(self, cat: str) -> list[Hit]:
        """The hits of one category, in text order (do not modify)."""
        by_cat = self._by_cat
        if by_cat is None:
            by_cat = self._by_cat = {}
            for h in self:
                got = by_cat.get(h[3])
                if got is None:
                    by_cat[h[3]] = [h]
                else:
                    got.append(h)
        return by_cat.get(cat, _NO_HITS)


_NO_HITS: list[Hit] = []


# Persian writes the plural ها/های and the verb prefix می/نمی with a zero-width
# non-joiner, which folding drops: "جنگنده‌های روسی" folds to "جنگندههاي روسي".
_PLURAL_SPACE = re.compile(r" (?=ها(?:ي|يي)?(?: |$))")
_VERB_PREFIX_SPACE = re.compile(r"(?:^|(?<= ))(ن?مي) ")


def _zwnj_joined(folded: str) -> str:
    """*folded* (a Persian phrase written with spaces) as folding reads its ZWNJ form."""
    return _VERB_PREFIX_SPACE.sub(r"\1", _PLURAL_SPACE.sub("", folded))


class PhraseMatcher:
    """Aho-Corasick matcher over the lexicon (built once per process)."""

    def __init__(self) -> None:
        import ahocorasick

        table: dict[str, list[tuple[str, Any, bool, int, bool]]] = {}
        for raw, cat, value in _entries():
            persian_only = raw.startswith("fa:")
            term = raw[3:] if persian_only else raw
            prefix_ok = not term.endswith("*")
            stem = term.rstrip("*")
            folded = fold_name(stem)
            if not folded:
                continue
            latin = folded.isascii()
            variants: list[tuple[str, int]] = []
            if latin or any(c in "پچژگکی" for c in stem):
                variants.append((folded, 0))
                joined = folded if latin else _zwnj_joined(folded)
                if joined != folded:
                    variants.append((joined, 0))
            elif folded.startswith("ال"):
                variants += [(p + folded, len(p)) for p in _ART_PREFIXES]
                variants += [(p + folded[1:], len(p)) for p in _LAM_PREFIXES]
            else:
                variants += [(p + folded, len(p)) for p in lex.ARABIC_PREFIXES]
            for v, plen in variants:
                key = " " + v + (" " if prefix_ok else "")
                table.setdefault(key, []).append((cat, value, prefix_ok, plen, persian_only))
        #: Automaton key -> value: a space, the folded entry (with a clitic), a space
        #: unless the entry matches any ending.  The recogniser adds these to its own
        #: automaton so that one pass over a text finds names and lexicon words.
        self.entries: dict[str, tuple[int, tuple[tuple[str, Any, bool, int, bool], ...]]] = {
            key: (len(key), tuple(vals)) for key, vals in table.items()}
        self.automaton = ahocorasick.Automaton()
        for key, value in self.entries.items():
            self.automaton.add_word(key, value)
        self.automaton.make_automaton()

    def find(self, folded: str, persian: bool = False) -> Hits:
        """All lexicon hits in *folded* (a :class:`~geokit._text.FoldedText` ``.folded``
        string, which ends with a space)."""
        return self.hits(self.automaton.iter(" " + folded), folded, persian)

    @staticmethod
    def hits(matches: Iterable[tuple[int, Any]], folded: str, persian: bool) -> Hits:
        """Hits from automaton matches ``(end, entry value)`` over ``" " + folded``, sorted
        by start, longest first."""
        hits = Hits()
        append = hits.append
        find = folded.find
        new = tuple.__new__  # Hit(...) without the Python-level __new__
        for end, (klen, vals) in matches:
            ws = end - klen + 1  # word start in folded (leading space dropped)
            word_end = -1
            for cat, value, exact, plen, persian_only in vals:
                if persian_only and not persian:
                    continue
                if exact:
                    e = end - 1  # trailing space excluded
                else:
                    if word_end < 0:
                        word_end = find(" ", end)
                    e = word_end
                append(new(Hit, (ws + plen, e, ws, cat, value, persian_only)))
        # By start, longest first (two stable sorts: by end descending, then by start).
        hits.sort(key=_END, reverse=True)
        hits.sort(key=_START)
        return hits


_default: PhraseMatcher | None = None
_lock = threading.Lock()


def default_phrases() -> PhraseMatcher:
    """The process-wide :class:`PhraseMatcher`."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = PhraseMatcher()
    return _default
