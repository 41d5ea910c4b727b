"""One write, in a process of its own: ``python -m ingest.writes.job`` (run by the service).

It reads one JSON line (the job) then the submitted bytes on stdin, and answers one JSON line
on stdout, after a ``started`` line once it is ready to evaluate (the service's deadline
counts from there and kills the process when it passes). The steps, under the store's build
lock (:func:`ess_core.store_versions.store_lock`, so writes and builds are serialised):

1. clone the served store version into a new version folder (:mod:`ingest.writes.clone`);
2. work out each written graph's new content: the parsed body (PUT replaces, POST adds, the
   dataset API replaces), nothing (DELETE), or the SPARQL update run in the clone, whose
   target graphs were checked first (:mod:`ingest.writes.update_targets`);
3. apply the difference to the graph and to the default graph (:mod:`ingest.writes.graphs`),
   with a PROV record per graph in ``<base>graph/changes``;
4. validate the changed graphs with the compiled SHACL checks (:mod:`ingest.writes.validation`);
5. re-index the labels of the subjects whose labels changed in the search index copied with
   the clone (:func:`ingest.store.label_index.refresh_labels`);
6. give the clone a build id, stage each graph's new version in ``ESS_SUBMISSIONS_DIR``,
   swap the clone in (one rename, :func:`ess_core.store_versions.publish`), commit the
   versions.

Any failure, or a kill at any step before the swap, leaves the served store and the versions
as they were: the clone is only ever seen once complete. A kill after the swap leaves the
versions staged and named in the new store version; the next write or build commits them
(:func:`ess_core.dataset_versions.settle`). The service's readers pick the new version up as after
a build (:mod:`graph_service.backends.reload`).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import UTC, datetime
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, RdfFormat, Store, parse

from ess_core.dataset_versions import (
    Version,
    commit,
    key_of,
    mark_pending,
    settle,
    stage,
    versions,
)
from ess_core.store_layout import INDEX_FILE_NAME, write_build_id
from ess_core.store_versions import collect_garbage, new_version, publish, served, store_lock
from ess_core.write_tokens import WriteToken
from ingest.rdf.changes import changes_graph, prov_quads
from ingest.store.label_index import LABEL_PROPERTIES, matches, refresh_labels
from ingest.writes.clone import clone_store
from ingest.writes.csv_rows import RowError, csv_triples
from ingest.writes.graphs import DEFAULT, apply_change, graph_lines, line_of, triples_of
from ingest.writes.update_targets import ALL, NAMED, TargetRefusedError, update_targets
from ingest.writes.validation import violations


class JobError(Exception):
    """A refusal: ``kind`` names the service's exception (ess_core.errors)."""

    def __init__(self, kind: str, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.errors = kind, message, errors or []


def _body_lines(job: dict[str, Any], body: bytes) -> tuple[set[str], dict[str, int]]:
    """The submitted triples as N-Triples lines, and the CSV line of each subject."""
    if job["mapping"]:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JobError("BadRequest", f"{job['input']}: not UTF-8: {exc}") from None
        try:
            triples, rows = csv_triples(text, job["mapping"], job["base"], job["input"])
        except RowError as exc:
            raise JobError("InvalidSubmission", str(exc), exc.errors) from None
        return {line_of(t) for t in triples}, rows
    if job["media"] == "multipart/form-data":
        return _multipart(job, body), {}
    return _rdf_lines(job, body, job["media"]), {}


def _multipart(job: dict[str, Any], body: bytes) -> set[str]:
    """The triples of every part of a multipart/form-data body, each by its Content-Type."""
    head = f"Content-Type: {job['content_type']}\r\n\r\n".encode("latin-1")
    message = BytesParser().parsebytes(head + body)
    if not message.is_multipart():
        raise JobError("BadRequest", f"{job['input']}: not a multipart body")
    found: set[str] = set()
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        found |= _rdf_lines(
            job, payload if isinstance(payload, bytes) else b"", part.get_content_type()
        )
    return found


def _rdf_lines(job: dict[str, Any], body: bytes, media: str) -> set[str]:
    """The triples of an RDF body as N-Triples lines."""
    fmt = RdfFormat.from_media_type(media)
    if fmt is None:
        raise JobError(
            "UnsupportedMediaType",
            f"Content-Type {media or '(none)'} is not an RDF syntax this service reads",
            [
                "send text/turtle, application/n-triples, application/rdf+xml, application/ld+json"
                " (or text/csv with ?mapping=… on /api/datasets/<name>)"
            ],
        )
    base = job["graph"] if job["graph"] != DEFAULT else None
    try:
        quads = list(parse(body, fmt, base_iri=base, without_named_graphs=True))
    except (SyntaxError, ValueError) as exc:
        raise JobError("BadRequest", f"{job['input']}: {exc}") from None
    return {line_of(q.triple) for q in quads}


def _expand(store: Store, targets: list[str], base: str) -> list[str]:
    """The graphs behind the markers ``NAMED`` (every named graph) and ``ALL`` (and the
    default graph); the write records (``<base>graph/changes``) are the service's own and are
    never cleared."""
    records = changes_graph(base)
    named = [g.value for g in store.named_graphs() if g.value != records]
    out: list[str] = []
    for target in targets:
        if target in (ALL, NAMED):
            out += named + ([DEFAULT] if target == ALL else [])
        else:
            out.append(target)
    return list(dict.fromkeys(out))


def _merged(job: dict[str, Any]) -> bool:
    """Whether the store's default graph is the merge of its named graphs, kept so by every
    write (a test instance's writable default graph and a store queried as the union of its
    graphs, ``ESS_UNION_DEFAULT_GRAPH``, have none to keep)."""
    return not (job["default_writable"] or job.get("union"))


def _refusal(graph: str, job: dict[str, Any], token: WriteToken) -> str | None:
    """Why ``token`` may not write ``graph`` (None if it may)."""
    if graph == DEFAULT:
        if job["default_writable"] and "default" in token.graphs:
            return None
        return (
            "the update writes the default graph, which is derived (the merge of the named "
            "graphs) and cannot be written: use GRAPH <…> or WITH <…>"
        )
    if not token.may_write(graph, job["base"]):
        return f"token {job['token']!r} may not write <{graph}>"
    return None


def _update(store: Store, job: dict[str, Any], text: str) -> dict[str, tuple[set[str], set[str]]]:
    """Run the update in the clone; each target graph's content before and after."""
    token = WriteToken(job["token"], "0" * 64, tuple(job["token_graphs"]))
    try:
        targets = _expand(store, update_targets(text, job["update_base"]), job["base"])
    except TargetRefusedError as exc:
        raise JobError("GraphForbidden", str(exc)) from None
    except SyntaxError as exc:
        raise JobError("QuerySyntaxError", str(exc)) from None
    refused = [(g, why) for g in targets if (why := _refusal(g, job, token)) is not None]
    if refused:
        raise JobError("GraphForbidden", refused[0][1], [why for _g, why in refused])
    before = {g: graph_lines(store, g) for g in targets}
    print("started", flush=True)
    try:
        store.update(text, base_iri=job["update_base"])
    except SyntaxError as exc:
        raise JobError("QuerySyntaxError", str(exc)) from None
    after = {g: graph_lines(store, g) for g in targets}
    merge = _merged(job)
    for graph in targets:  # back to before: run() applies the change with the default graph
        apply_change(
            store, graph, before[graph] - after[graph], after[graph] - before[graph], merge
        )
    return {g: (before[g], after[g]) for g in targets}


def _new_contents(
    store: Store, job: dict[str, Any], body: bytes
) -> tuple[dict[str, tuple[set[str], set[str]]], dict[str, int], bool]:
    """Graph -> (content before, content after); the CSV lines; whether a graph was created."""
    op = job["op"]
    if op == "UPDATE":
        return _update(store, job, body.decode("utf-8")), {}, False
    graph = job["graph"]
    old = graph_lines(store, graph)
    if op == "DELETE":
        if not old:
            raise JobError("NotFound", f"no graph <{graph}> in the store")
        print("started", flush=True)
        return {graph: (old, set())}, {}, False
    submitted, rows = _body_lines(job, body)
    print("started", flush=True)
    new = old | submitted if op == "POST" else submitted
    return {graph: (old, new)}, rows, not old


_LABELS = frozenset(str(p) for p in LABEL_PROPERTIES)


def _labelled(lines: set[str]) -> set[str]:
    """IRIs of the subjects of the label triples among N-Triples ``lines``."""
    labels = [
        line for line in lines if line.split(" ", 2)[1:2] and line.split(" ", 2)[1] in _LABELS
    ]
    return {t.subject.value for t in triples_of(labels) if isinstance(t.subject, NamedNode)}


def _describe(violation: Any, rows: dict[str, int]) -> str:
    line = rows.get(violation.focus)
    where = f"line {line}: " if line else ""
    path = f" {violation.path}" if violation.path else ""
    value = f" (value {violation.value})" if violation.value else ""
    return f"{where}<{violation.focus}>{path}: {violation.message}{value}"


def run(job: dict[str, Any], body: bytes) -> dict[str, Any]:
    """Carry out one write; the result line's content."""
    target = Path(job["store"])
    submissions = Path(job["submissions"])
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store_lock(target):
        current = served(target)
        if current is None:
            raise JobError("StorageError", f"no store at {target}")
        settle(current)  # a previous writer stopped between its swap and its versions
        folder = new_version(target)
        clone_store(current, folder)
        try:
            store = Store(str(folder))
            contents, rows, created = _new_contents(store, job, body)
            staged, records, relabelled = [], [], set()
            for graph, (before, after) in contents.items():
                added, removed = after - before, before - after
                relabelled |= _labelled(added | removed)
                apply_change(store, graph, added, removed, _merged(job))
                key = key_of(graph, job["base"])
                known = versions(submissions / key)
                record = Version(
                    graph=graph,
                    version=(known[-1].version if known else 0) + 1,
                    time=now,
                    token=job["token"],
                    operation=job["op"],
                    input=job["input"],
                    added=len(added),
                    removed=len(removed),
                    triples=len(after),
                )
                prov = "\n".join(
                    f"{q.subject} {q.predicate} {q.object} ."
                    for q in prov_quads(record, key, job["base"])
                )
                apply_change(
                    store,
                    changes_graph(job["base"]),
                    prov.splitlines(),
                    (),
                    _merged(job),
                )
                relabelled |= _labelled(set(prov.splitlines()))  # the token's agent
                records.append((key, record, after))
            found = violations(
                store, list(contents), job["shapes"], job["base"], union=bool(job.get("union"))
            )
            if found:
                described = [_describe(v, rows) for v in found[:50]]
                raise JobError(
                    "InvalidSubmission",
                    f"SHACL validation failed: {len(found)} violation(s); first: {described[0]}",
                    described,
                )
            index = folder / INDEX_FILE_NAME
            if matches(index, job["base"]):  # else no index to update: the next build writes it
                refresh_labels(store, index, job["base"], relabelled)
            store.flush()
            del store
            write_build_id(folder)
            for key, record, after in records:
                staged.append(stage(submissions / key, record.graph, after, record))
            mark_pending(folder, staged)
            publish(folder, target)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        for path in staged:
            commit(path)
        collect_garbage(target)
    return {
        "ok": True,
        "created": created,
        "versions": [record.__dict__ for _key, record, _after in records],
    }


def _die_with_parent() -> None:
    """Linux: be killed when the service dies (a write nobody will acknowledge must not be
    swapped in after a ``kill -9`` of the service)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl
        os._exit(1)


def main() -> None:
    """Read the job and its body on stdin, write the result line on stdout."""
    _die_with_parent()
    stdin = sys.stdin.buffer
    job = json.loads(stdin.readline())
    body = stdin.read()
    try:
        result = run(job, body)
    except JobError as exc:
        result = {"ok": False, "error": exc.kind, "message": exc.message, "errors": exc.errors}
    except (OSError, ValueError) as exc:
        result = {"ok": False, "error": "StorageError", "message": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
