"""Fixtures of the service tests: small real stores, settings, a live ``oxigraph serve``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from service_fixtures import build_store, oxigraph_serving, sample_quads

from ess_core.settings import Settings


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return build_store(tmp_path / "store", sample_quads())


@pytest.fixture
def settings(store_path: Path) -> Settings:
    return Settings(
        store_path=store_path,
        query_workers=2,
        query_timeout_s=5.0,
        public_url="http://127.0.0.1:9999/",
        _env_file=None,
    )


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """``oxigraph serve`` on a fresh store loaded with the sample data; yields its base URL."""
    yield from oxigraph_serving(tmp_path, sample_quads())
