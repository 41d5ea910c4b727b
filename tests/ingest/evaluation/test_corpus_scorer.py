"""The corpus scorer: an invented annotated text is extracted, mapped to RDF, loaded into a
store and scored on its named graph."""

from __future__ import annotations

from pathlib import Path

import yaml

from ess_core.settings import load_settings
from ingest.evaluation.corpus import format_scores, load_documents, load_split, score_split
from ingest.evaluation.corpus_names import acronym, name_key, names_match

REPO = Path(__file__).resolve().parents[3]
TEXT = (
    "Le Collectif des Jardins Partagés (CJP) est né en 2011.\n\n"
    "Marie Dubreuil, présidente du Collectif des Jardins Partagés, se réjouit.\n"
)
GOLD = {
    "id": "jardins",
    "title": "Des jardins",
    "publisher": None,
    "date": "2023",
    "genre": "article",
    "people": [{"name": "Marie Dubreuil", "mentions": ["Marie Dubreuil"]}],
    "organisations": [
        {
            "name": "Collectif des Jardins Partagés",
            "mentions": ["Collectif des Jardins Partagés", "CJP"],
            "kind": "association",
            "founded": 2011,
        },
        {"name": "Ferme Imaginaire", "mentions": ["Ferme Imaginaire"], "kind": None},
    ],
    "roles": [
        {
            "person": "Marie Dubreuil",
            "role": "présidente",
            "organisation": "Collectif des Jardins Partagés",
        }
    ],
    "links": [
        {"from": "Collectif des Jardins Partagés", "type": "partner", "to": "Ferme Imaginaire"}
    ],
}


def test_names_match_ignoring_case_accents_article_or_as_acronym() -> None:
    assert name_key("La  Maison-de l\u2019Économie") == "maison de l economie"
    assert names_match(["maison de l'economie"], ["La Maison de l\u2019Économie"])
    assert acronym("Collectif des Jardins Partagés") == "cjp"
    assert names_match(["CJP"], ["Collectif des Jardins Partagés"])
    assert names_match(["Collectif des Jardins Partagés"], ["CJP"])
    assert not names_match(["Jardins"], ["Collectif des Jardins Partagés"])


def test_scores_an_invented_document_on_its_graph(tmp_path: Path) -> None:
    (tmp_path / "SPLIT.yaml").write_text("train: [jardins]\n", "utf-8")
    (tmp_path / "jardins.txt").write_text(TEXT, "utf-8")
    (tmp_path / "jardins.yaml").write_text(yaml.safe_dump(GOLD, allow_unicode=True), "utf-8")
    settings = load_settings(data_dir=REPO / "data")
    docs = load_documents(tmp_path, load_split(tmp_path)["train"])
    assert docs[0].meta == {
        "title": "Des jardins",
        "publisher": None,
        "date": "2023",
        "genre": "article",
    }
    scores = score_split(settings, docs)
    people, orgs = scores.scores["people"], scores.scores["organisations"]
    assert (people.tp_gold, people.gold, people.pred) == (1, 1, 1)
    assert orgs.gold == 2 and orgs.tp_gold >= 1
    assert scores.scores["roles"].gold == 1 and scores.scores["links"].gold == 1
    assert not scores.duplicates
    assert "| people | 1.00 | 1.00 |" in "\n".join(format_scores("train", scores))
