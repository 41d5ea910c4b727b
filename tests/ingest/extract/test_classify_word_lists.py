"""classify.py holds general French words and rules, never a name the seeds' curation knows.

Curated organisations and people are proper names of the seed documents; a word list or a
rule keyed on them would not work on the next portrait. A curated name may be typed by a rule
only when it is a label of the ontology's concepts (``CRESS`` is a kind of chamber in every
region), not a proper name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from rdflib import Graph
from rdflib.namespace import SKOS

from ess_core.iris import fold
from ingest.extract.classify import kinds as classify
from ingest.extract.mentions import org_cues
from ingest.extract.mentions import structural as mentions
from ingest.extract.relate import context, roles

REPO = Path(__file__).resolve().parents[3]


@cache
def _vocabulary() -> frozenset[str]:
    graph = Graph().parse(REPO / "ontology" / "ess.ttl")
    labels = [o for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(None, p)]
    return frozenset(fold(str(label)) for label in labels)


@cache
def _curated_names() -> frozenset[str]:
    data = yaml.safe_load((REPO / "data" / "curation" / "entities.yaml").read_text("utf-8"))
    names = {
        fold(name)
        for e in data["entities"]
        if e["kind"] in ("organisation", "person")
        for name in (e["canonical"], *e.get("aliases", ()))
    }
    return frozenset(names - _vocabulary())


def _word_lists() -> dict[str, set[str]]:
    lists = {
        name: {fold(str(w)) for w in value}
        for name, value in vars(classify).items()
        if isinstance(value, frozenset | tuple) and value and all(isinstance(w, str) for w in value)
    }
    lists["_TYPING_WORDS"] = set(classify._TYPING_WORDS)
    return lists


def test_the_word_lists_hold_no_curated_name() -> None:
    found = {
        (name, word)
        for name, words in _word_lists().items()
        for word in words
        if word in _curated_names()
    }
    assert found == set()


def test_no_rule_types_a_curated_name_by_itself() -> None:
    single = sorted(n for n in _curated_names() if " " not in n)
    assert single  # the check would be empty otherwise
    typed = [
        (name, classify.organisation_kind(name), classify.legal_form(name))
        for name in single
        if classify.organisation_kind(name) or classify.legal_form(name)
    ]
    assert typed == []
    assert [n for n in single if n.upper() in classify.NON_ORG_ACRONYMS] == []


def _rule_texts() -> list[tuple[str, str]]:
    """(module.name, folded text) of every word list and pattern of the rule modules."""
    out = []
    for module in (classify, mentions, org_cues, roles, context):
        for name, value in vars(module).items():
            items = value if isinstance(value, frozenset | tuple | dict) else (value,)
            for item in items:
                text = item.pattern if isinstance(item, re.Pattern) else item
                if isinstance(text, str):
                    out.append((f"{module.__name__}.{name}", fold(text)))
    return out


def test_no_rule_pattern_names_a_curated_organisation_or_person() -> None:
    names = [n for n in _curated_names() if len(n) >= 4]
    found = {
        (where, name)
        for where, text in _rule_texts()
        for name in names
        if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", text)
    }
    assert found == set()
