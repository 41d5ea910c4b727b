"""``/api/context.jsonld``: the published JSON-LD context of the API's JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from graph_service.api.representation import JSON_LD, context_document

router = APIRouter(prefix="/api", tags=["json-ld"])


@router.get(
    "/context.jsonld",
    summary="JSON-LD context of the API",
    response_model=dict[str, Any],
    responses={200: {"content": {"application/ld+json": {"schema": {"type": "object"}}}}},
)
async def read_context(request: Request) -> JSONResponse:
    """Maps every key of the API's JSON to the graph's vocabulary."""
    document = context_document(request.app.state.settings.base_iri)
    return JSONResponse(
        document, media_type=JSON_LD, headers={"Cache-Control": "public, max-age=3600"}
    )
