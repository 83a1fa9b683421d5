"""Library strings that our Spanish catalogue translates again.

Our `locale/` comes before the libraries' catalogues (LOCALE_PATHS), so a msgid listed here and
translated there replaces the library's translation. Nothing imports the list: it exists so that
`makemessages` keeps these msgids in our catalogue.
"""

from django.utils.translation import gettext_noop

OVERRIDES = [
    # Django's es_MX catalogue joins list items with "," and no space: "1 mes,4 semanas" in
    # every "time left" (timeuntil, timesince).
    gettext_noop(", "),
]
