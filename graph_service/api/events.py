"""``/api/events``: ESS events (``ess:Event``): fairs, forums, conferences, workshops."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from graph_service.api import filters as f
from graph_service.api import terms
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import Filter, page_response
from graph_service.api.lookup import find
from graph_service.api.models import ListPublic, Ref, SourcePublic, Summary
from graph_service.api.pagination import Page, get_page
from graph_service.api.relations import BEGINNING, END, label
from graph_service.api.representation import respond
from ingest.rdf.namespaces import SCHEMA

router = APIRouter(prefix="/api/events", tags=["events"])
SELECTION = "?item a ess:Event ."
IN_YEAR = ("{ ?item schema:startDate ?_ed } UNION "
           "{ ?item ess:period/time:hasBeginning/(time:inXSDDate|time:inXSDgYear) ?_ed } "
           "FILTER(SUBSTR(STR(?_ed), 1, 4) = ?year)")


class EventPublic(BaseModel):
    """An event: dates, place, organisers, the other organisations it names (``involves``)
    and the passages that state it."""

    id: str
    label: str | None = None
    types: list[str] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    territories: list[Ref] = Field(default_factory=list)
    organizers: list[Ref] = Field(default_factory=list)
    involves: list[Ref] = Field(default_factory=list)
    sources: list[SourcePublic] = Field(default_factory=list)
    documents: list[Ref] = Field(default_factory=list)


@router.get("", response_model=ListPublic[Summary], summary="List events")
async def read_events(
    request: Request,
    client: Annotated[GraphClient, Depends(get_client)],
    page: Annotated[Page, Depends(get_page)],
    territory: Annotated[str | None, Query(description="Held in this territory or within "
                                           "it.")] = None,
    year: Annotated[int | None, Query(ge=1800, le=2100, description="Held that year.")] = None,
    organizer: Annotated[str | None, Query(description="Organised by this actor (slug or "
                                           "IRI).")] = None,
    document: Annotated[str | None, Query(description="Mentioned in this document.")] = None,
) -> JSONResponse:
    """Events matching every given filter, by label."""
    iris = client.iris
    chosen = f.common_filters(iris, territory, None, document)
    if year is not None:
        chosen.append(Filter("year", IN_YEAR, terms.literal(str(year))))
    if organizer is not None:
        chosen.append(Filter("organizer", "?item schema:organizer ?organizer .",
                             f.organisation(iris, organizer, "organizer")))
    return await page_response(request, client, SELECTION, chosen, page)


@router.get("/{slug}", response_model=EventPublic, summary="One event")
async def read_event(
    request: Request, slug: str, client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """An event with its dates, place, organisers, involved organisations and sources."""
    iris = client.iris
    iri, found = await find(client, "event", slug, {iris.term("Event")}, "event")
    event = EventPublic(
        id=iri, label=label(found),
        types=[v.value for v in found.values("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")],
        start=found.first(SCHEMA("startDate").value) or found.first(BEGINNING),
        end=found.first(SCHEMA("endDate").value) or found.first(END),
        territories=found.refs(iris.term("locatedIn")) + found.refs(SCHEMA("location").value),
        organizers=found.refs(SCHEMA("organizer").value),
        involves=found.refs(iris.term("involves")), sources=found.sources.get(iri, []),
        documents=found.documents)
    return respond(request, event)
