"""``/static/…``: the pages' own scripts and styles, and the vendored browser libraries.

Every script and style of the pages is a file served from here (no inline script, no CDN).
``static/vendor/`` is filled by ``make assets`` (``npm ci`` over package-lock.json, then the
dist files copied); it is git-ignored, so a missing file there says how to get it.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from ess_core.errors import NotFound

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"
MEDIA_TYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}
router = APIRouter(include_in_schema=False)


def static_file(path: str) -> Path:
    """The file ``static/<path>``; :class:`NotFound` outside the folder or for other types."""
    target = (STATIC / path).resolve()
    if (
        not target.is_relative_to(STATIC.resolve())
        or target.suffix not in MEDIA_TYPES
        or not target.is_file()
    ):
        hint = (
            " (run `make assets` to install the browser libraries)"
            if path.startswith("vendor/")
            else ""
        )
        raise NotFound(f"no static file {path!r}{hint}", [path])
    return target


@router.get("/static/{path:path}")
async def read_static(path: str) -> FileResponse:
    """A stylesheet, script or image of the pages (cached for an hour)."""
    target = static_file(path)
    return FileResponse(
        target,
        media_type=MEDIA_TYPES[target.suffix],
        headers={"Cache-Control": "public, max-age=3600"},
    )
