"""What the dependency parser would cost the extraction: the French model with NER only (as
``ingest.extract.mentions.nlp`` loads it) and with its parser, side by side on the same blocks.

Usage: ``python bench/parser_cost.py [--repeat N]`` (from the repository root; needs the source
documents in ESS_DOCUMENTS_DIR). Prints seconds per 10,000 characters for each pipeline (best
of N runs) and their ratio; the ratio holds on a loaded machine, the absolute figures do not.
"""

from __future__ import annotations

import argparse
import time

import spacy

from ess_core.settings import load_settings
from ingest.extract.mentions.nlp import _UNUSED, MODEL
from ingest.extract.run import registered_sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2, help="keep the best of N runs")
    args = parser.parse_args()
    texts = [s.text for s in registered_sources(load_settings())]
    blocks = [b for t in texts for b in t.split("\n") if len(b) > 40]
    chars = sum(map(len, blocks))
    pipelines = {
        "NER only": spacy.load(MODEL, exclude=list(_UNUSED)),
        "tok2vec + parser + NER": spacy.load(
            MODEL, exclude=[c for c in _UNUSED if c not in ("tok2vec", "parser")]
        ),
    }
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, nlp in pipelines.items():
            started = time.perf_counter()
            list(nlp.pipe(blocks, batch_size=64))
            spent = time.perf_counter() - started
            best[name] = min(best.get(name, spent), spent)
    print(f"{len(blocks)} blocks, {chars} characters\n")
    print("| pipeline | best s | s per 10,000 chars |")
    print("|---|---:|---:|")
    for name, spent in best.items():
        print(f"| {name} | {spent:.2f} | {spent / chars * 10000:.3f} |")
    print(f"\nratio: {best['tok2vec + parser + NER'] / best['NER only']:.2f}")


if __name__ == "__main__":
    main()
