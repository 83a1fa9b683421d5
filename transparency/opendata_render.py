"""CSV and JSON writers for the datasets of `abramos.opendata`, as generators of bytes.

Both read `dataset.rows()` once, lazily, and yield a chunk every few hundred rows, so a
`StreamingHttpResponse` sends a dataset of any size in constant memory. The same value is
written the same way in both formats, following Mexico's open data guide:

| value    | CSV                         | JSON                          |
| -------- | --------------------------- | ----------------------------- |
| None     | empty cell                  | null                          |
| bool     | true / false                | true / false                  |
| int      | digits                      | number                        |
| Decimal  | its exact digits, `1234.50` | number with those same digits |
| date     | 2025-03-01                  | "2025-03-01"                  |
| datetime | 2025-03-01T18:30:00Z (UTC)  | "2025-03-01T18:30:00Z"        |
| str      | as is (but see below)       | string                        |

A text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written in the CSV with
an apostrophe before it (OWASP's advice on CSV injection): a spreadsheet would otherwise run it as
a formula (`=HYPERLINK(...)` in a comment). The JSON keeps every text exact; the data dictionary
of each dataset says so.

Decimal never goes through float: the digits are the ones stored, so no centavo is lost. The
JSON document is a plain array of objects (one per row, keys in field order): the shape
Frictionless and most tools read directly; the description of the data is in
`/datos/datapackage.json` and `/datos/data.json`, not repeated in every file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import translation

from abramos.opendata import Dataset, csv_text

# Rows per chunk: large enough that the response is not a stream of tiny writes, small enough
# that memory stays flat.
CHUNK_ROWS = 500


def _datetime_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("Datasets give aware datetimes only")
    value = value.astimezone(dt.UTC).replace(microsecond=0)
    return value.isoformat().replace("+00:00", "Z")


def _decimal_text(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"Not a finite amount: {value}")
    return format(value, "f")  # exact digits, never exponent notation


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, dt.datetime):  # before date: datetime is a date
        return _datetime_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"Datasets hold plain values, not {type(value).__name__}")


def json_value(value: Any) -> str:
    """The JSON text of one value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _decimal_text(value)  # a JSON number with the stored digits
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return f'"{_datetime_text(value)}"'
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"'
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"Datasets hold plain values, not {type(value).__name__}")


def _in_spanish(rows: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    """The rows as the record keeps them, in Spanish, whatever the language of the address
    (`/en/datos/etapas.csv` too): a reuser gets the same file from both, and the translated
    fields (strategy/translation.py) give their Spanish text. Each row is read under the override,
    and nothing else runs in between, so the language does not leak into the response."""
    iterator = iter(rows)
    while True:
        with translation.override(settings.LANGUAGE_CODE):
            row = next(iterator, None)
        if row is None:
            return
        yield row


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    chunk = []
    for row in _in_spanish(rows):
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def iter_csv(dataset: Dataset, *, chunk_rows: int = CHUNK_ROWS) -> Iterator[bytes]:
    """UTF-8 CSV (no BOM), CRLF line ends (RFC 4180), a header of the field names."""
    names = dataset.field_names
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    yield buffer.getvalue().encode("utf-8")
    for chunk in _chunks(dataset.rows(), chunk_rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([csv_value(row.get(name)) for name in names] for row in chunk)
        yield buffer.getvalue().encode("utf-8")


def iter_json(dataset: Dataset, *, chunk_rows: int = CHUNK_ROWS) -> Iterator[bytes]:
    """A JSON array of objects, one per line, UTF-8."""
    keys = [(name, json.dumps(name, ensure_ascii=False)) for name in dataset.field_names]
    separator = "[\n"
    for chunk in _chunks(dataset.rows(), chunk_rows):
        parts = []
        for row in chunk:
            body = ", ".join(f"{key}: {json_value(row.get(name))}" for name, key in keys)
            parts.append(f"{separator}{{{body}}}")
            separator = ",\n"
        yield "".join(parts).encode("utf-8")
    yield b"[]\n" if separator == "[\n" else b"\n]\n"
