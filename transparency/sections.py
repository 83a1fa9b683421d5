"""What an activity cost, shown on its page (/proceso/actividades/<slug>/) through
strategy.sections, so strategy never imports transparency."""

from __future__ import annotations

from django.utils.translation import gettext as _

from strategy.sections import ActivitySection
from transparency import selectors


def spending_section(activity, request) -> ActivitySection | None:
    spending = selectors.activity_spending(activity)
    if spending is None:
        return None
    return ActivitySection(
        anchor="gastos",
        title=_("Spending"),
        template_name="transparency/includes/activity_spending.html",
        context={"spending": spending, "shown_limit": selectors.ACTIVITY_EXPENSES_SHOWN},
    )
