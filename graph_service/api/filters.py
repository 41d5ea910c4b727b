"""The filters of the list endpoints: one FastAPI dependency, values turned into RDF terms.

A list endpoint declares its filters once, as :class:`FilterParam` records, and takes them
with ``Depends(ListFilters(...))``: the dependency offers one optional query parameter per
record and answers the :class:`Filter` list of those given. A bad value is a 422 naming the
parameter.

A concept filter takes a concept's IRI or its slug (``kind=association`` is
``<base>id/concept/organisation-kind/association``); a territory filter takes an IRI or
``<kind>/<code>`` (``epci/245901160``, ``commune/59606``); a document filter takes the
document's IRI or registry id.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Query

from ess_core.errors import InvalidParameter
from ess_core.iris import Iris, slugify
from graph_service.api import terms
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import LOCATED_IN, MENTIONED_IN, MENTIONED_IN_YEAR, Filter

TERRITORY_KINDS = ("commune", "epci", "departement", "region", "area")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


def _slug(value: str, parameter: str) -> str:
    try:
        return slugify(value)
    except ValueError:
        raise InvalidParameter(
            f"parameter '{parameter}' is empty or has no letter or digit", [parameter]
        ) from None


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
            f"{', '.join(TERRITORY_KINDS)} (e.g. epci/245901160): {value!r}",
            [parameter],
        )
    return terms.iri(f"{iris.base}id/{kind}/{code}", parameter)


def document(iris: Iris, value: str, parameter: str = "document") -> str:
    """The document term of ``value``: an IRI or a registry id."""
    if terms.is_iri(value):
        return terms.iri(value, parameter)
    return terms.iri(iris.resource("document", _slug(value, parameter)), parameter)


Term = Callable[[Iris, Any, str], str]


@dataclass(frozen=True)
class FilterParam:
    """One query parameter of a list and the filter it makes: ``pattern`` over ``?item``
    with ``?<name>`` bound to ``term(iris, value, name)``."""

    name: str
    description: str
    pattern: str
    term: Term
    annotation: Any = str
    constraints: dict[str, Any] = field(default_factory=dict)


def concept_param(name: str, scheme: str, pattern: str, description: str) -> FilterParam:
    """A filter by a concept of ``scheme`` (IRI or slug)."""
    return FilterParam(
        name,
        description,
        pattern,
        lambda iris, value, parameter: concept(iris, scheme, value, parameter),
    )


def territory_param(
    description: str, pattern: str = LOCATED_IN, name: str = "territory"
) -> FilterParam:
    """A filter by a territory (IRI or ``<kind>/<code>``)."""
    return FilterParam(name, description, pattern, territory)


def organisation_param(name: str, pattern: str, description: str) -> FilterParam:
    """A filter by an organisation (IRI or slug)."""
    return FilterParam(name, description, pattern, organisation)


def year_param(
    description: str, pattern: str = MENTIONED_IN_YEAR, datatype: str | None = None
) -> FilterParam:
    """A filter by a year (1800 to 2100), bound as a literal of ``datatype``."""
    return FilterParam(
        "year",
        description,
        pattern,
        lambda _iris, value, _parameter: terms.literal(str(value), datatype),
        int,
        {"ge": 1800, "le": 2100},
    )


def document_param(description: str = "Mentioned in this document.") -> FilterParam:
    """A filter by a source document that mentions the item (IRI or registry id)."""
    return FilterParam("document", description, MENTIONED_IN, document)


class ListFilters:
    """The filters of one list endpoint as one dependency: ``Depends(ListFilters(...))``.

    Its signature (what FastAPI reads) has one optional query parameter per
    :class:`FilterParam`; calling it gives the filters of the parameters given, in the order
    they are declared.
    """

    def __init__(self, *params: FilterParam) -> None:
        self.params = params
        keyword = inspect.Parameter.KEYWORD_ONLY
        self.__signature__ = inspect.Signature(
            [
                inspect.Parameter(
                    "client", keyword, annotation=Annotated[GraphClient, Depends(get_client)]
                ),
                *(
                    inspect.Parameter(
                        p.name,
                        keyword,
                        default=None,
                        annotation=Annotated[
                            p.annotation | None, Query(description=p.description, **p.constraints)
                        ],
                    )
                    for p in params
                ),
            ]
        )

    async def __call__(self, client: GraphClient, **values: Any) -> list[Filter]:
        return [
            Filter(p.name, p.pattern, p.term(client.iris, values[p.name], p.name))
            for p in self.params
            if values.get(p.name) is not None
        ]
