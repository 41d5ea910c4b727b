"""The ``ess-graph`` command line: a thin shell over the project's functions.

User mistakes (bad settings, invalid data, a failed build) end with one line naming the file
and the problem, and exit code 1; no traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from ess_graph.settings import Settings, SettingsError, load_settings

app = typer.Typer(help="ESS knowledge graph of Hauts-de-France: build the store, serve it.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console(stderr=True)


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}", highlight=False)
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
        build_store(settings, if_stale=if_stale, console=console)
    except BuildError as exc:
        raise _fail(str(exc)) from None


@app.command()
def serve() -> None:
    """Serve the SPARQL endpoint, REST API and pages (ESS_HOST:ESS_PORT)."""
    import uvicorn

    from graph_service.app import create_app

    settings = _settings()
    if settings.backend == "embedded" and not settings.store_path.exists():
        raise _fail(f"no store at {settings.store_path}: run 'ess-graph build' first")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="info")


if __name__ == "__main__":
    app()
