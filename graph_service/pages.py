"""HTML pages a person can read: home (``/``), entity (``/page/<kind>/<slug>``), search.

Plain HTML from Jinja2 templates and one local stylesheet (``/static/style.css``): no script,
no CDN, so the pages work offline. Entity pages show labels, facts and relations, each with its
sources (document, passage, method, confidence).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ess_core.errors import NotFound
from ess_core.namespaces import IGEO, ORG, QB, SDMX_DIMENSION, TIME, prefixes
from ess_core.store_layout import kind_of
from graph_service.api.client import GraphClient, get_client
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.plan_tree import plan_bodies, plan_tree, plan_votes
from graph_service.api.relations import label
from graph_service.api.resource_description import RDF_TYPE, Description, Value, describe
from graph_service.api.terms import resource_path
from graph_service.dataset_page import dataset
from graph_service.document_page import mentioned_entities
from graph_service.fact_groups import GROUP_ORDER, group_of, plain
from graph_service.french import kind_fr
from graph_service.label_search import index_path, search
from graph_service.page_render import render

router = APIRouter(include_in_schema=False)
COUNTS = """SELECT ?name (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES (?name ?class) { ("actors" org:Organization) ("people" foaf:Person) ("plans" ess:Plan)
    ("partnerships" ess:Partnership) ("events" ess:Event) ("documents" ess:SourceDocument)
    ("mentions" ess:Mention) ("communes" igeo:Commune) ("epci" igeo:Intercommunalite) }
  ?x a ?class } GROUP BY ?name"""
CARDS = (
    ("actors", "acteurs", "/api/actors"),
    ("people", "personnes", "/api/people"),
    ("plans", "plans", "/api/plans"),
    ("partnerships", "partenariats", "/api/partnerships"),
    ("events", "événements", "/api/events"),
    ("documents", "documents", "/api/documents"),
    ("mentions", "passages annotés", None),
    ("epci", "intercommunalités", None),
    ("communes", "communes", None),
)
DOCUMENTS = "SELECT ?doc ?title WHERE { ?doc a ess:SourceDocument ; dcterms:title ?title }"
PROPERTY_LABELS = """SELECT ?p ?l WHERE {
  ?p a ?k ; rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "fr"))
  VALUES ?k { owl:ObjectProperty owl:DatatypeProperty rdf:Property owl:Class } }"""
# Names of reused terms the ontology does not label; interval links are shown as their dates.
NAMES = {RDF_TYPE: "type", TIME("hasBeginning").value: "début", TIME("hasEnd").value: "fin"}
HIDDEN = {ORG("memberDuring").value, TIME("hasTime").value}
SUBDIVISION = IGEO("subdivisionDirecteDe").value
PAGE_LINKS = 200
"""Incoming links (communes of a département, things of a kind…) on one page; ``?offset=``
gives the next ones."""
PLAN_STRUCTURE = {"hasOrientation", "hasStake", "hasObjective", "hasAction", "hasGovernanceBody"}


ERROR_TITLES = {
    400: "Requête invalide",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Méthode non permise",
    406: "Format non disponible",
    422: "Paramètres invalides",
    500: "Erreur du serveur",
    503: "Service indisponible",
}


def render_error(
    request: Request,
    status: int,
    message: str,
    errors: list[str],
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The HTML error page of ``status`` (for a client that prefers HTML)."""
    title = ERROR_TITLES.get(status) or HTTPStatus(status).phrase
    return render(
        request,
        "error.html",
        status,
        {**(headers or {}), "Vary": "Accept"},
        code=status,
        title=title,
        message=message,
        errors=errors,
    )


class _Links:
    """Turns IRIs and literals into what the templates show."""

    def __init__(self, client: GraphClient, root: str, names: dict[str, str]) -> None:
        self.base = client.iris.base
        self.id_prefix = f"{client.iris.base}id/"
        self.root = root
        self.names = {**NAMES, **names}
        self.hidden = {*HIDDEN, client.iris.term("period")}
        self.compact = {ns: p for p, ns in prefixes(client.iris).items()}

    def page(self, iri: str) -> str | None:
        return (
            f"{self.root}/page/{iri.removeprefix(self.id_prefix)}"
            if iri.startswith(self.id_prefix) and "#" not in iri
            else None
        )

    def term(self, iri: str) -> str:
        if iri in self.names:
            return self.names[iri]
        for ns, prefix in self.compact.items():
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def value(self, v: Value | Ref) -> dict[str, Any]:
        if isinstance(v, Ref):
            return {"text": v.label or v.id, "page": self.page(v.id), "href": v.id}
        if not v.is_iri:
            return {"text": v.value, "page": None, "href": None}
        return {"text": v.label or self.term(v.value), "page": self.page(v.value), "href": v.value}

    def rows(self, facts: dict[str, list[Value]]) -> list[dict[str, Any]]:
        shown = [p for p in facts if p not in self.hidden]
        order = sorted(shown, key=lambda p: (p != RDF_TYPE, self.term(p)))
        return [
            {"property": self.term(p), "values": [self.value(v) for v in facts[p]]} for p in order
        ]

    def sources(self, found: list[SourcePublic]) -> list[dict[str, Any]]:
        return [
            {
                **s.model_dump(),
                "document": self.value(s.document),
                "exact": plain(s.exact),
                "prefix": plain(s.prefix),
                "suffix": plain(s.suffix),
            }
            for s in found
        ]

    def groups(self, facts: dict[str, list[Value]]) -> list[dict[str, Any]]:
        """The facts as rows under French headings (identity, territory, figures…)."""
        grouped: dict[str, dict[str, list[Value]]] = {}
        for prop, values in facts.items():
            if prop in self.hidden or prop == RDF_TYPE:
                continue
            grouped.setdefault(group_of(prop), {})[prop] = values
        return [
            {"title": title, "rows": self.rows(grouped[title])}
            for title in GROUP_ORDER
            if title in grouped
        ]


@router.get("/", response_class=HTMLResponse)
async def read_home(
    request: Request, client: Annotated[GraphClient, Depends(get_client)]
) -> HTMLResponse:
    """What the graph holds, with counts and links."""
    counts = {r["name"]: r["n"] for r in await client.select(COUNTS)}
    root = request.scope.get("root_path", "")
    links = _Links(client, root, {})
    documents = [
        {"id": r["doc"], "label": r["title"], "page": links.page(r["doc"])}
        for r in await client.select(DOCUMENTS)
    ]
    cards = [
        {"label": text, "count": counts.get(name, 0), "url": url and root + url}
        for name, text, url in CARDS
    ]
    return render(
        request,
        "home.html",
        cards=cards,
        base=client.iris.base,
        documents=sorted(documents, key=lambda d: d["label"]),
    )


@router.get("/search", response_class=HTMLResponse)
async def read_search_page(
    request: Request,
    client: Annotated[GraphClient, Depends(get_client)],
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """A search box and the best matches."""
    links = _Links(client, request.scope.get("root_path", ""), {})
    hits = [
        {
            "iri": h.iri,
            "label": h.label,
            "kind": h.kind,
            "matched": h.matched,
            "page": links.page(h.iri),
        }
        for h in (search(index_path(client.settings.store_path), q, limit=100) if q else [])
    ]
    return render(request, "search.html", q=q, hits=hits)


@router.get("/page/{path:path}", response_class=HTMLResponse)
async def read_page(
    request: Request,
    path: str,
    client: Annotated[GraphClient, Depends(get_client)],
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """The page of ``id/<path>``: labels, facts, relations and sources."""
    iri = f"{client.iris.base}id/{resource_path(path)}"
    if path.startswith("dataset/"):  # tens of thousands of observations: one page of them
        table = await dataset(client, iri, offset)
        if table is not None:
            return render(request, "dataset.html", iri=iri, slug=path, **table)
    found = await describe(client, iri, linked_limit=PAGE_LINKS, linked_offset=offset)
    if not found.exists:
        raise NotFound(f"no resource id/{path}", [iri])
    names = {r["p"]: r["l"] for r in await client.select(PROPERTY_LABELS)}
    links = _Links(client, request.scope.get("root_path", ""), names)
    if path.startswith("plan/"):  # the tree below shows the structure, in order
        found = replace(  # a copy: the description may be shared (it is cached)
            found,
            facts={
                p: v for p, v in found.facts.items() if p.rsplit("#", 1)[-1] not in PLAN_STRUCTURE
            },
        )
    context = _entity(found, links, path)
    total = sum(found.linked_total.values())
    context["links_page"] = {"offset": offset, "size": PAGE_LINKS, "total": total}
    if context["kind"] == "document":
        context["mentioned"] = await mentioned_entities(client, iri, links.root)
        context["linked"] = [
            r for r in context["linked"] if not any("#" in (v["href"] or "") for v in r["values"])
        ]
    if context["kind"] == "plan":
        context["plan"] = {
            "tree": await plan_tree(client, iri),
            "bodies": await plan_bodies(client, iri),
            "votes": await plan_votes(client, iri),
        }
    return render(request, "entity.html", **context)


def _entity(found: Description, links: _Links, path: str) -> dict[str, Any]:
    linked: dict[str, list[Value]] = {}
    for prop, ref in found.linked:
        linked.setdefault(prop, []).append(Value(ref.id, True, ref.label))
    parts = linked.pop(SUBDIVISION, [])
    relations = [
        {
            "title": " · ".join(links.term(v.value) for v in props.get(RDF_TYPE, [])) or node,
            "kind": kind_fr(kind_of(node, links.base) or ""),
            "when": _years(props),
            "facts": links.rows(props),
            "sources": links.sources(found.sources.get(node, [])),
        }
        for node, props in sorted(found.nodes.items())
    ]
    relations.sort(key=lambda r: (r["kind"], r["when"] or "9999", r["title"]))
    figures = [
        _figure(props, links)
        for node, props in found.nodes.items()
        if kind_of(node, links.base) == "observation"
    ]
    relations = [r for r in relations if r["kind"] != kind_fr("observation")]
    kind = kind_of(found.iri, links.base) or ""
    return {
        "title": label(found) or found.iri,
        "iri": found.iri,
        "kinds": [kind_fr(kind)],
        "kind": kind,
        "slug": path,
        "data": f"{links.root}/data/{path}",
        "groups": links.groups(found.facts),
        "documents": [links.value(d) for d in found.documents],
        "relations": relations,
        "own_sources": links.sources(found.sources.get(found.iri, [])),
        "figures": sorted(
            sorted(figures, key=lambda f: f["period"], reverse=True), key=lambda f: f["measure"]
        ),
        "parts": sorted((links.value(v) for v in parts), key=lambda v: v["text"]),
        "parts_total": found.linked_total.get(SUBDIVISION, len(parts)),
        "linked": links.rows(linked),
    }


def _figure(props: dict[str, list[Value]], links: _Links) -> dict[str, Any]:
    """An observation as one row: measure, period, value, dataset."""
    measures = props.get(QB("measureType").value, [])
    measure = measures[0] if measures else None
    values = props.get(measure.value, []) if measure else []
    periods = props.get(SDMX_DIMENSION("refPeriod").value, [])
    datasets = props.get(QB("dataSet").value, [])
    return {
        "measure": (measure.label or links.term(measure.value)) if measure else "",
        "period": periods[0].value if periods else "",
        "value": values[0].value if values else "",
        "dataset": links.value(datasets[0]) if datasets else None,
    }


def _years(props: dict[str, list[Value]]) -> str | None:
    """The years of a fact node's dates: ``2019``, ``2019-2023`` or ``depuis 2019``."""
    begin = [v.value[:4] for v in props.get(TIME("hasBeginning").value, [])]
    end = [v.value[:4] for v in props.get(TIME("hasEnd").value, [])]
    if begin and end:
        return begin[0] if begin[0] == end[0] else f"{begin[0]}\u2013{end[0]}"
    if begin:
        return f"depuis {begin[0]}"
    return f"jusqu'en {end[0]}" if end else None
