"""Register samples in the official layouts (invented units, names of organisations the
documents really name, so that the import links them)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
