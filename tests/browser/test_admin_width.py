"""The admin's list pages fit a 1280 px screen: no column pushes the page sideways."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from playwright.sync_api import Page

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_every_admin_list_fits_1280_px(portal, page: Page):
    get_user_model().objects.create_superuser("raiz@example.mx", "clave-segura-123")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=get_user_model().objects.get(email="raiz@example.mx"),
        email="raiz@example.mx",
        verified=True,
        primary=True,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, portal.url, "raiz@example.mx", "clave-segura-123", "/admin/")
    too_wide = []
    for model in admin.site._registry:
        path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = page.goto(portal.url + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 1280:
            too_wide.append(f"{path}: {width} px")
    assert too_wide == []
