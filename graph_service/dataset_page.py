"""The page of a statistical dataset (``qb:DataSet``): what it is and its observations, one
page of ``PAGE_SIZE`` at a time (the INSEE populations hold tens of thousands).

Pages are cut in the store's index order (stable for a built store): sorting 36,000 IRIs
first costs ~10 s; each page is then shown by territory name."""

from __future__ import annotations

from typing import Any

from graph_service.api import terms
from graph_service.api.client import GraphClient
from graph_service.api.resource_description import label_of

PAGE_SIZE = 100
# ``{ds}`` is the dataset's IRI checked by terms.iri (Oxigraph's IRI parser) and written as a
# constant: with it as a substituted variable the optimiser scans every observation first.
ABOUT = """SELECT ?title ?source ?unit_label ?n WHERE {{
  {ds} a qb:DataSet . OPTIONAL {{ {ds} dcterms:title|rdfs:label ?title }}
  OPTIONAL {{ {ds} dcterms:source ?source }}
  OPTIONAL {{ {ds} sdmx-attribute:unitMeasure/skos:prefLabel ?unit_label }}
  {{ SELECT (COUNT(?x) AS ?n) WHERE {{ ?x qb:dataSet {ds} }} }}
}} LIMIT 1"""
OBSERVATIONS = """SELECT ?x ?area ?area_label ?period ?value WHERE {{
  {{ SELECT ?x WHERE {{ ?x qb:dataSet {ds} }} LIMIT {limit} OFFSET {offset} }}
  OPTIONAL {{ ?x sdmx-dimension:refArea ?area {area_label} }}
  OPTIONAL {{ ?x sdmx-dimension:refPeriod ?period }}
  OPTIONAL {{ ?x qb:measureType ?m . ?x ?m ?value }}
}} ORDER BY ?area_label ?period"""


async def dataset(client: GraphClient, iri: str, offset: int) -> dict[str, Any] | None:
    """The dataset's title, source, unit, size and one page of observations (None if it is
    not a dataset)."""
    ds = terms.iri(iri, "path")
    about = await client.select(ABOUT.format(ds=ds))
    if not about:
        return None
    query = OBSERVATIONS.format(
        limit=PAGE_SIZE, offset=int(offset), ds=ds, area_label=label_of("area")
    )
    rows = await client.select(query)
    base = f"{client.iris.base}id/"
    return {
        **about[0],
        "total": int(about[0].get("n", 0)),
        "offset": offset,
        "size": PAGE_SIZE,
        "observations": [
            {
                "area": r.get("area_label") or r.get("area", ""),
                "page": "/page/" + r["area"].removeprefix(base) if "area" in r else None,
                "period": r.get("period", ""),
                "value": r.get("value", ""),
            }
            for r in rows
        ],
    }
