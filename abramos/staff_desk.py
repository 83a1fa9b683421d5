"""The Technical Group's desk: what waits for staff, on the admin's home page.

`abramos` does not import the apps: each app registers, from its `AppConfig.ready()`, a provider
that returns the desk items it knows about (the registry pattern of abramos/opendata.py):

    from abramos.staff_desk import DeskItem, register

    def desk(user) -> list[DeskItem]:
        if not user.has_perm("transparency.view_contactmessage"):
            return []
        return [DeskItem(title=_("Contact messages without an answer"), count=..., url=...)]

    register(desk)

An item shows its count (or a sentence, for a state such as the consultation window) and links
to where the work is done; an item with nothing waiting is shown as done, so the desk always
tells the same story. Each provider makes a fixed, small number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DeskItem:
    title: str
    url: str
    count: int | None = None  # what waits; None for an item that is a state, not a count
    text: str = ""  # the state, or a word on what to do
    order: int = 50
    urgent: bool = False  # something failed: shown first, marked

    @property
    def waiting(self) -> bool:
        return self.urgent or bool(self.count)


DeskProvider = Callable[..., list[DeskItem]]
_providers: list[DeskProvider] = []


def register(provider: DeskProvider) -> DeskProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def items(user) -> list[DeskItem]:
    found = [item for provider in _providers for item in provider(user)]
    return sorted(found, key=lambda item: (not item.urgent, item.order, item.title))
