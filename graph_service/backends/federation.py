"""Federation: SPARQL SERVICE clauses may call only the endpoints of the allowlist.

pyoxigraph evaluates SERVICE by itself over HTTP, to any endpoint; an open endpoint would
make the service an open proxy. Every query is therefore checked *before* evaluation: each
SERVICE clause must name an IRI of ``settings.service_allowlist`` (exact match, after
codepoint escapes, prefixes and BASE are applied). A variable endpoint (``SERVICE ?e``) is
refused, since its value is only known during evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable

from ess_core.errors import ServiceNotAllowed
from graph_service.backends.scan import ServiceCall, scan


def check_services(query: str, allowlist: Iterable[str]) -> list[str]:
    """Return the SERVICE endpoints of ``query``; raise ServiceNotAllowed for any other."""
    lowered = query.lower()
    if "service" not in lowered and "\\u" not in lowered:
        return []
    return check_calls(scan(query).services, allowlist)


def check_calls(calls: Iterable[ServiceCall], allowlist: Iterable[str]) -> list[str]:
    """The endpoints of ``calls`` (from :func:`~graph_service.backends.scan.scan`), each
    checked against the allowlist."""
    allowed = frozenset(allowlist)
    endpoints: list[str] = []
    for call in calls:
        if call.endpoint is None:
            raise ServiceNotAllowed(
                f"SERVICE {call.text}: a SERVICE endpoint must be an IRI on the allowlist, "
                "not a variable"
            )
        if call.endpoint not in allowed:
            where = ", ".join(sorted(allowed)) if allowed else "none: federation is disabled"
            raise ServiceNotAllowed(
                f"SERVICE <{call.endpoint}> is not allowed; allowed endpoints: {where} "
                "(setting ESS_SERVICE_ALLOWLIST)"
            )
        endpoints.append(call.endpoint)
    return endpoints
