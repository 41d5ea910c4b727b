"""Edits of ``data/documents.yaml`` that keep its comments and layout: an entry is appended,
replaced or removed as a block of lines, the result is validated as a whole, then written
atomically (a temporary file renamed over the registry). An invalid result is never written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ingest.registry import Document, RegistryError, parse_registry

FIELD_ORDER = (
    "id",
    "file",
    "title",
    "publisher",
    "date",
    "date_precision",
    "date_note",
    "genre",
    "territory",
    "territory_ref",
    "language",
    "sha256",
)


def entry_block(entry: Mapping[str, Any]) -> list[str]:
    """The lines of one registry entry, indented as the committed file is."""
    ordered = {k: entry[k] for k in FIELD_ORDER if entry.get(k) is not None}
    text = yaml.safe_dump([ordered], allow_unicode=True, sort_keys=False, width=96)
    lines = ["  " + line if line else line for line in text.splitlines()]
    # dates double-quoted as in the committed file (an unquoted full date is a YAML timestamp)
    return [
        f'    date: "{ordered["date"]}"' if line.startswith("    date: ") else line
        for line in lines
    ]


def _spans(lines: list[str], text: str, path: Path) -> tuple[int, list[tuple[int, int]]]:
    """Line of ``documents:`` and the ``[start, end)`` line span of each entry."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        raise RegistryError(f"{path}: top level: not a mapping with 'documents'")
    for key, value in root.value:
        if key.value == "documents":
            starts = [item.start_mark.line for item in getattr(value, "value", [])]
            if isinstance(value, yaml.SequenceNode) and value.flow_style:
                starts = []  # `documents: []`: rewritten as a block sequence
            ends = [*starts[1:], len(lines)][: len(starts)]
            return key.start_mark.line, list(zip(starts, ends, strict=True))
    raise RegistryError(f"{path}: top level: no 'documents'")


def _trim(block: list[str]) -> list[str]:
    while block and not block[-1].strip():
        block = block[:-1]
    return block


def edited_text(
    text: str, path: Path, ids: list[str], entries: Mapping[str, Mapping[str, Any] | None]
) -> str:
    """``text`` with the entry of each id of ``entries`` replaced (or removed when None) and
    new ids appended. ``ids`` are the ids of the entries of ``text``, in order."""
    lines = text.splitlines()
    head, spans = _spans(lines, text, path)
    if len(spans) != len(ids):
        raise RegistryError(f"{path}: cannot edit: {len(ids)} entries read, {len(spans)} found")
    blocks: list[list[str]] = []
    for doc_id, (start, end) in zip(ids, spans, strict=True):
        if doc_id not in entries:
            blocks.append(_trim(lines[start:end]))
        elif (entry := entries[doc_id]) is not None:
            blocks.append(entry_block(entry))
    blocks += [entry_block(e) for i, e in entries.items() if i not in ids and e is not None]
    out = lines[:head] + (["documents:"] if blocks else ["documents: []"])
    for number, block in enumerate(blocks):
        out += ([""] if number else []) + block
    return "\n".join(out) + "\n"


def write_registry(path: Path, entries: Mapping[str, Mapping[str, Any] | None]) -> list[Document]:
    """Apply ``entries`` (id -> new entry, or None to remove) to the registry file ``path``;
    returns the registry's documents afterwards."""
    text = path.read_text("utf-8")
    try:
        ids = [e["id"] for e in (yaml.safe_load(text) or {}).get("documents") or []]
    except (yaml.YAMLError, AttributeError, TypeError, KeyError):
        raise RegistryError(f"{path}: not a registry with a 'documents' list") from None
    new_text = edited_text(text, path, ids, entries)
    documents = parse_registry(yaml.safe_load(new_text), path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(new_text, "utf-8")
    temporary.replace(path)
    return documents
