"""Service settings of the HTTP layer: the access log switch, the streaming cap, /sparql's
405, and the endpoint answering before FastAPI's routing."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi.testclient import TestClient

from ess_core.settings import Settings
from graph_service.app import ACCESS_LOGGER, ServiceApp, create_app
from graph_service.backends.pool import WorkerPool


def test_the_access_log_is_off_by_default_and_on_when_asked(store_path: Path) -> None:
    access = logging.getLogger(ACCESS_LOGGER)
    before = access.disabled
    access.disabled = False  # as uvicorn leaves it; other apps of this worker may not have
    try:
        with TestClient(create_app(Settings(store_path=store_path, _env_file=None))):  # type: ignore[call-arg]
            assert access.disabled
        assert not access.disabled
        settings = Settings(store_path=store_path, access_log=True, _env_file=None)
        with TestClient(create_app(settings)):
            assert not access.disabled
    finally:
        access.disabled = before


def test_the_streaming_cap_factor_reaches_the_pool(store_path: Path) -> None:
    settings = Settings(store_path=store_path, stream_cap_factor=3, query_workers=1, _env_file=None)  # type: ignore[call-arg]
    pool = WorkerPool.from_settings(settings)
    try:
        assert pool.stream_factor == 3
    finally:
        pool._kill_all()


def test_other_methods_on_sparql_are_405_with_allow(client: TestClient) -> None:
    for method in ("PUT", "DELETE", "HEAD"):
        response = client.request(method, "/sparql")
        assert response.status_code == 405
        assert response.headers["allow"] == "GET, POST"
    assert client.delete("/sparql").json()["error"] == "Method DELETE is not allowed on /sparql."


def test_sparql_is_answered_before_the_router(client: TestClient) -> None:
    app = client.app
    assert isinstance(app, ServiceApp) and app.sparql is not None
    response = client.post("/sparql/", data={"query": "ASK {}"})
    assert response.status_code == 200 and response.headers["vary"] == "Accept"
    assert response.json() == {"head": {}, "boolean": True}
