"""The approval's texts shown on /politica/ have an English field (see strategy/translation.py).

The policy itself is not translated: a version is the text the Technical Group published, in the
language it was written in. The official files are always rendered in Spanish
(`drafts.renditions.DOCUMENT_LANGUAGE`).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from drafts.models import Approval


@register(Approval)
class ApprovalTranslation(TranslationOptions):
    fields = ("approving_body", "notes", "notes_html")


# History is registered after the translation, so that each version records both languages (as
# django-simple-history's documentation asks for django-modeltranslation): the models declare none.
for _model in (Approval,):
    simple_history.register(_model)
