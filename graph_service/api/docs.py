"""Browsable API docs that work offline: Swagger UI at ``/docs``, ReDoc at ``/redoc``.

FastAPI's own pages load their scripts from a CDN; these serve the assets shipped in the
``fastapi-offline`` package (MIT) from ``/docs/assets/``. The app is created with
``docs_url=None, redoc_url=None`` so that these routes replace FastAPI's.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from ess_core.errors import NotFound

ASSETS = Path(fastapi_offline.__file__).parent / "static"
_FILES = {"swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"}
router = APIRouter(include_in_schema=False)


def _asset(request: Request, name: str) -> str:
    return f"{request.scope.get('root_path', '')}/docs/assets/{name}"


@router.get("/docs")
async def read_swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, with local assets."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} — API",
        swagger_js_url=_asset(request, "swagger-ui-bundle.js"),
        swagger_css_url=_asset(request, "swagger-ui.css"),
        swagger_favicon_url=_asset(request, "favicon.png"),
    )


@router.get("/redoc")
async def read_redoc(request: Request) -> HTMLResponse:
    """ReDoc over ``/openapi.json``, with local assets and no web fonts."""
    return get_redoc_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} — API",
        redoc_js_url=_asset(request, "redoc.standalone.js"),
        redoc_favicon_url=_asset(request, "favicon.png"),
        with_google_fonts=False,
    )


@router.get("/docs/assets/{name}")
async def read_docs_asset(name: str) -> FileResponse:
    """One of the shipped Swagger UI / ReDoc files."""
    if name not in _FILES:
        raise NotFound(f"no docs asset {name!r}", [name])
    return FileResponse(ASSETS / name)
