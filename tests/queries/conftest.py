"""The store the golden tests query: the session's ``built_store`` when the suite has one,
else an in-memory store loaded from every available provider (no validation, no swap)."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_support import load_store, repo_settings
from pyoxigraph import Store


@pytest.fixture(scope="session")
def query_store(request: pytest.FixtureRequest) -> Store:
    try:
        built = request.getfixturevalue("built_store")
    except pytest.FixtureLookupError:
        built = None
    if isinstance(built, Store):
        return built
    if isinstance(built, str | Path):
        return Store.read_only(str(built))
    return load_store(repo_settings())
