"""Ingestion: files in, cleaned article records (and quarantine items) out. No Dagster here."""

from pipeline.ingest.folder import IngestBatch, ingest_files, ingest_folder, list_input_files
from pipeline.ingest.readers import DEFAULT_MAX_BYTES, content_hash, read_path
from pipeline.ingest.records import QUARANTINE_REASONS, Article, QuarantineItem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "QUARANTINE_REASONS",
    "Article",
    "IngestBatch",
    "QuarantineItem",
    "content_hash",
    "ingest_files",
    "ingest_folder",
    "list_input_files",
    "read_path",
]
