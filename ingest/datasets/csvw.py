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
_SAFE = re.compile(r"[A-Za-z0-9._~-]+")
_COLUMN_KEYS = {
    "name",
    "titles",
    "virtual",
    "suppressOutput",
    "aboutUrl",
    "propertyUrl",
    "valueUrl",
    "datatype",
    "lang",
    "default",
    "required",
    "dc:description",
}
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
            raise MappingError(
                f"{path}: column {number}: unsupported key(s) {sorted(unknown) or ['(no name)']}"
            )
        datatype = col.get("datatype")
        if datatype is not None and datatype not in _DATATYPES | set(_EXTRA_DATATYPES):
            raise MappingError(f"{path}: column {col['name']}: unsupported datatype {datatype}")
        columns.append(
            Column(
                col["name"],
                bool(col.get("virtual")),
                col.get("aboutUrl"),
                None if col.get("suppressOutput") else col.get("propertyUrl"),
                col.get("valueUrl"),
                datatype,
                col.get("lang"),
                col.get("default", ""),
            )
        )
    return TableMapping(path, tuple(columns), schema.get("aboutUrl", ""))


@dataclass(frozen=True)
class _Template:
    parts: tuple[str | tuple[str, bool], ...]
    late: bool
    constant: NamedNode | None


class Processor:
    """Turns the rows of a table into triples by a :class:`TableMapping`, for one base IRI."""

    def __init__(self, mapping: TableMapping, iris: Iris) -> None:
        self.mapping = mapping
        self.prefixes = prefixes(iris)
        self.base = iris.base
        datatypes = {
            name: NamedNode(_EXTRA_DATATYPES.get(name, XSD.iri + name))
            for name in _DATATYPES | set(_EXTRA_DATATYPES)
        }
        about = self._compile(mapping.about) if mapping.about else None
        self._plan: list[
            tuple[_Template | None, _Template, _Template | None, Column, NamedNode | None]
        ] = []
        for col in mapping.columns:
            if col.property is None:
                continue
            datatype = (
                datatypes[col.datatype] if col.datatype and col.datatype != "string" else None
            )
            self._plan.append(
                (
                    self._compile(col.about) if col.about else about,
                    self._compile(col.property),
                    self._compile(col.value) if col.value is not None else None,
                    col,
                    datatype,
                )
            )

    def _iri(self, text: str) -> str:
        head, sep, rest = text.partition(":")
        if sep and head in self.prefixes and not rest.startswith("//"):
            text = self.prefixes[head] + rest
        if text.startswith(DEFAULT_BASE_IRI):
            text = self.base + text[len(DEFAULT_BASE_IRI) :]
        return text

    def _compile(self, template: str) -> _Template:
        """Constant text and (column, encode) parts; the leading text is mapped (prefix,
        base) once. A template that starts with a variable is mapped after expansion."""
        parts: list[str | tuple[str, bool]] = []
        position = 0
        for match in _TEMPLATE.finditer(template):
            if match.start() > position:
                parts.append(template[position : match.start()])
            parts.append((match.group(2), not match.group(1)))
            position = match.end()
        if position < len(template):
            parts.append(template[position:])
        late = not parts or not isinstance(parts[0], str)
        if not late and isinstance(parts[0], str):
            parts[0] = self._iri(parts[0])
        constant = NamedNode(parts[0]) if len(parts) == 1 and isinstance(parts[0], str) else None
        return _Template(tuple(parts), late, constant)

    def _expand(self, template: _Template, row: Mapping[str, str]) -> NamedNode | None:
        if template.constant is not None:
            return template.constant
        out = []
        for part in template.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            value = row.get(part[0], "")
            if not value:
                return None
            out.append(quote(value, safe="") if part[1] and not _SAFE.fullmatch(value) else value)
        text = "".join(out)
        return NamedNode(self._iri(text) if template.late else text)

    def triples(self, row: Mapping[str, str]) -> Iterator[Triple]:
        """The triples of one row (a mapping of column name to cell text)."""
        subjects: dict[int, NamedNode | None] = {}
        for about_t, property_t, value_t, col, datatype in self._plan:
            if about_t is None:
                continue
            key = id(about_t)
            if key not in subjects:
                subjects[key] = self._expand(about_t, row)
            about = subjects[key]
            if about is None:
                continue
            obj: NamedNode | Literal | None
            if value_t is not None:
                obj = self._expand(value_t, row)
                if obj is None:
                    continue
            else:
                cell = row.get(col.name, "") or col.default
                if not cell:
                    continue
                if col.lang:
                    obj = Literal(cell, language=col.lang)
                elif datatype is not None:
                    obj = Literal(cell, datatype=datatype)
                else:
                    obj = Literal(cell)
            prop = self._expand(property_t, row)
            if prop is not None:
                yield about, prop, obj

    def all_triples(self, rows: Iterable[Mapping[str, str]]) -> Iterator[Triple]:
        for row in rows:
            yield from self.triples(row)
