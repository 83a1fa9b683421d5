"""The construction process of the National Open Data Policy: its stages and activities, the
documents they produce, the immediate actions, and who takes part (working groups, thematic
tables, people and their organisations), and the offers to collaborate.

Names, titles and descriptions are written by the Technical Group, in Spanish and in English
(strategy/translation.py); the labels around them go through gettext. Markdown is rendered once,
in `save()`, into `*_html` fields, one per language.

One module per part (`process`, `participants`, `collaboration`); import from here.
"""

from strategy.models.collaboration import MEXICO, CollaborationOffer, CollaborationOfferQuerySet
from strategy.models.participants import Membership, MembershipQuerySet, Organisation, Person
from strategy.models.process import (
    Action,
    Activity,
    ActivityQuerySet,
    Document,
    DocumentQuerySet,
    Progress,
    Stage,
    StageQuerySet,
    ThematicTable,
    WorkingGroup,
)

__all__ = [
    "MEXICO",
    "Action",
    "Activity",
    "ActivityQuerySet",
    "CollaborationOffer",
    "CollaborationOfferQuerySet",
    "Document",
    "DocumentQuerySet",
    "Membership",
    "MembershipQuerySet",
    "Organisation",
    "Person",
    "Progress",
    "Stage",
    "StageQuerySet",
    "ThematicTable",
    "WorkingGroup",
]
