"""Errors the library raises on purpose, each with a message meant to be read by a person."""


class QuotesError(Exception):
    """Base class: the CLI prints these as one line, never as a traceback."""


class InputError(QuotesError):
    """A document that cannot be read (missing, not UTF-8, empty, not JSON)."""


class EngineUnavailable(QuotesError):
    """The chosen engine cannot run here: its package or its models are missing."""
