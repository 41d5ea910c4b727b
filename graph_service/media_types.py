"""The one table of media types the service offers, named as pyoxigraph formats.

The formats are pyoxigraph's own (:meth:`RdfFormat.from_media_type`,
:meth:`QueryResultsFormat.from_media_type`): this module only says which media types are
offered for each kind of result, in which order (the first is the default), and the short
names of the ``format=`` parameter. A worker process gets the *name* of a format (``JSON``,
``TURTLE``: a member of ``QueryResultsFormat`` or ``RdfFormat``) because a name crosses a pipe.

>>> format_name("graph", "text/turtle")
'TURTLE'
>>> format_name("solutions", "application/json")
'JSON'
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pyoxigraph import QueryResultsFormat, RdfFormat

ResultKind = Literal["solutions", "boolean", "graph"]
KINDS: tuple[ResultKind, ...] = ("solutions", "boolean", "graph")

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON = "application/json"
JSON_LD = "application/ld+json"
HTML = "text/html"

_TABLE_FORMATS = (SPARQL_JSON, JSON, SPARQL_XML, "application/xml", "text/xml")
OFFERED: dict[ResultKind, tuple[str, ...]] = {
    "solutions": (*_TABLE_FORMATS, "text/csv", "text/tab-separated-values"),
    "boolean": _TABLE_FORMATS,
    "graph": (
        TURTLE,
        N_TRIPLES,
        "application/n-quads",
        "application/trig",
        JSON_LD,
        "application/rdf+xml",
    ),
}

#: Short names accepted by the ``format=`` parameter, an override of ``Accept``.
FORMAT_NAMES: dict[str, str] = {
    "json": f"{SPARQL_JSON}, {JSON_LD};q=0.9",
    "xml": f"{SPARQL_XML}, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": TURTLE,
    "ttl": TURTLE,
    "ntriples": N_TRIPLES,
    "nt": N_TRIPLES,
    "nquads": "application/n-quads",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": JSON_LD,
    "rdfxml": "application/rdf+xml",
}

_MEMBERS: dict[type, dict[object, str]] = {
    cls: {getattr(cls, name): name for name in dir(cls) if name.isupper()}
    for cls in (RdfFormat, QueryResultsFormat)
}


def rdf_format(kind: ResultKind, media_type: str) -> RdfFormat | QueryResultsFormat:
    """pyoxigraph's format for ``media_type`` as a result of ``kind`` (offered types only)."""
    if media_type not in OFFERED[kind]:
        raise KeyError(f"{media_type} is not offered for {kind} results")
    found = (
        RdfFormat.from_media_type(media_type)
        if kind == "graph"
        else QueryResultsFormat.from_media_type(media_type)
    )
    if found is None:  # pragma: no cover - every offered type is one pyoxigraph knows
        raise KeyError(media_type)
    return found


@cache
def format_name(kind: ResultKind, media_type: str) -> str:
    """The member name of :func:`rdf_format`'s answer (``TURTLE``, ``JSON``...)."""
    found = rdf_format(kind, media_type)
    return _MEMBERS[type(found)][found]
