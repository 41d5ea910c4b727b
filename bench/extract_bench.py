"""Time the extraction of each registered document once the spaCy model is loaded.

Usage: ``python bench/extract_bench.py [--repeat N]`` (from the repository root; needs the
source documents in ESS_DOCUMENTS_DIR). Prints a Markdown table: characters, mentions,
relations, and the best of N runs of normalise → segment → mentions (rules + NER) → relate
for each document; then resolution across all documents and record emission.
"""

from __future__ import annotations

import argparse
import os
import time

from ess_core.settings import load_settings
from ingest.curation import load_curation
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.nlp import load_model
from ingest.extract.mentions.places import territory_names
from ingest.extract.pipeline import extract
from ingest.extract.run import registered_sources, resolve_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="keep the best of N runs")
    args = parser.parse_args()
    settings = load_settings()
    curation = load_curation(settings)
    sources = registered_sources(settings)
    started = time.perf_counter()
    nlp = load_model()
    print(
        f"model load: {time.perf_counter() - started:.1f} s; load average "
        f"{os.getloadavg()[0]:.1f}\n"
    )
    gazetteer, places = curation.names(), territory_names(settings)
    gazetteers = load_gazetteers(settings.data_dir)
    print("| document | characters | mentions | relations | best s | s per 10,000 chars |")
    print("|---|---:|---:|---:|---:|---:|")
    extractions = []
    for source in sources:
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            extraction = extract(
                source.id,
                source.text,
                nlp,
                gazetteer,
                places,
                gazetteers,  # type: ignore[arg-type]
            )
            best = min(best, time.perf_counter() - t)
        extractions.append(extraction)
        print(
            f"| {source.id} | {len(source.text):,} | {len(extraction.occurrences)} | "
            f"{len(extraction.relations)} | {best:.2f} | {best * 10_000 / len(source.text):.2f} |"
        )
    t = time.perf_counter()
    _, records = resolve_all(settings, extractions, curation)
    print(
        f"\nresolution + records ({sum(len(r) for r in records.values())} records): "
        f"{time.perf_counter() - t:.2f} s"
    )


if __name__ == "__main__":
    main()
