"""Quotation span detection (no model needed)."""

from pipeline.extract.quotes import find_quotes, quote_at


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_quotes():
    text = '“We are ready,” she said. He added: "Not yet."'
    assert _texts(text) == ["“We are ready,”", '"Not yet."']


def test_doubled_apostrophe_quotes():
    text = "Mr. Smith called it ''a disaster,'' and left."
    assert _texts(text) == ["''a disaster,''"]


def test_apostrophes_are_not_quotes():
    text = "The mayor’s plan isn’t new, ‘they say’ in Kyiv’s cafés."
    assert _texts(text) == ["‘they say’"]


def test_multi_paragraph_quote_is_grouped():
    text = "“First paragraph of the quote.\n\n“Second paragraph,” he said.\n\nNot quoted."
    quotes = find_quotes(text)
    assert len(quotes) == 2
    assert quotes[0].group == quotes[1].group
    assert not quotes[0].closed and quotes[1].closed


def test_separate_quotes_get_separate_groups():
    quotes = find_quotes('"One," he said. "Two."')
    assert [q.group for q in quotes] == [0, 1]


def test_quote_at():
    text = 'He said "yes" today.'
    quotes = find_quotes(text)
    assert quote_at(quotes, text.index("yes"), text.index("yes") + 3) == quotes[0]
    assert quote_at(quotes, 0, 2) is None


def test_closing_mark_opening_a_paragraph():
    text = "”Fear. I am afraid.” ― Ed\nNext."
    assert _texts(text) == ["”Fear. I am afraid.”"]
