"""Reader stub: to be written."""

from generator.diagnostics import InputError, error
from generator.model import Record, SourceText


def read_ris(source: SourceText) -> list[Record]:
    """Every record in the file."""
    raise InputError(error(source.path, "this format is not supported yet"))
