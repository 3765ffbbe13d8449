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
    ``geokit gazetteer check`` reports it (border towns are digitised on the
    line).
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
syria_border_tolerance_km: float = 2.0
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
