"""Demo content of the consultation: the digital public consultation of the third draft.

Loaded by `python manage.py load_demo` after the drafts app's demo (it publishes the versions).
Opens a two-month consultation on the third draft around Open Data Day 2023 (4 March – 4 May
2023), with comments and replies from demo people of every sector and many states, in-person
sessions in several states with their contributions, answers of each outcome by the Technical
Group, a few comments hidden by moderation, and supports. Idempotent: nothing is written when the
consultation already exists. Fast: rows are written with bulk_create (Markdown rendered here,
since bulk_create skips `save()`), so none of the demo people receives an e-mail.
"""

from consultation.demo.loader import load

__all__ = ["load"]
