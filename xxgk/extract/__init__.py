"""Extractors: one module per file format, each turning bytes into the same ``Document``.

A Document is the text of a report as lines. Formats that carry real tables (HTML, DOCX, PDF)
will also hand over cell grids; recognition reads lines first, so every format goes through
the same recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.extract.text import bytes_to_text


@dataclass
class Document:
    """What an extractor hands to recognition."""

    lines: list[str]
    format: str = "text"
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)


def bytes_to_document(data: bytes, suffix: str = ".txt") -> Document:
    """Pick the extractor by the file's suffix (text for now) and run it."""
    text, encoding, problems = bytes_to_text(data)
    return Document(lines=text.splitlines(), format="text", encoding=encoding, problems=problems)
