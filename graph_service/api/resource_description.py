"""A resource's description for the API and the pages: its facts, the fact nodes around it,
and the passages behind them.

Three SPARQL queries with the node bound as ``?s`` (never pasted): outgoing facts with the
graphs that state them, fact nodes (memberships, partnerships, events, observations) linked to
it with their own facts, and every mention of the node or of its fact nodes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph_service.api.client import GraphClient, Row
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.terms import iri as iri_term

LABEL_PROPS = ("skos:prefLabel", "foaf:name", "igeo:nom", "dcterms:title", "rdfs:label")
FACT_NODE_KINDS = r"/id/(membership|partnership|event|change|observation)/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def label_of(var: str) -> str:
    """Graph pattern binding ``?<var>_label`` to the best label of ``?<var>`` (if any).

    French or untagged labels first, property by property; then any preferred label.
    """
    french = 'FILTER(LANG(?{v}) = "" || LANGMATCHES(LANG(?{v}), "fr"))'
    parts = [
        f"OPTIONAL {{ ?{var} {p} ?{var}_l{i} {french.format(v=f'{var}_l{i}')} }}"
        for i, p in enumerate(LABEL_PROPS)
    ]
    parts.append(f"OPTIONAL {{ ?{var} skos:prefLabel|rdfs:label ?{var}_any }}")
    options = ", ".join([*(f"?{var}_l{i}" for i in range(len(LABEL_PROPS))), f"?{var}_any"])
    return " ".join(parts) + f" BIND(COALESCE({options}) AS ?{var}_label)"


def dates_of(var: str) -> str:
    """Union branches giving the beginning and end of ``?<var>``'s interval as ``?p ?o``."""
    period = "(org:memberDuring|ess:period)"
    value = "(time:inXSDgYear|time:inXSDDate|time:inXSDDateTimeStamp|time:inXSDgYearMonth)"
    instant = f"{{ ?{var} time:hasTime/{value} ?o BIND(time:hasBeginning AS ?p) }}"
    return " UNION ".join(
        [
            *(
                f"{{ ?{var} {period}/time:{edge}/{value} ?o BIND(time:{edge} AS ?p) }}"
                for edge in ("hasBeginning", "hasEnd")
            ),
            instant,
        ]
    )


def around(var: str, body: str) -> str:
    """Fact nodes ``?<var>`` linked to ``?s`` either way, ``body`` inside each branch.

    The optimiser does not know that a substituted ``?s`` is bound, so patterns that
    depend on ``?<var>`` stay inside the branches, after the pattern that binds it.
    """
    test = f'FILTER(isIRI(?{var}) && REGEX(STR(?{var}), "{FACT_NODE_KINDS}"))'
    return f"{{ ?{var} ?_in ?s {test} {body} }} UNION {{ ?s ?_out ?{var} {test} {body} }}"


MENTION = """?m oa:hasTarget ?t . ?t oa:hasSource ?doc .
  OPTIONAL { ?t oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end }
  OPTIONAL { ?t oa:hasSelector ?qs . ?qs oa:exact ?exact
    OPTIONAL { ?qs oa:prefix ?prefix ; oa:suffix ?suffix } }
  OPTIONAL { ?m ess:extractionMethod ?method } OPTIONAL { ?m ess:confidence ?confidence }"""
_FACTS = f"""SELECT ?s ?p ?o ?o_label ?g WHERE {{
  {{ GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }} }}
  UNION {dates_of("s")}
  {label_of("o")} }}"""
_DOCUMENTS = "SELECT ?doc ?title WHERE { ?doc a ess:SourceDocument ; dcterms:title ?title }"
_LINKED = f"""SELECT ?s ?node ?in ?node_label WHERE {{
  ?node ?in ?s FILTER(isIRI(?node) && ?in != oa:hasBody && !REGEX(STR(?node), "{FACT_NODE_KINDS}"))
  {label_of("node")} }} LIMIT 2000"""
_FACT_NODES = f"""SELECT DISTINCT ?s ?node ?p ?o ?o_label WHERE {{
  {{ {around("node", f"?node ?p ?o {label_of('o')}")} }}
  UNION {{ {around("node", dates_of("node"))} }} }}"""
_SOURCES = f"""SELECT DISTINCT ?s ?node ?m ?doc ?doc_label ?doc_issued ?start ?end ?exact ?prefix
  ?suffix ?method ?confidence
WHERE {{
  {{ ?m oa:hasBody ?s BIND(?s AS ?node) {MENTION} }}
  UNION {around("node", f"?m oa:hasBody ?node . {MENTION}")}
  OPTIONAL {{ ?doc dcterms:issued ?doc_issued }}
  {label_of("doc")} }} ORDER BY ?doc ?start"""


@dataclass(frozen=True)
class Value:
    """An object of a fact: an IRI (with its label) or a literal's lexical form."""

    value: str
    is_iri: bool
    label: str | None = None

    def ref(self) -> Ref:
        return Ref(id=self.value, label=self.label)


@dataclass
class Description:
    """Everything the API and the pages show about one node."""

    iri: str
    facts: dict[str, list[Value]] = field(default_factory=dict)
    documents: list[Ref] = field(default_factory=list)
    linked: list[tuple[str, Ref]] = field(default_factory=list)
    nodes: dict[str, dict[str, list[Value]]] = field(default_factory=dict)
    sources: dict[str, list[SourcePublic]] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.facts or self.linked)

    def values(self, prop: str) -> list[Value]:
        return self.facts.get(prop, [])

    def first(self, prop: str) -> str | None:
        found = self.values(prop)
        return found[0].value if found else None

    def refs(self, prop: str) -> list[Ref]:
        return [v.ref() for v in self.values(prop) if v.is_iri]

    def fact_nodes(self, type_iri: str) -> dict[str, dict[str, list[Value]]]:
        """Fact nodes of an rdf:type, by IRI."""
        return {
            node: props
            for node, props in self.nodes.items()
            if any(v.value == type_iri for v in props.get(RDF_TYPE, []))
        }


def _value(row: Row, var: str) -> Value:
    text = str(row[var])
    return Value(text, text.startswith(("http://", "https://", "urn:")), row.get(f"{var}_label"))


def _add(target: dict[str, list[Value]], prop: str, value: Value) -> None:
    values = target.setdefault(prop, [])
    if all(v.value != value.value for v in values):
        values.append(value)


def _method(value: str | None) -> str | None:
    return value.rsplit("#", 1)[-1].removeprefix("method-") if value else None


async def describe(client: GraphClient, node: str) -> Description:
    """The description of ``node`` (empty when the graph does not know it)."""
    bindings = {"s": iri_term(node, "iri")}
    found = Description(node)
    graphs: set[str] = set()
    for row in await client.select(_FACTS, bindings):
        _add(found.facts, row["p"], _value(row, "o"))
        graphs.add(row.get("g", ""))
    prefix = f"{client.iris.base}graph/document/"
    titles = {row["doc"]: row["title"] for row in await client.select(_DOCUMENTS)}
    found.documents = [
        Ref(id=doc, label=titles.get(doc))
        for doc in (
            f"{client.iris.base}id/document/{g.removeprefix(prefix)}"
            for g in sorted(graphs)
            if g.startswith(prefix)
        )
    ]
    found.linked = [
        (row["in"], Ref(id=row["node"], label=row.get("node_label")))
        for row in await client.select(_LINKED, bindings)
    ]
    nodes: dict[str, dict[str, list[Value]]] = defaultdict(dict)
    for row in await client.select(_FACT_NODES, bindings):
        if "p" in row:
            _add(nodes[row["node"]], row["p"], _value(row, "o"))
    found.nodes = dict(nodes)
    sources: dict[str, list[SourcePublic]] = defaultdict(list)
    for row in await client.select(_SOURCES, bindings):
        sources[row["node"]].append(
            SourcePublic(
                mention=row["m"],
                document=Ref(id=row["doc"], label=row.get("doc_label")),
                start=row.get("start"),
                end=row.get("end"),
                exact=row.get("exact"),
                prefix=row.get("prefix"),
                suffix=row.get("suffix"),
                issued=row.get("doc_issued"),
                method=_method(row.get("method")),
                confidence=row.get("confidence"),
            )
        )
    found.sources = dict(sources)
    return found
