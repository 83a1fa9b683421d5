from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("PNDA drafts")

    def ready(self):
        # Its open datasets and Atom feed, read by the catalogue at /datos/ (transparency).
        from drafts import datasets, feeds, search

        datasets.register_all()
        feeds.register_all()
        search.register_all()
