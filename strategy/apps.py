from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Process and participants")

    def ready(self):
        from abramos import staff_desk
        from strategy.desk import desk

        staff_desk.register(desk)  # what waits for staff, on the admin's home page
        # Its open datasets and Atom feeds, read by the catalogue at /datos/ (transparency).
        from strategy import datasets, feeds, search

        datasets.register_all()
        feeds.register_all()
        search.register_all()
        from strategy import personal_data

        personal_data.register_all()  # "Mis datos"
