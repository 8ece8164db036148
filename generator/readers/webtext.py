"""Reader for text pasted from a web page (stub: whole text as one block)."""

from generator.model import AbstractBlock, Record, SourceText


def read_webtext(source: SourceText) -> list[Record]:
    """The one record in a pasted page."""
    return [Record(source=source.path, blocks=(AbstractBlock(None, source.text.strip()),))]
