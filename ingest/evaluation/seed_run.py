"""Score a fresh extraction of the registered seeds against ``tests/gold``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ess_core.settings import Settings
from ingest.curation import load_curation
from ingest.evaluation.seeds import Evaluation, evaluate, held_out_curation, load_gold
from ingest.extract.run import extract_all, registered_sources, resolve_all


def evaluation(
    settings: Settings,
    gold_dir: Path,
    leave_one_out: bool = False,
    step: Callable[[str], None] = lambda _: None,
) -> tuple[Evaluation, Evaluation | None]:
    """Score a fresh extraction of the registered documents against ``gold_dir``; with
    ``leave_one_out``, also score each document extracted with the curation held out."""
    gold = load_gold(gold_dir)
    curation = load_curation(settings)
    sources = registered_sources(settings)
    _, records = resolve_all(settings, extract_all(settings, sources, curation, step), curation)
    full = evaluate(records, gold)
    if not leave_one_out:
        return full, None
    held = Evaluation()
    for source in sources:
        if source.id not in gold:
            continue
        others = [s.text for s in sources if s.id != source.id]
        fold = held_out_curation(curation, source.id, others)
        _, fold_records = resolve_all(settings, extract_all(settings, sources, fold), fold)
        scored = evaluate({source.id: fold_records[source.id]}, {source.id: gold[source.id]})
        for kind, score in scored.scores.items():
            held.scores[kind].add(score)
        held.duplicates += scored.duplicates
        held.wrong_evidence += scored.wrong_evidence
        step(f"held out {source.id}")
    return full, held
