"""Languages: Django's strings the portal translates differently, and process content that is not
translated yet.

Django's Spanish catalogue capitalises month names ("31 de Enero de 2024"); Spanish writes them
in lower case. Naming the msgids here keeps them in our catalogue, which takes precedence.
"""

from contextvars import ContextVar

from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as translated_language

MONTHS = (
    _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
    _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
)  # fmt: skip


# Process content in the other language -----------------------------------------------------------
#
# The translated fields (strategy/translation.py, drafts/translation.py) fall back to Spanish when
# their English is empty. While a page renders, every fallback is noted; the middleware then puts a
# notice where base.html leaves its marker, so the reader knows why part of the page is in Spanish.


class _Fallbacks:
    """Whether the page being rendered read a translated field in the other language."""

    seen = False


_fallbacks: ContextVar[_Fallbacks | None] = ContextVar(
    "abramos_translation_fallbacks", default=None
)
NOTICE_MARKER = b"<!--abramos:untranslated-->"


class _NotingDescriptor(TranslationFieldDescriptor):
    """modeltranslation's descriptor, which also notes when it answers in another language."""

    def __get__(self, instance, owner):
        value = super().__get__(instance, owner)
        noted = _fallbacks.get()
        if (
            instance is not None
            and noted is not None
            and not noted.seen
            and value not in ("", None)
        ):
            own = build_localized_fieldname(self.field.name, translated_language())
            if getattr(instance, own, None) in ("", None):
                noted.seen = True
        return value


def note_fallbacks() -> None:
    """Swap the descriptor of every translated field for one that notes its fallbacks (called
    once, from `AbramosConfig.ready()`, after modeltranslation registered the fields)."""
    for model in translator.get_registered_models(abstract=False):
        for name in translator.get_options_for_model(model).all_fields:
            current = model.__dict__.get(name)
            if isinstance(current, TranslationFieldDescriptor) and not isinstance(
                current, _NotingDescriptor
            ):
                noting = _NotingDescriptor(current.field)
                noting.__dict__.update(current.__dict__)
                setattr(model, name, noting)


def untranslated_notice(language: str) -> str:
    if language == "en":
        return gettext(
            "Part of this page has not been translated into English yet, and is shown in Spanish."
        )
    return gettext("Part of this page is only available in English for now.")


class UntranslatedNoticeMiddleware:
    """Replaces base.html's marker with a notice when the page read a field in the other
    language, and removes it otherwise. Inside the page cache, so a cached page keeps its notice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        noted = _Fallbacks()
        token = _fallbacks.set(noted)
        try:
            response = self.get_response(request)
        finally:
            _fallbacks.reset(token)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or NOTICE_MARKER not in response.content
        ):
            return response
        notice = b""
        if noted.seen:
            notice = format_html(
                '<div class="container"><p class="notice notice--info" id="sin-traduccion">'
                "{}</p></div>",
                untranslated_notice(get_language()),
            ).encode()
        response.content = response.content.replace(NOTICE_MARKER, notice, 1)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
