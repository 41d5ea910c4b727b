"""Score the extraction on the annotated corpus (``../shared/corpus``), on the graph.

The corpus texts are extracted as documents (metadata from the sidecar's top-level ``title``,
``publisher``, ``date``, ``genre``; every gold key is ignored), resolved together per split,
turned into RDF by the project's record mapper and loaded into an in-memory pyoxigraph store.
Each document's named graph is then read with SPARQL and scored as the corpus README says:

* people, organisations: a gold entity is found when a node of its kind has a name matching
  the gold name or one of its mentions (:mod:`ingest.evaluation.corpus_names`); a node is
  correct when its names match anything of the annotation (people, organisations,
  territories, publisher);
* roles: a membership links the person and the organisation (and has the gold years);
* links: two organisations are linked (order and type not scored);
* located: an organisation is linked to the commune; founded: its founding year;
* duplicates: an annotated organisation found as several nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pyoxigraph import Literal, NamedNode, Quad, Store

from ess_core.iris import Iris
from ess_core.namespaces import RDFS, prefixes
from ess_core.settings import Settings
from ingest.curation import load_curation
from ingest.evaluation.corpus_names import names_match
from ingest.evaluation.seeds import Score
from ingest.extract.emit import Record
from ingest.extract.run import DocumentMeta, Source, extract_all, resolve_all
from ingest.rdf.records import document_quads

CORPUS_KINDS = ("people", "organisations", "roles", "links", "located", "founded")
_META_KEYS = ("title", "publisher", "date", "genre")


@dataclass(frozen=True)
class CorpusDocument:
    """One annotated text: its id, text, sidecar metadata and (for scoring only) its gold."""

    id: str
    path: Path
    text: str
    meta: Mapping[str, Any]
    gold: Mapping[str, Any]


@dataclass
class CorpusScores:
    """Scores per kind over one split, and the duplicate nodes found."""

    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in CORPUS_KINDS})
    duplicates: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def load_split(folder: Path) -> dict[str, list[str]]:
    """``SPLIT.yaml``: split name -> document ids."""
    data = yaml.safe_load((folder / "SPLIT.yaml").read_text("utf-8"))
    return {str(k): [str(i) for i in v] for k, v in data.items()}


def load_documents(folder: Path, ids: Iterable[str]) -> list[CorpusDocument]:
    """The texts and sidecars of ``ids`` (the sidecar's gold stays apart from the metadata)."""
    docs = []
    for doc_id in ids:
        text_path = folder / f"{doc_id}.txt"
        gold = yaml.safe_load((folder / f"{doc_id}.yaml").read_text("utf-8")) or {}
        meta = {k: gold.get(k) for k in _META_KEYS}
        docs.append(CorpusDocument(doc_id, text_path, text_path.read_text("utf-8"), meta, gold))
    return docs


def extract_records(
    settings: Settings,
    docs: Sequence[CorpusDocument],
    step: Callable[[str], None] = lambda _: None,
) -> dict[str, list[Record]]:
    """Records of the documents, extracted and resolved together (nothing written)."""
    curation = load_curation(settings)
    sources = [Source(d.id, d.path, d.text) for d in docs]
    meta = {d.id: DocumentMeta(_year(d.meta.get("date"))) for d in docs}
    extractions = extract_all(settings, sources, curation, step)
    _, records = resolve_all(settings, extractions, curation, meta)
    return records


def _year(date: Any) -> int | None:
    text = str(date or "")
    return int(text[:4]) if text[:4].isdigit() else None


def load_store(iris: Iris, records: Mapping[str, list[Record]]) -> Store:
    """An in-memory store of the documents' graphs, with the names of the territories they
    point to (``rdfs:label`` in the default graph)."""
    store = Store()
    quads: list[Quad] = []
    for doc, recs in records.items():
        quads += document_quads(iris, doc, recs)
        for r in recs:
            if r["type"] == "entity" and r["kind"] == "territory" and r["fields"].get("iri"):
                quads.append(
                    Quad(NamedNode(r["fields"]["iri"]), RDFS("label"), Literal(r["fields"]["name"]))
                )
    store.extend(quads)
    return store


def _prologue(iris: Iris) -> str:
    return "".join(f"PREFIX {p}: <{i}>\n" for p, i in prefixes(iris).items())


def _rows(store: Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(t.value if t is not None else "" for t in row) for row in store.query(query)]  # type: ignore[union-attr]


@dataclass
class _Graph:
    """What one document's graph says, read with SPARQL."""

    kinds: dict[str, str]
    names: dict[str, set[str]]
    roles: set[tuple[str, str, str, str]]
    links: set[frozenset[str]]
    located: set[tuple[str, str]]
    founded: set[tuple[str, str]]


def read_graph(store: Store, iris: Iris, doc: str) -> _Graph:
    """Nodes, names and facts of ``doc``'s named graph."""
    g = f"<{iris.graph('document', doc)}>"
    pre = _prologue(iris)
    kinds: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    for node, kind, name in _rows(
        store,
        pre + "SELECT ?n ?k ?name WHERE { GRAPH " + g + " {"
        " { ?n a foaf:Person ; foaf:name|skos:altLabel ?name BIND('person' AS ?k) } UNION"
        " { ?n a org:Organization ; skos:prefLabel|skos:altLabel ?name"
        "   BIND('organisation' AS ?k) } UNION"
        " { ?n a ess:Project ; skos:prefLabel|skos:altLabel ?name BIND('project' AS ?k) } } }",
    ):
        kinds[node] = kind
        names.setdefault(node, set()).add(name)
    roles = {
        (p, o, s, e)
        for p, o, s, e in _rows(
            store,
            pre + "SELECT ?p ?o ?s ?e WHERE { GRAPH " + g + " { ?m a org:Membership ;"
            " org:member ?p ; org:organization ?o ."
            " OPTIONAL { ?m org:memberDuring ?i ."
            " OPTIONAL { ?i time:hasBeginning/time:inXSDgYear ?s }"
            " OPTIONAL { ?i time:hasEnd/time:inXSDgYear ?e } } } }",
        )
    }
    links = {
        frozenset((a, b))
        for a, b in _rows(
            store,
            pre + "SELECT ?a ?b WHERE { GRAPH " + g + " { ?x a ess:Partnership ;"
            " ess:partner ?a, ?b . FILTER(STR(?a) < STR(?b)) } }",
        )
    }
    located = {
        (o, name)
        for o, name in _rows(
            store,
            pre + "SELECT ?o ?name WHERE { GRAPH " + g + " { ?o a org:Organization ;"
            " ess:locatedIn ?t } ?t rdfs:label ?name }",
        )
    }
    founded = {
        (o, y)
        for o, y in _rows(
            store,
            pre + "SELECT ?o ?y WHERE { GRAPH " + g + " { ?c a ess:Founding ;"
            " org:resultingOrganization ?o ; time:hasTime/time:inXSDgYear ?y } }",
        )
    }
    return _Graph(kinds, names, roles, links, located, founded)


def _gold_names(item: Mapping[str, Any]) -> list[str]:
    return [str(item["name"]), *(str(m) for m in item.get("mentions") or [])]


def _year_of(value: str) -> str:
    return value[:4] if value else ""


def score_document(graph: _Graph, gold: Mapping[str, Any], result: CorpusScores) -> None:
    """Add one document's counts to ``result``."""
    doc = gold.get("id", "?")
    people = {str(p["name"]): _gold_names(p) for p in gold.get("people") or []}
    orgs = {str(o["name"]): _gold_names(o) for o in gold.get("organisations") or []}
    others = [str(t) for t in gold.get("territories") or []]
    if gold.get("publisher"):
        others.append(str(gold["publisher"]))
    everything = [n for ns in (*people.values(), *orgs.values()) for n in ns] + others

    def nodes_of(gold_names: list[str], kinds: Iterable[str]) -> set[str]:
        wanted = set(kinds)
        return {
            n
            for n, k in graph.kinds.items()
            if k in wanted and names_match(graph.names[n], gold_names)
        }

    org_nodes = {name: nodes_of(ns, ("organisation", "project")) for name, ns in orgs.items()}
    person_nodes = {name: nodes_of(ns, ("person",)) for name, ns in people.items()}
    for section, kind, gold_nodes in (
        ("people", "person", person_nodes),
        ("organisations", "organisation", org_nodes),
    ):
        predicted = [n for n, k in graph.kinds.items() if k == kind]
        correct = [n for n in predicted if names_match(graph.names[n], everything)]
        found = [g for g, ns in gold_nodes.items() if ns]
        result.scores[section].add(Score(len(correct), len(predicted), len(found), len(gold_nodes)))
        result.misses += [f"{doc}: missed {kind} {g!r}" for g, ns in gold_nodes.items() if not ns]
        result.misses += [
            f"{doc}: extra {kind} {sorted(graph.names[n])[0]!r}"
            for n in predicted
            if n not in correct
        ]
    for name, nodes in org_nodes.items():
        real = {n for n in nodes if graph.kinds[n] == "organisation"}
        if len(real) > 1:
            result.duplicates.append(f"{doc}: {name} ({len(real)} nodes)")

    # roles
    gold_roles = [
        r for r in gold.get("roles") or [] if r.get("organisation") and r.get("person") in people
    ]

    def role_ok(role: Mapping[str, Any], p: str, o: str, s: str, e: str) -> bool:
        return (
            p in person_nodes.get(str(role["person"]), set())
            and o in org_nodes.get(str(role["organisation"]), set())
            and (role.get("from") is None or _year_of(s) == str(role["from"]))
            and (role.get("to") is None or _year_of(e) == str(role["to"]))
        )

    pred_roles = {(p, o): (s, e) for p, o, s, e in sorted(graph.roles)}
    ok_pred = sum(
        any(role_ok(r, p, o, s, e) for r in gold_roles) for (p, o), (s, e) in pred_roles.items()
    )
    ok_gold = [
        r
        for r in gold_roles
        if any(role_ok(r, p, o, s, e) for (p, o), (s, e) in pred_roles.items())
    ]
    result.scores["roles"].add(Score(ok_pred, len(pred_roles), len(ok_gold), len(gold_roles)))
    result.misses += [
        f"{doc}: missed role {r['person']!r} at {r['organisation']!r}"
        for r in gold_roles
        if r not in ok_gold
    ]
    result.misses += [
        f"{doc}: extra role {_name(graph, p)!r} at {_name(graph, o)!r}"
        for (p, o), (s, e) in pred_roles.items()
        if not any(role_ok(r, p, o, s, e) for r in gold_roles)
    ]

    # links
    gold_links = [
        (str(link["from"]), str(link["to"]))
        for link in gold.get("links") or []
        if link.get("from") in orgs and link.get("to") in orgs
    ]

    def link_ok(pair: frozenset[str], a: str, b: str) -> bool:
        if len(pair) != 2:
            return False
        x, y = sorted(pair)
        na, nb = org_nodes[a], org_nodes[b]
        return (x in na and y in nb) or (x in nb and y in na)

    ok_pred = sum(any(link_ok(p, a, b) for a, b in gold_links) for p in graph.links)
    ok_links = [(a, b) for a, b in gold_links if any(link_ok(p, a, b) for p in graph.links)]
    result.scores["links"].add(Score(ok_pred, len(graph.links), len(ok_links), len(gold_links)))
    result.misses += [
        f"{doc}: missed link {a!r} - {b!r}" for a, b in gold_links if (a, b) not in ok_links
    ]
    result.misses += [
        f"{doc}: extra link " + " - ".join(repr(_name(graph, n)) for n in sorted(p))
        for p in graph.links
        if not any(link_ok(p, a, b) for a, b in gold_links)
    ]

    # located, founded
    for section, attr, facts in (
        ("located", "commune", graph.located),
        ("founded", "founded", graph.founded),
    ):
        wanted = [
            (str(o["name"]), str(o[attr])) for o in gold.get("organisations") or [] if o.get(attr)
        ]

        def fact_ok(o: str, v: str, g_org: str, g_val: str, attr: str = attr) -> bool:
            if o not in org_nodes[g_org]:
                return False
            return _year_of(v) == g_val if attr == "founded" else names_match([v], [g_val])

        ok_pred = sum(any(fact_ok(o, v, go, gv) for go, gv in wanted) for o, v in facts)
        ok_gold = [(go, gv) for go, gv in wanted if any(fact_ok(o, v, go, gv) for o, v in facts)]
        result.scores[section].add(Score(ok_pred, len(facts), len(ok_gold), len(wanted)))
        result.misses += [
            f"{doc}: missed {section} {go!r} {gv!r}" for go, gv in wanted if (go, gv) not in ok_gold
        ]


def score_split(
    settings: Settings,
    docs: Sequence[CorpusDocument],
    step: Callable[[str], None] = lambda _: None,
) -> CorpusScores:
    """Extract, map to RDF, load and score the documents of one split."""
    iris = Iris(settings.base_iri)
    records = extract_records(settings, docs, step)
    store = load_store(iris, records)
    result = CorpusScores()
    for d in docs:
        score_document(read_graph(store, iris, d.id), d.gold, result)
    return result


def format_scores(label: str, scores: CorpusScores) -> list[str]:
    """A Markdown table of one split's scores."""
    lines = [f"{label}:", "| kind | P | R | F1 | predicted | gold |", "|---|---|---|---|---|---|"]
    for kind in CORPUS_KINDS:
        s = scores.scores[kind]
        lines.append(
            f"| {kind} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {s.pred} | {s.gold} |"
        )
    lines.append(f"duplicates: {len(scores.duplicates)}")
    lines += [f"  {d}" for d in scores.duplicates]
    return lines


def _name(graph: _Graph, node: str) -> str:
    """One name of ``node`` (its IRI when it has none), for the misses list."""
    names = graph.names.get(node)
    return sorted(names)[0] if names else node
