"""Which data each SHACL shape can look at, and how to split the shapes into groups.

Validation reads the data graph from the store into rdflib, which costs more than validating.
A shape only looks at the triples along its paths (``sh:path``, nested shapes included),
``rdf:type`` and ``rdfs:subClassOf`` (targets, ``sh:class``), and, when closed, every triple
of its focus nodes. So a group of root shapes reads only those triples. :func:`plan_groups` can
split the shapes into groups of about the same data size (for parallel validation); the build
uses one group, which measured faster on this machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_PREDICATE_PARAMETERS = (
    SH.path,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.equals,
    SH.disjoint,
    SH.lessThan,
    SH.lessThanOrEquals,
)
# Constraints that may look at any triple: with them the whole union graph is read.
OPEN_ENDED = (
    SH.sparql,
    SH.select,
    SH.ask,
    SH.SPARQLTarget,
    SH.target,
    SH.js,
    SH.jsFunctionName,
    SH.rule,
)
ALWAYS = frozenset({URIRef(RDF.type), URIRef(RDFS.subClassOf)})


@dataclass
class Group:
    """Root shapes validated together, and the data they need."""

    roots: list[URIRef] = field(default_factory=list)
    predicates: set[URIRef] = field(default_factory=lambda: set(ALWAYS))
    closed_classes: set[URIRef] = field(default_factory=set)


def reachable(shapes: Graph, start: Node) -> set[Node]:
    """``start`` and the nodes reachable from it in the shapes graph."""
    seen: set[Node] = {start}
    todo = [start]
    while todo:
        for obj in shapes.objects(todo.pop(), None):
            if obj not in seen and isinstance(obj, URIRef | BNode):
                seen.add(obj)
                todo.append(obj)
    return seen


def _predicates(shapes: Graph, nodes: Iterable[Node]) -> set[URIRef]:
    found: set[URIRef] = set()
    for node in nodes:
        for parameter in _PREDICATE_PARAMETERS:
            for value in shapes.objects(node, parameter):
                if isinstance(value, URIRef):
                    found.add(value)
                else:  # a complex path: every IRI inside it is a predicate
                    found |= {
                        n
                        for n in reachable(shapes, value)
                        if isinstance(n, URIRef) and n != RDF.nil
                    }
    return found


def root_shapes(shapes: Graph) -> list[Node]:
    """Shapes with a target (explicit, or implicit: a shape that is also a class)."""
    roots = {s for t in _TARGETS for s in shapes.subjects(t, None)}
    roots |= {s for s in shapes.subjects(RDF.type, RDFS.Class)}
    return sorted(roots, key=str)


def is_open_ended(shapes: Graph) -> bool:
    """True when some constraint may look at any triple (SHACL-SPARQL, SHACL-JS, rules)."""
    return any((None, p, None) in shapes for p in OPEN_ENDED)


def _group_of(shapes: Graph, roots: list[Node]) -> Group | None:
    group = Group()
    for root in roots:
        if not isinstance(root, URIRef):
            return None
        group.roots.append(root)
        nodes = reachable(shapes, root)
        group.predicates |= _predicates(shapes, nodes)
        if (root, SH.closed, None) in shapes:
            if any((root, t, None) in shapes for t in _TARGETS if t != SH.targetClass):
                return None
            group.closed_classes |= {
                c for c in shapes.objects(root, SH.targetClass) if isinstance(c, URIRef)
            }
            if (root, RDF.type, RDFS.Class) in shapes:
                group.closed_classes.add(root)
    return group


def _own_predicates(shapes: Graph, root: URIRef) -> set[URIRef]:
    return _predicates(shapes, reachable(shapes, root)) - ALWAYS


def plan_groups(shapes: Graph, counts: Mapping[str, int], n: int) -> list[Group] | None:
    """Split the root shapes into at most ``n`` groups of similar data size.

    ``counts`` gives the number of triples per predicate IRI. None means: read everything
    and validate in one piece (open-ended constraints, blank-node roots, closed shapes with
    targets other than classes).
    """
    if is_open_ended(shapes):
        return None
    roots = root_shapes(shapes)
    whole = _group_of(shapes, roots)
    if whole is None:
        return None
    cost = {
        root: sum(counts.get(str(p), 0) for p in _own_predicates(shapes, root))
        for root in whole.roots
    }
    bins: list[list[Node]] = [[] for _ in range(max(1, n))]
    sizes = [0] * len(bins)
    for root in sorted(whole.roots, key=lambda r: -cost[r]):
        smallest = sizes.index(min(sizes))
        bins[smallest].append(root)
        sizes[smallest] += cost[root]
    groups = [_group_of(shapes, b) for b in bins if b]
    return [g for g in groups if g is not None]
