"""One JSON error body on every route: our 404/406/422, FastAPI's own 404, 405 and 422."""

from __future__ import annotations

import re

import pytest
from api_fixtures import assert_error_shape, names
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

# One failing request per route of the REST layer, linked data and pages.
BAD_REQUESTS: dict[str, list[tuple[str, int]]] = {
    "/api/actors": [("/api/actors?limit=0", 422), ("/api/actors?territory=x", 422)],
    "/api/actors/{slug}": [("/api/actors/none", 404)],
    "/api/people": [("/api/people?offset=-1", 422)],
    "/api/people/{slug}": [("/api/people/none", 404)],
    "/api/territories": [("/api/territories?kind=planet", 422)],
    "/api/territories/{kind}/{code}": [("/api/territories/commune/00000", 404)],
    "/api/plans": [("/api/plans?year=x", 422)],
    "/api/plans/{slug}": [("/api/plans/none", 404)],
    "/api/partnerships": [("/api/partnerships?limit=x", 422)],
    "/api/partnerships/{slug}": [("/api/partnerships/none", 404)],
    "/api/events": [("/api/events?year=1", 422)],
    "/api/events/{slug}": [("/api/events/none", 404)],
    "/api/documents": [("/api/documents?year=x", 422)],
    "/api/documents/{slug}": [("/api/documents/none", 404)],
    "/api/search": [("/api/search", 422)],
    "/api/queries": [],  # see NOT_ACCEPTABLE
    "/api/queries/{name}": [("/api/queries/label-lookup?min_length=x", 422)],
    "/api/context.jsonld": [],
    "/id/{path}": [("/id/person/none", 404), ("/id/no%20such", 404)],
    "/data/{path}": [("/data/person/none.ttl", 404), ("/data/person/x.png", 404)],
    "/page/{path}": [("/page/person/none", 404)],
    "/docs/assets/{name}": [("/docs/assets/secret.txt", 404)],
}
NOT_ACCEPTABLE = [
    "/api/actors",
    "/api/actors/apes",
    "/api/queries",
    "/api/search?q=x",
    "/id/person/marie-lefebvre-chombard",
]


def _sample(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x", path.replace("{kind}/{code}", "commune/59606"))


def test_every_route_has_a_case(client: TestClient) -> None:
    ours = ("/api", "/id/", "/data/", "/page/", "/docs/assets")
    routes = {
        r.path
        for r in client.app.routes  # type: ignore[attr-defined]
        if isinstance(r, APIRoute) and r.path.startswith(ours)
    }
    named = {p for p in routes if p.startswith("/api/queries/") and "{" not in p}
    assert routes - named - set(BAD_REQUESTS) == set()


@pytest.mark.parametrize(
    ("url", "status"), [case for cases in BAD_REQUESTS.values() for case in cases]
)
def test_bad_requests(client: TestClient, url: str, status: int) -> None:
    assert_error_shape(client.get(url), status)


@pytest.mark.parametrize("url", NOT_ACCEPTABLE)
def test_not_acceptable(client: TestClient, url: str) -> None:
    assert_error_shape(client.get(url, headers={"Accept": "image/png"}), 406)


def test_method_not_allowed_on_every_route(client: TestClient) -> None:
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and "DELETE" not in (route.methods or set()):
            assert_error_shape(client.delete(_sample(route.path)), 405)


def test_fastapi_own_errors(client: TestClient) -> None:
    assert_error_shape(client.get("/api/no-such-resource"), 404)
    assert_error_shape(client.post("/api/actors"), 405)
    body = assert_error_shape(client.get("/api/actors?limit=many"), 422)
    assert names(body, "limit")
