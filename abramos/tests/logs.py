"""What the portal's own log handler (settings.LOGGING, JSON in the tests) writes meanwhile."""

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from abramos.logs import JsonFormatter


@contextmanager
def log_lines() -> Iterator[list[dict]]:
    """Yields a list that holds, once the block is over, every line written, each parsed (a
    line that is not one JSON object fails the test)."""
    handler = next(
        h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)
    )
    stream, lines = io.StringIO(), []
    previous = handler.setStream(stream)
    try:
        yield lines
    finally:
        handler.setStream(previous)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines())
