"""Versions of the graphs written through the service: the folder layout both sides read.

Every accepted write (Graph Store PUT/POST/DELETE, ``POST /api/datasets/<name>``, a SPARQL
update) gives each graph it changes a new version, kept beside the previous ones in the
setting ``ESS_SUBMISSIONS_DIR`` (``var/datasets``)::

    var/datasets/<key>/          <key>: the dataset name, or g-<sha1 of the IRI> for another graph
      v000001.nt                 the graph's whole content after version 1 (sorted N-Triples)
      v000001.json               its PROV record: graph, version, time, token, input, counts
      v000002.nt …

A version exists once its ``.json`` is in place: the writer renames it there last, after the
new store was swapped in, so a write killed before the swap leaves no version. The new store
version names the staged records it carries (``ess-graph-write.json``): a writer killed
between the swap and the renames leaves a served store whose versions are settled (renamed
into place) by the next write or build (:func:`settle`), so the write is not dropped. The build
(``ingest.rdf.submissions``) loads the newest version of each graph, so a rebuild never drops
a submission; ``/api/datasets/<name>/changes`` and ``ess-graph diff`` compare two versions'
files. Why ``var/`` and not ``data/``: ``data/`` holds what the project commits and reviews;
these are a deployment's own inputs, written by the running service, which must not write into
a git checkout.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ess_core.write_tokens import dataset_name


class VersionError(ValueError):
    """No such dataset or version; the message says which exist."""


@dataclass(frozen=True)
class Version:
    """The PROV record of one version of one graph."""

    graph: str
    version: int
    time: str  # ISO 8601, UTC
    token: str  # the name of the token that wrote it
    operation: str  # PUT, POST, DELETE, UPDATE, DATASET
    input: str  # the submitted file's name, or what the request was
    added: int
    removed: int
    triples: int


def key_of(graph: str, base_iri: str) -> str:
    """The folder name of ``graph``: its dataset name, or ``g-`` and a hash of its IRI."""
    if graph == "DEFAULT":  # a test instance's writable default graph
        return "g-default"
    name = dataset_name(graph, base_iri)
    return name if name else "g-" + hashlib.sha1(graph.encode()).hexdigest()[:16]  # noqa: S324


def _file(folder: Path, number: int, suffix: str) -> Path:
    return folder / f"v{number:06d}{suffix}"


def versions(folder: Path) -> list[Version]:
    """The versions of the graph kept in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("v[0-9][0-9][0-9][0-9][0-9][0-9].json")):
        found.append(Version(**json.loads(path.read_text("utf-8"))))
    return found


def folders(root: Path) -> list[Path]:
    """Every graph folder under ``root`` that has at least one version."""
    if not root.is_dir():
        return []
    return [p for p in sorted(root.iterdir()) if p.is_dir() and versions(p)]


def content_file(folder: Path, number: int) -> Path:
    """The N-Triples file of version ``number``."""
    return _file(folder, number, ".nt")


def lines(folder: Path, number: int) -> set[str]:
    """The triples (N-Triples lines) of version ``number``; version 0 is empty."""
    if number == 0:
        return set()
    text = content_file(folder, number).read_text("utf-8")
    return {line for line in text.splitlines() if line.strip()}


def stage(folder: Path, graph: str, content: set[str], record: Version) -> Path:
    """Write version ``record.version``'s content and its record under a temporary name;
    return that name (:func:`commit` renames it into place)."""
    folder.mkdir(parents=True, exist_ok=True)
    content_file(folder, record.version).write_text(
        "".join(f"{line}\n" for line in sorted(content)), "utf-8"
    )
    staged = folder / f".v{record.version:06d}.json.tmp"
    staged.write_text(json.dumps(asdict(record), ensure_ascii=False, indent=1) + "\n", "utf-8")
    return staged


def commit(staged: Path) -> None:
    """Make a staged version exist (one rename)."""
    staged.replace(staged.with_name(staged.name[1:].removesuffix(".tmp")))


PENDING_FILE = "ess-graph-write.json"


def mark_pending(store_version: Path, staged: list[Path]) -> None:
    """Record in the new store version, before it is swapped in, the versions it carries."""
    (store_version / PENDING_FILE).write_text(
        json.dumps([str(p.resolve()) for p in staged]) + "\n", "utf-8"
    )


def settle(store_version: Path | None) -> list[Path]:
    """Commit the staged versions of the write whose store version ``store_version`` (the one
    served) is: its writer was stopped after the swap. Returns the records committed."""
    pending = store_version / PENDING_FILE if store_version is not None else None
    if pending is None or not pending.is_file():
        return []
    committed = []
    for name in json.loads(pending.read_text("utf-8")):
        staged = Path(name)
        try:
            commit(staged)
        except FileNotFoundError:  # committed already (by its writer, or settled before)
            continue
        committed.append(staged.with_name(staged.name[1:].removesuffix(".tmp")))
    return committed


def parse_since(text: str, known: list[Version]) -> int:
    """The version number ``since`` names: a number, or an ISO time (the last version at or
    before it; 0 before the first)."""
    if text.isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise VersionError(f"since={text!r}: give a version number or an ISO 8601 time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.now().astimezone().tzinfo)
    number = 0
    for version in known:
        if datetime.fromisoformat(version.time) <= moment:
            number = version.version
    return number


def diff(folder: Path, start: int, end: int) -> tuple[list[str], list[str]]:
    """The triples added and removed from version ``start`` to version ``end``, sorted."""
    known = {v.version for v in versions(folder)} | {0}
    for number in (start, end):
        if number not in known:
            raise VersionError(
                f"no version {number} of {folder.name}; versions: "
                + ", ".join(str(n) for n in sorted(known))
            )
    before, after = lines(folder, start), lines(folder, end)
    return sorted(after - before), sorted(before - after)


def changes(folder: Path, since: int) -> list[dict[str, object]]:
    """Every version after ``since``: its record and the triples it added and removed."""
    out: list[dict[str, object]] = []
    for version in versions(folder):
        if version.version <= since:
            continue
        added, removed = diff(folder, version.version - 1, version.version)
        out.append({**asdict(version), "added_triples": added, "removed_triples": removed})
    return out
