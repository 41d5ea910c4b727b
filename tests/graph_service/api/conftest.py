"""Fixtures of the REST tests: one real store per module and the app over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_fixtures import build_test_store, make_client
from fastapi.testclient import TestClient

from ess_core.settings import Settings


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_test_store(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with make_client(settings) as test_client:
        yield test_client
