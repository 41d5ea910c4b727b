"""A document goes down the stages once: followed through ``pipeline.extract`` by
``bench/stage_trace.py``, the stages the driver enters are in stage order, each once, and no
module calls into a stage it does not import (helpers of a lower layer aside, see the
tool's docstring); invented text."""

from __future__ import annotations

from typing import Any

from bench.stage_trace import STAGES, figures, trace
from ingest.extract.pipeline import extract

TEXT = """# Le quartier des Tilleuls

Camille Lefort, présidente de l'association Vélo Vert, a fondé la Maison des Familles à Arras.
La Maison des Familles travaille avec le Centre social de Lens et la Ressourcerie du Nord.
"""


def test_the_document_goes_down_the_stages_once(nlp: Any) -> None:
    extract("doc-a", TEXT, nlp, ())  # the caches (lists, matchers) built outside the trace
    extraction, found = trace(lambda: extract("doc-a", TEXT, nlp, ()))
    assert extraction.occurrences
    f = figures(found)
    assert f.driver_stages == ("segment", "mentions", "relate")
    order = [STAGES.index(s) for s in f.driver_stages]
    assert order == sorted(order) and len(set(order)) == len(order)
    assert f.stage_returns_not_helpers == 0
    assert f.not_helper_returns == ()
    # the modules it passes through are the package's: the trace sees them
    assert "ingest.extract.mentions.document" in found.modules
