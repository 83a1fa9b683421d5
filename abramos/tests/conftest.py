"""Fixtures the tests of abramos share: a Technical Group member and an open consultation, the
consultation app's own (a published version with three sections, open for comments)."""

import pytest

from consultation.tests.conftest import (  # noqa: F401 (fixtures)
    consultation,
    tech_user,
    version,
)


@pytest.fixture
def staff(tech_user):  # noqa: F811 (the fixture, by name)
    return tech_user
