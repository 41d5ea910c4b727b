"""Which graphs a SPARQL update writes, read from its algebra before it runs.

rdflib parses the update (pyoxigraph does not expose its algebra); every operation names the
graphs it writes, and each must be a graph the token may write. The default graph, ``NAMED`` and
``ALL`` come back as markers the writer expands and checks (:mod:`ingest.writes.job`).
Refused here: ``LOAD`` (an outbound request; federation goes through the allowlist of
queries only) and a graph variable in a template (what it writes cannot be known).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.term import URIRef


class TargetRefusedError(Exception):
    """The update writes somewhere it may not; the message says what and why."""


def _get(op: Any, key: str) -> Any:
    """``op[key]`` or None (rdflib's CompValue.get returns the key itself when missing)."""
    return op[key] if key in op else None


DEFAULT, NAMED, ALL = "DEFAULT", "NAMED", "ALL"
"""Markers among the targets: the default graph, every named graph, every graph."""


def _template(part: Any, default: str, op: str) -> Iterator[str]:
    if part is None:
        return
    if _get(part, "triples"):
        yield default
    for graph in _get(part, "quads") or {}:
        if not isinstance(graph, URIRef):
            raise TargetRefusedError(f"{op}: a graph variable in a template cannot be checked")
        yield str(graph)


def _graph_ref(ref: Any, op: str) -> str:
    if isinstance(ref, URIRef):
        return str(ref)
    if isinstance(ref, str) and ref.upper() in (DEFAULT, NAMED, ALL):
        return ref.upper()
    raise TargetRefusedError(f"{op}: unsupported graph reference {ref!r}")


def update_targets(text: str, base_iri: str | None = None) -> list[str]:
    """The graphs ``text`` writes (IRIs, or the markers :data:`DEFAULT`, :data:`NAMED`,
    :data:`ALL`); SyntaxError if it does not parse, TargetRefusedError for ``LOAD`` and graph
    variables."""
    try:
        update = translateUpdate(parseUpdate(text), base=base_iri)
    except Exception as exc:  # rdflib raises pyparsing's ParseException and others
        raise SyntaxError(f"the update does not parse: {exc}") from None
    targets: list[str] = []
    for op in update.algebra:
        name = op.name
        if name == "Load":
            raise TargetRefusedError(
                "LOAD is refused: it would make the service fetch a URL; send the data itself"
            )
        if name in ("InsertData", "DeleteData", "DeleteWhere"):
            targets += _template(op, DEFAULT, name)
        elif name == "Modify":
            with_graph = _get(op, "withClause")
            default = str(with_graph) if isinstance(with_graph, URIRef) else DEFAULT
            targets += _template(_get(op, "delete"), default, name)
            targets += _template(_get(op, "insert"), default, name)
        elif name in ("Clear", "Drop", "Create"):
            targets.append(_graph_ref(_get(op, "graphiri"), name.upper()))
        elif name in ("Add", "Move", "Copy"):
            source, target = _get(op, "graph")
            targets.append(_graph_ref(target, name.upper()))
            if name == "Move":
                targets.append(_graph_ref(source, name.upper()))
        else:
            raise TargetRefusedError(f"{name}: this update operation is not supported")
    return list(dict.fromkeys(targets))
