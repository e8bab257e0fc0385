"""Passes over the candidates, in order: sentence constructions, quotation attachment, the
decision (which candidates become claims), then labels on the decided claims."""

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
