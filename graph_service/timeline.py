"""``/timeline/<kind>/<slug>``: the dated events, plans and roles of an organisation or a
territory, as a plain HTML/CSS time line (no script)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ess_core.errors import NotFound
from graph_service.api import terms
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN
from graph_service.api.resource_description import label_of
from graph_service.api.terms import resource_path
from graph_service.page_render import render

router = APIRouter(include_in_schema=False)
TERRITORIES = {"commune", "epci", "departement", "region", "area"}
# ``{s}`` is the IRI checked by terms.iri, written as a constant (see dataset_page.py).
_WHAT = {
    "organisation": {
        "événement": "?x schema:organizer {s} ; schema:startDate ?when .",
        "plan": """?x prov:wasAttributedTo {s} ;
                   ess:period/time:hasBeginning/time:inXSDgYear ?when .""",
        "rôle": """?x org:organization {s} ; org:memberDuring/time:hasBeginning/time:inXSDgYear
                   ?when .""",
    },
    "territory": {
        "événement": f"?x ess:locatedIn/{WITHIN}* {{s}} ; schema:startDate ?when .",
        "plan": f"""?x dcterms:spatial/{WITHIN}* {{s}} ;
                    ess:period/time:hasBeginning/time:inXSDgYear ?when .""",
    },
}
_QUERY = """SELECT DISTINCT ?x ?x_label ?when WHERE {{ {pattern} {labels} }}
ORDER BY ?when LIMIT 200"""


async def timeline(client: GraphClient, path: str) -> list[dict[str, Any]]:
    """``[{year, items: [{kind, label, date, page}]}]``, oldest first."""
    kind = path.split("/", 1)[0]
    area = "territory" if kind in TERRITORIES else kind
    if area not in _WHAT:
        raise NotFound(f"no time line for a {kind!r} (organisations, territories)", [kind])
    s = terms.iri(f"{client.iris.base}id/{resource_path(path)}", "path")
    base = client.iris.base
    years: dict[str, list[dict[str, Any]]] = {}
    for what, pattern in _WHAT[area].items():
        query = _QUERY.format(pattern=pattern.format(s=s), labels=label_of("x"))
        for row in await client.select(query):
            when = str(row["when"])
            page = f"/page/{row['x'].removeprefix(base + 'id/')}" if "#" not in row["x"] else None
            years.setdefault(when[:4], []).append(
                {
                    "kind": what,
                    "label": row.get("x_label") or row["x"].rsplit("/", 1)[-1],
                    "date": when,
                    "page": page,
                }
            )
    return [{"year": y, "items": sorted(years[y], key=lambda i: i["date"])} for y in sorted(years)]


@router.get("/timeline/{path:path}", response_class=HTMLResponse)
async def read_timeline(
    request: Request, path: str, client: Annotated[GraphClient, Depends(get_client)]
) -> HTMLResponse:
    """The time line page of an organisation or a territory."""
    return render(request, "timeline.html", path=path, years=await timeline(client, path))
