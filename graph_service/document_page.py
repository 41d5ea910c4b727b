"""What a document's page lists: the entities it mentions, by kind (not its mention IRIs)."""

from __future__ import annotations

from typing import Any

from ess_core.store_layout import kind_of
from graph_service.api import terms
from graph_service.api.client import GraphClient
from graph_service.api.resource_description import labels_of
from graph_service.french import kind_fr

# ``{doc}`` is the document's IRI checked by terms.iri and written as a constant (a
# substituted variable would be joined last, after every mention of the store).
MENTIONED = """SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?t oa:hasSource {doc} . ?m oa:hasTarget ?t ; oa:hasBody ?e FILTER(isIRI(?e)) }} GROUP BY ?e"""
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
    rows = await client.select(MENTIONED.format(doc=terms.iri(doc, "path")))
    labels = await labels_of(client, [row["e"] for row in rows])
    base = client.iris.base
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        kind = kind_of(row["e"], base)
        if kind is None or "#" in row["e"]:
            continue
        groups.setdefault(kind, []).append(
            {
                "label": labels.get(row["e"]) or row["e"].rsplit("/", 1)[-1],
                "page": f"{root}/page/{row['e'].removeprefix(base + 'id/')}",
                "n": int(row["n"]),
            }
        )
    rank = {k: i for i, k in enumerate(ORDER)}
    return [
        {"kind": kind_fr(k), "items": sorted(v, key=lambda i: (-i["n"], i["label"]))}
        for k, v in sorted(groups.items(), key=lambda kv: (rank.get(kv[0], 99), kv[0]))
    ]
