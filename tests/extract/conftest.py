"""Shared fixtures for the extraction tests: one extractor (and model load) per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.common.settings import Settings
from pipeline.extract import Extractor
from pipeline.extract.records import Claim


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path of ../shared, or $NEWSCLAIMS_SHARED (may not exist: tests using it skip)."""
    return Settings.from_env().shared_dir


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def claims_of(extractor: Extractor):
    """Function: text -> list of claims (cached per text)."""
    cache: dict[str, list[Claim]] = {}

    def run(text: str) -> list[Claim]:
        if text not in cache:
            cache[text] = extractor.extract_text(text, "t").claims
        return cache[text]

    return run


def _find_claim(claims: list[Claim], content_part: str) -> Claim:
    """The claim whose content contains `content_part` (fails the test if none)."""
    for c in claims:
        if content_part in c.content:
            return c
    raise AssertionError(
        f"no claim with content containing {content_part!r}; got {[c.content for c in claims]}"
    )


@pytest.fixture(scope="session")
def find_claim():
    """Function: (claims, content substring) -> the claim containing it."""
    return _find_claim
