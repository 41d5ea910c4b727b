"""JSON by default, JSON-LD with the published ``@context`` when the client asks for it.

The same body serves both: every key of the API's JSON is a term of the context at
``/api/context.jsonld``, so JSON-LD is the JSON plus an ``@context``. Plain JSON responses
carry the context in a ``Link`` header (JSON-LD 1.1, section 6.1).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ess_core.namespaces import HYDRA, PREFIXES
from graph_service.conneg import negotiate
from graph_service.media_types import JSON, JSON_LD

CONTEXT_PATH = "api/context.jsonld"
CONTEXT_REL = "http://www.w3.org/ns/json-ld#context"
_CONTEXT_PREFIXES = (
    "skos",
    "org",
    "rov",
    "foaf",
    "dcterms",
    "oa",
    "time",
    "igeo",
    "schema",
    "prov",
    "xsd",
)


def context_url(request: Request) -> str:
    """Absolute URL of the published context, on the service's public URL."""
    settings = request.app.state.settings
    return f"{settings.public_url}{CONTEXT_PATH}"


def respond(
    request: Request, model: BaseModel | dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    """``model`` as JSON or JSON-LD according to Accept (406 if neither is acceptable)."""
    media_type = negotiate(request.headers.get("accept"), (JSON, JSON_LD))
    body = model.model_dump(mode="json") if isinstance(model, BaseModel) else model
    context = context_url(request)
    all_headers = {**(headers or {}), "Vary": "Accept"}
    if media_type == JSON_LD:
        body = {"@context": context, **body}
    else:
        link = f'<{context}>; rel="{CONTEXT_REL}"; type="{JSON_LD}"'
        all_headers["Link"] = ", ".join(filter(None, [all_headers.get("Link"), link]))
    return JSONResponse(body, media_type=media_type, headers=all_headers)


def _iri(term: str) -> dict[str, str]:
    return {"@id": term, "@type": "@id"}


def _set(term: str, *, iri: bool = False) -> dict[str, str]:
    found = {"@id": term, "@container": "@set"}
    return {**found, "@type": "@id"} if iri else found


def context_document(base_iri: str) -> dict[str, Any]:
    """The ``@context`` of the API's JSON (terms of ARCHITECTURE.md's vocabulary).

    Keys without a term (``kind``, ``match``...) are plain JSON conveniences: JSON-LD
    processors drop them. A source's ``start``/``end`` are ``oa:`` offsets, not dates.
    """
    return {
        "@context": {
            "@version": 1.1,
            "ess": f"{base_iri}ontology#",
            **{prefix: PREFIXES[prefix] for prefix in _CONTEXT_PREFIXES},
            "hydra": HYDRA.iri,
            "id": "@id",
            "types": {"@id": "@type", "@container": "@set"},
            "label": "skos:prefLabel",
            "alt_labels": _set("skos:altLabel"),
            "name": "foaf:name",
            "given_name": "foaf:givenName",
            "family_name": "foaf:familyName",
            "title": "dcterms:title",
            "issued": "dcterms:issued",
            "code": "igeo:codeINSEE",
            "kinds": _set("org:classification", iri=True),
            "legal_forms": _set("rov:orgType", iri=True),
            "sectors": _set("ess:sector", iri=True),
            "territories": _set("ess:locatedIn", iri=True),
            "within": _set("igeo:subdivisionDirecteDe", iri=True),
            "identifiers": _set("dcterms:identifier"),
            "publisher": _iri("dcterms:publisher"),
            "roles": {"@reverse": "org:organization"},
            "memberships": {"@reverse": "org:member"},
            "person": _iri("org:member"),
            "organisation": _iri("org:organization"),
            "role": _iri("org:role"),
            "start": "time:hasBeginning",
            "end": "time:hasEnd",
            "partnerships": {"@reverse": "ess:partner"},
            "partners": _set("ess:partner", iri=True),
            "relation_kind": _iri("ess:relationKind"),
            "events": _set("schema:subjectOf", iri=True),
            "organizers": _set("schema:organizer", iri=True),
            "involves": _set("ess:involves", iri=True),
            "sources": {
                "@reverse": "oa:hasBody",
                "@context": {
                    "start": {"@id": "oa:start", "@type": "xsd:integer"},
                    "end": {"@id": "oa:end", "@type": "xsd:integer"},
                },
            },
            "mention": "@id",
            "document": _iri("oa:hasSource"),
            "exact": "oa:exact",
            "method": "ess:extractionMethod",
            "confidence": {"@id": "ess:confidence", "@type": "xsd:decimal"},
            "documents": _set("prov:wasDerivedFrom", iri=True),
            "items": "hydra:member",
            "total": "hydra:totalItems",
        }
    }
