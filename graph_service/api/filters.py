"""Filter values of the list endpoints turned into RDF terms (422 naming the parameter).

A concept filter takes a concept's IRI or its slug (``kind=association`` is
``<base>id/concept/organisation-kind/association``); a territory filter takes an IRI or
``<kind>/<code>`` (``epci/245901160``, ``commune/59606``); a document filter takes the
document's IRI or registry id.
"""

from __future__ import annotations

import re

from ess_graph.iris import Iris, slugify
from graph_service.api import terms
from graph_service.api.listing import LOCATED_IN, MENTIONED_IN, MENTIONED_IN_YEAR, Filter
from graph_service.errors import InvalidParameter

TERRITORY_KINDS = ("commune", "epci", "departement", "region", "area")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


def _slug(value: str, parameter: str) -> str:
    try:
        return slugify(value)
    except ValueError:
        raise InvalidParameter(f"parameter '{parameter}' is empty or has no letter or digit",
                               [parameter]) from None


def organisation(iris: Iris, value: str, parameter: str) -> str:
    """The organisation term of ``value``: its IRI or its slug."""
    if terms.is_iri(value):
        return terms.iri(value, parameter)
    return terms.iri(iris.resource("organisation", _slug(value, parameter)), parameter)


def concept(iris: Iris, scheme: str, value: str, parameter: str) -> str:
    """The concept term of ``value`` (IRI or slug) in the concept scheme ``scheme``."""
    if terms.is_iri(value):
        return terms.iri(value, parameter)
    return terms.iri(iris.resource(f"concept/{scheme}", _slug(value, parameter)), parameter)


def territory(iris: Iris, value: str, parameter: str = "territory") -> str:
    """The territory term of ``value``: an IRI or ``<kind>/<code>``."""
    if terms.is_iri(value):
        return terms.iri(value, parameter)
    kind, _, code = value.partition("/")
    if kind not in TERRITORY_KINDS or not _CODE.match(code):
        raise InvalidParameter(
            f"parameter '{parameter}' must be an IRI or <kind>/<code> with kind in "
            f"{', '.join(TERRITORY_KINDS)} (e.g. epci/245901160): {value!r}", [parameter])
    return terms.iri(f"{iris.base}id/{kind}/{code}", parameter)


def document(iris: Iris, value: str, parameter: str = "document") -> str:
    """The document term of ``value``: an IRI or a registry id."""
    if terms.is_iri(value):
        return terms.iri(value, parameter)
    return terms.iri(iris.resource("document", _slug(value, parameter)), parameter)


def common_filters(iris: Iris, territory_value: str | None, year: int | None,
                   document_value: str | None) -> list[Filter]:
    """Territory (with containment), year and source-document filters shared by lists."""
    found: list[Filter] = []
    if territory_value is not None:
        found.append(Filter("territory", LOCATED_IN, territory(iris, territory_value)))
    if year is not None:
        found.append(Filter("year", MENTIONED_IN_YEAR, terms.literal(str(year))))
    if document_value is not None:
        found.append(Filter("document", MENTIONED_IN, document(iris, document_value)))
    return found
