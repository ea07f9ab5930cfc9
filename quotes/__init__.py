"""quotes: who said what, and where they said it.

    >>> import quotes
    >>> result = quotes.extract('"We will rebuild," the mayor said in a statement.')
    >>> result.quotes[0].text
    'We will rebuild,'

`extract(text)` uses a shared fast extractor; build `Extractor(...)` once for pipelines
(`engine="stanza"` for the parser-based engine, `kb=` for a knowledge base).
"""
__version__ = "0.1.0"

from .model import Channel, Entity, Quote, Result, SchemaError, Span  # noqa: E402
from .pipeline import Extractor, extract  # noqa: E402

__all__ = ["extract", "Extractor", "Result", "Quote", "Entity", "Channel", "Span", "SchemaError", "__version__"]
