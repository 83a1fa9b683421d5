"""Writes on the PNDA: publishing versions and recording their renditions (`versions`), and the
approved policy's approval, adoptions and official files (`policy`)."""

from drafts.services.versions import (
    PUBLISH_PERMISSION,
    rendition_fail,
    rendition_store,
    sha256_of_upload,
    version_publish,
)

__all__ = [
    "PUBLISH_PERMISSION",
    "rendition_fail",
    "rendition_store",
    "sha256_of_upload",
    "version_publish",
]
