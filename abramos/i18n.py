"""Strings of Django's own that the portal translates differently.

Django's Spanish catalogue capitalises month names ("31 de Enero de 2024"); Spanish writes them
in lower case. Naming the msgids here keeps them in our catalogue, which takes precedence.
"""

from django.utils.translation import gettext_lazy as _

MONTHS = (
    _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
    _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
)  # fmt: skip
