"""geokit: an offline, multilingual gazetteer, geoparser and mapping toolkit for Syria.

The top-level names are imported lazily so that ``import geokit`` stays cheap:

- :func:`resolve` - a place name in any script or spelling to ranked candidates;
- :func:`extract` - place mentions and incidents from news text;
- :func:`default_gazetteer` / :class:`Gazetteer` / :class:`Place` - the data;
- :mod:`geokit.exceptions` - the error hierarchy.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "resolve": "geokit.resolver",
    "Candidate": "geokit.resolver",
    "Resolution": "geokit.resolver",
    "extract": "geokit.extraction",
    "Gazetteer": "geokit.gazetteer",
    "Place": "geokit.gazetteer",
    "default_gazetteer": "geokit.gazetteer",
    "GeokitError": "geokit.exceptions",
    "InputError": "geokit.exceptions",
    "PlaceNotFound": "geokit.exceptions",
    "DataError": "geokit.exceptions",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geokit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
