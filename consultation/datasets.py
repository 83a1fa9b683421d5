"""The consultation's open data: every comment and every published answer (abramos.opendata).

Only what the public pages show: the author's public name, sector and state (never an e-mail or
a private profile field); a hidden comment without its text but with its status and the reason;
a withdrawn comment without its text, as the page shows it; answers only once published.
Rows come from `.values()` with the joins done by the database, streamed with `.iterator()`:
one query, whatever the number of rows.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from abramos.accounts import public
from abramos.accounts.models import Sector
from abramos.demo import demo_field, holds_demo
from abramos.opendata import Dataset, Field, choice_field, register, state_fields, state_values
from consultation.models import Answer, Comment, ModerationAction

CHANNELS = {Comment.Channel.ONLINE: "en_linea", Comment.Channel.IN_PERSON: "presencial"}
STATUSES = {
    Comment.Status.VISIBLE: "visible",
    Comment.Status.WITHDRAWN: "retirado",
    Comment.Status.HIDDEN: "oculto",
}
OUTCOMES = {
    Answer.Outcome.INCORPORATED: "incorporado",
    Answer.Outcome.PARTIALLY: "parcialmente_incorporado",
    Answer.Outcome.NOT_INCORPORATED: "no_incorporado",
    Answer.Outcome.OUT_OF_SCOPE: "fuera_de_alcance",
}

COMMENT_FIELDS = [
    Field("id", "integer", _("Number of the comment."), {"required": True, "unique": True}),
    Field("consulta", "integer", _("Number of the consultation.")),
    Field("version", "integer", _("Number of the version of the policy commented on.")),
    Field(
        "seccion",
        "string",
        _("Anchor of the section commented on; empty for a comment on the version as a whole."),
    ),
    Field("respuesta_a", "integer", _("For a reply, the number of the comment it replies to.")),
    Field("fecha", "datetime", _("When the comment was written (UTC).")),
    Field(
        "canal",
        "string",
        _("en_linea: written on the site; presencial: recorded at an in-person session."),
        {"enum": list(CHANNELS.values())},
    ),
    Field(
        "sesion",
        "integer",
        _("For an in-person contribution, the number of the session where it was recorded."),
    ),
    Field(
        "estatus",
        "string",
        _("visible; retirado (withdrawn by its author); oculto (hidden by moderation)."),
        {"enum": list(STATUSES.values())},
    ),
    Field("motivo_ocultamiento", "string", _("For a hidden comment, the moderators' reason.")),
    Field("autor", "string", _("The author's public name, as the comment shows it.")),
    choice_field("sector", _("The sector the author chose to show, if any:"), Sector.choices),
    *state_fields(
        _("INEGI code of the author's state (EX: outside Mexico), if given."),
        _("Name of the author's state, as INEGI writes it."),
        outside=True,
    ),
    Field(
        "texto",
        "string",
        _("The comment (Markdown); empty when it was withdrawn or hidden."),
    ),
    Field("apoyos", "integer", _("Supports the comment received.")),
    Field("respondido", "boolean", _("Whether the Technical Group published an answer.")),
    Field(
        "resultado",
        "string",
        _("Outcome of the published answer; empty if not answered."),
        {"enum": list(OUTCOMES.values())},
    ),
    demo_field(),
]

ANSWER_FIELDS = [
    Field("comentario", "integer", _("Number of the comment answered."), {"required": True}),
    Field("consulta", "integer", _("Number of the consultation.")),
    Field("version", "integer", _("Number of the version the comment was on.")),
    Field(
        "resultado",
        "string",
        _("What became of the comment."),
        {"enum": list(OUTCOMES.values())},
    ),
    Field("texto", "string", _("The answer of the Technical Group (Markdown).")),
    Field("fecha_publicacion", "datetime", _("When the answer was published (UTC).")),
    Field(
        "version_destino",
        "integer",
        _("The later version where the change landed, if any."),
    ),
    Field(
        "seccion_destino",
        "string",
        _("Anchor of the section of that later version where the change landed, if any."),
    ),
    demo_field(),
]


def _author(row: dict) -> tuple[str, str, str]:
    """Public name, sector and state code, exactly as the comment on the page shows them
    (abramos/accounts/public.py: sector and state only where the person chose to show them)."""
    if row["channel"] == Comment.Channel.IN_PERSON:
        shown = public.of_in_person(
            name=row["participant_name"], sector=row["participant_sector"],
            state=row["participant_state"], consented=row["participant_consent"],
        )  # fmt: skip
    else:
        shown = public.of_account(
            name=row["author__display_name"] or "", sector=row["author__sector"],
            state=row["author__state"], show_sector=row["author__show_sector"],
            show_state=row["author__show_state"],
            anonymised=row["author__anonymised_at"] is not None,
        )  # fmt: skip
    return shown.name, shown.sector, shown.state


def comment_rows():
    rows = Comment.objects.order_by("pk").values(
        "pk", "consultation_id", "version__number", "section__anchor", "parent_id",
        "created_at", "channel", "session_id", "status", "hidden_reason", "body",
        "support_count", "participant_name", "participant_sector", "participant_state",
        "participant_consent", "author__display_name", "author__anonymised_at",
        "author__sector", "author__state", "author__show_sector", "author__show_state",
        "answer__published_at", "answer__outcome", "is_demo",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=2000):
        name, sector, state = _author(row)
        answered = row["answer__published_at"] is not None
        hidden = row["status"] == Comment.Status.HIDDEN
        yield {
            "id": row["pk"],
            "consulta": row["consultation_id"],
            "version": row["version__number"],
            "seccion": row["section__anchor"] or None,
            "respuesta_a": row["parent_id"],
            "fecha": row["created_at"],
            "canal": CHANNELS[row["channel"]],
            "sesion": row["session_id"],
            "estatus": STATUSES[row["status"]],
            "motivo_ocultamiento": row["hidden_reason"] if hidden else None,
            "autor": name,
            "sector": sector or None,
            **state_values(state),
            "texto": row["body"] if row["status"] == Comment.Status.VISIBLE else None,
            "apoyos": row["support_count"],
            "respondido": answered,
            "resultado": OUTCOMES[row["answer__outcome"]] if answered else None,
            "es_demo": row["is_demo"],
        }


def comments_modified():
    newest = Comment.objects.aggregate(created=Max("created_at"), edited=Max("edited_at"))
    moderated = ModerationAction.objects.aggregate(at=Max("created_at"))["at"]
    # A change to what an author shows beside their name (or their account's deletion) changes
    # the rows too: a copy kept by a reuser or a CDN must not survive it.
    authors = get_user_model().objects.filter(comments__isnull=False)
    profiles = authors.aggregate(at=Max("public_changed_at"))["at"]
    moments = [m for m in (newest["created"], newest["edited"], moderated, profiles) if m]
    return max(moments, default=None)


def answer_rows():
    rows = (
        Answer.objects.filter(published_at__isnull=False)
        .order_by("comment_id")
        .values(
            "comment_id", "comment__consultation_id", "comment__version__number", "outcome",
            "body", "published_at", "target_section__version__number",
            "target_section__anchor", "is_demo",
        )
    )  # fmt: skip
    for row in rows.iterator(chunk_size=2000):
        yield {
            "comentario": row["comment_id"],
            "consulta": row["comment__consultation_id"],
            "version": row["comment__version__number"],
            "resultado": OUTCOMES[row["outcome"]],
            "texto": row["body"],
            "fecha_publicacion": row["published_at"],
            "version_destino": row["target_section__version__number"],
            "seccion_destino": row["target_section__anchor"] or None,
            "es_demo": row["is_demo"],
        }


def answers_modified():
    return Answer.objects.filter(published_at__isnull=False).aggregate(at=Max("published_at"))["at"]


COMMENTS = Dataset(
    slug="comentarios",
    title=_("Comments of the public consultation"),
    description=_(
        "Every comment and reply on the versions of the National Open Data Policy, online and "
        "in person, with its section, channel, status, supports and the outcome of its answer. "
        "Withdrawn and hidden comments stay in the record with their status, without their "
        "text; a hidden one carries the moderators' reason. Only what the author chose to show "
        "publicly: name, sector and state."
    ),
    keywords=["consulta pública", "comentarios", "participación ciudadana", "PNDA"],
    fields=COMMENT_FIELDS,
    rows=comment_rows,
    modified=comments_modified,
    count=Comment.objects.count,
    demo=holds_demo(Comment),
    landing_url_name="consultation:overview",
    primary_key="id",
)

ANSWERS = Dataset(
    slug="respuestas",
    title=_("Answers of the Technical Group to the comments"),
    description=_(
        "The published answers of the Technical Group to the comments of the public "
        "consultation: the outcome (incorporated, partially incorporated, not incorporated, "
        "out of scope), the text and, when the comment changed the policy, the section of the "
        "later version where the change landed. Draft answers are not included."
    ),
    keywords=["consulta pública", "respuestas", "PNDA"],
    fields=ANSWER_FIELDS,
    rows=answer_rows,
    modified=answers_modified,
    count=Answer.objects.filter(published_at__isnull=False).count,
    demo=lambda: Answer.objects.filter(published_at__isnull=False, is_demo=True).exists(),
    landing_url_name="consultation:report",
    primary_key="comentario",
)


def register_datasets() -> None:
    register(COMMENTS)
    register(ANSWERS)
