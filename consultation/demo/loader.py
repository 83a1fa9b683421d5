"""See consultation/demo/__init__.py."""

from __future__ import annotations

import datetime
import random
from functools import cache
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from abramos import geo, roles
from abramos.accounts.models import Sector
from abramos.markup import render_markdown
from consultation.demo import data
from consultation.models import (
    Answer,
    Comment,
    Consultation,
    ModerationAction,
    NotificationPreference,
    Session,
    Support,
)
from drafts.models import Section, Version

ZONE = ZoneInfo(settings.TIME_ZONE)
VERSION_NUMBER = 3
OPENS = datetime.datetime(2023, 3, 4, 9, 0, tzinfo=ZONE)  # Open Data Day 2023
CLOSES = datetime.datetime(2023, 5, 4, 23, 59, 59, tzinfo=ZONE)
PEOPLE = 72
COMMENTS = 260
REPLIES = 90
ANSWERED_SHARE = 0.45
HIDDEN = 4
TRIAL_OPENED_DAYS_AGO = 3
TRIAL_DAYS_LEFT = 60


@cache
def _html(text: str) -> str:
    return render_markdown(text)


def load(command) -> None:
    """Called by `load_demo` inside its transaction."""
    ConsultationDemo(command).run()


class ConsultationDemo:
    def __init__(self, command):
        self.stdout = command.stdout
        self.style = command.style
        self.verbosity = getattr(command, "verbosity", 1)
        self.random = random.Random(2023)
        self.random_staff_secrets = getattr(command, "random_staff_secrets", False)

    def _say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def run(self) -> None:
        self._historical()
        self._trial()

    def _trial(self) -> None:
        """A consultation open now on the demo's trial draft, for a newcomer to comment on."""
        from drafts.demo.data import TRIAL_LABEL

        version = Version.objects.filter(label=TRIAL_LABEL, is_demo=True).first()
        if version is None or Consultation.objects.filter(version=version).exists():
            return
        now = timezone.now()
        Consultation.objects.create(
            version=version,
            title=data.TRIAL_TITLE,
            description=data.TRIAL_DESCRIPTION,
            opens_at=now - datetime.timedelta(days=TRIAL_OPENED_DAYS_AGO),
            closes_at=now + datetime.timedelta(days=TRIAL_DAYS_LEFT),
            is_demo=True,
        )
        self._say(
            self.style.SUCCESS(
                f"Demo trial consultation open for {TRIAL_DAYS_LEFT} more days on "
                f"/borradores/{version.number}/: sign up and comment."
            )
        )

    def _historical(self) -> None:
        version = Version.objects.filter(number=VERSION_NUMBER).first()
        if version is None:
            self._say(self.style.WARNING("Consultation demo: no third draft, nothing loaded."))
            return
        if Consultation.objects.filter(version=version).exists():
            return  # loaded before, or staff opened it: never touch it
        User = get_user_model()
        self.tecnico = User.objects.get(email=data.TECHNICAL_EMAIL)
        self.moderator = self._moderator()
        self.sections = list(Section.objects.filter(version=version).order_by("order"))
        self.later = {
            s.anchor: s for s in Section.objects.filter(version__number=VERSION_NUMBER + 1)
        }
        self.consultation = Consultation.objects.create(
            version=version,
            title=data.TITLE,
            description=data.DESCRIPTION,
            opens_at=OPENS,
            closes_at=CLOSES,
            is_demo=True,
        )
        self.people = self._people()
        sessions = self._sessions()
        comments = self._comments()
        contributions = self._contributions(sessions)
        replies = self._replies(comments)
        self._supports(comments + replies)
        self._hide(comments)
        answers = self._answers(comments + contributions)
        self._say(
            self.style.SUCCESS(
                f"Demo consultation loaded: {len(comments)} comments, {len(replies)} replies, "
                f"{len(contributions)} in-person contributions in {len(sessions)} sessions, "
                f"{len(answers)} answers."
            )
        )

    def _moderator(self):
        """The demo moderator; moderators use two-step verification, like the Technical Group
        (abramos/mfa.py)."""
        from strategy.demo.loader import demo_staff_account

        user, line, _written = demo_staff_account(
            email=data.MODERATOR_EMAIL, display_name="Moderación (demo)", group=roles.MODERATION,
            random_secrets=self.random_staff_secrets,
        )  # fmt: skip
        self._say(
            "Moderation staff account (log in at /consulta/moderacion/ to hide reported "
            f"comments or keep them visible):\n{line}"
        )
        return user

    def _people(self) -> list:
        User = get_user_model()
        sectors = list(Sector.values)
        states = [code for code, _name in geo.state_choices(outside=False)]
        rng = self.random
        unusable = make_password(None)
        users = []
        for i in range(PEOPLE):
            first = data.FIRST_NAMES[i % len(data.FIRST_NAMES)]
            last = data.LAST_NAMES[(i * 7) % len(data.LAST_NAMES)]
            sector = sectors[i % len(sectors)]
            users.append(
                User(
                    email=f"participante{i + 1:03d}@demo.abramos.mx",
                    display_name=f"{first} {last} (demo)",
                    is_demo=True,
                    sector=sector,
                    state=states[(i * 5) % len(states)],
                    organisation=rng.choice(data.ORGANISATIONS[sector]),
                    # Some show sector and state beside their name, most do not (as people choose).
                    show_sector=i % 3 == 0,
                    show_state=i % 4 == 0,
                    password=unusable,  # demo people do not log in
                    privacy_accepted_at=OPENS - datetime.timedelta(days=rng.randint(1, 30)),
                )
            )
        users = User.objects.bulk_create(users)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
        )
        # Demo accounts never receive mail (replies, answers, new versions, reminders).
        NotificationPreference.objects.bulk_create(
            NotificationPreference(user=u, frequency=NotificationPreference.Frequency.NONE)
            for u in users
        )
        return users

    def _when(self) -> datetime.datetime:
        span = (CLOSES - OPENS).total_seconds()
        # More comments near the close, as in every consultation.
        return OPENS + datetime.timedelta(seconds=span * (self.random.random() ** 0.7))

    def _body(self, section: Section | None) -> str:
        rng = self.random
        opening = rng.choice(data.OPENINGS)
        topic = section.heading if section else "el borrador en su conjunto"
        return f"{opening.format(topic=topic)} {rng.choice(data.POINTS)}"

    def _comments(self) -> list[Comment]:
        rng = self.random
        comments = []
        for _i in range(COMMENTS):
            section = rng.choice(self.sections) if rng.random() > 0.08 else None
            author = rng.choice(self.people)
            body = self._body(section)
            comments.append(
                Comment(
                    consultation=self.consultation,
                    version=self.consultation.version,
                    section=section,
                    author=author,
                    body=body,
                    body_html=_html(body),
                    created_at=self._when(),
                    read_by_staff=rng.random() < 0.6,
                    is_demo=True,
                )
            )
        comments.sort(key=lambda c: c.created_at)
        return Comment.objects.bulk_create(comments)

    def _sessions(self) -> list[Session]:
        sessions = [
            Session(
                consultation=self.consultation,
                kind=kind,
                title=title,
                date=date,
                state=state,
                place=place,
                organisers=organisers,
                is_demo=True,
            )
            for kind, title, date, state, place, organisers in data.SESSIONS
        ]
        return Session.objects.bulk_create(sessions)

    def _contributions(self, sessions: list[Session]) -> list[Comment]:
        rng = self.random
        sectors = list(Sector.values)
        contributions = []
        for session in sessions:
            at = datetime.datetime.combine(session.date, datetime.time(11, 0), tzinfo=ZONE)
            for n in range(rng.randint(5, 9)):
                section = rng.choice(self.sections)
                body = self._body(section)
                named = rng.random() < 0.6
                contributions.append(
                    Comment(
                        consultation=self.consultation,
                        version=self.consultation.version,
                        section=section,
                        channel=Comment.Channel.IN_PERSON,
                        session=session,
                        participant_name=(
                            f"{rng.choice(data.FIRST_NAMES)} {rng.choice(data.LAST_NAMES)} (demo)"
                            if named
                            else ""
                        ),
                        participant_sector=rng.choice(sectors),
                        participant_state=session.state,
                        participant_consent=named,  # named only with their agreement
                        body=body,
                        body_html=_html(body),
                        created_at=at + datetime.timedelta(minutes=10 * n),
                        read_by_staff=True,
                        is_demo=True,
                    )
                )
        return Comment.objects.bulk_create(contributions)

    def _replies(self, comments: list[Comment]) -> list[Comment]:
        rng = self.random
        replies = []
        for _i in range(REPLIES):
            parent = rng.choice(comments)
            author = rng.choice([p for p in self.people[:30] if p.pk != parent.author_id])
            body = rng.choice(data.REPLIES)
            created = min(parent.created_at + datetime.timedelta(hours=rng.randint(1, 96)), CLOSES)
            replies.append(
                Comment(
                    consultation=self.consultation,
                    version=self.consultation.version,
                    section=parent.section,
                    parent=parent,
                    author=author,
                    body=body,
                    body_html=_html(body),
                    created_at=created,
                    is_demo=True,
                )
            )
            parent.reply_count += 1
        Comment.objects.bulk_update([c for c in comments if c.reply_count], ["reply_count"])
        return Comment.objects.bulk_create(replies)

    def _supports(self, comments: list[Comment]) -> None:
        rng = self.random
        supports = []
        for comment in comments:
            if rng.random() < 0.5:
                continue
            backers = rng.sample(self.people, rng.randint(1, 12))
            backers = [p for p in backers if p.pk != comment.author_id]
            supports += [Support(comment=comment, user=p) for p in backers]
            comment.support_count = len(backers)
        Support.objects.bulk_create(supports)
        Comment.objects.bulk_update([c for c in comments if c.support_count], ["support_count"])

    def _hide(self, comments: list[Comment]) -> None:
        hidden = self.random.sample(comments, HIDDEN)
        for comment, reason in zip(hidden, data.HIDDEN_REASONS, strict=False):
            comment.status = Comment.Status.HIDDEN
            comment.hidden_reason = reason
            ModerationAction.objects.create(
                comment=comment,
                action=ModerationAction.Action.HIDE,
                reason=reason,
                actor=self.moderator,
            )
        Comment.objects.bulk_update(hidden, ["status", "hidden_reason"])

    def _answers(self, comments: list[Comment]) -> list[Answer]:
        rng = self.random
        outcomes = list(Answer.Outcome.values)
        visible = [c for c in comments if c.status == Comment.Status.VISIBLE]
        chosen = rng.sample(visible, int(len(visible) * ANSWERED_SHARE))
        answers = []
        for n, comment in enumerate(chosen):
            outcome = outcomes[n % len(outcomes)]  # every outcome, evenly
            body = rng.choice(data.ANSWERS[outcome])
            target = None
            if (
                outcome in (Answer.Outcome.INCORPORATED, Answer.Outcome.PARTIALLY)
                and comment.section
            ):
                target = self.later.get(comment.section.anchor)
            answered = min(
                comment.created_at + datetime.timedelta(days=rng.randint(3, 40)),
                CLOSES + datetime.timedelta(days=30),
            )
            answers.append(
                Answer(
                    comment=comment,
                    outcome=outcome,
                    body=body,
                    body_html=_html(body),
                    target_section=target,
                    author=self.tecnico,
                    published_at=answered,
                    is_demo=True,
                )
            )
        for comment in chosen:
            comment.read_by_staff = True
        Comment.objects.bulk_update(chosen, ["read_by_staff"])
        return Answer.objects.bulk_create(answers)
