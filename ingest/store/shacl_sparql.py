"""Compile SHACL core shapes into SPARQL queries run natively on the Oxigraph store.

Reading ~490k triples into rdflib for pyshacl costs more than loading the store; these
queries validate in place instead. Each root shape (one with a target) becomes a few SELECT
queries over the default graph; every row is one validation result (``?this`` the focus node,
``?c`` the index of the constraint component, ``?value`` and ``?path`` when pyshacl reports
them). Per property shape: one query for the cardinality-like constraints (``sh:minCount``,
``sh:maxCount``, ``sh:hasValue``, qualified counts; one scan with ``GROUP BY``) and one for
every value-based constraint (one scan, a ``VALUES ?c`` row per constraint). Nested shapes
(``sh:node``, ``sh:or``, ``sh:xone``, ``sh:and``, ``sh:not``, ``sh:qualifiedValueShape``)
become boolean ``EXISTS`` expressions.

Supported: targets (class, implicit class, node, subjects-of, objects-of), predicate paths,
and the core constraints listed in :data:`SUPPORTED`. A root shape using anything else
(complex paths, SHACL-SPARQL, ``sh:languageIn``...) raises :class:`UnsupportedShapeError`; the
validator then hands that shape to pyshacl, so nothing passes unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ingest.store.shacl_terms import (
    Fresh,
    UnsupportedShapeError,
    comparison_test,
    count_of,
    datatype_test,
    in_test,
    instance_of,
    iri,
    length_test,
    less_than_test,
    node_kind_test,
    pattern_test,
    term,
)
from ingest.store.shapeplan import root_shapes

# Constraint parameters applied to each value node, and to the focus node of a node shape.
_VALUE = (
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minInclusive,
    SH.minExclusive,
    SH.maxInclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH.pattern,
    SH["in"],
    SH.node,
    SH["or"],
    SH["and"],
    SH.xone,
    SH["not"],
)
_PAIR = (SH.lessThan, SH.lessThanOrEquals)
_COUNT = (SH.minCount, SH.maxCount, SH.hasValue, SH.qualifiedValueShape, SH.uniqueLang)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_COMPANIONS = (
    SH.flags,
    SH.ignoredProperties,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
)
_ANNOTATIONS = (
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.message,
    SH.severity,
    SH.deactivated,
    SH.defaultValue,
    SH.path,
    SH.property,
    SH.closed,
)
SUPPORTED = frozenset((*_VALUE, *_PAIR, *_COUNT, *_TARGETS, *_COMPANIONS, *_ANNOTATIONS))
# Parameters compiled only on node shapes (no sh:path) / only on property shapes.
_NODE_ONLY = frozenset((SH.property, SH.closed, SH.ignoredProperties))
_PROPERTY_ONLY = frozenset((*_PAIR, *(c for c in _COUNT if c != SH.hasValue), *_COMPANIONS[2:]))
_MAX_DEPTH = 8
_MAX_COUNT = 4  # largest sh:minCount/maxCount inside a nested shape (a chain of variables)

_MESSAGES = {
    "MinCount": "Less than {p} values",
    "MaxCount": "More than {p} values",
    "HasValue": "Missing expected value {p}",
    "QualifiedMinCount": "Less than {p} values conform to the qualified value shape",
    "QualifiedMaxCount": "More than {p} values conform to the qualified value shape",
    "UniqueLang": "More than one String shares the same Language",
    "Class": "Value is not an instance of {p}",
    "Datatype": "Value is not Literal with datatype {p}",
    "NodeKind": "Value is not of node kind {p}",
    "MinInclusive": "Value is not >= {p}",
    "MinExclusive": "Value is not > {p}",
    "MaxInclusive": "Value is not <= {p}",
    "MaxExclusive": "Value is not < {p}",
    "MinLength": "String length not >= {p}",
    "MaxLength": "String length not <= {p}",
    "Pattern": "Value does not match pattern {p}",
    "In": "Value is not in the allowed list",
    "Node": "Value does not conform to shape {p}",
    "Or": "Value does not conform to any shape in sh:or",
    "And": "Value does not conform to every shape in sh:and",
    "Xone": "Value does not conform to exactly one shape in sh:xone",
    "Not": "Value conforms to the shape in sh:not",
    "LessThan": "Value is not < value of {p}",
    "LessThanOrEquals": "Value is not <= value of {p}",
    "Closed": "Node has a property not allowed by the closed shape",
}


@dataclass(frozen=True)
class Component:
    """One constraint of one shape: what a result row of it reports."""

    constraint: str  # e.g. "MinCountConstraintComponent"
    shape: str
    path: str | None
    message: str
    violation: bool  # severity sh:Violation (else a warning or info)


@dataclass(frozen=True)
class Check:
    """A SELECT query over the default graph; each row is a result of ``components[?c]``."""

    root: str
    query: str
    components: tuple[Component, ...]


def shape_name(shapes: Graph, shape: Node | None) -> str:
    """A readable name: ``shapes:X``, or ``shapes:X (property skos:prefLabel)``."""
    if isinstance(shape, BNode):
        parents = list(shapes.subjects(SH.property, shape))
        path = shapes.value(shape, SH.path)
        owner = shape_name(shapes, parents[0]) if parents else "anonymous shape"
        if isinstance(path, URIRef):
            return f"{owner} (property {shapes.namespace_manager.normalizeUri(path)})"
        return owner
    return shapes.namespace_manager.normalizeUri(shape) if isinstance(shape, URIRef) else str(shape)


def _true(value: Node | None) -> bool:
    return isinstance(value, Literal) and value.value is True


class Compiler:
    """Turns the shapes graph into :class:`Check` s, one root shape at a time."""

    def __init__(self, shapes: Graph, small: Callable[[str], bool] = lambda _focus: True) -> None:
        self.shapes = shapes
        self.fresh = Fresh()
        self.small = small

    def _per_focus(self, focus: str, pattern: str) -> str:
        """Join ``pattern`` to the focus nodes: looked up node by node (LATERAL) for a small
        focus set, else one scan of the pattern hash-joined (faster for large classes)."""
        return f"{focus} LATERAL {{ {pattern} }}" if self.small(focus) else f"{focus} {pattern}"

    # --- reading the shapes graph ------------------------------------------------------

    def _one(self, shape: Node, parameter: URIRef) -> Node | None:
        values = list(self.shapes.objects(shape, parameter))
        if len(values) > 1:
            raise UnsupportedShapeError(f"{shape_name(self.shapes, shape)}: several {parameter}")
        return values[0] if values else None

    def _list(self, node: Node) -> list[Node]:
        return list(Collection(self.shapes, node))

    def _path(self, shape: Node) -> URIRef:
        path = self._one(shape, SH.path)
        if not isinstance(path, URIRef):
            raise UnsupportedShapeError(
                f"{shape_name(self.shapes, shape)}: only predicate paths are compiled"
            )
        return path

    def _check_vocabulary(self, shape: Node) -> None:
        """Refuse parameters the compiler does not translate, or not on this kind of shape."""
        refused = _NODE_ONLY if (shape, SH.path, None) in self.shapes else _PROPERTY_ONLY
        for predicate in set(self.shapes.predicates(shape, None)):
            if str(predicate).startswith(str(SH)) and (
                predicate not in SUPPORTED or predicate in refused
            ):
                raise UnsupportedShapeError(
                    f"{shape_name(self.shapes, shape)}: {predicate} is not "
                    "compiled on this kind of shape"
                )
        if (shape, SH.qualifiedValueShape, None) in self.shapes and _true(
            self._one(shape, SH.qualifiedValueShapesDisjoint)
        ):
            raise UnsupportedShapeError(
                f"{shape_name(self.shapes, shape)}: sh:qualifiedValueShapesDisjoint is not compiled"
            )

    def _component(
        self, shape: Node, kind: str, parameter: Node | None, path: URIRef | None
    ) -> Component:
        message = self._one(shape, SH.message)
        shown = (
            self.shapes.namespace_manager.normalizeUri(parameter)
            if isinstance(parameter, URIRef)
            else str(parameter)
        )
        text = str(message) if message is not None else _MESSAGES[kind].format(p=shown)
        severity = self._one(shape, SH.severity)
        return Component(
            f"{kind}ConstraintComponent",
            shape_name(self.shapes, shape),
            str(path) if path is not None else None,
            text,
            severity in (None, SH.Violation),
        )

    # --- boolean tests ------------------------------------------------------------------

    def value_tests(self, shape: Node, var: str, depth: int) -> list[tuple[str, Node, str]]:
        """(kind, parameter, test) for each value constraint of ``shape`` on ``var``."""
        tests: list[tuple[str, Node, str]] = []
        g = self.shapes
        for cls in g.objects(shape, SH["class"]):
            tests.append(("Class", cls, instance_of(var, cls)))
        for dt in g.objects(shape, SH.datatype):
            tests.append(("Datatype", dt, datatype_test(var, dt)))
        for node_kind in g.objects(shape, SH.nodeKind):
            tests.append(("NodeKind", node_kind, node_kind_test(var, node_kind)))
        for parameter, name in (
            (SH.minInclusive, "MinInclusive"),
            (SH.minExclusive, "MinExclusive"),
            (SH.maxInclusive, "MaxInclusive"),
            (SH.maxExclusive, "MaxExclusive"),
        ):
            for bound in g.objects(shape, parameter):
                tests.append((name, bound, comparison_test(var, parameter, bound)))
        for parameter, name in ((SH.minLength, "MinLength"), (SH.maxLength, "MaxLength")):
            for bound in g.objects(shape, parameter):
                tests.append((name, bound, length_test(var, parameter, bound)))
        flags = self._one(shape, SH.flags)
        for pattern in g.objects(shape, SH.pattern):
            tests.append(("Pattern", pattern, pattern_test(var, pattern, flags)))
        for members in g.objects(shape, SH["in"]):
            tests.append(("In", members, in_test(var, self._list(members))))
        for node in g.objects(shape, SH.node):
            tests.append(("Node", node, self.conforms(node, var, depth + 1)))
        for name, parameter, joiner in (("Or", SH["or"], " || "), ("And", SH["and"], " && ")):
            for members in g.objects(shape, parameter):
                parts = [self.conforms(m, var, depth + 1) for m in self._list(members)]
                tests.append((name, members, "(" + (joiner.join(parts) or "true") + ")"))
        for members in g.objects(shape, SH.xone):
            parts = [f"IF({self.conforms(m, var, depth + 1)}, 1, 0)" for m in self._list(members)]
            tests.append(("Xone", members, f"({' + '.join(parts) or '0'}) = 1"))
        for negated in g.objects(shape, SH["not"]):
            tests.append(("Not", negated, f"!{self.conforms(negated, var, depth + 1)}"))
        if (shape, SH.path, None) not in g:  # on a node shape: the focus node is that value
            for expected in g.objects(shape, SH.hasValue):
                tests.append(("HasValue", expected, f"sameTerm({var}, {term(expected)})"))
        return tests

    def conforms(self, shape: Node, var: str, depth: int) -> str:
        """A SPARQL expression true when ``var`` conforms to ``shape`` (no results at all)."""
        if depth > _MAX_DEPTH:
            raise UnsupportedShapeError(
                f"{shape_name(self.shapes, shape)}: nested too deep "
                "(recursive shapes are not compiled)"
            )
        self._check_vocabulary(shape)
        if _true(self._one(shape, SH.deactivated)):
            return "true"
        parts = [
            test
            for _kind, _p, test in (
                [] if (shape, SH.path, None) in self.shapes else self.value_tests(shape, var, depth)
            )
        ]
        if (shape, SH.path, None) in self.shapes:
            parts += self._property_conforms(shape, var, depth)
        for prop in self.shapes.objects(shape, SH.property):
            if not _true(self._one(prop, SH.deactivated)):
                self._check_vocabulary(prop)
                parts += self._property_conforms(prop, var, depth)
        if _true(self._one(shape, SH.closed)):
            parts.append(f"NOT EXISTS {{ {self._closed_pattern(shape, var, '?cp', '?co')} }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    def _distinct(self, var: str, path: URIRef, n: int) -> tuple[str, list[str]]:
        names = [self.fresh() for _ in range(n)]
        pattern = " ".join(f"{var} <{path}> {y} ." for y in names)
        filters = [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1 :]]
        return pattern + (f" FILTER({' && '.join(filters)})" if filters else ""), names

    def _property_conforms(self, prop: Node, var: str, depth: int) -> list[str]:
        path = self._path(prop)
        parts: list[str] = []
        for parameter in (SH.minCount, SH.maxCount):
            bound = self._one(prop, parameter)
            if bound is None:
                continue
            n = count_of(bound) + (1 if parameter == SH.maxCount else 0)
            if n == 0:
                continue
            if n > _MAX_COUNT:
                raise UnsupportedShapeError(f"{shape_name(self.shapes, prop)}: nested count {n}")
            pattern, _names = self._distinct(var, path, n)
            parts.append(
                ("EXISTS" if parameter == SH.minCount else "NOT EXISTS") + f" {{ {pattern} }}"
            )
        value = self.fresh()
        tests = [test for _kind, _p, test in self.value_tests(prop, value, depth)]
        if tests:
            parts.append(f"NOT EXISTS {{ {var} <{path}> {value} FILTER(!({' && '.join(tests)})) }}")
        for expected in self.shapes.objects(prop, SH.hasValue):
            parts.append(f"EXISTS {{ {var} <{path}> {term(expected)} }}")
        if _true(self._one(prop, SH.uniqueLang)):
            a, b = self.fresh(), self.fresh()
            parts.append(f"NOT EXISTS {{ {self._same_lang(var, path, a, b)} }}")
        for parameter in _PAIR:
            for other in self.shapes.objects(prop, parameter):
                a, b = self.fresh(), self.fresh()
                parts.append(
                    f"NOT EXISTS {{ {var} <{path}> {a} . {var} "
                    f"<{iri(other, 'sh:lessThan')}> {b} "
                    f"FILTER(!{less_than_test(a, b, parameter)}) }}"
                )
        if (prop, SH.qualifiedValueShape, None) in self.shapes:
            raise UnsupportedShapeError(f"{shape_name(self.shapes, prop)}: nested qualified shape")
        return parts

    @staticmethod
    def _same_lang(var: str, path: URIRef, a: str, b: str) -> str:
        return (
            f"{var} <{path}> {a} . {var} <{path}> {b} FILTER(!sameTerm({a}, {b}) && "
            f'LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b})))'
        )

    def _closed_pattern(self, shape: Node, var: str, p: str, o: str) -> str:
        allowed = {self._path(prop) for prop in self.shapes.objects(shape, SH.property)}
        for ignored in self.shapes.objects(shape, SH.ignoredProperties):
            allowed |= {iri(n, "sh:ignoredProperties") for n in self._list(ignored)}
        listed = ", ".join(f"<{a}>" for a in sorted(allowed))
        return f"{var} {p} {o} FILTER({p} NOT IN ({listed}))" if listed else f"{var} {p} {o}"

    # --- root shapes --------------------------------------------------------------------

    def focus(self, shape: Node) -> str:
        """A group pattern binding ``?this`` to each focus node of ``shape`` once."""
        g = self.shapes
        branches = [
            f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {term(c)}"
            for c in g.objects(shape, SH.targetClass)
        ]
        if (shape, RDF.type, RDFS.Class) in g:
            branches.append(f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {term(shape)}")
        branches += [f"VALUES ?this {{ {term(n)} }}" for n in g.objects(shape, SH.targetNode)]
        branches += [f"?this {term(p)} ?any" for p in g.objects(shape, SH.targetSubjectsOf)]
        branches += [f"?any {term(p)} ?this" for p in g.objects(shape, SH.targetObjectsOf)]
        union = " UNION ".join(f"{{ {b} }}" for b in branches)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    def compile_root(self, root: Node) -> list[Check]:
        """The checks of one root shape; raises :class:`UnsupportedShapeError`."""
        self._check_vocabulary(root)
        if _true(self._one(root, SH.deactivated)):
            return []
        name = shape_name(self.shapes, root)
        focus = self.focus(root)
        checks: list[Check] = []
        if (root, SH.path, None) in self.shapes:
            checks += self._property_checks(name, root, focus)
        else:
            checks += self._node_checks(name, root, focus)
        for prop in self.shapes.objects(root, SH.property):
            self._check_vocabulary(prop)
            if not _true(self._one(prop, SH.deactivated)):
                checks += self._property_checks(name, prop, focus)
        return checks

    def _node_checks(self, name: str, shape: Node, focus: str) -> list[Check]:
        checks: list[Check] = []
        tests = self.value_tests(shape, "?this", 0)
        if tests:
            components = tuple(self._component(shape, k, p, None) for k, p, _t in tests)
            chosen = " || ".join(f"(?c = {i} && !({t}))" for i, (_k, _p, t) in enumerate(tests))
            checks.append(
                Check(
                    name,
                    f"SELECT DISTINCT ?this ?value ?c WHERE {{ {focus} "
                    f"BIND(?this AS ?value) {self._values(len(tests))} "
                    f"FILTER({chosen}) }}",
                    components,
                )
            )
        if _true(self._one(shape, SH.closed)):
            pattern = self._closed_pattern(shape, "?this", "?path", "?value")
            checks.append(
                Check(
                    name,
                    f"SELECT DISTINCT ?this ?path ?value (0 AS ?c) WHERE {{ "
                    f"{self._per_focus(focus, pattern)} }}",
                    (self._component(shape, "Closed", None, None),),
                )
            )
        return checks

    @staticmethod
    def _values(n: int) -> str:
        return "VALUES ?c { " + " ".join(str(i) for i in range(n)) + " }"

    def _property_checks(self, name: str, prop: Node, focus: str) -> list[Check]:
        path = self._path(prop)
        checks = [*self._count_checks(name, prop, path, focus)]
        tests = self.value_tests(prop, "?value", 0)
        if not self.small(focus):  # sh:class: anti-join the class's instances, not one EXISTS each
            for cls in self.shapes.objects(prop, SH["class"]):
                instances = f"?value <{RDF.type}>/<{RDFS.subClassOf}>* {term(cls)}"
                checks.append(
                    Check(
                        name,
                        f"SELECT DISTINCT ?this ?value (0 AS ?c) WHERE {{ {focus} ?this <{path}> "
                        f"?value MINUS {{ {instances} }} }}",
                        (self._component(prop, "Class", cls, path),),
                    )
                )
            tests = [test for test in tests if test[0] != "Class"]
        if tests:
            components = tuple(self._component(prop, k, p, path) for k, p, _t in tests)
            chosen = " || ".join(f"(?c = {i} && !({t}))" for i, (_k, _p, t) in enumerate(tests))
            pattern = self._per_focus(focus, f"?this <{path}> ?value")
            checks.append(
                Check(
                    name,
                    f"SELECT DISTINCT ?this ?value ?c WHERE {{ {pattern} "
                    f"{self._values(len(tests))} FILTER({chosen}) }}",
                    components,
                )
            )
        if _true(self._one(prop, SH.uniqueLang)):
            pattern = self._per_focus(focus, self._same_lang("?this", path, "?a", "?b"))
            checks.append(
                Check(
                    name,
                    "SELECT DISTINCT ?this (LCASE(LANG(?a)) AS ?lang) (0 AS ?c)"
                    f" WHERE {{ {pattern} }}",
                    (self._component(prop, "UniqueLang", None, path),),
                )
            )
        for parameter, kind in (
            (SH.lessThan, "LessThan"),
            (SH.lessThanOrEquals, "LessThanOrEquals"),
        ):
            for other in self.shapes.objects(prop, parameter):
                test = less_than_test("?value", "?other", parameter)
                pattern = self._per_focus(
                    focus,
                    f"?this <{path}> ?value . ?this "
                    f"<{iri(other, 'sh:lessThan')}> ?other "
                    f"FILTER(!{test})",
                )
                checks.append(
                    Check(
                        name,
                        f"SELECT DISTINCT ?this ?value (0 AS ?c) WHERE {{ {pattern} }}",
                        (self._component(prop, kind, other, path),),
                    )
                )
        return checks

    def _bounds(
        self,
        prop: Node,
        path: URIRef,
        count: str,
        least: tuple[URIRef, str],
        most: tuple[URIRef, str],
    ) -> list[tuple[str, Component]]:
        """Violation conditions on the aggregate ``count`` for a min and a max parameter."""
        out = []
        for (parameter, kind), operator in ((least, "<"), (most, ">")):
            bound = self._one(prop, parameter)
            if bound is not None:
                n = count_of(bound)
                out.append(
                    (f"{count} {operator} {n}", self._component(prop, kind, Literal(n), path))
                )
        return out

    def _count_checks(self, name: str, prop: Node, path: URIRef, focus: str) -> Iterable[Check]:
        """One GROUP BY query for sh:minCount, sh:maxCount, sh:hasValue and qualified counts."""
        aggregates = {"n": "COUNT(DISTINCT ?v)"}
        binds: list[str] = []
        conditions = self._bounds(
            prop, path, "?n", (SH.minCount, "MinCount"), (SH.maxCount, "MaxCount")
        )
        for i, expected in enumerate(self.shapes.objects(prop, SH.hasValue)):
            aggregates[f"h{i}"] = f"MAX(COALESCE(IF(sameTerm(?v, {term(expected)}), 1, 0), 0))"
            conditions.append((f"?h{i} = 0", self._component(prop, "HasValue", expected, path)))
        qualified = self._one(prop, SH.qualifiedValueShape)
        if qualified is not None:
            binds.append(f"BIND(IF({self.conforms(qualified, '?v', 1)}, ?v, ?unbound) AS ?q)")
            aggregates["nq"] = "COUNT(DISTINCT ?q)"
            conditions += self._bounds(
                prop,
                path,
                "?nq",
                (SH.qualifiedMinCount, "QualifiedMinCount"),
                (SH.qualifiedMaxCount, "QualifiedMaxCount"),
            )
        if not conditions:
            return []
        chosen = " || ".join(f"(?c = {i} && {cond})" for i, (cond, _c) in enumerate(conditions))
        triples = f"?this <{path}> ?v {' '.join(binds)}"
        if self.small(focus):  # count node by node
            counts = " ".join(f"({a} AS ?{n})" for n, a in aggregates.items())
            grouped = (
                f"{{ SELECT ?this {counts} WHERE {{ {focus} OPTIONAL {{ {triples} }} }} "
                "GROUP BY ?this }"
            )
        else:  # count every subject's values in one scan, then join the focus nodes
            counts = " ".join(f"({a} AS ?{n}_)" for n, a in aggregates.items())
            zeros = " ".join(f"BIND(COALESCE(?{n}_, 0) AS ?{n})" for n in aggregates)
            grouped = (
                f"{focus} OPTIONAL {{ SELECT ?this {counts} WHERE {{ {triples} }} "
                f"GROUP BY ?this }} {zeros}"
            )
        query = (
            f"SELECT ?this ?c WHERE {{ {grouped} {self._values(len(conditions))} "
            f"FILTER({chosen}) }}"
        )
        return [Check(name, query, tuple(c for _cond, c in conditions))]


def compile_shapes(
    shapes: Graph, small: Callable[[str], bool] = lambda _focus: True
) -> tuple[list[Check], dict[Node, str]]:
    """Checks for every root shape the compiler supports, and the others with the reason.

    ``small(focus)`` tells whether a focus pattern (see :meth:`Compiler.focus`) selects few
    nodes; it only changes how queries join, never their results.
    """
    compiler = Compiler(shapes, small)
    checks: list[Check] = []
    refused: dict[Node, str] = {}
    for root in root_shapes(shapes):
        try:
            checks += compiler.compile_root(root)
        except UnsupportedShapeError as exc:
            refused[root] = str(exc)
    return checks, refused
