"""The evaluation tools run the real extractor: reuse the extraction tests' session fixtures."""

from tests.extract.conftest import extractor, shared  # noqa: F401
