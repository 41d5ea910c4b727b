"""Time ``ess-graph add`` of one 2,000-character text, rebuild included:
``python bench/add_bench.py``.

Run from the repository root. Copies ``data/`` and ``ontology/`` into a temporary directory,
extracts the registered documents and builds a store there (not timed: the records, the
extraction cache of :mod:`ingest.extraction_cache` and the store a user already has), then runs
``ess-graph add bench/data/portrait-atelier-des-possibles.txt`` as a user would (a new
process: start-up and model load included: the new text is extracted, the others come from
the cache, the rebuild keeps the reference graphs of the previous version) and reports its
wall time, then the same add split in its two parts: registration + extraction
(``--no-build``, now from the cache as well), and the rebuild. Prints the load average
before and after, because the machine's cores are shared. docs/BENCHMARKS.md keeps the
figures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEXT = REPO / "bench" / "data" / "portrait-atelier-des-possibles.txt"


def _env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ESS_DATA_DIR": str(root / "data"),
        "ESS_ONTOLOGY_DIR": str(root / "ontology"),
        "ESS_STORE_PATH": str(root / "var" / "store"),
    }


def _run(args: list[str], env: dict[str, str]) -> float:
    command = [str(Path(sys.executable).with_name("ess-graph")), *args]
    tick = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - tick
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds


def _prepare(root: Path) -> Path:
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "ontology", root / "ontology")
    texts = root / "texts"
    texts.mkdir()
    for path in (TEXT, TEXT.with_suffix(".yaml")):
        shutil.copy(path, texts / path.name)
    return texts / TEXT.name


def _reset(root: Path) -> None:
    shutil.copy(REPO / "data" / "documents.yaml", root / "data" / "documents.yaml")
    (root / "data" / "extracted" / f"{TEXT.stem}.jsonl").unlink(missing_ok=True)


def main() -> None:
    print(f"text: {TEXT.relative_to(REPO)}, {len(TEXT.read_text('utf-8')):,} characters")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="add-bench-") as folder:
        root = Path(folder)
        text = _prepare(root)
        env = _env(root)
        setup = _run(["ingest"], env) + _run(["build"], env)
        print(f"  {'setup: ingest + build the store (not the figure)':52} {setup:8.2f}")
        total = _run(["add", str(text)], env)
        _reset(root)
        extract = _run(["add", str(text), "--no-build"], env)
        build = _run(["build"], env)
        print(f"  {'ess-graph add (new process, rebuild included)':52} {total:8.2f}")
        print(f"  {'  of which: add --no-build (register, resolve; cached)':52} {extract:8.2f}")
        print(f"  {'  of which: ess-graph build':52} {build:8.2f}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
