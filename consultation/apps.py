from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Public consultation")

    def ready(self):
        from consultation.datasets import register_datasets
        from consultation.loop import answered_comments_panels
        from consultation.selectors import comment_panels
        from drafts.selectors import register_change_panels, register_section_panels

        register_section_panels(comment_panels)
        register_change_panels(answered_comments_panels)
        register_datasets()
        from consultation import personal_data

        personal_data.register_all()  # "Mis datos"
        from consultation import search

        search.register_all()
        # Listens to drafts' Version saves (drafts never imports consultation): new-version
        # notifications.
        from consultation import notifications  # noqa: F401
