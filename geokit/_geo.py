"""Small geodesy helpers shared across geokit (one of each)."""

from __future__ import annotations

import math

#: Mean Earth diameter in km (2 × 6371.0088, the IUGG mean radius).
EARTH_DIAMETER_KM = 12742.0176


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points (lat, lon order).

    >>> round(haversine_km(36.2021, 37.1343, 33.5138, 36.2765))
    309
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_DIAMETER_KM * math.asin(min(1.0, math.sqrt(h)))
