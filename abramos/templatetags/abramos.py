from django import template
from django.urls import Resolver404, resolve, translate_url
from django.utils import timezone

from abramos.money import format_mxn

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language: str) -> str:
    """The current page's address in another language."""
    request = context.get("request")
    home = "/" if language != "en" else "/en/"
    if request is None:
        return home
    # From the path alone, one leading slash: `//evil.example/` is an address on another host
    # for a browser, and translate_url keeps a host it is given.
    path = "/" + request.path.lstrip("/")
    try:
        resolve(path)
    except Resolver404:
        return home  # a page that does not exist has no translation: the other language's home
    query = request.META.get("QUERY_STRING", "")
    return translate_url(f"{path}?{query}" if query else path, language)


@register.filter(name="mxn")
def mxn_filter(amount) -> str:
    """An amount as Mexican pesos, exact to the centavo: `$1,234.56 MXN`."""
    return format_mxn(amount)


@register.filter(name="iso")
def iso_filter(moment) -> str:
    """A moment for `<time datetime>`: ISO 8601 to the second, in the site's zone with its offset.

    HTML allows at most three digits of a second, so Django's `date:'c'` (microseconds) is not
    valid there."""
    if moment is None or moment == "":
        return ""
    if hasattr(moment, "tzinfo") and hasattr(moment, "hour"):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()
