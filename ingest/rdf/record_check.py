"""Reading extracted records for the build: every bad line is named by ``file:line``.

:func:`read_checked_records` reads ``data/extracted/<doc-id>.jsonl`` line by line. A line
that is not JSON, not an object, or not a record as ``ingest/schemas/record.schema.json``
describes (a missing ``fields``, an unknown ``type`` or ``kind``…) stops the build with
:class:`RecordError`: ``<file>:<line>: <what is wrong>``. A record that points at an entity
no record of the file defines (``territory/<key>`` without a resolved ``iri``, whose facts
would be dropped, or another kind, which would leave a node without a name) is a warning:
``<file>:<line>: …``, counted and listed by the build report, never silent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

Record = dict[str, Any]
_REF = re.compile(r"^([a-z-]+)/([a-z0-9-]+)$")


class RecordError(ValueError):
    """A line of a record file is not a valid record; the message starts with file:line."""


@cache
def _validator() -> jsonschema.Draft202012Validator:
    text = resources.files("ingest.schemas").joinpath("record.schema.json").read_text("utf-8")
    schema = json.loads(text)
    return jsonschema.Draft202012Validator(schema)


@cache
def _entity_kinds() -> frozenset[str]:
    schema: dict[str, Any] = dict(_validator().schema)  # type: ignore[arg-type]
    relation_rule = next(
        rule
        for rule in schema["allOf"]
        if rule["if"]["properties"].get("type") == {"const": "relation"}
    )
    return frozenset(relation_rule["then"]["properties"]["kind"]["not"]["enum"])


def _problem(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    message = error.message
    if error.validator == "required":
        message = message.replace(" is a required property", " is missing")
    return f"{where}: {message}" if where else message


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line


def _parse(path: Path, number: int, line: str) -> Record:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"{path}:{number}: not valid JSON: {exc.msg} at column {exc.colno}"
        ) from None
    if not isinstance(record, dict):
        raise RecordError(
            f"{path}:{number}: a record must be a JSON object, not {type(record).__name__}"
        )
    error = jsonschema.exceptions.best_match(_validator().iter_errors(record))
    if error is not None:
        name = record.get("id", "record")
        raise RecordError(f"{path}:{number}: {name}: {_problem(error)}")
    return record


def _references(value: Any, field: str) -> Iterator[tuple[str, str]]:
    """The ``(field, kind/key)`` entity references in a field value."""
    if isinstance(value, str):
        match = _REF.match(value)
        if match and match.group(1) in _entity_kinds():
            yield field, value
    elif isinstance(value, list):
        for item in value:
            yield from _references(item, field)


def dangling_references(path: Path, numbered: list[tuple[int, Record]]) -> list[str]:
    """One warning per reference to an entity the file does not define (or, for a
    territory, does not resolve to an IRI)."""
    defined = {f"{r['kind']}/{r['key']}": r for _, r in numbered if r["type"] == "entity"}
    warnings = []
    for number, record in numbered:
        for field, value in record["fields"].items():
            for name, ref in _references(value, field):
                target = defined.get(ref)
                if target is None:
                    warnings.append(
                        f"{path}:{number}: {record['id']}: field '{name}' points at "
                        f"{ref}, which no record of this file defines"
                    )
                elif ref.startswith("territory/") and not target["fields"].get("iri"):
                    warnings.append(
                        f"{path}:{number}: {record['id']}: field '{name}' points at "
                        f"{ref}, which is not resolved to the geography (no 'iri'):"
                        " its facts are left out"
                    )
    return warnings


def read_checked_records(path: Path, warnings: list[str] | None = None) -> list[Record]:
    """The records of ``path``; :class:`RecordError` (``file:line: …``) on a bad line, and
    the dangling references appended to ``warnings``."""
    numbered = [(number, _parse(path, number, line)) for number, line in _lines(path)]
    if warnings is not None:
        warnings.extend(dangling_references(path, numbered))
    return [record for _, record in numbered]
