"""The client's address behind our load balancer (abramos/http.py), for our limits and allauth's."""

import pytest
from django.test import RequestFactory

from abramos.accounts.adapter import AccountAdapter
from abramos.http import client_ip

BALANCER = "10.0.0.9"


def _request(forwarded: str | None = None):
    extra = {"REMOTE_ADDR": BALANCER}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "203.0.113.5", BALANCER),  # no proxy of ours: the header is anybody's
        (1, None, BALANCER),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the left entry was typed by the client
        (2, "198.51.100.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", BALANCER),  # fewer hops than proxies: not forwarded by ours
        (1, "no-es-una-direccion", BALANCER),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_from_the_trusted_proxies_only(
    settings, trusted, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = trusted
    assert client_ip(_request(forwarded)) == expected


def test_allauth_counts_the_same_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = _request("198.51.100.1, 203.0.113.5")
    assert AccountAdapter().get_client_ip(request) == "203.0.113.5"


@pytest.mark.django_db
def test_behind_the_balancer_each_visitor_has_their_own_contact_limit(client, settings):
    from transparency.tests.test_contact import GOOD

    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONTACT_RATE_LIMIT = (1, 600)

    def post(forwarded):
        return client.post(
            "/contacto/", GOOD, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert post("203.0.113.5") == 302
    assert post("203.0.113.5") == 429
    assert post("203.0.113.6") == 302  # another visitor, same balancer
    assert post("198.51.100.77, 203.0.113.5") == 429  # a forged entry does not reset the count


@pytest.mark.django_db
def test_behind_the_balancer_failed_log_ins_are_counted_per_visitor(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    too_many = str(AccountAdapter.error_messages["too_many_login_attempts"])

    def refused_as_too_many(forwarded: str, n: int) -> bool:
        data = {"login": f"nadie{n}@example.org", "password": "no-es-esta"}
        response = client.post(
            "/cuenta/login/", data, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=forwarded
        )
        assert response.status_code == 200
        return too_many in response.context["form"].non_field_errors()

    # allauth allows 10 failed log-ins a minute from one address.
    assert not any(refused_as_too_many("203.0.113.5", n) for n in range(10))
    assert refused_as_too_many("203.0.113.5", 10)
    assert not refused_as_too_many("203.0.113.6", 11)
