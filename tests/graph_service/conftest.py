"""A small on-disk store in three named graphs, and the service opened on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sparql_testdata import make_store, small_quads

from ess_core.settings import Settings
from graph_service.app import create_app


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("store") / "store", small_quads())


@pytest.fixture(scope="session")
def settings(store_path: Path) -> Settings:
    return Settings(store_path=store_path, _env_file=None)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client
