"""Public names that would pass for the process itself are refused.

Anyone can choose the name shown beside their comments. A name such as "Grupo Técnico",
"Moderación", "Abramos México" or "Ana (oficial)" would make a comment read as the institution's
word, so sign-up and the profile refuse them (the Technical Group's answers carry a badge of their
own that no name can reproduce: templates/consultation/includes/comment.html). The comparison
ignores case, accents, spacing and punctuation, look-alike letters from other alphabets and digits
written for letters, so "GRUPO  TÉCNICO", "Grupo-Tecnico" and "Grupo T3cnico" are all caught.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from abramos.accounts.models import ANONYMOUS_NAME

# Whole words: refused wherever they stand in the name.
_RESERVED_WORDS = {
    "oficial", "oficiales", "official", "officials", "admin", "admins",
}  # fmt: skip
# Long enough to look for inside other words too (“Equipo de Moderadores”, “ModeraciónMX”).
_RESERVED_STEMS = ["moderacion", "moderador", "moderation", "moderator", "administrador",
                   "administrator"]  # fmt: skip
# Phrases, compared without spaces or punctuation ("grupotecnico" is found in "GrupoTécnico").
_RESERVED_PHRASES = [
    "grupo tecnico", "grupo impulsor", "grupo especializado", "technical group",
    "abramos mexico", "equipo del portal", "portal team", ANONYMOUS_NAME,
    "participante en sesion presencial",
]  # fmt: skip
# Letters from other alphabets that look like Latin ones, and digits written for letters.
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k",
        "ν": "v", "τ": "t", "ρ": "p", "т": "t", "м": "m", "к": "k", "в": "b", "н": "h",
        "ı": "i", "ł": "l", "ø": "o", "0": "o", "1": "i", "3": "e", "4": "a", "5": "s",
        "7": "t", "@": "a", "$": "s",
    }
)  # fmt: skip


def _plain(text: str) -> str:
    # Invisible characters (soft hyphens, zero-width joiners) would split a word unseen.
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.translate(_LOOKALIKES)


_SQUASHED_PHRASES = [re.sub(r"[^a-z]", "", _plain(phrase)) for phrase in _RESERVED_PHRASES]


def impersonates_the_process(name: str) -> bool:
    plain = _plain(name)
    if set(re.findall(r"[a-z]+", plain)) & _RESERVED_WORDS:
        return True
    squashed = re.sub(r"[^a-z]", "", plain)
    return any(phrase in squashed for phrase in [*_SQUASHED_PHRASES, *_RESERVED_STEMS])


def validate_public_name(name: str) -> None:
    if impersonates_the_process(name):
        raise ValidationError(
            _(
                "This name could be taken for the Technical Group, the moderators or the portal "
                "itself (words such as “Grupo Técnico”, “Moderación”, “Abramos México” or "
                "“oficial”). Choose another: the official answers carry a badge of their own."
            ),
            code="impersonation",
        )
