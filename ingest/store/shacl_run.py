"""Run the compiled SHACL checks (:mod:`ingest.store.shacl_sparql`) on an Oxigraph store.

pyoxigraph releases the GIL while it evaluates a query, so the checks run in a small thread
pool (the big ones first); each row of a check is one validation result.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Store

from ingest.store.results import Violation
from ingest.store.shacl_sparql import Check

THREADS = max(1, min(4, os.cpu_count() or 1))


def _text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, NamedNode | Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def _rows(store: Store, check: Check, union: bool) -> tuple[list[Violation], int]:
    solutions = store.query(check.query, use_default_graph_as_union=union)
    assert isinstance(solutions, QuerySolutions)  # noqa: S101 (a SELECT query)
    names = {v.value for v in solutions.variables}
    violations: list[Violation] = []
    warnings = 0
    for row in solutions:
        component = check.components[int(row["c"].value)]
        if not component.violation:
            warnings += 1
            continue
        violations.append(
            Violation(
                shape=component.shape,
                focus=_text(row["this"]) or "",
                message=component.message,
                path=_text(row["path"]) if "path" in names else component.path,
                value=_text(row["value"]) if "value" in names else None,
                constraint=component.constraint,
            )
        )
    return violations, warnings


def run_checks(
    store: Store, checks: list[Check], threads: int = THREADS, *, union: bool = False
) -> tuple[list[Violation], int]:
    """All violations of ``checks`` on ``store``'s default graph (the merge of all graphs,
    :mod:`ingest.store.default_graph`; with ``union``, the union of the named graphs of a
    store built without it), and the number of warnings."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(lambda check: _rows(store, check, union), checks))
    return [v for found, _w in outcomes for v in found], sum(w for _v, w in outcomes)


SMALL_FOCUS = 5_000  # below this many focus nodes, per-node lookups beat one scan


def focus_sizer(
    store: Store, limit: int = SMALL_FOCUS, *, union: bool = False
) -> Callable[[str], bool]:
    """``small(focus)`` for :func:`~ingest.store.shacl_sparql.compile_shapes`: counts the
    focus nodes of each focus pattern once (cached)."""
    known: dict[str, bool] = {}

    def small(focus: str) -> bool:
        if focus not in known:
            rows = store.query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ {focus} }}", use_default_graph_as_union=union
            )
            assert isinstance(rows, QuerySolutions)  # noqa: S101 (a SELECT query)
            known[focus] = int(next(iter(rows))["n"].value) <= limit
        return known[focus]

    return small
