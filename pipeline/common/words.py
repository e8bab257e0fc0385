"""Word tokens as the project counts and compares them: runs of `\\w` characters.

The one home of the pattern that the extraction rules, the scorers, the benchmark, the model
card, ingestion's word counts and the report's search index share (a test fails when a module
compiles it again)::

    WORD_RE.findall("Peskov's “no comment”")   # ['Peskov', 's', 'no', 'comment']
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"\w+")
