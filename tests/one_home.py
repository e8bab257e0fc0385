r"""The check behind every "one home" test: where, outside its home, a pattern is written again.

copies(re.compile(r"parents\[\d\] / "), PIPELINE, home=PIPELINE / "common" / "paths.py")
"""

from __future__ import annotations

import re
from pathlib import Path


def copies(pattern: re.Pattern[str], root: Path, home: Path | None = None) -> list[str]:
    """`path:line` of every line of a module under `root` (but `home`) that `pattern` finds."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == home:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(root.parent)}:{n}")
    return found
