"""Follow one document through ``pipeline.extract``: which extraction modules and stages it
passes through, and how often it comes back to one it had already left.

Usage: ``python bench/stage_trace.py [DOCUMENT_ID]`` (from the repository root; the first
registered seed when no id is given). Runs ``ingest.extract.pipeline.extract`` once under
``sys.setprofile`` and prints the figures below as Markdown.

The trace is the sequence of ``ingest/extract`` modules where Python code runs, one entry each
time the running module changes (a call into another module, or a return to the caller's):

* **modules**: how many modules the document passes through;
* **module returns**: how many times the trace comes back to a module it had already left
  (every return from a callee counts: a rule calling a helper a thousand times in a loop
  comes back a thousand times), the same counting each change (a -> b) once, and the
  distinct modules it comes back to;
* **stage returns**: the same on the trace of *units* (a stage folder, ``segment/``,
  ``mentions/``…, or a top-level module of ``ingest/extract``): ``raw`` (every change), then
  with the helpers aside: a call from a unit into a unit it imports (a helper of a lower
  layer: ``relate`` reading ``mentions.phrases``, ``mentions`` asking ``classify.kinds``), a
  call from the driver (``pipeline``) into what is no stage (the rule registry), a method of
  the document object (``Normalised``, ``Document``), and the returns from them. What is left
  is the sequence of stages the driver enters: monotone when the document goes down the
  stages once; a call into a unit the caller does not import (a callback) is listed.

Whether a unit imports another (directly or not) is read from the import graph
(``grimp``, as ``lint-imports`` reads it).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ingest" / "extract"
# the stage folders in the order a document goes down them
STAGES = ("segment", "mentions", "classify", "relate", "resolve", "layouts")
DRIVER = "pipeline"
# the classes of the document object the stages enrich: calling one of their methods reads
# the document (its offsets map, its span groups, its parse), it enters no stage
DOCUMENT_CLASSES = frozenset({"Normalised", "Document"})


def module_of(filename: str) -> str | None:
    """``ingest.extract.mentions.nlp`` for a file of the package, else None."""
    path = Path(filename)
    try:
        rel = path.resolve().relative_to(PACKAGE)
    except ValueError:
        return None
    if path.suffix != ".py":
        return None
    parts = rel.with_suffix("").parts
    return ".".join(("ingest", "extract", *parts))


def unit_of(module: str) -> str:
    """The stage folder of a module (``mentions``) or the top-level module (``pipeline``)."""
    return module.split(".")[2]


@cache
def _graph() -> Any:
    import grimp

    return grimp.build_graph("ingest", "ess_core")


@cache
def imports(importer: str, imported: str) -> bool:
    """Whether unit ``importer`` imports unit ``imported`` (directly or not)."""
    if importer == imported:
        return True
    return bool(
        _graph().chain_exists(
            importer=f"ingest.extract.{importer}",
            imported=f"ingest.extract.{imported}",
            as_packages=True,
        )
    )


@dataclass
class Trace:
    """The modules where code ran, in order (consecutive repeats collapsed), and for each
    change whether it was a call (else a return to the caller)."""

    modules: list[str] = field(default_factory=list)
    calls: list[bool] = field(default_factory=list)
    callers: list[str | None] = field(default_factory=list)

    reads: list[bool] = field(default_factory=list)

    def add(self, module: str, call: bool, caller: str | None, read: bool = False) -> None:
        if self.modules and self.modules[-1] == module:
            return
        self.modules.append(module)
        self.calls.append(call)
        self.callers.append(caller)
        self.reads.append(read)


def _project_frame(frame: FrameType | None) -> tuple[FrameType | None, str | None]:
    while frame is not None:
        module = module_of(frame.f_code.co_filename)
        if module is not None:
            return frame, module
        frame = frame.f_back
    return None, None


def trace(run: Callable[[], Any]) -> tuple[Any, Trace]:
    """Run ``run()`` under a profiler; its result and the trace of extraction modules."""
    found = Trace()
    files: dict[str, str | None] = {}

    def module(filename: str) -> str | None:
        if filename not in files:
            files[filename] = module_of(filename)
        return files[filename]

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            callee = module(frame.f_code.co_filename)
            if callee is not None:
                _, caller = _project_frame(frame.f_back)
                owner = frame.f_code.co_qualname.split(".")[0]
                found.add(callee, True, caller, owner in DOCUMENT_CLASSES)
        elif event == "return" and module(frame.f_code.co_filename) is not None:
            _, back = _project_frame(frame.f_back)
            if back is not None:
                found.add(back, False, None)

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = run()
    finally:
        sys.setprofile(previous)
    return result, found


def returns(sequence: Iterable[str]) -> Counter[str]:
    """How many times each item comes back after the sequence had left it."""
    seen: set[str] = set()
    back: Counter[str] = Counter()
    last = None
    for item in sequence:
        if item != last and item in seen:
            back[item] += 1
        seen.add(item)
        last = item
    return back


def distinct_returns(sequence: Iterable[str]) -> int:
    """How many distinct changes (a -> b) of the sequence come back to an item ``b`` it had
    left: the returns counted once each way, whatever the loops."""
    seen: set[str] = set()
    changes: set[tuple[str, str]] = set()
    last: str | None = None
    n = 0
    for item in sequence:
        if last is not None and item != last and (last, item) not in changes:
            changes.add((last, item))
            n += item in seen
        seen.add(item)
        last = item
    return n


def collapse(sequence: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in sequence:
        if not out or out[-1] != item:
            out.append(item)
    return out


@dataclass(frozen=True)
class Figures:
    modules: int
    module_returns: int
    module_returns_distinct: int
    modules_returned_to: Counter[str]
    stage_returns_raw: int
    stage_returns_not_helpers: int
    not_helper_returns: tuple[tuple[str, str], ...]
    driver_stages: tuple[str, ...]


def figures(found: Trace) -> Figures:
    """The counts of the module docstring."""
    back = returns(found.modules)
    units = [unit_of(m) for m in found.modules]
    # the unit trace without the helper calls (into a unit the caller imports) and their
    # returns: a stack of units, a helper call pushes nothing new
    kept: list[str] = []
    stack: list[tuple[str, bool]] = []  # (unit entered, whether it was a helper call)
    odd: list[tuple[str, str]] = []
    for module, call, caller, read in zip(
        found.modules, found.calls, found.callers, found.reads, strict=True
    ):
        unit = unit_of(module)
        if call:
            frm = unit_of(caller) if caller else None
            # a helper: a unit the caller imports (the driver imports them all: for it, only
            # what is no stage, the rule registry), or a read of the document object
            helper = read or (
                frm is not None and (unit not in STAGES if frm == DRIVER else imports(frm, unit))
            )
            stack.append((unit, helper))
            if not helper:
                kept.append(unit)
                if frm is not None and frm != DRIVER and not imports(frm, unit):
                    odd.append((frm, unit))
        else:
            _, helper = stack.pop() if stack else (unit, False)
            if not helper:
                kept.append(unit)
    driver = collapse(u for u in kept if u != DRIVER)
    not_helpers = returns(driver)
    return Figures(
        modules=len(set(found.modules)),
        module_returns=sum(back.values()),
        module_returns_distinct=distinct_returns(found.modules),
        modules_returned_to=back,
        stage_returns_raw=sum(returns(units).values()),
        stage_returns_not_helpers=sum(not_helpers.values()),
        not_helper_returns=tuple(sorted(set(odd))),
        driver_stages=tuple(driver),
    )


def seed_extraction(document: str | None = None) -> tuple[str, Callable[[], Any]]:
    """(id, a call of ``pipeline.extract`` on that registered seed), the resources loaded."""
    from ess_core.settings import load_settings
    from ingest.curation import load_curation
    from ingest.extract.mentions.gazetteers import load_gazetteers
    from ingest.extract.mentions.nlp import load_model
    from ingest.extract.mentions.places import territory_names
    from ingest.extract.pipeline import extract
    from ingest.extract.run import registered_sources

    settings = load_settings()
    sources = registered_sources(settings)
    source = next((s for s in sources if s.id == document), sources[0]) if document else sources[0]
    nlp = load_model()
    gazetteer = load_curation(settings).names()
    places = territory_names(settings)
    gazetteers = load_gazetteers(settings.data_dir)

    def run() -> Any:
        return extract(source.id, source.text, nlp, gazetteer, places, gazetteers)  # type: ignore[arg-type]

    run()  # once untraced: caches (lexicons, matchers) are built outside the trace
    return source.id, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("document", nargs="?", help="a registered document id")
    args = parser.parse_args()
    document, run = seed_extraction(args.document)
    _, found = trace(run)
    f = figures(found)
    print(f"document: {document}\n")
    print("| figure | value |\n|---|---:|")
    print(f"| modules passed through | {f.modules} |")
    print(f"| returns to a module already left | {f.module_returns} |")
    print(f"| the same, each change counted once | {f.module_returns_distinct} |")
    print(f"| distinct modules returned to | {len(f.modules_returned_to)} |")
    print(f"| returns to a unit already left (raw) | {f.stage_returns_raw} |")
    print(f"| returns to a unit already left (helpers aside) | {f.stage_returns_not_helpers} |")
    print(f"\nstages the driver enters, in order: {' → '.join(f.driver_stages)}")
    top = ", ".join(f"{m.split('.', 2)[2]} {n}" for m, n in f.modules_returned_to.most_common(12))
    print(f"\nmost returned to: {top}")
    if f.not_helper_returns:
        calls = ", ".join(f"{a} → {b}" for a, b in f.not_helper_returns)
        print(f"\ncalls into a unit the caller does not import: {calls}")


if __name__ == "__main__":
    main()
