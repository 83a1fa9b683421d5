"""Calls to action that other apps put at the top of the home page, without strategy importing
them (the way `strategy/sections.py` lets them add sections to an activity's page).

The home page says where the process stands. While a consultation is open, the consultation
registers the call to read and comment, with the time left; once a policy is approved, drafts
registers the call to download it, with the adoption figures. A provider is called with the
request and returns a `HomeCall` or None (nothing to say now); calls are shown by `order`,
lowest first. Each provider makes a fixed, small number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class HomeCall:
    order: int  # 10: an open consultation; 20: the approved policy
    template_name: str
    context: dict = field(default_factory=dict)


HomeCallProvider = Callable[..., HomeCall | None]

_providers: list[HomeCallProvider] = []


def register_home_call(provider: HomeCallProvider) -> HomeCallProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def home_calls(request) -> list[HomeCall]:
    calls = (provider(request) for provider in _providers)
    return sorted((call for call in calls if call is not None), key=lambda call: call.order)
