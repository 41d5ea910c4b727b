"""``/api/people``: persons (``foaf:Person``) — names, roles, organisations and dates only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ess_core.namespaces import FOAF
from graph_service.api import filters as f
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN, add_list_route
from graph_service.api.lookup import find
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.relations import RolePublic, roles
from graph_service.api.representation import respond

router = APIRouter(prefix="/api/people", tags=["people"])
SELECTION = "?item a foaf:Person ."
IN_ORGANISATION = "?_om org:member ?item ; org:organization ?organisation ."
WITH_ROLE = "?_rm org:member ?item ; org:role ?role ."
IN_TERRITORY = f"?_tm org:member ?item ; org:organization/ess:locatedIn/{WITHIN}* ?territory ."


class PersonPublic(BaseModel):
    """A person: names, dated roles in organisations, and the passages behind them."""

    id: str
    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    roles: list[RolePublic] = Field(default_factory=list)
    sources: list[SourcePublic] = Field(default_factory=list)
    documents: list[Ref] = Field(default_factory=list)


FILTERS = f.ListFilters(
    f.year_param("Mentioned in a document issued that year."),
    f.document_param(),
    f.organisation_param(
        "organisation", IN_ORGANISATION, "Has a role in this organisation (slug or IRI)."
    ),
    f.concept_param("role", "role", WITH_ROLE, "Holds this role (slug or IRI)."),
    f.territory_param(
        "Has a role in an organisation located in this territory (IRI or <kind>/<code>).",
        IN_TERRITORY,
    ),
)


add_list_route(
    router,
    "read_people",
    "List people",
    "People matching every given filter, by name.",
    SELECTION,
    FILTERS,
)


@router.get("/{slug}", response_model=PersonPublic, summary="One person")
async def read_person(
    request: Request,
    slug: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """A person's names and dated roles, each with its sources."""
    iri, found = await find(client, "person", slug, {FOAF("Person").value}, "person")
    person = PersonPublic(
        id=iri,
        name=found.first(FOAF("name").value),
        given_name=found.first(FOAF("givenName").value),
        family_name=found.first(FOAF("familyName").value),
        roles=roles(found),
        sources=found.sources.get(iri, []),
        documents=found.documents,
    )
    return respond(request, person)
