"""The mention rules, declared once each (``ingest.extract.rules``), in the order they run.

Examples are invented sentences; each pair is (sentence, a text the rule must find in it).
"""

from __future__ import annotations

from ingest.extract.mentions import appositions as a
from ingest.extract.mentions import coordinated as co
from ingest.extract.mentions import copula_names as cp
from ingest.extract.mentions import cued_names as cn
from ingest.extract.mentions import general as g
from ingest.extract.mentions import name_tails as nt
from ingest.extract.mentions import people as pe
from ingest.extract.mentions import structural as m
from ingest.extract.mentions import town_bodies as tb
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.org_cues import acronym_places
from ingest.extract.mentions.places import places
from ingest.extract.rules import Matcher, Rule, Stage, register

_order = 0


def _declare(
    name: str,
    rank: int,
    confidence: float,
    examples: tuple[tuple[str, str], ...] = (),
    matcher: Matcher | None = None,
    stage: Stage = "mentions",
) -> None:
    global _order
    _order += 1
    register(Rule(name, stage, confidence, rank, examples, matcher, _order))


def _quote_headers(doc: Document) -> list[Mention]:
    return m.quote_headers(doc.text, doc.lines)


def _name_lines(doc: Document) -> list[Mention]:
    doc.people = m.name_lines(doc.text, doc.lines)
    return [p for p, _ in doc.people]


def _role_lines(doc: Document) -> list[Mention]:
    # a one-word organisation of a role line needs another rule (gazetteer, acronym) to agree
    return [
        o
        for _, line in doc.people
        if line is not None
        for o in m.role_line_orgs(doc.text, line)
        if " " in o.text or o.text.isupper()
    ]


def _acronyms(doc: Document) -> list[Mention]:
    doc.acronyms = m.acronyms(doc.text, doc.lines)
    return [x for pair in doc.acronyms for x in (pair.short, pair.long)]


def _gazetteer(doc: Document) -> list[Mention]:
    return m.gazetteer_matches(doc.text, doc.gazetteer)


def _places(doc: Document) -> list[Mention]:
    if doc.gazetteers is None:  # no reference data: the other names of places only
        return m.gazetteer_matches(doc.text, [(p, "territory") for p in doc.places], "place")
    return places(doc)


def _typed(doc: Document) -> list[Mention]:
    return m.typed_phrases(doc.text)


def _acronym_places(doc: Document) -> list[Mention]:
    return acronym_places(doc.text, [x for x in doc.found if x.kind == "territory"])


def _title_lines(doc: Document) -> list[Mention]:
    # a title opening on a place is a dateline ("Amiens : la ressourcerie…"), not a name
    places = {(p.start, p.end) for p in doc.found if p.kind == "territory"}
    return [
        t
        for t in m.title_lines(doc.text, doc.lines)
        if (t.start, t.end) not in places
        and not (doc.gazetteers is not None and doc.gazetteers.is_territory(t.text))
    ]


def _model(doc: Document) -> list[Mention]:
    if doc.nlp is None:
        return []
    return m.model_mentions(doc.text, doc.lines, doc.entities, doc.gazetteers)


_declare(
    "quote-header",
    0,
    0.95,
    (("“ JEANNE MARTIN - Atelier Vert de 2015 à 2019\n", "JEANNE MARTIN"),),
    _quote_headers,
)
_declare(
    "name-line",
    0,
    0.95,
    (("Jeanne Martin\n\nDirectrice de l'Atelier Vert\n", "Jeanne Martin"),),
    _name_lines,
)
_declare(
    "role-line",
    3,
    0.85,
    (("Jeanne Martin\n\nDirectrice de l'Atelier Vert Solidaire\n", "Atelier Vert Solidaire"),),
    _role_lines,
)
_declare(
    "acronym-inline",
    1,
    0.95,
    (("Le Groupement des Jardins Unis (GJU) recrute.", "Groupement des Jardins Unis"),),
    _acronyms,
)
_declare("acronym-list", 1, 0.95)
_declare("acronym-footnote", 1, 0.95)
_declare("gazetteer", 2, 0.9, (), _gazetteer)
_declare(
    "place",
    2,
    0.9,
    (
        ("Le réseau couvre la Gironde et Boulogne-sur-Mer.", "Boulogne-sur-Mer"),
        ("Le chantier de Guise (02) recrute.", "Guise"),
    ),
    _places,
)
_declare(
    "typed-phrase",
    3,
    0.9,
    (("Elle a rejoint l'association Les Jardins du Lac en 2020.", "Les Jardins du Lac"),),
    _typed,
)
for _name in (
    "cue-quoted",
    "cue-quoted-typed",
    "cue-printer",
    "cue-example",
    "cue-made-by",
    "cue-partner",
    "cue-chair",
    "cue-house",
    "cue-listed",
    "cue-local",
):
    _declare(_name, 3, 0.9)
_declare("cue-founded", 4, 0.9)
_declare("cue-camel", 4, 0.9)
_declare("org-head", 4, 0.85)
_declare("mayor", 2, 0.9)
_declare("cue-acronym-place", 3, 0.9, (), _acronym_places)
_declare(
    "town-body",
    3,
    0.75,
    (("La ville de Guise met un local à disposition.", "ville de Guise"),),
    tb.town_bodies,
)
_declare(
    "body",
    2,
    0.9,
    (("Elle a rejoint France Active Bretagne en 2019.", "France Active Bretagne"),),
    g.body_mentions,
)
_declare(
    "active-member",
    2,
    0.9,
    (("Le prêt vient de Somme Active et de la banque.", "Somme Active"),),
    g.active_members,
)
_declare(
    "institution",
    2,
    0.85,
    (
        (
            "Le conseil départemental de la Somme finance le projet.",
            "conseil départemental de la Somme",
        ),
        ("La communauté de communes du Val Fleuri aide.", "communauté de communes du Val Fleuri"),
    ),
    g.institution_mentions,
)
_declare(
    "epci-body",
    2,
    0.85,
    (("Le composteur est financé par Amiens Métropole depuis mai.", "Amiens Métropole"),),
    g.epci_bodies,
)
_declare(
    "anaphora",
    3,
    0.75,
    (("La Région Bretagne aide. La Région finance aussi.", "Région Bretagne"),),
    g.anaphora_mentions,
)
_declare(
    "commune",
    2,
    0.85,
    (("L'atelier ouvre à Guise en mai.", "Guise"), ("Le local est au Portel.", "Le Portel")),
    g.commune_mentions,
)
_declare(
    "model-place",
    3,
    0.8,
    (("Hier, Jeanne Martin a ouvert la séance à Lyon.", "Lyon"),),
    g.model_places,
)
_declare("title-line", 1, 0.85, (), _title_lines)
_declare(
    "spacy-per",
    5,
    0.75,
    (("Hier, Jeanne Martin a ouvert la séance à Lyon.", "Jeanne Martin"),),
    _model,
)
_declare("spacy-org", 6, 0.7)
_declare(
    "model-org",
    7,
    0.7,
    (
        ("Le projet est soutenu par Vélo Cité Nord et la mairie.", "Vélo Cité Nord"),
        # a head-word name that passes the same checks: kept though named once
        ("Le projet est mené avec la Fondation Terre Solide.", "Fondation Terre Solide"),
        # a name of several words the model tags MISC, written twice
        (
            "Le Panier des Possibles vend des légumes. Le Panier des Possibles livre aussi.",
            "Le Panier des Possibles",
        ),
    ),
)
_declare(
    "typed-name",
    6,
    0.8,
    (("Elle dirige la recyclerie Deuxième Souffle depuis 2020.", "Deuxième Souffle"),),
    lambda doc: list(g.capitalised_after_cue(doc)),
)
_declare(
    "typed-head",
    6,
    0.8,
    (("On achète à la Brasserie du Moulin Neuf.", "Brasserie du Moulin Neuf"),),
    lambda doc: list(g.typed_heads(doc)),
)
_declare(
    "typed-quoted",
    3,
    0.8,
    (("Elle fréquente l'épicerie solidaire « Le Panier vert » du quartier.", "Le Panier vert"),),
    lambda doc: list(g.quoted_after_typing(doc)),
)
_declare(
    "listed",
    4,
    0.75,
    (
        (
            "Le groupe fédère des associations telles que Maison Verte, ABCD et Pas à Pas.",
            "Maison Verte",
        ),
    ),
    lambda doc: list(g.listed_after_cue(doc)),
)
_declare(
    "typed-model",
    7,
    0.7,
    # a name going on in lower case, as association names do
    (
        (
            "Elle a rejoint le collectif Les Petites mains solidaires en mai.",
            "Les Petites mains solidaires",
        ),
    ),
    lambda doc: list(g.typed_model_mentions(doc)),
)
_declare(
    "cued-name",
    7,
    0.75,
    (
        ("Avec l'appui de Terre Commune, la mairie a créé un jardin.", "Terre Commune"),
        ("Le chantier est labellisé par la Ruche Verte et Cap Demain.", "Cap Demain"),
        ("Les Petits Potagers, membre du réseau, ont ouvert un local.", "Les Petits Potagers"),
        ("Lina Marrot, directrice de La Fabrique Verte, a ouvert la séance.", "La Fabrique Verte"),
    ),
    lambda doc: list(cn.cued_names(doc)),
)
_declare(
    "coordinated-name",
    7,
    0.7,
    (
        (
            "Étaient présents : Le Relais Bleu, la Cress et l'Urscop.",
            "Le Relais Bleu",
        ),
    ),
    lambda doc: list(co.coordinated_names(doc)),
)
_declare(
    "caps-name",
    4,
    0.8,
    (("Devant Jeanne MARTIN-LEFORT, le bureau a voté.", "Jeanne MARTIN-LEFORT"),),
    lambda doc: list(pe.capitalised_family_names(doc)),
)
_declare(
    "person-titled",
    4,
    0.8,
    (("« On trie tout. » Camille Petit, directrice adjointe, sourit.", "Camille Petit"),),
    lambda doc: list(pe.people_before_titles(doc)),
)
_declare(
    "name-alone",
    4,
    0.75,
    (("Le lieu ouvre samedi.\n\nDirectrice de la Maison Verte\nJeanne Martin\n", "Jeanne Martin"),),
    lambda doc: list(pe.names_alone_on_a_line(doc)),
)
_declare(
    "typed-apposition",
    5,
    0.8,
    (
        ("Le projet est soutenu par Vélocité, une association de cyclistes.", "Vélocité"),
        ("Atelier Bleu et Terre Vive, deux coopératives du bassin, recrutent.", "Terre Vive"),
        ("Elle passe chez 3e souffle, recyclerie du village.", "3e souffle"),
    ),
    lambda doc: list(a.typed_appositions(doc)),
)
_declare(
    "typed-copula",
    5,
    0.8,
    (("La Ruche Verte est une association de quartier.", "La Ruche Verte"),),
    lambda doc: list(cp.copula_names(doc)),
)
_declare(
    "named-as",
    5,
    0.75,
    (("Baptisée « Mon Petit Panier », l'épicerie ouvre.", "Mon Petit Panier"),),
    lambda doc: list(a.named_as(doc)),
)
_declare(
    "region-qualified",
    4,
    0.8,
    (("Elle a rejoint le Réseau Vert Bretagne en 2019.", "Réseau Vert Bretagne"),),
    lambda doc: list(a.region_qualified(doc)),
)
_declare(
    "name-tail",
    5,
    0.8,
    (
        (
            "Le soutien de l'association Les Jardins de la colline verte a compté.",
            "Les Jardins de la colline verte",
        ),
        ("L'association Habitat actif recrute trois salariés.", "Habitat actif"),
    ),
    lambda doc: list(nt.name_tails(doc)),
)
_declare(
    "repeat",
    8,
    0.7,
    (
        (
            "L'atelier Vélorution Douce ouvre. À Marles, Vélorution Douce répare les vélos.",
            "Vélorution Douce",
        ),
    ),
)  # run after the selection (ingest.extract.mentions.repeats), not by the runner
_declare(
    "short-head",
    8,
    0.7,
    (
        (
            "La Ressourcerie du Val ouvre. À Laon, la Ressourcerie a ouvert ses portes en 2011.",
            "Ressourcerie du Val",
        ),
    ),
)  # run after the selection (ingest.extract.mentions.short_forms), not by the runner
