from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "drafts"
    verbose_name = _("PNDA drafts")

    def ready(self):
        from abramos import staff_desk
        from drafts.desk import desk

        staff_desk.register(desk)  # what waits for staff, on the admin's home page
        # Its open datasets and Atom feed, read by the catalogue at /datos/ (transparency).
        from drafts import datasets, feeds, search

        datasets.register_all()
        feeds.register_all()
        search.register_all()
        from drafts import personal_data

        personal_data.register_all()  # "Mis datos"
        from drafts.home import approved_policy_call
        from strategy.home import register_home_call

        register_home_call(approved_policy_call)  # the approved policy, on the home page
        # A worker that starts renders at once what a killed one left pending (drafts/tasks.py):
        # its message would otherwise wait in Redis for the visibility timeout, an hour.
        from celery.signals import worker_ready

        worker_ready.connect(_render_what_was_left, dispatch_uid="drafts.render_pending_on_start")


def _render_what_was_left(sender=None, **kwargs) -> None:
    from drafts.tasks import render_pending

    render_pending.delay(older_than_seconds=0)
