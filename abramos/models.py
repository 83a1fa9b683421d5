"""Models of the site as a whole (not of one part of the domain)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from abramos.cache import shown_on_public_pages


@shown_on_public_pages  # every page's demo banner
class DemoContent(models.Model):
    """Present while `load_demo` content is in the database (abramos/demo.py): one row."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo content")
        verbose_name_plural = _("demo content")

    def __str__(self):
        return str(self._meta.verbose_name)
