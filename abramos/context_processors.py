from django.conf import settings

from abramos import demo
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
