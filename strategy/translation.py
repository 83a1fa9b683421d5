"""The process content that has an English field beside the Spanish one (django-modeltranslation).

Each field listed here gets `<field>_es_mx` and `<field>_en` columns, which staff fill in the
admin; reading `<field>` gives the visitor's language and falls back to the other one
(`MODELTRANSLATION_FALLBACK_LANGUAGES`), and `abramos.i18n` tells the page when it did. A
Markdown source and its HTML are both listed, so each language renders its own
(`abramos.markup.RenderedMarkdown`). Names of people and organisations are not translated.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from strategy.models import Action, Activity, Document, Stage, ThematicTable, WorkingGroup


@register(Stage)
class StageTranslation(TranslationOptions):
    fields = ("name", "months", "description", "description_html")


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "purpose", "description", "description_html")


@register(ThematicTable)
class ThematicTableTranslation(TranslationOptions):
    fields = ("name", "description", "description_html")


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "place", "description", "description_html")


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("title", "description", "description_html")


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "description")


# History is registered after the translation, so that each version records both languages (as
# django-simple-history's documentation asks for django-modeltranslation): the models declare none.
for _model in (Stage, WorkingGroup, ThematicTable, Activity, Action, Document):
    simple_history.register(_model)
