"""Defaults used across geokit, in one place.

Change them at run time by assignment (``geokit.settings.map_crs = ...``);
command-line options override them per call.

Attributes
----------
default_crs : str
    CRS of every coordinate geokit reads or writes unless told otherwise
    (WGS84 longitude/latitude, as RFC 7946 GeoJSON requires).
map_crs : str
    Projected CRS that maps are drawn in and distances/areas computed in
    (UTM zone 37N covers Syria with little distortion).
syria_border_tolerance_km : float
    How far outside the Syrian border a gazetteer point may lie before
    ``geokit gazetteer check`` fails (OCHA digitised some border communities
    up to ~4 km across the line of its own boundary file).
cache_dir : pathlib.Path | None
    Where compiled indexes are cached; ``None`` means the platform default
    (``$GEOKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/geokit``, else
    ``~/.cache/geokit``).
"""

from __future__ import annotations

import os
from pathlib import Path

default_crs: str = "EPSG:4326"
map_crs: str = "EPSG:32637"
syria_border_tolerance_km: float = 4.0
cache_dir: Path | None = None


def resolved_cache_dir() -> Path:
    """Return the directory for compiled caches (created on demand by callers)."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("GEOKIT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geokit"


# --- shared vocabularies -----------------------------------------------------
# One vocabulary for incidents, actors and factions, used by extraction, maps
# and exports alike.  Maps may restyle them through a style file; the codes
# themselves are stable (they appear in GeoJSON and GeoPackage outputs).

#: Incident type code -> English label.
incident_types: dict[str, str] = {
    "clash": "Armed clash",
    "shelling": "Shelling / artillery",
    "airstrike": "Airstrike",
    "drone_strike": "Drone strike",
    "explosion": "Explosion / IED",
    "attack": "Attack",
    "capture": "Capture / advance",
    "withdrawal": "Withdrawal",
    "ceasefire_violation": "Ceasefire violation",
}

#: Actor code -> English label (what news names as a party to an incident).
actors: dict[str, str] = {
    "government": "Government forces",
    "russia": "Russian forces",
    "iran_backed": "Iran-backed militias",
    "opposition": "Opposition factions",
    "hts": "HTS / Nusra",
    "sdf": "SDF",
    "isis": "ISIS",
    "turkey": "Turkish forces",
    "turkish_backed": "Turkish-backed factions",
    "civilians": "Civilians",
}

#: Faction code -> English label (who holds ground on a control map).
factions: dict[str, str] = {
    "government": "Government",
    "opposition": "Opposition",
    "hts": "HTS",
    "sdf": "SDF",
    "isis": "ISIS",
    "turkish_backed": "Turkish-backed",
    "contested": "Contested",
    "unknown": "Unknown / no data",
}

#: Actor code -> faction code of the side it fights on (None: holds no ground).
actor_faction: dict[str, str | None] = {
    "government": "government",
    "russia": "government",
    "iran_backed": "government",
    "opposition": "opposition",
    "hts": "hts",
    "sdf": "sdf",
    "isis": "isis",
    "turkey": "turkish_backed",
    "turkish_backed": "turkish_backed",
    "civilians": None,
}


# --- maps --------------------------------------------------------------------
# Cartography for ``geokit map``: one palette for factions and incident types,
# the parameters of the control-area method, and type.  Colours come from the
# Okabe-Ito set, chosen to stay distinguishable under the common colour-vision
# deficiencies; incident types differ by marker shape as well as colour, so
# the map also reads in greyscale.  Override any of them at run time by
# assignment or with a style file (:func:`load_map_style`, ``--style``).

#: Faction code -> colour of its areas, front-line side and place markers.
faction_colours: dict[str, str] = {
    "government": "#D55E00",      # vermillion (the customary red, safer)
    "opposition": "#009E73",      # bluish green
    "hts": "#0072B2",             # blue
    "sdf": "#F0E442",             # yellow
    "isis": "#3A3A3A",            # near-black
    "turkish_backed": "#56B4E9",  # sky blue
    "contested": "#CC79A7",       # reddish purple (hatching)
    "unknown": "#BBBBBB",         # grey
}

#: Incident type code -> fill colour of its symbol.
incident_colours: dict[str, str] = {
    "clash": "#D55E00",
    "shelling": "#E69F00",
    "airstrike": "#0072B2",
    "drone_strike": "#56B4E9",
    "explosion": "#000000",
    "attack": "#CC79A7",
    "capture": "#009E73",
    "withdrawal": "#999999",
    "ceasefire_violation": "#F0E442",
}

#: Incident type code -> matplotlib marker (each type a distinct shape).
incident_markers: dict[str, str] = {
    "clash": "X",
    "shelling": "^",
    "airstrike": "v",
    "drone_strike": "d",
    "explosion": "*",
    "attack": "o",
    "capture": "s",
    "withdrawal": "<",
    "ceasefire_violation": "P",
}

#: Spellings met in control tables and news -> faction code (keys are lower-case).
faction_aliases: dict[str, str] = {
    "gov": "government", "govt": "government", "regime": "government", "saa": "government",
    "syrian government": "government", "government forces": "government",
    "opp": "opposition", "rebels": "opposition", "rebel": "opposition", "fsa": "opposition",
    "jan": "hts", "jan_hts": "hts", "nusra": "hts", "al-nusra": "hts", "hayat tahrir al-sham": "hts",
    "ypg": "sdf", "qsd": "sdf",
    "isil": "isis", "is": "isis", "daesh": "isis", "isis": "isis",
    "trk": "turkish_backed", "turkey": "turkish_backed", "sna": "turkish_backed", "tfsa": "turkish_backed",
    "turkish-backed": "turkish_backed", "turkish backed": "turkish_backed",
    "mixed": "contested", "disputed": "contested",
    "none": "unknown", "no data": "unknown", "": "unknown",
}

#: Reach of a settlement's control (km): land farther than this from every
#: observed place is drawn as no data rather than given to anyone.
map_reach_km: float = 25.0
#: Width (km) of the contested band drawn along front lines; also the distance
#: within which two places of different factions are merged as one contested
#: place when they coincide (see ``map_merge_m``).
map_contested_km: float = 7.0
#: Observed places closer than this (m) are one place (duplicates, a base
#: beside its village); different factions there make it contested.
map_merge_m: float = 100.0
#: An observation older than this (days, at the map date) is stale: its area
#: is drawn lighter and its front lines dashed.
map_stale_days: int = 90
#: Observations with a confidence below this (0-1) are drawn like stale ones.
map_low_confidence: float = 0.5
#: Pairs of factions fighting on the same side at the map date: their areas
#: keep their colours but no front line is drawn between them (e.g.
#: ``[("opposition", "hts")]`` for Idlib in 2020).
map_allied: list[tuple[str, str]] = []
#: Tolerance (m) of the coverage simplification of control areas.
map_simplify_m: float = 150.0

#: Font of every map text; must have Arabic glyphs (DejaVu Sans ships with matplotlib).
map_font: str = "DejaVu Sans"
#: Default output size in pixels (width, height) and resolution.
map_size_px: tuple[int, int] = (2000, 1500)
map_dpi: int = 200
#: Padding around fitted content, as a fraction of its extent.
map_padding: float = 0.08
#: Smallest map span (km), so a single place still shows its surroundings.
map_min_span_km: float = 40.0
#: Attribution of the packaged base data, printed on every map (the
#: gazetteer's own ``attribution`` metadata takes precedence when present).
map_attribution: str = (
    "Boundaries: OCHA COD 2016 (CC BY-IGO), Natural Earth. "
    "Places: OCHA, GeoNames (CC BY 4.0), Who's On First"
)

#: Settings a style file may set (name -> kind of value).
MAP_STYLE_KEYS: dict[str, str] = {
    "faction_colours": "colours", "incident_colours": "colours", "incident_markers": "markers",
    "faction_labels": "labels", "incident_labels": "labels",
    "map_reach_km": "number", "map_contested_km": "number", "map_merge_m": "number",
    "map_stale_days": "number", "map_low_confidence": "number", "map_simplify_m": "number",
    "map_font": "text", "map_dpi": "number", "map_padding": "number", "map_min_span_km": "number",
    "map_attribution": "text",
}


def load_map_style(path: str | Path) -> dict[str, object]:
    """Apply a style file (TOML or JSON) to the map settings of this module.

    The file holds any of :data:`MAP_STYLE_KEYS`; colour and marker tables
    update the defaults entry by entry, ``faction_labels`` and
    ``incident_labels`` rename legend entries (updating :data:`factions` and
    :data:`incident_types`).  Unknown keys, unknown codes, bad colours and bad
    markers are refused.

    Parameters
    ----------
    path : str or Path
        ``*.toml`` or ``*.json``.

    Returns
    -------
    dict
        The settings that were changed, with their new values.

    Raises
    ------
    geokit.exceptions.InputError
        When the file cannot be read or holds an invalid setting.
    """
    import json
    import tomllib

    from matplotlib.colors import is_color_like
    from matplotlib.markers import MarkerStyle

    from geokit._io import read_text
    from geokit.exceptions import InputError

    p = Path(path)
    text = read_text(p)
    try:
        data = tomllib.loads(text) if p.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{p}: not a valid style file: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{p}: a style file holds a table of settings")
    module = globals()
    tables = {
        "faction_colours": factions, "faction_labels": factions,
        "incident_colours": incident_types, "incident_markers": incident_types,
        "incident_labels": incident_types,
    }
    changes: dict[str, object] = {}
    staged: list[tuple[str, object]] = []
    for key, value in data.items():
        kind = MAP_STYLE_KEYS.get(key)
        if kind is None:
            raise InputError(f"{p}: unknown style setting {key!r} (known: {', '.join(MAP_STYLE_KEYS)})")
        if kind in ("colours", "markers", "labels"):
            if not isinstance(value, dict):
                raise InputError(f"{p}: {key} must be a table of code = value")
            for code, item in value.items():
                if code not in tables[key]:
                    raise InputError(f"{p}: {key}: unknown code {code!r}")
                if kind == "colours" and not is_color_like(item):
                    raise InputError(f"{p}: {key}.{code}: not a colour: {item!r}")
                if kind == "markers":
                    try:
                        MarkerStyle(item)
                    except (ValueError, TypeError):
                        raise InputError(f"{p}: {key}.{code}: not a marker: {item!r}") from None
                if kind == "labels" and not (isinstance(item, str) and item.strip()):
                    raise InputError(f"{p}: {key}.{code}: a label must be non-empty text")
        elif kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise InputError(f"{p}: {key} must be a non-negative number")
        elif not isinstance(value, str):
            raise InputError(f"{p}: {key} must be text")
        staged.append((key, value))
    for key, value in staged:  # all validated: apply together
        if key in ("faction_labels", "incident_labels"):
            target = factions if key == "faction_labels" else incident_types
            target.update(value)  # type: ignore[arg-type]
        elif isinstance(value, dict):
            module[key].update(value)
        else:
            module[key] = int(value) if key in ("map_stale_days", "map_dpi") else value
        changes[key] = value
    return changes


# --- resolver ----------------------------------------------------------------
# How ``geokit.resolve`` ranks and when it abstains.  Scores are 0-1: an exact
# name scores 1.0, a folded one (case, marks, articles, joined words) 0.985, a
# romanisation variant 0.83-0.965, a typo up to 0.9; small bonuses and
# penalties for kind, context, hints and prominence follow.  See
# :mod:`geokit.resolver` for the whole scheme.

#: Below this score the resolver abstains (returns no answer) rather than guess.
resolver_abstain_below: float = 0.75
#: Two candidates whose scores differ by less than this, and that lie farther
#: apart than ``resolver_ambiguity_km``, make a result ambiguous.
resolver_ambiguity_margin: float = 0.02
resolver_ambiguity_km: float = 10.0
#: Rivals within this margin of the best are a tie (namesakes nothing tells
#: apart); with ``resolver_abstain_on_tie`` the resolver then abstains
#: (``resolved`` False, ``ambiguous`` True, candidates listed) instead of
#: naming one of them.
resolver_tie_margin: float = 0.01
resolver_abstain_on_tie: bool = True
#: Typo tolerance: lowest rapidfuzz ratio (0-100) between the spelling keys of
#: a query and a name for a fuzzy match.
resolver_fuzzy_cutoff: float = 80.0
#: Fuzzy and partial matching run only when the best answer so far scores below this.
resolver_fuzzy_below: float = 0.9
#: ``near=``: candidates get a bonus decaying with distance over this many km.
resolver_near_km: float = 25.0
#: How far (km) a place may lie from a context place named with it ("X, Y",
#: "X near Y") and still agree with it, by the context place's kind; "countryside"
#: doubles it.
resolver_context_km: dict[str, float] = {
    "city": 25.0, "town": 15.0, "village": 10.0, "neighbourhood": 5.0, "camp": 8.0, "military": 10.0,
    "landmark": 10.0, "region": 40.0,
}
#: "N km from X": beyond this offset the query names no place, and the resolver abstains.
resolver_offset_max_km: float = 3.0
#: Kinds a fallback-to-parent may land on and still count as an answer (a
#: district or governorate centroid is too coarse to be a place's position).
resolver_fallback_kinds: frozenset[str] = frozenset({"city", "town", "village", "neighbourhood", "camp"})
