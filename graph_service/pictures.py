"""Pictures: the partnership and membership network around an organisation, a territory or a
document (``/network/<kind>/<slug>``, drawn by cytoscape.js from ``/network/<…>.json``).

The page holds no script of its own (``/static/network.js``); the JSON endpoint gives the
nodes and edges in cytoscape's element format.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ess_core.errors import NotFound
from ess_core.store_layout import kind_of
from graph_service.api import terms
from graph_service.api.client import GraphClient, get_client
from graph_service.api.listing import WITHIN
from graph_service.api.resource_description import label_of
from graph_service.api.terms import resource_path
from graph_service.french import kind_fr
from graph_service.page_render import render

router = APIRouter(include_in_schema=False)
MAX_EDGES = 400
TERRITORIES = {"commune", "epci", "departement", "region", "area"}
# The agents around the focus ?s, as ?a: partners, members, and what the focus gathers.
_AROUND = {
    "organisation": """{ ?s a org:Organization BIND(?s AS ?a) } UNION { ?_p ess:partner ?s, ?a }
      UNION { ?_m org:organization ?s ; org:member ?a }
      UNION { ?_m org:member ?s ; org:organization ?a }""",
    "territory": f"?a a org:Organization ; (ess:locatedIn|dcterms:spatial)/{WITHIN}* ?s .",
    "document": """?_dm oa:hasBody ?a ; oa:hasTarget/oa:hasSource ?s .
      ?a a org:Organization .""",
}
_EDGES = """SELECT DISTINCT ?s ?x ?y ?rel ?x_label ?y_label WHERE {{
  {{ SELECT DISTINCT ?s ?a WHERE {{ {around} }} LIMIT 200 }}
  {{ ?e ess:partner ?a, ?b FILTER(STR(?a) < STR(?b)) OPTIONAL {{ ?e ess:relationKind ?kind }}
     BIND(?a AS ?x) BIND(?b AS ?y) BIND(COALESCE(STR(?kind), "partenariat") AS ?rel) }}
  UNION {{ ?e org:organization ?a ; org:member ?b . ?b a org:Organization .
     BIND(?b AS ?x) BIND(?a AS ?y) BIND("membre" AS ?rel) }}
  {labels} }} LIMIT {limit}"""


def _area(kind: str) -> str:
    if kind in TERRITORIES:
        return "territory"
    if kind in ("organisation", "document"):
        return kind
    raise NotFound(f"no network for a {kind!r} (organisations, territories, documents)", [kind])


async def network(client: GraphClient, path: str) -> dict[str, Any]:
    """The nodes and edges around ``id/<path>``, in cytoscape.js's element format."""
    iri = f"{client.iris.base}id/{resource_path(path)}"
    area = _area(path.split("/", 1)[0])
    query = _EDGES.format(
        around=_AROUND[area], limit=MAX_EDGES, labels=label_of("x") + " " + label_of("y")
    )
    rows = await client.select(query, {"s": terms.iri(iri, "path")})
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    base = client.iris.base
    for row in rows:
        for end in ("x", "y"):
            node = row[end]
            nodes.setdefault(
                node,
                {
                    "data": {
                        "id": node,
                        "label": row.get(f"{end}_label") or node.rsplit("/", 1)[-1],
                        "kind": kind_fr(kind_of(node, base) or ""),
                        "focus": node == iri,
                        "page": f"/page/{node.removeprefix(base + 'id/')}",
                    }
                },
            )
        edges.append(
            {
                "data": {
                    "id": f"e{len(edges)}",
                    "source": row["x"],
                    "target": row["y"],
                    "label": row["rel"].rsplit("/", 1)[-1],
                }
            }
        )
    return {"focus": iri, "nodes": list(nodes.values()), "edges": edges}


@router.get("/network/{path:path}.json")
async def read_network_data(
    path: str, client: Annotated[GraphClient, Depends(get_client)]
) -> dict[str, Any]:
    """The network around a resource as JSON (cytoscape.js elements)."""
    return await network(client, path)


@router.get("/network/{path:path}", response_class=HTMLResponse)
async def read_network(
    request: Request, path: str, client: Annotated[GraphClient, Depends(get_client)]
) -> HTMLResponse:
    """The network page: the picture, and the same links as a list for those without it."""
    found = await network(client, path)
    root = request.scope.get("root_path", "")
    labels = {n["data"]["id"]: n["data"]["label"] for n in found["nodes"]}
    title = labels.get(found["focus"], path)
    return render(
        request,
        "network.html",
        title=title,
        path=path,
        page=f"{root}/page/{path}",
        data=f"{root}/network/{path}.json",
        edges=[
            (labels[e["data"]["source"]], e["data"]["label"], labels[e["data"]["target"]])
            for e in found["edges"]
        ],
    )
