"""``/api/actors``: organisations of the ESS (``org:Organization``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ess_core.namespaces import ORG, ROV, SKOS
from graph_service.api import filters as f
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import add_list_route
from graph_service.api.lookup import find
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.relations import (
    EventLink,
    PartnershipLink,
    RolePublic,
    events,
    label,
    partnerships,
    roles,
)
from graph_service.api.representation import respond
from graph_service.api.terms import iri as iri_term

router = APIRouter(prefix="/api/actors", tags=["actors"])
_ALT = SKOS("altLabel").value
SELECTION = "?item a org:Organization ."


class IdentifierPublic(BaseModel):
    """An official identifier of the actor or of one of its sites (ADMS, or a plain literal)."""

    scheme: str = Field(description="siren, siret, rna or wikidata.")
    value: str
    agency: str | None = Field(None, description="Who issues it (adms:schemaAgency).")
    id: str | None = Field(None, description="IRI of the identifier node, if any.")


# Plain patterns, each branch opening with the bound ``?s``: an alternative path
# (``adms:identifier|rov:registration|org:hasSite/adms:identifier``) made Oxigraph walk it
# from every subject of the store (11 s at 1 M triples; docs/BENCHMARKS.md, "National scale").
_IDENTIFIER_NODE = """?id skos:notation ?value OPTIONAL { ?id adms:schemaAgency ?agency }
    BIND(REPLACE(STR(?id), "^.*/([a-z]+)-[^/]*$", "$1") AS ?scheme)"""
IDENTIFIERS = f"""SELECT DISTINCT ?s ?scheme ?value ?agency ?id WHERE {{
  {{ ?s ess:siren ?value BIND("siren" AS ?scheme) }}
  UNION {{ ?s ess:rna ?value BIND("rna" AS ?scheme) }}
  UNION {{ ?s ess:wikidata ?value BIND("wikidata" AS ?scheme) }}
  UNION {{ ?s adms:identifier ?id . {_IDENTIFIER_NODE} }}
  UNION {{ ?s rov:registration ?id . {_IDENTIFIER_NODE} }}
  UNION {{ ?s org:hasSite ?_site . ?_site adms:identifier ?id . {_IDENTIFIER_NODE} }}
}} ORDER BY ?scheme ?value"""


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def identifiers_of(rows: list[dict[str, object]]) -> list[IdentifierPublic]:
    """One entry per (scheme, value): the ADMS node's agency and IRI win over a bare literal."""
    found: dict[tuple[str, str], IdentifierPublic] = {}
    for row in rows:
        item = IdentifierPublic(
            scheme=str(row["scheme"]),
            value=str(row["value"]),
            agency=_text(row.get("agency")),
            id=_text(row.get("id")),
        )
        key = (item.scheme, item.value)
        if key not in found or item.id:
            found[key] = item
    return list(found.values())


class ActorPublic(BaseModel):
    """An organisation with its facts, relations and their sources."""

    id: str
    label: str | None = None
    alt_labels: list[str] = Field(default_factory=list)
    kinds: list[Ref] = Field(default_factory=list)
    legal_forms: list[Ref] = Field(default_factory=list)
    sectors: list[Ref] = Field(default_factory=list)
    territories: list[Ref] = Field(default_factory=list)
    identifiers: list[IdentifierPublic] = Field(
        default_factory=list, description="SIREN, SIRET (of its sites), RNA, Wikidata."
    )
    roles: list[RolePublic] = Field(default_factory=list)
    partnerships: list[PartnershipLink] = Field(default_factory=list)
    events: list[EventLink] = Field(default_factory=list)
    sources: list[SourcePublic] = Field(
        default_factory=list, description="Passages that mention the actor."
    )
    documents: list[Ref] = Field(
        default_factory=list, description="Documents whose graph states facts about it."
    )


FILTERS = f.ListFilters(
    f.territory_param("IRI or <kind>/<code>; actors located in it or in any place within it."),
    f.year_param("Mentioned in a document issued that year."),
    f.document_param("Mentioned in this document (id or IRI)."),
    f.concept_param(
        "kind",
        "organisation-kind",
        "?item org:classification ?kind .",
        "Kind: concept slug or IRI (association, scic...).",
    ),
    f.concept_param(
        "legal_form", "legal-form", "?item rov:orgType ?legal_form .", "Legal form: slug or IRI."
    ),
    f.concept_param("sector", "sector", "?item ess:sector ?sector .", "Sector: slug or IRI."),
)


add_list_route(
    router,
    "read_actors",
    "List actors",
    "Organisations matching every given filter, by label.",
    SELECTION,
    FILTERS,
)


@router.get("/{slug}", response_model=ActorPublic, summary="One actor")
async def read_actor(
    request: Request,
    slug: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """An organisation: labels, kinds, places, roles, partnerships, events and sources."""
    iri, found = await find(client, "organisation", slug, {ORG("Organization").value}, "actor")
    iris = client.iris
    actor = ActorPublic(
        id=iri,
        label=label(found),
        alt_labels=[v.value for v in found.values(_ALT)],
        kinds=found.refs(ORG("classification").value),
        legal_forms=found.refs(ROV("orgType").value),
        sectors=found.refs(iris.term("sector")),
        territories=found.refs(iris.term("locatedIn")),
        identifiers=identifiers_of(await client.select(IDENTIFIERS, {"s": iri_term(iri)})),
        roles=roles(found),
        partnerships=partnerships(found, iris),
        events=events(found, iris),
        sources=found.sources.get(iri, []),
        documents=found.documents,
    )
    return respond(request, actor)
