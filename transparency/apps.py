from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = _("Transparency and open data")

    def ready(self):
        from abramos import staff_desk
        from transparency.desk import desk

        staff_desk.register(desk)  # what waits for staff, on the admin's home page
        from strategy.sections import register_activity_section
        from transparency import datasets
        from transparency.sections import spending_section

        datasets.register_datasets()
        from transparency import personal_data

        personal_data.register_all()  # "Mis datos"
        from transparency import search

        search.register_all()
        register_activity_section(spending_section)
