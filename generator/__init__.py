"""litreview: a static literature-review site generator for clinical evidence."""

__version__ = "0.1.0"
