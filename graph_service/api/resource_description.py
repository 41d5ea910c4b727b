"""A resource's description for the API and the pages: its facts, the fact nodes around it,
and the passages behind them.

Two rounds of SPARQL queries, each round's queries sent together, and the labels. First,
with the node bound as ``?s`` (never pasted): its outgoing facts with the graphs that state
them, the nodes linking to it, and the fact nodes (memberships, partnerships, events,
observations) linked to it either way. Then, for those fact nodes written as constants in a
VALUES block (IRIs checked): their own facts, every mention of the node or of its fact
nodes, and the labels of what the node links to; last, the labels of what the fact nodes
link to and the titles of the documents behind the facts and mentions. The service caches
the answers by build (:mod:`graph_service.api.read_cache`).
"""

from __future__ import annotations

from asyncio import gather
from collections import defaultdict
from dataclasses import dataclass, field

from ess_core.namespaces import DCTERMS, FOAF, IGEO, RDFS, SKOS
from graph_service.api.client import GraphClient, Row
from graph_service.api.models import Ref, SourcePublic
from graph_service.api.terms import iri as iri_term

LABEL_PROPS = ("skos:prefLabel", "foaf:name", "igeo:nom", "dcterms:title", "rdfs:label")
FACT_NODE_KINDS = r"/id/(membership|partnership|event|change|observation)/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL_IRIS = (
    SKOS("prefLabel").value,
    FOAF("name").value,
    IGEO("nom").value,
    DCTERMS("title").value,
    RDFS("label").value,
)
ANY_LANGUAGE = {SKOS("prefLabel").value, RDFS("label").value}


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


DATE_VALUES = (
    "time:inXSDgYear",
    "time:inXSDDate",
    "time:inXSDDateTimeStamp",
    "time:inXSDgYearMonth",
)
"""The properties of a ``time:Instant`` that give its date."""


def dates_of(var: str) -> str:
    """Union branches giving the beginning and end of ``?<var>``'s interval as ``?p ?o``.

    One plain pattern of constant properties per branch (20 branches): an alternative path
    (``a|b``) makes Oxigraph walk every interval of the store, and a variable property
    filtered by ``IN`` (``?_dt ?_dv ?o FILTER(?_dv IN (...))``) cost Virtuoso 0.4 s for each
    description at 10 M triples, even when nothing matched (docs/BENCHMARKS.md, "National
    scale"): constant properties, 0.1 s there, 2 ms in Oxigraph.
    """
    branches = [
        f"{{ ?{var} {via} ?_di . ?_di {edge} ?_dt . ?_dt {value} ?o BIND({edge} AS ?p) }}"
        for via in ("org:memberDuring", "ess:period")
        for edge in ("time:hasBeginning", "time:hasEnd")
        for value in DATE_VALUES
    ]
    branches += [
        f"{{ ?{var} time:hasTime ?_dt . ?_dt {value} ?o BIND(time:hasBeginning AS ?p) }}"
        for value in DATE_VALUES
    ]
    return " UNION ".join(branches)


def around(var: str, body: str) -> str:
    """Fact nodes ``?<var>`` linked to ``?s`` either way, ``body`` inside each branch.

    The optimiser does not know that a substituted ``?s`` is bound, so patterns that
    depend on ``?<var>`` stay inside the branches, after the pattern that binds it.
    """
    test = f'FILTER(isIRI(?{var}) && REGEX(STR(?{var}), "{FACT_NODE_KINDS}"))'
    return f"{{ ?{var} ?_in ?s {test} {body} }} UNION {{ ?s ?_out ?{var} {test} {body} }}"


# Two steps. First the node's own facts, the nodes linking to it and the fact nodes around
# it; then, for the node and its fact nodes written as a VALUES block, the facts of the fact
# nodes and every mention of them. A mention's selectors are read with property paths in
# flat OPTIONALs: nested OPTIONALs make Oxigraph evaluate their inside over the whole store
# (seconds instead of milliseconds).
MENTION = """?m oa:hasTarget ?t . ?t oa:hasSource ?doc .
  OPTIONAL { ?t oa:hasSelector/oa:start ?start } OPTIONAL { ?t oa:hasSelector/oa:end ?end }
  OPTIONAL { ?t oa:hasSelector/oa:exact ?exact }
  OPTIONAL { ?t oa:hasSelector/oa:prefix ?prefix } OPTIONAL { ?t oa:hasSelector/oa:suffix ?suffix }
  OPTIONAL { ?m ess:extractionMethod ?method } OPTIONAL { ?m ess:confidence ?confidence }"""
_FACTS = f"""SELECT ?s ?p ?o ?g WHERE {{
  {{ GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }} }}
  UNION {dates_of("s")} }}"""
# ``{nodes}``: a VALUES body (:func:`_chunks`): the documents of the facts and mentions only
# (all of them cost 0.24 s at 1 M triples, 689 documents).
_DOCUMENTS = """SELECT ?doc ?title ?issued WHERE { VALUES ?doc { {nodes} }
  ?doc a ess:SourceDocument ; dcterms:title ?title OPTIONAL { ?doc dcterms:issued ?issued } }"""
# Mention targets (oa:hasSource) are a document's provenance, shown as its entities instead.
_INCOMING = "?node ?in ?s FILTER(isIRI(?node) && ?in != oa:hasBody && ?in != oa:hasSource)"
_NOT_FACT_NODE = f'FILTER(!REGEX(STR(?node), "{FACT_NODE_KINDS}"))'
_LINKED = f"SELECT ?s ?node ?in WHERE {{ {_INCOMING} {_NOT_FACT_NODE} }}"
_LINKED_COUNTS = (
    f"SELECT ?s ?in (COUNT(*) AS ?n) WHERE {{ {_INCOMING} {_NOT_FACT_NODE} }} GROUP BY ?s ?in"
)
_AROUND = f"""SELECT DISTINCT ?s ?node WHERE {{
  {{ ?s ?_out ?node }} UNION {{ ?node ?_in ?s }}
  FILTER(isIRI(?node) && REGEX(STR(?node), "{FACT_NODE_KINDS}")) }}"""
_LABEL_PATTERN = "?node ?lp ?label FILTER(?lp IN ({props}))".format(props=", ".join(LABEL_PROPS))
# ``{nodes}``: a VALUES body (:func:`_chunks`).
_LABELS = (
    "SELECT ?node ?lp ?label (LANG(?label) AS ?lang) WHERE { VALUES ?node { {nodes} } "
    + _LABEL_PATTERN
    + " }"
)
_FACT_NODES = (
    "SELECT ?node ?p ?o WHERE { VALUES ?node { {nodes} } { ?node ?p ?o } UNION "
    + dates_of("node")
    + " }"
)
_SOURCES = f"""SELECT ?node ?m ?doc ?start ?end ?exact ?prefix ?suffix ?method ?confidence
WHERE {{ VALUES ?node {{ {{nodes}} }} ?m oa:hasBody ?node . {MENTION} }}"""
VALUES_CHUNK = 400  # IRIs per VALUES block: a territory may have thousands of observations
LINKED_LIMIT = 2000
"""Incoming links a description holds at most (the pages ask for fewer, a page at a time)."""


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
    linked_total: dict[str, int] = field(default_factory=dict)
    """Incoming links by property, all of them (``linked`` may hold a page of them)."""
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


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://", "urn:"))


def _value(row: Row, var: str, labels: dict[str, str]) -> Value:
    text = str(row[var])
    is_iri = _is_iri(text)
    return Value(text, is_iri, labels.get(text) if is_iri else None)


async def _no_rows() -> list[Row]:
    return []


def _add(target: dict[str, list[Value]], prop: str, value: Value) -> None:
    values = target.setdefault(prop, [])
    if all(v.value != value.value for v in values):
        values.append(value)


def _method(value: str | None) -> str | None:
    return value.rsplit("#", 1)[-1].removeprefix("method-") if value else None


def _chunks(nodes: list[str]) -> list[str]:
    """``nodes`` as VALUES bodies (IRIs checked, written as constants) of bounded size."""
    return [
        " ".join(iri_term(n, "iri") for n in nodes[i : i + VALUES_CHUNK])
        for i in range(0, len(nodes), VALUES_CHUNK)
    ]


async def _each_chunk(client: GraphClient, query: str, nodes: list[str]) -> list[Row]:
    """The rows of ``query`` (its ``{nodes}`` replaced by each chunk of ``nodes``), together."""
    answers = await gather(
        *(client.select(query.replace("{nodes}", chunk)) for chunk in _chunks(nodes))
    )
    return [row for rows in answers for row in rows]


def best_labels(rows: list[Row]) -> dict[str, str]:
    """The display label of each ``?node`` among its ``?lp ?label ?lang`` rows: as
    :func:`label_of` chooses it (French or untagged, property by property; then any
    preferred label or rdfs:label)."""
    rank = {iri: i for i, iri in enumerate(LABEL_IRIS)}
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        lang = str(row.get("lang") or "").lower()
        position = rank.get(str(row["lp"]), len(rank))
        if lang and lang != "fr" and not lang.startswith("fr-"):
            if str(row["lp"]) not in ANY_LANGUAGE:
                continue
            position += len(rank)  # another language: only when nothing else is there
        node = str(row["node"])
        if node not in best or position < best[node][0]:
            best[node] = (position, str(row["label"]))
    return {node: text for node, (_, text) in best.items()}


async def labels_of(client: GraphClient, nodes: list[str]) -> dict[str, str]:
    """The display label of each IRI of ``nodes`` that has one (as :func:`best_labels`)."""
    iris = sorted({n for n in nodes if _is_iri(n)})
    return best_labels(await _each_chunk(client, _LABELS, iris))


async def describe(
    client: GraphClient, node: str, *, linked_limit: int = LINKED_LIMIT, linked_offset: int = 0
) -> Description:
    """The description of ``node`` (empty when the graph does not know it), with at most
    ``linked_limit`` of its incoming links, from the ``linked_offset``-th.

    Kept for the build served when the client caches answers: the same object is then
    returned to every caller, who must not change it.
    """
    build_id = await client.build_id()
    key = ("describe", node, linked_limit, linked_offset)
    if build_id is not None and client.cache is not None:
        kept = client.cache.recall(build_id, key)
        if isinstance(kept, Description):
            return kept
    found = await _describe(client, node, linked_limit, linked_offset)
    if build_id is not None and client.cache is not None:
        client.cache.remember(build_id, key, found)
    return found


async def _describe(
    client: GraphClient, node: str, linked_limit: int, linked_offset: int
) -> Description:
    bindings = {"s": iri_term(node, "iri")}
    found = Description(node)
    # No ORDER BY: sorting a thousand IRIs costs more than the rest of the description, and
    # the store's index order is stable for a build.
    linked = f"{_LINKED} LIMIT {int(linked_limit)} OFFSET {int(linked_offset)}"
    fact_rows, linked_rows, around_rows = await gather(
        client.select(_FACTS, bindings),
        client.select(linked, bindings),
        client.select(_AROUND, bindings),
    )
    fact_nodes = sorted({row["node"] for row in around_rows})
    direct = {str(row["o"]) for row in fact_rows} | {row["node"] for row in linked_rows}
    labelled = sorted(iri for iri in direct if _is_iri(iri))
    partial = linked_offset > 0 or len(linked_rows) >= linked_limit
    node_rows, label_rows, mention_rows, count_rows = await gather(
        _each_chunk(client, _FACT_NODES, fact_nodes),
        _each_chunk(client, _LABELS, labelled),
        _each_chunk(client, _SOURCES, [node, *fact_nodes]),
        client.select(_LINKED_COUNTS, bindings) if partial else _no_rows(),
    )
    # then the labels of what the fact nodes point at, each IRI once (a join from the fact
    # nodes would look the same dataset or measure up once per observation), and the titles
    # of the documents stating the facts or holding the mentions
    around = {str(row["o"]) for row in node_rows} - set(labelled)
    graphs = {str(row.get("g", "")) for row in fact_rows}
    prefix = f"{client.iris.base}graph/document/"
    stating = {
        f"{client.iris.base}id/document/{g.removeprefix(prefix)}"
        for g in graphs
        if g.startswith(prefix)
    }
    more_labels, doc_rows = await gather(
        _each_chunk(client, _LABELS, sorted(i for i in around if _is_iri(i))),
        _each_chunk(client, _DOCUMENTS, sorted(stating | {str(r["doc"]) for r in mention_rows})),
    )
    labels = best_labels(label_rows + more_labels)
    for row in fact_rows:
        _add(found.facts, row["p"], _value(row, "o", labels))
    titles = {row["doc"]: row["title"] for row in doc_rows}
    issued = {row["doc"]: row["issued"] for row in doc_rows if "issued" in row}
    found.documents = [
        Ref(id=doc, label=titles.get(doc))
        for doc in (
            f"{client.iris.base}id/document/{g.removeprefix(prefix)}"
            for g in sorted(graphs)
            if g.startswith(prefix)
        )
    ]
    found.linked = [
        (row["in"], Ref(id=row["node"], label=labels.get(row["node"]))) for row in linked_rows
    ]
    totals: dict[str, int] = {}
    for prop, _ref in found.linked:
        totals[prop] = totals.get(prop, 0) + 1
    found.linked_total = {row["in"]: int(row["n"]) for row in count_rows} if partial else totals
    nodes: dict[str, dict[str, list[Value]]] = defaultdict(dict)
    for row in node_rows:
        _add(nodes[row["node"]], row["p"], _value(row, "o", labels))
    found.nodes = dict(nodes)
    sources: dict[str, list[SourcePublic]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for row in sorted(mention_rows, key=_source_order):
        if (row["node"], row["m"]) in seen:  # a selector with two values of a property
            continue
        seen.add((row["node"], row["m"]))
        sources[row["node"]].append(
            SourcePublic(
                mention=row["m"],
                document=Ref(id=row["doc"], label=titles.get(row["doc"])),
                start=row.get("start"),
                end=row.get("end"),
                exact=row.get("exact"),
                prefix=row.get("prefix"),
                suffix=row.get("suffix"),
                issued=issued.get(row["doc"]),
                method=_method(row.get("method")),
                confidence=row.get("confidence"),
            )
        )
    found.sources = dict(sources)
    return found


def _source_order(row: Row) -> tuple[str, int, str]:
    """Mentions by document, then by position (the order of the text)."""
    start = row.get("start")
    return (str(row["doc"]), start if isinstance(start, int) else -1, str(row["m"]))
