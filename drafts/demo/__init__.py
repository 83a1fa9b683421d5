"""Demo content of the drafts app: the PNDA's five versions, its approval and adoptions."""

from drafts.demo.loader import load

__all__ = ["load"]
