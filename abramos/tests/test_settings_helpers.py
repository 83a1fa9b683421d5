"""The settings helpers refuse a value they do not understand (as healthchecks does), instead of
reading `DEBUG=ture` as off or failing later with a bare ValueError."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from abramos.settings import env_bool, env_float, env_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("ON", True),
     ("0", False), ("false", False), ("no", False), ("Off", False)],
)  # fmt: skip
def test_env_bool_reads_yes_and_no(monkeypatch, value, expected):
    monkeypatch.setenv("ABRAMOS_TEST_FLAG", value)
    assert env_bool("ABRAMOS_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_an_empty_or_missing_value_takes_the_default(monkeypatch, default):
    monkeypatch.delenv("ABRAMOS_TEST_FLAG", raising=False)
    assert env_bool("ABRAMOS_TEST_FLAG", default) is default
    monkeypatch.setenv("ABRAMOS_TEST_FLAG", " ")
    assert env_bool("ABRAMOS_TEST_FLAG", default) is default


@pytest.mark.parametrize("value", ["ture", "2", "enabled", "si"])
def test_env_bool_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("ABRAMOS_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="ABRAMOS_TEST_FLAG"):
        env_bool("ABRAMOS_TEST_FLAG")


def test_env_int_reads_a_whole_number_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("ABRAMOS_TEST_NUMBER", " 42 ")
    assert env_int("ABRAMOS_TEST_NUMBER", 7) == 42
    monkeypatch.setenv("ABRAMOS_TEST_NUMBER", "")
    assert env_int("ABRAMOS_TEST_NUMBER", 7) == 7
    for bad in ("10s", "1.5", "ten"):
        monkeypatch.setenv("ABRAMOS_TEST_NUMBER", bad)
        with pytest.raises(ImproperlyConfigured, match="whole number"):
            env_int("ABRAMOS_TEST_NUMBER", 7)


def test_env_float_reads_seconds_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("ABRAMOS_TEST_SECONDS", " 0.25 ")
    assert env_float("ABRAMOS_TEST_SECONDS", 1.0) == 0.25
    monkeypatch.setenv("ABRAMOS_TEST_SECONDS", "")
    assert env_float("ABRAMOS_TEST_SECONDS", 1.0) == 1.0
    for bad in ("0.5s", "half", "1,5"):
        monkeypatch.setenv("ABRAMOS_TEST_SECONDS", bad)
        with pytest.raises(ImproperlyConfigured, match="number of seconds"):
            env_float("ABRAMOS_TEST_SECONDS", 1.0)
