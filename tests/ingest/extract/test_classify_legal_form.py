"""Legal forms: the organisation's own name outranks the words around it."""

from ingest.extract.classify.kinds import legal_form


def test_the_name_outranks_the_context() -> None:
    context = "avec une association locale et la"
    assert legal_form("Communauté d'Agglomération du Pays Vert", context) == "epci"


def test_the_context_speaks_when_the_name_is_silent() -> None:
    assert legal_form("ABCD", "l'association") == "association"
    assert legal_form("ABCD", "") is None
