"""Roles of people in organisations, with their labels and years.

A quote header ``NAME - Structure de 2011 à 2017``, a name line and its role line (annexes,
signatures), a prose apposition ``X, directrice de Y``, a person next to a role word in a
portrait (``son directeur X``), a fact sheet ``Président NAME (depuis 2016)``."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from ess_core.iris import fold
from ingest.extract.classify.kinds import organisation_kind, strip_article
from ingest.extract.mentions.structural import ROLE_WORD, Mention, role_line_orgs
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.context import Context
from ingest.extract.relate.cue_words import role_titles
from ingest.extract.relate.general import OWN_NOUNS, noun_target
from ingest.extract.relate.relation import PREP, Index, Relation, located_in, years
from ingest.extract.segment.lines import Line


def header_roles(text: str, lines: Sequence[Line], mentions: Sequence[Mention]) -> list[Relation]:
    """Quote headers: the person is affiliated with each structure, dated when stated."""
    index = Index(mentions)
    found: list[Relation] = []
    for i, line in enumerate(lines):
        people = [
            m for m in index.within(line.start, line.end, "person") if m.rule == "quote-header"
        ]
        if not people:
            continue
        person = people[0]
        end = line.end
        orgs = [m for m in index.within(person.end, line.end, "organisation")]
        if not orgs:  # structure on the next line
            nxt = next((ln for ln in lines[i + 1 : i + 3] if ln.kind != "blank"), None)
            if nxt is not None:
                orgs = index.within(nxt.start, nxt.end, "organisation")
                end = nxt.end
        start_year, end_year = years(text[person.end : end])
        for org in orgs:
            found.append(
                Relation(
                    "role",
                    person,
                    org,
                    (person.start, end),
                    None,
                    start_year,
                    end_year,
                    confidence("header-role"),
                    "header-role",
                )
            )
    return found


def role_line_roles(
    text: str, people: Sequence[tuple[Mention, Line | None]], places: Sequence[Mention] = ()
) -> list[Relation]:
    """Name line + role line: one role per clause that names an organisation (not a place)."""
    found: list[Relation] = []
    for person, line in people:
        if line is None:
            continue
        orgs = [
            o
            for o in role_line_orgs(text, line)
            if not any(p.start < o.end and o.start < p.end for p in places)
        ]
        clause_start = boundary = line.start
        for org in orgs:
            # the clause's words before the organisation, after the previous organisation
            label_start = clause_start if clause_start <= org.start else boundary
            label = role_label(text[label_start : org.start])
            clause_end = _clause_end(text, org.end, line.end)
            start_year, end_year = years(text[org.end : clause_end])
            if (
                label
                and len(label) <= 80
                and not label.endswith(")")
                and re.match(ROLE_WORD, label)
            ):
                found.append(
                    Relation(
                        "role",
                        person,
                        org,
                        (line.start, line.end),
                        label,
                        start_year,
                        end_year,
                        confidence("role-line-role"),
                        "role-line-role",
                    )
                )
            clause_start, boundary = clause_end, org.end
        tail_years = years(text[clause_start : line.end])
        if (
            orgs
            and tail_years[0] is not None
            and found
            and found[-1].subject == person
            and found[-1].start_year is None
        ):
            last = found.pop()
            found.append(
                Relation(
                    last.kind,
                    last.subject,
                    last.object,
                    last.span,
                    last.role,
                    tail_years[0],
                    tail_years[1],
                    last.confidence,
                    last.rule,
                )
            )
    return found


def role_label(text: str) -> str:
    """The role words before an organisation: ``Fondateur et directeur de la`` -> ``Fondateur
    et directeur``; the last run of role words joined by ``et`` wins."""
    label = " ".join(text.split()).strip(" ,;")
    label = re.sub(r"\s*\b(?:La|Le|Les|L['’])$", "", label)
    label = re.sub(r"\s+(?:l['’]association|association|la SCOP|la SCIC)$", "", label)
    label = re.sub(rf"\s*\b{PREP}$", "", label).strip(" ,;")
    label = re.sub(r"\s+chez$", "", label)
    commas = label.split(", ")
    label = next((c for c in reversed(commas) if re.match(ROLE_WORD, c)), commas[0])
    parts = re.split(r"\s+et\s+", label)
    keep: list[str] = []
    for part in reversed(parts):
        if not re.match(ROLE_WORD, part) or (keep and re.search(r"\bde [A-ZÀ-Ý]", part)):
            break
        keep.insert(0, part)
    if not keep:
        starts = [m.start() for m in re.finditer(rf"(?<![\w-]){ROLE_WORD}", label)]
        return label[starts[-1] :] if starts else label
    return _capital(" et ".join(keep))


def _capital(label: str) -> str:
    """The role label as a label starts: ``directrice`` -> ``Directrice``."""
    return label[:1].upper() + label[1:]


def _clause_end(text: str, start: int, limit: int) -> int:
    """End of the clause that starts at ``start``: the next comma or ``puis`` outside brackets."""
    depth = 0
    for i in range(start, limit):
        c = text[i]
        depth += c == "("
        depth -= c == ")"
        if depth <= 0 and (c == "," or text.startswith(" puis ", i)):
            return i
    return limit


_APPOSITION = re.compile(
    rf"^,?\s*\(?(?:(?:est|était|devient|reste) )?"
    rf"(?:l['’]un(?:e)? des |la |le |son |sa |notre |nouvel(?:le)? )?"
    rf"(?P<role>(?:[a-zéèêàçA-ZÉ][\w'’-]*(?: [a-zéèêàçA-ZÉ][\w'’-]*){{0,5}}?)?)"
    rf"\s*,?\s*{PREP}\s*(?:l['’]association |la SCOP |la SCIC )?$"
)


def appositions(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """``X, directrice de Y`` / ``X de la SCOP Y`` / ``X, Président du Y`` / ``X (maire de Y)``."""
    index = Index(mentions)
    found: list[Relation] = []
    orgs = [m for m in index.items if m.kind == "organisation"]
    org_starts = [m.start for m in orgs]
    for person in (m for m in index.items if m.kind == "person"):
        j = bisect_left(org_starts, person.end)
        if j >= len(orgs) or orgs[j].start - person.end > 80:
            continue
        org = orgs[j]
        if any(person.end <= p.start < org.start for p in index.items if p.kind == "person"):
            continue  # a person named again nearer ("… à Anne Roux\n\nAnne Roux est …")
        between = text[person.end : org.start].replace("\n", " ")
        match = _APPOSITION.match(between)
        if match is None or "." in between:
            continue
        role = match.group("role").strip() or None
        if role is not None and role.lower() in ("de", "un", "une"):
            role = None
        if role is not None and not (
            re.search(ROLE_WORD, role) or role_titles().search(role, 0, len(role))
        ):
            continue  # "X, se félicite du soutien de Y": words, no title
        found.append(
            Relation(
                "role",
                person,
                org,
                (person.start, org.end),
                _capital(role) if role else None,
                None,
                None,
                confidence("apposition"),
                "apposition",
            )
        )
    return found


# a title governing its body with no preposition: "représentant l'Union Y", "représentante la
# Région"
_DIRECT_OBJECT = re.compile(r"\s+(?:l['’]|la |le |les )")


def context_roles(
    text: str, mentions: Sequence[Mention], known: Iterable[Relation]
) -> list[Relation]:
    """A person named next to a role word (``son directeur X``, ``X, animateur``) holds it at
    the organisation the paragraph or portrait is about."""
    ctx = Context(text, mentions)
    done = {(r.subject.start, r.object.text) for r in known if r.kind == "role"}
    spoken_for = {r.subject.start for r in known if r.kind == "role"}
    # a person whose title names its organisation ("X, présidente de Y") holds no other
    # role by the paragraph's subject
    titled = {
        r.subject.start for r in known if r.rule in ("role-general", "apposition", "role-parse")
    }
    implied: dict[int, Mention] = {}
    found: list[Relation] = []
    for person in (m for m in mentions if m.kind == "person"):
        before = text[max(0, person.start - 30) : person.start]
        after = text[person.end : person.end + 45]
        role = None
        titled_before = False
        if (
            m := re.search(
                rf"(?:[Ss]on|[Ss]a|[Ll]a|[Ll]e) (?:(?:nouvel(?:le)?|nouveau|actuel(?:le)?) )?"
                rf"(?P<role>{ROLE_WORD}[\w'’-]*),?\s*(?:(?:M\.|Mme|Monsieur|Madame)\s+)?$",
                before,
            )
        ) is not None:
            role = m.group("role")
            titled_before = True
        elif (
            m := re.match(
                rf",\s*(?:la |le |l['’]un des |sa |son |notre )?(?P<role>{ROLE_WORD}[\w'’-]*)",
                after,
            )
        ) is not None:
            role = m.group("role")
            unnamed = _UNNAMED.match(after[m.end() :])
            direct = _DIRECT_OBJECT.match(text, person.end + m.end())
            represented = next(
                (o for o in ctx.orgs if direct is not None and o.start == direct.end()), None
            )
            if represented is not None:
                # "X, représentant l'Union Y": the body the title governs without "de"
                implied[person.start] = represented
            elif unnamed is not None:
                # "…, salarié de la maison de quartier": the organisation named before by
                # that common noun, else an unnamed one
                named = _named_before(ctx, person.start, unnamed.group("noun"))
                own = noun_target(ctx.main)
                if (
                    named is None
                    and own is not None
                    and own.end <= person.start
                    and unnamed.group("noun") in OWN_NOUNS
                    and not _NAME_AFTER.match(text, person.end + m.end() + unnamed.end())
                ):
                    named = own  # "gérante de la coopérative": the text's own
                if named is None:
                    continue
                implied[person.start] = named
            elif (
                named_complement := _NAMED_COMPLEMENT.match(text, person.end + m.end())
            ) is not None and not _ELECTED.match(role):
                # "X, directrice du Rameau": the title names its own body, found under a
                # longer name ("la directrice de l'Office" after "Office de la Jeunesse") or
                # not found at all (then no role here)
                word = re.match(
                    r"[\w’'-]+(?=\s*(?:[.,;:!?»)\n]|$))", text[named_complement.end() :]
                )
                named = _named_before(ctx, person.start, word.group()) if word else None
                if named is None:
                    continue
                implied[person.start] = named
            elif _OWN_COMPLEMENT.match(after[m.end() :]) and not _ELECTED.match(role):
                # "X, secrétaire générale pour les affaires régionales": the title names its
                # own complement (an organisation not found), not the paragraph's
                continue
        if role is None and re.match(r"\s+a (?:créé|fondé|lancé) (?:cette|son|sa|l['’])", after):
            role = "fondateur"
        sentence = text[ctx.sentence_start(person.start) : person.start]
        if role is None and _ORIGIN.search(sentence):
            # "cette initiative": the last organisation named in the lines before
            last = [m for m in ctx.orgs if person.start - 600 < m.end <= person.start]
            if not last:
                continue
            role, implied[person.start] = "fondateur", last[-1]
        if role is None and (
            academic := _ACADEMICS.search(text, max(0, person.start - 200), person.start)
        ):
            # "des responsables universitaires (X, Y et Z)": the university named before
            named = _named_before(ctx, person.start, "universite")
            if named is None or ")" in text[academic.end() : person.start]:
                continue
            role, implied[person.start] = academic.group("role"), named
        speaker = role is None and _SPEAKER.search(before) is not None
        if role is None and not speaker:
            continue
        org = implied.get(person.start) or ctx.topic(person.start)
        if speaker:
            # a person a portrait quotes ("…, explique X.") speaks for its title organisation
            # when no other organisation is named between its title and the quote
            title = ctx.topic(person.start)
            if (
                title is None
                or title.rule != "title-line"
                or person.start in spoken_for
                or any(
                    title.end <= m.start < person.start and m.text != title.text for m in ctx.orgs
                )
            ):
                continue
            org = title
        if role and re.match(r"(?i)(?:vice|conseill|élu|maire|adjoint)", role):
            # an elected office belongs to the last collectivity named before
            elected = [
                m
                for m in ctx.orgs
                if person.start - 3000 < m.end <= person.start
                and organisation_kind(m.text) == "administration"
            ]
            # "conseillers départementaux", "conseillère régionale": the body of that level
            level = _LEVEL.match(text, person.end, min(len(text), person.end + 60))
            if level is not None:
                body = fold(level.group("level"))[:6]  # "depart", "region", "munici"
                elected = [m for m in elected if body in fold(m.text)] or elected
            if not elected:
                continue  # an elected office of no collectivity named: not the topic's
            org = elected[-1]
        if (
            org is None
            or (person.start, org.text) in done
            or (person.start in titled and person.start not in implied and not titled_before)
            or (
                organisation_kind(org.text) != "administration"
                and "." in text[min(org.end, person.start) : max(org.end, person.start)][-400:]
                and ctx.paragraph(org.start) != ctx.paragraph(person.start)
                and org.rule != "title-line"
                and org is not ctx.main  # a short text is about its main organisation
                and person.start not in implied
            )
        ):
            continue
        # "…, responsable du Master à l'université depuis 2005": the clause's years
        start_year, end_year = (
            years(
                text[
                    person.end : _clause_end(text, person.end + 1, min(len(text), person.end + 90))
                ]
            )
            if person.start in implied or (role and not titled_before)
            else (None, None)
        )
        found.append(
            Relation(
                "role",
                person,
                org,
                (person.start, person.end),
                _capital(role) if role else None,
                start_year,
                end_year,
                confidence("context-role"),
                "context-role",
            )
        )
    return found


# A complement right after a title that names another body: "…, chargée de mission pour …",
# "…, secrétaire générale pour les affaires régionales", "…, conseillère auprès de …".
_OWN_COMPLEMENT = re.compile(
    r"(?:\s+(?:général\w*|adjoint\w*|régional\w*|technique|de mission|de projets?))*"
    r"\s+(?:pour|chez|auprès)\b"
)
# a title's complement that names a body: "…, directrice générale du Rameau", "président de
# l'institut Godin"
_NAMED_COMPLEMENT = re.compile(
    r"(?:\s+(?:général\w*|adjoint\w*|régional\w*|technique|délégué\w*|exécuti\w*))*"
    r"\s+(?:du|de la|de l['’]|des|de|d['’])\s*(?:[a-zà-ÿ-]+\s+){0,2}[«“\"]?(?=[A-ZÀ-Ý])"
)
_ELECTED = re.compile(r"(?i)(?:vice|conseill|élu|maire|adjoint)")
# The common noun after a role word that names the organisation without its name.
_UNNAMED = re.compile(
    r"[\w'’ -]{0,30}?\s(?:à|de|du|chez)\s+(?:l['’]|la |le )?(?P<noun>université|maison de "
    r"quartier|maison|association|centre social|centre|école|structure|entreprise|coopérative"
    r"|épicerie|garage|atelier)\b"
)
# a name after the noun, maybe after adjectives: "l'association amiénoise Les X" names its own
_NAME_AFTER = re.compile(r"\s*(?:[a-zà-ÿ'’-]+\s+){0,2}[«“\"]?[A-ZÀ-Ý]")
# "À l'origine de cette initiative, un couple, X et Y": the founders of the portrait's subject.
_ORIGIN = re.compile(
    r"(?:[Àà]|A) l['’]origine (?:de|du) (?:cette|ce|cet|la|le|l['’]) ?(?:initiative|projet"
    r"|structure|association|lieu|aventure|entreprise)\b"
)
# People listed after an academic role: "des enseignants universitaires (X, Y et Z)".
_ACADEMICS = re.compile(
    r"(?P<role>(?:responsables?|enseignants?(?:-chercheu(?:r|se)s?)?|chercheu(?:r|se)s?"
    r"|professeure?s?)) universitaires?\s*\([^()]{0,80}$"
)
# A speech verb just before a name: "…, explique X", "note X".
_SPEAKER = re.compile(
    r"(?:explique|note|précise|souligne|raconte|indique|ajoute|confie|témoigne|résume"
    r"|rappelle|poursuit|sourit|assure|estime|constate)(?:-t-(?:il|elle))?,?\s+$"
)


# The level of an elected office after its title: "conseillers départementaux".
_LEVEL = re.compile(
    r",?\s*(?:la |le |les )?(?:vice-président\w*|conseill\w+|élu\w*|adjoint\w*)\s+"
    r"(?P<level>départementa\w+|régiona\w+|municipa\w+)"
)


def _named_before(ctx: Context, pos: int, noun: str) -> Mention | None:
    """The last organisation named before ``pos`` (in the portrait's reach) whose name starts
    with ``noun``: "la maison de quartier" after "la Maison de quartier Centre Ville"."""
    folded = fold(noun)
    before = [
        m
        for m in ctx.orgs
        if pos - 3000 < m.end <= pos
        and fold(" ".join(strip_article(m.text).split())).startswith(folded)
    ]
    return before[-1] if before else None


_PORTRAIT_ROLE = re.compile(rf"^(?P<role>{ROLE_WORD}[\w'’-]*)\s+(?P<rest>.+)$")


def portrait_lines(text: str, lines: Sequence[Line], mentions: Sequence[Mention]) -> list[Relation]:
    """Fact sheets under a title naming an organisation (``Portrait robot de la CAVM``):
    ``Président NAME (depuis 2016)`` is a role there, ``Siège PLACE`` its seat."""
    found: list[Relation] = []
    heads: dict[str, Mention] = {}
    for line in lines:
        if line.kind == "heading":
            org = next(
                (
                    m
                    for m in mentions
                    if m.kind == "organisation" and line.start <= m.start < line.end
                ),
                None,
            )
            if org is not None:
                heads[line.section] = org
        org = heads.get(line.section)
        if org is None or line.kind == "heading":
            continue
        inside = [m for m in mentions if line.start <= m.start < line.end]
        if (match := _PORTRAIT_ROLE.match(line.text)) is not None:
            for person in (m for m in inside if m.kind == "person"):
                start_year, end_year = years(text[person.end : line.end])
                found.append(
                    Relation(
                        "role",
                        person,
                        org,
                        (line.start, line.end),
                        match.group("role"),
                        start_year,
                        end_year,
                        confidence("portrait"),
                        "portrait",
                    )
                )
        for place in (m for m in inside if m.kind == "territory"):
            if re.search(r"\bSiège\s*$", text[line.start : place.start]):
                found.append(located_in(org, place, "portrait", (place.start - 6, place.end)))
    return found
