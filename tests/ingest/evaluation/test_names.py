"""The scorer's name checks: span overlap needs a compatible name, and evidence spans that
are not occurrences of their node are counted (invented names)."""

from __future__ import annotations

from typing import Any

from ingest.evaluation.names import compatible, wrong_evidence
from ingest.evaluation.seeds import evaluate, format_evaluation


def _org(name: str, spans: list[tuple[int, str]], aliases: tuple[str, ...] = ()) -> dict[str, Any]:
    fields: dict[str, Any] = {"name": name}
    if aliases:
        fields["aliases"] = list(aliases)
    return {
        "id": f"d/organisation/{name.lower()}",
        "document": "d",
        "type": "entity",
        "kind": "organisation",
        "key": name.lower().replace(" ", "-"),
        "fields": fields,
        "evidence": [
            {"start": s, "end": s + len(t), "exact": t, "method": "rule", "confidence": 0.9}
            for s, t in spans
        ],
    }


def test_a_shortened_or_neighbouring_name_is_not_compatible() -> None:
    gold = {"name": "Conseil départemental 59", "mention": "Conseil Departemental 59"}
    assert not compatible(["Conseil Departemental"], gold)
    assert compatible(["Conseil départemental 59"], gold)
    house = {
        "name": "Maison de quartier Les Tilleuls",
        "mention": "Maison de\nquartier Les Tilleuls",
    }
    assert not compatible(["Les Tilleuls de Douai"], house)
    assert compatible(["Maison de quartier Les Tilleuls de Douai"], house)


def test_an_acronym_is_compatible_with_its_expansion() -> None:
    gold = {"name": "Réseau des Épiceries Solidaires", "mention": "RES"}
    assert compatible(["Réseau des Épiceries Solidaires"], gold)
    assert compatible(["RES"], {"name": "Réseau des Épiceries Solidaires", "mention": "x"})
    assert not compatible(["REP"], {"name": "Réseau des Épiceries Solidaires", "mention": "x"})


def test_overlap_with_an_incompatible_name_is_a_miss_and_an_extra() -> None:
    records = {"d": [_org("Conseil Departemental", [(10, "Conseil Departemental")])]}
    gold = {
        "d": {
            "document": "d",
            "organisations": [
                {
                    "name": "Conseil départemental 59",
                    "start": 10,
                    "end": 34,
                    "mention": "Conseil Departemental 59",
                }
            ],
        }
    }
    orgs = evaluate(records, gold).scores["organisations"]
    assert (orgs.tp_pred, orgs.pred, orgs.tp_gold, orgs.gold) == (0, 1, 0, 1)


def test_wrong_evidence_spans_are_counted() -> None:
    node = _org(
        "Le Fil",
        [(0, "Le Fil"), (50, "le fil"), (90, "LE FIL"), (120, "Lille bouge !")],
        aliases=("le fil",),
    )
    assert wrong_evidence(node) == ["'le fil' at 50", "'Lille bouge !' at 120"]
    club = _org(
        "Club des Créateurs Solidaires du Douaisis",
        [(0, "Club Créateurs"), (40, "club des créateurs solidaires du douaisis")],
    )
    assert wrong_evidence(club) == []
    result = evaluate({"d": [node]}, {"d": {"document": "d"}})
    assert "wrong evidence spans: 2" in format_evaluation(result)
