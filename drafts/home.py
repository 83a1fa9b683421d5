"""The home page's call once a policy is approved (strategy/home.py): download it, and how many
institutions adopted it. Registered in DraftsConfig.ready(); two queries."""

from __future__ import annotations

from django.db.models import Count

from drafts.models import Adoption, Version
from strategy.home import HomeCall


def approved_policy_call(request) -> HomeCall | None:
    version = Version.objects.select_related("approval").latest_approved()
    if version is None:
        return None
    counts = dict(
        Adoption.objects.confirmed().values_list("order").annotate(n=Count("pk")).order_by()
    )
    return HomeCall(
        order=20,
        template_name="drafts/home_call.html",
        context={
            "version": version,
            "approval": getattr(version, "approval", None),
            "adoptions": sum(counts.values()),
            "by_order": [(label, counts.get(value, 0)) for value, label in Adoption.Order.choices],
        },
    )
