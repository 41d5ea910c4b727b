"""What a build did (:class:`BuildReport`) and the rich summary printed after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table


@dataclass
class BuildReport:
    """What a build did: where the store is, its graphs and counts, and timings."""

    store_path: Path
    skipped: bool = False
    graphs: dict[str, int] = field(default_factory=dict)
    origins: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: int = 0
    input_warnings: list[str] = field(default_factory=list)
    """Problems of the inputs that do not stop the build (``file:line: …``)."""
    validated_triples: int = 0
    validation_mode: str = "none"
    sparql_checks: int = 0
    reference_key: str | None = None
    load_mode: str = "cold"
    """"cold" (every graph loaded) or "reused" (the previous version's reference graphs kept,
    :mod:`ingest.store.reuse`)."""

    @property
    def total_quads(self) -> int:
        return sum(self.graphs.values())


def print_report(report: BuildReport, console: Console) -> None:
    """Print the graphs with their quad counts, the counts per origin and the timings."""
    graphs = Table(title="graphs", show_edge=False)
    graphs.add_column("graph")
    graphs.add_column("quads", justify="right")
    for name, count in sorted(report.graphs.items()):
        graphs.add_row(name, f"{count:,}")
    console.print(graphs)
    origins = Table(title="quads per origin", show_edge=False)
    origins.add_column("origin")
    origins.add_column("quads", justify="right")
    for kind, count in sorted(report.origins.items()):
        origins.add_row(kind, f"{count:,}")
    console.print(origins)
    timings = ", ".join(f"{step} {seconds:.1f}s" for step, seconds in report.timings.items())
    console.print(
        f"load {report.load_mode}, validation {report.validation_mode}: "
        f"{report.sparql_checks} SPARQL checks in the store, "
        f"{report.validated_triples:,} triples read for pyshacl, "
        f"{report.warnings} SHACL warning(s), {len(report.input_warnings)} input "
        f"warning(s); {timings}"
    )
    console.print(f"{report.total_quads:,} quads in {len(report.graphs)} graphs")
    if report.input_warnings:
        console.print(f"{len(report.input_warnings)} input warning(s):", style="yellow")
        for warning in report.input_warnings:
            console.print(f"  {warning}", highlight=False, soft_wrap=True)
