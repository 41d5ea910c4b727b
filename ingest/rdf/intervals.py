"""OWL-Time intervals with year precision, as the records state them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pyoxigraph import Literal, NamedNode

from ess_core.namespaces import RDF, TIME, XSD, Triple


def gyear(year: int) -> Literal:
    """``"2017"^^xsd:gYear``."""
    return Literal(f"{year:04d}", datatype=XSD("gYear"))


def year_interval(
    owner: NamedNode, prop: NamedNode, interval: NamedNode, fields: Mapping[str, Any]
) -> list[Triple]:
    """``owner prop interval``, a time:Interval whose beginning and end are the years of
    ``fields["start_year"]`` / ``fields["end_year"]`` (either may be absent); empty when both are.
    """
    if "start_year" not in fields and "end_year" not in fields:
        return []
    out: list[Triple] = [(owner, prop, interval), (interval, RDF("type"), TIME("Interval"))]
    for field, bound, fragment in (
        ("start_year", "hasBeginning", "#start"),
        ("end_year", "hasEnd", "#end"),
    ):
        if field in fields:
            instant = NamedNode(owner.value + fragment)
            out += [
                (interval, TIME(bound), instant),
                (instant, RDF("type"), TIME("Instant")),
                (instant, TIME("inXSDgYear"), gyear(fields[field])),
            ]
    return out
