"""Finding one resource by its path: ``<base>id/<kind>/<slug>`` described, or 404."""

from __future__ import annotations

import re

from ess_core.errors import NotFound
from graph_service.api.client import GraphClient
from graph_service.api.resource_description import RDF_TYPE, Description, describe

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def resource_iri(client: GraphClient, kind: str, slug: str) -> str:
    """``<base>id/<kind>/<slug>``; an impossible slug is a 404, not a query."""
    if not _SLUG.match(slug):
        raise NotFound(f"no {kind} {slug!r}", [f"id/{kind}/{slug}"])
    return f"{client.iris.base}id/{kind}/{slug}"


async def find(
    client: GraphClient, kind: str, slug: str, types: set[str], what: str
) -> tuple[str, Description]:
    """The description of ``id/<kind>/<slug>`` if it has one of ``types``, else NotFound."""
    iri = resource_iri(client, kind, slug)
    found = await describe(client, iri)
    if not types & {v.value for v in found.values(RDF_TYPE)}:
        raise NotFound(f"no {what} {slug!r}", [iri])
    return iri, found
