"""``/api/documents``: the source documents of the registry (``ess:SourceDocument``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ess_core.namespaces import DCTERMS
from graph_service.api import filters as f
from graph_service.api import terms
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN, add_list_route
from graph_service.api.lookup import find
from graph_service.api.models import Ref
from graph_service.api.representation import respond

router = APIRouter(prefix="/api/documents", tags=["documents"])
SELECTION = "?item a ess:SourceDocument ."
ISSUED_IN = "?item dcterms:issued ?_di FILTER(SUBSTR(STR(?_di), 1, 4) = ?year)"
ABOUT = f"?item dcterms:spatial/{WITHIN}* ?territory ."
MENTIONS = """SELECT ?s (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?body) AS ?bodies)
WHERE { ?m oa:hasTarget/oa:hasSource ?s ; oa:hasBody ?body } GROUP BY ?s"""


class DocumentPublic(BaseModel):
    """A source document: title, date, publisher, genre, territory, what it yields."""

    id: str
    title: str | None = None
    identifier: str | None = None
    issued: str | None = None
    publisher: Ref | None = None
    genre: Ref | None = None
    territories: list[Ref] = Field(default_factory=list)
    mention_count: int = Field(0, description="Passages of it that the graph annotates.")
    fact_count: int = Field(0, description="Entities and facts those passages support.")


FILTERS = f.ListFilters(
    f.year_param("Issued that year.", ISSUED_IN),
    f.territory_param("About this territory or one within it.", ABOUT),
    f.concept_param("genre", "genre", "?item ess:genre ?genre .", "Genre: slug or IRI."),
)


add_list_route(
    router,
    "read_documents",
    "List source documents",
    "Source documents matching every given filter, by title.",
    SELECTION,
    FILTERS,
)


@router.get("/{slug}", response_model=DocumentPublic, summary="One source document")
async def read_document(
    request: Request,
    slug: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> JSONResponse:
    """A source document with the number of passages and facts the graph draws from it."""
    iris = client.iris
    iri, found = await find(client, "document", slug, {iris.term("SourceDocument")}, "document")
    counts = await client.select(MENTIONS, {"s": terms.iri(iri)})
    publishers, genres = found.refs(DCTERMS("publisher").value), found.refs(iris.term("genre"))
    document = DocumentPublic(
        id=iri,
        title=found.first(DCTERMS("title").value),
        identifier=found.first(DCTERMS("identifier").value),
        issued=found.first(DCTERMS("issued").value),
        publisher=publishers[0] if publishers else None,
        genre=genres[0] if genres else None,
        territories=found.refs(DCTERMS("spatial").value),
        mention_count=counts[0]["mentions"] if counts else 0,
        fact_count=counts[0]["bodies"] if counts else 0,
    )
    return respond(request, document)
