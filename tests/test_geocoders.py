"""The geopy-compatible geocoder: Location objects, exactly_one, RateLimiter, geopandas."""

from __future__ import annotations

import asyncio

import geopandas
import pytest
from geopy.adapters import BaseAsyncAdapter
from geopy.exc import GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from shapely.geometry import Point

from geokit.exceptions import InputError
from geokit.geocoders import Gazetteer


@pytest.fixture(scope="module")
def geolocator() -> Gazetteer:
    return Gazetteer()


def test_is_a_geopy_geocoder(geolocator):
    assert isinstance(geolocator, Geocoder)


def test_geocode_returns_location_with_raw_record(geolocator):
    loc = geolocator.geocode("Khan Touman")
    assert isinstance(loc, Location)
    assert loc.address.startswith("Khan Tuman") and loc.address.endswith("Syria")
    assert abs(loc.latitude - 36.115) < 0.01 and abs(loc.longitude - 37.047) < 0.01
    assert loc.raw["id"] == "C1015" and loc.raw["name_ar"] == "خان طومان"
    assert loc.raw["match"] == "exact" and loc.raw["score"] == 1.0 and loc.raw["admin1_pcode"] == "SY02"
    address, (lat, lon) = loc  # geopy's tuple form, as geopandas unpacks it
    assert address == loc.address and lat == loc.latitude


def test_exactly_one_and_candidates(geolocator):
    # a tie between namesakes: no single answer, but the candidates when asked for all
    assert geolocator.geocode("Hamrat") is None
    many = geolocator.geocode("Hamrat", exactly_one=False)
    assert isinstance(many, list) and len(many) >= 2
    assert {loc.raw["id"] for loc in many} >= {"C2661", "C3732"}
    assert all(loc.raw["ambiguous"] and not loc.raw["resolved"] for loc in many)
    assert geolocator.geocode("Hamrat", admin="Lattakia").raw["id"] == "C3732"
    assert geolocator.geocode("zzqxwv") is None
    assert geolocator.geocode("zzqxwv", exactly_one=False) is None


def test_bad_query_raises_geopy_and_geokit_errors(geolocator):
    for bad in ("", "   ", None, "x" * 600):
        with pytest.raises(GeocoderQueryError):
            geolocator.geocode(bad)
    with pytest.raises(InputError):
        geolocator.geocode("")


def test_reverse(geolocator):
    loc = geolocator.reverse("36.115, 37.0467")
    assert loc.raw["place_id"] == "C1015" and loc.raw["admin1_pcode"] == "SY02"
    near = geolocator.reverse((36.115, 37.0467), exactly_one=False, limit=3)
    assert len(near) == 3 and near[0].raw["distance_km"] <= near[1].raw["distance_km"]
    assert geolocator.reverse((-33.9, 151.2)) is None
    with pytest.raises(GeocoderQueryError):
        geolocator.reverse("somewhere")


def test_under_rate_limiter(geolocator):
    geocode = RateLimiter(geolocator.geocode, min_delay_seconds=0.01, max_retries=0)
    results = [geocode(name) for name in ("Izaz", "كفر نوران", "zzqxwv")]
    assert results[0].raw["id"] == "C1564" and results[1].raw["id"] == "C1041" and results[2] is None
    reverse = RateLimiter(geolocator.reverse, min_delay_seconds=0.01)
    assert reverse((36.5859, 37.0457)).raw["place_id"] == "C1564"


def test_geopandas_tools_geocode():
    frame = geopandas.tools.geocode(["Khan Touman", "Izaz", "zzqxwv"], provider=Gazetteer)
    assert len(frame) == 3 and frame.crs.to_epsg() == 4326
    assert abs(frame.geometry.iloc[0].y - 36.115) < 0.01 and abs(frame.geometry.iloc[0].x - 37.047) < 0.01
    assert frame.geometry.iloc[2].is_empty
    assert frame["address"].iloc[1].startswith("Azaz")
    back = geopandas.tools.reverse_geocode([Point(37.0467, 36.115)], provider=Gazetteer)
    assert back["address"].iloc[0].startswith("Khan Tuman")


def test_async_adapter():
    class NoNetwork(BaseAsyncAdapter):
        async def get_json(self, url, *, timeout, headers):  # pragma: no cover - never called
            raise AssertionError("no request expected")

        async def get_text(self, url, *, timeout, headers):  # pragma: no cover - never called
            raise AssertionError("no request expected")

    async def run():
        async with Gazetteer(adapter_factory=NoNetwork) as geolocator:
            return await geolocator.geocode("Izaz")

    assert asyncio.run(run()).raw["id"] == "C1564"
