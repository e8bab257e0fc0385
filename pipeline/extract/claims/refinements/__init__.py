"""The refinements stage: passes over all candidates, in order, before the decision: sentence
constructions the parse gets wrong, then quotations attached to their claims::

    for refine in REFINEMENTS:
        refine(ctx, drafts)          # in place
"""

from __future__ import annotations

from collections.abc import Callable

from ..context import ArticleContext
from ..draft import Draft
from .constructions import parenthetical_cues, tail_cues
from .quotes import attach_quotes

# Refinements run in this order on all candidates (in place) before the decision.
REFINEMENTS: tuple[Callable[[ArticleContext, list[Draft]], None], ...] = (
    tail_cues,
    parenthetical_cues,
    attach_quotes,
)
