"""The construction process from the seeds, loaded by `python manage.py load_demo`.

Idempotent: rows are found by slug (or their natural key) and saved only when a value differs,
so a second run writes nothing, adds no history and re-attaches no file.
"""

import datetime
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.utils import timezone

from abramos import mfa, roles
from strategy.demo import data
from strategy.models import (
    Action,
    Activity,
    CollaborationOffer,
    Document,
    Membership,
    Organisation,
    Person,
    Stage,
    ThematicTable,
    WorkingGroup,
)

DEMO_DIR = Path(data.__file__).resolve().parent


def load(command) -> None:
    """Called by `load_demo` (abramos/management/commands/load_demo.py) inside its transaction."""
    StrategyDemo(command).run()


class StrategyDemo:
    def __init__(self, command):
        self.command = command
        self.stdout = command.stdout
        self.style = command.style
        self.verbosity = command.verbosity

    def run(self) -> None:
        self.written = 0
        today = timezone.localdate()
        emails = [account["email"] for account in data.STAFF]
        if get_user_model().objects.filter(email__in=emails, is_demo=False).exists():
            # Loaded before invented records were marked: the loaders never rewrite what exists.
            self.command.stderr.write(
                self.style.WARNING(
                    "This database holds demo content loaded before invented records were "
                    "marked (is_demo): delete the database (db.sqlite3) and run `make run` "
                    "again, so that every invented record says it is invented."
                )
            )
        stages = {
            row["number"]: self._upsert(
                Stage, "number", {**row, **data.ENGLISH_STAGES[row["number"]]}
            )
            for row in data.STAGES
        }
        groups = {
            row["slug"]: self._upsert(
                WorkingGroup, "slug", {**row, **data.ENGLISH_WORKING_GROUPS[row["slug"]]}
            )
            for row in data.WORKING_GROUPS
        }
        tables = {
            row["slug"]: self._upsert(
                ThematicTable,
                "slug",
                {
                    **_without(row, "group"),
                    **data.ENGLISH_THEMATIC_TABLES[row["slug"]],
                    "working_group": groups[row["group"]],
                },
            )
            for row in data.THEMATIC_TABLES
        }
        activities = {}
        for row in data.ACTIVITIES:
            last_day = row["end_date"] or row["start_date"]
            values = {
                **_without(row, "stage", "group"),
                **data.ENGLISH_ACTIVITIES[row["slug"]],
                "stage": stages[row["stage"]],
                "responsible_group": groups[row["group"]],
                "status": Activity.Status.DONE if last_day < today else Activity.Status.PLANNED,
                "order": 0,
                # Their days are illustrative, except the two the seeds give.
                "is_demo": row["slug"] not in data.REAL_DATES,
            }
            activities[row["slug"]] = self._upsert(Activity, "slug", values)
        meeting = activities[data.ACTIONS_ACTIVITY]
        for order, title, description in data.ACTIONS:
            title_en, description_en = data.ENGLISH_ACTIONS[order]
            values = {
                "order": order,
                "title": title,
                "title_en": title_en,
                "description_en": description_en,
                "activity": meeting,
                "done": meeting.is_done,
                "description": description,
            }
            self._upsert(Action, "order", values)
        for row in data.DOCUMENTS:
            values = {
                **_without(row, "activity", "stage", "file"),
                **data.ENGLISH_DOCUMENTS[row["slug"]],
                "activity": activities.get(row["activity"]),
                "stage": stages.get(row["stage"]),
            }
            self._attach(self._upsert(Document, "slug", values), row["file"])
        organisations = {
            row["slug"]: self._upsert(
                Organisation, "slug", {**row, "is_demo": row["slug"] not in data.REAL_ORGANISATIONS}
            )
            for row in data.ORGANISATIONS
        }
        people = {
            row["slug"]: self._upsert(Person, "slug", {**row, "is_demo": True})
            for row in data.PEOPLE
        }
        for person, group, table, role, organisation, stage, order in data.MEMBERSHIPS:
            key = {
                "person": people[person],
                "working_group": groups.get(group),
                "thematic_table": tables.get(table),
            }
            values = {
                "role": role,
                "organisation": organisations[organisation],
                "stage": stages[stage],
                "order": order,
                "is_demo": True,
            }
            self._upsert(Membership, key, values)
        self._staff_accounts()
        offers = self._collaboration_offers()
        self._say(
            self.style.SUCCESS(
                f"Demo process loaded: {len(stages)} stages, {len(activities)} activities, "
                f"{len(data.DOCUMENTS)} documents, {len(groups)} working groups, "
                f"{len(data.MEMBERSHIPS)} memberships, {offers} offers to collaborate "
                f"({self.written} rows written)."
            )
        )

    def _say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def _upsert(self, model, key, values):
        """Find by `key` (a field name, or a dict of lookups); create, or save only what changed."""
        lookup = {key: values[key]} if isinstance(key, str) else key
        fields = {name: value for name, value in values.items() if name not in lookup}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **fields)
        elif all(getattr(obj, name) == value for name, value in fields.items()):
            return obj
        else:
            for name, value in fields.items():
                setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        self.written += 1
        return obj

    def _attach(self, document: Document, filename: str) -> None:
        if document.file and document.file.storage.exists(document.file.name):
            return
        with (DEMO_DIR / filename).open("rb") as handle:
            document.file.save(filename, File(handle), save=True)
        self.written += 1

    def _staff_accounts(self) -> None:
        random_secrets = getattr(self.command, "random_staff_secrets", False)
        self._say(
            "Technical Group staff accounts (log in at /admin/ to edit and publish the policy, "
            "open consultations, answer comments and record activities and spending):"
        )
        for account in data.STAFF:
            _user, line, written = demo_staff_account(
                email=account["email"], display_name=account["display_name"],
                group=roles.TECHNICAL_GROUP, random_secrets=random_secrets,
            )  # fmt: skip
            self.written += written
            self._say(line)
        if not random_secrets:
            self._say(
                "  two-step verification code: `manage.py demo_totp` "
                f"(secret {data.STAFF_TOTP_SECRET})"
            )

    def _collaboration_offers(self) -> int:
        """Offers as if sent through /colabora/ and decided in the admin; no e-mail is sent."""
        zone = ZoneInfo("America/Mexico_City")
        decider = get_user_model().objects.get(email=data.STAFF[0]["email"])
        for row in data.COLLABORATION_OFFERS:
            decided = row["decided_at"]
            values = {
                **row,
                "decided_at": datetime.datetime(*decided, 12, tzinfo=zone) if decided else None,
                "decided_by": decider if decided else None,
                "privacy_consent": True,
                "language": "es-mx",
                "is_demo": True,
            }
            self._upsert(CollaborationOffer, "organisation_name", values)
        return len(data.COLLABORATION_OFFERS)


def demo_staff_account(*, email: str, display_name: str, group: str, random_secrets: bool) -> tuple:
    """A demo staff account in `group`, with two-step verification (abramos/mfa.py), and the line
    load_demo prints for it: (user, line, rows written).

    With DEBUG on, the password and authenticator secret published in strategy/demo/data.py.
    With DEBUG off (`load_demo --allow-demo-with-debug-off`) nobody may sign in with those:
    random ones, printed once; an account still holding the published ones gets new ones."""
    if not Group.objects.filter(name=group).exists():
        roles.apply_roles()  # normally done after `migrate`
    user = get_user_model().objects.filter(email=email).first()
    password = secrets.token_urlsafe(12) if random_secrets else data.STAFF_PASSWORD
    totp_secret = mfa.new_totp_secret() if random_secrets else data.STAFF_TOTP_SECRET
    shown, written = None, 0
    if user is None:
        user = get_user_model().objects.create_user(
            email, password, display_name=display_name, is_staff=True, is_demo=True
        )
        shown, written = password, 1
    elif random_secrets and holds_published_secrets(user):
        user.set_password(password)
        user.save(update_fields=["password"])
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        shown, written = password, 1
    if not user.groups.filter(name=group).exists():
        user.groups.add(Group.objects.get(name=group))
    activated = give_authenticator(user, totp_secret)
    if not random_secrets:
        line = f"  {email} / {data.STAFF_PASSWORD}"
    elif shown or activated:
        # Printed this once: nothing stores them in the clear.
        line = f"  {email} / {shown or '(password unchanged)'}" + (
            f" / authenticator secret {totp_secret}" if activated else ""
        )
    else:
        line = f"  {email} (already set up: nothing shown again)"
    return user, line, written


def holds_published_secrets(user) -> bool:
    """The password or the authenticator secret published in strategy/demo/data.py."""
    from allauth.mfa.utils import decrypt

    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    published_totp = totp is not None and decrypt(totp.data["secret"]) == data.STAFF_TOTP_SECRET
    return user.check_password(data.STAFF_PASSWORD) or published_totp


def give_authenticator(user, secret: str) -> bool:
    """Demo staff log in through the site (verified address) and, since they can edit the policy,
    with two-step verification (abramos.mfa). True when the authenticator was set up now."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    activated = False
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
        activated = True
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)
    return activated


def _without(row: dict, *names: str) -> dict:
    return {key: value for key, value in row.items() if key not in names}
