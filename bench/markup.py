"""How long the renderer takes on the worst texts a person can write (abramos/markup.py).

    .venv/bin/python bench/markup.py            # the renderer as it is
    .venv/bin/python bench/markup.py --before   # also the renderer as it was (Python-Markdown
                                                # and bleach unbounded), each input capped at 30 s

Renders every input of the corpus of consultation/tests/test_markup_cost.py (10,000 characters
each, the comment limit) three times and prints the slowest of the three, in milliseconds of CPU,
and whether the comment service would refuse it. No database or service is needed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")
os.environ.setdefault("DEBUG", "1")  # no SECRET_KEY needed to measure

_BEFORE = """
import sys, time, markdown, bleach
from functools import partial
from bleach.linkifier import LinkifyFilter
sys.setrecursionlimit(1000)
text = sys.stdin.read()
from abramos.markup import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS
cleaner = bleach.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                         protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True,
                         filters=[partial(LinkifyFilter, skip_tags={"pre", "code"})])
started = time.thread_time()
try:
    cleaner.clean(markdown.markdown(text, extensions=["tables", "sane_lists"]))
    outcome = ""
except RecursionError:
    outcome = "RecursionError (a 500)"
print(f"{(time.thread_time() - started) * 1000:.0f}|{outcome}")
"""


def _before(text: str) -> str:
    try:
        result = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", _BEFORE], input=text, capture_output=True, text=True,
            timeout=30, cwd=ROOT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return "> 30,000"
    ms, outcome = result.stdout.strip().split("|")
    return f"{int(ms):,}" + (f" {outcome}" if outcome else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from abramos.markup import _render, markup_problems
    from consultation.tests.test_markup_cost import CORPUS

    rows = []
    for name, text in CORPUS.items():
        slowest = 0.0
        for _ in range(3):
            _render.cache_clear()
            started = time.thread_time()
            _render(text)
            slowest = max(slowest, time.thread_time() - started)
        refused = "refused" if markup_problems(text) else "stored"
        rows.append(
            (name, len(text), slowest * 1000, refused, _before(text) if args.before else "")
        )
    width = max(len(row[0]) for row in rows)
    print(f"{'input':{width}}  chars   after ms  service  {'before ms' if args.before else ''}")
    for name, length, ms, refused, before in rows:
        print(f"{name:{width}}  {length:6,}  {ms:8.1f}  {refused:7}  {before}")
    worst = max(rows, key=lambda row: row[2])
    print(f"slowest after: {worst[0]} ({worst[2]:.0f} ms)")


if __name__ == "__main__":
    main()
