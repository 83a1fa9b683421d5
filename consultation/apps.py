from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Public consultation")

    def ready(self):
        from abramos import staff_desk
        from consultation.desk import desk

        staff_desk.register(desk)  # what waits for staff, on the admin's home page
        from consultation.datasets import register_datasets
        from consultation.presenters import answered_comments_panels, comment_panels
        from drafts.selectors import register_change_panels, register_section_panels

        register_section_panels(comment_panels)
        register_change_panels(answered_comments_panels)
        register_datasets()
        from consultation import publishing

        publishing.register()  # the comment window on the publish form
        from consultation.notifications import version_published
        from drafts.publishing import register_on_publish

        register_on_publish(version_published)  # "a new version changed your section"
        from consultation.home import open_consultation_call
        from strategy.home import register_home_call

        register_home_call(open_consultation_call)  # an open consultation, on the home page
        from consultation import personal_data

        personal_data.register_all()  # "Mis datos"
        from consultation import search

        search.register_all()
        # Listens to drafts' Version saves (drafts never imports consultation): new-version
        # notifications.
        from consultation import notifications  # noqa: F401
