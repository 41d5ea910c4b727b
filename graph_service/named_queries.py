"""Named SPARQL queries: ``queries/<name>.rq`` files with a ``#+ `` YAML header.

:func:`load_named_queries` reads a folder of them (the header format is described in
``queries/README.md``); :meth:`NamedQuery.bindings` turns parameter values into RDF terms that
are substituted for the query's variables, never pasted into its text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pyoxigraph import Literal as RdfLiteral
from pyoxigraph import NamedNode, QueryResultsFormat, QueryTriples, RdfFormat, Variable

ParamType = Literal["iri", "string", "integer", "decimal", "boolean", "date", "gYear"]
PARAM_TYPES: tuple[str, ...] = get_args(ParamType)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATATYPES = {
    "integer": "integer",
    "decimal": "decimal",
    "boolean": "boolean",
    "date": "date",
    "gYear": "gYear",
}
_LEXICAL = {
    "integer": re.compile(r"[+-]?\d+"),
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    "boolean": re.compile(r"true|false|1|0"),
    "date": re.compile(r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?"),
    "gYear": re.compile(r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?"),
}
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


class NamedQueryError(ValueError):
    """A named query file or a parameter value is invalid; the message names it."""


@dataclass(frozen=True)
class QueryParam:
    """A parameter: a variable of the query bound to a term of ``type``."""

    name: str
    type: ParamType
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        return self.default is None

    def term(self, value: str) -> NamedNode | RdfLiteral:
        """The RDF term of ``value`` (lexical form), checked against the parameter's type."""
        if self.type == "iri":
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise NamedQueryError(f"parameter {self.name}: {value!r} is not an IRI")
            return NamedNode(value)
        if self.type == "string":
            return RdfLiteral(value)
        pattern = _LEXICAL[self.type]
        if not pattern.fullmatch(value):
            raise NamedQueryError(f"parameter {self.name}: {value!r} is not a valid {self.type}")
        return RdfLiteral(value, datatype=NamedNode(_XSD + _DATATYPES[self.type]))


@dataclass(frozen=True)
class NamedQuery:
    """A query of ``queries/``, its header and its text."""

    name: str
    path: Path
    summary: str
    description: str
    tags: tuple[str, ...]
    params: dict[str, QueryParam]
    sparql: str

    @property
    def ordered(self) -> bool:
        """Whether the query fixes the order of its rows (ORDER BY outside comments)."""
        body = "\n".join(line.split("#", 1)[0] for line in self.sparql.splitlines())
        return bool(_ORDER_BY.search(body))

    def bindings(self, values: dict[str, str] | None = None) -> dict[Variable, Any]:
        """Terms for every parameter: ``values``, else defaults; unknown or missing names fail."""
        values = values or {}
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            raise NamedQueryError(f"query {self.name}: unknown parameter(s) {', '.join(unknown)}")
        terms: dict[Variable, Any] = {}
        for name, param in self.params.items():
            value = values.get(name, param.default)
            if value is None:
                raise NamedQueryError(f"query {self.name}: parameter {name} is required")
            terms[Variable(name)] = param.term(value)
        return terms


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            break
    return "\n".join(lines)


def _param(query: str, name: str, spec: Any) -> QueryParam:
    if not isinstance(spec, dict):
        raise NamedQueryError(f"{query}: parameter {name} must be a mapping")
    kind = spec.get("type", "string")
    if kind not in PARAM_TYPES:
        raise NamedQueryError(f"{query}: parameter {name} has unknown type {kind!r}")
    default = spec.get("default")
    if isinstance(default, bool):
        default = str(default).lower()
    elif default is not None:
        default = str(default)
    param = QueryParam(
        name=name, type=kind, default=default, description=str(spec.get("description", ""))
    )
    if param.default is not None:
        try:
            param.term(param.default)
        except NamedQueryError as exc:
            raise NamedQueryError(f"{query}: default of {exc}") from None
    return param


def parse_named_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file; a bad header raises :class:`NamedQueryError` naming the file."""
    text = path.read_text(encoding="utf-8")
    try:
        header = yaml.safe_load(_header(text)) or {}
    except yaml.YAMLError as exc:
        raise NamedQueryError(f"{path}: header is not valid YAML ({exc})") from None
    if not isinstance(header, dict) or not header.get("summary"):
        raise NamedQueryError(f"{path}: header needs at least '#+ summary: ...'")
    params = header.get("params") or {}
    if not isinstance(params, dict):
        raise NamedQueryError(f"{path}: params must be a mapping")
    for name in params:
        if not re.search(rf"[?$]{re.escape(str(name))}\b", text):
            raise NamedQueryError(f"{path}: parameter {name} is not a variable of the query")
    tags = header.get("tags") or []
    return NamedQuery(
        name=path.stem,
        path=path,
        summary=str(header["summary"]).strip(),
        description=str(header.get("description") or "").strip(),
        tags=tuple(str(t) for t in (tags if isinstance(tags, list) else [tags])),
        params={str(n): _param(str(path), str(n), s) for n, s in params.items()},
        sparql=text,
    )


def load_named_queries(queries_dir: Path) -> dict[str, NamedQuery]:
    """Every ``*.rq`` of ``queries_dir`` by name, sorted."""
    return {p.stem: parse_named_query(p) for p in sorted(queries_dir.glob("*.rq"))}


def evaluate(
    store: Any,
    query: NamedQuery,
    values: dict[str, str] | None = None,
    *,
    union_default_graph: bool = False,
) -> dict[str, Any]:
    """Run ``query`` on a pyoxigraph ``store``; SELECT/ASK give SPARQL JSON results,
    CONSTRUCT/DESCRIBE give ``{"triples": [N-Triples lines]}``."""
    result = store.query(
        query.sparql,
        substitutions=query.bindings(values),
        use_default_graph_as_union=union_default_graph,
    )
    if isinstance(result, QueryTriples):
        text = result.serialize(format=RdfFormat.N_TRIPLES) or b""
        return {"triples": [line for line in text.decode().splitlines() if line]}
    return json.loads(result.serialize(format=QueryResultsFormat.JSON) or b"{}")
