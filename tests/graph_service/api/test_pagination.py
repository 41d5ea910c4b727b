"""limit/offset pages: total count, RFC 8288 Link headers, empty and last pages, bad values."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from api_fixtures import assert_error_shape, names
from fastapi.testclient import TestClient


def links(response: object) -> dict[str, str]:
    header = response.headers["link"]  # type: ignore[attr-defined]
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="([a-z]+)"', header)}


def test_first_page_links_next_and_last(client: TestClient) -> None:
    response = client.get("/api/actors?limit=3")
    body = response.json()
    assert (body["total"], body["limit"], body["offset"], len(body["items"])) == (4, 3, 0, 3)
    assert response.headers["x-total-count"] == "4"
    found = links(response)
    assert set(found) == {"first", "next", "last"}
    assert found["next"].endswith("limit=3&offset=3") and found["last"].endswith("offset=3")


def test_last_page_links_prev_not_next(client: TestClient) -> None:
    response = client.get("/api/actors?limit=3&offset=3")
    assert len(response.json()["items"]) == 1
    found = links(response)
    assert set(found) == {"first", "prev", "last"} and found["prev"].endswith("offset=0")


def test_following_next_walks_every_item_once(client: TestClient) -> None:
    seen, url = [], "/api/actors?limit=1"
    while url:
        response = client.get(url)
        seen += [item["id"] for item in response.json()["items"]]
        following = urlsplit(links(response).get("next", ""))
        url = f"{following.path}?{following.query}" if following.path else ""
    assert len(seen) == len(set(seen)) == 4


def test_page_past_the_end_is_empty(client: TestClient) -> None:
    response = client.get("/api/actors?limit=2&offset=10")
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["total"] == 4
    assert links(response)["prev"].endswith("offset=2")


def test_filters_are_kept_in_links(client: TestClient) -> None:
    response = client.get("/api/actors?kind=association&limit=1")
    assert all("kind=association" in url for url in links(response).values())


def test_empty_list(client: TestClient) -> None:
    response = client.get("/api/actors?sector=nothing-here")
    assert response.json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
    assert set(links(response)) == {"first", "last"}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=ten", "limit"),
        ("offset=-1", "offset"),
        ("offset=abc", "offset"),
        ("offset=1.5", "offset"),
    ],
)
def test_bad_page_parameters_are_422_naming_them(
    client: TestClient, query: str, parameter: str
) -> None:
    body = assert_error_shape(client.get(f"/api/people?{query}"), 422)
    assert names(body, parameter)


def test_links_are_on_the_public_url(client: TestClient, settings: object) -> None:
    public = settings.public_url  # type: ignore[attr-defined]
    assert all(
        url.startswith(f"{public}api/actors?")
        for url in links(client.get("/api/actors?limit=1")).values()
    )
