"""Mexico's 32 entidades federativas, by INEGI code (cve_ent), from INEGI's catalogue.

The data file is a copy of the shared reference data (2020 census population). States are stored
by their two-digit code and shown by name; OUTSIDE_MEXICO is for people who live abroad.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

OUTSIDE_MEXICO = "EX"
_DATA = Path(__file__).resolve().parent / "data" / "entidades.csv"


@dataclass(frozen=True)
class State:
    code: str
    name: str
    abbreviation: str
    population: int


@cache
def states() -> tuple[State, ...]:
    with _DATA.open(encoding="utf-8") as fh:
        return tuple(
            State(row["cve_ent"], row["nom_ent"], row["nom_abr"], int(row["poblacion_2020"]))
            for row in csv.DictReader(fh)
        )


def state_choices(*, outside: bool = True) -> list[tuple[str, str]]:
    choices = [(state.code, state.name) for state in states()]
    if outside:
        choices.append((OUTSIDE_MEXICO, _("Outside Mexico")))
    return choices


def state_name(code: str) -> str:
    for state in states():
        if state.code == code:
            return state.name
    return str(_("Outside Mexico")) if code == OUTSIDE_MEXICO else ""
