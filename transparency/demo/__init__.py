"""Demo content of the transparency app: the spending of the process, with receipts.

Loaded by `python manage.py load_demo` after strategy's demo (stages and activities). About three
hundred expenses across the three stages: venues, meals and streaming of each meeting and of the
regional forums in eight states, the Technical Group's travel, the design and writing of the
documents and drafts, the portal's hosting month by month, the Open Data Day space, the
publication in the Diario Oficial. Deterministic (seeded), amounts with centavos, each with a
small PDF receipt written by hand. Idempotent: nothing is written when any expense exists.
Fast: rows and their history are written with simple_history's `bulk_create_with_history`.
"""

from transparency.demo.loader import load

__all__ = ["load"]
