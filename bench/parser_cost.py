"""What the dependency parse costs the extraction: every registered document extracted (normalise
→ segment → mentions → relate) with the model as ``ingest.extract.mentions.nlp`` loads it (NER
pass + parse pass) and with the same model without its parser (NER only, the relation rules
that read the parse then find nothing), side by side, best of N runs each.

Usage: ``python bench/parser_cost.py [--repeat N]`` (from the repository root; needs the source
documents in ESS_DOCUMENTS_DIR). Prints seconds per 10,000 characters for each and their ratio;
the ratio holds on a loaded machine, the absolute figures do not.
"""

from __future__ import annotations

import argparse
import os
import time

import spacy

from ess_core.settings import load_settings
from ingest.curation import load_curation
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.nlp import _UNUSED, MODEL, load_model
from ingest.extract.mentions.places import territory_names
from ingest.extract.pipeline import extract
from ingest.extract.run import registered_sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="keep the best of N runs")
    args = parser.parse_args()
    settings = load_settings()
    curation = load_curation(settings)
    sources = registered_sources(settings)
    names, places = curation.names(), territory_names(settings)
    gazetteers = load_gazetteers(settings.data_dir)
    models = {
        "NER only (no parse)": spacy.load(MODEL, exclude=[*_UNUSED, "tok2vec", "parser"]),
        "NER + parse": load_model(),
    }
    chars = sum(len(s.text) for s in sources)
    best = dict.fromkeys(models, float("inf"))
    for _ in range(args.repeat):
        for name, nlp in models.items():
            started = time.perf_counter()
            for s in sources:
                extract(s.id, s.text, nlp, names, places, gazetteers)  # type: ignore[arg-type]
            best[name] = min(best[name], time.perf_counter() - started)
    print(f"{len(sources)} documents, {chars:,} characters; load {os.getloadavg()[0]:.1f}\n")
    print("| model | best s | s per 10,000 chars |")
    print("|---|---:|---:|")
    for name, spent in best.items():
        print(f"| {name} | {spent:.2f} | {spent / chars * 10000:.3f} |")
    print(f"\nratio: {best['NER + parse'] / best['NER only (no parse)']:.2f}")


if __name__ == "__main__":
    main()
