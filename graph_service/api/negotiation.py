"""Choosing a representation from the Accept header (406 when none is acceptable).

The q-value parsing is :func:`graph_service.conneg.negotiate`'s, shared with ``/sparql``.
"""

from __future__ import annotations

from ess_core.errors import NotAcceptable
from graph_service.conneg import negotiate


def choose(accept: str | None, offers: tuple[str, ...]) -> str:
    """The offer the client prefers (the first offer without Accept); NotAcceptable if none."""
    chosen = negotiate(accept, offers)
    if chosen is None:
        raise NotAcceptable(
            f"none of {', '.join(offers)} is acceptable (Accept: {accept})", list(offers))
    return chosen
