"""Lists of resources: a class pattern, optional filters, a total count and one page.

Each filter is a constant graph pattern over ``?item`` whose user value, a checked
N-Triples term (:mod:`graph_service.api.terms`: IRIs checked, literals escaped), is bound to
one variable by a ``VALUES`` block opening the pattern, as the remote backend binds
substitutions; beside it only the page's ``LIMIT``/``OFFSET`` (validated integers) are
written into the query text. A ``VALUES`` block, not a substitution: Oxigraph's optimiser
does not know that a substituted variable is bound and plans the filters from every item
(16 s for the actors of a département at 1 M triples instead of 0.4 s; docs/BENCHMARKS.md,
"National scale").
"""

from __future__ import annotations

import re
from asyncio import gather
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from ess_core.iris import Iris
from ess_core.namespaces import prefixes
from ess_core.store_layout import kind_of
from graph_service.api.client import GraphClient, get_client
from graph_service.api.models import ListPublic, Summary
from graph_service.api.pagination import Page, add_page_headers, get_page
from graph_service.api.representation import respond
from graph_service.api.resource_description import label_of
from graph_service.label_search import index_path, list_labels, territory_items

# Constant patterns; ``?<name>`` is the filter's bound variable.
MENTIONED_IN = "?_dm oa:hasBody ?item ; oa:hasTarget/oa:hasSource ?document ."
MENTIONED_IN_YEAR = (
    "?_ym oa:hasBody ?item ; oa:hasTarget/oa:hasSource ?_yd . "
    "?_yd dcterms:issued ?_yi FILTER(SUBSTR(STR(?_yi), 1, 4) = ?year)"
)
# A place is within a territory through official subdivisions or as a part of an area.
WITHIN = "(igeo:subdivisionDirecteDe|^dcterms:hasPart)"
# Walked from the (bound) territory down to its places, then to what is located there: the
# same items as ``?item (ess:locatedIn|dcterms:spatial)/WITHIN* ?territory``.
LOCATED_IN = (
    "?territory (^igeo:subdivisionDirecteDe|dcterms:hasPart)* ?_lp . "
    "{ ?item ess:locatedIn ?_lp } UNION { ?item dcterms:spatial ?_lp }"
)


_SIMPLE_CLASS = re.compile(r"^\?item a (\S+) \.$")
KEPT_ORDER_MAX = 20_000
"""A list's whole order is kept for the next pages up to this many items (~3 MB)."""


@dataclass(frozen=True)
class Filter:
    """A pattern restricting ``?item``, with the N-Triples term bound to ``?<variable>``."""

    variable: str
    pattern: str
    term: str


def _where(selection: str, filters: list[Filter]) -> str:
    """The pattern: the filters' values in a ``VALUES`` block, the filters, the class test."""
    if not filters:
        return selection
    names = " ".join(f"?{f.variable}" for f in filters)
    terms = " ".join(f.term for f in filters)
    # Filters first, the class test after: this order lets the optimiser start from the
    # bound values and the (selective) filters.
    patterns = "\n".join(f.pattern for f in filters)
    return f"VALUES ({names}) {{ ({terms}) }}\n{patterns}\nFILTER EXISTS {{ {selection} }}"


async def count_items(client: GraphClient, selection: str, filters: list[Filter]) -> int:
    """How many distinct ``?item`` match ``selection`` and ``filters``."""
    body = _where(selection, filters)
    rows = await client.select(f"SELECT (COUNT(DISTINCT ?item) AS ?total) WHERE {{ {body} }}")
    return int(rows[0]["total"]) if rows else 0


async def list_items(
    client: GraphClient,
    selection: str,
    filters: list[Filter],
    page: Page,
    *,
    sort_key: str | None = None,
) -> tuple[int, list[Summary]]:
    """The total count and the page of items, by label then IRI.

    ``sort_key`` is a pattern binding ``?_key`` (e.g. an official code): the page is then cut
    before labels are looked up, for long lists (sorting on IRIs or labels is slow there).
    By label, the items are sorted with the list labels of the search index when it has them
    (:func:`sorted_by_index`), else in SPARQL (:func:`sorted_by_query`): the same page.
    """
    if sort_key is None:
        ordered = await sorted_by_index(client, selection, filters)
        if ordered is not None:
            return len(ordered), _summaries(client, ordered[page.offset : page.offset + page.limit])
    return await sorted_by_query(client, selection, filters, page, sort_key=sort_key)


def _summaries(client: GraphClient, rows: Sequence[tuple[str, str | None]]) -> list[Summary]:
    base = client.iris.base
    return [Summary(id=i, label=label, kind=kind_of(i, base) or "") for i, label in rows]


def _by_label(item: tuple[str, str | None]) -> tuple[bool, str, str]:
    """``ORDER BY LCASE(STR(?label)) ?item``: items without a label first (an unbound key
    sorts first in SPARQL), then by lower-case label (both compare code points), then IRI."""
    iri, label = item
    return (label is not None, "" if label is None else label.lower(), iri)


def _class_of(selection: str, base: str) -> str | None:
    """The class IRI of a selection ``?item a <class> .`` (prefixed or not), else None."""
    found = _SIMPLE_CLASS.match(selection)
    if found is None:
        return None
    name = found.group(1)
    if name.startswith("<"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    namespace = prefixes(Iris(base)).get(prefix)
    return None if namespace is None else namespace + local


def _items_by_index(
    path: Path, selection: str, filters: list[Filter], base: str
) -> list[tuple[str, str | None]] | None:
    """``(item, label)`` of a list of one class with one territory filter, read from the
    index's ``territory_items``; None for another list or without the table."""
    if len(filters) != 1 or filters[0].pattern != LOCATED_IN:
        return None
    class_iri, term = _class_of(selection, base), filters[0].term
    if class_iri is None or not (term.startswith("<") and term.endswith(">")):
        return None
    return territory_items(path, term[1:-1], class_iri)


async def sorted_by_index(
    client: GraphClient, selection: str, filters: list[Filter]
) -> list[tuple[str, str | None]] | None:
    """Every ``(item, label)`` of the list in order, sorted by the labels the build wrote
    beside the store (:mod:`ingest.store.list_index`); None when the search index has no
    list tables. The items of a class in a territory come from the index too; the others
    from the store (one query, no label read).

    The whole order of a list of at most :data:`KEPT_ORDER_MAX` items is kept with the
    build's answers (:mod:`graph_service.api.read_cache`): the next requests for the same
    list are cut from it.
    """
    body = _where(selection, filters)
    build = await client.build_id()
    key = ("list-order", body)
    if build is not None and client.cache is not None:
        kept = client.cache.recall(build, key)
        if kept is not None:
            return kept  # type: ignore[return-value]
    path = index_path(client.settings.store_path)
    pairs = _items_by_index(path, selection, filters, client.iris.base)
    if pairs is None:
        if list_labels(path, []) is None:
            return None
        rows = await client.select(f"SELECT DISTINCT ?item WHERE {{ {body} }}")
        items = [str(row["item"]) for row in rows]
        labels = list_labels(path, items)
        if labels is None:  # the index was swapped for one without the table meanwhile
            return None
        pairs = [(i, labels.get(i)) for i in items]
    ordered = sorted(pairs, key=_by_label)
    if build is not None and client.cache is not None and len(ordered) <= KEPT_ORDER_MAX:
        client.cache.remember(build, key, ordered)
    return ordered


async def sorted_by_query(
    client: GraphClient,
    selection: str,
    filters: list[Filter],
    page: Page,
    *,
    sort_key: str | None = None,
) -> tuple[int, list[Summary]]:
    """The total count and the page, sorted by the store (by label or by ``sort_key``)."""
    body = _where(selection, filters)
    window = f"LIMIT {int(page.limit)} OFFSET {int(page.offset)}"
    if sort_key is None:
        inner, order = (
            f"SELECT DISTINCT ?item WHERE {{ {body} }}",
            (f"ORDER BY LCASE(STR(?label)) ?item {window}"),
        )
    else:
        inner = (
            f"SELECT ?item (MIN(?_key) AS ?key) WHERE {{ {body} {sort_key} }} "
            f"GROUP BY ?item ORDER BY ?key ?item {window}"
        )
        order = "ORDER BY ?key ?item"
    # Sorted outside the grouping: ORDER BY on an aggregate's alias in the grouped query
    # itself is refused by Virtuoso (SP031); Oxigraph plans both forms alike.
    query = (
        "SELECT ?item ?key ?label WHERE { { "
        "SELECT ?item (SAMPLE(?key) AS ?key) (SAMPLE(?item_label) AS ?label) "
        f"WHERE {{ {{ {inner} }} {label_of('item')} }} GROUP BY ?item }} }} {order}"
    )
    # The count and the page at once (two query workers): a page past the end is empty.
    total, rows = await gather(count_items(client, selection, filters), client.select(query))
    return total, _summaries(client, [(r["item"], r.get("label")) for r in rows])


async def page_response(
    request: Request, client: GraphClient, selection: str, filters: list[Filter], page: Page
) -> JSONResponse:
    """One page of a resource list, negotiated, with its total and ``Link`` headers."""
    total, items = await list_items(client, selection, filters, page)
    body = ListPublic[Summary](total=total, limit=page.limit, offset=page.offset, items=items)
    response = respond(request, body)
    add_page_headers(request, response, page, total)
    return response


def add_list_route(
    router: APIRouter,
    name: str,
    summary: str,
    description: str,
    selection: str,
    filters: Callable[..., Awaitable[list[Filter]]],
) -> None:
    """Register ``GET`` on the router's prefix: the items of ``selection`` matching the
    filters given (``filters`` is an :class:`graph_service.api.filters.ListFilters`), one
    page, by label."""

    async def read_list(
        request: Request,
        client: GraphClient = Depends(get_client),  # noqa: B008 - FastAPI dependencies
        page: Page = Depends(get_page),  # noqa: B008
        chosen: list[Filter] = Depends(filters),  # noqa: B008
    ) -> JSONResponse:
        return await page_response(request, client, selection, chosen, page)

    read_list.__name__ = read_list.__qualname__ = name
    read_list.__doc__ = description
    router.add_api_route(
        "", read_list, methods=["GET"], response_model=ListPublic[Summary], summary=summary
    )
