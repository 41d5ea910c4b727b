"""The ``ess-graph`` command line: a thin shell over the project's functions.

User mistakes (bad settings, invalid data, a failed build) end with one line naming the file
and the problem, and exit code 1; no traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ess_core.settings import Settings, SettingsError, load_settings

app = typer.Typer(
    help="ESS knowledge graph of Hauts-de-France: build the store, serve it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _fail(message: str, details: tuple[str, ...] = ()) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)
    for line in details:
        console.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)
    return typer.Exit(1)


@app.command()
def build(
    if_stale: Annotated[
        bool,
        typer.Option(
            "--if-stale", help="Build only if the store is missing or older than its inputs."
        ),
    ] = False,
) -> None:
    """Build the store from data/ and ontology/, validate it, and swap it in."""
    from ingest.store.build import BuildError, build_store

    settings = _settings()
    try:
        report = build_store(settings, if_stale=if_stale, console=console)
    except BuildError as exc:
        raise _fail(escape(str(exc)), exc.details[1:]) from None
    state = "up to date" if report.skipped else "built"
    console.print(f"store {state}: {report.store_path.resolve()}", highlight=False)


@app.command()
def serve() -> None:
    """Serve the SPARQL endpoint, REST API and pages (ESS_HOST:ESS_PORT)."""
    import uvicorn

    from graph_service.app import create_app

    settings = _settings()
    if settings.backend == "embedded":
        from ess_core.store_versions import tidy

        tidy(settings.store_path)  # recovers an interrupted build, removes its leftovers
    if settings.backend == "embedded" and not settings.store_path.exists():
        raise _fail(f"no store at {settings.store_path}: run 'ess-graph build' first")
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        access_log=settings.access_log,
        # X-Forwarded-For only from the proxies the settings trust (uvicorn would trust any
        # local process): otherwise a client is its TCP peer, for the per-client cap too
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or None,
    )


@app.command("fetch-reference")
def fetch_reference() -> None:
    """Refresh data/reference/ from @etalab/decoupage-administratif (needs npm)."""
    from ingest.reference.decoupage import ReferenceFetchError
    from ingest.reference.decoupage import fetch_reference as fetch

    try:
        path = fetch(_settings().data_dir / "reference")
    except ReferenceFetchError as exc:
        raise _fail(escape(str(exc))) from None
    console.print(f"wrote {path}")


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Documents to ingest (default: those of data/documents.yaml)."),
    ] = None,
) -> None:
    """Extract people, organisations, roles and links into data/extracted/<doc>.jsonl."""
    from rich.progress import Progress

    from ingest.curation import CurationError
    from ingest.extract.mentions.nlp import ModelError
    from ingest.extract.run import IngestError
    from ingest.extract.run import ingest as run_ingest
    from ingest.extraction_cache import ingest_cached
    from ingest.registry import RegistryError, load_registry

    settings = _settings()
    try:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("extracting", total=len(paths) if paths else None)

            def step(document: str) -> None:
                progress.update(task, advance=1, description=document)

            if paths:
                written = run_ingest(settings, paths, step=step)
            else:  # every registered document, kept for `add` (ingest.extraction_cache)
                written, _ids = ingest_cached(settings, step=step, refresh=True)
    except (IngestError, CurationError, RegistryError, ModelError) as exc:
        raise _fail(str(exc)) from None
    registered = {d.id for d in load_registry(settings)}
    for path in written:
        console.print(f"wrote {path}")
        if path.stem not in registered:
            console.print(
                f"  {path.stem} is not in the registry: the build refuses its records "
                f"until 'ess-graph add PATH' registers the text",
                highlight=False,
            )


def _build_after(settings: Settings) -> None:
    from ingest.store.build import BuildError, build_store

    try:
        report = build_store(settings)
    except BuildError as exc:
        raise _fail(escape(str(exc)), exc.details[1:]) from None
    console.print(f"store built: {report.store_path.resolve()}", highlight=False)


def _input_errors() -> tuple[type[Exception], ...]:
    """The failures of add/remove/review that are the user's input, not a bug."""
    from ingest.adding import DocumentError, MetadataError
    from ingest.curation import CurationError
    from ingest.extract.mentions.nlp import ModelError
    from ingest.extract.run import IngestError
    from ingest.registry import RegistryError
    from ingest.review import ReviewError

    return (
        DocumentError,
        MetadataError,
        CurationError,
        ModelError,
        IngestError,
        RegistryError,
        ReviewError,
    )


@app.command()
def add(
    paths: Annotated[list[Path], typer.Argument(help="Texts (UTF-8 .txt) to add.")],
    doc_id: Annotated[
        str | None, typer.Option("--id", help="Registry id (default: from the file name).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of the document.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Publishing organisation.")] = None,
    date: Annotated[str | None, typer.Option(help="Publication date: YYYY[-MM[-DD]].")] = None,
    genre: Annotated[
        str | None,
        typer.Option(
            help="article, interview, portrait, plan, "
            "press-release, report, agenda, directory, "
            "territory-supplement, booklet, other…"
        ),
    ] = None,
    territory: Annotated[str | None, typer.Option(help="Territory covered.")] = None,
    no_build: Annotated[bool, typer.Option("--no-build", help="Do not rebuild the store.")] = False,
) -> None:
    """Register texts (metadata from the options and <name>.yaml beside each), extract them
    (the other documents' extractions are reused when current), resolve across all documents,
    rebuild the store, and say what each text yields."""
    from ingest.adding import add_documents, describe
    from ingest.sidecar import Metadata

    settings = _settings()
    options = Metadata(doc_id, title, publisher, date, genre, territory)
    try:
        found = add_documents(settings, paths, options)
    except _input_errors() as exc:
        raise _fail(escape(str(exc))) from None
    for item in found:
        for line in describe(item):
            typer.echo(line)
    if not no_build:
        _build_after(settings)


@app.command()
def remove(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Registry id of the document.")],
    no_build: Annotated[bool, typer.Option("--no-build", help="Do not rebuild the store.")] = False,
) -> None:
    """Unregister a document and delete its records (data/extracted/ID.jsonl)."""
    from ingest.adding import remove_document

    settings = _settings()
    try:
        changed = remove_document(settings, doc_id)
    except _input_errors() as exc:
        raise _fail(escape(str(exc))) from None
    for path in changed:
        console.print(f"updated {path}" if path.exists() else f"deleted {path}", highlight=False)
    if not no_build:
        _build_after(settings)


@app.command()
def review(
    decision: Annotated[
        str | None,
        typer.Argument(metavar="[accept|reject]", help="Decide on an entry of the review list."),
    ] = None,
    number: Annotated[int | None, typer.Argument(metavar="N", help="Its number.")] = None,
) -> None:
    """List the uncertain merges of the review list (data/review.yaml); 'accept N' or
    'reject N' writes the decision into data/curation/entities.yaml."""
    from ingest.review import decide, format_review, load_review, status

    settings = _settings()
    try:
        if decision is None:
            merges = load_review(settings)
            for line in format_review(merges, status(settings, merges)):
                typer.echo(line)
            return
        if decision not in ("accept", "reject") or number is None:
            raise _fail("usage: ess-graph review [accept N | reject N]")
        line = decide(settings, number, accept=decision == "accept")
    except _input_errors() as exc:
        raise _fail(escape(str(exc))) from None
    typer.echo(line)


@app.command("import")
def import_(
    kind: Annotated[str, typer.Argument(help="sirene, rna or figures.")],
    file: Annotated[Path, typer.Argument(help="StockEtablissement, waldec or figures CSV.")],
    units: Annotated[
        Path | None,
        typer.Option(help="StockUniteLegale CSV (sirene: the ESS flag and the legal category)."),
    ] = None,
    region: Annotated[str, typer.Option(help="Keep the units of this region (INSEE code).")] = "32",
    name: Annotated[
        str | None,
        typer.Option(help="Dataset name: data/datasets/<name>, graph <base>graph/dataset/<name>."),
    ] = None,
    no_build: Annotated[
        bool, typer.Option("--no-build", help="Only write data/datasets/<name>; build later.")
    ] = False,
) -> None:
    """Import an official register (SIRENE, RNA) or an observatory table as a dataset."""
    from ingest.datasets.importer import import_file
    from ingest.datasets.tables import DatasetError
    from ingest.store.build import BuildError, build_store

    settings = _settings()
    try:
        result = import_file(settings, kind, file, units=units, region=region, name=name)
    except DatasetError as exc:
        raise _fail(escape(str(exc))) from None
    counts = ", ".join(f"{k}: {v}" for k, v in result.counts.items())
    console.print(f"wrote {result.folder} ({counts})", highlight=False)
    if result.review is not None:
        console.print(f"doubtful matches added to {result.review}", highlight=False)
    if no_build:
        return
    try:
        build_store(settings, console=console)
    except BuildError as exc:
        raise _fail(escape(str(exc)), exc.details[1:]) from None
    console.print(f"store built: {settings.store_path.resolve()}", highlight=False)


@app.command()
def report() -> None:
    """List conflicting claims of data/extracted (both kept, with their sources)."""
    from ingest.extract.conflicts import conflicts, format_conflicts
    from ingest.extract.emit import read_records

    settings = _settings()
    records = [
        r
        for p in sorted((settings.data_dir / "extracted").glob("*.jsonl"))
        for r in read_records(p)
    ]
    found = conflicts(records)
    for line in format_conflicts(found):
        typer.echo(line)
    console.print(f"{len(found)} conflict(s) in {len(records)} records")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of the development set.")] = Path("tests/gold"),
    corpus: Annotated[Path, typer.Option(help="Annotated corpus folder (SPLIT.yaml).")] = Path(
        "../shared/corpus"
    ),
    split: Annotated[
        list[str] | None,
        typer.Option(help="Corpus split(s) to score (default: all of SPLIT.yaml)."),
    ] = None,
    leave_one_out: Annotated[
        bool,
        typer.Option("--leave-one-out/--no-leave-one-out", help="Also score each seed held out."),
    ] = False,
    misses: Annotated[bool, typer.Option(help="List the corpus misses (train only).")] = False,
) -> None:
    """Precision, recall and F1 per kind: the seeds against the development set, then each
    split of the annotated corpus, scored on the graph."""
    from ingest.evaluation.corpus import format_scores, load_documents, load_split, score_split
    from ingest.evaluation.seed_run import evaluation
    from ingest.evaluation.seeds import format_evaluation

    settings = _settings()
    full, held = evaluation(settings, gold, leave_one_out)
    typer.echo("seeds:")
    for line in format_evaluation(full, held):
        typer.echo(line)
    if not (corpus / "SPLIT.yaml").exists():
        console.print(f"no corpus at {corpus}: only the seeds are scored")
        return
    splits = load_split(corpus)
    for name in split or list(splits):
        if name not in splits:
            raise _fail(f"{corpus / 'SPLIT.yaml'}: no split {name!r}")
        scores = score_split(settings, load_documents(corpus, splits[name]))
        typer.echo("")
        for line in format_scores(f"corpus {name} ({len(splits[name])} texts)", scores):
            typer.echo(line)
        if misses and name == "train":
            for line in scores.misses:
                typer.echo(f"  {line}")


if __name__ == "__main__":
    app()


token_app = typer.Typer(help="Write tokens (setting ESS_WRITE_TOKENS_FILE).", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="The token's name, recorded with every write.")],
    graph: Annotated[
        list[str],
        typer.Option(
            "--graph",
            help="A graph IRI it may write (repeatable); 'dataset/*' every dataset graph.",
        ),
    ],
) -> None:
    """Create a write token: printed once on stdout, only its SHA-256 is stored."""
    from ess_core.write_tokens import TokenFileError, create_token

    settings = _settings()
    path = settings.write_tokens_file
    if path is None:
        raise _fail("set ESS_WRITE_TOKENS_FILE to the tokens file first (e.g. var/tokens.yaml)")
    try:
        secret = create_token(path, name, graph)
    except TokenFileError as exc:
        raise _fail(escape(str(exc))) from None
    console.print(f"token {escape(name)!r} added to {path}; it is shown only now:", highlight=False)
    typer.echo(secret)


@app.command()
def diff(
    dataset: Annotated[
        str, typer.Argument(help="Dataset name (graph <base>graph/dataset/<name>).")
    ],
    start: Annotated[
        int | None,
        typer.Option("--from", help="Version to compare from (default: the one before)."),
    ] = None,
    end: Annotated[
        int | None, typer.Option("--to", help="Version to compare to (default: the newest).")
    ] = None,
) -> None:
    """List the triples added (+) and removed (-) between two versions of a dataset."""
    from ess_core import dataset_versions
    from ess_core.iris import Iris

    settings = _settings()
    graph = Iris(settings.base_iri).graph("dataset", dataset)
    folder = settings.submissions_dir / dataset_versions.key_of(graph, settings.base_iri)
    known = dataset_versions.versions(folder)
    if not known:
        raise _fail(f"no version of dataset {escape(dataset)!r} in {settings.submissions_dir}")
    to = end if end is not None else known[-1].version
    since = start if start is not None else max(to - 1, 0)
    try:
        added, removed = dataset_versions.diff(folder, since, to)
    except dataset_versions.VersionError as exc:
        raise _fail(escape(str(exc))) from None
    for line in removed:
        typer.echo(f"- {line}")
    for line in added:
        typer.echo(f"+ {line}")
    console.print(
        f"{dataset}: version {since} -> {to}: {len(added)} added, {len(removed)} removed",
        highlight=False,
    )
