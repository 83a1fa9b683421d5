"""Renderers of a version: PDF, DOCX, standalone HTML and Markdown (being written)."""


def render(version, fmt: str) -> bytes:
    raise NotImplementedError(fmt)
