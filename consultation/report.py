"""The consultation report: every figure of a consultation, and the one definition of each.

Whatever page shows a number about a consultation (the report, its CSV and PDF, the summary on
/consulta/) takes it from here, so no two pages disagree. `DEFINITIONS` says in words what each
figure counts; the report page prints them as "How we count".

The figures come from a fixed number of aggregate queries, whatever the number of comments:
the sections of the version, the comments per section, one aggregate of the totals, the answers
by outcome, the participants (online by sector and state, in person by sector and state), the
supports and the sessions.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from abramos import geo
from abramos.accounts.models import Sector
from abramos.charts import BarChart, bar_chart
from abramos.tilemap import TileMap, tile_map
from consultation.models import Answer, Comment, Consultation, Session, Support
from drafts.models import Section

NOT_STATED = ""  # the key of "not stated" in the sector and state breakdowns
_ONE_DECIMAL = Decimal("0.1")
_TWO_DECIMALS = Decimal("0.01")

# One definition of each figure, in the order the report prints them.
DEFINITIONS: dict[str, tuple[str, str]] = {
    "participants": (
        gettext_lazy("Participants"),
        gettext_lazy(
            "People who wrote at least one comment or reply in this consultation. Online, each "
            "account counts once, however many comments it wrote. In person, each contribution "
            "recorded at a session counts as one participant: the people who spoke there have no "
            "account, so two contributions cannot be known to come from the same person."
        ),
    ),
    "comments": (
        gettext_lazy("Comments"),
        gettext_lazy(
            "Comments on a section of the version or on the version as a whole, online and in "
            "person. Replies are counted apart."
        ),
    ),
    "replies": (
        gettext_lazy("Replies to comments"),
        gettext_lazy("Answers that participants wrote to another participant's comment."),
    ),
    "record": (
        gettext_lazy("Withdrawn and hidden comments"),
        gettext_lazy(
            "Every figure counts every comment and reply of the public record, including those "
            "withdrawn by their authors and those hidden by moderation: they were said, and they "
            "stay in the record with their status. The report also gives how many there are."
        ),
    ),
    "in_person": (
        gettext_lazy("In-person contributions"),
        gettext_lazy(
            "Comments recorded by the Technical Group on behalf of the people who spoke at an "
            "in-person session (regional forum, dialogue table, Open Data Day space, National "
            "Transparency Week table). They are part of the comments."
        ),
    ),
    "sessions": (
        gettext_lazy("In-person sessions"),
        gettext_lazy("Sessions of this consultation registered by the Technical Group."),
    ),
    "supports": (
        gettext_lazy("Supports"),
        gettext_lazy(
            "Each “support” a signed-in person gives to a comment or reply; one per person per "
            "comment. A support that is taken back no longer counts."
        ),
    ),
    "answered": (
        gettext_lazy("Answered share"),
        gettext_lazy(
            "Comments (not replies) with a published answer of the Technical Group, as a share "
            "of all comments. Answers still in draft do not count."
        ),
    ),
    "outcome": (
        gettext_lazy("Outcome"),
        gettext_lazy(
            "What the published answer says became of the comment: incorporated, partially "
            "incorporated, not incorporated or out of scope."
        ),
    ),
    "sector_state": (
        gettext_lazy("Sector and state"),
        gettext_lazy(
            "Online, those the participant chose to show in their public profile today; in "
            "person, those recorded with the contribution. Participants who did not give one "
            "appear as “Not stated”."
        ),
    ),
    "representation": (
        gettext_lazy("Representation ratio"),
        gettext_lazy(
            "A state's share of the participants who live in Mexico divided by its share of the "
            "country's population (INEGI, 2020 census). 1.00 means as many participants as its "
            "population would suggest; below 1, fewer; above 1, more."
        ),
    ),
    "representativeness": (
        gettext_lazy("Representativeness index"),
        gettext_lazy(
            "How closely participants by state follow the population by state: 100 % minus half "
            "the sum of the differences between the two shares, state by state (the "
            "dissimilarity index). 100 % means participation spread exactly like the population."
        ),
    ),
}


@dataclass(frozen=True)
class Totals:
    participants: int
    participants_online: int
    participants_in_person: int
    comments: int
    replies: int
    in_person: int
    sessions: int
    supports: int
    answered: int
    withdrawn: int
    hidden: int

    @property
    def answered_share(self) -> Decimal | None:
        """Percentage of comments with a published answer, one decimal (None: no comments)."""
        return _percent(self.answered, self.comments)

    @property
    def online(self) -> int:
        return self.comments - self.in_person


@dataclass(frozen=True)
class StateRow:
    code: str
    name: str
    participants: int
    population: int
    participant_share: Decimal | None  # of participants living in Mexico, %
    population_share: Decimal  # of the country's population, %
    ratio: Decimal | None  # participant_share / population_share

    @property
    def per_100k_precise(self) -> Decimal:
        """Participants per 100,000 inhabitants (2020 census): the map's value."""
        return Decimal(self.participants) * 100_000 / Decimal(self.population)

    @property
    def per_100k(self) -> Decimal:
        """The same, with two decimals, as the table writes it."""
        return self.per_100k_precise.quantize(_TWO_DECIMALS)


@dataclass
class Report:
    consultation: Consultation
    at: datetime.datetime
    totals: Totals
    by_section: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]  # participants
    by_state: list[tuple[str, int]]  # participants, with "Outside Mexico" and "Not stated"
    by_channel: list[tuple[str, int]]  # comments
    by_outcome: list[tuple[str, int]]  # comments with a published answer
    by_answer: list[tuple[str, int]]  # answered / not answered yet
    states: list[StateRow] = field(default_factory=list)
    representativeness: Decimal | None = None

    @property
    def is_final(self) -> bool:
        return self.consultation.has_closed(at=self.at)

    def rows(self) -> Iterator[tuple[str, str, object, Decimal | None]]:
        """Every figure as (table, category, value, share %): the CSV, and the fingerprint."""
        t = self.totals
        for key, value in [
            ("participantes", t.participants),
            ("participantes_en_linea", t.participants_online),
            ("participantes_presenciales", t.participants_in_person),
            ("comentarios", t.comments),
            ("respuestas_entre_participantes", t.replies),
            ("aportaciones_presenciales", t.in_person),
            ("sesiones_presenciales", t.sessions),
            ("apoyos", t.supports),
            ("comentarios_respondidos", t.answered),
            ("comentarios_retirados", t.withdrawn),
            ("comentarios_ocultos", t.hidden),
        ]:
            yield "totales", key, value, None
        yield "totales", "porcentaje_respondido", t.answered_share, None
        for table, items in [
            ("comentarios_por_seccion", self.by_section),
            ("participantes_por_sector", self.by_sector),
            ("participantes_por_estado", self.by_state),
            ("comentarios_por_canal", self.by_channel),
            ("comentarios_por_resultado", self.by_outcome),
            ("comentarios_por_respuesta", self.by_answer),
        ]:
            total = sum(value for _label, value in items)
            for label, value in items:
                yield table, label, value, _percent(value, total)
        for row in self.states:
            yield "poblacion_por_estado", row.name, row.population, row.population_share
        for row in self.states:
            yield "razon_de_representacion", row.name, row.ratio, None
        yield "indice_de_representatividad", _("States"), self.representativeness, None

    def fingerprint(self) -> str:
        """Changes whenever a figure, the language or the live/final state changes."""
        digest = hashlib.sha256()
        digest.update(
            f"{self.consultation.pk}|{self.is_final}|{self.consultation.closes_at}|".encode()
        )
        for row in self.rows():
            digest.update(repr(tuple(str(v) for v in row)).encode())
        return digest.hexdigest()


def _percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_ONE_DECIMAL)


def current_consultation(pk: int | None = None) -> Consultation | None:
    """The consultation /consulta/ shows (the newest), or the one asked for by its key."""
    consultations = Consultation.objects.select_related("version")
    if pk is not None:
        return consultations.filter(pk=pk).first()
    return consultations.first()


def totals(consultation: Consultation) -> Totals:
    """The headline figures (five queries): the report and /consulta/ both show these."""
    comments = Comment.objects.filter(consultation=consultation)
    top = Q(parent__isnull=True)
    counts = comments.aggregate(
        comments=Count("pk", filter=top),
        replies=Count("pk", filter=Q(parent__isnull=False)),
        in_person=Count("pk", filter=top & Q(channel=Comment.Channel.IN_PERSON)),
        answered=Count("pk", filter=top & Q(answer__published_at__isnull=False)),
        withdrawn=Count("pk", filter=top & Q(status=Comment.Status.WITHDRAWN)),
        hidden=Count("pk", filter=top & Q(status=Comment.Status.HIDDEN)),
        online_people=Count("author", distinct=True, filter=Q(channel=Comment.Channel.ONLINE)),
        in_person_people=Count("pk", filter=Q(channel=Comment.Channel.IN_PERSON)),
    )
    return Totals(
        participants=counts["online_people"] + counts["in_person_people"],
        participants_online=counts["online_people"],
        participants_in_person=counts["in_person_people"],
        comments=counts["comments"],
        replies=counts["replies"],
        in_person=counts["in_person"],
        sessions=Session.objects.filter(consultation=consultation).count(),
        supports=Support.objects.filter(comment__consultation=consultation).count(),
        answered=counts["answered"],
        withdrawn=counts["withdrawn"],
        hidden=counts["hidden"],
    )


def _participants(consultation: Consultation) -> dict[tuple[str, str], int]:
    """Participants by (sector, state) code: the online accounts, then the in-person ones."""
    comments = Comment.objects.filter(consultation=consultation).order_by()
    people: dict[tuple[str, str], int] = defaultdict(int)
    online = (
        comments.filter(channel=Comment.Channel.ONLINE)
        .values_list("author__sector", "author__state")
        .annotate(n=Count("author", distinct=True))
    )
    in_person = (
        comments.filter(channel=Comment.Channel.IN_PERSON)
        .values_list("participant_sector", "participant_state")
        .annotate(n=Count("pk"))
    )
    for rows in (online, in_person):
        for sector, state, n in rows:
            people[(sector or NOT_STATED, state or NOT_STATED)] += n
    return people


def _by_section(consultation: Consultation) -> list[tuple[str, int]]:
    sections = list(
        Section.objects.filter(version_id=consultation.version_id)
        .order_by("order")
        .values_list("pk", "heading", "path")
    )
    counts = dict(
        Comment.objects.filter(consultation=consultation, parent__isnull=True)
        .order_by()
        .values_list("section_id")
        .annotate(n=Count("pk"))
    )
    headings = [heading for _pk, heading, _path in sections]
    # A heading that appears twice ("Objetivo") is told apart by the headings above it.
    items = [
        (heading if headings.count(heading) == 1 else path, counts.get(pk, 0))
        for pk, heading, path in sections
    ]
    items.append((_("The version as a whole"), counts.get(None, 0)))
    return items


def _by_outcome(consultation: Consultation) -> list[tuple[str, int]]:
    counts = dict(
        Answer.objects.filter(
            comment__consultation=consultation,
            comment__parent__isnull=True,
            published_at__isnull=False,
        )
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    return [(str(label), counts.get(value, 0)) for value, label in Answer.Outcome.choices]


def _states(people: dict[tuple[str, str], int]) -> tuple[list[StateRow], Decimal | None]:
    by_state: dict[str, int] = defaultdict(int)
    for (_sector, state), n in people.items():
        by_state[state] += n
    in_mexico = sum(by_state.get(s.code, 0) for s in geo.states())
    population = sum(s.population for s in geo.states())
    rows = []
    dissimilarity = Decimal(0)
    for state in geo.states():
        n = by_state.get(state.code, 0)
        population_share = Decimal(state.population) * 100 / Decimal(population)
        participant_share = Decimal(n) * 100 / Decimal(in_mexico) if in_mexico else None
        ratio = None
        if participant_share is not None:
            ratio = (participant_share / population_share).quantize(_TWO_DECIMALS)
            dissimilarity += abs(participant_share - population_share)
        rows.append(
            StateRow(
                code=state.code,
                name=state.name,
                participants=n,
                population=state.population,
                participant_share=(
                    participant_share.quantize(_ONE_DECIMAL)
                    if participant_share is not None
                    else None
                ),
                population_share=population_share.quantize(_ONE_DECIMAL),
                ratio=ratio,
            )
        )
    index = (Decimal(100) - dissimilarity / 2).quantize(_ONE_DECIMAL) if in_mexico else None
    return rows, index


def build(consultation: Consultation, *, at: datetime.datetime | None = None) -> Report:
    """Every figure of the report (ten queries, whatever the number of comments)."""
    at = at or timezone.now()
    headline = totals(consultation)
    people = _participants(consultation)

    sectors: dict[str, int] = defaultdict(int)
    states: dict[str, int] = defaultdict(int)
    for (sector, state), n in people.items():
        sectors[sector if sector in Sector.values else NOT_STATED] += n
        states[state] += n
    not_stated = _("Not stated")
    by_sector = [(str(label), sectors.get(value, 0)) for value, label in Sector.choices]
    if sectors.get(NOT_STATED):
        by_sector.append((not_stated, sectors[NOT_STATED]))
    by_state = sorted(
        ((geo.state_name(code) or not_stated, n) for code, n in states.items() if n),
        key=lambda item: (-item[1], item[0]),
    )
    state_rows, index = _states(people)
    return Report(
        consultation=consultation,
        at=at,
        totals=headline,
        by_section=_by_section(consultation),
        by_sector=by_sector,
        by_state=by_state,
        by_channel=[
            (_("Online"), headline.online),
            (_("In person"), headline.in_person),
        ],
        by_outcome=_by_outcome(consultation),
        by_answer=[
            (_("With a published answer"), headline.answered),
            (_("Not answered yet"), headline.comments - headline.answered),
        ],
        states=state_rows,
        representativeness=index,
    )


def _number(value) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def state_map(report: Report) -> TileMap:
    """Participation per 100,000 inhabitants of each state, on the tile map (abramos.tilemap)."""
    values = {row.code: row.per_100k_precise for row in report.states}
    top = max(values.values(), default=Decimal(0))
    # Enough decimals that the classes of a small consultation do not all read "0.1 – 0.1".
    places = Decimal("0.01") if top < 1 else _ONE_DECIMAL if top < 100 else Decimal(1)
    return tile_map(
        values,
        title=_("Participants per 100,000 inhabitants, by state"),
        value_format=lambda value: str(Decimal(value).quantize(places)),
    )


def session_map(sessions) -> TileMap | None:
    """How many in-person sessions were held in each state, on the tile map; None without any."""
    counts: dict[str, int] = defaultdict(int)
    for session in sessions:
        if session.state:
            counts[session.state] += 1
    if not counts:
        return None
    return tile_map(counts, title=_("In-person sessions by state"), value_format=_number)


def charts(report: Report) -> dict[str, BarChart]:
    """The report's charts (abramos.charts), for the page and the PDF alike."""
    people, comments = _("Participants"), _("Comments")

    def chart(items, title, label_heading, value_heading, chart_id):
        return bar_chart(
            items,
            title=title,
            value_format=_number,
            label_heading=label_heading,
            value_heading=value_heading,
            chart_id=chart_id,
        )

    return {
        "section": chart(
            report.by_section, _("Comments by section"), _("Section"), comments,
            "grafica-secciones",
        ),
        "sector": chart(
            report.by_sector, _("Participants by sector"), _("Sector"), people,
            "grafica-sectores",
        ),
        "state": chart(
            report.by_state, _("Participants by state"), _("State"), people, "grafica-estados"
        ),
        "channel": chart(
            report.by_channel, _("Comments by channel"), _("Channel"), comments,
            "grafica-canales",
        ),
        "outcome": chart(
            report.by_outcome, _("Answered comments by outcome"), _("Outcome"), comments,
            "grafica-resultados",
        ),
        "answered": chart(
            report.by_answer, _("Comments with and without a published answer"), _("Answer"),
            comments, "grafica-respuestas",
        ),
    }  # fmt: skip
