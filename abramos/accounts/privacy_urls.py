from django.urls import path

from abramos.accounts.views import PrivacyNoticeView

app_name = "privacy"

urlpatterns = [
    path("", PrivacyNoticeView.as_view(template_name="privacy/notice.html"), name="notice"),
    path(
        "simplificado/",
        PrivacyNoticeView.as_view(template_name="privacy/notice_simplified.html"),
        name="simplified",
    ),
]
