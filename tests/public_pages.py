"""Every public page of the portal, with the demo loaded: what the accessibility and HTML checks
visit. A new public page is added here (its URL name), so the checks cover it from then on."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import translation

# URL names without arguments. Names that do not exist yet (an app still to come) are ignored.
STATIC_PAGES = [
    "strategy:home",
    "strategy:policy",
    "strategy:process",
    "strategy:participants",
    "strategy:collaborate",
    "drafts:version-list",
    "drafts:policy",
    "drafts:verify",
    "drafts:adoption-create",
    "consultation:overview",
    "consultation:report",
    "transparency:overview",
    "transparency:document-list",
    "transparency:contact",
    "opendata:catalogue",
    "search:results",
    "privacy:notice",
    "account_login",
    "account_signup",
    "account_reset_password",
    "demo",
]


def public_pages(language: str = "es-mx") -> list[str]:
    from drafts.models import Version
    from strategy.models import Activity
    from transparency.models import Expense

    pages = []
    with translation.override(language):
        for name in STATIC_PAGES:
            try:
                pages.append(reverse(name))
            except NoReverseMatch:
                continue
        activity = Activity.objects.order_by("pk").first()
        if activity is not None:
            pages.append(activity.get_absolute_url())
        numbers = list(
            Version.objects.published().order_by("number").values_list("number", flat=True)
        )
        if numbers:
            pages.append(reverse("drafts:version-detail", args=[numbers[0]]))
            # The version under consultation carries the comments: the heaviest page.
            pages.append(reverse("drafts:version-detail", args=[numbers[min(2, len(numbers) - 1)]]))
        # The results page with results of every kind (and its highlighted excerpts).
        pages.append(reverse("search:results") + "?q=datos+abiertos")
        pages.append(reverse("opendata:dataset", args=["gastos"]))
        pages.append(reverse("opendata:dataset", args=["comentarios"]))
        expense = Expense.objects.order_by("pk").first()
        if expense is not None:
            pages.append(expense.get_absolute_url())
        if len(numbers) >= 2:
            pages.append(reverse("drafts:version-compare", args=[numbers[0], numbers[1]]))
        from consultation.models import Comment

        answered = (
            Comment.objects.filter(answer__target_section__isnull=False).order_by("pk").first()
        )
        if answered is not None:
            # A comment's own page, with its answer and where the change landed.
            pages.append(reverse("consultation:comment-detail", args=[answered.pk]))
    return pages
