"""``/api/events``: ESS events (``ess:Event``): fairs, forums, conferences, workshops."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ess_core.namespaces import SCHEMA
from graph_service.api import filters as f
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import add_list_route
from graph_service.api.lookup import find
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.relations import BEGINNING, END, label
from graph_service.api.representation import respond

router = APIRouter(prefix="/api/events", tags=["events"])
SELECTION = "?item a ess:Event ."
IN_YEAR = (
    "{ ?item schema:startDate ?_ed } UNION "
    "{ ?item ess:period/time:hasBeginning/(time:inXSDDate|time:inXSDgYear) ?_ed } "
    "FILTER(SUBSTR(STR(?_ed), 1, 4) = ?year)"
)


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


FILTERS = f.ListFilters(
    f.territory_param("Held in this territory or within it."),
    f.document_param(),
    f.year_param("Held that year.", IN_YEAR),
    f.organisation_param(
        "organizer", "?item schema:organizer ?organizer .", "Organised by this actor (slug or IRI)."
    ),
)


add_list_route(
    router,
    "read_events",
    "List events",
    "Events matching every given filter, by label.",
    SELECTION,
    FILTERS,
)


@router.get("/{slug}", response_model=EventPublic, summary="One event")
async def read_event(
    request: Request,
    slug: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """An event with its dates, place, organisers, involved organisations and sources."""
    iris = client.iris
    iri, found = await find(client, "event", slug, {iris.term("Event")}, "event")
    event = EventPublic(
        id=iri,
        label=label(found),
        types=[v.value for v in found.values("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")],
        start=found.first(SCHEMA("startDate").value) or found.first(BEGINNING),
        end=found.first(SCHEMA("endDate").value) or found.first(END),
        territories=found.refs(iris.term("locatedIn")) + found.refs(SCHEMA("location").value),
        organizers=found.refs(SCHEMA("organizer").value),
        involves=found.refs(iris.term("involves")),
        sources=found.sources.get(iri, []),
        documents=found.documents,
    )
    return respond(request, event)
