"""The pages' Jinja2 environment and :func:`render` (one place for the templates folder)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
)


def render(
    request: Request,
    template: str,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """``template`` rendered with ``root`` (the app's root path) and ``context``."""
    root = request.scope.get("root_path", "")
    html = templates.get_template(template).render(root=root, **context)
    return HTMLResponse(html, status_code=status, headers=headers)
