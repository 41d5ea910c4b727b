"""``/api/partnerships``: links between agents (``ess:Partnership``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from graph_service.api import filters as f
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN, add_list_route
from graph_service.api.lookup import find
from graph_service.api.models import Ref
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


FILTERS = f.ListFilters(
    f.year_param("Mentioned in a document issued that year."),
    f.document_param(),
    f.organisation_param(
        "partner", "?item ess:partner ?partner .", "An actor taking part (slug or IRI)."
    ),
    f.concept_param(
        "kind",
        "relation-kind",
        "?item ess:relationKind ?kind .",
        "Relation kind: slug or IRI (partner, funder, member...).",
    ),
    f.territory_param("A partner is located in this territory or within it.", PARTNER_IN),
)


add_list_route(
    router,
    "read_partnerships",
    "List partnerships",
    "Partnerships matching every given filter.",
    SELECTION,
    FILTERS,
)


@router.get("/{slug}", response_model=PartnershipPublic, summary="One partnership")
async def read_partnership(
    request: Request,
    slug: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """A partnership: kind, partners, dates and the passages that state it."""
    iris = client.iris
    iri, found = await find(client, "partnership", slug, {iris.term("Partnership")}, "partnership")
    kinds = found.refs(iris.term("relationKind"))
    partnership = PartnershipPublic(
        id=iri,
        label=label(found),
        relation_kind=kinds[0] if kinds else None,
        partners=found.refs(iris.term("partner")),
        initiators=found.refs(iris.term("initiator")),
        start=found.first(BEGINNING),
        end=found.first(END),
        sources=found.sources.get(iri, []),
        documents=found.documents,
    )
    return respond(request, partnership)
