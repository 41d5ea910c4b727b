"""Organisations a cue announces in prose: a typing word (``l'association X``, ``un collectif
« X »``), a maker or a carrier (``fabriqué par X``, ``porté par X``), a role (``les fondateurs
du X``), a partnership (``en partenariat avec X et Y``), an example (``des PTCE comme X``), a
bracketed list after a class (``le financement des projets (X, Y, Z)``), or a local
structure's common noun and place (``le centre social de X``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ess_core.iris import fold
from ingest.extract.classify.kinds import (
    NON_ORG_ACRONYMS,
    is_person_name,
    is_programme_name,
    strip_article,
)
from ingest.extract.mentions.names import CAPSEQ, Mention, make_mention
from ingest.extract.mentions.phrases import is_word
from ingest.extract.mentions.word_lists import word_list

# Typing words before a name.
TYPING = (
    r"(?:[Ll]['’]association|l['’]Association|[Ll]a SCIC|[Ll]a SCOP|[Ll]a coopérative"
    r"|[Ll]['’]entreprise|[Ll]e collectif|[Ll]e Club|[Ll]e réseau|[Ll]e tiers-lieu"
    r"|[Ll]e café(?:-brasserie)?|[Ll]e restaurant|[Ll]a ressourcerie|[Ll]a recyclerie"
    r"|[Ll]['’]incubateur|[Ll]e groupement|[Ll]a fédération|[Ll]['’]EBE"
    r"|[Ll]a première EBE|[Uu]n collectif|[Uu]ne association|[Ll]a chaire)"
)
# A name in quotes after a typing word or "nommé": ``un collectif « Les Voisins »``.
_QUOTED = re.compile(
    rf"\b(?:{TYPING}|(?i:nommée?s?|baptisée?s?|appelée?s?|dénommée?s?)"
    r"|habitat (?:partagé|inclusif))"
    r"[\d¹²³⁴⁵⁶⁷⁸⁹*]{0,2}\s*[«“\"]\s*"
    r"(?P<name>[A-ZÀ-Ý][^«»“”\"\n]{1,60}?)\s*[»”\"]"
)
# The printer of a publication's colophon: ``Impression : La Presse du Nord``.
_PRINTER = re.compile(
    rf"\b(?:Impression|Imprimé par|Imprimerie)\s*:?\s*(?P<name>(?:L['’]|La |Le |Les )?{CAPSEQ})"
)
# What a speaker or a subject founded: ``on a créé Les Jardins du coin.``: up to four words,
# the first capitalised, up to the end of the clause.
_FOUNDED = re.compile(
    r"\b(?:on a|nous avons|j['’]ai|ils ont|elles ont) (?:créé|fondé|monté|lancé)\s+"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]*(?: [\w'’-]+){0,3}?)(?=\s*[.,;:!?])"
)
# A word with a capital inside it after an article: ``au BookCafé de X``, a brand's name.
_CAMEL = re.compile(r"\b(?:au|du|le|la|l['’])\s*(?P<name>[A-ZÀ-Ý][a-zà-ÿ]+[A-ZÀ-Ý][\wà-ÿ]*)\b")
_SINGULAR_AFTER = re.compile(r"\s+qui\s+(?:[a-zé]\w*(?<!nt)|a|est)\b(?! ont\b)")
# A name an example of a class of organisations: ``des structures comme le Garage X``.
_EXAMPLE = re.compile(
    r"\b(?:structures|associations|coopératives|entreprises|PTCE|réseaux|tiers-lieux|acteurs"
    r"|organismes|partenaires|financeurs)\W{0,3} (?:comme|tels? que|telles? que)"
    rf" (?:par exemple )?(?:l['’]|la |le |les )?(?P<name>{CAPSEQ}(?: et {CAPSEQ})*)"
)
# A name after a verb of making or carrying: ``fabriqué par Le Relais``, ``la création du X``.
_MADE_BY = re.compile(
    r"\b(?:(?:porté|fabriqué|géré|animé|soutenu|financé|accompagné|organisé|proposé|piloté"
    r"|coordonné|créé|fondé|lancé)e?s? par|(?:[Ll]a création|[Ll]a naissance)(?: en \d{4})?"
    r" (?=d))\s*(?:de la |de l['’]|du |des |d['’])?(?:l['’]|la |le |les )?"
    rf"(?P<name>(?:L['’]|La |Le |Les )?{CAPSEQ})"
)
# A local structure named by its common noun and its place: ``le centre social de X``.
_CHAIR = re.compile(
    r"\bChaire (?:de recherche |universitaire )?(?:en |sur |de l['’]|de la |des |du |d['’])"
    r"[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*)*"
)
# Members of an enumeration in brackets after a class of organisations: ``les financeurs du
# projet (X, Y et Z)``.
_LISTED = re.compile(
    r"\b(?:structures|réseaux|acteurs|partenaires|financeurs|financement|accompagnement"
    r"|associations|entreprises|organismes|adhérents|membres)\b[^().\n]{0,60}?"
    r"\((?P<items>[^()\n]{3,200})\)"
)
_LIST_ITEM = re.compile(rf"(?:l['’]|la |le |les )?(?P<name>(?:L['’]|La |Le |Les )?{CAPSEQ})")
# A district's house and its name: "la Maison de quartier Centre Ville".
_HOUSE = re.compile(
    r"\b(?:Maison|Centre)\s+de\s+quartier"
    rf"(?: (?:du |de la |des |de l['’]|d['’])?{CAPSEQ})"
)
# " et " between two names: "la Ligue X et Grands Y", "l'Apes et la CAVM".
_PAIR = re.compile(r" et (?:l['’]|la |le |les )?(?=[A-ZÀ-Ý])")
# A quoted name followed by what it is: ``« Le Grenier », un tiers-lieu``.
_QUOTED_TYPED = re.compile(
    r"[«“\"]\s*(?P<name>[A-ZÀ-Ý][^«»“”\"\n]{1,60}?)\s*[»”\"]\s*,\s*(?:un |une )"
    r"(?:tiers-lieu|association|restaurant|café|lieu|collectif|coopérative|entreprise|épicerie"
    r"|atelier|garage|SCIC|SCOP|réseau)\b"
)
# A partnership or a carrier: ``en partenariat avec X et Y``, ``avec le soutien de X``.
_PARTNER = re.compile(
    r"\b(?:en partenariat avec|avec le soutien d(?:e|u|es)|adhérente? d(?:e|u|es)"
    rf"|membre d(?:e|u|es))\s*(?:la |le |les |l['’])?"
    rf"(?P<name>{CAPSEQ}(?: et (?:la |le |les |l['’])?{CAPSEQ})*)"
)
_PLACE_NAME = r"[A-ZÀ-Ý][\w'’]+(?:-[\w'’]+)*"
_MAYOR = re.compile(
    r"\b(?:[Mm]aire|[Aa]djointe? au maire|[Pp]remière? adjointe?) (?:de |d['’])"
    rf"(?P<place>{_PLACE_NAME})"
)


# before a local structure's common noun written in lower case: an article
_LOCAL_ARTICLE = re.compile(
    r"\b(?:[Ll]e |[Ll]a |[Dd]u |[Aa]u |[Ll]['’]|[Dd]e la |[Dd]e l['’]|[Àà] la |[Àà] l['’])$"
)
# after it: its place
_LOCAL_PLACE = re.compile(rf" (?P<place>(?:de la |de l['’]|du |des |de |d['’]){_PLACE_NAME})")


def _local(text: str) -> list[tuple[int, int]]:
    """(start, end) of each local structure named by its common noun and its place
    (``local_heads`` of ``lexicons/org_context.yaml``, span group of that name): the noun
    written as the list writes it after an article, or capitalised; read from left to right
    (a match starts at the article), without overlaps."""
    heads = word_list("org_context", "local_heads")
    found: list[tuple[int, int, int]] = []  # (start of the match, of the name, end)
    for n in heads.starts(text):
        article = _LOCAL_ARTICLE.search(text, max(0, n - 6), n)
        if article is not None:
            for head in heads.written(text, n):
                if (place := _LOCAL_PLACE.match(text, n + len(head))) is not None:
                    found.append((article.start(), n, place.end()))
                    break
        if n == 0 or not is_word(text[n - 1]):
            for head in heads.phrases:
                proper = head[:1].upper() + head[1:]
                if text.startswith(proper, n):
                    if (place := _LOCAL_PLACE.match(text, n + len(proper))) is not None:
                        found.append((n, n, place.end()))
                        break
    out: list[tuple[int, int]] = []
    pos = 0
    for start, name, end in sorted(found):
        if start >= pos:
            out.append((name, end))
            pos = end
    return out


# Head words that name no organisation alone (``l'Office``, ``la Région`` are cut-off names).
_COMMON_HEADS = frozenset(
    fold(w)
    for w in """
    office région ville maison centre association structure université communauté métropole
    collectivité état agglomération département commune conseil chambre fédération réseau
    """.split()
)


def cued_organisations(text: str) -> list[Mention]:
    """Every organisation a cue announces in ``text``; the rule is named for the cue
    (``cue-quoted``, ``cue-made-by``…, ranked by their records in ``mentions.registered``)."""
    found: list[Mention] = []
    # no person comes after these cues; quotes hold one name: « Travail et Partage »
    single: tuple[tuple[str, re.Pattern[str], bool], ...] = (
        ("cue-quoted", _QUOTED, True),
        ("cue-quoted-typed", _QUOTED_TYPED, True),
        ("cue-printer", _PRINTER, True),
        ("cue-founded", _FOUNDED, True),
        ("cue-camel", _CAMEL, True),
    )
    for rule, pattern, whole in single:
        for m in pattern.finditer(text):
            found += _cued(text, m.start("name"), m.end("name"), rule, people=False, whole=whole)
    for rule, pattern in (("cue-example", _EXAMPLE), ("cue-made-by", _MADE_BY)):
        for m in pattern.finditer(text):
            # "comme A et B qui noue …": a singular verb after it makes "A et B" one name
            whole = _SINGULAR_AFTER.match(text, m.end("name")) is not None
            found += _cued(text, m.start("name"), m.end("name"), rule, whole=whole)
    for m in _PARTNER.finditer(text):
        found += _cued(text, m.start("name"), m.end("name"), "cue-partner")
    for rule, pattern in (("cue-chair", _CHAIR), ("cue-house", _HOUSE)):
        for m in pattern.finditer(text):
            mention = make_mention(text, m.start(), m.end(), "organisation", rule)
            if mention is not None:
                found.append(mention)
    found += _listed(text)
    for m in _MAYOR.finditer(text):  # "maire de X": the office is held at the commune
        place = m.group("place")
        found.append(
            Mention(
                m.start("place"), m.end("place"), "organisation", f"Ville de {place}", rule="mayor"
            )
        )
    for start, end in _local(text):
        mention = make_mention(text, start, end, "organisation", "cue-local")
        if mention is not None:
            found.append(mention)
    return found


def _listed(text: str) -> list[Mention]:
    """Items of a bracketed enumeration after a class of organisations, when every item has
    the shape of a name (``(moyens, compétences)`` is not a list of organisations)."""
    found: list[Mention] = []
    for m in _LISTED.finditer(text):
        start = m.start("items")
        items: list[tuple[int, int]] = []
        for part in re.split(r"(,\s*|\s+et\s+|\s*(?:\.\.\.|…)\s*)", m.group("items")):
            item = _LIST_ITEM.fullmatch(part.strip())
            if part.strip() and not re.fullmatch(r",\s*|\s+et\s+|\s*(?:\.\.\.|…)\s*", part):
                if item is None:
                    items = []
                    break
                s = start + part.index(item.group("name"))
                items.append((s, s + len(item.group("name"))))
            start += len(part)
        if len(items) < 2:
            continue
        for s, e in items:
            found += _cued(text, s, e, "cue-listed")
    return found


def _cued(
    text: str, start: int, end: int, rule: str, people: bool = True, whole: bool = False
) -> list[Mention]:
    """The names a cue announces in ``text[start:end]``: ``X et l'Y`` is two names unless
    ``whole``. With ``people``, a person-shaped name is left out (the cue may introduce a
    person)."""
    found: list[Mention] = []
    cuts = [start]
    for sep in () if whole else _PAIR.finditer(text, start, end):
        cuts += [sep.start(), sep.end()]
    cuts.append(end)
    for s, e in zip(cuts[::2], cuts[1::2], strict=True):
        mention = make_mention(text, s, e, "organisation", rule)
        if mention is not None and _cued_name(mention.text, people):
            found.append(mention)
    return found


def _cued_name(name: str, people: bool = True) -> bool:
    """Whether a name a cue announces can be an organisation's (not a person when ``people``,
    not a programme, a concept acronym, a date or a cut-off head word)."""
    bare = strip_article(name)
    return (
        len(bare) >= 3
        and not bare.isdigit()
        and bare not in NON_ORG_ACRONYMS
        and not (people and is_person_name(bare))
        and not is_programme_name(bare)
        and (" " in bare or bare.isupper() or fold(bare) not in _COMMON_HEADS)
    )


def split_pairs(text: str, entities: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation entity ``X et Y`` / ``X et la Y`` is two entities."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        cuts = [start]
        if label == "ORG":
            for sep in _PAIR.finditer(text, start, end):
                cuts += [sep.start(), sep.end()]
        cuts.append(end)
        out += [(s, e, label) for s, e in zip(cuts[::2], cuts[1::2], strict=True)]
    return out


_ACRONYM_BEFORE = re.compile(r"\b(?:[Ll]a|[Ll]e|[Ll]['’]|[Dd]u|[Aa]u) ?(?P<acr>[A-Z]{2,5}) $")


def acronym_places(text: str, places: Iterable[Mention]) -> list[Mention]:
    """A local branch named by an acronym and its commune: ``la MJC Arras``, ``de la MDA
    Lens`` (rule ``cue-acronym-place``)."""
    found = []
    for place in places:
        m = _ACRONYM_BEFORE.search(text, max(0, place.start - 12), place.start)
        if m is None or m.group("acr") in NON_ORG_ACRONYMS or is_programme_name(m.group("acr")):
            continue
        mention = make_mention(text, m.start("acr"), place.end, "organisation", "cue-acronym-place")
        if mention is not None:
            found.append(mention)
    return found
