"""Error hierarchy.

Every error geokit raises derives from :class:`GeokitError`; the concrete
classes also derive from the matching built-in so that callers who only know
Python's own exceptions (``ValueError``, ``LookupError``, ``OSError``) still
catch them.  The CLI turns any :class:`GeokitError` into a one-line message and
a non-zero exit code.
"""

from __future__ import annotations


class GeokitError(Exception):
    """Base class of all geokit errors."""


class InputError(GeokitError, ValueError):
    """Input that cannot be used: empty, binary, undecodable, malformed."""


class PlaceNotFound(GeokitError, LookupError):
    """A key or name that matches no place in the gazetteer."""


class DataError(GeokitError, RuntimeError):
    """The packaged data is missing or damaged (rebuild or reinstall)."""


class CRSError(InputError):
    """A coordinate reference system that is unknown or cannot be used."""


class OutputError(GeokitError, OSError):
    """An output file that cannot be written."""
