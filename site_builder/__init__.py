"""site-builder: a static-site generator for archives of the press."""

__version__ = "0.1.0"
