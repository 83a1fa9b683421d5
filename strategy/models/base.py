"""What the models of the process share: a Markdown description rendered on save."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from abramos.markup import RenderedMarkdown

_MARKDOWN_HELP = _("Markdown: **bold**, *italics*, lists and links.")


class _MarkdownDescription(RenderedMarkdown, models.Model):
    """A `description` written in Markdown and its sanitised HTML, rendered on every save."""

    description = models.TextField(_("description"), blank=True, help_text=_MARKDOWN_HELP)
    description_html = models.TextField(editable=False, blank=True)

    markdown_fields = {"description": "description_html"}

    class Meta:
        abstract = True
