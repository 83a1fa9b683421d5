"""The admin of the translated process content (strategy/translation.py): one field per language,
labelled in words ("Nombre (español)", "Nombre (inglés)") instead of modeltranslation's codes
("Nombre [es-mx]"), and a word under each English field on what happens when it is left empty.
"""

from django.conf import settings
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

LANGUAGE_NAMES = {
    "es-mx": pgettext_lazy("the language of a field", "Spanish"),
    "en": pgettext_lazy("the language of a field", "English"),
}
IF_EMPTY = _("If you leave it empty, the English site shows the Spanish and says so.")


class _LabelledByLanguage:
    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if original is None:
            return
        language = LANGUAGE_NAMES[db_field.language]
        field.label = format_lazy("{} ({})", capfirst(original.verbose_name), language)
        if db_field.language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
            field.help_text = format_lazy("{} {}", field.help_text, IF_EMPTY).strip()


class BilingualAdmin(_LabelledByLanguage, TranslationAdmin):
    """A ModelAdmin for a translated model (combine with SimpleHistoryAdmin after it)."""


class BilingualTabularInline(_LabelledByLanguage, TranslationTabularInline):
    """A tabular inline of a translated model."""
