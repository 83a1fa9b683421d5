from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "abramos.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from abramos.search import index

        # Only once per `migrate` (sender: this app), after every app's tables exist.
        post_migrate.connect(
            index.rebuild_if_empty, sender=self, dispatch_uid="abramos.search.rebuild_if_empty"
        )
