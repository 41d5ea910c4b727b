"""Write tokens: declared in one file (setting ``ESS_WRITE_TOKENS_FILE``), stored hashed.

The file is YAML::

    tokens:
      - name: cress-hdf                 # named in the provenance of every write it makes
        sha256: 3f1c…                   # hex SHA-256 of the token; the token itself is never stored
        graphs:                         # graphs it may write
          - https://w3id.org/ess-hdf/graph/dataset/cress-hdf
          # "dataset/*" = every dataset graph; "*" = every graph that can be written

``ess-graph token create NAME --graph IRI`` adds an entry and prints the token once. Tokens
are 256 random bits (``secrets.token_urlsafe(32)``), so one SHA-256 is enough to store them:
a slow password hash protects guessable secrets, and these are not. A presented token is
hashed and compared with *every* entry by :func:`hmac.compare_digest` (constant time, no early
exit), so the time of a refusal says nothing about the stored hashes.

What can be written at all (:func:`writable`): a dataset graph ``<base>graph/dataset/<slug>``,
or a graph outside ``<base>graph/``; never the document, registry, reference, ontology,
curation, build or change-record graphs, and never the default graph (it is derived: the
merge of the named graphs).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

_DATASET = re.compile(r"dataset/([a-z0-9]+(?:-[a-z0-9]+)*)")


class TokenFileError(ValueError):
    """The tokens file cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class WriteToken:
    """One declared token: its name, the hash of its secret, the graphs it may write."""

    name: str
    sha256: str
    graphs: tuple[str, ...]

    def may_write(self, graph: str, base_iri: str) -> bool:
        """Whether this token may write ``graph`` (which must be :func:`writable` too)."""
        if not writable(graph, base_iri):
            return False
        if "*" in self.graphs or graph in self.graphs:
            return True
        return "dataset/*" in self.graphs and dataset_name(graph, base_iri) is not None


def digest(token: str) -> str:
    """The hex SHA-256 of a token, as the file stores it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def dataset_name(graph: str, base_iri: str) -> str | None:
    """``name`` for ``<base>graph/dataset/<name>``, else None."""
    prefix = f"{base_iri}graph/"
    if not graph.startswith(prefix):
        return None
    match = _DATASET.fullmatch(graph[len(prefix) :])
    return match.group(1) if match else None


def writable(graph: str, base_iri: str) -> bool:
    """Whether any token could write ``graph``: a dataset graph, or a graph outside the
    project's graphs (a test instance's own graphs)."""
    if graph.startswith(f"{base_iri}graph/"):
        return dataset_name(graph, base_iri) is not None
    return bool(graph)


def read_tokens(path: Path) -> list[WriteToken]:
    """The tokens declared in ``path``; TokenFileError naming what is wrong."""
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TokenFileError(f"{path}: cannot read the write tokens: {exc}") from None
    entries = data.get("tokens", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TokenFileError(f"{path}: expected a mapping with a 'tokens' list")
    tokens = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise TokenFileError(f"{path}: token {number} is not a mapping")
        name, hashed, graphs = entry.get("name"), entry.get("sha256"), entry.get("graphs", [])
        if not isinstance(name, str) or not name:
            raise TokenFileError(f"{path}: token {number} has no 'name'")
        if not isinstance(hashed, str) or not re.fullmatch(r"[0-9a-f]{64}", hashed):
            raise TokenFileError(f"{path}: token {name!r}: 'sha256' must be 64 hex digits")
        if not isinstance(graphs, list) or not all(isinstance(g, str) for g in graphs):
            raise TokenFileError(f"{path}: token {name!r}: 'graphs' must be a list of IRIs")
        tokens.append(WriteToken(name, hashed, tuple(graphs)))
    return tokens


def find_token(tokens: list[WriteToken], presented: str) -> WriteToken | None:
    """The token whose hash matches ``presented``, comparing with every entry in constant
    time."""
    hashed = digest(presented).encode()
    found = None
    for token in tokens:
        if hmac.compare_digest(hashed, token.sha256.encode()) and found is None:
            found = token
    return found


def create_token(path: Path, name: str, graphs: list[str]) -> str:
    """Add a token named ``name`` to ``path`` (created if missing); return the token, which
    is stored only as its hash."""
    tokens = read_tokens(path) if path.exists() else []
    if any(t.name == name for t in tokens):
        raise TokenFileError(f"{path}: a token named {name!r} exists already")
    secret = secrets.token_urlsafe(32)
    entries = [
        {"name": t.name, "sha256": t.sha256, "graphs": list(t.graphs)}
        for t in [*tokens, WriteToken(name, digest(secret), tuple(graphs))]
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(yaml.safe_dump({"tokens": entries}, sort_keys=False), "utf-8")
    temporary.chmod(0o600)
    temporary.replace(path)
    return secret
