"""``/query``: a SPARQL query editor (YASGUI, served from ``/static/vendor/``) over ``/sparql``.

The page holds no script of its own: ``/static/editor.js`` starts YASGUI with the endpoint, the
project's prefixes (``/query/prefixes.json``) and an examples gallery made from the named
queries' headers (``/query/examples.json``; a parameter's default is bound by a ``VALUES``
clause at the start of its ``WHERE`` so that the example runs as it is).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from ess_core.namespaces import prefixes
from graph_service.api.client import GraphClient, get_client
from graph_service.named_queries import NamedQuery, load_named_queries
from graph_service.page_render import render

router = APIRouter(include_in_schema=False)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class ExamplePublic(BaseModel):
    """A named query as a runnable example of the editor."""

    name: str
    summary: str
    description: str
    tags: list[str]
    query: str


def example_text(query: NamedQuery) -> str:
    """The query's text with its parameters' defaults bound by ``VALUES`` in its ``WHERE``."""
    terms = query.bindings({})
    if not terms:
        return query.sparql
    variables = " ".join(f"?{v.value}" for v in terms)
    values = " ".join(str(t) for t in terms.values())
    clause = f"VALUES ({variables}) {{ ({values}) }}"
    where = _WHERE.search(query.sparql)
    if where is None:
        return f"{query.sparql.rstrip()}\n{clause}\n"
    return f"{query.sparql[: where.end()]}\n  {clause}{query.sparql[where.end() :]}"


def examples(queries_dir: Path) -> list[ExamplePublic]:
    """The named queries of ``queries_dir`` with a default for every parameter, by name.

    Parsed again only when a file of the folder changed (name, size or time).
    """
    files = sorted(queries_dir.glob("*.rq")) if queries_dir.is_dir() else []
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return list(_examples(queries_dir, stamp))


@lru_cache(maxsize=4)
def _examples(
    queries_dir: Path, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[ExamplePublic, ...]:
    """The examples of ``queries_dir`` as its files were when ``stamp`` was taken."""
    found = load_named_queries(queries_dir) if stamp else {}
    return tuple(
        ExamplePublic(
            name=q.name,
            summary=q.summary,
            description=q.description,
            tags=list(q.tags),
            query=example_text(q),
        )
        for q in sorted(found.values(), key=lambda q: q.name)
        if all(p.default is not None for p in q.params.values())
    )


@router.get("/query", response_class=HTMLResponse)
async def read_editor(
    request: Request, client: Annotated[GraphClient, Depends(get_client)]
) -> HTMLResponse:
    """The query editor, with the examples listed (they open in the editor)."""
    return render(request, "query.html", examples=examples(client.settings.queries_dir))


@router.get("/query/examples.json")
async def read_examples(client: Annotated[GraphClient, Depends(get_client)]) -> list[ExamplePublic]:
    """The editor's examples: every named query runnable with its defaults."""
    return examples(client.settings.queries_dir)


@router.get("/query/prefixes.json")
async def read_prefixes(client: Annotated[GraphClient, Depends(get_client)]) -> dict[str, str]:
    """The prefixes the editor declares (``ess_core.namespaces``)."""
    return dict(prefixes(client.iris))
