"""What other apps do when a version is published, in the same form and the same transaction.

`drafts` never imports the apps that build on it (DESIGN.md: strategy ← drafts ← consultation).
An app that acts on publication registers a `PublishStep` from its `AppConfig.ready()`:

- `fields()`: the fields it adds to the admin's publish form (named with the app's prefix);
- `clean(data)`: checks them with the rest of the form's data, raising ValidationError with the
  field names as keys, so the error is shown beside the field and nothing is published;
- `run(version=, data=, actor=)`: inside `version_publish`'s transaction, so the version and
  what the step writes exist together or not at all.

The consultation registers the comment window: publishing a draft for comments asks for the
window on the same page (consultation/publishing.py).

An app that only needs to know that a version was published registers a hook instead
(`register_on_publish(hook)`): `hook(version)` runs at the end of `version_publish`, inside its
transaction, once the sections are stored; work that must wait for the commit is queued with
`enqueue_on_commit`. The consultation tells the people whose sections changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms


@dataclass(frozen=True)
class PublishStep:
    name: str
    fields: Callable[[], dict[str, forms.Field]]
    clean: Callable[[Mapping[str, Any]], None]
    run: Callable[..., None]
    # The heading of its fields on the publish form.
    legend: str = ""


_steps: dict[str, PublishStep] = {}


def register_publish_step(step: PublishStep) -> None:
    _steps[step.name] = step  # registering again (a reload) replaces it


def publish_steps() -> list[PublishStep]:
    return list(_steps.values())


PublishedHook = Callable[[Any], None]
_published_hooks: list[PublishedHook] = []


def register_on_publish(hook: PublishedHook) -> PublishedHook:
    if hook not in _published_hooks:
        _published_hooks.append(hook)
    return hook


def on_publish_hooks() -> list[PublishedHook]:
    return list(_published_hooks)


# Links that other apps add to a published version's admin page ("Open a consultation", "Change
# the comment window"): provider(version) -> [(label, url), ...]. The pages they lead to check
# their own permissions.
VersionLinkProvider = Callable[..., list[tuple[str, str]]]
_version_links: list[VersionLinkProvider] = []


def register_version_links(provider: VersionLinkProvider) -> VersionLinkProvider:
    if provider not in _version_links:
        _version_links.append(provider)
    return provider


def version_links(version) -> list[tuple[str, str]]:
    return [link for provider in _version_links for link in provider(version)]
