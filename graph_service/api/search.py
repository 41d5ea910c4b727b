"""``/api/search``: names, aliases and acronyms, accent-, case- and hyphen-insensitive."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ess_core.settings import Settings
from graph_service.api.client import get_settings
from graph_service.api.models import ListPublic
from graph_service.api.pagination import Page, add_page_headers, get_page
from graph_service.api.representation import respond
from graph_service.label_search import MAX_HITS, Hit, count, index_path, search

router = APIRouter(prefix="/api/search", tags=["search"])

# API type -> IRI kinds it covers.
TYPES: dict[str, tuple[str, ...]] = {
    "actor": ("organisation",),
    "person": ("person",),
    "territory": ("commune", "epci", "departement", "region", "area"),
    "plan": ("plan", "orientation", "objective", "action", "body"),
    "partnership": ("partnership",),
    "event": ("event",),
    "document": ("document",),
    "concept": ("concept",),
}
SearchType = Literal[
    "actor", "person", "territory", "plan", "partnership", "event", "document", "concept"
]


class SearchHitPublic(BaseModel):
    """A node whose name, alias or acronym matches the query."""

    id: str
    label: str
    kind: str = Field(description="The <kind> of its IRI.")
    matched: str = Field(description="The label that matched.")
    match: Literal["exact", "prefix", "acronym", "words"] = Field(
        description="exact > acronym > prefix > words: how the label matched (best first)."
    )


def _public(hit: Hit) -> SearchHitPublic:
    return SearchHitPublic(
        id=hit.iri, label=hit.label, kind=hit.kind, matched=hit.matched, match=hit.match
    )


@router.get("", response_model=ListPublic[SearchHitPublic], summary="Search by name")
async def read_search(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    page: Annotated[Page, Depends(get_page)],
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="Words of a name, alias or acronym.")
    ],
    type: Annotated[
        list[SearchType] | None, Query(description="Restrict to these types (repeatable).")
    ] = None,
) -> JSONResponse:
    """Nodes matching ``q``: exact names first, then acronyms, prefixes, other matches (at
    most the first 1,000: ``total`` stops there)."""
    kinds = [k for t in type for k in TYPES[t]] if type else None
    path, end = index_path(settings.store_path), page.offset + page.limit
    hits = search(path, q, kinds, limit=end)  # only what the page needs
    total = len(hits) if len(hits) < min(end, MAX_HITS) else count(path, q, kinds)
    items = [_public(h) for h in hits[page.offset : end]]
    body = ListPublic[SearchHitPublic](
        total=total, limit=page.limit, offset=page.offset, items=items
    )
    response = respond(request, body)
    add_page_headers(request, response, page, total)
    return response
