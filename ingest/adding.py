"""``ess-graph add`` and ``ess-graph remove``: register documents, extract, resolve across
every document, and say what a new document brought.

A document's ``file`` in the registry is its path relative to ``ESS_DOCUMENTS_DIR`` when it
lies under that folder, else its absolute path: texts may live in any folder, and a moved text
must be added again (the entry whose text has vanished and has the same sha256 then takes the
new path). Adding a registered text again changes nothing unless its content (sha256) or its
metadata changed; then it is extracted again.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ess_core.settings import Settings
from ingest.extract.emit import Record, read_records
from ingest.extraction_cache import ingest_cached
from ingest.rdf.records import extracted_files
from ingest.registry import Document, load_registry, registry_path
from ingest.registry_file import write_registry
from ingest.sidecar import Metadata, MetadataError, merged

NODE_KINDS = ("person", "organisation", "programme")


class DocumentError(ValueError):
    """A document cannot be added or removed; the message names it and the fix."""


@dataclass
class Found:
    """What one added document yields: records per kind, and its nodes, new or already in
    the graph through another document."""

    document: str
    file: str
    changed: bool
    kinds: Counter[str] = field(default_factory=Counter)
    new: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)


def registry_file_value(settings: Settings, path: Path) -> str:
    """The registry's ``file`` for ``path``: relative to ESS_DOCUMENTS_DIR when under it,
    else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(settings.documents_dir.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise DocumentError(f"{path}: not UTF-8 text") from None
    if path.suffix != ".txt":
        raise DocumentError(f"{path}: not a .txt file (save the text as UTF-8 .txt)")
    return data


def _entry(document: Document) -> dict[str, Any]:
    """The registry entry of ``document`` as the file has it (precision "day" is implicit)."""
    entry = {k: v for k, v in vars(document).items() if v is not None}
    if entry.get("date_precision") == "day":
        del entry["date_precision"]
    return entry


def _entries(
    settings: Settings, paths: Sequence[Path], options: Metadata, registry: list[Document]
) -> dict[str, dict[str, Any]]:
    """The registry entry of each path, checked against the registry and each other."""
    by_path = {d.path(settings).resolve(): d for d in registry}
    by_id = {d.id: d for d in registry}
    by_sha = {d.sha256: d for d in registry}
    entries: dict[str, dict[str, Any]] = {}
    for path in paths:
        data = _read(path)
        sha = hashlib.sha256(data).hexdigest()
        previous = by_path.get(path.resolve())
        moved = by_sha.get(sha)
        if previous is None and moved is not None and not moved.path(settings).exists():
            previous = moved  # the registered text was moved here: same document, new path
        old = _entry(previous) if previous else None
        fields = merged(path, options, old)
        entry = {
            **(old or {"language": "fr"}),
            **fields,
            "file": registry_file_value(settings, path),
            "sha256": sha,
        }
        doc_id = entry["id"]
        other = by_id.get(doc_id)
        if (other is not None and other is not previous) or doc_id in entries:
            used = other.file if other is not None and other is not previous else "another path"
            raise DocumentError(
                f"{path}: id {doc_id!r} is already used by {used}: give another with --id"
            )
        if moved is not None and moved is not previous:
            raise DocumentError(
                f"{path}: the same text is registered as {moved.id!r} "
                f"({moved.file}); 'ess-graph remove {moved.id}' first to "
                f"register this copy instead"
            )
        if previous is not None and previous.id != doc_id:
            entries[previous.id] = {}  # renamed: the old entry goes
        entries[doc_id] = entry
    return entries


def _node_keys(records: list[Record]) -> dict[tuple[str, str], str]:
    return {
        (r["kind"], r["key"]): r["fields"].get("name", r["key"])
        for r in records
        if r["type"] == "entity" and r["kind"] in NODE_KINDS
    }


def _existing_nodes(settings: Settings, exclude: set[str]) -> set[tuple[str, str]]:
    return {
        key
        for path in extracted_files(settings)
        if path.stem not in exclude
        for key in _node_keys(read_records(path))
    }


def _found(
    settings: Settings, doc_id: str, file: str, changed: bool, existing: set[tuple[str, str]]
) -> Found:
    path = settings.data_dir / "extracted" / f"{doc_id}.jsonl"
    records = read_records(path) if path.exists() else []
    found = Found(doc_id, file, changed, Counter(r["kind"] for r in records))
    for key, name in sorted(_node_keys(records).items()):
        (found.linked if key in existing else found.new).append(f"{key[0]} {name}")
    return found


def add_documents(
    settings: Settings,
    paths: Sequence[Path],
    options: Metadata = Metadata(),  # noqa: B008 (frozen)
    step: Callable[[str], None] = lambda _: None,
) -> list[Found]:
    """Register ``paths`` (options over sidecars), extract the new or changed ones (the others'
    extractions come from :mod:`ingest.extraction_cache` when current), resolve across every
    document and write every record file, and say what each path yields. The registry is
    restored if the extraction fails."""
    if len(paths) > 1 and (options.id or options.title):
        raise DocumentError("--id and --title name one document: add the texts one by one")
    registry = load_registry(settings)
    entries = _entries(settings, paths, options, registry)
    current = {d.id: _entry(d) for d in registry}
    records_dir = settings.data_dir / "extracted"
    changes = {
        i: (e or None)
        for i, e in entries.items()
        if current.get(i) != e or (e and not (records_dir / f"{i}.jsonl").exists())
    }
    added = {i for i, e in entries.items() if e}
    existing = _existing_nodes(settings, exclude=added)
    if changes:
        path = registry_path(settings)
        before = path.read_text("utf-8")
        write_registry(path, changes)
        try:
            ingest_cached(settings, step=step)
        except BaseException:
            path.write_text(before, "utf-8")
            raise
        for doc_id in (i for i, e in changes.items() if e is None):  # renamed: old records go
            (records_dir / f"{doc_id}.jsonl").unlink(missing_ok=True)
    return [_found(settings, i, entries[i]["file"], i in changes, existing) for i in sorted(added)]


def remove_document(settings: Settings, doc_id: str) -> list[Path]:
    """Unregister ``doc_id`` and delete its records; returns what was changed. An id that is
    neither registered nor has records is an error."""
    registered = {d.id for d in load_registry(settings)}
    records = settings.data_dir / "extracted" / f"{doc_id}.jsonl"
    if doc_id not in registered and not records.exists():
        known = ", ".join(sorted(registered)) or "none"
        raise DocumentError(
            f"no document {doc_id!r} in {registry_path(settings)} (registered: {known})"
        )
    changed = []
    if doc_id in registered:
        write_registry(registry_path(settings), {doc_id: None})
        changed.append(registry_path(settings))
    if records.exists():
        records.unlink()
        changed.append(records)
    return changed


def describe(found: Found) -> list[str]:
    """Lines telling what a document yields."""
    state = "extracted" if found.changed else "unchanged (already registered)"
    counts = ", ".join(f"{n} {k}" for k, n in sorted(found.kinds.items())) or "no records"
    lines = [
        f"{found.document} ({found.file}): {state}; {counts}",
        f"  {len(found.new)} new node(s), {len(found.linked)} linked to existing ones",
    ]
    lines += [f"  linked: {name}" for name in found.linked]
    lines += [f"  new: {name}" for name in found.new]
    return lines


__all__ = [
    "DocumentError",
    "Found",
    "MetadataError",
    "add_documents",
    "describe",
    "remove_document",
]
