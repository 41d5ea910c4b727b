"""Helpers of the REST, linked-data and page tests: a real store from data.trig, the app."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from pyoxigraph import RdfFormat, Store

from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME
from ingest.store.default_graph import materialise_default_graph
from ingest.store.label_index import build_search_index

HERE = Path(__file__).parent
REPO = HERE.parents[2]
BASE = "https://w3id.org/ess-hdf/"
ID = f"{BASE}id/"


def build_test_store(root: Path, **overrides: Any) -> Settings:
    """Store + search index from data.trig, and named queries (the repo's and a test one)."""
    queries = root / "queries"
    queries.mkdir(parents=True)
    for query in [*(REPO / "queries").glob("*.rq"), HERE / "label-lookup.rq"]:
        shutil.copy(query, queries / query.name)
    options: dict[str, Any] = {"query_workers": 1, **overrides}
    settings = Settings(store_path=root / "store", queries_dir=queries, _env_file=None, **options)  # type: ignore[call-arg]
    store = Store(str(settings.store_path))
    store.load(path=str(HERE / "data.trig"), format=RdfFormat.TRIG)
    materialise_default_graph(store)  # the default graph as the build makes it
    build_search_index(store, settings.store_path / INDEX_FILE_NAME, settings)
    store.flush()
    del store
    gc.collect()
    return settings


def make_client(settings: Settings) -> TestClient:
    """An in-process client of the real app (redirects are not followed)."""
    from graph_service.app import create_app

    return TestClient(create_app(settings), follow_redirects=False)


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    """The one error body: ok false, status, error message, errors list."""
    body: dict[str, Any] = response.json()
    assert response.status_code == status, body
    assert set(body) == {"ok", "status", "error", "errors"}, body
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    return body


def names(body: dict[str, Any], parameter: str) -> bool:
    """Whether an error body names ``parameter`` (in its message or its list of errors)."""
    return any(parameter in text for text in [body["error"], *body["errors"]])
