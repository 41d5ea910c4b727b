"""SPARQL building blocks for the SHACL compiler: terms, value tests, fresh variables.

Each value test is a SPARQL boolean expression that is true when a value node satisfies one
constraint parameter the way pyshacl (inference none) decides it; expressions that may raise
an error (comparisons, ``regex`` on a blank node) are wrapped in ``COALESCE(..., false)`` so an
error counts as a failure, as in pyshacl.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

# Lexical forms pyshacl (rdflib) accepts for the datatypes our data uses; a literal of one of
# these datatypes whose lexical form does not match is ill-typed and fails sh:datatype.
_TZ = r"(Z|[+-][0-9]{2}:[0-9]{2})?"
_YEAR = r"-?[0-9]{4,}"
LEXICAL: dict[URIRef, str] = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.gYear: f"^{_YEAR}{_TZ}$",
    XSD.gYearMonth: f"^{_YEAR}-[0-9]{{2}}{_TZ}$",
    XSD.date: f"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}{_TZ}$",
    XSD.dateTime: f"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}"
    f"(\\.[0-9]+)?{_TZ}$",
}
# Date-like datatypes Oxigraph parses: an ill-formed value (month 13, 30 February) makes
# YEAR() fail, which the regexes above cannot see.
_DATES = frozenset((XSD.date, XSD.dateTime, XSD.gYear, XSD.gYearMonth))
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_COMPARISONS = {
    SH.minInclusive: ">=",
    SH.minExclusive: ">",
    SH.maxInclusive: "<=",
    SH.maxExclusive: "<",
}


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL construct the SPARQL compiler does not translate."""


class Fresh:
    """Fresh SPARQL variable names (``?x1``, ``?x2``...)."""

    def __init__(self) -> None:
        self._counter: Iterator[int] = itertools.count(1)

    def __call__(self) -> str:
        return f"?x{next(self._counter)}"


def term(node: Node) -> str:
    """``node`` in SPARQL syntax (IRIs and literals only)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise UnsupportedShapeError(f"blank node {node} used as a constraint value")


def iri(node: Node | None, what: str) -> URIRef:
    """``node`` if it is an IRI; else the shape is refused."""
    if not isinstance(node, URIRef):
        raise UnsupportedShapeError(f"{what} must be an IRI, not {node!r}")
    return node


def count_of(node: Node) -> int:
    """The integer value of a count parameter."""
    if not isinstance(node, Literal) or not isinstance(node.value, int) or node.value < 0:
        raise UnsupportedShapeError(f"count parameter {node!r} is not a non-negative integer")
    return node.value


def instance_of(var: str, cls: Node) -> str:
    """``var`` has ``rdf:type``/``rdfs:subClassOf*`` ``cls`` (pyshacl's sh:class)."""
    return f"EXISTS {{ {var} <{RDF.type}>/<{RDFS.subClassOf}>* {term(cls)} }}"


def datatype_test(var: str, datatype: Node) -> str:
    """sh:datatype: a literal of exactly that datatype, well formed."""
    dt = iri(datatype, "sh:datatype")
    if dt == RDF.langString:
        return f'(isLiteral({var}) && LANG({var}) != "")'
    test = f"isLiteral({var}) && DATATYPE({var}) = {term(dt)}"
    if dt in (XSD.integer, XSD.decimal):  # Oxigraph parses well-formed numbers (cheaper)
        test += f" && isNumeric({var})"
    elif dt in LEXICAL:
        test += f" && REGEX(STR({var}), {Literal(LEXICAL[dt]).n3()})"
    if dt in _DATES:  # the shape of a date is not enough: YEAR() fails on 2020-02-30
        test += f" && YEAR({var}) = YEAR({var})"
    return f"COALESCE({test}, false)"


def node_kind_test(var: str, kind: Node) -> str:
    """sh:nodeKind."""
    if not isinstance(kind, URIRef) or kind not in _NODE_KINDS:
        raise UnsupportedShapeError(f"unknown sh:nodeKind {kind!r}")
    return _NODE_KINDS[kind].format(v=var)


def comparison_test(var: str, parameter: URIRef, bound: Node) -> str:
    """sh:minInclusive and the like (incomparable values fail)."""
    return f"COALESCE({var} {_COMPARISONS[parameter]} {term(bound)}, false)"


def length_test(var: str, parameter: URIRef, bound: Node) -> str:
    """sh:minLength / sh:maxLength (blank nodes fail)."""
    operator = ">=" if parameter == SH.minLength else "<="
    return f"COALESCE(!isBlank({var}) && STRLEN(STR({var})) {operator} {count_of(bound)}, false)"


def pattern_test(var: str, pattern: Node, flags: Node | None) -> str:
    """sh:pattern with optional sh:flags (blank nodes fail)."""
    arguments = f"STR({var}), {Literal(str(pattern)).n3()}"
    if flags is not None:
        arguments += f", {Literal(str(flags)).n3()}"
    return f"COALESCE(!isBlank({var}) && REGEX({arguments}), false)"


def in_test(var: str, members: list[Node]) -> str:
    """sh:in: the value is one of the members (RDF term equality)."""
    if not members:
        return "false"
    return "(" + " || ".join(f"sameTerm({var}, {term(m)})" for m in members) + ")"


def less_than_test(left: str, right: str, parameter: URIRef) -> str:
    """sh:lessThan(OrEquals) as pyshacl compares: IRIs and strings as text, else values."""
    operator = "<" if parameter == SH.lessThan else "<="

    def textual(var: str) -> str:
        return (
            f"(isIRI({var}) || (isLiteral({var}) && (DATATYPE({var}) = {term(XSD.string)}"
            f' || LANG({var}) != "")))'
        )

    return (
        f"COALESCE(IF({textual(left)} && {textual(right)}, STR({left}) {operator} "
        f"STR({right}), IF({textual(left)} || {textual(right)}, false, "
        f"{left} {operator} {right})), false)"
    )


def is_blank(node: Node) -> bool:
    """True for a blank node (an anonymous shape)."""
    return isinstance(node, BNode)
