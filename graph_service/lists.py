"""``/lists/<name>``: HTML lists of actors, people, plans, events and documents, with the REST
filters (graph_service/api/filters.py), and the same list as CSV or JSON
(``/lists/<name>.csv``, ``/lists/<name>.json``: every matching item, not one page).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ess_core.errors import InvalidParameter, NotFound
from graph_service.api import actors, documents, events, people, plans
from graph_service.api.client import GraphClient, get_client
from graph_service.api.filters import ListFilters
from graph_service.api.listing import Filter, list_items
from graph_service.api.models import Summary
from graph_service.api.pagination import Page
from graph_service.french import kind_fr
from graph_service.page_render import render

PAGE_SIZE = 100
DOWNLOAD_MAX = 10_000
router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class ListKind:
    """A list: its French title, its class pattern, its filters and their French labels."""

    title: str
    selection: str
    filters: ListFilters


LABELS = {
    "territory": "Territoire (epci/245901160, commune/59606…)",
    "year": "Année",
    "document": "Document (identifiant)",
    "kind": "Type (association, scic…)",
    "legal_form": "Forme juridique",
    "sector": "Secteur",
    "organisation": "Organisation",
    "role": "Rôle",
    "organizer": "Organisateur",
    "genre": "Genre",
}
LISTS = {
    "actors": ListKind("Acteurs", actors.SELECTION, actors.FILTERS),
    "people": ListKind("Personnes", people.SELECTION, people.FILTERS),
    "plans": ListKind("Plans", plans.SELECTION, plans.FILTERS),
    "events": ListKind("Événements", events.SELECTION, events.FILTERS),
    "documents": ListKind("Documents", documents.SELECTION, documents.FILTERS),
}


def _kind(name: str) -> ListKind:
    if name not in LISTS:
        raise NotFound(f"no list {name!r} (one of {', '.join(LISTS)})", [name])
    return LISTS[name]


def _values(request: Request, kind: ListKind) -> dict[str, Any]:
    """The filter values given in the query string, checked like the REST parameters."""
    values: dict[str, Any] = {}
    for param in kind.filters.params:
        raw = request.query_params.get(param.name, "").strip()
        if not raw:
            continue
        if param.annotation is int:
            low, high = param.constraints.get("ge", -(10**9)), param.constraints.get("le", 10**9)
            if not raw.isdigit() or not low <= int(raw) <= high:
                raise InvalidParameter(
                    f"parameter '{param.name}' must be an integer from {low} to {high}: {raw!r}",
                    [param.name],
                )
            values[param.name] = int(raw)
        else:
            values[param.name] = raw
    return values


async def _items(
    client: GraphClient, kind: ListKind, values: dict[str, Any], page: Page
) -> tuple[int, list[Summary]]:
    chosen: list[Filter] = await kind.filters(client, **values)
    return await list_items(client, kind.selection, chosen, page)


@router.get("/lists/{name}.csv")
async def read_list_csv(
    request: Request, name: str, client: Annotated[GraphClient, Depends(get_client)]
) -> Response:
    """Every item of the list matching the filters, as CSV (label, kind, page, IRI)."""
    kind = _kind(name)
    _, items = await _items(client, kind, _values(request, kind), Page(DOWNLOAD_MAX, 0))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["label", "kind", "id"])
    for item in items:
        writer.writerow([item.label or "", item.kind, item.id])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/lists/{name}.json")
async def read_list_json(
    request: Request, name: str, client: Annotated[GraphClient, Depends(get_client)]
) -> JSONResponse:
    """Every item of the list matching the filters, as JSON (``total`` and ``items``)."""
    kind = _kind(name)
    total, items = await _items(client, kind, _values(request, kind), Page(DOWNLOAD_MAX, 0))
    return JSONResponse(
        {"total": total, "items": [i.model_dump() for i in items]},
        headers={"Content-Disposition": f'attachment; filename="{name}.json"'},
    )


@router.get("/lists/{name}", response_class=HTMLResponse)
async def read_list_page(
    request: Request,
    name: str,
    client: Annotated[GraphClient, Depends(get_client)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """One page of the list, its filters as a form, and the download links."""
    kind = _kind(name)
    values = _values(request, kind)
    total, items = await _items(client, kind, values, Page(PAGE_SIZE, offset))
    root = request.scope.get("root_path", "")
    base = f"{client.iris.base}id/"
    query = urlencode(values)
    rows = [
        {
            "label": i.label or i.id,
            "kind": kind_fr(i.kind),
            "page": f"{root}/page/{i.id.removeprefix(base)}",
        }
        for i in items
    ]
    return render(
        request,
        "list.html",
        name=name,
        title=kind.title,
        total=total,
        rows=rows,
        offset=offset,
        size=PAGE_SIZE,
        query=query,
        lists=LISTS,
        fields=[
            {"name": p.name, "label": LABELS.get(p.name, p.name), "value": values.get(p.name, "")}
            for p in kind.filters.params
        ],
    )
