"""The error classes of `analysis_errors` on a real sentence and hand-made predictions."""

from __future__ import annotations

from pipeline.evaluation.analysis import GoldArticle
from pipeline.evaluation.analysis_errors import errors, mention_class

TEXT = (
    'Harry M. Reid (D-Nev.) blasted Rubio in a recent interview with The Post. "It shows a '
    'lack of character in my opinion," he said.'
)
ACTORS = [
    {"name": "Harry M. Reid", "type": "person", "mentions": ["Reid"]},
    {"name": "Marco Rubio", "type": "person", "mentions": ["Rubio"]},
    {"name": "Washington Post", "type": "organisation", "mentions": ["The Post"]},
]
GOLD_CLAIM = {
    "content": '"It shows a lack of character in my opinion,"',
    "speaker": "Harry M. Reid",
    "speaker_mention": "he",
    "reported_by": "Washington Post",
}


def test_mention_classes() -> None:
    assert mention_class("he") == "pronoun"
    assert mention_class("the Senate minority leader") == "role noun"
    assert mention_class("economists") == "role noun"
    assert mention_class("Harry M. Reid (D-Nev.)") == "name"
    assert mention_class(None) == "none"


def test_a_wrong_pronoun_speaker_and_a_missing_outlet_are_classed() -> None:
    gold = GoldArticle("a", TEXT, [GOLD_CLAIM], ACTORS)
    pred = {**GOLD_CLAIM, "speaker": "Marco Rubio", "speaker_mention": "he", "reported_by": None}
    found = errors([gold], {"a": {"claims": [pred]}})
    assert [c for c, _ in found["speaker"]] == ["pronoun: other actor"]
    assert [c for c, _ in found["reported_by"]] == ["missing"]


def test_right_labels_are_no_errors() -> None:
    gold = GoldArticle("a", TEXT, [GOLD_CLAIM], ACTORS)
    pred = {**GOLD_CLAIM, "speaker": "Reid", "reported_by": "The Post"}
    assert errors([gold], {"a": {"claims": [pred]}}) == {"speaker": [], "reported_by": []}
