"""quotes: who said what, and where they said it."""
__version__ = "0.1.0"
