"""A small processor of W3C CSVW metadata (CSV on the Web, "Generating RDF from Tabular Data").

The import's mappings (``ingest/datasets/mappings/*.csvw.json``) are CSVW table descriptions:
each column, real or ``virtual``, has an ``aboutUrl`` (subject), a ``propertyUrl`` and either a
``valueUrl`` (an IRI) or the cell's value as a literal (``datatype``, ``lang``). URI templates
are RFC 6570 level 1-2: ``{col}`` percent-encodes the cell, ``{+col}`` keeps it as is. As in
CSVW, a null (empty) cell gives no triple, nor does a template naming an empty cell.

Deviations, for a self-contained mapping: prefixed names (``org:hasSite``) use the project's
prefixes (``ess_core.namespaces.prefixes``, a superset of CSVW's initial context), and IRIs
written against the default base ``https://w3id.org/ess-hdf/`` are mapped onto the configured
one, as the ontology files are. Only the features the mappings use are read; any other key is
refused, so a mapping never means more than this module does.

morph-kgc (RML/YARRRML) was the first choice; its releases require ``pyoxigraph<0.4`` and
``rdflib<7.3``, which the project's ``pyoxigraph==0.5.13`` pin excludes (docs/IMPORT.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode

from ess_core.iris import Iris
from ess_core.namespaces import XSD, Triple, prefixes
from ess_core.settings import DEFAULT_BASE_IRI

_TEMPLATE = re.compile(r"\{(\+?)([A-Za-z_][A-Za-z0-9_]*)\}")
_COLUMN_KEYS = {"name", "titles", "virtual", "suppressOutput", "aboutUrl", "propertyUrl",
                "valueUrl", "datatype", "lang", "default", "required", "dc:description"}
_DATATYPES = {"string", "integer", "decimal", "gYear", "date", "dateTime", "boolean"}
_EXTRA_DATATYPES = {"geo:wktLiteral": "http://www.opengis.net/ont/geosparql#wktLiteral"}


class MappingError(ValueError):
    """A mapping file is not CSVW metadata this processor understands; names file and column."""


@dataclass(frozen=True)
class Column:
    """One column description of a CSVW table schema."""

    name: str
    virtual: bool
    about: str | None
    property: str | None
    value: str | None
    datatype: str | None
    lang: str | None
    default: str = ""


@dataclass(frozen=True)
class TableMapping:
    """A CSVW table description: the CSV columns it expects and the triples of each row."""

    path: Path
    columns: tuple[Column, ...]
    about: str

    @property
    def real_columns(self) -> list[str]:
        return [c.name for c in self.columns if not c.virtual]


def load_mapping(path: Path) -> TableMapping:
    """Read and check the CSVW metadata of ``path``."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise MappingError(f"{path}: cannot read ({exc})") from None
    schema = raw.get("tableSchema")
    if not isinstance(schema, dict) or not isinstance(schema.get("columns"), list):
        raise MappingError(f"{path}: no tableSchema.columns")
    columns = []
    for number, col in enumerate(schema["columns"], start=1):
        unknown = set(col) - _COLUMN_KEYS
        if unknown or "name" not in col:
            raise MappingError(f"{path}: column {number}: unsupported key(s) "
                               f"{sorted(unknown) or ['(no name)']}")
        datatype = col.get("datatype")
        if datatype is not None and datatype not in _DATATYPES | set(_EXTRA_DATATYPES):
            raise MappingError(f"{path}: column {col['name']}: unsupported datatype {datatype}")
        columns.append(Column(col["name"], bool(col.get("virtual")), col.get("aboutUrl"),
                              None if col.get("suppressOutput") else col.get("propertyUrl"),
                              col.get("valueUrl"), datatype, col.get("lang"),
                              col.get("default", "")))
    return TableMapping(path, tuple(columns), schema.get("aboutUrl", ""))


class Processor:
    """Turns the rows of a table into triples by a :class:`TableMapping`, for one base IRI."""

    def __init__(self, mapping: TableMapping, iris: Iris) -> None:
        self.mapping = mapping
        self.prefixes = prefixes(iris)
        self.base = iris.base
        self._datatypes = {name: NamedNode(_EXTRA_DATATYPES.get(name, XSD.iri + name))
                           for name in _DATATYPES | set(_EXTRA_DATATYPES)}
        self._properties: dict[str, NamedNode] = {}

    def _iri(self, text: str) -> str:
        head, sep, rest = text.partition(":")
        if sep and head in self.prefixes and not rest.startswith("//"):
            text = self.prefixes[head] + rest
        if text.startswith(DEFAULT_BASE_IRI):
            text = self.base + text[len(DEFAULT_BASE_IRI):]
        return text

    def _expand(self, template: str, row: Mapping[str, str]) -> str | None:
        missing = False

        def one(match: re.Match[str]) -> str:
            nonlocal missing
            value = row.get(match.group(2), "")
            if not value:
                missing = True
                return ""
            return value if match.group(1) else quote(value, safe="")

        expanded = _TEMPLATE.sub(one, template)
        return None if missing else self._iri(expanded)

    def _property(self, text: str, row: Mapping[str, str]) -> NamedNode | None:
        if "{" in text:
            iri = self._expand(text, row)
            return None if iri is None else NamedNode(iri)
        node = self._properties.get(text)
        if node is None:
            node = self._properties[text] = NamedNode(self._iri(text))
        return node

    def triples(self, row: Mapping[str, str]) -> Iterator[Triple]:
        """The triples of one row (a mapping of column name to cell text)."""
        default_about = self._expand(self.mapping.about, row) if self.mapping.about else None
        for col in self.mapping.columns:
            if col.property is None:
                continue
            about = self._expand(col.about, row) if col.about else default_about
            if about is None:
                continue
            obj: NamedNode | Literal
            if col.value is not None:
                iri = self._expand(col.value, row)
                if iri is None:
                    continue
                obj = NamedNode(iri)
            else:
                cell = row.get(col.name, "") or col.default
                if not cell:
                    continue
                if col.lang:
                    obj = Literal(cell, language=col.lang)
                elif col.datatype and col.datatype != "string":
                    obj = Literal(cell, datatype=self._datatypes[col.datatype])
                else:
                    obj = Literal(cell)
            prop = self._property(col.property, row)
            if prop is not None:
                yield NamedNode(about), prop, obj

    def all_triples(self, rows: Iterable[Mapping[str, str]]) -> Iterator[Triple]:
        for row in rows:
            yield from self.triples(row)
