"""CSV submitted to ``POST /api/datasets/<name>``: rows checked by a JSON Schema, then mapped.

The CSV's header must name the real columns of one of the shipped CSVW mappings
(``ingest/datasets/mappings/<kind>.csvw.json``, ``?mapping=<kind>``). Each row is checked by a
JSON Schema derived from that mapping (a required column must be filled; an ``integer``,
``decimal``, ``gYear``, ``date`` or ``boolean`` cell must have that shape), so an error names
the row's line and the column. The rows then go through the CSVW processor. Which line made
which subject is kept, so a SHACL violation can name the line too.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import jsonschema
from pyoxigraph import NamedNode, Triple

from ess_core.iris import Iris
from ingest.datasets.csvw import Processor
from ingest.datasets.files import KINDS, mapping_of, mapping_path

PATTERNS = {
    "integer": r"^[+-]?[0-9]+$",
    "decimal": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    "gYear": r"^-?[0-9]{4}$",
    "date": r"^-?[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "boolean": r"^(true|false|0|1)$",
}


class RowError(ValueError):
    """A CSV row breaks the schema: ``errors`` holds one ``line N: column C: problem`` each."""

    def __init__(self, message: str, errors: list[str]) -> None:
        super().__init__(message)
        self.errors = errors


def row_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one row of ``kind``'s mapping (cells are strings; empty = null)."""
    raw = json.loads(mapping_path(kind).read_text("utf-8"))
    properties: dict[str, Any] = {}
    required = []
    for col in raw["tableSchema"]["columns"]:
        if col.get("virtual"):
            continue
        cell: dict[str, Any] = {"type": "string"}
        pattern = PATTERNS.get(col.get("datatype", ""))
        if pattern:
            cell = {"type": "string", "anyOf": [{"const": ""}, {"pattern": pattern}]}
        if col.get("required"):
            cell["minLength"] = 1
            required.append(col["name"])
        properties[col["name"]] = cell
    return {"type": "object", "properties": properties, "required": required}


def csv_triples(
    text: str, kind: str, base_iri: str, source: str
) -> tuple[list[Triple], dict[str, int]]:
    """The triples of a submitted CSV and the line of the row that made each subject."""
    if kind not in KINDS:
        raise RowError(f"unknown mapping {kind!r}", [f"mapping must be one of: {', '.join(KINDS)}"])
    reader = csv.DictReader(io.StringIO(text))
    expected = set(mapping_of(kind).real_columns)
    header = set(reader.fieldnames or [])
    if not header or not header <= expected or not header & expected:
        unknown = sorted(header - expected) or ["(no header)"]
        raise RowError(
            f"{source}: line 1: the header does not match the {kind} mapping",
            [
                f"line 1: unknown column(s) {', '.join(unknown)}; "
                f"columns of {kind}: {', '.join(sorted(expected))}"
            ],
        )
    schema = row_schema(kind)
    validator = jsonschema.Draft202012Validator(schema)
    processor = Processor(mapping_of(kind), Iris(base_iri))
    triples: list[Triple] = []
    lines: dict[str, int] = {}
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        cells = {k: v for k, v in row.items() if k is not None}
        if None in row:
            problems.append(f"line {line}: more cells than columns")
            continue
        for error in validator.iter_errors(cells):
            column = (
                error.path[0]
                if error.path
                else ",".join(c for c in schema["required"] if not cells.get(c))
            )
            problems.append(f"line {line}: column {column}: {error.message}")
        if problems:
            continue
        for s, p, o in processor.triples(cells):
            triples.append(Triple(s, p, o))
            if isinstance(s, NamedNode):
                lines.setdefault(s.value, line)
    if problems:
        raise RowError(f"{source}: {len(problems)} invalid cell(s); first: {problems[0]}", problems)
    return triples, lines
