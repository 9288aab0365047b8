"""Import and export formats: one module per format behind one small interface, in registries.

Importing this package registers the built-in readers.
"""

from annotator.formats import (  # noqa: F401  (registration)
    acled_csv,
    annotations_json,
    brat,
    brat_reader,
    conll,
    csvfile,
    doccano,
    inception,
    jsonl,
    labelstudio,
    labelstudio_reader,
    prodigy,
    spacy_docbin,
    text,
    webanno_tsv,
)
from annotator.formats.base import READERS, ArticleReader, ReadFailure, reader_for
from annotator.formats.registry import ANNOTATION_READERS, EXPORTERS, detect_format

__all__ = [
    "ANNOTATION_READERS",
    "EXPORTERS",
    "READERS",
    "ArticleReader",
    "ReadFailure",
    "detect_format",
    "reader_for",
]
