"""Demo content of the strategy app: the construction process as the seeds describe it."""

from strategy.demo.loader import load

__all__ = ["load"]
