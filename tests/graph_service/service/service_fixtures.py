"""Helpers of the service tests: small real stores, free ports, live servers."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox

from ingest.store.default_graph import default_graph_quads, with_default_graph

BASE = "https://w3id.org/ess-hdf/"
ORG = "http://www.w3.org/ns/org#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
IGEO = "http://rdf.insee.fr/def/geo#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def sample_quads(orgs: int = 5, communes: int = 3, tag: str = "") -> list[ox.Quad]:
    """Organisations in a document graph, communes in the geography graph, some links."""
    doc = _n(f"{BASE}graph/document/doc-a{tag}")
    geo = _n(f"{BASE}graph/reference/geo")
    quads = []
    for i in range(communes):
        c = _n(f"{BASE}id/commune/5900{i}")
        quads += [
            ox.Quad(c, _n(RDF_TYPE), _n(IGEO + "Commune"), geo),
            ox.Quad(c, _n(IGEO + "codeINSEE"), ox.Literal(f"5900{i}"), geo),
            ox.Quad(c, _n(OWL + "sameAs"), _n(f"http://id.insee.fr/geo/commune/5900{i}"), geo),
        ]
    for i in range(orgs):
        o = _n(f"{BASE}id/organisation/org{tag}-{i}")
        quads += [
            ox.Quad(o, _n(RDF_TYPE), _n(ORG + "Organization"), doc),
            ox.Quad(o, _n(SKOS + "prefLabel"), ox.Literal(f"Org {tag}{i}", language="fr"), doc),
            ox.Quad(o, _n(ORG + "hasSite"), _n(f"{BASE}id/commune/5900{i % communes}"), doc),
        ]
    return quads


def build_store(path: Path, quads: list[ox.Quad]) -> Path:
    """A store at ``path`` holding ``quads``, closed so that others can open it read-only."""
    store = ox.Store(str(path))
    store.bulk_extend(with_default_graph(quads))  # the default graph as the build makes it
    store.flush()
    del store
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 30.0) -> None:
    """Wait until ``url`` answers (any status), or fail if the process ended."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


OXIGRAPH = Path(sys.executable).with_name("oxigraph")


@contextlib.contextmanager
def oxigraph_served(tmp_path: Path, quads: list[ox.Quad]) -> Iterator[str]:
    """:func:`oxigraph_serving` as a context manager."""
    yield from oxigraph_serving(tmp_path, quads)


def oxigraph_serving(tmp_path: Path, quads: list[ox.Quad]) -> Iterator[str]:
    """Load ``quads`` into a new store, serve it with ``oxigraph serve``; yield its URL."""
    location = tmp_path / "remote"
    data = tmp_path / "remote.nq"
    data.write_bytes(ox.serialize(default_graph_quads(quads), format=ox.RdfFormat.N_QUADS) or b"")
    subprocess.run(
        [str(OXIGRAPH), "load", "--location", str(location), "--file", str(data)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    proc = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            "10",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/query", proc)
        yield url
    finally:
        stop(proc)


ESS_GRAPH = Path(sys.executable).with_name("ess-graph")


def serve(
    tmp: Path,
    name: str,
    quads: list[ox.Quad],
    **env: str,
) -> tuple[str, subprocess.Popen[bytes]]:
    """``ess-graph serve`` over a new store of ``quads``; its /sparql URL and its process."""
    store = build_store(tmp / name, quads)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    environment = {
        **os.environ,
        "ESS_STORE_PATH": str(store),
        "ESS_PORT": str(port),
        "ESS_PUBLIC_URL": url,
        "ESS_QUERY_WORKERS": "1",
        **env,
    }
    proc = subprocess.Popen(
        [str(ESS_GRAPH), "serve"],
        env=environment,
        cwd=tmp,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_http(url + "sparql?query=ASK%7B%7D", proc)
    return url + "sparql", proc
