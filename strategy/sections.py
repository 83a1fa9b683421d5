"""Sections that other apps add to the activity page, without strategy importing them.

The activity page shows its own sections (summary, documents) and then whatever the apps that
read from strategy register here: transparency, for one, can show what an activity cost.
An app registers in its `AppConfig.ready()`:

    from strategy.sections import register_activity_section

    register_activity_section(spending_section)

where `spending_section(activity, request)` returns an `ActivitySection` or None (nothing to
show: no empty heading, no placeholder). The section's template is rendered with `activity` and
`section` (its data in `section.context`). Each provider must make a fixed number of queries,
like every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ActivitySection:
    anchor: str  # the section's id, part of the page's address: keep it stable
    title: str
    template_name: str
    context: dict = field(default_factory=dict)


ActivitySectionProvider = Callable[..., ActivitySection | None]

_providers: list[ActivitySectionProvider] = []


def register_activity_section(provider: ActivitySectionProvider) -> ActivitySectionProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def activity_sections(activity, request) -> list[ActivitySection]:
    sections = (provider(activity, request) for provider in _providers)
    return [section for section in sections if section is not None]
