"""Dereferenceable IRIs: ``/id/<kind>/<slug>`` answers 303 to a page or to data.

``GET /id/...`` negotiates on Accept: ``text/html`` goes to ``/page/...``; Turtle, JSON-LD
and N-Triples go to ``/data/....ttl|.jsonld|.nt``. Locations are on ``settings.public_url``
(docs/LINKED_DATA.md: how ``base_iri`` maps onto it). The data is the node's description:
its triples, useful incoming links, labels of linked nodes, and its provenance (mentions,
targets, selectors, documents).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from ess_core.errors import NotFound
from graph_service.api.client import GraphClient, get_client
from graph_service.api.resource_description import around
from graph_service.api.terms import iri as iri_term
from graph_service.api.terms import resource_path
from graph_service.conneg import negotiate

router = APIRouter(tags=["linked data"])

HTML = "text/html"
FORMATS: dict[str, str] = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
EXTENSIONS = {media: ext for ext, media in FORMATS.items()}
OFFERS = (
    HTML,
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/xhtml+xml",
)
_LABELS = "skos:prefLabel foaf:name igeo:nom dcterms:title rdfs:label"
_EXISTS = "SELECT ?s WHERE { { ?s ?p ?o } UNION { ?x ?q ?s } } LIMIT 1"
_LABEL = f"OPTIONAL {{ VALUES ?lp {{ {_LABELS} }} ?lo ?lp ?ol }}"
_MENTION = """?m ?mp ?mo ; oa:hasTarget ?t . ?t ?tp ?to ; oa:hasSource ?doc .
  OPTIONAL { ?t oa:hasSelector ?sel . ?sel ?sp ?so } OPTIONAL { ?doc dcterms:title ?dt }"""
DESCRIBE = f"""CONSTRUCT {{
  ?s ?p ?o . ?in ?ip ?s . ?lo ?lp ?ol . ?n ?np ?no .
  ?m ?mp ?mo . ?t ?tp ?to . ?sel ?sp ?so . ?doc dcterms:title ?dt .
}} WHERE {{
  {{ ?s ?p ?o BIND(?o AS ?lo) {_LABEL} }}
  UNION {{ ?in ?ip ?s FILTER(isIRI(?in) && ?ip != oa:hasBody) BIND(?in AS ?lo) {_LABEL} }}
  UNION {{ {around("n", f"?n ?np ?no BIND(?no AS ?lo) {_LABEL}")} }}
  UNION {{ ?m oa:hasBody ?s . {_MENTION} }}
  UNION {{ {around("body", f"?m oa:hasBody ?body . {_MENTION}")} }}
}} LIMIT 20000"""


async def _require(client: GraphClient, path: str) -> str:
    iri = f"{client.iris.base}id/{resource_path(path)}"
    if not await client.select(_EXISTS, {"s": iri_term(iri)}):
        raise NotFound(f"no resource id/{path}", [iri])
    return iri


@router.get(
    "/id/{path:path}",
    status_code=303,
    summary="Dereference a resource IRI",
    responses={303: {"description": "See Other: the page or the data"}},
)
async def read_resource(
    request: Request,
    path: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> RedirectResponse:
    """303 See Other to ``/page/<path>`` (HTML) or ``/data/<path>.<ext>`` (RDF) by Accept."""
    media_type = negotiate(request.headers.get("accept"), OFFERS)
    await _require(client, path)
    public = client.settings.public_url
    target = (
        f"{public}page/{path}"
        if media_type in (HTML, "application/xhtml+xml")
        else f"{public}data/{path}.{EXTENSIONS[media_type]}"
    )
    return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})


router.add_api_route(
    "/id/{path:path}", read_resource, methods=["HEAD"], status_code=303, include_in_schema=False
)


@router.get(
    "/data/{path:path}",
    summary="A resource's description as RDF",
    responses={200: {"content": {m: {} for m in FORMATS.values()}}},
)
async def read_resource_data(
    path: str,
    client: Annotated[GraphClient, Depends(get_client)],
) -> Response:
    """The description of ``id/<path>`` in the format its extension names."""
    stem, _, extension = path.rpartition(".")
    if extension not in FORMATS:
        raise NotFound(f"no data at data/{path}: use .ttl, .jsonld or .nt", [path])
    iri = await _require(client, stem)
    media_type, body = await client.raw(DESCRIBE, FORMATS[extension], {"s": iri_term(iri)})
    return Response(body, media_type=media_type)
