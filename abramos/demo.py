"""Demo content is demo (DESIGN.md): every invented record says so, in the database and wherever
it is shown.

`python manage.py load_demo` loads the real content of the strategy (stages, groups, objectives,
the approval on 9 October 2023 and the publication in the Diario Oficial on 10 November 2023) and
invented content to try the portal with. Each model that can hold invented records inherits
`DemoMarked`: its `is_demo` is set by the demo loaders only (it is not editable, so staff never
set it, and a record staff create is real). The datasets carry it as the column `es_demo`
(`demo_field()`), `data.json` says which datasets hold demo records, and while any demo content
is loaded every page carries the "Sitio de demostración" banner (`demo_loaded()`), which links to
the page that says what is invented (/demostracion/).
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

_CACHE_KEY = "abramos:demo-loaded"
_CACHE_SECONDS = 300


class DemoMarked(models.Model):
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        editable=False,
        help_text=_(
            "Invented by the demo loader (load_demo) to try the portal; records staff create are "
            "never demo."
        ),
    )

    class Meta:
        abstract = True


def demo_models() -> list[type[models.Model]]:
    """Every concrete model whose records may be invented, in INSTALLED_APPS order."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, DemoMarked) and not model._meta.proxy
    ]


def demo_field():
    """The `es_demo` column of a dataset whose records may be invented."""
    from abramos.opendata import Field

    return Field(
        "es_demo",
        "boolean",
        _(
            "true for a record invented for the demonstration site (not real), false for a real "
            "record."
        ),
    )


def holds_demo(model):
    """For a dataset's `demo`: () -> whether `model` has invented records (one query)."""
    return lambda: model._default_manager.filter(is_demo=True).exists()


def demo_loaded() -> bool:
    """Whether demo content is in the database: one query at most every few minutes."""
    try:
        loaded = cache.get(_CACHE_KEY)
    except Exception:  # the cache being down must not fail a page
        logger.warning("demo flag: cache unavailable", exc_info=True)
        loaded = None
    if loaded is None:
        from abramos.models import DemoContent

        loaded = DemoContent.objects.exists()
        remember(loaded)
    return loaded


def remember(loaded: bool) -> None:
    try:
        cache.set(_CACHE_KEY, loaded, _CACHE_SECONDS)
    except Exception:
        logger.warning("demo flag: cache unavailable", exc_info=True)


def mark_loaded() -> None:
    """Called by load_demo once its loaders ran: the banner shows from the next page on."""
    from abramos.cache import invalidate
    from abramos.models import DemoContent

    _marker, created = DemoContent.objects.get_or_create(pk=1)
    remember(True)
    if created:
        invalidate()


def counts() -> list[tuple[str, int]]:
    """(the model's plural name, how many invented records) for each model that holds some."""
    rows = []
    for model in demo_models():
        count = model._default_manager.filter(is_demo=True).count()
        if count:
            rows.append((str(model._meta.verbose_name_plural), count))
    return rows
