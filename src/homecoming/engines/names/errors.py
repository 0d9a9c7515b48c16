"""Exceptions of the names engine: one base class, so callers can catch the engine."""


class NamesError(Exception):
    """Base exception of :mod:`homecoming.engines.names`."""


class UnknownSchemeError(NamesError, ValueError):
    """A transliteration scheme was asked for by a name the engine does not know."""


class NameTableError(NamesError):
    """The packaged given-name table is malformed (a packaging bug, not bad input)."""
