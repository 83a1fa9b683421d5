from django.conf import settings

from abramos import demo, reader_pages
from abramos.accounts import public


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        # What is shown beside a name, said the same way wherever it is said (accounts/public.py).
        "PUBLIC_PROFILE_PROMISE": public.PROMISE,
        "PUBLIC_PROFILE_NOTICE": public.NOTICE,
        # Called by the template only where it is read (the banner in base.html).
        "DEMO_SITE": demo.demo_loaded,
    }


def shared_page_tokens(request):
    """While a page is rendered to be shared by signed-in readers (abramos.reader_pages), every
    `{% csrf_token %}` writes the placeholder that each reader's own token replaces, and no
    message is shown (each reader's own go into the page's `mensajes` slot)."""
    if reader_pages.shared(request):
        return {"csrf_token": reader_pages.placeholders()[0], "messages": ()}
    return {}
