"""HTML pages a person can read: home (``/``), entity (``/page/<kind>/<slug>``), search.

Plain HTML from Jinja2 templates and one local stylesheet (``/static/style.css``): no script,
no CDN, so the pages work offline. Entity pages show labels, facts and relations, each with its
sources (document, passage, method, confidence).
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ess_core.errors import NotFound
from ess_core.namespaces import ORG, TIME, prefixes
from graph_service.api.client import GraphClient, get_client
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.relations import label
from graph_service.api.resource_description import RDF_TYPE, Description, Value, describe
from graph_service.api.terms import resource_path
from graph_service.label_search import index_path, search

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)
templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))
COUNTS = """SELECT ?name (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES (?name ?class) { ("actors" org:Organization) ("people" foaf:Person) ("plans" ess:Plan)
    ("partnerships" ess:Partnership) ("events" ess:Event) ("documents" ess:SourceDocument)
    ("mentions" ess:Mention) ("communes" igeo:Commune) ("epci" igeo:Intercommunalite) }
  ?x a ?class } GROUP BY ?name"""
CARDS = (("actors", "acteurs", "/api/actors"), ("people", "personnes", "/api/people"),
         ("plans", "plans", "/api/plans"), ("partnerships", "partenariats", "/api/partnerships"),
         ("events", "événements", "/api/events"), ("documents", "documents", "/api/documents"),
         ("mentions", "passages annotés", None), ("epci", "intercommunalités", None),
         ("communes", "communes", None))
DOCUMENTS = "SELECT ?doc ?title WHERE { ?doc a ess:SourceDocument ; dcterms:title ?title }"
PROPERTY_LABELS = """SELECT ?p ?l WHERE {
  ?p a ?k ; rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "fr"))
  VALUES ?k { owl:ObjectProperty owl:DatatypeProperty rdf:Property owl:Class } }"""
# Names of reused terms the ontology does not label; interval links are shown as their dates.
NAMES = {RDF_TYPE: "type", TIME("hasBeginning").value: "début", TIME("hasEnd").value: "fin"}
HIDDEN = {ORG("memberDuring").value, TIME("hasTime").value}


def _render(request: Request, template: str, status: int = 200,
            headers: Mapping[str, str] | None = None, **context: Any) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    html = templates.get_template(template).render(root=root, **context)
    return HTMLResponse(html, status_code=status, headers=headers)


ERROR_TITLES = {400: "Requête invalide", 403: "Accès refusé", 404: "Page introuvable",
                405: "Méthode non permise", 406: "Format non disponible",
                422: "Paramètres invalides", 500: "Erreur du serveur",
                503: "Service indisponible"}


def render_error(request: Request, status: int, message: str, errors: list[str],
                 headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """The HTML error page of ``status`` (for a client that prefers HTML)."""
    title = ERROR_TITLES.get(status) or HTTPStatus(status).phrase
    return _render(request, "error.html", status, {**(headers or {}), "Vary": "Accept"},
                   code=status, title=title, message=message, errors=errors)


class _Links:
    """Turns IRIs and literals into what the templates show."""

    def __init__(self, client: GraphClient, root: str, names: dict[str, str]) -> None:
        self.id_prefix = f"{client.iris.base}id/"
        self.root = root
        self.names = {**NAMES, **names}
        self.hidden = {*HIDDEN, client.iris.term("period")}
        self.compact = {ns: p for p, ns in prefixes(client.iris).items()}

    def page(self, iri: str) -> str | None:
        return (f"{self.root}/page/{iri.removeprefix(self.id_prefix)}"
                if iri.startswith(self.id_prefix) and "#" not in iri else None)

    def term(self, iri: str) -> str:
        if iri in self.names:
            return self.names[iri]
        for ns, prefix in self.compact.items():
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def value(self, v: Value | Ref) -> dict[str, Any]:
        if isinstance(v, Ref):
            return {"text": v.label or v.id, "page": self.page(v.id), "href": v.id}
        if not v.is_iri:
            return {"text": v.value, "page": None, "href": None}
        return {"text": v.label or self.term(v.value), "page": self.page(v.value),
                "href": v.value}

    def rows(self, facts: dict[str, list[Value]]) -> list[dict[str, Any]]:
        shown = [p for p in facts if p not in self.hidden]
        order = sorted(shown, key=lambda p: (p != RDF_TYPE, self.term(p)))
        return [{"property": self.term(p), "values": [self.value(v) for v in facts[p]]}
                for p in order]

    def sources(self, found: list[SourcePublic]) -> list[dict[str, Any]]:
        return [{**s.model_dump(), "document": self.value(s.document)} for s in found]


@router.get("/", response_class=HTMLResponse)
async def read_home(request: Request,
                    client: Annotated[GraphClient, Depends(get_client)]) -> HTMLResponse:
    """What the graph holds, with counts and links."""
    counts = {r["name"]: r["n"] for r in await client.select(COUNTS)}
    root = request.scope.get("root_path", "")
    links = _Links(client, root, {})
    documents = [{"id": r["doc"], "label": r["title"], "page": links.page(r["doc"])}
                 for r in await client.select(DOCUMENTS)]
    cards = [{"label": text, "count": counts.get(name, 0), "url": url and root + url}
             for name, text, url in CARDS]
    return _render(request, "home.html", cards=cards, base=client.iris.base,
                   documents=sorted(documents, key=lambda d: d["label"]))


@router.get("/search", response_class=HTMLResponse)
async def read_search_page(
    request: Request, client: Annotated[GraphClient, Depends(get_client)],
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """A search box and the best matches."""
    links = _Links(client, request.scope.get("root_path", ""), {})
    hits = [{"iri": h.iri, "label": h.label, "kind": h.kind, "matched": h.matched,
             "page": links.page(h.iri)}
            for h in (search(index_path(client.settings.store_path), q)[:100] if q else [])]
    return _render(request, "search.html", q=q, hits=hits)


@router.get("/page/{path:path}", response_class=HTMLResponse)
async def read_page(request: Request, path: str,
                    client: Annotated[GraphClient, Depends(get_client)]) -> HTMLResponse:
    """The page of ``id/<path>``: labels, facts, relations and sources."""
    iri = f"{client.iris.base}id/{resource_path(path)}"
    found = await describe(client, iri)
    if not found.exists:
        raise NotFound(f"no resource id/{path}", [iri])
    names = {r["p"]: r["l"] for r in await client.select(PROPERTY_LABELS)}
    links = _Links(client, request.scope.get("root_path", ""), names)
    return _render(request, "entity.html", **_entity(found, links, path))


def _entity(found: Description, links: _Links, path: str) -> dict[str, Any]:
    linked: dict[str, list[Value]] = {}
    for prop, ref in found.linked:
        linked.setdefault(prop, []).append(Value(ref.id, True, ref.label))
    relations = [{"title": " · ".join(links.term(v.value) for v in props.get(RDF_TYPE, [])) or node,
                  "facts": links.rows(props), "sources": links.sources(found.sources.get(node, []))}
                 for node, props in sorted(found.nodes.items())]
    return {"title": label(found) or found.iri, "iri": found.iri,
            "kinds": [links.term(v.value) for v in found.values(RDF_TYPE)],
            "data": f"{links.root}/data/{path}", "facts": links.rows(found.facts),
            "documents": [links.value(d) for d in found.documents],
            "relations": relations, "own_sources": links.sources(found.sources.get(found.iri, [])),
            "linked": links.rows(linked)}


@router.get("/static/style.css")
async def read_stylesheet() -> FileResponse:
    """The pages' only stylesheet."""
    return FileResponse(HERE / "static" / "style.css", media_type="text/css")
