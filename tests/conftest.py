"""Shared test fixtures.

Tests that need the development data in ``../shared`` (beside the repository)
use the ``shared_dir`` fixture: it skips when the folder is missing on a
developer's machine, and fails when ``CI`` is set, because CI always has it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def require_shared() -> Path:
    """Return ``../shared``; skip (or fail under CI) when it is missing."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"../shared is missing beside the repository ({SHARED}); CI must provide it")
        pytest.skip("../shared (development data) not present")
    return SHARED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def gaz():
    from geokit.gazetteer import default_gazetteer

    return default_gazetteer()
