"""Content negotiation for SPARQL results: Accept parsing and the choice of a format.

``Accept`` ranges are read with their q-values (``q=0`` excludes), ``type/*`` and ``*/*``
wildcards and parameters. Among the formats offered for a result kind, the one with the
highest q wins; at equal q a more specific range wins, then the order of :data:`OFFERED`
(its first entry is the default). Malformed ranges are ignored, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ess_core.errors import NotAcceptable
from graph_service.backends.base import ResultKind

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
TURTLE = "text/turtle"

_TABLE_FORMATS = (SPARQL_JSON, "application/json", SPARQL_XML, "application/xml", "text/xml")
OFFERED: dict[ResultKind, tuple[str, ...]] = {
    "solutions": (*_TABLE_FORMATS, "text/csv", "text/tab-separated-values"),
    "boolean": _TABLE_FORMATS,
    "graph": (
        TURTLE,
        "application/n-triples",
        "application/n-quads",
        "application/trig",
        "application/ld+json",
        "application/rdf+xml",
    ),
}

#: Short names accepted by the ``format=`` parameter, an override of ``Accept``.
FORMAT_NAMES: dict[str, str] = {
    "json": f"{SPARQL_JSON}, application/ld+json;q=0.9",
    "xml": f"{SPARQL_XML}, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": TURTLE,
    "ttl": TURTLE,
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "nquads": "application/n-quads",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"  # noqa: S105 - an HTTP token, not a password
_RANGE = re.compile(rf"\s*({_TOKEN})/({_TOKEN})\s*$")
_QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")
_SPLIT = re.compile(r',(?=(?:[^"]*"[^"]*")*[^"]*$)')


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    params: int

    def specificity(self, media_type: str) -> int:
        """How precisely this range names ``media_type``; -1 when it does not match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0 + self.params
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 10 + self.params
        return 20 + self.params if self.subtype == sub else -1


@lru_cache(maxsize=256)
def parse_accept(header: str) -> tuple[MediaRange, ...]:
    """The valid media ranges of an Accept header, malformed ones dropped."""
    ranges = []
    for part in _SPLIT.split(header):
        name, *params = part.split(";")
        match = _RANGE.match(name)
        if match is None:
            continue
        main, sub = match.group(1).lower(), match.group(2).lower()
        if main == "*" and sub != "*":
            continue
        q, extra, valid = 1.0, 0, True
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() != "q":
                extra += 1
                continue
            value = value.strip()
            valid = bool(_QVALUE.match(value))
            q = float(value) if valid else q
            break  # what follows q are accept-extensions
        if valid:
            ranges.append(MediaRange(main, sub, q, extra))
    return tuple(ranges)


def negotiate(header: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered media type the header prefers, the first offered without a header."""
    ranges = parse_accept(header) if header else ()
    if not ranges:
        return offered[0] if offered else None
    best, best_key = None, (0.0, -1)
    for media_type in offered:
        scored = [(r.specificity(media_type), r.q) for r in ranges]
        specificity, q = max(scored)
        key = (q, specificity)
        if specificity >= 0 and q > 0 and key > best_key:
            best, best_key = media_type, key
    return best


@lru_cache(maxsize=512)
def choose(kind: ResultKind, accept: str | None) -> str:
    """The media type for a result of ``kind``; NotAcceptable lists what is offered."""
    offered = OFFERED[kind]
    chosen = negotiate(accept, offered)
    if chosen is None:
        raise NotAcceptable(
            f"No offered format for {kind} results matches the Accept header {accept!r}.",
            errors=list(offered),
        )
    return chosen
