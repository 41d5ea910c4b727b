"""Every error path answers one JSON shape: {"ok": false, "status", "error", "errors"}."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ess_core.errors import StorageError
from ess_core.settings import Settings
from graph_service.app import create_app
from graph_service.backends import open_backend
from graph_service.error_responses import install_error_handlers

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
QUERY = "application/sparql-query"


def assert_error(response: httpx.Response, status: int, contains: str = "") -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    assert contains in body["error"]
    return body


def test_400_bad_query_carries_the_parser_message(client: TestClient) -> None:
    body = assert_error(client.get("/sparql", params={"query": "ASK {"}), 400, "error at 1:6")
    assert "expected" in str(body["error"])


@pytest.mark.parametrize(
    ("method", "url", "content", "headers"),
    [
        ("POST", "/sparql", "default-graph-uri=urn%3Ag", FORM),  # no query
        ("GET", "/sparql?query=ASK%20%7B%7D&query=SELECT%20*%20%7B%7D", None, {}),
        ("POST", "/sparql", "query=ASK%20%7B%7D&update=CLEAR%20ALL", FORM),
        ("POST", "/sparql?query=ASK%20%7B%7D", "ASK {}", {"Content-Type": QUERY}),
        ("POST", "/sparql", "query=ASK%20%7B%7D&query=ASK%20%7B%7D", FORM),
        ("GET", "/sparql?query=ASK%20%7B%7D&default-graph-uri=not%20an%20iri", None, {}),
        ("POST", "/sparql", b"\xff\xfe", {"Content-Type": QUERY}),
    ],
)
def test_400_malformed_requests(
    client: TestClient, method: str, url: str, content: str | None, headers: dict[str, str]
) -> None:
    assert_error(client.request(method, url, content=content, headers=headers), 400)


@pytest.mark.parametrize(
    ("method", "content", "headers"),
    [
        ("POST", "update=CLEAR%20ALL", FORM),
        ("POST", "CLEAR ALL", {"Content-Type": "application/sparql-update"}),
    ],
)
def test_403_updates_are_refused(
    client: TestClient, method: str, content: str | None, headers: dict[str, str]
) -> None:
    response = client.request(method, "/sparql", content=content, headers=headers)
    body = assert_error(response, 403)
    assert "without write tokens" in body["error"] and "ESS_WRITE_TOKENS_FILE" in body["error"]


def test_400_an_update_by_get(client: TestClient) -> None:
    assert_error(client.get("/sparql?update=CLEAR%20ALL"), 400, "POST")


def test_404_unknown_route(client: TestClient) -> None:
    assert_error(client.get("/no/such/thing"), 404, "/no/such/thing")


def test_405_wrong_method(client: TestClient) -> None:
    response = client.put("/sparql", content="ASK {}")
    assert_error(response, 405)
    assert "GET" in response.headers["allow"]


def test_406_lists_the_offered_types(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    body = assert_error(response, 406)
    assert "application/sparql-results+xml" in body["errors"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Type": "text/plain"},
        {},  # form-encoded body without its media type
        {"Content-Type": "application/sparql-query; charset=UTF-16"},
    ],
)
def test_415_unsupported_content_type(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/sparql", content=b"query=ASK%20%7B%7D", headers=headers)
    assert_error(response, 415)


@pytest.mark.parametrize(("name", "value"), [("timeout", "soon"), ("format", "excel")])
def test_422_invalid_parameter(client: TestClient, name: str, value: str) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", name: value})
    assert_error(response, 422, value)


def test_422_request_validation_has_the_same_shape() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/typed")
    async def read_typed(limit: int) -> dict[str, int]:
        return {"limit": limit}

    body = assert_error(TestClient(app).get("/typed", params={"limit": "many"}), 422)
    assert any("limit" in problem for problem in body["errors"])


def test_500_for_an_unexpected_failure_has_the_same_shape() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/broken")
    async def read_broken() -> None:
        raise RuntimeError("a bug")

    assert_error(TestClient(app, raise_server_exceptions=False).get("/broken"), 500)


def test_500_when_the_store_is_gone(settings: Settings) -> None:
    app = create_app(settings)
    asyncio.run(app.state.backend.close())  # the store is released: every read fails
    client = TestClient(app, raise_server_exceptions=False)
    assert_error(client.get("/sparql", params={"query": "ASK {}"}), 500, "store")
    assert_error(client.get("/health"), 500, "store")


def test_storage_errors_are_not_bad_requests(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        open_backend(Settings(store_path=tmp_path / "missing", _env_file=None))
    assert caught.value.status == 500
