import logging

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as AdminConfig_
from django.core.signals import request_finished
from django.db.models.signals import post_migrate


class AbramosConfig(AppConfig):
    name = "abramos"
    verbose_name = "Abramos México"

    def ready(self):
        from abramos import (  # noqa: F401 (checks register)
            cache,
            checks,
            i18n,
            logs,
            metrics,
            reader_pages,
            roles,
        )

        i18n.note_fallbacks()

        post_migrate.connect(roles.apply_roles, dispatch_uid="abramos.roles.apply_roles")
        # Any committed change to public content invalidates the cached anonymous pages.
        cache.connect_signals()
        reader_pages.connect_signals()
        # A request's id is on its log lines until its response is closed; a Python warning is
        # a log line like the others (JSON in production), not a bare line on stderr.
        request_finished.connect(logs.request_finished, dispatch_uid="abramos.logs.finished")
        logging.captureWarnings(True)
        # Celery task outcomes, counted wherever tasks run (a worker, or eager in the web).
        metrics.connect_signals()


class AdminConfig(AdminConfig_):
    default_site = "abramos.admin_site.AdminSite"
