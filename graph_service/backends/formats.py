"""Media types chosen by :mod:`graph_service.conneg`, named as pyoxigraph formats.

A worker process gets the *name* of a format (``JSON``, ``TURTLE``: a member of
``QueryResultsFormat`` or ``RdfFormat``) because a name crosses a pipe.
"""

from __future__ import annotations

from graph_service import conneg
from graph_service.backends.base import ResultKind

FORMAT_NAME: dict[str, str] = {
    conneg.SPARQL_JSON: "JSON", "application/json": "JSON",
    conneg.SPARQL_XML: "XML", "application/xml": "XML", "text/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
    conneg.TURTLE: "TURTLE", "application/n-triples": "N_TRIPLES",
    "application/n-quads": "N_QUADS", "application/trig": "TRIG",
    "application/ld+json": "JSON_LD", "application/rdf+xml": "RDF_XML",
}
SPARQL_XML = conneg.SPARQL_XML
KINDS: tuple[ResultKind, ...] = ("solutions", "boolean", "graph")


def negotiate(kind: ResultKind, accept: str | None) -> tuple[str, str]:
    """The media type and pyoxigraph format name for ``kind``; NotAcceptable if none fits."""
    media = conneg.choose(kind, accept)
    return media, FORMAT_NAME[media]


def by_kind(form: str | None, accept: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Media types and format names for every result kind of a query of ``form``.

    ``accept`` must be satisfied for the kind the form announces (NotAcceptable otherwise);
    the other kinds get their default, in case the form was misread.
    """
    expected: ResultKind | None = None
    if form in ("CONSTRUCT", "DESCRIBE"):
        expected = "graph"
    elif form is not None:
        expected = "boolean" if form == "ASK" else "solutions"
    media: dict[str, str] = {}
    names: dict[str, str] = {}
    for kind in KINDS:
        media[kind], names[kind] = negotiate(
            kind, accept if expected is None or kind == expected else None)
    return media, names
