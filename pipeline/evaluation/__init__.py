"""Measuring the extractor and the warehouse against gold annotations (no Dagster here)."""
