"""A geopy geocoder backed by the packaged gazetteer (offline).

>>> from geokit.geocoders import Gazetteer
>>> geolocator = Gazetteer()
>>> location = geolocator.geocode("Khan Touman")
>>> location.address, round(location.latitude, 2)
('Khan Tuman, Jebel Saman, Aleppo, Syria', 36.11)

It works wherever geopy geocoders do: under
:class:`geopy.extra.rate_limiter.RateLimiter` and with
``geopandas.tools.geocode(names, provider=Gazetteer)``.  ``geocode`` runs
:func:`geokit.resolve`, ``reverse`` runs :func:`geokit.reverse.reverse`;
``Location.raw`` holds the full record.  Nothing goes over the network.
"""

from __future__ import annotations

from typing import Any

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geokit.exceptions import InputError

__all__ = ["Gazetteer", "GazetteerQueryError"]


class GazetteerQueryError(GeocoderQueryError, InputError):
    """A query the gazetteer cannot take (empty, not text, too long);
    both a geopy and a geokit error."""


def _address(place: Any) -> str:
    parts = [place.name]
    for part in (place.admin2 if place.admin2 != place.name else None, place.admin1, "Syria"):
        if part and part not in parts:
            parts.append(part)
    return ", ".join(parts)


class Gazetteer(Geocoder):
    """Geocoder for Syrian place names in any script or spelling (offline).

    Parameters
    ----------
    admin : str, optional
        Default admin hint for every query (name or P-code), see :func:`geokit.resolve`.
    near : (lat, lon), optional
        Default ``near`` point for every query.
    gazetteer : geokit.gazetteer.Gazetteer, optional
        Another compiled gazetteer; the packaged one by default.
    timeout, proxies, user_agent, ssl_context, adapter_factory
        Accepted for geopy compatibility; no request is ever made.
    """

    def __init__(self, *, admin: str | None = None, near: Any = None, gazetteer: Any = None,
                 timeout: Any = DEFAULT_SENTINEL, proxies: Any = DEFAULT_SENTINEL, user_agent: str | None = None,
                 ssl_context: Any = DEFAULT_SENTINEL, adapter_factory: Any = None) -> None:
        super().__init__(scheme="https", timeout=timeout, proxies=proxies, user_agent=user_agent,
                         ssl_context=ssl_context, adapter_factory=adapter_factory)
        self.admin = admin
        self.near = near
        self.gazetteer = gazetteer

    def _deliver(self, result: Any) -> Any:
        # geopy's async adapters expect awaitables from every call
        from geopy.adapters import BaseAsyncAdapter

        if isinstance(self.adapter, BaseAsyncAdapter):
            async def done() -> Any:
                return result

            return done()
        return result

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                admin: str | None = None, near: Any = None, kinds: Any = None, limit: int | None = None) -> Any:
        """Resolve a place name.

        Parameters
        ----------
        query : str
            The name (any script, with qualifiers or context, see :func:`geokit.resolve`).
        exactly_one : bool
            Return the best :class:`~geopy.location.Location` (or None when the
            resolver abstains); else a list of candidates (or None), which for
            a tie between namesakes lists them all.
        timeout
            Ignored (offline).
        admin, near, kinds
            As for :func:`geokit.resolve`; default to the geocoder's own.
        limit : int, optional
            Most candidates when ``exactly_one`` is False (default 5).

        Returns
        -------
        geopy.location.Location, list of Location, or None
            ``raw`` holds the place's record plus ``score``, ``match``,
            ``ambiguous``, ``resolved``, ``reason`` and ``query``.
        """
        from geokit.resolver import resolve

        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        if not isinstance(query, str) or not query.strip():
            raise GazetteerQueryError(f"a place name must be non-empty text, got {query!r}")
        try:
            res = resolve(query, admin=admin if admin is not None else self.admin,
                          near=near if near is not None else self.near, kinds=kinds,
                          limit=limit if limit is not None else (1 if exactly_one else 5), gazetteer=self.gazetteer)
        except InputError as exc:
            raise GazetteerQueryError(str(exc)) from None
        # A tie between namesakes gives no single answer, but its candidates
        # when all are asked for (``raw["resolved"]`` is then False).
        if not res.resolved and not (res.ambiguous and not exactly_one and res.candidates):
            return self._deliver(None)
        locations = []
        for cand in res.candidates:
            p = cand.place
            raw = {**p.to_dict(), "score": cand.score, "match": cand.match, "reason": cand.reason,
                   "matched_name": cand.matched_name, "ambiguous": res.ambiguous, "resolved": res.resolved,
                   "query": query}
            locations.append(Location(_address(p), Point(p.lat, p.lon), raw))
        return self._deliver(locations[0] if exactly_one else locations)

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                limit: int | None = None) -> Any:
        """The nearest populated place(s) of a point.

        Parameters
        ----------
        query : geopy.point.Point, (lat, lon) or "lat, lon"
            The point.
        exactly_one : bool
            Return the nearest place's Location; else a list of the nearest
            *limit* (default 5).

        Returns
        -------
        geopy.location.Location, list of Location, or None
            None for a point outside Syria's vicinity.  ``raw`` holds the
            reverse record (admin units with P-codes, distance, country).
        """
        from geokit.reverse import reverse

        try:
            point = Point(query)
        except (ValueError, TypeError) as exc:
            raise GazetteerQueryError(f"not a point: {query!r} ({exc})") from None
        try:
            res = reverse(point.latitude, point.longitude, limit=1 if exactly_one else (limit or 5),
                          gazetteer=self.gazetteer)
        except InputError as exc:
            raise GazetteerQueryError(str(exc)) from None
        if not res.places:
            return self._deliver(None)
        locations = []
        for rank, near in enumerate(res.places):
            raw = res.record(rank)
            locations.append(Location(_address(near.place), Point(near.place.lat, near.place.lon), raw))
        return self._deliver(locations[0] if exactly_one else locations)
