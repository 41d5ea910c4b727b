"""The rule registry: every rule declared once with a rank and a confidence, and each rule
finds what its own invented example sentences say it finds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.extract import rules
from ingest.extract.mentions import registered  # noqa: F401  (declares the mention rules)
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.pipeline import mention_stage
from ingest.extract.relate import registered as relate_rules
from ingest.extract.relate.relations import run as relate
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = [(r.name, s, want) for r in rules.rules() for s, want in r.examples]


def test_every_rule_has_a_stage_rank_and_confidence() -> None:
    found = rules.rules()
    assert len({r.name for r in found}) == len(found) >= 20
    assert all(r.stage in rules.STAGES and 0 < r.confidence <= 1 and r.rank >= 0 for r in found)
    assert rules.rank("no-such-rule") == 9
    assert rules.confidence("quote-header") == 0.95


def test_relation_and_layout_rules_are_declared_with_their_confidences() -> None:
    relate = {r.name for r in rules.rules("relate")}
    assert {"role-general", "link-general", "link-together", "context-role"} <= relate
    assert relate_rules.confidence("context-role") == 0.6
    assert rules.rules("relate")[-1].name == "context-role"  # reads what the others found
    assert {r.name for r in rules.rules("layouts")} == {
        "layout-record",
        "layout-named-organisation",
    }


def test_a_rule_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        rules.register(rules.rule("gazetteer"))


@pytest.mark.parametrize(("name", "sentence", "want"), EXAMPLES)
def test_each_rule_finds_its_examples(nlp: Any, name: str, sentence: str, want: str) -> None:
    doc = Document(normalise(sentence), nlp, gazetteers=load_gazetteers(REPO / "data"))
    if rules.rule(name).stage == "relate":  # "subject -> object" over the whole pipeline
        mention_stage(doc)
        found = {f"{r.subject.text} -> {r.object.text}" for r in relate(doc) if r.rule == name}
        assert want in found
        return
    mention_stage(doc)  # the matchers, then the steps after the selection (rule "repeat")
    assert want in {m.text for m in [*doc.found, *doc.mentions] if m.rule == name}
