"""What a document's page lists: the entities it mentions, by kind (not its mention IRIs)."""

from __future__ import annotations

from typing import Any

from ess_core.store_layout import kind_of
from graph_service.api import terms
from graph_service.api.client import GraphClient
from graph_service.api.resource_description import label_of
from graph_service.french import kind_fr

# ``{doc}`` is the document's IRI checked by terms.iri and written as a constant (a
# substituted variable would be joined last, after every mention of the store).
MENTIONED = """SELECT ?e ?e_label (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?m ?e WHERE {{ ?t oa:hasSource {doc} . ?m oa:hasTarget ?t ; oa:hasBody ?e
     FILTER(isIRI(?e)) }} }}
  {labels} }} GROUP BY ?e ?e_label"""
ORDER = (
    "organisation",
    "person",
    "plan",
    "event",
    "epci",
    "commune",
    "departement",
    "region",
    "area",
    "partnership",
)


async def mentioned_entities(client: GraphClient, doc: str, root: str) -> list[dict[str, Any]]:
    """The document's entities grouped by kind: ``[{kind, items: [{label, page, n}]}]``."""
    rows = await client.select(MENTIONED.format(doc=terms.iri(doc, "path"), labels=label_of("e")))
    base = client.iris.base
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        kind = kind_of(row["e"], base)
        if kind is None or "#" in row["e"]:
            continue
        groups.setdefault(kind, []).append(
            {
                "label": row.get("e_label") or row["e"].rsplit("/", 1)[-1],
                "page": f"{root}/page/{row['e'].removeprefix(base + 'id/')}",
                "n": int(row["n"]),
            }
        )
    rank = {k: i for i, k in enumerate(ORDER)}
    return [
        {"kind": kind_fr(k), "items": sorted(v, key=lambda i: (-i["n"], i["label"]))}
        for k, v in sorted(groups.items(), key=lambda kv: (rank.get(kv[0], 99), kv[0]))
    ]
