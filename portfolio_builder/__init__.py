"""portfolio-builder: a static-site generator for verifiable Open Badges portfolios."""

__version__ = "0.1.0"
