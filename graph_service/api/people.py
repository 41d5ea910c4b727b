"""``/api/people``: persons (``foaf:Person``) — names, roles, organisations and dates only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from graph_service.api import filters as f
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN, Filter, page_response
from graph_service.api.lookup import find
from graph_service.api.models import ListPublic, Ref, SourcePublic, Summary
from graph_service.api.pagination import Page, get_page
from graph_service.api.relations import RolePublic, roles
from graph_service.api.representation import respond
from ingest.rdf.namespaces import FOAF

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


@router.get("", response_model=ListPublic[Summary], summary="List people")
async def read_people(
    request: Request,
    client: Annotated[GraphClient, Depends(get_client)],
    page: Annotated[Page, Depends(get_page)],
    organisation: Annotated[str | None, Query(description="Has a role in this organisation "
                                              "(slug or IRI).")] = None,
    role: Annotated[str | None, Query(description="Holds this role (slug or IRI).")] = None,
    territory: Annotated[str | None, Query(description="Has a role in an organisation located "
                                           "in this territory (IRI or <kind>/<code>).")] = None,
    year: Annotated[int | None, Query(ge=1800, le=2100, description="Mentioned in a document "
                                      "issued that year.")] = None,
    document: Annotated[str | None, Query(description="Mentioned in this document.")] = None,
) -> JSONResponse:
    """People matching every given filter, by name."""
    iris = client.iris
    chosen = f.common_filters(iris, None, year, document)
    if organisation is not None:
        chosen.append(Filter("organisation", IN_ORGANISATION,
                             f.organisation(iris, organisation, "organisation")))
    if role is not None:
        chosen.append(Filter("role", WITH_ROLE, f.concept(iris, "role", role, "role")))
    if territory is not None:
        chosen.append(Filter("territory", IN_TERRITORY, f.territory(iris, territory)))
    return await page_response(request, client, SELECTION, chosen, page)


@router.get("/{slug}", response_model=PersonPublic, summary="One person")
async def read_person(
    request: Request, slug: str, client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """A person's names and dated roles, each with its sources."""
    iri, found = await find(client, "person", slug, {FOAF("Person").value}, "person")
    person = PersonPublic(
        id=iri, name=found.first(FOAF("name").value),
        given_name=found.first(FOAF("givenName").value),
        family_name=found.first(FOAF("familyName").value), roles=roles(found),
        sources=found.sources.get(iri, []), documents=found.documents)
    return respond(request, person)
