"""Import and export formats: one module per format behind one small interface, in registries.

Importing this package registers the built-in readers.
"""

from annotator.formats import csvfile, jsonl, text  # noqa: F401  (registration)
from annotator.formats.base import READERS, ArticleReader, ReadFailure, reader_for

__all__ = ["READERS", "ArticleReader", "ReadFailure", "reader_for"]
