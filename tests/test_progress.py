"""The extraction progress line: rate and time left, drawn only on a terminal."""

import io

from pipeline.run.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_describe_gives_rate_and_time_left():
    progress = Progress(total=100, unit="articles", stream=io.StringIO())
    progress.started -= 10  # ten seconds ago
    progress.update(25)
    text = progress.describe()
    assert text.startswith("25/100 articles, 2.5 articles/s")
    assert "about 30 s left" in text
    progress.update(75)
    assert "done in 10 s" in progress.describe()


def test_bar_is_drawn_on_a_terminal_for_long_loops_only():
    terminal = _Terminal()
    progress = Progress(total=50, unit="articles", stream=terminal, interval_s=0)
    progress.update(10)
    assert "[#" in terminal.getvalue() and "10/50 articles" in terminal.getvalue()

    short = _Terminal()
    Progress(total=3, unit="articles", stream=short, interval_s=0).update(1)
    assert short.getvalue() == ""

    piped = io.StringIO()
    Progress(total=50, unit="articles", stream=piped, interval_s=0).update(10)
    assert piped.getvalue() == ""  # logs carry the rate instead of a bar
