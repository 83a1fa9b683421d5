"""The search index: one denormalised row per searchable record, whatever app it comes from.

Filled by `abramos.search.index` from what each app's `search.py` declares. On PostgreSQL
`search_vector` holds the title (weight A) and the body (weight B) through the `es_unaccent`
text search configuration (Spanish stemming without accents), with a GIN index (migration 0002);
on SQLite `text_plain` and `title_plain` hold the normalised words, matched with LIKE.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from abramos.cache import derived_from_public_models


# Written with the records it indexes (their signals) and by `rebuild`: the results pages depend
# on every public table instead of on this one.
@derived_from_public_models
class Entry(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    # The primary key of the record indexed (as text), unique with the kind.
    object_key = models.CharField(_("record"), max_length=64)
    title = models.CharField(_("title"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    context = models.CharField(_("context"), max_length=500, blank=True)
    url = models.CharField(_("link"), max_length=500)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    # The same in English, for a record whose texts have an English field (strategy/translation.py):
    # shown on /en/ and searched in both languages. Empty for records written in one language.
    title_en = models.CharField(max_length=500, blank=True, editable=False)
    body_en = models.TextField(blank=True, editable=False)
    context_en = models.CharField(max_length=500, blank=True, editable=False)
    title_plain = models.CharField(max_length=500, blank=True, editable=False)
    text_plain = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["kind", "object_key"], name="search_entry_record_idx"),
            models.Index(fields=["version"], name="search_entry_version_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_key} {self.title}"

    def get_absolute_url(self) -> str:
        return self.url

    def _in_language(self, name: str) -> str:
        english = getattr(self, f"{name}_en") if get_language() == "en" else ""
        return english or getattr(self, name)

    @property
    def shown_title(self) -> str:
        return self._in_language("title")

    @property
    def shown_body(self) -> str:
        return self._in_language("body")

    @property
    def shown_context(self) -> str:
        return self._in_language("context")
