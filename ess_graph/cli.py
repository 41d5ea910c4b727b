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

app = typer.Typer(help="ESS knowledge graph of Hauts-de-France: build the store, serve it.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
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
    if_stale: Annotated[bool, typer.Option(
        "--if-stale", help="Build only if the store is missing or older than its inputs.")] = False,
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
    if settings.backend == "embedded" and not settings.store_path.exists():
        raise _fail(f"no store at {settings.store_path}: run 'ess-graph build' first")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="info", access_log=settings.access_log)


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
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Documents to ingest (default: those of data/documents.yaml).")] = None,
) -> None:
    """Extract people, organisations, roles and links into data/extracted/<doc>.jsonl."""
    from rich.progress import Progress

    from ingest.curation import CurationError
    from ingest.extract.mentions.nlp import ModelError
    from ingest.extract.run import IngestError
    from ingest.extract.run import ingest as run_ingest
    from ingest.registry import RegistryError

    settings = _settings()
    try:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("extracting", total=len(paths) if paths else None)
            def step(document: str) -> None:
                progress.update(task, advance=1, description=document)

            written = run_ingest(settings, paths or (), step=step)
    except (IngestError, CurationError, RegistryError, ModelError) as exc:
        raise _fail(str(exc)) from None
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def report() -> None:
    """List conflicting claims of data/extracted (both kept, with their sources)."""
    from ingest.extract.conflicts import conflicts, format_conflicts
    from ingest.extract.emit import read_records

    settings = _settings()
    records = [r for p in sorted((settings.data_dir / "extracted").glob("*.jsonl"))
               for r in read_records(p)]
    found = conflicts(records)
    for line in format_conflicts(found):
        typer.echo(line)
    console.print(f"{len(found)} conflict(s) in {len(records)} records")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of the development set.")] = Path("tests/gold"),
    corpus: Annotated[Path, typer.Option(help="Annotated corpus folder (SPLIT.yaml).")] = Path(
        "../shared/corpus"),
    split: Annotated[list[str] | None, typer.Option(
        help="Corpus split(s) to score (default: all of SPLIT.yaml).")] = None,
    leave_one_out: Annotated[bool, typer.Option(
        "--leave-one-out/--no-leave-one-out", help="Also score each seed held out.")] = False,
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
