"""``/api/territories``: communes, EPCI, departments, regions and other areas."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ess_core.iris import Iris
from ess_core.namespaces import DCTERMS, IGEO, SKOS
from graph_service.api import filters as f
from graph_service.api import terms
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN as PATH
from graph_service.api.listing import Filter, list_items
from graph_service.api.lookup import find
from graph_service.api.models import ListPublic, Ref, SourcePublic, Summary
from graph_service.api.pagination import Page, add_page_headers, get_page
from graph_service.api.relations import label
from graph_service.api.representation import respond

router = APIRouter(prefix="/api/territories", tags=["territories"])
TerritoryKind = Literal["commune", "epci", "departement", "region", "area"]
CLASSES: dict[str, str] = {
    "commune": IGEO("Commune").value,
    "epci": IGEO("Intercommunalite").value,
    "departement": IGEO("Departement").value,
    "region": IGEO("Region").value,
}
SELECTION = (
    "VALUES ?_tc { igeo:Commune igeo:Intercommunalite igeo:Departement igeo:Region "
    "ess:Area } ?item a ?_tc ."
)
WITHIN = IGEO("subdivisionDirecteDe").value
BY_CODE = "OPTIONAL { ?item igeo:codeINSEE ?_code } BIND(COALESCE(?_code, STR(?item)) AS ?_key)"


class TerritoryPublic(BaseModel):
    """A territory: names, code, what it is within, what it contains, who is located in it."""

    id: str
    label: str | None = None
    alt_labels: list[str] = Field(default_factory=list)
    kind: str
    code: str | None = None
    within: list[Ref] = Field(default_factory=list)
    subdivisions: list[Ref] = Field(default_factory=list)
    located_here: list[Ref] = Field(
        default_factory=list, description="Actors, plans and events located in it."
    )
    sources: list[SourcePublic] = Field(default_factory=list)
    documents: list[Ref] = Field(default_factory=list)


def _class_iri(iris: Iris, kind: str) -> str:
    return CLASSES.get(kind) or iris.term("Area")


FILTERS = f.ListFilters(
    f.document_param(),
    f.FilterParam(
        "kind",
        "Kind of territory.",
        "?item a ?kind .",
        lambda iris, kind, _parameter: terms.iri(_class_iri(iris, kind)),
        TerritoryKind,
    ),
    f.territory_param(
        "Within this territory, at any depth (IRI or <kind>/<code>).",
        f"?item {PATH}+ ?within .",
        "within",
    ),
)


@router.get("", response_model=ListPublic[Summary], summary="List territories")
async def read_territories(
    request: Request,
    client: Annotated[GraphClient, Depends(get_client)],
    page: Annotated[Page, Depends(get_page)],
    chosen: Annotated[list[Filter], Depends(FILTERS)],
) -> JSONResponse:
    """Territories matching every given filter, by official code."""
    total, items = await list_items(client, SELECTION, chosen, page, sort_key=BY_CODE)
    body = ListPublic[Summary](total=total, limit=page.limit, offset=page.offset, items=items)
    response = respond(request, body)
    add_page_headers(request, response, page, total)
    return response


@router.get("/{kind}/{code}", response_model=TerritoryPublic, summary="One territory")
async def read_territory(
    request: Request,
    kind: TerritoryKind,
    code: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """A territory with its containing and contained territories and what is located in it."""
    iri, found = await find(client, kind, code, {_class_iri(client.iris, kind)}, "territory")
    located = client.iris.term("locatedIn")
    territory = TerritoryPublic(
        id=iri,
        label=label(found),
        alt_labels=[v.value for v in found.values(SKOS("altLabel").value)],
        kind=kind,
        code=found.first(IGEO("codeINSEE").value),
        within=found.refs(WITHIN),
        subdivisions=sorted(
            {r for p, r in found.linked if p == WITHIN} | set(found.refs(DCTERMS("hasPart").value)),
            key=_by_label,
        ),
        located_here=sorted({r for p, r in found.linked if p == located}, key=_by_label),
        sources=found.sources.get(iri, []),
        documents=found.documents,
    )
    return respond(request, territory)


def _by_label(ref: Ref) -> tuple[str, str]:
    return ((ref.label or "").lower(), ref.id)
