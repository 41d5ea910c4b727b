"""Extracted records -> RDF: one named graph ``<base>graph/document/<doc-id>`` per
``data/extracted/<doc-id>.jsonl``.

Entities become ``foaf:Person`` / ``org:Organization`` / ``ess:Project`` nodes; relations become
n-ary nodes (``org:Membership`` with a ``time:Interval``, ``ess:Founding``…, ``ess:Partnership``)
so that each carries its dates and its mentions; plans, bodies, events, proposals and figures
are mapped by ``ingest.rdf.structure``. Every evidence span becomes an ``ess:Mention``
(W3C Web Annotation) whose ``oa:hasBody`` is the node it supports; see docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import (
    DCTERMS,
    FOAF,
    OA,
    ORG,
    RDF,
    RDFS,
    ROV,
    SKOS,
    TIME,
    XSD,
    Triple,
    ess_namespace,
)
from ess_core.settings import Settings
from ingest.extract.classify.kinds import role_concept
from ingest.extract.emit import Record
from ingest.rdf.intervals import gyear, year_interval
from ingest.rdf.passages import with_passages
from ingest.rdf.record_check import read_checked_records
from ingest.rdf.sources import SourceGraph
from ingest.rdf.structure import STRUCTURE_KINDS, StructureMapper
from ingest.registry import Document, load_registry

_IRI_KIND = {
    "person": "person",
    "organisation": "organisation",
    "programme": "project",
    "event": "event",
    **STRUCTURE_KINDS,
}
_LINK_KIND = {
    "partner-of": "partner",
    "member-of": "member-of",
    "funded-by": "funded-by",
    "carries": "carrier",
}
_CHANGE_CLASS = {
    "founded": "Founding",
    "dissolved": "Dissolution",
    "renamed": "Renaming",
    "succeeded-by": "Succession",
}


class _Mapper:
    """Turns the records of one document into triples."""

    def __init__(self, iris: Iris, document: str, records: list[Record]) -> None:
        self.iris = iris
        self.ess = ess_namespace(iris)
        self.document = document
        self.entities = {f"{r['kind']}/{r['key']}": r for r in records if r["type"] == "entity"}
        self.structure = StructureMapper(iris, document, self.node)

    def node(self, ref: str) -> NamedNode | None:
        """IRI of an entity reference; None for a territory not resolved to the geography."""
        kind, key = ref.split("/", 1)
        if kind == "territory":
            iri = self.entities.get(ref, {}).get("fields", {}).get("iri")
            return NamedNode(iri) if iri else None
        return NamedNode(self.iris.resource(_IRI_KIND[kind], key))

    def concept(self, scheme: str, slug: str) -> NamedNode:
        return NamedNode(self.iris.resource(f"concept/{scheme}", slug))

    def record_node(self, record: Record) -> NamedNode | None:
        """The node a record's mentions are about."""
        if record["type"] == "entity":
            return self.node(f"{record['kind']}/{record['key']}")
        kind = record["kind"]
        if kind == "role":
            return NamedNode(self.iris.resource("membership", record["key"]))
        if kind in _CHANGE_CLASS:
            return NamedNode(self.iris.resource("change", f"{kind}-{record['key']}"))
        if kind in _LINK_KIND:
            return NamedNode(self.iris.resource("partnership", f"{kind}-{record['key']}"))
        return self.node(record["fields"]["subject"])  # located-in: about the organisation

    def triples(self, record: Record) -> list[Triple]:
        node = self.record_node(record)
        if node is None:
            return []
        if record["type"] == "entity" and record["kind"] in STRUCTURE_KINDS:
            return self.structure.triples(node, record["kind"], record["fields"])
        if record["type"] == "entity":
            return self.entity(node, record["kind"], record["fields"])
        return self.relation(node, record["kind"], record["fields"])

    def entity(self, node: NamedNode, kind: str, f: Mapping[str, Any]) -> list[Triple]:
        name = Literal(f["name"], language="fr")
        aliases = [
            (node, SKOS("altLabel"), Literal(a, language="fr")) for a in f.get("aliases", [])
        ]
        if kind == "person":
            out: list[Triple] = [
                (node, RDF("type"), FOAF("Person")),
                (node, FOAF("name"), Literal(f["name"])),
            ]
            if f.get("given_name"):
                out.append((node, FOAF("givenName"), Literal(f["given_name"])))
            if f.get("family_name"):
                out.append((node, FOAF("familyName"), Literal(f["family_name"])))
            return out + aliases
        if kind == "organisation":
            out = [(node, RDF("type"), ORG("Organization")), (node, SKOS("prefLabel"), name)]
            for field, prop, scheme in (
                ("legal_form", ROV("orgType"), "legal-form"),
                ("org_kind", ORG("classification"), "organisation-kind"),
                ("sector", self.ess("sector"), "sector"),
            ):
                if f.get(field):
                    out.append((node, prop, self.concept(scheme, f[field])))
            return out + aliases
        if kind == "programme":
            return [
                (node, RDF("type"), self.ess("Project")),
                (node, SKOS("prefLabel"), name),
                (
                    node,
                    DCTERMS("type"),
                    self.concept("programme-kind", f.get("programme_kind", "programme")),
                ),
                *aliases,
            ]
        return []  # territories belong to the reference geography

    def relation(self, node: NamedNode, kind: str, f: Mapping[str, Any]) -> list[Triple]:
        subject = self.node(f["subject"])
        obj = self.node(f["object"]) if "object" in f else None
        if subject is None:
            return []
        if kind == "role" and obj is not None:
            return self.membership(node, subject, obj, f)
        if kind in _CHANGE_CLASS:
            return self.change(node, kind, subject, obj, f)
        if kind in _LINK_KIND and obj is not None:
            out: list[Triple] = [
                (node, RDF("type"), self.ess("Partnership")),
                (node, self.ess("partner"), subject),
                (node, self.ess("partner"), obj),
                (node, self.ess("relationKind"), self.concept("relation-kind", _LINK_KIND[kind])),
            ]
            if kind == "carries":
                out.append((node, self.ess("initiator"), subject))
                if f["object"].startswith("programme/"):
                    out.append((subject, self.ess("carries"), obj))
            if kind == "funded-by":
                out.append((node, self.ess("initiator"), obj))
            return out
        if kind == "located-in" and obj is not None:
            return [(subject, self.ess("locatedIn"), obj)]
        return []

    def membership(
        self, node: NamedNode, person: NamedNode, org: NamedNode, f: Mapping[str, Any]
    ) -> list[Triple]:
        role = self.concept("role", role_concept(f.get("role")))
        out: list[Triple] = [
            (node, RDF("type"), ORG("Membership")),
            (node, ORG("member"), person),
            (node, ORG("organization"), org),
            (node, ORG("role"), role),
        ]
        if f.get("role"):
            out.append((node, RDFS("label"), Literal(f["role"], language="fr")))
        out += year_interval(node, ORG("memberDuring"), NamedNode(node.value + "#interval"), f)
        return out

    def change(
        self,
        node: NamedNode,
        kind: str,
        subject: NamedNode,
        obj: NamedNode | None,
        f: Mapping[str, Any],
    ) -> list[Triple]:
        out: list[Triple] = [
            (node, RDF("type"), self.ess(_CHANGE_CLASS[kind])),
            (node, RDF("type"), ORG("ChangeEvent")),
        ]
        if kind == "founded":
            out.append((node, ORG("resultingOrganization"), subject))
        elif kind == "dissolved":
            out.append((node, ORG("originalOrganization"), subject))
        elif obj is not None:
            out += [
                (node, ORG("originalOrganization"), subject),
                (node, ORG("resultingOrganization"), obj),
            ]
            if kind == "renamed":
                out += [
                    (
                        node,
                        self.ess("formerName"),
                        Literal(self._name(f["subject"]), language="fr"),
                    ),
                    (node, self.ess("newName"), Literal(self._name(f["object"]), language="fr")),
                ]
        else:
            return []
        if "year" in f:
            instant = NamedNode(node.value + "#time")
            out += [
                (node, TIME("hasTime"), instant),
                (instant, RDF("type"), TIME("Instant")),
                (instant, TIME("inXSDgYear"), gyear(f["year"])),
            ]
        return out

    def _name(self, ref: str) -> str:
        return str(self.entities.get(ref, {}).get("fields", {}).get("name", ref))

    def mentions(self, record: Record) -> list[tuple[NamedNode, Triple]]:
        """(mention, triple) pairs: the mention's body is the record's node."""
        node = self.record_node(record)
        if node is None:
            return []
        doc = NamedNode(self.iris.resource("document", self.document))
        seats = self.structure.seats(node, record["fields"]) if record["kind"] == "body" else {}
        out = []
        for e in record["evidence"]:
            m = NamedNode(self.iris.resource("mention", f"{self.document}-{e['start']}-{e['end']}"))
            target, position, quote = (
                NamedNode(m.value + frag) for frag in ("#target", "#position", "#quote")
            )
            triples: list[Triple] = [
                (m, RDF("type"), self.ess("Mention")),
                (m, OA("hasBody"), node),
                (m, OA("hasTarget"), target),
                (target, RDF("type"), OA("SpecificResource")),
                (target, OA("hasSource"), doc),
                (target, OA("hasSelector"), position),
                (target, OA("hasSelector"), quote),
                (position, RDF("type"), OA("TextPositionSelector")),
                (position, OA("start"), Literal(str(e["start"]), datatype=XSD("integer"))),
                (position, OA("end"), Literal(str(e["end"]), datatype=XSD("integer"))),
                (quote, RDF("type"), OA("TextQuoteSelector")),
                (quote, OA("exact"), Literal(e["exact"])),
            ]
            if (seat := seats.get((e["start"], e["end"]))) is not None:
                triples.append((m, OA("hasBody"), seat))  # the passage naming a member
            out += [(m, t) for t in triples]
        return out


def document_quads(iris: Iris, document: str, records: list[Record]) -> Iterator[Quad]:
    """Quads of one document's graph, each once, in a stable order."""
    graph = NamedNode(iris.graph("document", document))
    mapper = _Mapper(iris, document, records)
    seen: set[Triple] = set()
    best: dict[NamedNode, tuple[float, str]] = {}
    for record in records:
        for triple in mapper.triples(record):
            if triple not in seen:
                seen.add(triple)
                yield Quad(*triple, graph)
        for _, triple in mapper.mentions(record):
            if triple not in seen:
                seen.add(triple)
                yield Quad(*triple, graph)
        for e in record["evidence"]:
            m = NamedNode(iris.resource("mention", f"{document}-{e['start']}-{e['end']}"))
            # one method and confidence per mention: the most confident evidence of the span
            best[m] = max(best.get(m, (-1.0, "")), (float(e["confidence"]), e["method"]))
    ess = ess_namespace(iris)
    for m, (confidence, method) in sorted(best.items(), key=lambda item: item[0].value):
        yield Quad(m, ess("extractionMethod"), ess(f"method-{method}"), graph)
        yield Quad(
            m, ess("confidence"), Literal(f"{confidence:.2f}", datatype=XSD("decimal")), graph
        )


def extracted_files(settings: Settings) -> list[Path]:
    """The committed record files, sorted."""
    return sorted((settings.data_dir / "extracted").glob("*.jsonl"))


def document_texts(settings: Settings, registry: list[Document]) -> dict[str, Path]:
    """The registered documents whose text is in ``ESS_DOCUMENTS_DIR``, by id."""
    return {d.id: d.path(settings) for d in registry if d.path(settings).is_file()}


class UnregisteredRecordsError(ValueError):
    """A record file of ``data/extracted`` has no entry in the registry."""


def unregistered_message(path: Path, document: str) -> str:
    """The sentence that names an unregistered record file and the commands that fix it."""
    return (
        f"{path}: records of a document that data/documents.yaml does not register: "
        f"register its text with 'ess-graph add PATH --id {document}', or remove the "
        f"records with 'ess-graph remove {document}'"
    )


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """One graph per ``data/extracted/<doc-id>.jsonl``; each must be a registered document's.

    The sentence around each mention is added from the document's text when
    ``ESS_DOCUMENTS_DIR`` holds it (ingest/rdf/passages.py)."""
    iris = Iris(settings.base_iri)
    registry = load_registry(settings)
    registered = {d.id for d in registry}
    graphs = []
    texts = document_texts(settings, registry)
    for path in extracted_files(settings):
        document = path.stem
        if document not in registered:
            raise UnregisteredRecordsError(unregistered_message(path, document))
        warnings: list[str] = []

        text_path = texts.get(document)
        inputs = (path, text_path) if text_path is not None else (path,)

        def quads(
            path: Path = path,
            document: str = document,
            text_path: Path | None = text_path,
            warnings: list[str] = warnings,
        ) -> Iterator[Quad]:
            found = document_quads(iris, document, read_checked_records(path, warnings))
            if text_path is None:
                return found
            return with_passages(found, text_path.read_text("utf-8"))

        graphs.append(
            SourceGraph(iris.graph("document", document), "extraction", inputs, quads, warnings)
        )
    return graphs
