"""Staff roles: Django groups and the model permissions each one holds.

Code checks permissions, never group names. `apply_roles` runs after every `migrate` and is
idempotent: it creates missing groups and sets each group's permissions to exactly this list.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

TECHNICAL_GROUP = "Grupo Técnico"
MODERATION = "Moderación"

_EDITORIAL = ("add", "change", "view")

ROLES: dict[str, dict[str, tuple[str, ...]]] = {
    TECHNICAL_GROUP: {
        "strategy.stage": _EDITORIAL,
        "strategy.activity": _EDITORIAL,
        "strategy.document": _EDITORIAL,
        "strategy.action": _EDITORIAL,
        "strategy.workinggroup": _EDITORIAL,
        "strategy.thematictable": _EDITORIAL,
        "strategy.organisation": _EDITORIAL,
        "strategy.person": _EDITORIAL,
        "strategy.membership": _EDITORIAL + ("delete",),
        # "change" is the decision on an offer (accept or decline); what was sent stays as sent.
        "strategy.collaborationoffer": ("view", "change"),
        "drafts.workingcopy": ("change", "view"),
        "drafts.version": ("view", "publish"),
        "drafts.section": ("view",),
        "drafts.rendition": ("view", "change"),
        "drafts.approval": _EDITORIAL,
        "drafts.adoption": ("view", "change"),
        "consultation.consultation": _EDITORIAL,
        "consultation.session": _EDITORIAL,
        "consultation.comment": ("view", "change"),
        "consultation.answer": _EDITORIAL,
        "consultation.flag": ("view",),
        "transparency.expense": _EDITORIAL,
        "transparency.contactmessage": ("view", "change"),
    },
    MODERATION: {
        "consultation.comment": ("view", "moderate"),
        "consultation.flag": ("view", "change"),
        "consultation.moderationaction": ("view",),
    },
}


def apply_roles(sender=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    for name, grants in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = []
        for label, actions in grants.items():
            app_label, model = label.split(".")
            codenames = [f"{action}_{model}" for action in actions]
            wanted += list(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
        group.permissions.set(wanted)
