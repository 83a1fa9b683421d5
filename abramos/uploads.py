"""Files people upload: what they may be, how large, and how the site gives them back.

The type of a file is read from its content (its first bytes, and for the zipped office formats
the names inside the archive), never from its name or the Content-Type the browser sent: a page of
HTML named `acta.pdf` is refused. Files the site serves back are always downloads
(`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`) with the Content-Type of
what the content really is, so a browser never renders an upload as a page of the site.

Stored uploads reach people only through the views that call `download_response` (documents,
receipts). The project routes nothing under MEDIA_URL and whitenoise serves only static files; a
deployment must not publish MEDIA_ROOT through the web server or a bucket's public URL, or the
headers above are lost.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
DOCUMENT_MAX_BYTES = 25 * MB  # defaults; settings UPLOAD_DOCUMENT_MAX_BYTES and
RECEIPT_MAX_BYTES = 10 * MB  # UPLOAD_RECEIPT_MAX_BYTES change them
_HEAD_BYTES = 8192  # enough to tell a text file from a binary or HTML one


@dataclass(frozen=True)
class Kind:
    name: str
    extensions: tuple[str, ...]
    content_type: str


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("pdf", (".pdf",), "application/pdf"),
        Kind(
            "docx",
            (".docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Kind(
            "xlsx", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        Kind(
            "pptx",
            (".pptx",),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        Kind("odt", (".odt",), "application/vnd.oasis.opendocument.text"),
        Kind("ods", (".ods",), "application/vnd.oasis.opendocument.spreadsheet"),
        Kind("odp", (".odp",), "application/vnd.oasis.opendocument.presentation"),
        Kind("csv", (".csv",), "text/csv; charset=utf-8"),
        Kind("text", (".txt", ".md"), "text/plain; charset=utf-8"),
    )
}

# What the process publishes as its documents: the strategy, minutes, methodology, reports
# (PDF and office files in both families) and data (CSV); plain text for notes.
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "text")
RECEIPT_KINDS = ("pdf",)

_OOXML = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def document_max_bytes() -> int:
    return getattr(settings, "UPLOAD_DOCUMENT_MAX_BYTES", DOCUMENT_MAX_BYTES)


def receipt_max_bytes() -> int:
    return getattr(settings, "UPLOAD_RECEIPT_MAX_BYTES", RECEIPT_MAX_BYTES)


def _read_head(file, size: int = _HEAD_BYTES) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        return file.read(size) or b""
    finally:
        file.seek(position)


def _zipped_kind(file) -> str | None:
    """DOCX/XLSX/PPTX or ODT/ODS/ODP, from the names inside the archive (nothing is unpacked but
    the ODF `mimetype` entry, a few dozen bytes)."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                kind = _ODF.get(archive.read("mimetype").strip())
                if kind:
                    return kind
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return None
    finally:
        file.seek(position)
    return None


def _text_kind(head: bytes) -> str | None:
    """UTF-8 text with no control bytes that does not start like markup: CSV or plain text."""
    if not head or b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The head may cut a multi-byte character in two: only its last bytes may fail.
        if error.start < len(head) - 3:
            return None
        text = head[: error.start].decode("utf-8")
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return None  # HTML, SVG or XML: what a browser would take for a page
    if any(ord(char) < 32 and char not in "\t\r\n\f" for char in text):
        return None
    return "text"


def detect(file) -> str | None:
    """The kind of a file, read from its content: "pdf", "docx", ..., "text", or None."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zipped_kind(file)
    return _text_kind(head)


def _kind_for_name(kind: str | None, name: str, kinds: tuple[str, ...]) -> str | None:
    """CSV and plain text have the same content; the extension tells them apart."""
    if kind == "text" and "csv" in kinds and PurePath(name).suffix.lower() == ".csv":
        return "csv"
    return kind


def _allowed_extensions(kinds: tuple[str, ...]) -> str:
    return ", ".join(ext.lstrip(".").upper() for kind in kinds for ext in KINDS[kind].extensions)


def validate_upload(file, *, kinds: tuple[str, ...], max_bytes: int) -> str:
    """Refuse an empty or too large file, or one whose content is not one of `kinds`, or whose
    name says another type than its content. Returns the kind."""
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError(_("The file is empty."), code="upload_empty")
    if size > max_bytes:
        raise ValidationError(
            gettext("The file weighs %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="upload_too_large",
        )
    name = getattr(file, "name", "") or ""
    kind = _kind_for_name(detect(file), name, kinds)
    if kind not in kinds:
        raise ValidationError(
            gettext("The content of this file is not one of the accepted types (%(types)s).")
            % {"types": _allowed_extensions(kinds)},
            code="upload_wrong_type",
        )
    if PurePath(name).suffix.lower() not in KINDS[kind].extensions:
        raise ValidationError(
            gettext(
                "The file’s name does not match its content, which is %(type)s. Rename it with "
                "the right extension (%(extensions)s)."
            )
            % {
                "type": kind.upper() if kind != "text" else gettext("plain text"),
                "extensions": ", ".join(KINDS[kind].extensions),
            },
            code="upload_name_mismatch",
        )
    return kind


def _is_new(file) -> bool:
    # A FieldFile already in storage was checked when it was uploaded.
    return not getattr(file, "_committed", False)


@deconstructible
class UploadValidator:
    """`validate_upload` as a form or model field validator; limits read at validation time, so
    settings (and tests) can change them."""

    def __init__(self, kinds: tuple[str, ...], limit_setting: str, default_limit: int):
        self.kinds = tuple(kinds)
        self.limit_setting = limit_setting
        self.default_limit = default_limit

    def __call__(self, file) -> None:
        if file and _is_new(file):
            limit = getattr(settings, self.limit_setting, self.default_limit)
            validate_upload(file, kinds=self.kinds, max_bytes=limit)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.limit_setting == other.limit_setting
            and self.default_limit == other.default_limit
        )


validate_document = UploadValidator(DOCUMENT_KINDS, "UPLOAD_DOCUMENT_MAX_BYTES", DOCUMENT_MAX_BYTES)

DOCUMENT_HELP = lazy(
    lambda: (
        gettext(
            "PDF, Word, Excel, PowerPoint, OpenDocument, CSV or plain text, up to %(size)s. Its type "
            "is read from its content, not from its name."
        )
        % {"size": filesizeformat(document_max_bytes())}
    ),
    str,
)()


def download_response(file, *, filename: str) -> FileResponse:
    """A stored upload as a download: attachment, nosniff, and the Content-Type of what the
    content is (application/octet-stream when it is none of the known kinds)."""
    if not file:
        raise Http404("No file")
    try:
        handle = file.open("rb")
    except OSError:
        raise Http404("The file is missing from storage") from None
    kind = _kind_for_name(detect(handle), filename, ("csv",))
    content_type = KINDS[kind].content_type if kind else "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A download is never a page: no script, no frame, no plug-in, whatever a browser guesses.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
