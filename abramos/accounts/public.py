"""What is public about a participant: the one definition.

Beside a comment the portal shows the person's public name and, only when they chose it in their
profile, their sector and their state. An in-person contribution shows the participant's name,
sector and state only when the participant agreed and staff recorded it; otherwise it is signed
"Participant at an in-person session". The page, the comment datasets, search results, e-mails,
the filters, the privacy notice and the sign-up form all read this module (a test holds them to
it: consultation/tests/test_public_profile.py). Counts by sector and state in the consultation
report use every profile, as the privacy notice says: they identify nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from abramos import geo

# Public name of an in-person contribution whose participant did not agree to be named.
IN_PERSON_NAME = _("Participant at an in-person session")

# The sentence the sign-up form, "Mis datos" and the privacy notice say about it.
PROMISE = _(
    "Beside your comments we show your public name and, only if you choose it below, your sector "
    "and your state. Your e-mail address and your organisation are never published. Sector and "
    "state are also counted in statistics that identify nobody."
)
NOTICE = _(
    "Your public name and your contributions are public: anyone can read them on the site, and "
    "they are published as open data as part of the record of the consultation. Your sector and "
    "your state are shown beside your name only if you choose so in your profile (off unless you "
    "turn them on). Your e-mail address and your organisation are never published."
)


@dataclass(frozen=True)
class PublicParticipant:
    name: str
    sector: str  # a Sector code, "" when not shown
    state: str  # an INEGI code, "" when not shown

    @property
    def sector_label(self) -> str:
        from abramos.accounts.models import Sector

        return str(Sector(self.sector).label) if self.sector else ""

    @property
    def state_name(self) -> str:
        return geo.state_name(self.state) if self.state else ""


def of_account(
    *, name: str, sector: str, state: str, show_sector: bool, show_state: bool, anonymised: bool
) -> PublicParticipant:
    if anonymised:  # a deleted account: its contributions stay, signed by nobody
        from abramos.accounts.models import ANONYMOUS_NAME

        return PublicParticipant(name=ANONYMOUS_NAME, sector="", state="")
    return PublicParticipant(
        name=name, sector=sector if show_sector else "", state=state if show_state else ""
    )


def of_in_person(*, name: str, sector: str, state: str, consented: bool) -> PublicParticipant:
    if not consented:
        return PublicParticipant(name=str(IN_PERSON_NAME), sector="", state="")
    return PublicParticipant(name=name or str(IN_PERSON_NAME), sector=sector, state=state)
