from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as AdminConfig_
from django.db.models.signals import post_migrate


class AbramosConfig(AppConfig):
    name = "abramos"
    verbose_name = "Abramos México"

    def ready(self):
        from abramos import cache, checks, i18n, reader_pages, roles  # noqa: F401 (checks register)

        i18n.note_fallbacks()

        post_migrate.connect(roles.apply_roles, dispatch_uid="abramos.roles.apply_roles")
        # Any committed change to public content invalidates the cached anonymous pages.
        cache.connect_signals()
        reader_pages.connect_signals()


class AdminConfig(AdminConfig_):
    default_site = "abramos.admin_site.AdminSite"
