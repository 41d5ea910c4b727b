"""What the dependency parse costs the extraction: the French model's NER pass alone (the
extraction before the parse) and the NER pass plus the parse pass (as
``ingest.extract.mentions.nlp`` runs them now), side by side on the same prose blocks.

Usage: ``python bench/parser_cost.py [--repeat N]`` (from the repository root; needs the source
documents in ESS_DOCUMENTS_DIR). Prints seconds per 10,000 characters for each (best of N runs)
and their ratio; the ratio holds on a loaded machine, the absolute figures do not.
"""

from __future__ import annotations

import argparse
import time

from ess_core.settings import load_settings
from ingest.extract.mentions.document import prose_blocks
from ingest.extract.mentions.nlp import entities, load_model, parse
from ingest.extract.run import registered_sources
from ingest.extract.segment.lines import segment
from ingest.extract.segment.normalise import normalise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2, help="keep the best of N runs")
    args = parser.parse_args()
    nlp = load_model()
    texts = [normalise(s.text).text for s in registered_sources(load_settings())]
    blocks = [(t, prose_blocks(segment(t))) for t in texts]
    chars = sum(e - s for _, bs in blocks for s, e in bs)
    runs = {
        "NER only": lambda: [entities(nlp, t, bs) for t, bs in blocks],
        "NER + parse": lambda: [(entities(nlp, t, bs), parse(nlp, t, bs)) for t, bs in blocks],
    }
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            spent = time.perf_counter() - started
            best[name] = min(best.get(name, spent), spent)
    print(f"{sum(len(bs) for _, bs in blocks)} prose blocks, {chars} characters\n")
    print("| passes | best s | s per 10,000 chars |")
    print("|---|---:|---:|")
    for name, spent in best.items():
        print(f"| {name} | {spent:.2f} | {spent / chars * 10000:.3f} |")
    print(f"\nratio: {best['NER + parse'] / best['NER only']:.2f}")


if __name__ == "__main__":
    main()
