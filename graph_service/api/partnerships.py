"""``/api/partnerships``: links between agents (``ess:Partnership``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from graph_service.api import filters as f
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN, Filter, page_response
from graph_service.api.lookup import find
from graph_service.api.models import ListPublic, Ref, Summary
from graph_service.api.pagination import Page, get_page
from graph_service.api.relations import BEGINNING, END, PartnershipLink, label
from graph_service.api.representation import respond

router = APIRouter(prefix="/api/partnerships", tags=["partnerships"])
SELECTION = "?item a ess:Partnership ."
PARTNER_IN = f"?item ess:partner/ess:locatedIn/{WITHIN}* ?territory ."


class PartnershipPublic(PartnershipLink):
    """A partnership with its label, initiators and the documents that state it."""

    label: str | None = None
    initiators: list[Ref] = Field(default_factory=list)
    documents: list[Ref] = Field(default_factory=list)


@router.get("", response_model=ListPublic[Summary], summary="List partnerships")
async def read_partnerships(
    request: Request,
    client: Annotated[GraphClient, Depends(get_client)],
    page: Annotated[Page, Depends(get_page)],
    partner: Annotated[str | None, Query(description="An actor taking part (slug or "
                                         "IRI).")] = None,
    kind: Annotated[str | None, Query(description="Relation kind: slug or IRI "
                                      "(partner, funder, member...).")] = None,
    territory: Annotated[str | None, Query(description="A partner is located in this "
                                           "territory or within it.")] = None,
    year: Annotated[int | None, Query(ge=1800, le=2100, description="Mentioned in a document "
                                      "issued that year.")] = None,
    document: Annotated[str | None, Query(description="Mentioned in this document.")] = None,
) -> JSONResponse:
    """Partnerships matching every given filter."""
    iris = client.iris
    chosen = f.common_filters(iris, None, year, document)
    if partner is not None:
        chosen.append(Filter("partner", "?item ess:partner ?partner .",
                             f.organisation(iris, partner, "partner")))
    if kind is not None:
        chosen.append(Filter("kind", "?item ess:relationKind ?kind .",
                             f.concept(iris, "relation-kind", kind, "kind")))
    if territory is not None:
        chosen.append(Filter("territory", PARTNER_IN, f.territory(iris, territory)))
    return await page_response(request, client, SELECTION, chosen, page)


@router.get("/{slug}", response_model=PartnershipPublic, summary="One partnership")
async def read_partnership(
    request: Request, slug: str, client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """A partnership: kind, partners, dates and the passages that state it."""
    iris = client.iris
    iri, found = await find(client, "partnership", slug, {iris.term("Partnership")},
                            "partnership")
    kinds = found.refs(iris.term("relationKind"))
    partnership = PartnershipPublic(
        id=iri, label=label(found), relation_kind=kinds[0] if kinds else None,
        partners=found.refs(iris.term("partner")), initiators=found.refs(iris.term("initiator")),
        start=found.first(BEGINNING), end=found.first(END),
        sources=found.sources.get(iri, []), documents=found.documents)
    return respond(request, partnership)
