"""Shared by the benchmarks: the large case of `make bench`, and the figures' arithmetic.

The large case, on top of the demo process (`load_demo`): a 60-section version (bench/text.py)
published as the Technical Group and open for comments, 1,000 verified participants, 5,000
comments, replies and official answers on it, 1,000 expenses and a year of activities (one a
day). Rows are written with bulk_create (the demo loader's way: Markdown rendered here once),
so nobody is mailed.
"""

from __future__ import annotations

import datetime
import random
import statistics
from decimal import Decimal

PEOPLE = 1000
TOP_LEVEL = 3800  # comments on sections (about 5% on the version as a whole)
REPLIES = 800
ANSWERS = 400  # 3,800 + 800 + 400 = 5,000 comments, replies and answers
EXPENSES = 1000
ACTIVITY_DAYS = 365

_OPENINGS = [
    "Sobre «{topic}»: ",
    "En «{topic}» falta precisar algo. ",
    "Propongo un cambio en «{topic}». ",
    "Desde la academia, sobre «{topic}»: ",
]
_POINTS = [
    "Los datos deberían publicarse con **metadatos completos** y una licencia abierta.",
    "Conviene fijar un calendario de actualización para cada conjunto de datos.",
    "Sugiero incluir a los municipios pequeños, que tienen menos capacidades.",
    "Hace falta un mecanismo de seguimiento con indicadores públicos y verificables.",
    "La protección de los datos personales debe revisarse antes de abrir cada conjunto.",
    "Propongo priorizar los datos de mayor demanda según las solicitudes de información.",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(name: str, times_ms: list[float], **extra) -> dict:
    return {
        "name": name,
        "rps": round(1000 / statistics.mean(times_ms), 1),
        "p50_ms": round(percentile(times_ms, 0.50), 2),
        "p95_ms": round(percentile(times_ms, 0.95), 2),
        **extra,
    }


def build_large_case(*, seed: int = 2024) -> dict:
    """Writes the large case; returns what the measurements need (the version's number, the
    anchor of its busiest section, the participants)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import Count
    from django.utils import timezone

    from abramos import geo
    from abramos.accounts.models import Sector
    from abramos.markup import render_markdown
    from bench.text import long_pnda, markdown
    from consultation.models import Answer, Comment, Consultation, NotificationPreference
    from drafts.models import WorkingCopy
    from drafts.services import version_publish

    rng = random.Random(seed)
    user_model = get_user_model()
    now = timezone.now()
    tecnico = user_model.objects.get(email="tecnico@abramos.mx")

    copy = WorkingCopy.current()
    copy.body = markdown(long_pnda(words=190))
    copy.save()
    version = version_publish(
        actor=tecnico, label="Borrador largo para la consulta de carga", working_copy=copy
    )
    sections = list(version.sections.order_by("order"))

    with transaction.atomic():
        consultation = Consultation.objects.create(
            version=version,
            title="Consulta pública de carga",
            description="La consulta de `make bench`.",
            opens_at=now - datetime.timedelta(days=30),
            closes_at=now + datetime.timedelta(days=30),
        )
        sectors, states = list(Sector.values), [c for c, _ in geo.state_choices(outside=False)]
        unusable = make_password(None)
        people = user_model.objects.bulk_create(
            user_model(
                email=f"persona{i:04d}@bench.abramos.mx",
                display_name=f"Persona de carga {i}",
                sector=sectors[i % len(sectors)],
                state=states[i % len(states)],
                password=unusable,
                privacy_accepted_at=now - datetime.timedelta(days=60),
            )
            for i in range(PEOPLE)
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in people
        )
        NotificationPreference.objects.bulk_create(
            NotificationPreference(user=u, frequency=NotificationPreference.Frequency.NONE)
            for u in people
        )

        html_cache: dict[str, str] = {}

        def html(text: str) -> str:
            if text not in html_cache:
                html_cache[text] = render_markdown(text)
            return html_cache[text]

        def when() -> datetime.datetime:
            return now - datetime.timedelta(seconds=rng.randrange(29 * 24 * 3600))

        top = []
        for _ in range(TOP_LEVEL):
            # Skewed: some sections draw far more comments than others.
            section = (
                sections[int(len(sections) * rng.random() ** 2)] if rng.random() > 0.05 else None
            )
            topic = section.heading if section else "el borrador"
            body = rng.choice(_OPENINGS).format(topic=topic) + rng.choice(_POINTS)
            top.append(
                Comment(
                    consultation=consultation,
                    version=version,
                    section=section,
                    author=rng.choice(people),
                    body=body,
                    body_html=html(body),
                    created_at=when(),
                    support_count=rng.randrange(12),
                )
            )
        top = Comment.objects.bulk_create(top)
        replies = []
        for _ in range(REPLIES):
            parent = rng.choice(top)
            parent.reply_count += 1
            body = "Coincido. " + rng.choice(_POINTS)
            replies.append(
                Comment(
                    consultation=consultation,
                    version=version,
                    section=parent.section,
                    parent=parent,
                    author=rng.choice(people),
                    body=body,
                    body_html=html(body),
                    created_at=parent.created_at + datetime.timedelta(hours=1),
                )
            )
        Comment.objects.bulk_create(replies)
        Comment.objects.bulk_update([c for c in top if c.reply_count], ["reply_count"])
        outcomes = list(Answer.Outcome.values)
        answer_text = "Gracias. El Grupo Técnico **incorporó** la propuesta en la sección."
        Answer.objects.bulk_create(
            Answer(
                comment=comment,
                outcome=rng.choice(outcomes),
                body=answer_text,
                body_html=html(answer_text),
                author=tecnico,
                published_at=now,
            )
            for comment in rng.sample(top, ANSWERS)
        )
        _add_activities(now.date())
        _add_expenses(EXPENSES)

    busiest = (
        Comment.objects.filter(version=version, parent__isnull=True, section__isnull=False)
        .values("section__anchor")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return {
        "version": version.number,
        "sections": [s.anchor for s in sections],
        "busiest_section": busiest["section__anchor"],
        "busiest_count": busiest["n"],
        "people": people,
    }


def _add_activities(today: datetime.date) -> None:
    from simple_history.utils import bulk_create_with_history

    from strategy.models import Activity, Stage

    stages = list(Stage.objects.order_by("number"))
    kinds = list(Activity.Kind.values)
    start = today - datetime.timedelta(days=ACTIVITY_DAYS)
    rows = []
    for day in range(ACTIVITY_DAYS):
        date = start + datetime.timedelta(days=day)
        rows.append(
            Activity(
                stage=stages[day * len(stages) // ACTIVITY_DAYS],
                title=f"Mesa de trabajo de carga {day + 1}",
                slug=f"mesa-de-carga-{day + 1}",
                kind=kinds[day % len(kinds)],
                start_date=date,
                status=Activity.Status.DONE,
                description="Sesión de trabajo del Grupo Técnico con los enlaces técnicos.",
                description_html="<p>Sesión de trabajo del Grupo Técnico con los enlaces técnicos.</p>",
            )
        )
    bulk_create_with_history(rows, Activity)


def _add_expenses(total: int) -> None:
    from strategy.models import Activity
    from transparency.models import Expense

    activities = list(Activity.objects.select_related("stage").order_by("pk"))
    categories = [c for c, _ in Expense._meta.get_field("category").choices]
    Expense.objects.bulk_create(
        Expense(
            date=datetime.date(2023, 1, 1) + datetime.timedelta(days=i % 365),
            concept=f"Gasto de carga {i}: logística y materiales de la mesa de trabajo",
            category=categories[i % len(categories)],
            supplier=f"Proveedor {i % 97} S.A. de C.V.",
            amount=Decimal(1000 + i % 50000) + Decimal(i % 100) / 100,
            funding_source="Presupuesto del organismo garante",
            stage=activities[i % len(activities)].stage,
            activity=activities[i % len(activities)],
        )
        for i in range(total)
    )
