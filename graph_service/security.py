"""Security headers added to every HTML response (pages, error pages, API docs).

The pages (``graph_service/templates``) load only the service's own stylesheet and no
script, so their Content-Security-Policy allows ``'self'`` alone. Two pages need more, and
get it on their route only: Swagger UI (``/docs``) starts from an inline script and sets
inline styles, so it may run inline scripts and styles; ReDoc (``/redoc``) injects
``<style>`` elements and runs a web worker from a ``blob:`` URL. Nothing is ever loaded
from another origin, and no page may be framed (``frame-ancestors 'none'``).
"""

from __future__ import annotations

from collections.abc import Iterable

_BASE = (
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'"
)
CSP = _BASE
CSP_BY_PATH = {
    "/docs": f"{_BASE}; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:",
    "/redoc": f"{_BASE}; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; "
    "img-src 'self' data:",
}
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


def html_headers(path: str, headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` of a response to ``path``, with the security headers when it is HTML."""
    out = list(headers)
    html = any(name == b"content-type" and value.startswith(b"text/html") for name, value in out)
    if not html:
        return out
    present = {name for name, _ in out}
    policy = CSP_BY_PATH.get(path, CSP).encode()
    extra = [(b"content-security-policy", policy), *HEADERS]
    return out + [(name, value) for name, value in extra if name not in present]
