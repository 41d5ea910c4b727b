"""France, the country every région is a direct subdivision of.

Our node is ``id/pays/99100`` (99100 is France's code in the INSEE list of countries),
owl:sameAs INSEE's IRI for France (metropolitan France and the five overseas départements),
so national comparison figures have a territory to hang on. The geography graph
(:mod:`ingest.rdf.geography`) emits it; extraction links national figures to it.
"""

from __future__ import annotations

COUNTRY_CODE = "99100"
COUNTRY_NAME = "France"
COUNTRY_NAMES = frozenset({"france", "la france", "france entiere", "france metropolitaine"})
INSEE_COUNTRY = "http://id.insee.fr/geo/pays/france"
