"""The reference rendering backend: deterministic torch scenes with real cameo faces and synchronised sound."""

from .renderer import ReferenceRenderer

__all__ = ["ReferenceRenderer"]
