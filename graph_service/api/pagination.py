"""Limit/offset pages with a total count and RFC 8288 ``Link`` headers (first/prev/next/last)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request, Response

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class Page:
    """The requested window of a list."""

    limit: int
    offset: int


async def get_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (1-500).")] = (
        DEFAULT_LIMIT
    ),
    offset: Annotated[int, Query(ge=0, description="Items to skip (0 or more).")] = 0,
) -> Page:
    """FastAPI dependency: the page parameters, validated (422 naming the parameter)."""
    return Page(limit=limit, offset=offset)


def _url(request: Request, limit: int, offset: int) -> str:
    """The same list with another window, on the public URL (as the 303s of /id/ are)."""
    url = request.url.include_query_params(limit=limit, offset=offset)
    public = request.app.state.settings.public_url.rstrip("/")
    return f"{public}{url.path}?{url.query}"


def link_header(request: Request, page: Page, total: int) -> str:
    """The ``Link`` header value for ``page`` of a list of ``total`` items."""
    last_offset = max(0, (total - 1) // page.limit * page.limit) if total else 0
    links = {"first": 0, "last": last_offset}
    if page.offset > 0:
        links["prev"] = min(max(0, page.offset - page.limit), last_offset)
    if page.offset + page.limit < total:
        links["next"] = page.offset + page.limit
    return ", ".join(
        f'<{_url(request, page.limit, offset)}>; rel="{rel}"' for rel, offset in links.items()
    )


def add_page_headers(request: Request, response: Response, page: Page, total: int) -> None:
    """Set ``Link`` and ``X-Total-Count`` on ``response``."""
    response.headers["Link"] = link_header(request, page, total)
    response.headers["X-Total-Count"] = str(total)
